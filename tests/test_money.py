"""Money: capital Chinese amounts (中国人民银行《支付结算办法》附一), half-up rounding to 分, the field check."""

from __future__ import annotations

from decimal import Decimal

import pytest

from validators.money import capital, check_money, format_amount, parse_amount, round_fen
from validators.registry import FIELD_CHECKS


@pytest.mark.parametrize(("amount", "text"), [
    (12000, "人民币壹万贰仟元整"),
    ("12000.00", "人民币壹万贰仟元整"),
    (Decimal("10000"), "人民币壹万元整"),
    ("6007.14", "人民币陆仟零柒元壹角肆分"),          # 支付结算办法 example: 中间的零写一个“零”
    ("325.04", "人民币叁佰贰拾伍元零肆分"),           # 角位是0而分位不是0：元后写“零”
    ("1409.50", "人民币壹仟肆佰零玖元伍角整"),
    ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),       # 元位是0、角位不是0：可不写“零”
    ("10005.5", "人民币壹万零伍元伍角整"),
    (1000001, "人民币壹佰万零壹元整"),
    (100010001, "人民币壹亿零壹万零壹元整"),
    (1010, "人民币壹仟零壹拾元整"),
    (101000, "人民币壹拾万壹仟元整"),                 # 壹拾 written out, never a bare 拾
    (100000000, "人民币壹亿元整"),
    (1100000000, "人民币壹拾壹亿元整"),
    ("10.01", "人民币壹拾元零壹分"),
    ("0.1", "人民币壹角整"),
    ("0.01", "人民币壹分"),
    ("999999999999.99", "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
])
def test_capital_forms(amount, text):
    assert capital(amount) == text


@pytest.mark.parametrize(("amount", "text"), [
    ("0.005", "人民币壹分"),         # half-up, not truncated (cn2an would give 零元)
    ("0.004", "人民币零元整"),
    ("0.025", "人民币叁分"),         # half-up, not banker's rounding (which gives 贰分)
    (2.675, "人民币贰元陆角捌分"),    # the float as typed, not its binary approximation 2.67499…
    ("12000.995", "人民币壹万贰仟零壹元整"),
])
def test_rounding_is_half_up_to_fen(amount, text):
    assert capital(amount) == text


@pytest.mark.parametrize("zero", [0, "0", "0.00", Decimal("0"), "-0"])
def test_zero_is_written_as_zero_yuan(zero):
    assert capital(zero) == "人民币零元整"


@pytest.mark.parametrize("amount", [-1, "-0.01", "-0.001", Decimal("-12000")])
def test_negative_amounts_are_refused(amount):
    with pytest.raises(ValueError, match="负数"):
        capital(amount)


@pytest.mark.parametrize("amount", ["abc", None, True, float("nan"), float("inf"), "", "1.2.3"])
def test_unreadable_amounts_are_refused(amount):
    with pytest.raises(ValueError, match="无法识别"):
        capital(amount)


def test_too_large_amount_is_refused():
    with pytest.raises(ValueError, match="过大"):
        capital("1000000000000")


def test_prefix_can_be_left_out():
    assert capital(12000, prefix="") == "壹万贰仟元整"


@pytest.mark.parametrize(("text", "value"), [
    ("1,200元", Decimal("1200")), ("￥12000", Decimal("12000")), ("人民币12000元", Decimal("12000")),
    ("１２０００．５", Decimal("12000.5")), ("12，000", Decimal("12000")), (" 12000 ", Decimal("12000")),
    (12000, Decimal("12000")), (0.1, Decimal("0.1")),
])
def test_parse_amount_reads_what_people_type(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", [True, False, None, "", "abc", "1e3", "Infinity", float("inf"), [], {}, "1.2.3"])
def test_parse_amount_refuses_the_rest(text):
    assert parse_amount(text) is None


def test_format_and_round():
    assert format_amount(Decimal("12000")) == "12000.00"
    assert format_amount(Decimal("0.005")) == "0.01"
    assert round_fen(Decimal("1.234")) == Decimal("1.23")


@pytest.mark.parametrize(("value", "code", "severity"), [
    (-5, "money.negative", "error"),
    ("-0.5", "money.negative", "error"),
    ("abc", "money.invalid", "error"),
    ("", "money.invalid", "error"),
    (1e13, "money.too_large", "error"),
    (12.345, "money.precision", "warning"),
])
def test_money_field_check_findings(value, code, severity):
    found = check_money(value, "/penalties/0/amount")
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [("/penalties/0/amount", code, severity)]


@pytest.mark.parametrize("value", [0, 12000, "12000", "12000.50", 12000.5, "1,200元"])
def test_money_field_check_accepts_amounts(value):
    assert check_money(value, "/x") == []


def test_precision_warning_states_the_rounded_amount():
    assert "12.35" in check_money("12.345", "/x")[0]["message"]


def test_money_check_is_registered():
    assert FIELD_CHECKS["money"] is check_money
