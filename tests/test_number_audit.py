"""Numbers in the app: final generation takes the registry's number (once), drafts show a blank one,
and the re-check of a case names every number fault a legal reviewer must see."""

from __future__ import annotations

import pytest
from docx import Document

from templates.kinds import get_kind
from templates.render import RenderError, RenderRefused
from wenshu.number_audit import audit_case_numbers, draft_answers, generate_with_number
from wenshu.registry import ALLOCATED, ISSUED, VOID, ImportRow
from wenshu.settings import DEFAULTS

SETTINGS = DEFAULTS
PENALTY = "penalty_decision"
P = "（晋忻神）应急罚"


@pytest.fixture
def store(number_store):
    return number_store


def blank_penalty() -> dict:
    answers = get_kind(PENALTY).sample()
    answers["number"] = ""
    return answers


def docx_text(path) -> str:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts += [c.text for c in row.cells]
    return "\n".join(texts)


def codes(findings, document=None):
    return sorted(f["code"] for f in findings if document is None or f["document"] == document)


# --- final generation --------------------------------------------------------------------------------


def test_final_generation_takes_the_next_number_and_prints_it(tmp_path, store):
    answers = blank_penalty()
    result = generate_with_number(PENALTY, answers, tmp_path / "决定书.docx", 7, 101, SETTINGS)
    assert result.number == f"{P}〔2026〕1号"
    assert answers["number"] == result.number  # the case store saves the number with the answers
    assert result.number in docx_text(tmp_path / "决定书.docx")
    rec = store.for_document("101")
    assert (rec.number, rec.state, rec.case_id) == (result.number, ISSUED, "7")
    assert rec.path == str(tmp_path / "决定书.docx")

    other = generate_with_number(PENALTY, blank_penalty(), tmp_path / "b.docx", 7, 102, SETTINGS)
    assert other.number == f"{P}〔2026〕2号"


def test_generating_again_reuses_the_number(tmp_path, store):
    first = generate_with_number(PENALTY, blank_penalty(), tmp_path / "a.docx", 7, 101, SETTINGS)
    answers = blank_penalty()  # e.g. the number field was cleared before generating again
    again = generate_with_number(PENALTY, answers, tmp_path / "a.docx", 7, 101, SETTINGS)
    assert again.number == first.number and again.reused and not first.reused
    assert [r.number for r in store.records()] == [first.number]
    # with the number kept in the answers it is also accepted as the document's own
    kept = generate_with_number(PENALTY, answers, tmp_path / "a.docx", 7, 101, SETTINGS)
    assert kept.number == first.number and len(store.records()) == 1


def test_a_document_with_errors_takes_no_number(tmp_path, store):
    answers = blank_penalty()
    answers["facts"] = ""
    with pytest.raises(RenderRefused) as refused:
        generate_with_number(PENALTY, answers, tmp_path / "a.docx", 7, 101, SETTINGS)
    assert any(f["path"] == "/facts" for f in refused.value.findings)
    assert not any(f["path"] == "/number" for f in refused.value.findings)  # blank number is no fault
    assert store.records() == [] and not (tmp_path / "a.docx").exists()
    assert answers["number"] == ""


def test_a_failed_write_keeps_the_reservation_for_the_document(tmp_path, store):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RenderError):
        generate_with_number(PENALTY, blank_penalty(), blocker / "a.docx", 7, 101, SETTINGS)
    rec = store.for_document("101")
    assert rec.state == ALLOCATED and rec.number == f"{P}〔2026〕1号"
    # another document does not get it; the same document gets it back and it is confirmed
    assert generate_with_number(PENALTY, blank_penalty(), tmp_path / "b.docx", 7, 102, SETTINGS).number \
        == f"{P}〔2026〕2号"
    again = generate_with_number(PENALTY, blank_penalty(), tmp_path / "a.docx", 7, 101, SETTINGS)
    assert again.number == rec.number and store.get(rec.number).state == ISSUED


def test_a_typed_number_the_registry_does_not_know_is_refused(tmp_path, store):
    answers = get_kind(PENALTY).sample()  # carries （晋忻神）应急罚〔2026〕12号, never registered
    with pytest.raises(RenderRefused) as refused:
        generate_with_number(PENALTY, answers, tmp_path / "a.docx", 7, 101, SETTINGS)
    assert [f["code"] for f in refused.value.findings] == ["number.not_registered"]
    assert "导入" in refused.value.findings[0]["message"]
    assert store.records() == []


def test_an_imported_unbound_number_may_be_typed_in(tmp_path, store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕12号")])
    result = generate_with_number(PENALTY, get_kind(PENALTY).sample(), tmp_path / "a.docx", 7, 101, SETTINGS)
    assert result.number == f"{P}〔2026〕12号"
    assert len(store.records()) == 1


def test_a_voided_number_cannot_be_typed_in(tmp_path, store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕12号", state=VOID, void_reason="打印错误")])
    with pytest.raises(RenderRefused) as refused:
        generate_with_number(PENALTY, get_kind(PENALTY).sample(), tmp_path / "a.docx", 7, 101, SETTINGS)
    assert refused.value.findings[0]["code"] == "number.voided"
    assert "打印错误" in refused.value.findings[0]["message"]


def test_a_kind_without_code_is_written_without_a_number(tmp_path, store):
    kind = get_kind("inquiry_record")
    result = generate_with_number(kind, kind.sample(), tmp_path / "笔录.docx", 7, 103, SETTINGS)
    assert result.number is None and (tmp_path / "笔录.docx").exists()
    assert store.records() == []


def test_drafts_show_a_blank_number_and_take_none(store):
    answers = blank_penalty()
    shown = draft_answers(PENALTY, answers, SETTINGS)
    assert shown["number"] == f"{P}〔2026〕\u3000\u3000号"
    assert answers["number"] == ""  # the draft view does not change the saved answers
    assert store.records() == []
    typed = get_kind(PENALTY).sample()
    assert draft_answers(PENALTY, typed, SETTINGS)["number"] == typed["number"]


def test_the_draft_placeholder_is_replaced_at_final_generation(tmp_path):
    answers = draft_answers(PENALTY, blank_penalty(), SETTINGS)
    result = generate_with_number(PENALTY, answers, tmp_path / "a.docx", 7, 101, SETTINGS)
    assert result.number == f"{P}〔2026〕1号"


# --- re-checking a case ------------------------------------------------------------------------------


def doc(doc_id, number, state="generated", kind=PENALTY, title=None, **extra):
    answers = {"number": number, "date": "2026-12-01", **extra}
    return {"id": doc_id, "kind": kind, "title": title, "answers": answers, "state": state}


def test_a_clean_case_has_no_findings(tmp_path, store):
    a = blank_penalty()
    generate_with_number(PENALTY, a, tmp_path / "a.docx", 7, 101, SETTINGS)
    documents = [{"id": 101, "kind": PENALTY, "answers": a, "state": "generated"},
                 doc(102, "", state="draft"),
                 doc(103, f"{P}〔2026〕\u3000\u3000号", state="draft")]
    assert audit_case_numbers(documents, store=store, settings=SETTINGS, case_id=7) == []


def test_format_faults_are_found_with_the_fix(store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕9号", case_id="7", document_id="101")])
    found = audit_case_numbers([doc(101, f"{P}[2026]009号")], store=store, settings=SETTINGS, case_id=7)
    assert {"number.bracket", "number.seq_leading_zero"} <= set(codes(found))
    assert any(f"建议改为：{P}〔2026〕9号" in f["message"] for f in found)
    assert all(f["document"] == 101 and f["path"] == "/number" for f in found)


def test_wrong_code_and_year_after_the_document_are_found(store):
    found = audit_case_numbers([doc(101, "（晋忻神）应急检记〔2027〕3号")], store=store, settings=SETTINGS)
    assert {"number.code_mismatch", "number.year"} <= set(codes(found))


def test_a_generated_document_without_number_is_found(store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕4号", document_id="101")])
    found = audit_case_numbers([doc(101, ""), doc(102, "", state="draft")], store=store, settings=SETTINGS)
    assert codes(found) == ["number.missing_final"]
    assert f"{P}〔2026〕4号" in found[0]["message"]  # the registry's number is named


def test_duplicates_within_the_case_are_found(store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕5号")])
    found = audit_case_numbers([doc(101, f"{P}〔2026〕5号"), doc(102, f"{P}〔2026〕5号", title="另一份决定书")],
                               store=store, settings=SETTINGS)
    dup = [f for f in found if f["code"] == "number.duplicate"]
    assert sorted(f["document"] for f in dup) == [101, 102]
    assert "另一份决定书" in dup[0]["message"]


def test_numbers_missing_from_the_registry_are_errors_when_final(store):
    found = audit_case_numbers([doc(101, f"{P}〔2026〕6号"), doc(102, f"{P}〔2026〕8号", state="draft")],
                               store=store, settings=SETTINGS)
    sev = {f["document"]: f["severity"] for f in found if f["code"] == "number.not_registered"}
    assert sev == {101: "error", 102: "warning"}


def test_a_number_of_another_document_or_case_is_found(store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕6号", case_id="8", document_id="900",
                                     document_title="行政处罚决定书")])
    found = audit_case_numbers([doc(101, f"{P}〔2026〕6号")], store=store, settings=SETTINGS, case_id=7)
    assert codes(found) == ["number.other_document"]
    assert "案件 8" in found[0]["message"]


def test_a_voided_number_still_on_a_document_is_found(store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕6号", document_id="101")])
    store.void(f"{P}〔2026〕6号", "当事人名称写错")
    found = audit_case_numbers([doc(101, f"{P}〔2026〕6号")], store=store, settings=SETTINGS)
    assert codes(found) == ["number.voided"]
    assert "当事人名称写错" in found[0]["message"]


def test_a_document_carrying_another_number_than_the_registry_is_found(store):
    store.import_existing([ImportRow(number=f"{P}〔2026〕6号", document_id="101"),
                           ImportRow(number=f"{P}〔2026〕7号")])
    found = audit_case_numbers([doc(101, f"{P}〔2026〕7号")], store=store, settings=SETTINGS)
    assert codes(found) == ["number.registry_differs"]
    assert f"{P}〔2026〕6号" in found[0]["message"]


# --- importing issued numbers ------------------------------------------------------------------------


def test_numbers_are_imported_from_an_issued_docx(tmp_path, store):
    from templates.render import render_document
    from wenshu.number_audit import import_number_files

    kind = get_kind(PENALTY)
    issued = tmp_path / "旧决定书.docx"
    render_document(kind, kind.sample(), issued)  # carries （晋忻神）应急罚〔2026〕12号
    unnumbered = tmp_path / "笔录.docx"
    render_document(get_kind("inquiry_record"), get_kind("inquiry_record").sample(), unnumbered)
    summary = import_number_files([issued, unnumbered], store)
    assert [r.number for r in summary.imported] == [f"{P}〔2026〕12号"]
    assert store.get(f"{P}〔2026〕12号").path == str(issued.resolve())
    assert "笔录.docx" in summary.message() and "13 号起" in summary.message()
    again = import_number_files([issued], store)
    assert again.imported == [] and again.already == [f"{P}〔2026〕12号"]
    assert "未重复导入" in again.message()


def test_an_unusable_import_file_changes_nothing(tmp_path, store):
    from wenshu.number_audit import import_number_files
    from wenshu.registry import RegistryError

    good = tmp_path / "a.csv"
    good.write_text(f"文号\n{P}〔2026〕3号\n", encoding="utf-8")
    other = tmp_path / "清单.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(RegistryError, match="只支持"):
        import_number_files([good, other], store)
    with pytest.raises(RegistryError, match="找不到文件"):
        import_number_files([tmp_path / "missing.csv"], store)
    assert store.records() == []


def test_a_generated_decision_records_the_rule_set_it_was_checked_against(tmp_path, store):
    answers = blank_penalty()
    generate_with_number(PENALTY, answers, tmp_path / "a.docx", 7, 101, SETTINGS)
    assert answers["rule_set"] == "seed001"  # the default: 001's thresholds
    answers = blank_penalty()
    generate_with_number(PENALTY, answers, tmp_path / "b.docx", 7, 102, {**SETTINGS, "rule_set": "seed002"})
    assert answers["rule_set"] == "seed002"
