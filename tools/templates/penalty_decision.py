"""行政处罚决定书 template (行政处罚法 第五十九条; DOMAIN.md §6 payment and remedies wording).

Amounts come from the ``money`` / ``money_cn`` filters (figures and capital Chinese), never typed.
"""

from kit import (
    SIZE_3,
    header_line,
    labeled,
    multiline,
    new_document,
    number_line,
    page_number_footer,
    rich,
    save,
    seal_block,
    spacer,
    tag_paragraph,
    title,
)

from templates.filters import cn_num
from validators.rulebook import (
    AMOUNT_KINDS,
    LATE_FEE_RATE_PER_DAY,
    LITIGATION_PERIOD_TEXT,
    PENALTY_KINDS,
    PERIODS,
    RECONSIDERATION_DAYS_TEXT,
)

YOU = '{% if object.type == "person" %}你{% else %}你单位{% endif %}'
FINES = '{%p if penalties|selectattr("kind", "equalto", "fine")|list %}'
BODY = {"indent_chars": 2, "size": SIZE_3}
#: ``["fine", "confiscate_income"]`` — the kinds printed with an amount, in the rulebook's order.
AMOUNT = "[" + ", ".join(f'"{k}"' for k in PENALTY_KINDS if k in AMOUNT_KINDS) + "]"
PAYMENT_DAYS = cn_num(PERIODS["payment"].amount)
LATE_FEE_PERCENT = cn_num(int(LATE_FEE_RATE_PER_DAY * 100))


def build():
    doc = new_document(body_size=SIZE_3, line_pt=29)
    header_line(doc, size=SIZE_3)
    title(doc, "行政处罚决定书")
    number_line(doc, size=SIZE_3)
    tag_paragraph(doc, '{%p if object.type == "person" %}')
    labeled(doc, [("被处罚人", "{{ object.name|blank(8) }}"), ("性别", "{{ object.gender|blank(2) }}")], size=SIZE_3)
    labeled(doc, [("身份证号码", "{{ object.id_no|blank(12) }}")], size=SIZE_3)
    labeled(doc, [("住址", "{{ object.address|blank(16) }}")], size=SIZE_3)
    tag_paragraph(doc, "{%p else %}")
    labeled(doc, [("被处罚单位", "{{ object.name|blank(14) }}")], size=SIZE_3)
    labeled(doc, [("地址", "{{ object.address|blank(16) }}")], size=SIZE_3)
    labeled(doc, [("统一社会信用代码", "{{ object.uscc|blank(12) }}")], size=SIZE_3)
    labeled(doc, [("法定代表人（负责人）", "{{ object.legal_rep|blank(4) }}"), ("职务", "{{ object.title|blank(4) }}")],
            size=SIZE_3)
    tag_paragraph(doc, "{%p endif %}")
    multiline(doc, "违法事实：", "facts", size=SIZE_3)
    rich(doc, ["以上事实有以下证据证明："], **BODY)
    tag_paragraph(doc, "{%p for line in evidence|lines %}")
    rich(doc, ["{{ line }}"], **BODY)
    tag_paragraph(doc, "{%p endfor %}")
    rich(doc, [YOU + "的上述行为违反了{{ violated }}的规定，依据{{ basis }}的规定，本机关决定给予" + YOU
               + "以下行政处罚："], **BODY)
    tag_paragraph(doc, "{%p for p in penalties %}")
    rich(doc, ['{{ loop.index|cn_num }}、'
               '{% if p.kind == "other" %}{{ p.description }}{% else %}{{ p.kind|penalty_kind }}'
               '{% if p.kind in ' + AMOUNT + ' %}{{ p.amount|money_cn }}（￥{{ p.amount|money }}）{% endif %}'
               '{% if p.description %}{% if p.kind in ' + AMOUNT + ' %}，{% else %}：{% endif %}'
               '{{ p.description }}{% endif %}{% endif %}{% if loop.last %}。{% else %}；{% endif %}'], **BODY)
    tag_paragraph(doc, "{%p endfor %}")
    tag_paragraph(doc, FINES)
    rich(doc, [f"罚款自收到本决定书之日起{PAYMENT_DAYS}日内缴至", ("{{ payment.bank|blank(8) }}", {"u": True}),
               "{% if payment.account_name %}（户名：{{ payment.account_name }}，账号：{{ payment.account }}）"
               "{% else %}（账号：{{ payment.account }}）{% endif %}"
               f"。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之{LATE_FEE_PERCENT}加处罚款，加处罚款的数额不超出罚款的数额。"],
         **BODY)
    tag_paragraph(doc, "{%p endif %}")
    rich(doc, ["{% if remedies.text %}{{ remedies.text }}{% else %}如不服本决定，可以在收到本决定书之日起"
               f"{RECONSIDERATION_DAYS_TEXT}内依法向{{{{ remedies.reconsideration_body|blank(6) }}}}申请行政复议，"
               f"或者在{LITIGATION_PERIOD_TEXT}内依法向{{{{ remedies.court|blank(6) }}}}"
               "提起行政诉讼，但本决定不停止执行，法律另有规定的除外。{% endif %}"], **BODY)
    spacer(doc, 29)
    seal_block(doc, size=SIZE_3)
    page_number_footer(doc.sections[0], style="official")
    return save(doc, "penalty_decision")
