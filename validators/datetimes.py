"""Dates and times as the documents use them: ISO local values in the answers, Chinese on paper.

Answers hold ``YYYY-MM-DD`` dates and ``YYYY-MM-DDTHH:MM`` local date-times (DOMAIN.md §3, §9);
paper shows ``2026年11月20日`` and ``2026年11月20日9时30分`` — Arabic numerals without zero padding
(GB/T 9704-2012 §7.3.5.4).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from validators.findings import Finding, finding, pointer
from validators.registry import field_check, is_blank

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: ``:00`` seconds are tolerated (what scripts write for a whole minute, e.g. ``datetime.isoformat()``);
#: any other seconds are finer than the records are kept and are refused.
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?$")


def parse_date(text: object) -> date | None:
    """``"2026-11-20"`` → date; anything else (wrong shape, impossible day) → None."""
    if not isinstance(text, str):
        return None
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_datetime(text: object) -> datetime | None:
    """``"2026-11-20T09:30"`` (to the minute, local; ``"…T09:30:00"`` too) → datetime; anything else → None."""
    if not isinstance(text, str):
        return None
    m = _DATETIME.match(text.strip())
    if not m:
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))
    except ValueError:
        return None


def date_cn(value: date | datetime | str | None) -> str:
    """``2026年11月5日``; an empty or unreadable value gives ``"    年  月  日"`` (a blank to fill by hand)."""
    if isinstance(value, str):
        value = parse_datetime(value) or parse_date(value)
    if not isinstance(value, (date, datetime)):
        return "    年  月  日"
    return f"{value.year}年{value.month}月{value.day}日"


def datetime_cn(value: datetime | str | None) -> str:
    """``2026年11月20日9时30分``; blank form when missing."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        return "    年  月  日  时  分"
    return f"{value.year}年{value.month}月{value.day}日{value.hour}时{value.minute:02d}分"


def time_cn(value: datetime | str | None) -> str:
    """``11时00分`` (the end of a record on the same day)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        return "  时  分"
    return f"{value.hour}时{value.minute:02d}分"


@field_check("date")
def check_date(value: object, path: str, context=None) -> list[Finding]:
    """A date field: ``YYYY-MM-DD`` and a real calendar day."""
    if parse_date(value) is None:
        return [finding(path, "date.format", "日期格式应为“年-月-日”，如 2026-11-20，且须为实际存在的日期。")]
    return []


@field_check("datetime")
def check_datetime(value: object, path: str, context=None) -> list[Finding]:
    """A date-time field: ``YYYY-MM-DDTHH:MM`` (to the minute, local time)."""
    if parse_datetime(value) is None:
        return [finding(path, "datetime.format", "时间格式应为“年-月-日T时:分”，如 2026-11-20T09:30，精确到分钟。")]
    return []


def dates_of(answers: dict, keys: dict[str, str]) -> tuple[dict[str, date], list[Finding]]:
    """Parse the date fields ``keys`` (key → Chinese title); unreadable ones become errors."""
    out: dict[str, date] = {}
    found: list[Finding] = []
    for key, title in keys.items():
        value = answers.get(key)
        if is_blank(value):
            continue
        day = parse_date(value)
        if day is None:
            found.append(finding(pointer(key), "date.format", f"「{title}」应为日期，如 2026-11-25。"))
        else:
            out[key] = day
    return out, found
