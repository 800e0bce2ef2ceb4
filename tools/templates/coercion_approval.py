"""行政强制审批表 (2016 式样 7, 应急强审; 行政强制法 第十八条（一）: 实施前须向行政机关负责人报告并经批准):
案件名称、当事人 (公民 / 法人或者其他组织, as the party is)、案件基本情况、报请审批的行政强制事项及其理由依据种类期限
with the 承办人's signatures and 证号, 审核意见, 审批意见."""

from _batch_a_kit import labeled_rows
from _form_kit import (
    DATE_BLANK,
    form_document,
    form_table,
    keep_rows_together,
    label,
    min_height,
    para_in,
    value,
)
from kit import save

PERSON = "object.type == 'person'"
PARTY = [
    "{% if " + PERSON + " %}公民　姓名：{{ object.name }}　　性别：{{ object.gender|blank(2) }}"
    "{% if object.id_no|length == 18 %}　　出生年月：{{ object.id_no[6:10] }}年{{ object.id_no[10:12]|int }}月{% endif %}"
    "{% else %}法人或者其他组织　名称：{{ object.name }}{% endif %}",
    "{% if " + PERSON + " %}住址：{{ object.address }}"
    "{% else %}法定代表人或者负责人：{{ object.legal_rep }}{% endif %}",
    "{% if " + PERSON + " %}居民身份证号码：{{ object.id_no }}{% else %}地址：{{ object.address }}{% endif %}",
    "联系电话：{{ object.phone }}",
]


def build():
    doc = form_document(heading="行政强制审批表")
    t = form_table(doc, 6, [34, 122])
    labeled_rows(t, [("案件名称", "{{ case_name }}", 12), ("当事人", "\n".join(PARTY), 0),
                     ("案件基本情况", "{{ case_summary }}", 24)])
    label(t.rows[3].cells[0], "报请审批的行政\n强制事项及其理\n由、依据、种类\n及期限等")
    cell = t.rows[3].cells[1]
    value(cell, "行政强制事项：{{ measure }}")
    para_in(cell, "{{ proposal }}")
    para_in(cell)
    para_in(cell, "{%p for o in officers %}")
    para_in(cell, "{% if loop.first %}承办人（签名）：{% else %}　　　　　　　　{% endif %}　　　　　　证号：{{ o.cert_no }}")
    para_in(cell, "{%p endfor %}")
    para_in(cell, DATE_BLANK, align="right")
    min_height(t.rows[3], 50)
    for i, (name, key, signer) in enumerate((("审核意见", "review_opinion", "审核人（签名）"),
                                            ("审批意见", "approval_opinion", "审批人（签名）")), start=4):
        label(t.rows[i].cells[0], name)
        value(t.rows[i].cells[1], f"{{{{ {key} }}}}")
        para_in(t.rows[i].cells[1])
        para_in(t.rows[i].cells[1], f"{signer}：　　　　　　　　　{DATE_BLANK}", align="right")
        min_height(t.rows[i], 26)
    keep_rows_together(t, last=1)
    return save(doc, "coercion_approval")
