"""The case store keeps every version, records printed copies, and refuses damaged files without harm."""

import sqlite3
from datetime import date

import pytest

from templates.kinds import get_kind
from templates.render import fingerprint
from wenshu.roster import load_roster, replace_roster, usable_on
from wenshu.store import DRAFT, GENERATED, HAS_ERRORS, Store, StoreError, default_path


def test_every_saved_version_is_kept_and_a_correction_records_its_reason():
    store = Store()
    case_id = store.create_case("测试案", {"type": "person", "name": "赵甲"})
    doc_id = store.add_document(case_id, "inspection_record", {"place": "甲"})
    store.save_document(doc_id, {"place": "乙"}, HAS_ERRORS)
    store.save_document(doc_id, {"place": "乙"}, HAS_ERRORS)  # unchanged: no new version
    store.save_document(doc_id, {"place": "丙"}, DRAFT, reason="地点写错，更正")
    versions = store.versions(doc_id)
    assert [v["answers"]["place"] for v in versions] == ["甲", "乙", "丙"]
    assert versions[-1]["reason"] == "地点写错，更正"
    doc = store.get_document(doc_id)
    assert doc["version"] == 3 and doc["state"] == DRAFT and doc["answers"] == {"place": "丙"}


def test_saved_data_survives_closing_and_reopening():
    store = Store()
    case_id = store.create_case("持久案")
    doc_id = store.add_document(case_id, "inspection_record", {"content": "检查内容：消防通道"})
    store.close()
    again = Store()
    assert again.get_case(case_id)["title"] == "持久案"
    assert again.get_document(doc_id)["answers"]["content"] == "检查内容：消防通道"


def test_a_failed_transaction_leaves_nothing_behind():
    store = Store()
    with pytest.raises(RuntimeError):
        with store.transaction() as db:
            db.execute("INSERT INTO cases(title, party, facts, created, updated) VALUES ('半截', '{}', '{}', 'x', 'x')")
            raise RuntimeError("断电")
    assert store.list_cases() == []


def test_printed_versions_carry_the_fingerprint_of_what_was_printed():
    kind = get_kind("inspection_record")
    store = Store()
    case_id = store.create_case("打印案")
    answers = kind.sample()
    doc_id = store.add_document(case_id, kind.name, answers)
    fp = fingerprint(kind, answers)
    store.record_printed(doc_id, 1, "/tmp/x.docx", fp, "clerk")
    assert store.get_document(doc_id)["state"] == GENERATED
    assert store.printed(doc_id)[0]["fingerprint"] == fp
    found = store.find_fingerprint(fp.lower())
    assert found[0]["document_id"] == doc_id and found[0]["version"] == 1
    assert store.version_answers(doc_id, 1) == answers


def test_case_list_is_newest_first_and_searchable_by_party_number_and_date():
    store = Store()
    first = store.create_case("甲案", {"name": "某煤业有限公司"}, {"case_number": "（晋忻神）应急立〔2026〕3号"})
    second = store.create_case("乙案", {"name": "王某"})
    assert [c["id"] for c in store.list_cases()] == [second, first]
    assert [c["id"] for c in store.list_cases("煤业")] == [first]
    assert [c["id"] for c in store.list_cases("应急立〔2026〕3")] == [first]
    today = date.today().isoformat()[:7]
    assert {c["id"] for c in store.list_cases(today)} == {first, second}
    assert store.list_cases("不存在的当事人") == []


def test_a_damaged_database_gets_a_chinese_message_and_is_not_touched():
    path = default_path()
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        Store()
    assert "已损坏" in str(info.value)
    assert path.read_bytes() == garbage


def test_a_database_from_a_newer_version_is_refused():
    db = sqlite3.connect(default_path())
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(StoreError) as info:
        Store()
    assert "更新版本" in str(info.value)


def test_a_locked_database_says_another_program_holds_it():
    store = Store(timeout=0.05)
    case_id = store.create_case("锁定案")
    other = sqlite3.connect(default_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as info:
            store.update_case(case_id, title="改名")
        assert "占用" in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.get_case(case_id)["title"] == "锁定案"


def test_roster_gives_certificates_and_blocks_expired_officers():
    assert load_roster() == {}
    assert not default_path().exists()  # reading the roster never creates a store
    store = Store()
    replace_roster(store, [{"name": "张三", "cert_no": "14090012345", "unit": "执法大队", "valid_until": "2026-06-30"}])
    roster = load_roster()
    cert = roster["14090012345"]
    assert cert.name == "张三" and cert.valid_until == date(2026, 6, 30)
    assert usable_on(cert, date(2026, 7, 1)).ok is False
    assert "到期" in usable_on(cert, date(2026, 6, 20)).warning
    assert usable_on(cert, date(2026, 1, 1)) == usable_on(cert, date(2026, 1, 2))


def test_roster_rejects_bad_rows_without_changing_anything():
    store = Store()
    replace_roster(store, [{"name": "张三", "cert_no": "1"}])
    with pytest.raises(ValueError, match="有效期"):
        replace_roster(store, [{"name": "李四", "cert_no": "2", "valid_until": "明年"}])
    with pytest.raises(ValueError, match="重复"):
        replace_roster(store, [{"name": "李四", "cert_no": "2"}, {"name": "王五", "cert_no": "2"}])
    assert [o["name"] for o in store.officers()] == ["张三"]


def test_the_check_context_carries_the_saved_roster():
    from wenshu.settings import load_context

    replace_roster(Store(), [{"name": "张三", "cert_no": "14090012345", "valid_until": "2027-12-31"}])
    assert load_context("inspection_record").roster["14090012345"].valid_until == date(2027, 12, 31)


def test_case_events_are_kept_in_date_order_for_deadlines():
    store = Store()
    case_id = store.create_case("期限案")
    store.add_event(case_id, "decision", "2026-11-20", "送达处罚决定书")
    store.add_event(case_id, "filing", "2026-09-01", "立案")
    assert [e["kind"] for e in store.events(case_id)] == ["filing", "decision"]
