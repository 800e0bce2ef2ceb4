"""Every kind's ``x-wenshu`` block and ``x-from`` sources are valid data: a typo in a schema fails here,
not silently in a clerk's case (issue 10: procedure as data, held by a meta-schema)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from templates.kinds import ROOT, all_kinds, get_kind
from validators import all_rules  # noqa: F401  (registers every document rule)
from validators.registry import DOCUMENT_RULES
from validators.rulebook import CASE_EVENTS, RECORDED_EVENTS
from wenshu import prefill
from wenshu.service import Verdicts

META = Draft202012Validator(json.loads((ROOT / "_meta" / "x-wenshu.schema.json").read_text(encoding="utf-8")))
KINDS = [k.name for k in all_kinds()]


def _problems(meta: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in META.iter_errors(meta)]


@pytest.mark.parametrize("name", KINDS)
def test_the_x_wenshu_block_follows_the_meta_schema(name):
    kind = get_kind(name)
    assert _problems(kind.meta) == []
    fields = set(kind.schema.get("properties") or {})
    for step in kind.meta["steps"]:
        assert set(step["fields"]) <= fields, (name, step["title"])
    assert set(kind.meta.get("rules") or []) <= set(DOCUMENT_RULES), name
    assert {e["event"] for e in kind.meta.get("events") or []} <= set(CASE_EVENTS) | set(RECORDED_EVENTS), name


@pytest.mark.parametrize("name", KINDS)
def test_x_from_sources_name_real_kinds_fields_and_filters(name):
    kind = get_kind(name)
    for field, sub in (kind.schema.get("properties") or {}).items():
        sources, _live = prefill.sources_of(sub)
        if "x-from" in sub:
            assert sources, (name, field)
        for source in sources:
            target, _, rest = source.partition("#")
            pointer, _, filter_name = rest.partition("|")
            assert pointer.startswith("/"), source
            assert not filter_name or filter_name in prefill.FILTERS, source
            if target != "case":
                assert target in KINDS, source
                top = pointer.split("/")[1]
                assert top in (get_kind(target).schema.get("properties") or {}), source


def test_every_condition_the_meta_schema_allows_is_one_the_service_knows():
    allowed = json.loads((ROOT / "_meta" / "x-wenshu.schema.json").read_text(encoding="utf-8"))
    conditions = allowed["properties"]["needed"]["properties"]["if"]["enum"]
    for condition in conditions:
        everything = Verdicts(major=True, hearing_requested=True, decided=True, supervised=True)
        assert everything.holds(condition) and not Verdicts().holds(condition), condition


@pytest.mark.parametrize("broken", [
    {"needed": {"if": "major"}},  # no why
    {"needed": {"why": "依法应当制作本文书（某法 第一条）。", "if": "sometimes"}},
    {"stage": "审批"},
    {"role": "boss"},
    {"single": "yes"},
    {"unknown_key": 1},
    {"steps": []},
])
def test_the_meta_schema_catches_a_broken_block(broken):
    meta = copy.deepcopy(get_kind("penalty_decision").meta)
    meta.update(broken)
    assert _problems(meta)


def test_no_list_of_kind_names_is_left_in_the_core():
    core = [p for d in ("wenshu", "desktop") for p in (Path(ROOT).parent / d).rglob("*.py")]
    for path in core:
        text = path.read_text(encoding="utf-8")
        for name in ("DOCUMENT_SOURCES", "CASE_FACT_KINDS", "REVIEW_KINDS", "FACT_SOURCES"):
            assert name not in text, (path.name, name)
