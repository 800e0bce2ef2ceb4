"""通知 template in GB/T 9704-2012 layout (DOMAIN.md §7), like the seeds' own covering notices.

Body: ``body`` is a list of paragraphs ``{"level": 0-4, "text": …}``; the level picks the font of
GB/T 9704 §7.3.3 (0 正文 仿宋, 1 ``一、`` 黑体, 2 ``（一）`` 楷体, 3 ``1.`` 仿宋, 4 ``（1）`` 仿宋). The text keeps
its own numbering as typed. ``validators.notice.classify_line`` turns pasted plain text into this list.
"""

from _notice_kit import (
    CHAR_PITCH_PT,
    LINE_TWIPS,
    SIZE_CHU,
    TYPE_WIDTH_PT,
    border,
    center_tab,
    color_runs,
    framed,
    gbt_document,
    no_grid,
    right_tab,
)
from docx.shared import Mm, Pt
from kit import FANGSONG, HEITI, KAITI, SIZE_2, SIZE_3, SIZE_4, XIAOBIAOSONG, paragraph, save, set_font

from validators.notice import CC_CHARS_PER_LINE, CC_MAX_LINES

INDENT2 = CHAR_PITCH_PT * 2
# The validator's 抄送 limits (validators.notice) must match this page: 4号 characters in one 版记 line.
assert CC_CHARS_PER_LINE == int((Mm(156).pt - 2 * 14) // 14), "validators.notice.CC_CHARS_PER_LINE"


def _body_paragraph(doc, keep_next: bool):
    """One body paragraph whose font follows ``para.level`` (run-level conditions, one run kept)."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(INDENT2)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    for text, font in (("{%r if para.level == 1 %}", FANGSONG), ("{{ para.text }}", HEITI),
                       ("{%r elif para.level == 2 %}", FANGSONG), ("{{ para.text }}", KAITI),
                       ("{%r else %}", FANGSONG), ("{{ para.text }}", FANGSONG), ("{%r endif %}", FANGSONG)):
        r = p.add_run(text)
        set_font(r, font, SIZE_3)
    return p


def build():
    doc = gbt_document()
    # 发文机关标志: red 小标宋, its top 35 mm below the type area's top (§7.2.1, 下行文).
    mark = paragraph(doc, "{{ issuer_mark }}", font=XIAOBIAOSONG, size=SIZE_CHU, align="center", line_pt=56)
    mark.paragraph_format.space_before = Mm(35) - Pt(10)
    no_grid(mark)
    color_runs(mark)
    paragraph(doc, "")
    paragraph(doc, "")
    # 发文字号, then the red separator 4 mm below it (§7.2.4, §7.2.5).
    number = paragraph(doc, "{{ number }}", align="center")
    border(number, "bottom", eighths=12, space_pt=11)
    paragraph(doc, "")
    paragraph(doc, "")
    no_grid(paragraph(doc, "{{ title }}", font=XIAOBIAOSONG, size=SIZE_2, align="center"))
    paragraph(doc, "")
    paragraph(doc, "{{ recipients }}：")
    paragraph(doc, "{%p for para in body %}")
    paragraph(doc, "{%p if loop.last %}")
    _body_paragraph(doc, keep_next=True)
    paragraph(doc, "{%p else %}")
    _body_paragraph(doc, keep_next=False)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")
    # 附件说明 (§7.3.4): one line below the body, two characters in; several attachments numbered.
    paragraph(doc, "{%p if attachments %}")
    paragraph(doc, "", keep_next=True)
    paragraph(doc, "{%p for a in attachments %}")
    paragraph(doc, "{%p if loop.first %}")
    first = paragraph(doc, "附件：{% if attachments|length > 1 %}{{ loop.index }}.{% endif %}{{ a }}",
                      keep_next=True)
    first.paragraph_format.left_indent = Pt(INDENT2 + CHAR_PITCH_PT * 3)
    first.paragraph_format.first_line_indent = Pt(-CHAR_PITCH_PT * 3)
    paragraph(doc, "{%p else %}")
    more = paragraph(doc, "{{ loop.index }}.{{ a }}", keep_next=True)
    more.paragraph_format.left_indent = Pt(INDENT2 + CHAR_PITCH_PT * 3)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")
    # 署名 and 成文日期 (§7.3.5.1): date four characters from the right, 署名 centred over the date.
    paragraph(doc, "", keep_next=True)
    paragraph(doc, "", keep_next=True)
    centre = TYPE_WIDTH_PT - CHAR_PITCH_PT * 4 - CHAR_PITCH_PT * 3.3
    paragraph(doc, "{%p if seal %}")
    seal = paragraph(doc, "\t（印章）", keep_next=True)
    center_tab(seal, centre)
    paragraph(doc, "{%p endif %}")
    signer = paragraph(doc, "\t{{ issuer }}", keep_next=True)
    center_tab(signer, centre)
    date = paragraph(doc, "{{ date|date_cn }}", align="right")
    date.paragraph_format.right_indent = Pt(CHAR_PITCH_PT * 4)
    # 版记 (§7.4): 抄送 and 印发机关/印发日期 between rules (first and last 0.35 mm, middle 0.25 mm), framed
    # at the foot of the last page. Two frames (each one paragraph, LibreOffice ignores the position of a
    # frame of several paragraphs): 印发 on the last line, 抄送 above it — one variant per number of lines
    # 抄送 takes (~29 characters a line), so every position in the template is a plain number.
    bottom = round(Mm(225).twips) - 160
    y_print = str(bottom - LINE_TWIPS)
    paragraph(doc, "{%p if printer %}")

    def banji(text: str, y: str, top: int, bottom: int):
        p = paragraph(doc, text, font=FANGSONG, size=SIZE_4)
        framed(p, y)
        if top:
            border(p, "top", "000000", top)
        border(p, "bottom", "000000", bottom)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = SIZE_4
        no_grid(p)
        return p

    printed = "{{ printer }}\t{{ print_date|date_cn }}印发"
    for n in range(1, CC_MAX_LINES + 1):
        if n == 1:
            paragraph(doc, f"{{%p if cc and (cc|length) + 4 <= {CC_CHARS_PER_LINE} %}}")
        elif n < CC_MAX_LINES:
            paragraph(doc, f"{{%p elif cc and (cc|length) + 4 <= {CC_CHARS_PER_LINE * n} %}}")
        else:
            paragraph(doc, "{%p elif cc %}")
        cc = banji("抄送：{{ cc }}。", str(bottom - LINE_TWIPS * (n + 1)), 8, 6)
        cc.paragraph_format.left_indent = Pt(SIZE_4.pt * 4)
        cc.paragraph_format.first_line_indent = Pt(-SIZE_4.pt * 3)
        right_tab(banji(printed, y_print, 0, 8), Mm(156).pt - 2 * SIZE_4.pt)
    paragraph(doc, "{%p else %}")
    right_tab(banji(printed, y_print, 8, 8), Mm(156).pt - 2 * SIZE_4.pt)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endif %}")
    # A document ends with a paragraph; it anchors the framed 版记, so it is 1 pt high: a full-size empty
    # line could not fit beside the frame and would start a blank page.
    anchor = paragraph(doc, "", size=Pt(1), line_pt=1)
    no_grid(anchor)
    return save(doc, "notice")
