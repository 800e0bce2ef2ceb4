"""查封扣押决定书 (行政强制法 第二十四条、第二十五条; 001 第五条、第六条（三）).

Document rule ``"seizure_decision"``:

- the contents 行政强制法 第二十四条第二款 requires: （一）当事人的姓名或者名称、地址；（二）查封、扣押的理由、
  依据和期限；（三）场所、设施或者财物的名称、数量；（四）复议、诉讼的途径（期限 is standard wording）；
  （五）行政机关的名称和日期 (the seal is a placeholder);
- its own 法制审核 gate: a 查封、扣押 of non-conforming equipment or dangerous goods, or a sealing of their
  premises, is a 重大行政执法决定 (001 第六条（三）1、2) — it is not made before the case holds a passing
  opinion dated on or before it (001 第五条第一款). When the measure was taken on the spot in an emergency
  (行政强制法 第十九条), the agency's head decides whether the review is made up (001 第五条第二款): a
  warning then, not an error.
"""

from __future__ import annotations

from typing import Any

from validators.context import CheckContext
from validators.datetimes import parse_date
from validators.findings import ERROR, WARNING, Finding, finding, pointer
from validators.registry import document_rule, is_blank
from validators.rulebook import COERCIVE_ACTS, DEFAULT_RULE_SET, MAJOR_DECISION_RULE_SETS

_CONTENTS = (
    (("object", "name"), "当事人的姓名或者名称", "（一）"),
    (("object", "address"), "当事人的地址", "（一）"),
    (("facts",), "查封、扣押的理由", "（二）"),
    (("legal_basis",), "查封、扣押的依据", "（二）"),
    (("period_days",), "查封、扣押的期限", "（二）"),
    (("reconsideration_organ",), "申请行政复议的机关", "（四）"),
    (("court",), "提起行政诉讼的人民法院", "（四）"),
    (("agency",), "行政机关的名称", "（五）"),
    (("date",), "决定日期", "（五）"),
)


def _get(answers: Any, path: tuple) -> Any:
    node = answers
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def seizure_review_source(rule_set: str | None) -> str:
    """The clause that makes a 查封、扣押 a major decision in the rule set in force (001 第六条（三）1、2)."""
    rules = MAJOR_DECISION_RULE_SETS.get(rule_set or DEFAULT_RULE_SET) or MAJOR_DECISION_RULE_SETS[DEFAULT_RULE_SET]
    return rules.major_kinds.get("seal_or_seize", "")


def _review(answers: dict, context: CheckContext) -> list[Finding]:
    from validators.major import _review_state, review_passed

    source = seizure_review_source((context.settings or {}).get("rule_set"))
    if not source:
        return []
    review = (context.case or {}).get("legal_review") or answers.get("legal_review")
    decided = parse_date(answers.get("date"))
    review_day = parse_date(review.get("date")) if isinstance(review, dict) else None
    if review_passed(review):
        if decided is not None and review_day is not None and review_day > decided:
            return [finding(pointer("date"), "legal_review.after_decision",
                            f"法制审核意见书的日期（{_cn(review_day)}）晚于本决定的日期（{_cn(decided)}）：法制审核应当在"
                            "作出查封、扣押决定之前完成（001 第五条）。请核对两份文书的日期。", ERROR)]
        return []
    act = COERCIVE_ACTS["seal_or_seize"]
    if answers.get("urgent") is True:
        return [finding(pointer("urgent"), "legal_review.make_up",
                        f"情况紧急当场实施的{act.title}，由批准实施的行政机关负责人决定是否补办法制审核（001 第五条第二款）；"
                        f"{_review_state(review)}。", WARNING)]
    return [finding(pointer("measure"), "legal_review.required",
                    f"查封、扣押属于重大行政执法决定（{source}）：{_review_state(review)}。请先完成法制审核并录入结论为"
                    "“同意”的法制审核意见书，再生成查封扣押决定书（001 第五条：未经审核或者审核未通过的，不得作出"
                    "行政执法决定）；情况紧急当场实施的，请勾选“情况紧急，当场实施”。", ERROR)]


@document_rule("seizure_decision")
def seizure_decision_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """行政强制法 第二十四条 contents, each item named; the 法制审核 gate of 001 第六条（三）."""
    out: list[Finding] = []
    for path, what, item in _CONTENTS:
        if is_blank(_get(answers, path)):
            out.append(finding(pointer(*path), "seizure.missing",
                               f"查封、扣押决定书应当载明{what}（行政强制法 第二十四条第二款{item}），请填写。"))
    items = answers.get("items")
    for i, it in enumerate(items if isinstance(items, list) else []):
        for key, what in (("name", "名称"), ("quantity", "数量")):
            if isinstance(it, dict) and is_blank(it.get(key)):
                out.append(finding(pointer("items", i, key), "seizure.missing",
                                   f"请填写第 {i + 1} 项场所、设施或者财物的{what}（行政强制法 第二十四条第二款（三））。"))
    return out + _review(answers, context)
