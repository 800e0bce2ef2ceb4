"""Administrator holiday tables in the data folder, and the working calendar built from them.

``chinesecalendar`` knows the State Council schedule up to the year it was released for; for later
years an administrator imports the official notice as a table (format: ``validators.deadlines.
HolidayTable``) with ``wenshu holidays import FILE``. Tables are kept as ``holidays/<year>.json``
under ``wenshu.paths.data_dir()`` and take precedence over the package for their year.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from validators.deadlines import (
    Deadline,
    HolidayTable,
    HolidayTableError,
    UncoveredDeadline,
    WorkCalendar,
    case_deadlines,
    parse_holiday_table,
)
from validators.deadlines import due_date as _due_date
from validators.rulebook import PERIODS
from wenshu.jsonio import InputError, read_json_file, write_json_file
from wenshu.paths import data_dir

log = logging.getLogger(__name__)


def holidays_dir() -> Path:
    return data_dir() / "holidays"


def stored_tables() -> list[HolidayTable]:
    """Every imported table that still reads and checks; a damaged file is skipped with a warning
    (its year is then simply not covered, so deadlines in it are refused rather than guessed)."""
    folder = holidays_dir()
    if not folder.is_dir():
        return []
    tables: list[HolidayTable] = []
    for path in sorted(folder.glob("*.json")):
        try:
            tables.append(parse_holiday_table(read_json_file(path)))
        except (InputError, HolidayTableError) as exc:
            log.warning("节假日表 %s 无法使用，已忽略：%s", path, exc)
    return tables


_CALENDARS: dict[tuple, WorkCalendar] = {}


def _tables_stamp() -> tuple:
    folder = holidays_dir()
    try:
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        return (str(folder), *((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    except OSError:
        return (str(folder), "unreadable")


def load_calendar() -> WorkCalendar:
    """The working calendar in force: the package's schedule plus the imported tables.

    Built once and reused while the imported tables stay as they are (their names, sizes and times),
    so its per-year working-day tables are computed once per process, not per call."""
    stamp = _tables_stamp()
    cal = _CALENDARS.get(stamp)
    if cal is None:
        if len(_CALENDARS) > 8:
            _CALENDARS.clear()
        cal = _CALENDARS[stamp] = WorkCalendar(stored_tables())
    return cal


def import_table(path: str | Path) -> HolidayTable:
    """Check the table in ``path`` and store it for its year (replacing an earlier import of that year).

    Raises ``InputError`` (file unreadable, not JSON) or ``HolidayTableError`` (content), both Chinese.
    """
    table = parse_holiday_table(read_json_file(path))
    write_json_file(holidays_dir() / f"{table.year}.json", table.to_json())
    return table


def status() -> dict[str, Any]:
    """Which years are covered and by what: for ``wenshu holidays status`` and the settings page."""
    cal = load_calendar()
    package = cal.package_years()
    imported = {t.year: t for t in cal.tables.values()}
    return {
        "covered_years": cal.covered_years(),
        "package_years": [package[0], package[-1]] if package else [],
        "imported": [{"year": y, "source": t.source, "holidays": len(t.holidays), "workdays": len(t.workdays)}
                     for y, t in sorted(imported.items())],
    }


def period_amounts() -> dict[str, int]:
    """Period lengths the agency configured in the settings (``"periods": {"statement": 5}``).

    DOMAIN.md §9 makes the 陈述申辩 period configurable; entries naming an unknown rule or not a
    positive whole number are ignored with a warning (the legal default then applies).
    """
    from wenshu.settings import load_settings

    raw = load_settings().get("periods") or {}
    out: dict[str, int] = {}
    if not isinstance(raw, dict):
        log.warning("设置中的期限（periods）应为对象，已使用法定默认期限。")
        return out
    for rule, n in raw.items():
        if rule in PERIODS and isinstance(n, int) and not isinstance(n, bool) and n > 0:
            out[rule] = n
        else:
            log.warning("设置中的期限 %s=%r 无法使用，已使用默认期限。", rule, n)
    return out


def due_date(rule: str, start: date) -> date:
    """``validators.deadlines.due_date`` with the calendar and period settings in force."""
    return _due_date(rule, start, load_calendar(), period_amounts().get(rule))


def deadlines_for_case(events: dict[str, date]) -> list[Deadline | UncoveredDeadline]:
    """A case's deadlines from its dated events, with the calendar and settings in force (desktop app)."""
    return case_deadlines(events, load_calendar(), period_amounts())
