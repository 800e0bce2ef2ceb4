"""Jinja filters the templates use (``{{ time.start|datetime_cn }}``, ``{{ p.amount|money_cn }}``).

Kept apart from the renderer so any kind's helper module can add a filter (masking an ID number, a
period's wording …) with ``@template_filter("name")`` without touching ``templates.render``. The
renderer builds its environment from ``FILTERS`` each time it renders, so a filter registered after
import is still seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from validators import datetimes

FILTERS: dict[str, Callable[..., Any]] = {}


def template_filter(name: str) -> Callable:
    """Register ``func`` as the jinja filter ``name`` (a later registration replaces an earlier one)."""

    def register(func: Callable) -> Callable:
        FILTERS[name] = func
        return func

    return register


@template_filter("money")
def money(value: Any) -> str:
    """Figures with two decimals (``12000.00``); empty when the amount cannot be read."""
    from validators.money import format_amount, parse_amount

    amount = parse_amount(value)
    return "" if amount is None else format_amount(amount)


@template_filter("money_cn")
def money_cn(value: Any) -> str:
    """Capital Chinese (``人民币壹万贰仟元整``); never typed by hand. Empty when unreadable or negative."""
    from validators.money import capital, parse_amount

    amount = parse_amount(value)
    if amount is None or amount < 0:
        return ""
    try:
        return capital(amount)
    except ValueError:
        return ""


@template_filter("blank")
def blank(value: Any, width: int = 8) -> str:
    """The value, or a run of full-width spaces to leave room for handwriting."""
    text = "" if value is None else str(value)
    return text if text.strip() else "\u3000" * width


@template_filter("join_cn")
def join_cn(values: Any, attribute: str | None = None, sep: str = "、") -> str:
    """``[{"name": "张三"}, {"name": "李四"}]|join_cn("name")`` → ``张三、李四`` (blank items left out)."""
    out = []
    for v in values or []:
        if attribute is not None:
            v = v.get(attribute, "") if isinstance(v, dict) else getattr(v, attribute, "")
        text = "" if v is None else str(v).strip()
        if text:
            out.append(text)
    return sep.join(out)


@template_filter("cn_num")
def cn_num(n: Any) -> str:
    """Small counting numbers in Chinese for list items: 1 → 一, 12 → 十二 (up to 99)."""
    digits = "零一二三四五六七八九"
    try:
        n = int(n)
    except (TypeError, ValueError):
        return str(n)
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


FILTERS.update(date_cn=datetimes.date_cn, datetime_cn=datetimes.datetime_cn, time_cn=datetimes.time_cn)


@template_filter("until_cn")
def until_cn(end: Any, start: Any = None) -> str:
    """The end of a time span: ``11时00分`` on the start's day, the full date-time on another day."""
    s, e = datetimes.parse_datetime(start), datetimes.parse_datetime(end)
    if e is not None and s is not None and e.date() != s.date():
        return datetimes.datetime_cn(e)
    return datetimes.time_cn(end)


@template_filter("penalty_kind")
def penalty_kind(value: Any) -> str:
    """``fine`` → ``罚款`` (the titles of ``validators.rulebook.PENALTY_KINDS``)."""
    from validators.rulebook import PENALTY_KINDS

    return PENALTY_KINDS.get(str(value), "" if value is None else str(value))


@template_filter("lines")
def lines(value: Any) -> list[str]:
    """The text's lines (split at the user's line breaks), so each prints as its own paragraph."""
    text = "" if value is None else str(value)
    return text.split("\n")


# --- publication masking (行政执法公示: natural persons' data never printed in full) --------------------


@template_filter("mask_id")
def mask_id(value: Any) -> str:
    """居民身份证号码 with the birth date and sequence starred (``validators.identity.mask_id_no``)."""
    from validators.identity import mask_id_no

    return mask_id_no("" if value is None else str(value))


@template_filter("mask_phone")
def mask_phone(value: Any) -> str:
    """``13800000000`` → ``138****0000`` (``validators.identity.mask_phone``)."""
    from validators.identity import mask_phone as _mask

    return _mask("" if value is None else str(value))


@template_filter("mask_address")
def mask_address(value: Any) -> str:
    """A natural person's address kept to county level (``validators.identity.mask_address``)."""
    from validators.identity import mask_address as _mask

    return _mask("" if value is None else str(value))


@template_filter("mask_text")
def mask_text(value: Any) -> str:
    """Free text with every ID or phone number in it masked (``validators.masking.mask_text``)."""
    from validators.masking import mask_text as _mask

    return _mask(value)


# --- forms batch B: computed amounts and ages, never typed (加处罚款决定书, the party lines of the 审批表) -----
@template_filter("late_fee")
def late_fee(fine: Any, payment_due: Any, until: Any) -> Any:
    """The late fee (Decimal, 分) from the day after ``payment_due`` to ``until``: 3 % of the fine a day,
    never more than the fine (行政处罚法 第七十二条; 行政强制法 第四十五条). Empty when a date is unreadable."""
    from validators.datetimes import parse_date
    from validators.enforcement import late_fee as compute

    due, end = parse_date(payment_due), parse_date(until)
    if due is None or end is None:
        return ""
    return compute(fine, due, end)[1]


@template_filter("late_fee_days")
def late_fee_days(fine: Any, payment_due: Any, until: Any) -> Any:
    """The days the late fee runs (from the day after ``payment_due`` to ``until`` inclusive)."""
    from validators.datetimes import parse_date
    from validators.enforcement import late_fee as compute

    due, end = parse_date(payment_due), parse_date(until)
    return "" if due is None or end is None else compute(fine, due, end)[0]


@template_filter("age_on")
def age_on(id_no: Any, on: Any) -> str:
    """The age in full years on the day ``on`` from the 居民身份证号's birth date (so the two never disagree)."""
    from validators.datetimes import parse_date
    from validators.identity import id_birth_date

    born, day = id_birth_date(str(id_no or "").strip().upper()), parse_date(str(on or "")[:10])
    if born is None or day is None:
        return ""
    return str(day.year - born.year - ((day.month, day.day) < (born.month, born.day)))


@template_filter("remaining_fine")
def remaining_fine(fine: Any, *paid: Any) -> Any:
    """The fine still unpaid after the amounts ``paid`` (分; never below zero) — the 分期缴纳 批准书's 尚未缴纳."""
    from decimal import Decimal

    from validators.money import parse_amount, round_fen

    total = parse_amount(fine)
    if total is None:
        return ""
    left = round_fen(total) - sum((round_fen(parse_amount(p) or Decimal(0)) for p in paid), start=Decimal(0))
    return max(left, Decimal(0))


@template_filter("money_total")
def money_total(first: Any, *more: Any) -> Any:
    """The sum of amounts (分), blanks counted as zero — the 事先催告书's 罚款 + 加处罚款 合计."""
    from decimal import Decimal

    from validators.money import parse_amount, round_fen

    return sum((round_fen(parse_amount(v) or Decimal(0)) for v in (first, *more)), start=Decimal(0))

@template_filter("delivery_day_cn")
def delivery_day_cn(row: Any) -> str:
    """The day a 送达回执 row's document counts as delivered (``validators.delivery.delivery_day``: signed,
    the return receipt's date, 30 days after a 公告, the system's arrival), ``2026年11月20日``; a blank to
    write by hand while it is not known."""
    from validators.delivery import delivery_day

    day = delivery_day(row)
    return datetimes.date_cn(day) if day else "　　年　月　日"


@template_filter("penalty_phrase")
def penalty_phrase(p: Any) -> str:
    """One penalty in words, its amount stated once: ``罚款人民币陆万元整（￥60000.00）`` — a description that only
    restates the kind or the amount (``罚款``, ``处人民币陆万元罚款``) is not printed beside it; any other
    description follows (``责令停产停业：停产整顿一个月``). ``other`` prints its description."""
    from validators.registry import is_blank
    from validators.rulebook import AMOUNT_KINDS, PENALTY_KINDS

    if not isinstance(p, dict):
        return ""
    kind = str(p.get("kind") or "")
    desc = str(p.get("description") or "").strip().rstrip("。；;")
    if kind == "other" or kind not in PENALTY_KINDS:
        return desc
    name = PENALTY_KINDS[kind]
    text = name
    has_amount = kind in AMOUNT_KINDS and not is_blank(p.get("amount"))
    if has_amount:
        text += f"{money_cn(p.get('amount'))}（￥{money(p.get('amount'))}）"
    restates = desc == name or (has_amount and "元" in desc and ("人民币" in desc or name in desc or "罚" in desc))
    if desc and not restates:
        text += ("，" if has_amount else "：") + desc
    return text
