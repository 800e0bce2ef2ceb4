"""Rules of the 行政执法监督文书 and its 处理结果报告 (004 第二十二条: 有关行政执法部门应当在接到行政执法监督文书
之日起三十日内将处理结果书面报告司法行政部门).

The thirty days are calendar days (``rulebook.PERIODS["supervision_reply"]``): 004 says 三十日, not 三十个工作日,
and 行政处罚法 第八十五条 counts only 二日、三日、五日、七日 in working days; a last day that is a rest day moves to
the next working day (DOMAIN.md §9).
"""

from __future__ import annotations

from validators.context import CheckContext
from validators.datetimes import date_cn, parse_date
from validators.deadlines import CalendarNotCovered, due_date
from validators.findings import WARNING, Finding, finding, pointer
from validators.registry import document_rule
from validators.rulebook import PERIODS


@document_rule("supervision_notice")
def notice_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """The notice is received on or after the day it was issued, and not in the future."""
    out: list[Finding] = []
    issued, received = parse_date(answers.get("issued_date")), parse_date(answers.get("received_date"))
    if issued and received and received < issued:
        out.append(finding(pointer("received_date"), "date.order",
                           f"「收文日期」{date_cn(received)}早于「发文日期」{date_cn(issued)}，请核对。"))
    now = getattr(context, "now", None)
    if received and now is not None and received > now.date():
        out.append(finding(pointer("received_date"), "date.future", "「收文日期」晚于今天，请核对。"))
    return out


@document_rule("supervision_reply")
def reply_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """The report is dated on or after the notice was received; later than the thirty days is a warning."""
    received, reported = parse_date(answers.get("received_date")), parse_date(answers.get("date"))
    if not received or not reported:
        return []
    if reported < received:
        return [finding(pointer("date"), "date.order",
                        f"「报告日期」{date_cn(reported)}早于接到监督文书的日期{date_cn(received)}，请核对。")]
    period = PERIODS["supervision_reply"]
    try:
        due = due_date("supervision_reply", received, getattr(context, "calendar", None))
    except CalendarNotCovered:
        return []
    if reported > due:
        return [finding(pointer("date"), "supervision.late",
                        f"处理结果报告应于{date_cn(due)}前报送（接到监督文书之日起{period.amount}日内，{period.source}），"
                        f"本报告已逾期{(reported - due).days}日；请在报告中说明逾期原因。", WARNING)]
    return []
