"""Amounts of money: Decimal in, capital Chinese (大写) out — never typed by hand.

Written here rather than with cn2an, which truncates fractions of a 分 instead of rounding them
(DOMAIN.md §6). Rounding is half-up to 分; negative amounts are rejected. The capital form follows
中国人民银行《支付结算办法》附一 (正确填写票据和结算凭证的基本规定).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from validators.findings import Finding, finding
from validators.registry import field_check

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")
#: Largest amount the capital form is written for (under 一万亿元).
MAX_AMOUNT = Decimal("999999999999.99")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def parse_amount(value: object) -> Decimal | None:
    """``12000``, ``"12000.5"``, ``"1,200元"``, ``"￥12000"`` → Decimal; unreadable or not finite → None.

    Negative amounts parse (so a check can say they are negative); booleans do not.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().translate(_FULLWIDTH).replace(",", "").replace("，", "")
        for junk in ("人民币", "￥", "¥", "元"):
            text = text.replace(junk, "")
        if not text or any(c not in "0123456789.-+" for c in text):
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return amount if amount.is_finite() else None


def round_fen(amount: Decimal) -> Decimal:
    """Round half-up to 分 (0.005 → 0.01)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal) -> str:
    """Figures as printed beside the capital form: ``12000.00``."""
    return f"{round_fen(amount):.2f}"


def _four(n: int) -> str:
    """A group of up to four digits (0 < n < 10000), zeros collapsed, no leading 零."""
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + _SMALL_UNITS[pos]
    return out


def _integer(n: int) -> str:
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        if out and (g < 1000 or groups[i + 1] == 0):
            out += "零"
        out += _four(g) + _GROUP_UNITS[i]
    return out


def capital(amount: Decimal | int | str, prefix: str = "人民币") -> str:
    """``Decimal("12000")`` → ``人民币壹万贰仟元整``; ``10005.5`` → ``人民币壹万零伍元伍角整``.

    Raises ValueError for negative, unreadable or too large amounts.
    """
    value = parse_amount(amount)
    if value is None:
        raise ValueError("金额无法识别")
    if value < 0:
        raise ValueError("金额不能为负数")
    value = round_fen(value)
    if value > MAX_AMOUNT:
        raise ValueError("金额过大")
    fen_total = int(value * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    text = _integer(yuan)
    if yuan:
        text += "元"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif fen and yuan:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    if not text:
        text = "零元"
    if not fen:
        text += "整"
    return prefix + text


@field_check("money")
def check_money(value: object, path: str, context=None) -> list[Finding]:
    """A fine or other amount in yuan: a number ≥ 0, at most two decimals (分)."""
    amount = parse_amount(value)
    if amount is None:
        return [finding(path, "money.invalid", "金额应填写阿拉伯数字（单位：元），如 12000 或 12000.50。")]
    if amount < 0:
        return [finding(path, "money.negative", "金额不能为负数，请填写实际金额。")]
    if amount > MAX_AMOUNT:
        return [finding(path, "money.too_large", "金额过大，请核对（单位为元）。")]
    if amount != round_fen(amount):
        return [finding(path, "money.precision", f"金额最小单位为分，将按四舍五入记为 {format_amount(amount)} 元。",
                        "warning")]
    return []
