"""Several clients at once on the office database (issue 16): numbers without duplicates or gaps, a
document open elsewhere is read-only ("正由某某编辑") and the database refuses a save over it, and
typing while the server is down is journalled locally and written back when it returns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from samples import draft

from wenshu.pg.store import PgStore
from wenshu.service import CaseService
from wenshu.store import StoreError

ROOT = Path(__file__).resolve().parents[1]
PARTY = {"type": "organization", "name": "神池县某煤业有限公司"}

_ALLOCATE = """
import json, sys
from wenshu.pg.registry import PgNumberStore
store = PgNumberStore(sys.argv[1])
print(json.dumps([store.allocate("（晋忻神）应急罚", 2026).seq for _ in range(int(sys.argv[2]))]))
"""


def test_eight_processes_allocate_exactly_one_to_eight_hundred(office_db):
    procs = [subprocess.Popen([sys.executable, "-c", _ALLOCATE, office_db, "100"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(8)]
    seen = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        seen += json.loads(out)
    assert sorted(seen) == list(range(1, 801))


def test_the_command_line_takes_numbers_from_the_office_database(office_db, tmp_path):
    env = {**os.environ, "WENSHU_DATABASE": office_db, "WENSHU_HOME": str(tmp_path)}
    cmd = [sys.executable, "-m", "wenshu", "number", "next", "（晋忻神）应急罚", "--year", "2026"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                              env=env, cwd=ROOT)  # wenshu writes UTF-8 whatever the console's code page (cp936)
             for _ in range(4)]
    seqs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        seqs.append(json.loads(out)["seq"])
    assert sorted(seqs) == [1, 2, 3, 4]
    assert not (tmp_path / "numbers.sqlite3").exists()  # nothing went to a local registry


def test_a_document_open_elsewhere_is_read_only_and_cannot_be_saved_over(office_db):
    first, second = CaseService(PgStore(office_db)), CaseService(PgStore(office_db))
    with first.store.transaction() as db:
        db.execute("INSERT INTO app_users(login, display_name, role) VALUES (session_user, '张三', '承办人')"
                   " ON CONFLICT (login) DO UPDATE SET display_name='张三'")
    case = first.new_case({"party": PARTY})
    doc = first.add_document(case, "inspection_record", draft("inspection_record"))
    row = first._resolve("documents", doc, "文书")
    assert first.store.acquire_edit(row) is None
    assert second.store.acquire_edit(row) == "张三"
    assert second.store.editing_by(row) == "张三"
    answers = first.document(doc)["answers"]
    first.autosave(doc, dict(answers, content="第一位的内容"))
    with pytest.raises(StoreError, match="正由张三编辑"):
        second.autosave(doc, dict(answers, content="第二位的内容"))
    assert first.document(doc)["answers"]["content"] == "第一位的内容"
    first.store.release_edit(row)
    assert second.store.acquire_edit(row) is None
    second.autosave(doc, dict(answers, content="第二位接着写"))
    assert first.document(doc)["answers"]["content"] == "第二位接着写"


def _cluster(folder: str, action: str) -> str:
    done = subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), action], capture_output=True, text=True,
                          env={**os.environ, "WENSHU_PG_DIR": folder}, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_killing_the_server_mid_typing_loses_nothing_once_it_is_back(tmp_path):
    from pg_helpers import server_url

    server_url()  # the same PostgreSQL installation (fails in CI when it is missing)
    folder = f"/tmp/wenshu-pg-crash-{uuid.uuid4().hex[:8]}"
    url = _cluster(folder, "start")
    try:
        service = CaseService(PgStore(url))
        service.store.retry_seconds = 0  # retry at every keystroke (the app waits 2 s between tries)
        case = service.new_case({"party": PARTY})
        doc = service.add_document(case, "inspection_record", draft("inspection_record"))
        answers = service.document(doc)["answers"]
        typed = ""
        for i in range(5):
            typed += f"第{i}句。"
            service.autosave(doc, dict(answers, content=typed))
        _cluster(folder, "kill")
        for i in range(5, 12):  # the server is gone: typing goes on, into the local journal
            typed += f"第{i}句。"
            service.autosave(doc, dict(answers, content=typed))
        assert service.store.offline
        from wenshu import office

        assert "无法连接单位数据库服务器" in office.offline_note(service)  # what the editor says meanwhile
        journal = json.loads(service.store.journal.path.read_text(encoding="utf-8"))
        assert list(journal["documents"].values())[0]["answers"]["content"] == typed
        with pytest.raises(Exception, match="无法连接|连接中断"):  # no number is issued offline
            service.generate(doc, out_dir=tmp_path)
        assert _cluster(folder, "start") == url
        typed += "恢复后的一句。"
        service.autosave(doc, dict(answers, content=typed))
        assert not service.store.offline and office.offline_note(service) is None
        fresh = CaseService(PgStore(url))
        assert fresh.document(doc)["answers"]["content"] == typed
        assert fresh.verify_history() == []
        assert not service.store.journal.pending()
    finally:
        _cluster(folder, "destroy")
