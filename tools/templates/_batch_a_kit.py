"""Pieces shared by the official forms of batch A (2016 式样 2, 4, 6, 7, 9–15, 19, 21–23).

Named with a leading underscore so ``build.py`` does not take it for a kind's authoring script. Builds on
``_form_kit`` without changing it: numbered item lists, the 式样's officer signature block (a blank per
officer with the certificate number printed beside it), the seal without a 签收 line, and the four-opinion
approval tables of the 审批表 (承办人、承办机构、审核、审批).
"""

from __future__ import annotations

from _form_kit import (
    DATE_BLANK,
    body,
    control,
    copies_note,
    form_document,
    form_table,
    keep_rows_together,
    label,
    min_height,
    notice_footer,
    para_in,
    seal,
    sign_line,
    value,
)
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt
from kit import paragraph, rich, save

STRIP = "。；;.，, "


def numbered(doc, var: str, *, last: str = "。") -> None:
    """``1．…；`` ``2．…。``: one paragraph per entry of the string list ``var`` (trailing marks stripped)."""
    control(doc, f"for it in {var}")
    body(doc, "{{ loop.index }}．{{ it.rstrip('" + STRIP + "') }}{% if loop.last %}" + last
              + "{% else %}；{% endif %}")
    control(doc, "endfor")


def officer_cert_lines(doc, label_text: str = "执法人员", *, with_date: bool = False) -> None:
    """The 式样's ``执法人员（签名）：＿＿＿＿　证号：…``: a handwritten blank per officer, the 证号 printed."""
    control(doc, "for o in officers")
    segments = ["{% if loop.first %}" + label_text + "（签名）：{% else %}"
                + "\u3000" * (len(label_text) + 5) + "{% endif %}",
                ("\u3000" * 5, {"u": True}), "\u3000证号：{{ o.cert_no }}"]
    rich(doc, segments, keep_next=True)
    control(doc, "endfor")
    if with_date:
        paragraph(doc, DATE_BLANK, align="right", keep_next=True)


def party_sign(doc, label_text: str) -> None:
    """The party's handwritten signature and date (被检查单位负责人、当事人 …)."""
    sign_line(doc, label_text)


def form_end(doc, given: str = "当事人", *, kept: str = "备案") -> None:
    """Seal and date, the 一式两份 note, page numbers (no 签收 line: the 式样 has none on these forms)."""
    paragraph(doc, "", keep_next=True)
    seal(doc)
    copies_note(doc, kept=kept, given=given)
    notice_footer(doc)


#: The four opinions of the 2016 式样's 审批表 (19 先行登记保存证据审批表, 21 处理审批表), each closed by
#: whose signature.
FOUR_OPINIONS = (("承办人意见", "handler_opinion", "承办人（签名）"),
                 ("承办机构意见", "unit_opinion", "承办机构负责人（签名）"),
                 ("审核意见", "review_opinion", "审核人（签名）"),
                 ("审批意见", "approval_opinion", "审批人（签名）"))

SIGN = "{label}：　　　　　　　　　{date}"


def four_opinion_rows(tbl, first: int, height_mm: float = 16) -> None:
    """Rows ``first`` … ``first+3`` of a two-column ``tbl`` merged across: label and opinion, a blank
    signature and date line at the foot of each."""
    for i, (name, key, signer) in enumerate(FOUR_OPINIONS, start=first):
        row = tbl.rows[i]
        cell = row.cells[0].merge(row.cells[1])
        value(cell, f"{name}：{{{{ {key} }}}}")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        sign = para_in(cell, SIGN.format(label=signer, date=DATE_BLANK), align="right")
        sign.paragraph_format.space_before = Pt(10)
        min_height(row, height_mm)


def labeled_rows(tbl, rows: list[tuple[str, str, float]]) -> None:
    """Label / value rows from the top of ``tbl`` (label centred, value left), each at least ``mm`` high."""
    for row, (name, text, mm) in zip(tbl.rows, rows, strict=False):
        label(row.cells[0], name)
        first, *more = text.split("\n")
        value(row.cells[1], first)
        for extra in more:
            para_in(row.cells[1], extra)
        if mm:
            min_height(row, mm)


PERSON = "object.type == 'person'"
#: The party in a 审批表's cell, one line each: name (and gender), code, representative and phone, address.
PARTY_LINES = "\n".join([
    "{% if " + PERSON + " %}姓名：{{ object.name }}　　性别：{{ object.gender|blank(2) }}{% else %}名称：{{ object.name }}{% endif %}",
    "{% if " + PERSON + " %}居民身份证号码：{{ object.id_no }}{% else %}统一社会信用代码：{{ object.uscc }}{% endif %}",
    "{% if not " + PERSON + " %}法定代表人（负责人）：{{ object.legal_rep }}　　{% endif %}联系电话：{{ object.phone }}",
    "地址（住址）：{{ object.address }}",
])
#: 证据名称及数量 in one cell: ``名称（规格）数量；…``.
GOODS_TEXT = ("{% for it in items %}{{ loop.index }}．{{ it.name }}{% if it.spec %}（{{ it.spec }}）{% endif %}"
              "{{ it.quantity }}{% if it.note %}，{{ it.note }}{% endif %}{% if not loop.last %}；{% else %}。{% endif %}"
              "{% endfor %}")


def approval_form(kind: str, heading: str, rows: list[tuple[str, str, float]]):
    """A 2016 式样 审批表: header, title, number; label/value ``rows``; the four opinions merged across."""
    doc = form_document(heading=heading)
    t = form_table(doc, len(rows) + len(FOUR_OPINIONS), [34, 122])
    labeled_rows(t, rows)
    four_opinion_rows(t, len(rows))
    keep_rows_together(t, last=1)
    return save(doc, kind)
