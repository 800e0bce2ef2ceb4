"""Printed layout, checked from PDFs made by LibreOffice: pages, key text, type area, footers, fonts.

All documents are converted with ONE ``soffice`` call. LibreOffice is required: without it this test
fails with a message (CI installs it) — the layout is a feature, not an optional extra.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from templates.fonts import font_map
from templates.kinds import get_kind
from templates.render import render_document

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, BOTTOM, LEFT, RIGHT = 37 * MM, 35 * MM, 28 * MM, 26 * MM  # DOMAIN.md §7
TOL = 3.0  # pt
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _long_inquiry() -> dict:
    answers = get_kind("inquiry_record").sample()
    answers["qa"] = [{"q": f"第{i}个问题：12采区回风巷局部通风机风电闭锁装置的维修情况如何？",
                      "a": f"第{i}个回答：装置于2026年11月15日出现故障，安排瓦斯检查员加密检查，未书面报告调度室。"}
                     for i in range(1, 31)]
    return answers


DOCS = {
    "inspection_record": ("inspection_record", None),
    "inquiry_record": ("inquiry_record", None),
    "penalty_decision": ("penalty_decision", None),
    "inquiry_long": ("inquiry_record", _long_inquiry),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("未找到 LibreOffice（soffice）：版式测试需要它把 .docx 转为 PDF。请安装 LibreOffice 后重试。")
    for tool in ("pdftotext", "pdfinfo", "pdffonts"):
        if not shutil.which(tool):
            pytest.fail(f"未找到 {tool}（poppler-utils）：版式测试需要它读取 PDF。")
    work = tmp_path_factory.mktemp("layout")
    docs = []
    for name, (kind_name, make) in DOCS.items():
        kind = get_kind(kind_name)
        out = work / f"{name}.docx"
        render_document(kind, make() if make else kind.sample(), out)
        docs.append(out)
    profile = work / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), *map(str, docs)], check=True, capture_output=True, timeout=600)
    result = {name: work / f"{name}.pdf" for name in DOCS}
    missing = [n for n, p in result.items() if not p.exists()]
    assert not missing, f"LibreOffice 未能转换：{missing}"
    return result


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(chunk)])
    return pages


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _body(words) -> list:
    return [w for w in words if w[1] < PAGE_H - BOTTOM]


def _footer(words) -> list:
    return [w for w in words if w[1] >= PAGE_H - BOTTOM]


def _text(words) -> str:
    return "".join(w[4] for w in words)


@pytest.mark.parametrize(("name", "pages"), [("inspection_record", 1), ("inquiry_record", 2), ("penalty_decision", 2)])
def test_samples_print_on_the_expected_number_of_a4_pages(pdfs, name, pages):
    assert _page_count(pdfs[name]) == pages
    info = subprocess.run(["pdfinfo", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w - PAGE_W) < 1 and abs(h - PAGE_H) < 1


@pytest.mark.parametrize("name", list(DOCS))
def test_no_text_outside_the_type_area(pdfs, name):
    for n, words in enumerate(_pages(pdfs[name]), 1):
        assert words, f"第{n}页是空白页"
        for x0, y0, x1, y1, text in _body(words):
            assert x0 >= LEFT - TOL and x1 <= PAGE_W - RIGHT + TOL, f"第{n}页“{text}”超出左右版心（x {x0:.1f}–{x1:.1f}）"
            assert y0 >= TOP - TOL, f"第{n}页“{text}”高于上边距（y {y0:.1f}）"
            assert y1 <= PAGE_H - BOTTOM + TOL, f"第{n}页“{text}”低于下边距（y {y1:.1f}）"
        for x0, _y0, x1, y1, text in _footer(words):  # the footer sits in the bottom margin, not off the paper
            assert x0 >= LEFT - TOL and x1 <= PAGE_W - RIGHT + TOL, f"第{n}页页脚“{text}”超出左右版心"
            assert y1 <= PAGE_H - 10 * MM, f"第{n}页页脚“{text}”太靠近纸边（y {y1:.1f}）"


def test_inspection_record_key_text(pdfs):
    text = _text(w for page in _pages(pdfs["inspection_record"]) for w in page)
    for expected in ("安全生产行政执法文书", "现场检查记录", "（晋忻神）应急检记〔2026〕12号", "被检查单位：神池县某煤业有限公司",
                     "我们是神池县应急管理局行政执法人员张三、李四，证件号码为14090012345、14090012346，"
                     "这是我们的证件（出示证件）。现依法对你单位进行现场检查，请予以配合。",
                     "检查情况：", "检查时间：2026年11月20日9时30分至11时00分", "（此栏不够，可另附页）",
                     "检查人员（签名）：", "被检查单位现场负责人（签名）：", "第1页共1页"):
        assert expected in text, expected
    assert "赵六（签名）" not in text


def test_inquiry_record_key_text(pdfs):
    text = _text(w for page in _pages(pdfs["inquiry_record"]) for w in page)
    for expected in ("询问笔录", "被询问人：赵六",
                     "我们是神池县应急管理局的行政执法人员张三、李四，证件号码为14090012345、14090012346，这是我们的证件（出示证件）。"
                     "我们依法就神池县某煤业有限公司12采区局部通风机未实现“三专两闭锁”的有关问题向您了解情况，"
                     "您有如实回答问题的义务，也有陈述、申辩和申请回避的权利。您听清楚了吗？",
                     "答：听清楚了。问：你是否申请回避？答：不申请。", "问：请介绍一下你的基本情况。",
                     "以上笔录我看过（或向我宣读过），与我说的相符。"):
        assert expected in text, expected


def test_a_long_inquiry_record_has_the_signature_line_and_page_number_on_every_page(pdfs):
    pages = _pages(pdfs["inquiry_long"])
    assert len(pages) >= 3
    for n, words in enumerate(pages, 1):
        footer = _text(_footer(words))
        assert "被询问人（签名）：" in footer, f"第{n}页页脚缺少被询问人签名栏"
        assert f"第{n}页共{len(pages)}页" in footer, f"第{n}页页码有误：{footer}"
    assert "第30个回答" in _text(w for page in pages for w in page)


def test_penalty_decision_key_text(pdfs):
    pages = _pages(pdfs["penalty_decision"])
    text = _text(w for page in pages for w in page)
    for expected in ("行政处罚决定书", "（晋忻神）应急罚〔2026〕12号", "被处罚单位：神池县某煤业有限公司",
                     "一、罚款人民币叁万元整（￥30000.00）。", "罚款自收到本决定书之日起十五日内缴至",
                     "如不服本决定，可以在收到本决定书之日起六十日内依法向神池县人民政府申请行政复议，或者在六个月内依法向"
                     "神池县人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。",
                     "神池县应急管理局（印章）2026年12月1日"):
        assert expected in text, expected
    for n, words in enumerate(pages, 1):
        assert f"—{n}—" in _text(_footer(words))


@pytest.mark.parametrize("name", list(DOCS))
def test_every_glyph_is_drawn_in_a_font_of_the_profile(pdfs, name):
    """No character falls back to another font (e.g. a traditional-only 仿宋 lacking 现、检、录)."""
    families = {f.replace(" ", "") for f in font_map(None).values()}
    prefixes = {f[:-2] if f.endswith(("SC", "TC")) else f for f in families}
    out = subprocess.run(["pdffonts", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    fonts = [line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()]
    assert fonts
    for font in fonts:
        assert any(font.replace("-", "").startswith(p) for p in prefixes), f"{font} 不是字体方案中的字体 {families}"
