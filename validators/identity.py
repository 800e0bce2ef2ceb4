"""Identity codes of the parties (DOMAIN.md §8): 居民身份证号, 统一社会信用代码, telephone numbers.

Each check takes the typed value and its JSON Pointer and returns findings; it never raises and it
never reports a value that is not a string (the schema's type check already does). The rules are
written here rather than taken from python-stdnum, whose ``cn.ric`` rejects unknown or renamed area
codes (an *unknown area* is only a warning here: areas are renamed and old cards stay valid) and
whose ``cn.uscc`` rejects some valid codes of the A/N/Y registration authorities.

The masking helpers give the publication summary (行政执法公示, 003 第十二条) what it may show of a
natural person: the first 6 and last 4 characters of an ID number, the first 3 and last 4 digits of a
mobile number, and an address down to county level.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from validators import rulebook
from validators.findings import WARNING, Finding, finding
from validators.registry import field_check

# --- shared helpers -----------------------------------------------------------------------------

#: Full-width digits and letters (as typed with a Chinese input method in full-width mode) → half-width.
_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: ord("A") + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: ord("a") + i for i in range(26)})
_FULLWIDTH.update({0xFF0D: ord("-"), 0xFF08: ord("("), 0xFF09: ord(")"), 0xFF0B: ord("+"), 0x3000: ord(" ")})


def _halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _has_fullwidth(text: str) -> bool:
    return any(ord(c) in _FULLWIDTH and c != "\u3000" for c in text)


def _today(context: object) -> date:
    today = getattr(context, "today", None)
    return today if isinstance(today, date) else date.today()


# --- 居民身份证号 GB 11643-1999 ----------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
#: Province-level codes of GB/T 2260 (first two digits of the address code), plus 83 (台湾居民居住证,
#: GB 11643-format numbers issued since 2018). County codes are renamed and merged every year and a card
#: keeps its old code for life, so the county is looked up in a table of every code ever listed
#: (:func:`id_area_known`). An unknown province or county is only a warning.
ID_PROVINCES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
    "71": "台湾", "81": "香港", "82": "澳门", "83": "台湾",
}


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits (``X`` stands for 10)."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def id_birth_date(id_no: str) -> date | None:
    """The birth date in characters 7–14, or None when it is not a calendar date."""
    try:
        return date(int(id_no[6:10]), int(id_no[10:12]), int(id_no[12:14]))
    except ValueError:
        return None


def id_gender(id_no: str) -> str | None:
    """``男`` or ``女`` from the 17th digit (odd: male), None when unreadable."""
    if len(id_no) >= 17 and id_no[16].isdigit():
        return "男" if int(id_no[16]) % 2 else "女"
    return None


def id_no_findings(value: object, path: str, today: date | None = None) -> list[Finding]:
    """Findings for a 居民身份证号 typed as ``value`` (GB 11643-1999).

    Errors: ``id_no.length`` (15-digit old numbers included: the 18-digit number is required),
    ``id_no.chars``, ``id_no.birth_date`` (not a date, before 1900 or after today),
    ``id_no.check_digit`` (the message gives the expected character), ``id_no.lowercase_x`` (GB 11643 and
    DOMAIN.md §8 allow only a capital ``X``; the message gives the corrected number, as for a lower-case
    统一社会信用代码). Warning: ``id_no.area_unknown`` — a province or a six-digit 地址码 that GB/T 2260 never
    listed (see :func:`id_area_known`).
    """
    if not isinstance(value, str) or not value.strip():
        return []
    today = today or date.today()
    text = value.strip()
    if _has_fullwidth(text):
        fixed = _halfwidth(text).replace(" ", "")
        return [finding(path, "id_no.chars", f"身份证号应使用半角数字和字母，请改为“{fixed}”。")]
    if re.search(r"\s", text):
        return [finding(path, "id_no.chars", "身份证号中不应有空格，请删去空格后重新填写。")]
    if len(text) == 15 and text.isdigit():
        return [finding(path, "id_no.length",
                        "这是15位旧身份证号码，请填写当事人现行的18位居民身份证号码。")]
    if len(text) != 18:
        return [finding(path, "id_no.length", f"身份证号应为18位，现在是{len(text)}位，请核对。")]
    if not (text[:17].isascii() and text[:17].isdigit()) or text[17] not in "0123456789Xx":
        return [finding(path, "id_no.chars", "身份证号前17位应为数字，最后一位为数字或大写字母X，请核对。")]
    out: list[Finding] = []
    born = id_birth_date(text)
    if born is None:
        out.append(finding(path, "id_no.birth_date",
                           f"身份证号第7至14位“{text[6:14]}”不是有效的出生日期，请核对。"))
    elif born.year < rulebook.ID_MIN_BIRTH_YEAR or born > today:
        out.append(finding(path, "id_no.birth_date",
                           f"身份证号中的出生日期{born.year}年{born.month}月{born.day}日不合理，请核对。"))
    expected = id_check_char(text[:17])
    if text[17].upper() != expected:
        out.append(finding(path, "id_no.check_digit",
                           f"身份证号校验码不正确：按前17位计算，最后一位应为“{expected}”，请核对号码。"))
    elif text[17] == "x":
        # The check character is right; only its case differs from the printed card: warn, never reject.
        out.append(finding(path, "id_no.lowercase_x", f"身份证号最后一位应写作大写字母X，请改为“{text[:17]}X”。",
                           WARNING))
    if text[:2] not in ID_PROVINCES:
        out.append(finding(path, "id_no.area_unknown",
                           f"身份证号前两位“{text[:2]}”不是已知的省级行政区划代码，请核对号码。", WARNING))
    elif id_area_known(text[:6]) is False:
        out.append(finding(path, "id_no.area_unknown",
                           f"身份证号前六位“{text[:6]}”不是已知的县级行政区划代码，请核对号码。", WARNING))
    return out


#: Provinces whose county codes the GB/T 2260 table does not list (台湾, 香港, 澳门, 台湾居民居住证).
_NO_COUNTY_TABLE = {"71", "81", "82", "83"}


def id_area_known(code: str) -> bool | None:
    """Whether the six-digit 地址码 ever stood in GB/T 2260 (abolished and renamed codes count: a card
    keeps its code for life). The table is python-stdnum's, which lists every code with its years; only
    its presence is used here, never its verdict on a number. None when unknown (no table, or a region
    the table does not cover)."""
    if code[:2] in _NO_COUNTY_TABLE:
        return None
    codes = _county_codes()
    return None if codes is None else code in codes


@functools.lru_cache(maxsize=1)
def _county_codes() -> frozenset[str] | None:
    """Every code python-stdnum's GB/T 2260 table (``cn/loc.dat``) lists with a county, read once into a
    set: its own ``numdb`` keeps every name and year in nested dicts (~14 MB of the app's memory for a yes
    or no). The file nests prefixes by indentation (``11 province=…`` then ``  0101 county=…``)."""
    try:
        from importlib.resources import files

        text = (files("stdnum") / "cn" / "loc.dat").read_text(encoding="utf-8")
    except Exception:  # the table is a help, not a requirement
        return None
    codes: set[str] = set()
    stack: list[tuple[int, str]] = []
    for line in text.splitlines():
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        head, _sep, props = body.partition(" ")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        prefix = (stack[-1][1] if stack else "") + head
        stack.append((indent, prefix))
        if (" " + props).find(" county=") >= 0:
            codes.add(prefix)
    return frozenset(codes)


@field_check("id_no")
def check_id_no(value: object, path: str, context: object = None) -> list[Finding]:
    """Field check ``id_no``: a 居民身份证号, birth date judged against the drafting date."""
    return id_no_findings(value, path, _today(context))


# --- 统一社会信用代码 GB 32100-2015 -------------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
#: 登记管理部门码 (GB 32100-2015 表1): 1–9 the registration authorities, A 中央军委改革和编制办公室,
#: N 农业, Y 其他.
USCC_AUTHORITIES = "123456789ANY"


def uscc_check_char(first17: str) -> str:
    """MOD 31 check character of the first 17 characters (GB 32100-2015 §5)."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_findings(value: object, path: str) -> list[Finding]:
    """Findings for a 统一社会信用代码 typed as ``value`` (GB 32100-2015).

    Errors: ``uscc.lowercase`` (message gives the upper-case form), ``uscc.length``, ``uscc.chars``
    (I, O, Z, S, V are never used), ``uscc.authority`` (first character 1–9, A, N, Y),
    ``uscc.check_digit`` (message gives the expected character). Warnings: ``uscc.category`` (second
    character not a digit 1–9) and ``uscc.region`` (characters 3–8 not a six-digit region code) — these
    parts are structure, not checked by the standard's check character, so they only warn.

    The organisation code in characters 9–17 carries its own GB 11714 check character; it is not
    checked: the MOD 31 character already covers all 17 characters, and codes of 个体工商户 and other
    later registrations do not always follow GB 11714, so that check would flag valid codes.
    """
    if not isinstance(value, str) or not value.strip():
        return []
    text = value.strip()
    out: list[Finding] = []
    if _has_fullwidth(text):
        fixed = _halfwidth(text).replace(" ", "").upper()
        return [finding(path, "uscc.chars", f"统一社会信用代码应使用半角数字和大写字母，请改为“{fixed}”。")]
    if re.search(r"\s", text):
        return [finding(path, "uscc.chars", "统一社会信用代码中不应有空格，请删去空格后重新填写。")]
    if text != text.upper():
        out.append(finding(path, "uscc.lowercase",
                           f"统一社会信用代码中的字母应为大写，请改为“{text.upper()}”。"))
        text = text.upper()
    if len(text) != 18:
        out.append(finding(path, "uscc.length", f"统一社会信用代码应为18位，现在是{len(text)}位，请核对。"))
        return out
    bad = sorted({c for c in text if c not in USCC_CHARS})
    if bad:
        shown = "、".join(f"“{c}”" for c in bad)
        out.append(finding(path, "uscc.chars",
                           f"统一社会信用代码含有不使用的字符{shown}：只用数字和大写字母（不含 I、O、Z、S、V），请核对。"))
        return out
    if text[0] not in USCC_AUTHORITIES:
        out.append(finding(path, "uscc.authority",
                           f"统一社会信用代码第1位“{text[0]}”不是登记管理部门代码（应为1至9、A、N或Y），请核对。"))
    expected = uscc_check_char(text[:17])
    if text[17] != expected:
        out.append(finding(path, "uscc.check_digit",
                           f"统一社会信用代码校验码不正确：按前17位计算，最后一位应为“{expected}”，请核对代码。"))
    if text[1] not in "123456789":
        out.append(finding(path, "uscc.category",
                           f"统一社会信用代码第2位“{text[1]}”不是机构类别代码（应为数字1至9），请核对。", WARNING))
    if not text[2:8].isdigit():
        out.append(finding(path, "uscc.region",
                           f"统一社会信用代码第3至8位“{text[2:8]}”应为6位数字的登记管理机关行政区划码，请核对。",
                           WARNING))
    return out


@field_check("uscc")
def check_uscc(value: object, path: str, context: object = None) -> list[Finding]:
    """Field check ``uscc``: a 统一社会信用代码."""
    return uscc_findings(value, path)


# --- telephone numbers ----------------------------------------------------------------------------

#: Several numbers may be given in one field, separated by one of these (“13800000000、0351-1234567”).
PHONE_SEPARATORS = r"[、/，,；;]"
_MOBILE = re.compile(r"^(?:(?:\+|00)?86[ -]?)?(1[3-9]\d)([ -]?)(\d{4})\2(\d{4})$")
#: DOMAIN.md §8 accepts any 11 digits starting with 1; 10–12 are no mobile network's prefix, so they warn.
_MOBILE_ANY = re.compile(r"^(?:(?:\+|00)?86[ -]?)?(1\d{2})([ -]?)(\d{4})\2(\d{4})$")
#: Area code 0 + 2 or 3 digits (010, 0351); subscriber number 7 or 8 digits not starting with 0;
#: optional extension (-123, 转123, 分机123).
_LANDLINE = re.compile(
    r"^(?:(?:\+|00)?86[ -]?)?(?:\((0\d{2,3})\)|(0\d{2,3})[ -]?)([1-9]\d{6,7})(?:(?:-|转|分机|ext\.?)\d{1,6})?$",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"^([48]00)([ -]?)(\d{3})\2(\d{4})$")
PHONE_FORMS = ("手机号码为11位数字（如 13800000000）；固定电话须带区号（如 0351-1234567、03511234567、"
               "(0351)1234567，分机号可写作 0351-1234567-123）；多个号码用“、”或“/”分隔")


def phone_number_ok(text: str) -> bool:
    """Whether one number (no separators) is a mobile, a landline with area code, or a 400/800 number."""
    text = text.strip()
    return bool(_MOBILE.match(text) or _LANDLINE.match(text) or _SERVICE.match(text))


def _spaced_numbers_ok(text: str) -> bool:
    """``13800000000 0351-1234567``: several numbers separated by spaces only."""
    pieces = text.split()
    return len(pieces) > 1 and all(phone_number_ok(p) for p in pieces)


def phone_findings(value: object, path: str) -> list[Finding]:
    """Findings for a telephone field: one or several numbers; ``phone.format`` names the accepted forms."""
    if not isinstance(value, str) or not value.strip():
        return []
    text = value.strip().replace("（", "(").replace("）", ")")  # full-width brackets are normal in Chinese
    if _has_fullwidth(text):
        fixed = _halfwidth(text)
        return [finding(path, "phone.format", f"电话号码应使用半角数字，请改为“{fixed.strip()}”。")]
    parts = [p.strip() for p in re.split(PHONE_SEPARATORS, text)]
    bad = [p for p in parts if not phone_number_ok(p) and not _spaced_numbers_ok(p)]
    unusual = [p for p in bad if _MOBILE_ANY.match(p)]
    bad = [p for p in bad if p not in unusual]
    if not bad:
        if unusual:
            shown = "、".join(f"“{p}”" for p in unusual)
            return [finding(path, "phone.unusual_mobile",
                            f"手机号码{shown}的前三位不是常见的手机号段（13至19开头），请核对。", WARNING)]
        return []
    if len(parts) == 1:
        return [finding(path, "phone.format", f"电话号码“{text}”格式不正确：{PHONE_FORMS}。")]
    shown = "、".join(f"“{p}”" for p in bad if p) or "空号码"
    return [finding(path, "phone.format", f"电话号码{shown}格式不正确：{PHONE_FORMS}。")]


@field_check("phone")
def check_phone(value: object, path: str, context: object = None) -> list[Finding]:
    """Field check ``phone``."""
    return phone_findings(value, path)


# --- masking for the publication summary -------------------------------------------------------------


def mask_id_no(id_no: object) -> str:
    """``140928199001011234`` → ``140928********1234``: first 6 and last 4 kept, the rest starred.

    Anything too short to keep 10 characters safely is starred entirely; None gives ``""``.
    """
    if not isinstance(id_no, str):
        return ""
    text = id_no.strip()
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def _mask_one_phone(text: str) -> str:
    text = text.strip()
    m = _MOBILE.match(text)
    if m:
        return f"{m[1]}****{m[4]}"
    m = _LANDLINE.match(text)
    if m:
        area = m[1] or m[2]
        sub = m[3]
        shown = f"({area})" if m[1] else f"{area}-"
        return shown + "*" * (len(sub) - 4) + sub[-4:]
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    keep = set(digits[-4:]) if len(digits) > 7 else set()
    return "".join(c if (not c.isdigit() or i in keep) else "*" for i, c in enumerate(text))


def mask_phone(phone: object) -> str:
    """``13800000000`` → ``138****0000``; ``0351-1234567`` → ``0351-***4567``; several numbers each masked."""
    if not isinstance(phone, str):
        return ""
    pieces = re.split(f"({PHONE_SEPARATORS})", phone.strip())
    return "".join(p if re.fullmatch(PHONE_SEPARATORS, p) else _mask_one_phone(p) for p in pieces)


#: One administrative name: a name (no digits, no words of a street, village or building) followed by
#: the unit's suffix. Names that contain 镇/乡/村/井/矿 … (镇江市, 乡宁县, 阳泉市矿区) are not recognised: the masking then
#: keeps less and the vague-place warning stays silent, both on the safe side.
_ADMIN_NAME_CHAR = r"(?:(?![镇乡村街路巷弄号楼室组社井采厂矿司])[\u4e00-\u9fff])"
_LONG_SUFFIX = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区)"
_COUNTY_LEVEL = re.compile(
    rf"{_ADMIN_NAME_CHAR}{{1,12}}?{_LONG_SUFFIX}|{_ADMIN_NAME_CHAR}{{1,5}}?(?:省|市|县|区|旗|盟|州(?![省市县区]))"
)
_TOWN_LEVEL = re.compile(rf"{_ADMIN_NAME_CHAR}{{1,5}}?(?:镇|乡|街道|苏木)")
#: 省 / 地 / 县: at most three administrative levels are kept.
_MAX_LEVELS = 3


def admin_segments(text: str, towns: bool = False) -> tuple[list[str], str]:
    """Split leading administrative names off ``text``: ``("山西省忻州市神池县龙泉镇…")`` →
    (["山西省", "忻州市", "神池县"], "龙泉镇…"); with ``towns`` also 镇/乡/街道 after the county ones."""
    segments: list[str] = []
    pos = 0
    while pos < len(text) and len(segments) < 8:
        m = _COUNTY_LEVEL.match(text, pos) or (_TOWN_LEVEL.match(text, pos) if towns else None)
        if not m:
            break
        segments.append(m.group())
        pos = m.end()
    return segments, text[pos:]


def mask_address(address: object) -> str:
    """A natural person's address kept to county level: ``山西省忻州市神池县龙泉镇某村12号`` → ``山西省忻州市神池县``.

    Only leading administrative names (省、市、县、区、旗、自治州 …, at most three levels) are kept;
    an address that does not start with one gives ``""`` — nothing finer than a county is ever shown.
    """
    if not isinstance(address, str):
        return ""
    text = re.sub(r"\s+", "", address)
    segments, _rest = admin_segments(text)
    return "".join(segments[:_MAX_LEVELS])
