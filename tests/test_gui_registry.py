"""The registry dialog and the case re-check as a clerk uses them (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop.registry_view import (
    COL_CASE,
    COL_NUMBER,
    COL_REASON,
    COL_STATE,
    CaseNumbersDialog,
    RegistryDialog,
    gap_text,
)
from wenshu.number_audit import audit_case_numbers, audit_summary
from wenshu.registry import VOID, ImportRow

P = "（晋忻神）应急罚"


@pytest.fixture
def store(number_store):
    return number_store


@pytest.fixture
def messages(monkeypatch):
    """Every message box the dialogs show, as (kind, text), instead of blocking the test."""
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda parent, title, text, *a, _k=kind, **kw: shown.append((_k, text)))
    return shown


@pytest.fixture
def filled(store):
    """1–3 issued, 2 voided, 4 reserved for a document being written, 7 and 9 imported: gaps 5–6, 8."""
    for _ in range(3):
        store.allocate(P, 2026, case_id="案件甲", who="李明")
    store.void(f"{P}〔2026〕2号", "当事人名称填写错误", who="李明")
    store.number_for_document(P, 2026, "案件乙", "doc-4", who="王芳")
    store.import_existing([ImportRow(number=f"{P}〔2026〕7号", document_title="行政处罚决定书"),
                           ImportRow(number=f"{P}〔2026〕9号")])
    return store


def open_dialog(qtbot, **kw) -> RegistryDialog:
    dialog = RegistryDialog(**kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def row_of(dialog: RegistryDialog, number: str) -> int:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, COL_NUMBER).text() == number:
            return row
    raise AssertionError(f"{number} not listed")


def cell(dialog, number, col) -> str:
    return dialog.table.item(row_of(dialog, number), col).text()


def audit(documents: list[dict], **kw):
    """What ``CaseService.audit_numbers`` gives the dialog, for hand-made documents."""
    def run() -> dict:
        findings = audit_case_numbers(documents, **kw)
        return {"findings": findings, "summary": audit_summary(findings, len(documents))}
    return run


def test_gap_text_joins_runs():
    assert gap_text([5, 7, 8, 9]) == "5、7–9"
    assert gap_text([]) == ""


def test_dialog_lists_states_gaps_and_void_reasons(qtbot, filled):
    dialog = open_dialog(qtbot)
    assert dialog.sequence_list.count() == 1
    assert P in dialog.sequence_list.item(0).text() and "2026" in dialog.sequence_list.item(0).text()
    assert dialog.table.rowCount() == 6
    assert cell(dialog, f"{P}〔2026〕1号", COL_STATE) == "已使用"
    assert cell(dialog, f"{P}〔2026〕2号", COL_STATE) == "已作废"
    assert cell(dialog, f"{P}〔2026〕2号", COL_REASON) == "当事人名称填写错误"
    assert cell(dialog, f"{P}〔2026〕4号", COL_STATE) == "已预留（待确认）"
    assert cell(dialog, f"{P}〔2026〕4号", COL_CASE) == "案件乙"
    assert "断号：5–6、8" in dialog.gap_label.text()
    assert "下一个序号：10" in dialog.heading.text()


def test_an_empty_registry_says_how_numbers_arrive(qtbot):
    dialog = open_dialog(qtbot)
    assert dialog.table.rowCount() == 0
    assert "还没有文号" in dialog.heading.text()
    assert not dialog.void_button.isEnabled()


def test_sequences_are_listed_per_code_and_year(qtbot, filled):
    filled.allocate(P, 2025)
    filled.allocate("（晋忻神）应急检记", 2026)
    dialog = open_dialog(qtbot)
    texts = [dialog.sequence_list.item(i).text() for i in range(dialog.sequence_list.count())]
    assert len(texts) == 3
    dialog.sequence_list.setCurrentRow(next(i for i, t in enumerate(texts) if "2025" in t))
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, COL_NUMBER).text() == f"{P}〔2025〕1号"


def test_voiding_through_the_dialog_asks_for_a_reason(qtbot, filled, monkeypatch, messages):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("打印时纸张卡住，重新打印", True))
    dialog = open_dialog(qtbot)
    dialog.table.selectRow(row_of(dialog, f"{P}〔2026〕3号"))
    assert dialog.void_button.isEnabled()
    qtbot.mouseClick(dialog.void_button, Qt.LeftButton)
    assert cell(dialog, f"{P}〔2026〕3号", COL_STATE) == "已作废"
    assert cell(dialog, f"{P}〔2026〕3号", COL_REASON) == "打印时纸张卡住，重新打印"
    rec = filled.get(f"{P}〔2026〕3号")
    assert rec.state == VOID and rec.void_reason == "打印时纸张卡住，重新打印"
    assert messages == []
    assert not dialog.void_button.isEnabled()  # the voided row stays selected; it cannot be voided twice


def test_an_empty_reason_is_refused(qtbot, filled, monkeypatch, messages):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("   ", True))
    dialog = open_dialog(qtbot)
    dialog.table.selectRow(row_of(dialog, f"{P}〔2026〕3号"))
    qtbot.mouseClick(dialog.void_button, Qt.LeftButton)
    assert filled.get(f"{P}〔2026〕3号").state != VOID
    assert cell(dialog, f"{P}〔2026〕3号", COL_STATE) == "已使用"
    assert messages and messages[0][0] == "warning" and "作废原因" in messages[0][1]


def test_a_registry_refusal_is_shown_in_chinese(qtbot, filled, monkeypatch, messages):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("重复", True))
    dialog = open_dialog(qtbot)
    dialog.table.selectRow(row_of(dialog, f"{P}〔2026〕3号"))
    filled.void(f"{P}〔2026〕3号", "同事已作废")  # meanwhile, from another computer window
    qtbot.mouseClick(dialog.void_button, Qt.LeftButton)
    assert messages[-1][0] == "warning"
    assert "无需重复作废" in messages[-1][1] and "Traceback" not in messages[-1][1]
    assert filled.get(f"{P}〔2026〕3号").void_reason == "同事已作废"


def test_importing_a_csv_continues_the_sequence(qtbot, tmp_path, filled, monkeypatch, messages):
    register = tmp_path / "2026年文号登记.csv"
    register.write_text("文号,日期,案件,文书,状态,作废原因\n"
                        f"{P}〔2026〕14号,2026-05-06,神应急罚案〔2026〕14号,行政处罚决定书,已使用,\n"
                        f"{P}〔2026〕15号,2026-05-08,,行政处罚决定书,作废,盖章错误\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(register)], ""))
    dialog = open_dialog(qtbot)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert messages[-1][0] == "information"
    assert "已导入 2 个文号" in messages[-1][1] and "16 号起" in messages[-1][1]
    assert cell(dialog, f"{P}〔2026〕15号", COL_STATE) == "已作废"
    assert cell(dialog, f"{P}〔2026〕15号", COL_REASON) == "盖章错误"
    assert "10–13" in dialog.gap_label.text()
    assert filled.allocate(P, 2026).number == f"{P}〔2026〕16号"


def test_an_unreadable_csv_is_refused_with_its_line(qtbot, tmp_path, filled, monkeypatch, messages):
    register = tmp_path / "bad.csv"
    register.write_text("文号\n应急罚2026-14\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(register)], ""))
    dialog = open_dialog(qtbot)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert messages[-1][0] == "warning" and "第2行" in messages[-1][1]
    assert dialog.table.rowCount() == 6 and len(filled.records()) == 6


def test_case_recheck_lists_each_fault_and_opens_the_document(qtbot, store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕5号", document_id="11")])
    store.void(f"{P}〔2026〕5号", "文书作废重做")
    documents = [
        {"id": 11, "kind": "penalty_decision", "title": "行政处罚决定书", "state": "generated",
         "answers": {"number": f"{P}〔2026〕5号", "date": "2026-12-01"}},
        {"id": 12, "kind": "inspection_record", "title": "现场检查记录", "state": "generated",
         "answers": {"number": ""}},
    ]
    dialog = CaseNumbersDialog(audit(documents, case_id=7), case_title="某煤业公司案")
    qtbot.addWidget(dialog)
    assert "错误 2 处" in dialog.summary_label.text()
    messages = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert any("文书作废重做" in m for m in messages) and any("没有文号" in m for m in messages)
    with qtbot.waitSignal(dialog.document_activated) as activated:
        dialog.table.itemActivated.emit(dialog.table.item(0, 0))
    assert activated.args[0] == 11  # errors first, in document order


def test_case_recheck_of_a_clean_case_says_so(qtbot):
    dialog = CaseNumbersDialog(audit([{"id": 1, "kind": "penalty_decision", "state": "draft", "answers": {}}]))
    qtbot.addWidget(dialog)
    assert "未发现问题" in dialog.summary_label.text() and dialog.table.rowCount() == 0


def test_the_dialog_is_usable_from_the_keyboard(qtbot, filled, monkeypatch, messages):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("重新制作", True))
    dialog = open_dialog(qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.sequence_list.hasFocus())
    qtbot.keyClick(dialog.sequence_list, Qt.Key_Tab)
    assert dialog.table.hasFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key_Down)  # row 2, voided: cannot be voided again
    assert dialog.selected_number() == f"{P}〔2026〕2号" and not dialog.void_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key_Down)
    assert dialog.selected_number() == f"{P}〔2026〕3号" and dialog.void_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key_Tab)
    assert dialog.void_button.hasFocus()
    qtbot.keyClick(dialog.void_button, Qt.Key_Space)
    assert filled.get(f"{P}〔2026〕3号").state == VOID


# --- a sequence of thousands of numbers is read a page at a time (issue 17) --------------------------------

def test_a_long_sequence_is_read_a_page_at_a_time(qtbot, store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕{n}号") for n in range(1, 1201) if n != 500])
    store.void(f"{P}〔2026〕7号", "填写错误")
    assert store.sequence_summary(P, 2026) == _summary(store.report(P, 2026))
    assert store.records_page(P, 2026, 3, 497) == store.records(P, 2026)[497:500]
    dialog = open_dialog(qtbot, store=store)
    model = dialog.model
    assert model.pages_read == 1 and dialog.table.rowCount() == model.PAGE < 1199 and model.canFetchMore()
    assert "已使用 1198 个" in dialog.summary_label.text() and "已作废 1 个" in dialog.summary_label.text()
    assert "断号：500" in dialog.gap_label.text()
    dialog.table.scrollToBottom()  # the view asks for more rows as it scrolls
    qtbot.waitUntil(lambda: model.pages_read >= 2)
    assert dialog.table.rowCount() > model.PAGE
    assert dialog.select_number(f"{P}〔2026〕1100号")  # far down: pages read up to it, the row selected
    assert dialog.selected_number() == f"{P}〔2026〕1100号"
    assert dialog.table.item(dialog.table.currentRow(), COL_NUMBER).text() == f"{P}〔2026〕1100号"


def _summary(rep) -> dict:
    return {"next_seq": rep.next_seq, "count": len(rep.issued) + len(rep.pending) + len(rep.voided),
            "issued": len(rep.issued), "pending": len(rep.pending), "voided": len(rep.voided), "gaps": rep.gaps}
