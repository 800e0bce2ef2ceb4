"""The agenda: events read from the documents through the kinds' declarations, deadline statuses at
their boundaries (real 2026 calendar: 中秋/国庆 with 调休), and the start-of-day list across cases."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from templates.kinds import all_kinds, get_kind
from validators.deadlines import PACKAGE_CALENDAR, WorkCalendar, case_deadlines, parse_holiday_table
from validators.rulebook import CASE_EVENTS, DUE_SOON_WORKING_DAYS, RECORDED_EVENTS
from wenshu.agenda import (
    EventDeclarationError,
    case_agenda,
    case_events,
    deadline_status,
    declarations,
    status_label,
    store_case,
    upcoming,
)

RECEIPT = {"x-wenshu": {"events": [
    {"event": "decision_delivered", "from": "/time/end", "when": {"/document_kind": "penalty_decision"}},
]}}


def _deadline(events: dict, rule: str):
    return next(d for d in case_deadlines(events, PACKAGE_CALENDAR) if d.rule == rule)


# --- events from the declarations ------------------------------------------------------------------
def test_penalty_decision_dates_filing_and_decision():
    answers = get_kind("penalty_decision").sample()
    answers["filed_date"], answers["date"] = "2026-10-09", "2026-11-30"
    assert case_events({"penalty_decision": answers}) == {
        "case_filed": date(2026, 10, 9), "decision_made": date(2026, 11, 30)}


def test_record_dates_video_only_when_a_recording_is_referenced():
    answers = get_kind("inspection_record").sample()
    answers["time"] = {"start": "2026-11-20T09:30", "end": "2026-11-20T11:00"}
    assert case_events({"inspection_record": answers}) == {}
    answers["video"] = {"device": "执法记录仪 03", "file_id": "DV03-20261120-01"}
    assert case_events({"inspection_record": answers}) == {"video_recorded": date(2026, 11, 20)}
    answers["video"]["file_id"] = "  "
    assert case_events({"inspection_record": answers}) == {}


def test_conditional_event_depends_on_what_was_delivered():
    decision = {"document_kind": "penalty_decision", "time": {"end": "2026-12-03T10:20"}}
    notice = {"document_kind": "penalty_notice", "time": {"end": "2026-11-17T15:00"}}
    assert case_events([("delivery_receipt", decision)], schemas={"delivery_receipt": RECEIPT}) == {
        "decision_delivered": date(2026, 12, 3)}
    assert case_events([("delivery_receipt", notice)], schemas={"delivery_receipt": RECEIPT}) == {}


def test_short_form_and_earliest_date_wins_across_documents():
    schemas = {"filing": {"x-wenshu": {"events": {"case_filed": "/date"}}}}
    docs = [("filing", {"date": "2026-11-05"}), ("filing", {"date": "2026-11-02"}), ("filing", {"date": "错"})]
    assert case_events(docs, schemas=schemas) == {"case_filed": date(2026, 11, 2)}


def test_unknown_kind_or_blank_date_adds_nothing():
    answers = get_kind("penalty_decision").sample()
    answers["date"] = ""
    answers["filed_date"] = "2026-13-01"
    assert case_events([("no_such_kind", {"date": "2026-11-02"}), ("penalty_decision", answers)]) == {}


def test_unknown_event_in_a_declaration_is_refused_in_chinese():
    with pytest.raises(EventDeclarationError, match="未知的案件事件“case_opened”"):
        declarations("filing", {"x-wenshu": {"events": {"case_opened": "/date"}}})
    with pytest.raises(EventDeclarationError, match="JSON 指针"):
        declarations("filing", {"x-wenshu": {"events": [{"event": "case_filed", "from": "date"}]}})


def test_malformed_declaration_is_skipped_when_reading_a_case():
    schemas = {"bad": {"x-wenshu": {"events": {"case_opened": "/date"}}},
               "filing": {"x-wenshu": {"events": {"case_filed": "/date"}}}}
    docs = [("bad", {"date": "2026-11-01"}), ("filing", {"date": "2026-11-02"})]
    assert case_events(docs, schemas=schemas) == {"case_filed": date(2026, 11, 2)}


@pytest.mark.parametrize("kind", [k.name for k in all_kinds()])
def test_every_kind_declares_known_events_from_its_own_date_fields(kind):
    k = get_kind(kind)
    for decl in declarations(k.name, k.schema):
        assert decl.event in CASE_EVENTS or decl.event in RECORDED_EVENTS
        field = k.field_schema((decl.each + "/0" if decl.each else "") + decl.source)
        assert field is not None, f"{kind}: {decl.source} is not a field"
        assert field.get("x-widget") in ("date", "datetime"), f"{kind}: {decl.source} is not a date field"


def test_the_three_kinds_declare_events():
    names = {k: {d.event for d in declarations(k, get_kind(k).schema)}
             for k in ("inspection_record", "inquiry_record", "penalty_decision")}
    assert names == {"inspection_record": {"video_recorded"}, "inquiry_record": {"video_recorded"},
                     "penalty_decision": {"case_filed", "decision_made"}}


# --- statuses at the boundaries (国庆 2026: 10-01..10-07 off; 09-20 Sun and 10-10 Sat are 调休 workdays)
def test_calendar_facts_used_below():
    assert not any(chinese_calendar.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert chinese_calendar.is_workday(date(2026, 10, 10)) and chinese_calendar.is_workday(date(2026, 9, 20))
    assert not chinese_calendar.is_workday(date(2026, 10, 11))


def test_statement_period_runs_over_the_holiday_and_status_follows_working_days():
    # notice delivered Wed 09-30: 陈述申辩 3 working days → 10-08, 10-09, 10-10 (Saturday 调休)
    d = _deadline({"penalty_notice_delivered": date(2026, 9, 30)}, "statement")
    assert d.due == date(2026, 10, 10)
    assert DUE_SOON_WORKING_DAYS == 3
    # on 09-30 ten calendar days remain but only 3 working days: due soon
    assert deadline_status(d, date(2026, 9, 30), PACKAGE_CALENDAR) == "due_soon"
    assert deadline_status(d, date(2026, 10, 4), PACKAGE_CALENDAR) == "due_soon"
    assert deadline_status(d, date(2026, 10, 10), PACKAGE_CALENDAR) == "due_soon"  # due today
    assert deadline_status(d, date(2026, 10, 11), PACKAGE_CALENDAR) == "overdue"
    assert status_label("overdue") == "已逾期" and status_label("due_soon") == "即将到期"


def test_four_working_days_left_is_not_yet_due_soon():
    # 09-29 → 09-30, 10-08, 10-09, 10-10: four working days before the due day
    d = _deadline({"penalty_notice_delivered": date(2026, 9, 30)}, "statement")
    assert deadline_status(d, date(2026, 9, 29), PACKAGE_CALENDAR) == "ok"
    assert status_label("ok") == "未到期"


def test_makeup_sunday_counts_toward_due_soon():
    # hearing request from Fri 09-18: 09-20 (Sun 调休), 21, 22, 23, 24 → due Thu 09-24 (09-25 中秋)
    d = _deadline({"penalty_notice_delivered": date(2026, 9, 18)}, "hearing_request")
    assert d.due == date(2026, 9, 24)
    assert deadline_status(d, date(2026, 9, 19), PACKAGE_CALENDAR) == "ok"  # 20, 21, 22, 23, 24 left
    assert deadline_status(d, date(2026, 9, 20), PACKAGE_CALENDAR) == "ok"  # 21, 22, 23, 24 left
    assert deadline_status(d, date(2026, 9, 21), PACKAGE_CALENDAR) == "due_soon"


def test_marked_done_wins_over_overdue():
    d = _deadline({"penalty_notice_delivered": date(2026, 9, 30)}, "statement")
    assert deadline_status(d, date(2026, 11, 23), PACKAGE_CALENDAR, completed={"statement"}) == "done"
    assert deadline_status(d, date(2026, 11, 23), PACKAGE_CALENDAR, completed={"hearing_request"}) == "overdue"
    assert status_label("done") == "已完成"


def test_deadline_answered_by_a_later_event_is_done_without_marking():
    today = date(2026, 12, 10)
    filed_only = {i.rule: i.status for i in case_agenda(1, "某案", {"decision_made": date(2026, 11, 18)},
                                                         set(), today, PACKAGE_CALENDAR, {})}
    assert filed_only["delivery"] == "overdue"  # due 11-27, no delivery on file
    delivered = {i.rule: i.status for i in case_agenda(
        1, "某案", {"decision_made": date(2026, 11, 18), "decision_delivered": date(2026, 11, 20)},
        set(), today, PACKAGE_CALENDAR, {})}
    assert delivered["delivery"] == "done" and delivered["publication_penalty"] == "overdue"


def test_case_agenda_words_and_tooltip():
    today = date(2026, 11, 23)
    items = {i.rule: i for i in case_agenda(7, "某案", {"penalty_notice_delivered": date(2026, 11, 17)},
                                            set(), today, PACKAGE_CALENDAR, {})}
    statement, hearing = items["statement"], items["hearing_request"]
    assert (statement.due, statement.status_label, statement.remaining_text(today)) == (
        date(2026, 11, 20), "已逾期", "逾期3日")
    assert (hearing.due, hearing.status_label, hearing.remaining_text(today)) == (
        date(2026, 11, 24), "即将到期", "剩1个工作日")
    tip = hearing.explain()
    assert "行政处罚法 第六十四条" in tip and "工作日" in tip and "5个工作日" in tip and "2026年11月17日" in tip


def test_configured_statement_period_is_used():
    today = date(2026, 11, 23)
    items = case_agenda(7, "某案", {"penalty_notice_delivered": date(2026, 11, 17)}, set(), today,
                        PACKAGE_CALENDAR, {"statement": 5})
    statement = next(i for i in items if i.rule == "statement")
    assert statement.due == date(2026, 11, 24) and statement.period_text == "5个工作日"


# --- the start-of-day list ----------------------------------------------------------------------------
def test_upcoming_across_cases_sorted_with_overdue_first_and_far_ones_left_out():
    today = date(2026, 11, 23)  # Monday; five working days reach Mon 11-30
    cases = [
        ("A", "甲案", {"decision_made": date(2026, 11, 18)}, set()),  # delivery, publication → 11-27
        ("B", "乙案", {"penalty_notice_delivered": date(2026, 11, 17)}, {"hearing_request"}),
        ("C", "丙案", {"review_materials_received": date(2026, 11, 18)}, set()),  # legal review → 12-02
        ("D", "丁案", {"case_closed": date(2026, 11, 2)}, set()),  # archive 30 days → 12-02
        ("E", "戊案", {"decision_delivered": date(2026, 11, 10)}, set()),  # payment → 11-25
    ]
    items = [i for i in upcoming(cases, today, calendar=PACKAGE_CALENDAR, amounts={}) if i.due is not None]
    assert [(i.case_title, i.rule, i.due, i.status) for i in items] == [
        ("乙案", "statement", date(2026, 11, 20), "overdue"),
        ("戊案", "payment", date(2026, 11, 25), "due_soon"),
        ("甲案", "delivery", date(2026, 11, 27), "ok"),
        ("甲案", "publication_penalty", date(2026, 11, 27), "ok"),
    ]


def test_window_end_is_the_fifth_working_day_inclusive():
    today = date(2026, 11, 23)
    # archive 30 days from 10-31 → 11-30 (Monday), the fifth working day after today: shown
    shown = upcoming([("D", "丁案", {"case_closed": date(2026, 10, 31)}, set())], today,
                     calendar=PACKAGE_CALENDAR, amounts={})
    assert [(i.rule, i.due) for i in shown] == [("archive", date(2026, 11, 30))]
    later = upcoming([("D", "丁案", {"case_closed": date(2026, 11, 1)}, set())], today,
                     calendar=PACKAGE_CALENDAR, amounts={})
    assert later == []  # 12-01


def test_uncovered_year_gives_an_item_that_says_so_and_never_a_date():
    today = date(2026, 12, 28)
    cases = [("F", "己案", {"decision_made": date(2026, 12, 24)}, set()),  # 7 working days run into 2027
             ("G", "庚案", {"penalty_notice_delivered": date(2026, 12, 28)}, set())]  # statement → 12-31, hearing → 2027
    items = upcoming(cases, today, calendar=PACKAGE_CALENDAR, amounts={})
    uncovered = [i for i in items if i.due is None]
    assert {(i.case_title, i.rule) for i in uncovered} == {
        ("己案", "delivery"), ("己案", "publication_penalty"), ("庚案", "hearing_request")}
    assert items[: len(uncovered)] == uncovered  # they lead the list
    first = uncovered[0]
    assert first.status_label == "无法计算" and "尚无 2027 年" in first.message
    assert first.remaining_text(today) == "缺2027年节假日数据" and "wenshu holidays import" in first.explain()
    assert [(i.case_title, i.rule, i.due) for i in items if i.due is not None] == [
        ("庚案", "statement", date(2026, 12, 31))]


def test_imported_table_makes_the_deadline_computable():
    table = parse_holiday_table({"year": 2027, "holidays": ["2027-01-01"], "workdays": [],
                                 "source": "国务院办公厅关于2027年部分节假日安排的通知（测试）"})
    cal = WorkCalendar([table])
    items = upcoming([("F", "己案", {"decision_made": date(2026, 12, 24)}, set())], date(2026, 12, 28),
                     calendar=cal, amounts={})
    # 12-25, 28, 29, 30, 31, 2027-01-04, 01-05: due 01-05, the fifth working day after 12-28
    assert {(i.rule, i.due, i.status) for i in items} == {
        ("delivery", date(2027, 1, 5), "ok"), ("publication_penalty", date(2027, 1, 5), "ok")}


class _Store:
    """The slice of the case store the agenda reads."""

    def __init__(self):
        decision = get_kind("penalty_decision").sample()
        decision["filed_date"], decision["date"] = "2026-09-01", "2026-11-18"
        self._docs = {1: [{"kind": "penalty_decision", "answers": decision}]}
        self._events = {1: [{"kind": "penalty_notice_delivered", "date": "2026-11-17"},
                            {"kind": "done:publication_penalty", "date": "2026-11-20"}]}

    def list_cases(self):
        return [{"id": 1, "title": "神池县某煤业有限公司案"}]

    def documents(self, case_id):
        return self._docs[case_id]

    def events(self, case_id):
        return self._events[case_id]


def test_store_case_combines_documents_hand_entered_dates_and_done_marks():
    case_id, title, events, completed = store_case(_Store(), _Store().list_cases()[0])
    assert (case_id, title) == (1, "神池县某煤业有限公司案")
    assert events == {"case_filed": date(2026, 9, 1), "decision_made": date(2026, 11, 18),
                      "penalty_notice_delivered": date(2026, 11, 17)}
    assert completed == {"publication_penalty"}
    items = upcoming([store_case(_Store(), c) for c in _Store().list_cases()], date(2026, 11, 23),
                     calendar=PACKAGE_CALENDAR, amounts={})
    # publication marked done; the 90-day decision period (due 11-30) is met by the decision of 11-18
    assert [i.rule for i in items] == ["statement", "hearing_request", "delivery"]


def test_a_new_user_is_not_greeted_by_overdue_sample_deadlines():
    from wenshu.agenda import upcoming_from_store
    from wenshu.sample_case import ensure_sample_case
    from wenshu.store import open_store

    store = open_store()
    case_id = ensure_sample_case(store)
    assert case_id is not None
    assert [i for i in upcoming_from_store(store) if i.status == "overdue"] == []
    done = [e for e in store.events(case_id) if e["kind"].startswith("done:")]
    assert done, "the sample's past deadlines are recorded as met, not hidden"
