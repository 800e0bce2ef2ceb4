"""Publication without personal data (DOMAIN.md §12; 002 第四条; 003 第十三条; 个人信息保护法 第二十八条).

A natural person's name becomes 姓 + 某某; ID numbers, phones, e-mail, bank accounts and plate numbers go
entirely (not half-starred: a partly shown number is still a personal datum); an address keeps the county.
Free text is cleaned of every personal datum the case knows in any common writing (full-width digits, spaces
or dashes inside numbers, +86, (0350)…) and of anything shaped like an ID or phone number. :func:`leaks` then
searches the finished text for each datum again: a hit means the export must be refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from validators.identity import mask_address
from validators.masking import ID_PATTERN, PHONE_PATTERN

REMOVED = "（已隐去）"
#: 复姓 kept whole: 欧阳某某, not 欧某某.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 西门 南宫 独孤 端木 轩辕 呼延 "
    "万俟 闻人 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 仲孙 钟离 赫连 拓跋 百里 东郭 南门 第五".split())
#: Full-width digits and letters, and the plus and minus signs, as ASCII (Chinese punctuation is kept).
_HALF = {**{0xFF10 + i: ord("0") + i for i in range(10)}, **{0xFF21 + i: ord("A") + i for i in range(26)},
         **{0xFF41 + i: ord("a") + i for i in range(26)}, 0xFF0B: ord("+"), 0xFF0D: ord("-")}
#: What may stand between the digits of one number when written by hand.
_GAP = r"[\s\-－—–()（）.·+＋]*"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
#: 16–19 digit bank card numbers, with spaces allowed between groups of four.
BANK = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{4}[\s-]?){3}[0-9]{4,7}(?![0-9A-Za-z])")
#: 机动车号牌: 晋H12345, 晋H·D12345 (new energy).
PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•]?[A-HJ-NP-Z0-9]{5,6}")


def halfwidth(text: str) -> str:
    return text.translate(_HALF)


def masked_name(name: Any) -> str:
    """``赵六`` → ``赵某某``; ``欧阳娜娜`` → ``欧阳某某``; an empty name stays empty."""
    text = re.sub(r"\s+", "", str(name or ""))
    if not text:
        return ""
    surname = text[:2] if text[:2] in COMPOUND_SURNAMES else text[:1]
    return surname + "某某"


def _digits(value: Any) -> str:
    return re.sub(r"[^0-9Xx]", "", halfwidth(str(value or ""))).upper()


def personal_data(persons: Iterable[Mapping]) -> list[tuple[str, str]]:
    """``[(what, datum)]`` of the natural persons a case knows: names, ID numbers, phones (with and without
    the area code and country code), e-mail and addresses below the county."""
    out: list[tuple[str, str]] = []
    for p in persons:
        if not isinstance(p, Mapping):
            continue
        name = re.sub(r"\s+", "", str(p.get("name") or ""))
        if len(name) >= 2:
            out.append(("姓名", name))
        if _digits(p.get("id_no")):
            out.append(("身份证号", _digits(p.get("id_no"))))
        for phone in re.split(r"[、,，;；/\s]+", halfwidth(str(p.get("phone") or ""))):
            digits = _digits(phone)
            if digits.startswith("86") and len(digits) == 13:
                digits = digits[2:]
            if len(digits) >= 7:
                out.append(("电话", digits))
                if digits.startswith("0") and len(digits) >= 10:  # the number without its area code
                    out.append(("电话", digits[-8:] if len(digits) >= 11 else digits[-7:]))
        if p.get("email"):
            out.append(("电子邮箱", str(p["email"]).strip()))
        address = re.sub(r"\s+", "", str(p.get("address") or ""))
        county = mask_address(address)
        if address and len(address) > len(county) + 1:
            out.append(("住址", address[len(county):] if county and address.startswith(county) else address))
    return out


def _number_pattern(digits: str) -> re.Pattern:
    return re.compile(r"(?<![0-9])" + _GAP.join(re.escape(d) for d in digits) + r"(?![0-9])", re.IGNORECASE)


def redact_text(value: Any, data: Iterable[tuple[str, str]] = ()) -> str:
    """Free text for publication: known data of the case's persons and anything shaped like a personal
    number removed, names as 姓某某."""
    text = halfwidth("" if value is None else str(value))
    for what, datum in sorted(data, key=lambda d: -len(d[1])):
        if what == "姓名":
            text = text.replace(datum, masked_name(datum))
        elif what in ("身份证号", "电话"):
            text = _number_pattern(datum).sub(REMOVED, text)
        elif datum:
            text = text.replace(datum, REMOVED if what != "住址" else "")
    for pattern in (EMAIL, ID_PATTERN, BANK, PHONE_PATTERN, PLATE):
        text = pattern.sub(REMOVED, text)
    # +86 139 1234 5678 and other spaced mobile numbers
    text = re.sub(r"(?<![0-9])(?:\+?86" + _GAP + r")?1[3-9](?:" + _GAP + r"[0-9]){9}(?![0-9])", REMOVED, text)
    return text


def leaks(text: Any, data: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The data still readable in ``text`` (in any writing): an export holding one must be refused."""
    plain = halfwidth(str(text or ""))
    skeleton = re.sub(r"[^0-9A-Za-z]", "", plain).upper()
    found = []
    for what, datum in data:
        if what in ("身份证号", "电话"):
            if datum.upper() in skeleton and _number_pattern(datum).search(plain):
                found.append((what, datum))
        elif datum and re.sub(r"\s+", "", datum) in re.sub(r"\s+", "", plain):
            found.append((what, datum))
    return found
