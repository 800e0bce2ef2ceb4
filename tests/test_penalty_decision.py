"""行政处罚决定书: the contents of 行政处罚法 第五十九条, amounts in capital Chinese, remedies wording."""

from __future__ import annotations

from datetime import datetime

import pytest
from docx import Document

from templates.kinds import get_kind
from templates.render import RenderRefused, render_document
from validators.context import CheckContext
from validators.engine import validate
from validators.findings import errors

KIND = get_kind("penalty_decision")
CTX = CheckContext(now=datetime(2026, 12, 1, 9, 0), kind="penalty_decision")


#: 安全生产法 第九十九条 (the sample's basis) provides no 警告 (the legal_basis rule says so): a decision with a
#: 警告 here rests on a 规章, named without an article so that no article number is claimed.
WARNING_BASIS = "《安全生产违法行为行政处罚办法》的有关规定"

def _errors(answers) -> dict[str, str]:
    return {f["path"]: f["code"] for f in errors(validate(KIND.schema, answers, CTX))}


def _text(path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


def test_the_sample_is_complete():
    assert _errors(KIND.sample()) == {}


def test_kind_metadata_lists_its_rules_and_code():
    assert KIND.code == "应急罚"
    assert KIND.meta["rules"] == ["penalty_decision", "legal_basis", "legal_review", "procedure_order"]
    assert KIND.record is False


@pytest.mark.parametrize(("path", "remove"), [
    ("/object/name", ("object", "name")),
    ("/object/address", ("object", "address")),
    ("/facts", ("facts",)),
    ("/evidence", ("evidence",)),
    ("/basis", ("basis",)),
    ("/remedies/reconsideration_body", ("remedies", "reconsideration_body")),
    ("/remedies/court", ("remedies", "court")),
    ("/agency", ("agency",)),
    ("/date", ("date",)),
])
def test_each_required_content_missing_is_an_error_at_its_path(path, remove):
    answers = KIND.sample()
    node = answers
    for part in remove[:-1]:
        node = node[part]
    node[remove[-1]] = "\u3000 "
    found = _errors(answers)
    assert found.get(path) == "decision.missing", found


def test_a_decision_without_any_penalty_is_an_error():
    answers = KIND.sample()
    answers["penalties"] = []
    assert _errors(answers)["/penalties"] == "decision.no_penalty"


@pytest.mark.parametrize("amount", [0, "", "-100", None])
def test_a_fine_needs_an_amount_above_zero(amount):
    answers = KIND.sample()
    answers["penalties"] = [{"kind": "warning", "description": ""}, {"kind": "fine", "amount": amount, "description": ""}]
    assert _errors(answers).get("/penalties/1/amount") == "decision.amount"


def test_a_fine_needs_the_bank_and_account_but_a_warning_does_not():
    answers = KIND.sample()
    answers["payment"] = {"bank": "", "account": ""}
    found = _errors(answers)
    assert found["/payment/bank"] == found["/payment/account"] == "decision.missing"
    answers["penalties"] = [{"kind": "warning", "description": ""}]
    answers["basis"] = WARNING_BASIS
    assert _errors(answers) == {}


@pytest.mark.parametrize("text", [
    "如不服本决定，可以在收到本决定书之日起六十日内依法向神池县人民政府申请行政复议，或者在三个月内依法向神池县人民法院提起行政诉讼。",
    "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者依法提起行政诉讼。",
])
def test_an_own_remedies_text_with_a_wrong_or_missing_litigation_period_is_an_error(text):
    answers = KIND.sample()
    answers["remedies"]["text"] = text
    assert _errors(answers)["/remedies/text"] == "remedies.litigation_period"


def test_an_own_remedies_text_must_state_sixty_days_for_reconsideration():
    answers = KIND.sample()
    answers["remedies"]["text"] = "如不服本决定，可以依法申请行政复议，或者在六个月内依法向神池县人民法院提起行政诉讼。"
    found = [f["code"] for f in errors(validate(KIND.schema, answers, CTX)) if f["path"] == "/remedies/text"]
    assert found == ["remedies.reconsideration_period"]


def test_a_decision_dated_before_the_violation_or_the_filing_is_an_error():
    answers = KIND.sample()
    answers["date"] = "2026-11-19"
    found = {f["code"] for f in errors(validate(KIND.schema, answers, CTX)) if f["path"] == "/date"}
    assert found == {"decision.before_facts", "decision.before_filing"}


def test_a_decision_more_than_ninety_days_after_filing_is_a_warning():
    answers = KIND.sample()
    answers["filed_date"] = "2026-08-01"
    found = validate(KIND.schema, answers, CTX)
    late = [f for f in found if f["code"] == "decision.late"]
    assert late and late[0]["severity"] == "warning" and "90" in late[0]["message"]


def test_the_printed_decision_has_the_amounts_payment_and_remedies_wording(tmp_path):
    answers = KIND.sample()
    answers["penalties"] = [{"kind": "warning", "description": ""},
                            {"kind": "fine", "amount": "12000.5", "description": ""}]
    answers["basis"] = WARNING_BASIS
    out = tmp_path / "d.docx"
    render_document(KIND, answers, out, context=CTX)
    text = _text(out)
    assert "（晋忻神）应急罚〔2026〕12号" in text
    assert "被处罚单位：神池县某煤业有限公司" in text
    assert "一、警告；" in text
    assert "二、罚款人民币壹万贰仟元伍角整（￥12000.50）。" in text
    assert ("罚款自收到本决定书之日起十五日内缴至中国农业银行神池县支行（户名：神池县财政局非税收入汇缴专户，"
            "账号：04-123401040001234）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，"
            "加处罚款的数额不超出罚款的数额。") in text
    assert ("如不服本决定，可以在收到本决定书之日起六十日内依法向神池县人民政府申请行政复议，或者在六个月内依法向"
            "神池县人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。") in text
    assert "三个月" not in text
    assert "神池县应急管理局\n（印章）\n2026年12月1日" in text


def test_a_warning_only_decision_prints_no_payment_paragraph(tmp_path):
    answers = KIND.sample()
    answers["penalties"] = [{"kind": "warning", "description": ""}]
    answers["basis"] = WARNING_BASIS
    out = tmp_path / "w.docx"
    render_document(KIND, answers, out, context=CTX)
    text = _text(out)
    assert "一、警告。" in text
    assert "缴至" not in text and "人民币" not in text


def test_a_person_is_addressed_as_a_person(tmp_path):
    answers = KIND.sample()
    answers["object"] = {"type": "person", "name": "孙七", "id_no": "11010519491231002X", "gender": "男",
                        "address": "山西省忻州市神池县龙泉镇新华街8号", "phone": "13900000000"}
    # 3万元 against a person is a major decision (001 第六条): it carries its passing 法制审核 opinion.
    answers["legal_review"] = {"number": "（晋忻神）安监法审〔2026〕3号", "conclusion": "同意"}
    # 安全生产法 第九十四条 fines the 主要负责人 2万–5万 (legal_basis checks the range for a person).
    answers["violated"] = "《中华人民共和国安全生产法》第二十一条"
    answers["basis"] = "《中华人民共和国安全生产法》第九十四条第一款"
    out = tmp_path / "p.docx"
    render_document(KIND, answers, out, context=CTX)
    text = _text(out)
    assert "被处罚人：孙七" in text and "被处罚单位" not in text
    assert "你的上述行为违反了" in text and "你单位的上述行为" not in text


def test_an_own_remedies_text_is_printed_instead_of_the_standard_one(tmp_path):
    answers = KIND.sample()
    own = "如不服本决定，可以在收到本决定书之日起六十日内依法向忻州市应急管理局申请行政复议，或者在六个月内依法向神池县人民法院提起行政诉讼。"
    answers["remedies"]["text"] = own
    out = tmp_path / "r.docx"
    render_document(KIND, answers, out, context=CTX)
    text = _text(out)
    assert own in text and "神池县人民政府" not in text


def test_a_wrong_remedies_text_blocks_the_document(tmp_path):
    answers = KIND.sample()
    answers["remedies"]["text"] = "如不服本决定，可在三个月内提起行政诉讼。"
    out = tmp_path / "x.docx"
    with pytest.raises(RenderRefused):
        render_document(KIND, answers, out, context=CTX)
    assert not out.exists()


def test_several_penalties_are_numbered_and_other_prints_its_own_wording(tmp_path):
    answers = KIND.sample()
    answers["penalties"] = [
        {"kind": "fine", "amount": 30000, "description": ""},
        {"kind": "suspend_production", "description": "停产整顿三十日"},
        {"kind": "other", "description": "暂扣安全生产许可证三个月"},
    ]
    answers["legal_review"] = {"number": "（晋忻神）安监法审〔2026〕3号", "conclusion": "同意"}  # 停产停业 is major
    out = tmp_path / "n.docx"
    render_document(KIND, answers, out, context=CTX)
    text = _text(out)
    assert "一、罚款人民币叁万元整（￥30000.00）；" in text
    assert "二、责令停产停业：停产整顿三十日；" in text
    assert "三、暂扣安全生产许可证三个月。" in text and "其他" not in text


def test_a_major_decision_is_refused_without_a_passing_review_and_rendered_with_one(tmp_path):
    answers = KIND.sample()
    answers["penalties"] = [{"kind": "fine", "amount": 50000, "description": ""}]  # 单位 5万元: 重大 (001 第六条)
    out = tmp_path / "major.docx"
    with pytest.raises(RenderRefused) as refused:
        render_document(KIND, answers, out, context=CTX)
    assert "legal_review.required" in {f["code"] for f in refused.value.findings}
    assert not out.exists()
    answers["legal_review"] = {"number": "（晋忻神）安监法审〔2026〕3号", "conclusion": "不同意"}
    with pytest.raises(RenderRefused):
        render_document(KIND, answers, out, context=CTX)
    answers["legal_review"]["conclusion"] = "同意"
    render_document(KIND, answers, out, context=CTX)
    assert out.exists()
