"""The six required elements of every written record (DOMAIN.md §3; 000 第十二条).

``time``, ``place``, ``officers``, ``object``, ``content``, ``process``: a missing or empty element is an
error at its own path (``/time``, ``/officers`` …), code ``elements.missing``, that blocks the final
document. A record kind lists the rule ``"elements"`` in ``x-wenshu.rules``.

Division of labour with the engine, so that one mistake gives one finding: wrong JSON types are left
to the schema's type check (``field.type``), and the formats of 身份证号, 统一社会信用代码 and 电话 to
their field checks (``x-check``); this rule only says when they are *absent*.

Decisions (where DOMAIN leaves room):

- Times are ``YYYY-MM-DDTHH:MM`` (a space for ``T`` is accepted; ``:00`` seconds too, as scripts write a
  whole minute). Other seconds are refused with ``time.format``: records are kept to the minute and the
  paper form prints hours and minutes only.
- An organisation must have 名称, 统一社会信用代码 and 法定代表人（负责人） (errors: together they say
  who answers for the organisation); a person 姓名 and 身份证号 (errors). 职务, 地址 and 联系电话 only warn
  when missing: the record stays usable without them. A person's 性别 is not required (it follows from
  the ID number), but a 性别 contradicting the ID number warns.
- Certificates (持证上岗): with a roster, a certificate not in it only warns (the roster may lag
  behind new certificates), an expired one is an error, a name differing from the roster's warns. The
  record's date is the date of ``time.start``, else the drafting date.
- Duplicates (same 执法证号, or same 姓名) are errors at the later officer and do not count towards
  the minimum number; two namesakes whose different certificates the roster confirms only warn.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from validators import rulebook
from validators.datetimes import parse_datetime
from validators.findings import WARNING, Finding, finding, pointer
from validators.identity import admin_segments, id_gender
from validators.numbers import year_after_document
from validators.registry import document_rule

#: element key → (Chinese name, how to fill it in)
ELEMENTS: dict[str, tuple[str, str]] = {
    "time": ("时间", "请填写开始时间和结束时间，精确到分钟，如 2026-11-20T09:30。"),
    "place": ("地点", "请填写具体地点，写明单位、场所或部位，如“某煤业有限公司井下12采区”。"),
    "officers": ("执法人员", f"请填写至少{rulebook.MIN_OFFICERS}名执法人员的姓名和执法证号。"),
    "object": ("执法对象", "请填写执法对象：单位写名称、统一社会信用代码、法定代表人，个人写姓名、身份证号等。"),
    "content": ("执法内容", "请写明检查、询问或决定的事项。"),
    "process": ("执法过程", "请写明执法经过，包括出示证件、告知权利等情况。"),
}

#: Characters that print as nothing: a text made only of these is as empty as "".
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def blank(value: Any) -> bool:
    """Missing, None, empty list/object, or text of only white space (full-width 　 and zero-width too)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip().strip(_INVISIBLE).strip()
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def _missing(key: str) -> Finding:
    name, how = ELEMENTS[key]
    return finding(pointer(key), "elements.missing", f"缺少执法要素“{name}”：{how}")


def _absent(container: dict, key: str) -> bool:
    """The key is missing or its value is None or blank text (other types are the schema's business)."""
    value = container.get(key)
    return value is None or (isinstance(value, str) and blank(value))


# --- 时间 -------------------------------------------------------------------------------------------

_SECONDS = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")


def _naive(moment: Any) -> datetime:
    if not isinstance(moment, datetime):
        return datetime.now().replace(second=0, microsecond=0)
    if moment.tzinfo is not None:  # compare in local wall-clock time, as the answers are written
        try:
            return moment.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):  # at the ends of the calendar: keep its wall clock
            return moment.replace(tzinfo=None)
    return moment


def _time(answers: dict, context: Any) -> list[Finding]:
    value = answers.get("time")
    if blank(value):
        return [_missing("time")]
    if not isinstance(value, dict):
        return []  # wrong type: the schema's type check reports it
    out: list[Finding] = []
    labels = {"start": "开始时间", "end": "结束时间"}
    parsed: dict[str, datetime] = {}
    for key, label in labels.items():
        path = pointer("time", key)
        raw = value.get(key)
        if _absent(value, key):
            out.append(finding(path, "elements.missing", f"请填写{label}，精确到分钟，如 2026-11-20T09:30。"))
            continue
        if not isinstance(raw, str):
            continue
        moment = parse_datetime(raw)
        if moment is None:
            if _SECONDS.match(raw):
                msg = f"{label}只需精确到分钟，请去掉秒，如 2026-11-20T09:30。"
            else:
                msg = f"{label}“{raw.strip()}”格式有误，应为“年-月-日T时:分”，如 2026-11-20T09:30。"
            out.append(finding(path, "time.format", msg))
            continue
        parsed[key] = moment
    if len(out) == 2 and all(f["code"] == "elements.missing" for f in out):
        out.insert(0, _missing("time"))
    now = _naive(getattr(context, "now", None))
    for key, moment in parsed.items():
        if moment > now:
            out.append(finding(pointer("time", key), "time.future",
                               f"{labels[key]}晚于当前时间（{now:%Y-%m-%d %H:%M}），记录不能写未来的时间，请核对。"))
    if "start" in parsed and "end" in parsed:
        start, end = parsed["start"], parsed["end"]
        if end <= start:
            out.append(finding(pointer("time", "end"), "time.order", "结束时间应晚于开始时间，请核对。"))
        elif (end - start).total_seconds() > rulebook.RECORD_LONG_HOURS * 3600:
            out.append(finding(pointer("time", "end"), "time.too_long",
                               f"记录时长超过{rulebook.RECORD_LONG_HOURS}小时，请核对开始和结束时间。", WARNING))
    return out


def record_date(answers: Any, context: Any = None) -> date:
    """The date a record speaks of: the date of ``time.start``, else the drafting date."""
    time = answers.get("time") if isinstance(answers, dict) else None
    start = parse_datetime(time.get("start")) if isinstance(time, dict) else None
    if start is not None:
        return start.date()
    return _naive(getattr(context, "now", None)).date()


# --- 地点 -------------------------------------------------------------------------------------------


def place_is_vague(text: str) -> bool:
    """Whether ``text`` names only administrative regions (“神池县”, “山西省忻州市神池县龙泉镇”)."""
    compact = re.sub(r"[\s\u3000，,、。．.；;]+", "", text)
    segments, rest = admin_segments(compact, towns=True)
    return bool(segments) and not rest


def _place(answers: dict) -> list[Finding]:
    value = answers.get("place")
    if blank(value):
        return [_missing("place")]
    if isinstance(value, str) and place_is_vague(value):
        return [finding(pointer("place"), "place.vague",
                        f"地点“{value.strip()}”只写到行政区域，请写明具体单位、场所或部位。", WARNING)]
    return []


# --- 执法人员 ----------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def _roster_entry(roster: Any, cert_no: str) -> Any:
    if not isinstance(roster, dict):
        return None
    return roster.get(cert_no) or roster.get(cert_no.strip()) or roster.get(_norm(cert_no))


def _officers(answers: dict, context: Any) -> list[Finding]:
    value = answers.get("officers")
    if blank(value) and not isinstance(value, list):
        return [_missing("officers")]
    if not isinstance(value, list):
        return []  # wrong type: the schema's type check reports it
    out: list[Finding] = []
    roster = getattr(context, "roster", None) or {}
    on = record_date(answers, context)
    seen_certs: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    distinct = 0
    for i, officer in enumerate(value):
        if not isinstance(officer, dict):
            continue
        name, cert = officer.get("name"), officer.get("cert_no")
        if _absent(officer, "name"):
            out.append(finding(pointer("officers", i, "name"), "officers.name_missing",
                               f"请填写第{i + 1}名执法人员的姓名。"))
        if _absent(officer, "cert_no"):
            out.append(finding(pointer("officers", i, "cert_no"), "officers.cert_missing",
                               f"请填写第{i + 1}名执法人员的执法证号。"))
        name_key = _norm(name) if isinstance(name, str) and not blank(name) else None
        cert_key = _norm(cert) if isinstance(cert, str) and not blank(cert) else None
        duplicate = False
        if cert_key is not None and cert_key in seen_certs:
            duplicate = True
            out.append(finding(pointer("officers", i), "officers.duplicate",
                               f"第{i + 1}名执法人员与第{seen_certs[cert_key] + 1}名的执法证号相同，请删除重复或核对证号。"))
        elif name_key is not None and name_key in seen_names:
            first = value[seen_names[name_key]]
            if _both_in_roster(roster, first.get("cert_no"), cert, name):
                out.append(finding(pointer("officers", i), "officers.same_name",
                                   f"第{i + 1}名执法人员与第{seen_names[name_key] + 1}名同名，名册显示为两名不同的执法人员，"
                                   "请确认无误。", WARNING))
            else:
                duplicate = True
                out.append(finding(pointer("officers", i), "officers.duplicate",
                                   f"第{i + 1}名执法人员与第{seen_names[name_key] + 1}名同名，请删除重复或核对姓名、证号。"))
        if cert_key is not None:
            seen_certs.setdefault(cert_key, i)
        if name_key is not None:
            seen_names.setdefault(name_key, i)
        if not duplicate and (name_key is not None or cert_key is not None):
            distinct += 1
        if roster and cert_key is not None:
            out += _certificate(i, name, cert, roster, on)
    head: list[Finding] = [_missing("officers")] if not value else []
    if distinct < rulebook.MIN_OFFICERS:
        head.append(finding(pointer("officers"), "officers.too_few",
                            f"执法人员不得少于{rulebook.MIN_OFFICERS}人（行政处罚法第四十二条），"
                            f"现有{distinct}人，请补充。"))
    return head + out


def _both_in_roster(roster: Any, cert_a: Any, cert_b: Any, name: Any) -> bool:
    """Whether the roster holds both certificates, different ones, each in ``name``: two real namesakes."""
    if not (roster and isinstance(cert_a, str) and isinstance(cert_b, str) and isinstance(name, str)):
        return False
    a, b = _roster_entry(roster, cert_a), _roster_entry(roster, cert_b)
    return (a is not None and b is not None and a is not b
            and all(_norm(str(getattr(e, "name", ""))) == _norm(name) for e in (a, b)))


def _certificate(i: int, name: Any, cert: str, roster: dict, on: date) -> list[Finding]:
    entry = _roster_entry(roster, cert)
    path = pointer("officers", i, "cert_no")
    if entry is None:
        return [finding(path, "officers.not_in_roster",
                        f"执法证号“{cert.strip()}”不在执法人员名册中，请核对证号或更新名册。", WARNING)]
    out: list[Finding] = []
    valid_until = getattr(entry, "valid_until", None)
    if isinstance(valid_until, date) and valid_until < on:
        out.append(finding(path, "officers.cert_expired",
                           f"执法证“{cert.strip()}”有效期至{valid_until.year}年{valid_until.month}月{valid_until.day}日，"
                           f"记录日期{on.year}年{on.month}月{on.day}日已过期，不得从事执法活动（持证上岗），请更换执法人员。"))
    roster_name = getattr(entry, "name", None)
    if isinstance(name, str) and not blank(name) and isinstance(roster_name, str) and roster_name.strip() \
            and _norm(name) != _norm(roster_name):
        out.append(finding(pointer("officers", i, "name"), "officers.name_mismatch",
                           f"名册中执法证号“{cert.strip()}”的持证人是“{roster_name.strip()}”，与填写的“{name.strip()}”不符，请核对。",
                           WARNING))
    return out


# --- 执法对象 ----------------------------------------------------------------------------------------

PARTY_TYPES = ("organization", "person")


def _object(answers: dict) -> list[Finding]:
    value = answers.get("object")
    if blank(value):
        return [_missing("object")]
    if not isinstance(value, dict):
        return []
    if all(blank(v) for v in value.values()):
        return [_missing("object")]
    out: list[Finding] = []
    kind = value.get("type")
    if _absent(value, "type"):
        out.append(finding(pointer("object", "type"), "object.type_missing",
                           "请选择执法对象的类别：单位或个人。"))
        # judge the rest by what was filled in
        kind = "person" if not _absent(value, "id_no") and _absent(value, "uscc") else \
            "organization" if not _absent(value, "uscc") else None
    elif kind not in PARTY_TYPES:
        kind = None  # a wrong value is reported by the schema's enum check

    def need(key: str, code: str, message: str, severity: str = "error") -> None:
        if _absent(value, key):
            out.append(finding(pointer("object", key), code, message, severity))

    if kind == "organization":
        need("name", "object.name_missing", "请填写被检查单位的名称（与营业执照等登记证照一致）。")
        need("uscc", "object.uscc_missing", "请填写单位的统一社会信用代码（18位，见营业执照）。")
        need("legal_rep", "object.legal_rep_missing", "请填写单位的法定代表人或负责人。")
        need("title", "object.title_missing", "未填写法定代表人（负责人）的职务，建议补充。", WARNING)
        need("address", "object.address_missing", "未填写单位地址，建议补充。", WARNING)
        need("phone", "object.phone_missing", "未填写联系电话，建议补充。", WARNING)
    elif kind == "person":
        need("name", "object.name_missing", "请填写当事人的姓名。")
        need("id_no", "object.id_no_missing", "请填写当事人的18位居民身份证号码。")
        need("address", "object.address_missing", "未填写当事人住址，建议补充。", WARNING)
        need("phone", "object.phone_missing", "未填写联系电话，建议补充。", WARNING)
        id_no, gender = value.get("id_no"), value.get("gender")
        if isinstance(id_no, str) and isinstance(gender, str) and gender.strip() in ("男", "女"):
            text = id_no.strip()
            implied = id_gender(text) if len(text) == 18 and text[:17].isdigit() else None
            if implied and implied != gender.strip():
                out.append(finding(pointer("object", "gender"), "object.gender_mismatch",
                                   f"性别“{gender.strip()}”与身份证号不符（按身份证号应为“{implied}”），请核对。",
                                   WARNING))
    else:
        need("name", "object.name_missing", "请填写执法对象的名称或姓名。")
    return out


# --- 执法内容、执法过程 ---------------------------------------------------------------------------------


def _text(answers: dict, key: str) -> list[Finding]:
    return [_missing(key)] if blank(answers.get(key)) else []


def _kind_meta(context: Any) -> dict:
    """The ``x-wenshu`` block of the kind being checked (``context.meta``; empty when unknown)."""
    meta = getattr(context, "meta", None)
    return meta if isinstance(meta, dict) else {}  # an unknown kind simply asks for nothing extra


def _process_mentions(answers: dict, context: Any) -> list[Finding]:
    """``x-wenshu.process_must_mention`` (e.g. ``["出示证件", "告知权利"]``): say when the text omits one."""
    text = answers.get("process")
    if not isinstance(text, str) or blank(text):
        return []
    asked = _kind_meta(context).get("process_must_mention") or []
    out: list[Finding] = []
    for item in asked if isinstance(asked, list) else []:
        spec = rulebook.PROCESS_MENTIONS.get(item) if isinstance(item, str) else None
        if spec is None:
            continue
        code, words, message = spec
        if not any(w in text for w in words):
            out.append(finding(pointer("process"), code, message, WARNING))
    return out


@document_rule("elements")
def check_elements(answers: Any, context: Any = None) -> list[Finding]:
    """All findings about the six elements of a record (DOMAIN.md §3)."""
    if not isinstance(answers, dict):
        return []
    out = _time(answers, context)
    out += _place(answers)
    out += _officers(answers, context)
    out += _object(answers)
    out += _text(answers, "content")
    out += _text(answers, "process")
    out += _process_mentions(answers, context)
    out += _number_year(answers, context)
    return out


def _number_year(answers: dict, context: Any) -> list[Finding]:
    """The number's year may not lie after the record's date (DOMAIN.md §4)."""
    time = answers.get("time")
    start = parse_datetime(time.get("start")) if isinstance(time, dict) else None
    if start is None:
        return []
    return year_after_document(answers.get("number"), start.date(), _naive(getattr(context, "now", None)).date())
