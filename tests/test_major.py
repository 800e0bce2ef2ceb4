"""Major decisions (001 第六条; 002 第六条（一）; 行政处罚法 第五十一条、第五十八条、第六十三条) and the
``legal_review`` rule that blocks a major decision until the case holds a passing review."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from templates.kinds import Kind
from templates.render import RenderRefused, render_document
from validators.context import CheckContext
from validators.engine import validate
from validators.major import UnknownRuleSet, act_title, assess, review_passed, yuan_text
from validators.rulebook import DEFAULT_RULE_SET, PENALTY_KINDS


def decision(party: str, *penalties: tuple, **flags) -> dict:
    return {
        "object": {"type": party, "name": "神池县某煤业有限公司" if party == "organization" else "张三"},
        "penalties": [{"kind": k, "amount": a} if a is not None else {"kind": k} for k, a in penalties],
        **flags,
    }


# --- fine thresholds: at and just below ---------------------------------------------------------

@pytest.mark.parametrize("rule_set, party, amount, major", [
    ("seed001", "person", 10000, True),
    ("seed001", "person", "9999.99", False),
    ("seed001", "organization", 50000, True),
    ("seed001", "organization", "49999.99", False),
    ("seed002", "person", "20000.00", True),
    ("seed002", "person", 19999.99, False),
    ("seed002", "person", 10000, False),
    ("seed002", "organization", "50000", True),
    ("seed002", "organization", 49999, False),
])
def test_fine_thresholds(rule_set, party, amount, major):
    result = assess(decision(party, ("fine", amount)), rule_set)
    assert result.major is major
    assert result.rule_set == rule_set
    assert not result.problems
    assert bool(result.reasons) is major


def test_default_rule_set_is_001():
    assert DEFAULT_RULE_SET == "seed001"
    result = assess(decision("person", ("fine", 10000)))
    assert result.rule_set == "seed001" and result.major


def test_reason_names_amount_threshold_and_source():
    result = assess(decision("organization", ("fine", "50000")))
    assert result.reasons == ["罚款数额 5万元 达到对法人或者其他组织的重大处罚标准（法人或者其他组织5万元以上，《神池县应急管理局安全生产重大行政执法决定法制审核制度》第六条（二）3）"]
    result = assess(decision("person", ("fine", 25000)), "seed002")
    assert "2.5万元" in result.reasons[0] and "《工信局行政执法监督制度》第六条（一）" in result.reasons[0]


def test_fines_add_up():
    assert assess(decision("organization", ("fine", 30000), ("fine", "20000"))).major
    assert not assess(decision("organization", ("fine", 30000), ("fine", "19999.99"))).major


@pytest.mark.parametrize("party, amounts, major", [
    ("person", [("confiscate_income", 10000)], True),
    ("person", [("confiscate_property", "9999.99")], False),
    ("organization", [("confiscate_income", 30000), ("confiscate_property", 20000)], True),
    ("organization", [("confiscate_income", 49999)], False),
])
def test_confiscation_counts_like_the_fine_threshold(party, amounts, major):
    result = assess(decision(party, *amounts))
    assert result.major is major
    if major:
        assert "没收" in result.reasons[0]


# --- kinds and flags ----------------------------------------------------------------------------

MAJOR_BY_KIND = {
    "warning": (False, False),
    "public_criticism": (False, False),
    "fine": (False, False),   # small fine below
    "confiscate_income": (False, False),
    "confiscate_property": (False, False),
    "suspend_license": (False, False),
    "lower_qualification": (False, False),
    "revoke_license": (True, True),
    "restrict_operations": (False, False),
    "suspend_production": (True, True),
    "close": (True, True),
    "restrict_practice": (False, True),   # major only in 002 第六条（一）
    "other": (False, False),
}
#: 行政强制 acts are no penalties, but weighed by ``wenshu major-decision``: each is major (001 第六条（三）).
COERCIVE_MAJOR = {"seal_or_seize": (True, True), "stop_power_supply": (True, True), "court_enforcement": (True, True)}


def test_every_penalty_kind_is_covered():
    assert set(MAJOR_BY_KIND) == set(PENALTY_KINDS)


@pytest.mark.parametrize("kind", sorted({**MAJOR_BY_KIND, **COERCIVE_MAJOR}))
@pytest.mark.parametrize("party", ["person", "organization"])
def test_each_penalty_kind(kind, party):
    amount = 100 if kind in ("fine", "confiscate_income", "confiscate_property") else None
    for i, rule_set in enumerate(("seed001", "seed002")):
        result = assess(decision(party, (kind, amount)), rule_set)
        assert result.major is {**MAJOR_BY_KIND, **COERCIVE_MAJOR}[kind][i], (kind, rule_set)
        if result.major:
            assert act_title(kind) in result.reasons[0]


@pytest.mark.parametrize("flag, words", [
    ("major_public_interest", "重大公共利益"),
    ("hearing_held", "经过听证"),
    ("complex_case", "疑难复杂"),
])
def test_flags_make_major(flag, words):
    small = decision("person", ("warning", None))
    assert not assess(small).major
    result = assess({**small, flag: True})
    assert result.major and words in result.reasons[0] and "第五十八条" in result.reasons[0]
    assert not assess({**small, flag: False}).major


def test_several_reasons_are_all_given():
    result = assess(decision("organization", ("fine", 60000), ("suspend_production", None), complex_case=True))
    assert len(result.reasons) == 3


# --- hearing (行政处罚法 第六十三条) ----------------------------------------------------------------

@pytest.mark.parametrize("party, penalties, required", [
    ("person", [("fine", 10000)], True),
    ("person", [("fine", "9999.99")], False),
    ("organization", [("fine", 30000)], True),
    ("organization", [("fine", "29999.99")], False),
    ("person", [("confiscate_income", 10000)], True),
    ("organization", [("confiscate_property", 29999)], False),
    ("organization", [("revoke_license", None)], True),
    ("organization", [("suspend_production", None)], True),
    ("organization", [("close", None)], True),
    ("person", [("restrict_practice", None)], True),
    ("organization", [("lower_qualification", None)], True),
    ("organization", [("suspend_license", None)], False),
    ("organization", [("seal_or_seize", None)], False),
    ("person", [("warning", None)], False),
])
def test_hearing_required(party, penalties, required):
    result = assess(decision(party, *penalties))
    assert result.hearing_required is required
    assert bool(result.hearing_reasons) is required


def test_lowering_qualification_grade_requires_hearing():
    answers = {"object": {"type": "organization"},
               "penalties": [{"kind": "other", "description": "降低资质等级一级"}]}
    result = assess(answers)
    assert result.hearing_required and "第六十三条" in result.hearing_reasons[0]
    answers["penalties"][0]["description"] = "通报批评"
    assert not assess(answers).hearing_required


# --- simple procedure (行政处罚法 第五十一条) -------------------------------------------------------

@pytest.mark.parametrize("party, penalties, allowed", [
    ("person", [("fine", 200)], True),
    ("person", [("fine", "200.01")], False),
    ("organization", [("fine", "3000.00")], True),
    ("organization", [("fine", 3000.01)], False),
    ("person", [("warning", None)], True),
    ("organization", [("warning", None), ("fine", 1000)], True),
    ("person", [("fine", 100), ("confiscate_income", 50)], False),
    ("person", [], False),
])
def test_simple_procedure(party, penalties, allowed):
    assert assess(decision(party, *penalties)).simple_procedure_allowed is allowed


def test_simple_procedure_not_for_complex_case():
    assert not assess(decision("person", ("warning", None), complex_case=True)).simple_procedure_allowed


# --- unusable input never crashes ---------------------------------------------------------------

def test_bad_inputs_become_problems():
    result = assess({"object": {"type": "person"}, "penalties": [{"kind": "fine", "amount": "一万"}]})
    assert not result.major and result.problems[0]["path"] == "/penalties/0/amount"
    assert "无法识别" in result.problems[0]["message"]
    result = assess({"penalties": [{"kind": "fine", "amount": 1}]})
    assert result.problems[0]["path"] == "/object/type"
    result = assess({"object": {"type": "person"}, "penalties": [{"kind": "jail"}, "fine"]})
    assert [p["path"] for p in result.problems] == ["/penalties/0/kind", "/penalties/1/kind"]
    result = assess({"object": {"type": "person"}, "penalties": "fine"})
    assert result.problems[0]["path"] == "/penalties"
    result = assess({"object": {"type": "person"}, "penalties": [{"kind": "fine", "amount": -5}]})
    assert result.problems and not result.major


def test_unknown_rule_set():
    with pytest.raises(UnknownRuleSet) as err:
        assess(decision("person", ("fine", 1)), "seed999")
    assert "seed999" in str(err.value) and "seed001" in str(err.value)


def test_yuan_text():
    assert yuan_text(Decimal("50000.00")) == "5万元"
    assert yuan_text(Decimal("15000")) == "1.5万元"
    assert yuan_text(Decimal("9999.90")) == "9999.9元"


# --- the legal_review rule ----------------------------------------------------------------------

SCHEMA = {"type": "object", "x-wenshu": {"rules": ["legal_review"]}}


def review_findings(answers: dict, review=None, rule_set: str | None = None) -> list:
    case = {} if review is None else {"legal_review": review}
    settings = {} if rule_set is None else {"rule_set": rule_set}
    return validate(SCHEMA, answers, CheckContext(case=case, settings=settings))


MAJOR = decision("organization", ("fine", 60000))


def test_major_decision_needs_review():
    found = review_findings(MAJOR)
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [("/penalties", "legal_review.required", "error")]
    assert "罚款数额 6万元" in found[0]["message"] and "法制审核意见" in found[0]["message"]


@pytest.mark.parametrize("review, passes", [
    ({"conclusion": "同意"}, True),
    ({"conclusion": "纠正", "correction_applied": True}, True),
    ({"conclusion": "纠正"}, False),
    ({"conclusion": "纠正", "correction_applied": False}, False),
    ({"conclusion": "不同意"}, False),
    ({}, False),
    ([{"conclusion": "纠正"}, {"conclusion": "同意"}], True),
    ("同意", False),
])
def test_review_conclusions(review, passes):
    assert review_passed(review) is passes
    found = review_findings(MAJOR, review)
    assert (found == []) is passes
    if not passes:
        assert found[0]["code"] == "legal_review.required"


def test_message_says_what_the_review_lacks():
    assert "要求纠正" in review_findings(MAJOR, {"conclusion": "纠正"})[0]["message"]
    assert "“不同意”" in review_findings(MAJOR, {"conclusion": "不同意"})[0]["message"]
    assert "尚无法制审核意见" in review_findings(MAJOR)[0]["message"]


def test_minor_decision_needs_no_review():
    assert review_findings(decision("organization", ("fine", 49999))) == []


def test_rule_set_comes_from_settings():
    person_15000 = decision("person", ("fine", 15000))
    assert review_findings(person_15000)[0]["code"] == "legal_review.required"
    assert review_findings(person_15000, rule_set="seed002") == []
    found = review_findings(person_15000, rule_set="nonesuch")
    assert found[0]["code"] == "legal_review.rule_set_unknown" and "nonesuch" in found[0]["message"]


def _tiny_kind(folder: Path) -> Kind:
    doc = Document()
    doc.add_paragraph("行政处罚决定书 {{ object.name }}")
    buf = io.BytesIO()
    doc.save(buf)
    folder.mkdir()
    (folder / "template.docx").write_bytes(buf.getvalue())
    schema = {"type": "object", "properties": {"object": {"type": "object"}, "penalties": {"type": "array"}},
              "x-wenshu": {"title": "行政处罚决定书（测试）", "rules": ["legal_review"]}}
    return Kind("penalty_decision_test", "行政处罚决定书（测试）", None, False, "decision", 1, folder, schema)


def test_major_decision_is_not_generated_without_review_and_is_after(tmp_path, monkeypatch):
    # a one-paragraph stub template (no A4 page, no fingerprint footer): the template lint is not what is
    # tested here, the 法制审核 gate is (tests/test_template_lint.py checks every real template)
    monkeypatch.setattr("templates.lint.lint_bytes", lambda data, kind: [])
    kind = _tiny_kind(tmp_path / "kind")
    out = tmp_path / "决定书.docx"
    with pytest.raises(RenderRefused) as err:
        render_document(kind, MAJOR, out, context=CheckContext())
    assert any(f["code"] == "legal_review.required" for f in err.value.findings)
    assert not out.exists()
    render_document(kind, MAJOR, out, context=CheckContext(case={"legal_review": {"conclusion": "同意"}}))
    assert "神池县某煤业有限公司" in "\n".join(p.text for p in Document(str(out)).paragraphs)
