"""Issue 17 (an agency's real size): the fast paths give exactly what the plain ones give.

Behaviour only — the speed goals live in bench/ (``bench/scale.py``), never in a test.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import date, timedelta

from holiday_tables import TABLE_2027

from validators.deadlines import CalendarNotCovered, WorkCalendar, parse_holiday_table
from wenshu.agenda import upcoming_from_store
from wenshu.service import CaseService, LiveDocuments
from wenshu.store import SCHEMA_VERSION, Store, default_path

TODAY = date(2026, 11, 20)


def _per_case(service: CaseService, today: date) -> list:
    """The agenda the old way: every case, one by one, through the store's per-case reads."""
    uid = {c["id"]: c["uid"] for c in service.store.list_cases()}
    return [dataclasses.replace(i, case_id=uid[i.case_id])
            for i in upcoming_from_store(LiveDocuments(service.store), today)]


def _cases(service: CaseService, n: int) -> list[str]:
    ids = []
    for i in range(n):
        case = service.new_case({"title": f"第{i}号案", "party": {"name": f"某{i}公司"}})
        day = (TODAY - timedelta(days=3 * i)).isoformat()
        notice = service.add_document(case, "penalty_notice", {"date": day})
        if i % 3 == 0:
            service.add_event(case, "done:statement", day)
        if i % 4 == 1:
            service.withdraw(notice, "重新制作")
        if i % 5 == 2:
            service.add_event(case, "penalty_notice_delivered", day)
        ids.append(case)
    return ids


def test_the_agenda_over_every_case_equals_the_agenda_case_by_case():
    service = CaseService(Store())
    ids = _cases(service, 14)
    first = service.agenda(TODAY)
    assert first == _per_case(service, TODAY) and first
    assert service.agenda(TODAY) == first  # again, from the per-case cache
    # a change to one case (a new date, a withdrawn document, a dated event) is seen at once
    doc = service.show(ids[0])["documents"][0]["document_id"]
    service.save(doc, {**service.document(doc)["answers"], "date": (TODAY - timedelta(days=1)).isoformat()})
    service.add_event(ids[2], "done:hearing_request", TODAY.isoformat())
    service.update_case(ids[3], title="改名后的案件")
    again = service.agenda(TODAY)
    assert again == _per_case(service, TODAY) and again != first
    assert any(i.case_title == "改名后的案件" for i in again)
    for later in (TODAY + timedelta(days=9), TODAY - timedelta(days=30)):
        assert service.agenda(later) == _per_case(service, later)


def test_the_agenda_survives_a_damaged_answer_as_the_plain_path_does():
    service = CaseService(Store())
    _cases(service, 4)
    db = sqlite3.connect(str(default_path()))
    db.execute("DROP TRIGGER IF EXISTS rev_document_changed")
    db.execute("UPDATE documents SET answers='{not json' WHERE id=(SELECT min(id) FROM documents)")
    db.commit()
    db.close()
    service = CaseService(Store())
    assert service.agenda(TODAY) == _per_case(service, TODAY)


def test_case_search_finds_by_party_number_and_date_a_page_at_a_time():
    store = Store()
    first = store.create_case("甲案", {"name": "某煤业有限公司", "uscc": "91110000600037341L"},
                              {"case_number": "（晋忻神）应急立〔2026〕3号"})
    second = store.create_case("乙案", {"name": "王某"})
    assert [c["id"] for c in store.list_cases("91110000600037341l")] == [first]
    assert [c["id"] for c in store.list_cases("应急立〔2026〕3号")] == [first]
    assert [c["id"] for c in store.list_cases("王某 乙")] == [second]
    assert store.list_cases("100%") == [] and store.list_cases("_") == []  # LIKE's wildcards are text here
    store.update_case(second, party={"name": "赵某"})
    assert store.list_cases("王某") == [] and [c["id"] for c in store.list_cases("赵某")] == [second]
    month = date.today().isoformat()[:7]
    assert store.count_cases(month) == 2
    for i in range(5):
        store.create_case(f"丙案{i}", {"name": "同名公司"})
    page = store.case_rows("同名", limit=2, offset=2)
    assert [r["title"] for r in page] == ["丙案2", "丙案1"] and page[0]["party_name"] == "同名公司"


def test_an_imported_case_is_found_by_the_search(tmp_path):
    service = CaseService(Store())
    case = service.new_case({"title": "导出案", "party": {"name": "某导出公司"}})
    path = service.export_case(case, tmp_path / "case.json")
    other = CaseService(Store(tmp_path / "other.sqlite3"))
    other.import_cases([path])
    assert [c["title"] for c in other.list_cases("导出公司")] == ["导出案"]


def test_the_autosaves_of_one_editing_session_add_at_most_two_versions():
    service = CaseService(Store())
    store = service.store
    case = service.new_case({"title": "案", "party": {"name": "某公司"}})
    doc = service.add_document(case, "inspection_record")
    row = store.ids_starting("documents", doc)[0][0]
    answers = service.document(doc)["answers"]
    for i in range(30):  # thirty autosaves while typing
        service.autosave(doc, {**answers, "process": "现场" + "查" * i})
        assert store.get_document(row)["answers"]["process"] == "现场" + "查" * i  # the content is saved at once
    assert len(store.versions(row)) == 2  # created, then the session's first autosave
    service.end_session(doc)
    versions = store.versions(row)
    assert len(versions) == 3 and versions[-1]["answers"]["process"] == "现场" + "查" * 29
    service.end_session(doc)  # nothing new to keep
    assert len(store.versions(row)) == 3
    service.save(doc, {**answers, "process": "明确保存"})  # an explicit save is a version of its own
    assert store.versions(row)[-1]["answers"]["process"] == "明确保存"
    assert store.verify_history() == []


def test_a_session_left_open_by_a_crash_becomes_a_version_at_the_next_start():
    service = CaseService(Store())
    case = service.new_case({"title": "案", "party": {"name": "某公司"}})
    doc = service.add_document(case, "inspection_record")
    answers = service.document(doc)["answers"]
    service.autosave(doc, {**answers, "process": "一"})
    service.autosave(doc, {**answers, "process": "一二"})
    service.close()  # killed: the session never ended
    service = CaseService(Store())
    row = service.store.ids_starting("documents", doc)[0][0]
    assert service.store.open_sessions() == [row]
    assert service.end_open_sessions() == 1
    assert service.store.versions(row)[-1]["answers"]["process"] == "一二"
    assert service.store.open_sessions() == []


def test_a_long_pause_ends_the_session_on_the_next_keystroke(monkeypatch):
    import wenshu.store as store_module

    service = CaseService(Store())
    case = service.new_case({"title": "案", "party": {"name": "某公司"}})
    doc = service.add_document(case, "inspection_record")
    row = service.store.ids_starting("documents", doc)[0][0]
    answers = service.document(doc)["answers"]
    service.autosave(doc, {**answers, "process": "上午"})
    service.autosave(doc, {**answers, "process": "上午写完"})
    monkeypatch.setattr(store_module, "SESSION_PAUSE_SECONDS", -1)  # as if the clerk went to lunch
    service.autosave(doc, {**answers, "process": "下午"})
    texts = [v["answers"].get("process") for v in service.store.versions(row)]
    assert texts[-2:] == ["上午写完", "下午"]


def test_generating_keeps_the_printed_version_after_autosaves(tmp_path):
    service = CaseService(Store())
    case = service.new_case({"title": "案", "party": {"name": "某公司"}})
    doc = service.add_document(case, "inspection_record")
    sample = service.document(doc)["answers"]
    from templates.kinds import get_kind

    answers = {**get_kind("inspection_record").sample(), **{k: v for k, v in sample.items() if v}}
    service.autosave(doc, answers)
    service.autosave(doc, {**answers, "process": answers.get("process", "") + "。"})
    try:
        result = service.generate(doc, out_dir=tmp_path)
    except Exception:  # the sample may need more for this kind here: the versions are what is checked
        return
    row = service.store.ids_starting("documents", doc)[0][0]
    assert service.store.version_answers(row, result["version"]) is not None
    assert service.store.open_sessions() == []


def test_a_version_3_store_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite3"
    store = Store(path)
    case = store.create_case("旧案", {"name": "旧公司"})
    store.add_document(case, "inspection_record", {"process": "旧内容"})
    store.close()
    db = sqlite3.connect(str(path))  # back to what a version-3 file looks like
    db.executescript("DROP TABLE case_search; DROP TABLE agenda_cache; DROP INDEX events_case;"
                     "DROP INDEX printed_document; DROP INDEX cases_created; DROP INDEX documents_session;"
                     "DROP TRIGGER rev_document_added; DROP TRIGGER rev_document_changed;"
                     "DROP TRIGGER rev_document_removed; DROP TRIGGER rev_case_changed;"
                     "DROP TRIGGER rev_event_added; DROP TRIGGER rev_event_changed; DROP TRIGGER rev_event_removed;"
                     "DROP TRIGGER rev_printed; DROP TABLE publication_cache;"  # derived: made at open since v5
                     "ALTER TABLE documents DROP COLUMN session; ALTER TABLE cases DROP COLUMN rev;"
                     "PRAGMA user_version=3;")
    db.close()
    store = Store(path)
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert [c["title"] for c in store.list_cases("旧公司")] == ["旧案"]
    assert store.verify_history() == []


def test_the_cached_calendar_counts_as_the_day_by_day_rule():
    cal = WorkCalendar([parse_holiday_table(TABLE_2027)])
    plain = WorkCalendar([parse_holiday_table(TABLE_2027)])

    def slow_is_working(d):
        return plain._rule(d)

    start = date(2025, 12, 20)
    for offset in range(0, 420, 7):
        a = start + timedelta(days=offset)
        for n in (0, 1, 3, 15, 40):
            day, counted = a, 0
            while counted < n:
                day += timedelta(days=1)
                counted += slow_is_working(day)
            assert cal.add_working_days(a, n) == day
        b = a + timedelta(days=45)
        expected = sum(slow_is_working(a + timedelta(days=k)) for k in range(1, 46))
        assert cal.working_days_between(a, b) == expected
    try:
        cal.add_working_days(date(2027, 12, 20), 30)
    except CalendarNotCovered as exc:
        assert exc.year == 2028
    else:
        raise AssertionError("2028 is not covered")


def test_the_registry_counts_each_sequence_in_one_query():
    from wenshu.registry import ImportRow, open_store

    registry = open_store()
    registry.import_existing([ImportRow(number=f"（晋忻神）应急罚〔2026〕{n}号") for n in (1, 2, 5)]
                             + [ImportRow(number="（晋忻神）应急立〔2025〕7号")])
    counts = registry.sequence_counts()
    assert counts == {key: len(registry.records(*key)) for key in registry.sequences()}
    registry.close()


def test_an_export_during_an_editing_session_carries_its_last_content(tmp_path):
    service = CaseService(Store())
    case = service.new_case({"title": "案", "party": {"name": "某公司"}})
    doc = service.add_document(case, "inspection_record")
    answers = service.document(doc)["answers"]
    service.autosave(doc, {**answers, "process": "第一稿"})
    service.autosave(doc, {**answers, "process": "第一稿，又改了"})
    path = service.export_case(case, tmp_path / "case.json")
    other = CaseService(Store(tmp_path / "other.sqlite3"))
    other.import_cases([path])
    assert other.document(doc)["answers"]["process"] == "第一稿，又改了"


# --- compact versions (issue 17): deltas and compressed snapshots, the chain over the full text -------------

def _big_answers(items: int = 60) -> dict:
    return {"process": "执法人员出示执法证件，告知在场人员依法享有的权利。" * 20,
            "items": [{"fact": f"第{i}项：12采区回风巷局部通风机未实现“三专两闭锁”，违反《煤矿安全规程》第{i}条。",
                       "amount": 1000 * i} for i in range(items)]}


def _version_bytes(store: Store) -> int:
    return store._query("SELECT sum(length(CAST(answers AS BLOB)) + ifnull(length(body), 0))"
                        " FROM document_versions")[0][0]


def test_forty_editing_sessions_of_a_big_document_store_far_less_than_forty_copies():
    service = CaseService(Store())
    store = service.store
    case = service.new_case({"title": "案", "party": {"name": "某公司"}})
    doc = service.add_document(case, "inspection_record")
    row = store.ids_starting("documents", doc)[0][0]
    answers = _big_answers()
    saved = []
    for session in range(40):
        answers = {**answers, "process": answers["process"] + f"第{session}次补充。"}
        for keystroke in range(3):
            service.autosave(doc, {**answers, "note": "补" * keystroke})
        service.end_session(doc)
        saved.append({**answers, "note": "补" * 2})
    whole = len(json.dumps(answers, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    versions = store.versions(row)
    assert len(versions) >= 41
    assert _version_bytes(store) < 3 * whole  # forty full copies would be 40×
    # every version is readable, exactly as saved, and restorable
    assert versions[-1]["answers"] == saved[-1] and not any(v["damaged"] for v in versions)
    assert [v["answers"] for v in versions if v["answers"] in saved] == saved
    for v in versions:
        assert store.version_answers(row, v["version"]) == v["answers"]
    assert store.verify_history() == []
    old = versions[5]
    service.restore(doc, old["version"])
    assert service.document(doc)["answers"] == old["answers"]


def test_a_changed_difference_or_swapped_versions_are_found():
    store = Store()
    case = store.create_case("案", {"name": "某公司"})
    doc = store.add_document(case, "inspection_record", _big_answers(5))
    for i in range(4):
        store.save_document(doc, {**_big_answers(5), "process": f"第{i}稿"})
    assert store.verify_history() == []
    db = sqlite3.connect(str(default_path()))
    db.execute("DROP TRIGGER document_versions_no_update")
    bodies = db.execute("SELECT id, body FROM document_versions WHERE document_id=? ORDER BY version",
                        (doc,)).fetchall()
    damaged = bytes(bodies[2][1][:-1]) + bytes([bodies[2][1][-1] ^ 0x55])
    db.execute("UPDATE document_versions SET body=? WHERE id=?", (damaged, bodies[2][0]))
    db.commit()
    problems = Store().verify_history()
    assert {p["id"] for p in problems if p["code"] == "history.row_altered"} >= {bodies[2][0]}
    db.execute("UPDATE document_versions SET body=? WHERE id=?", (bodies[2][1], bodies[2][0]))
    db.execute("UPDATE document_versions SET body=? WHERE id=?", (bodies[4][1], bodies[3][0]))  # reordered
    db.execute("UPDATE document_versions SET body=? WHERE id=?", (bodies[3][1], bodies[4][0]))
    db.commit()
    db.close()
    assert {p["id"] for p in Store().verify_history()} >= {bodies[3][0], bodies[4][0]}


def test_a_version_4_store_is_compacted_with_its_texts_and_chain_unchanged(tmp_path):
    path = tmp_path / "v4.sqlite3"
    store = Store(path)
    case = store.create_case("旧案", {"name": "旧公司"})
    doc = store.add_document(case, "inspection_record", _big_answers())
    for i in range(20):
        store.save_document(doc, {**_big_answers(), "process": f"第{i}稿" + "补充" * i})
    texts = [store.version_text(doc, v) for v in range(1, 22)]
    store.close()
    db = sqlite3.connect(str(path))  # back to a version-4 file: every version a whole text in `answers`
    hashes = db.execute("SELECT id, row_hash, prev_hash FROM document_versions ORDER BY id").fetchall()
    db.execute("DROP TRIGGER document_versions_no_update")
    for v, text in enumerate(texts, 1):
        db.execute("UPDATE document_versions SET answers=? WHERE document_id=? AND version=?", (text, doc, v))
    db.executescript("ALTER TABLE document_versions DROP COLUMN body; PRAGMA user_version=4; VACUUM;")
    db.close()
    before = path.stat().st_size
    store = Store(path)
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert [store.version_text(doc, v) for v in range(1, 22)] == texts
    assert [tuple(r) for r in store._query("SELECT id, row_hash, prev_hash FROM document_versions ORDER BY id")] == hashes
    assert store._query("SELECT count(*) FROM document_versions WHERE answers != ''")[0][0] == 0
    assert store.verify_history() == []
    store.close()
    assert path.stat().st_size < before
    db = sqlite3.connect(str(path))
    with __import__("pytest").raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE document_versions SET body=NULL WHERE id=1")
    db.close()


# --- a light start: the first window is drawn before the rendering stack and the rule tables load --------

_HEAVY = ("docx", "docxtpl", "jinja2", "lxml", "jsonschema", "validators.engine", "templates.render",
          "validators.law", "validators.major")


def test_nothing_of_the_rendering_stack_or_the_rule_tables_is_imported_before_the_first_window(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from desktop.app import application, open_main_window\n"
            "app = application(); w = open_main_window(quick_start=True); w.show(); w.grab()\n"
            f"heavy = [m for m in {_HEAVY!r} if m in sys.modules]\n"
            "assert w.case is not None and w.case['documents'], 'the sample case is shown'\n"
            "print('BEFORE', heavy)\n"
            "while not getattr(w, 'exact_shown', False): app.processEvents()\n"
            "print('AFTER', [m for m in ('validators.engine', 'validators.law', 'validators.major') if m in sys.modules])\n")
    env = dict(os.environ, WENSHU_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "BEFORE []" in proc.stdout  # nothing heavy before the first picture
    assert "AFTER ['validators.engine', 'validators.law', 'validators.major']" in proc.stdout  # then the exact check
