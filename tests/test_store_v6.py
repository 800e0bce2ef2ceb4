"""Store v6 (issue 17, round 4): the current content compressed with each kind's dictionary (kept in the
store), whole versions with the same dictionary, the chain hashes as their 32 bytes — the chain and what it is
computed over unchanged, every change still found; the v5 → v6 (and v4 → v6) upgrade in one transaction.

Behaviour only — the size and speed figures live in bench/ (``bench/scale.py``), never in a test.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wenshu import store as store_module
from wenshu.service import CaseService
from wenshu.store import (
    CHAINS,
    SCHEMA_VERSION,
    Store,
    answers_text,
    default_path,
    encode_version,
    has_dictionary,
    load_dictionaries,
    row_hash,
    version_texts,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = json.loads((ROOT / "templates" / "inspection_record" / "sample.json").read_text(encoding="utf-8"))


def _text(answers: dict) -> str:
    return json.dumps(answers, ensure_ascii=False, sort_keys=True)


def _raw(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    db = sqlite3.connect(str(path))
    try:
        return [tuple(r) for r in db.execute(sql, params).fetchall()]
    finally:
        db.close()


def _case_with_history(path: Path | None = None, docs: int = 3, saves: int = 4) -> tuple[Store, list[int]]:
    store = Store(path)
    case = store.create_case("某公司安全生产违法案", {"name": "某公司"})
    ids = []
    for d in range(docs):
        doc = store.add_document(case, "inspection_record", {**SAMPLE, "place": f"第{d}处"})
        for i in range(saves):
            store.save_document(doc, {**SAMPLE, "place": f"第{d}处", "process": SAMPLE.get("process", "") + f"第{i}稿"})
        ids.append(doc)
    return store, ids


def test_the_current_content_is_stored_compressed_and_reads_back_exactly():
    store, (doc, *_) = _case_with_history(docs=1)
    answers = {**SAMPLE, "place": "第0处", "process": SAMPLE.get("process", "") + "第3稿"}
    assert store.get_document(doc)["answers"] == answers
    kind, stored = _raw(default_path(), "SELECT typeof(answers), length(answers) FROM documents WHERE id=?", (doc,))[0]
    assert kind == "blob" and stored * 4 < len(_text(answers).encode("utf-8"))  # far smaller than the text
    # another tool (or SQL) still reads it through the registered function
    assert json.loads(store._query("SELECT answers_text(answers) FROM documents WHERE id=?", (doc,))[0][0]) == answers
    # autosave, end of session, restore: every path through the compressed form
    service = CaseService(store)
    uid = store.get_document(doc)["uid"]
    service.autosave(uid, {**answers, "note": "补充"})
    service.end_session(uid)
    assert store.get_document(doc)["answers"] == {**answers, "note": "补充"}
    assert store.versions(doc)[-1]["answers"] == {**answers, "note": "补充"}
    service.restore(uid, 1)
    assert store.get_document(doc)["answers"] == {**SAMPLE, "place": "第0处"}
    assert store.verify_history() == []


def test_each_kind_has_one_dictionary_kept_in_the_store_and_old_rows_stay_readable_when_the_kind_changes(
        monkeypatch):
    store, (doc, *_) = _case_with_history(docs=2, saves=1)
    rows = _raw(default_path(), "SELECT kind, length(dictionary) FROM answer_dictionaries")
    assert [r[0] for r in rows] == ["inspection_record"] and rows[0][1] > 500
    db = sqlite3.connect(str(default_path()))
    for sql in ("UPDATE answer_dictionaries SET dictionary=x'00'", "DELETE FROM answer_dictionaries"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(sql)
    db.close()
    before = {d: (store.get_document(d)["answers"], [v["answers"] for v in store.versions(d)]) for d in (doc, doc + 1)}
    store.close()
    # the kind's files change (a new sample, another schema) and this process forgets what it had read
    monkeypatch.setattr(store_module, "build_dictionary", lambda kind: ("完全不同的词典" * 200).encode("utf-8"))
    store_module._DICTIONARIES.clear()
    again = Store()
    assert {d: (again.get_document(d)["answers"], [v["answers"] for v in again.versions(d)]) for d in before} == before
    case = again.get_document(doc)["case_id"]
    new = again.add_document(case, "inspection_record", SAMPLE)
    assert again.get_document(new)["answers"] == SAMPLE
    assert len(_raw(default_path(), "SELECT id FROM answer_dictionaries")) == 1  # the kept one is used, not rebuilt
    assert again.verify_history() == []


def test_a_dictionary_made_by_another_process_is_found_when_its_rows_are_read(tmp_path):
    path = tmp_path / "shared.sqlite3"
    reader = Store(path)
    case = reader.create_case("案", {"name": "某公司"})
    writer = textwrap.dedent(f"""
        import json, sys
        from wenshu.store import Store
        s = Store(sys.argv[1])
        s.add_document({case}, "penalty_decision", json.load(open({str(ROOT / 'templates' / 'penalty_decision' /
                                                                     'sample.json')!r}, encoding="utf-8")))
    """)
    run = subprocess.run([sys.executable, "-c", writer, str(path)], cwd=ROOT, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr
    decision = json.loads((ROOT / "templates" / "penalty_decision" / "sample.json").read_text(encoding="utf-8"))
    docs = reader.documents(case)
    assert docs[0]["answers"] == decision and not docs[0]["damaged"]


def test_the_chain_hashes_are_stored_as_bytes_with_the_same_values_over_the_full_texts():
    store, ids = _case_with_history()
    rows = store._query("SELECT id, document_id, version, reason, saved, prev_hash, row_hash, answers, body"
                        " FROM document_versions ORDER BY id")
    assert all(isinstance(r["row_hash"], bytes) and len(r["row_hash"]) == 32 for r in rows)
    assert any(has_dictionary(r["body"]) for r in rows)  # the first versions: whole, with the kind's dictionary
    texts = {}
    for doc in ids:
        texts.update({(doc, v): t for v, t in version_texts([r for r in rows if r["document_id"] == doc]).items()})
    prev = "0" * 64
    for r in rows:  # recomputed exactly as ever: over the full text, the previous hash as hex
        values = {c: r[c] for c in CHAINS["document_versions"]} | {"answers": texts[(r["document_id"], r["version"])]}
        assert r["prev_hash"].hex() == prev
        assert row_hash("document_versions", values, prev) == r["row_hash"].hex()
        prev = r["row_hash"].hex()
    assert store.meta("chain:document_versions")["hash"] == prev
    assert store.verify_history() == []


def _tampered(sql_steps) -> list[dict]:
    db = sqlite3.connect(str(default_path()))
    db.execute("DROP TRIGGER IF EXISTS document_versions_no_update")
    db.execute("DROP TRIGGER IF EXISTS document_versions_no_delete")
    for sql, params in sql_steps(db):
        db.execute(sql, params)
    db.commit()
    db.close()
    return Store().verify_history()


def test_an_edited_swapped_or_deleted_version_in_the_new_forms_is_found():
    store, ids = _case_with_history()
    first = store._query("SELECT id, body FROM document_versions WHERE document_id=? ORDER BY version", (ids[0],))
    assert has_dictionary(first[0]["body"])
    text = store.version_text(ids[0], 1)
    store.close()
    # a whole version rewritten with the same dictionary, its hash left: altered
    forged = encode_version(text.replace("第0处", "第9处"), None, store_module.build_dictionary("inspection_record"))
    problems = _tampered(lambda db: [("UPDATE document_versions SET body=? WHERE id=?", (forged, first[0]["id"]))])
    assert {p["id"] for p in problems if p["code"] == "history.row_altered"} >= {first[0]["id"]}
    assert all("现场检查记录" in p["message"] for p in problems)


def test_swapped_and_deleted_versions_are_found():
    store, ids = _case_with_history()
    rows = store._query("SELECT id, body, row_hash, prev_hash FROM document_versions WHERE document_id=?"
                        " ORDER BY version", (ids[1],))
    store.close()

    def put(order):
        return lambda db: [("UPDATE document_versions SET body=?, row_hash=?, prev_hash=? WHERE id=?",
                            (rows[src][1], rows[src][2], rows[src][3], rows[dst][0])) for dst, src in order]
    assert {p["id"] for p in _tampered(put([(2, 3), (3, 2)]))} >= {rows[2][0], rows[3][0]}  # two versions swapped
    assert _tampered(put([(2, 2), (3, 3)])) == []  # put back: clean again
    problems = _tampered(lambda db: [("DELETE FROM document_versions WHERE id=?", (rows[1][0],))])
    assert "history.row_missing" in {p["code"] for p in problems}
    problems = _tampered(lambda db: [("DELETE FROM document_versions WHERE id=(SELECT max(id) FROM document_versions)",
                                      ())])
    assert "history.rows_deleted" in {p["code"] for p in problems}


def test_a_damaged_compressed_content_opens_as_damaged_never_as_an_empty_form_and_the_agenda_goes_on():
    store, ids = _case_with_history(docs=2, saves=0)
    case = store.get_document(ids[0])["case_id"]
    blob = _raw(default_path(), "SELECT answers FROM documents WHERE id=?", (ids[0],))[0][0]
    db = sqlite3.connect(str(default_path()))
    db.execute("UPDATE documents SET answers=? WHERE id=?", (blob[:-7] + bytes(7), ids[0]))  # torn by a disk fault
    db.commit()
    db.close()
    doc = store.get_document(ids[0])
    assert doc["damaged"] and doc["answers"] == {}
    assert not store.get_document(ids[1])["damaged"]
    fields = store.live_fields_of([case], {"inspection_record": ["/place"]})[case]
    assert fields == [{"kind": "inspection_record", "answers": {"place": "第1处"}}]  # the readable one still dated


# --- the upgrade: v5 → v6 (and v4 → v6) in one transaction, killed midway it leaves the old store as it was ------
def _older(path: Path, version: int) -> None:
    """The store at ``path`` turned back into a version-5 (or 4) file: the current content as text, whole
    versions compressed without a dictionary (v4: every version a whole text in ``answers``), hex hashes."""
    db = sqlite3.connect(str(path))
    db.row_factory = sqlite3.Row
    load_dictionaries(db)
    for name in ("document_versions_no_update", "rev_document_changed"):
        db.execute(f"DROP TRIGGER {name}")
    for r in db.execute("SELECT id, answers FROM documents").fetchall():
        db.execute("UPDATE documents SET answers=? WHERE id=?", (answers_text(r["answers"]), r["id"]))
    for (doc,) in db.execute("SELECT DISTINCT document_id FROM document_versions").fetchall():
        rows = db.execute("SELECT * FROM document_versions WHERE document_id=? ORDER BY version", (doc,)).fetchall()
        texts = version_texts(rows)
        for r in rows:
            body = r["body"]
            if version == 4:
                answers, body = texts[r["version"]], None
            else:
                answers, body = "", encode_version(texts[r["version"]]) if has_dictionary(body) else body
            db.execute("UPDATE document_versions SET answers=?, body=?, prev_hash=?, row_hash=? WHERE id=?",
                       (answers, body, r["prev_hash"].hex(), r["row_hash"].hex(), r["id"]))
    db.execute("DROP TABLE answer_dictionaries")
    db.execute(next(t for t in store_module._APPEND_ONLY if "document_versions_no_update" in t))
    db.execute(next(t for t in store_module._SCHEMA_4 if "rev_document_changed" in t))
    db.commit()
    if version == 4:
        db.execute("ALTER TABLE document_versions DROP COLUMN body")
    db.execute(f"PRAGMA user_version={version}")
    db.commit()
    db.execute("VACUUM")
    db.close()


def _stored_bytes(path: Path) -> int:
    body = "ifnull(length(body), 0)" if any(r[1] == "body" for r in _raw(path, "PRAGMA table_info(document_versions)"))\
        else "0"
    return sum(_raw(path, "SELECT (SELECT sum(length(CAST(answers AS BLOB))) FROM documents) + (SELECT sum("
                    f"length(CAST(answers AS BLOB)) + {body} + length(prev_hash) + length(row_hash))"
                    " FROM document_versions)")[0])


def _snapshot(path: Path) -> list:
    return [_raw(path, f"SELECT * FROM {t} ORDER BY 1") for t in ("documents", "document_versions", "cases", "meta")]


@pytest.mark.parametrize("version", [5, 4])
def test_an_older_store_is_upgraded_with_every_text_hash_and_revision_unchanged(tmp_path, version):
    path = tmp_path / "old.sqlite3"
    store, ids = _case_with_history(path, docs=4, saves=20)  # 21 versions: a whole one again after 16
    store.save_document(ids[0], {"tiny": 1})  # shorter than its compressed form: stays text
    texts = {(d, v["version"]): v["answers"] for d in ids for v in store.versions(d)}
    current = {d: store.get_document(d)["answers"] for d in ids}
    store.close()
    _older(path, version)
    hashes = _raw(path, "SELECT id, prev_hash, row_hash FROM document_versions ORDER BY id")
    revs = _raw(path, "SELECT id, rev FROM cases")
    assert all(isinstance(h, str) and len(h) == 64 for r in hashes for h in r[1:])
    before = _stored_bytes(path)
    seen = []
    store = Store(path, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][1] == len(ids) and [d for d, _ in seen] == list(range(len(ids)))
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION == 6
    assert {(d, v["version"]): v["answers"] for d in ids for v in store.versions(d)} == texts
    assert {d: store.get_document(d)["answers"] for d in ids} == current
    assert [(r[0], r[1].hex(), r[2].hex()) for r in _raw(path, "SELECT id, prev_hash, row_hash FROM document_versions"
                                                              " ORDER BY id")] == hashes
    assert _raw(path, "SELECT id, rev FROM cases") == revs  # nothing moved: the agenda's cache stays valid
    kinds = _raw(path, "SELECT id, typeof(answers) FROM documents ORDER BY id")
    assert [k for _, k in kinds] == ["text"] + ["blob"] * (len(ids) - 1)  # {"tiny": 1} is shorter as text
    assert store.verify_history() == []
    assert store.get_document(ids[0])["answers"] == {"tiny": 1}
    store.close()
    assert _stored_bytes(path) * 2 < before
    db = sqlite3.connect(str(path))
    for sql in ("UPDATE document_versions SET body=NULL WHERE id=1", "DELETE FROM document_versions WHERE id=1"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(sql)
    db.close()


def test_a_v5_to_v6_upgrade_killed_midway_leaves_the_v5_store_exactly_as_it_was_and_is_done_at_the_next_start(
        tmp_path):
    path = tmp_path / "v5.sqlite3"
    store, ids = _case_with_history(path, docs=24, saves=3)
    texts = {(d, v["version"]): v["answers"] for d in ids for v in store.versions(d)}
    store.close()
    _older(path, 5)
    before = _snapshot(path)
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
    assert _raw(path, "PRAGMA user_version") == [(5,)]
    assert _snapshot(path) == before  # not one row rewritten, no dictionary table
    assert not _raw(path, "SELECT 1 FROM sqlite_master WHERE name='answer_dictionaries'")
    store = Store(path)  # the next start upgrades it
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert {(d, v["version"]): v["answers"] for d in ids for v in store.versions(d)} == texts
    assert store.verify_history() == []
    store.close()


def test_the_office_server_spelling_reads_the_plain_column():
    from wenshu.pg.conn import translate

    sql, _ = translate("SELECT case_id, json_extract(answers_text(d.answers), '$.date') FROM documents d WHERE id=?")
    assert "answers_text" not in sql and "(d.answers::jsonb ->> 'date')" in sql
