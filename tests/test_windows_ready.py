"""Issue 18: what a clerk's Windows PC (and a fresh Linux desktop) would hit, with the condition faked.

The Windows build itself is run under Wine by packaging/windows/wine-check.sh (CI: .ci/run).
"""

from __future__ import annotations

import importlib.util
import os
import struct
import sys
from pathlib import Path

import platformdirs
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the windowed program: a start-up failure is shown and logged --------------------------------------------

@pytest.fixture
def windowed(monkeypatch):
    """No console (wenshu-gui.exe) on a faked Windows; the system message boxes are recorded."""
    import ctypes

    boxes: list[tuple[str, str]] = []

    class User32:
        @staticmethod
        def MessageBoxW(_owner, text, title, _flags):  # noqa: N802 (the Windows API's name)
            boxes.append((title, text))
            return 1

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", type("windll", (), {"user32": User32}), raising=False)
    monkeypatch.delenv("WENSHU_NO_DIALOG", raising=False)
    return boxes


def _no_console(monkeypatch) -> None:
    """What wenshu-gui.exe has: no stdout, no stderr (set in the test: pytest's capture resets them)."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)


def test_a_windowed_start_up_crash_shows_a_chinese_message_and_writes_a_log(windowed, wenshu_home):
    from wenshu.startup import run_windowed

    def broken_install() -> int:
        raise ImportError("DLL load failed while importing QtWidgets: 找不到指定的模块。")

    assert run_windowed(broken_install) == 1
    [(title, text)] = windowed
    assert title == "执法文书助手"
    assert "未能正常运行" in text and "找不到指定的模块" in text
    logs = list((wenshu_home / "logs").glob("startup-*.log"))
    assert len(logs) == 1 and str(logs[0]) in text
    assert "Traceback" in logs[0].read_text(encoding="utf-8") and "ImportError" in logs[0].read_text(encoding="utf-8")


def test_a_windowed_command_error_is_shown_and_logged_too(windowed, wenshu_home, monkeypatch):
    entry = _load("wenshu_frozen_entry_18", ROOT / "packaging" / "entry.py")
    _no_console(monkeypatch)
    sys.argv[1:] = ["render", "no_such_kind", "x.json", "-o", "x.docx"]
    try:
        assert entry.run() == 2
    finally:
        sys.argv[1:] = []
    [(_title, text)] = windowed
    assert "未知的文书种类“no_such_kind”" in text
    assert list((wenshu_home / "logs").glob("startup-*.log"))


def test_a_clean_windowed_exit_shows_nothing(windowed, wenshu_home):
    from wenshu.startup import run_windowed

    assert run_windowed(lambda: 0) == 0
    assert windowed == [] and not (wenshu_home / "logs").exists()


def test_the_log_goes_to_the_temporary_folder_when_the_data_folder_is_unusable(windowed, monkeypatch, tmp_path):
    from wenshu import startup

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("WENSHU_HOME", str(blocker))
    monkeypatch.setattr(startup.tempfile, "gettempdir", lambda: str(tmp_path / "temp"))
    assert startup.run_windowed(lambda: 1 / 0) == 1
    assert list((tmp_path / "temp" / "wenshu-logs").glob("startup-*.log"))
    assert "请将此文件发给技术支持人员" in windowed[0][1]


# --- the app font everywhere, even after the theme sets its own class fonts again ------------------------------

def test_menus_case_list_document_tree_and_deadline_tables_use_the_app_font(qtbot, window):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QHeaderView, QListWidget, QTableWidget, QTreeWidget

    app = QApplication.instance()
    # What Windows' theme does (Qt re-reads it on a theme change): 9 pt Tahoma for menus and item views.
    theme = QFont("Tahoma", 7)
    for cls in ("QMenu", "QMenuBar", "QAbstractItemView", "QListView", "QTreeView", "QTableView", "QHeaderView"):
        app.setFont(theme, cls)
    try:
        from desktop.app import open_main_window

        fresh = open_main_window(service=window.service)
        qtbot.addWidget(fresh)
        fresh.show()
        qtbot.waitExposed(fresh)
        family, size = app.font().family(), app.font().pointSizeF()
        widgets = [fresh.menuBar(), *fresh.menuBar().findChildren(type(fresh.menuBar().actions()[0].menu()))]
        widgets += fresh.findChildren(QListWidget) + fresh.findChildren(QTreeWidget)
        widgets += fresh.findChildren(QTableWidget) + fresh.findChildren(QHeaderView)
        assert len(widgets) >= 8
        for w in widgets:
            w.ensurePolished()
            if w.objectName() == "steps":
                continue  # the step list is set larger on purpose (style sheet)
            assert w.font().family() == family, (type(w).__name__, w.objectName(), w.font().family())
            assert w.font().pointSizeF() == size, (type(w).__name__, w.objectName())
        fresh.close()
    finally:
        from desktop import style

        style.apply(app)


# --- the window fits the screen ------------------------------------------------------------------------------

@pytest.mark.parametrize("available", [(1366, 728), (1280, 688), (1920, 1040)],
                         ids=["1366x768 with taskbar", "1920x1080 at 150%", "1920x1080"])
def test_the_main_window_fits_the_available_screen(qtbot, window, available):
    from desktop.app import FRAME_MARGIN, WINDOW_SIZE, fitted_size

    width, height = fitted_size(available)
    assert width + FRAME_MARGIN[0] <= available[0] and height + FRAME_MARGIN[1] <= available[1]
    assert (width, height) == (min(WINDOW_SIZE[0], available[0] - FRAME_MARGIN[0]),
                               min(WINDOW_SIZE[1], available[1] - FRAME_MARGIN[1]))
    hint = window.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height  # Qt will not grow it past the screen
    window.resize(width, height)
    assert (window.width(), window.height()) == (width, height)


# --- documents go to a visible folder the user chooses ---------------------------------------------------------

def test_documents_go_to_documents_zhifawenshu_by_default(monkeypatch, tmp_path):
    from wenshu.files import output_folder
    from wenshu.paths import default_documents_dir

    docs = tmp_path / "Users" / "张三" / "Documents"
    monkeypatch.delenv("WENSHU_HOME")
    monkeypatch.setattr("wenshu.paths.user_documents_dir", lambda: str(docs))
    assert default_documents_dir() == docs / "执法文书"
    assert output_folder({"title": "某公司案"}, {}) == docs / "执法文书" / "某公司案"
    assert platformdirs.user_documents_dir  # the folder comes from platformdirs (文档 on a Chinese Windows)


def test_the_chosen_documents_folder_is_remembered_and_used(tmp_path, wenshu_home):
    from wenshu.service import CaseService
    from wenshu.store import Store

    service = CaseService(Store())
    assert service.documents_folder() == wenshu_home / "执法文书"
    chosen = tmp_path / "D盘" / "执法文书 2026"
    assert service.set_documents_folder(str(chosen)) == chosen and chosen.is_dir()
    service.close()
    again = CaseService(Store())  # a later start: the choice is in this user's settings
    case = again.store.list_cases()[0] if again.store.list_cases() else None
    assert again.documents_folder() == chosen
    if case:
        assert again.output_folder(case["case_id"]).parent == chosen
    again.set_documents_folder(None)
    assert again.documents_folder() == wenshu_home / "执法文书"
    again.close()


def test_a_documents_folder_that_cannot_be_written_is_refused_in_chinese(tmp_path, monkeypatch):
    from wenshu.service import CaseService
    from wenshu.store import Store, StoreError

    service = CaseService(Store())
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="文书不能保存到"):
        service.set_documents_folder(blocker / "sub")
    with pytest.raises(StoreError, match="不是完整的文件夹路径"):
        service.set_documents_folder("相对路径")
    assert "output_dir" not in service.settings()
    service.close()


def test_the_settings_menu_has_the_documents_folder_entry(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("设置"))
    entry = next(a for a in menu.actions() if a.text() == "文书保存位置…")
    chosen = tmp_path / "我的文书"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(chosen)))
    entry.trigger()
    assert window.service.documents_folder() == chosen
    assert str(chosen) in window.statusBar().currentMessage()


# --- the case store refuses a network share, like the number registry -------------------------------------------

def test_the_case_store_refuses_a_unc_path():
    from wenshu.store import Store, StoreError

    with pytest.raises(StoreError, match="网络共享"):
        Store("\\\\fileserver\\执法\\cases.sqlite3")


def test_the_case_store_refuses_a_network_mount(tmp_path):
    from wenshu.store import StoreError, refuse_network_store

    nas = tmp_path / "nas"  # an absolute path on every platform (on Windows "/mnt/nas" would be C:\mnt\nas)
    mounts = f"//nas/share {nas} cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    with pytest.raises(StoreError, match="本机磁盘"):
        refuse_network_store(nas / "wenshu" / "cases.sqlite3", mounts)
    refuse_network_store(tmp_path / "clerk" / "cases.sqlite3", mounts)  # local: no error


# --- permission errors told apart; a short retry for transient locks ---------------------------------------------

def _locked_n_times(monkeypatch, n: int, winerror: int = 32):
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst):
        calls["n"] += 1
        if calls["n"] <= n:
            exc = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
            exc.winerror = winerror
            raise exc
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr("templates.atomic.time.sleep", lambda s: None)
    return calls


def test_a_file_held_for_a_moment_by_antivirus_is_written_after_a_retry(tmp_path, monkeypatch):
    from templates.atomic import atomic_write

    target = tmp_path / "检查笔录.docx"
    target.write_bytes(b"old")
    calls = _locked_n_times(monkeypatch, 2)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and calls["n"] == 3


def test_a_file_open_in_word_is_named_as_such(tmp_path, monkeypatch):
    from templates.atomic import RenderError, atomic_write

    target = tmp_path / "现场检查记录_第1版.docx"
    target.write_bytes(b"old")
    (tmp_path / ("~$" + target.name[2:])).write_bytes(b"owner")  # Word's owner file beside the document
    _locked_n_times(monkeypatch, 99)
    with pytest.raises(RenderError, match="正在 Word 或 WPS 中打开"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"


def test_a_lock_that_stays_without_word_blames_other_programs(tmp_path, monkeypatch):
    from templates.atomic import RenderError, atomic_write

    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    _locked_n_times(monkeypatch, 99)
    with pytest.raises(RenderError) as info:
        atomic_write(target, b"new")
    assert "杀毒软件" in str(info.value) and "Word 或 WPS 中打开" not in str(info.value)


def test_no_right_to_the_folder_is_named_as_such(tmp_path, monkeypatch):
    import tempfile

    from templates.atomic import RenderError, atomic_write

    def denied(**kwargs):
        raise PermissionError(13, "拒绝访问。")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(RenderError, match="没有在该文件夹中写入的权限") as info:
        atomic_write(tmp_path / "a.docx", b"x")
    assert "Word" not in str(info.value)


# --- printing says what happened --------------------------------------------------------------------------------

def test_printing_on_windows_says_it_went_to_the_default_printer(monkeypatch, tmp_path):
    from wenshu.osopen import print_file

    doc = tmp_path / "检查笔录.docx"
    doc.write_bytes(b"PK")
    calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", lambda p, op=None: calls.append(op), raising=False)
    said = print_file(doc)
    assert calls == ["print"] and "默认打印机" in said


def test_a_docx_program_without_a_print_verb_opens_the_file_and_says_how_to_print(monkeypatch, tmp_path):
    from wenshu.osopen import print_file

    doc = tmp_path / "检查笔录.docx"
    doc.write_bytes(b"PK")
    calls = []

    def startfile(path, operation=None):
        calls.append(operation)
        if operation == "print":  # WPS without a print verb for .docx
            exc = OSError(22, "No application is associated with the specified file for this operation")
            exc.winerror = 1155
            raise exc

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", startfile, raising=False)
    said = print_file(doc)
    assert calls == ["print", None]
    assert "不支持直接打印" in said and "Ctrl+P" in said and "没有可用的默认程序" not in said


def test_the_editor_shows_the_print_feedback(window, monkeypatch, tmp_path):
    from wenshu import osopen

    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document(row["doc"]["document_id"])
    editor = window.editor
    doc = tmp_path / "检查笔录.docx"
    doc.write_bytes(b"PK")
    editor.last_output = doc
    monkeypatch.setattr(osopen, "print_file", lambda p: "已将“检查笔录.docx”交给默认程序打印")
    editor._system("print")
    assert "交给默认程序打印" in editor.banner_text.text()


# --- fonts found by their family name ------------------------------------------------------------------------------

def _font_file(path: Path, family: str, english: str) -> None:
    """A minimal TrueType file whose name table says ``family`` (Chinese, Windows platform) and ``english``."""
    records, strings = [], b""
    for lang, text in ((0x0804, family), (0x0409, english)):
        data = text.encode("utf-16-be")
        records.append(struct.pack(">6H", 3, 1, lang, 1, len(data), len(strings)))
        strings += data
    name = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + b"".join(records) + strings
    offset = 12 + 16
    head = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0) + struct.pack(">4sIII", b"name", 0, offset, len(name))
    path.write_bytes(head + name)


def test_official_fonts_under_other_file_names_are_found_by_family_name(monkeypatch, tmp_path):
    from templates import fonts

    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    user_fonts = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    user_fonts.mkdir(parents=True)
    _font_file(windir / "Fonts" / "simfang_2.ttf", "仿宋_GB2312", "FangSong_GB2312")
    assert fonts.detect_profile("win32") == "windows"  # the title font is still missing
    _font_file(user_fonts / "FZXBSK.TTF", "方正小标宋简体", "FZXiaoBiaoSong-B05S")
    fonts._windows_families.cache_clear()
    assert fonts.font_file_families(user_fonts / "FZXBSK.TTF") == {"方正小标宋简体", "FZXiaoBiaoSong-B05S"}
    assert fonts.detect_profile("win32") == "official"


def test_a_damaged_font_file_is_skipped(tmp_path):
    from templates import fonts

    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\0\1\0\0\0\5")
    assert fonts.font_file_families(bad) == set()


# --- the build's smoke screenshot: the real platform on Windows, checked for glyphs ---------------------------------

def test_the_windows_smoke_screenshot_is_not_offscreen(monkeypatch, tmp_path):
    build = _load("wenshu_build_18", ROOT / "packaging" / "build.py")
    monkeypatch.setattr(build, "WINDOWS", True)
    assert "QT_QPA_PLATFORM" not in build.clean_env(tmp_path, gui=True)
    monkeypatch.setattr(build, "WINDOWS", False)
    assert build.clean_env(tmp_path, gui=True)["QT_QPA_PLATFORM"] == "offscreen"


def test_the_glyph_check_passes_real_text_and_fails_boxes(qtbot, tmp_path):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    build = _load("wenshu_build_18b", ROOT / "packaging" / "build.py")
    text = "神池县应急管理局现场检查记录询问笔录行政处罚决定书送达回证责令限期整改指令书" * 3
    boxes = "".join(chr(0x10FF00 + i % 200) for i in range(len(text)))  # no font has these: drawn as boxes
    for name, content, expected in (("real", text, True), ("boxes", boxes, False)):
        label = QLabel("\n".join(content[i:i + 30] for i in range(0, len(content), 30)))
        label.setStyleSheet("background: white; color: black")
        label.setFont(QFont(label.font().family(), 12))
        label.resize(900, 300)
        qtbot.addWidget(label)
        shot = tmp_path / f"{name}.png"
        assert label.grab().save(str(shot))
        result = build.glyph_check(shot)
        if sys.platform == "win32" and expected:
            # On Windows Qt's offscreen platform (the tests') draws every glyph as a box — what the check is
            # for: it must fail there too; real text comes from the window wine-check.sh took on `windows`
            assert result["ok"] is False, result
            result = build.glyph_check(ROOT / "docs" / "images" / "windows" / "main-window-1366x768.png")
        assert result["ok"] is expected, result


# --- bench/run.py on Windows (no `resource` module) ------------------------------------------------------------------

def test_the_benchmark_imports_and_reports_memory_without_the_resource_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource → ImportError, as on Windows
    bench = _load("wenshu_bench_run_18", ROOT / "bench" / "run.py")
    report = bench.bench_memory({"render_peak_mb": 80.0}, {"peak_mb": None})
    assert report["bench_process_mb"] is None and report["peak_mb"] == 80.0


# --- the installer: minimum Windows version, Chinese messages; build.ps1 -----------------------------------------------

def test_the_installer_requires_windows_10_1703_and_speaks_chinese():
    iss = (ROOT / "packaging" / "windows" / "wenshu.iss").read_text(encoding="utf-8-sig")
    assert "MinVersion=10.0.15063" in iss
    assert 'MessagesFile: "ChineseSimplified.isl"' in iss
    isl = (ROOT / "packaging" / "windows" / "ChineseSimplified.isl").read_bytes()
    assert isl.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: ISCC reads it as Unicode
    text = isl.decode("utf-8-sig")
    assert "LanguageName=简体中文" in text and "LanguageID=$0804" in text
    assert "WinVersionTooLowError=本程序需要 %1 %2 或更高版本。" in text
    assert "Copyright (C) 1997-2025 Jordan Russell" in text  # the licence's condition 1
    assert (ROOT / "packaging" / "windows" / "INNO-SETUP-LICENSE.txt").exists()
    windows_md = (ROOT / "packaging" / "WINDOWS.md").read_text(encoding="utf-8")
    assert "Windows 10 1703" in windows_md and "64" in windows_md


def test_build_ps1_takes_a_python_path_with_spaces_and_reads_utf8():
    ps1 = (ROOT / "packaging" / "windows" / "build.ps1").read_text(encoding="utf-8-sig")
    assert ".Split(" not in ps1  # "C:\Program Files\Python311\python.exe" is one path
    assert "& $pyExe @pyArgs packaging\\build.py" in ps1
    assert "[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)" in ps1
    assert "| Tee-Object" not in ps1  # PowerShell 5.1's Tee-Object has no -Encoding (it writes UTF-16)


# --- Linux: tools/dev.py start checks Qt's system libraries first ------------------------------------------------------

def test_dev_start_names_the_one_apt_command_for_missing_qt_libraries(monkeypatch, capsys):
    dev = _load("wenshu_dev_18", ROOT / "tools" / "dev.py")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    known = {soname for soname, _ in dev.QT_SYSTEM_LIBRARIES} - {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    monkeypatch.setattr(dev, "_ldconfig_names", lambda: known)
    monkeypatch.setattr(dev, "_loadable", lambda soname: False)
    monkeypatch.setattr(dev, "ensure_env", lambda: pytest.fail("nothing is installed before the check"))
    assert dev.main(["start"]) == 1
    out = capsys.readouterr().out
    assert "缺少" in out and "libxcb-cursor0" in out
    commands = [line for line in out.splitlines() if "apt-get install" in line]
    assert len(commands) == 1
    assert commands[0].endswith("apt-get install -y libxcb-cursor0 libxkbcommon-x11-0")


def test_dev_start_goes_on_when_every_library_is_there(monkeypatch):
    dev = _load("wenshu_dev_18b", ROOT / "tools" / "dev.py")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(dev, "_ldconfig_names", lambda: {s for s, _ in dev.QT_SYSTEM_LIBRARIES})
    assert dev.check_qt_libraries() is True
    # a library the linker cache does not list but that loads (a custom path) counts as present
    monkeypatch.setattr(dev, "_ldconfig_names", lambda: set())
    monkeypatch.setattr(dev, "_loadable", lambda soname: True)
    assert dev.missing_qt_packages() == []


def test_a_failure_the_gui_already_showed_is_logged_without_a_second_box(windowed, wenshu_home, monkeypatch):
    from wenshu import startup

    def gui_said_it() -> int:
        sys.stderr.write("案件数据库已损坏，无法打开。\n")
        startup.told_user = True
        return 2

    monkeypatch.setattr(startup, "told_user", False)
    assert startup.run_windowed(gui_said_it) == 2
    assert windowed == []
    [log] = (wenshu_home / "logs").glob("startup-*.log")
    assert "案件数据库已损坏" in log.read_text(encoding="utf-8")


def test_the_frozen_gui_program_counts_as_windowed_even_when_a_parent_gave_it_pipes():
    from wenshu.startup import is_windowed

    assert is_windowed(r"C:\Users\张三\AppData\Local\Programs\wenshu\wenshu-gui.exe", frozen=True)
    assert not is_windowed(r"C:\Users\张三\AppData\Local\Programs\wenshu\wenshu.exe", frozen=True)
    assert not is_windowed(sys.executable, frozen=False)
