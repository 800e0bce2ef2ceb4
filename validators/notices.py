"""Rules of the notices before a decision: 行政处罚告知书 (hearing right) and 听证告知书 (notice period).

- ``hearing_rights``: when the proposed penalties meet 行政处罚法 第六十三条 (as weighed by
  ``validators.major.assess`` with the rule set of the settings: fine or confiscation ≥ the rule set's
  ``hearing_fine`` for the party type, 吊销许可证件、降低资质等级、责令停产停业、责令关闭、限制从业), the notice
  must tell the party of the right to a hearing: ``hearing_right`` must be true (error
  ``hearing.right_missing``). The template prints the hearing sentence when the flag is true, so the
  decision is visible in the answers, not hidden in the renderer.
- ``hearing_meeting_notice`` (行政处罚听证会通知书; ``hearing_notice`` for drafts of before the split): the hearing is at least ``rulebook.HEARING_NOTICE_MIN_DAYS`` working days after the
  notice (行政处罚法 第六十四条、第八十五条; error ``hearing.notice_too_late``).
"""

from __future__ import annotations

from datetime import date, timedelta

from validators.context import CheckContext
from validators.datetimes import parse_date, parse_datetime
from validators.deadlines import CalendarNotCovered, add_working_days
from validators.findings import WARNING, Finding, finding, pointer
from validators.major import UnknownRuleSet, assess
from validators.registry import document_rule
from validators.rulebook import (
    DEFAULT_RULE_SET,
    HEARING_NOTICE_DAYS_UNIT,
    HEARING_NOTICE_MIN_DAYS,
    MAJOR_DECISION_RULE_SETS,
)


@document_rule("hearing_rights")
def hearing_rights(answers: dict, context: CheckContext) -> list[Finding]:
    """Error ``hearing.right_missing`` when a hearing must be offered but ``hearing_right`` is not set."""
    name = context.settings.get("rule_set") or DEFAULT_RULE_SET
    try:
        result = assess(answers, name)
    except UnknownRuleSet:
        name = DEFAULT_RULE_SET
        result = assess(answers, name)
    if not result.hearing_required or answers.get("hearing_right") is True:
        return []
    rules = MAJOR_DECISION_RULE_SETS[result.rule_set]
    return [finding(pointer("hearing_right"), "hearing.right_missing",
                    "拟作出的处罚中，" + "；".join(result.hearing_reasons) + "。应当告知当事人有要求举行听证的权利"
                    "（行政处罚法 第六十三条、第六十四条），请选中「告知听证权利」，告知书将载明听证权利和提出期限。"
                    f"（较大数额标准依据：{rules.title}）")]


def earliest_hearing_day(notice: date, days: int = HEARING_NOTICE_MIN_DAYS) -> tuple[date, str | None]:
    """The first day a hearing may be held after a notice on ``notice``: ``days`` working days later,
    the notice day not counted (行政处罚法 第八十五条: "七日" are working days). The second value is the
    Chinese reason when working days could not be counted (the holiday schedule does not cover the
    year); calendar days are then used and the caller warns."""
    if HEARING_NOTICE_DAYS_UNIT != "working_days":
        return notice + timedelta(days=days), None
    try:
        return add_working_days(notice, days), None
    except CalendarNotCovered as exc:
        return notice + timedelta(days=days), str(exc)


@document_rule("hearing_meeting_notice")
@document_rule("hearing_notice")  # drafts checked before the 听证会通知书 became a kind of its own
def hearing_notice(answers: dict, context: CheckContext) -> list[Finding]:
    """The hearing must be at least 7 working days after the notice date (行政处罚法 第六十四条、第八十五条)."""
    notice = parse_date(answers.get("date"))
    held = parse_datetime(answers.get("hearing_time"))
    if notice is None or held is None:
        return []  # missing or malformed values are reported by the schema checks
    out: list[Finding] = []
    earliest, uncovered = earliest_hearing_day(notice)
    if uncovered:
        out.append(finding(pointer("hearing_time"), "hearing.calendar_not_covered",
                           f"{uncovered}本次已按自然日计算{HEARING_NOTICE_MIN_DAYS}日，请人工核对听证日期是否距通知日期"
                           f"满{HEARING_NOTICE_MIN_DAYS}个工作日。", WARNING))
    if held.date() < earliest:
        out.append(finding(pointer("hearing_time"), "hearing.notice_too_late",
                           f"应当在举行听证的{HEARING_NOTICE_MIN_DAYS}日（工作日）前将听证的时间、地点通知当事人"
                           f"（行政处罚法 第六十四条第（二）项、第八十五条）。通知日期为{notice.year}年{notice.month}月{notice.day}日，"
                           f"听证最早可安排在{earliest.year}年{earliest.month}月{earliest.day}日，请推后听证时间。"))
    return out
