"""Procedure order on the decision (DOMAIN.md §5; 行政处罚法 第四十五条、第五十八条、第六十二条、第六十四条), and
periods that run from delivery start on the day the 送达回执 records."""

from __future__ import annotations

from datetime import datetime

import pytest
from samples import draft as _sample

from templates.kinds import get_kind
from wenshu.agenda import case_events
from wenshu.service import CaseService
from wenshu.store import Store

NOW = datetime(2026, 12, 1, 10, 0)


@pytest.fixture
def case():
    service = CaseService(Store(), clock=lambda: NOW)
    ins = get_kind("inspection_record").sample()
    case_id = service.new_case({"party": ins["object"], "officers": ins["officers"]})
    yield service, case_id
    service.close()


def _codes(service, doc) -> list[str]:
    return [f["code"] for f in service.check(doc)]


def _mailed(kind: str, day: str) -> dict:
    """A 送达回执 of one row: ``kind`` mailed, the return receipt dated ``day``."""
    return _sample("delivery_receipt", rows=[{"document_kind": kind, "name": "行政处罚告知书", "place": "该公司办公楼",
                                              "method": "邮寄", "mail_no": "EMS1234567890", "mail_receipt_date": day}])


def _receipt(service, case_id, day: str) -> None:
    service.add_document(case_id, "delivery_receipt", _mailed("penalty_notice", day))


def test_mailed_notice_starts_the_periods_on_the_day_it_was_received():
    notice = _sample("penalty_notice", date="2026-11-09")
    receipt = _mailed("penalty_notice", "2026-11-12")
    assert case_events([("penalty_notice", notice)])["penalty_notice_delivered"].isoformat() == "2026-11-09"
    events = case_events([("penalty_notice", notice), ("delivery_receipt", receipt)])
    assert events["penalty_notice_delivered"].isoformat() == "2026-11-12"  # not the notice's own date


def test_a_decision_inside_the_statement_period_is_an_error(case):
    service, case_id = case
    service.add_document(case_id, "penalty_notice", _sample("penalty_notice", date="2026-11-09",
                         penalties=[{"kind": "fine", "amount": "5000", "description": "罚款"}]))
    _receipt(service, case_id, "2026-11-09")
    decision = service.add_document(case_id, "penalty_decision", _sample(
        "penalty_decision", date="2026-11-12", penalties=[{"kind": "fine", "amount": "5000"}]))
    assert "procedure.before_statement" in _codes(service, decision)  # 3 working days end 11-12
    service.save(decision, {**service.document(decision)["answers"], "date": "2026-11-13"})
    assert "procedure.before_statement" not in _codes(service, decision)


def test_a_hearing_period_counts_when_a_hearing_must_be_offered(case):
    service, case_id = case
    service.add_document(case_id, "penalty_notice", _sample("penalty_notice", date="2026-11-09",
                         penalties=[{"kind": "fine", "amount": "35000", "description": "罚款"}]))
    _receipt(service, case_id, "2026-11-09")
    decision = service.add_document(case_id, "penalty_decision", _sample(
        "penalty_decision", date="2026-11-13", penalties=[{"kind": "fine", "amount": "35000"}], hearing_held=False))
    assert "procedure.before_hearing_request" in _codes(service, decision)  # 5 working days end 11-16
    service.update_case(case_id, facts={"hearing_waived": True})  # the party waived in writing
    assert "procedure.before_hearing_request" not in _codes(service, decision)


def test_a_review_opinion_after_the_decision_does_not_unblock_it(case):
    service, case_id = case
    decision = service.add_document(case_id, "penalty_decision", _sample(
        "penalty_decision", date="2026-11-20", penalties=[{"kind": "fine", "amount": "50000"}], legal_review=None))
    opinion = service.add_document(case_id, "legal_review_opinion", _sample(
        "legal_review_opinion", conclusion="同意", date="2026-11-25"))
    assert "legal_review.after_decision" in _codes(service, decision)
    service.save(opinion, {**service.document(opinion)["answers"], "date": "2026-11-19"})
    assert "legal_review.after_decision" not in _codes(service, decision)
