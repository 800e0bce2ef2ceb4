"""行政执法决定信息公示摘要 (003 第十二条 fields), personal data of natural persons masked.

The answers keep the full data; the template prints natural persons' ID numbers and addresses through
``mask_id``/``mask_address`` and every free text through ``mask_text`` (IDs and phone numbers a user
typed into the facts), so nothing personal reaches the published file. Organisations' names and 统一社会
信用代码 stay (DOMAIN.md §2 行政执法公示).
"""

from _form_kit import form_document, form_table, keep_rows_together, label, min_height, value
from kit import save


def build():
    doc = form_document(header="", heading="行政执法决定信息公示摘要", number=None)
    rows = [
        ("决定书文号", "{{ decision_number }}"),
        ("案件名称", "{{ case_name|mask_text }}"),
        ("执法机关", "{{ agency }}"),
        ("当事人", "{% if party.type == 'person' %}{{ party.name }}"
                   "{% if party.id_no %}；居民身份证号码：{{ party.id_no|mask_id }}{% endif %}"
                   "{% if party.address %}；住址：{{ party.address|mask_address }}{% endif %}"
                   "{% else %}{{ party.name }}{% if party.uscc %}；统一社会信用代码：{{ party.uscc }}{% endif %}"
                   "{% if party.legal_rep %}；法定代表人（负责人）：{{ party.legal_rep }}{% endif %}"
                   "{% if party.address %}；地址：{{ party.address }}{% endif %}{% endif %}"),
        ("违法事实", "{{ facts|mask_text }}"),
        ("法律依据", "{{ legal_basis|mask_text }}"),
        ("执法结论", "{{ result|mask_text }}"),
        ("决定日期", "{{ decision_date|date_cn }}"),
        ("公示日期", "{{ publication_date|date_cn }}"),
        ("公示期限", "{% if publication_due %}{{ publication_due|date_cn }}前{% else %}　{% endif %}"),
        ("撤除日期", "{% if takedown_date %}{{ takedown_date|date_cn }}起可从公示载体撤下{% else %}　{% endif %}"),
    ]
    t = form_table(doc, len(rows), [32, 124])
    for row, (name, text) in zip(t.rows, rows, strict=True):
        label(row.cells[0], name)
        value(row.cells[1], text)
        min_height(row, 12 if name not in {"违法事实", "执法结论"} else 30)
    keep_rows_together(t)
    return save(doc, "publication_summary")
