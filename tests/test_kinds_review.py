"""The case forms: 法制审核 (001 附件1–3), 集体讨论记录, 公示摘要, 立案/结案审批表."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document

from templates.filters import FILTERS
from templates.kinds import get_kind
from templates.render import RenderRefused, render_document
from validators import rulebook
from validators.context import CheckContext
from validators.engine import validate
from validators.masking import mask_text
from validators.review_forms import legal_review_fact

MINE = ["notice", "legal_review_application", "legal_review_approval", "legal_review_opinion",
        "collective_discussion", "publication_summary", "case_filing", "case_closing"]


def findings(kind: str, answers: dict, context: CheckContext | None = None) -> list[dict]:
    return validate(get_kind(kind).schema, answers, context or CheckContext())


def codes(kind: str, answers: dict, severity: str = "error", context: CheckContext | None = None) -> set:
    return {(f["path"], f["code"]) for f in findings(kind, answers, context) if f["severity"] == severity}


def sample(kind: str) -> dict:
    return get_kind(kind).sample()


def text_of(path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


# --- every kind ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", MINE)
def test_sample_validates_without_error_and_renders(name, tmp_path):
    kind = get_kind(name)
    assert not [f for f in findings(name, kind.sample()) if f["severity"] == "error"]
    out = tmp_path / f"{name}.docx"
    render_document(kind, kind.sample(), out)
    text = text_of(out)
    assert "{{" not in text and "{%" not in text
    assert kind.title in text


@pytest.mark.parametrize("name", MINE)
def test_every_field_has_a_chinese_title_and_a_wizard_step(name):
    kind = get_kind(name)
    props = kind.schema["properties"]
    for key, sub in props.items():
        assert sub.get("title") and any("\u4e00" <= ch <= "\u9fff" for ch in sub["title"]), key
    in_steps = [f for step in kind.steps for f in step["fields"]]
    assert sorted(in_steps) == sorted(props), "every field in exactly one step"


def test_procedure_order():
    order = {n: get_kind(n).order for n in MINE}
    assert order["case_filing"] == 10 and order["case_closing"] == 90
    assert 50 <= order["legal_review_application"] < order["legal_review_approval"] < order["legal_review_opinion"] \
        < order["collective_discussion"] <= 55
    assert 60 < order["publication_summary"] < 70  # after the decision, before delivery
    assert get_kind("collective_discussion").record and get_kind("collective_discussion").code == "应急罚集"
    assert get_kind("legal_review_opinion").code == "法审"
    assert (get_kind("case_filing").code, get_kind("case_closing").code) == ("应急立", "应急结")


def test_refused_answers_write_nothing(tmp_path):
    answers = sample("collective_discussion")
    del answers["host"]
    out = tmp_path / "x.docx"
    with pytest.raises(RenderRefused) as exc:
        render_document(get_kind("collective_discussion"), answers, out)
    assert ("/host", "field.missing") in {(f["path"], f["code"]) for f in exc.value.findings}
    assert not out.exists()


# --- 法制审核 ------------------------------------------------------------------------------------

def test_application_needs_two_officers_and_its_fields():
    answers = sample("legal_review_application")
    answers["officers"] = answers["officers"][:1]
    del answers["penalty_basis"]
    assert {("/officers", "officers.too_few"), ("/penalty_basis", "field.missing")} <= codes(
        "legal_review_application", answers)


def test_application_prints_the_fields_of_001_annex_1(tmp_path):
    out = tmp_path / "a.docx"
    render_document(get_kind("legal_review_application"), sample("legal_review_application"), out)
    text = text_of(out)
    for label in ("拟决定", "简要情况", "法律依据", "决定意见", "资格情况", "备", "违法条款：", "处罚依据：",
                  "承办机构（单位）主要负责人：", "分管承办机构（单位）的部门负责人：", "法制机构主要负责人：",
                  "申请机构（单位）：", "承办人：", "申请日期："):
        assert label in text, label
    assert "14090012345" in text


def test_approval_review_due_is_computed_and_a_typed_one_that_disagrees_is_an_error():
    # 001 第十四条: 10 working days from the complete materials (+10 on approval), never typed
    answers = sample("legal_review_approval")
    assert "review_due" not in answers and not codes("legal_review_approval", answers)
    answers["review_due"] = "2026-11-03"  # 2026-10-20 + 10 working days: agrees
    assert not codes("legal_review_approval", answers)
    answers["review_due"] = "2026-11-25"
    found = [f for f in findings("legal_review_approval", answers) if f["code"] == "legal_review.due_wrong"]
    assert found and "2026年11月3日" in found[0]["message"] and "法制审核制度》第十四条" in found[0]["message"]
    answers["extended"] = True  # +10 working days on approval: 2026-11-17
    answers["review_due"] = "2026-11-17"
    assert not codes("legal_review_approval", answers)


def test_approval_prints_every_opinion_row_with_a_blank_signature(tmp_path):
    out = tmp_path / "b.docx"
    render_document(get_kind("legal_review_approval"), sample("legal_review_approval"), out)
    text = text_of(out)
    for label in ("拟决定", "送审机构", "送审时间", "法律专家", "法制机构", "分管法制机构的部门负责人意见",
                  "应急管理局主要负责人意见", "说　明", "此表由法制机构留存", "经办人："):
        assert label in text, label
    assert text.count("年　　月　　日") >= 4
    # 001 附件2's 说明 has exactly its two items
    assert "2. 此表由法制机构留存。" in text and "3." not in text.split("说　明")[1].split("经办人")[0]


def test_opinion_conclusions_are_those_of_001_article_12():
    enum = get_kind("legal_review_opinion").schema["properties"]["conclusion"]["enum"]
    assert tuple(enum) == rulebook.LEGAL_REVIEW_CONCLUSIONS == ("同意", "纠正", "撤销或不予作出", "移送")
    answers = sample("legal_review_opinion")
    answers["conclusion"] = "不同意"
    assert ("/conclusion", "field.choice") in codes("legal_review_opinion", answers)


def test_opinion_other_than_agree_must_give_reasons():
    answers = sample("legal_review_opinion")
    answers["conclusion"] = "纠正"
    answers["opinions"] = ["  "]
    assert ("/opinions", "legal_review.reasons_missing") in codes("legal_review_opinion", answers)
    answers["opinions"] = ["罚款数额裁量过重，应按裁量基准第三档调整。"]
    assert ("/opinions", "legal_review.reasons_missing") not in codes("legal_review_opinion", answers)


def test_opinion_number_and_conclusion_print_and_feed_the_case(tmp_path):
    answers = sample("legal_review_opinion")
    out = tmp_path / "o.docx"
    render_document(get_kind("legal_review_opinion"), answers, out)
    text = text_of(out)
    assert "安全生产行政执法文书（内部）" in text and "（晋忻神）安监法审〔2026〕3号" in text
    assert "审核结论：同意。" in text and "1. 执法主体适格" in text and "（印章）" in text
    assert legal_review_fact(answers) == {"conclusion": "同意", "number": answers["number"], "date": "2026-10-28",
                                          "correction_applied": False}


# --- 集体讨论 ------------------------------------------------------------------------------------

def test_discussion_checks_host_participants_and_opinions():
    answers = sample("collective_discussion")
    answers["host"] = "赵某"
    answers["opinions"].append({"name": "外人", "opinion": "同意"})
    answers["participants"].append({"name": "陈副局", "title": "副局长"})
    found = codes("collective_discussion", answers)
    assert ("/host", "discussion.host_absent") in found
    assert ("/opinions/4/name", "discussion.opinion_not_participant") in found
    assert ("/participants/4/name", "discussion.duplicate") in found


def test_discussion_needs_enough_participants_and_warns_on_silent_ones():
    answers = sample("collective_discussion")
    answers["participants"] = answers["participants"][:2]
    answers["opinions"] = answers["opinions"][-1:]
    assert ("/participants", "discussion.too_few") in codes("collective_discussion", answers)
    answers = sample("collective_discussion")
    answers["opinions"] = answers["opinions"][:2]
    assert ("/opinions", "discussion.opinion_missing") in codes("collective_discussion", answers, "warning")


def test_discussion_refuses_a_decision_the_review_found_unlawful_and_checks_the_case():
    answers = sample("collective_discussion")
    answers["legal_review_conclusion"] = "撤销或不予作出"
    assert ("/legal_review_conclusion", "discussion.review_unlawful") in codes("collective_discussion", answers)
    answers["legal_review_conclusion"] = "同意"
    ctx = CheckContext(case={"legal_review": {"conclusion": "纠正"}})
    assert ("/legal_review_conclusion", "discussion.review_mismatch") in codes("collective_discussion", answers,
                                                                                "warning", ctx)
    answers["legal_review_conclusion"] = "通过"
    assert ("/legal_review_conclusion", "field.choice") in codes("collective_discussion", answers)


def test_discussion_has_a_signature_line_per_participant(tmp_path):
    answers = sample("collective_discussion")
    out = tmp_path / "d.docx"
    render_document(get_kind("collective_discussion"), answers, out)
    paras = [p.text for p in Document(out).paragraphs]
    for person in answers["participants"]:
        assert sum(1 for p in paras if p.strip().startswith(person["name"] + "：＿")) == 1, person
    assert any(p.startswith("记录人（签名）") for p in paras)
    assert any(p.startswith("法制审核结论：同意") for p in paras)


# --- 公示摘要 ------------------------------------------------------------------------------------

def test_masking_filters():
    assert FILTERS["mask_id"]("140922198503121029") == "140922********1029"
    assert FILTERS["mask_phone"]("13912345678") == "139****5678"
    assert FILTERS["mask_address"]("山西省忻州市神池县龙泉镇东街18号") == "山西省忻州市神池县"
    assert FILTERS["mask_text"]("身份证140922198503121029，电话13912345678，座机0350-1234567。") == \
        "身份证140922********1029，电话139****5678，座机0350-***4567。"
    assert mask_text("文号〔2026〕12号，罚款50000元") == "文号〔2026〕12号，罚款50000元"


def test_publication_of_a_person_leaks_no_id_phone_or_address(tmp_path):
    answers = sample("publication_summary")
    party = answers["party"]
    answers["facts"] += f"当事人联系电话{party['phone']}，身份证号{party['id_no']}。"
    out = tmp_path / "p.docx"
    render_document(get_kind("publication_summary"), answers, out)
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    for secret in (party["id_no"], party["phone"], "东街18号", party["id_no"][6:14]):
        assert secret not in xml, secret
    text = text_of(out)
    assert "140922********1029" in text and "住址：山西省忻州市神池县；" not in text and "139****5678" in text
    assert "住址：山西省忻州市神池县" in text
    for field in ("（晋忻神）应急罚〔2026〕15号", "赵某某未经许可储存烟花爆竹案", "神池县应急管理局", "2026年11月2日"):
        assert field in text
    warnings = codes("publication_summary", answers, "warning")
    assert ("/facts", "publication.personal_data") in warnings


def test_publication_of_an_organisation_keeps_name_and_credit_code(tmp_path):
    answers = sample("publication_summary")
    answers["party"] = sample("case_closing")["object"]
    answers["takedown_date"] = "2031-12-10"  # 5 years for an organisation
    out = tmp_path / "o.docx"
    render_document(get_kind("publication_summary"), answers, out)
    text = text_of(out)
    assert "神池县某煤业有限公司" in text and "91110000600037341L" in text
    assert "13800000000" not in text


def test_publication_dates():
    answers = sample("publication_summary")
    answers["takedown_date"] = "2027-11-05"  # a natural person: 2 years (002 第四条(四))
    assert ("/takedown_date", "publication.takedown_early") in codes("publication_summary", answers)
    answers["party"] = sample("case_closing")["object"]  # an organisation: 5 years
    answers["takedown_date"] = "2029-11-05"
    assert ("/takedown_date", "publication.takedown_early") in codes("publication_summary", answers)
    answers["takedown_date"] = "2031-11-05"
    assert ("/takedown_date", "publication.takedown_early") not in codes("publication_summary", answers)
    answers["publication_date"] = "2026-10-01"
    assert ("/publication_date", "date.order") in codes("publication_summary", answers)
    answers["publication_date"] = "2026-11-20"
    assert ("/publication_date", "publication.late") in codes("publication_summary", answers, "warning")
    answers["publication_due"] = "2026-12-20"  # far beyond 7 working days
    assert ("/publication_due", "deadline.exceeded") in codes("publication_summary", answers, "warning")
    answers["decision_type"] = "其他"  # 20 working days
    answers["publication_due"] = "2026-11-28"
    assert ("/publication_due", "deadline.exceeded") not in codes("publication_summary", answers, "warning")


# --- 立案 / 结案 ----------------------------------------------------------------------------------

def test_filing_urgent_start_is_made_up_within_24_hours():
    answers = sample("case_filing")
    answers["urgent"] = True
    assert ("/started_at", "field.missing") in codes("case_filing", answers)
    answers["started_at"] = "2026-11-20T11:30"
    answers["approved_at"] = "2026-11-21T17:30"
    assert ("/approved_at", "filing.makeup_late") in codes("case_filing", answers)
    answers["approved_at"] = "2026-11-21T09:00"
    assert codes("case_filing", answers) == set()


def test_filing_prints_the_elements_of_003_article_12(tmp_path):
    answers = sample("case_filing")
    answers["urgent"], answers["started_at"] = True, "2026-11-20T11:30"
    out = tmp_path / "f.docx"
    render_document(get_kind("case_filing"), answers, out)
    text = text_of(out)
    for label in ("启动原因", "当事人", "承办人意见", "承办机构", "法律依据", "负责人", "承办人（签名）"):
        assert label in text, label
    assert "情况紧急，已于2026年11月20日11时30分先行启动执法程序" in text


def test_closing_dates_and_archive_due(tmp_path):
    answers = sample("case_closing")
    answers["archive_due"] = "2026-11-01"
    assert ("/archive_due", "date.order") in codes("case_closing", answers)
    answers["archive_due"] = "2027-03-01"
    assert ("/archive_due", "deadline.exceeded") in codes("case_closing", answers, "warning")
    answers["closing_date"] = "2026-09-01"
    assert ("/closing_date", "date.order") in codes("case_closing", answers)
    out = tmp_path / "c.docx"
    render_document(get_kind("case_closing"), sample("case_closing"), out)
    assert "结案日期：2026年11月18日，应于2026年12月18日前归档" in text_of(out)
    del answers["execution"]
    assert ("/execution", "field.missing") in codes("case_closing", answers)
