"""执法情况统计分析 (001 执法情况统计分析制度 第五条; 003 公示办法 第十六条): the year's figures from the store.

What counts, so that the same store always gives the same figures:
- a case is 立案 in the year of its 立案 date (the 立案日期 any of its documents gives, or the date entered by
  hand: the same date the 90-day decision period counts from), and
  结案 in the year of its 结案审批表's 结案日期 (or the date entered by hand);
- a decision, a coercive measure, a hearing or an inspection counts once it was **issued** (generated at least
  once, not 作废), with the answers of its last issued version and the year of its own date; drafts are
  reported apart (``drafts_left_out``) and never added in;
- 罚款 and 没收违法所得 are summed in 分 (Decimal, rounded half up as printed), shown as ``"12345.00"``;
- reconsiderations and lawsuits are the cases with a date of 被申请行政复议 / 被提起行政诉讼 in the year;
- what the store cannot know (training, 普法宣传, 规范性文件, complaints, vehicles …) is listed in ``to_fill`` and
  left blank in the workbook for the clerk.
The annual report is due 1月10日 of the next year (行政执法公示办法 第十六条): :func:`annual_report_item` puts it on 今日待办
until ``mark_reported`` records it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from validators.datetimes import date_cn
from validators.rulebook import (
    ANNUAL_REPORT_DUE,
    ANNUAL_REPORT_NOTICE_DAYS,
    STATS_COERCIVE_KINDS,
    STATS_HEARING_KINDS,
    STATS_INSPECTION_KINDS,
)
from wenshu.agenda import as_date

#: Items of 执法情况统计分析制度 第五条 / 行政执法公示办法 第十六条 the store cannot know: (key, 统计项目, 说明).
TO_FILL: tuple[tuple[str, str, str], ...] = (
    ("training", "法制学习、培训", "执法人员参加法律培训的人数、时间和内容；举办法律、法规培训班的人数、时间和内容（执法情况统计分析制度 第五条（一））"),
    ("publicity", "普法宣传", "媒体宣传、发放宣传单、明白卡、普法现场咨询、张贴标语（执法情况统计分析制度 第五条（二））"),
    ("normative_documents", "规范性文件", "本局上年度制定的规范性文件目录（执法情况统计分析制度 第五条（三））"),
    ("supervision_certificates", "行政执法监督证", "持行政执法监督证的人数及名单（执法情况统计分析制度 第五条（四））"),
    ("complaints", "投诉举报", "咨询数、举报数、受理数、办理情况（执法情况统计分析制度 第五条（五）；行政执法公示办法 第十六条（三））"),
    ("vehicles", "动用执法车辆数", "执法检查动用的执法车辆数（执法情况统计分析制度 第五条（六））"),
    ("plan_execution", "执法检查计划执行情况", "年度执法检查计划的执行情况（行政执法公示办法 第十六条（一））"),
    ("reconsiderations_received", "受理行政复议案件数", "本机关作为复议机关受理的行政复议案件数（执法情况统计分析制度 第五条（七））"),
)

META_REPORTED = "stats_reported:"


class StatsError(ValueError):
    """An unusable request (a year out of range, a workbook that cannot be written); the text is Chinese."""


def _cents(value: Any) -> int:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return 0
    return int(amount * 100) if amount > 0 else 0


def yuan(cents: int) -> str:
    """``1234500`` → ``"12345.00"``."""
    return f"{cents // 100}.{cents % 100:02d}"


def _doc_date(answers: Mapping) -> date | None:
    """The document's own date: ``date``, else the start of ``time``."""
    time = answers.get("time")
    return as_date(answers.get("date")) or as_date(time.get("start") if isinstance(time, Mapping) else time)


def _officer_key(officer: Any) -> str:
    if not isinstance(officer, Mapping):
        return ""
    return str(officer.get("cert_no") or officer.get("name") or "").strip()


@dataclass
class _Issued:
    kind: str
    answers: dict


def check_year(year: Any) -> int:
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise StatsError(f"年度“{year}”无法识别，请写四位数字，如 2026。") from None
    if not 1990 <= y <= 2100:
        raise StatsError(f"年度 {y} 超出可统计的范围（1990—2100），请核对。")
    return y


def annual_statistics(service: Any, year: Any) -> dict:
    """The year's figures (JSON-ready) from the case store behind ``service`` (a ``CaseService``)."""
    from wenshu.agenda import case_dates

    y = check_year(year)
    store = service.store
    schemas = service._schemas
    decisions = {k.name for k in _decision_kinds()}
    issued_versions = _issued_versions(store)
    months = {m: {"month": m, "opened": 0, "closed": 0, "decisions": 0, "fine_cents": 0} for m in range(1, 13)}
    figures = {"opened": 0, "closed": 0, "decisions": 0, "fine_count": 0, "fine_cents": 0, "confiscation_cents": 0,
               "property_confiscations": 0, "hearing_cases": 0, "reconsiderations": 0, "lawsuits": 0,
               "coercive_measures": 0, "inspections": 0, "officer_visits": 0}
    officers: set[str] = set()
    drafts_left_out = 0
    cases = store.list_cases()
    ids = [c["id"] for c in cases]
    events_of = store.events_of(ids) if ids else {}
    for case in cases:
        docs = [d for d in store.documents(case["id"], withdrawn=False)]
        events, _done = case_dates([{"kind": d["kind"], "answers": d["answers"]} for d in docs],
                                   events_of.get(case["id"], []), schemas)
        opened = events.get("case_filed")
        if opened and opened.year == y:
            figures["opened"] += 1
            months[opened.month]["opened"] += 1
        closed = events.get("case_closed")
        if closed and closed.year == y:
            figures["closed"] += 1
            months[closed.month]["closed"] += 1
        for key, event in (("reconsiderations", "reconsideration_filed"), ("lawsuits", "lawsuit_filed")):
            day = events.get(event)
            if day and day.year == y:
                figures[key] += 1
        hearing = False
        for doc in docs:
            version = issued_versions.get(doc["id"])
            if version is None:
                if doc["kind"] in decisions and (_doc_date(doc["answers"]) or date.min).year == y:
                    drafts_left_out += 1
                continue
            answers = store.version_answers(doc["id"], version) or {}
            day = _doc_date(answers)
            if day is None or day.year != y:
                continue
            kind = doc["kind"]
            if kind in decisions:
                figures["decisions"] += 1
                months[day.month]["decisions"] += 1
                fine = 0
                for p in answers.get("penalties") or []:
                    if not isinstance(p, Mapping):
                        continue
                    if p.get("kind") == "fine":
                        fine += _cents(p.get("amount"))
                    elif p.get("kind") == "confiscate_income":
                        figures["confiscation_cents"] += _cents(p.get("amount"))
                    elif p.get("kind") == "confiscate_property":
                        figures["property_confiscations"] += 1
                if fine:
                    figures["fine_count"] += 1
                    figures["fine_cents"] += fine
                    months[day.month]["fine_cents"] += fine
                if answers.get("hearing_held") is True:
                    hearing = True
            if kind in STATS_HEARING_KINDS:
                hearing = True
            if kind in STATS_COERCIVE_KINDS:
                figures["coercive_measures"] += 1
            if kind in STATS_INSPECTION_KINDS:
                figures["inspections"] += 1
                keys = {k for k in (_officer_key(o) for o in answers.get("officers") or []) if k}
                figures["officer_visits"] += len(keys)
                officers |= keys
        if hearing:
            figures["hearing_cases"] += 1
    year_end = date(y, 12, 31)
    certified = [o for o in service.officers()
                 if not o.get("valid_until") or (as_date(o.get("valid_until")) or year_end) >= year_end]
    return {
        "year": y,
        "cases": {"opened": figures["opened"], "closed": figures["closed"]},
        "decisions": figures["decisions"],
        "fines": {"count": figures["fine_count"], "amount": yuan(figures["fine_cents"])},
        "confiscations": {"amount": yuan(figures["confiscation_cents"]),
                          "property": figures["property_confiscations"]},
        "hearings": figures["hearing_cases"],
        "reconsiderations": figures["reconsiderations"],
        "lawsuits": figures["lawsuits"],
        "coercive_measures": figures["coercive_measures"],
        "inspections": {"count": figures["inspections"], "officers": len(officers),
                        "officer_visits": figures["officer_visits"]},
        "certified_officers": len(certified),
        "monthly": [{"month": m["month"], "opened": m["opened"], "closed": m["closed"],
                     "decisions": m["decisions"], "fines": yuan(m["fine_cents"])} for m in months.values()],
        "drafts_left_out": drafts_left_out,
        "to_fill": [{"item": key, "title": title, "note": note} for key, title, note in TO_FILL],
        "report_due": report_due(y).isoformat(),
    }


def _decision_kinds():
    from wenshu.service import kinds_of_role

    return kinds_of_role("decision")


def _issued_versions(store: Any) -> dict[int, int]:
    """``{document row: last issued version}`` of every document generated at least once."""
    out: dict[int, int] = {}
    for rec in store.printed_records():
        out[rec["document_row"]] = max(out.get(rec["document_row"], 0), int(rec["version"]))
    return out


# --- the workbook ---------------------------------------------------------------------------------
#: (label, getter) rows of the figures sheet: 执法情况统计分析制度 第五条（六）–（八）.
def _figure_rows(f: Mapping) -> list[tuple[str, Any, str]]:
    return [
        ("立案数（件）", f["cases"]["opened"], "执法情况统计分析制度 第五条（七）"),
        ("结案数（件）", f["cases"]["closed"], "执法情况统计分析制度 第五条（七）"),
        ("作出行政处罚决定（件）", f["decisions"], "行政执法公示办法 第十六条（二）"),
        ("罚款（件）", f["fines"]["count"], "执法情况统计分析制度 第五条（七）"),
        ("罚款金额（元）", Decimal(f["fines"]["amount"]), "执法情况统计分析制度 第五条（七）"),
        ("没收违法所得（元）", Decimal(f["confiscations"]["amount"]), "执法情况统计分析制度 第五条（七）"),
        ("没收非法财物（件）", f["confiscations"]["property"], "执法情况统计分析制度 第五条（七）"),
        ("举行听证的案件（件）", f["hearings"], "执法情况统计分析制度 第五条（七）"),
        ("被提起行政复议（件）", f["reconsiderations"], "执法情况统计分析制度 第五条（七）"),
        ("被提起行政诉讼（件）", f["lawsuits"], "执法情况统计分析制度 第五条（七）"),
        ("行政强制决定（件）", f["coercive_measures"], "执法情况统计分析制度 第五条（八）"),
        ("执法检查（次）", f["inspections"]["count"], "执法情况统计分析制度 第五条（六）"),
        ("参加检查的执法人员（人）", f["inspections"]["officers"], "执法情况统计分析制度 第五条（六）"),
        ("参加检查的执法人员（人次）", f["inspections"]["officer_visits"], "执法情况统计分析制度 第五条（六）"),
        ("持行政执法证件人员（人）", f["certified_officers"], "执法情况统计分析制度 第五条（四）"),
    ]


def write_workbook(figures: Mapping, path: str | Path, agency: str = "") -> Path:
    """The annual report as an .xlsx (written whole or not at all)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from templates.atomic import RenderError, atomic_write

    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise StatsError(f"输出文件“{out}”应以 .xlsx 结尾。")
    year = figures["year"]
    wb = Workbook()
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name="黑体", bold=True, size=12)
    body_font = Font(name="宋体", size=11)
    fill_me = PatternFill("solid", fgColor="FFF2CC")

    ws = wb.active
    ws.title = "统计年报"
    ws["A1"] = f"{agency}{year}年度行政执法统计年报".strip()
    ws["A1"].font = Font(name="黑体", bold=True, size=16)
    ws.merge_cells("A1:C1")
    ws["A2"] = (f"统计期间：{year}年1月1日至{year}年12月31日；报送期限：{date_cn(report_due(year))}前"
                "（行政执法统计年报制度）。")
    ws.merge_cells("A2:C2")
    ws.append([])
    ws.append(["统计项目", "数值", "依据"])
    for cell in ws[4]:
        cell.font, cell.border = head_font, box
    for label, value, source in _figure_rows(figures):
        ws.append([label, value, source])
        row = ws.max_row
        for cell in ws[row]:
            cell.font, cell.border = body_font, box
        if isinstance(value, Decimal):
            ws.cell(row, 2).number_format = "#,##0.00"
    ws.append([])
    ws.append(["以下项目由本机关填写（案件库中没有这些数据）", "", ""])
    ws.cell(ws.max_row, 1).font = head_font
    ws.append(["统计项目", "填写内容", "说明"])
    for cell in ws[ws.max_row]:
        cell.font, cell.border = head_font, box
    for item in figures["to_fill"]:
        ws.append([item["title"], None, item["note"]])
        row = ws.max_row
        for cell in ws[row]:
            cell.font, cell.border = body_font, box
        ws.cell(row, 2).fill = fill_me
    if figures.get("drafts_left_out"):
        ws.append([])
        ws.append([f"注：另有 {figures['drafts_left_out']} 份本年度的处罚决定书尚未生成，未计入上表。", "", ""])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 60
    for row in ws.iter_rows(min_row=4):
        row[2].alignment = Alignment(wrap_text=True, vertical="center")

    ms = wb.create_sheet("按月统计")
    ms.append(["月份", "立案（件）", "结案（件）", "处罚决定（件）", "罚款金额（元）"])
    for cell in ms[1]:
        cell.font, cell.border = head_font, box
    for m in figures["monthly"]:
        ms.append([f"{m['month']}月", m["opened"], m["closed"], m["decisions"], Decimal(m["fines"])])
        for cell in ms[ms.max_row]:
            cell.font, cell.border = body_font, box
        ms.cell(ms.max_row, 5).number_format = "#,##0.00"
    ms.append(["合计", "=SUM(B2:B13)", "=SUM(C2:C13)", "=SUM(D2:D13)", "=SUM(E2:E13)"])
    ms.cell(ms.max_row, 5).number_format = "#,##0.00"
    for col, width in zip("ABCDE", (10, 12, 12, 16, 18), strict=False):
        ms.column_dimensions[col].width = width

    buf = io.BytesIO()
    wb.save(buf)
    try:
        atomic_write(out, buf.getvalue())
    except RenderError as exc:
        raise StatsError(str(exc)) from None
    return out


# --- the report's due date on 今日待办 -------------------------------------------------------------
def report_due(year: int) -> date:
    """The report on ``year`` is due on 1月10日 of the next year (行政执法公示办法 第十六条: 每年1月10日前)."""
    month, day = ANNUAL_REPORT_DUE
    return date(year + 1, month, day)


def mark_reported(store: Any, year: Any, day: date) -> None:
    store.set_meta(META_REPORTED + str(check_year(year)), day.isoformat())


def reported_on(store: Any, year: int) -> str | None:
    value = store.meta(META_REPORTED + str(year))
    return str(value) if value else None


def annual_report_item(store: Any, today: date) -> Any | None:
    """The 统计年报 on 今日待办 (``wenshu.agenda.AgendaItem``, ``case_id`` None): shown from
    ``ANNUAL_REPORT_NOTICE_DAYS`` before 1月10日 until it is marked reported, for a year the store holds cases
    of (a fixed date: no holiday table is needed to show it)."""
    from wenshu.agenda import DUE_SOON, OVERDUE, AgendaItem

    year = today.year - 1 if today.month <= 6 else today.year
    due = report_due(year)
    if reported_on(store, year) or (due - today).days > ANNUAL_REPORT_NOTICE_DAYS or not _has_cases_before(store, date(year, 12, 31)):
        return None
    status = OVERDUE if today > due else DUE_SOON
    return AgendaItem(case_id=None, case_title="本机关", rule="annual_report", title=f"{year}年度行政执法统计年报报送",
                      event="statistics_year_end", start=date(year, 12, 31), due=due, status=status,
                      message="报送后请在“统计”中标记已报送。")


def _has_cases_before(store: Any, day: date) -> bool:
    return store.has_case_created_by(day.isoformat())  # one query, not every case read

