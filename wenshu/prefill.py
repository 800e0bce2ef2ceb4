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


def case_context(case: dict, documents: list[dict], kinds: dict | None = None) -> dict:
    """What rules may know about the case: its facts and memory, and facts recorded by its documents."""
    out: dict = {**(case.get("facts") or {}), **memory_of(case)}
    out["documents"] = {}
    for doc in documents:
        out["documents"].setdefault(doc["kind"], doc["answers"])
        meta = ((kinds or {}).get(doc["kind"]) or {}).get("x-wenshu") or {}
        key = meta.get("case_fact") or CASE_FACT_KINDS.get(doc["kind"])
        if key and isinstance(doc["answers"], dict):
            out[key] = doc["answers"]
    return out
