"""Windows paths exercised for real when the suite runs on Windows (CI: under Wine, wine-check.sh's pytest
step), with stand-ins that behave as the Windows calls did there when it runs elsewhere (issue 18).

- fonts installed under a file name that says nothing (仿宋_GB2312 in ``fsgb2312.ttf``): found by the family
  name in the file, in the per-user font folder and through the registry's font list (``winreg``);
- printing a file no program can print: the Chinese message that says what to install.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

from templates import font_catalog, fonts

ON_WINDOWS = sys.platform == "win32"


def _cjk_font(path: Path, family: str, english: str, chars: str) -> Path:
    """A real TrueType font (glyphs, cmap, name table) whose family is ``family`` (zh-CN) / ``english``."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    chars = "".join(dict.fromkeys(chars))
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((900, 0))
    pen.lineTo((900, 800))
    pen.lineTo((100, 800))
    pen.closePath()
    glyph = pen.glyph()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    fb.setupGlyf({n: glyph for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": {"en": english, "zh-CN": family}, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


class _FakeKey:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _FakeWinreg:
    """The three calls of ``winreg`` that ``fonts.registry_fonts`` makes, over a dict, for non-Windows runs."""

    HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, REG_SZ = "HKLM", "HKCU", 1

    def __init__(self):
        self.keys: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def OpenKey(self, root, path):  # noqa: N802 (winreg's name)
        if (root, path) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return _FakeKey(self.keys[(root, path)])

    def EnumValue(self, key, index):  # noqa: N802
        if index >= len(key.items):
            raise OSError(259, "No more data is available")
        name, value = key.items[index]
        return name, value, self.REG_SZ


@pytest.fixture
def user_font_registry(monkeypatch):
    """``register(name, file)``: a font listed in HKEY_CURRENT_USER (a per-user install) — on Windows in a
    scratch key of the real registry (``fonts.FONTS_KEY`` pointed at it, removed afterwards)."""
    key_path = rf"Software\wenshu-tests\{uuid.uuid4().hex}\Fonts"
    monkeypatch.setattr(fonts, "FONTS_KEY", key_path)
    if ON_WINDOWS:
        import winreg

        key = winreg.CreateKey(winreg.HKEY_CURRENT_USER, key_path)

        def register(name: str, file: Path) -> None:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, str(file))

        yield register
        key.Close()
        parts = key_path.split("\\")
        for depth in range(len(parts), 1, -1):
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, "\\".join(parts[:depth]))
    else:
        fake = _FakeWinreg()
        monkeypatch.setattr(fonts, "_winreg", lambda: fake)
        yield lambda name, file: fake.keys.setdefault((fake.HKEY_CURRENT_USER, key_path), []).append(
            (name, str(file)))


@pytest.fixture
def windows_fonts(monkeypatch, tmp_path):
    """An empty system font folder and an empty per-user one; the font lists are read afresh."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(font_catalog.shutil, "which", lambda name, *a, **k: None)  # no fc-list on Windows
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(windir))
    local = tmp_path / "AppData" / "Local"
    user = local / "Microsoft" / "Windows" / "Fonts"
    user.mkdir(parents=True)
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    for cached in (fonts._windows_families, font_catalog._installed_faces, font_catalog._own_face,
                   font_catalog._cmap_of):
        cached.cache_clear()
    yield user
    for cached in (fonts._windows_families, font_catalog._installed_faces, font_catalog._own_face,
                   font_catalog._cmap_of):
        cached.cache_clear()


def test_a_fangsong_in_the_user_font_folder_under_a_plain_file_name_is_found_by_family(windows_fonts):
    _cjk_font(windows_fonts / "fsgb2312.ttf", fonts.FANGSONG, "FangSong_GB2312", font_catalog.SIMPLIFIED_PROBE)
    faces = font_catalog.installed_faces()
    assert Path(faces[fonts.FANGSONG][0]).name == "fsgb2312.ttf"
    assert fonts.FANGSONG in font_catalog.candidates(fonts.FANGSONG)
    # the documents print in it: it is the 仿宋 of this PC, and it draws the simplified characters
    assert font_catalog.own_face(fonts.FANGSONG) == fonts.FANGSONG
    assert font_catalog.missing_chars(fonts.FANGSONG, "现场检查") == []
    assert "仿宋" not in font_catalog.missing_logical()


def test_fonts_the_registry_lists_anywhere_count_and_make_the_profile_official(windows_fonts, tmp_path,
                                                                                 user_font_registry):
    elsewhere = tmp_path / "下载" / "字体"
    elsewhere.mkdir(parents=True)
    fangsong = _cjk_font(elsewhere / "fsgb2312.ttf", fonts.FANGSONG, "FangSong_GB2312", font_catalog.SIMPLIFIED_PROBE)
    title = _cjk_font(elsewhere / "fzxbs.ttf", fonts.XIAOBIAOSONG, "FZXiaoBiaoSong-B05S", "行政处罚决定书")
    assert fonts.detect_profile("win32") == "windows"  # nothing in the font folders, nothing listed yet
    user_font_registry("仿宋_GB2312 (TrueType)", fangsong)
    assert fonts.detect_profile("win32") == "windows"  # the title font is still missing
    user_font_registry("方正小标宋简体 (TrueType)", title)
    assert fonts.detect_profile("win32") == "official"
    assert (fonts.FANGSONG, fangsong) in fonts.registry_fonts()
    faces = font_catalog.installed_faces()
    assert Path(faces[fonts.FANGSONG][0]) == fangsong and Path(faces["FZXiaoBiaoSong-B05S"][0]) == title
    assert font_catalog.missing_chars(fonts.XIAOBIAOSONG, "行政处罚") == []


def test_a_registry_entry_whose_file_is_gone_is_ignored(windows_fonts, tmp_path, user_font_registry):
    user_font_registry("仿宋_GB2312 (TrueType)", tmp_path / "已删除.ttf")
    user_font_registry("方正小标宋简体 (TrueType)", tmp_path / "也删除了.ttf")
    assert fonts.detect_profile("win32") == "windows"
    assert fonts.FANGSONG not in font_catalog.installed_faces()


# --- printing what no program can print -------------------------------------------------------------------------

def test_printing_a_file_no_program_prints_says_what_to_do(monkeypatch, tmp_path):
    """On Windows the "print" verb goes to the real ``os.startfile`` (ShellExecute) for a file type nothing
    is registered for; opening it instead is the stand-in (the real one could show "Open with" on a PC).
    Elsewhere both are stand-ins failing as Wine 8's ShellExecute did: WinError 193."""
    from wenshu.osopen import OpenError, print_file

    real = getattr(os, "startfile", None) if ON_WINDOWS else None
    calls = []

    def startfile(path, operation=None):
        calls.append(operation)
        if real is not None and operation == "print":
            return real(path, operation)
        exc = OSError(8, f"Bad EXE format for %1: '{path}'")
        exc.winerror = 193
        raise exc

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", startfile, raising=False)
    odd = tmp_path / f"文书.wsprobe{uuid.uuid4().hex[:6]}"
    odd.write_text("测试", encoding="utf-8")
    with pytest.raises(OpenError) as info:
        print_file(odd)
    assert calls == ["print", None]  # the print verb failed for want of a program: opening was tried
    assert "系统中没有可用的默认程序" in str(info.value) and "设置默认打开程序" in str(info.value)
    assert "Bad EXE" not in str(info.value) and "193" not in str(info.value)


def test_printing_a_docx_without_word_or_wps_names_them(monkeypatch, tmp_path):
    from wenshu.osopen import OpenError, print_file

    def startfile(path, operation=None):  # Wine 8 without an office suite, for both verbs
        exc = OSError(8, f"Bad EXE format for %1: '{path}'")
        exc.winerror = 193
        raise exc

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", startfile, raising=False)
    doc = tmp_path / "检查笔录.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(OpenError, match="无法打印“检查笔录.docx”：系统中没有可用的默认程序。请安装 Microsoft Word 或 WPS 文字"):
        print_file(doc)
