"""Official forms batch A (2016 式样 2, 4, 6, 7, 9–15, 19, 21–23): what each printed form says and the legal
periods it is held to — as a legal officer reading the paper and a clerk typing the dates would notice.

Articles: 安全生产法 (2021) 第六十五条、第七十条; 行政强制法 第十八条、第二十五条、第二十七条、第二十八条、第四十三条;
行政处罚法 第五十六条、第八十五条.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from docx import Document
from samples import draft

from templates.kinds import get_kind
from templates.render import render_document
from validators.context import CheckContext
from validators.deadlines import add_working_days
from validators.engine import validate
from wenshu.service import CaseService
from wenshu.store import Store

#: DOMAIN.md §6: kind → 文种代字 (the 2016 式样's 安监 → 应急); the 清单 carries none.
CODES = {
    "inspection_plan": "应急检查", "onsite_measures_decision": "应急现决", "rectification_review": "应急复查",
    "coercion_approval": "应急强审", "seizure_list": None, "seizure_extension": "应急查扣延期",
    "seizure_disposal": "应急查扣处", "supply_stop_notice": "应急停供通", "supply_stop_decision": "应急停供决",
    "supply_restore_notice": "应急恢复通", "inquiry_notice": "应急询", "preservation_approval": "应急先保审",
    "preservation_disposal_approval": "应急先保处审", "preservation_disposal_decision": "应急先保处",
    "appraisal_commission": "应急鉴",
}
#: The forms whose 式样 carries "本文书一式两份：一份由……备案，一份交……" and to whom the second copy goes.
COPIES = {
    "onsite_measures_decision": "被检查单位", "rectification_review": "被复查单位", "seizure_list": "当事人",
    "seizure_extension": "当事人", "seizure_disposal": "当事人", "supply_stop_notice": "相关单位",
    "supply_stop_decision": "相关单位", "supply_restore_notice": "相关单位",
    "preservation_disposal_decision": "被取证单位",
}
#: Forms addressed to the party, whose wording follows its type (你 / 你单位).
ADDRESSED = ("onsite_measures_decision", "rectification_review", "seizure_extension", "seizure_disposal",
             "supply_stop_decision", "inquiry_notice", "preservation_disposal_decision")
PERSON = {"type": "person", "name": "刘某", "id_no": "140930198503150014", "gender": "男",
          "address": "山西省忻州市神池县龙泉镇东街12号", "phone": "13900000002"}
BLANK_FORM_WORDING = ("你（单位）", "你单位（人）", "（人）", "安全生产监督管理部门", "安监", "{{", "{%")


def check(name: str, answers: dict) -> list[dict]:
    kind = get_kind(name)
    return validate(kind.schema, answers, CheckContext(kind=kind.name, meta=kind.meta))


def codes(findings: list[dict], severity: str | None = None) -> set[str]:
    return {f["code"] for f in findings if severity is None or f["severity"] == severity}


def printed(name: str, answers: dict, tmp_path) -> str:
    out = tmp_path / f"{name}.docx"
    render_document(get_kind(name), answers, out)
    doc = Document(out)
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    parts.extend(p.text for p in doc.sections[0].footer.paragraphs)
    return "\n".join(parts)


# --- every form of the batch -------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CODES))
def test_sample_is_valid_and_prints_title_number_and_no_blank_form_wording(name, tmp_path):
    kind = get_kind(name)
    answers = kind.sample()
    assert [f for f in check(name, answers) if f["severity"] == "error"] == []
    assert kind.code == CODES[name]
    text = printed(name, answers, tmp_path)
    assert kind.title in text
    if kind.code:
        assert kind.code in answers["number"] and answers["number"] in text
    for words in BLANK_FORM_WORDING:
        assert words not in text, (name, words)
    if name in COPIES:
        assert f"本文书一式两份：一份由神池县应急管理局备案，一份交{COPIES[name]}。" in text


@pytest.mark.parametrize("name", ADDRESSED)
def test_a_person_is_addressed_as_you_and_a_unit_as_your_unit(name, tmp_path):
    answers = get_kind(name).sample()
    unit_text = printed(name, answers, tmp_path)
    assert "你单位" in unit_text
    answers = {k: v.replace("你单位", "你") if isinstance(v, str) else v for k, v in answers.items()}  # typed text
    answers["object"] = PERSON
    assert [f for f in check(name, answers) if f["severity"] == "error"] == []
    person_text = printed(name, answers, tmp_path)
    assert "你单位" not in person_text and "你" in person_text


@pytest.mark.parametrize(("name", "field"), [
    ("seizure_extension", "reason"), ("seizure_extension", "extended_until"), ("seizure_extension", "approved_on"),
    ("supply_stop_notice", "recipient"), ("supply_stop_decision", "approved_on"), ("supply_stop_decision", "start_time"),
    ("preservation_disposal_decision", "preserved_on"), ("inquiry_notice", "inquiry_time"),
    ("appraisal_commission", "due_date"), ("onsite_measures_decision", "measures"), ("coercion_approval", "proposal"),
])
def test_a_required_field_left_out_is_refused_in_chinese(name, field):
    answers = get_kind(name).sample()
    answers.pop(field)
    missing = [f for f in check(name, answers) if f["code"] == "field.missing" and f["path"] == f"/{field}"]
    assert missing and missing[0]["severity"] == "error"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in missing[0]["message"])


# --- fixed sentences and the articles they cite --------------------------------------------------------

def test_supply_forms_cite_article_70_of_the_2021_law_never_the_2014_number(tmp_path):
    stop = printed("supply_stop_notice", get_kind("supply_stop_notice").sample(), tmp_path)
    decision = printed("supply_stop_decision", get_kind("supply_stop_decision").sample(), tmp_path)
    restore = printed("supply_restore_notice", get_kind("supply_restore_notice").sample(), tmp_path)
    assert "《中华人民共和国安全生产法》第七十条第一款的规定，本机关决定对该单位采取停止供电措施，强制其履行决定" in stop
    assert "请你单位于2026年10月26日9时00分对该单位停止供电，请给予配合。" in stop
    assert "本机关决定自2026年10月26日9时00分起，对你单位采取停止供电措施，强制你单位履行决定。" in decision
    assert "第七十条第二款的规定，本机关决定对该单位解除停止供电措施" in restore
    assert "对该单位给予恢复供电" in restore
    for text in (stop, decision, restore):
        assert "第六十七条" not in text


def test_the_supply_forms_print_explosives_when_that_supply_stops(tmp_path):
    answers = get_kind("supply_stop_notice").sample()
    answers["supply"] = "供应民用爆炸物品"
    text = printed("supply_stop_notice", answers, tmp_path)
    assert "采取停止供应民用爆炸物品措施" in text and "停止供电措施" not in text


def test_decisions_state_the_remedies_and_that_they_are_not_suspended(tmp_path):
    for name in ("onsite_measures_decision", "seizure_extension", "seizure_disposal", "supply_stop_decision",
                 "preservation_disposal_decision"):
        text = printed(name, get_kind(name).sample(), tmp_path)
        assert "六十日内依法向神池县人民政府申请行政复议" in text, name
        assert "六个月内依法向神池县人民法院提起行政诉讼" in text and "不停止执行" in text, name
        assert "三个月" not in text, name


def test_seizure_extension_prints_the_original_decision_article_25_and_the_new_end(tmp_path):
    text = printed("seizure_extension", get_kind("seizure_extension").sample(), tmp_path)
    assert "根据《查封扣押决定书》［（晋忻神）应急查扣〔2026〕1号］对你单位的局部通风机及其专用开关各1台作出了查封的行政强制措施" in text
    assert "依据《中华人民共和国行政强制法》第二十五条的规定，决定将以上行政强制措施的期限延长至2026年12月19日。" in text
    assert "附件：《查封扣押（场所、设施、财物）清单》第1号" in text


def test_preservation_decision_names_the_goods_and_the_notice_it_follows(tmp_path):
    text = printed("preservation_disposal_decision", get_kind("preservation_disposal_decision").sample(), tmp_path)
    assert ("本机关于2026年10月20日对你单位的隔绝式压缩氧气自救器（ZYX45）118台等物品进行了先行登记保存"
            "［文号：（晋忻神）应急先保通〔2026〕1号］。") in text


def test_onsite_measures_list_problems_and_measures_and_the_unit_signs(tmp_path):
    text = printed("onsite_measures_decision", get_kind("onsite_measures_decision").sample(), tmp_path)
    assert "本机关于2026年10月20日现场检查时，发现你单位有下列违法违规行为和事故隐患：" in text
    assert "1．12采区回风巷局部通风机未实现“三专两闭锁”，风电闭锁、瓦斯电闭锁装置失效；" in text
    assert "依据《中华人民共和国安全生产法》第六十五条第一款第（三）项的规定，现作出如下现场处理决定：" in text
    assert "被检查单位负责人（签名）：" in text
    assert "证号：14090012345" in text and "证号：14090012346" in text
    assert "张三（签名）" not in text  # signatures are handwritten blanks


def test_inquiry_notice_ticks_the_papers_to_bring(tmp_path):
    answers = get_kind("inquiry_notice").sample()
    answers["bring_license"] = False
    answers["bring_other"] = ""
    text = printed("inquiry_notice", answers, tmp_path)
    assert "√身份证" in text and "□营业执照" in text and "√法定代表人身份证明或者委托书" in text
    assert "请你单位于2026年10月23日9时00分到神池县应急管理局执法监察室接受询问调查" in text
    assert "神池县应急管理局地址：山西省忻州市神池县龙泉镇新建路8号" in text


def test_approval_forms_leave_every_signature_to_the_hand(tmp_path):
    for name in ("preservation_approval", "preservation_disposal_approval"):
        text = printed(name, get_kind(name).sample(), tmp_path)
        for signer in ("承办人（签名）", "承办机构负责人（签名）", "审核人（签名）", "审批人（签名）"):
            assert signer in text, (name, signer)
        assert "隔绝式压缩氧气自救器（ZYX45）118台" in text
    text = printed("coercion_approval", get_kind("coercion_approval").sample(), tmp_path)
    assert "承办人（签名）" in text and "审核人（签名）" in text and "审批人（签名）" in text


def test_coercion_approval_prints_a_citizen_with_birth_month_from_the_id_number(tmp_path):
    answers = get_kind("coercion_approval").sample()
    answers["object"] = PERSON
    text = printed("coercion_approval", answers, tmp_path)
    assert "公民　姓名：刘某" in text and "出生年月：1985年3月" in text and "法人或者其他组织" not in text


# --- 行政强制法 第二十五条: 查封扣押 30 days, extended once by at most 30 on approval ----------------------------

def test_an_extension_of_thirty_days_passes_and_thirty_one_is_refused():
    answers = get_kind("seizure_extension").sample()
    assert answers["original_until"] == "2026-11-19" and answers["extended_until"] == "2026-12-19"
    assert "seizure.extension_too_long" not in codes(check("seizure_extension", answers))
    answers["extended_until"] = "2026-12-20"
    found = [f for f in check("seizure_extension", answers) if f["code"] == "seizure.extension_too_long"]
    assert found and found[0]["severity"] == "error" and found[0]["path"] == "/extended_until"
    assert "第二十五条" in found[0]["message"] and "2026年12月19日" in found[0]["message"]


def test_an_extension_not_later_than_the_original_end_is_refused():
    answers = get_kind("seizure_extension").sample()
    answers["extended_until"] = "2026-11-19"
    assert "seizure.extension_not_later" in codes(check("seizure_extension", answers), "error")


def test_an_extension_decided_after_the_period_ran_out_is_refused():
    answers = get_kind("seizure_extension").sample()
    answers["date"] = answers["approved_on"] = "2026-11-20"
    found = [f for f in check("seizure_extension", answers) if f["code"] == "seizure.extension_after_expiry"]
    assert found and "第二十八条" in found[0]["message"]


def test_an_extension_needs_the_head_s_approval_before_the_decision():
    answers = get_kind("seizure_extension").sample()
    answers["approved_on"] = "2026-11-17"
    assert "seizure.extension_not_approved" in codes(check("seizure_extension", answers), "error")


def test_an_original_period_over_thirty_days_is_refused():
    answers = get_kind("seizure_extension").sample()
    answers["original_until"] = "2026-11-20"  # 31 days after 2026-10-20
    answers["extended_until"] = "2026-12-20"
    assert "seizure.period_too_long" in codes(check("seizure_extension", answers), "error")


def test_extension_limit_is_the_rulebook_value():
    from validators.rulebook import SEIZURE_EXTENSION_MAX_DAYS, SEIZURE_MAX_DAYS

    assert SEIZURE_EXTENSION_MAX_DAYS == SEIZURE_MAX_DAYS == 30


def test_a_disposal_after_the_seizure_period_is_flagged():
    answers = get_kind("seizure_disposal").sample()
    assert "seizure.disposal_late" not in codes(check("seizure_disposal", answers))
    answers["date"] = "2026-12-20"
    found = [f for f in check("seizure_disposal", answers) if f["code"] == "seizure.disposal_late"]
    assert found and "第二十七条" in found[0]["message"]


# --- 安全生产法 第七十条; 行政强制法 第四十三条 ---------------------------------------------------------------

def test_power_stopped_the_day_of_the_decision_is_refused_unless_urgent():
    answers = get_kind("supply_stop_decision").sample()
    answers["start_time"] = "2026-10-23T16:00"
    found = [f for f in check("supply_stop_decision", answers) if f["code"] == "supply_stop.notice_too_short"]
    assert found and found[0]["severity"] == "error" and "第七十条第二款" in found[0]["message"]
    answers["emergency"] = True
    assert "supply_stop.notice_too_short" not in codes(check("supply_stop_decision", answers))


def test_power_stopped_the_next_day_asks_to_confirm_the_24_hours():
    answers = get_kind("supply_stop_notice").sample()
    answers["start_time"] = "2026-10-24T10:00"
    found = codes(check("supply_stop_notice", answers))
    assert "supply_stop.notice_check" in found and "supply_stop.notice_too_short" not in found


def test_explosives_may_stop_the_same_day():
    answers = get_kind("supply_stop_decision").sample()
    answers["supply"] = "供应民用爆炸物品"
    answers["start_time"] = "2026-10-23T16:00"
    assert not codes(check("supply_stop_decision", answers)) & {"supply_stop.notice_too_short",
                                                                "supply_stop.notice_check"}


def test_stopping_at_night_or_on_a_holiday_is_warned():
    answers = get_kind("supply_stop_decision").sample()
    answers["start_time"] = "2026-10-26T23:00"
    assert "coercion.at_night" in codes(check("supply_stop_decision", answers), "warning")
    answers["date"] = answers["approved_on"] = "2026-09-25"
    answers["start_time"] = "2026-10-01T09:00"  # 国庆节
    assert "coercion.on_holiday" in codes(check("supply_stop_decision", answers), "warning")
    answers["emergency"] = True
    assert not codes(check("supply_stop_decision", answers)) & {"coercion.at_night", "coercion.on_holiday"}


def test_the_stop_needs_the_principal_head_s_approval_first():
    answers = get_kind("supply_stop_notice").sample()
    answers["approved_on"] = "2026-10-24"
    found = [f for f in check("supply_stop_notice", answers) if f["code"] == "supply_stop.not_approved"]
    assert found and "主要负责人" in found[0]["message"]


def test_restoring_before_the_unit_complied_is_refused():
    answers = get_kind("supply_restore_notice").sample()
    answers["complied_date"] = "2026-10-20"
    assert "date.order" in codes(check("supply_restore_notice", answers), "error")


# --- 行政处罚法 第五十六条、第八十五条: the decision on preserved evidence within 7 working days ---------------

def test_preservation_decision_within_seven_working_days():
    answers = get_kind("preservation_disposal_decision").sample()
    preserved = date(2026, 9, 30)  # the 国庆 holidays fall inside the seven days
    due = add_working_days(preserved, 7)
    assert (due - preserved).days > 7
    answers["preserved_on"] = preserved.isoformat()
    answers["date"] = due.isoformat()
    assert "preservation.decision_late" not in codes(check("preservation_disposal_decision", answers))
    answers["date"] = (due + timedelta(days=1)).isoformat()
    found = [f for f in check("preservation_disposal_decision", answers) if f["code"] == "preservation.decision_late"]
    assert found and found[0]["severity"] == "error"
    assert f"{due.year}年{due.month}月{due.day}日" in found[0]["message"] and "第五十六条" in found[0]["message"]


def test_dates_out_of_order_are_refused():
    cases = [("rectification_review", "date", "2026-10-19"), ("onsite_measures_decision", "inspection_date", "2026-10-21"),
             ("inquiry_notice", "inquiry_time", "2026-10-20T09:00"), ("appraisal_commission", "due_date", "2026-10-21")]
    for name, field, value in cases:
        answers = get_kind(name).sample()
        answers[field] = value
        assert "date.order" in codes(check(name, answers), "error"), name


# --- in a case -----------------------------------------------------------------------------------------

NOW = datetime(2026, 12, 1, 10, 30)


@pytest.fixture
def service():
    s = CaseService(Store(), clock=lambda: NOW)
    yield s
    s.close()


def test_the_extension_and_the_list_take_the_seizure_decision_s_number_date_measure_and_goods(service):
    seizure = get_kind("seizure_decision").sample()
    case = service.new_case({"title": "神池县某煤业有限公司案", "party": seizure["object"], "officers": seizure["officers"]})
    service.add_document(case, "seizure_decision", seizure)
    extension = service.document(service.add_document(case, "seizure_extension"))["answers"]
    assert extension["seizure_number"] == seizure["number"] and extension["seizure_date"] == seizure["date"]
    assert extension["measure"] == "查封" and extension["object"]["name"] == seizure["object"]["name"]
    goods = service.document(service.add_document(case, "seizure_list"))["answers"]["items"]
    assert [g["name"] for g in goods] == [i["name"] for i in seizure["items"]]


def test_batch_forms_are_offered_in_procedure_order_but_never_demanded(service):
    case = service.new_case({"title": "神池县某煤业有限公司案", "party": draft("inspection_record")["object"]})
    shown = service.show(case)
    assert not {n["kind"] for n in shown["next"]} & set(CODES)
    order = {k: get_kind(k).meta["order"] for k in CODES}
    assert order["inspection_plan"] < get_kind("inspection_record").meta["order"] < order["onsite_measures_decision"]
    assert order["preservation_approval"] < get_kind("evidence_preservation_notice").meta["order"] \
        < order["preservation_disposal_approval"] < order["preservation_disposal_decision"]
    assert order["coercion_approval"] < get_kind("seizure_decision").meta["order"] < order["seizure_list"] \
        < order["seizure_extension"] < order["seizure_disposal"]
    assert order["supply_stop_decision"] < order["supply_stop_notice"] < order["supply_restore_notice"]


def test_an_unnumbered_list_and_a_numbered_extension_are_generated(service, tmp_path):
    seizure = get_kind("seizure_decision").sample()
    case = service.new_case({"title": "神池县某煤业有限公司案", "party": seizure["object"], "officers": seizure["officers"]})
    listed = service.generate(service.add_document(case, "seizure_list", draft("seizure_list")), out_dir=tmp_path)
    assert not listed["number"] and Document(listed["path"])
    ext = service.generate(service.add_document(case, "seizure_extension", draft("seizure_extension")), out_dir=tmp_path)
    assert "应急查扣延期〔2026〕" in ext["number"]


# --- 001 第六条（三）3: 强制停止供电 is a 重大执法决定 that needs 法制审核 ------------------------------------------

def test_stopping_power_needs_an_agreeing_legal_review_dated_before_the_decision():
    answers = get_kind("supply_stop_decision").sample()
    assert "legal_review.required" not in codes(check("supply_stop_decision", answers))
    answers.pop("legal_review")
    found = [f for f in check("supply_stop_decision", answers) if f["code"] == "legal_review.required"]
    assert found and found[0]["severity"] == "error" and "法制审核制度》第六条（三）3" in found[0]["message"] and "001" not in found[0]["message"]
    answers["legal_review"] = {"number": "（晋忻神）法审〔2026〕3号", "conclusion": "不同意", "date": "2026-10-22"}
    assert "legal_review.required" in codes(check("supply_stop_decision", answers), "error")
    answers["legal_review"] = {"number": "（晋忻神）法审〔2026〕3号", "conclusion": "同意", "date": "2026-10-24"}
    assert "legal_review.after_decision" in codes(check("supply_stop_decision", answers), "error")
    answers["legal_review"]["date"] = "2026-10-23"
    assert not codes(check("supply_stop_decision", answers), "error")


def test_stopping_explosives_supply_is_not_on_the_review_list():
    answers = get_kind("supply_stop_decision").sample()
    answers.pop("legal_review")
    answers["supply"] = "供应民用爆炸物品"
    assert "legal_review.required" not in codes(check("supply_stop_decision", answers))
