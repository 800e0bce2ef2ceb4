"""Rules of the official forms batch A (2016 式样 2, 4, 6, 10–15, 21–23): the dates and periods each form's
law sets, so a clerk cannot print an extension beyond 行政强制法 第二十五条, a 停止供电 without the 24 hours of
安全生产法 第七十条第二款, or a 先行登记保存 decision after the 7 days of 行政处罚法 第五十六条.

Missing or malformed values are the schema's business (``field.missing``, ``date.format``); these rules only
weigh values that are there.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from validators import rulebook
from validators.context import CheckContext
from validators.datetimes import parse_date, parse_datetime
from validators.deadlines import PACKAGE_CALENDAR, CalendarNotCovered
from validators.findings import WARNING, Finding, finding, pointer
from validators.major import review_passed
from validators.registry import document_rule


def _cn(day: date | datetime) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _not_before(answers: dict, later: str, earlier: str, later_title: str, earlier_title: str,
                code: str = "date.order") -> list[Finding]:
    """Error at ``later`` when its date (or date-time) lies before ``earlier``'s day."""
    a, b = _day(answers.get(later)), _day(answers.get(earlier))
    if a and b and a < b:
        return [finding(pointer(later), code, f"「{later_title}」（{_cn(a)}）早于{earlier_title}（{_cn(b)}），请核对。")]
    return []


def _day(value: object) -> date | None:
    moment = parse_datetime(value)
    return moment.date() if moment else parse_date(value)


@document_rule("onsite_measures")
def onsite_measures(answers: dict, context: CheckContext) -> list[Finding]:
    """现场处理措施决定书: the inspection it follows is not after the decision."""
    return _not_before(answers, "date", "inspection_date", "决定日期", "现场检查日期")


@document_rule("rectification_review")
def rectification_review(answers: dict, context: CheckContext) -> list[Finding]:
    """整改复查意见书: the review is not dated before the order it reviews."""
    return _not_before(answers, "date", "order_date", "复查意见日期", "原决定（指令）日期")


@document_rule("inquiry_notice")
def inquiry_notice(answers: dict, context: CheckContext) -> list[Finding]:
    """询问通知书: the party is asked to come after the notice is made."""
    return _not_before(answers, "inquiry_time", "date", "接受询问时间", "通知日期")


@document_rule("appraisal_commission")
def appraisal_commission(answers: dict, context: CheckContext) -> list[Finding]:
    """鉴定委托书: the result is due after the commission."""
    return _not_before(answers, "due_date", "date", "提交鉴定结果期限", "委托日期")


@document_rule("seizure_extension")
def seizure_extension(answers: dict, context: CheckContext) -> list[Finding]:
    """行政强制法 第二十五条: extended once by at most 30 days, decided within the period, on the head's approval."""
    out: list[Finding] = []
    seized, until, extended = (parse_date(answers.get(k)) for k in ("seizure_date", "original_until", "extended_until"))
    issued, approved = parse_date(answers.get("date")), parse_date(answers.get("approved_on"))
    cap, extra = rulebook.SEIZURE_MAX_DAYS, rulebook.SEIZURE_EXTENSION_MAX_DAYS
    if seized and until:
        if until < seized:
            out.append(finding(pointer("original_until"), "date.order", "「原期限届满日」早于查封扣押决定日期，请核对。"))
        elif (until - seized).days > cap:
            out.append(finding(pointer("original_until"), "seizure.period_too_long",
                               f"查封、扣押的期限不得超过{cap}日（行政强制法 第二十五条第一款）：自{_cn(seized)}起，"
                               f"原期限最迟至{_cn(seized + timedelta(days=cap))}，请核对原决定。"))
    if until and extended:
        if extended <= until:
            out.append(finding(pointer("extended_until"), "seizure.extension_not_later",
                               f"延长后的期限（{_cn(extended)}）应晚于原期限届满日（{_cn(until)}）。"))
        elif (extended - until).days > extra:
            out.append(finding(pointer("extended_until"), "seizure.extension_too_long",
                               f"延长期限不得超过{extra}日（行政强制法 第二十五条第一款）：原期限{_cn(until)}届满，"
                               f"最迟可延长至{_cn(until + timedelta(days=extra))}。"))
    if issued and until and issued > until:
        out.append(finding(pointer("date"), "seizure.extension_after_expiry",
                           f"延长查封扣押期限的决定应在原期限届满前作出（行政强制法 第二十五条）；原期限已于{_cn(until)}届满，"
                           "期满未作处理决定的，应当解除查封、扣押（行政强制法 第二十八条第一款（四））。"))
    if approved and issued and approved > issued:
        out.append(finding(pointer("approved_on"), "seizure.extension_not_approved",
                           "延长查封、扣押期限须经本机关负责人批准后作出决定（行政强制法 第二十五条第一款）："
                           "「负责人批准日期」晚于决定日期，请核对。"))
    return out


@document_rule("seizure_disposal")
def seizure_disposal(answers: dict, context: CheckContext) -> list[Finding]:
    """行政强制法 第二十七条: the disposal is decided within the seizure's period (extension included)."""
    out = _not_before(answers, "date", "seizure_date", "处理决定日期", "查封扣押决定日期")
    issued, until = parse_date(answers.get("date")), parse_date(answers.get("period_until"))
    if issued and until and issued > until:
        out.append(finding(pointer("date"), "seizure.disposal_late",
                           f"查封、扣押后应在期限内作出处理决定（行政强制法 第二十七条）；期限已于{_cn(until)}届满，"
                           "期满未作处理决定的，应当解除查封、扣押（行政强制法 第二十八条第一款（四））。请核对日期。",
                           WARNING))
    return out


def _stop_time_findings(answers: dict, context: CheckContext, when_key: str, emergency: bool) -> list[Finding]:
    """行政强制法 第四十三条第一款: no enforcement at night or on a statutory holiday unless urgent (warnings)."""
    moment = parse_datetime(answers.get(when_key))
    if moment is None or emergency:
        return []
    out: list[Finding] = []
    late, early = rulebook.NIGHT_HOURS
    if moment.hour >= late or moment.hour < early:
        out.append(finding(pointer(when_key), "coercion.at_night",
                           "行政机关不得在夜间实施行政强制执行，情况紧急的除外（行政强制法 第四十三条第一款）："
                           f"所定时间{moment.hour}时{moment.minute}分属于夜间，请改在白天或者注明紧急情形。", WARNING))
    calendar = context.calendar or PACKAGE_CALENDAR
    try:
        holiday = moment.weekday() < 5 and not calendar.is_working_day(moment.date())
    except CalendarNotCovered:
        holiday = False
    if holiday:
        out.append(finding(pointer(when_key), "coercion.on_holiday",
                           "行政机关不得在法定节假日实施行政强制执行，情况紧急的除外（行政强制法 第四十三条第一款）："
                           f"{_cn(moment)}是法定节假日，请改期或者注明紧急情形。", WARNING))
    return out


@document_rule("supply_stop")
def supply_stop(answers: dict, context: CheckContext) -> list[Finding]:
    """安全生产法 第七十条: 主要负责人批准 before the decision; 停止供电 24 hours after notice, save in an emergency;
    行政强制法 第四十三条 (night, holidays)."""
    out: list[Finding] = []
    issued, approved = parse_date(answers.get("date")), parse_date(answers.get("approved_on"))
    if approved and issued and approved > issued:
        out.append(finding(pointer("approved_on"), "supply_stop.not_approved",
                           "采取停止供电、停止供应民用爆炸物品措施须经本部门主要负责人批准（安全生产法 第七十条第一款）："
                           "「主要负责人批准日期」晚于本文书日期，请核对。"))
    out += _not_before(answers, "date", "prior_date", "本文书日期", "原决定日期")
    emergency = answers.get("emergency") is True
    start = parse_datetime(answers.get("start_time"))
    if issued and start:
        hours = rulebook.SUPPLY_STOP_NOTICE_HOURS
        if start.date() < issued:
            out.append(finding(pointer("start_time"), "date.order", "「停止时间」早于本文书日期，请核对。"))
        elif answers.get("supply") == "供电" and not emergency:
            earliest_possible = datetime.combine(issued, datetime.min.time())
            if start - earliest_possible < timedelta(hours=hours):
                out.append(finding(pointer("start_time"), "supply_stop.notice_too_short",
                                   f"采取停止供电措施，除有危及生产安全的紧急情形外，应当提前{hours}小时通知生产经营单位"
                                   f"（安全生产法 第七十条第二款）：本文书{_cn(issued)}作出，停止供电最早在次日、"
                                   f"且距送达满{hours}小时后。请推后停止供电时间，或者勾选紧急情形。"))
            elif start - earliest_possible < timedelta(hours=2 * hours):
                out.append(finding(pointer("start_time"), "supply_stop.notice_check",
                                   f"停止供电应当提前{hours}小时通知生产经营单位（安全生产法 第七十条第二款），"
                                   "请确认送达停止供电决定书的时间距停止供电时已满"
                                   f"{hours}小时。", WARNING))
    out += _stop_time_findings(answers, context, "start_time", emergency)
    return out


@document_rule("supply_restore")
def supply_restore(answers: dict, context: CheckContext) -> list[Finding]:
    """安全生产法 第七十条第二款: lifted once the unit has complied — dates in order."""
    out = _not_before(answers, "complied_date", "stop_date", "履行决定、消除隐患的日期", "停止措施日期")
    out += _not_before(answers, "date", "complied_date", "本通知书日期", "履行决定、消除隐患的日期")
    out += _not_before(answers, "restore_time", "date", "恢复时间", "本通知书日期")
    return out


@document_rule("preservation_disposal")
def preservation_disposal(answers: dict, context: CheckContext) -> list[Finding]:
    """行政处罚法 第五十六条、第八十五条: the decision on preserved evidence within 7 working days."""
    preserved, issued = parse_date(answers.get("preserved_on")), parse_date(answers.get("date"))
    if not preserved or not issued:
        return []
    if issued < preserved:
        return [finding(pointer("date"), "date.order",
                        f"「处理决定日期」（{_cn(issued)}）早于先行登记保存日期（{_cn(preserved)}），请核对。")]
    days = rulebook.PRESERVATION_DECISION_DAYS
    calendar = context.calendar or PACKAGE_CALENDAR
    try:
        due = calendar.add_working_days(preserved, days)
    except CalendarNotCovered as exc:
        due = preserved + timedelta(days=days)
        note = f"{exc}已按自然日计算。"
    else:
        note = ""
    if issued > due:
        return [finding(pointer("date"), "preservation.decision_late",
                        f"先行登记保存的证据应当在{days}日（工作日）内作出处理决定（行政处罚法 第五十六条、第八十五条）："
                        f"{_cn(preserved)}登记保存，最迟应于{_cn(due)}作出处理决定。{note}")]
    return []


@document_rule("supply_stop_review")
def supply_stop_review(answers: dict, context: CheckContext) -> list[Finding]:
    """停止供电 is a 重大执法决定 (001 第六条（三）3): a passing 法制审核 opinion, dated on or before the decision."""
    if answers.get("supply") != "供电":
        return []
    review = context.case.get("legal_review") or answers.get("legal_review")
    if isinstance(review, list):
        review = review[-1] if review else None
    source = rulebook.SUPPLY_STOP_REVIEW_SOURCE
    if not review_passed(review):
        return [finding(pointer("legal_review"), "legal_review.required",
                        f"通知有关单位强制停止供电属于重大执法决定（{source}），须经法制审核：本案尚无结论为“同意”的"
                        "法制审核意见。请先完成法制审核并录入法制审核意见，再生成本决定书。")]
    reviewed, issued = parse_date(review.get("date")), parse_date(answers.get("date"))
    if reviewed and issued and reviewed > issued:
        return [finding(pointer("legal_review", "date"), "legal_review.after_decision",
                        f"法制审核意见（{_cn(reviewed)}）晚于本决定日期（{_cn(issued)}）：重大执法决定应在法制审核后作出"
                        f"（{source}），请核对日期。")]
    return []
