"""Code paths that differ on Windows, with the platform faked: the data folder and the font profile."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from templates import fonts
from wenshu.paths import data_dir


@pytest.fixture
def fake_windows(monkeypatch, tmp_path):
    """sys.platform is win32 and platformdirs resolves folders as it does on Windows."""
    monkeypatch.setattr(sys, "platform", "win32")
    # platformdirs picks its Windows class at import time; on a real Windows PC this is what it uses.
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    local = tmp_path / "Users" / "张三" / "AppData" / "Local"
    roaming = tmp_path / "Users" / "张三" / "AppData" / "Roaming"
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setenv("APPDATA", str(roaming))
    # Without the Windows API, platformdirs reads these folders from the environment.
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        lambda csidl: {"CSIDL_LOCAL_APPDATA": str(local), "CSIDL_APPDATA": str(roaming)}[csidl])
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(windir))
    # No fc-list on Windows: the installed font families are unknown there.
    monkeypatch.setattr(fonts, "_linux_families", lambda: frozenset())
    return {"local": local, "roaming": roaming, "fonts": windir / "Fonts",
            "user_fonts": local / "Microsoft" / "Windows" / "Fonts"}


def test_windows_data_folder_is_local_appdata_wenshu(fake_windows, monkeypatch):
    monkeypatch.delenv("WENSHU_HOME")
    folder = data_dir()
    # %LOCALAPPDATA%\wenshu — not roaming (a roaming profile would copy the case database around) and
    # not under Program Files (the installer does not need, and does not remove, this folder).
    assert folder == fake_windows["local"] / "wenshu"
    assert folder.is_dir()


def test_wenshu_home_overrides_the_windows_folder(fake_windows, monkeypatch, tmp_path):
    chosen = tmp_path / "U盘" / "文书数据"
    monkeypatch.setenv("WENSHU_HOME", str(chosen))
    assert data_dir() == chosen
    assert chosen.is_dir()
    assert not (fake_windows["local"] / "wenshu").exists()


def test_windows_with_the_official_fonts_uses_them(fake_windows):
    (fake_windows["fonts"] / "FZXBSJW.TTF").write_bytes(b"\0")
    (fake_windows["fonts"] / "仿宋_GB2312.ttf").write_bytes(b"\0")
    assert fonts.detect_profile("win32") == "official"
    assert fonts.PROFILES["official"][1][fonts.FANGSONG] == "仿宋_GB2312"


def test_windows_official_fonts_installed_for_the_user_only_are_found(fake_windows):
    # Without administrator rights Windows 10/11 installs fonts into %LOCALAPPDATA%\Microsoft\Windows\Fonts.
    fake_windows["user_fonts"].mkdir(parents=True)
    (fake_windows["user_fonts"] / "fzxbsjw.ttf").write_bytes(b"\0")
    (fake_windows["user_fonts"] / "FSGB2312.TTF").write_bytes(b"\0")
    assert fonts.detect_profile("win32") == "official"


def test_windows_without_the_official_fonts_maps_to_the_system_fonts(fake_windows):
    for name in ("simfang.ttf", "simkai.ttf", "simhei.ttf", "simsun.ttc"):
        (fake_windows["fonts"] / name).write_bytes(b"\0")
    assert fonts.detect_profile("win32") == "windows"
    assert fonts.font_map("auto") == {
        fonts.FANGSONG: "仿宋",
        fonts.XIAOBIAOSONG: "宋体",
        fonts.HEITI: "黑体",
        fonts.KAITI: "楷体",
        fonts.SONGTI: "宋体",
    }


def test_windows_with_only_the_title_font_keeps_the_body_readable(fake_windows):
    # 方正小标宋简体 alone: the body text would be set in a missing 仿宋_GB2312 and Word would substitute.
    (fake_windows["fonts"] / "FZXBSJW.TTF").write_bytes(b"\0")
    assert fonts.detect_profile("win32") == "windows"


def test_windows_without_a_readable_font_folder_still_chooses_a_profile(fake_windows, monkeypatch, tmp_path):
    monkeypatch.setenv("WINDIR", str(tmp_path / "不存在"))
    assert fonts.detect_profile("win32") == "windows"


def _iss_sections() -> dict[str, list[str]]:
    iss = Path(__file__).resolve().parent.parent / "packaging" / "windows" / "wenshu.iss"
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in iss.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].lower()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_installer_is_per_user_with_a_start_menu_shortcut():
    sections = _iss_sections()
    setup = dict(line.split("=", 1) for line in sections["setup"] if "=" in line)
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator rights, no UAC prompt
    assert setup["DefaultDirName"].startswith("{userpf}")  # %LOCALAPPDATA%\Programs
    assert any(line.startswith('Name: "{userprograms}') for line in sections["icons"])


def test_uninstaller_keeps_the_users_data_folder():
    r"""The app writes to %LOCALAPPDATA%\wenshu (see data_dir above); the uninstaller must not remove it."""
    sections = _iss_sections()
    removals = " ".join(sections.get("uninstalldelete", []) + sections.get("code", [])).lower()
    assert "{localappdata}" not in removals and "{userappdata}" not in removals
    for line in sections.get("uninstalldelete", []):
        assert '"{app}' in line  # only the program's own folder


def test_windowed_windows_executable_runs_commands_without_a_console(monkeypatch, capsys):
    """wenshu-gui.exe (console=False) has no stdout: a command must still finish instead of crashing."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "wenshu_frozen_entry", Path(__file__).resolve().parent.parent / "packaging" / "entry.py")
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    entry._ensure_streams()
    from wenshu.cli import main

    assert main(["kinds"]) == 0
    assert main(["render", "no_such_kind", "x.json", "-o", "x.docx"]) == 2


# --- the bundle spec (packaging/speclib.py): what the frozen app contains ----------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _speclib():
    import importlib.util

    spec = importlib.util.spec_from_file_location("wenshu_speclib", ROOT / "packaging" / "speclib.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundle_contains_every_lazily_imported_module():
    from wenshu.cli import HANDLERS

    speclib = _speclib()
    modules = set(speclib.project_modules())
    for target in HANDLERS.values():
        name = target.split(":")[0]
        source = ROOT.joinpath(*name.split("."))
        if source.with_suffix(".py").exists() or (source / "__init__.py").exists():
            assert name in modules, f"{name} (a command handler) would be missing from the frozen app"
    rule_modules = {_mod for _mod in modules if _mod.startswith("validators.")}
    assert {f"validators.{p.stem}" for p in (ROOT / "validators").glob("*.py") if p.stem != "__init__"} <= rule_modules


def test_bundle_contains_every_kind_where_the_app_looks_for_it():
    from templates.kinds import all_kinds

    speclib = _speclib()
    bundled = {(Path(src).name, dest.replace("\\", "/")) for src, dest in speclib.project_datas()}
    assert ("common.json", "templates") in bundled
    for kind in all_kinds():
        for name in ("schema.json", "template.docx", "sample.json"):
            assert (name, f"templates/{kind.name}") in bundled, (kind.name, name)


def test_bundle_data_patterns_cover_the_package_data():
    import tomllib

    speclib = _speclib()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for patterns in pyproject["tool"]["setuptools"]["package-data"].values():
        assert set(patterns) <= set(speclib.DATA_PATTERNS)


def test_no_excluded_qt_module_is_used_by_the_app():
    import re

    speclib = _speclib()
    excluded = {m.split(".", 1)[1] for m in speclib.QT_EXCLUDES}
    used: set[str] = set()
    for py in ROOT.glob("*/**/*.py"):
        if py.parts[len(ROOT.parts)] in {"tests", "tools", "packaging", "bench", ".venv", ".venv-build", "build"}:
            continue
        text = py.read_text(encoding="utf-8")
        used |= set(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import ([\w, ()\n]+)", text):
            used |= set(re.findall(r"Qt\w+", names))
    assert not used & excluded, f"the app imports Qt modules the bundle leaves out: {sorted(used & excluded)}"


def test_bundle_keeps_chinese_qt_translations_and_drops_the_rest():
    speclib = _speclib()
    assert speclib.keep_entry("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not speclib.keep_entry("PySide6/Qt/translations/qtbase_de.qm")
    assert not speclib.keep_entry("PySide6\\Qt\\plugins\\sqldrivers\\qsqlite.dll")
    assert speclib.keep_entry("PySide6/Qt/plugins/platforms/libqoffscreen.so")


def test_without_a_desktop_the_gui_says_so_in_chinese_instead_of_a_qt_abort(tmp_path):
    import os
    import subprocess
    import sys

    from desktop.app import no_display

    assert no_display("linux", {}) is True
    assert no_display("linux", {"DISPLAY": ":0"}) is False
    assert no_display("linux", {"QT_QPA_PLATFORM": "offscreen"}) is False
    assert no_display("win32", {}) is False
    if sys.platform == "win32":
        return  # Windows always has a desktop: no program to start without one (the checks above hold there)
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    env["WENSHU_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "wenshu"], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=60)
    assert done.returncode == 2
    assert "未检测到图形桌面" in done.stderr and "Traceback" not in done.stderr + done.stdout
