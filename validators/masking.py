"""Masking of natural persons' data in published documents (公示: 001 公示制度; 003 第十三条).

ID numbers, mobile/landline numbers and home addresses of natural persons never appear in full in a
publication; organisations' names and 统一社会信用代码 stay. Used as Jinja filters (``mask_id``,
``mask_phone``, ``mask_address``, ``mask_text``) by the renderer, so a template decides what is masked
and the answers keep the full data.
"""

from __future__ import annotations

import re

MASK = "*"
#: An 18-character ID number (17 digits + digit/X) or an old 15-digit one, not inside a longer number.
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{5})([0-9]{9}|[0-9]{11}[0-9Xx])(?![0-9A-Za-z])")
#: Mobile numbers (11 digits from 1) and landlines with area code (0xx-xxxxxxx).
MOBILE_PATTERN = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")
LANDLINE_PATTERN = re.compile(r"(?<![0-9])(0[0-9]{2,3})([-－—]?)([0-9]{3,4})([0-9]{4})(?![0-9])")
#: The administrative part of an address (province … county/district) that may stay visible.
_ADMIN_PREFIX = re.compile(r"^(.{0,14}?(?:省|自治区))?(.{0,10}?(?:市|自治州|盟|地区))?(.{0,10}?(?:县|区|旗|市))?")


def mask_id(value: object) -> str:
    """``140922199001011234`` → ``14**************34``: the first two and last two characters stay."""
    text = "" if value is None else str(value).strip()
    if len(text) <= 4:
        return MASK * len(text)
    return text[:2] + MASK * (len(text) - 4) + text[-2:]


def mask_phone(value: object) -> str:
    """``13800001234`` → ``138****1234``; a landline keeps its area code and last four digits."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    masked = MOBILE_PATTERN.sub(lambda m: m[1] + MASK * 4 + m[3], text)
    masked = LANDLINE_PATTERN.sub(lambda m: m[1] + m[2] + MASK * len(m[3]) + m[4], masked)
    if masked == text:  # not recognised: keep only the last two characters
        return MASK * max(len(text) - 2, 0) + text[-2:]
    return masked


def mask_address(value: object) -> str:
    """``山西省忻州市神池县龙泉镇某村1号`` → ``山西省忻州市神池县****``: the county part stays."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    m = _ADMIN_PREFIX.match(text)
    keep = m.group(0) if m else ""
    if len(keep) >= len(text):  # the whole text looks like a region: nothing personal to hide
        return text
    return keep + MASK * 4


def mask_text(value: object) -> str:
    """Free text with any ID or phone number in it masked (a user may have typed one into the facts)."""
    text = "" if value is None else str(value)
    text = ID_PATTERN.sub(lambda m: mask_id(m[0]), text)
    text = MOBILE_PATTERN.sub(lambda m: m[1] + MASK * 4 + m[3], text)
    return LANDLINE_PATTERN.sub(lambda m: m[1] + m[2] + MASK * len(m[3]) + m[4], text)


def has_personal_numbers(text: object) -> bool:
    """Whether ``text`` contains something that looks like an ID or phone number."""
    if not isinstance(text, str):
        return False
    return bool(ID_PATTERN.search(text) or MOBILE_PATTERN.search(text) or LANDLINE_PATTERN.search(text))
