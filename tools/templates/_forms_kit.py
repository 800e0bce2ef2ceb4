"""Bordered-form helpers shared by the review, discussion, filing, closing and publication forms.

Named with a leading underscore so ``build.py`` does not take it for a kind's authoring script. Builds
on ``kit`` (page setup, fonts) without changing it: a form is a header line, a title, an optional
number line and one bordered table whose left column holds the labels (like the 001 附件1–3 forms).
Handwritten parts get blank signature lines ``签名：　　　　　年　　月　　日`` — never a typed name.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from kit import (
    FANGSONG,
    HEITI,
    SIZE_4,
    SIZE_SMALL_4,
    cell_text,
    new_document,
    paragraph,
    set_font,
    table,
    title,
)

TYPE_WIDTH_MM = 156
SIGN_LINE = "{label}：　　　　　　　　　　　年　　月　　日"
CELL_LINE_PT = 20


def form_document(header: str = "安全生产行政执法文书", heading: str = "", number: str | None = "{{ number }}"):
    """A4 form: header line (黑体), title (小标宋), number line right-aligned."""
    doc = new_document(body_font=FANGSONG, body_size=SIZE_4, line_pt=28)
    if header:
        paragraph(doc, header, font=HEITI, size=SIZE_4, align="center")
    if heading:
        title(doc, heading)
        if not number:  # a little air between the title and the table
            doc.paragraphs[-1].paragraph_format.space_after = Pt(8)
    if number:
        paragraph(doc, number, align="right")
    return doc


def para_in(cell, text: str = "", *, align: str = "left", size=SIZE_SMALL_4, font: str = FANGSONG,
            bold: bool = False, indent_chars: float = 0, line_pt: float = CELL_LINE_PT, keep_next: bool = False):
    """A further paragraph in ``cell`` (the first one is filled by ``kit.cell_text``)."""
    p = cell.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    pf = p.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line_pt)
    if indent_chars:
        pf.first_line_indent = Pt(size.pt * indent_chars)
    if keep_next:
        pf.keep_with_next = True
    if text:
        r = p.add_run(text)
        set_font(r, font, size, bold)
    return p


def label(cell, text: str, size=SIZE_SMALL_4) -> None:
    """A label cell: centred both ways."""
    cell_text(cell, text, align="center", size=size, line_pt=CELL_LINE_PT)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def value(cell, text: str, size=SIZE_SMALL_4, align: str = "left") -> None:
    cell_text(cell, text, size=size, align=align, line_pt=CELL_LINE_PT)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def opinion(cell, text: str, sign_label: str = "签名", min_lines: int = 3, size=SIZE_SMALL_4) -> None:
    """An opinion cell: the typed opinion (or room to write), then a blank signature and date line."""
    cell_text(cell, text, size=size, line_pt=CELL_LINE_PT)
    for _ in range(max(min_lines - 1, 0)):
        para_in(cell, size=size)
    para_in(cell, SIGN_LINE.format(label=sign_label), align="right", size=size)


def min_height(row, mm: float) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
    h = OxmlElement("w:trHeight")
    h.set(qn("w:val"), str(round(Mm(mm).twips)))
    h.set(qn("w:hRule"), "atLeast")
    tr_pr.append(h)


def cant_split(row) -> None:
    """Keep a table row on one page (a signature never separated from its opinion)."""
    tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
    tr_pr.append(OxmlElement("w:cantSplit"))


def keep_rows_together(tbl, last: int = 2) -> None:
    """The table's ``last`` rows keep with the row before them (a closing signature row never starts a
    page alone); every row is already unsplittable (``cant_split``)."""
    for row in tbl.rows[-last - 1:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def form_table(doc, rows: int, widths_mm: list[float]):
    """A bordered form table across the type area; every row unsplittable."""
    assert abs(sum(widths_mm) - TYPE_WIDTH_MM) < 0.5, widths_mm
    t = table(doc, rows, len(widths_mm), widths_mm)
    # kit.table sets the cells' widths only; LibreOffice lays a table out by its grid, so set that too.
    for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):  # noqa: SLF001
        col.set(qn("w:w"), str(round(Mm(w).twips)))
    tbl_w = t._tbl.tblPr.find(qn("w:tblW"))  # noqa: SLF001
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(Mm(sum(widths_mm)).twips)))
    for row in t.rows:
        cant_split(row)
    return t


__all__ = ["form_document", "para_in", "label", "value", "opinion", "min_height", "cant_split",
           "keep_rows_together", "form_table", "SIGN_LINE", "TYPE_WIDTH_MM", "Mm", "Pt"]
