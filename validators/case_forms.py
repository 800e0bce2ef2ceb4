"""Rules of the 立案审批表 (003 第十二条) and the 结案审批表 (003 第三十二条 归档)."""

from __future__ import annotations

from datetime import timedelta

from validators import rulebook
from validators.context import CheckContext
from validators.datetimes import dates_of, parse_datetime
from validators.findings import WARNING, Finding, finding, pointer
from validators.registry import document_rule, is_blank


def _officers(answers: dict) -> list[Finding]:
    officers = answers.get("officers")
    if isinstance(officers, list) and len(officers) < rulebook.MIN_OFFICERS:
        return [finding(pointer("officers"), "officers.too_few",
                        f"承办人不得少于{rulebook.MIN_OFFICERS}人（行政处罚法 第四十二条），请补充执法人员及执法证号。")]
    return []


@document_rule("case_filing")
def filing_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """Two officers; an urgent start has its time and is approved within 24 hours (003 第十二条)."""
    out = _officers(answers)
    if answers.get("urgent") is not True:
        return out
    hours = rulebook.PROGRAM_START_MAKEUP_HOURS
    started = parse_datetime(answers.get("started_at"))
    if started is None:
        out.append(finding(pointer("started_at"), "field.missing",
                           "情况紧急先行启动的，请填写「先行启动时间」（如 2026-11-20T11:30）。"))
        return out
    if is_blank(answers.get("approved_at")):
        return out
    approved = parse_datetime(answers.get("approved_at"))
    if approved is None:
        out.append(finding(pointer("approved_at"), "datetime.format", "「补办审批时间」应为时间，如 2026-11-21T09:00。"))
    elif approved < started:
        out.append(finding(pointer("approved_at"), "date.order", "「补办审批时间」早于先行启动时间，请核对。"))
    elif approved - started > timedelta(hours=hours):
        out.append(finding(pointer("approved_at"), "filing.makeup_late",
                           f"先行启动执法程序的，应在启动后{hours}小时内补办审批手续（003 第十二条）；"
                           "本案已超过期限，请核对时间或说明情况。"))
    return out


@document_rule("case_closing")
def closing_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """Closing not before filing; archive due within 30 days of closing (003 第三十二条)."""
    days, out = dates_of(answers, {"filing_date": "立案日期", "closing_date": "结案日期", "archive_due": "归档期限届满日"})
    if "filing_date" in days and "closing_date" in days and days["closing_date"] < days["filing_date"]:
        out.append(finding(pointer("closing_date"), "date.order", "「结案日期」早于立案日期，请核对。"))
    closed, due = days.get("closing_date"), days.get("archive_due")
    if closed and due:
        period = rulebook.PERIODS["archive"]
        if due < closed:
            out.append(finding(pointer("archive_due"), "date.order", "「归档期限届满日」早于结案日期，请核对。"))
        elif (due - closed).days > period.amount + rulebook.LONGEST_HOLIDAY_RUN_DAYS:
            out.append(finding(pointer("archive_due"), "deadline.exceeded",
                               f"{period.title}为结案之日起{period.amount}日（{period.source}），"
                               "此处的届满日超出期限，请核对。", WARNING))
    return out
