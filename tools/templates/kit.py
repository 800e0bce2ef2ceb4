"""Authoring kit for the kinds' docx templates (development time only; the app never imports it).

Each ``tools/templates/<kind>.py`` builds ``templates/<kind>/template.docx`` with these helpers, so
every form shares one page setup, font use and signature-line style. Run ``python tools/templates/build.py``
to rebuild all templates. Text in the templates carries docxtpl tags (``{{ place }}``, ``{%p for … %}``).

Fonts are the *logical* official names (templates.fonts); the renderer maps them per font profile.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from templates.fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG

__all__ = ["SIZE_2", "SIZE_3", "SIZE_4", "SIZE_SMALL_4", "SIZE_5", "FANGSONG", "HEITI", "KAITI", "SONGTI", "XIAOBIAOSONG", "ROOT", "new_document", "set_font",
           "paragraph", "title", "page_number_footer", "add_field", "table", "cell_text", "save", "WD_SECTION",
           "SIZE_SMALL_3", "BLANK", "header_line", "number_line", "rich", "labeled", "signature_line", "seal_block",
           "overflow_note", "tag_paragraph", "spacer", "officer_names", "officer_certs", "multiline", "officer_signature_line",
           "TYPE_WIDTH"]

ROOT = Path(__file__).resolve().parents[2] / "templates"

# GB/T 9704-2012 §5.2.1 page and type area (DOMAIN.md §7): A4, top 37 mm, bottom 35 mm, left (binding) 28 mm,
# right 26 mm; used for forms too, so every printed page of a case shares one type area.
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
#: Width of the type area (the text column).
TYPE_WIDTH = PAGE["width"] - PAGE["left"] - PAGE["right"]
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_SMALL_3 = Pt(15)  # 小三
SIZE_4 = Pt(14)  # 四号
SIZE_SMALL_4 = Pt(12)  # 小四
SIZE_5 = Pt(10.5)  # 五号


def set_font(run_or_style, font: str, size=None, bold: bool | None = None) -> None:
    """Set all four font slots (ascii, hAnsi, eastAsia, cs): ``font.name`` alone misses Chinese text."""
    f = run_or_style.font
    f.name = font
    element = getattr(run_or_style, "_r", None)
    if element is None:
        element = run_or_style.element
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    if size is not None:
        f.size = size
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            rpr.append(szcs)
        szcs.set(qn("w:val"), str(int(size.pt * 2)))
    if bold is not None:
        f.bold = bold


def new_document(body_font: str = FANGSONG, body_size=SIZE_4, line_pt: float = 28) -> Document:
    """An empty A4 document with the official margins and the body style set."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = PAGE["width"], PAGE["height"]
    sec.top_margin, sec.bottom_margin = PAGE["top"], PAGE["bottom"]
    sec.left_margin, sec.right_margin = PAGE["left"], PAGE["right"]
    sec.header_distance, sec.footer_distance = Mm(15), Mm(20)
    normal = doc.styles["Normal"]
    set_font(normal, body_font, body_size)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line_pt)
    pf.widow_control = False  # exact line grid: no line pushed to the next page on its own
    _chinese_defaults(doc, body_font)
    return doc


def _chinese_defaults(doc, body_font: str) -> None:
    """Document defaults for Chinese text, so nothing resolves to the theme's Latin/Japanese fonts.

    python-docx's default template points ``docDefaults`` and the heading styles at theme fonts
    (``w:eastAsiaTheme``), which Word prefers over a named font, and declares ``w:lang`` East Asian
    as ``en-US`` (quotes “” then take the Latin font). Both are replaced here. The *Latin* language
    stays ``en-US``: with ``zh-CN`` there, LibreOffice breaks lines inside digit strings
    (certificate and phone numbers split across two lines).
    """
    styles = doc.styles.element
    themed = [qn("w:asciiTheme"), qn("w:hAnsiTheme"), qn("w:eastAsiaTheme"), qn("w:cstheme")]
    for rfonts in styles.iter(qn("w:rFonts")):
        had_theme = any(rfonts.get(a) is not None for a in themed)
        for a in themed:
            if rfonts.get(a) is not None:
                del rfonts.attrib[a]
        if had_theme:
            for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                rfonts.set(qn(a), body_font)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for rfonts in styles.iter(qn("w:rFonts")):
        rfonts.set(qn("w:hint"), "eastAsia")


def paragraph(container, text: str = "", *, font: str | None = None, size=None, bold: bool | None = None,
              align: str = "left", indent_chars: float = 0, line_pt: float | None = None, keep_next: bool = False):
    """A paragraph of one run. ``align``: left, center, right, justify. ``indent_chars``: first-line indent."""
    p = container.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    if text:
        run = p.add_run(text)
        if font or size or bold is not None:  # else the run takes the Normal style's fonts (all four slots)
            set_font(run, font or FANGSONG, size, bold)
    if indent_chars:
        p.paragraph_format.first_line_indent = Pt((size or SIZE_4).pt * indent_chars)
    if line_pt:
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        p.paragraph_format.line_spacing = Pt(line_pt)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p


def title(doc, text: str, size=SIZE_2) -> None:
    """The document's title in 小标宋, centred."""
    paragraph(doc, text, font=XIAOBIAOSONG, size=size, align="center", line_pt=max(size.pt + 10, 30))


def add_field(paragraph_, instr: str, font: str = SONGTI, size=SIZE_5) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) as a run of fldChar begin/instr/separate/end."""
    def run_with(el):
        r = paragraph_.add_run()
        set_font(r, font, size)
        r._r.append(el)
        return r

    b = OxmlElement("w:fldChar")
    b.set(qn("w:fldCharType"), "begin")
    run_with(b)
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run_with(it)
    s = OxmlElement("w:fldChar")
    s.set(qn("w:fldCharType"), "separate")
    run_with(s)
    r = paragraph_.add_run("1")
    set_font(r, font, size)
    e = OxmlElement("w:fldChar")
    e.set(qn("w:fldCharType"), "end")
    run_with(e)


def page_number_footer(section, style: str = "record", extra_line: str | None = None,
                       extra_segments: list | None = None) -> None:
    """Footer: ``第 N 页 共 M 页`` (``style="record"``) or ``— N —`` (``style="official"``, GB/T 9704
    4号 宋体); ``extra_line`` (plain text) or ``extra_segments`` (as for ``rich``, e.g. a signature label
    and an underlined blank) printed above it on every page."""
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    if extra_line or extra_segments:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for seg in extra_segments or [extra_line]:
            text, opts = (seg, {}) if isinstance(seg, str) else seg
            r = p.add_run(text)
            set_font(r, opts.get("font", FANGSONG), opts.get("size", SIZE_SMALL_4), opts.get("b"))
            if opts.get("u"):
                r.font.underline = True
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        p.paragraph_format.line_spacing = Pt(20)
        p.paragraph_format.space_after = Pt(4)
        p = footer.add_paragraph()
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(16)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if style == "official":
        for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
            if text:
                r = p.add_run(text)
                set_font(r, SONGTI, SIZE_4)
            else:
                add_field(p, field, SONGTI, SIZE_4)
        return
    for text, field in (("第 ", None), (None, "PAGE"), (" 页  共 ", None), (None, "NUMPAGES"), (" 页", None)):
        if text:
            r = p.add_run(text)
            set_font(r, SONGTI, SIZE_5)
        else:
            add_field(p, field)


def table(doc, rows: int, cols: int, widths_mm: list[float]):
    """A bordered table across the type area with the given column widths."""
    t = doc.add_table(rows=rows, cols=cols)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for row in t.rows:
        for i, w in enumerate(widths_mm):
            row.cells[i].width = Mm(w)
    return t


def cell_text(cell, text: str, *, align: str = "left", bold: bool = False, size=SIZE_SMALL_4, font: str = FANGSONG,
              line_pt: float = 22):
    """Put ``text`` in a table cell (replacing its empty first paragraph)."""
    p = cell.paragraphs[0]
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(line_pt)
    r = p.add_run(text)
    set_font(r, font, size, bold)
    return p


#: A blank for handwriting: full-width spaces, printed underlined.
BLANK = "\u3000" * 6


def rich(container, segments, *, size=None, align: str = "left", indent_chars: float = 0,
         line_pt: float | None = None, keep_next: bool = False, hanging_chars: float = 0):
    """A paragraph of several runs. ``segments``: strings, or ``(text, options)`` with options
    ``u`` (underline), ``b`` (bold), ``font``, ``size``. Every run gets all four font slots.

    Runs keep docxtpl tags whole (one tag never spans two runs), so values can be underlined.
    """
    p = paragraph(container, "", size=size, align=align, indent_chars=indent_chars, line_pt=line_pt,
                  keep_next=keep_next)
    if hanging_chars:
        em = (size or SIZE_4).pt
        p.paragraph_format.left_indent = Pt(em * hanging_chars)
        p.paragraph_format.first_line_indent = Pt(-em * hanging_chars)
    for seg in segments:
        text, opts = (seg, {}) if isinstance(seg, str) else seg
        run = p.add_run(text)
        set_font(run, opts.get("font", FANGSONG), opts.get("size", size), opts.get("b"))
        if opts.get("u"):
            run.font.underline = True
    return p


def labeled(container, items, *, size=None, gap: str = "\u3000\u3000", line_pt: float | None = None):
    """One line of ``label：value`` pairs, values underlined: ``[("职务", "{{ object.title }}"), …]``.

    An empty value still leaves an underlined blank (``|blank`` filter) for handwriting.
    """
    segments: list = []
    for i, (label, value) in enumerate(items):
        if i:
            segments.append(gap)
        segments.append(f"{label}：")
        segments.append((value, {"u": True}))
    return rich(container, segments, size=size, line_pt=line_pt)


def header_line(doc, text: str = "安全生产行政执法文书", size=SIZE_4) -> None:
    """The forms' header line above the title (DOMAIN.md §7)."""
    paragraph(doc, text, font=HEITI, size=size, align="center")


def number_line(doc, expr: str = "{{ number }}", size=None) -> None:
    """The document number, right-aligned under the title."""
    paragraph(doc, expr, font=FANGSONG, size=size or SIZE_4, align="right")


def spacer(doc, pt: float = 10) -> None:
    """An empty paragraph of ``pt`` height (space before a signature block)."""
    paragraph(doc, "", line_pt=pt)


DATE_BLANK = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


def _right_tab(p) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT

    p.paragraph_format.tab_stops.add_tab_stop(TYPE_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def signature_line(container, label: str, *, signers: int = 1, date: bool = True, size=None,
                   keep_next: bool = False, width: int = 5):
    """``label（签名）：＿＿＿＿　＿＿＿＿　…　年　月　日`` — blank lines for handwriting, never pre-filled.

    ``width`` is each blank's length in characters. The date blank is set against the right margin
    (a right tab stop), so the dates of stacked signature lines align.
    """
    segments: list = [f"{label}（签名）："]
    for i in range(signers):
        if i:
            segments.append("\u3000")
        segments.append(("\u3000" * width, {"u": True}))
    if date:
        segments.append("\t" + DATE_BLANK)
    p = rich(container, segments, size=size, keep_next=keep_next)
    _right_tab(p)
    return p


def officer_signature_line(container, label: str = "执法人员", *, var: str = "officers", minimum: int = 2,
                           width: int = 4, date: bool = True, size=None, keep_next: bool = False):
    """A signature line with one blank per officer named in ``var`` (at least ``minimum``)."""
    segments: list = [f"{label}（签名）：",
                      "{% for _ in range([" + var + "|length, " + str(minimum) + "]|max) %}"
                      "{% if not loop.first %}\u3000{% endif %}",
                      ("\u3000" * width, {"u": True}), "{% endfor %}"]
    if date:
        segments.append("\t" + DATE_BLANK)
    p = rich(container, segments, size=size, keep_next=keep_next)
    _right_tab(p)
    return p


def multiline(container, label: str, expr: str, *, size=None, indent_chars: float = 2):
    """``label`` + the first line of the text, then each further line the user typed as its own
    indented paragraph (user line breaks become paragraphs, so every line gets the first-line indent).
    ``expr`` is a template expression without braces, e.g. ``process``."""
    rich(container, [label, "{{ (" + expr + "|lines)[0] }}"], size=size, indent_chars=indent_chars)
    tag_paragraph(container, "{%p for line in (" + expr + "|lines)[1:] %}")
    rich(container, ["{{ line }}"], size=size, indent_chars=indent_chars)
    tag_paragraph(container, "{%p endfor %}")


def seal_block(doc, agency_expr: str = "{{ agency }}", date_expr: str = "{{ date|date_cn }}", size=None,
               indent_right_chars: float = 2) -> None:
    """Agency name, date and ``（印章）`` placeholder, right-aligned, kept together with what precedes."""
    for text in (agency_expr, "（印章）", date_expr):
        p = paragraph(doc, text, font=FANGSONG, size=size, align="right", keep_next=text != date_expr)
        p.paragraph_format.right_indent = Pt((size or SIZE_4).pt * indent_right_chars)


def overflow_note(doc, size=SIZE_5) -> None:
    """``（此栏不够，可另附页）`` under a field that may overflow."""
    paragraph(doc, "（此栏不够，可另附页）", font=FANGSONG, size=size, align="right")


def tag_paragraph(doc, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag (``{%p for x in xs %}``); removed on render."""
    paragraph(doc, tag)


def officer_names(var: str = "officers") -> str:
    """Template text: the officers' names joined by 、."""
    return "{{ " + var + '|join_cn("name") }}'


def officer_certs(var: str = "officers") -> str:
    """Template text: the officers' certificate numbers joined by 、."""
    return "{{ " + var + '|join_cn("cert_no") }}'


def save(doc, kind: str) -> Path:
    path = ROOT / kind / "template.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Word 2010's legacy copy of the styles still names theme fonts; Word 2013+ and LibreOffice ignore it.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    doc.save(path)
    return path
