"""公示台账: every issued decision with its publication due date, the date published and the takedown date
(行政执法公示办法 第十五条; 002 第四条; 001 公示制度 第十三条), and the export of what is due for the website through the
masking of DOMAIN.md §12.

- due: 7 working days after a 处罚 decision, 20 after any other decision (``validators.publication``);
- published: the 公示日期 of the case's 行政执法决定信息公示摘要 for that decision;
- takedown: published + ``PUBLICATION_TAKEDOWN_YEARS`` (5 years, 2 for natural persons; the agency may set
  ``publication_takedown_years`` in its settings, e.g. 3 under 001 第十三条); done once the case records the date
  it was taken down (``publication_taken_down``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from validators.deadlines import CalendarNotCovered
from validators.disclosure import leaks, masked_name, personal_data, redact_text
from validators.publication import add_years
from validators.rulebook import (
    PERIODS,
    PUBLICATION_TAKEDOWN_YEARS,
    STATS_COERCIVE_KINDS,
    TAKEDOWN_SOON_DAYS,
)
from wenshu.agenda import as_date

NOT_PUBLISHED, LATE, PUBLISHED, TAKEDOWN_SOON, TAKEDOWN_DUE, TAKEN_DOWN = (
    "待公示", "逾期未公示", "公示中", "即将撤除", "应撤除", "已撤除")
REMINDERS = frozenset({NOT_PUBLISHED, LATE, TAKEDOWN_SOON, TAKEDOWN_DUE})

COLUMNS = (("decision_number", "行政执法决定书文号"), ("decision_type", "决定类别"), ("case_name", "案件名称"),
           ("party", "当事人"), ("uscc", "统一社会信用代码"), ("facts", "主要违法事实"), ("legal_basis", "执法依据"),
           ("result", "执法结论（处理结果）"), ("agency", "执法机关"), ("decision_date", "决定日期"))


class PublicationError(ValueError):
    """An export refused (``findings`` say where personal data remain) or unusable; the text is Chinese."""

    def __init__(self, message: str, findings: list[dict] | None = None):
        super().__init__(message)
        self.findings = findings or []


def _takedown_years(settings: Mapping) -> dict[str, int]:
    years = dict(PUBLICATION_TAKEDOWN_YEARS)
    custom = settings.get("publication_takedown_years")
    if isinstance(custom, Mapping):
        for key in years:
            if isinstance(custom.get(key), int) and custom[key] > 0:
                years[key] = custom[key]
    return years


def rules_text(settings: Mapping) -> str:
    """The periods the ledger applies, in words, for the 公示台账 window (from the rule tables and settings)."""
    penalty, other = PERIODS["publication_penalty"], PERIODS["publication_other"]
    years = _takedown_years(settings)
    return (f"公示期限：行政处罚决定作出之日起{penalty.amount}个工作日内，其他执法决定{other.amount}个工作日内；"
            f"公示满{years['organization']}年撤除，自然人满{years['person']}年撤除。导出时已按规定隐去自然人的个人信息。")


def _decision_kinds() -> dict[str, str]:
    """``{kind: 决定类别}`` of the decisions that are published."""
    from wenshu.service import case_kinds, kinds_of_role

    out = {k.name: "行政强制" for k in case_kinds() if k.name in STATS_COERCIVE_KINDS}
    out.update({k.name: "处罚" for k in kinds_of_role("decision")})
    return out


def _result_text(answers: Mapping) -> str:
    """The decision's penalties in the printed wording (``templates.filters.penalty_phrase``: each amount once),
    or the coercive measure."""
    from templates.filters import penalty_phrase

    parts = [penalty_phrase(p) for p in answers.get("penalties") or [] if isinstance(p, Mapping)]
    if not any(parts) and answers.get("measure"):
        parts = [str(answers["measure"])]
    return "；".join(x for x in parts if x)


def ledger(service: Any, today: date) -> list[dict]:
    """Every issued decision of the store with its 公示 dates and status, decisions first by due date."""
    return _ledger(service, today)


#: Bumped when the cached facts change shape (with the decision kinds, the cache's key).
_FACTS_FORMAT = "2"


def _case_facts(case: Mapping, decisions: list[dict], issued: Mapping[int, dict | None]) -> dict:
    """What the ledger needs of one case, from its issued versions and its 公示摘要 (kept in the store's
    ``publication_cache``): no row of the ledger decodes a document again."""
    out = []
    for rec in decisions:
        answers = issued.get(rec["document_row"]) or {}
        party = answers.get("object") if isinstance(answers.get("object"), Mapping) else {}
        out.append({"document_id": rec["document_id"], "kind": rec["kind"], "date": answers.get("date"),
                    "number": str(answers.get("number") or ""), "party_name": party.get("name"),
                    "person": party.get("type") == "person"})
    return {"uid": case["uid"], "title": case["title"], "decisions": out,
            "summaries": [[str(s.get("decision_number") or ""), s.get("publication_date")] for s in case["summaries"]],
            "taken_down": list(case["taken_down"])}


def _published_of(rec: Mapping, summaries: list) -> str | None:
    """The 公示日期 of one decision: its 公示摘要 by number, or the case's only one."""
    return next((p for n, p in summaries if n == rec["number"]), summaries[0][1] if len(summaries) == 1 else None)


def _first_published(facts: Mapping) -> tuple[str, str]:
    """The earliest 公示日期 of a decision on a natural person, and on an organisation, of a case not yet taken
    down, as ISO days ('' none): the SQL filter of the takedown reminders."""
    if facts["taken_down"] and as_date(facts["taken_down"][0]):
        return "", ""
    first = {True: "", False: ""}
    for rec in facts["decisions"]:
        day = as_date(_published_of(rec, facts["summaries"]))
        if day and (not first[rec["person"]] or day.isoformat() < first[rec["person"]]):
            first[rec["person"]] = day.isoformat()
    return first[True], first[False]


def _may_be_due(facts: Mapping, until: tuple[str, str]) -> bool:
    person, org = _first_published(facts)
    return bool((person and person <= until[0]) or (org and org <= until[1]))


def _facts_of(store: Any, kinds: Mapping[str, str], case_ids: list[int] | None) -> dict[int, dict]:
    """``{case id: facts}`` of the cases holding an issued decision (among ``case_ids``; None: every case),
    read from their documents: a few queries (``Store.issued_decisions``, ``publication_cases``,
    ``version_answers_of``)."""
    by_case: dict[int, list[dict]] = {}
    records = (store.issued_decisions(tuple(kinds)) if case_ids is None
               else store.issued_decisions_of(tuple(kinds), case_ids))
    for rec in records:
        by_case.setdefault(rec["case_id"], []).append(rec)
    cases = store.publication_cases(sorted(by_case))
    issued = store.version_answers_of({rec["document_row"]: rec["version"]
                                       for c in by_case if c in cases for rec in by_case[c]})
    return {c: _case_facts(cases[c], by_case[c], issued) for c in sorted(by_case) if c in cases}


def _cached_facts(store: Any, kinds: Mapping[str, str], until: tuple[str, str] | None) -> dict[int, dict]:
    """The facts of the cases holding an issued decision — with ``until`` (ISO days for persons, for
    organisations), only of those with a decision's 公示日期, not yet taken down, on or before its day — from the
    store's per-case cache; the cases changed since are read again and kept (a store without the cache reads
    every case, as before)."""
    key = _FACTS_FORMAT + "|" + ",".join(sorted(kinds))
    got = getattr(store, "publication_cached", None)
    cached = got(key, until) if got else None
    if cached is None:
        facts = _facts_of(store, kinds, None)
    else:
        facts, stale = cached
        if stale:
            fresh = _facts_of(store, kinds, sorted(stale)) if len(stale) < 2000 else _facts_of(store, kinds, None)
            fresh = {c: f for c, f in fresh.items() if c in stale}
            store.cache_publication([(c, rev, key, fresh.get(c), _first_published(fresh[c]) if c in fresh else ("", ""))
                                     for c, rev in stale.items()])
            facts.update(fresh)
    if until is not None:
        facts = {c: f for c, f in facts.items() if _may_be_due(f, until)}
    return facts


def _ledger(service: Any, today: date, reminders_of_takedown: bool = False) -> list[dict]:
    """``ledger``; with ``reminders_of_takedown`` only the cases that can hold a 即将撤除/应撤除 row are read
    (one with a 公示日期 old enough and no recorded takedown): what 今日待办 needs. The cases' facts come from
    the store's per-case cache (``_cached_facts``): only the cases changed since the last ledger are read."""
    store = service.store
    settings = service.settings()
    years = _takedown_years(settings)
    cal = service.calendar()
    kinds = _decision_kinds()
    until = None
    if reminders_of_takedown:
        # a decision published on p gives a row today only if today >= add_years(p, its years) - TAKEDOWN_SOON_DAYS;
        # the latest such p for persons and for organisations, with a day to spare for 29 February (the exact
        # test is each row's status below)
        soon = today + timedelta(days=TAKEDOWN_SOON_DAYS + 1)
        until = (add_years(soon, -years["person"]).isoformat(), add_years(soon, -years["organization"]).isoformat())
    facts = _cached_facts(store, kinds, until)
    rows = []
    for case_row in sorted(facts):
        case = facts[case_row]
        summaries = case["summaries"]
        taken_down = case["taken_down"]
        for rec in case["decisions"]:
            decided = as_date(rec["date"])
            if decided is None or rec["kind"] not in kinds:
                continue
            kind_type = kinds[rec["kind"]]
            period = PERIODS["publication_penalty" if kind_type == "处罚" else "publication_other"]
            try:
                due = cal.add_working_days(decided, period.amount)
            except CalendarNotCovered:  # a year without holiday data: no due day is guessed
                due = None
            number = rec["number"]
            published = as_date(_published_of(rec, summaries))
            person = rec["person"]
            takedown = add_years(published, years["person" if person else "organization"]) if published else None
            down = as_date(taken_down[0]) if taken_down else None
            if down:
                status = TAKEN_DOWN
            elif published is None:
                status = LATE if due and today > due else NOT_PUBLISHED
            elif takedown and today >= takedown:
                status = TAKEDOWN_DUE
            elif takedown and today >= takedown - timedelta(days=TAKEDOWN_SOON_DAYS):
                status = TAKEDOWN_SOON
            else:
                status = PUBLISHED
            rows.append({
                "case_id": case["uid"], "case_title": case["title"], "document_id": rec["document_id"],
                "kind": rec["kind"], "decision_number": number, "decision_type": kind_type,
                "party": masked_name(rec["party_name"]) if person else str(rec["party_name"] or ""),
                "decision_date": decided.isoformat(), "publication_due": due.isoformat() if due else None,
                "published": published.isoformat() if published else None,
                "takedown": takedown.isoformat() if takedown else None,
                "taken_down": down.isoformat() if down else None,
                "status": status, "reminder": status in REMINDERS, "source": period.source,
            })
    rows.sort(key=lambda r: (not r["reminder"], r["publication_due"] or "", r["decision_number"]))
    return rows


def _persons(docs: Iterable[Mapping]) -> list[dict]:
    """Every natural person the case's documents name (parties, interviewees, witnesses …) and the names of
    organisations' legal representatives — none of them may be published."""
    found: list[dict] = []

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            if value.get("type") == "person" or value.get("id_no") or value.get("gender"):
                found.append(dict(value))
            if value.get("legal_rep"):
                found.append({"name": value.get("legal_rep")})
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for d in docs:
        walk(d.get("answers"))
    return found


def publication_rows(service: Any, today: date, everything: bool = False) -> list[dict]:
    """The rows of the website export: the decisions still to publish (or, with ``everything``, all in their
    publication period), masked; refused with findings when a personal datum would remain."""
    store = service.store
    out, problems = [], []
    wanted = {NOT_PUBLISHED, LATE} | ({PUBLISHED, TAKEDOWN_SOON} if everything else set())
    by_case: dict[str, list[dict]] = {}
    for row in ledger(service, today):
        if row["status"] in wanted:
            by_case.setdefault(row["case_id"], []).append(row)
    for case_uid, rows in by_case.items():
        case_row = store.case_row(case_uid)
        docs = store.documents(case_row, withdrawn=False)
        data = personal_data(_persons(docs))
        summaries = {str(d["answers"].get("decision_number") or ""): d["answers"] for d in docs
                     if d["kind"] == "publication_summary"}
        by_uid = {d["uid"]: d for d in docs}
        for row in rows:
            answers = by_uid[row["document_id"]]["answers"]
            summary = summaries.get(row["decision_number"], {})
            party = answers.get("object") if isinstance(answers.get("object"), Mapping) else {}
            person = party.get("type") == "person"
            record = {
                "decision_number": row["decision_number"], "decision_type": row["decision_type"],
                "case_name": redact_text(summary.get("case_name") or row["case_title"], data),
                "party": row["party"], "uscc": "" if person else str(party.get("uscc") or ""),
                "facts": redact_text(summary.get("facts") or answers.get("facts"), data),
                "legal_basis": redact_text(summary.get("legal_basis") or answers.get("basis")
                                           or answers.get("legal_basis"), data),
                "result": redact_text(summary.get("result") or _result_text(answers), data),
                "agency": redact_text(summary.get("agency") or answers.get("agency"), data),
                "decision_date": row["decision_date"],
            }
            for key, title in COLUMNS:
                for what, _datum in leaks(record[key], data):
                    problems.append({
                        "path": f"/cases/{case_uid}/{row['document_id']}/{key}", "code": "publication.personal_data",
                        "severity": "error",
                        "message": f"案件“{row['case_title']}”{row['decision_number']}的「{title}」中仍可读出{what}，"
                                   f"请在该案的决定书或公示摘要中删去后再导出。"})
            out.append(record)
    if problems:
        raise PublicationError("导出内容中仍含有个人信息，未导出。", problems)
    return out


def export_due(service: Any, path: str | Path, today: date, everything: bool = False) -> dict:
    """Write the export (.xlsx or .csv, whole or not at all); ``{"path", "rows"}``."""
    from templates.atomic import RenderError, atomic_write

    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise PublicationError(f"输出文件“{out}”应以 .xlsx 或 .csv 结尾。")
    rows = publication_rows(service, today, everything)
    header = [title for _key, title in COLUMNS]
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(header)
        for r in rows:
            writer.writerow([r[k] for k, _t in COLUMNS])
        data = buf.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 CSV with its BOM
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        wb = Workbook()
        ws = wb.active
        ws.title = "行政执法决定公示"
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(name="黑体", bold=True)
        for r in rows:
            ws.append([r[k] for k, _t in COLUMNS])
        for col, width in zip("ABCDEFGHIJ", (28, 10, 30, 20, 22, 50, 40, 40, 20, 12), strict=False):
            ws.column_dimensions[col].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        b = io.BytesIO()
        wb.save(b)
        data = b.getvalue()
    try:
        atomic_write(out, data)
    except RenderError as exc:
        raise PublicationError(str(exc)) from None
    return {"path": str(out), "rows": len(rows)}


def takedown_items(service: Any, today: date) -> list:
    """公示信息撤除 on 今日待办: published decisions whose takedown date is within ``TAKEDOWN_SOON_DAYS`` or past."""
    from wenshu.agenda import DUE_SOON, OVERDUE, AgendaItem

    items = []
    for row in _ledger(service, today, reminders_of_takedown=True):
        if row["status"] not in (TAKEDOWN_SOON, TAKEDOWN_DUE):
            continue
        due = date.fromisoformat(row["takedown"])
        published = date.fromisoformat(row["published"])
        months = (due.year - published.year) * 12
        items.append(AgendaItem(case_id=row["case_id"], case_title=row["case_title"], rule="publication_takedown",
                                title=f"公示信息撤除（{row['decision_number']}）", event="decision_published",
                                start=published, due=due, status=OVERDUE if today > due else DUE_SOON,
                                amount=months, message="撤除后请在案件中记录撤除日期。"))
    return items
