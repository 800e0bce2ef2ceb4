"""Document numbers (文号 / 文书编号), DOMAIN.md §4: parse, format canonically, check, and the 代字 table.

Two forms exist (GB/T 9704-2012 §7.2.4 and enforcement practice):

- 公文 ``机关代字〔年份〕序号号`` — ``鄂能局发〔2020〕209号``, ``国发〔2012〕1号``;
- 执法文书 ``（地区简称）部门代字文种代字〔年份〕序号号`` — ``（晋忻神）应急罚〔2026〕12号``.

The parser is tolerant on purpose: it recognises the usual faults (wrong year brackets, half-width region
parentheses, spaces, ``第``, leading zeros, missing ``号``, full-width digits) so that ``check_number`` can
name each one and offer the corrected number, and so that numbers typed by hand or found in old .docx
files can be imported. Pure functions, no I/O; the kinds' default 代字 are registered by the kind loader
(``register_default_codes``), so this module knows no kinds of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from validators.findings import ERROR, finding
from validators.registry import field_check
from validators.rulebook import MAX_SEQUENCE

#: GB/T 9704-2012 §7.2.4: the year is enclosed in 六角括号 〔 〕 (U+3014 / U+3015).
YEAR_OPEN, YEAR_CLOSE = "\u3014", "\u3015"
REGION_OPEN, REGION_CLOSE = "（", "）"
#: The earliest plausible year of an issued number (DOMAIN.md §4).
EARLIEST_YEAR = 1949

_WRONG_OPEN = "[［【(（﹝〈<〖"
_WRONG_CLOSE = "]］】)）﹞〉>〗"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACE = re.compile(r"\s")  # includes the full-width space U+3000
_PREFIX_CHARS = r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z·]"
_NUMBER = re.compile(
    r"^(?:(?P<ropen>[（(])(?P<region>[^（()）〔〕\d０-９]*)(?P<rclose>[)）]))?"
    rf"(?P<prefix>{_PREFIX_CHARS}+)"
    rf"(?P<yopen>[{re.escape(YEAR_OPEN + _WRONG_OPEN)}])(?P<year>[0-9０-９]*)"
    rf"(?P<yclose>[{re.escape(YEAR_CLOSE + _WRONG_CLOSE)}])"
    r"(?P<di>第)?(?P<seq>[0-9０-９]*)(?P<hao>号)?$"
)
_PREFIX = re.compile(
    r"^(?:(?P<ropen>[（(])(?P<region>[^（()）〔〕\d]*)(?P<rclose>[)）]))?" rf"(?P<prefix>{_PREFIX_CHARS}+)$"
)
_EXAMPLE = "（晋忻神）应急罚〔2026〕12号"


@dataclass(frozen=True)
class NumberParts:
    """The parts of a number. ``region`` is the 地区简称 without parentheses (None for a 公文 number,
    ``""`` for the blank-template ``（ ）``); ``prefix`` is 机关代字/部门代字+文种代字 without the region."""

    region: str | None
    prefix: str
    year: int
    seq: int

    @property
    def full_prefix(self) -> str:
        """The registry key: region in full-width parentheses followed by the prefix."""
        return join_prefix(self.region, self.prefix)

    def __str__(self) -> str:
        return format_number(self)


class _Scan(NamedTuple):
    text: str  # after removing spaces and turning full-width digits half-width
    had_space: bool
    had_fullwidth_digit: bool
    match: re.Match | None


def _scan(text: str) -> _Scan:
    squeezed = _SPACE.sub("", text)
    digits = squeezed.translate(_FULLWIDTH_DIGITS)
    return _Scan(digits, squeezed != text, digits != squeezed, _NUMBER.match(digits))


def join_prefix(region: str | None, prefix: str) -> str:
    return (f"{REGION_OPEN}{region}{REGION_CLOSE}" if region is not None else "") + prefix


def format_number(parts: NumberParts) -> str:
    """The canonical text: ``（晋忻神）应急罚〔2026〕12号`` (full-width region parentheses, 〔〕, no zeros)."""
    return f"{parts.full_prefix}{YEAR_OPEN}{int(parts.year)}{YEAR_CLOSE}{int(parts.seq)}号"


def format_draft(prefix: str, year: int | None = None) -> str:
    """What a draft shows before a number is issued: ``（晋忻神）应急罚〔2026〕  号`` (blank to fill)."""
    year_text = str(year) if year else "\u3000\u3000"
    return f"{prefix}{YEAR_OPEN}{year_text}{YEAR_CLOSE}\u3000\u3000号"


def parse_number(text: Any) -> NumberParts | None:
    """Parts of a number whose corrected form is unambiguous, else None.

    Fixable faults (brackets, spaces, half-width parentheses, ``第``, leading zeros, missing ``号``) are
    tolerated and the parts are those of the corrected number; a number without a 4-digit year or with a
    sequence below 1 or above ``MAX_SEQUENCE`` gives None. The year is not compared with any date here (see ``check_number``).
    """
    if not isinstance(text, str):
        return None
    m = _scan(text).match
    if m is None or len(m["year"]) != 4 or not m["seq"] or len(m["seq"].lstrip("0")) > len(str(MAX_SEQUENCE)):
        return None
    if not 1 <= int(m["seq"]) <= MAX_SEQUENCE:
        return None
    region = m["region"] if m["ropen"] else None
    return NumberParts(region, m["prefix"], int(m["year"]), int(m["seq"]))


def split_prefix(text: str) -> tuple[str | None, str] | None:
    """``"（晋忻神）应急罚"`` → ``("晋忻神", "应急罚")``; spaces and half-width parentheses are tolerated.
    None when the text is not a prefix (digits, year brackets, empty)."""
    if not isinstance(text, str):
        return None
    m = _PREFIX.match(_SPACE.sub("", text))
    if m is None:
        return None
    return (m["region"] if m["ropen"] else None), m["prefix"]


def normalize_prefix(text: str) -> str | None:
    """The canonical registry key of a prefix, or None when it is not one (or its region is empty)."""
    parts = split_prefix(text)
    if parts is None or parts[0] == "":
        return None
    return join_prefix(*parts)


def check_number(text: Any, on: date | None = None, expected_code: str | None = None) -> dict:
    """Every DOMAIN.md §4 fault of ``text``: ``{"valid", "normalized", "findings"}``.

    ``on`` is the document's date (the year may not lie after it); ``expected_code`` the 文种代字 the
    number must carry for its kind. ``normalized`` is the corrected number when every fault has an
    unambiguous fix (or the number itself when valid), else None. Findings carry ``code``, ``severity``
    and a Chinese ``message`` saying how to fix it.
    """
    findings: list[dict] = []
    fixable = True

    def add(code: str, message: str, *, fix: bool) -> None:
        nonlocal fixable
        findings.append({"code": code, "severity": ERROR, "message": message})
        fixable = fixable and fix

    if not isinstance(text, str) or not text.strip():
        add("number.format", f"文号为空。文号应写作“机关代字〔年份〕序号号”，如 {_EXAMPLE}。", fix=False)
        return {"valid": False, "normalized": None, "findings": findings}
    scan = _scan(text)
    m = scan.match
    if m is None:
        add("number.format",
            f"无法识别文号“{text}”。文号应写作“（地区简称）代字〔年份〕序号号”或“机关代字〔年份〕序号号”，"
            f"如 {_EXAMPLE}、国发〔2012〕1号。", fix=False)
        return {"valid": False, "normalized": None, "findings": findings}

    if scan.had_space:
        add("number.space", "文号中不得有空格，请删除全部空格（包括全角空格）。", fix=True)
    if scan.had_fullwidth_digit:
        add("number.digits", "年份和序号应使用半角阿拉伯数字（如 2026、12），不用全角数字。", fix=True)

    region = m["region"] if m["ropen"] else None
    if m["ropen"] and (m["ropen"] != REGION_OPEN or m["rclose"] != REGION_CLOSE):
        add("number.region_paren",
            f"地区简称应使用全角圆括号“（ ）”，应写作“{REGION_OPEN}{region}{REGION_CLOSE}”。", fix=True)
    if region == "":
        add("number.region_empty",
            "地区简称为空“（ ）”：空括号只能用于空白文书模板，正式文书须填写地区简称，如“（晋忻神）”。", fix=False)

    prefix = m["prefix"]
    if expected_code and not prefix.endswith(expected_code):
        example_year = m["year"] if len(m["year"]) == 4 else "年份"
        example_seq = m["seq"].lstrip("0") or "序号"
        add("number.code_mismatch",
            f"文号中的代字“{prefix}”与本文书种类不符：本文书的文种代字应为“{expected_code}”，"
            f"如“{join_prefix(region or None, expected_code)}{YEAR_OPEN}{example_year}{YEAR_CLOSE}{example_seq}号”。"
            "请核对是否选错了文书种类，或在设置中修改文种代字。", fix=False)

    if m["yopen"] != YEAR_OPEN or m["yclose"] != YEAR_CLOSE:
        wrong = m["yopen"] + m["yclose"]
        add("number.bracket",
            f"年份应使用六角括号“〔 〕”，不能用“{wrong}”，应写作“{YEAR_OPEN}{m['year'] or '年份'}{YEAR_CLOSE}”。",
            fix=True)

    year_text = m["year"]
    year: int | None = None
    if not year_text:
        add("number.year", "文号缺少年份，请在六角括号内填写4位年份，如〔2026〕。", fix=False)
    elif len(year_text) != 4:
        add("number.year", f"年份“{year_text}”应为4位数字，如〔2026〕，不能简写。", fix=False)
    else:
        year = int(year_text)
        if year < EARLIEST_YEAR:
            add("number.year", f"年份{year}不合理：不应早于{EARLIEST_YEAR}年，请核对。", fix=False)
        elif on is not None and year > on.year:
            add("number.year", f"年份{year}晚于文书日期（{on.year}年），请改为发文当年的年份。", fix=False)

    seq_text = m["seq"]
    seq: int | None = None
    if not seq_text:
        add("number.seq_missing",
            "文号缺少序号（如“〔2026〕12号”）。正式文书的序号由文号登记簿按顺序分配，请生成正式文书时取号。",
            fix=False)
    else:
        seq = int(seq_text) if len(seq_text) <= 12 else MAX_SEQUENCE + 1
        if seq > MAX_SEQUENCE:
            add("number.seq_too_large", f"序号过大：每个代字每年的序号不超过 {MAX_SEQUENCE}，请核对“{seq_text[:12]}"
                f"{'…' if len(seq_text) > 12 else ''}号”。", fix=False)
            seq = None
        elif seq < 1:
            add("number.seq_zero", "序号应从1开始，不能为0，请填写登记簿分配的序号。", fix=False)
        elif seq_text.startswith("0"):
            add("number.seq_leading_zero", f"序号不加前导零：“{seq_text}号”应写作“{seq}号”。", fix=True)
    if m["di"]:
        add("number.seq_di", f"序号前不加“第”字：应写作“{seq_text.lstrip('0') or '序'}号”。", fix=True)
    if seq_text and not m["hao"]:
        add("number.seq_suffix", f"序号后应加“号”字，如“{seq or seq_text}号”。", fix=True)

    normalized = None
    if fixable and year is not None and seq is not None:
        normalized = format_number(NumberParts(region, prefix, year, seq))
    return {"valid": not findings, "normalized": normalized, "findings": findings}


# --- the 代字 table (configurable) ------------------------------------------------------------------


_CodeTable = Mapping[str, str | None]

# The kinds' default 文种代字 (kind name → ``x-wenshu.code``), from whoever knows the kinds: the kind
# loader ``templates.kinds`` registers them on import. This package imports nothing above it.
_default_codes: Callable[[], _CodeTable] = dict


def register_default_codes(codes: _CodeTable | Callable[[], _CodeTable]) -> None:
    """Set the kinds' default 文种代字: kind name → code (None for a kind without number), in the order
    ``code_table`` lists them — a mapping, or a function returning one each time it is asked (so the
    kinds are read only when a code is first needed). Replaces an earlier registration."""
    global _default_codes
    _default_codes = codes if callable(codes) else dict(codes).copy


def kind_code(kind_name: str, settings: dict | None = None) -> str | None:
    """The 文种代字 of a kind: the agency's override in ``settings["kind_codes"]``, else the kind's
    default (``x-wenshu.code`` in its schema, see ``register_default_codes``). None when the kind
    carries no number or is unknown."""
    overrides = (settings or {}).get("kind_codes") or {}
    if isinstance(overrides, dict) and overrides.get(kind_name):
        return str(overrides[kind_name])
    return _default_codes().get(kind_name)


def code_table(settings: dict | None = None) -> dict[str, str | None]:
    """kind name → 文种代字 for every kind, overrides applied (the settings view shows this)."""
    return {name: kind_code(name, settings) for name in _default_codes()}


def prefix_for(code: str | None, settings: dict | None = None) -> str:
    """The registry prefix of an enforcement number: ``（晋忻神）应急罚`` from the agency's region
    (``settings["agency"]["region"]``) and the 文种代字. Without a region the 机关代字 form is used
    (``settings["agency"]["short"]`` + code). Raises ValueError (Chinese message) when the code is empty."""
    if not code or not str(code).strip():
        raise ValueError("该文书种类没有文种代字，不编文号；如需编号，请在设置中为其填写文种代字。")
    agency = (settings or {}).get("agency") or {}
    region = _SPACE.sub("", str(agency.get("region") or ""))
    code = _SPACE.sub("", str(code))
    if region:
        return join_prefix(region, code)
    return _SPACE.sub("", str(agency.get("short") or "")) + code


def draft_number(kind_name: str, settings: dict | None = None, year: int | None = None) -> str:
    """What a draft of ``kind_name`` shows in place of its number: ``（晋忻神）应急罚〔2026〕  号``
    (empty when the kind carries no 文种代字)."""
    code = kind_code(kind_name, settings)
    return format_draft(prefix_for(code, settings), year) if code else ""


def year_after_document(number: Any, on: date | None, today: date, path: str = "/number") -> list:
    """``number.year`` when the number's year lies after the document's own date ``on`` (DOMAIN.md §4
    "not after the document date"): a document rule calls this with the record's or decision's date.
    Years after ``today`` are left to the field check ``document_number``, which already reports them."""
    parts = parse_number(number)
    if parts is None or on is None or parts.year <= on.year or parts.year > today.year:
        return []
    return [finding(path, "number.year",
                    f"文号年份{parts.year}晚于文书日期（{on.year}年{on.month}月{on.day}日），请改为文书日期所在年份。")]


# --- the field check -----------------------------------------------------------------------------


@field_check("document_number")
def document_number(value: Any, path: str, context: Any) -> list:
    """Field check for a document's number (``templates/common.json`` ``number``).

    A blank number is not reported here: drafts carry none, and at final generation the registry
    (``wenshu.registry``) issues it. The 代字 must match the kind of the document being checked.
    """
    if not isinstance(value, str) or not value.strip():
        return []
    kind_name = getattr(context, "kind", "") or ""
    expected = kind_code(kind_name, getattr(context, "settings", None)) if kind_name else None
    today = getattr(context, "today", None)
    result = check_number(value, on=today, expected_code=expected)
    out = []
    for i, f in enumerate(result["findings"]):
        message = f["message"]
        if i == 0 and result["normalized"]:
            message += f"建议改为：{result['normalized']}"
        out.append(finding(path, f["code"], message, f["severity"]))
    return out
