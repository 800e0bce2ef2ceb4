"""The domain's numbers, each in one place with its source (DOMAIN.md §3–§5, §9).

Values marked *configurable* are defaults: an administrator may override them in the settings, and
the name of the rule set a document was checked against is recorded with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# --- people -----------------------------------------------------------------------------------
#: 行政处罚法 第四十二条、第五十五条; 000 第五条: at least two officers, certificates shown.
MIN_OFFICERS = 2

# --- records ----------------------------------------------------------------------------------
#: DOMAIN.md §3: a record longer than this many hours is a warning.
RECORD_LONG_HOURS = 24

# --- simple procedure: 行政处罚法 第五十一条 ------------------------------------------------------
SIMPLE_PROCEDURE_MAX_FINE = {"person": Decimal("200"), "organization": Decimal("3000")}


@dataclass(frozen=True)
class MajorDecisionRuleSet:
    """Thresholds that make a decision "major" (重大) and require 法制审核, and offer of a hearing.

    ``review_fine`` — fine (yuan) at or above which 法制审核 is required, by party type.
    ``hearing_fine`` — fine at or above which a hearing must be offered (行政处罚法 第六十三条 较大数额).
    """

    name: str
    title: str
    source: str
    review_fine: dict[str, Decimal]
    hearing_fine: dict[str, Decimal]


#: 001 重大行政执法决定法制审核制度 第六条 (default) and 002 第六条(一) (persons 2万).
MAJOR_DECISION_RULE_SETS: dict[str, MajorDecisionRuleSet] = {
    "seed001": MajorDecisionRuleSet(
        name="seed001",
        title="神池县应急管理局重大行政执法决定法制审核制度（2019）",
        source="001 重大行政执法决定法制审核制度 第六条",
        review_fine={"person": Decimal("10000"), "organization": Decimal("50000")},
        hearing_fine={"person": Decimal("10000"), "organization": Decimal("30000")},
    ),
    "seed002": MajorDecisionRuleSet(
        name="seed002",
        title="工信局行政执法监督制度（2022）",
        source="002 第六条(一)",
        review_fine={"person": Decimal("20000"), "organization": Decimal("50000")},
        hearing_fine={"person": Decimal("10000"), "organization": Decimal("30000")},
    ),
}
DEFAULT_RULE_SET = "seed001"


@dataclass(frozen=True)
class Period:
    """A legal period: ``amount`` of ``unit`` (``working_days``, ``days`` or ``months``)."""

    rule: str
    title: str
    amount: int
    unit: str
    source: str


#: DOMAIN.md §9 deadline rules. The start day is never counted.
PERIODS: dict[str, Period] = {
    p.rule: p
    for p in (
        Period("hearing_request", "听证申请期限", 5, "working_days", "行政处罚法 第六十四条"),
        Period("statement", "陈述申辩期限", 3, "working_days", "行政处罚法 第四十四条、第四十五条（默认值，可配置）"),
        Period("delivery", "送达期限", 7, "working_days", "行政处罚法 第六十一条"),
        Period("legal_review", "法制审核期限", 10, "working_days", "001 第十四条；003 第十条"),
        Period("publication_penalty", "许可、处罚决定公示期限", 7, "working_days", "003 第十五条"),
        Period("publication_other", "其他执法决定公示期限", 20, "working_days", "001 第十三条；003 第十五条"),
        Period("video_storage", "音像记录存储期限", 2, "working_days", "003 第三十二条"),
        Period("payment", "罚款缴纳期限", 15, "days", "行政处罚法 第六十七条"),
        Period("archive", "归档期限", 30, "days", "003 第三十二条"),
        Period("supervision_reply", "监督文书回复期限", 30, "days", "004 第二十二条"),
        Period("decision", "作出处罚决定期限", 90, "days", "行政处罚法 第六十条"),
        Period("reconsideration", "申请行政复议期限", 60, "days", "行政复议法 第二十条"),
        Period("litigation", "提起行政诉讼期限", 6, "months", "行政诉讼法 第四十六条"),
    )
}

#: 法制审核 may be extended once by this many working days on approval (001 第十四条; 003 第十条).
LEGAL_REVIEW_EXTENSION_WORKING_DAYS = 10
#: 行政处罚法 第六十四条: the hearing notice reaches the party at least 7 days before the hearing.
HEARING_NOTICE_MIN_DAYS = 7
#: 行政处罚法 第八十五条: "七日" counts working days (工作日), not statutory holidays.
HEARING_NOTICE_DAYS_UNIT = "working_days"
#: 行政处罚法 第六十三条: penalty kinds that always require offering a hearing, whatever the amount
#: (降低资质等级、吊销许可证件 → revoke_license; 责令停产停业 → suspend_production; 责令关闭 → close; 限制从业).
HEARING_PENALTY_KINDS = frozenset({"revoke_license", "suspend_production", "close", "restrict_practice"})
#: 行政处罚法 第六十三条 "没收较大数额违法所得、没收较大价值非法财物": confiscations compared with the same
#: ``hearing_fine`` threshold as fines (configurable through the rule set).
HEARING_CONFISCATION_KINDS = frozenset({"confiscate_income", "confiscate_property"})
#: 行政处罚法 第五十六条: after 先行登记保存, a decision on the goods within 7 days.
PRESERVATION_DECISION_DAYS = 7
#: 行政强制法 第二十五条: 查封、扣押 last at most 30 days (extendable once by 30 on approval).
SEIZURE_MAX_DAYS = 30
#: 行政处罚法 第七十二条: late fee 3 % of the fine per day, capped at the fine.
LATE_FEE_RATE_PER_DAY = Decimal("0.03")

# --- remedies stated in a decision ------------------------------------------------------------
#: 行政复议法 第二十条 (六十日) and 行政诉讼法 第四十六条 (六个月; never 三个月).
RECONSIDERATION_DAYS_TEXT = "六十日"
LITIGATION_PERIOD_TEXT = "六个月"

# --- publication --------------------------------------------------------------------------------
#: takedown after publication, in years (002: 5 years, 2 for natural persons; 001: 3 years). configurable.
PUBLICATION_TAKEDOWN_YEARS = {"organization": 5, "person": 2}
