"""Every kind that ``wenshu kinds`` lists: its sample validates, renders, and prints inside the type area.

All documents are converted to PDF with ONE LibreOffice call (the machine is small). The type area is
GB/T 9704-2012 §5.2.1 (DOMAIN.md §7): A4 595×842 pt, margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm. Footers (page numbers, a 笔录's signature line) may sit in the bottom margin, above the
footer distance (20 mm from the page edge); nothing may stand in the top margin or the side margins.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape

import pytest

from wenshu import cli

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.3, 841.9
LEFT, RIGHT = 28 * MM, PAGE_W - 26 * MM
TOP, BOTTOM = 37 * MM, PAGE_H - 35 * MM
FOOTER_LIMIT = PAGE_H - 20 * MM  # footers end at the footer distance above the page edge
TOL = 3.0  # pt: glyph side bearings and rounding
#: East Asian typography lets closing punctuation hang past the right edge of the type area by at most
#: one character (LibreOffice and Word's 允许标点溢出边界); only such a character may stand outside.
HANGING = set("，。、；：？！”’）》〉」』】,.;:?!)")

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def run_cli(capsys, *argv):
    capsys.readouterr()
    code = cli.main(list(argv))
    out = capsys.readouterr().out
    return code, out


def listed_kinds():
    proc = subprocess.run([sys.executable, "-m", "wenshu", "kinds"], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    kinds = json.loads(proc.stdout)
    assert kinds, "wenshu kinds lists no kind"
    return kinds


def outside_type_area(bbox_html: str) -> list[str]:
    """Words printed outside the type area, as ``page N: text (x0,y0,x1,y1)``."""
    bad = []
    for n, (w, h, body) in enumerate(_PAGE.findall(bbox_html), start=1):
        assert abs(float(w) - PAGE_W) < 2 and abs(float(h) - PAGE_H) < 2, f"page {n} is not A4: {w}×{h}"
        for x0, y0, x1, y1, text in _WORD.findall(body):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            text = unescape(text)
            in_body = TOP - TOL <= y0 and y1 <= BOTTOM + TOL
            in_footer = y0 >= BOTTOM - TOL and y1 <= FOOTER_LIMIT + TOL
            right = RIGHT + TOL
            if text and text[-1] in HANGING:
                right += (x1 - x0) / len(text) + TOL  # one hanging punctuation mark
            if x0 < LEFT - TOL or x1 > right or not (in_body or in_footer):
                bad.append(f"page {n}: {text} ({x0:.0f},{y0:.0f},{x1:.0f},{y1:.0f})")
    return bad


def _bbox(*words: tuple[float, float, float, float, str]) -> str:
    inner = "".join(f'<word xMin="{a}" yMin="{b}" xMax="{c}" yMax="{d}">{t}</word>' for a, b, c, d, t in words)
    return f'<page width="{PAGE_W}" height="{PAGE_H}">{inner}</page>'


def test_type_area_check_flags_margins_but_allows_footers_and_one_hanging_mark():
    assert outside_type_area(_bbox((80, 110, 520, 125, "正文"), (250, 760, 340, 772, "第1页 共1页"))) == []
    assert outside_type_area(_bbox((80, 110, 536, 125, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九，"))) == []
    assert outside_type_area(_bbox((80, 110, 536, 125, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十")))
    assert outside_type_area(_bbox((60, 110, 200, 125, "左边距")))
    assert outside_type_area(_bbox((80, 60, 200, 75, "页眉处的字")))
    assert outside_type_area(_bbox((80, 800, 200, 815, "页面最底部")))


def test_every_listed_kind_samples_validates_renders_and_prints_in_the_type_area(tmp_path, capsys):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: it is needed to check the printed layout of every kind. "
                    "Install LibreOffice and run the tests again.")
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} (poppler-utils) is not installed: it is needed to read the converted PDFs.")
    kinds = listed_kinds()
    docs = []
    for entry in kinds:
        name = entry["kind"]
        code, out = run_cli(capsys, "sample", name)
        assert code == 0, name
        sample = json.loads(out)
        assert isinstance(sample, dict), name
        answers = tmp_path / f"{name}.json"
        answers.write_text(out, encoding="utf-8")
        code, out = run_cli(capsys, "validate", name, str(answers))
        result = json.loads(out)
        errors = [f for f in result["findings"] if f["severity"] == "error"]
        assert code == 0 and result["ok"] and not errors, f"{name}: {errors}"
        docx = tmp_path / f"{name}.docx"
        code, out = run_cli(capsys, "render", name, str(answers), "-o", str(docx))
        assert code == 0 and docx.stat().st_size > 0, f"{name}: {out}"
        docs.append(docx)

    pdf_dir = tmp_path / "pdf"
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                           "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, docs)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr

    problems = []
    for entry, docx in zip(kinds, docs, strict=True):
        pdf = pdf_dir / (docx.stem + ".pdf")
        if not pdf.exists():
            problems.append(f"{entry['kind']}: no PDF written")
            continue
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        flat = re.sub(r"\s+", "", text)
        if pages < 1:
            problems.append(f"{entry['kind']}: empty PDF")
        if re.sub(r"\s+", "", entry["title"]) not in flat:
            problems.append(f"{entry['kind']}: title “{entry['title']}” not found in the PDF")
        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
        problems.extend(f"{entry['kind']}: {p}" for p in outside_type_area(bbox))
    assert not problems, "\n".join(problems)
