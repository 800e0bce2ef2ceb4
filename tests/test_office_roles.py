"""Roles enforced by the database (issue 16, DOMAIN.md §13): a clerk's own connection — even a modified
client sending its own SQL — cannot record a review conclusion, write the 法制审核意见书, change a saved or
generated version, or delete the log; each refusal comes back in Chinese. The reviewer's queue shows the
submitted case with its 10-working-day due date; the clerk sees the conclusion."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pg_helpers import login_url
from samples import draft

from wenshu.pg import admin, workflow
from wenshu.pg.store import PgStore
from wenshu.service import CaseService
from wenshu.store import StoreError

PARTY = {"type": "organization", "name": "神池县某煤业有限公司", "uscc": "91110000600037341L",
         "legal_rep": "王五", "title": "总经理", "address": "神池县某路1号", "phone": "13800000000"}


@pytest.fixture
def office(office_db):
    """An initialised office database with a clerk, a second clerk, a reviewer and a leader."""
    tag = uuid.uuid4().hex[:6]
    logins = {"admin": f"adm_{tag}", "clerk": f"clerk_{tag}", "clerk2": f"clerkb_{tag}",
              "reviewer": f"rev_{tag}", "leader": f"lead_{tag}"}
    admin.init_database(office_db, logins["admin"], "信息科", password="pw")
    admin_url = login_url(office_db, logins["admin"])
    for key, role, name in (("clerk", "承办人", "张三"), ("clerk2", "承办人", "赵六"), ("reviewer", "法制审核", "李法审"),
                            ("leader", "负责人", "王局长")):
        admin.add_user(admin_url, logins[key], role, name, password="pw")
    return {k: login_url(office_db, v) for k, v in logins.items()} | {"owner": office_db}


def service_as(url: str) -> CaseService:
    return CaseService(PgStore(url))


def test_a_clerk_cannot_record_a_review_conclusion(office):
    clerk = service_as(office["clerk"])
    case = clerk.new_case({"party": PARTY})
    item = workflow.submit(clerk.store, clerk._resolve("cases", case, "案件"), subject="拟罚款五万元",
                           today=date(2026, 11, 20))
    with pytest.raises(StoreError, match="数据库拒绝了此操作.*审核、审批结论只能由法制审核人员或负责人本人记录"):
        workflow.record(clerk.store, item["review_id"], "同意")
    # a modified client: its own SQL, straight to the table
    with pytest.raises(StoreError, match="数据库拒绝了此操作"), clerk.store.transaction() as db:
        db.execute("UPDATE reviews SET conclusion='同意'")
    with pytest.raises(StoreError, match="数据库拒绝了此操作"), clerk.store.transaction() as db:
        db.execute("INSERT INTO reviews(case_id, kind, conclusion) VALUES (?, 'legal_review', '同意')",
                   (clerk._resolve("cases", case, "案件"),))
    assert workflow.review(clerk.store, item["review_id"])["conclusion"] is None


def test_a_clerk_cannot_write_the_legal_review_opinion(office):
    clerk = service_as(office["clerk"])
    case = clerk.new_case({"party": PARTY})
    with pytest.raises(StoreError, match="法制审核意见书》只能由法制审核人员填写"):
        clerk.add_document(case, "legal_review_opinion", draft("legal_review_opinion"))
    assert clerk.show(case)["documents"] == []


def test_a_clerk_cannot_change_a_saved_or_generated_version(office, tmp_path):
    clerk = service_as(office["clerk"])
    case = clerk.new_case({"party": PARTY})
    doc = clerk.add_document(case, "inspection_record", draft("inspection_record"))
    clerk.generate(doc, out_dir=tmp_path)
    for sql in ("UPDATE document_versions SET answers='{}'", "DELETE FROM document_versions",
                "UPDATE printed_versions SET fingerprint='0000-0000-0000-0000'", "DELETE FROM printed_versions"):
        with pytest.raises(StoreError, match="数据库拒绝了此操作"), clerk.store.transaction() as db:
            db.execute(sql)
    # nor the generated document's content in place, without a new version (a correction is a new version)
    row = clerk._resolve("documents", doc, "文书")
    with pytest.raises(StoreError, match="已生成（印制）的文书版本不能直接修改"), clerk.store.transaction() as db:
        db.execute("UPDATE documents SET answers='{}' WHERE id=?", (row,))
    fixed = dict(clerk.document(doc)["answers"], content="更正后的检查内容")
    assert clerk.save(doc, fixed, reason="检查内容记录有误")["version"] > 1  # the proper way still works
    # not even the database owner: the triggers hold for every role
    owner = PgStore(office["owner"])
    with pytest.raises(StoreError, match="只能增加，不能修改或删除"), owner.transaction() as db:
        db.execute("UPDATE document_versions SET answers='{}'")
    assert clerk.verify_history() == []


def test_nobody_deletes_the_log_and_every_write_is_in_it(office):
    clerk = service_as(office["clerk"])
    case = clerk.new_case({"party": PARTY})
    clerk.add_document(case, "inspection_record", draft("inspection_record"))
    for sql in ("DELETE FROM audit_log", "UPDATE audit_log SET who='x'", "TRUNCATE audit_log"):
        with pytest.raises(StoreError, match="数据库拒绝了此操作"), clerk.store.transaction() as db:
            db.execute(sql)
    owner = PgStore(office["owner"])
    with pytest.raises(StoreError, match="操作日志只能增加"), owner.transaction() as db:
        db.execute("DELETE FROM audit_log")
    rows = owner._query("SELECT who, action, tbl FROM audit_log ORDER BY id")
    clerk_login = office["clerk"].split("://", 1)[1].split("@", 1)[0]
    assert (clerk_login, "INSERT", "cases") in [tuple(r) for r in rows]
    assert (clerk_login, "INSERT", "documents") in [tuple(r) for r in rows]


def test_a_clerk_drafts_only_in_the_cases_they_handle(office):
    clerk, other = service_as(office["clerk"]), service_as(office["clerk2"])
    case = clerk.new_case({"party": PARTY})
    with pytest.raises(StoreError, match="由 .* 承办，只有承办人本人可以起草"):
        other.add_document(case, "inspection_record", draft("inspection_record"))


def test_the_reviewers_queue_shows_the_submitted_case_and_the_clerk_sees_the_result(office):
    clerk, reviewer = service_as(office["clerk"]), service_as(office["reviewer"])
    case = clerk.new_case({"party": PARTY, "title": "某煤业公司未按规定安装报警装置案"})
    workflow.submit(clerk.store, clerk._resolve("cases", case, "案件"), subject="拟罚款五万元",
                    today=date(2026, 11, 20))
    queue = workflow.queue(reviewer.store)
    assert [(q["case_id"], q["title"], q["due"]) for q in queue] == [
        (case, "某煤业公司未按规定安装报警装置案", "2026-12-04")]  # 10 working days after Fri 20 Nov
    # the reviewer reads the case but cannot change the clerk's documents; writes the opinion form
    assert reviewer.show(case)["case_id"] == case
    opinion = reviewer.add_document(case, "legal_review_opinion", draft("legal_review_opinion"))
    assert reviewer.document(opinion)["kind"] == "legal_review_opinion"
    done = workflow.record(reviewer.store, queue[0]["review_id"], "同意", "事实清楚，证据确凿")
    assert done["conclusion"] == "同意" and done["decided_by"] == office["reviewer"].split("://")[1].split("@")[0]
    assert workflow.queue(reviewer.store) == []
    mine = workflow.agenda_items(clerk.store)
    assert [m["what"] for m in mine] == ["法制审核结论：同意（某煤业公司未按规定安装报警装置案）"]
    with pytest.raises(StoreError, match="已有结论"):
        workflow.record(reviewer.store, queue[0]["review_id"], "不同意")


def test_a_leader_approves_what_is_submitted_for_approval(office):
    clerk, leader, reviewer = service_as(office["clerk"]), service_as(office["leader"]), service_as(office["reviewer"])
    case = clerk.new_case({"party": PARTY})
    item = workflow.submit(clerk.store, clerk._resolve("cases", case, "案件"), kind="approval", subject="立案")
    assert item["due"] is None
    with pytest.raises(StoreError, match="无权记录"):
        workflow.record(reviewer.store, item["review_id"], "同意")
    assert workflow.record(leader.store, item["review_id"], "同意")["conclusion"] == "同意"
