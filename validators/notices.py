"""Rules of the notices before a decision: 行政处罚告知书 (hearing right) and 听证告知书 (notice period).

- ``hearing_rights``: when the proposed penalties meet the hearing threshold of 行政处罚法 第六十三条
  (fine or confiscation ≥ the rule set's ``hearing_fine`` for the party type, or a kind in
  ``rulebook.HEARING_PENALTY_KINDS``), the notice must tell the party of the right to a hearing:
  ``hearing_right`` must be true (error ``hearing.right_missing``). The template prints the hearing
  sentence when the flag is true, so the decision is visible in the answers, not hidden in code.
- ``hearing_notice``: the hearing is at least ``rulebook.HEARING_NOTICE_MIN_DAYS`` working days after the
  notice (行政处罚法 第六十四条、第八十五条; error ``hearing.notice_too_late``).

Thresholds are read from ``validators.rulebook`` directly (the rule set named in the settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from validators.context import CheckContext
from validators.datetimes import parse_date, parse_datetime
from validators.findings import WARNING, Finding, finding, pointer
from validators.money import parse_amount
from validators.registry import document_rule
from validators.rulebook import (
    DEFAULT_RULE_SET,
    HEARING_CONFISCATION_KINDS,
    HEARING_NOTICE_MIN_DAYS,
    HEARING_PENALTY_KINDS,
    MAJOR_DECISION_RULE_SETS,
    MajorDecisionRuleSet,
)

PARTY_CN = {"person": "个人", "organization": "单位"}
KIND_CN = {
    "revoke_license": "吊销许可证件（降低资质等级）",
    "suspend_production": "责令停产停业",
    "close": "责令关闭",
    "restrict_practice": "限制从业",
    "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物",
}


@dataclass
class HearingAssessment:
    """Whether a hearing must be offered, and why (Chinese reasons)."""

    required: bool
    reasons: list[str] = field(default_factory=list)
    rule_set: str = DEFAULT_RULE_SET


def rule_set_for(context: CheckContext | None) -> MajorDecisionRuleSet:
    name = (context.settings.get("rule_set") if context else None) or DEFAULT_RULE_SET
    return MAJOR_DECISION_RULE_SETS.get(name, MAJOR_DECISION_RULE_SETS[DEFAULT_RULE_SET])


def party_type(answers: dict) -> str | None:
    """The party's type from ``party`` (notices, decisions) or ``object`` (records)."""
    for key in ("party", "object"):
        value = answers.get(key)
        if isinstance(value, dict) and value.get("type") in PARTY_CN:
            return value["type"]
    return None


def assess_hearing(answers: dict, rules: MajorDecisionRuleSet) -> HearingAssessment:
    """Apply 行政处罚法 第六十三条 with the rule set's thresholds to ``answers["penalties"]``."""
    ptype = party_type(answers)
    # unknown party type: the lower threshold, so a needed hearing is never missed
    threshold = rules.hearing_fine.get(ptype) if ptype else min(rules.hearing_fine.values())
    who = PARTY_CN.get(ptype, "当事人")
    penalties = answers.get("penalties") if isinstance(answers.get("penalties"), list) else []
    fines = Decimal(0)
    confiscated = Decimal(0)
    reasons: list[str] = []
    for p in penalties:
        if not isinstance(p, dict):
            continue
        kind = p.get("kind")
        amount = parse_amount(p.get("amount")) or Decimal(0)
        if kind == "fine":
            fines += amount
        elif kind in HEARING_CONFISCATION_KINDS:
            confiscated += amount
        if kind in HEARING_PENALTY_KINDS:
            reasons.append(f"拟{KIND_CN[kind]}")
    if fines >= threshold:
        reasons.insert(0, f"拟罚款{fines:,.2f}元，达到对{who}较大数额罚款{threshold:,.0f}元的听证标准")
    if confiscated >= threshold:
        reasons.append(f"拟没收违法所得或非法财物价值{confiscated:,.2f}元，达到较大数额{threshold:,.0f}元")
    return HearingAssessment(required=bool(reasons), reasons=reasons, rule_set=rules.name)


@document_rule("hearing_rights")
def hearing_rights(answers: dict, context: CheckContext) -> list[Finding]:
    """Error ``hearing.right_missing`` when a hearing must be offered but ``hearing_right`` is not set."""
    rules = rule_set_for(context)
    result = assess_hearing(answers, rules)
    if not result.required or answers.get("hearing_right") is True:
        return []
    return [finding(pointer("hearing_right"), "hearing.right_missing",
                    "；".join(result.reasons) + f"（行政处罚法 第六十三条；{rules.source}），应当告知当事人有要求"
                    "举行听证的权利。请选中「告知听证权利」，告知书将载明听证权利和提出期限。")]


def _is_workday(d: date) -> bool:
    import chinese_calendar

    return chinese_calendar.is_workday(d)


def earliest_hearing_day(notice: date, days: int = HEARING_NOTICE_MIN_DAYS) -> tuple[date, bool]:
    """The first day a hearing may be held after a notice on ``notice`` (``days`` working days later,
    the notice day not counted) and whether working days could be counted (False: the holiday calendar
    does not cover the year and calendar days were used)."""
    d, left = notice, days
    try:
        while left:
            d += timedelta(days=1)
            if _is_workday(d):
                left -= 1
        return d, True
    except NotImplementedError:
        return notice + timedelta(days=days), False


@document_rule("hearing_notice")
def hearing_notice(answers: dict, context: CheckContext) -> list[Finding]:
    """The hearing must be at least 7 working days after the notice date (行政处罚法 第六十四条、第八十五条)."""
    notice = parse_date(answers.get("date"))
    held = parse_datetime(answers.get("hearing_time"))
    if notice is None or held is None:
        return []  # missing or malformed values are reported by the schema checks
    out: list[Finding] = []
    earliest, counted = earliest_hearing_day(notice)
    if not counted:
        out.append(finding(pointer("hearing_time"), "hearing.calendar_not_covered",
                           f"节假日安排未覆盖{notice.year}年之后的日期，已按自然日计算{HEARING_NOTICE_MIN_DAYS}日，"
                           "请人工核对听证日期是否距告知日期满七个工作日。", WARNING))
    if held.date() < earliest:
        out.append(finding(pointer("hearing_time"), "hearing.notice_too_late",
                           f"听证告知书应当在举行听证的{HEARING_NOTICE_MIN_DAYS}日（工作日）前送达当事人"
                           f"（行政处罚法 第六十四条、第八十五条）。告知日期为{notice.year}年{notice.month}月{notice.day}日，"
                           f"听证最早可安排在{earliest.year}年{earliest.month}月{earliest.day}日，请推后听证时间。"))
    return out
