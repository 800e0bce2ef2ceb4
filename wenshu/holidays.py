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


def load_calendar() -> WorkCalendar:
    """The working calendar in force: the package's schedule plus the imported tables."""
    return WorkCalendar(stored_tables())


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


def due_date(rule: str, start: date) -> date:
    """``validators.deadlines.due_date`` with the calendar in force (imported tables included)."""
    return _due_date(rule, start, load_calendar())


def deadlines_for_case(events: dict[str, date]) -> list[Deadline | UncoveredDeadline]:
    """A case's deadlines from its dated events, with the calendar in force (for the desktop app)."""
    return case_deadlines(events, load_calendar())
