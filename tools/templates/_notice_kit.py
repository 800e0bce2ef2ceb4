"""GB/T 9704-2012 helpers for 公文 templates (通知 …), on top of ``kit`` (development time only).

Named with a leading underscore so ``build.py`` does not mistake it for a kind's authoring script.

What GB/T 9704-2012 asks and how it is built here:
- §5.2.1 type area 156 mm × 225 mm on A4 (margins from ``kit.PAGE``); §5.2.2 body 3号 仿宋, 22 lines ×
  28 characters: a ``w:docGrid`` of type ``lines`` with ``linePitch`` 579 twips (28.95 pt), exact 28.95 pt
  line spacing in the Normal style, and the body condensed by 0.25 pt so 28 characters fill a line.
  (A ``linesAndChars`` grid with ``charSpace`` −848 is what Word's own 公文 templates use, but LibreOffice
  7.4 lays that grid out with 20 characters a line; the condensed spacing gives 28 in both.)
- §7.2.1 发文机关标志 red 小标宋, top edge 35 mm below the type area's top (平行文/下行文).
- §7.2.4 发文字号 two lines below the 标志, centred; §7.2.5 red separator 4 mm below it, type-area wide.
- §7.4.1 版记 at the foot of the last page: a floating table anchored to the bottom margin, first and
  last rules 0.35 mm, the rule between 抄送 and 印发 0.25 mm.
- §7.5 page numbers 4号 宋体 ``— N —``: odd pages right (one character in), even pages left.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from kit import FANGSONG, SIZE_3, SIZE_4, SONGTI, add_field, new_document, set_font

#: GB/T 9704-2012 §5.2.2: 22 lines in the 225 mm type height → 28.95 pt (579 twips) per line.
LINE_PT = 28.95
LINE_TWIPS = 579
TYPE_WIDTH_PT = Mm(156).pt
#: 28 characters across the 156 mm type width → 15.79 pt per character.
CHAR_PITCH_PT = TYPE_WIDTH_PT / 28
#: character spacing of the body in 1/20 pt: 28 characters of 3号 across the type width.
CONDENSE_TWENTIETHS = -5
RED = "FF0000"
SIZE_CHU = Pt(42)  # 初号, for the 发文机关标志


#: ECMA-376 child order of w:pPr and w:rPr: Word rejects a document whose children are out of order.
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
             "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
             "vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()


def put(parent, el, order: tuple[str, ...] | list[str] = PPR_ORDER) -> None:
    """Insert ``el`` into ``parent`` at its schema position (replacing an element of the same tag)."""
    name = el.tag.split("}")[1]
    for old in parent.findall(el.tag):
        parent.remove(old)
    later = set(order[order.index(name) + 1:])
    for i, child in enumerate(parent):
        if child.tag.split("}")[1] in later:
            parent.insert(i, el)
            return
    parent.append(el)


def _el(tag: str, **attrs: str):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), v)
    return e


def gbt_document():
    """A4 with the 公文 type area, 3号 仿宋 body on a 22 × 28 grid, odd/even page-number footers."""
    doc = new_document(body_font=FANGSONG, body_size=SIZE_3, line_pt=LINE_PT)
    # docDefaults at 16 pt: Word measures the grid's charSpace against the default font size.
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        put(rpr_default, _el(tag, **{"w:val": "32"}), RPR_ORDER)
    sec = doc.sections[0]
    sect_pr = sec._sectPr  # noqa: SLF001
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    # Lines only: LibreOffice (7.4) reads a linesAndChars grid's charSpace differently from Word and sets
    # 20 characters a line; so the 28-character pitch comes from condensing the Normal style by 0.25 pt
    # (16 − 0.25 = 15.75 pt ≤ 156 mm / 28 = 15.79 pt), which every program honours.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))
    normal_rpr = doc.styles["Normal"].element.get_or_add_rPr()
    put(normal_rpr, _el("w:spacing", **{"w:val": str(CONDENSE_TWENTIETHS)}), RPR_ORDER)
    # No punctuation hanging into the margin (zh-CN text allows it by default): the 28-character line
    # stays inside the 156 mm type area.
    put(doc.styles["Normal"].element.get_or_add_pPr(), _el("w:overflowPunct", **{"w:val": "0"}))
    sec.footer_distance = Mm(22)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(sec.footer, odd=True)
    _page_number(sec.even_page_footer, odd=False)
    return doc


def _page_number(footer, odd: bool) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    pf = p.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(18)
    if odd:
        pf.right_indent = SIZE_4
    else:
        pf.left_indent = SIZE_4
    no_grid(p)
    r = p.add_run("— ")
    set_font(r, SONGTI, SIZE_4)
    add_field(p, "PAGE", SONGTI, SIZE_4)
    r = p.add_run(" —")
    set_font(r, SONGTI, SIZE_4)


def no_grid(p) -> None:
    """Let a paragraph keep its own spacing instead of snapping to the document grid."""
    put(p._p.get_or_add_pPr(), _el("w:snapToGrid", **{"w:val": "0"}))  # noqa: SLF001


def border(p, side: str, color: str = RED, eighths: int = 12, space_pt: int = 0) -> None:
    """A rule on ``side`` (top/bottom) of paragraph ``p``; ``eighths`` is the width in 1/8 pt."""
    ppr = p._p.get_or_add_pPr()  # noqa: SLF001
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        put(ppr, bdr)
    bdr.append(_el(f"w:{side}", **{"w:val": "single", "w:sz": str(eighths), "w:space": str(space_pt),
                                   "w:color": color}))


def color_runs(p, color: str = RED) -> None:
    for r in p.runs:
        r.font.color.rgb = __import__("docx.shared", fromlist=["RGBColor"]).RGBColor.from_string(color)


def center_tab(p, pos_pt: float) -> None:
    """A centred tab stop at ``pos_pt`` from the left indent."""
    p.paragraph_format.tab_stops.add_tab_stop(Pt(pos_pt), WD_TAB_ALIGNMENT.CENTER)


def right_tab(p, pos_pt: float) -> None:
    p.paragraph_format.tab_stops.add_tab_stop(Pt(pos_pt), WD_TAB_ALIGNMENT.RIGHT)


def framed(p, y_twips_expr: str) -> None:
    """Put paragraph ``p`` in a frame ``y_twips_expr`` twips below the type area's top, type-area wide (版记).

    The frame sits at that height on the page where its paragraph falls. A frame (``w:framePr``) and not
    a floating table: LibreOffice 7.4 keeps a floating table inline and ignores ``tblpYSpec="bottom"``.
    """
    ppr = p._p.get_or_add_pPr()  # noqa: SLF001
    put(ppr, _el("w:framePr", **{"w:w": str(round(Mm(156).twips)), "w:hSpace": "0", "w:wrap": "around",
                                      "w:vAnchor": "margin", "w:hAnchor": "margin", "w:xAlign": "center",
                                      "w:y": y_twips_expr}))
