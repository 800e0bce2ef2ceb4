"""立案审批表 / 程序启动审批表 (003 第十二条: 启动原因、当事人基本情况、承办人意见、承办机构意见、法律依据、
负责人意见), a bordered form; each opinion row ends with a blank signature and date line."""

from _form_kit import (
    approval_rows,
    form_document,
    form_table,
    keep_rows_together,
    label,
    min_height,
    para_in,
    value,
)
from kit import save

PARTY = ("{% if object.type == 'person' %}姓名：{{ object.name }}　　性别：{{ object.gender|blank(2) }}"
         "{% else %}名称：{{ object.name }}{% endif %}")
PARTY_2 = ("{% if object.type == 'person' %}居民身份证号码：{{ object.id_no }}"
           "{% else %}统一社会信用代码：{{ object.uscc }}{% endif %}")
PARTY_3 = ("{% if object.type != 'person' %}法定代表人（负责人）：{{ object.legal_rep }}"
           "{% if object.title %}　　职务：{{ object.title }}{% endif %}{% endif %}")
PARTY_4 = "地址（住址）：{{ object.address }}"
PARTY_5 = "联系电话：{{ object.phone }}"


def build():
    doc = form_document(heading="立案审批表")
    t = form_table(doc, 9, [30, 126])
    rows = [("案　由", "{{ case_name }}"),
            ("启动原因", "{{ source }}：{{ reason }}{% if urgent %}（情况紧急，已于{{ started_at|datetime_cn }}"
                         "先行启动执法程序）{% endif %}")]
    for row, (name, text) in zip(t.rows, rows, strict=False):
        label(row.cells[0], name)
        value(row.cells[1], text)
        min_height(row, 12)
    label(t.rows[2].cells[0], "当事人\n基本情况")
    value(t.rows[2].cells[1], PARTY)
    for extra in (PARTY_2, PARTY_3, PARTY_4, PARTY_5):
        para_in(t.rows[2].cells[1], extra)
    label(t.rows[3].cells[0], "简要案情")
    value(t.rows[3].cells[1], "{{ facts }}")
    min_height(t.rows[3], 20)
    label(t.rows[4].cells[0], "法律依据")
    value(t.rows[4].cells[1], "{{ legal_basis }}")
    label(t.rows[5].cells[0], "承办人")
    value(t.rows[5].cells[1], "{% for o in officers %}{{ o.name }}（执法证号{{ o.cert_no }}）"
                              "{% if not loop.last %}、{% endif %}{% endfor %}")
    approval_rows(t, 6, 20)
    keep_rows_together(t)
    return save(doc, "case_filing")
