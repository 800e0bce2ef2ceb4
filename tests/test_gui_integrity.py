"""In the app: a paper copy's fingerprint shows the version it was printed from, a damaged document opens
read-only with its earlier versions offered, and an altered history is said at start (issue 11)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from wenshu.store import default_path


def _inspection(window) -> str:
    return next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")["doc"]["document_id"]


def test_the_fingerprint_opens_the_printed_version_read_only(window, qtbot, monkeypatch):
    service = window.service
    doc = _inspection(window)
    answers = dict(service.document(doc)["answers"], number="")
    service.save(doc, answers)
    printed = service.generate(doc)
    service.save(doc, dict(service.document(doc)["answers"], place="更正后的地点"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (printed["fingerprint"].lower(), True))
    window.find_by_fingerprint()
    editor = window.editor
    assert editor.document_id == doc and editor.read_only
    assert editor.form.editors["place"].value() == answers["place"]  # the paper's text, not the corrected one
    assert f"第 {printed['version']} 版" in editor.banner_text.text() and "当前为第" in editor.banner_text.text()
    box = editor.form.editors["place"].focus_widget()
    assert isinstance(box, QLineEdit) and box.isReadOnly()
    editor.save_now()  # nothing is saved over the current version from this view
    assert service.document(doc)["answers"]["place"] == "更正后的地点"
    assert not editor.generate_button.isEnabled()


def test_a_damaged_document_opens_read_only_and_an_earlier_version_restores_it(window, qtbot):
    service = window.service
    doc = _inspection(window)
    service.save(doc, dict(service.document(doc)["answers"], place="第二稿"))
    db = sqlite3.connect(default_path())
    db.execute("UPDATE documents SET answers='{\"place\": \"第' WHERE uid=?", (doc,))
    db.commit()
    db.close()
    window.open_document(doc)
    editor = window.editor
    assert editor.read_only and "已损坏" in editor.banner_text.text()
    assert editor.version_box.count() == 2 and editor.version_box.currentData() == 2
    editor.restore_button.click()
    assert window.editor is not editor and not window.editor.read_only
    assert window.editor.form.editors["place"].value() == "第二稿"


def test_an_altered_history_is_said_at_start(window, qtbot):
    assert window.history_at_start() == []
    db = sqlite3.connect(default_path())
    db.execute("DROP TRIGGER document_versions_no_update")
    db.execute("UPDATE document_versions SET reason='伪造' WHERE id=1")
    db.commit()
    db.close()
    problems = window.history_at_start()
    assert [p["code"] for p in problems] == ["history.row_altered"]
    box = window.history_box
    assert isinstance(box, QMessageBox) and "被改动" in box.text() and "wenshu store verify" in box.text()
    assert problems[0]["message"] in box.text() and "《" in problems[0]["message"]  # names the document
    box.close()


def test_a_screenshot_needs_no_desktop_and_says_nothing_in_english(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["WENSHU_HOME"] = str(tmp_path / "home")
    proc = subprocess.run([sys.executable, "-m", "wenshu", "gui", "--screenshot", str(tmp_path / "s.png")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0 and (tmp_path / "s.png").stat().st_size > 10_000
    assert not any(ch.isascii() and ch.isalpha() for ch in proc.stderr), proc.stderr


def test_a_long_history_is_listed_a_page_at_a_time(window, qtbot):
    service = window.service
    doc = _inspection(window)
    answers = service.document(doc)["answers"]
    for i in range(120):
        service.save(doc, dict(answers, place=f"第{i}稿"))
    db = sqlite3.connect(default_path())
    db.execute("UPDATE documents SET answers='{\"place\": \"第' WHERE uid=?", (doc,))
    db.commit()
    db.close()
    window.open_document(doc)
    editor = window.editor
    model = editor.versions_model
    total = service.version_count(doc)
    assert total >= 121 and model.rowCount() == model.PAGE < total and model.canFetchMore()
    assert editor.version_box.currentData() == total  # the newest first
    while model.canFetchMore():  # as the list is scrolled down
        model.fetchMore()
    assert model.rowCount() == total and model.pages_read == -(-(total - model.PAGE) // model.PAGE)
    editor.version_box.setCurrentIndex(model.rowCount() - 1)
    assert editor.version_box.currentData() == 1
