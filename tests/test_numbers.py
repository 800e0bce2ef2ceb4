"""Document numbers (DOMAIN.md §4): every malformed class is named, explained and, when the fix is
unambiguous, corrected; real numbers pass; the 代字 table follows the kind and the agency's settings."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from templates.kinds import get_kind
from validators.context import CheckContext
from validators.engine import validate
from validators.numbers import (
    NumberParts,
    check_number,
    code_table,
    draft_number,
    format_draft,
    format_number,
    kind_code,
    parse_number,
    prefix_for,
)

DAY = date(2026, 11, 23)

VALID = ["鄂能局发〔2020〕209号", "神应急字〔2019〕35号", "国发〔2012〕1号", "（晋忻神）应急罚〔2026〕12号"]


@pytest.mark.parametrize("text", VALID)
def test_real_numbers_are_valid_and_already_canonical(text):
    result = check_number(text, on=DAY)
    assert result == {"valid": True, "normalized": text, "findings": []}


@pytest.mark.parametrize(
    ("text", "code", "says", "normalized"),
    [
        ("鄂能局发[2020]209号", "number.bracket", "六角括号", "鄂能局发〔2020〕209号"),
        ("鄂能局发［2020］209号", "number.bracket", "［］", "鄂能局发〔2020〕209号"),
        ("鄂能局发【2020】209号", "number.bracket", "【】", "鄂能局发〔2020〕209号"),
        ("国发(2012)1号", "number.bracket", "()", "国发〔2012〕1号"),
        ("国发（2012）1号", "number.bracket", "（）", "国发〔2012〕1号"),
        ("国发﹝2012﹞1号", "number.bracket", "﹝﹞", "国发〔2012〕1号"),
        ("国发〈2012〉1号", "number.bracket", "〈〉", "国发〔2012〕1号"),
        ("（晋忻神）应急罚(2026)12号", "number.bracket", "〔2026〕", "（晋忻神）应急罚〔2026〕12号"),
        ("神应急字〔2019〕035号", "number.seq_leading_zero", "35号", "神应急字〔2019〕35号"),
        ("（晋忻神）应急罚〔2026〕009号", "number.seq_leading_zero", "9号", "（晋忻神）应急罚〔2026〕9号"),
        ("（晋忻神）应急罚〔2026〕第9号", "number.seq_di", "第", "（晋忻神）应急罚〔2026〕9号"),
        ("国发〔2012〕1", "number.seq_suffix", "号", "国发〔2012〕1号"),
        ("国发〔2012〕 1号", "number.space", "空格", "国发〔2012〕1号"),
        ("（晋忻神）应急罚\u3000〔2026〕12号", "number.space", "全角空格", "（晋忻神）应急罚〔2026〕12号"),
        ("(晋忻神)应急罚〔2026〕12号", "number.region_paren", "全角圆括号", "（晋忻神）应急罚〔2026〕12号"),
        ("（晋忻神)应急罚〔2026〕12号", "number.region_paren", "（晋忻神）", "（晋忻神）应急罚〔2026〕12号"),
        ("国发〔２０１２〕１号", "number.digits", "半角", "国发〔2012〕1号"),
    ],
)
def test_fixable_fault_is_named_explained_and_corrected(text, code, says, normalized):
    result = check_number(text, on=DAY)
    assert result["valid"] is False
    assert [f["code"] for f in result["findings"]] == [code]
    assert says in result["findings"][0]["message"]
    assert result["findings"][0]["severity"] == "error"
    assert result["normalized"] == normalized
    assert check_number(normalized, on=DAY)["valid"]


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        ("国发〔12〕1号", "number.year", "4位"),
        ("国发〔20120〕1号", "number.year", "4位"),
        ("国发〔〕1号", "number.year", "缺少年份"),
        ("国发〔2027〕1号", "number.year", "晚于文书日期"),
        ("国发〔1948〕1号", "number.year", "1949"),
        ("国发〔2012〕0号", "number.seq_zero", "从1开始"),
        ("国发〔2012〕000号", "number.seq_zero", "不能为0"),
        ("（晋忻神）应急罚〔2026〕号", "number.seq_missing", "序号"),
        ("（）应急罚〔2026〕12号", "number.region_empty", "地区简称"),
        ("鄂能局发2020209号", "number.format", "〔年份〕"),
        ("hello", "number.format", "无法识别"),
        ("", "number.format", "为空"),
    ],
)
def test_unfixable_fault_is_named_and_offers_no_guess(text, code, says):
    result = check_number(text, on=DAY)
    assert result["valid"] is False
    assert code in [f["code"] for f in result["findings"]]
    assert says in next(f["message"] for f in result["findings"] if f["code"] == code)
    assert result["normalized"] is None


def test_empty_region_of_a_blank_template_is_never_an_issued_number():
    result = check_number("（ ）安监法审〔 〕 号", on=DAY)
    codes = {f["code"] for f in result["findings"]}
    assert {"number.region_empty", "number.space", "number.year", "number.seq_missing"} <= codes
    assert result["normalized"] is None
    assert "空白文书模板" in next(f["message"] for f in result["findings"] if f["code"] == "number.region_empty")


def test_several_faults_are_all_reported_and_all_fixed():
    result = check_number("(晋忻神) 应急罚[2026]第009", on=DAY)
    assert [f["code"] for f in result["findings"]] == [
        "number.space", "number.region_paren", "number.bracket", "number.seq_leading_zero",
        "number.seq_di", "number.seq_suffix"]
    assert result["normalized"] == "（晋忻神）应急罚〔2026〕9号"


def test_one_unfixable_fault_withholds_the_suggestion_but_reports_the_rest():
    result = check_number("国发[2030]01号", on=DAY)
    assert {f["code"] for f in result["findings"]} == {"number.bracket", "number.year", "number.seq_leading_zero"}
    assert result["normalized"] is None


def test_year_is_only_compared_with_a_date_when_one_is_given():
    assert check_number("国发〔2099〕1号")["valid"]
    assert not check_number("国发〔2099〕1号", on=DAY)["valid"]
    assert check_number("国发〔2026〕1号", on=date(2026, 1, 1))["valid"]


def test_code_must_match_the_kind():
    ok = check_number("（晋忻神）应急罚〔2026〕12号", on=DAY, expected_code="应急罚")
    assert ok["valid"]
    wrong = check_number("（晋忻神）应急罚告〔2026〕12号", on=DAY, expected_code="应急罚")
    assert [f["code"] for f in wrong["findings"]] == ["number.code_mismatch"]
    assert "应急罚" in wrong["findings"][0]["message"] and wrong["normalized"] is None
    # a department part before the 文种代字 is allowed (001 附件3: 安监法审)
    assert check_number("（晋忻神）安监法审〔2026〕3号", on=DAY, expected_code="法审")["valid"]


def test_parse_and_format_round_trip():
    parts = parse_number("（晋忻神）应急罚〔2026〕12号")
    assert parts == NumberParts("晋忻神", "应急罚", 2026, 12)
    assert parts.full_prefix == "（晋忻神）应急罚"
    assert format_number(parts) == "（晋忻神）应急罚〔2026〕12号"
    assert parse_number("国发〔2012〕1号") == NumberParts(None, "国发", 2012, 1)
    # tolerant of fixable faults, strict where the fix would be a guess
    assert format_number(parse_number("(晋忻神)应急罚[2026]第009")) == "（晋忻神）应急罚〔2026〕9号"
    assert parse_number("国发〔12〕1号") is None
    assert parse_number("国发〔2012〕0号") is None
    assert parse_number(None) is None


def test_draft_shows_a_blank_for_the_sequence():
    assert format_draft("（晋忻神）应急罚", 2026) == "（晋忻神）应急罚〔2026〕\u3000\u3000号"
    assert not check_number(format_draft("（晋忻神）应急罚", 2026), on=DAY)["valid"]


def test_code_table_defaults_come_from_the_kind_and_settings_override_them():
    assert kind_code("inspection_record") == get_kind("inspection_record").code == "应急检记"
    assert kind_code("inspection_record", {"kind_codes": {"inspection_record": "安监检记"}}) == "安监检记"
    assert kind_code("no_such_kind") is None
    assert code_table({})["inspection_record"] == "应急检记"


def test_prefix_for_uses_the_agency_region_or_its_short_name():
    settings = {"agency": {"name": "神池县应急管理局", "region": "晋忻神", "short": "神应急"}}
    assert prefix_for("应急罚", settings) == "（晋忻神）应急罚"
    assert prefix_for("字", {"agency": {"region": "", "short": "神应急"}}) == "神应急字"
    with pytest.raises(ValueError, match="文种代字"):
        prefix_for(None, settings)


def _context(**settings):
    return CheckContext(now=datetime(2026, 11, 23, 9, 0), kind="inspection_record", settings=settings)


def test_document_number_field_check_runs_in_validation_with_the_kind_code():
    kind = get_kind("inspection_record")
    answers = kind.sample()
    assert not [f for f in validate(kind.schema, answers, _context()) if f["path"] == "/number"]

    answers["number"] = "（晋忻神）应急罚〔2026〕12号"
    found = [f for f in validate(kind.schema, answers, _context()) if f["path"] == "/number"]
    assert [f["code"] for f in found] == ["number.code_mismatch"]
    assert "应急检记" in found[0]["message"]

    answers["number"] = "(晋忻神)应急检记[2026]12号"
    found = [f for f in validate(kind.schema, answers, _context()) if f["path"] == "/number"]
    assert {f["code"] for f in found} == {"number.region_paren", "number.bracket"}
    assert "（晋忻神）应急检记〔2026〕12号" in found[0]["message"]


def test_agency_code_override_changes_what_the_check_expects():
    kind = get_kind("inspection_record")
    answers = kind.sample()
    answers["number"] = "（晋忻神）安监检记〔2026〕3号"
    ctx = _context(kind_codes={"inspection_record": "安监检记"})
    assert not [f for f in validate(kind.schema, answers, ctx) if f["path"] == "/number"]
    assert [f["code"] for f in validate(kind.schema, answers, _context()) if f["path"] == "/number"] == [
        "number.code_mismatch"]


def test_blank_number_in_a_draft_is_not_this_checks_business():
    kind = get_kind("inspection_record")
    answers = kind.sample()
    answers["number"] = ""
    assert not [f for f in validate(kind.schema, answers, _context()) if f["code"].startswith("number.")]


def test_draft_number_of_a_kind_uses_the_agency_prefix():
    settings = {"agency": {"region": "晋忻神", "short": "神应急"}}
    assert draft_number("inspection_record", settings, 2026) == "（晋忻神）应急检记〔2026〕\u3000\u3000号"


def test_check_number_command_prints_the_result_and_exits_1_when_invalid(capsys):
    import json

    from wenshu.cli import main

    assert main(["check-number", "国发[2012]01号", "--date", "2026-11-20"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["normalized"] == "国发〔2012〕1号"
    assert [f["code"] for f in out["findings"]] == ["number.bracket", "number.seq_leading_zero"]
    assert main(["check-number", "鄂能局发〔2020〕209号"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(region=st.one_of(st.none(), st.text(_CJK, min_size=1, max_size=4)),
       prefix=st.text(_CJK, min_size=1, max_size=6),
       year=st.integers(1949, 2026), seq=st.integers(1, 99999))
def test_every_canonical_number_parses_back_to_its_parts_and_is_valid(region, prefix, year, seq):
    parts = NumberParts(region, prefix, year, seq)
    text = format_number(parts)
    assert parse_number(text) == parts
    assert check_number(text, on=DAY) == {"valid": True, "normalized": text, "findings": []}


_PIECES = st.sampled_from(list("（）()〔〕[]【】﹝﹞〈〉第号0123456789０１ \u3000\t晋忻神应急罚国发x"))


@given(st.one_of(st.text(max_size=30), st.text(_PIECES, max_size=25)))
def test_any_text_gets_an_answer_and_every_suggestion_is_valid(text):
    result = check_number(text, on=DAY)
    assert result["valid"] == (not result["findings"])
    if result["normalized"] is not None:
        assert check_number(result["normalized"], on=DAY)["valid"]


def test_the_year_may_not_lie_after_the_documents_own_date():
    # DOMAIN.md §4 "not after the document date": a record of 2025 cannot carry a number of 2026
    for kind_name, dated in (("inspection_record", {"time": {"start": "2025-12-30T09:30", "end": "2025-12-30T11:00"}}),
                             ("penalty_decision", {"date": "2025-12-30", "filed_date": "2025-11-01",
                                                   "violation_date": "2025-10-30"})):
        kind = get_kind(kind_name)
        answers = {**kind.sample(), **dated}
        ctx = CheckContext(now=datetime(2026, 11, 23, 9, 0), kind=kind_name)
        found = [f for f in validate(kind.schema, answers, ctx) if f["path"] == "/number"]
        assert [(f["code"], f["severity"]) for f in found] == [("number.year", "error")], kind_name
        assert "2025年12月30日" in found[0]["message"]
        answers["number"] = answers["number"].replace("2026", "2025")
        assert not [f for f in validate(kind.schema, answers, ctx) if f["path"] == "/number"]
