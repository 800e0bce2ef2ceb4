"""Legal deadlines counted the way the law counts them (DOMAIN.md §5, §9).

- The start day is never counted (民事诉讼法 第八十五条第二款 "期间开始的时和日，不计算在期间内").
- Working-day periods (行政处罚法 第八十五条: 二日、三日、五日、七日 are 工作日) count only working days
  of the State Council holiday schedule: weekends and statutory holidays are skipped, and 调休 makeup
  days (a Saturday or Sunday declared a working day) count as working days.
- Calendar-day periods end on the n-th day; when that day is a rest day (weekend or holiday, but not a
  调休 working day) the period ends on the next working day (民事诉讼法 第八十五条第三款).
- Month periods (``litigation``) end on the same day number of the ending month, or the month's last
  day when it has no such day (民法典 第二百零二条), then move off a rest day like calendar-day periods
  (行政诉讼法 第一百零一条 applies 民事诉讼法 to 期间; 民法典 第二百零三条 says the same).

Which days are working days comes from the package ``chinesecalendar`` (years 2004–2026 in 1.11.0)
and from official holiday tables an administrator imports (``wenshu holidays import FILE``), which
take precedence for their year. A date in a year neither covers raises :class:`CalendarNotCovered` —
never a guess. This module does no file I/O: the tables are handed in as a :class:`WorkCalendar`
(``wenshu.holidays.load_calendar()`` builds one from the data folder).
"""

from __future__ import annotations

import calendar as _stdcal
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import chinese_calendar

from validators.datetimes import parse_date
from validators.rulebook import CASE_EVENTS, HOLIDAY_TABLE_YEARS, PERIODS, Period

_PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)
_ONE_DAY = timedelta(days=1)
_PACKAGE_HOLIDAYS = chinese_calendar.holidays
_PACKAGE_WORKDAYS = chinese_calendar.workdays


class CalendarNotCovered(Exception):
    """A date lies in a year whose official holiday schedule is not known; ``str()`` is Chinese."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"尚无 {year} 年的法定节假日安排数据，无法按工作日计算期限。"
            f"请管理员取得国务院办公厅关于 {year} 年部分节假日安排的通知，"
            f"整理为节假日表后运行“wenshu holidays import 文件”导入。"
        )


class UnknownRule(Exception):
    """A deadline rule id that is not in ``rulebook.PERIODS``; ``str()`` is Chinese and lists them."""

    def __init__(self, rule: str):
        self.rule = rule
        known = "、".join(f"{p.rule}（{p.title}）" for p in PERIODS.values())
        super().__init__(f"没有名为“{rule}”的期限规则。可用的规则：{known}。")


class HolidayTableError(ValueError):
    """An administrator's holiday table that cannot be used; ``str()`` is Chinese and says what to fix."""


@dataclass(frozen=True)
class HolidayTable:
    """One year's official schedule: statutory rest days and 调休 makeup working days.

    File format (JSON, UTF-8)::

        {"year": 2027,
         "holidays": ["2027-01-01", ...],        # 放假日期（含与周末重合的放假日）
         "workdays": ["2027-02-06", ...],        # 调休上班日（周六或周日）
         "source": "国务院办公厅关于2027年部分节假日安排的通知"}

    A weekday not listed in ``holidays`` is a working day; a weekend day not listed in ``workdays``
    is a rest day.
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "workdays": [d.isoformat() for d in sorted(self.workdays)],
            "source": self.source,
        }


def _table_dates(data: Mapping, key: str, year: int, label: str) -> frozenset[date]:
    values = data.get(key, [] if key == "workdays" else None)
    if not isinstance(values, list):
        raise HolidayTableError(f"节假日表的“{key}”（{label}）应为日期列表，如 [\"{year}-01-01\"]。")
    out: set[date] = set()
    for i, text in enumerate(values, 1):
        d = parse_date(text)
        if d is None:
            raise HolidayTableError(f"节假日表“{key}”（{label}）第 {i} 项“{text}”不是有效日期，应为 YYYY-MM-DD。")
        if d.year != year:
            raise HolidayTableError(f"节假日表“{key}”（{label}）第 {i} 项 {d.isoformat()} 不在 {year} 年内。")
        out.add(d)
    return frozenset(out)


def parse_holiday_table(data: Any) -> HolidayTable:
    """Check an administrator's holiday table (see :class:`HolidayTable`) and build it.

    Refused with a Chinese :class:`HolidayTableError`: not an object; year missing or implausible;
    dates not ISO, outside the year; a day both rest and working; a 调休上班日 on a weekday (it would
    change nothing, so it is a typing error); no holidays at all; no source.
    """
    if not isinstance(data, Mapping):
        raise HolidayTableError("节假日表应为一个 JSON 对象，含 year、holidays、workdays、source 四项。")
    year = data.get("year")
    low, high = HOLIDAY_TABLE_YEARS
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year.strip())
    if isinstance(year, bool) or not isinstance(year, int) or not low <= year <= high:
        raise HolidayTableError(f"节假日表的“year”应为 {low}–{high} 之间的年份，如 2027。")
    holidays = _table_dates(data, "holidays", year, "放假日期")
    if not holidays:
        raise HolidayTableError(f"节假日表“holidays”（放假日期）为空，请按 {year} 年节假日安排通知填写。")
    workdays = _table_dates(data, "workdays", year, "调休上班日")
    both = sorted(holidays & workdays)
    if both:
        days = "、".join(d.isoformat() for d in both)
        raise HolidayTableError(f"{days} 同时列为放假日期和调休上班日，请核对。")
    weekdays = sorted(d for d in workdays if d.weekday() < 5)
    if weekdays:
        days = "、".join(d.isoformat() for d in weekdays)
        raise HolidayTableError(f"调休上班日应为周六或周日，{days} 是工作日（周一至周五），请核对。")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise HolidayTableError("请在节假日表“source”中写明依据，如“国务院办公厅关于2027年部分节假日安排的通知”。")
    return HolidayTable(year, holidays, workdays, source.strip())


class WorkCalendar:
    """Working days: the packaged schedule plus administrator tables (which win for their year).

    Each year's working days are worked out once, on first use, and kept as a sorted list of day
    ordinals: ``is_working_day`` is a set lookup, and counting or adding working days is a binary search
    per year touched, however far apart the days are (the agenda over ten thousand cases asks this
    hundreds of thousands of times).
    """

    def __init__(self, tables: Iterable[HolidayTable] = ()):
        self.tables: dict[int, HolidayTable] = {t.year: t for t in tables}
        self._years: dict[int, tuple[list[int], frozenset[int]] | None] = {}
        self._covered = sorted(set(_PACKAGE_YEARS) | set(self.tables))
        self._due: dict = {}  # (rule, start, amount) → due day (or the uncovered year): many cases share a start

    def package_years(self) -> list[int]:
        return list(_PACKAGE_YEARS)

    def covered_years(self) -> list[int]:
        return list(self._covered)

    def last_covered_year(self) -> int:
        return self._covered[-1]

    def covers(self, year: int) -> bool:
        return year in self.tables or year in _PACKAGE_YEARS

    def _year(self, year: int) -> tuple[list[int], frozenset[int]]:
        """The year's working days (sorted ordinals and their set); raises if the year is not covered."""
        try:
            found = self._years[year]
        except KeyError:
            found = None
            if self.covers(year):
                first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
                days = [o for o in range(first, last + 1) if self._rule(date.fromordinal(o))]
                found = (days, frozenset(days))
            self._years[year] = found
        if found is None:
            raise CalendarNotCovered(year)
        return found

    def _rule(self, day: date) -> bool:
        table = self.tables.get(day.year)
        if table is not None:
            return day in table.workdays or (day.weekday() < 5 and day not in table.holidays)
        # chinese_calendar.is_workday's own rule, without its check of the date's range, which walks the
        # whole holiday table on every call (the year is known to be covered here)
        return day in _PACKAGE_WORKDAYS or (day.weekday() < 5 and day not in _PACKAGE_HOLIDAYS)

    def is_working_day(self, day: date) -> bool:
        """True on Monday–Friday that are not holidays and on 调休 makeup days; raises if uncovered."""
        day = _as_date(day)
        return day.toordinal() in self._year(day.year)[1]

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        day = _as_date(day)
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted); n ≥ 0."""
        if n < 0:
            raise ValueError("n must be ≥ 0")
        start = _as_date(start)
        if n == 0:
            return start
        after, remaining = start.toordinal(), n
        year = date.fromordinal(after + 1).year
        while True:
            days = self._year(year)[0]
            i = bisect_right(days, after)
            if len(days) - i >= remaining:
                return date.fromordinal(days[i + remaining - 1])
            remaining -= len(days) - i
            year += 1

    def working_days_between(self, after: date, upto: date) -> int:
        """How many working days fall after ``after`` up to and including ``upto`` (0 when ``upto`` is not
        later); raises :class:`CalendarNotCovered` for the first uncovered year in between."""
        after, upto = _as_date(after), _as_date(upto)
        if upto <= after:
            return 0
        a, b = after.toordinal(), upto.toordinal()
        total = 0
        for year in range(date.fromordinal(a + 1).year, upto.year + 1):
            days = self._year(year)[0]
            total += bisect_right(days, b) - bisect_right(days, a)
        return total


#: The calendar used when none is given: the packaged schedule only.
PACKAGE_CALENDAR = WorkCalendar()


def _as_date(day: date | datetime) -> date:
    return day.date() if isinstance(day, datetime) else day


def is_working_day(day: date, calendar: WorkCalendar | None = None) -> bool:
    """Whether ``day`` is a working day (调休 makeup days included); raises :class:`CalendarNotCovered`."""
    return (calendar or PACKAGE_CALENDAR).is_working_day(day)


def add_working_days(start: date, n: int, calendar: WorkCalendar | None = None) -> date:
    """The n-th working day after ``start``, the start day not counted."""
    return (calendar or PACKAGE_CALENDAR).add_working_days(start, n)


def add_months(start: date, months: int) -> date:
    """Same day number ``months`` later; the month's last day when it has none (民法典 第二百零二条)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _stdcal.monthrange(year, month)[1]))


def period(rule: str) -> Period:
    """The period of ``rule``; raises :class:`UnknownRule` (Chinese message listing the known ones)."""
    try:
        return PERIODS[rule]
    except KeyError:
        raise UnknownRule(rule) from None


def due_date(rule: str, start: date, calendar: WorkCalendar | None = None, amount: int | None = None) -> date:
    """Last day of the period ``rule`` that starts on ``start`` (the start day is not counted).

    ``amount`` replaces the period's number where the agency configures it (e.g. ``statement``: 3 working
    days by default). Raises :class:`UnknownRule` or :class:`CalendarNotCovered`.
    """
    cal = calendar or PACKAGE_CALENDAR
    memo = getattr(cal, "_due", None)
    if memo is not None:
        key = (rule, start, amount)
        hit = memo.get(key)
        if hit is None:
            try:
                hit = memo[key] = _due_date(rule, start, cal, amount)
            except CalendarNotCovered as exc:
                hit = memo[key] = exc
        if isinstance(hit, CalendarNotCovered):
            raise CalendarNotCovered(hit.year)
        return hit
    return _due_date(rule, start, cal, amount)


def _due_date(rule: str, start: date, cal: WorkCalendar, amount: int | None) -> date:
    p = period(rule)
    n = p.amount if amount is None else amount
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"period amount must be a positive int, got {n!r}")
    start = _as_date(start)
    if start.year > cal.last_covered_year():  # every later day is uncovered too (and far years overflow)
        raise CalendarNotCovered(start.year)
    if p.unit == "working_days":
        return cal.add_working_days(start, n)
    if p.unit == "days":
        return cal.next_working_day(start + timedelta(days=n))
    if p.unit == "months":
        return cal.next_working_day(add_months(start, n))
    raise ValueError(f"unknown unit {p.unit!r} of rule {rule!r}")


@dataclass(frozen=True)
class Deadline:
    """One deadline of a case: what it is, from which event it runs, when it falls, and why."""

    rule: str
    title: str
    event: str
    start: date
    due: date
    working_days: bool
    source: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "title": self.title, "event": self.event, "start": self.start.isoformat(),
                "due": self.due.isoformat(), "working_days": self.working_days, "source": self.source}


@dataclass(frozen=True)
class UncoveredDeadline:
    """A deadline that cannot be computed because its dates fall in an uncovered year."""

    rule: str
    title: str
    event: str
    start: date
    message: str


def case_deadlines(
    events: Mapping[str, date], calendar: WorkCalendar | None = None, amounts: Mapping[str, int] | None = None
) -> list[Deadline | UncoveredDeadline]:
    """Every deadline the dated ``events`` of a case start (``rulebook.CASE_EVENTS``), earliest first.

    ``events`` maps event keys (``case_filed``, ``penalty_notice_delivered``, ``decision_delivered`` …)
    to dates; unknown keys and ``None`` dates are ignored; ``amounts`` are configured period lengths
    (see :func:`due_date`). A deadline whose dates lie in a year without
    holiday data comes back as :class:`UncoveredDeadline` with the Chinese message, so one uncovered
    year does not hide the other deadlines.
    """
    out: list[Deadline | UncoveredDeadline] = []
    started: set[str] = set()  # one deadline per rule: the first event in CASE_EVENTS order that is dated
    for event, (_event_title, rules) in CASE_EVENTS.items():
        start = events.get(event)
        if start is None:
            continue
        start = _as_date(start)
        for rule in rules:
            if rule in started:
                continue
            started.add(rule)
            p = PERIODS[rule]
            try:
                due = due_date(rule, start, calendar, (amounts or {}).get(rule))
            except CalendarNotCovered as exc:
                out.append(UncoveredDeadline(rule, p.title, event, start, str(exc)))
                continue
            out.append(Deadline(rule, p.title, event, start, due, p.unit == "working_days", p.source))
    out.sort(key=lambda d: (getattr(d, "due", date.max), d.rule))
    return out
