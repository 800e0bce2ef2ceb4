"""The app's start checks the history without rebuilding every version again (issue 17): a complete check
that finds the history intact seals it (every stored byte of its rows, with the installation's key); the next
start re-reads the sealed rows' bytes and checks in full only what was added since. Whatever another tool
changes — a sealed row, a new row, the seal itself, the key — the start finds exactly what the complete
``wenshu store verify`` finds."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from samples import draft as _sample

from templates.kinds import get_kind
from wenshu import store as store_module
from wenshu.integrity import key_path
from wenshu.service import CaseService
from wenshu.store import CHAINS, Store, default_path, encode_version, row_hash
from wenshu.verify import verify_store

NOW = datetime(2026, 12, 1, 10, 30)


@pytest.fixture
def service():
    svc = CaseService(Store(), clock=lambda: NOW)
    ins = get_kind("inspection_record").sample()
    case = svc.new_case({"party": ins["object"], "officers": ins["officers"]})
    for place in ("神池县某煤业有限公司井下12采区", "神池县某煤业有限公司地面变电所"):
        doc = svc.add_document(case, "inspection_record", _sample("inspection_record", place=place))
        svc.save(doc, dict(svc.document(doc)["answers"], situation="检查中发现两处隐患。"))
        svc.generate(doc)
    svc.case_id = case
    yield svc
    svc.close()


def _codes(problems: list[dict]) -> list[str]:
    return sorted(p["code"] for p in problems)


def _start(service) -> list[dict]:
    """What the app says at start, checked against the complete check of the same moment."""
    quick = service.verify_history()
    assert _codes(quick) == _codes(verify_store(service)["problems"])
    return quick


@pytest.fixture
def rebuilt(monkeypatch):
    """The documents whose versions were rebuilt by a check."""
    seen: list[int] = []
    real = store_module.version_texts

    def counting(rows):
        seen.extend({r["document_id"] for r in rows if "document_id" in r.keys()})  # the chain check's reads
        return real(rows)

    monkeypatch.setattr(store_module, "version_texts", counting)
    return seen


def _tool() -> sqlite3.Connection:
    db = sqlite3.connect(default_path())
    db.row_factory = sqlite3.Row
    for table in CHAINS:
        for verb in ("update", "delete"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    return db


def test_a_second_start_rebuilds_only_the_versions_added_since(service, rebuilt):
    assert _start(service) == []
    assert service.store.meta(Store.SEAL_KEY)["tables"]["document_versions"]["count"] > 0
    rebuilt.clear()
    assert service.verify_history() == []
    assert rebuilt == []  # nothing added: no version rebuilt
    doc = service.store.documents(service.store.case_row(service.case_id))[0]
    service.save(doc["uid"], dict(doc["answers"], situation="复查时隐患已整改。"), reason="更正")
    rebuilt.clear()
    assert service.verify_history() == []
    assert set(rebuilt) == {doc["id"]}  # only the document with a new version


@pytest.mark.parametrize("edit", ["body", "reason", "delete_old", "printed_path", "forged_chain"])
def test_a_sealed_row_changed_by_another_tool_is_found_at_the_next_start(service, edit):
    assert _start(service) == []
    db = _tool()
    first = db.execute("SELECT * FROM document_versions ORDER BY id LIMIT 1").fetchone()
    text = Store().version_text(first["document_id"], first["version"])
    if edit == "body":
        db.execute("UPDATE document_versions SET body=? WHERE id=?",
                   (encode_version(text.replace("神池县", "宁武县")), first["id"]))
    elif edit == "reason":
        db.execute("UPDATE document_versions SET reason='伪造' WHERE id=?", (first["id"],))
    elif edit == "delete_old":
        db.execute("DELETE FROM document_versions WHERE id=?", (first["id"],))
    elif edit == "printed_path":
        db.execute("UPDATE printed_versions SET fingerprint='AAAA-BBBB-CCCC-DDDD' WHERE id=1")
    else:  # rechained: every hash recomputed, as a careful forger would; only the key can tell
        last = db.execute("SELECT * FROM document_versions ORDER BY id DESC LIMIT 1").fetchone()
        forged = Store().version_text(last["document_id"], last["version"]).replace("地面变电所", "地面仓库")
        values = {c: last[c] for c in CHAINS["document_versions"]} | {"answers": forged}
        digest = row_hash("document_versions", values, last["prev_hash"])
        db.execute("UPDATE document_versions SET body=?, row_hash=? WHERE id=?", (encode_version(forged), digest,
                                                                                  last["id"]))
        db.execute("UPDATE meta SET value=json_set(value, '$.hash', ?) WHERE key='chain:document_versions'",
                   (digest,))
    db.commit()
    db.close()
    found = _start(service)
    assert found, edit
    if edit == "forged_chain":
        assert _codes(found) == ["printed.fingerprint_mismatch"]


def test_a_forged_seal_does_not_hide_a_change(service):
    """A tool that edits a sealed row and writes the seal again (without the key) is still found."""
    assert _start(service) == []
    db = _tool()
    db.execute("UPDATE document_versions SET reason='伪造' WHERE id=1")
    db.commit()
    db.close()
    since, seal = service.store.history_seal()
    assert since is None  # the edit is seen in the bytes
    seal["mac"] = "0" * 64
    service.store.keep_history_seal(seal)  # the tool's seal over the edited rows, without the key
    assert _codes(_start(service)) == ["history.row_altered"]


def test_a_row_added_after_the_seal_is_checked_in_full(service):
    assert _start(service) == []
    doc = service.store.documents(service.store.case_row(service.case_id))[0]
    service.save(doc["uid"], dict(doc["answers"], situation="复查时隐患已整改。"), reason="更正")
    db = _tool()
    db.execute("UPDATE document_versions SET reason='伪造' WHERE id=(SELECT max(id) FROM document_versions)")
    db.commit()
    db.close()
    assert _codes(_start(service)) == ["history.row_altered"]


def test_a_new_key_has_every_fingerprint_checked_again(service):
    assert _start(service) == []
    key_path().write_text("00" * 32, encoding="ascii")  # another installation's key
    found = _start(service)
    assert found and {p["code"] for p in found} == {"printed.fingerprint_mismatch"}
