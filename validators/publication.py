"""Rules of the 行政执法决定信息公示摘要 (003 第十二条、第十五条; 002 第四条(四)).

Due dates are answers (typed, or computed by the deadline tool); without the holiday calendar this rule
checks what it can for sure (order of dates, the takedown years) and warns when a due date lies beyond
any span the working-day period could have.
"""

from __future__ import annotations

from datetime import date

from validators import rulebook
from validators.context import CheckContext
from validators.datetimes import dates_of
from validators.findings import WARNING, Finding, finding, pointer
from validators.masking import has_personal_numbers
from validators.registry import document_rule
from validators.review_forms import within_working_days


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def publication_period(decision_type: object) -> rulebook.Period:
    """7 working days for 许可/处罚 decisions, 20 for others (003 第十五条; 001 第十三条)."""
    rule = "publication_penalty" if decision_type in ("处罚", "许可") else "publication_other"
    return rulebook.PERIODS[rule]


@document_rule("publication_summary")
def publication_rule(answers: dict, context: CheckContext) -> list[Finding]:
    days, out = dates_of(answers, {"decision_date": "决定日期", "publication_date": "公示日期",
                                   "publication_due": "公示期限届满日", "takedown_date": "撤除日期"})
    decided = days.get("decision_date")
    period = publication_period(answers.get("decision_type"))
    if decided and "publication_due" in days:
        out += within_working_days(decided, days["publication_due"], period.amount, pointer("publication_due"),
                                   "公示期限届满日")
    published = days.get("publication_date")
    if decided and published:
        if published < decided:
            out.append(finding(pointer("publication_date"), "date.order", "「公示日期」早于决定日期，请核对。"))
        elif "publication_due" in days and published > days["publication_due"]:
            out.append(finding(pointer("publication_date"), "publication.late",
                               f"公示日期晚于公示期限届满日：{period.title}为{period.amount}个工作日（{period.source}）。",
                               WARNING))
    if published and "takedown_date" in days:
        party = answers.get("party") if isinstance(answers.get("party"), dict) else {}
        kind = "person" if party.get("type") == "person" else "organization"
        years = rulebook.PUBLICATION_TAKEDOWN_YEARS[kind]
        earliest = add_years(published, years)
        if days["takedown_date"] < earliest:
            who = "自然人" if kind == "person" else "法人和其他组织"
            out.append(finding(pointer("takedown_date"), "publication.takedown_early",
                               f"{who}的执法决定信息公开满{years}年后方可撤下，最早为"
                               f"{earliest.year}年{earliest.month}月{earliest.day}日。"))
    for key, title in (("case_name", "案件名称"), ("facts", "违法事实"), ("legal_basis", "法律依据"),
                       ("result", "执法结论")):
        if has_personal_numbers(answers.get(key)):
            out.append(finding(pointer(key), "publication.personal_data",
                               f"「{title}」中含有身份证号或电话号码，公示摘要中已自动遮盖；建议删去。", WARNING))
    return out
