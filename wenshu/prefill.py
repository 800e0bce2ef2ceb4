"""Case memory: what was typed once (party, officers, place, agency, case number, facts) fills later documents.

Generic over kinds — a kind's schema is matched by field name and ``x-widget``, never by kind:

- ``x-widget: party`` ↔ the case's party; ``x-widget: officers`` ↔ the case's officers;
- top-level fields named like a fact (``place``, ``agency``, ``case_number``, ``case_name``, ``facts``)
  ↔ that fact;
- ``number`` (the document's own 文号) is never copied: each document has its own.

``stale_fields`` tells which generated documents no longer match the case (a fact changed after printing).
"""

from __future__ import annotations

import copy
from typing import Any

from validators.registry import is_blank

#: Top-level field names that are shared facts of a case.
FACT_FIELDS = ("place", "agency", "case_number", "case_name", "facts")
#: x-widget → fact key for structured facts.
WIDGET_FACTS = {"party": "party", "officers": "officers"}


def fact_key(name: str, schema: dict) -> str | None:
    """The case-memory key a top-level field ``name`` shares, or None for a document's own field."""
    widget = schema.get("x-widget") if isinstance(schema, dict) else None
    if widget in WIDGET_FACTS:
        return WIDGET_FACTS[widget]
    if name in FACT_FIELDS:
        return name
    return None


def _shared_fields(schema: dict) -> list[tuple[str, str, dict]]:
    return [(name, key, sub) for name, sub in (schema.get("properties") or {}).items()
            if (key := fact_key(name, sub))]


def memory_of(case: dict) -> dict:
    """The case's memory: its facts with the party (kept on the case itself) included."""
    memory = dict(case.get("facts") or {})
    if case.get("party"):
        memory["party"] = case["party"]
    return memory


def _clean(value: Any) -> Any:
    """The value without blank entries, so ``{"a": "x", "b": ""}`` equals ``{"a": "x"}``."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not is_blank(v)}
    if isinstance(value, list):
        return [_clean(v) for v in value if not is_blank(v)]
    if isinstance(value, str):
        return value.strip()
    return value


def _meaningful(value: Any) -> bool:
    """Something was typed: a party with only its type chosen, or empty rows, are not facts yet."""
    if isinstance(value, dict):
        return any(_meaningful(v) for k, v in value.items() if k != "type")
    if isinstance(value, list):
        return any(_meaningful(v) for v in value)
    return not is_blank(value)


def prefill(schema: dict, memory: dict, defaults: dict | None = None) -> dict:
    """New answers for a kind: schema defaults, then every shared field the case already knows.

    ``defaults`` (e.g. ``{"agency": "神池县应急管理局"}`` from the settings) fill a fact the case lacks.
    """
    answers: dict = {name: copy.deepcopy(sub["default"]) for name, sub in (schema.get("properties") or {}).items()
                     if isinstance(sub, dict) and "default" in sub}
    for name, key, _sub in _shared_fields(schema):
        value = memory.get(key)
        if is_blank(value) and defaults:
            value = defaults.get(key)
        if not is_blank(value):
            answers[name] = copy.deepcopy(value)
    return answers


def learn(schema: dict, answers: dict, memory: dict) -> dict:
    """The memory updated with shared fields typed in ``answers`` (blank answers forget nothing)."""
    updated = dict(memory)
    for name, key, _sub in _shared_fields(schema):
        value = answers.get(name)
        if _meaningful(value):
            updated[key] = copy.deepcopy(value)
    return updated


def stale_fields(schema: dict, printed_answers: dict, memory: dict) -> list[str]:
    """Titles of shared fields whose printed value differs from the case's current fact."""
    out = []
    for name, key, sub in _shared_fields(schema):
        current = memory.get(key)
        if is_blank(_clean(current)) or name not in printed_answers:
            continue
        if _clean(printed_answers.get(name)) != _clean(current):
            out.append(str(sub.get("title") or name))
    return out


#: Kinds whose answers are themselves a fact other documents' rules consult (e.g. the 法制审核 conclusion
#: the ``legal_review`` rule reads as ``context.case["legal_review"]``). A kind may also declare it as data:
#: ``"x-wenshu": {"case_fact": "legal_review"}``.
CASE_FACT_KINDS = {"legal_review_opinion": "legal_review"}


def _fact_of(key: str, answers: dict) -> Any:
    """The case fact a document establishes: the 法制审核 opinion through ``legal_review_fact`` (the shape
    ``validators.major``'s ``legal_review`` rule reads), other facts as the answers themselves."""
    if key == "legal_review":
        from validators.review_forms import legal_review_fact

        return legal_review_fact(answers)
    return answers


def case_context(case: dict, documents: list[dict], kinds: dict | None = None) -> dict:
    """What rules may know about the case: its facts and memory, and facts recorded by its documents.

    When several documents record one fact (a second 法制审核意见书 after a correction), the one saved
    last counts."""
    out: dict = {**(case.get("facts") or {}), **memory_of(case)}
    out["documents"] = {}
    latest: dict[str, str] = {}
    for doc in documents:
        out["documents"].setdefault(doc["kind"], doc["answers"])
        meta = ((kinds or {}).get(doc["kind"]) or {}).get("x-wenshu") or {}
        key = meta.get("case_fact") or CASE_FACT_KINDS.get(doc["kind"])
        if key and isinstance(doc["answers"], dict):
            when = str(doc.get("updated") or "")
            if key not in latest or when >= latest[key]:
                latest[key] = when
                out[key] = _fact_of(key, doc["answers"])
    return out


# --- what a document takes from the case's other documents and recorded facts -----------------------
#: A new document's field taken from another document of the case, matched by field name (no branch per
#: kind): field → (kind of the source document, JSON pointer into its answers). The 法制审核 forms and the
#: 集体讨论记录 are filled from the draft penalty decision.
DOCUMENT_SOURCES: dict[str, tuple[str, str]] = {
    "summary": ("penalty_decision", "/facts"),
    "case_intro": ("penalty_decision", "/facts"),
    "violated_provisions": ("penalty_decision", "/violated"),
    "penalty_basis": ("penalty_decision", "/basis"),
}
#: A field taken from a fact the case records (``case_context``): field → (fact, key in it or None for the
#: whole fact). The decision's 法制审核意见 group comes from the case's 法制审核意见书.
FACT_SOURCES: dict[str, tuple[str, str | None]] = {
    "legal_review": ("legal_review", None),
    "legal_review_conclusion": ("legal_review", "conclusion"),
}
#: Fields whose text is composed from the case (the matter put to review, the proposed decision).
MATTER_FIELDS = ("matter",)
PROPOSAL_FIELDS = ("proposed_decision",)

PENALTY_WORDS = {"warning": "警告", "fine": "罚款", "confiscate_income": "没收违法所得",
                 "confiscate_property": "没收非法财物", "suspend_production": "责令停产停业",
                 "revoke_license": "吊销许可证件", "close": "责令关闭", "restrict_practice": "限制从业"}


def penalties_text(penalties: Any) -> str:
    """``罚款人民币50000元；警告`` — the proposed penalties of a decision in words."""
    from validators.money import format_amount, parse_amount

    parts = []
    for p in penalties if isinstance(penalties, list) else []:
        if not isinstance(p, dict):
            continue
        word = PENALTY_WORDS.get(str(p.get("kind") or ""), "")
        amount = parse_amount(p.get("amount")) if not is_blank(p.get("amount")) else None
        text = word + (f"人民币{format_amount(amount)}元" if amount is not None and word else "")
        desc = str(p.get("description") or "").strip()
        parts.append(desc if desc and not word else (text + (f"（{desc}）" if desc else "")))
    return "；".join(x for x in parts if x)


def _fits(value: Any, sub: dict) -> Any:
    """``value`` shaped for the field ``sub``: a string for a string field, an object's keys the field
    lists with values its ``enum`` allows; None when it does not fit."""
    if not isinstance(sub, dict) or is_blank(value):
        return None
    if "enum" in sub and value not in sub["enum"]:
        return None
    kind = sub.get("type")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    if kind == "string":
        return value if isinstance(value, str) else None
    if kind == "object" and isinstance(value, dict):
        props = sub.get("properties") or {}
        out = {k: v for k, v in value.items() if k in props and _fits(v, props[k]) is not None}
        return out or None
    return None


def from_case(schema: dict, context: dict, case_title: str = "", *, facts_only: bool = False) -> dict:
    """Values for a kind's fields taken from the case: its recorded facts (``FACT_SOURCES``, which a
    document carries as they stand: the decision cites the case's current 法制审核意见) and, for a new
    document (``facts_only=False``), its other documents (``DOCUMENT_SOURCES``) and the composed matter and
    proposal (put only into blank fields, see ``fill_blanks``). ``context`` is ``case_context(...)``."""
    docs = context.get("documents") or {}
    decision = docs.get("penalty_decision") or {}
    out: dict = {}
    for name, sub in (schema.get("properties") or {}).items():
        value = None
        if name in FACT_SOURCES:
            fact, key = FACT_SOURCES[name]
            held = context.get(fact)
            value = held.get(key) if key and isinstance(held, dict) else held
        elif facts_only:
            continue
        elif name in DOCUMENT_SOURCES:
            kind, pointer = DOCUMENT_SOURCES[name]
            value = (docs.get(kind) or {}).get(pointer.lstrip("/"))
        elif name in MATTER_FIELDS and decision and case_title:
            value = f"{case_title}拟作出的行政处罚决定"
        elif name in PROPOSAL_FIELDS and decision:
            value = penalties_text(decision.get("penalties"))
        fitted = _fits(value, sub)
        if fitted is not None:
            out[name] = copy.deepcopy(fitted)
    return out


def fill_blanks(answers: dict, values: dict) -> dict:
    """``answers`` with ``values`` put into the fields still blank (nothing typed is replaced)."""
    out = dict(answers)
    for name, value in values.items():
        if is_blank(_clean(out.get(name))):
            out[name] = value
    return out
