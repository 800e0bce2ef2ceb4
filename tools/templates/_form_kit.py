"""Helpers shared by the forms, notices, orders, receipts and 笔录 (every kind but the decision/notice pair).

Named with a leading underscore so ``build.py`` does not take it for a kind's authoring script. Builds
on ``kit`` (page setup, fonts) without changing it. Two families: flowing documents (``document``,
``body``, ``party_lines`` …: a header line, a title, a number line, paragraphs) and bordered forms
(``form_document``, ``form_table``, ``label``/``value``/``opinion`` cells, like the 001 附件1–3 forms).
Handwritten parts are blank lines (签名应当手写), never a typed name; the agency's seal is a ``（印章）``
placeholder; amounts and dates come from the renderer's filters.
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
    officer_certs,
    officer_names,
    officer_signature_line,
    page_number_footer,
    paragraph,
    rich,
    set_font,
    signature_line,
    table,
    title,
)

from validators.rulebook import LITIGATION_PERIOD_TEXT, PERIODS, RECONSIDERATION_DAYS_TEXT

TYPE_WIDTH_MM = 156
HEADER = "安全生产行政执法文书"
SIGN = "__________"
DATE_BLANK = "　　年　　月　　日"
CLOSING = "以上笔录我看过（或向我宣读过），与我说的相符。"


#: exact line height of the forms' body (四号 text): 24 pt keeps a notice on one page yet readable.
LINE_PT = 24


def document(heading: str, *, number: bool = True):
    """A4 form: header line (黑体), title (小标宋), number line right-aligned."""
    doc = new_document(line_pt=LINE_PT)
    paragraph(doc, HEADER, font=HEITI, size=SIZE_4, align="center")
    title(doc, heading)
    if number:
        paragraph(doc, "{{ number }}", align="right")
    return doc


def body(doc, text: str, *, indent: bool = True, size=None, keep_next: bool = False):
    """A body paragraph, first line indented two characters."""
    return paragraph(doc, text, indent_chars=2 if indent else 0, size=size, keep_next=keep_next)


def control(doc, tag: str):
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (removed with its paragraph on render)."""
    return paragraph(doc, "{%p " + tag + " %}")


def party_lines(doc, key: str = "party", label: str = "当事人") -> None:
    """The party's identity: name and code for an organisation, id number for a person."""
    body(doc, f"{label}：{{{{ {key}.name }}}}", indent=False)
    control(doc, f"if {key}.type == 'organization'")
    body(doc, f"统一社会信用代码：{{{{ {key}.uscc }}}}　联系电话：{{{{ {key}.phone }}}}", indent=False)
    body(doc, f"法定代表人（负责人）：{{{{ {key}.legal_rep }}}}　　职务：{{{{ {key}.title }}}}", indent=False)
    control(doc, "else")
    body(doc, f"居民身份证号码：{{{{ {key}.id_no }}}}　　性别：{{{{ {key}.gender }}}}"
              f"　　联系电话：{{{{ {key}.phone }}}}", indent=False)
    control(doc, "endif")
    body(doc, f"地址：{{{{ {key}.address }}}}", indent=False)


def remedies(doc, act: str = "决定", organ: str = "reconsideration_organ", court: str = "court") -> None:
    """复议 60 日 / 诉讼 6 个月 and 不停止执行 (行政复议法 第二十条; 行政诉讼法 第四十六条)."""
    body(doc, f"如不服本{act}，可以在收到本{act}书之日起{RECONSIDERATION_DAYS_TEXT}内依法向{{{{ {organ} }}}}申请行政复议，"
              f"或者在{LITIGATION_PERIOD_TEXT}内依法向{{{{ {court} }}}}提起行政诉讼，但本{act}不停止执行，法律另有规定的除外。")


def seal(doc, date_key: str = "date") -> None:
    """Agency name, ``（印章）`` placeholder and date, right-aligned (the seal covers name and date)."""
    paragraph(doc, "{{ agency }}（印章）", align="right", keep_next=True)
    paragraph(doc, f"{{{{ {date_key}|date_cn }}}}", align="right")


def sign_line(doc, label: str, *, with_date: bool = True, count: int = 1):
    """A blank handwritten-signature line (``kit.signature_line``: underlined blanks, dates aligned right)."""
    return signature_line(doc, label, signers=count, date=with_date, keep_next=True)


def officers_sign_line(doc, label: str = "执法人员", *, with_date: bool = True):
    """One blank per officer named in the answers, at least two (``kit.officer_signature_line``)."""
    return officer_signature_line(doc, label, date=with_date, keep_next=True)


def receipt_line(doc, label: str = "当事人") -> None:
    """The party's receipt at the foot of a notice (签收, handwritten)."""
    rich(doc, [f"{label}签收：", ("\u3000" * 5, {"u": True}), f"\u3000\u3000{DATE_BLANK}\u3000\u3000时\u3000\u3000分"],
         size=SIZE_SMALL_4, line_pt=20)


def video_line(doc) -> None:
    """The recording reference, printed only when one was given."""
    control(doc, "if video.file_id")
    body(doc, "音像记录：{{ video.device }}，文件编号{{ video.file_id }}，"
              "{{ video.start|datetime_cn }}至{{ video.end|datetime_cn }}。", indent=False, size=SIZE_SMALL_4)
    control(doc, "endif")


def video_reminder() -> str:
    p = PERIODS["video_storage"]
    return f"音像记录制作完成后应当在{p.amount}个工作日内存储（{p.source}）。"


def record_footer(doc, signer: str) -> None:
    """Every page of a 笔录 carries the signer's line and ``第 N 页 共 M 页`` (DOMAIN.md §6)."""
    page_number_footer(doc.sections[0], extra_line=f"{signer}（签名）：{SIGN}　　{DATE_BLANK}")


def notice_footer(doc) -> None:
    page_number_footer(doc.sections[0])


def notice_end(doc, receiver: str = "当事人") -> None:
    """The foot of every notice, order and decision served on the party: seal and date, the receiver's
    签收 line, page numbers."""
    seal(doc)
    receipt_line(doc, receiver)
    notice_footer(doc)


def contact_lines(doc) -> None:
    """The agency's address and contact person, where the party answers a notice."""
    body(doc, "本机关地址：{{ contact.address }}{% if contact.postcode %}　　邮政编码：{{ contact.postcode }}{% endif %}",
         indent=False)
    body(doc, "联系人：{{ contact.person }}　　联系电话：{{ contact.phone }}", indent=False)


def show_credentials(doc, purpose: str) -> None:
    """The officers name themselves and show their certificates before a record starts (003 第十四条)."""
    body(doc, f"我们是{{{{ agency }}}}的行政执法人员{officer_names()}，证件号码为{officer_certs()}，这是我们的证件（出示证件）。"
              + purpose)


def fix_grid(t, widths_mm: list[float]) -> None:
    """``kit.table`` sets the cells' widths only; LibreOffice lays a table out by its grid, so set that too."""
    for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):  # noqa: SLF001
        col.set(qn("w:w"), str(round(Mm(w).twips)))
    tbl_w = t._tbl.tblPr.find(qn("w:tblW"))  # noqa: SLF001
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(Mm(sum(widths_mm)).twips)))


def grid_table(doc, widths_mm: list[float], headers: list[str], cells: list[str], loop: str):
    """A bordered table: a header row and one row repeated by docxtpl (``{%tr for … %}``)."""
    t = table(doc, 4, len(widths_mm), widths_mm)
    fix_grid(t, widths_mm)
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, align="center", font=HEITI, size=SIZE_SMALL_4)
        t.rows[0].cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    cell_text(t.rows[1].cells[0], "{%tr for " + loop + " %}")
    for i, c in enumerate(cells):
        cell_text(t.rows[2].cells[i], c, align="center" if i == 0 else "left", font=FANGSONG)
        t.rows[2].cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    cell_text(t.rows[3].cells[0], "{%tr endfor %}")
    header_repeat = OxmlElement("w:tblHeader")
    t.rows[0]._tr.get_or_add_trPr().append(header_repeat)  # noqa: SLF001
    for row in t.rows:
        cant_split(row)
    return t


def label_table(doc, rows: list[tuple[str, str]], widths_mm: tuple[float, float] = (40, 116), heights_mm=None):
    """A bordered two-column form: labels (centred) on the left, values on the right; rows unsplittable."""
    t = table(doc, len(rows), 2, list(widths_mm))
    fix_grid(t, widths_mm)
    heights_mm = heights_mm or {}
    for i, (label_text, value_text) in enumerate(rows):
        row = t.rows[i]
        cant_split(row)
        if i in heights_mm:
            min_height(row, heights_mm[i])
        cell_text(row.cells[0], label_text, align="center")
        row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = value_text.split("\n")
        cell_text(row.cells[1], lines[0])
        for extra in lines[1:]:
            p = row.cells[1].add_paragraph()
            p.paragraph_format.line_spacing = row.cells[1].paragraphs[0].paragraph_format.line_spacing
            p.paragraph_format.line_spacing_rule = row.cells[1].paragraphs[0].paragraph_format.line_spacing_rule
            if extra.startswith(">"):
                p.alignment = 2  # right
                extra = extra[1:]
            r = p.add_run(extra)
            set_font(r, FANGSONG, SIZE_SMALL_4)
        row.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return t


def record_time_place(doc, time_label: str, place_label: str) -> None:
    """The first two elements of a record: 时间 (年月日时分 至 时分) and 地点."""
    body(doc, f"{time_label}：{{{{ time.start|datetime_cn }}}}至{{{{ time.end|time_cn }}}}", indent=False)
    body(doc, f"{place_label}：{{{{ place }}}}", indent=False)


def record_officers(doc, label: str = "执法人员", recorder: bool = True) -> None:
    """执法人员 with certificate numbers (003 第十四条), then the 记录人."""
    body(doc, f"{label}：{{% for o in officers %}}{{{{ o.name }}}}（执法证号{{{{ o.cert_no }}}}）"
              "{% if not loop.last %}、{% endif %}{% endfor %}"
              + ("{% if recorder %}　　记录人：{{ recorder }}{% endif %}" if recorder else ""), indent=False)


def closing(doc) -> None:
    """The closing formula of every 笔录, printed above the signatures (DOMAIN.md §6)."""
    paragraph(doc, "")
    body(doc, CLOSING, keep_next=True)


# ---- bordered forms (review, discussion, filing, closing, publication) ----

SIGN_LINE = "{label}：　　　　　　　　　　　年　　月　　日"
CELL_LINE_PT = 20


def form_document(header: str = HEADER, heading: str = "", number: str | None = "{{ number }}"):
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


#: The approval chain of a case form (003 第十二条): each opinion with whose signature closes it.
APPROVAL_OPINIONS = (("承办人意见", "{{ handler_opinion }}", "承办人（签名）"),
                     ("承办机构\n意见", "{{ unit_opinion }}", "负责人（签名）"),
                     ("负责人\n意见", "{{ head_opinion }}", "负责人（签名）"))


def approval_rows(tbl, first: int, height_mm: float) -> None:
    """Rows ``first`` … of ``tbl``: the three opinions of ``APPROVAL_OPINIONS``, each with a blank signature line."""
    for i, (name, text, sign) in enumerate(APPROVAL_OPINIONS, start=first):
        label(tbl.rows[i].cells[0], name)
        opinion(tbl.rows[i].cells[1], text, sign, min_lines=2)
        min_height(tbl.rows[i], height_mm)


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
    fix_grid(t, widths_mm)
    for row in t.rows:
        cant_split(row)
    return t



# --- Party wording and the 2016 式样's copies note (shared by every kind; DOMAIN.md §6) ----------------------
#: 你单位 for an organisation, 你 for a person: an issued document never prints the blank form's 你（单位）.
#: ``key`` is the party's field (an object with ``type`` "person" or "organization").
def you(key: str = "party") -> str:
    return '{% if ' + key + '.type == "person" %}你{% else %}你单位{% endif %}'


def copies_note(doc, kept: str = "备案", given: str = "当事人") -> None:
    """The 式样's "本文书一式两份" note under the form, with the agency's own name (never 安全生产监督管理部门)."""
    body(doc, "本文书一式两份：一份由{{ agency }}" + kept + "，一份交" + given + "。", indent=False, size=SIZE_SMALL_4)


# --- issue 12: a label that names the party by its type (被检查单位 / 被检查人), never the blank form's 单位（人） ---
def party_word(prefix: str, key: str = "party") -> str:
    """``被责令单位`` for an organisation, ``被责令人`` for a person (``prefix`` = ``被责令``)."""
    return '{% if ' + key + '.type == "person" %}' + prefix + '人{% else %}' + prefix + '单位{% endif %}'
