"""Render every kind's sample → PDF (one LibreOffice call) → PNG of page 1 under ``docs/images/``.

Usage: ``/tmp/venv/bin/python tools/gallery.py [kind …] [--out docs/images] [--dpi 100] [--pages]``.
Look at the PNGs: a cramped, overflowing or ugly form is a bug. ``--pages`` writes every page
(``<kind>-2.png`` …) for checking page breaks and footers.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from templates.kinds import all_kinds  # noqa: E402
from templates.render import RenderError, render_document  # noqa: E402


def to_pdf(docx_files: list[Path], outdir: Path) -> None:
    """Convert all ``docx_files`` with one ``soffice`` call (own profile folder: runs in parallel)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("未找到 LibreOffice（soffice），无法转换为 PDF。")
    with tempfile.TemporaryDirectory(prefix="wenshu-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=600)


def write_gallery_page(path: Path) -> None:
    """``docs/gallery.md``: every kind in procedure order with its page-1 image (from the kinds' data)."""
    lines = ["# 文书样式一览（Gallery）", "",
             "每种文书的示例（`wenshu sample <kind>`）生成后第 1 页的预览，按办案程序排列。",
             "图片由 `python tools/gallery.py` 生成（LibreOffice 转 PDF，`pdftoppm -r 100`）；"
             "本机未装公文标准字体时按字体方案替换。", ""]
    for kind in all_kinds():
        code = f"，文种代字“{kind.code}”" if kind.code else ""
        lines += [f"## {kind.title}（`{kind.name}`）", "", f"程序阶段：{kind.stage}{code}。", "",
                  f"![{kind.title}](images/{kind.name}.png)", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="文书样例图库")
    ap.add_argument("kinds", nargs="*")
    ap.add_argument("--out", default=str(ROOT / "docs" / "images"))
    ap.add_argument("--dpi", type=int, default=100)
    ap.add_argument("--pages", action="store_true", help="输出每一页")
    ap.add_argument("--fonts", default=None, help="字体方案")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    kinds = [k for k in all_kinds() if not args.kinds or k.name in args.kinds]
    with tempfile.TemporaryDirectory(prefix="wenshu-gallery-") as tmp:
        work = Path(tmp)
        docs = []
        for kind in kinds:
            path = work / f"{kind.name}.docx"
            try:
                render_document(kind, kind.sample(), path, font_profile=args.fonts)
            except RenderError as exc:
                print(f"{kind.name}: {exc} {getattr(exc, 'findings', '')}", file=sys.stderr)
                continue
            docs.append(path)
        if not docs:
            return 1
        to_pdf(docs, work)
        for doc in docs:
            pdf = doc.with_suffix(".pdf")
            if args.pages:
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(out / doc.stem)], check=True)
            else:
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-f", "1", "-l", "1", "-singlefile", "-png",
                                str(pdf), str(out / doc.stem)], check=True)
            print(out / f"{doc.stem}.png")
    if not args.kinds and not args.pages:
        write_gallery_page(ROOT / "docs" / "gallery.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
