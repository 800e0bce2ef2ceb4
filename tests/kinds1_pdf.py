"""Reading a PDF's text positions (``pdftotext -bbox``) for the layout tests.

A4 portrait in points (595.3 × 841.9); the type area of GB/T 9704-2012 §5.2.1 (DOMAIN.md §7):
top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, BOTTOM = 37 * MM, PAGE_H - 35 * MM
LEFT, RIGHT = 28 * MM, PAGE_W - 26 * MM

_PAGE = re.compile(r"<page ")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
#: page-number footers: ``— 3 —`` (公文) and ``第 1 页 共 2 页`` (records)
FOOTER = re.compile(r"^[—\-－\d第页共\s]+$")
#: punctuation that Word (允许标点溢出边界, on by default for Chinese) and LibreOffice hang into the right
#: margin at a line's end, by at most one character.
HANGING = "，。、；：！？）》」』”’"


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


def require_tools() -> None:
    """The layout checks need LibreOffice and poppler: fail (never skip) with a clear message."""
    missing = [t for t in ("soffice", "pdftotext", "pdftoppm") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"layout tests need {', '.join(missing)} (LibreOffice and poppler-utils); "
                    "install them (see .ci/run) — these tests are not skipped.")


def convert_all(docx_files: list[Path], outdir: Path) -> dict[str, Path]:
    """All files to PDF in ONE soffice call; ``{stem: pdf}``."""
    require_tools()
    proc = subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(outdir),
                           *map(str, docx_files)], capture_output=True, text=True, timeout=600)
    out = {p.stem: outdir / f"{p.stem}.pdf" for p in docx_files}
    missing = [s for s, p in out.items() if not p.exists()]
    assert not missing, f"soffice did not convert {missing}: {proc.stderr[-2000:]}"
    return out


def words(pdf: Path) -> list[Word]:
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    out: list[Word] = []
    page = 0
    for line in text.splitlines():
        if _PAGE.search(line):
            page += 1
            continue
        m = _WORD.search(line)
        if m:
            out.append(Word(page, float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5])))
    return out


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def lines(ws: list[Word], page: int, tol: float = 3.0) -> list[list[Word]]:
    """The words of ``page`` grouped into text lines (by vertical centre), top to bottom."""
    rows: list[list[Word]] = []
    for w in sorted((w for w in ws if w.page == page), key=lambda w: (w.yc, w.x0)):
        if rows and abs(rows[-1][0].yc - w.yc) <= tol:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def line_text(line: list[Word]) -> str:
    return "".join(w.text for w in line)


def outside_type_area(ws: list[Word], tol: float = 2.5) -> list[Word]:
    """Words outside the type area, page-number footers below it excepted."""
    bad = []
    for w in ws:
        if w.y0 >= BOTTOM - tol and FOOTER.match(w.text):
            continue
        right = RIGHT + tol + (17 if w.text[-1:] in HANGING else 0)
        if w.x0 < LEFT - tol or w.x1 > right or w.y0 < TOP - tol or w.y1 > BOTTOM + tol:
            bad.append(w)
    return bad
