"""The case service: every operation on a case, in one Qt-free place (like Anki's ``Collection`` under ``aqt``).

The desktop app and ``wenshu case …`` both call this; nothing here knows of a screen. It decides:

- what a new document holds (prefilled from the case memory and, as its kind declares with ``x-from``,
  from the case's other documents and facts);
- what a document's findings are (``check``: the engine with the case facts, the roster, the settings
  and the current moment, fresh on every call);
- a document's state (draft / error / generated / stale / withdrawn), what the case still needs
  (``next``, from each kind's ``x-wenshu.needed``), its deadlines and its major-decision verdict;
- final generation (one path: check once, take the number, write the document's own file, record the
  printed version) and 作废 (a withdrawn document is hidden, never deleted).

Ids are the stable UUIDs of DOMAIN.md §10. Errors: :class:`Unusable` (the request cannot be used: unknown
id, malformed answers, a kind the case cannot take — the command line's exit 2) and :class:`Refused` (a
rule says no, with findings — exit 1). Both carry Chinese messages; nothing is changed when they are raised.
"""

from __future__ import annotations

import dataclasses
import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from templates import oserror
from templates.kinds import Kind, UnknownKind, all_kinds, get_kind
from validators.context import CheckContext
from validators.findings import Finding, finding, has_errors
from wenshu import prefill
from wenshu.store import (
    DRAFT,
    GENERATED,
    HAS_ERRORS,
    LEGACY_IDS_KEY,
    STALE,
    STATE_TITLES,
    WITHDRAWN,
    Store,
    StoreError,
    open_store,
)

#: The procedure's stages in order (DOMAIN.md §1); a kind's ``x-wenshu.stage`` places it, its ``order``
#: sorts within the stage. Kinds of another stage (公文) are not documents of a case.
PROCEDURE_STAGES = ("立案", "检查/询问", "告知", "审核/讨论", "决定", "送达", "执行", "结案")
#: A unique prefix of at least this many characters stands for a whole id (DOMAIN.md §10).
MIN_PREFIX = 8


#: How many versions a damaged document opens with; the list reads more as it is scrolled (issue 17).
VERSIONS_PAGE = 50

class ServiceError(Exception):
    """Base of the service's errors; ``str()`` is Chinese."""


class Unusable(ServiceError):
    """The request cannot be used as given (exit 2 on the command line); nothing was changed."""


class Refused(ServiceError):
    """A rule refuses the request (exit 1); ``findings`` say what to fix; nothing was changed."""

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message)
        self.findings = findings


def procedure_order(kinds: list[Kind]) -> list[Kind]:
    """Kinds in the order the procedure calls for them."""
    rank = {stage: i for i, stage in enumerate(PROCEDURE_STAGES)}
    return sorted(kinds, key=lambda k: (rank.get(k.stage, len(rank)), k.order, k.name))


def case_kinds() -> list[Kind]:
    """The kinds a case can hold, in procedure order."""
    return [k for k in procedure_order(all_kinds()) if k.stage in PROCEDURE_STAGES]


def kinds_of_role(role: str) -> list[Kind]:
    """The case kinds of an ``x-wenshu.role`` (``decision``, ``proposal`` …), in procedure order."""
    return [k for k in case_kinds() if k.meta.get("role") == role]



@dataclass
class Verdicts:
    """What the case's documents say about it, for ``x-wenshu.needed`` conditions and the case page."""

    major: bool = False
    reasons: list[str] = field(default_factory=list)
    rule_set: str = ""
    source: str | None = None  # the kind whose penalties were weighed (the decision, else the notice)
    may_decide: bool = True
    review_state: str = ""
    hearing_requested: bool = False
    decided: bool = False
    supervised: bool = False  # issue 15: the case holds a received 行政执法监督文书 (004 第二十二条)

    def holds(self, condition: Any) -> bool:
        if condition in (None, "", "always"):
            return True
        return bool({"major": self.major, "hearing_requested": self.hearing_requested,
                     "decided": self.decided, "supervised": self.supervised}.get(str(condition), False))


class CaseService:
    """One store's cases. ``clock`` gives "now" (tests pass a fixed one); ``who`` names the user."""

    def __init__(self, store: Store | None = None, *, clock: Callable[[], datetime] | None = None,
                 who: str | None = None, settings: dict | None = None):
        self.store = store if store is not None else open_store()
        self.clock = clock or datetime.now
        self.who = who if who is not None else _user()
        self._settings = settings
        self._schemas = {k.name: k.schema for k in all_kinds()}
        self._rekey_legacy_numbers()
        self._upgrade_stored_documents()

    def close(self) -> None:
        self.store.close()

    # --- settings and context -------------------------------------------------------------------
    def settings(self) -> dict:
        """The settings in force: read again whenever the settings file changes (a copy each call)."""
        if self._settings is not None:
            return self._settings
        import copy

        from wenshu.settings import load_settings, settings_path

        path = settings_path()
        try:
            st = path.stat()
            stamp = (str(path), st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (str(path), None, None)
        cached = getattr(self, "_settings_cache", None)
        if cached is None or cached[0] != stamp:
            cached = self._settings_cache = (stamp, load_settings())
        return copy.deepcopy(cached[1])

    def roster(self) -> dict:
        """The roster as the rules see it, read again only when the roster changed (the editor checks on
        every typing pause; fifty officers read and parsed each time were most of that check)."""
        from wenshu.roster import load_roster

        try:
            stamp = self.store.officers_stamp()
            cached = getattr(self, "_roster_cache", None)
            if cached is None or cached[0] != stamp:
                cached = self._roster_cache = (stamp, load_roster(self.store))
            return dict(cached[1])
        except StoreError:
            return {}

    def now(self) -> datetime:
        return self.clock().replace(second=0, microsecond=0)

    def context(self, kind: Kind, case_facts: dict, settings: dict | None = None) -> CheckContext:
        """What a rule may know: the current moment (fresh on every call), roster, case and settings."""
        from templates.law_library import set_extra_dirs
        from wenshu.paths import data_dir

        set_extra_dirs([data_dir() / "laws"])  # the agency's own laws and regulations, as data
        return CheckContext(now=self.now(), roster=self.roster(), case=case_facts, meta=kind.meta,
                            settings=settings if settings is not None else self.settings(), kind=kind.name,
                            calendar=self.calendar())

    def calendar(self):
        """The working-day calendar in force (the package's schedule and the imported holiday tables)."""
        from wenshu.holidays import load_calendar

        try:
            return load_calendar()
        except Exception:  # an unreadable imported table: the package's calendar (deadlines say the rest)
            return None

    # --- ids ------------------------------------------------------------------------------------
    def _resolve(self, table: str, ref: Any, what: str) -> int:
        text = str(ref or "").strip().lower()
        if len(text) < MIN_PREFIX:
            raise Unusable(f"{what}编号“{ref}”太短：请至少输入 {MIN_PREFIX} 位（可用 wenshu case list 查看）。")
        hits = self.store.ids_starting(table, text)
        if not hits:
            raise Unusable(f"没有编号为“{ref}”的{what}（可用 wenshu case list 查看）。")
        exact = [h for h in hits if h[1] == text]
        if len(hits) > 1 and not exact:
            raise Unusable(f"编号“{ref}”对应多个{what}，请多输入几位。")
        return (exact or hits)[0][0]

    def _case(self, ref: Any) -> dict:
        case = self.store.get_case(self._resolve("cases", ref, "案件"))
        if case is None:
            raise Unusable(f"没有编号为“{ref}”的案件。")
        return case

    def _doc(self, ref: Any) -> dict:
        doc = self.store.get_document(self._resolve("documents", ref, "文书"))
        if doc is None:
            raise Unusable(f"没有编号为“{ref}”的文书。")
        return doc

    def case_id(self, ref: Any) -> str:
        """The full case id a reference (id or unique prefix) stands for."""
        return self._case(ref)["uid"]

    def document_id(self, ref: Any) -> str:
        return self._doc(ref)["uid"]

    # --- cases ----------------------------------------------------------------------------------
    def new_case(self, data: Any) -> str:
        """A new case from ``{"title"?, "party": {...}, "officers"?: [...], "facts"?: {...}}``."""
        if not isinstance(data, dict):
            raise Unusable("新案件的内容应为一个 JSON 对象（以 { 开头），含当事人 party。")
        party, officers, facts = data.get("party"), data.get("officers"), data.get("facts")
        title = data.get("title")
        for value, want, name in ((party, dict, "当事人 party"), (officers, list, "执法人员 officers"),
                                  (facts, dict, "案件信息 facts"), (title, str, "案件名称 title")):
            if value is not None and not isinstance(value, want):
                kind = {dict: "一组信息（JSON 对象）", list: "列表（JSON 数组）", str: "文字"}[want]
                raise Unusable(f"新案件中的{name}应为{kind}。")
        if not isinstance(party, dict) or not isinstance(party.get("name"), str) or not party["name"].strip():
            raise Unusable("新案件须写明当事人（party），至少包括名称或姓名（name，文字）。")
        if officers is not None and not all(isinstance(o, dict) for o in officers):
            raise Unusable("新案件中的执法人员 officers 每一项应为一组信息（姓名 name、证件号 cert_no）。")
        facts = dict(facts or {})
        if officers:
            facts["officers"] = officers
        title = (title or "").strip() or f"{str(party['name']).strip()}案"
        row = self.store.create_case(title, party, facts)
        return self.store.get_case(row)["uid"]

    def update_case(self, ref: Any, *, title: str | None = None, party: dict | None = None,
                    facts: dict | None = None) -> None:
        """Change the case itself; ``facts`` are merged into what the case knows."""
        case = self._case(ref)
        merged = {**(case.get("facts") or {}), **facts} if facts is not None else None
        self.store.update_case(case["id"], title=title, party=party, facts=merged)

    def list_cases(self, search: str = "") -> list[dict]:
        """Cases newest first (``search`` matches title, party, case number or a date)."""
        return [{"case_id": c["uid"], "title": c["title"], "party": c["party"], "updated": c["updated"],
                 "created": c["created"]} for c in self.store.list_cases(search)]

    def case_rows(self, search: str = "", limit: int | None = None, offset: int = 0) -> list[dict]:
        """What the case list shows, a page at a time (newest first, searched in the store):
        ``[{"case_id", "title", "party_name", "created", "updated"}]``."""
        return [{"case_id": r["uid"], "title": r["title"], "party_name": r["party_name"], "created": r["created"],
                 "updated": r["updated"]} for r in self.store.case_rows(search, limit, offset)]

    def case(self, ref: Any) -> dict:
        """The case's own record: ``{"case_id", "title", "party", "facts", "memory", "created", "updated"}``."""
        c = self._case(ref)
        return {"case_id": c["uid"], "title": c["title"], "party": c["party"], "facts": c["facts"],
                "memory": prefill.memory_of(c), "created": c["created"], "updated": c["updated"]}

    def case_facts(self, ref: Any) -> dict:
        """What the rules know of the case (``prefill.case_context``)."""
        case = self._case(ref)
        return self._facts(case)

    def _facts(self, case: dict, docs: list[dict] | None = None) -> dict:
        from wenshu.agenda import case_events

        docs = self.store.documents(case["id"]) if docs is None else docs
        facts = prefill.case_context(case, docs, self._schemas)
        live = [(d["kind"], d["answers"]) for d in docs if not d["withdrawn_at"]]
        facts["events"] = {k: v.isoformat() for k, v in case_events(live, self._schemas).items()}
        return facts

    # --- documents ------------------------------------------------------------------------------
    def _kind(self, name: Any) -> Kind:
        try:
            return get_kind(str(name))
        except UnknownKind as exc:
            raise Unusable(str(exc)) from None

    def _answers_arg(self, answers: Any) -> dict:
        if answers is None:
            return {}
        if not isinstance(answers, dict):
            raise Unusable("文书内容应为一个 JSON 对象（以 { 开头）。")
        return answers

    def initial_answers(self, case: dict, kind: Kind, docs: list[dict] | None = None) -> dict:
        """What a new document of ``kind`` holds: schema defaults, the case memory, the agency's name,
        and what the kind takes from the case's other documents and facts (``x-from``)."""
        agency = (self.settings().get("agency") or {}).get("name", "")
        answers = prefill.prefill(kind.schema, prefill.memory_of(case), {"agency": agency})
        context = self._facts(case, docs)
        context.setdefault("agency", agency)
        answers = prefill.fill_blanks(answers, prefill.from_case(kind.schema, context))
        # --- issue 19: 法制机构, 复议机关, 人民法院 from the agency profile ---
        from wenshu.profile import fill_agency_names

        return fill_agency_names(kind.schema, answers, self.settings())

    def add_document(self, case_ref: Any, kind_name: Any, answers: Any = None) -> str:
        """A new draft of ``kind`` in the case, prefilled, with ``answers`` over that; its id.

        One action gives one document: while the case holds an untouched draft of the kind (never edited,
        never generated) with the same content, adding again returns that draft."""
        case = self._case(case_ref)
        kind = self._kind(kind_name)
        given = _upgraded(kind, self._answers_arg(answers))
        if kind.stage not in PROCEDURE_STAGES:
            raise Unusable(f"《{kind.title}》不是案件中的执法文书，不能加入案件（公文请单独起草）。")
        docs = self.store.documents(case["id"])
        content = {**self.initial_answers(case, kind, docs), **given}
        live = [d for d in docs if d["kind"] == kind.name and not d["withdrawn_at"]]
        for doc in live:
            if doc["version"] == 1 and not self.store.printed(doc["id"]) and doc["answers"] == content:
                return doc["uid"]
        if live and kind.meta.get("single"):
            raise Unusable(f"本案已有《{kind.title}》（{live[0]['uid'][:MIN_PREFIX]}），每案只制作一份；"
                           "请打开原文书修改，或先将其作废。")
        row = self.store.add_document(case["id"], kind.name, content, DRAFT)
        self._learn(case, kind, content)
        return self.store.get_document(row)["uid"]

    def document(self, ref: Any) -> dict:
        """One document as the editor opens it: its answers with the live facts of the case brought in."""
        doc = self._doc(ref)
        kind = self._kind(doc["kind"])
        case = self.store.get_case(doc["case_id"])
        facts = prefill.from_case(kind.schema, self._facts(case), live_only=True)
        return self._document_json(doc, kind, {**doc["answers"], **facts}, case)

    def _document_json(self, doc: dict, kind: Kind, answers: dict, case: dict) -> dict:
        out = {"document_id": doc["uid"], "case_id": case["uid"], "kind": kind.name, "title": kind.title,
               "answers": answers, "version": doc["version"], "updated": doc["updated"],
               "withdrawn": bool(doc["withdrawn_at"]), "withdrawn_reason": doc["withdrawn_reason"],
               "damaged": doc["damaged"]}
        if doc["damaged"]:  # opened read-only; the versions that can still be read are offered (the newest
            # page here, the rest through version_page as the list is scrolled: issue 17)
            out["version_count"] = self.store.version_count(doc["id"])
            out["versions"] = [{"version": v["version"], "saved": v["saved"], "reason": v["reason"],
                                "readable": v["readable"]}
                               for v in reversed(self.store.version_page(doc["id"], VERSIONS_PAGE))]
        return out

    # --- the versions list, a page at a time (issue 17) ---------------------------------------------
    def version_count(self, ref: Any) -> int:
        return self.store.version_count(self._doc(ref)["id"])

    def version_page(self, ref: Any, limit: int = 50, offset: int = 0) -> list[dict]:
        """The document's versions newest first, ``limit`` from ``offset``: version, saved, reason, readable."""
        return self.store.version_page(self._doc(ref)["id"], limit, offset)

    def _version_answers(self, doc: dict, version: Any) -> dict:
        answers = self.store.version_answers(doc["id"], int(version))
        if answers is None:
            raise Unusable(f"该文书没有可读取的第 {version} 版。")
        return answers

    def document_version(self, ref: Any, version: int) -> dict:
        """One saved version of a document as it was (the one a paper copy was printed from), read-only."""
        doc = self._doc(ref)
        answers = self._version_answers(doc, version)
        kind = self._kind(doc["kind"])
        out = self._document_json(doc, kind, answers, self.store.get_case(doc["case_id"]))
        out.update(shown_version=int(version), current_version=doc["version"])
        return out

    def verify_history(self) -> list[dict]:
        """What the app tells the user at start when a version or printed record was altered or deleted."""
        from wenshu.verify import verify_store

        return verify_store(self, quick=True)["problems"]

    def _intact(self, doc: dict) -> dict:
        if doc["damaged"]:
            raise Unusable("该文书当前保存的内容已损坏，无法读取；为免覆盖，已按只读打开。"
                           "请从早前的版本恢复（wenshu case restore 或界面中的“恢复此版本”）。")
        return doc

    def restore(self, ref: Any, version: int) -> dict:
        """Make an earlier version the current one again (a new version, with the reason recorded)."""
        doc = self._doc(ref)
        answers = self._version_answers(doc, version)
        if doc["withdrawn_at"]:
            raise Unusable("该文书已作废，不能再修改。")
        version_now = self.store.save_document(doc["id"], answers, reason=f"从第 {version} 版恢复")
        return {"document_id": doc["uid"], "version": version_now}

    def save(self, ref: Any, answers: Any, reason: str | None = None) -> dict:
        """Save the answers as the document's new version (unchanged answers add none); what the case
        learns from them (party, officers, place …) is kept for later documents.
        Returns ``{"document_id", "version", "state", "saved"}``."""
        if not isinstance(answers, dict):
            raise Unusable("文书内容应为一个 JSON 对象（以 { 开头）；草稿未作改动。")
        doc = self._intact(self._doc(ref))
        answers = self._answers_arg(answers)
        if doc["withdrawn_at"]:
            raise Unusable("该文书已作废，不能再修改。如需继续，请新建一份同类文书。")
        kind = self._kind(doc["kind"])
        answers = _upgraded(kind, answers)
        case = self.store.get_case(doc["case_id"])
        version = self.store.save_document(doc["id"], answers, reason=reason)
        self._learn(case, kind, answers)
        doc = self.store.get_document(doc["id"])
        state = self._state(doc, kind, self.store.get_case(doc["case_id"]))
        self.store.set_state(doc["id"], state)
        return {"document_id": doc["uid"], "version": version, "state": state, "saved": doc["updated"]}

    fill = save

    def pick_violations(self, ref: Any, ids: list[str]) -> dict:
        """Set the document's violations to the library entries ``ids`` (in that order) and fill what they
        give — 违法事实, 违反条款, 处罚依据, 处罚 — into its fields; later documents take them from the
        case (``x-from``). Saved as a new version; returns what ``save`` returns."""
        from wenshu import violations

        doc = self._doc(ref)
        kind = self._kind(doc["kind"])
        if "violations" not in (kind.schema.get("properties") or {}):
            raise Unusable(f"《{kind.title}》不能选取违法行为；请在现场检查记录或行政处罚告知书中选取。")
        try:
            entries = violations.find([str(i) for i in ids])
        except LookupError as exc:
            raise Unusable(str(exc)) from None
        return self.save(ref, violations.apply_picked(kind.schema, dict(doc["answers"] or {}), entries))

    def violation_library(self) -> list[dict]:
        """The violation library: shipped entries and the agency's own (``wenshu.violations``)."""
        from wenshu import violations

        return violations.library()
    def autosave(self, ref: Any, answers: Any) -> dict:
        """The editor's autosave: like ``save`` (the answers are the document's current content at once),
        but the autosaves of one editing session add no version each (``Store.autosave_document``): the
        session's versions are written when it ends (``end_session``, ``save``, ``generate``)."""
        if not isinstance(answers, dict):
            raise Unusable("文书内容应为一个 JSON 对象（以 { 开头）；草稿未作改动。")
        doc = self._intact(self._doc(ref))
        if doc["withdrawn_at"]:
            raise Unusable("该文书已作废，不能再修改。如需继续，请新建一份同类文书。")
        kind = self._kind(doc["kind"])
        case = self.store.get_case(doc["case_id"])
        version = self.store.autosave_document(doc["id"], answers)
        self._learn(case, kind, answers)
        doc = self.store.get_document(doc["id"])
        state = self._state(doc, kind, self.store.get_case(doc["case_id"]))
        self.store.set_state(doc["id"], state)
        return {"document_id": doc["uid"], "version": version, "state": state, "saved": doc["updated"]}

    def end_session(self, ref: Any) -> int | None:
        """The editing session of the document ends (editor closed, document left): its last content is
        a version of the history. Returns the current version."""
        try:
            doc = self._doc(ref)
        except Unusable:
            return None
        return self.store.end_session(doc["id"])

    def end_open_sessions(self) -> int:
        """At the app's start: sessions a crash or a power cut left open become their versions."""
        try:
            return self.store.end_sessions()
        except StoreError:
            return 0

    def _learn(self, case: dict, kind: Kind, answers: dict) -> None:
        memory = prefill.memory_of(case)
        learned = prefill.learn(kind.schema, answers, memory)
        if learned != memory:
            party = learned.pop("party", case.get("party") or {})
            facts = {**(case.get("facts") or {}), **learned}
            self.store.update_case(case["id"], party=party, facts=facts)
            case.update(party=party, facts=facts)

    def check(self, ref: Any, answers: Any = None) -> list[Finding]:
        """The findings the app shows for the document (or for ``answers`` typed into it, not yet saved)."""
        doc = self._doc(ref)
        if answers is None:
            self._intact(doc)
        kind = self._kind(doc["kind"])
        case = self.store.get_case(doc["case_id"])
        answers = doc["answers"] if answers is None else self._answers_arg(answers)
        return self._check(kind, answers, self._facts_cached(case))

    def _facts_cached(self, case: dict) -> dict:
        """``_facts`` of the case, kept while the case is unchanged (``cases.rev`` counts every change of
        its documents, events, title, party and facts): the editor's check after each pause reads them."""
        key = (case["id"], case.get("rev"))
        cached = getattr(self, "_facts_memo", None)
        if cached is None or cached[0] != key or key[1] is None:
            cached = self._facts_memo = (key, self._facts(case))
        return cached[1]

    def _check(self, kind: Kind, answers: dict, facts: dict, settings: dict | None = None) -> list[Finding]:
        from validators.engine import validate

        live = prefill.from_case(kind.schema, facts, live_only=True)
        return validate(kind.schema, {**answers, **live}, self.context(kind, facts, settings))

    # --- states, next steps, the case at a glance ------------------------------------------------
    def _last_printed(self, doc: dict) -> tuple[dict | None, dict | None]:
        printed = self.store.printed(doc["id"])
        if not printed:
            return None, None
        last = printed[-1]
        return last, self.store.version_answers(doc["id"], last["version"])

    def _state(self, doc: dict, kind: Kind, case: dict, facts: dict | None = None,
               settings: dict | None = None, quick: bool = False) -> str:
        if doc["withdrawn_at"]:
            return WITHDRAWN
        facts = self._facts(case) if facts is None else facts
        last, printed_answers = self._last_printed(doc)
        if last is not None and printed_answers == doc["answers"]:
            live = prefill.from_case(kind.schema, facts, live_only=True)
            changed = any(printed_answers.get(k) != v for k, v in live.items())
            if changed or prefill.stale_fields(kind.schema, printed_answers, prefill.memory_of(case)):
                return STALE
            return GENERATED
        if quick:
            return HAS_ERRORS if doc["state"] == HAS_ERRORS else DRAFT
        return HAS_ERRORS if has_errors(self._check(kind, doc["answers"], facts, settings)) else DRAFT

    def verdicts(self, case: dict, docs: list[dict], facts: dict, settings: dict) -> Verdicts:
        from validators.major import UnknownRuleSet, _review_state, assess, review_passed

        out = Verdicts(rule_set=settings.get("rule_set") or "")
        out.hearing_requested = bool((case.get("facts") or {}).get("hearing_requested"))
        live = [d for d in docs if not d["withdrawn_at"]]
        decisions = {k.name for k in kinds_of_role("decision")}
        out.decided = any(d["kind"] in decisions and self.store.printed(d["id"]) for d in live)
        out.supervised = "supervision_notice_received" in (facts.get("events") or {})  # issue 15
        for role in ("decision", "proposal"):  # the decision's penalties, else those the notice proposes
            names = [k.name for k in kinds_of_role(role)]
            source = next((d for d in reversed(live) if d["kind"] in names), None)
            if source is None:
                continue
            try:
                result = assess(source["answers"], out.rule_set or None)
            except UnknownRuleSet:
                break
            out.major, out.reasons, out.rule_set, out.source = result.major, result.reasons, result.rule_set, \
                source["kind"]
            review = facts.get("legal_review") or source["answers"].get("legal_review")
            out.may_decide = not result.major or review_passed(review)
            out.review_state = _review_state(review)
            break
        # --- issue 12: a 行政强制 act is itself a 重大行政执法决定 where the rule set lists it (001 第六条（三）) ---
        from validators.rulebook import COERCIVE_ACTS, DEFAULT_RULE_SET, MAJOR_DECISION_RULE_SETS

        rules = MAJOR_DECISION_RULE_SETS.get(out.rule_set or DEFAULT_RULE_SET) or MAJOR_DECISION_RULE_SETS[DEFAULT_RULE_SET]
        for d in live:
            act = (self._schemas.get(d["kind"], {}).get("x-wenshu") or {}).get("major_act")
            source = rules.major_kinds.get(act or "")
            if act in COERCIVE_ACTS and source:
                from validators.citations import cite_cn

                reason = cite_cn(f"拟作出“{COERCIVE_ACTS[act].title}”决定（{source}）")
                if reason not in out.reasons:
                    out.major = True
                    out.reasons.append(reason)
                    out.rule_set = out.rule_set or rules.name
        return out

    def show(self, ref: Any, today: date | None = None, quick: bool = False) -> dict:
        """The case at a glance (DOMAIN.md §10 ``case show``). ``quick``: a draft's state is the one stored
        with its last save instead of checking it again — the app's first picture, drawn before the rule
        engine is even imported, and redrawn exactly a moment later."""
        case = self._case(ref)
        settings = self.settings()
        docs = self.store.documents(case["id"])
        facts = self._facts(case, docs)
        # quick: the major-decision verdict (the rule tables of validators.major) waits for the exact redraw
        verdicts = Verdicts(rule_set=settings.get("rule_set") or "") if quick else self.verdicts(case, docs, facts,
                                                                                                  settings)
        documents = []
        for doc in docs:
            kind = get_kind(doc["kind"]) if doc["kind"] in self._schemas else None
            if kind is None:
                continue
            state = self._state(doc, kind, case, facts, settings, quick=quick)
            last, _answers = self._last_printed(doc)
            number = doc["answers"].get("number") if isinstance(doc["answers"].get("number"), str) else None
            documents.append({
                "document_id": doc["uid"], "kind": kind.name, "title": kind.title, "stage": kind.stage,
                "state": state, "state_title": STATE_TITLES[state], "number": number or None,
                "version": doc["version"], "updated": doc["updated"],
                "printed": ({"version": last["version"], "path": last["path"], "fingerprint": last["fingerprint"],
                             "printed": last["printed"]} if last else None),
                "stale_fields": (prefill.stale_fields(kind.schema, _answers or {}, prefill.memory_of(case))
                                 if state == STALE else []),
                "withdrawn_reason": doc["withdrawn_reason"], "damaged": doc["damaged"],
            })
        rank = {k.name: i for i, k in enumerate(case_kinds())}
        documents.sort(key=lambda d: rank.get(d["kind"], len(rank)))  # stable: added order within a kind
        return {
            "case_id": case["uid"], "title": case["title"], "party": case["party"],
            "memory": prefill.memory_of(case), "created": case["created"], "updated": case["updated"],
            "documents": documents,
            "next": self._next(documents, verdicts),
            "deadlines": self._deadlines(case, docs, today),
            "major": {"major": verdicts.major, "reasons": verdicts.reasons, "rule_set": verdicts.rule_set,
                      "may_decide": verdicts.may_decide, "review_state": verdicts.review_state,
                      "forms": [k.name for k in case_kinds() if (k.meta.get("needed") or {}).get("if") == "major"]},
        }

    def _next(self, documents: list[dict], verdicts: Verdicts) -> list[dict]:
        """What the case still needs, in procedure order: the kinds the law or the seeds require for this
        case (``x-wenshu.needed`` and its condition) that have no generated document yet."""
        out = []
        for kind in case_kinds():
            needed = kind.meta.get("needed")
            if not isinstance(needed, dict) or not verdicts.holds(needed.get("if")):
                continue
            mine = [d for d in documents if d["kind"] == kind.name and d["state"] != WITHDRAWN]
            if any(d["state"] in (GENERATED, STALE) for d in mine):
                continue
            why = str(needed.get("why") or "")
            if kind.meta.get("role") == "decision" and not verdicts.may_decide:
                why += f"{verdicts.review_state}：须先取得结论为“同意”的法制审核意见，决定书才能生成。"
            out.append({"kind": kind.name, "title": kind.title, "why": why,
                        "document_id": mine[0]["document_id"] if mine else None})
        return out

    def _deadlines(self, case: dict, docs: list[dict], today: date | None) -> list[dict]:
        from wenshu.agenda import case_agenda, case_dates

        live = [d for d in docs if not d["withdrawn_at"]]
        events, completed = case_dates(live, self.store.events(case["id"]), self._schemas)
        title = str(case.get("title") or f"案件 {case['id']}")
        items = case_agenda(case["uid"], title, events, completed, today or self.now().date(), self.calendar())
        return [{**i.to_json(), "explain": i.explain(), "remaining": i.remaining_text(today or self.now().date())}
                for i in items]

    # --- generating -----------------------------------------------------------------------------
    def generate(self, ref: Any, reason: str | None = None, out_dir: str | Path | None = None,
                 font_profile: str | None = None) -> dict:
        """The final document: check, take the number, write the document's own file, record the printed
        version. Re-generating an issued document after a change needs ``reason`` (更正原因) and makes a
        new version and file; earlier files stay. Returns ``{"document_id", "version", "number", "path",
        "fingerprint", "findings"}``."""
        from templates.render import RenderError, RenderRefused
        from wenshu.files import document_file_name, free_path, output_folder
        from wenshu.integrity import FingerprintKeyError, file_sha256, load_key
        from wenshu.integrity import fingerprint as keyed_fingerprint
        from wenshu.number_audit import generate_with_number
        from wenshu.registry import RegistryError

        doc = self._intact(self._doc(ref))
        kind = self._kind(doc["kind"])
        case = self.store.get_case(doc["case_id"])
        if doc["withdrawn_at"]:
            raise Refused("该文书已作废，不能生成。", [finding("", "document.withdrawn",
                                                             "该文书已作废，不能生成。如需制作，请新建一份同类文书。")])
        settings = self.settings()
        facts = self._facts(case)
        answers = {**doc["answers"], **prefill.from_case(kind.schema, facts, live_only=True)}
        findings = self._check(kind, answers, facts, settings)
        if has_errors(findings):
            errors = [f for f in findings if f["severity"] == "error"]
            raise Refused(f"《{kind.title}》有 {len(errors)} 处错误，未生成。", findings)
        last, printed_answers = self._last_printed(doc)
        reason = (reason or "").strip() or None
        if last is not None and printed_answers == answers and Path(last["path"]).exists():
            return {"document_id": doc["uid"], "version": last["version"], "number": answers.get("number") or None,
                    "path": last["path"], "fingerprint": last["fingerprint"], "sha256": last.get("sha256") or "",
                    "findings": findings, "unchanged": True}
        if last is not None and printed_answers == answers:
            return self._reprint(doc, kind, case, last, answers, findings, out_dir, settings, font_profile)
        if last is not None and printed_answers != answers and not reason:
            message = "本文书已生成过，内容又有改动：请填写更正原因，将作为新版本生成，原文件保留。"
            raise Refused(message, [finding("", "correction.reason_required", message)])
        folder = Path(out_dir) if out_dir else output_folder({"title": case["title"]}, settings)
        written = dict(answers)
        correcting = reason if last is not None else None

        try:
            key = load_key()
        except FingerprintKeyError as exc:
            raise Unusable(str(exc)) from None

        def version_printed() -> int:
            # the version this print will be saved as: the issued number (and a 更正原因) make a new one
            return doc["version"] + (1 if written != doc["answers"] or correcting else 0)

        def path_for(number: str | None) -> Path:
            return free_path(folder / document_file_name(kind.title, number, version_printed(), doc["uid"]))

        def mark_for(final: dict) -> str:
            return keyed_fingerprint(key, document_id=doc["uid"], version=version_printed(),
                                     number=final.get("number") if isinstance(final.get("number"), str) else None,
                                     kind=kind.name, answers=final)

        context = self.context(kind, facts, settings)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            result = generate_with_number(kind, written, path_for, case["uid"], doc["uid"], settings, context,
                                          who=self.who, font_profile=font_profile, mark=mark_for)
        except RenderRefused as exc:
            errors = [f for f in exc.findings if f["severity"] == "error"]
            raise Refused(f"《{kind.title}》有 {len(errors)} 处错误，未生成。", exc.findings) from None
        except (RenderError, RegistryError) as exc:
            raise Unusable(str(exc)) from None
        except OSError as exc:
            raise Unusable(f"无法写入“{folder}”：{oserror.reason(exc)}。请检查磁盘空间和文件夹权限。") from None
        # the version printed is a saved version: the issued number (and the 更正原因) are saved with it
        version = self.store.save_document(doc["id"], written, reason=correcting)
        mark = mark_for(written)
        digest = file_sha256(result.path)
        self.store.record_printed(doc["id"], version, result.path, mark, self.who, sha256=digest)
        self._learn(case, kind, written)
        return {"document_id": doc["uid"], "version": version, "number": result.number,
                "path": str(result.path), "fingerprint": mark, "sha256": digest, "findings": result.findings}

    def _reprint(self, doc: dict, kind: Kind, case: dict, last: dict, answers: dict, findings: list,
                 out_dir: Any, settings: dict, font_profile: str | None) -> dict:
        """The printed version again, whose file is not here (a case imported from another PC, a deleted
        file): the same answers, number and recorded fingerprint — the same document, so no new version."""
        from templates.render import RenderError, render_document
        from wenshu.files import free_path, output_folder
        from wenshu.integrity import file_sha256, normalize

        folder = Path(out_dir) if out_dir else output_folder({"title": case["title"]}, settings)
        path = free_path(folder / Path(last["path"]).name) if last.get("path") else None
        if path is None:
            raise Unusable("生成记录缺少文件名，无法重新生成。")
        context = dataclasses.replace(self.context(kind, self._facts(case), settings), final=True)
        try:
            render_document(kind, answers, path, context=context, font_profile=font_profile,
                            mark=normalize(last["fingerprint"]) or last["fingerprint"])
        except RenderError as exc:
            raise Unusable(str(exc)) from None
        digest = file_sha256(path)
        self.store.record_printed(doc["id"], last["version"], path, last["fingerprint"], self.who, sha256=digest)
        return {"document_id": doc["uid"], "version": last["version"], "number": answers.get("number") or None,
                "path": str(path), "fingerprint": last["fingerprint"], "sha256": digest, "findings": findings,
                "unchanged": True, "reprinted": True}

    def generatable(self, case_ref: Any) -> tuple[list[str], list[str]]:
        """The documents of a case that can be generated now (no errors, not yet printed as they stand),
        and the titles of those held back by errors: what 生成全部 writes."""
        case = self._case(case_ref)
        settings = self.settings()
        docs = self.store.documents(case["id"], withdrawn=False)
        facts = self._facts(case, docs)
        ready, held = [], []
        for doc in docs:
            kind = get_kind(doc["kind"])
            state = self._state(doc, kind, case, facts, settings)
            if state == HAS_ERRORS:
                held.append(kind.title)
            elif state == DRAFT and not self.store.printed(doc["id"]):
                ready.append(doc["uid"])
            # generated ones are done; a printed document changed since (or whose case changed) needs its
            # 更正原因, so it is generated from its own page, one at a time
        return ready, held

    # --- the case file (DOMAIN.md §14) ------------------------------------------------------------
    def archive(self, case_ref: Any, out_dir: str | Path, *, converter=None, progress=None, cancel=None) -> dict:
        """归档: the 案卷（首页）, the 卷内目录 with the real page numbers, one PDF with a bookmark per document,
        the .docx files, the case JSON and ``manifest.json`` into ``out_dir`` (``wenshu.archive``).
        ``Refused`` while a document is not generated or the case is not closed; ``Unusable`` when no
        office suite can make PDFs (the message names what to install); ``wenshu.pdf.Cancelled``."""
        from wenshu.archive import archive_case

        return archive_case(self, case_ref, out_dir, converter=converter, progress=progress, cancel=cancel)

    def archive_record(self, case_ref: Any) -> dict | None:
        """``{"archive_no", "archived_on", …}`` once the case has been given its 归档号, else None."""
        return self.store.archive_record(self._case(case_ref)["id"])

    def pdf_of(self, paths: list[str | Path], out_dir: str | Path, *, progress=None, cancel=None) -> list[Path]:
        """PDFs of generated .docx files (for the preview), with the office suite this machine has."""
        from wenshu import pdf

        converter = pdf.find_converter(self.settings().get("pdf_converter"))
        return converter.convert([Path(p) for p in paths], Path(out_dir), progress=progress, cancel=cancel)

    def record_print(self, case_ref: Any, documents: list[dict], printer: str = "", copies: int = 1) -> None:
        """The printed record: which versions of which documents went to the printer, when and by whom
        (a case event ``printed``; it dates no deadline)."""
        import json as _json

        case = self._case(case_ref)
        note = _json.dumps({"printer": printer, "copies": copies, "who": self.who,
                            "documents": [{"document_id": d.get("document_id"), "version": d.get("version"),
                                           "fingerprint": d.get("fingerprint")} for d in documents]},
                           ensure_ascii=False)
        self.store.add_event(case["id"], "printed", self.now().isoformat(timespec="minutes"), note)

    def print_records(self, case_ref: Any) -> list[dict]:
        import json as _json

        out = []
        for e in self.store.events(self._case(case_ref)["id"]):
            if e["kind"] == "printed":
                try:
                    out.append({"when": e["date"], **_json.loads(e["note"])})
                except ValueError:
                    continue
        return out

    # --- 作废 -------------------------------------------------------------------------------------
    def withdraw(self, ref: Any, reason: Any) -> dict:
        """作废 a draft or an issued document: hidden from the procedure, never deleted; an issued number
        is voided in the registry with the same reason (it is never issued again)."""
        doc = self._doc(ref)
        text = reason.strip() if isinstance(reason, str) else ""
        if not text:
            message = "作废文书须写明原因（如“当事人名称有误，重新制作”）。"
            raise Refused(message, [finding("", "withdraw.reason_missing", message)])
        if doc["withdrawn_at"]:
            return {"document_id": doc["uid"], "state": WITHDRAWN}
        number = doc["answers"].get("number")
        self._void_number(doc, text)
        self.store.withdraw_document(doc["id"], text)
        return {"document_id": doc["uid"], "state": WITHDRAWN, "number": number if isinstance(number, str) else None}

    def _void_number(self, doc: dict, reason: str) -> None:
        from wenshu.registry import VOID, RegistryError
        from wenshu.registry import open_store as open_registry

        try:
            registry = open_registry()
        except (RegistryError, OSError) as exc:
            raise Unusable(f"文号登记簿无法打开，文书未作废：{exc}") from None
        try:
            record = registry.for_document(doc["uid"])
            if record is not None and record.state != VOID:
                registry.void(record.number, f"文书作废：{reason}", who=self.who)
        except RegistryError as exc:
            raise Unusable(f"文号未能作废，文书未作废：{exc}") from None
        finally:
            registry.close()

    # --- printed copies -------------------------------------------------------------------------
    def find_fingerprint(self, text: str) -> list[dict]:
        """The saved versions a paper copy with this fingerprint came from."""
        from wenshu.integrity import normalize

        mark = normalize(text)
        if mark is None:
            return []
        out = []  # printed before fingerprints were keyed, a record holds the 16 characters without dashes
        for hit in self.store.find_fingerprint(mark) + self.store.find_fingerprint(mark.replace("-", "")):
            doc = self.store.get_document(hit["document_id"])
            case = self.store.get_case(hit["case_id"])
            if doc is None or case is None:
                continue
            out.append({**hit, "document_id": doc["uid"], "case_id": case["uid"], "current_version": doc["version"]})
        return out

    def printed(self, ref: Any) -> list[dict]:
        return self.store.printed(self._doc(ref)["id"])

    def versions(self, ref: Any) -> list[dict]:
        return self.store.versions(self._doc(ref)["id"])

    # --- moving cases -----------------------------------------------------------------------------
    def export_case(self, ref: Any, path: str | Path) -> str:
        """Write the case with every version, number and printed record to ``path``; the file's path."""
        from wenshu.case_io import CaseFileError, export_case
        from wenshu.jsonio import InputError

        case = self._case(ref)
        try:
            export_case(self.store, case["id"], path)
        except (CaseFileError, InputError) as exc:
            raise Unusable(str(exc)) from None
        except OSError as exc:
            raise Unusable(f"无法写入“{path}”：{oserror.reason(exc)}。") from None
        return str(path)

    def import_cases(self, paths: list[str | Path], as_copy: bool = False) -> dict:
        """Import case files one by one: ``{"imported": [case_id…], "refused": [{"file", "message"}]}``.
        A refused file adds nothing; the others are imported. ``as_copy`` imports a case as a new one
        (new ids, its documents' current content as drafts, without its numbers or printed records)."""
        from wenshu.case_io import CaseFileError, import_case

        out: dict = {"imported": [], "refused": []}
        for path in paths:
            try:
                row = import_case(self.store, path, as_copy=as_copy)
            except CaseFileError as exc:
                out["refused"].append({"file": str(path), "message": str(exc)})
                continue
            out["imported"].append(self.store.get_case(row)["uid"])
        if out["imported"]:
            self._upgrade_stored_documents(force=True)  # a case exported before issue 12's shapes
        return out

    def _upgrade_stored_documents(self, force: bool = False) -> None:
        """Once per store (and after an import): documents of an earlier shape upgraded (``_upgrade_documents``)."""
        try:
            if not force and self.store.meta(UPGRADE_KEY):
                return
            _upgrade_documents(self)
            self.store.set_meta(UPGRADE_KEY, True)
        except StoreError:
            return  # a read-only or damaged store: tried again next time; reading lifts the shapes anyway

    # --- legacy numbers -------------------------------------------------------------------------
    def _rekey_legacy_numbers(self) -> None:
        """Numbers issued before documents had UUIDs are filed under row numbers: file them under the UUIDs
        once (the registry is the authority on which number belongs to which document)."""
        try:
            mapping = self.store.meta(LEGACY_IDS_KEY)
        except StoreError:
            return
        if not mapping:
            return
        from wenshu.registry import RegistryError
        from wenshu.registry import open_store as open_registry

        try:
            registry = open_registry()
        except (RegistryError, OSError):
            return  # tried again next time
        try:
            if hasattr(registry, "rekey_documents"):
                registry.rekey_documents(mapping)
            self.store.set_meta(LEGACY_IDS_KEY, None)
        except RegistryError:
            pass
        finally:
            registry.close()

    # --- used by the desktop --------------------------------------------------------------------
    def for_thread(self) -> CaseService:
        """The same service over its own connection to the same store, for a worker thread (one SQLite
        connection per thread); the caller closes it."""
        store = self.store.reopen() if hasattr(self.store, "reopen") else Store(self.store.path)  # office mode: PgStore
        return CaseService(store, clock=self.clock, who=self.who, settings=self._settings)

    def ensure_sample_case(self) -> str | None:
        """On first start (an empty store) the sample case (``wenshu.sample_case``); its id, or None."""
        from wenshu.sample_case import ensure_sample_case

        if getattr(self.store, "office", False):  # office mode (issue 16): no sample case in the agency's database
            return None
        row = ensure_sample_case(self.store)
        return None if row is None else self.store.get_case(row)["uid"]

    def status(self, ref: Any) -> dict:
        """A document's state as the editor's header shows it: ``{"document_id", "state", "state_title",
        "version", "updated"}``."""
        doc = self._doc(ref)
        kind = self._kind(doc["kind"])
        state = self._state(doc, kind, self.store.get_case(doc["case_id"]))
        return {"document_id": doc["uid"], "state": state, "state_title": STATE_TITLES[state],
                "version": doc["version"], "updated": doc["updated"]}

    def officers(self) -> list[dict]:
        """The roster's rows ``{"name", "unit", "cert_no", "valid_until"}`` (by unit, then name)."""
        return self.store.officers()

    def replace_officers(self, rows: list[dict]) -> None:
        """The whole roster replaced; ``ValueError`` (Chinese) for an unusable row, nothing changed then."""
        from wenshu.roster import replace_roster

        replace_roster(self.store, rows)

    def agenda(self, today: date | None = None, working_days: int | None = None) -> list:
        """今日待办: every case's deadlines overdue or due within ``working_days`` (``wenshu.agenda.AgendaItem``
        whose ``case_id`` is the case's id)."""
        from validators.rulebook import AGENDA_WORKING_DAYS
        from wenshu.agenda import agenda_from_store

        today = today or self.now().date()
        days = AGENDA_WORKING_DAYS if working_days is None else working_days
        items = agenda_from_store(self.store, self._schemas, today, days, self.calendar())
        return items + self.agency_agenda(today)

    def agency_agenda(self, today: date) -> list:
        """The agency's own dates on 今日待办: the 统计年报 due 1月10日 (003 第十六条; no case) and the 公示信息
        due to be taken down (002 第四条)."""
        from wenshu.publication import takedown_items
        from wenshu.stats import annual_report_item

        item = annual_report_item(self.store, today)
        return ([item] if item is not None else []) + takedown_items(self, today)

    def audit_numbers(self, case_ref: Any) -> dict:
        """复核本案文号: ``{"findings": [...], "summary"}``; each finding's ``document`` is a document id."""
        from wenshu.number_audit import audit_case_numbers, audit_summary

        case = self._case(case_ref)
        settings = self.settings()
        docs = self.store.documents(case["id"], withdrawn=False)
        facts = self._facts(case, docs)
        documents = []
        for doc in docs:
            kind = self._kind(doc["kind"])
            state = self._state(doc, kind, case, facts, settings)
            documents.append({"id": doc["uid"], "kind": kind.name, "title": kind.title, "answers": doc["answers"],
                              "state": GENERATED if state == STALE else state})  # a stale one was issued
        findings = audit_case_numbers(documents, settings=settings, case_id=case["uid"], today=self.now().date())
        return {"findings": findings, "summary": audit_summary(findings, len(documents))}

    def add_event(self, case_ref: Any, kind: str, day: str, note: str = "") -> None:
        """A dated event of the case entered by hand (``告知书送达`` …, ``wenshu.agenda``): its deadlines."""
        self.store.add_event(self._case(case_ref)["id"], kind, day, note)

    def output_folder(self, case_ref: Any) -> Path:
        """Where the case's documents are written (``wenshu.files.output_folder``)."""
        from wenshu.files import output_folder

        return output_folder({"title": self._case(case_ref)["title"]}, self.settings())

    # --- issue 18: where the generated documents go (设置 → 文书保存位置) ---------------------------------------
    def documents_folder(self) -> Path:
        """The folder the documents of every case go under: the one the user chose, else 文档\\执法文书."""
        from wenshu.paths import default_documents_dir

        chosen = self.settings().get("output_dir")
        return Path(chosen) if chosen else default_documents_dir()

    def set_documents_folder(self, folder: str | Path | None) -> Path:
        """Remember ``folder`` (None or "": back to the default) in this user's settings, after checking that a
        file can be written there; returns the folder in force. ``StoreError`` (Chinese) when it cannot be used."""
        import tempfile

        from wenshu.paths import default_documents_dir
        from wenshu.settings import load_settings, save_settings
        from wenshu.store import StoreError

        target = Path(folder).expanduser() if folder else None
        check = target or default_documents_dir()
        if target is not None and not target.is_absolute():
            raise StoreError(f"“{folder}”不是完整的文件夹路径，请选择一个文件夹。")
        try:
            check.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=check):
                pass
        except OSError as exc:
            raise StoreError(f"文书不能保存到“{check}”：{oserror.reason(exc)}。请选择本机上有写入权限的文件夹。") from None
        settings = load_settings()
        if target is None:
            settings.pop("output_dir", None)
        else:
            settings["output_dir"] = str(target)
        try:
            save_settings(settings)
        except Exception as exc:  # RenderError (atomic write) or OSError: both say why in Chinese
            raise StoreError(f"设置未能保存：{exc}") from None
        if self._settings is not None:
            self._settings["output_dir"] = settings.get("output_dir")
        return check
    # --- end issue 18 -----------------------------------------------------------------------------------------


    # --- 执法统计, 案卷评查, 公示台账 (issue 15; wenshu.stats, wenshu.review, wenshu.publication) -----------------
    def statistics(self, year: Any) -> dict:
        """The year's figures (``wenshu.stats.annual_statistics``); ``Unusable`` for a wrong year."""
        from wenshu.stats import StatsError, annual_statistics

        try:
            return annual_statistics(self, year)
        except StatsError as exc:
            raise Unusable(str(exc)) from None

    def write_statistics(self, figures: dict, path: str | Path) -> str:
        """The annual report workbook (.xlsx) of ``figures``."""
        from wenshu.stats import StatsError, write_workbook

        agency = self.settings().get("agency")
        name = agency.get("name") if isinstance(agency, dict) else agency
        try:
            return str(write_workbook(figures, path, str(name or "")))
        except StatsError as exc:
            raise Unusable(str(exc)) from None

    def mark_statistics_reported(self, year: Any, day: date | None = None) -> None:
        from wenshu.stats import StatsError, mark_reported

        try:
            mark_reported(self.store, year, day or self.now().date())
        except StatsError as exc:
            raise Unusable(str(exc)) from None

    def review(self, case_ref: Any, hand_scores: dict | None = None, today: date | None = None) -> dict:
        """案卷评查 of one case (``wenshu.review.review_case``)."""
        from wenshu.review import ReviewError, review_case

        try:
            return review_case(self, case_ref, today, hand_scores)
        except ReviewError as exc:
            raise Unusable(str(exc)) from None

    def review_year(self, year: Any, today: date | None = None) -> dict:
        from wenshu.review import ReviewError, review_year
        from wenshu.stats import StatsError

        try:
            return review_year(self, year, today)
        except (ReviewError, StatsError) as exc:
            raise Unusable(str(exc)) from None

    def write_review(self, review: dict, path: str | Path) -> str:
        """The 案卷评查表 (.docx) of a review, or the year's summary table (.xlsx) of ``review_year``."""
        from wenshu.review import ReviewError, write_review_sheet, write_year_summary

        try:
            if "summary" in review:
                return write_year_summary(review, path)
            return write_review_sheet(self, review, path)
        except ReviewError as exc:
            raise Unusable(str(exc)) from None

    def publication_ledger(self, today: date | None = None) -> list[dict]:
        """公示台账 (``wenshu.publication.ledger``)."""
        from wenshu.publication import ledger

        return ledger(self, today or self.now().date())

    def publication_rules(self) -> str:
        """The 公示 periods the ledger applies, in words (``wenshu.publication.rules_text``)."""
        from wenshu.publication import rules_text

        return rules_text(self.settings())

    def export_publication(self, path: str | Path, today: date | None = None, everything: bool = False) -> dict:
        """The website export of what is due (masked); ``Refused`` with findings when personal data remain."""
        from wenshu.publication import PublicationError, export_due

        try:
            return export_due(self, path, today or self.now().date(), everything)
        except PublicationError as exc:
            if exc.findings:
                raise Refused(str(exc), exc.findings) from None
            raise Unusable(str(exc)) from None


class LiveDocuments:
    """The store as the agenda reads it: withdrawn documents set no deadline."""

    def __init__(self, store: Store):
        self._store = store

    def list_cases(self) -> list[dict]:
        return self._store.list_cases()

    def documents(self, case_id: Any) -> list[dict]:
        return self._store.documents(case_id, withdrawn=False)

    def events(self, case_id: Any) -> list[dict]:
        return self._store.events(case_id)


# --- issue 12: stored documents of earlier shapes, upgraded once (nothing deleted; history append-only) ---
#: The store's meta key recording that the upgrade ran.
UPGRADE_KEY = "upgraded_issue12"
MERGED_RECEIPT_REASON = "迁移：一个案件各类文书的送达统一使用一份送达回执（2016 式样 注1），原各份回执的送达事项并入本回执"
MOVED_HEARING_REASON = "迁移：原“听证告知书”所载为听证会的时间、地点，即《行政处罚听证会通知书》的内容"


def _upgraded(kind: Kind, answers: dict) -> dict:
    from validators.registry import upgraded

    return upgraded(kind.schema.get("x-wenshu"), answers)


def _is_old_hearing_notice(answers: Any) -> bool:
    """A 听证告知书 of the earlier shape: it held the 听证会通知书's time, place and 主持人."""
    return isinstance(answers, dict) and any(k in answers for k in ("hearing_time", "hearing_place", "host"))


def _upgrade_documents(service: CaseService) -> None:
    """送达回执: a case's receipts of the one-delivery shape become rows of one receipt (the first; the others
    are withdrawn with a reason naming it — every version and printed copy stays readable). 听证告知书 of the
    earlier shape: their content goes to a new 《行政处罚听证会通知书》 draft and the old document is withdrawn
    with the reason (its versions and any printed copy stay)."""
    from validators.delivery import merge_receipts

    store = service.store
    by_case: dict[int, list[dict]] = {}
    for doc in store.live_documents_of_kinds(["delivery_receipt"]):
        by_case.setdefault(doc["case_id"], []).append(doc)
    for docs in by_case.values():
        if len(docs) == 1 and "rows" in (docs[0]["answers"] or {}):
            continue
        keep = docs[0]
        merged = merge_receipts([d["answers"] for d in docs if not d["damaged"]])
        if merged and merged != keep["answers"]:
            store.save_document(keep["id"], merged, reason=MERGED_RECEIPT_REASON)
        for other in docs[1:]:
            store.withdraw_document(other["id"], f"{MERGED_RECEIPT_REASON}（文书 {keep['uid'][:MIN_PREFIX]}）")
    for doc in store.live_documents_of_kinds(["hearing_notice"]):
        if doc["damaged"] or not _is_old_hearing_notice(doc["answers"]):
            continue
        row = store.add_document(doc["case_id"], "hearing_meeting_notice", dict(doc["answers"]), DRAFT)
        new = store.get_document(row)
        store.withdraw_document(doc["id"], f"{MOVED_HEARING_REASON}，已转入《行政处罚听证会通知书》（文书 {new['uid'][:MIN_PREFIX]}）")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some service accounts
        return ""

