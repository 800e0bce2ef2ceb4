"""Opening, revealing and printing files with the default application, on each platform (faked)."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from wenshu import osopen
from wenshu.osopen import OpenError, open_file, open_folder, print_file


@pytest.fixture
def doc(tmp_path):
    p = tmp_path / "案件 1" / "检查笔录.docx"
    p.parent.mkdir()
    p.write_bytes(b"PK")
    return p


@pytest.fixture
def spawned(monkeypatch):
    """Record the programs started instead of starting them."""
    calls: list = []

    def fake_popen(argv, **kwargs):
        calls.append(argv)
        return SimpleNamespace(pid=1)

    monkeypatch.setattr(subprocess, "Popen", fake_popen)
    return calls


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    calls: list = []

    def fake_startfile(path, operation=None):
        calls.append((path, operation))

    monkeypatch.setattr(os, "startfile", fake_startfile, raising=False)
    return calls


def _which(table):
    return lambda name: table.get(name)


# --- Windows -------------------------------------------------------------------------------------------

def test_windows_open_uses_the_file_association(windows, doc):
    open_file(doc)
    assert windows == [(str(doc.resolve()), None)]


def test_windows_print_uses_the_print_verb(windows, doc):
    print_file(doc)
    assert windows == [(str(doc.resolve()), "print")]


def test_windows_folder_selects_the_file_in_explorer(windows, spawned, doc):
    open_folder(doc)
    assert spawned == [f'explorer /select,"{doc.resolve()}"']


def test_windows_folder_itself_opens_in_explorer(windows, spawned, doc):
    open_folder(doc.parent)
    assert spawned == [f'explorer "{doc.parent.resolve()}"']


def test_windows_without_an_associated_program_says_what_to_install(monkeypatch, doc):
    monkeypatch.setattr(sys, "platform", "win32")

    def no_association(path, operation=None):
        exc = OSError(22, "No application is associated with the specified file for this operation")
        exc.winerror = 1155
        raise exc

    monkeypatch.setattr(os, "startfile", no_association, raising=False)
    for action in (open_file, print_file):
        with pytest.raises(OpenError) as info:
            action(doc)
        assert isinstance(info.value, OSError)
        assert "没有可用的默认程序" in str(info.value)
        assert "WPS" in str(info.value)


def test_windows_other_failure_is_a_chinese_message(monkeypatch, doc):
    monkeypatch.setattr(sys, "platform", "win32")

    def denied(path, operation=None):
        raise PermissionError(13, "拒绝访问")

    monkeypatch.setattr(os, "startfile", denied, raising=False)
    with pytest.raises(OpenError, match="无法打印“检查笔录.docx”：没有访问权限"):
        print_file(doc)


# --- macOS ---------------------------------------------------------------------------------------------

def test_macos_open_and_reveal(monkeypatch, spawned, doc):
    monkeypatch.setattr(sys, "platform", "darwin")
    open_file(doc)
    open_folder(doc)
    assert spawned == [["open", str(doc.resolve())], ["open", "-R", str(doc.resolve())]]


def test_macos_prints_pdf_with_the_spooler_and_opens_docx(monkeypatch, spawned, doc, tmp_path):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(osopen.shutil, "which", _which({"lpr": "/usr/bin/lpr"}))
    runs: list = []
    monkeypatch.setattr(subprocess, "run", lambda argv, **kw: runs.append(argv) or SimpleNamespace(returncode=0))
    pdf = tmp_path / "决定书.pdf"
    pdf.write_bytes(b"%PDF")
    print_file(pdf)
    print_file(doc)
    assert runs == [["/usr/bin/lpr", str(pdf.resolve())]]
    assert spawned == [["open", str(doc.resolve())]]


# --- Linux ---------------------------------------------------------------------------------------------

def test_linux_open_uses_xdg_open_and_folder_shows_the_parent(monkeypatch, spawned, doc):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(osopen.shutil, "which", _which({"xdg-open": "/usr/bin/xdg-open"}))
    open_file(doc)
    open_folder(doc)
    assert spawned == [["/usr/bin/xdg-open", str(doc.resolve())], ["/usr/bin/xdg-open", str(doc.parent.resolve())]]


def test_linux_without_xdg_open_says_so(monkeypatch, spawned, doc):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(osopen.shutil, "which", _which({}))
    with pytest.raises(OpenError, match="没有可用的默认程序"):
        open_file(doc)
    with pytest.raises(OpenError, match="手动前往该文件夹"):
        open_folder(doc)
    with pytest.raises(OpenError, match="无法打印"):
        print_file(doc)
    assert spawned == []


def test_linux_prints_pdf_with_lp_and_reports_a_printer_error(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(osopen.shutil, "which", _which({"lp": "/usr/bin/lp", "xdg-open": "/usr/bin/xdg-open"}))
    runs: list = []

    def fake_run(argv, **kw):
        runs.append(argv)
        return SimpleNamespace(returncode=1, stdout="", stderr="lp: Error - No default destination.")

    monkeypatch.setattr(subprocess, "run", fake_run)
    pdf = tmp_path / "决定书.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(OpenError) as info:
        print_file(pdf)
    assert runs == [["/usr/bin/lp", str(pdf.resolve())]]
    assert "默认打印机" in str(info.value) and "No default destination" in str(info.value)


def test_linux_docx_is_opened_for_printing_not_sent_raw_to_the_spooler(monkeypatch, spawned, doc):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(osopen.shutil, "which", _which({"lp": "/usr/bin/lp", "xdg-open": "/usr/bin/xdg-open"}))
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("a .docx must not go to lp"))
    print_file(doc)
    assert spawned == [["/usr/bin/xdg-open", str(doc.resolve())]]


# --- every platform ------------------------------------------------------------------------------------

@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_missing_file_is_reported_before_anything_starts(monkeypatch, spawned, windows, tmp_path, platform):
    monkeypatch.setattr(sys, "platform", platform)
    gone = tmp_path / "已删除.docx"
    for action in (open_file, open_folder, print_file):
        with pytest.raises(OpenError, match="找不到"):
            action(gone)
    assert spawned == [] and windows == []


def test_a_program_that_cannot_start_is_a_chinese_message(monkeypatch, doc):
    monkeypatch.setattr(sys, "platform", "darwin")

    def broken(*a, **k):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(subprocess, "Popen", broken)
    with pytest.raises(OpenError, match="无法打开“检查笔录.docx”"):
        open_file(doc)
