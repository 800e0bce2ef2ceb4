"""Procedure order on the decision (DOMAIN.md §5): the 决定书 is not dated before the 陈述申辩 period and,
when a hearing was to be offered, the 听证申请 period have run out — unless the party stated, waived in
writing, or a hearing was held; and the 法制审核 opinion that unblocks a major decision is dated on or
before it.

What the case knows comes in ``context.case``: ``events`` (ISO dates of case events, e.g.
``penalty_notice_delivered`` from the 送达回执), ``documents`` (answers by kind), the facts
``statement_waived`` / ``hearing_waived`` (放弃陈述申辩 / 放弃听证 in writing), ``legal_review``; and
``context.calendar`` the working-day calendar in force (the package's when absent).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from validators.context import CheckContext
from validators.datetimes import parse_date, parse_datetime
from validators.deadlines import CalendarNotCovered, due_date
from validators.findings import ERROR, WARNING, Finding, finding, pointer
from validators.registry import document_rule


def _day(value: Any) -> date | None:
    moment = parse_datetime(value) if isinstance(value, str) else None
    return moment.date() if moment else parse_date(value)


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _period_end(rule: str, start: date, context: CheckContext) -> date | None | str:
    amounts = (context.settings or {}).get("periods") or {}
    amount = amounts.get(rule) if isinstance(amounts.get(rule), int) else None
    try:
        return due_date(rule, start, getattr(context, "calendar", None), amount)
    except CalendarNotCovered as exc:
        return str(exc)


@document_rule("procedure_order")
def procedure_order(answers: dict, context: CheckContext) -> list[Finding]:
    from validators.major import UnknownRuleSet, assess

    case = context.case or {}
    decided = _day(answers.get("date"))
    if decided is None:
        return []
    out: list[Finding] = []
    try:
        weighed = assess(answers, (context.settings or {}).get("rule_set") or None)
    except UnknownRuleSet:
        weighed = None
    events = case.get("events") or {}
    delivered = _day(events.get("penalty_notice_delivered"))
    # the 听证告知书's delivery, when the case has one, starts the 听证申请 period (2016 式样 应急听告)
    told_hearing = _day(events.get("hearing_notice_delivered")) or delivered
    documents = case.get("documents") or {}
    if delivered is not None or told_hearing is not None:
        stated = bool(case.get("statement_waived")) or "statement_record" in documents or delivered is None
        checks = [] if stated else [("statement", "陈述申辩", "行政处罚法 第四十五条、第六十二条", delivered, "告知书")]
        hearing = weighed is not None and weighed.hearing_required
        held = bool(case.get("hearing_waived")) or "hearing_record" in documents or answers.get("hearing_held") is True
        if hearing and not held and told_hearing is not None:
            told = "听证告知书" if events.get("hearing_notice_delivered") else "告知书"
            checks.append(("hearing_request", "听证申请", "行政处罚法 第六十四条第（一）项", told_hearing, told))
        for rule, name, source, delivered, told in checks:
            end = _period_end(rule, delivered, context)
            if isinstance(end, str):
                out.append(finding(pointer("date"), "procedure.period_unknown",
                                   f"无法核对{name}期限：{end}", WARNING))
            elif decided <= end:
                out.append(finding(
                    pointer("date"), "procedure.before_" + rule,
                    f"决定日期（{_cn(decided)}）在{name}期限届满（{_cn(end)}，自{told}送达之日 {_cn(delivered)} 起算）"
                    f"之前。请在期限届满后作出决定；当事人已书面放弃{name}的，请在案件中记录（{source}）。",
                    ERROR))
    review = case.get("legal_review")
    review_day = _day(review.get("date")) if isinstance(review, dict) else None
    if weighed is not None and weighed.major and review_day is not None and review_day > decided:
        out.append(finding(pointer("date"), "legal_review.after_decision",
                           f"法制审核意见书的日期（{_cn(review_day)}）晚于本决定的日期（{_cn(decided)}）：法制审核应当在"
                           "作出决定之前完成（行政处罚法 第五十八条）。请核对两份文书的日期。", ERROR))
    return out
