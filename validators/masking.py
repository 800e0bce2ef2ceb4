"""Masking of ID and phone numbers inside free text for publication (公示: 001 公示制度; 003 第十三条).

The fields of a natural person (身份证号, 电话, 住址) are masked by ``validators.identity`` (filters
``mask_id``, ``mask_phone``, ``mask_address``); this module finds such numbers typed into free text
(违法事实, 执法结论 …) so the publication summary never prints them either (filter ``mask_text``).
"""

from __future__ import annotations

import re

from validators.identity import mask_id_no, mask_phone

#: An 18-character ID number (17 digits + digit/X) or an old 15-digit one, not inside a longer number.
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:[0-9]{9}|[0-9]{11}[0-9Xx])(?![0-9A-Za-z])")
#: Mobile numbers (11 digits from 1) and landlines with area code (0xx-xxxxxxx).
PHONE_PATTERN = re.compile(r"(?<![0-9])(?:1[3-9][0-9]{9}|0[0-9]{2,3}[-－]?[0-9]{7,8})(?![0-9])")


def mask_text(value: object) -> str:
    """``身份证140922198503121029，电话13912345678`` → ``身份证140922********1029，电话139****5678``."""
    text = "" if value is None else str(value)
    text = ID_PATTERN.sub(lambda m: mask_id_no(m[0]), text)
    return PHONE_PATTERN.sub(lambda m: mask_phone(m[0].replace("－", "-")), text)


def has_personal_numbers(text: object) -> bool:
    """Whether ``text`` contains something that looks like an ID or phone number."""
    return isinstance(text, str) and bool(ID_PATTERN.search(text) or PHONE_PATTERN.search(text))
