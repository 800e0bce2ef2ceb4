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
