"""Pieces shared by the forms of batch B (2016 式样 29–45): the party cell of an approval form and the
承办人 → 审核人 → 审批人 chain of the 审批表, each opinion closed by a blank handwritten signature line.

Named with a leading underscore so ``build.py`` does not take it for a kind's authoring script.
"""

from _form_kit import label, min_height, opinion, para_in, value

#: The party of an approval form: an organisation's name, code, representative, address; a person's name,
#: sex, age (from the ID number on the form's date — ``age_on``), ID number, employer and address.
PARTY_LINES = (
    "{% if object.type == 'person' %}姓名：{{ object.name }}　　性别：{{ object.gender|blank(2) }}"
    "　　年龄：{{ object.id_no|age_on(" + "AGE_DATE" + ")|blank(2) }}"
    "{% else %}名称：{{ object.name }}{% endif %}",
    "{% if object.type == 'person' %}居民身份证号码：{{ object.id_no }}"
    "{% else %}统一社会信用代码：{{ object.uscc }}{% endif %}",
    "{% if object.type == 'person' %}所在单位：{{ employer|blank(8) }}　　单位地址：{{ employer_address|blank(8) }}"
    "{% else %}法定代表人（负责人）：{{ object.legal_rep }}{% if object.title %}　　职务：{{ object.title }}{% endif %}{% endif %}",
    "{% if object.type == 'person' %}家庭住址{% else %}地址{% endif %}：{{ object.address }}",
    "联系电话：{{ object.phone }}{% if postcode %}　　邮编：{{ postcode }}{% endif %}",
)

SIMPLE_PARTY = ("{{ object.name }}{% if object.type == 'person' %}{% if object.id_no %}（居民身份证号码{{ object.id_no }}）"
                "{% endif %}{% else %}{% if object.uscc %}（统一社会信用代码{{ object.uscc }}）{% endif %}{% endif %}")

#: The 2016 式样's approval chain: 承办人意见, 审核意见, 审批意见.
CHAIN = (("承办人\n意见", "{{ handler_opinion }}", "承办人（签名）"),
         ("审核\n意见", "{{ review_opinion }}", "审核人（签名）"),
         ("审批\n意见", "{{ approval_opinion }}", "审批人（签名）"))


def party_cell(cell, age_date: str = "date", with_postcode: bool = True) -> None:
    lines = [line.replace("AGE_DATE", age_date) for line in PARTY_LINES]
    if not with_postcode:
        lines[4] = lines[4].split("{% if postcode %}")[0]
    value(cell, lines[0])
    for extra in lines[1:]:
        para_in(cell, extra)


def rows(tbl, first: int, items, height_mm: float = 12) -> int:
    """Label/value rows from ``first``; returns the next free row."""
    for i, (name, text, *h) in enumerate(items, start=first):
        label(tbl.rows[i].cells[0], name)
        value(tbl.rows[i].cells[1], text)
        min_height(tbl.rows[i], h[0] if h else height_mm)
    return first + len(items)


def chain_rows(tbl, first: int, height_mm: float = 26, chain=CHAIN) -> None:
    for i, (name, text, sign) in enumerate(chain, start=first):
        label(tbl.rows[i].cells[0], name)
        opinion(tbl.rows[i].cells[1], text, sign, min_lines=2)
        min_height(tbl.rows[i], height_mm)
