"""Rules of the 法制审核 forms (001 附件1–3) and the case fact the penalty decision reads.

``legal_review_fact(opinion_answers)`` is what the case store keeps under ``case["legal_review"]`` once
an opinion is recorded; ``validators.major``'s ``legal_review`` rule reads its ``conclusion``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from validators import rulebook
from validators.context import CheckContext
from validators.datetimes import dates_of
from validators.deadlines import CalendarNotCovered, due_date
from validators.findings import WARNING, Finding, finding, pointer
from validators.registry import document_rule, is_blank


def max_calendar_days(working_days: int) -> int:
    """An upper bound of the calendar days ``working_days`` working days can span (for warnings only)."""
    weeks = working_days // 5 + 1
    return working_days + 2 * weeks + rulebook.LONGEST_HOLIDAY_RUN_DAYS


def within_working_days(start: date, end: date, working_days: int, path: str, title: str) -> list[Finding]:
    """``end`` not before ``start`` (error) and not obviously beyond ``working_days`` (warning)."""
    if end < start:
        return [finding(path, "date.order", f"「{title}」早于起算日期，请核对。")]
    if (end - start).days > max_calendar_days(working_days):
        return [finding(path, "deadline.exceeded",
                        f"「{title}」距起算日已超过{working_days}个工作日，请核对期限。", WARNING)]
    return []


def legal_review_fact(answers: dict) -> dict[str, Any]:
    """The case fact an opinion establishes: ``{"conclusion", "number", "date", "correction_applied"}``."""
    return {"conclusion": answers.get("conclusion", ""), "number": answers.get("number", ""),
            "date": answers.get("date", ""), "correction_applied": False}


@document_rule("legal_review_application")
def application_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """At least two certified officers (持证上岗, 行政处罚法 第四十二条); the date is a date."""
    out: list[Finding] = []
    officers = answers.get("officers")
    if isinstance(officers, list) and len(officers) < rulebook.MIN_OFFICERS:
        out.append(finding(pointer("officers"), "officers.too_few",
                           f"承办案件的执法人员不得少于{rulebook.MIN_OFFICERS}人，请补充执法人员及执法证号。"))
    _, bad = dates_of(answers, {"apply_date": "申请日期"})
    return out + bad


def review_due(received: date, extended: bool, context: CheckContext | None = None) -> date | str:
    """The last day of the 法制审核: 10 working days after the complete materials were received, 10 more
    when the extension was approved (001 第十四条; 003 第十条) — computed with the working-day calendar
    in force, never typed. A Chinese message instead when the year has no holiday data."""
    amounts = ((context.settings if context else None) or {}).get("periods") or {}
    amount = amounts.get("legal_review") if isinstance(amounts.get("legal_review"), int) else None
    days = (amount or rulebook.PERIODS["legal_review"].amount) + (
        rulebook.LEGAL_REVIEW_EXTENSION_WORKING_DAYS if extended else 0)
    try:
        return due_date("legal_review", received, getattr(context, "calendar", None), days)
    except CalendarNotCovered as exc:
        return str(exc)


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@document_rule("legal_review_approval")
def approval_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """The review due date is computed from the submission (001 第十四条); a typed one that disagrees is an
    error that gives the right day."""
    days, out = dates_of(answers, {"submitted_date": "送审时间", "review_due": "审核期限届满日"})
    if "submitted_date" in days and "review_due" in days:
        due = review_due(days["submitted_date"], answers.get("extended") is True, context)
        if isinstance(due, str):
            out.append(finding(pointer("review_due"), "legal_review.due_unknown", f"无法核对审核期限：{due}", WARNING))
        elif due != days["review_due"]:
            extra = "（含经批准延长的10个工作日）" if answers.get("extended") is True else ""
            out.append(finding(pointer("review_due"), "legal_review.due_wrong",
                               f"审核期限届满日应为{_cn(due)}：自收到完备送审材料之次日起"
                               f"{rulebook.PERIODS['legal_review'].amount}个工作日{extra}（001 第十四条）。"
                               "此日期由系统按工作日计算，请清空此栏或改为该日。"))
    return out


@document_rule("legal_review_opinion")
def opinion_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """A conclusion other than 同意 states its reasons; the review date is within the review period."""
    out: list[Finding] = []
    conclusion = answers.get("conclusion")
    opinions = answers.get("opinions")
    if conclusion in rulebook.LEGAL_REVIEW_CONCLUSIONS and conclusion != "同意":
        if not isinstance(opinions, list) or all(is_blank(o) for o in opinions):
            out.append(finding(pointer("opinions"), "legal_review.reasons_missing",
                               f"审核结论为“{conclusion}”，请逐条写明理由和需要纠正或处理的问题。"))
    days, bad = dates_of(answers, {"received_date": "收到完备送审材料日期", "date": "审核日期"})
    out += bad
    if "received_date" in days and "date" in days:
        if days["date"] < days["received_date"]:
            out.append(finding(pointer("date"), "date.order", "「审核日期」早于收到送审材料的日期，请核对。"))
            return out
        due = review_due(days["received_date"], answers.get("extended") is True, context)
        if isinstance(due, str):
            out.append(finding(pointer("date"), "legal_review.due_unknown", f"无法核对审核期限：{due}", WARNING))
        elif days["date"] > due:
            more = "" if answers.get("extended") is True else "；经批准延长的，请勾选“经批准延长10个工作日”"
            out.append(finding(pointer("date"), "legal_review.late",
                               f"审核日期晚于审核期限届满日（{_cn(due)}，自收到完备送审材料之次日起计算，"
                               f"001 第十四条）{more}。", WARNING))
    return out
