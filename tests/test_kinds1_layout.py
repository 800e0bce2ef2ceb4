"""Printed layout of the notice (GB/T 9704-2012) and the case forms, measured on the PDF.

Every document is rendered with the ``linux`` font profile (the fonts .ci/run installs) and converted in
ONE LibreOffice call; positions come from ``pdftotext -bbox``. Without soffice/poppler these tests FAIL.
"""

from __future__ import annotations

import re

import pytest
from kinds1_pdf import (
    BOTTOM,
    LEFT,
    PAGE_W,
    RIGHT,
    TOP,
    convert_all,
    line_text,
    lines,
    outside_type_area,
    page_count,
    words,
)

from templates.kinds import get_kind
from templates.render import render_document

MM = 72 / 25.4
CHAR = 156 * MM / 28  # GB/T 9704 character pitch of the body
FORMS = ["legal_review_application", "legal_review_approval", "legal_review_opinion", "collective_discussion",
         "publication_summary", "case_filing", "case_closing"]
#: pages each sample takes (the notice's 版记 sits on its own last page: the 署名 block fills page 1).
EXPECTED_PAGES = {"notice": 2, "notice_shenchi": 2, "notice_long": 4, "legal_review_application": 1,
                  "legal_review_approval": 1, "legal_review_opinion": 1, "collective_discussion": 2,
                  "publication_summary": 1, "case_filing": 1, "case_closing": 1}
#: a line that belongs to a signature block (it must never open a page on its own)
SIGNATURE = re.compile(r"签名|印章|＿＿|^年月日$")
PLAIN = "现将行政执法监督检查管理制度印发请认真贯彻执行各单位要结合实际抓好落实"  # no punctuation, no digits
FILL_RANGE = range(4, 16)


def _notice(**changes) -> dict:
    answers = get_kind("notice").sample()
    answers.update(changes)
    return answers


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    import json

    from templates.kinds import ROOT

    out = tmp_path_factory.mktemp("kinds1_layout")
    docs: dict[str, tuple[str, dict]] = {name: (name, get_kind(name).sample()) for name in ["notice", *FORMS]}
    shenchi = json.loads((ROOT / "notice" / "samples" / "shenchi_2019_35.json").read_text(encoding="utf-8"))
    docs["notice_shenchi"] = ("notice", shenchi)
    # A short closing paragraph, as real notices have: LibreOffice moves a whole keep-with-next
    # paragraph to the next page when it fits there (Word moves only its last line).
    docs["notice_long"] = ("notice", _notice(body=[{"level": 0, "text": PLAIN * 8}] * 5
                                             + [{"level": 0, "text": "请认真贯彻执行。"}],
                                             attachments=["行政执法监督检查管理制度", "执法人员名单"],
                                             cc="市人民政府办公室，市司法局，市应急管理局，各旗区能源局，市能源局各科室，各二级单位"))
    for n in FILL_RANGE:  # bodies of n lines: the page break falls at every place of the 署名 block once
        docs[f"notice_fill{n}"] = ("notice", _notice(body=[{"level": 0, "text": (PLAIN * 20)[: 28 * n - 2]}]))
    files = []
    for stem, (kind, answers) in docs.items():
        path = out / f"{stem}.docx"
        render_document(get_kind(kind), answers, path, font_profile="linux")
        files.append(path)
    return {stem: (pdf, words(pdf)) for stem, pdf in convert_all(files, out).items()}


def test_no_text_outside_the_type_area(pdfs):
    for stem, (_, ws) in pdfs.items():
        bad = outside_type_area(ws)
        assert not bad, f"{stem}: text outside the 156×225 mm type area: {[(w.page, w.text, w.x0, w.y0) for w in bad[:5]]}"


def test_page_counts(pdfs):
    for stem, pages in EXPECTED_PAGES.items():
        assert page_count(pdfs[stem][0]) == pages, stem


def test_no_signature_line_opens_a_page(pdfs):
    for stem, (pdf, ws) in pdfs.items():
        for page in range(2, page_count(pdf) + 1):
            body = [ln for ln in lines(ws, page) if ln[0].y0 < BOTTOM]
            if body:
                first = line_text(body[0])
                assert not SIGNATURE.search(first), f"{stem}: page {page} starts with a signature line “{first}”"


def test_notice_signature_block_stays_with_body_text(pdfs):
    for n in FILL_RANGE:
        pdf, ws = pdfs[f"notice_fill{n}"]
        seal = next(w for w in ws if "印章" in w.text)
        above = [ln for ln in lines(ws, seal.page) if ln[0].yc < seal.yc - 3]
        assert above, f"notice with {n} body lines: （印章） opens page {seal.page} without body text"
        date = next(w for w in ws if w.text.endswith("日") and w.page >= seal.page and w.yc > seal.yc)
        assert date.page == seal.page


def test_notice_grid_is_22_lines_of_28_characters(pdfs):
    pdf, ws = pdfs["notice_long"]
    page2 = [ln for ln in lines(ws, 2) if TOP - 3 <= ln[0].y0 and ln[-1].y1 <= BOTTOM + 3]
    assert 21 <= len(page2) <= 23, [line_text(ln) for ln in page2]
    widest = max(len(line_text(ln)) for ln in page2)
    assert 27 <= widest <= 29, widest
    pitch = (page2[-1][0].yc - page2[0][0].yc) / (len(page2) - 1)
    assert abs(pitch - 28.95) < 0.5, pitch


@pytest.mark.parametrize(("stem", "mark_text", "number_text", "title_start", "date_text", "issuer_text"), [
    ("notice", "鄂尔多斯市能源局文件", "209", "鄂尔多斯市能源局关于", "2020年11月5日", "鄂尔多斯市能源局"),
    ("notice_shenchi", "神池县应急管理局", "35", "关于印发《安全生产行政执法公示制度》", "2019年11月6日", "神池县应急管理局"),
])
def test_notice_elements_sit_where_gbt9704_puts_them(pdfs, stem, mark_text, number_text, title_start, date_text,
                                                      issuer_text):
    pdf, ws = pdfs[stem]
    page1 = lines(ws, 1)
    mark = page1[0]
    assert line_text(mark) == mark_text
    assert abs(mark[0].y0 - (TOP + 35 * MM)) < 12, mark[0].y0  # 标志 35 mm below the type area's top
    number = next(ln for ln in page1 if number_text in line_text(ln))
    assert abs((number[0].x0 + number[-1].x1) / 2 - PAGE_W / 2) < 8  # 发文字号 centred
    title = next(ln for ln in page1 if line_text(ln).startswith(title_start))
    assert abs((title[0].x0 + title[-1].x1) / 2 - PAGE_W / 2) < 8  # title centred
    assert title[0].y0 > number[0].y1 + 2 * 28  # two lines below the red rule
    recipients = next(ln for ln in page1 if line_text(ln).endswith("单位："))
    assert abs(recipients[0].x0 - LEFT) < 3  # 主送 flush left
    assert recipients[0].y0 > title[0].y1
    everything = [ln for p in range(1, page_count(pdf) + 1) for ln in lines(ws, p)]
    date = next(ln for ln in everything if line_text(ln).replace(" ", "") == date_text)
    assert abs(date[-1].x1 - (RIGHT - 4 * CHAR)) < 10  # 成文日期 four characters from the right
    issuer = [ln for ln in everything if line_text(ln) == issuer_text][-1]
    assert abs((issuer[0].x0 + issuer[-1].x1) / 2 - (date[0].x0 + date[-1].x1) / 2) < 16  # 署名 over the date
    assert issuer[0].page == date[0].page and issuer[0].yc < date[0].yc


def test_notice_page_numbers_odd_right_even_left(pdfs):
    pdf, ws = pdfs["notice_long"]
    for page in range(1, page_count(pdf) + 1):
        number = sorted((w for w in ws if w.page == page and w.y0 > BOTTOM), key=lambda w: w.x0)
        assert re.fullmatch(rf"—\s*{page}\s*—", "".join(w.text for w in number)), number
        if page % 2:
            assert abs(number[-1].x1 - (RIGHT - 14)) < 12, (page, number[-1])
        else:
            assert abs(number[0].x0 - (LEFT + 14)) < 12, (page, number[0])
        assert number[0].y0 - BOTTOM < 12 * MM  # about 7 mm below the type area


def test_notice_banji_at_the_foot_of_the_last_page(pdfs):
    for stem in ("notice", "notice_long"):
        pdf, ws = pdfs[stem]
        last = page_count(pdf)
        printed = [w for w in ws if w.text.endswith("印发") and w.page == last]
        assert printed, f"{stem}: 印发 line not on the last page"
        assert BOTTOM - 20 < printed[0].y1 <= BOTTOM + 2, printed[0]
    ws = pdfs["notice_long"][1]
    cc = next(w for w in ws if w.text.startswith("抄送："))
    printed = next(w for w in ws if w.text.endswith("印发"))
    assert cc.page == printed.page and cc.y1 < printed.y0
