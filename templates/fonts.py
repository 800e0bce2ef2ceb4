"""Font profiles: templates name *logical* Chinese fonts; a profile maps them to fonts a PC has.

Templates are authored with the official names (GB/T 9704-2012 §7: 仿宋_GB2312, 方正小标宋简体, 黑体,
楷体_GB2312, and 宋体 for page numbers). Many PCs lack 仿宋_GB2312 or 方正小标宋简体 (DOMAIN.md §7), so a
profile replaces each name in every ``w:rFonts`` of the output, in all four slots (ascii, hAnsi,
eastAsia, cs) — python-docx's ``font.name`` alone would leave Chinese text in the default font.
"""

from __future__ import annotations

import os
import shutil
import struct
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

#: The logical fonts by the names a clerk knows them (设置 → 字体, the agency profile's ``fonts``).
LOGICAL_BY_LABEL: dict[str, str] = {"仿宋": FANGSONG, "小标宋": XIAOBIAOSONG, "黑体": HEITI, "楷体": KAITI,
                                    "宋体": SONGTI}

#: Other names of the logical fonts a template edited in Word or WPS may carry (the Windows families);
#: they follow the profile like the official names do.
ALIASES: dict[str, str] = {
    "仿宋": FANGSONG, "FangSong": FANGSONG, "FangSong_GB2312": FANGSONG,
    "方正小标宋_GBK": XIAOBIAOSONG, "FZXiaoBiaoSong-B05S": XIAOBIAOSONG,
    "SimHei": HEITI,
    "楷体": KAITI, "KaiTi": KAITI, "KaiTi_GB2312": KAITI,
    "SimSun": SONGTI,
}

#: name → (title, mapping of logical font → installed font)
PROFILES: dict[str, tuple[str, dict[str, str]]] = {
    "official": ("公文标准字体（已安装仿宋_GB2312、方正小标宋简体等）", {f: f for f in LOGICAL_FONTS}),
    "windows": (
        "Windows 系统自带字体（仿宋、楷体、黑体、宋体）",
        {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "黑体", KAITI: "楷体", SONGTI: "宋体"},
    ),
    # cwTeXFangSong is a *traditional* Chinese font: most simplified characters (现、检、记、录 …) are
    # missing from it and would be drawn in a fallback font glyph by glyph, so the Linux profile maps
    # to the Noto CJK SC families, which cover GB 2312 completely.
    "linux": (
        "Linux 开源字体（思源宋体、思源黑体）",
        {
            FANGSONG: "Noto Serif CJK SC",
            XIAOBIAOSONG: "Noto Serif CJK SC",
            HEITI: "Noto Sans CJK SC",
            KAITI: "Noto Serif CJK SC",
            SONGTI: "Noto Serif CJK SC",
        },
    ),
}

#: When a profile's font is not installed (known only where ``fc-list`` answers), the first installed
#: font of these lists stands in, so no run is left to the word processor's own glyph fallback.
FALLBACKS: dict[str, tuple[str, ...]] = {
    FANGSONG: (FANGSONG, "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC",
               "AR PL UMing CN", "WenQuanYi Zen Hei", "Noto Sans CJK SC"),
    XIAOBIAOSONG: (XIAOBIAOSONG, "宋体", "SimSun", "STSong", "Noto Serif CJK SC", "Source Han Serif SC",
                   "AR PL UMing CN", "WenQuanYi Zen Hei", "Noto Sans CJK SC"),
    HEITI: (HEITI, "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
            "Noto Serif CJK SC"),
    KAITI: (KAITI, "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC", "Source Han Serif SC",
            "WenQuanYi Zen Hei", "Noto Sans CJK SC"),
    SONGTI: (SONGTI, "SimSun", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN",
             "WenQuanYi Zen Hei", "Noto Sans CJK SC"),
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


# --- issue 18: fonts found by the family name inside the file, not by the file name -------------------------
#: Family names (as the font's ``name`` table says them, Chinese or English) of the two official fonts.
#: Files of these fonts come under many names (仿宋_GB2312.ttf, FS_GB2312.ttf, 新建文件夹\ff.ttf …).
_OFFICIAL_FAMILIES = (
    {"仿宋_GB2312", "FangSong_GB2312", "仿宋_GB2312 常规"},
    {"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "FZXBSJW--GB1-0"},
)
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def font_file_families(path: Path) -> set[str]:
    """The family and full names in a TrueType/OpenType file (or every font of a .ttc), read from its
    ``name`` table (IDs 1, 4 and the typographic family 16). Empty for a file that is not a font."""
    names: set[str] = set()
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            offsets = [0]
            if head[:4] == b"ttcf":
                (count,) = struct.unpack(">I", head[8:12])
                offsets = list(struct.unpack(f">{min(count, 64)}I", f.read(4 * min(count, 64))))
            for base in offsets:
                f.seek(base)
                (num_tables,) = struct.unpack(">4xH6x", f.read(12))
                for _ in range(min(num_tables, 200)):
                    tag, _checksum, offset, length = struct.unpack(">4sIII", f.read(16))
                    if tag == b"name":
                        here = f.tell()
                        f.seek(offset)
                        names |= _name_table(f.read(min(length, 1 << 20)))
                        f.seek(here)
                        break
    except (OSError, struct.error, ValueError):
        return names
    return names


def _name_table(data: bytes) -> set[str]:
    _fmt, count, strings = struct.unpack(">HHH", data[:6])
    out: set[str] = set()
    for i in range(count):
        platform, encoding, _lang, name_id, length, offset = struct.unpack(">6H", data[6 + 12 * i:18 + 12 * i])
        if name_id not in (1, 4, 16):
            continue
        raw = data[strings + offset:strings + offset + length]
        if platform == 3 or platform == 0:  # Windows / Unicode: UTF-16BE
            text = raw.decode("utf-16-be", "replace")
        elif platform == 1 and encoding == 25:  # Macintosh, simplified Chinese
            text = raw.decode("gbk", "replace")
        elif platform == 1 and encoding == 0:
            text = raw.decode("latin-1")
        else:
            continue
        if text.strip():
            out.add(text.strip())
    return out


@cache
def _windows_families(folders: tuple[Path, ...]) -> frozenset[str]:
    names: set[str] = set()
    for folder in folders:
        try:
            files = [p for p in folder.iterdir() if p.suffix.lower() in _FONT_SUFFIXES]
        except OSError:
            continue
        for p in files:
            names |= font_file_families(p)
    return frozenset(names)


#: Where Windows lists the installed fonts: "仿宋_GB2312 (TrueType)" → "FSGB2312.TTF" (a file of the system
#: font folder) or a full path (fonts installed for one user, anywhere on the disk, in HKEY_CURRENT_USER).
FONTS_KEY = r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"
_KIND_SUFFIXES = (" (TrueType)", " (OpenType)", " (Type 1)", " (VGA res)")


def _winreg():
    import winreg  # Windows only

    return winreg


def registry_fonts() -> list[tuple[str, Path]]:
    """``(family, file)`` for every font the Windows registry lists (HKLM, then HKCU); the family is the
    registry's name without "(TrueType)", one entry per name of a collection ("宋体 & 新宋体"). Empty
    elsewhere and when the registry cannot be read."""
    try:
        winreg = _winreg()
    except ImportError:
        return []
    out: list[tuple[str, Path]] = []
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            key = winreg.OpenKey(root, FONTS_KEY)
        except OSError:
            continue
        with key:
            i = 0
            while True:
                try:
                    name, value, _type = winreg.EnumValue(key, i)
                except OSError:
                    break
                i += 1
                if not isinstance(value, str) or not value.strip():
                    continue
                path = Path(value)
                if not path.is_absolute():
                    path = _windows_font_dir() / value
                for suffix in _KIND_SUFFIXES:
                    name = name.removesuffix(suffix)
                out += [(family.strip(), path) for family in name.split("&") if family.strip()]
    return out


def _official_on_windows() -> bool:
    """Both official fonts installed (system or per-user font folder, or a file the registry lists
    anywhere), found by file name, by family name in the file or by the registry's name for it."""
    present: set[str] = set()
    folders = tuple(_windows_font_dirs())
    for folder in folders:
        try:
            present.update(p.name.upper() for p in folder.iterdir())
        except OSError:
            pass
    listed = registry_fonts()
    present.update(p.name.upper() for _family, p in listed if p.is_file())
    if all(any(f.upper() in present for f in group) for group in _OFFICIAL_WINDOWS_GROUPS):
        return True
    families = set(_windows_families(folders)) | {family for family, p in listed if p.is_file()}
    for _family, p in listed:
        if p.is_file() and p.parent not in folders:
            families |= font_file_families(p)
    return all(group & families for group in _OFFICIAL_FAMILIES)
# --- end issue 18 ---------------------------------------------------------------------------------------------


def detect_profile(platform: str | None = None) -> str:
    """The best profile for this PC: ``official`` when the GB2312 fonts are installed, else the system's."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "official" if _official_on_windows() else "windows"
    families = _linux_families()
    if FANGSONG in families and XIAOBIAOSONG in families:
        return "official"
    return "linux" if platform.startswith("linux") else "windows"


def installed_families() -> frozenset[str] | None:
    """Font families this PC has (``fc-list``; on Windows the font folders and the registry's list, read by
    the family names inside the files), or ``None`` when that cannot be known."""
    families = _linux_families()
    if not families and sys.platform.startswith("win"):
        # issue 18 (found under Wine): without this a Windows PC lacking 仿宋_GB2312 kept the name in the
        # document and Word put its own default font in its place
        from templates.font_catalog import installed_family_names

        families = frozenset(installed_family_names())
    return families or None


def resolve(mapping: dict[str, str], installed: frozenset[str] | set[str] | None) -> dict[str, str]:
    """``mapping`` with every font that is known to be missing replaced by an installed fallback.

    With ``installed`` unknown (``None``) the mapping is returned as it is: Word substitutes missing
    fonts itself, and guessing would be worse.
    """
    if not installed:
        return dict(mapping)
    out: dict[str, str] = {}
    for logical, target in mapping.items():
        if target in installed:
            out[logical] = target
            continue
        out[logical] = next((f for f in FALLBACKS.get(logical, ()) if f in installed), target)
    return out


def font_map(profile: str | None, chosen: dict[str, str] | None = None) -> dict[str, str]:
    """Mapping logical → installed font for ``profile`` (``None``/``auto``/unknown: detected), with the
    families the agency chose in 设置 → 字体 (``chosen``: ``{"仿宋": "FangSong", …}``) in their place.

    Fonts that this PC is known not to have are replaced (``resolve``), so a document printed here never
    mixes glyphs from a fallback font. (``with_aliases`` adds the other names of each logical font.)
    """
    detected = not profile or profile == "auto" or profile not in PROFILES
    if detected:
        profile = detect_profile()
    mapping = dict(PROFILES[profile][1])
    if detected:  # a 仿宋 (小标宋, 黑体, 楷体) installed on this PC is used, not the profile's stand-in
        from templates.font_catalog import own_face

        for logical in (FANGSONG, XIAOBIAOSONG, HEITI, KAITI):
            face = own_face(logical)
            if face:
                mapping[logical] = face
    for label, family in (chosen or {}).items():
        logical = LOGICAL_BY_LABEL.get(label, label if label in LOGICAL_FONTS else None)
        if logical and isinstance(family, str) and family.strip():
            mapping[logical] = family.strip()
    return resolve(mapping, installed_families())


def with_aliases(mapping: dict[str, str]) -> dict[str, str]:
    """``mapping`` with every alias of a logical font (``ALIASES``: 仿宋, SimHei …) mapped like it, for a
    template edited in Word that names the Windows families."""
    out = dict(mapping)
    for alias, logical in ALIASES.items():
        if logical in mapping:
            out.setdefault(alias, mapping[logical])
    return out
