"""The 文书送达回执 as one document per case with a row per delivered document (2016 式样 文书送达回执 注1), the
case's delivery dates taken from its rows (民事诉讼法 第八十七至九十五条; 行政处罚法 第六十一条), and receipts of
the earlier one-per-delivery shape merged into one without losing anything."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from templates.kinds import get_kind
from validators.deadlines import due_date
from wenshu.agenda import case_events
from wenshu.service import MERGED_RECEIPT_REASON, CaseService
from wenshu.store import Store

NOW = datetime(2026, 12, 1, 10, 0)


def _receipt(*rows: dict) -> dict:
    answers = get_kind("delivery_receipt").sample()
    answers["rows"] = list(rows)
    return answers


def _decision_row(**fields) -> dict:
    return {"document_kind": "penalty_decision", "name": "行政处罚决定书", "doc_number": "（晋忻神）应急罚〔2026〕12号",
            "place": "该公司办公楼", **fields}


def _delivered(row: dict) -> date | None:
    return case_events([("delivery_receipt", _receipt(row))]).get("decision_delivered")


def test_periods_from_a_mailed_decision_start_on_the_return_receipt_date():
    # 民事诉讼法 第九十一条: 以回执上注明的收件日期为送达日期 — not the day it was posted
    row = _decision_row(method="邮寄", mail_no="EMS1", mailed_on="2026-12-02")
    assert _delivered(row) is None  # the card is not back: no period starts, none is guessed
    assert _delivered({**row, "mail_receipt_date": "2026-12-05"}) == date(2026, 12, 5)


def test_a_published_decision_is_delivered_thirty_days_after_publication():
    # 民事诉讼法 第九十五条 (行政处罚法 第六十一条): 自发出公告之日起，经过三十日，即视为送达
    row = _decision_row(method="公告", announced_on="2026-11-01", announcement_reason="下落不明")
    assert _delivered(row) == date(2026, 12, 1)
    assert due_date("payment", _delivered(row)) == date(2026, 12, 16)  # 行政处罚法 第六十七条: 15 days from it


def test_electronic_delivery_counts_from_arrival_and_only_with_consent():
    # 行政处罚法 第六十一条第二款; 民事诉讼法 第九十条第二款
    row = _decision_row(method="电子", e_address="aq@example.cn", arrived_at="2026-12-02T09:15")
    assert _delivered(row) is None
    assert _delivered({**row, "consent": True}) == date(2026, 12, 2)


def test_direct_and_left_deliveries_count_from_the_day_signed_or_left():
    assert _delivered(_decision_row(method="直接", delivered_at="2026-12-01T16:00")) == date(2026, 12, 1)
    assert _delivered(_decision_row(method="留置", delivered_at="2026-12-03T10:00")) == date(2026, 12, 3)


def test_the_case_deadlines_come_from_the_receipt_rows():
    service = CaseService(Store(), clock=lambda: NOW)
    try:
        case_id = service.new_case({"party": get_kind("inspection_record").sample()["object"]})
        answers = _receipt(_decision_row(method="公告", announced_on="2026-11-01", announcement_reason="下落不明"))
        answers.pop("number")
        service.add_document(case_id, "delivery_receipt", answers)
        rules = {d["rule"]: d for d in service.show(case_id)["deadlines"]}
        assert rules["payment"]["start"] == "2026-12-01" and rules["reconsideration"]["start"] == "2026-12-01"
        assert rules["litigation"]["start"] == "2026-12-01" and rules["payment"]["due"] == "2026-12-16"
    finally:
        service.close()


OLD_NOTICE = {"number": "（晋忻神）应急回〔2026〕15号", "agency": "神池县应急管理局",
              "documents": [{"name": "行政处罚告知书", "number": "（晋忻神）应急罚告〔2026〕8号"}],
              "document_kind": "penalty_notice", "recipient": "神池县某煤业有限公司", "place": "该公司办公楼",
              "method": "邮寄", "mail_no": "EMS9", "delivered_at": "2026-11-12T10:00",
              "officers": [{"name": "张三", "cert_no": "14090012345"}, {"name": "李四", "cert_no": "14090012346"}],
              "remark": "回执附卷"}
OLD_DECISION = {**OLD_NOTICE, "number": "（晋忻神）应急回〔2026〕16号", "document_kind": "penalty_decision",
                "documents": [{"name": "行政处罚决定书", "number": "（晋忻神）应急罚〔2026〕12号"}],
                "method": "留置", "delivered_at": "2026-12-01T16:00", "witness": {"name": "孙七"},
                "refusal_reason": "拒绝签收", "remark": "留置于办公室"}


def test_earlier_per_delivery_receipts_become_rows_of_one_receipt_and_nothing_is_lost(tmp_path):
    path = tmp_path / "s.db"
    store = Store(path)
    case = store.create_case("某案", {"type": "organization", "name": "神池县某煤业有限公司"})
    first = store.add_document(case, "delivery_receipt", OLD_NOTICE)
    second = store.add_document(case, "delivery_receipt", OLD_DECISION)
    store.close()

    service = CaseService(Store(path), clock=lambda: NOW)
    try:
        store = service.store
        live = store.documents(case, withdrawn=False)
        receipts = [d for d in live if d["kind"] == "delivery_receipt"]
        assert [d["id"] for d in receipts] == [first]
        rows = receipts[0]["answers"]["rows"]
        assert [(r["name"], r["doc_number"], r["method"]) for r in rows] == [
            ("行政处罚告知书", "（晋忻神）应急罚告〔2026〕8号", "邮寄"), ("行政处罚决定书", "（晋忻神）应急罚〔2026〕12号", "留置")]
        assert rows[0]["mail_receipt_date"] == "2026-11-12" and rows[1]["witness"] == {"name": "孙七"}
        assert "回执附卷" in receipts[0]["answers"]["remark"] and "留置于办公室" in receipts[0]["answers"]["remark"]
        # history append-only: the earlier versions stay, the merge is a new version with its reason
        versions = store.versions(first)
        assert len(versions) == 2 and versions[-1]["reason"] == MERGED_RECEIPT_REASON
        assert store.version_answers(first, 1) == OLD_NOTICE
        other = store.get_document(second)
        assert other["withdrawn_at"] and MERGED_RECEIPT_REASON in other["withdrawn_reason"]
        assert store.version_answers(second, 1) == OLD_DECISION
        # the merged receipt dates both deliveries for the deadlines
        events = service.case_facts(service.case_id(store.get_case(case)["uid"]))["events"]
        assert events["penalty_notice_delivered"] == "2026-11-12" and events["decision_delivered"] == "2026-12-01"
        assert service.store.verify_history() == []
    finally:
        service.close()


def test_an_answers_file_of_the_earlier_shape_is_still_understood(tmp_path):
    from validators.engine import validate
    from wenshu.settings import load_context

    kind = get_kind("delivery_receipt")
    found = validate(kind.schema, dict(OLD_DECISION, video={"device": "执法记录仪", "file_id": "V1",
                                                            "start": "2026-12-01T15:55", "end": "2026-12-01T16:05"}),
                     load_context(kind.name))
    assert not [f for f in found if f["severity"] == "error"], found


@pytest.mark.parametrize("field", ["name", "doc_number", "place", "method"])
def test_the_printed_receipt_has_a_row_per_document_with_its_columns(field, tmp_path):
    from docx import Document

    from templates.render import render_document

    answers = get_kind("delivery_receipt").sample()
    out = tmp_path / "r.docx"
    render_document(get_kind("delivery_receipt"), answers, out)
    table = Document(out).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["送达文书名称、文号", "收件人签名或者盖章", "送达地点", "送达日期", "送达方式", "送达人"]
    body = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(body) == len(answers["rows"])
    for row, cells in zip(answers["rows"], body, strict=True):
        value = row[field] + ("送达" if field == "method" else "")
        assert value in "\n".join(cells)
    assert body[1][3] == "2026年12月1日" and body[0][5] == "" and body[0][1] == ""  # signatures by hand


def test_a_flat_delivery_written_over_the_sample_is_the_receipts_delivery():
    from validators.delivery import DOCUMENT_TITLES, receipt_rows

    answers = {**get_kind("delivery_receipt").sample(), "document_kind": "penalty_decision", "method": "邮寄",
               "mail_no": "EMS1", "delivered_at": "2026-12-04T10:00"}
    rows = receipt_rows(answers)["rows"]
    assert len(rows) == 1 and rows[0]["name"] == "行政处罚决定书" and rows[0]["mail_receipt_date"] == "2026-12-04"
    assert rows[0]["place"]  # what the flat delivery does not say comes from the row it was written over
    titles = get_kind("delivery_receipt").schema["properties"]["rows"]["items"]["properties"]["document_kind"]
    assert {k: v for k, v in titles["x-enum-titles"].items() if k != "other"} == DOCUMENT_TITLES


def test_todays_list_reads_the_receipt_rows():
    # the one-query agenda (issue 17) reads the rows too: a decision delivered by 公告 on 2026-11-01 is
    # delivered 2026-12-01, its payment due 2026-12-16 (行政处罚法 第六十七条)
    service = CaseService(Store(), clock=lambda: NOW)
    try:
        case_id = service.new_case({"party": get_kind("inspection_record").sample()["object"]})
        answers = _receipt(_decision_row(method="公告", announced_on="2026-11-01", announcement_reason="下落不明"))
        answers.pop("number")
        service.add_document(case_id, "delivery_receipt", answers)
        items = {i.rule: i for i in service.agenda(date(2026, 12, 14), 5)}
        assert items["payment"].due == date(2026, 12, 16) and items["payment"].start == date(2026, 12, 1)
    finally:
        service.close()
