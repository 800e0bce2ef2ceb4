"""The 公示台账 and 今日待办's 公示信息撤除 from the store's per-case cache (issue 17): the same rows as reading every
case's documents, after every kind of change a clerk makes — a decision printed, a 公示摘要 added or corrected, a
takedown recorded, a decision 作废 — and a second ledger decodes no document."""

from __future__ import annotations

import copy
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from archive_helpers import NOW, REVIEW_FORMS, answers, build_case
from test_case_cli_scripted import NEW_CASE, SCRIPT

from wenshu.publication import ledger, takedown_items
from wenshu.service import CaseService
from wenshu.store import FILE_NAME, Store

DAYS = (date(2026, 11, 25), date(2026, 12, 2), date(2028, 11, 10), date(2031, 11, 1), date(2031, 12, 1))


def _without_cache(read, service: CaseService, today: date) -> list:
    """``read(service, today)`` from the documents, as without the cache."""
    store = service.store
    saved = store._publication_cache_ok
    store._publication_cache_ok = False
    try:
        return read(service, today)
    finally:
        store._publication_cache_ok = saved


def _uncached(service: CaseService, today: date) -> list[dict]:
    return _without_cache(ledger, service, today)


def _same_everywhere(service: CaseService) -> None:
    for day in DAYS:
        assert ledger(service, day) == _uncached(service, day), day
        assert [i.to_json() for i in takedown_items(service, day)] == [
            i.to_json() for i in _without_cache(takedown_items, service, day)], day


@pytest.fixture
def service(tmp_path: Path):
    svc = CaseService(Store(tmp_path / "home" / FILE_NAME), clock=lambda: NOW)
    yield svc
    svc.close()


def test_the_cached_ledger_follows_every_change_of_the_cases(service, tmp_path):
    gen = tmp_path / "gen"
    a, _docs = build_case(service, gen)
    _same_everywhere(service)
    rows = ledger(service, date(2026, 11, 25))
    assert [r["case_id"] for r in rows] == [a] and rows[0]["status"] == "待公示"

    # a second case's decision: a draft is not in the ledger; printed, it is (printing alone changes the case)
    b = service.new_case(copy.deepcopy(NEW_CASE))
    for name in ("case_filing", "inspection_record#1", "penalty_notice"):
        service.generate(service.add_document(b, name.split("#")[0], answers(name.split("#")[0], **SCRIPT[name])),
                         out_dir=gen)
    decision = service.add_document(b, "penalty_decision", answers("penalty_decision", **SCRIPT["penalty_decision"]))
    for kind in (*REVIEW_FORMS, "collective_discussion"):
        service.generate(service.add_document(b, kind, answers(kind, **SCRIPT[kind])), out_dir=gen)
    assert {r["case_id"] for r in ledger(service, date(2026, 11, 25))} == {a}
    service.generate(decision, out_dir=gen)
    assert {r["case_id"] for r in ledger(service, date(2026, 11, 25))} == {a, b}
    _same_everywhere(service)

    # published: the 公示日期 moves it to 公示中, then to 即将撤除 five years on
    number = {r["case_id"]: r for r in ledger(service, date(2026, 11, 25))}[a]["decision_number"]
    summary = service.add_document(a, "publication_summary", answers(
        "publication_summary", decision_number=number, decision_date="2026-11-20", publication_date="2026-11-25",
        publication_due="2026-12-01", takedown_date="2031-11-25"))
    assert {r["case_id"]: r for r in ledger(service, date(2026, 12, 2))}[a]["status"] == "公示中"
    assert [i.case_id for i in takedown_items(service, date(2031, 11, 1))] == [a]
    _same_everywhere(service)

    # the 公示日期 corrected: the takedown moves with it
    service.save(summary, {**service.document(summary)["answers"], "publication_date": "2026-11-26"})
    assert {r["case_id"]: r for r in ledger(service, date(2026, 12, 2))}[a]["takedown"] == "2031-11-26"
    _same_everywhere(service)

    # the takedown recorded: 已撤除, and no reminder any more
    service.add_event(a, "publication_taken_down", "2031-11-25")
    assert {r["case_id"]: r for r in ledger(service, date(2031, 12, 1))}[a]["status"] == "已撤除"
    assert takedown_items(service, date(2031, 11, 1)) == []
    _same_everywhere(service)

    # the second decision 作废: out of the ledger
    service.withdraw(decision, "重复录入")
    assert {r["case_id"] for r in ledger(service, date(2026, 11, 25))} == {a}
    _same_everywhere(service)


def test_a_second_ledger_reads_only_the_cases_changed_since(service, tmp_path, monkeypatch):
    a, _docs = build_case(service, tmp_path / "gen")
    first = ledger(service, date(2026, 11, 25))

    def no_reading(*_a, **_k):
        raise AssertionError("a document was read again")

    monkeypatch.setattr(service.store, "version_answers_of", no_reading)
    monkeypatch.setattr(service.store, "publication_cases", no_reading)
    assert ledger(service, date(2026, 11, 25)) == first
    monkeypatch.undo()
    service.add_event(a, "publication_taken_down", "2026-11-30")  # the case changed: read again
    assert ledger(service, date(2026, 12, 1))[0]["status"] == "已撤除"


def test_a_store_from_before_the_cache_gets_it_at_the_next_start(tmp_path):
    home = tmp_path / "home"
    service = CaseService(Store(home / FILE_NAME), clock=lambda: NOW)
    build_case(service, tmp_path / "gen")
    expected = _uncached(service, date(2026, 11, 25))
    service.close()
    db = sqlite3.connect(home / FILE_NAME)
    db.execute("DROP TABLE publication_cache")
    db.execute("DROP TRIGGER rev_printed")
    db.commit()
    db.close()
    again = CaseService(Store(home / FILE_NAME), clock=lambda: NOW)
    try:
        assert again.store._publication_cache_ok
        assert ledger(again, date(2026, 11, 25)) == expected
        cached = sqlite3.connect(home / FILE_NAME).execute(
            "SELECT count(*) FROM publication_cache WHERE data != ''").fetchone()[0]
        assert cached == 1
    finally:
        again.close()


def test_a_printed_record_alone_marks_the_case_changed(service, tmp_path):
    """A decision becomes issued when it is printed: the cache of its case is read again even when nothing
    else of the case changed (a second print of the same version)."""
    a, docs = build_case(service, tmp_path / "gen")
    store = service.store
    doc_row = store._query("SELECT id, case_id, version FROM documents WHERE uid=?", (docs["penalty_decision"],))[0]
    before = store._query("SELECT rev FROM cases WHERE id=?", (doc_row["case_id"],))[0]["rev"]
    store.record_printed(doc_row["id"], doc_row["version"], tmp_path / "again.docx", "ABCD-ABCD-ABCD-ABCD",
                         sha256="0" * 64, who="测试")
    after = store._query("SELECT rev FROM cases WHERE id=?", (doc_row["case_id"],))[0]["rev"]
    assert after == before + 1


def test_a_cache_in_another_programs_form_is_not_an_error(tmp_path):
    """Derived data written by another version of the program (another shape of the table) never stops the
    ledger: it is read from the documents."""
    home = tmp_path / "home"
    service = CaseService(Store(home / FILE_NAME), clock=lambda: NOW)
    build_case(service, tmp_path / "gen")
    expected = _uncached(service, date(2026, 11, 25))
    service.close()
    db = sqlite3.connect(home / FILE_NAME)
    db.execute("ALTER TABLE publication_cache RENAME COLUMN first_org TO first_organisation")
    db.commit()
    db.close()
    again = CaseService(Store(home / FILE_NAME), clock=lambda: NOW)
    try:
        assert ledger(again, date(2026, 11, 25)) == expected  # the table is made again at open
        again.store._db.execute("ALTER TABLE publication_cache RENAME COLUMN first_person TO someone")
        assert ledger(again, date(2026, 11, 25)) == expected  # changed under a running program
    finally:
        again.close()
