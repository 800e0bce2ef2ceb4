"""One contract for both back ends (issue 16): the single-PC SQLite files and the office PostgreSQL
database answer the case service, the number registry and the roster the same way.

Every test runs twice: ``sqlite`` (the data folder) and ``postgres`` (a fresh database on the test server,
``WENSHU_DATABASE`` set, as an office PC runs)."""

from __future__ import annotations

import pytest
from samples import draft

from wenshu.registry import RegistryError
from wenshu.registry import open_store as open_registry
from wenshu.service import CaseService
from wenshu.store import StoreError, open_store

PARTY = {"type": "organization", "name": "神池县某煤业有限公司", "uscc": "91110000600037341L",
         "legal_rep": "王五", "title": "总经理", "address": "神池县某路1号", "phone": "13800000000"}


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, monkeypatch):
    if request.param == "postgres":
        url = request.getfixturevalue("office_db")
        monkeypatch.setenv("WENSHU_DATABASE", url)
    return request.param


@pytest.fixture
def service(backend):
    s = CaseService(open_store())
    yield s
    s.close()


def test_the_factories_choose_the_back_end(backend):
    store, registry = open_store(), open_registry()
    try:
        assert (type(store).__name__, type(registry).__name__) == (
            ("Store", "SqliteNumberStore") if backend == "sqlite" else ("PgStore", "PgNumberStore"))
    finally:
        store.close()
        registry.close()


def test_a_case_its_documents_and_every_version(service):
    case = service.new_case({"party": PARTY, "facts": {"case_number": "神应急立〔2026〕7号"}})
    doc = service.add_document(case, "inspection_record", draft("inspection_record"))
    first = service.document(doc)["version"]
    answers = dict(service.document(doc)["answers"], place="神池县某煤业有限公司地面调度室")
    saved = service.save(doc, answers)
    assert saved["version"] == first + 1
    assert service.document(doc)["answers"]["place"] == "神池县某煤业有限公司地面调度室"
    assert [v["version"] for v in service.versions(doc)] == [first, first + 1]
    assert [c["case_id"] for c in service.list_cases("煤业")] == [case]
    assert service.list_cases("不存在的名称") == []
    shown = service.show(case)
    assert [d["document_id"] for d in shown["documents"]] == [doc]
    assert service.verify_history() == []


def test_autosaves_of_one_session_add_at_most_two_versions(service):
    case = service.new_case({"party": PARTY})
    doc = service.add_document(case, "inspection_record", draft("inspection_record"))
    before = len(service.versions(doc))
    answers = service.document(doc)["answers"]
    for i in range(20):
        service.autosave(doc, dict(answers, content=f"检查内容第{i}次"))
    service.end_session(doc)
    assert service.document(doc)["answers"]["content"] == "检查内容第19次"
    assert len(service.versions(doc)) <= before + 2
    assert service.verify_history() == []


def test_withdrawing_keeps_the_document(service):
    case = service.new_case({"party": PARTY})
    doc = service.add_document(case, "inspection_record", draft("inspection_record"))
    service.withdraw(doc, "填写错误，重新制作")
    shown = service.show(case)
    assert [d["state"] for d in shown["documents"] if d["document_id"] == doc] == ["withdrawn"]


def test_history_rows_cannot_be_changed(backend, service):
    case = service.new_case({"party": PARTY})
    doc = service.add_document(case, "inspection_record", draft("inspection_record"))
    store = service.store
    with pytest.raises(StoreError), store.transaction() as db:
        db.execute("UPDATE document_versions SET answers='{}'")
    with pytest.raises(StoreError), store.transaction() as db:
        db.execute("DELETE FROM document_versions")
    assert service.verify_history() == []
    assert service.document(doc)["version"] >= 1


def test_numbers_in_sequence_bound_to_documents_voided_and_imported(backend):
    from wenshu.registry import ImportRow

    reg = open_registry()
    try:
        first = reg.allocate("（晋忻神）应急罚", 2026)
        second = reg.allocate("（晋忻神）应急罚", 2026)
        assert (first.seq, second.seq) == (1, 2)
        bound = reg.number_for_document("（晋忻神）应急罚", 2026, "case-1", "doc-1")
        assert reg.number_for_document("（晋忻神）应急罚", 2026, "case-1", "doc-1").number == bound.number
        reg.confirm(bound.number, "/tmp/x.docx")
        assert reg.for_document("doc-1").state == "issued"
        reg.void(first.number, "文书填写错误，重新制作")
        assert reg.get(first.number).state == "void"
        result = reg.import_existing([ImportRow(number="（晋忻神）应急罚〔2026〕9号")])
        assert [r.seq for r in result.imported] == [9]
        assert reg.allocate("（晋忻神）应急罚", 2026).seq == 10
        assert reg.gaps("（晋忻神）应急罚", 2026) == [(4, 8)]
        with pytest.raises(RegistryError, match="作废原因"):
            reg.void(second.number, "")
    finally:
        reg.close()


def test_generating_takes_the_number_and_records_the_printed_version(service, tmp_path):
    case = service.new_case({"party": PARTY})
    doc = service.add_document(case, "inspection_record", draft("inspection_record"))
    out = service.generate(doc, out_dir=tmp_path)
    assert out["number"].endswith("1号")
    assert service.printed(doc)[0]["fingerprint"] == out["fingerprint"]
    assert service.find_fingerprint(out["fingerprint"])
    again = service.generate(doc, out_dir=tmp_path)
    assert again["number"] == out["number"]
    assert service.verify_history() == []


def test_the_roster(service):
    service.replace_officers([{"name": "张三", "cert_no": "14090012345", "unit": "执法大队",
                               "valid_until": "2027-12-31"}])
    assert [o["cert_no"] for o in service.officers()] == ["14090012345"]


def test_the_agenda_over_every_case(service):
    from datetime import date

    case = service.new_case({"party": PARTY})
    doc = service.add_document(case, "penalty_notice", draft("penalty_notice"))
    answers = service.document(doc)["answers"]
    assert service.agenda(date(2026, 1, 1), 3) == service.agenda(date(2026, 1, 1), 3)  # cached the second time
    shown = service.show(case)
    assert shown["case_id"] == case and isinstance(shown["deadlines"], list)
    later = [i for i in service.agenda(date(2030, 1, 1), 3) if i.case_id == case]
    assert later and all(i.status == "overdue" for i in later), answers.get("date")
