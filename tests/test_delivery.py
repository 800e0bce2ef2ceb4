"""文书送达回执: what each 送达方式 must record, row by row (003 第二十七条), the video reference for 留置, and
the day each row's document counts as delivered."""

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
    """The sample receipt with its first row changed (a key set to None is removed)."""
    answers = get_kind("delivery_receipt").sample()
    row = answers["rows"][0]
    for key, value in changes.items():
        if value is None:
            row.pop(key, None)
        else:
            row[key] = value
    return answers


VIDEO = {"device": "执法记录仪 ZFJLY-014", "file_id": "SCYJ-20261027-0031", "start": "2026-10-27T15:00",
         "end": "2026-10-27T15:12"}
LEFT_COMPLETE = {"method": "留置", "witness": {"name": "周十", "unit": "龙泉镇工业园区管委会"},
                 "refusal_reason": "法定代表人王五拒绝签收，称对处罚有异议。", "video": VIDEO}


def test_direct_delivery_needs_nothing_more_and_no_video():
    assert check(sample(video=None)) == []


def test_left_delivery_complete_passes():
    assert check(sample(**LEFT_COMPLETE)) == []


@pytest.mark.parametrize("missing, code, path", [
    ("witness", "delivery.witness_missing", "/rows/0/witness/name"),
    ("refusal_reason", "delivery.refusal_reason_missing", "/rows/0/refusal_reason"),
    ("video", "video.missing", "/rows/0/video"),
])
def test_left_delivery_without_witness_reason_or_video_is_an_error(missing, code, path):
    found = check(sample(**{**LEFT_COMPLETE, missing: None}))
    assert (code, path) in codes(found, "error")


def test_left_delivery_with_blank_witness_name_is_an_error():
    found = check(sample(**{**LEFT_COMPLETE, "witness": {"name": "　", "unit": "管委会"}}))
    assert ("delivery.witness_missing", "/rows/0/witness/name") in codes(found, "error")


@pytest.mark.parametrize("method", ["委托", "转交"])
def test_entrusted_or_passed_on_delivery_records_the_reason(method):
    found = check(sample(method=method))
    assert ("delivery.transfer_reason_missing", "/rows/0/transfer_reason") in codes(found, "error")
    assert check(sample(method=method, transfer_reason="受送达人外出，委托其所在单位代为转交。")) == []


def test_mailed_delivery_needs_the_mailing_number_and_the_return_receipt_date():
    found = codes(check(sample(method="邮寄", delivered_at=None)))
    assert ("delivery.mail_no_missing", "/rows/0/mail_no") in found
    assert ("delivery.receipt_date_missing", "/rows/0/mail_receipt_date") in found  # a warning until it is back
    assert check(sample(method="邮寄", delivered_at=None, mail_no="EMS1234567890", mail_receipt_date="2026-10-30")) == []


def test_public_announcement_needs_the_reason_and_the_day_published():
    found = check(sample(method="公告", delivered_at=None, video=None))
    assert ("delivery.announcement_reason_missing", "/rows/0/announcement_reason") in codes(found, "error")
    assert ("delivery.announced_on_missing", "/rows/0/announced_on") in codes(found, "error")
    rest = check(sample(method="公告", delivered_at=None, video=None, announced_on="2026-10-27",
                        announcement_reason="当事人下落不明，直接送达、邮寄送达均被退回。"))
    assert codes(rest) == {("video.missing", "/rows/0/video")} and rest[0]["severity"] == "warning"  # 003 第十八条(四)


def test_electronic_delivery_needs_the_partys_consent():
    # 行政处罚法 第六十一条第二款: 当事人同意并签订确认书
    found = check(sample(method="电子", delivered_at=None, e_address="aq@example.cn", arrived_at="2026-10-27T15:00"))
    assert ("delivery.consent_missing", "/rows/0/consent") in codes(found, "error")
    assert check(sample(method="电子", delivered_at=None, consent=True, e_address="aq@example.cn",
                        arrived_at="2026-10-27T15:00")) == []


def test_a_receiver_other_than_the_party_states_the_relation():
    found = codes(check(sample(receiver="赵六")), "error")
    assert ("delivery.receiver_relation_missing", "/rows/0/receiver_relation") in found


def test_unknown_method_is_refused():
    found = check(sample(method="电话"))
    assert ("field.choice", "/rows/0/method") in codes(found, "error")


def test_video_reference_must_be_complete_and_end_after_start():
    answers = sample(**LEFT_COMPLETE)
    answers["rows"][0]["video"] = {"device": "执法记录仪", "file_id": "", "start": "2026-11-23T15:10",
                                   "end": "2026-11-23T15:00"}
    found = codes(check(answers), "error")
    assert ("video.incomplete", "/rows/0/video/file_id") in found
    assert ("video.end_before_start", "/rows/0/video/end") in found


def test_video_message_reminds_of_storage_within_two_working_days():
    message = next(f["message"] for f in check(sample(**{**LEFT_COMPLETE, "video": None})) if f["code"] == "video.missing")
    assert "2个工作日" in message and "第 1 项" in message


def test_left_delivery_prints_witness_and_reason_once(tmp_path):
    from docx import Document

    from templates.render import render_document

    kind = get_kind("delivery_receipt")
    out = tmp_path / "left.docx"
    render_document(kind, sample(**LEFT_COMPLETE), out)
    doc = Document(out)
    cells = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "留置送达" in cells and text.count("周十（龙泉镇工业园区管委会）") == 1
    assert "拒收事由：法定代表人王五拒绝签收，称对处罚有异议" in text and "。。" not in text
    assert "003 第" not in text + cells and "（003" not in text + cells  # no seed ids on paper


def test_the_receipt_dates_the_delivery_of_a_notice_or_a_decision_for_the_deadlines():
    from datetime import date

    from wenshu.agenda import case_events

    answers = get_kind("delivery_receipt").sample()
    assert case_events({"delivery_receipt": answers}) == {"penalty_notice_delivered": date(2026, 10, 27),
                                                          "decision_delivered": date(2026, 12, 1),
                                                          "video_recorded": date(2026, 10, 27)}
    answers["rows"][1]["delivered_at"] = ""  # signed by hand later: no date, no deadline guessed
    assert "decision_delivered" not in case_events({"delivery_receipt": answers})
