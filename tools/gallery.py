"""Render every kind's sample and save page 1 as ``docs/images/<kind>.png``; write ``docs/gallery.md``.

    python tools/gallery.py            # all kinds
    python tools/gallery.py notice     # only these (the page still lists every kind with an image)

One LibreOffice call converts all documents; ``pdftoppm -r 100`` makes the images. The previews use Noto
CJK for every logical font (this machine has no 仿宋_GB2312/方正小标宋简体, and cwTeX 仿宋 lacks many
simplified characters, which would show as a patchwork of fallback fonts).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from templates import fonts  # noqa: E402
from templates.kinds import all_kinds, get_kind  # noqa: E402
from templates.render import render_document  # noqa: E402

IMAGES = ROOT / "docs" / "images"
PAGE = ROOT / "docs" / "gallery.md"
PREVIEW = {fonts.FANGSONG: "Noto Serif CJK SC", fonts.XIAOBIAOSONG: "Noto Serif CJK SC",
           fonts.HEITI: "Noto Sans CJK SC", fonts.KAITI: "Noto Serif CJK SC", fonts.SONGTI: "Noto Serif CJK SC"}


def build(names: list[str]) -> None:
    fonts.PROFILES.setdefault("preview", ("预览（Noto CJK）", PREVIEW))
    kinds = [get_kind(n) for n in names] if names else all_kinds()
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for kind in kinds:
            out = folder / f"{kind.name}.docx"
            render_document(kind, kind.sample(), out, font_profile="preview")
            files.append(out)
        subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                        *map(str, files)], check=True, capture_output=True, timeout=600)
        for kind in kinds:
            subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", "-singlefile",
                            str(folder / f"{kind.name}.pdf"), str(IMAGES / kind.name)], check=True)
            print("image", IMAGES / f"{kind.name}.png")
    write_page()


def write_page() -> None:
    lines = ["# 文书样式一览（Gallery）", "",
             "每种文书的示例（`wenshu sample <kind>`）生成后第 1 页的预览，按办案程序排列。"
             "由 `python tools/gallery.py` 生成；预览使用 Noto CJK 字体代替公文标准字体。", ""]
    for kind in all_kinds():
        image = IMAGES / f"{kind.name}.png"
        if not image.exists():
            continue
        code = f"，文种代字“{kind.code}”" if kind.code else ""
        lines += [f"## {kind.title}（`{kind.name}`）", "",
                  f"程序阶段：{kind.stage or '—'}{code}。", "",
                  f"![{kind.title}](images/{kind.name}.png)", ""]
    PAGE.write_text("\n".join(lines), encoding="utf-8")
    print("page", PAGE)


if __name__ == "__main__":
    build(sys.argv[1:])
