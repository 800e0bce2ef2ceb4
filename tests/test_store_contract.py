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


# --- issue 15 on both back ends: the party directory, the draw log and its conflicts; statistics, 案卷评查 and
# the 公示台账 through the command line (office mode: schema 2 of wenshu.pg.schema) ---------------------------
def _uscc(n: int) -> str:
    from validators.identity import uscc_check_char

    base = f"9114093{n:010d}"
    return base + uscc_check_char(base)


def test_the_party_directory_keeps_one_entry_per_code_and_logs_every_change(service):
    from wenshu.parties import PartyDirectory, PartyError

    directory = PartyDirectory(service.store, "张三")
    assert directory.put(PARTY)["action"] == "added"
    assert directory.put(PARTY)["action"] == "unchanged"
    case = service.new_case({"party": PARTY})
    changed = directory.put(dict(PARTY, phone="13900000000"))
    assert changed["action"] == "updated"
    assert [o["case_id"] for o in changed["offers"]] == [case]  # offered, not applied
    assert service.case(case)["party"]["phone"] == "13800000000"
    assert [e["key"] for e in directory.list("煤业")] == [PARTY["uscc"]]
    assert [e["action"] for e in directory.log(PARTY["uscc"])] == ["added", "updated"]
    assert directory.find("神池县某煤业有限公司")["phone"] == "13900000000"
    with pytest.raises(PartyError, match="统一社会信用代码"):
        directory.put(dict(PARTY, uscc="91110000600037341X"))
    with pytest.raises(StoreError), service.store.transaction() as db:  # the log is append-only
        db.execute("UPDATE party_log SET data='{}'")
    with pytest.raises(StoreError), service.store.transaction() as db:
        db.execute("DELETE FROM party_log")
    assert len(directory.log()) == 2


def test_draws_respect_recorded_conflicts_are_logged_chained_and_start_cases(service):
    from wenshu.draws import DrawError, DrawLog, DrawRefused, Inspector, Target, run, start_cases

    targets = [Target(_uscc(n), f"神池县第{n}化工有限公司") for n in range(1, 7)]
    inspectors = [Inspector(f"140900{n:05d}", f"检查员{n}") for n in range(1, 5)]
    log = DrawLog(service.store, "张三")
    log.add_conflict(inspectors[0].cert_no, targets[0].key, "近亲属任该单位负责人")
    assert log.conflicts() == {(inspectors[0].cert_no, targets[0].key)}
    for seed in range(5):
        result = run(log, targets, inspectors, 6, 2, seed=str(seed))
        first = next(d for d in result["draws"] if d["target_code"] == targets[0].key)
        assert inspectors[0].cert_no not in first["inspector_certs"]
    with pytest.raises(DrawRefused, match="不能进行本次抽取"):
        run(log, targets, inspectors, 6, 4, seed="x")  # every target, 4 each: the first has only 3 eligible
    entries = log.entries()
    assert [e["outcome"] for e in entries] == ["drawn"] * 5 + ["refused"]
    assert run(log, targets, inspectors, 6, 2, seed="0")["draws"] == entries[0]["draws"]  # the same seed, the same
    assert log.verify() == []
    started = start_cases(service, log.get(entries[0]["draw_id"]))
    assert len(started) == 6 and all(service.case(s["case_id"])["title"].endswith("双随机抽查") for s in started)
    with pytest.raises(DrawError, match="不再重复新建"):
        start_cases(service, log.get(entries[0]["draw_id"]))
    with pytest.raises(StoreError), service.store.transaction() as db:
        db.execute("UPDATE draw_log SET seed='9'")
    with pytest.raises(StoreError), service.store.transaction() as db:
        db.execute("DELETE FROM draw_log")
    assert len(log.entries()) == 7 and log.verify() == []


@pytest.fixture
def built_case(backend, tmp_path):
    """The scripted case (a 50,000 元 fine decided 2026-11-20, closed 2026-11-30) in the back end's store."""
    from archive_helpers import NOW, build_case

    service = CaseService(open_store(), clock=lambda: NOW)
    try:
        case, _docs = build_case(service, tmp_path / "gen")
    finally:
        service.close()
    return case


def _cli(capsys, *argv: str):
    import json

    from wenshu import cli

    capsys.readouterr()
    code = cli.main(list(argv))
    out = capsys.readouterr()
    assert code == 0 and "Traceback" not in out.err, out.err
    return json.loads(out.out)


def test_wenshu_stats_on_the_back_end(built_case, capsys):
    figures = _cli(capsys, "stats", "--year", "2026")
    assert figures["fines"] == {"count": 1, "amount": "50000.00"}


def test_wenshu_case_review_on_the_back_end(built_case, capsys):
    result = _cli(capsys, "case", "review", built_case, "--today", "2026-12-01")
    assert [i["item"] for i in result["items"]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]


def test_wenshu_publication_list_on_the_back_end(built_case, capsys):
    rows = _cli(capsys, "publication", "list", "--today", "2026-11-25")
    row = next(r for r in rows if r["case_id"] == built_case)
    assert row["status"] == "待公示" and row["publication_due"] == "2026-12-01"
