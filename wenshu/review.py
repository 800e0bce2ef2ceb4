"""案卷评查 (002 第八条（一）—（八）; 004 第十二条): a case file checked against the eight criteria, as far as the
store knows, with the rest left to score by hand.

Each criterion is worth the same share of 100 points. A criterion checked from the case scores in full when
nothing is wrong, half when only warnings remain, nothing when an error is found; its hand items (what only a
reader of the file can judge: 证据是否确实充分, 裁量是否适当 …) are listed with ``score`` None until a reviewer
gives them (``hand_scores``), and the case's ``score`` counts only what has been scored (``complete`` says
whether everything has). The findings come from the same checks the app shows (``CaseService.check``), the
procedure rules, the legal-basis library and the deadlines, plus the case-file checks below.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from validators.findings import ERROR, WARNING, finding
from validators.rulebook import PERIODS, REVIEW_EVIDENCE_KINDS
from wenshu.agenda import as_date
from wenshu.service import Unusable, kinds_of_role

#: (key, 002 第八条 item, title, hand items) — the hand items are what a reviewer reads the file for.
CRITERIA: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("subject", "（一）", "行政执法主体是否合法", ("执法事项是否属于本机关法定职权",)),
    ("facts", "（二）", "事实认定及证据固定情况", ("事实是否清楚，证据是否确实、充分",)),
    ("procedure", "（三）", "执法程序是否规范", ()),
    ("basis", "（四）", "法律依据是否准确", ("适用的条款是否与违法事实相符",)),
    ("discretion", "（五）", "自由裁量权行使是否适当", ("裁量是否与违法情节相当",)),
    ("documents", "（六）", "行政执法文书的格式、送达、归档是否规范", ()),
    ("execution", "（七）", "行政执法决定落实是否到位", ()),
    ("systems", "（八）", "行政执法公示、执法全过程记录、重大执法决定法制审核等制度落实情况", ()),
)
MAX_SCORE = 100
SOURCE = "行政执法监督制度 第八条；行政执法协调监督实施细则 第十二条"

def delivered_kinds() -> frozenset[str]:
    """The documents a 送达回执 row can name (its schema's ``document_kind`` choices): each issued one must be
    on the case's receipt."""
    from templates.kinds import get_kind

    rows = get_kind("delivery_receipt").schema["properties"]["rows"]["items"]["properties"]
    return frozenset(rows["document_kind"]["enum"]) - {"other"}


class ReviewError(ValueError):
    """An unusable review request; the text is Chinese."""


def _criterion_of(code: str) -> str:
    if code.startswith(("law.fine_", "law.discretion", "law.leniency")):
        return "discretion"
    if code.startswith("law."):
        return "basis"
    if code.startswith(("officers.", "agency.")):
        return "subject"
    if code.startswith(("procedure.", "date.order", "deadline.")):
        return "procedure"
    if code.startswith(("video.", "legal_review.", "publication.")):
        return "systems"
    if code.startswith(("evidence.", "facts.")):
        return "facts"
    return "documents"


def _share(severities: Iterable[str], weight: float) -> float:
    sev = set(severities)
    if ERROR in sev:
        return 0.0
    if WARNING in sev:
        return weight / 2
    return weight


def _text_of(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def review_case(service: Any, case_ref: Any, today: date | None = None,
                hand_scores: Mapping[str, Any] | None = None) -> dict:
    """The 评查 of one case: ``{"case_id", "title", "score", "max", "complete", "items": [{"criterion", "item",
    "title", "ok", "score", "max", "findings", "hand": [{"title", "score", "max", "note"}]}]}``."""
    from wenshu.publication import LATE, ledger

    today = today or service.now().date()
    case = service._case(case_ref)
    shown = service.show(case["uid"], today=today)
    store = service.store
    docs = store.documents(case["id"], withdrawn=False)
    issued = {d["document_id"] for d in shown["documents"] if d["state"] in ("generated", "stale")}
    by_uid = {d["uid"]: d for d in docs}
    found: dict[str, list[dict]] = {key: [] for key, *_ in CRITERIA}

    def add(criterion: str, code: str, message: str, severity: str = ERROR, document: str = "",
            path: str = "") -> None:
        f = finding(path, code, message, severity)
        found[criterion].append({**f, "document": document})

    # every document's own findings (the same rules as the editor)
    for d in shown["documents"]:
        if d["state"] == "withdrawn":
            continue
        for f in service.check(d["document_id"]):
            add(_criterion_of(f["code"]), f["code"], f"{d['title']}：{f['message']}", f["severity"],
                d["document_id"], f["path"])
        if d["state"] in ("draft", "error"):
            add("documents", "review.not_generated", f"{d['title']}仍是草稿，未生成正式文书。", ERROR, d["document_id"])

    # what the procedure needs and is missing
    for n in shown["next"]:
        criterion = "systems" if n["kind"].startswith(("legal_review", "publication")) else "procedure"
        if n["kind"] in ("delivery_receipt",):
            criterion = "documents"
        if n["kind"] in ("case_file_cover", "case_file_index"):
            continue  # made at archiving, checked below
        add(criterion, "review.missing_document", f"缺少{n['title']}：{n['why']}")

    kinds = [by_uid[u]["kind"] for u in issued if u in by_uid]
    decision_kinds = {k.name for k in kinds_of_role("decision")}
    decisions = [by_uid[u] for u in issued if u in by_uid and by_uid[u]["kind"] in decision_kinds]
    # (一) 主体: the agency on every issued document, two certified officers on the records
    agency = service.settings().get("agency")
    agency = str((agency.get("name") if isinstance(agency, Mapping) else agency) or "").strip()
    for u in issued:
        doc = by_uid.get(u)
        named = str((doc or {}).get("answers", {}).get("agency") or "").strip()
        if doc and agency and named and named != agency:
            add("subject", "agency.mismatch", f"{_title(service, doc['kind'])}的执法机关为“{named}”，与本机关名称"
                f"“{agency}”不一致，请核对执法主体。", ERROR, u, "/agency")

    # (二) 事实与证据
    if decisions and not REVIEW_EVIDENCE_KINDS & set(kinds):
        add("facts", "evidence.none", "案卷中没有检查记录、询问笔录、勘验笔录等证据材料，处罚决定缺少证据支持。")
    for doc in decisions:
        if not str(doc["answers"].get("evidence") or "").strip() and "evidence" in _fields(service, doc["kind"]):
            add("facts", "evidence.missing", f"{_title(service, doc['kind'])}未列明证据。", ERROR, doc["uid"],
                "/evidence")

    # (六) 送达: every issued document that must be delivered appears on a 送达回执
    delivered = delivered_kinds()
    receipts = " ".join(_text_of(d["answers"]) for d in docs if d["kind"] == "delivery_receipt")
    for u in issued:
        doc = by_uid.get(u)
        if doc is None or doc["kind"] not in delivered:
            continue
        number = str(doc["answers"].get("number") or "")
        if not receipts or (number and number not in receipts):
            add("documents", "delivery.no_receipt",
                f"{_title(service, doc['kind'])}{number}没有送达回执，无法证明已依法送达（行政处罚法 第六十一条）。",
                ERROR, u)

    # (六) 归档: within 30 days of closing (003 第三十二条)
    closed = _closing_date(docs)
    if closed:
        due = closed + timedelta(days=PERIODS["archive"].amount)
        record = store.archive_record(case["id"]) or {}
        cover = next((d["answers"] for d in docs if d["kind"] == "case_file_cover"), {})
        archived = as_date(record.get("archived_on")) or as_date(cover.get("archive_date"))
        if archived and archived > due:
            add("documents", "archive.late", f"结案后{(archived - closed).days}日才归档，超过{PERIODS['archive'].amount}日的"
                f"归档期限（{PERIODS['archive'].source}）。")
        elif not archived and today > due:
            add("documents", "archive.overdue", f"结案已{(today - closed).days}日仍未归档，超过"
                f"{PERIODS['archive'].amount}日的归档期限（{PERIODS['archive'].source}）。")

    # (三) 期限: the agency's own periods, met late (the party's periods are theirs to use, not a fault)
    from validators.deadlines import CalendarNotCovered, due_date
    from wenshu.agenda import case_dates

    events, _done = case_dates(docs, store.events(case["id"]), service._schemas)
    for rule, start_event, end_event in (("decision", "case_filed", "decision_made"),
                                         ("delivery", "decision_made", "decision_delivered")):
        start, end = events.get(start_event), events.get(end_event)
        if not start:
            continue
        try:
            due = due_date(rule, start, service.calendar())
        except CalendarNotCovered:
            continue
        late = (end or today) > due
        if late:
            p = PERIODS[rule]
            what = f"于{end.isoformat()}完成" if end else "至今未完成"
            add("procedure", "deadline.late", f"{p.title}为{due.isoformat()}届满，{what}（{p.source}）。",
                ERROR if end or rule == "delivery" else WARNING)

    # (七) 执行
    if decisions:
        closing = next((d["answers"] for d in docs if d["kind"] == "case_closing"), None)
        if closing is None:
            add("execution", "execution.not_closed", "处罚决定已作出，案卷中没有结案审批表，执行情况无从查考。", WARNING)
        elif not str(closing.get("execution") or "").strip():
            add("execution", "execution.missing", "结案审批表未写明处罚决定的执行情况。", ERROR, path="/execution")

    # (八) 公示
    for row in ledger(service, today):
        if row["case_id"] != case["uid"]:
            continue
        if row["status"] == LATE:
            add("systems", "publication.overdue", f"{row['decision_number']}应于{row['publication_due']}前公示，"
                f"至今未公示（{row['source']}）。")
        elif row["published"] and row["publication_due"] and row["published"] > row["publication_due"]:
            add("systems", "publication.late", f"{row['decision_number']}于{row['published']}公示，晚于"
                f"{row['publication_due']}的公示期限（{row['source']}）。", WARNING)

    weight = MAX_SCORE / len(CRITERIA)
    hand_scores = hand_scores or {}
    items, total, complete = [], 0.0, True
    for key, item, title, hand_titles in CRITERIA:
        hand = []
        auto_max = weight if not hand_titles else weight / 2
        hand_max = (weight - auto_max) / len(hand_titles) if hand_titles else 0
        for i, ht in enumerate(hand_titles):
            given = hand_scores.get(f"{key}.{i + 1}") if isinstance(hand_scores, Mapping) else None
            score = _hand_score(given, hand_max, ht)
            complete &= score is not None
            total += score or 0
            hand.append({"id": f"{key}.{i + 1}", "title": ht, "score": score, "max": round(hand_max, 2),
                         "note": str((given or {}).get("note") or "") if isinstance(given, Mapping) else ""})
        auto = _share((f["severity"] for f in found[key]), auto_max)
        total += auto
        items.append({"criterion": key, "item": item, "title": title,
                      "ok": not any(f["severity"] == ERROR for f in found[key]),
                      "score": round(auto, 2), "max": round(auto_max, 2), "findings": found[key], "hand": hand})
    return {"case_id": case["uid"], "title": case["title"], "score": round(total, 1), "max": MAX_SCORE,
            "complete": complete, "items": items, "source": SOURCE, "reviewed": today.isoformat()}


def _hand_score(given: Any, maximum: float, title: str) -> float | None:
    if given is None:
        return None
    value = given.get("score") if isinstance(given, Mapping) else given
    try:
        score = float(value)
    except (TypeError, ValueError):
        raise ReviewError(f"“{title}”的评分“{value}”不是数字。") from None
    if not 0 <= score <= maximum + 1e-9:
        raise ReviewError(f"“{title}”的评分应在 0 至 {maximum:g} 分之间，现为 {score:g}。")
    return score


def review_year(service: Any, year: int, today: date | None = None) -> dict:
    """Every case closed in ``year`` reviewed: ``{"year", "cases": [...], "summary": {...}}``."""
    from wenshu.stats import check_year

    y = check_year(year)
    results = []
    for case in service.store.list_cases():
        docs = service.store.documents(case["id"], withdrawn=False)
        closed = _closing_date(docs)
        if closed is None or closed.year != y:
            continue
        r = review_case(service, case["uid"], today)
        results.append(r)
    results.sort(key=lambda r: r["score"])
    failed: dict[str, int] = {}
    for r in results:
        for item in r["items"]:
            if not item["ok"]:
                failed[item["title"]] = failed.get(item["title"], 0) + 1
    scores = [r["score"] for r in results]
    return {"year": y, "cases": [{"case_id": r["case_id"], "title": r["title"], "score": r["score"],
                                  "complete": r["complete"],
                                  "problems": [f["message"] for i in r["items"] for f in i["findings"]
                                               if f["severity"] == ERROR]} for r in results],
            "summary": {"count": len(results), "average": round(sum(scores) / len(scores), 1) if scores else None,
                        "lowest": min(scores) if scores else None, "failed_criteria": failed}}


def review_sheet_answers(service: Any, review: Mapping) -> dict:
    """The answers of a 案卷评查表 (kind ``case_review_sheet``) for one review."""
    settings = service.settings()
    rows = []
    for item in review["items"]:
        problems = "；".join(f["message"] for f in item["findings"]) or "未发现问题"
        hand = "；".join(f"{h['title']}：{'待评分' if h['score'] is None else format(h['score'], 'g') + '分'}"
                         for h in item["hand"])
        given = item["score"] + sum(h["score"] or 0 for h in item["hand"])
        rows.append({"item": f"{item['item']}{item['title']}", "result": problems + (f"。{hand}" if hand else ""),
                     "score": f"{given:g}", "max": f"{item['max'] + sum(h['max'] for h in item['hand']):g}"})
    return {"agency": str(settings.get("agency") or ""), "case_name": review["title"], "rows": rows,
            "score": f"{review['score']:g}", "complete": bool(review["complete"]), "date": review["reviewed"]}


def _title(service: Any, kind: str) -> str:
    try:
        return service._kind(kind).title
    except Unusable:
        return "文书"


def _fields(service: Any, kind: str) -> set[str]:
    return set((service._kind(kind).schema.get("properties") or {}).keys())


def _closing_date(docs: Iterable[Mapping]) -> date | None:
    for d in docs:
        if d.get("kind") == "case_closing":
            day = as_date((d.get("answers") or {}).get("closing_date"))
            if day:
                return day
    return None


def write_review_sheet(service: Any, review: Mapping, out: Any) -> str:
    """The 案卷评查表 of ``review`` written to ``out`` (.docx; whole or not at all)."""
    from pathlib import Path

    from templates.atomic import RenderError
    from templates.kinds import get_kind
    from templates.render import RenderRefused, render_document
    from validators.context import CheckContext

    path = Path(out)
    if path.suffix.lower() != ".docx":
        raise ReviewError(f"评查表文件“{path}”应以 .docx 结尾。")
    kind = get_kind("case_review_sheet")
    try:
        render_document(kind, review_sheet_answers(service, review), path,
                        context=CheckContext(kind=kind.name, settings=service.settings()))
    except RenderRefused as exc:
        raise ReviewError("评查表未能生成：" + "；".join(f["message"] for f in exc.findings)) from None
    except RenderError as exc:
        raise ReviewError(str(exc)) from None
    return str(path)


def write_year_summary(summary: Mapping, out: Any) -> str:
    """The year's 评查 summary table (.xlsx; whole or not at all)."""
    import io
    from pathlib import Path

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from templates.atomic import RenderError, atomic_write

    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise ReviewError(f"汇总表文件“{path}”应以 .xlsx 结尾。")
    wb = Workbook()
    ws = wb.active
    ws.title = "案卷评查汇总"
    ws.append([f"{summary['year']}年度行政执法案卷评查汇总表"])
    ws["A1"].font = Font(name="黑体", bold=True, size=14)
    s = summary["summary"]
    ws.append([f"评查案卷 {s['count']} 件；平均得分 {s['average'] if s['average'] is not None else '—'}；"
               f"最低得分 {s['lowest'] if s['lowest'] is not None else '—'}。"])
    ws.append(["序号", "案件名称", "得分", "评分完成", "发现的问题"])
    for cell in ws[3]:
        cell.font = Font(name="黑体", bold=True)
    for i, c in enumerate(summary["cases"], start=1):
        ws.append([i, c["title"], c["score"], "是" if c["complete"] else "否（只计已评部分）",
                   "\n".join(c["problems"]) or "未发现问题"])
    ws.append([])
    ws.append(["未达标的评查项目", "案卷数"])
    for title, n in s["failed_criteria"].items():
        ws.append([title, n])
    for col, width in zip("ABCDE", (8, 40, 10, 18, 80), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    try:
        atomic_write(path, buf.getvalue())
    except RenderError as exc:
        raise ReviewError(str(exc)) from None
    return str(path)
