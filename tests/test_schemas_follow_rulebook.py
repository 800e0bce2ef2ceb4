"""Numbers and lists the schemas must state as JSON agree with ``validators/rulebook.py``, their one source.

JSON cannot import the rulebook, so these tests hold each copy to it: the penalty kinds a form offers
(``common#/$defs/penalty_kind``), the least number of officers a form accepts, the longest 查封、扣押.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from templates.kinds import all_kinds, get_kind
from validators.rulebook import MIN_OFFICERS, PENALTY_KINDS, SEIZURE_MAX_DAYS

ROOT = Path(__file__).resolve().parents[1]


def _kind_fields() -> list[tuple[str, dict]]:
    out = []
    for kind in all_kinds():
        penalties = kind.schema.get("properties", {}).get("penalties")
        if penalties:
            out.append((kind.name, penalties["items"]["properties"]["kind"]))
    return out


def test_common_definition_matches_rulebook():
    common = json.loads((ROOT / "templates" / "common.json").read_text(encoding="utf-8"))
    shared = common["$defs"]["penalty_kind"]
    assert shared["enum"] == list(PENALTY_KINDS)
    assert shared["x-enum-titles"] == PENALTY_KINDS


def test_the_penalty_forms_use_the_shared_kinds():
    # the 听证告知书 states the proposed penalty too (2016 式样 应急听告)
    assert {name for name, _ in _kind_fields()} >= {"penalty_decision", "penalty_notice", "hearing_notice"}


@pytest.mark.parametrize("name, field", _kind_fields())
def test_form_offers_rulebook_kinds_under_rulebook_names(name, field):
    assert field["enum"] and set(field["enum"]) <= set(PENALTY_KINDS), name
    for kind in field["enum"]:
        assert field["x-enum-titles"][kind] == PENALTY_KINDS[kind], (name, kind)



def test_officer_lists_never_ask_for_fewer_or_more_than_the_rulebook():
    stated = {kind.name: kind.schema["properties"]["officers"]["minItems"] for kind in all_kinds()
              if "minItems" in kind.schema.get("properties", {}).get("officers", {})}
    assert stated, "no schema states a least number of officers"
    assert set(stated.values()) == {MIN_OFFICERS}, stated


def test_seizure_period_cap_is_the_rulebook_cap():
    field = get_kind("seizure_decision").schema["properties"]["period_days"]
    assert field["maximum"] == SEIZURE_MAX_DAYS
