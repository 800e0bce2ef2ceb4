"""重大行政执法决定法制审核审批表 — the rows of 001 附件2 (label column, value column)."""

from _form_kit import (
    form_document,
    form_table,
    keep_rows_together,
    label,
    min_height,
    opinion,
    para_in,
    value,
)
from kit import SIZE_SMALL_4, paragraph, save


def build():
    doc = form_document(header="", heading="重大行政执法决定法制审核审批表", number=None)
    t = form_table(doc, 8, [34, 122])
    rows = [("拟决定\n事项名称", "{{ matter }}"), ("送审机构", "{{ submitting_unit }}"),
            ("送审时间", "{{ submitted_date|date_cn }}")]
    for i, (name, text) in enumerate(rows):
        label(t.rows[i].cells[0], name)
        value(t.rows[i].cells[1], text)
        min_height(t.rows[i], 12)
    opinions = [("法律专家\n意见", "{{ expert_opinion }}", "签　名"),
                ("法制机构\n意见", "{{ legal_office_opinion }}", "主要负责人签名"),
                ("分管法制机构的部门负责人意见", "{{ deputy_opinion }}", "签　名"),
                ("应急管理局主要负责人意见", "{{ head_opinion }}", "签　名")]
    for i, (name, text, sign) in enumerate(opinions, start=3):
        label(t.rows[i].cells[0], name)
        opinion(t.rows[i].cells[1], text, sign)
        min_height(t.rows[i], 28)
    label(t.rows[7].cells[0], "说　明")
    cell = t.rows[7].cells[1]
    value(cell, "1. 分管法制机构的部门负责人认为需要本单位主要负责人审签时，报主要负责人审签。")  # 001 附件2: two items
    para_in(cell, "2. 此表由法制机构留存。")
    keep_rows_together(t)
    paragraph(doc, "经办人：{{ handler|blank(6) }}", size=SIZE_SMALL_4, align="right")
    return save(doc, "legal_review_approval")
