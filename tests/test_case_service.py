"""The case service (wenshu/service.py): the one place that decides a case's documents, findings, states,
next steps and final files — as a clerk or legal staff would see them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from samples import draft as _sample

from templates.kinds import all_kinds, get_kind
from wenshu.service import CaseService, Refused, Unusable, case_kinds
from wenshu.store import Store

NOW = datetime(2026, 12, 1, 10, 30, 20)


@pytest.fixture
def service():
    s = CaseService(Store(), clock=lambda: NOW)
    yield s
    s.close()


@pytest.fixture
def case(service):
    ins = get_kind("inspection_record").sample()
    return service.new_case({"title": "神池县某煤业有限公司安全生产违法案", "party": ins["object"],
                             "officers": ins["officers"]})


def _sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_two_records_of_one_kind_give_two_files_with_two_numbers(service, case):
    first = service.add_document(case, "inspection_record", _sample("inspection_record"))
    second = service.add_document(case, "inspection_record", _sample("inspection_record", place="神池县某煤业有限公司地面变电所"))
    a, b = service.generate(first), service.generate(second)
    assert a["number"] != b["number"] and a["path"] != b["path"]
    assert a["number"] in Path(a["path"]).name and "第" in Path(a["path"]).name
    before = _sha(a["path"])
    service.generate(second)  # again, unchanged: nothing of the first is touched
    assert _sha(a["path"]) == before
    states = {d["document_id"]: d["state"] for d in service.show(case)["documents"]}
    assert states[first] == states[second] == "generated"  # another place is no change of the case


def test_adding_twice_without_typing_gives_one_document(service, case):
    one = service.add_document(case, "inquiry_record")
    assert service.add_document(case, "inquiry_record") == one
    service.save(one, {**service.document(one)["answers"], "place": "会议室"})
    assert service.add_document(case, "inquiry_record") != one  # the first was used: a second record


def test_a_kind_kept_once_per_case_is_refused_a_second_time(service, case):
    service.save(service.add_document(case, "case_filing"), _sample("case_filing"))
    with pytest.raises(Unusable, match="每案只制作一份"):
        service.add_document(case, "case_filing", {"reason": "另一份"})
    with pytest.raises(Unusable, match="不是案件中的执法文书"):
        service.add_document(case, "notice")


def test_withdrawn_documents_stay_hidden_and_keep_their_number_voided(service, case, number_store):
    doc = service.add_document(case, "inspection_record", _sample("inspection_record"))
    issued = service.generate(doc)
    with pytest.raises(Refused) as refused:
        service.withdraw(doc, "  ")
    assert refused.value.findings[0]["code"] == "withdraw.reason_missing"
    assert service.withdraw(doc, "当事人名称有误")["state"] == "withdrawn"
    assert [d["state"] for d in service.show(case)["documents"]] == ["withdrawn"]
    assert number_store.get(issued["number"]).state == "void"
    assert Path(issued["path"]).exists() and service.printed(doc)  # nothing deleted
    with pytest.raises(Unusable):
        service.save(doc, {})
    with pytest.raises(Refused):
        service.generate(doc)
    again = service.generate(service.add_document(case, "inspection_record", _sample("inspection_record")))
    assert again["number"] != issued["number"]  # a voided number is never issued again


def test_next_names_the_review_forms_for_a_major_decision_and_no_optional_kind(service, case):
    notice = _sample("penalty_notice", penalties=[{"kind": "fine", "amount": "50000", "description": "罚款"}])
    service.add_document(case, "penalty_notice", notice)
    show = service.show(case)
    kinds = [n["kind"] for n in show["next"]]
    assert show["major"]["major"] and "5万元" in show["major"]["reasons"][0]
    assert kinds.index("legal_review_application") < kinds.index("penalty_decision")
    assert {"legal_review_approval", "legal_review_opinion", "collective_discussion"} <= set(kinds)
    optional = {k.name for k in case_kinds() if not k.meta.get("needed")}
    assert optional >= {"survey_record", "sampling_receipt", "inquiry_record"} and not optional & set(kinds)
    assert all(n["why"] for n in show["next"])
    small = CaseService(service.store, clock=lambda: NOW)
    other = small.new_case({"party": get_kind("inspection_record").sample()["object"]})
    small.add_document(other, "penalty_notice", _sample("penalty_notice"))  # 35000元: not major
    assert "legal_review_application" not in [n["kind"] for n in small.show(other)["next"]]


def test_a_major_decision_waits_for_an_agreeing_review(service, case):
    notice = _sample("penalty_notice", penalties=[{"kind": "fine", "amount": "50000", "description": "罚款"}])
    service.add_document(case, "penalty_notice", notice)
    decision = service.add_document(case, "penalty_decision", _sample(
        "penalty_decision", penalties=[{"kind": "fine", "amount": "50000"}], legal_review=None))
    with pytest.raises(Refused) as refused:
        service.generate(decision)
    assert "legal_review.required" in [f["code"] for f in refused.value.findings]
    opinion = service.add_document(case, "legal_review_opinion", _sample("legal_review_opinion", conclusion="纠正"))
    assert not service.show(case)["major"]["may_decide"]  # the page agrees with the rule
    assert "legal_review.required" in [f["code"] for f in service.check(decision)]
    service.save(opinion, _sample("legal_review_opinion", conclusion="同意"))
    assert service.show(case)["major"]["may_decide"]
    assert service.generate(decision)["number"]


def test_the_decision_and_the_review_forms_carry_what_the_notice_knows(service, case):
    notice = _sample("penalty_notice", penalties=[{"kind": "fine", "amount": "50000", "description": "罚款"}])
    service.add_document(case, "penalty_notice", notice)
    decision = service.document(service.add_document(case, "penalty_decision"))["answers"]
    assert decision["evidence"] == notice["evidence"] and decision["violated"] == notice["violated"]
    assert decision["basis"] == notice["applied"]
    assert decision["penalties"] == [{"kind": "fine", "amount": "50000", "description": "罚款"}]
    application = service.document(service.add_document(case, "legal_review_application"))["answers"]
    assert application["proposed_decision"] == "罚款人民币50000.00元"
    assert application["violated_provisions"] == notice["violated"]
    assert application["matter"] == "神池县某煤业有限公司安全生产违法案拟作出的行政处罚决定"


def test_now_is_read_on_every_check(service, case):
    moments = [NOW]
    clocked = CaseService(service.store, clock=lambda: moments[-1])
    start = (NOW - timedelta(minutes=50)).strftime("%Y-%m-%dT%H:%M")
    end = (NOW + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")  # typed a minute ahead of the clock
    doc = clocked.add_document(case, "inspection_record", _sample("inspection_record", time={"start": start, "end": end}))
    assert any("future" in f["code"] for f in clocked.check(doc))
    moments.append(NOW + timedelta(minutes=2))  # the clerk kept typing; the time is now in the past
    assert not any("future" in f["code"] for f in clocked.check(doc))


def test_hidden_fields_and_a_blank_number_are_no_findings(service, case):
    receipt = _sample("delivery_receipt")
    receipt["rows"][0]["witness"] = {"name": 5}  # a wrong type in a field that 直接送达 hides
    doc = service.add_document(case, "delivery_receipt", receipt)
    assert not [f for f in service.check(doc) if f["path"].startswith("/rows/0/witness") or f["path"] == "/number"]
    receipt["rows"][0]["method"] = "留置"
    service.save(doc, receipt)  # now the witness applies, and its fault shows
    assert [f for f in service.check(doc) if f["path"].startswith("/rows/0/witness")]


def test_regenerating_an_issued_document_needs_a_reason_and_keeps_the_old_file(service, case):
    doc = service.add_document(case, "inspection_record", _sample("inspection_record"))
    first = service.generate(doc)
    before = _sha(first["path"])
    changed = {**service.document(doc)["answers"], "content": "补充检查了通风系统。"}
    service.save(doc, changed)
    with pytest.raises(Refused) as refused:
        service.generate(doc)
    assert refused.value.findings[0]["code"] == "correction.reason_required"
    second = service.generate(doc, reason="补记检查内容")
    assert second["number"] == first["number"] and second["version"] > first["version"]
    assert second["path"] != first["path"] and _sha(first["path"]) == before
    assert service.versions(doc)[-1]["reason"] == "补记检查内容"


def test_stale_when_the_party_changes_after_printing(service, case):
    doc = service.add_document(case, "inspection_record", _sample("inspection_record"))
    service.generate(doc)
    party = dict(service.case(case)["party"], name="神池县某煤业有限责任公司")
    service.update_case(case, party=party)
    row = service.show(case)["documents"][0]
    assert row["state"] == "stale" and row["stale_fields"]


def test_ids_and_prefixes(service, case):
    assert service.case_id(case[:8]) == case
    with pytest.raises(Unusable, match="至少"):
        service.case_id(case[:7])
    with pytest.raises(Unusable, match="没有"):
        service.case_id("ffffffff-0000")


def test_export_and_import_keep_ids_numbers_and_fingerprints(service, case, tmp_path, monkeypatch):
    doc = service.add_document(case, "inspection_record", _sample("inspection_record"))
    issued = service.generate(doc)
    out = tmp_path / "案件.json"
    service.export_case(case, out)
    assert service.import_cases([out])["refused"][0]["message"].count("已在本机")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("WENSHU_HOME", str(elsewhere))
    there = CaseService(Store(), clock=lambda: NOW)
    assert there.import_cases([out]) == {"imported": [case], "refused": []}
    row = there.show(case)["documents"][0]
    assert row["document_id"] == doc and row["number"] == issued["number"] and row["state"] == "generated"
    assert there.find_fingerprint(issued["fingerprint"])[0]["document_id"] == doc
    from wenshu.registry import open_store

    registry = open_store()
    assert registry.get(issued["number"]).document_id == doc
    registry.close()
    regenerated = there.generate(doc, out_dir=tmp_path / "out")  # unchanged: the same printed version
    assert regenerated["fingerprint"] == issued["fingerprint"]


def test_a_version_1_store_gets_uuids_and_its_numbers_follow(tmp_path, number_store):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    from wenshu import store as store_module

    db.executescript(store_module._SCHEMA)
    db.execute("PRAGMA user_version=1")
    answers = json.dumps(get_kind("inspection_record").sample(), ensure_ascii=False)
    db.execute("INSERT INTO cases(id, title, party, facts, created, updated) VALUES (1, '旧案', '{}', '{}', 'x', 'x')")
    db.execute("INSERT INTO documents(id, case_id, kind, answers, state, version, created, updated)"
               " VALUES (7, 1, 'inspection_record', ?, 'generated', 1, 'x', 'x')", (answers,))
    db.commit()
    db.close()
    from wenshu.registry import ImportRow

    number = get_kind("inspection_record").sample()["number"]
    number_store.import_existing([ImportRow(number=number, case_id="1", document_id="7")])
    service = CaseService(Store(path), clock=lambda: NOW)
    case = service.list_cases()[0]["case_id"]
    doc = service.show(case)["documents"][0]["document_id"]
    assert len(doc) == 36 and number_store.get(number).document_id == doc
    assert service.generate(doc)["number"] == number  # the document keeps the number it was issued


def test_every_kind_a_case_can_take_declares_its_place(service):
    for kind in case_kinds():
        needed = kind.meta.get("needed")
        assert needed is None or (isinstance(needed, dict) and needed.get("why")), kind.name
    # 公文, the 案卷评查表 (made about a case file, not in it) and the 双随机 list are not documents of a case
    assert sorted(k.name for k in all_kinds() if k not in case_kinds()) == [
        "case_review_sheet", "notice", "random_inspection_list"]


def test_generate_all_leaves_a_changed_printed_document_to_its_own_correction(service, case):
    doc = service.add_document(case, "inspection_record", _sample("inspection_record"))
    service.generate(doc)
    service.save(doc, {**service.document(doc)["answers"], "content": "补充内容"})
    ready, _held = service.generatable(case)
    assert doc not in ready  # it needs a 更正原因, which 生成全部 cannot ask for
