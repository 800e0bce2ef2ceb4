"""Is a draft penalty decision a major decision (重大执法决定), must a hearing be offered, may it be
decided on the spot? (DOMAIN.md §5; 行政处罚法 第五十一条、第五十八条、第六十三条; 001 第六条;
002 第六条（一）.)

The thresholds and the kinds that make a decision major form a named rule set
(``rulebook.MAJOR_DECISION_RULE_SETS``; default ``rulebook.DEFAULT_RULE_SET``, chosen in the settings
as ``rule_set``); the name is returned with every assessment so a document can record what it was
checked against. Amounts at a threshold count as reaching it ("以上" includes the number itself).

Also the document rule ``legal_review``: a major decision cannot be issued before the case holds a
法制审核 opinion of 同意 (or 纠正 with the correction applied) — 行政处罚法 第五十八条; 001 第五条
"未经审核或者审核未通过的，不得作出行政执法决定".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from validators.context import CheckContext
from validators.findings import Finding, finding, pointer
from validators.money import parse_amount, round_fen
from validators.registry import document_rule
from validators.rulebook import (
    COERCIVE_ACTS,
    CONFISCATION_KINDS,
    DEFAULT_RULE_SET,
    HEARING_KINDS,
    HEARING_OTHER_WORDS,
    LEGAL_REVIEW_CORRECTION,
    LEGAL_REVIEW_PASSING,
    MAJOR_DECISION_RULE_SETS,
    MAJOR_FLAGS,
    PENALTY_KINDS,
    SIMPLE_PROCEDURE_KINDS,
    SIMPLE_PROCEDURE_MAX_FINE,
    MajorDecisionRuleSet,
)

PARTY_CN = {"person": "公民", "organization": "法人或者其他组织"}
_TEN_THOUSAND = Decimal(10000)


def act_title(kind: str) -> str:
    """The Chinese name of a penalty kind or of a 行政强制 act weighed with them (``COERCIVE_ACTS``)."""
    if kind in PENALTY_KINDS:
        return PENALTY_KINDS[kind]
    act = COERCIVE_ACTS.get(kind)
    return act.title if act else str(kind)


class UnknownRuleSet(ValueError):
    """A rule-set name that is not defined; ``str()`` is Chinese and lists the defined ones."""

    def __init__(self, name: object):
        known = "、".join(f"{r.name}（{r.title}）" for r in MAJOR_DECISION_RULE_SETS.values())
        super().__init__(f"没有名为“{name}”的重大执法决定规则集。可用的规则集：{known}。")


@dataclass
class MajorAssessment:
    """The outcome, with reasons in Chinese naming their sources.

    ``problems`` are findings for inputs that could not be weighed (unknown party type, unreadable
    amount, unknown penalty kind); when there are any, ``major`` reflects only what could be read.
    """

    major: bool
    reasons: list[str]
    rule_set: str
    hearing_required: bool
    simple_procedure_allowed: bool
    hearing_reasons: list[str] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def rule_set_named(name: str | None = None) -> MajorDecisionRuleSet:
    """The rule set called ``name`` (default when None or empty); raises :class:`UnknownRuleSet`."""
    key = name or DEFAULT_RULE_SET
    if not isinstance(key, str) or key not in MAJOR_DECISION_RULE_SETS:
        raise UnknownRuleSet(key)
    return MAJOR_DECISION_RULE_SETS[key]


def yuan_text(amount: Decimal) -> str:
    """``50000`` → ``5万元``, ``25000`` → ``2.5万元``; ``49999.99`` → ``49999.99元`` (as reasons quote amounts)."""
    if amount >= _TEN_THOUSAND and amount % 100 == 0:
        return f"{(amount / _TEN_THOUSAND).normalize():f}万元"
    text = f"{amount.normalize():f}" if amount else "0"
    return f"{text}元"


def _party(answers: Mapping) -> str | None:
    obj = answers.get("object")
    kind = obj.get("type") if isinstance(obj, Mapping) else None
    return kind if kind in PARTY_CN else None


def assess(answers: Mapping[str, Any], rule_set: str | None = None) -> MajorAssessment:
    """Weigh a penalty decision's ``object.type``, ``penalties`` and flags against ``rule_set``.

    Never raises on bad content (that becomes ``problems``); raises :class:`UnknownRuleSet` only.
    """
    rules = rule_set_named(rule_set)
    reasons: list[str] = []
    hearing: list[str] = []
    problems: list[Finding] = []
    party = _party(answers)
    if party is None:
        problems.append(finding(pointer("object", "type"), "major.party_type",
                                "请选择当事人类型（公民或者法人、其他组织），以便判断罚款数额标准。"))

    penalties = answers.get("penalties")
    if not isinstance(penalties, list):
        problems.append(finding(pointer("penalties"), "major.penalties", "请填写处罚种类（列表）。"))
        penalties = []

    fine_total = Decimal(0)
    confiscated = Decimal(0)
    kinds: list[str] = []
    for i, item in enumerate(penalties):
        # 行政强制 acts (查封扣押 …) are weighed too: each is a 重大行政执法决定 by itself (001 第六条（三）),
        # though never a penalty — the 决定书 and 告知书 refuse them (validators.penalty_decision).
        if not isinstance(item, Mapping) or (item.get("kind") not in PENALTY_KINDS
                                             and item.get("kind") not in COERCIVE_ACTS):
            choices = "、".join(PENALTY_KINDS.values())
            problems.append(finding(pointer("penalties", i, "kind"), "major.penalty_kind",
                                    f"第 {i + 1} 项处罚种类无法识别，应为：{choices}。"))
            continue
        kind = item["kind"]
        kinds.append(kind)
        if kind == "fine" or kind in CONFISCATION_KINDS:
            amount = parse_amount(item.get("amount"))
            amount = round_fen(amount) if amount is not None else None  # the amount printed is the one judged
            if amount is None or amount < 0:
                what = "罚款数额" if kind == "fine" else "没收金额（价值）"
                problems.append(finding(pointer("penalties", i, "amount"), "major.amount",
                                        f"第 {i + 1} 项处罚的{what}无法识别，请填写阿拉伯数字（单位：元）。"))
                continue
            if kind == "fine":
                fine_total += amount
            else:
                confiscated += amount
        if kind == "other" and "lower_qualification" not in kinds and any(w in str(item.get("description") or "") for w in HEARING_OTHER_WORDS):
            hearing.append("处罚内容含降低资质等级（行政处罚法 第六十三条第一款（三））")

    if party is not None:
        threshold = rules.review_fine[party]
        limit = f"{PARTY_CN[party]}{yuan_text(threshold)}以上"
        if "fine" in kinds and fine_total >= threshold:
            reasons.append(f"罚款数额 {yuan_text(fine_total)} 达到对{PARTY_CN[party]}的重大处罚标准"
                           f"（{limit}，{rules.fine_source}）")
        if confiscated and confiscated >= threshold:
            reasons.append(f"没收违法所得、非法财物价值 {yuan_text(confiscated)} 达到重大处罚标准"
                           f"（相当于罚款标准{limit}，{rules.fine_source}）")
        big = rules.hearing_fine[party]
        big_text = f"{PARTY_CN[party]}{yuan_text(big)}以上"
        if "fine" in kinds and fine_total >= big:
            hearing.insert(0, f"罚款数额 {yuan_text(fine_total)} 属于较大数额（{big_text}，行政处罚法 第六十三条第一款（一））")
        if confiscated and confiscated >= big:
            hearing.append(f"没收违法所得、非法财物价值 {yuan_text(confiscated)} 属于较大数额"
                           f"（{big_text}，行政处罚法 第六十三条第一款（二））")

    for kind in dict.fromkeys(kinds):
        source = rules.major_kinds.get(kind)
        if source:
            what = "处罚种类含" if kind in PENALTY_KINDS else "拟作出"
            reasons.append(f"{what}“{act_title(kind)}”（{source}）")
        if kind in HEARING_KINDS:
            hearing.append(f"处罚种类含“{act_title(kind)}”（{HEARING_KINDS[kind]}）")

    for flag, (text, source) in MAJOR_FLAGS.items():
        if answers.get(flag) is True:
            reasons.append(f"{text}（{source}）")

    simple = bool(kinds) and not problems and party is not None \
        and all(k in SIMPLE_PROCEDURE_KINDS for k in kinds) \
        and fine_total <= SIMPLE_PROCEDURE_MAX_FINE[party] and not reasons and not hearing
    from validators.citations import cite_cn

    reasons = [cite_cn(r) for r in reasons]  # the seeds by their Chinese names, never file ids
    hearing = [cite_cn(r) for r in hearing]
    return MajorAssessment(
        major=bool(reasons),
        reasons=reasons,
        rule_set=rules.name,
        hearing_required=bool(hearing),
        simple_procedure_allowed=simple,
        hearing_reasons=hearing,
        problems=problems,
    )


def review_passed(review: Any) -> bool:
    """Whether a 法制审核 opinion lets a major decision be made: 同意, or 纠正 with the correction applied.

    ``review`` is the case's ``legal_review`` entry (a dict, or a list of them whose last one counts).
    """
    if isinstance(review, list):
        review = review[-1] if review else None
    if not isinstance(review, Mapping):
        return False
    conclusion = str(review.get("conclusion") or "").strip()
    if conclusion in LEGAL_REVIEW_PASSING:
        return True
    return conclusion == LEGAL_REVIEW_CORRECTION and review.get("correction_applied") is True


def _review_state(review: Any) -> str:
    if isinstance(review, list):
        review = review[-1] if review else None
    if not isinstance(review, Mapping) or not str(review.get("conclusion") or "").strip():
        return "本案尚无法制审核意见"
    conclusion = str(review["conclusion"]).strip()
    if conclusion == LEGAL_REVIEW_CORRECTION:
        return "法制审核意见要求纠正，尚未确认已按意见改正"
    return f"法制审核意见结论为“{conclusion}”"


@document_rule("legal_review")
def check_legal_review(answers: Mapping[str, Any], context: CheckContext) -> list[Finding]:
    """A major decision needs a passing 法制审核 opinion in the case before it is issued."""
    name = context.settings.get("rule_set") or DEFAULT_RULE_SET
    try:
        result = assess(answers, name)
    except UnknownRuleSet as exc:
        return [finding("", "legal_review.rule_set_unknown", f"{exc}请在设置中重新选择规则集。")]
    # The case's review opinion (app), else the one the decision itself cites (interchange file).
    review = context.case.get("legal_review") or answers.get("legal_review")
    if not result.major or review_passed(review):
        return []
    why = "；".join(result.reasons)
    return [finding(
        pointer("penalties"), "legal_review.required",
        f"本决定属于重大执法决定：{why}。{_review_state(review)}。"
        f"请先完成法制审核并录入法制审核意见（结论为“同意”，或“纠正”且已按意见改正），"
        f"再生成行政处罚决定书（行政处罚法 第五十八条；001 第五条）。",
    )]
