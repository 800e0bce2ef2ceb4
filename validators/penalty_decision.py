"""行政处罚决定书: the contents 行政处罚法 第五十九条 requires, penalties, payment and remedies text.

Document rule ``"penalty_decision"`` (listed in the kind's ``x-wenshu.rules``). Whether the decision
is "major" and needs 法制审核 is the ``legal_review`` rule's business (``validators.major``).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from validators.context import CheckContext
from validators.datetimes import parse_date
from validators.findings import WARNING, Finding, finding, pointer
from validators.money import parse_amount, round_fen
from validators.numbers import year_after_document
from validators.registry import document_rule, is_blank
from validators.rulebook import (
    AMOUNT_KINDS,
    DECISION_FUTURE_WARNING_DAYS,
    LITIGATION_PERIOD_TEXT,
    PENALTY_KINDS,
    PERIODS,
    RECONSIDERATION_DAYS_TEXT,
)

#: A remedies text may never give this period for litigation (行政诉讼法 第四十六条: 六个月).
WRONG_LITIGATION_PERIOD = "三个月"


def _missing(answers: dict, path: tuple, message: str) -> list[Finding]:
    node: Any = answers
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if is_blank(node):
        return [finding(pointer(*path), "decision.missing", message)]
    return []


def _contents(answers: dict) -> list[Finding]:
    """行政处罚法 第五十九条 (一)–(六): each content present."""
    out: list[Finding] = []
    for path, message in (
        (("object", "name"), "请填写当事人的姓名或者名称（行政处罚法第五十九条第一项）。"),
        (("object", "address"), "请填写当事人的地址（行政处罚法第五十九条第一项）。"),
        (("facts",), "请填写违反法律、法规、规章的事实（行政处罚法第五十九条第二项）。"),
        (("evidence",), "请填写认定违法事实的证据（行政处罚法第五十九条第二项）。"),
        (("basis",), "请填写行政处罚的依据，即适用的法律条款（行政处罚法第五十九条第三项）。"),
        (("remedies", "reconsideration_body"), "请填写受理行政复议的机关（行政处罚法第五十九条第五项）。"),
        (("remedies", "court"), "请填写受理行政诉讼的人民法院（行政处罚法第五十九条第五项）。"),
        (("agency",), "请填写作出处罚决定的行政机关名称（行政处罚法第五十九条第六项）。"),
        (("date",), "请填写作出决定的日期（行政处罚法第五十九条第六项）。"),
    ):
        out += _missing(answers, path, message)
    return out


def _penalties(answers: dict) -> tuple[list[Finding], bool]:
    """At least one penalty; money penalties with an amount > 0. Returns (findings, has a fine)."""
    penalties = answers.get("penalties")
    if not isinstance(penalties, list) or not penalties:
        return [finding("/penalties", "decision.no_penalty",
                        "请至少填写一项行政处罚的种类（行政处罚法第五十九条第三项）。")], False
    out: list[Finding] = []
    has_fine = False
    for i, p in enumerate(penalties):
        if not isinstance(p, dict):
            continue
        kind = p.get("kind")
        if is_blank(kind):
            out.append(finding(pointer("penalties", i, "kind"), "decision.penalty_kind", "请选择处罚种类。"))
            continue
        if kind == "other" and is_blank(p.get("description")):
            out.append(finding(pointer("penalties", i, "description"), "decision.penalty_description",
                               "处罚种类为“其他”时，请写明具体的处罚内容。"))
        if kind in AMOUNT_KINDS:
            amount = parse_amount(p.get("amount"))
            if amount is None or round_fen(amount) <= 0:  # judged as printed: 0.004 prints as 0.00
                name = PENALTY_KINDS[kind]
                out.append(finding(pointer("penalties", i, "amount"), "decision.amount",
                                   f"{name}须填写大于零的金额（单位：元，四舍五入到分后不为零），如 12000。"))
            elif kind == "fine":
                has_fine = True
    return out, has_fine


def _payment(answers: dict, has_fine: bool) -> list[Finding]:
    """行政处罚法 第五十九条第四项, 第六十七条: a fine names where it is paid."""
    if not has_fine:
        return []
    out: list[Finding] = []
    out += _missing(answers, ("payment", "bank"), "有罚款时请填写缴纳罚款的指定银行（行政处罚法第五十九条第四项）。")
    out += _missing(answers, ("payment", "account"), "有罚款时请填写缴纳罚款的账号（行政处罚法第五十九条第四项）。")
    return out


def _remedies_text(answers: dict) -> list[Finding]:
    """A user's own remedies text must keep 六十日 and 六个月 and never say 三个月."""
    remedies = answers.get("remedies")
    text = remedies.get("text") if isinstance(remedies, dict) else None
    if not isinstance(text, str) or is_blank(text):
        return []
    path = "/remedies/text"
    out: list[Finding] = []
    if RECONSIDERATION_DAYS_TEXT not in text:
        out.append(finding(path, "remedies.reconsideration_period",
                           f"救济途径应写明可在收到本决定书之日起{RECONSIDERATION_DAYS_TEXT}内申请行政复议（行政复议法第二十条）。"))
    if WRONG_LITIGATION_PERIOD in text or LITIGATION_PERIOD_TEXT not in text:
        out.append(finding(path, "remedies.litigation_period",
                           f"提起行政诉讼的期限是{LITIGATION_PERIOD_TEXT}（行政诉讼法第四十六条），"
                           f"不是{WRONG_LITIGATION_PERIOD}；请改正，或清空此栏使用标准表述。"))
    return out


def _dates(answers: dict, context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    raw = answers.get("date")
    decided = parse_date(raw)
    if not is_blank(raw) and decided is None:
        return [finding("/date", "decision.date_format", "决定日期格式应为 YYYY-MM-DD，如 2026-12-01。")]
    if decided is None:
        return out
    violation = parse_date(answers.get("violation_date"))
    if violation is not None and decided < violation:
        out.append(finding("/date", "decision.before_facts",
                           "决定日期早于违法行为发生日期，请核对两个日期。"))
    filed = parse_date(answers.get("filed_date"))
    if filed is not None:
        if decided < filed:
            out.append(finding("/date", "decision.before_filing", "决定日期早于立案日期，请核对两个日期。"))
        else:
            limit = PERIODS["decision"]
            if decided > filed + timedelta(days=limit.amount):
                out.append(finding("/date", "decision.late",
                                   f"自立案之日起已超过{limit.amount}日（{limit.source}）；"
                                   "如经批准延长，请在案卷中附延期审批材料。", WARNING))
    if decided > context.today + timedelta(days=DECISION_FUTURE_WARNING_DAYS):
        out.append(finding("/date", "decision.future", "决定日期在一个月以后，请核对。", WARNING))
    out += year_after_document(answers.get("number"), decided, context.today)
    return out


@document_rule("penalty_decision")
def penalty_decision_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """行政处罚决定书 contents (行政处罚法 第五十九条), penalties, payment, remedies text, dates."""
    out = _contents(answers)
    found, has_fine = _penalties(answers)
    out += found
    out += _payment(answers, has_fine)
    out += _remedies_text(answers)
    out += _dates(answers, context)
    return out


def total_fine(answers: dict) -> Decimal:
    """Sum of the fines in ``answers`` (0 when none) — for the party's payment summary."""
    total = Decimal(0)
    for p in answers.get("penalties") or []:
        if isinstance(p, dict) and p.get("kind") == "fine":
            amount = parse_amount(p.get("amount"))
            if amount is not None and amount > 0:
                total += amount
    return total
