"""Sample answers for the case tests: a kind's sample without its 文号 (the registry issues it)."""

from __future__ import annotations

from templates.kinds import get_kind


def draft(kind: str, **changes) -> dict:
    """``kind``'s sample answers with the number left blank and ``changes`` applied."""
    answers = get_kind(kind).sample()
    answers.pop("number", None)
    answers.update(changes)
    return answers
