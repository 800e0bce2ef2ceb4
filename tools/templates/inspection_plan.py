"""现场检查方案 (2016 式样 2, 应急检查): 被检查单位、地址、联系人、所属行业、检查时间、执法人员、检查内容、检查方式、
审核意见、审批意见、备注 — a bordered form; 审核人 and 审批人 sign by hand."""

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

OFFICERS = "{% for o in officers %}{{ o.name }}（执法证号{{ o.cert_no }}）{% if not loop.last %}、{% endif %}{% endfor %}"


def build():
    doc = form_document(heading="现场检查方案")
    t = form_table(doc, 9, [30, 48, 30, 48])
    for i in (0, 1, 3, 4, 5, 6, 8):
        t.rows[i].cells[1].merge(t.rows[i].cells[3])
    label(t.rows[2].cells[2], "所属行业")
    value(t.rows[2].cells[3], "{{ industry }}")
    labeled_rows(t, [("被检查单位", "{{ object.name }}", 11), ("地　址", "{{ object.address }}", 11),
                     ("联系人", "{{ contact_person }}", 11), ("检查时间", "{{ inspection_date|date_cn }}", 11),
                     ("行政执法人员", OFFICERS, 16), ("检查内容", "{{ content }}", 40), ("检查方式", "{{ method }}", 18)])
    for i, (name, key, signer) in enumerate((("审核意见", "review_opinion", "审核人（签名）"),
                                            ("审批意见", "approval_opinion", "审批人（签名）"))):
        col = 2 * i
        label(t.rows[7].cells[col], name)
        cell = t.rows[7].cells[col + 1]
        value(cell, f"{{{{ {key} }}}}")
        para_in(cell)
        para_in(cell, f"{signer}：")
        para_in(cell, DATE_BLANK, align="right")
    min_height(t.rows[7], 36)
    label(t.rows[8].cells[0], "备　注")
    value(t.rows[8].cells[1], "{{ remarks }}")
    min_height(t.rows[8], 14)
    keep_rows_together(t)
    return save(doc, "inspection_plan")
