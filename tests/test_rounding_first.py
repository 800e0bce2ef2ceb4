"""Money is rounded half-up to 分 before any threshold is compared, so the amount printed is the amount
judged (DOMAIN.md §5); a fine that rounds to 0.00 is refused."""

from __future__ import annotations

import pytest

from templates.kinds import get_kind
from validators.engine import validate
from validators.major import assess
from wenshu.settings import load_context

PERSON = {"object": {"type": "person"}}
ORG = {"object": {"type": "organization"}}


@pytest.mark.parametrize(("party", "amount", "major", "hearing"), [
    (PERSON, "9999.996", True, True),    # prints as 壹万元整: the 1万元 thresholds apply
    (PERSON, "9999.994", False, False),  # prints as 9999.99
    (ORG, "49999.995", True, True),
    (ORG, "29999.994", False, False),
])
def test_thresholds_judge_the_printed_amount(party, amount, major, hearing):
    result = assess({**party, "penalties": [{"kind": "fine", "amount": amount}]})
    assert (result.major, result.hearing_required) == (major, hearing)


def test_the_simple_procedure_limit_judges_the_printed_amount():
    assert assess({**ORG, "penalties": [{"kind": "fine", "amount": "3000.004"}]}).simple_procedure_allowed
    assert not assess({**ORG, "penalties": [{"kind": "fine", "amount": "3000.005"}]}).simple_procedure_allowed


@pytest.mark.parametrize("amount", ["0.004", "0", "-5"])
def test_a_fine_that_prints_as_zero_is_refused(amount):
    kind = get_kind("penalty_decision")
    answers = dict(kind.sample(), penalties=[{"kind": "fine", "amount": amount}])
    codes = {f["code"] for f in validate(kind.schema, answers, load_context(kind.name))}
    assert "decision.amount" in codes or "money.negative" in codes
