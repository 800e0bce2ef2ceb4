"""行政处罚听证告知书 (应急听告; 2016 式样 第26页): the facts, evidence, articles and proposed penalty, and the
right to a hearing asked for within 5 days (行政处罚法 第六十三条、第六十四条第（一）项 — the 式样's 第四十二条 and
3 日 are the law of 1996). The hearing's time and place are the 听证会通知书's (``hearing_meeting_notice``)."""

from _form_kit import body, control, copies_note, document, notice_footer, paragraph, receipt_line, seal, you
from kit import save

from templates.filters import cn_num
from validators.rulebook import PERIODS


def build():
    days = cn_num(PERIODS["hearing_request"].amount)
    doc = document("行政处罚听证告知书")
    paragraph(doc, "{{ object.name }}：")
    body(doc, "现查明，" + you("object") + "存在下列行为：")
    body(doc, "{{ facts|replace('现查明，', '', 1) }}")
    body(doc, "以上事实主要证据如下：{{ evidence }}。")
    body(doc, "以上行为违反了{{ violated }}的规定，依据{{ applied }}的规定，拟对" + you("object") + "作出")
    control(doc, "for p in penalties")
    body(doc, "{{ loop.index }}．{{ p|penalty_phrase }}{% if loop.last %}{% else %}；{% endif %}")
    control(doc, "endfor")
    body(doc, "的行政处罚。", indent=False)
    body(doc, "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，" + you("object") + "有要求举行听证的权利。如"
              + you("object") + f"要求举行听证，请在接到本告知书之日起{days}日内向{{{{ agency }}}}提出书面听证申请。"
              "逾期不提出申请的，视为放弃听证权利。")
    body(doc, "特此告知。")
    body(doc, "{{ agency }}地址：{{ contact.address }}", indent=False)
    body(doc, "联系人：{{ contact.person }}　　联系电话：{{ contact.phone }}"
              "{% if contact.postcode %}　　邮政编码：{{ contact.postcode }}{% endif %}", indent=False)
    seal(doc)
    receipt_line(doc, "当事人")
    copies_note(doc, given="拟处罚当事人")
    notice_footer(doc)
    return save(doc, "hearing_notice")
