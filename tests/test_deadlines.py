"""Deadlines against the State Council holiday schedule. Expected dates are counted by hand from the
official notices (国务院办公厅关于2025年部分节假日安排的通知, 2024年11月12日; 国务院办公厅关于2026年
部分节假日安排的通知, 2025年11月4日), not taken from the package."""

from __future__ import annotations

from datetime import date

import pytest
from holiday_tables import TABLE_2027

from validators.deadlines import (
    CalendarNotCovered,
    Deadline,
    HolidayTableError,
    UncoveredDeadline,
    UnknownRule,
    WorkCalendar,
    add_months,
    add_working_days,
    case_deadlines,
    due_date,
    is_working_day,
    parse_holiday_table,
)
from validators.rulebook import CASE_EVENTS, PERIODS

D = date


# --- which days are working days ------------------------------------------------------------------

@pytest.mark.parametrize("day, working", [
    # 2025 春节: 1月28日–2月4日 放假; 1月26日(日)、2月8日(六) 上班
    (D(2025, 1, 25), False), (D(2025, 1, 26), True), (D(2025, 1, 27), True), (D(2025, 1, 28), False),
    (D(2025, 2, 4), False), (D(2025, 2, 5), True), (D(2025, 2, 8), True), (D(2025, 2, 9), False),
    # 2025 国庆、中秋: 10月1日–8日 放假; 9月28日(日)、10月11日(六) 上班
    (D(2025, 9, 27), False), (D(2025, 9, 28), True), (D(2025, 10, 1), False), (D(2025, 10, 8), False),
    (D(2025, 10, 9), True), (D(2025, 10, 11), True), (D(2025, 10, 12), False),
    # 2026 春节: 2月15日–23日 放假; 2月14日(六)、2月28日(六) 上班
    (D(2026, 2, 14), True), (D(2026, 2, 15), False), (D(2026, 2, 23), False), (D(2026, 2, 24), True),
    (D(2026, 2, 28), True), (D(2026, 3, 1), False),
    # 2026 中秋 9月25日–27日; 国庆 10月1日–7日 放假; 9月20日(日)、10月10日(六) 上班
    (D(2026, 9, 20), True), (D(2026, 9, 25), False), (D(2026, 10, 7), False), (D(2026, 10, 8), True),
    (D(2026, 10, 10), True), (D(2026, 10, 11), False),
    # ordinary weeks
    (D(2026, 11, 20), True), (D(2026, 11, 21), False), (D(2026, 11, 22), False),
])
def test_working_days_follow_the_official_schedule(day, working):
    assert is_working_day(day) is working


def _span(y: int, m: int, d1: int, m2: int, d2: int) -> list[date]:
    start, end = D(y, m, d1), D(y, m2, d2)
    return [D.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1)]


# The two notices, written out: (放假日期, 调休上班日).
OFFICIAL = {
    2025: (
        [D(2025, 1, 1), *_span(2025, 1, 28, 2, 4), *_span(2025, 4, 4, 4, 6), *_span(2025, 5, 1, 5, 5),
         *_span(2025, 5, 31, 6, 2), *_span(2025, 10, 1, 10, 8)],
        [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    ),
    2026: (
        [*_span(2026, 1, 1, 1, 3), *_span(2026, 2, 15, 2, 23), *_span(2026, 4, 4, 4, 6), *_span(2026, 5, 1, 5, 5),
         *_span(2026, 6, 19, 6, 21), *_span(2026, 9, 25, 9, 27), *_span(2026, 10, 1, 10, 7)],
        [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)],
    ),
}


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_every_day_of_the_year_matches_the_notice(year):
    holidays, workdays = OFFICIAL[year]
    wrong = []
    for day in _span(year, 1, 1, 12, 31):
        expected = day in workdays or (day.weekday() < 5 and day not in holidays)
        if is_working_day(day) is not expected:
            wrong.append(day)
    assert wrong == []


# --- working-day periods (行政处罚法 第八十五条) ----------------------------------------------------

@pytest.mark.parametrize("rule, start, due", [
    # 2025 春节
    ("hearing_request", D(2025, 1, 24), D(2025, 2, 7)),   # 1/26(调休) 1/27, then 2/5 2/6 2/7
    ("statement", D(2025, 2, 5), D(2025, 2, 8)),          # 2/6 2/7 2/8(调休六)
    ("delivery", D(2025, 1, 27), D(2025, 2, 12)),         # 2/5 2/6 2/7 2/8 2/10 2/11 2/12
    # 2025 国庆
    ("hearing_request", D(2025, 9, 30), D(2025, 10, 14)),  # 10/9 10/10 10/11(调休) 10/13 10/14
    ("statement", D(2025, 9, 26), D(2025, 9, 30)),         # 9/28(调休日) 9/29 9/30
    ("legal_review", D(2025, 9, 25), D(2025, 10, 15)),     # 9/26 9/28 9/29 9/30 10/9 10/10 10/11 10/13-15
    # 2026 春节
    ("hearing_request", D(2026, 2, 12), D(2026, 2, 26)),   # 2/13 2/14(调休) 2/24 2/25 2/26
    ("delivery", D(2026, 2, 13), D(2026, 3, 2)),           # 2/14 2/24 2/25 2/26 2/27 2/28(调休) 3/2
    # 2026 中秋、国庆
    ("hearing_request", D(2026, 9, 30), D(2026, 10, 13)),  # 10/8 10/9 10/10(调休) 10/12 10/13
    ("statement", D(2026, 9, 18), D(2026, 9, 22)),         # 9/20(调休日) 9/21 9/22
    ("legal_review", D(2026, 9, 22), D(2026, 10, 13)),     # 9/23 9/24 9/28-30 10/8 10/9 10/10 10/12 10/13
    ("video_storage", D(2026, 9, 24), D(2026, 9, 29)),     # 9/25-27 中秋: 9/28 9/29
    ("publication_penalty", D(2026, 11, 20), D(2026, 12, 1)),
    ("publication_other", D(2026, 11, 2), D(2026, 11, 30)),
    # start on a rest day: counting still begins with the next working day
    ("hearing_request", D(2025, 10, 3), D(2025, 10, 14)),
])
def test_working_day_periods(rule, start, due):
    assert due_date(rule, start) == due
    assert PERIODS[rule].unit == "working_days"


def test_start_day_is_not_counted():
    # Monday 2026-11-16 + 3 working days = Thursday, not Wednesday
    assert due_date("statement", D(2026, 11, 16)) == D(2026, 11, 19)
    assert add_working_days(D(2026, 11, 16), 0) == D(2026, 11, 16)


# --- calendar-day periods: a last day on a rest day moves to the next working day ---------------

@pytest.mark.parametrize("rule, start, due", [
    ("payment", D(2025, 1, 14), D(2025, 2, 5)),    # 1/29 春节 → 2/5
    ("payment", D(2025, 1, 11), D(2025, 1, 26)),   # 1/26 is a 调休 Sunday: a working day, stays
    ("payment", D(2025, 1, 24), D(2025, 2, 8)),    # 2/8 调休 Saturday, stays
    ("payment", D(2025, 9, 20), D(2025, 10, 9)),   # 10/5 国庆 → 10/9
    ("reconsideration", D(2025, 8, 5), D(2025, 10, 9)),  # 10/4 → 10/9
    ("payment", D(2026, 2, 5), D(2026, 2, 24)),    # 2/20 春节 → 2/24
    ("payment", D(2026, 9, 20), D(2026, 10, 8)),   # 10/5 国庆 → 10/8
    ("archive", D(2026, 9, 10), D(2026, 10, 10)),  # 10/10 调休 Saturday, stays
    ("decision", D(2026, 7, 3), D(2026, 10, 8)),   # 10/1 → 10/8
    ("supervision_reply", D(2026, 10, 22), D(2026, 11, 23)),  # 11/21 Saturday → Monday 11/23
    ("payment", D(2026, 11, 2), D(2026, 11, 17)),  # ordinary Tuesday
])
def test_calendar_day_periods(rule, start, due):
    assert due_date(rule, start) == due
    assert PERIODS[rule].unit == "days"


@pytest.mark.parametrize("start, due", [
    (D(2025, 8, 31), D(2026, 2, 28)),   # no 2/31 → month end 2/28, a 调休 Saturday: stays
    (D(2025, 8, 15), D(2026, 2, 24)),   # 2/15 春节 → 2/24
    (D(2026, 3, 20), D(2026, 9, 20)),   # a 调休 working Sunday: stays
    (D(2026, 4, 4), D(2026, 10, 8)),    # 10/4 国庆 → 10/8
])
def test_litigation_six_months(start, due):
    assert due_date("litigation", start) == due


def test_add_months_month_end():
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2024, 8, 31), 6) == D(2025, 2, 28)
    assert add_months(D(2026, 7, 15), 6) == D(2027, 1, 15)
    assert add_months(D(2026, 1, 31), 3) == D(2026, 4, 30)


# --- uncovered years are refused, never guessed -----------------------------------------------------

def test_uncovered_year_is_refused_with_chinese_message():
    with pytest.raises(CalendarNotCovered) as err:
        due_date("hearing_request", D(2027, 3, 1))
    assert err.value.year == 2027
    assert "2027 年" in str(err.value) and "wenshu holidays import" in str(err.value)
    with pytest.raises(CalendarNotCovered):
        is_working_day(D(2003, 6, 2))


def test_period_running_into_uncovered_year_is_refused():
    with pytest.raises(CalendarNotCovered):
        due_date("hearing_request", D(2026, 12, 28))   # 12/29–31 are only 3 working days
    assert due_date("statement", D(2026, 12, 28)) == D(2026, 12, 31)
    with pytest.raises(CalendarNotCovered):
        due_date("payment", D(2026, 12, 20))           # ends 2027-01-04: rest day or not is unknown


def test_unknown_rule_lists_known_ones():
    with pytest.raises(UnknownRule) as err:
        due_date("appeal", D(2026, 1, 5))
    assert "hearing_request" in str(err.value) and "听证申请期限" in str(err.value)


# --- administrator tables ---------------------------------------------------------------------

def test_imported_table_covers_its_year():
    cal = WorkCalendar([parse_holiday_table(TABLE_2027)])
    assert cal.covers(2027) and 2027 in cal.covered_years()
    # 2027-02-05 (Fri) + 5 working days: 2/6–12 off, 2/15 2/16 2/17 2/18 2/19
    assert due_date("hearing_request", D(2027, 2, 5), cal) == D(2027, 2, 19)
    assert cal.is_working_day(D(2027, 2, 20)) is True      # 调休 Saturday
    assert cal.is_working_day(D(2027, 2, 8)) is False      # listed holiday on a Monday
    # a period crossing from package data into the imported year
    assert due_date("hearing_request", D(2026, 12, 28), cal) == D(2027, 1, 5)
    with pytest.raises(CalendarNotCovered):
        cal.is_working_day(D(2028, 1, 3))


def test_imported_table_takes_precedence_over_package():
    table = parse_holiday_table({"year": 2026, "holidays": ["2026-11-23"], "workdays": ["2026-11-22"],
                                 "source": "更正通知"})
    cal = WorkCalendar([table])
    assert cal.is_working_day(D(2026, 11, 23)) is False
    assert cal.is_working_day(D(2026, 11, 22)) is True
    # only the table counts for 2026 now: 2026-10-01 is an ordinary Thursday in it
    assert cal.is_working_day(D(2026, 10, 1)) is True
    assert is_working_day(D(2026, 11, 23)) is True          # the package alone is unchanged


@pytest.mark.parametrize("data, words", [
    ([], "JSON 对象"),
    ({**TABLE_2027, "year": "二〇二七"}, "year"),
    ({**TABLE_2027, "year": 1990}, "year"),
    ({**TABLE_2027, "holidays": "2027-01-01"}, "日期列表"),
    ({**TABLE_2027, "holidays": []}, "为空"),
    ({**TABLE_2027, "holidays": ["2027-02-30"]}, "2027-02-30"),
    ({**TABLE_2027, "holidays": ["2026-12-31"]}, "不在 2027 年内"),
    ({**TABLE_2027, "workdays": ["2028-01-08"]}, "不在 2027 年内"),
    ({**TABLE_2027, "workdays": ["2027-02-06"]}, "同时列为"),
    ({**TABLE_2027, "workdays": ["2027-02-17"]}, "周六或周日"),
    ({k: v for k, v in TABLE_2027.items() if k != "source"}, "source"),
])
def test_bad_tables_are_refused_in_chinese(data, words):
    with pytest.raises(HolidayTableError) as err:
        parse_holiday_table(data)
    assert words in str(err.value)


def test_table_round_trips():
    table = parse_holiday_table(TABLE_2027)
    assert parse_holiday_table(table.to_json()) == table


# --- a case's deadlines --------------------------------------------------------------------------

def test_case_deadlines_from_events():
    found = case_deadlines({
        "penalty_notice_delivered": D(2025, 9, 30),
        "decision_delivered": D(2026, 2, 5),
        "unknown_event": D(2026, 1, 1),
    })
    by_rule = {d.rule: d for d in found}
    assert set(by_rule) == {"statement", "hearing_request", "payment", "reconsideration", "litigation"}
    assert by_rule["statement"].due == D(2025, 10, 11)
    assert by_rule["hearing_request"].due == D(2025, 10, 14)
    assert by_rule["payment"].due == D(2026, 2, 24)
    assert by_rule["reconsideration"].due == D(2026, 4, 7)     # 4/6 清明假期 → 4/7
    assert by_rule["litigation"].due == D(2026, 8, 5)
    assert all(isinstance(d, Deadline) for d in found)
    assert [d.due for d in found] == sorted(d.due for d in found)
    assert by_rule["hearing_request"].source == PERIODS["hearing_request"].source
    assert by_rule["hearing_request"].working_days is True and by_rule["payment"].working_days is False


def test_case_deadlines_report_uncovered_ones_without_hiding_others():
    found = case_deadlines({"case_filed": D(2026, 11, 2), "decision_delivered": D(2026, 12, 20)})
    covered = [d for d in found if isinstance(d, Deadline)]
    uncovered = [d for d in found if isinstance(d, UncoveredDeadline)]
    assert [d.rule for d in covered] == []  # decision: 2026-11-02 + 90 = 2027-01-31, uncovered too
    assert {d.rule for d in uncovered} == {"decision", "payment", "reconsideration", "litigation"}
    assert all("2027 年" in d.message for d in uncovered)


def test_every_event_rule_is_a_period():
    for _title, rules in CASE_EVENTS.values():
        assert rules and all(r in PERIODS for r in rules)


def test_configured_period_length():
    # 陈述申辩 configured to 5 working days: 2025-09-30 → 10/9 10/10 10/11 10/13 10/14
    assert due_date("statement", D(2025, 9, 30), amount=5) == D(2025, 10, 14)
    assert due_date("statement", D(2025, 9, 30)) == D(2025, 10, 11)
    found = case_deadlines({"penalty_notice_delivered": D(2025, 9, 30)}, amounts={"statement": 5})
    assert {d.rule: d.due for d in found}["statement"] == D(2025, 10, 14)
    with pytest.raises(ValueError):
        due_date("statement", D(2025, 9, 30), amount=0)
