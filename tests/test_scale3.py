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


# --- the v4 → v5 upgrade: shown before the window, and safe if the app is killed midway ---------------------
def _v4_store(path: Path, docs: int = 24) -> list[tuple]:
    """A version-4 store (every version a whole text in ``answers``); its version rows as written."""
    store = Store(path)
    case = store.create_case("旧案", {"name": "旧公司"})
    for d in range(docs):
        doc = store.add_document(case, "inspection_record", {"process": f"第{d}份" + "检查经过" * 40})
        for i in range(3):
            store.save_document(doc, {"process": f"第{d}份第{i}稿" + "检查经过" * 40 + "补充" * i})
    texts = [(r["document_id"], r["version"], store.version_text(r["document_id"], r["version"]))
             for r in store._query("SELECT document_id, version FROM document_versions ORDER BY id")]
    store.close()
    db = sqlite3.connect(str(path))
    db.execute("DROP TRIGGER document_versions_no_update")
    for doc, v, text in texts:
        db.execute("UPDATE document_versions SET answers=? WHERE document_id=? AND version=?", (text, doc, v))
    db.executescript("ALTER TABLE document_versions DROP COLUMN body; PRAGMA user_version=4;")
    db.close()
    return _raw(path)


def _raw(path: Path) -> list[tuple]:
    db = sqlite3.connect(str(path))
    try:
        return [tuple(r) for r in db.execute("SELECT * FROM document_versions ORDER BY id").fetchall()]
    finally:
        db.close()


def test_a_migration_killed_midway_leaves_the_old_store_intact_and_is_done_at_the_next_start(tmp_path):
    path = tmp_path / "v4.sqlite3"
    rows = _v4_store(path)
    killer = textwrap.dedent("""
        import os, sys
        from wenshu.store import Store

        def progress(done, total):
            if done == total // 2:  # half the documents rewritten, inside the upgrade's transaction
                os._exit(9)

        Store(sys.argv[1], progress=progress)
    """)
    run = subprocess.run([sys.executable, "-c", killer, str(path)], cwd=ROOT, capture_output=True, timeout=120)
    assert run.returncode == 9, run.stderr
    db = sqlite3.connect(str(path))
    assert db.execute("PRAGMA user_version").fetchone()[0] == 4
    db.close()
    assert _raw(path) == rows  # not one version rewritten
    store = Store(path)  # the next start upgrades it
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert [store.version_text(r[1], r[2]) for r in rows] == [r[3] for r in rows]
    assert store.verify_history() == []
    store.close()


def test_the_app_upgrades_an_older_store_before_its_window_showing_how_far_it_is(tmp_path):
    from desktop.app import application, upgrade_store

    application()
    path = tmp_path / "v4.sqlite3"
    rows = _v4_store(path)
    shown = []
    assert upgrade_store(path, shown=lambda d: shown.append((d.isVisible(), d.labelText(), d.windowTitle())))
    assert shown and shown[0][0] and "正在升级案件数据库" in shown[0][1] and "不要关闭" in shown[0][1]
    assert shown[0][2] == "执法文书助手"
    store = Store(path)
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert [store.version_text(r[1], r[2]) for r in rows] == [r[3] for r in rows]
    store.close()
    assert upgrade_store(path, shown=shown.append) is False and len(shown) == 1  # up to date: no window


# --- the case search: a page of a common word from the newest cases, a rare one from its few matches ---------
def test_a_search_page_is_the_same_whether_its_matches_are_common_or_rare(monkeypatch):
    store = Store()
    for i in range(40):
        store.create_case(f"{'王' if i % 2 else '李'}{i:03d}{'煤业' if i % 13 == 0 else '化工'}有限公司案",
                          {"name": f"某{i}公司"})
    monkeypatch.setattr(Store, "SEARCH_RECENT", 6)  # a small store: both ways are taken

    def plain(word: str) -> list[str]:  # every case read, matched and ordered in Python
        cases = sorted(store.list_cases(), key=lambda c: (c["created"], c["id"]), reverse=True)
        return [c["uid"] for c in cases if all(w in c["title"].lower() for w in word.lower().split())]

    for word in ("有限公司", "王", "煤业", "王 煤业", "李01", "无此案"):
        for offset in (0, 2, 5):
            got = [r["uid"] for r in store.case_rows(word, 3, offset)]
            assert got == plain(word)[offset:offset + 3], (word, offset)
