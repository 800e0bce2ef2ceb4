"""A case's deadlines with their state today, and the start-of-day list across cases (Qt-free).

Why here and not in the widgets: which event starts which period, how a status is decided and what
falls on today's list are rules the desktop, a command or a report must all agree on.

- Dated events come from the documents' answers, as data: each kind's ``schema.json`` declares under
  ``x-wenshu.events`` which answer field dates which event (``docs/KINDS.md``), e.g.::

      "events": [{"event": "decision_made", "from": "/date"},
                 {"event": "decision_delivered", "from": "/time/end",
                  "when": {"/document_kind": "penalty_decision"}}]

  ``{"decision_made": "/date"}`` is the short form of an unconditional list.
- Deadlines are ``validators.deadlines.case_deadlines`` (the start day never counted, 工作日 with
  调休); a deadline in a year without holiday data stays "cannot be computed" — never a guess.
- Status: 已完成 when the case marks the deadline's rule done, 已逾期 after the due day, 即将到期 when at
  most ``rulebook.DUE_SOON_WORKING_DAYS`` working days remain (due today included), else 未到期.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from validators.datetimes import date_cn, parse_date, parse_datetime
from validators.deadlines import (
    CalendarNotCovered,
    Deadline,
    UncoveredDeadline,
    WorkCalendar,
    case_deadlines,
)
from validators.registry import is_blank, upgraded
from validators.rulebook import (
    AGENDA_WORKING_DAYS,
    CASE_EVENTS,
    DEEMED_DELIVERY_DAYS,
    DUE_SOON_WORKING_DAYS,
    PERIODS,
    RECORDED_EVENTS,
)

log = logging.getLogger(__name__)

OVERDUE, DUE_SOON, OK, DONE, UNCOVERED = "overdue", "due_soon", "ok", "done", "uncovered"

#: The Chinese word shown beside every status (colour is never the only signal).
STATUS_LABELS: dict[str, str] = {
    OVERDUE: "已逾期",
    DUE_SOON: "即将到期",
    OK: "未到期",
    DONE: "已完成",
    UNCOVERED: "无法计算",
}

#: How each period unit counts, in words for the tooltip.
UNIT_TEXT: dict[str, str] = {
    "working_days": "工作日（不计周末和法定节假日，调休上班日计入）",
    "days": "自然日（末日为休息日或法定节假日的，顺延至其后第一个工作日）",
    "months": "月（到期月的对应日，无对应日的为该月末日；末日为休息日的顺延）",
}

#: A deadline is met once the case holds the event that answers it: the decision was made within the
#: 90 days after 立案, the decision was delivered within the 送达期限, it was published (公示摘要's 公示日期). Such
#: deadlines show as 已完成
#: without being marked by hand.
ANSWERED_BY: dict[str, str] = {"decision": "decision_made", "delivery": "decision_delivered",
                                "publication_penalty": "decision_published", "publication_other": "decision_published",
                                # 004 第二十二条: the 处理结果报告 answers the 30-day reply (issue 15)
                                "supervision_reply": "supervision_replied"}
# 执行 (forms batch B): once the court has been applied to, the waiting period after the 事先催告书 and the
# three months of 行政强制法 第五十三条 are met.
ANSWERED_BY.update({"enforcement_reminder": "court_application_made", "court_application": "court_application_made"})

#: Prefix of a store event that marks a deadline done: ``done:statement``.
DONE_EVENT_PREFIX = "done:"


class EventDeclarationError(ValueError):
    """A kind's ``x-wenshu.events`` that cannot be used; ``str()`` is Chinese and says what to fix."""


@dataclass(frozen=True)
class EventDeclaration:
    """One answer field that dates one case event, optionally only when other answers match."""

    event: str
    source: str
    when: Mapping[str, Any] = field(default_factory=dict)
    #: A date that only stands in for the event until a document records it (the 告知书's own date for its
    #: delivery, until the 送达回执 gives the day it was received): never used beside a recorded one.
    presumed: bool = False
    #: A JSON Pointer to a list (the 送达回执's ``/rows``): the declaration is read in each item, its ``from``
    #: and ``when`` pointers relative to the item.
    each: str | None = None
    #: ``rulebook.DEEMED_DELIVERY_DAYS`` key: the event falls that many days after the date read (公告送达 —
    #: deemed delivered 30 days after publication, 民事诉讼法 第九十五条).
    deemed: str | None = None


def _check_pointer(kind: str, text: Any, what: str) -> str:
    if not isinstance(text, str) or not text.startswith("/"):
        raise EventDeclarationError(f"文书种类“{kind}”的 x-wenshu.events 中{what}应为以“/”开头的 JSON 指针，如 \"/date\"。")
    return text


def declarations(kind: str, schema: Mapping[str, Any]) -> list[EventDeclaration]:
    """The event declarations of a kind's schema (``x-wenshu.events``), checked.

    Accepts the list form (``[{"event", "from", "when"?}]``) and the short mapping form
    (``{"event": "/pointer"}``). Raises :class:`EventDeclarationError` for an unknown event key (not in
    ``rulebook.CASE_EVENTS``) or a malformed entry, so a kind author sees the mistake at once.
    """
    raw = (schema.get("x-wenshu") or {}).get("events")
    if raw is None:
        return []
    if isinstance(raw, Mapping):
        raw = [{"event": e, "from": p} for e, p in raw.items()]
    if not isinstance(raw, list):
        raise EventDeclarationError(f"文书种类“{kind}”的 x-wenshu.events 应为列表或对象。")
    out: list[EventDeclaration] = []
    for entry in raw:
        if not isinstance(entry, Mapping):
            raise EventDeclarationError(f"文书种类“{kind}”的 x-wenshu.events 每一项应为对象（event、from、when）。")
        event = entry.get("event")
        if event not in CASE_EVENTS and event not in RECORDED_EVENTS:
            known = "、".join([f"{k}（{v[0]}）" for k, v in CASE_EVENTS.items()]
                             + [f"{k}（{v}）" for k, v in RECORDED_EVENTS.items()])
            raise EventDeclarationError(f"文书种类“{kind}”声明了未知的案件事件“{event}”。可用的事件：{known}。")
        when = entry.get("when") or {}
        if not isinstance(when, Mapping):
            raise EventDeclarationError(f"文书种类“{kind}”事件“{event}”的 when 应为对象（JSON 指针 → 条件）。")
        for p in when:
            _check_pointer(kind, p, f"事件“{event}”的 when 条件")
        each = entry.get("each")
        if each is not None:
            _check_pointer(kind, each, f"事件“{event}”的 each")
        deemed = entry.get("deemed")
        if deemed is not None and deemed not in DEEMED_DELIVERY_DAYS:
            raise EventDeclarationError(f"文书种类“{kind}”事件“{event}”的 deemed 应为：{'、'.join(DEEMED_DELIVERY_DAYS)}。")
        out.append(EventDeclaration(event, _check_pointer(kind, entry.get("from"), f"事件“{event}”的 from"), when,
                                    bool(entry.get("presumed")), each, deemed))
    return out


def resolve(answers: Any, pointer: str) -> tuple[bool, Any]:
    """``(found, value)`` of a JSON Pointer (RFC 6901) in the answers; never raises."""
    node = answers
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def _condition_holds(answers: Any, pointer: str, condition: Any) -> bool:
    found, value = resolve(answers, pointer)
    if isinstance(condition, Mapping):
        if "filled" in condition:
            return (found and not is_blank(value)) == bool(condition["filled"])
        if "in" in condition:
            return found and value in list(condition["in"])
        return False
    return found and value == condition


def as_date(value: Any) -> date | None:
    """A date from an answer: ``2026-11-20``, ``2026-11-20T09:30``, or a date/datetime; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    moment = parse_datetime(value)
    return moment.date() if moment else parse_date(value)


def _schema_of(kind: str, schemas: Mapping[str, Mapping] | None) -> Mapping | None:
    if schemas and kind in schemas:
        return schemas[kind]
    from templates.kinds import UnknownKind, get_kind

    try:
        return get_kind(kind).schema
    except UnknownKind:
        return None


_DECLARED: dict[int, tuple[Mapping, str, list[EventDeclaration] | None]] = {}


def _declarations_cached(kind: str, schema: Mapping) -> list[EventDeclaration] | None:
    """``declarations`` once per schema object (a case's documents share their kinds' schemas); None
    for a malformed declaration (logged)."""
    hit = _DECLARED.get(id(schema))
    if hit is not None and hit[0] is schema and hit[1] == kind:
        return hit[2]
    try:
        decls: list[EventDeclaration] | None = declarations(kind, schema)
    except EventDeclarationError as exc:  # a kind author's mistake must not take the case view down
        log.error("%s", exc)
        decls = None
    if len(_DECLARED) > 256:
        _DECLARED.clear()
    _DECLARED[id(schema)] = (schema, kind, decls)
    return decls


def case_events(
    documents: Mapping[str, Mapping] | Iterable[tuple[str, Mapping]],
    schemas: Mapping[str, Mapping] | None = None,
) -> dict[str, date]:
    """The dated events of a case, read from its documents' answers through the kinds' declarations.

    ``documents`` maps kind → answers, or is a list of ``(kind, answers)`` pairs (a case may hold two
    records of one kind). ``schemas`` gives or overrides schemas by kind name (otherwise the kind's
    folder is read); an unknown kind, a blank or unreadable date, or a failed ``when`` adds nothing (a
    malformed declaration is logged and skipped; ``tests/test_agenda.py`` keeps the shipped kinds clean).
    When several documents date one event the earliest date wins: the deadline it starts is then never
    later than the law allows. A presumed date (``"presumed": true``) counts only while no document records
    the event: a period that runs from delivery starts on the day the 送达回执 records (DOMAIN.md §5), not on
    the day the notice was written.
    """
    pairs = documents.items() if isinstance(documents, Mapping) else documents
    events: dict[str, date] = {}
    presumed: dict[str, date] = {}
    for kind, answers in pairs:
        schema = _schema_of(kind, schemas)
        if schema is None or not isinstance(answers, Mapping):
            continue
        decls = _declarations_cached(kind, schema)
        if decls is None:
            continue
        answers = upgraded(schema.get("x-wenshu"), answers)  # a kind's answers of an earlier shape, lifted
        for decl in decls:
            if decl.each is None:
                items: list = [answers]
            else:
                found_list, listed = resolve(answers, decl.each)
                items = listed if found_list and isinstance(listed, list) else []
            for item in items:
                if not all(_condition_holds(item, p, c) for p, c in decl.when.items()):
                    continue
                day = as_date(resolve(item, decl.source)[1])
                if day is not None and decl.deemed is not None:
                    day = day + timedelta(days=DEEMED_DELIVERY_DAYS[decl.deemed][0])
                found = presumed if decl.presumed else events
                if day is not None and (decl.event not in found or day < found[decl.event]):
                    found[decl.event] = day
    return {**presumed, **events}


# --- status ---------------------------------------------------------------------------------------
def working_days_left(due: date, today: date, calendar: WorkCalendar) -> int:
    """Working days after ``today`` up to and including ``due`` (0 when due today or earlier)."""
    between = getattr(calendar, "working_days_between", None)
    if between is not None:
        return between(today, due)
    count, day = 0, today  # a calendar of another make (tests): day by day
    while day < due:
        day = date.fromordinal(day.toordinal() + 1)
        if calendar.is_working_day(day):
            count += 1
    return count


def deadline_status(
    deadline: Deadline | UncoveredDeadline,
    today: date,
    calendar: WorkCalendar | None = None,
    completed: Collection[str] = (),
) -> str:
    """``overdue``, ``due_soon``, ``ok`` or ``done`` (``uncovered`` when the due day is unknown).

    ``completed`` holds the rule ids the case marks done (e.g. the party's statement was heard).
    When the days up to the due date cannot be counted (``today`` in a year without holiday data), the
    deadline is shown as due soon rather than guessed to be far away.
    """
    if deadline.rule in completed:
        return DONE
    if isinstance(deadline, UncoveredDeadline):
        return UNCOVERED
    if today > deadline.due:
        return OVERDUE
    try:
        left = working_days_left(deadline.due, today, calendar or _calendar())
    except CalendarNotCovered:
        return DUE_SOON
    return DUE_SOON if left <= DUE_SOON_WORKING_DAYS else OK


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


# --- items ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgendaItem:
    """One deadline of one case as the user sees it today."""

    case_id: Any
    case_title: str
    rule: str
    title: str
    event: str
    start: date
    due: date | None
    status: str
    working_days_left: int | None = None
    amount: int | None = None
    message: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def event_title(self) -> str:
        return CASE_EVENTS.get(self.event, (RECORDED_EVENTS.get(self.event, self.event),))[0]

    @property
    def source(self) -> str:
        from validators.citations import cite_cn

        return cite_cn(PERIODS[self.rule].source)

    @property
    def unit(self) -> str:
        return PERIODS[self.rule].unit

    @property
    def counting(self) -> str:
        """工作日 / 自然日 / 月 — how the period counts."""
        return {"working_days": "工作日", "days": "自然日", "months": "月"}[self.unit]

    @property
    def period_text(self) -> str:
        """``3个工作日``, ``15日``, ``6个月``."""
        n = PERIODS[self.rule].amount if self.amount is None else self.amount
        return {"working_days": f"{n}个工作日", "days": f"{n}日", "months": f"{n}个月"}[self.unit]

    def remaining_text(self, today: date) -> str:
        """What is left, in words: 剩2个工作日 / 今日到期 / 逾期3日 / 已完成 / —."""
        if self.status == DONE:
            return "已完成"
        if self.due is None:
            year = re.search(r"(\d{4}) 年", self.message)
            return f"缺{year[1]}年节假日数据" if year else "—"
        if today > self.due:
            return f"逾期{(today - self.due).days}日"
        if today == self.due:
            return "今日到期"
        if self.working_days_left is None:
            return f"还有{(self.due - today).days}日"
        return f"剩{self.working_days_left}个工作日"

    def explain(self) -> str:
        """Rule, counting method and source article: the tooltip of the row."""
        lines = [
            f"{self.title}：自{self.event_title}之日（{date_cn(self.start)}）的次日起计算{self.period_text}。",
            f"计算方法：{UNIT_TEXT[self.unit]}。",
        ]
        if self.due is not None:
            lines.append(f"届满日：{date_cn(self.due)}。")
        if self.message:
            lines.append(self.message)
        lines.append(f"依据：{self.source}。")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "case_title": self.case_title, "rule": self.rule, "title": self.title,
                "event": self.event, "start": self.start.isoformat(),
                "due": self.due.isoformat() if self.due else None, "status": self.status,
                "status_label": self.status_label, "working_days_left": self.working_days_left,
                "counting": self.counting, "source": self.source, "message": self.message}


def _calendar() -> WorkCalendar:
    from wenshu.holidays import load_calendar

    return load_calendar()


def _amounts() -> dict[str, int]:
    from wenshu.holidays import period_amounts

    return period_amounts()


def case_agenda(
    case_id: Any,
    case_title: str,
    events: Mapping[str, date],
    completed: Collection[str],
    today: date,
    calendar: WorkCalendar | None = None,
    amounts: Mapping[str, int] | None = None,
) -> list[AgendaItem]:
    """Every deadline of one case with its status today, earliest due first (uncovered ones last).

    ``completed`` are the rules the case marks done; a deadline whose answering event (``ANSWERED_BY``)
    is dated in ``events`` is done too. ``calendar``/``amounts`` default to the calendar and period
    settings in force (data folder).
    """
    cal = calendar or _calendar()
    amounts = _amounts() if amounts is None else amounts
    completed = set(completed) | {rule for rule, event in ANSWERED_BY.items() if events.get(event)}
    items: list[AgendaItem] = []
    for d in case_deadlines(events, cal, amounts):
        status = deadline_status(d, today, cal, completed)
        if isinstance(d, UncoveredDeadline):
            items.append(AgendaItem(case_id, case_title, d.rule, d.title, d.event, d.start, None, status,
                                    amount=amounts.get(d.rule), message=d.message))
            continue
        left = None
        if today <= d.due:
            try:
                left = working_days_left(d.due, today, cal)
            except CalendarNotCovered:
                left = None
        items.append(AgendaItem(case_id, case_title, d.rule, d.title, d.event, d.start, d.due, status,
                                working_days_left=left, amount=amounts.get(d.rule)))
    return items


def _window_end(today: date, working_days: int, cal: WorkCalendar) -> tuple[date, bool]:
    """``(last day shown, exact)``. When counting runs into a year without holiday data, every computable
    due date before that year is inside the window (the window reaches past it), so the limit is that
    year's 1 January, exclusive."""
    try:
        return cal.add_working_days(today, working_days), True
    except CalendarNotCovered as exc:
        return date(exc.year, 1, 1), False


def upcoming(
    cases: Iterable[tuple[Any, str, Mapping[str, date], Collection[str]]],
    today: date,
    working_days: int = AGENDA_WORKING_DAYS,
    calendar: WorkCalendar | None = None,
    amounts: Mapping[str, int] | None = None,
) -> list[AgendaItem]:
    """The start-of-day list: across ``cases`` (``(case_id, title, events, completed)``), every deadline
    not done that is overdue or falls within ``working_days`` working days after today, plus every
    deadline that cannot be computed (with its Chinese message — the user must not assume it is far).

    Sorted: cannot-compute first, then by due date (overdue ones come first by nature), case, rule.
    """
    cal = calendar or _calendar()
    amounts = _amounts() if amounts is None else amounts
    end, exact = _window_end(today, working_days, cal)
    out: list[AgendaItem] = []
    for case_id, title, events, completed in cases:
        for item in case_agenda(case_id, title, events, completed, today, cal, amounts):
            if item.status == DONE:
                continue
            if item.due is None or (item.due <= end if exact else item.due < end):
                out.append(item)
    out.sort(key=lambda i: (i.due is not None, i.due or i.start, str(i.case_title), i.rule))
    return out


# --- from the case store --------------------------------------------------------------------------
class CaseSource(Protocol):
    """What :func:`upcoming_from_store` needs of the case store (``wenshu.store.Store``)."""

    def list_cases(self) -> list[dict]: ...  # [{"id", "title", ...}]

    def documents(self, case_id: Any) -> list[dict]: ...  # [{"kind", "answers", ...}]


def case_dates(documents: Iterable[Mapping], store_events: Iterable[Mapping],
               schemas: Mapping[str, Mapping] | None = None) -> tuple[dict[str, date], set[str]]:
    """``(events, completed)`` of one case from its live documents (``[{"kind", "answers"}]``) and the
    dates entered by hand (``[{"kind", "date"}]``): see :func:`store_case`."""
    events = case_events([(d.get("kind"), d.get("answers") or {}) for d in documents], schemas)
    completed: set[str] = set()
    for e in store_events:
        kind = str(e.get("kind") or "")
        if kind.startswith(DONE_EVENT_PREFIX):
            completed.add(kind[len(DONE_EVENT_PREFIX):])
        elif kind in CASE_EVENTS or kind in RECORDED_EVENTS:
            day = as_date(e.get("date"))
            if day is not None and (kind not in events or day < events[kind]):
                events[kind] = day
    return events, completed


def event_pointers(schemas: Mapping[str, Mapping]) -> dict[str, list[str]] | None:
    """Per kind, the answer fields its event declarations read (dates and ``when`` conditions); None when
    one of them points into a list (read in full then)."""
    out: dict[str, list[str]] = {}
    for kind, schema in schemas.items():
        try:
            decls = declarations(kind, schema)
        except EventDeclarationError:
            continue
        # a declaration read in each item of a list reads the whole list (stored documents of an earlier
        # shape are upgraded when the store is opened, so the list is where their dates are)
        ptrs = [p for d in decls for p in ((d.each,) if d.each else (d.source, *d.when))]
        if any(part.isdigit() for p in ptrs for part in p.split("/")[1:]):
            return None
        if ptrs:
            out[kind] = ptrs
    return out


def declarations_key(schemas: Mapping[str, Mapping]) -> str:
    """A digest of every kind's event declarations and of the events the rulebook knows: cached dates
    of a case (``Store.agenda_cases``) are used only while it is unchanged."""
    import hashlib
    import json

    decl = {k: (s.get("x-wenshu") or {}).get("events") for k, s in sorted(schemas.items())}
    text = json.dumps([decl, sorted(CASE_EVENTS)], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def calendar_key(cal: WorkCalendar, amounts: Mapping[str, int]) -> str:
    """A digest of what due days depend on besides the dates: the imported holiday tables and the agency's
    period settings (a new table or setting recomputes every case's cached deadlines)."""
    import hashlib
    import json

    tables = [t.to_json() for _y, t in sorted(getattr(cal, "tables", {}).items())]
    text = json.dumps([tables, sorted(amounts.items()), getattr(cal, "package_years", list)()], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def next_due(events: Mapping[str, date], completed: Collection[str], cal: WorkCalendar,
             amounts: Mapping[str, int]) -> str:
    """The earliest due day (ISO) of the case's deadlines not done; '' when none is open, '!' when one
    cannot be computed (it is always on the list)."""
    done = set(completed) | {rule for rule, event in ANSWERED_BY.items() if events.get(event)}
    days = []
    for d in case_deadlines(events, cal, amounts):
        if d.rule in done:
            continue
        if isinstance(d, UncoveredDeadline):
            return "!"
        days.append(d.due)
    return min(days).isoformat() if days else ""


def agenda_from_store(store: Any, schemas: Mapping[str, Mapping], today: date,
                      working_days: int = AGENDA_WORKING_DAYS, calendar: WorkCalendar | None = None,
                      amounts: Mapping[str, int] | None = None) -> list[AgendaItem]:
    """:func:`upcoming` over every case of a ``wenshu.store.Store`` in a few queries: the cases that can be
    on today's list (their cached earliest open due day falls inside the window) with their cached dates,
    and the documents and events of only those cases that changed since (whose dates and earliest due day
    are then cached). The same list as the case-by-case :func:`upcoming_from_store`."""
    cal = calendar or _calendar()
    amounts = _amounts() if amounts is None else amounts
    key = declarations_key(schemas) + ":" + calendar_key(cal, amounts)
    end, _exact = _window_end(today, working_days, cal)
    rows = store.agenda_cases(key, until=end.isoformat())
    missing = [r["id"] for r in rows if r["cached"] is None]
    pointers = event_pointers(schemas)
    if pointers is None:  # a pointer into a list: the whole answers are read
        docs = store.live_documents_of(missing) if missing else {}
    else:
        docs = store.live_fields_of(missing, pointers) if missing else {}
    evs = store.events_of(missing) if missing else {}
    fresh, cases = [], []
    for r in rows:
        if r["cached"] is None:
            events, completed = case_dates(docs[r["id"]], evs[r["id"]], schemas)
            fresh.append((r["id"], r["rev"], key, {k: v.isoformat() for k, v in events.items()}, sorted(completed),
                          next_due(events, completed, cal, amounts)))
        else:
            cached_events, cached_completed = r["cached"]
            events = {k: date.fromisoformat(v) for k, v in cached_events.items()}
            completed = set(cached_completed)
        cases.append((r["uid"], str(r["title"] or f"案件 {r['id']}"), events, completed))
    store.cache_agenda(fresh)
    return upcoming(cases, today, working_days, cal, amounts)


def store_case(store: Any, case: Mapping) -> tuple[Any, str, dict[str, date], set[str]]:
    """``(case_id, title, events, completed)`` of one stored case.

    Events come from the documents' declarations and, when the store has ``events(case_id)``
    (``[{"kind", "date"}]``), from dates entered by hand: a ``kind`` in ``rulebook.CASE_EVENTS`` dates that
    event (the earlier date wins), ``done:<rule>`` marks the deadline ``rule`` done.
    """
    case_id = case["id"]
    events, completed = case_dates(store.documents(case_id), store.events(case_id) if hasattr(store, "events") else [])
    return case_id, str(case.get("title") or f"案件 {case_id}"), events, completed


def upcoming_from_store(store: CaseSource, today: date | None = None,
                        working_days: int = AGENDA_WORKING_DAYS) -> list[AgendaItem]:
    """:func:`upcoming` over every case in the store, with the calendar and settings in force."""
    return upcoming((store_case(store, c) for c in store.list_cases()), today or date.today(), working_days)
