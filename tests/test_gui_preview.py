"""预览与打印 in the app: a case's generated documents shown as pages (zoom, page navigation), printed in
one go through Qt's print dialog, the printed versions recorded; 打开 failing offers the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_helpers import NOW, build_case

from wenshu import pdf
from wenshu.service import CaseService
from wenshu.store import Store


@pytest.fixture
def case_window(qtbot, tmp_path, make_window):
    service = CaseService(Store(), clock=lambda: NOW)
    case_id, docs = build_case(service, tmp_path / "gen")
    window = make_window(service)
    window.show_case(case_id)
    return window, case_id, docs


def _preview(qtbot, window, document_id=None):
    shown = []
    window.preview(document_id, on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=120000)
    return shown[0]


def test_whole_case_preview_pages_zoom_navigation_and_print(qtbot, case_window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    window, case_id, _docs = case_window
    preview = _preview(qtbot, window)
    generated = [d for d in window.case["documents"] if d.get("printed")]
    assert preview.list.count() == len(generated)
    total = sum(pdf.page_count(Path(i["pdf"])) for i in preview.items)
    assert preview.pages.count == total and preview.page_box.suffix().endswith(f"共 {total} 页")
    small = preview.image.pixmap().width()
    preview.step_zoom(1)
    assert preview.image.pixmap().width() > small
    preview.next_button.click()
    assert preview.page == 1 and preview.page_box.value() == 2
    preview.list.setCurrentRow(3)
    assert preview.page == preview.pages.starts[3]

    # print two of them (a PDF printer stands in for the paper one): their pages, and a record of versions
    for i in range(preview.list.count()):
        preview.list.item(i).setCheckState(preview.list.item(i).checkState().Unchecked)
    preview.list.item(0).setCheckState(preview.list.item(0).checkState().Checked)
    preview.list.item(2).setCheckState(preview.list.item(2).checkState().Checked)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    preview.print_to(printer, preview.selected())
    expected = len(preview.pages.docs[0]) + len(preview.pages.docs[2])
    assert pdf.page_count(tmp_path / "printed.pdf") == expected
    records = window.service.print_records(case_id)
    assert len(records) == 1
    went = records[0]["documents"]
    assert [d["document_id"] for d in went] == [preview.items[0]["document_id"], preview.items[2]["document_id"]]
    assert all(d["version"] and d["fingerprint"] for d in went)
    printer_dialog = preview.print_dialog()[1]
    assert printer_dialog is not None
    preview.close()


def test_open_failing_offers_the_preview(qtbot, case_window, monkeypatch):
    import desktop.editor as editor_module

    window, _case_id, docs = case_window
    window.open_document(docs["case_closing"])
    editor = window.editor
    editor.last_output = Path(window.case["documents"][0]["printed"]["path"])
    monkeypatch.setattr(editor_module, "open_with_system", lambda action, path: "没有可以打开 .docx 的软件")
    asked = []
    editor.preview_requested.disconnect()  # the window's own preview is tested above: only the request here
    editor.preview_requested.connect(asked.append)
    editor.open_button.click()
    box = editor.system_box
    assert "无法打开" in box.text() and "预览" in box.text()
    preview = next(b for b in box.buttons() if b.text() == "改用预览")
    preview.click()
    assert asked == [docs["case_closing"]]
