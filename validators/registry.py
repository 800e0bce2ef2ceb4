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
