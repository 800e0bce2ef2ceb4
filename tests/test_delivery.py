"""送达回执: what each 送达方式 must record (003 第二十七条), and the video reference for 留置/公告."""

import pytest

from templates.kinds import get_kind
from validators.context import CheckContext
from validators.engine import validate


def check(answers):
    kind = get_kind("delivery_receipt")
    return validate(kind.schema, answers, CheckContext(kind=kind.name))


def codes(findings, severity=None):
    return {(f["code"], f["path"]) for f in findings if severity is None or f["severity"] == severity}


def sample(**changes):
    answers = get_kind("delivery_receipt").sample()
    answers.update(changes)
    return answers


LEFT_COMPLETE = {"method": "留置", "witness": {"name": "周十", "unit": "龙泉镇工业园区管委会"},
                 "refusal_reason": "法定代表人王五拒绝签收，称对处罚有异议。"}


def test_direct_delivery_needs_nothing_more_and_no_video():
    answers = sample()
    del answers["video"]
    assert check(answers) == []


def test_left_delivery_complete_passes():
    assert check(sample(**LEFT_COMPLETE)) == []


@pytest.mark.parametrize("missing, code, path", [
    ("witness", "delivery.witness_missing", "/witness/name"),
    ("refusal_reason", "delivery.refusal_reason_missing", "/refusal_reason"),
    ("video", "video.missing", "/video"),
])
def test_left_delivery_without_witness_reason_or_video_is_an_error(missing, code, path):
    answers = sample(**LEFT_COMPLETE)
    del answers[missing]
    found = check(answers)
    assert (code, path) in codes(found, "error")


def test_left_delivery_with_blank_witness_name_is_an_error():
    found = check(sample(**{**LEFT_COMPLETE, "witness": {"name": "　", "unit": "管委会"}}))
    assert ("delivery.witness_missing", "/witness/name") in codes(found, "error")


@pytest.mark.parametrize("method", ["委托", "转交"])
def test_entrusted_or_passed_on_delivery_records_the_reason(method):
    found = check(sample(method=method))
    assert ("delivery.transfer_reason_missing", "/transfer_reason") in codes(found, "error")
    assert check(sample(method=method, transfer_reason="受送达人外出，委托其所在单位代为转交。")) == []


def test_mailed_delivery_needs_the_mailing_number():
    assert ("delivery.mail_no_missing", "/mail_no") in codes(check(sample(method="邮寄")), "error")
    assert check(sample(method="邮寄", mail_no="EMS1234567890")) == []


def test_public_announcement_needs_the_reason_and_reminds_of_video():
    answers = sample(method="公告")
    del answers["video"]
    found = check(answers)
    assert ("delivery.announcement_reason_missing", "/announcement_reason") in codes(found, "error")
    assert ("video.missing", "/video") in codes(found, "warning")
    answers["announcement_reason"] = "当事人下落不明，直接送达、邮寄送达均被退回。"
    assert {f["severity"] for f in check(answers)} == {"warning"}


def test_unknown_method_is_refused():
    found = check(sample(method="电话"))
    assert ("field.choice", "/method") in codes(found, "error")


def test_video_message_reminds_of_storage_within_two_working_days():
    answers = sample(**LEFT_COMPLETE)
    del answers["video"]
    message = next(f["message"] for f in check(answers) if f["code"] == "video.missing")
    assert "2个工作日" in message and "003 第三十二条" in message


def test_video_reference_must_be_complete_and_end_after_start():
    answers = sample(**LEFT_COMPLETE)
    answers["video"] = {"device": "执法记录仪", "file_id": "", "start": "2026-11-23T15:10", "end": "2026-11-23T15:00"}
    found = codes(check(answers), "error")
    assert ("video.incomplete", "/video/file_id") in found
    assert ("video.end_before_start", "/video/end") in found


def test_left_delivery_prints_witness_and_reason_once(tmp_path):
    from docx import Document

    from templates.render import render_document

    kind = get_kind("delivery_receipt")
    out = tmp_path / "left.docx"
    render_document(kind, sample(**LEFT_COMPLETE), out)
    cells = "\n".join(c.text for row in Document(out).tables[0].rows for c in row.cells)
    assert "留置送达" in cells and "周十（龙泉镇工业园区管委会）" in cells
    assert "拒收事由：法定代表人王五拒绝签收，称对处罚有异议。" in cells and "。。" not in cells


def test_the_receipt_dates_the_delivery_of_a_notice_or_a_decision_for_the_deadlines():
    from datetime import date

    from wenshu.agenda import case_events

    answers = sample()
    assert case_events({"delivery_receipt": answers}) == {"penalty_notice_delivered": date(2026, 10, 27),
                                                          "video_recorded": date(2026, 10, 27)}
    answers.update(document_kind="penalty_decision", delivered_at="2026-11-12T10:00")
    del answers["video"]
    assert case_events({"delivery_receipt": answers}) == {"decision_delivered": date(2026, 11, 12)}
    answers["delivered_at"] = ""  # signed by hand later: no date, no deadline guessed
    assert case_events({"delivery_receipt": answers}) == {}
