"""行政执法监督 (004 第二十二条, issue 15): a received 行政执法监督文书 is recorded with its date; the written
处理结果报告 is due thirty calendar days later ("三十日内" — not working days) and shown in the agenda until the
report is recorded; the case's 下一步 asks for the report only once a notice was received."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from templates.kinds import get_kind
from validators.context import CheckContext
from validators.engine import validate as _validate
from validators.rulebook import PERIODS
from wenshu.service import CaseService
from wenshu.store import Store

PARTY = {"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": "91140930000000001T"}


@pytest.fixture
def service():
    s = CaseService(Store())
    yield s
    s.close()


def validate(kind, answers):
    return _validate(kind.schema, answers, CheckContext(now=datetime(2027, 1, 10, 9, 0), kind=kind.name))


def _notice(**changes):
    return {**get_kind("supervision_notice").sample(), **changes}


def _agenda_rules(service, today):
    return [(i.case_title, i.rule, i.due) for i in service.agenda(today, 30)]


def test_the_reply_period_is_thirty_calendar_days_from_the_seed():
    p = PERIODS["supervision_reply"]
    assert (p.amount, p.unit) == (30, "days") and "004 第二十二条" in p.source
    seed = (Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_d4a3e6876d04f5ef.txt").read_text("utf-8")
    article = next(line for line in seed.splitlines() if "第二十二条" in line)
    assert "接到行政执法监督文书之日起三十日内将处理结果书面报告司法行政部门" in article
    assert "工作日" not in article  # 三十日: calendar days


def test_the_agenda_shows_the_reply_due_until_the_report_is_recorded(service):
    case = service.new_case({"party": PARTY, "title": "宏达煤业案"})
    service.add_document(case, "supervision_notice", _notice(received_date="2026-11-24"))
    shown = service.show(case, today=date(2026, 12, 1))
    reply = next(d for d in shown["deadlines"] if d["rule"] == "supervision_reply")
    assert reply["due"] == "2026-12-24" and reply["status"] == "ok" and reply["counting"] == "自然日"
    assert ("宏达煤业案", "supervision_reply", date(2026, 12, 24)) in _agenda_rules(service, date(2026, 12, 20))
    assert "supervision_reply" in [n["kind"] for n in shown["next"]]
    # overdue after the day
    late = [i for i in service.agenda(date(2026, 12, 28), 3) if i.rule == "supervision_reply"]
    assert late and late[0].status == "overdue"
    reply_doc = service.add_document(case, "supervision_reply", {"handling": "已整改。", "date": "2026-12-10"})
    answers = service.document(reply_doc)["answers"]
    assert answers["recipient"] == "神池县司法局" and answers["received_date"] == "2026-11-24"  # from the notice
    assert answers["notice_number"] == "神司执监〔2026〕4号"
    assert all(r != "supervision_reply" for _t, r, _d in _agenda_rules(service, date(2026, 12, 20)))
    done = next(d for d in service.show(case, today=date(2026, 12, 20))["deadlines"] if d["rule"] == "supervision_reply")
    assert done["status"] == "done"


def test_a_last_day_on_a_rest_day_moves_to_the_next_working_day(service):
    case = service.new_case({"party": PARTY})
    service.add_document(case, "supervision_notice", _notice(received_date="2026-11-05", issued_date="2026-11-04"))
    reply = next(d for d in service.show(case, today=date(2026, 11, 6))["deadlines"] if d["rule"] == "supervision_reply")
    assert reply["due"] == "2026-12-07"  # 12月5日 is a Saturday


def test_without_a_notice_the_report_is_neither_due_nor_asked_for(service):
    case = service.new_case({"party": PARTY})
    shown = service.show(case, today=date(2026, 12, 1))
    assert "supervision_reply" not in [n["kind"] for n in shown["next"]]
    assert "supervision_reply" not in [d["rule"] for d in shown["deadlines"]]


def test_a_report_dated_before_the_notice_is_an_error_and_a_late_one_a_warning():
    kind = get_kind("supervision_reply")
    early = {**kind.sample(), "date": "2026-11-20"}
    codes = {(f["code"], f["severity"]) for f in validate(kind, early)}
    assert ("date.order", "error") in codes
    late = {**kind.sample(), "date": "2027-01-05"}
    found = [f for f in validate(kind, late) if f["code"] == "supervision.late"]
    assert found and found[0]["severity"] == "warning" and "2026年12月24日" in found[0]["message"]


def test_the_notice_needs_its_organ_date_and_matters():
    kind = get_kind("supervision_notice")
    blank = {k: v for k, v in kind.sample().items() if k not in ("issuing_organ", "received_date", "matters")}
    missing = {f["path"] for f in validate(kind, blank) if f["code"] == "field.missing"}
    assert {"/issuing_organ", "/received_date", "/matters"} <= missing
    assert all("\u4e00" <= ch <= "\u9fff" for f in validate(kind, blank) for ch in f["message"][:1])


def test_the_printed_forms_carry_the_fixed_wording(tmp_path):
    from docx import Document

    from templates.render import render_document

    out = tmp_path / "n.docx"
    render_document(get_kind("supervision_notice"), get_kind("supervision_notice").sample(), out)
    text = "\n".join(c.text for t in Document(out).tables for r in t.rows for c in r.cells)
    assert "自接到本文书之日起三十日内将处理结果书面报告神池县司法局" in text
    out = tmp_path / "r.docx"
    render_document(get_kind("supervision_reply"), get_kind("supervision_reply").sample(), out)
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "神池县司法局：" in text and "（神司执监〔2026〕4号）" in text and "特此报告。" in text
    assert "神池县应急管理局（印章）" in text
