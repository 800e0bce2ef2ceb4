"""The legal content of the forms of batch B (2016 式样 29–45): 当场处罚 limits, the computed 加处罚款, the
执行 reminders and the court application's periods, wording per party type, required fields in Chinese."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from docx import Document

from templates.kinds import get_kind
from templates.render import RenderRefused, render_document
from validators.context import CheckContext
from validators.deadlines import case_deadlines
from validators.engine import validate
from validators.findings import errors
from wenshu.agenda import case_events

CJK = re.compile(r"[\u4e00-\u9fff]")
PERSON = {"type": "person", "name": "赵六", "id_no": "140927198503170017", "gender": "男",
          "address": "山西省忻州市神池县龙泉镇新华街8号", "phone": "13900000000"}
BATCH_B = ("hearing_report", "case_handling_approval", "summary_penalty_decision", "payment_reminder",
           "late_fee_decision", "payment_deferral_approval", "payment_deferral_permit", "enforcement_reminder",
           "court_enforcement_application", "transfer_approval", "transfer_letter", "case_extension_approval")


def check(name: str, answers: dict, now=datetime(2026, 12, 30, 9, 0)) -> list[dict]:
    kind = get_kind(name)
    return errors(validate(kind.schema, answers, CheckContext(now=now, kind=name, meta=kind.meta)))


def codes(found: list[dict]) -> set[str]:
    return {f["code"] for f in found}


def text_of(name: str, answers: dict, tmp_path) -> str:
    out = tmp_path / f"{name}.docx"
    render_document(get_kind(name), answers, out)
    doc = Document(out)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("name", BATCH_B)
def test_each_form_carries_its_code_and_prints_its_sample_without_blank_form_wording(name, tmp_path):
    kind = get_kind(name)
    assert kind.code and kind.code.startswith("应急"), name
    assert check(name, kind.sample()) == [], name
    text = text_of(name, kind.sample(), tmp_path)
    for wrong in ("你（单位）", "你单位（人）", "安全生产监督管理部门", "安监", "{{", "{%"):
        assert wrong not in text, (name, wrong)


# --- 行政（当场）处罚决定书: 行政处罚法 第五十一条、第五十二条 ------------------------------------------------
def test_summary_penalty_refuses_a_fine_beyond_3000_yuan_for_an_organisation_and_points_to_the_general_procedure():
    answers = get_kind("summary_penalty_decision").sample()
    answers["fine"] = "3000.01"
    found = [f for f in check("summary_penalty_decision", answers) if f["code"] == "summary.over_limit"]
    assert found and "第五十一条" in found[0]["message"] and "普通程序" in found[0]["message"]
    answers["fine"] = "3000.004"  # judged as printed: 3000.00
    assert "summary.over_limit" not in codes(check("summary_penalty_decision", answers))


def test_summary_penalty_limit_for_a_person_is_200_yuan():
    answers = get_kind("summary_penalty_decision").sample()
    answers["object"] = dict(PERSON)
    answers["fine"] = 200
    assert "summary.over_limit" not in codes(check("summary_penalty_decision", answers))
    answers["fine"] = 201
    found = [f for f in check("summary_penalty_decision", answers) if f["code"] == "summary.over_limit"]
    assert found and "200.00元" in found[0]["message"] and "公民" in found[0]["message"]


def test_summary_penalty_is_only_a_warning_or_a_fine():
    answers = get_kind("summary_penalty_decision").sample()
    answers["fine"] = ""
    answers["warning"] = False
    assert "summary.no_penalty" in codes(check("summary_penalty_decision", answers))
    answers["warning"] = True
    assert "summary.no_penalty" not in codes(check("summary_penalty_decision", answers))


def test_collecting_more_than_100_yuan_on_the_spot_needs_the_hard_to_collect_ground():
    answers = get_kind("summary_penalty_decision").sample()
    answers["payment_method"] = "onsite"
    found = [f for f in check("summary_penalty_decision", answers) if f["code"] == "summary.onsite_collection"]
    assert found and "第六十八条" in found[0]["message"]
    answers["hard_to_collect"] = True
    assert "summary.onsite_collection" not in codes(check("summary_penalty_decision", answers))


def test_summary_penalty_prints_the_variant_of_the_party_with_an_age_that_matches_the_id(tmp_path):
    answers = get_kind("summary_penalty_decision").sample()
    org = text_of("summary_penalty_decision", answers, tmp_path)
    assert "行政（当场）处罚决定书（单位）" in org and "被处罚单位：神池县某建材有限公司" in org
    assert "罚款人民币贰仟元整（￥2000.00）" in org
    assert "一份交被处罚单位" in org
    answers["object"] = dict(PERSON)
    answers["fine"] = 200
    person = text_of("summary_penalty_decision", answers, tmp_path)
    assert "行政（当场）处罚决定书（个人）" in person and "被处罚人：赵六" in person
    assert "年龄：41" in person  # born 1985-03-17, decided 2026-11-20
    assert "一份交被处罚人" in person and "被处罚单位" not in person


def test_summary_penalty_basis_must_punish_the_duty_that_was_violated():
    answers = get_kind("summary_penalty_decision").sample()  # 第二十八条第四款 ← 第九十七条第（四）项
    answers["basis"] = "《中华人民共和国安全生产法》第九十九条第（二）项"  # punishes 第三十六条第一款
    assert "law.duty_mismatch" in codes(check("summary_penalty_decision", answers))


def test_summary_penalty_decision_is_refused_with_a_chinese_message_when_facts_are_missing(tmp_path):
    answers = get_kind("summary_penalty_decision").sample()
    answers["facts"] = ""
    with pytest.raises(RenderRefused) as exc:
        render_document(get_kind("summary_penalty_decision"), answers, tmp_path / "x.docx")
    assert any(f["path"] == "/facts" and CJK.search(f["message"]) for f in exc.value.findings)
    assert not (tmp_path / "x.docx").exists()


# --- 缴纳罚款催告书 and 加处罚款决定书 ------------------------------------------------------------------------
def test_payment_reminder_cites_the_reminder_and_late_fee_articles_and_addresses_the_party(tmp_path):
    answers = get_kind("payment_reminder").sample()
    text = text_of("payment_reminder", answers, tmp_path)
    assert "《中华人民共和国行政强制法》第三十五条" in text
    assert "第七十二条第一款第（一）项" in text and "《中华人民共和国行政强制法》第四十五条" in text
    assert "现催告你单位履行" in text and "罚款人民币叁万元整（￥30000.00）" in text
    answers["object"] = dict(PERSON)
    text = text_of("payment_reminder", answers, tmp_path)
    assert "现催告你履行" in text and "你单位" not in text


@pytest.mark.parametrize(("until", "days", "printed"), [
    ("2026-12-27", 10, "玖仟元整（￥9000.00）"),     # 10 days × 3 % × 30000
    ("2027-02-28", 73, "叁万元整（￥30000.00）"),    # 73 × 900 = 65700: capped at the fine
])
def test_the_late_fee_is_computed_per_day_and_never_exceeds_the_fine(until, days, printed, tmp_path):
    answers = get_kind("late_fee_decision").sample()
    answers["until"] = until
    answers["date"] = until
    text = text_of("late_fee_decision", answers, tmp_path)
    assert f"共{days}日" in text
    assert "加处罚款的数额不超出罚款的数额，计人民币" + printed in text
    assert "第七十二条第一款第（一）项" in text and "《中华人民共和国行政强制法》第四十五条" in text


def test_a_late_fee_cannot_run_before_the_payment_period_ends():
    answers = get_kind("late_fee_decision").sample()
    answers["until"] = answers["payment_due"]
    found = [f for f in check("late_fee_decision", answers) if f["code"] == "late_fee.not_overdue"]
    assert found and "第七十二条" in found[0]["message"]


def test_the_late_fee_decision_refuses_a_missing_date_in_chinese():
    answers = get_kind("late_fee_decision").sample()
    del answers["until"]
    found = [f for f in check("late_fee_decision", answers) if f["path"] == "/until"]
    assert found and CJK.search(found[0]["message"])


# --- 延期（分期）缴纳罚款批准书: 行政处罚法 第六十六条 -----------------------------------------------------------
def test_the_permit_cites_article_66_and_computes_what_is_left_to_pay(tmp_path):
    text = text_of("payment_deferral_permit", get_kind("payment_deferral_permit").sample(), tmp_path)
    assert "《中华人民共和国行政处罚法》第六十六条第二款" in text
    assert "尚有未缴纳的罚款人民币壹万伍仟元整（￥15000.00）" in text
    answers = get_kind("payment_deferral_permit").sample()
    answers.update(mode="deferral", deferred_until="2026-12-10")
    assert "deferral.not_later" in codes(check("payment_deferral_permit", answers))


# --- 行政强制执行事先催告书 and 强制执行申请书: 行政强制法 第五十三条、第五十四条 -----------------------------------------
def test_the_enforcement_reminder_states_amount_total_and_the_ten_days(tmp_path):
    text = text_of("enforcement_reminder", get_kind("enforcement_reminder").sample(), tmp_path)
    assert "合计人民币陆万元整（￥60000.00）" in text
    assert "送达十日后" in text and "第五十三条、第五十四条" in text and "陈述和申辩" in text


def test_the_court_application_waits_ten_working_days_after_the_reminder():
    answers = get_kind("court_enforcement_application").sample()
    answers["date"] = "2026-09-21"  # delivered 09-08: the tenth working day is 09-21 (09-20 is a 调休 workday)
    found = [f for f in check("court_enforcement_application", answers) if f["code"] == "court.reminder_period"]
    assert found and "第五十四条" in found[0]["message"]
    answers["date"] = "2026-09-22"
    assert "court.reminder_period" not in codes(check("court_enforcement_application", answers))


def test_the_court_application_is_refused_after_three_months_from_the_end_of_the_period():
    answers = get_kind("court_enforcement_application").sample()
    answers["date"] = "2026-12-04"  # period ended 2026-09-03: last day 2026-12-03
    found = [f for f in check("court_enforcement_application", answers) if f["code"] == "court.too_late"]
    assert found and "第五十三条" in found[0]["message"] and "2026-12-03" in found[0]["message"]
    answers["date"] = "2026-12-03"
    assert "court.too_late" not in codes(check("court_enforcement_application", answers))


def test_the_execution_forms_start_their_deadlines_in_the_case_agenda():
    reminder = get_kind("payment_reminder").sample()
    reminder["payment_due"] = "2026-10-20"
    docs = [("payment_reminder", reminder),
            ("enforcement_reminder", get_kind("enforcement_reminder").sample())]
    events = case_events(docs)
    assert events["payment_overdue"] == date(2026, 10, 20)
    assert events["enforcement_reminder_delivered"] == date(2026, 9, 7)
    due = {d.rule: d.due for d in case_deadlines(events)}
    assert due["late_fee_enforcement"] == date(2026, 11, 19)  # 行政强制法 第四十六条: thirty days
    assert due["court_application"] == date(2026, 12, 3)     # 行政强制法 第五十三条: three months
    assert due["enforcement_reminder"] == date(2026, 9, 20)  # ten working days (第六十九条); 09-20 is a 调休 workday
    assert due["reminder_statement"] == date(2026, 12, 24)   # three working days after 2026-12-21


# --- 案件延期审批表: 行政处罚法 第六十条 -----------------------------------------------------------------------
def test_case_extension_must_extend_beyond_the_90_days():
    answers = get_kind("case_extension_approval").sample()
    answers["extended_until"] = "2026-12-15"  # filed 2026-09-16: the 90 days end 2026-12-15
    found = [f for f in check("case_extension_approval", answers) if f["code"] == "extension.not_later"]
    assert found and "九十日" in found[0]["message"]


def test_case_show_asks_for_the_handling_approval_before_the_decision_and_the_hearing_report_after_a_hearing():
    from wenshu.service import CaseService
    from wenshu.store import Store

    service = CaseService(Store(), clock=lambda: datetime(2026, 12, 1, 10, 30))
    try:
        party = get_kind("inspection_record").sample()["object"]
        plain = service.new_case({"title": "神池县某煤业有限公司安全生产违法案", "party": party})
        kinds = [n["kind"] for n in service.show(plain)["next"]]
        assert kinds.index("case_handling_approval") < kinds.index("penalty_decision")
        why = next(n["why"] for n in service.show(plain)["next"] if n["kind"] == "case_handling_approval")
        assert "第五十七条" in why
        assert "hearing_report" not in kinds  # no hearing asked for
        heard = service.new_case({"title": "听证案", "party": party, "facts": {"hearing_requested": True}})
        kinds = [n["kind"] for n in service.show(heard)["next"]]
        assert "hearing_report" in kinds and kinds.index("hearing_report") < kinds.index("penalty_decision")
        service.add_document(plain, "case_handling_approval", get_kind("case_handling_approval").sample())
        assert "summary_penalty_decision" not in [n["kind"] for n in service.show(plain)["next"]]  # optional
    finally:
        service.close()


def test_the_court_application_warns_while_the_case_has_no_legal_review():
    kind = get_kind("court_enforcement_application")
    ctx = CheckContext(now=datetime(2026, 9, 30, 9, 0), kind=kind.name, meta=kind.meta)
    found = [f for f in validate(kind.schema, kind.sample(), ctx) if f["code"] == "court.legal_review"]
    assert found and found[0]["severity"] == "warning" and "法制审核" in found[0]["message"]
    assert "001" not in found[0]["message"]  # the agency's rules by their title, never the seed's number
    ctx.case = {"legal_review": {"conclusion": "同意"}}
    assert not [f for f in validate(kind.schema, kind.sample(), ctx) if f["code"] == "court.legal_review"]
