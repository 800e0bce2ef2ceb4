"""Where rules register themselves, so a document kind can name them as data.

- *Field checks* run on one value at a JSON path; a schema property names one with
  ``"x-check": "id_no"`` (or a list of names). Signature: ``check(value, path, context) -> list[Finding]``.
- *Document rules* run on the whole answers; a kind lists them in ``x-wenshu.rules``.
  Signature: ``rule(answers, context) -> list[Finding]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FIELD_CHECKS: dict[str, Callable[..., list]] = {}
DOCUMENT_RULES: dict[str, Callable[..., list]] = {}


def field_check(name: str) -> Callable:
    def register(func: Callable) -> Callable:
        FIELD_CHECKS[name] = func
        return func

    return register


def document_rule(name: str) -> Callable:
    def register(func: Callable) -> Callable:
        DOCUMENT_RULES[name] = func
        return func

    return register


def is_blank(value: Any) -> bool:
    """Missing, None, or a string of only white space (full-width spaces included)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


# --- answer upgrades (issue 12): a kind whose answers changed shape names, as ``x-wenshu.upgrade``, the
# function that lifts answers of the earlier shape into the current one (losing nothing); the checker,
# the renderer, the case service and the agenda apply it before they read the answers.
ANSWER_UPGRADES: dict[str, Callable[[Any], Any]] = {}


def answers_upgrade(name: str) -> Callable:
    def register(func: Callable) -> Callable:
        ANSWER_UPGRADES[name] = func
        return func

    return register


def upgraded(meta: Any, answers: Any) -> Any:
    """``answers`` in the current shape of the kind whose ``x-wenshu`` block is ``meta``."""
    name = meta.get("upgrade") if isinstance(meta, dict) else None
    if not name:
        return answers
    if name not in ANSWER_UPGRADES:
        import validators.all_rules  # noqa: F401  (registers every rule module's upgrades)
    func = ANSWER_UPGRADES.get(name)
    return func(answers) if func else answers
