"""Issue 17, round 3: the agency's part of 今日待办 in a few queries whatever the number of cases, and a
migration killed midway leaves the old store as it was.

Behaviour only — the speed goals live in bench/ (``bench/scale.py``), never in a test.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

from wenshu.publication import TAKEDOWN_DUE, TAKEDOWN_SOON, ledger
from wenshu.service import CaseService
from wenshu.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parent.parent
DECISION = json.loads((ROOT / "templates" / "penalty_decision" / "sample.json").read_text(encoding="utf-8"))
SUMMARY = json.loads((ROOT / "templates" / "publication_summary" / "sample.json").read_text(encoding="utf-8"))


def _agency(path: Path, n: int) -> CaseService:
    """``n`` cases, each with an issued 处罚决定书; most published (some long ago), one in five taken down."""
    store = Store(path)
    for i in range(n):
        case = store.create_case(f"第{i}号案", {"name": f"某{i}公司"})
        day = date(2019, 3, 1) + timedelta(days=97 * i)
        number = f"（晋忻神）应急罚〔{day.year}〕{i + 1}号"
        obj = {**DECISION["object"], "type": "person"} if i % 3 == 0 else DECISION["object"]
        doc = store.add_document(case, "penalty_decision", {**DECISION, "number": number, "date": day.isoformat(),
                                                             "object": obj})
        store.record_printed(doc, 1, f"/tmp/{i}.docx", f"FP{i:06d}", "测试", "0" * 64)
        if i % 4 != 3:
            store.add_document(case, "publication_summary", {**SUMMARY, "decision_number": number,
                                                             "publication_date": (day + timedelta(days=5)).isoformat()})
        if i % 5 == 4:
            store.add_event(case, "publication_taken_down", (day + timedelta(days=5 * 365)).isoformat())
    return CaseService(store)


def _statements(service: CaseService, call) -> tuple[list, int]:
    seen: list[str] = []
    service.store._db.set_trace_callback(seen.append)
    try:
        result = call()
    finally:
        service.store._db.set_trace_callback(None)
    return result, len(seen)


def _plain_takedowns(service: CaseService, today: date) -> list[tuple]:
    """公示信息撤除 as the 公示台账 gives it (every issued decision read)."""
    return [(r["case_id"], r["decision_number"], r["takedown"]) for r in ledger(service, today)
            if r["status"] in (TAKEDOWN_SOON, TAKEDOWN_DUE)]


def test_the_agencys_agenda_reads_a_few_queries_not_one_per_case(tmp_path):
    small, big = _agency(tmp_path / "a.sqlite3", 4), _agency(tmp_path / "b.sqlite3", 24)
    today = date(2027, 1, 5)  # the 统计年报 is due too
    for service in (small, big):
        service.settings(), service.calendar()  # read once per service, not per case
    (few, n_small), (many, n_big) = (_statements(s, lambda s=s: s.agency_agenda(today)) for s in (small, big))
    assert n_big == n_small and n_big <= 12, (n_small, n_big)
    assert many[0].rule == "annual_report"
    shown = [(i.case_id, i.title, i.due.isoformat()) for i in many if i.rule == "publication_takedown"]
    plain = _plain_takedowns(big, today)
    assert len(shown) == len(plain) >= 5  # the old decisions not yet taken down, none of those recorded
    assert shown == [(c, f"公示信息撤除（{n}）", d) for c, n, d in plain]
    # the 公示台账 itself is read in a few queries too, whatever the number of cases
    (_rows, l_small), (rows, l_big) = (_statements(s, lambda s=s: ledger(s, today)) for s in (small, big))
    assert l_big == l_small and len(rows) == 24


def test_takedown_reminders_follow_the_recorded_takedown_and_the_day(tmp_path):
    service = _agency(tmp_path / "a.sqlite3", 10)
    for today in (date(2020, 1, 1), date(2024, 3, 1), date(2026, 12, 1), date(2031, 6, 1)):
        shown = [(i.case_id, i.due.isoformat()) for i in service.agency_agenda(today)
                 if i.rule == "publication_takedown"]
        assert shown == [(c, d) for c, _n, d in _plain_takedowns(service, today)]
    first = next(i for i in service.agency_agenda(date(2031, 6, 1)) if i.rule == "publication_takedown")
    service.add_event(first.case_id, "publication_taken_down", "2031-05-30")
    assert first.case_id not in {i.case_id for i in service.agency_agenda(date(2031, 6, 1))}


def test_the_annual_report_item_does_not_read_every_case(tmp_path):
    from wenshu.stats import annual_report_item

    service = _agency(tmp_path / "a.sqlite3", 6)
    seen: list[str] = []
    service.store._db.set_trace_callback(seen.append)
    item = annual_report_item(service.store, date(2027, 1, 5))
    service.store._db.set_trace_callback(None)
    assert item is not None and item.due == date(2027, 1, 10)
    # one row looked at, not every case's facts read and decoded (10,000 cases: seconds)
    assert not [s for s in seen if "FROM cases" in s and "LIMIT" not in s.upper()], seen
    late = CaseService(Store(tmp_path / "new.sqlite3"))
    late.store.create_case("今年的案", {"name": "某公司"})  # created today (2026 or later): no 2025 report
    assert annual_report_item(late.store, date(2026, 1, 5)) is None
