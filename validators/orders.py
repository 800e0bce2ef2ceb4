"""责令限期整改指令书: every problem has its own deadline, not before the order's date."""

from __future__ import annotations

from validators.context import CheckContext
from validators.datetimes import parse_date
from validators.findings import Finding, finding, pointer
from validators.registry import document_rule


@document_rule("rectification")
def rectification(answers: dict, context: CheckContext) -> list[Finding]:
    """Error ``rectification.deadline_format`` / ``rectification.deadline_past`` per item."""
    issued = parse_date(answers.get("date"))
    items = answers.get("items") if isinstance(answers.get("items"), list) else []
    out: list[Finding] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("deadline"):
            continue
        due = parse_date(item["deadline"])
        path = pointer("items", i, "deadline")
        if due is None:
            out.append(finding(path, "rectification.deadline_format",
                               f"第{i + 1}项问题的整改期限应写作 2026-11-27 的形式。"))
        elif issued and due < issued:
            out.append(finding(path, "rectification.deadline_past",
                               f"第{i + 1}项问题的整改期限早于指令日期，请重新确定整改期限。"))
    return out
