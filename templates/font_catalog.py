"""The fonts this PC has, by family name, and which characters each can draw (issue 19).

设置 → 字体 offers the families actually installed (read from the fonts' name tables with fontTools, or
from ``fc-list`` on Linux), never file names. Before a document is printed, every character of what
was typed is looked up in the chosen 仿宋 face's cmap: a 生僻字 the face lacks would print as a box or
in another font, so the check names the characters and a face that has them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from templates.fonts import (
    FALLBACKS,
    FANGSONG,
    HEITI,
    KAITI,
    LOGICAL_BY_LABEL,
    XIAOBIAOSONG,
    font_map,
    registry_fonts,
)
from validators.findings import WARNING, Finding, finding

_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")

#: What a family's name says about which logical font it can stand for (设置 lists these first).
_HINTS = {
    FANGSONG: ("仿宋", "FangSong", "Fangsong"),
    XIAOBIAOSONG: ("小标宋", "XiaoBiaoSong", "标宋", "Song", "宋", "Serif", "Ming"),
    HEITI: ("黑体", "Hei", "Sans", "黑"),
    KAITI: ("楷", "Kai"),
}


def _font_dirs() -> list[Path]:
    if sys.platform.startswith("win"):
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
            Path.home() / ".local" / "share" / "fonts"]


def _names_from_file(path: Path) -> list[tuple[str, int]]:
    """``(family, index)`` for every face in a font file, Chinese and English family names alike."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    out: list[tuple[str, int]] = []
    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
    except (TTLibError, OSError, ValueError, AssertionError):
        return out
    for index, font in enumerate(fonts):
        try:
            table = font["name"]
        except (KeyError, TTLibError):
            continue
        for record in table.names:
            if record.nameID in (1, 16):
                try:
                    name = record.toUnicode().strip()
                except UnicodeDecodeError:
                    continue
                if name and (name, index) not in out:
                    out.append((name, index))
    return out


def _where() -> tuple:
    """What the font list depends on: read again when it changes (another platform, font folder)."""
    return (sys.platform, shutil.which("fc-list"), os.environ.get("WINDIR"), os.environ.get("LOCALAPPDATA"))


def installed_faces() -> dict[str, tuple[str, int]]:
    """Family name → (font file, face index) of every installed font (first file wins)."""
    return _installed_faces(_where())


@cache
def _installed_faces(where: tuple) -> dict[str, tuple[str, int]]:
    faces: dict[str, tuple[str, int]] = {}
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\t%{index}\n"], capture_output=True,
                                 text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) != 3:
                continue
            for family in parts[0].split(","):
                family = family.strip()
                if family and family not in faces:
                    faces[family] = (parts[1], int(parts[2] or 0))
        if faces:
            return faces
    for folder in _font_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in _FONT_SUFFIXES:
                for family, index in _names_from_file(path):
                    faces.setdefault(family, (str(path), index))
    # issue 18: fonts the Windows registry lists outside those folders (installed for one user from
    # anywhere), and the registry's own family names ("仿宋_GB2312 (TrueType)" → fsgb2312.ttf)
    read = {f for f, _i in faces.values()}
    for family, path in registry_fonts():
        if path.is_file():
            if str(path) not in read:
                read.add(str(path))
                for name, index in _names_from_file(path):
                    faces.setdefault(name, (str(path), index))
            faces.setdefault(family, (str(path), 0))
    return faces


def installed_family_names() -> list[str]:
    return sorted(installed_faces())


def candidates(logical: str) -> list[str]:
    """Installed families that suit a logical font: by name first, then every CJK family."""
    names = installed_family_names()
    hinted = [n for n in names if any(h in n for h in _HINTS.get(logical, ()))]
    known = [n for n in FALLBACKS.get(logical, ()) if n in names]
    cjk = [n for n in names if _looks_cjk(n)]
    seen: list[str] = []
    for n in known + hinted + cjk:
        if n not in seen:
            seen.append(n)
    return seen


def _looks_cjk(name: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in name) or any(
        k in name for k in ("CJK", "Song", "Hei", "Kai", "Fang", "Ming", "YaHei", "Han", "WenQuanYi"))


def missing_logical() -> list[str]:
    """The logical fonts (仿宋, 小标宋, 黑体, 楷体) with no installed face of their own that draws simplified
    Chinese (``own_face``) — a warning in 设置 (the document then prints them in a stand-in face)."""
    return [label for label, logical in LOGICAL_BY_LABEL.items() if label != "宋体" and own_face(logical) is None]


def _cmap(family: str) -> frozenset[int] | None:
    face = installed_faces().get(family)
    return None if face is None else _cmap_of(face)


@cache
def _cmap_of(face: tuple[str, int]) -> frozenset[int] | None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(face[0], fontNumber=face[1], lazy=True)
        cmap = font.getBestCmap() or {}
    except (TTLibError, OSError, ValueError, AssertionError):
        return None
    return frozenset(cmap)


def missing_chars(family: str, text: str) -> list[str]:
    """The characters of ``text`` the family cannot draw (``[]`` when the font cannot be read)."""
    cmap = _cmap(family)
    if cmap is None:
        return []
    out: list[str] = []
    for c in text:
        if c.isspace() or ord(c) < 0x20 or c in out:
            continue
        if ord(c) not in cmap:
            out.append(c)
    return out


def fallback_for(chars: Iterable[str], logical: str = FANGSONG, exclude: str = "") -> str | None:
    """An installed face that draws every one of ``chars``, the logical font's own stand-ins first."""
    chars = list(chars)
    for family in candidates(logical):
        if family != exclude and _cmap(family) is not None and not missing_chars(family, "".join(chars)):
            return family
    return None


def _strings(value, path: str = "") -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}/{i}")


def glyph_findings(answers: dict, settings: dict | None = None, font_profile: str | None = None) -> list[Finding]:
    """Warnings for typed characters (the party's name, the facts, every text) the 仿宋 face chosen for
    this PC cannot draw, each naming a face that can (``font.missing_glyph``)."""
    settings = settings or {}
    family = font_map(font_profile or settings.get("font_profile"), settings.get("fonts")).get(FANGSONG)
    if not family or family not in installed_faces():
        return []
    out: list[Finding] = []
    for path, text in _strings(answers):
        missing = missing_chars(family, text)
        if not missing:
            continue
        chars = "、".join(f"“{c}”" for c in missing[:8]) + ("等" if len(missing) > 8 else "")
        other = fallback_for(missing, FANGSONG, exclude=family)
        advice = (f"可在 设置 → 字体 中把仿宋改为“{other}”（含这些字），或为本机安装含这些字的仿宋字体。" if other
                  else "本机没有含这些字的字体，请安装含这些字的字体（如方正、华文字库的扩展字库），或手写补正。")
        out.append(finding(path, "font.missing_glyph",
                           f"{chars}在所选的仿宋字体“{family}”中没有字形，打印时会显示为方框或其他字体。{advice}",
                           WARNING))
    return out


#: Simplified characters every document prints: a face lacking them is not a simplified-Chinese face
#: (cwTeXFangSong, a traditional 仿宋, lacks 现、检、记、录 …).
SIMPLIFIED_PROBE = "现场检查记录应急管理局处罚决定书责令限期整改询问笔录当事人签名执法人员证号单位负责"


def own_face(logical: str) -> str | None:
    """An installed face of the logical font itself (仿宋_GB2312, 仿宋, FangSong, a family named 仿宋 …) that
    draws simplified Chinese, or ``None``. Preferred over the font profile's stand-in when the profile is
    detected automatically, so a PC with a 仿宋 installed prints in it."""
    return _own_face(logical, _where())


@cache
def _own_face(logical: str, where: tuple) -> str | None:
    from templates.fonts import ALIASES

    names = installed_family_names()
    own = [logical] + [a for a, target in ALIASES.items() if target == logical]
    hinted = [n for n in names if any(h in n for h in _HINTS.get(logical, ())[:2])]
    for family in own + hinted:
        if family in installed_faces() and _cmap(family) is not None and not missing_chars(family, SIMPLIFIED_PROBE):
            return family
    return None
