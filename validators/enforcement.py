"""Rules of the 当场处罚、执行、移送 and 延期 forms (2016 式样 32–45).

- ``summary_penalty``: 行政（当场）处罚决定书 — only a warning and/or a fine within 行政处罚法 第五十一条
  (200 元 for a person, 3000 元 for an organisation, judged after rounding to 分); 第五十二条 contents;
  on-the-spot collection only within 第六十八条.
- ``late_fee``: 加处罚款决定书 — the amount is computed, never typed: 3 % of the fine per day after the
  payment period ended, never more than the fine (行政处罚法 第七十二条第一款第（一）项; 行政强制法 第四十五条).
- ``payment_deferral``: 延期（分期）缴纳罚款 — the new date lies after the original one (行政处罚法 第六十六条).
- ``court_application``: 强制执行申请书 — not before the 事先催告书 has been delivered ten (working) days, not
  later than three months after the period ended (行政强制法 第五十三条、第五十四条).
- ``case_extension``: 案件延期审批表 — asked for before the 90 days after 立案 run out (行政处罚法 第六十条).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from validators import rulebook
from validators.context import CheckContext
from validators.datetimes import dates_of
from validators.deadlines import CalendarNotCovered, due_date
from validators.findings import WARNING, Finding, finding, pointer
from validators.money import format_amount, parse_amount, round_fen
from validators.registry import document_rule, is_blank


def _officers(answers: dict) -> list[Finding]:
    officers = answers.get("officers")
    if isinstance(officers, list) and len(officers) < rulebook.MIN_OFFICERS:
        return [finding(pointer("officers"), "officers.too_few",
                        f"执法人员不得少于{rulebook.MIN_OFFICERS}人（行政处罚法 第四十二条），请补充执法人员及执法证号。")]
    return []


def _amount(answers: dict, key: str) -> Decimal | None:
    value = answers.get(key)
    if is_blank(value):
        return None
    amount = parse_amount(value)
    return None if amount is None else round_fen(amount)


def _party_type(answers: dict, key: str = "object") -> str:
    party = answers.get(key)
    return "person" if isinstance(party, dict) and party.get("type") == "person" else "organization"


# --- 行政（当场）处罚决定书 ------------------------------------------------------------------------------
@document_rule("summary_penalty")
def summary_penalty_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """行政处罚法 第五十一条 (limits), 第五十二条 (contents), 第六十八条 (collection on the spot)."""
    out = _officers(answers)
    party = _party_type(answers)
    who = "公民" if party == "person" else "法人或者其他组织"
    limit = rulebook.SIMPLE_PROCEDURE_MAX_FINE[party]
    fine = _amount(answers, "fine")
    warning = answers.get("warning") is True
    if not is_blank(answers.get("fine")) and (fine is None or fine <= 0):
        out.append(finding(pointer("fine"), "summary.amount", "「罚款金额」应为大于零的金额（单位：元），如 200。"))
        fine = None
    if fine is None and not warning:
        out.append(finding(pointer("fine"), "summary.no_penalty",
                           "当场处罚只能给予警告或者罚款（行政处罚法 第五十一条），请勾选警告或填写罚款金额。"))
    if fine is not None and fine > limit:
        out.append(finding(pointer("fine"), "summary.over_limit",
                           f"当场作出的行政处罚决定，对{who}罚款不得超过{format_amount(limit)}元（行政处罚法 第五十一条）；"
                           f"本决定罚款{format_amount(fine)}元，超出限额，不能适用简易程序。请按普通程序办理："
                           "立案、调查取证、送达行政处罚告知书并听取陈述申辩后，制作行政处罚决定书（行政处罚法 第五十四条至第五十九条）。"))
    for key, message in (("facts", "请填写当事人的违法行为（行政处罚法 第五十二条第二款）。"),
                         ("basis", "请填写行政处罚的依据（行政处罚法 第五十二条第二款）。"),
                         ("place", "请填写作出处罚决定的地点（行政处罚法 第五十二条第二款）。"),
                         ("time", "请填写作出处罚决定的时间（行政处罚法 第五十二条第二款）。"),
                         ("reconsideration_organ", "请填写受理行政复议的机关（行政处罚法 第五十二条第二款）。"),
                         ("court", "请填写受理行政诉讼的人民法院（行政处罚法 第五十二条第二款）。")):
        if is_blank(answers.get(key)):
            out.append(finding(pointer(key), "summary.missing", message))
    if fine is not None:
        method = answers.get("payment_method")
        if method == "onsite" and fine > rulebook.ONSITE_COLLECTION_MAX_FINE and answers.get("hard_to_collect") is not True:
            out.append(finding(pointer("payment_method"), "summary.onsite_collection",
                               f"当场收缴罚款仅限依法给予{format_amount(rulebook.ONSITE_COLLECTION_MAX_FINE)}元以下罚款，"
                               "或者不当场收缴事后难以执行的情形（行政处罚法 第六十八条）；请改为到指定银行缴纳，"
                               "或勾选“不当场收缴事后难以执行”。"))
        if method == "bank" and (is_blank(answers.get("bank")) or is_blank(answers.get("account"))):
            out.append(finding(pointer("bank"), "summary.bank",
                               "罚款到指定银行缴纳的，请填写银行名称和账号（行政处罚法 第六十七条）。"))
        if is_blank(method):
            out.append(finding(pointer("payment_method"), "summary.payment_method", "请选择罚款的履行方式（当场缴纳或到指定银行缴纳）。"))
    return out


# --- 加处罚款 -------------------------------------------------------------------------------------------
def late_fee(fine: Any, payment_due: date, until: date) -> tuple[int, Decimal, bool]:
    """``(days, amount, capped)``: the late fee from the day after ``payment_due`` to ``until`` inclusive,
    3 % of the fine per day (行政处罚法 第七十二条第一款第（一）项), never more than the fine (行政强制法 第四十五条
    第二款). The fine is rounded to 分 first, the fee half-up to 分."""
    amount = parse_amount(fine)
    if amount is None or amount <= 0:
        return 0, Decimal("0.00"), False
    amount = round_fen(amount)
    days = max((until - payment_due).days, 0)
    fee = (amount * rulebook.LATE_FEE_RATE_PER_DAY * days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return days, min(fee, amount), fee >= amount


@document_rule("late_fee")
def late_fee_rule(answers: dict, context: CheckContext) -> list[Finding]:
    days, out = dates_of(answers, {"payment_due": "罚款缴纳期限届满日", "until": "加处罚款计算至", "date": "决定日期",
                                   "decision_date": "处罚决定日期"})
    fine = _amount(answers, "fine")
    if not is_blank(answers.get("fine")) and (fine is None or fine <= 0):
        out.append(finding(pointer("fine"), "late_fee.fine", "「罚款金额」应为大于零的金额（单位：元），如 30000。"))
    due, until = days.get("payment_due"), days.get("until")
    if due and until and until <= due:
        out.append(finding(pointer("until"), "late_fee.not_overdue",
                           "「加处罚款计算至」应晚于罚款缴纳期限届满日：到期不缴纳罚款的，自次日起每日加处罚款"
                           "（行政处罚法 第七十二条第一款第（一）项）。"))
    if due and days.get("decision_date") and due <= days["decision_date"]:
        out.append(finding(pointer("payment_due"), "date.order", "「罚款缴纳期限届满日」应晚于处罚决定日期，请核对。"))
    if until and days.get("date") and until > days["date"]:
        out.append(finding(pointer("until"), "date.order", "「加处罚款计算至」不能晚于本决定的日期，请核对。"))
    if is_blank(answers.get("reminder_number")):
        out.append(finding(pointer("reminder_number"), "late_fee.no_reminder",
                           "加处罚款前应当书面催告当事人履行（行政强制法 第三十五条），请填写缴纳罚款催告书的文号。", WARNING))
    return out


# --- 延期（分期）缴纳罚款 ------------------------------------------------------------------------------------
@document_rule("payment_deferral")
def payment_deferral_rule(answers: dict, context: CheckContext) -> list[Finding]:
    days, out = dates_of(answers, {"payment_due": "原定缴纳期限", "deferred_until": "延长至", "date": "日期"})
    due, until = days.get("payment_due"), days.get("deferred_until")
    if answers.get("mode") == "deferral" and due and until and until <= due:
        out.append(finding(pointer("deferred_until"), "deferral.not_later",
                           "「延长至」应晚于原定的缴纳期限（行政处罚法 第六十六条第二款），请核对。"))
    if answers.get("mode") == "installment":
        fine, paid = _amount(answers, "fine"), _amount(answers, "installment_amount")
        if fine is not None and paid is not None and paid > fine:
            out.append(finding(pointer("installment_amount"), "deferral.installment",
                               "本期缴纳的罚款不能超过罚款总额，请核对。"))
        if is_blank(answers.get("installment_due")):
            out.append(finding(pointer("installment_due"), "field.missing", "分期缴纳的，请填写本期缴纳期限。"))
    if is_blank(answers.get("reason")):
        out.append(finding(pointer("reason"), "field.missing",
                           "请填写当事人申请延期（分期）缴纳罚款的理由：确有经济困难（行政处罚法 第六十六条第二款）。"))
    return out


# --- 强制执行申请书 -------------------------------------------------------------------------------------------
@document_rule("court_application")
def court_application_rule(answers: dict, context: CheckContext) -> list[Finding]:
    days, out = dates_of(answers, {"date": "申请日期", "period_end": "法定期限届满日",
                                   "reminder_delivered": "催告书送达日期"})
    applied, end, reminded = days.get("date"), days.get("period_end"), days.get("reminder_delivered")
    try:
        if applied and end:
            last = due_date("court_application", end, context.calendar)
            if applied <= end:
                out.append(finding(pointer("date"), "court.too_early",
                                   "当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，方可自期限届满之日起申请"
                                   "人民法院强制执行（行政强制法 第五十三条）；申请日期应晚于法定期限届满日。"))
            elif applied > last:
                out.append(finding(pointer("date"), "court.too_late",
                                   f"申请人民法院强制执行应当自期限届满之日起{rulebook.COURT_APPLICATION_MONTHS}个月内提出"
                                   f"（行政强制法 第五十三条），本案应于{last.isoformat()}前申请，已超过期限。"))
        if applied and reminded:
            earliest = due_date("enforcement_reminder", reminded, context.calendar)
            if applied <= earliest:
                out.append(finding(pointer("date"), "court.reminder_period",
                                   f"催告书送达{rulebook.ENFORCEMENT_REMINDER_DAYS}日后当事人仍未履行义务的，方可申请人民法院"
                                   f"强制执行（行政强制法 第五十四条、第六十九条）；催告书于{reminded.isoformat()}送达，"
                                   f"应在{earliest.isoformat()}之后申请。"))
    except CalendarNotCovered as exc:
        out.append(finding(pointer("date"), "calendar.not_covered", str(exc), WARNING))
    out += _court_review(context)
    if is_blank(answers.get("reminder_delivered")):
        out.append(finding(pointer("reminder_delivered"), "court.no_reminder",
                           "申请人民法院强制执行前，应当催告当事人履行义务（行政强制法 第五十四条），请填写行政强制执行事先催告书的送达日期。"))
    return out


def _court_review(context: CheckContext) -> list[Finding]:
    """申请人民法院强制执行 is a 重大执法决定 of the agency's rule set (法制审核 before it is made): a warning
    while the case records no passing review opinion (which opinion covers the application is the reviewer's call)."""
    from validators.major import review_passed

    rule_set = rulebook.MAJOR_DECISION_RULE_SETS.get(context.settings.get("rule_set") or rulebook.DEFAULT_RULE_SET)
    clause = (rule_set.major_kinds.get("court_enforcement") if rule_set else None) or ""
    if not clause or review_passed(context.case.get("legal_review")):
        return []
    article = clause.split(" ", 1)[-1]  # "001 第六条（三）4" → the article of the agency's own rules
    return [finding(pointer("date"), "court.legal_review",
                    f"申请人民法院强制执行属于重大行政执法决定，应当先经法制审核（{rule_set.title} {article}）；"
                    "本案尚无结论为“同意”的法制审核意见，请核对。", WARNING)]


# --- 案件延期审批表 -----------------------------------------------------------------------------------------
@document_rule("case_extension")
def case_extension_rule(answers: dict, context: CheckContext) -> list[Finding]:
    days, out = dates_of(answers, {"filed_date": "立案日期", "date": "申请日期", "extended_until": "延长至"})
    filed, asked, until = days.get("filed_date"), days.get("date"), days.get("extended_until")
    try:
        last = due_date("decision", filed, context.calendar) if filed else None
    except CalendarNotCovered:
        last = None
    if last and asked and asked > last:
        out.append(finding(pointer("date"), "extension.late",
                           f"行政处罚案件应当自立案之日起九十日内作出决定（行政处罚法 第六十条），本案期限已于{last.isoformat()}届满；"
                           "延期应在期限届满前报批。", WARNING))
    if last and until and until <= last:
        out.append(finding(pointer("extended_until"), "extension.not_later",
                           f"「延长至」应晚于立案之日起九十日的期限（{last.isoformat()}），请核对。"))
    if filed and asked and asked < filed:
        out.append(finding(pointer("date"), "date.order", "申请日期早于立案日期，请核对。"))
    return out
