"""重大行政执法决定法制审核申请表 — the fields and layout of 001 附件1 (a six-column bordered table)."""

from _form_kit import form_document, form_table, keep_rows_together, label, min_height, para_in, value
from docx.shared import Pt
from kit import SIZE_5, SIZE_SMALL_4, paragraph, save


def build():
    doc = form_document(header="", heading="重大行政执法决定法制审核申请表", number=None)
    t = form_table(doc, 5, [22, 38, 34, 22, 28, 12])
    for cell, text in zip(t.rows[0].cells, ("拟决定\n事项", "简要情况", "法律依据", "决定意见", "执法人员\n资格情况", "备\n注"),
                          strict=True):
        label(cell, text, size=SIZE_5)
    row = t.rows[1]
    min_height(row, 70)
    value(row.cells[0], "{{ matter }}", size=SIZE_5)
    value(row.cells[1], "{{ summary }}", size=SIZE_5)
    value(row.cells[2], "违法条款：{{ violated_provisions }}", size=SIZE_5)
    para_in(row.cells[2], "处罚依据：{{ penalty_basis }}", size=SIZE_5, line_pt=18)
    value(row.cells[3], "{{ proposed_decision }}", size=SIZE_5)
    value(row.cells[4], "{%p for o in officers %}", size=SIZE_5)
    para_in(row.cells[4], "{{ o.name }}", size=SIZE_5, line_pt=18)
    para_in(row.cells[4], "执法证号{{ o.cert_no }}", size=SIZE_5, line_pt=18)
    para_in(row.cells[4], "{%p endfor %}", size=SIZE_5)
    value(row.cells[5], "{{ remarks }}", size=SIZE_5)
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.line_spacing = Pt(18)
    for i, who in enumerate(("承办机构（单位）主要负责人", "分管承办机构（单位）的部门负责人", "法制机构主要负责人"), start=2):
        merged = t.rows[i].cells[0].merge(t.rows[i].cells[5])
        value(merged, f"{who}：")
        para_in(merged, "")
        para_in(merged, "年　　月　　日　　", align="right")
        min_height(t.rows[i], 26)
    keep_rows_together(t)
    paragraph(doc, "申请机构（单位）：{{ applicant_unit }}", size=SIZE_SMALL_4, keep_next=True)
    paragraph(doc, "承办人：{{ handler|blank(6) }}　　申请日期：{{ apply_date|date_cn }}", size=SIZE_SMALL_4,
              align="right")
    return save(doc, "legal_review_application")
