"""Nothing forged (DOMAIN.md §11): every printed document carries its keyed fingerprint, ``wenshu verify``
tells an issued file from an altered one, and the history is append-only and hash-chained."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import docx
import pytest
from kinds1_pdf import convert_all, page_count, words
from samples import draft as _sample

from templates.kinds import all_kinds, get_kind
from templates.render import render_bytes
from wenshu.integrity import PRINTED, fingerprint, key_path, normalize
from wenshu.service import CaseService
from wenshu.store import Store, default_path

NOW = datetime(2026, 12, 1, 10, 30)


def wenshu(*args) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True, encoding="utf-8",
                          env=dict(os.environ, PYTHONUTF8="1"), timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture
def issued():
    """A case with two generated 现场检查记录: ``(service, [result, result])``."""
    service = CaseService(Store(), clock=lambda: NOW)
    ins = get_kind("inspection_record").sample()
    case = service.new_case({"party": ins["object"], "officers": ins["officers"]})
    results = [service.generate(service.add_document(case, "inspection_record", _sample("inspection_record", place=p)))
               for p in ("神池县某煤业有限公司井下12采区", "神池县某煤业有限公司地面变电所")]
    yield service, results
    service.close()


def test_every_kind_prints_its_fingerprint_on_every_page_without_moving_a_line(tmp_path):
    files = []
    for kind in all_kinds():
        for marked in (False, True):
            path = tmp_path / f"{kind.name}{'-marked' if marked else ''}.docx"
            path.write_bytes(render_bytes(kind, kind.sample(), mark="1E91-CD96-7DBD-CF25" if marked else None))
            files.append(path)
    pdfs = convert_all(files, tmp_path)
    for kind in all_kinds():
        plain, marked = pdfs[kind.name], pdfs[f"{kind.name}-marked"]
        pages = page_count(marked)
        assert pages == page_count(plain), kind.name
        found = [w for w in words(marked) if w.text == "文书指纹"]
        assert sorted(w.page for w in found) == list(range(1, pages + 1)), kind.name
        body = sorted((w.page, round(w.x0), round(w.y0), w.text) for w in words(marked)
                      if w.text not in ("文书指纹", "1E91-CD96-7DBD-CF25"))
        assert body == sorted((w.page, round(w.x0), round(w.y0), w.text) for w in words(plain)), kind.name


def test_the_fingerprint_is_keyed_and_covers_id_version_number_and_answers():
    a = {"content": "检查", "number": "（晋忻神）应急检记〔2026〕1号"}
    base = dict(document_id="d", version=1, number=a["number"], kind="inspection_record", answers=a)
    mark = fingerprint(b"k" * 32, **base)
    assert PRINTED.search(f"文书指纹 {mark}") and normalize(mark.lower().replace("-", " ")) == mark
    for change in ({"version": 2}, {"document_id": "e"}, {"number": "（晋忻神）应急检记〔2026〕2号"},
                   {"answers": {**a, "content": "检查。"}}):
        assert fingerprint(b"k" * 32, **{**base, **change}) != mark
    assert fingerprint(b"x" * 32, **base) != mark


def test_two_records_of_one_kind_are_both_intact_under_verify(issued):
    _service, results = issued
    assert results[0]["path"] != results[1]["path"]
    for result in results:
        code, out = wenshu("verify", result["path"])
        assert code == 0 and out["intact"] and out["known"] and out["key_confirms"] and out["sha256_matches"]
        assert out["fingerprint"] == result["fingerprint"] and out["number"] == result["number"]
        text = "\n".join(p.text for s in docx.Document(result["path"]).sections for p in s.footer.paragraphs)
        assert f"文书指纹 {result['fingerprint']}" in text


def test_an_edited_docx_is_caught_naming_the_paragraph(issued, tmp_path):
    _service, results = issued
    document = docx.Document(results[0]["path"])
    for p in document.paragraphs:
        for run in p.runs:
            run.text = run.text.replace("三专两闭锁", "三专一闭锁")
    edited = tmp_path / "改过.docx"
    document.save(edited)
    code, out = wenshu("verify", str(edited))
    assert code == 1 and out["known"] and not out["intact"]
    assert [(d["expected"], d["found"]) for d in out["differences"]] == [
        ("1. 12采区回风巷局部通风机未实现“三专两闭锁”；", "1. 12采区回风巷局部通风机未实现“三专一闭锁”；")]


def test_unknown_and_unreadable_files(tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(plain)
    code, out = wenshu("verify", str(plain))
    assert code == 1 and not out["known"] and "没有找到" in out["message"]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    proc = subprocess.run([sys.executable, "-m", "wenshu", "verify", str(broken)], capture_output=True, text=True,
                          encoding="utf-8")
    assert proc.returncode == 2 and "不是完好的 .docx" in proc.stderr


def test_the_history_cannot_be_changed_through_sqlite_and_changes_are_found(issued):
    service, _results = issued
    db = sqlite3.connect(default_path())
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE document_versions SET answers='{}' WHERE id=1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM printed_versions")
    assert wenshu("store", "verify") == (0, {"ok": True, "problems": []})
    # another tool drops the guard and edits a version, then deletes the last printed record
    db.execute("DROP TRIGGER document_versions_no_update")
    db.execute("DROP TRIGGER printed_versions_no_delete")
    # versions are stored compactly (wenshu.store.encode_version): the tool writes its edit in that form
    from wenshu.store import encode_version

    text = Store().version_text(*db.execute("SELECT document_id, version FROM document_versions WHERE id=1").fetchone())
    assert "赵六" in text
    db.execute("UPDATE document_versions SET body=? WHERE id=1", (encode_version(text.replace("赵六", "赵七")),))
    db.execute("DELETE FROM printed_versions WHERE id=(SELECT max(id) FROM printed_versions)")
    db.commit()
    db.close()
    code, out = wenshu("store", "verify")
    assert code == 1
    assert {p["code"] for p in out["problems"]} >= {"history.row_altered", "history.rows_deleted"}
    assert all("现场检查记录" in p["message"] or "共应有" in p["message"] for p in out["problems"])


def test_a_rechained_forgery_is_found_by_the_key(issued):
    service, results = issued
    from wenshu.store import CHAINS, row_hash

    db = sqlite3.connect(default_path())
    db.row_factory = sqlite3.Row
    db.execute("DROP TRIGGER document_versions_no_update")
    row = db.execute("SELECT * FROM document_versions ORDER BY id DESC LIMIT 1").fetchone()
    from wenshu.store import encode_version

    forged = Store().version_text(row["document_id"], row["version"]).replace("地面变电所", "地面仓库")
    assert "地面仓库" in forged
    values = {c: row[c] for c in CHAINS["document_versions"]} | {"answers": forged}  # the hash is over the full text
    db.execute("UPDATE document_versions SET body=?, row_hash=? WHERE id=?",
               (encode_version(forged), row_hash("document_versions", values, row["prev_hash"]), row["id"]))
    db.execute("UPDATE meta SET value=json_set(value, '$.hash', ?) WHERE key='chain:document_versions'",
               (row_hash("document_versions", values, row["prev_hash"]),))
    db.commit()
    db.close()
    code, out = wenshu("store", "verify")
    assert code == 1 and [p["code"] for p in out["problems"]] == ["printed.fingerprint_mismatch"]
    code, out = wenshu("verify", results[1]["path"])
    assert code == 1 and out["key_confirms"] is False


def test_the_key_is_kept_apart_from_the_documents(issued, tmp_path):
    service, results = issued
    key = key_path()
    assert key.exists() and key.parent != default_path().parent / "生成文书"
    out = tmp_path / "案件.json"
    service.export_case(service.list_cases()[0]["case_id"], out)
    assert key.read_text().strip() not in out.read_text(encoding="utf-8")
    assert key.read_text().strip() not in default_path().read_bytes().decode("latin-1")


def test_a_case_moved_to_a_fresh_data_folder_reproduces_its_files_and_fingerprints(issued, tmp_path, monkeypatch):
    service, results = issued
    out = tmp_path / "案件.json"
    case = service.list_cases()[0]["case_id"]
    service.export_case(case, out)
    office_key = key_path()  # one office, one key (WENSHU_KEY_FILE on every PC)
    for r in results:
        Path(r["path"]).unlink()  # the files stayed on the other PC
    monkeypatch.setenv("WENSHU_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("WENSHU_KEY_FILE", str(office_key))
    there = CaseService(Store(), clock=lambda: NOW)
    assert there.import_cases([out])["imported"] == [case]
    for r in results:
        again = there.generate(r["document_id"])
        assert again["fingerprint"] == r["fingerprint"] and again["number"] == r["number"]
        assert again["version"] == r["version"] and Path(again["path"]).name == Path(r["path"]).name
        code, verdict = wenshu("verify", again["path"])
        assert code == 0 and verdict["intact"] and verdict["key_confirms"]
    copy = there.import_cases([out], as_copy=True)["imported"][0]
    shown = there.show(copy)
    assert copy != case and shown["title"].endswith("（副本）")
    assert [d["number"] for d in shown["documents"]] == [None, None] and {d["state"] for d in shown["documents"]} == {"draft"}
    there.close()


def test_a_store_restored_from_an_older_copy_reuses_no_number(tmp_path):
    import shutil

    service = CaseService(Store(), clock=lambda: NOW)
    ins = get_kind("inspection_record").sample()
    case = service.new_case({"party": ins["object"], "officers": ins["officers"]})
    first = service.generate(service.add_document(case, "inspection_record", _sample("inspection_record")))
    service.close()
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(default_path(), backup)
    service = CaseService(Store(), clock=lambda: NOW)
    second = service.generate(service.add_document(case, "inspection_record", _sample("inspection_record", place="乙处")))
    service.close()
    shutil.copy(backup, default_path())  # the clerk restores yesterday's copy, as the store's message advises
    for suffix in ("-wal", "-shm"):
        Path(str(default_path()) + suffix).unlink(missing_ok=True)
    service = CaseService(Store(), clock=lambda: NOW)
    third = service.generate(service.add_document(case, "inspection_record", _sample("inspection_record", place="丙处")))
    assert third["number"] not in (first["number"], second["number"])
    again = service.generate(first["document_id"])
    assert again["number"] == first["number"]
    service.close()
