"""The one shape of a finding: ``{"path", "code", "severity", "message"}``.

``path`` is a JSON Pointer (RFC 6901) into the answers (``/officers/1/cert_no``; ``""`` is the whole
document); ``code`` is a stable identifier (``officers.too_few``); ``severity`` is ``error`` (blocks the
final document) or ``warning``; ``message`` is Chinese and says how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

ERROR = "error"
WARNING = "warning"


class Finding(TypedDict):
    path: str
    code: str
    severity: str
    message: str


def finding(path: str, code: str, message: str, severity: str = ERROR) -> Finding:
    """Build a finding; ``severity`` defaults to error. The seeds are cited by their Chinese names
    (``validators.citations``): a clerk never reads a file id."""
    from validators.citations import cite_cn

    return {"path": path, "code": code, "severity": severity, "message": cite_cn(message)}


def pointer(*parts: str | int) -> str:
    """JSON Pointer from parts: ``pointer("officers", 1, "cert_no") == "/officers/1/cert_no"``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def join(base: str, *parts: str | int) -> str:
    """Extend pointer ``base`` by ``parts``."""
    return base + pointer(*parts)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f["severity"] == ERROR for f in findings)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f["severity"] == ERROR]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f["severity"] == WARNING]
