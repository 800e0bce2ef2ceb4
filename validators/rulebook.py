"""The domain's numbers, each in one place with its source (DOMAIN.md §3–§5, §9).

Values marked *configurable* are defaults: an administrator may override them in the settings, and
the name of the rule set a document was checked against is recorded with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# --- people -----------------------------------------------------------------------------------
#: 行政处罚法 第四十二条、第五十五条; 000 第五条: at least two officers, certificates shown.
MIN_OFFICERS = 2

#: DOMAIN.md §8: a 居民身份证号 whose birth date lies before this year is refused (no living party).
ID_MIN_BIRTH_YEAR = 1900

# --- records ----------------------------------------------------------------------------------
#: DOMAIN.md §3: a record longer than this many hours is a warning.
RECORD_LONG_HOURS = 24

# --- simple procedure: 行政处罚法 第五十一条 ------------------------------------------------------
SIMPLE_PROCEDURE_MAX_FINE = {"person": Decimal("200"), "organization": Decimal("3000")}


#: 行政处罚法 第六十三条 "较大数额": fines at or above which a hearing must be offered, by party type
#: (DOMAIN.md §5 default, the same in both seed rule sets; configurable per rule set).
HEARING_FINE = {"person": Decimal("10000"), "organization": Decimal("30000")}


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
    #: penalty kind → the clause that makes a decision with it major (beside the fine threshold).
    major_kinds: dict[str, str] = field(default_factory=dict)
    #: the clause giving ``review_fine`` (quoted in the reasons).
    fine_source: str = ""


#: 001 重大行政执法决定法制审核制度 第六条 (default) and 002 第六条(一) (persons 2万).
MAJOR_DECISION_RULE_SETS: dict[str, MajorDecisionRuleSet] = {
    "seed001": MajorDecisionRuleSet(
        name="seed001",
        title="神池县应急管理局重大行政执法决定法制审核制度（2019）",
        source="001 重大行政执法决定法制审核制度 第六条",
        review_fine={"person": Decimal("10000"), "organization": Decimal("50000")},
        hearing_fine=HEARING_FINE,
        fine_source="001 第六条（二）3",
        major_kinds={
            "suspend_production": "001 第六条（二）1",
            "revoke_license": "001 第六条（二）2",
            "close": "001 第六条（二）7",
            "seal_or_seize": "001 第六条（三）1、2",
            "stop_power_supply": "001 第六条（三）3",
            "court_enforcement": "001 第六条（三）4",
        },
    ),
    "seed002": MajorDecisionRuleSet(
        name="seed002",
        title="工信局行政执法监督制度（2022）：个人罚款2万元以上",
        source="002 第六条(一)",
        review_fine={"person": Decimal("20000"), "organization": Decimal("50000")},
        hearing_fine=HEARING_FINE,
        fine_source="002 第六条（一）",
        # 002 第六条（一） lists 限制从业 too and does not list 吊销; 吊销 stays major as in 001.
        major_kinds={
            "suspend_production": "002 第六条（一）",
            "revoke_license": "001 第六条（二）2",
            "close": "002 第六条（一）",
            "restrict_practice": "002 第六条（一）",
            "seal_or_seize": "002 第六条（一）",
            "stop_power_supply": "002 第六条（一）",
            "court_enforcement": "002 第六条（一）",
        },
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
#: 行政处罚法 第五十六条: after 先行登记保存, a decision on the goods within 7 days.
PRESERVATION_DECISION_DAYS = 7
#: 行政强制法 第二十五条: 查封、扣押 last at most 30 days (extendable once by 30 on approval).
SEIZURE_MAX_DAYS = 30
#: Delivery deemed made some days after an act (DOMAIN.md §5): 公告送达 — "自发出公告之日起，经过三十日，即视为
#: 送达" (民事诉讼法 第九十五条, applied through 行政处罚法 第六十一条第一款).
DEEMED_DELIVERY_DAYS: dict[str, tuple[int, str]] = {"公告": (30, "民事诉讼法 第九十五条；行政处罚法 第六十一条")}
#: 行政处罚法 第七十二条: late fee 3 % of the fine per day, capped at the fine.
LATE_FEE_RATE_PER_DAY = Decimal("0.03")

# --- document numbers ----------------------------------------------------------------------------
#: The largest sequence number a (代字, year) sequence may reach (DOMAIN.md §11: "a sane upper bound");
#: no agency issues a hundred thousand documents of one kind a year, and a typo of many digits is refused.
MAX_SEQUENCE = 99999

# --- remedies stated in a decision ------------------------------------------------------------
#: 行政复议法 第二十条 (六十日) and 行政诉讼法 第四十六条 (六个月; never 三个月).
RECONSIDERATION_DAYS_TEXT = "六十日"
LITIGATION_PERIOD_TEXT = "六个月"

# --- publication --------------------------------------------------------------------------------
#: takedown after publication, in years (002: 5 years, 2 for natural persons; 001: 3 years). configurable.
PUBLICATION_TAKEDOWN_YEARS = {"organization": 5, "person": 2}

# --- 法制审核 (001 重大行政执法决定法制审核制度) ----------------------------------------------------
#: 001 第十二条: the four conclusions a 法制审核意见书 can reach (同意; 纠正; 撤销或不予作出; 移送).
LEGAL_REVIEW_CONCLUSIONS = ("同意", "纠正", "撤销或不予作出", "移送")

# --- 程序启动 / 集体讨论 -------------------------------------------------------------------------
#: 003 第十二条: when started urgently, the 程序启动审批 is made up within 24 hours.
PROGRAM_START_MAKEUP_HOURS = 24
#: *(configurable default)* fewest participants of a 集体讨论. 002 第六条(三) composes it of the principal
#: leader, the deputies for legal affairs and for the case, and the heads of the legal and the handling
#: sections (five roles, chaired per 第六条(四)1); the seeds give no minimum, three is the least that is
#: still "collective".
MIN_DISCUSSION_PARTICIPANTS = 3

# --- calendar bounds for working-day periods checked without the holiday calendar ------------------
#: The most calendar days that N working days can span is N + weekends + the longest holiday run
#: (春节/国庆: 8 days off in a row incl. one weekend). Used only for *warnings* where a form stores a due
#: date typed or computed elsewhere.
LONGEST_HOLIDAY_RUN_DAYS = 8

# --- major decisions beside the rule sets --------------------------------------------------------
#: Penalty kinds of a 行政处罚决定书 and 告知书 (DOMAIN.md §5, §9 interchange): only the kinds of 行政处罚法
#: 第九条, in its order — （一）警告、通报批评；（二）罚款、没收违法所得、没收非法财物；（三）暂扣许可证件、降低资质
#: 等级、吊销许可证件；（四）限制开展生产经营活动、责令停产停业、责令关闭、限制从业；（六）法律、行政法规规定的其他
#: 行政处罚 (``other``). （五）行政拘留 is the police's, not an 应急管理 agency's. The schemas' ``kind`` enums
#: (``templates/common.json`` ``$defs/penalty_kind``) follow this table; ``tests/test_schemas_follow_rulebook.py``
#: holds them to it. The seeds' own words (提请关闭, 吊销许可/撤销资格) stay in ``MAJOR_DECISION_RULE_SETS``.
PENALTY_KINDS: dict[str, str] = {
    "warning": "警告",
    "public_criticism": "通报批评",
    "fine": "罚款",
    "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物",
    "suspend_license": "暂扣许可证件",
    "lower_qualification": "降低资质等级",
    "revoke_license": "吊销许可证件",
    "restrict_operations": "限制开展生产经营活动",
    "suspend_production": "责令停产停业",
    "close": "责令关闭",
    "restrict_practice": "限制从业",
    "other": "其他",
}
#: Where each kind stands in 行政处罚法 第九条 (cited in messages and tests).
PENALTY_KIND_CLAUSES: dict[str, str] = {
    "warning": "第九条（一）", "public_criticism": "第九条（一）",
    "fine": "第九条（二）", "confiscate_income": "第九条（二）", "confiscate_property": "第九条（二）",
    "suspend_license": "第九条（三）", "lower_qualification": "第九条（三）", "revoke_license": "第九条（三）",
    "restrict_operations": "第九条（四）", "suspend_production": "第九条（四）", "close": "第九条（四）",
    "restrict_practice": "第九条（四）", "other": "第九条（六）",
}


@dataclass(frozen=True)
class CoerciveAct:
    """A 行政强制 act that is not a penalty (行政强制法 第二条): its name, what it is, and its own document."""

    title: str
    what: str
    source: str
    document: str


#: 行政强制措施 and 强制执行 that an older draft may have listed among penalties: never printed under
#: "以下行政处罚" (DOMAIN.md §5). Each has its own document and, in the seeds' lists, its own 法制审核 gate
#: (001 第六条（三）; see ``MAJOR_DECISION_RULE_SETS``). ``wenshu major-decision`` still weighs them, since
#: a 查封扣押 or 申请法院强制执行 is a 重大行政执法决定 by itself.
COERCIVE_ACTS: dict[str, CoerciveAct] = {
    "seal_or_seize": CoerciveAct("查封、扣押", "行政强制措施", "行政强制法 第二条第二款、第九条（二）（三）",
                                 "查封扣押决定书"),
    "stop_power_supply": CoerciveAct("停止供电", "行政强制执行措施", "行政强制法 第二条第三款；安全生产法 第七十条",
                                     "停止供电（供应民用爆炸物品）决定书"),
    "court_enforcement": CoerciveAct("申请人民法院强制执行", "行政强制执行", "行政强制法 第二条第三款、第五十三条",
                                     "强制执行申请书"),
}
#: Kinds whose amount is money and must be stated on the decision, in figures and capital Chinese
#: (行政处罚法 第五十九条（四） 行政处罚的种类和依据; a 没收非法财物 is described, its value is not printed).
AMOUNT_KINDS = frozenset({"fine", "confiscate_income"})
#: A decision dated further ahead than this is probably a typing slip (a warning, not a rule of law).
DECISION_FUTURE_WARNING_DAYS = 30
#: Kinds whose value is an amount compared with a threshold; confiscations are added up and compared
#: with the fine threshold (001 第六条（二）3 "没收违法所得或者没收非法财物价值相当于上述规定的数额的").
CONFISCATION_KINDS = ("confiscate_income", "confiscate_property")
#: Flags of the answers that make any decision major (行政处罚法 第五十八条第一款（一）至（三）).
MAJOR_FLAGS: dict[str, tuple[str, str]] = {
    "major_public_interest": ("涉及重大公共利益", "行政处罚法 第五十八条第一款（一）"),
    "hearing_held": ("直接关系当事人或者第三人重大权益，经过听证程序", "行政处罚法 第五十八条第一款（二）"),
    "complex_case": ("案件情况疑难复杂、涉及多个法律关系", "行政处罚法 第五十八条第一款（三）；001 第六条（二）6"),
}
#: 行政处罚法 第六十三条: kinds after which the party must be told of the right to a hearing.
HEARING_KINDS: dict[str, str] = {
    "lower_qualification": "行政处罚法 第六十三条第一款（三）",
    "revoke_license": "行政处罚法 第六十三条第一款（三）",
    "suspend_production": "行政处罚法 第六十三条第一款（四）",
    "close": "行政处罚法 第六十三条第一款（四）",
    "restrict_practice": "行政处罚法 第六十三条第一款（四）",
}
#: An ``other`` penalty whose description says 降低资质等级 (a draft written before the kind of its own,
#: 行政处罚法 第九条（三）) is treated as it (行政处罚法 第六十三条第一款（三）).
HEARING_OTHER_WORDS = ("降低资质等级",)
#: 行政处罚法 第五十一条: only these kinds may be decided on the spot (with SIMPLE_PROCEDURE_MAX_FINE).
SIMPLE_PROCEDURE_KINDS = ("warning", "fine")
#: A 法制审核 opinion lets a major decision be made when its conclusion is 同意, or 纠正 once the
#: correction is applied (001 第十二条; 第五条 未经审核或者审核未通过的，不得作出行政执法决定).
LEGAL_REVIEW_PASSING = ("同意",)
LEGAL_REVIEW_CORRECTION = "纠正"

# --- working-day calendar ----------------------------------------------------------------------
#: 国务院办公厅 holiday notices come out around November for the following year; years outside the
#: packaged data (chinesecalendar) and the administrator's imported tables are refused.
HOLIDAY_TABLE_YEARS = (2000, 2100)

#: Events of a case (key → Chinese name) and the deadline rules each one starts.
CASE_EVENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "case_filed": ("立案", ("decision",)),
    # the 听证告知书 tells the right to a hearing (2016 式样 应急听告): when the case has one, its delivery starts
    # the 听证申请期限, before the 告知书's (one deadline per rule: the first event listed that is dated wins)
    "hearing_notice_delivered": ("行政处罚听证告知书送达", ("hearing_request",)),
    "penalty_notice_delivered": ("行政处罚告知书送达", ("statement", "hearing_request")),
    "review_materials_received": ("法制审核送审材料齐全", ("legal_review",)),
    "decision_made": ("行政处罚决定作出（宣告）", ("delivery", "publication_penalty")),
    "other_decision_made": ("其他行政执法决定作出", ("publication_other",)),
    "decision_delivered": ("行政处罚决定书送达", ("payment", "reconsideration", "litigation")),
    "video_recorded": ("音像记录制作完成", ("video_storage",)),
    "case_closed": ("行政执法行为终结（结案）", ("archive",)),
    "supervision_notice_received": ("收到行政执法监督文书", ("supervision_reply",)),
}

# --- what a record's 执法过程 must mention, when its kind asks (x-wenshu.process_must_mention) ----------
#: key → (finding code, words any of which counts as mentioning it, warning message).
#: 出示证件: 行政处罚法 第五十五条; 000 第五条. 告知权利: 行政处罚法 第四十四条.
PROCESS_MENTIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "出示证件": ("process.certificates_not_shown", ("出示", "证件", "执法证"),
                 "执法过程未写明执法人员出示执法证件，请补充（如“执法人员出示了执法证件”）。"),
    "告知权利": ("process.rights_not_told", ("告知", "权利"),
                 "执法过程未写明告知当事人权利，请补充（如“告知其享有陈述、申辩的权利”）。"),
}

# --- the deadline agenda (UI choices, not law) ---------------------------------------------------
#: A deadline shows as 即将到期 when at most this many working days remain before it (due today
#: included). This is a choice of the user interface, not a legal period; agencies may tune it.
DUE_SOON_WORKING_DAYS = 3
#: The start-of-day list (今日待办期限) shows deadlines falling within this many working days, plus
#: every overdue one. A choice of the user interface, not a legal period.
AGENDA_WORKING_DAYS = 5


# --- 执法情况统计分析, 案卷评查 and the 公示台账 (DOMAIN.md §15) ----------------------------------------
#: 行政执法公示办法 第十六条: the annual report on the past year is sent "每年1月10日前" — (month, day) of the next year.
ANNUAL_REPORT_DUE = (1, 10)
#: The report shows on 今日待办 from this many days before its due date (a UI choice, not law).
ANNUAL_REPORT_NOTICE_DAYS = 21
PERIODS["annual_report"] = Period("annual_report", "行政执法统计年报报送期限", 10, "days", "行政执法公示办法 第十六条")
#: Dates a clerk records that start no period: what the statistics count (执法情况统计分析制度 第五条（七）)
#: and the 公示台账 reads. ``wenshu.agenda.case_dates`` takes them beside ``CASE_EVENTS``.
RECORDED_EVENTS: dict[str, str] = {
    # the written report answers the 30-day reply period (wenshu.agenda.ANSWERED_BY; 004 第二十二条)
    "supervision_replied": "行政执法监督处理结果书面报告",
}
RECORDED_EVENTS.update({
    "reconsideration_filed": "被申请行政复议",
    "lawsuit_filed": "被提起行政诉讼",
    "statistics_year_end": "统计年度终了",
})
#: What 执法情况统计分析制度 第五条 counts: 行政强制决定 (（八）), hearings held (（七）), inspections (（六）), by kind.
STATS_COERCIVE_KINDS = frozenset({"seizure_decision", "seizure_extension", "supply_stop_decision",
                                  "onsite_measures_decision"})
STATS_HEARING_KINDS = frozenset({"hearing_record", "hearing_report"})
STATS_INSPECTION_KINDS = frozenset({"inspection_record"})
#: 案卷评查（二）: the documents that fix the facts (证据) a decision rests on.
REVIEW_EVIDENCE_KINDS = frozenset({"inspection_record", "inquiry_record", "survey_record", "sampling_receipt",
                                   "evidence_preservation_notice", "statement_record", "hearing_record",
                                   "appraisal_commission"})
#: 公示台账: a takedown shows on 今日待办 this many days before its date (a UI choice, not law).
TAKEDOWN_SOON_DAYS = 30
PERIODS["publication_takedown"] = Period("publication_takedown", "公示信息撤除期限", 60, "months",
                                         "行政执法监督制度 第四条（五年，自然人二年）；安全生产行政执法公示制度 第十三条")
RECORDED_EVENTS.update({
    "decision_published": "执法决定信息公示",
    "publication_taken_down": "公示信息撤除",
})

# --- official forms batch A (issue 12): 查封扣押延期、停止供电、先行登记保存处理 ------------------------------
#: 行政强制法 第二十五条第一款: 情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日.
SEIZURE_EXTENSION_MAX_DAYS = 30
#: 安全生产法 第七十条第二款: 停止供电 is notified to the 生产经营单位 24 hours ahead, save in an emergency.
SUPPLY_STOP_NOTICE_HOURS = 24
#: 行政强制法 第四十三条第一款: no 行政强制执行 at night (夜间) or on statutory holidays, save in an emergency.
#: 夜间 is read as 22:00–06:00 (the usual reading; the law does not define it): a warning, not an error.
NIGHT_HOURS = (22, 6)
#: 001 第六条（三）3: 通知有关部门、单位强制停止供电 is a 重大执法决定 and needs 法制审核 before it is made.
SUPPLY_STOP_REVIEW_SOURCE = "001 第六条（三）3"

# --- 执行、移送、延期 (the forms of batch B: 当场处罚, 催告, 加处罚款, 延期分期, 强制执行, 移送, 案件延期) -----------
#: 行政处罚法 第六十八条第（一）项: on the spot an officer may collect a fine of at most 100 yuan (or one
#: that would be hard to collect later, 第（二）项).
ONSITE_COLLECTION_MAX_FINE = Decimal("100")
#: 行政强制法 第五十四条: the court may be applied to once the reminder was delivered ten days ago.
ENFORCEMENT_REMINDER_DAYS = 10
#: 行政强制法 第五十三条: the application within three months after the period for 复议/诉讼 ended.
COURT_APPLICATION_MONTHS = 3
#: 行政强制法 第四十六条: once the late fee has run more than thirty days, the reminder and enforcement follow.
LATE_FEE_ENFORCEMENT_DAYS = 30

PERIODS.update({
    p.rule: p
    for p in (
        # 行政强制法 第三十六条 (陈述、申辩 after a 催告书); the 2016 式样 缴纳罚款催告书 gives 3 日, and
        # 行政强制法 第六十九条 counts periods of ten days or less in working days.
        Period("reminder_statement", "催告后陈述申辩期限", 3, "working_days", "行政强制法 第三十六条、第六十九条"),
        Period("enforcement_reminder", "强制执行催告期限（届满后方可申请人民法院强制执行）", ENFORCEMENT_REMINDER_DAYS,
               "working_days", "行政强制法 第五十四条、第六十九条"),
        Period("late_fee_enforcement", "加处罚款满三十日", LATE_FEE_ENFORCEMENT_DAYS, "days", "行政强制法 第四十六条"),
        Period("court_application", "申请人民法院强制执行期限", COURT_APPLICATION_MONTHS, "months",
               "行政强制法 第五十三条；行政处罚法 第七十二条第二款"),
        # 行政强制法 第五十六条: the court decides on accepting the application within five (working) days.
        Period("court_acceptance", "人民法院受理强制执行申请期限", 5, "working_days", "行政强制法 第五十六条、第六十九条"),
    )
})

CASE_EVENTS.update({
    "payment_overdue": ("罚款缴纳期限届满", ("late_fee_enforcement",)),
    "payment_reminder_delivered": ("缴纳罚款催告书送达", ("reminder_statement",)),
    "enforcement_reminder_delivered": ("行政强制执行事先催告书送达", ("enforcement_reminder",)),
    "remedy_period_ended": ("复议、诉讼期限届满（或暂缓、分期缴纳期限结束）", ("court_application",)),
    "court_application_made": ("申请人民法院强制执行", ("court_acceptance",)),
})
