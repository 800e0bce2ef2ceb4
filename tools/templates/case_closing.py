"""结案审批表 (应急结): 案由、当事人、处理结果、执行情况, opinions of 承办人/承办机构/负责人 with blank
signature and date lines, and the archive due date (003 第三十二条: 30 days after the case ends)."""

from _form_kit import approval_rows, form_document, form_table, keep_rows_together, label, min_height, value
from kit import save

PARTY = ("{{ object.name }}{% if object.type == 'person' %}{% if object.id_no %}（居民身份证号码{{ object.id_no }}）"
         "{% endif %}{% else %}{% if object.uscc %}（统一社会信用代码{{ object.uscc }}）{% endif %}{% endif %}")


def build():
    doc = form_document(heading="结案审批表")
    t = form_table(doc, 10, [30, 126])
    rows = [("案　由", "{{ case_name }}"), ("当事人", PARTY),
            ("立案日期", "{{ filing_date|date_cn }}"), ("决定书文号", "{{ decision_number }}"),
            ("处理结果", "{{ result }}"), ("执行情况", "{{ execution }}")]
    for row, (name, text) in zip(t.rows, rows, strict=False):
        label(row.cells[0], name)
        value(row.cells[1], text)
        min_height(row, 24 if name in {"处理结果", "执行情况"} else 12)
    approval_rows(t, 6, 26)
    label(t.rows[9].cells[0], "归档期限")
    value(t.rows[9].cells[1], "结案日期：{{ closing_date|date_cn }}{% if archive_due %}，应于{{ archive_due|date_cn }}"
                              "前归档{% endif %}")
    keep_rows_together(t)
    return save(doc, "case_closing")
