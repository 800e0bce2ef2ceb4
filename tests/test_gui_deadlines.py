"""Deadline widgets (offscreen): rows with the right words and colours, the rule on hover, and the
start-of-day list opening a case on double-click or Enter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.deadlines_view import STATUS_COLOURS, AgendaDialog, AgendaWidget, CaseDeadlinesWidget
from validators.deadlines import PACKAGE_CALENDAR
from wenshu.agenda import case_agenda, upcoming

TODAY = date(2026, 11, 23)
EVENTS = {"case_filed": date(2026, 11, 2), "video_recorded": date(2026, 11, 2),
          "penalty_notice_delivered": date(2026, 11, 17), "review_materials_received": date(2026, 11, 18)}


def _rows(table):
    if table.model() is not None and not hasattr(table, "item"):  # a view over a model (今日待办期限)
        model = table.model()
        return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _case_widget(qtbot):
    w = CaseDeadlinesWidget()
    qtbot.addWidget(w)
    w.set_deadlines(case_agenda(1, "某煤业案", EVENTS, {"video_storage"}, TODAY, PACKAGE_CALENDAR, {}), TODAY)
    return w


def test_case_widget_shows_each_deadline_with_dates_and_status_words(qtbot):
    w = _case_widget(qtbot)
    rows = {r[0]: r for r in _rows(w.table)}
    assert rows["陈述申辩期限"][1:] == ["行政处罚告知书送达", "2026年11月17日", "2026年11月20日", "逾期3日", "● 已逾期"]
    assert rows["听证申请期限"][3:] == ["2026年11月24日", "剩1个工作日", "▲ 即将到期"]
    assert rows["法制审核期限"][3:] == ["2026年12月2日", "剩7个工作日", "未到期"]
    assert rows["音像记录存储期限"][4:] == ["已完成", "✓ 已完成"]
    # 90 days from 11-02 end in 2027, which the packaged calendar does not cover: no date is guessed
    assert rows["作出处罚决定期限"][3:] == ["无法计算", "缺2027年节假日数据", "？无法计算"]
    assert "已逾期 1 项" in w.summary.text() and "即将到期 1 项" in w.summary.text()


def test_status_colours_follow_the_status(qtbot):
    w = _case_widget(qtbot)
    colour = {w.table.item(r, 0).text(): w.table.item(r, 5).background().color().name()
              for r in range(w.table.rowCount())}
    assert colour["陈述申辩期限"] == STATUS_COLOURS["overdue"][0]
    assert colour["听证申请期限"] == STATUS_COLOURS["due_soon"][0]
    assert colour["法制审核期限"] == STATUS_COLOURS["ok"][0]
    assert colour["音像记录存储期限"] == STATUS_COLOURS["done"][0]
    assert len({colour["陈述申辩期限"], colour["听证申请期限"], colour["法制审核期限"], colour["音像记录存储期限"]}) == 4


def test_tooltip_gives_rule_counting_and_source_article(qtbot):
    w = _case_widget(qtbot)
    row = next(r for r in range(w.table.rowCount()) if w.table.item(r, 0).text() == "听证申请期限")
    tip = w.table.item(row, 3).toolTip()
    assert "行政处罚法 第六十四条" in tip and "5个工作日" in tip and "工作日（不计周末和法定节假日" in tip
    pay_row = next(r for r in range(w.table.rowCount()) if w.table.item(r, 0).text() == "法制审核期限")
    assert "法制审核制度》第十四条" in w.table.item(pay_row, 0).toolTip()


def test_set_case_computes_with_the_settings_in_force(qtbot, wenshu_home):
    (wenshu_home / "settings.json").write_text('{"periods": {"statement": 5}}', encoding="utf-8")
    w = CaseDeadlinesWidget()
    qtbot.addWidget(w)
    w.set_case(1, "某案", {"penalty_notice_delivered": date(2026, 11, 17)}, set(), TODAY)
    rows = {r[0]: r for r in _rows(w.table)}
    assert rows["陈述申辩期限"][3:] == ["2026年11月24日", "剩1个工作日", "▲ 即将到期"]  # 5 working days configured


def test_empty_case_says_what_to_fill(qtbot):
    w = CaseDeadlinesWidget()
    qtbot.addWidget(w)
    w.set_deadlines([], TODAY)
    assert w.table.rowCount() == 0 and "尚无可计算的期限" in w.summary.text()


def _agenda_items():
    cases = [(11, "甲案", {"decision_made": date(2026, 11, 18)}, set()),
             (22, "乙案", {"penalty_notice_delivered": date(2026, 11, 17)}, set())]
    return upcoming(cases, TODAY, calendar=PACKAGE_CALENDAR, amounts={})


def test_agenda_lists_cases_in_due_order_and_double_click_asks_for_the_case(qtbot):
    w = AgendaWidget()
    qtbot.addWidget(w)
    w.set_items(_agenda_items(), TODAY)
    rows = _rows(w.table)
    assert [r[:3] for r in rows] == [["乙案", "陈述申辩期限", "2026年11月20日"], ["乙案", "听证申请期限", "2026年11月24日"],
                                     ["甲案", "送达期限", "2026年11月27日"], ["甲案", "许可、处罚决定公示期限", "2026年11月27日"]]
    assert "共 4 项" in w.heading.text()
    w.show()
    rect = w.table.visualRect(w.model.index(2, 1))
    with qtbot.waitSignal(w.caseRequested) as blocker:  # a real double-click: press, release, press again
        qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [11]


def test_agenda_enter_key_opens_the_current_case(qtbot):
    w = AgendaWidget()
    qtbot.addWidget(w)
    w.set_items(_agenda_items(), TODAY)
    w.show()
    w.table.setFocus()
    with qtbot.waitSignal(w.caseRequested) as blocker:
        qtbot.keyClick(w.table, Qt.Key.Key_Return)
    assert blocker.args == [22]  # first row is selected on open


def test_agenda_dialog_forwards_the_case_and_closes(qtbot):
    d = AgendaDialog(_agenda_items(), TODAY)
    qtbot.addWidget(d)
    d.show()
    with qtbot.waitSignal(d.caseRequested) as blocker:
        d.agenda.table.setCurrentIndex(d.agenda.model.index(3, 0))
        qtbot.keyClick(d.agenda.table, Qt.Key.Key_Enter)
    assert blocker.args == [11] and not d.isVisible()
    assert d.windowTitle() == "今日待办期限"


def test_empty_agenda_says_nothing_is_due(qtbot):
    w = AgendaWidget()
    qtbot.addWidget(w)
    w.set_items([], TODAY)
    assert w.model.rowCount() == 0 and "没有已逾期或5个工作日内到期的期限" in w.heading.text()


def test_thousands_of_agenda_rows_read_at_once_to_the_last(qtbot):
    """An agency's 今日待办 holds thousands of rows: the last one reads, in its colours, the moment the list
    opens (rows are drawn from the items, not filled one widget at a time)."""
    many = _agenda_items() * 800
    w = AgendaWidget()
    qtbot.addWidget(w)
    w.set_items(many, TODAY)
    model = w.model
    assert model.rowCount() == len(many) == 3200
    last = model.rowCount() - 1
    assert [model.index(last, c).data() for c in range(3)] == ["甲案", "许可、处罚决定公示期限", "2026年11月27日"]
    background = model.index(last, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert background == STATUS_COLOURS[many[last].status][0]
    assert "共 3200 项" in w.heading.text()
    w.show()
    w.table.scrollToBottom()
    w.table.setCurrentIndex(model.index(last, 0))
    with qtbot.waitSignal(w.caseRequested) as blocker:
        qtbot.keyClick(w.table, Qt.Key.Key_Return)
    assert blocker.args == [11]
