"""The app's 统计评查 menu (issue 15): 执法情况统计 with its charts, 案卷评查 of the open case with hand scores,
年度案卷评查 and the 公示台账 — each shows what the case service computed, in Chinese."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from archive_helpers import NOW, build_case
from PySide6.QtWidgets import QMessageBox

from desktop.stats_view import PublicationDialog, ReviewDialog, StatsDialog, YearReviewDialog
from wenshu.service import CaseService
from wenshu.store import FILE_NAME, Store

SHOTS = os.environ.get("WENSHU_SCREENSHOTS")  # a folder: the dialogs are saved there to be looked at


def _shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("gui-stats")
    service = CaseService(Store(root / FILE_NAME), clock=lambda: NOW)
    case_id, _docs = build_case(service, root / "gen")
    service.case_for_test = case_id
    yield service
    service.close()


def test_statistics_dialog_shows_the_years_figures_and_the_months(qtbot, service):
    dialog = StatsDialog(service, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert rows["立案（件）"] == "1" and rows["罚款金额（元）"] == "50000.00" and rows["执法检查（次）"] == "2"
    assert dialog.cases_chart.series[0][1][10] == 1  # November
    assert dialog.fines_chart.unit == "单位：万元" and dialog.fines_chart.series[0][1][10] == 5
    assert "2027年1月10日前报送" in dialog.note.text() and "投诉举报" in dialog.note.text()
    _shot(dialog, "统计")
    dialog.year.setValue(2025)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert rows["立案（件）"] == "0"


def test_review_dialog_scores_by_hand_and_writes_the_sheet(qtbot, service, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a, **k: said.append(text))
    dialog = ReviewDialog(service, service.case_for_test)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tree.topLevelItemCount() == 8
    assert "尚未全部评分" in dialog.heading.text()
    first = dialog.tree.topLevelItem(0).text(0)
    assert first == "（一）行政执法主体是否合法"
    before = dialog.result["score"]
    dialog.scores = {}
    dialog._scored("facts.1", 6)
    assert dialog.result["score"] == pytest.approx(before + 6)
    _shot(dialog, "案卷评查")
    monkeypatch.setattr("desktop.stats_view.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "评查表.docx"), ""))
    dialog.write_sheet()
    assert (tmp_path / "评查表.docx").is_file() and "评查表已生成" in said[-1]


def test_year_review_and_publication_ledger(qtbot, service, tmp_path, monkeypatch):
    year = YearReviewDialog(service)
    qtbot.addWidget(year)
    year.year.setValue(2026)
    assert year.table.rowCount() == 1 and "评查案卷 1 件" in year.summary.text()
    _shot(year, "年度评查")
    ledger = PublicationDialog(service)
    qtbot.addWidget(ledger)
    assert ledger.table.rowCount() == 1
    assert ledger.table.item(0, 6).text() in ("待公示", "逾期未公示")
    assert ledger.table.item(0, 3).text() == "2026年12月1日"
    assert "7个工作日" in ledger.note.text() and "自然人满2年撤除" in ledger.note.text()
    _shot(ledger, "公示台账")
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a, **k: said.append(text))
    monkeypatch.setattr("desktop.stats_view.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "待公示"), "CSV 文件 (*.csv)"))
    ledger.export()
    assert (tmp_path / "待公示.csv").is_file() and "已导出 1 条" in said[-1]


def test_the_report_on_the_agenda_opens_the_statistics(window, monkeypatch):
    opened = []
    monkeypatch.setattr(window, "show_stats", lambda: opened.append(True))
    window.open_case(None)
    assert opened == [True]  # the item itself (due 1月10日): tests/test_stats_review.py
