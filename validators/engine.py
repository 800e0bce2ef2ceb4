"""Validate one document's answers against its kind's schema and rules.

The kind is data: its JSON Schema (already with ``$ref`` inlined, see ``templates.kinds``) gives the
structure, Chinese titles, per-field checks (``x-check``) and the document rules to run
(``x-wenshu.rules``). This module has no branch per kind.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from validators import all_rules  # noqa: F401  (registers every field check and document rule)
from validators.context import CheckContext
from validators.findings import ERROR, Finding, finding, pointer
from validators.registry import DOCUMENT_RULES, FIELD_CHECKS, is_blank, upgraded

log = logging.getLogger(__name__)

_TYPE_CN = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是或否",
    "array": "列表",
    "object": "一组信息",
    "null": "空值",
}

_validators: dict[int, Draft202012Validator] = {}


def _validator_for(schema: dict) -> Draft202012Validator:
    key = id(schema)
    v = _validators.get(key)
    if v is None:
        v = Draft202012Validator(schema)
        _validators[key] = v
    return v


def _title(schema: dict | None, fallback: str) -> str:
    if isinstance(schema, dict) and schema.get("title"):
        return str(schema["title"])
    return fallback


def _structural(schema: dict, answers: Any) -> list[Finding]:
    out: list[Finding] = []
    for err in _validator_for(schema).iter_errors(answers):
        path = pointer(*err.absolute_path)
        here = _title(err.schema, str(err.absolute_path[-1]) if err.absolute_path else "文书")
        kw = err.validator
        if kw == "required":
            missing = err.message.split("'")[1] if "'" in err.message else ""
            sub = (err.schema.get("properties") or {}).get(missing, {})
            out.append(finding(path + pointer(missing), "field.missing",
                               f"请填写「{_title(sub, missing)}」。"))
        elif kw == "type":
            want = err.validator_value
            want_cn = "或".join(_TYPE_CN.get(t, t) for t in (want if isinstance(want, list) else [want]))
            out.append(finding(path, "field.type", f"「{here}」应为{want_cn}，请重新填写。"))
        elif kw == "enum" and isinstance(err.instance, str) and err.instance in (err.schema.get("x-enum-refused") or {}):
            # a value the form once offered and the law does not allow here, with what to use instead
            out.append(finding(path, "field.refused", str(err.schema["x-enum-refused"][err.instance])))
        elif kw == "enum":
            titles = err.schema.get("x-enum-titles") or {}  # the Chinese names the form shows
            choices = "、".join(str(titles.get(c, c)) for c in err.validator_value if c != "")
            out.append(finding(path, "field.choice", f"「{here}」只能是：{choices}。"))
        elif kw == "const":
            out.append(finding(path, "field.choice", f"「{here}」应为“{err.validator_value}”。"))
        elif kw == "minItems":
            out.append(finding(path, "field.too_few", f"「{here}」至少需要 {err.validator_value} 项。"))
        elif kw == "maxItems":
            out.append(finding(path, "field.too_many", f"「{here}」最多 {err.validator_value} 项。"))
        elif kw == "minLength":
            out.append(finding(path, "field.missing", f"请填写「{here}」。"))
        elif kw == "maxLength":
            out.append(finding(path, "field.too_long", f"「{here}」不得超过 {err.validator_value} 个字。"))
        elif kw == "pattern":
            hint = err.schema.get("x-pattern-hint") or "格式不正确"
            out.append(finding(path, "field.format", f"「{here}」{hint}。"))
        elif kw in {"minimum", "exclusiveMinimum"}:
            out.append(finding(path, "field.range", f"「{here}」不能小于 {err.validator_value}。"))
        elif kw in {"maximum", "exclusiveMaximum"}:
            out.append(finding(path, "field.range", f"「{here}」不能大于 {err.validator_value}。"))
        elif kw == "additionalProperties":
            out.append(finding(path, "field.unknown", f"「{here}」中有无法识别的项目：{err.message}"))
        else:
            out.append(finding(path, "field.invalid", f"「{here}」填写有误，请检查。"))
    return out


def _walk(schema: dict, value: Any, path: str) -> Iterator[tuple[dict, Any, str]]:
    """Yield (sub-schema, value, path) for every value present in the answers."""
    yield schema, value, path
    if isinstance(value, dict):
        for key, sub in (schema.get("properties") or {}).items():
            if key in value:
                yield from _walk(sub, value[key], path + pointer(key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            yield from _walk(schema["items"], item, path + pointer(i))


def _blank_required(schema: dict, answers: Any) -> list[Finding]:
    out: list[Finding] = []
    for sub, value, path in _walk(schema, answers, ""):
        if not isinstance(value, dict):
            continue
        for key in sub.get("required") or ():
            if key in value and isinstance(value[key], str) and is_blank(value[key]):
                prop = (sub.get("properties") or {}).get(key, {})
                out.append(finding(path + pointer(key), "field.missing", f"请填写「{_title(prop, key)}」。"))
    return out


def _field_checks(schema: dict, answers: Any, context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for sub, value, path in _walk(schema, answers, ""):
        names = sub.get("x-check")
        if not names or is_blank(value):
            continue
        for name in [names] if isinstance(names, str) else names:
            check = FIELD_CHECKS.get(name)
            if check is None:
                log.error("unknown field check %s at %s", name, path)
                continue
            out.extend(_guarded(check, name, path, value, path, context))
    return out


def _guarded(func, name: str, path: str, *args) -> list[Finding]:
    """Run a rule; a bug in one rule becomes an error finding instead of a crash of the whole check."""
    try:
        return list(func(*args) or [])
    except Exception:  # a rule must never take the user's work down with it
        log.exception("rule %s failed", name)
        return [finding(path, "internal.rule_failed", f"规则“{name}”无法完成检查，请核对此处内容。", ERROR)]


def _is_unprintable(c: str) -> bool:
    """C0/C1 control characters other than line breaks and tabs, lone surrogates, U+FFFE/U+FFFF: none can
    be printed and most cannot even be stored in a .docx (XML) file."""
    o = ord(c)
    if c in "\n\r\t":  # \r: Windows line ends (\r\n) are ordinary line breaks
        return False
    return o < 0x20 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF)


def _control_chars(answers: Any) -> list[Finding]:
    """``text.control_chars`` at every text in the answers holding an unprintable character (DOMAIN.md §7)."""
    out: list[Finding] = []
    stack: list[tuple[Any, str]] = [(answers, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, path + pointer(str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, path + pointer(i)) for i, v in enumerate(value))
        elif isinstance(value, str):
            bad = next((c for c in value if _is_unprintable(c)), None)
            if bad is not None:
                out.append(finding(path, "text.control_chars",
                                   f"此处含有无法打印的控制字符（U+{ord(bad):04X}），多为从其他软件复制时带入，"
                                   "请删除后重新输入。"))
    out.sort(key=lambda f: f["path"])
    return out


def shown(sub: dict, siblings: Any) -> bool:
    """Whether a field applies: its ``x-show-if`` (``{"method": "留置"}``, ``{"method": ["委托", "转交"]}``)
    holds for the answers beside it, or the value it depends on is not chosen yet. The form hides a field that does not apply; its findings go too."""
    cond = sub.get("x-show-if") if isinstance(sub, dict) else None
    if not isinstance(cond, dict):
        return True
    values = siblings if isinstance(siblings, dict) else {}
    # a condition on a value not chosen yet is undecided: the field still counts (the rules that read
    # the choice, such as the party's identity, say what is missing)
    return all(is_blank(values.get(other)) or values.get(other) in (want if isinstance(want, list) else [want])
               for other, want in cond.items())


def hidden_paths(schema: dict, answers: Any) -> list[str]:
    """JSON pointers of the fields that do not apply (``x-show-if``), at any depth."""
    out: list[str] = []
    stack: list[tuple[dict, Any, str]] = [(schema, answers, "")]
    while stack:
        sub, value, path = stack.pop()
        if not isinstance(sub, dict):
            continue
        if isinstance(value, dict):
            for key, child in (sub.get("properties") or {}).items():
                here = path + pointer(key)
                if not shown(child, value):
                    out.append(here)
                elif key in value:
                    stack.append((child, value[key], here))
        elif isinstance(value, list) and isinstance(sub.get("items"), dict):
            stack.extend((sub["items"], item, path + pointer(i)) for i, item in enumerate(value))
    return out


def number_field(schema: dict) -> str | None:
    """The kind's own 文号 field: the top-level text field with ``x-widget: number``."""
    for name, sub in (schema.get("properties") or {}).items():
        kind = sub.get("type") if isinstance(sub, dict) else None
        if sub.get("x-widget") == "number" and (kind == "string" or (isinstance(kind, list) and "string" in kind)):
            return name
    return None


def is_draft_number(text: Any) -> bool:
    """Blank, or the draft's ``（晋忻神）应急罚〔2026〕　　号``: a number the registry has still to issue."""
    from validators.numbers import check_number

    if not isinstance(text, str) or not text.strip():
        return text is None or isinstance(text, str)
    return any(f["code"] == "number.seq_missing" for f in check_number(text.strip())["findings"])


def pending_number(schema: dict, answers: Any, context: CheckContext) -> str | None:
    """The number field the registry fills on generation (blank or the draft's placeholder, of a kind with a
    文种代字), or None. While drafting its findings are no fault of the draft."""
    from validators.numbers import kind_code

    name = number_field(schema)
    if not name or not isinstance(answers, dict) or not is_draft_number(answers.get(name)):
        return None
    code = kind_code(context.kind, context.settings) if context.kind else (schema.get("x-wenshu") or {}).get("code")
    return name if code else None


def validate(schema: dict, answers: Any, context: CheckContext | None = None) -> list[Finding]:
    """All findings for ``answers`` of the kind whose (inlined) ``schema`` is given.

    Findings at fields that do not apply (``x-show-if``) are left out, and so, while drafting
    (``context.final`` false), are those of a 文号 the registry has still to issue: this is the one place
    that decides what the form, ``wenshu validate`` and ``wenshu case check`` report."""
    context = context or CheckContext()
    if context.kind and not context.meta:  # built by hand for its kind: the schema checked is that kind's
        context = dataclasses.replace(context, meta=schema.get("x-wenshu") or {})
    if not isinstance(answers, dict):
        return [finding("", "document.type", "文书内容应为一个 JSON 对象（以 { 开头）。")]
    answers = upgraded(schema.get("x-wenshu"), answers)  # answers of a kind's earlier shape, lifted
    found = _findings(schema, answers, context)
    quiet = hidden_paths(schema, answers)
    if not context.final and (name := pending_number(schema, answers, context)):
        quiet.append(pointer(name))
    if not quiet:
        return found
    return [f for f in found if not any(f["path"] == q or f["path"].startswith(q + "/") for q in quiet)]


def _findings(schema: dict, answers: dict, context: CheckContext) -> list[Finding]:
    found = _structural(schema, answers)
    found += _blank_required(schema, answers)
    found += _field_checks(schema, answers, context)
    found += _control_chars(answers)
    meta = schema.get("x-wenshu") or {}
    for name in meta.get("rules") or ():
        rule = DOCUMENT_RULES.get(name)
        if rule is None:
            log.error("unknown document rule %s", name)
            continue
        found += _guarded(rule, name, "", answers, context)
    # a blank value that a rule already reports as missing needs no "wrong type/choice" message besides
    missing = {f["path"] for f in found if f["code"].endswith("missing") and f["code"] != "field.missing"}
    # (and when the schema also marks it required, the rule's more specific message is enough)
    seen: set[tuple[str, str]] = set()
    unique: list[Finding] = []
    for f in found:
        key = (f["path"], f["code"])
        if f["code"] in ("field.type", "field.choice", "field.missing") and f["path"] in missing:
            continue
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
