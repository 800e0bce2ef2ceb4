"""The penalty kinds a form offers and a decision prints come from one table, ``rulebook.PENALTY_KINDS``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from templates.kinds import all_kinds
from validators.rulebook import PENALTY_KINDS

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


def test_both_penalty_forms_use_the_shared_kinds():
    assert {name for name, _ in _kind_fields()} == {"penalty_decision", "penalty_notice"}


@pytest.mark.parametrize("name, field", _kind_fields())
def test_form_offers_rulebook_kinds_under_rulebook_names(name, field):
    assert field["enum"] and set(field["enum"]) <= set(PENALTY_KINDS), name
    for kind in field["enum"]:
        assert field["x-enum-titles"][kind] == PENALTY_KINDS[kind], (name, kind)

