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
FACT_FIELDS = ("place", "agency", "case_number", "case_name", "facts", "violations")
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


#: The facts that make a printed document out of date when they change: who the case is against and what
#: the case is called and numbered. Place and officers are facts of each record (a second inspection at
#: another place leaves the first record as it was).
CASE_IDENTITY = ("party", "case_number", "case_name", "agency")


def stale_fields(schema: dict, printed_answers: dict, memory: dict) -> list[str]:
    """Titles of the case-identity fields (``CASE_IDENTITY``) whose printed value differs from the case's
    current fact."""
    out = []
    for name, key, sub in _shared_fields(schema):
        if key not in CASE_IDENTITY:
            continue
        current = memory.get(key)
        if is_blank(_clean(current)) or name not in printed_answers:
            continue
        if _clean(printed_answers.get(name)) != _clean(current):
            out.append(str(sub.get("title") or name))
    return out


def _fact_of(key: str, answers: dict) -> Any:
    """The case fact a document establishes (its kind says which: ``x-wenshu.case_fact``): the 法制审核
    opinion through ``legal_review_fact`` (the shape ``validators.major``'s ``legal_review`` rule reads),
    other facts as the answers themselves."""
    if key == "legal_review":
        from validators.review_forms import legal_review_fact

        return legal_review_fact(answers)
    return answers


def case_context(case: dict, documents: list[dict], kinds: dict | None = None) -> dict:
    """What rules and prefill may know about the case: its title, facts and memory, the answers of its
    documents by kind (the one saved last of each kind, withdrawn ones left out), and the facts its
    documents record (``x-wenshu.case_fact``, e.g. the 法制审核 conclusion the ``legal_review`` rule reads
    as ``context.case["legal_review"]``). ``kinds`` maps kind names to their schemas."""
    out: dict = {**(case.get("facts") or {}), **memory_of(case)}
    out["title"] = case.get("title") or ""
    out["documents"] = {}
    latest: dict[str, str] = {}
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.get("withdrawn_at") or not isinstance(doc.get("answers"), dict):
            continue
        when = str(doc.get("updated") or "")
        if doc["kind"] not in seen or when >= seen[doc["kind"]]:
            seen[doc["kind"]] = when
            out["documents"][doc["kind"]] = doc["answers"]
        meta = ((kinds or {}).get(doc["kind"]) or {}).get("x-wenshu") or {}
        key = meta.get("case_fact")
        if key and (key not in latest or when >= latest[key]):
            latest[key] = when
            out[key] = _fact_of(key, doc["answers"])
    return out


# --- what a document takes from the case's other documents and recorded facts -----------------------
# A field declares where its value comes from (``x-from``), as data in its kind's schema:
#   "x-from": ["penalty_decision#/facts", "penalty_notice#/facts"]   the first source that has a value
#   "x-from": ["case#/title|proposed_matter"]                         a case fact, through a filter
#   "x-from": {"sources": ["case#/legal_review"], "live": true}       brought in again whenever opened
# ``KIND#/pointer`` reads the case's latest document of that kind, ``case#/pointer`` the case context
# (``case_context``). A plain source fills the field when the document is created and only while it is
# blank; a live one (a fact the document cites as it stands, like the 法制审核意见) is refreshed.


def penalties_text(penalties: Any) -> str:
    """``罚款人民币50000元；警告`` — the proposed penalties of a decision in words."""
    from validators.money import format_amount, parse_amount
    from validators.rulebook import PENALTY_KINDS

    parts = []
    for p in penalties if isinstance(penalties, list) else []:
        if not isinstance(p, dict):
            continue
        word = PENALTY_KINDS.get(str(p.get("kind") or ""), "") if p.get("kind") != "other" else ""
        amount = parse_amount(p.get("amount")) if not is_blank(p.get("amount")) else None
        text = word + (f"人民币{format_amount(amount)}元" if amount is not None and word else "")
        desc = str(p.get("description") or "").strip()
        if desc == word:
            desc = ""
        parts.append(desc if desc and not word else (text + (f"（{desc}）" if desc else "")))
    return "；".join(x for x in parts if x)


def proposed_matter(title: Any) -> str:
    """The matter put to 法制审核: ``某某案拟作出的行政处罚决定``."""
    return f"{title}拟作出的行政处罚决定" if isinstance(title, str) and title.strip() else ""


#: Filters a source may name after ``|``.
def _violations_filter(name: str):
    """A filter over the violations picked from the library (``wenshu.violations``)."""
    def apply(value: Any) -> Any:
        from wenshu import violations

        return getattr(violations, name)(value)

    return apply


FILTERS = {"penalties_text": penalties_text, "proposed_matter": proposed_matter,
           **{name: _violations_filter(name) for name in
              ("violations_facts", "violations_violated", "violations_basis", "violations_penalties")}}


def _resolve(value: Any, pointer: str) -> Any:
    for part in [p for p in pointer.split("/")[1:] if p != ""]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def sources_of(sub: Any) -> tuple[list[str], bool]:
    """A field's declared sources and whether they are live (see the comment above)."""
    spec = sub.get("x-from") if isinstance(sub, dict) else None
    if isinstance(spec, dict):
        return [s for s in spec.get("sources") or [] if isinstance(s, str)], bool(spec.get("live"))
    if isinstance(spec, list):
        return [s for s in spec if isinstance(s, str)], False
    return [], False


def source_kinds(source: str) -> str:
    """The kind a source reads (``case`` for the case context)."""
    return source.split("#", 1)[0]


def read_source(source: str, context: dict) -> Any:
    """The value of one ``x-from`` source in the case ``context`` (None when it has none)."""
    target, _, rest = source.partition("#")
    pointer, _, filter_name = rest.partition("|")
    base = context if target == "case" else (context.get("documents") or {}).get(target)
    if base is None:
        return None
    value = _resolve(base, pointer or "")
    if filter_name:
        func = FILTERS.get(filter_name)
        value = func(value) if func and not is_blank(value) else None
    return value


def _fits(value: Any, sub: dict) -> Any:
    """``value`` shaped for the field ``sub``: a string for a string field, an object's keys the field
    lists with values its ``enum`` allows, a list's items that fit; None when it does not fit."""
    if not isinstance(sub, dict) or is_blank(value):
        return None
    if "enum" in sub and value not in sub["enum"]:
        return None
    kind = sub.get("type")
    if isinstance(kind, list):  # ["number", "string"]: the value as the first type it fits
        for one in kind:
            fitted = _fits(value, {**sub, "type": one})
            if fitted is not None:
                return fitted
        return None
    if kind == "string":
        return value if isinstance(value, str) else None
    if kind in ("number", "integer"):
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if kind == "boolean":
        return value if isinstance(value, bool) else None
    if kind == "object" and isinstance(value, dict):
        props = sub.get("properties") or {}
        out = {k: _fits(v, props[k]) for k, v in value.items() if k in props}
        out = {k: v for k, v in out.items() if v is not None}
        return out or None
    if kind == "array" and isinstance(value, list):
        items = [_fits(v, sub.get("items") or {}) for v in value]
        items = [v for v in items if v is not None]
        return items or None
    return None


def from_case(schema: dict, context: dict, *, live_only: bool = False) -> dict:
    """Values for a kind's fields from the case, as its schema declares (``x-from``): every declared field
    for a new document, only the live ones (``live_only``) for a document opened again. ``context`` is
    ``case_context(...)``."""
    out: dict = {}
    for name, sub in (schema.get("properties") or {}).items():
        sources, live = sources_of(sub)
        if not sources or (live_only and not live):
            continue
        for source in sources:
            fitted = _fits(read_source(source, context), sub)
            if fitted is not None:
                out[name] = copy.deepcopy(fitted)
                break
    return out


def fill_blanks(answers: dict, values: dict) -> dict:
    """``answers`` with ``values`` put into the fields still blank (nothing typed is replaced)."""
    out = dict(answers)
    for name, value in values.items():
        if is_blank(_clean(out.get(name))):
            out[name] = value
    return out


# --- forms batch B: the fine of a decision, for the 催告书, 加处罚款决定书, 延期（分期）缴纳罚款 forms --------------
def fine_amount(penalties: Any) -> str:
    """The decision's fines added up (``30000.00``); empty when it imposes none."""
    from decimal import Decimal

    from validators.money import format_amount, parse_amount, round_fen

    total = sum((round_fen(parse_amount(p.get("amount")) or 0) for p in penalties if isinstance(p, dict)
                 and p.get("kind") == "fine" and parse_amount(p.get("amount")) is not None), start=Decimal(0)) \
        if isinstance(penalties, list) else Decimal(0)
    return format_amount(total) if total > 0 else ""


FILTERS["fine_amount"] = fine_amount
