"""Font profiles: templates name *logical* Chinese fonts; a profile maps them to fonts a PC has.

Templates are authored with the official names (GB/T 9704-2012 §7: 仿宋_GB2312, 方正小标宋简体, 黑体,
楷体_GB2312, and 宋体 for page numbers). Many PCs lack 仿宋_GB2312 or 方正小标宋简体 (DOMAIN.md §7), so a
profile replaces each name in every ``w:rFonts`` of the output, in all four slots (ascii, hAnsi,
eastAsia, cs) — python-docx's ``font.name`` alone would leave Chinese text in the default font.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LOGICAL_FONTS = (FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI)

#: name → (title, mapping of logical font → installed font)
PROFILES: dict[str, tuple[str, dict[str, str]]] = {
    "official": ("公文标准字体（已安装仿宋_GB2312、方正小标宋简体等）", {f: f for f in LOGICAL_FONTS}),
    "windows": (
        "Windows 系统自带字体（仿宋、楷体、黑体、宋体）",
        {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "黑体", KAITI: "楷体", SONGTI: "宋体"},
    ),
    "linux": (
        "Linux 开源字体（cwTeX 仿宋、思源宋体、思源黑体）",
        {
            FANGSONG: "cwTeXFangSong",
            XIAOBIAOSONG: "Noto Serif CJK SC",
            HEITI: "Noto Sans CJK SC",
            KAITI: "cwTeXFangSong",
            SONGTI: "Noto Serif CJK SC",
        },
    ),
}

#: Font files whose presence in the Windows font folder means the official fonts are installed.
_OFFICIAL_WINDOWS_FILES = ("FZXBSJW.TTF", "方正小标宋简体.ttf", "仿宋_GB2312.ttf", "SIMFANG_GB2312.TTF", "FSGB2312.TTF")


def _windows_font_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


#: The profile is "official" only when the body font (仿宋_GB2312) and the title font (方正小标宋简体)
#: are both installed: with one of them missing Word would substitute a default font in the document.
_OFFICIAL_WINDOWS_GROUPS = (
    ("仿宋_GB2312.ttf", "SIMFANG_GB2312.TTF", "FSGB2312.TTF", "FS_GB2312.TTF"),
    ("FZXBSJW.TTF", "方正小标宋简体.ttf"),
)


def _windows_font_dirs() -> list[Path]:
    """The system font folder and the per-user one (fonts installed without administrator rights)."""
    dirs = [_windows_font_dir()]
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


@cache
def _linux_families() -> frozenset[str]:
    if not shutil.which("fc-list"):
        return frozenset()
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    names: set[str] = set()
    for line in out.splitlines():
        names.update(n.strip() for n in line.split(","))
    return frozenset(names)


def detect_profile(platform: str | None = None) -> str:
    """The best profile for this PC: ``official`` when the GB2312 fonts are installed, else the system's."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        present: set[str] = set()
        for folder in _windows_font_dirs():
            try:
                present.update(p.name.upper() for p in folder.iterdir())
            except OSError:
                pass
        if all(any(f.upper() in present for f in group) for group in _OFFICIAL_WINDOWS_GROUPS):
            return "official"
        return "windows"
    families = _linux_families()
    if FANGSONG in families and XIAOBIAOSONG in families:
        return "official"
    return "linux" if platform.startswith("linux") else "windows"


def font_map(profile: str | None) -> dict[str, str]:
    """Mapping for ``profile`` (``None`` or ``auto``: detected). Unknown names fall back to detection."""
    if not profile or profile == "auto" or profile not in PROFILES:
        profile = detect_profile()
    return PROFILES[profile][1]
