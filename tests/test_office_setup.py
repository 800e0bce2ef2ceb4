"""Setting up office mode from the command line (issue 16): ``wenshu db init``, ``wenshu db user add``,
``wenshu db migrate`` of a single PC's data (numbers and history preserved), ``wenshu review …``."""

from __future__ import annotations

import json
import uuid

import pytest
from pg_helpers import login_url
from samples import draft

from wenshu.cli import main
from wenshu.pg.store import PgStore
from wenshu.registry import open_store as open_registry
from wenshu.service import CaseService
from wenshu.store import Store

PARTY = {"type": "organization", "name": "神池县某煤业有限公司", "uscc": "91110000600037341L",
         "legal_rep": "王五", "title": "总经理", "address": "神池县某路1号", "phone": "13800000000"}


def run(capsys, *argv) -> tuple[int, object, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    try:
        data = json.loads(out.out) if out.out.strip() else None
    except ValueError:
        data = out.out
    return code, data, out.err


def test_init_users_and_the_reviewers_queue_from_the_command_line(office_db, monkeypatch, capsys, tmp_path):
    tag = uuid.uuid4().hex[:6]
    monkeypatch.setenv("WENSHU_DATABASE", office_db)
    code, out, _ = run(capsys, "db", "init", "--admin", f"adm_{tag}", "--name", "信息科")
    assert code == 0 and out["roles"] == ["承办人", "法制审核", "负责人", "管理员"] and out["password"]
    monkeypatch.setenv("WENSHU_DATABASE", login_url(office_db, f"adm_{tag}"))
    assert run(capsys, "db", "user", "add", f"c_{tag}", "--role", "承办人", "--name", "张三")[0] == 0
    assert run(capsys, "db", "user", "add", f"r_{tag}", "--role", "法制审核", "--name", "李法审")[0] == 0
    code, _, err = run(capsys, "db", "user", "add", f"x_{tag}", "--role", "科长")
    assert code == 2 and "角色“科长”不存在" in err
    monkeypatch.setenv("WENSHU_DATABASE", login_url(office_db, f"c_{tag}"))
    code, _, err = run(capsys, "db", "user", "add", f"y_{tag}", "--role", "管理员")
    assert code == 1 and "只有管理员可以添加用户" in err
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps({"party": PARTY}, ensure_ascii=False), encoding="utf-8")
    case = run(capsys, "case", "new", str(case_file))[1]["case_id"]
    code, item, _ = run(capsys, "review", "submit", case[:8], "--subject", "拟罚款五万元", "--today", "2026-11-20")
    assert code == 0 and item["due"] == "2026-12-04"
    code, _, err = run(capsys, "review", "record", str(item["review_id"]), "--conclusion", "同意")
    assert code == 1 and "数据库拒绝了此操作" in err and "Traceback" not in err
    monkeypatch.setenv("WENSHU_DATABASE", login_url(office_db, f"r_{tag}"))
    code, queue, _ = run(capsys, "review", "queue")
    assert [q["case_id"] for q in queue] == [case]
    assert run(capsys, "review", "record", str(item["review_id"]), "--conclusion", "同意")[1]["conclusion"] == "同意"
    monkeypatch.setenv("WENSHU_DATABASE", login_url(office_db, f"c_{tag}"))
    mine = run(capsys, "review", "agenda")[1]
    assert [m["conclusion"] for m in mine] == ["同意"]
    code, agenda, err = run(capsys, "agenda", "--today", "2026-11-25")  # 今日待办 carries the result too
    assert code == 0, err
    assert [(a["case_id"], a["conclusion"]) for a in agenda if a.get("review_id")] == [(case, "同意")]


def test_review_commands_in_single_pc_mode_say_what_is_needed(capsys):
    code, _, err = run(capsys, "review", "queue")
    assert code == 2 and "WENSHU_DATABASE" in err


def test_an_unreachable_server_is_said_in_chinese(monkeypatch, capsys):
    monkeypatch.setenv("WENSHU_DATABASE", "postgresql://nobody@127.0.0.1:1/wenshu")
    code, _, err = run(capsys, "number", "next", "（晋忻神）应急罚", "--year", "2026")
    assert code == 2 and "无法连接单位数据库服务器" in err and "Traceback" not in err


def test_migrating_a_single_pc_keeps_numbers_versions_and_fingerprints(office_db, wenshu_home, monkeypatch,
                                                                        capsys, tmp_path):
    local = CaseService(Store())
    case = local.new_case({"party": PARTY})
    doc = local.add_document(case, "inspection_record", draft("inspection_record"))
    local.save(doc, dict(local.document(doc)["answers"], content="第二版的检查内容"))
    made = local.generate(doc, out_dir=tmp_path)
    versions = [(v["version"], v["answers"]) for v in local.versions(doc)]
    current = local.document(doc)["answers"]  # kept compressed in the single-PC store (v6), plain on the server
    reg = open_registry()
    reg.allocate("（晋忻神）应急罚", 2026)
    reg.allocate("（晋忻神）应急罚", 2026)
    reg.close()
    local.close()

    monkeypatch.setenv("WENSHU_DATABASE", office_db)
    code, out, err = run(capsys, "db", "migrate", str(wenshu_home))
    assert code == 0, err
    assert out["migrated"]["cases"] == 1 and out["migrated"]["numbers"] == 3
    office = CaseService(PgStore(office_db))
    assert [(v["version"], v["answers"]) for v in office.versions(doc)] == versions
    assert office.document(doc)["answers"] == current
    assert office.find_fingerprint(made["fingerprint"])
    assert office.verify_history() == []
    reg = open_registry()
    assert reg.for_document(office.document(doc)["document_id"]).number == made["number"]
    assert reg.allocate("（晋忻神）应急罚", 2026).seq == 3  # the sequences go on after the migrated numbers
    assert reg.allocate("（晋忻神）应急检记", 2026).seq == 2
    reg.close()
    code, _, err = run(capsys, "db", "migrate", str(wenshu_home))  # twice: refused, nothing added
    assert code == 1 and "已在单位数据库中" in err
    assert len(office.list_cases()) == 1


@pytest.mark.parametrize("where", ["folder", "nothing"])
def test_migrate_names_what_is_missing(office_db, monkeypatch, capsys, tmp_path, where):
    monkeypatch.setenv("WENSHU_DATABASE", office_db)
    code, _, err = run(capsys, "db", "migrate", str(tmp_path / ("empty" if where == "folder" else "x.sqlite3")))
    assert code == 2 and "没有找到单机的案件数据库" in err
