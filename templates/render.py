"""Render a kind's docx template with the answers: validated first, escaped, written atomically.

- docxtpl with ``autoescape=True``: ``& < > " '`` typed by a user are data, never markup; line breaks
  and tabs come out as Word breaks and tabs (docxtpl does this for escaped text).
- ``StrictUndefined``: a template asking for a name the answers do not have fails loudly in tests;
  optional fields the user left out are filled with empty values from the schema first.
- Fonts are rewritten per the font profile (``templates.fonts``) in every ``w:rFonts``, all four slots.
- The file is written to a temporary name in the target folder and renamed: never half a document.
- Jinja filters live in ``templates.filters`` (any module may register more with ``@template_filter``).
- The template file's bytes are cached per (size, mtime); each render still parses its own copy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os  # noqa: F401 (the file writing moved to templates.atomic; callers and tests reach os here)
import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from templates import filters, oserror
from templates.atomic import RenderError, atomic_write  # noqa: F401 (atomic_write: re-exported)
from templates.fonts import FANGSONG, font_map, with_aliases
from templates.kinds import Kind
from templates.normalize import DEFAULT_HEADER, normalize_docx
from validators.context import CheckContext
from validators.engine import validate
from validators.findings import Finding, has_errors

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RenderRefused(RenderError):
    """The answers have errors; nothing was written. ``findings`` says what to fix."""

    def __init__(self, findings: list[Finding]):
        super().__init__("文书存在错误，未生成文件。请先改正检查结果中的错误。")
        self.findings = findings


def _empty_for(schema: dict) -> Any:
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), None)
    if t == "object" or "properties" in schema:
        return {k: _empty_for(v) for k, v in (schema.get("properties") or {}).items()}
    if t == "array":
        return []
    if t == "boolean":
        return False
    return ""


def _fill(schema: dict, value: Any) -> Any:
    """The answers with every property the schema declares present (empty when not answered)."""
    if value is None:
        return _empty_for(schema)
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        out = {k: _fill(props.get(k, {}), v) for k, v in value.items()}
        for k, sub in props.items():
            if k not in out:
                out[k] = _empty_for(sub)
        return out
    if isinstance(value, list):
        items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
        return [_fill(items, v) for v in value]
    if isinstance(value, str):
        return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def fingerprint(kind: Kind, answers: dict) -> str:
    """A short, stable fingerprint of exactly what was printed (纠错: match a paper copy to its record)."""
    canon = json.dumps({"kind": kind.name, "answers": answers}, ensure_ascii=False, sort_keys=True,
                       separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16].upper()


# Kept for callers of the skeleton's private names; the filters live in ``templates.filters``.
_money = filters.money
_money_cn = filters.money_cn
_blank = filters.blank

def _keep_typed_braces(value: Any) -> Any:
    """Typed text stays as typed: docxtpl turns ``{_{``, ``}_}``, ``{_%`` and ``%_}`` in the rendered XML
    into ``{{`` … (its own escape for template authors), so the ``_`` of a typed ``{_`` or ``_}`` is
    written as the character reference ``&#95;``, which Word reads as ``_``."""
    if isinstance(value, markupsafe.Markup) or not isinstance(value, str) or "_" not in value:
        return value
    text = str(markupsafe.escape(value))  # a plain str: Markup.replace would escape the reference again
    if "{_" not in text and "_}" not in text and "%_" not in text and "_%" not in text:
        return value
    for pair in ("{_", "_}", "_%", "%_"):
        text = text.replace(pair, pair.replace("_", "&#95;"))
    return markupsafe.Markup(text)


_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, finalize=_keep_typed_braces)


def jinja_env() -> jinja2.Environment:
    """The environment templates render in, with every filter registered in ``templates.filters``."""
    _env.filters.update(filters.FILTERS)
    return _env


_THEME_ATTRS = [qn("w:asciiTheme"), qn("w:hAnsiTheme"), qn("w:eastAsiaTheme"), qn("w:cstheme")]


def _apply_fonts(document, mapping: dict[str, str]) -> None:
    """Rewrite every ``w:rFonts`` of body, styles, headers and footers per ``mapping``.

    Theme font references (``w:eastAsiaTheme`` …) win over named fonts in Word, and resolve to the
    theme's Latin/Japanese fonts: they are removed, and a slot left without a name gets the body font,
    so every run — Chinese or not — resolves to a font of the profile.
    """
    body = mapping.get(FANGSONG, FANGSONG)
    parts = [document.part, document.part._styles_part]  # noqa: SLF001 (python-docx has no public accessor)
    # Headers and footers through the relationships: docxtpl replaces rendered ones with new parts,
    # which python-docx's ``section.footer`` (a cached lookup) does not see.
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer")):
            parts.append(rel.target_part)
    seen: set[int] = set()
    attrs = [qn("w:ascii"), qn("w:hAnsi"), qn("w:eastAsia"), qn("w:cs")]
    for part in parts:
        if id(part) in seen:
            continue
        seen.add(id(part))
        element = getattr(part, "element", None)
        if element is None:
            continue
        for rfonts in element.iter(qn("w:rFonts")):
            themed = False
            for attr in _THEME_ATTRS:
                if rfonts.get(attr) is not None:
                    del rfonts.attrib[attr]
                    themed = True
            for attr in attrs:
                name = rfonts.get(attr)
                if name in mapping:
                    rfonts.set(attr, mapping[name])
                elif themed and name is None:
                    rfonts.set(attr, body)


_TEMPLATE_CACHE: dict[Path, tuple[tuple[int, int], bytes]] = {}


def _read_template(path: Path, title: str) -> bytes:
    """A template file's bytes, normalised for docxtpl (``templates.normalize``: what Word and WPS do to
    tags on saving), read once per (size, mtime): a rebuilt or re-saved template is picked up."""
    try:
        st = path.stat()
    except OSError:
        raise RenderError(f"文书种类“{title}”缺少模板文件 {path.name}。") from None
    key = (st.st_size, st.st_mtime_ns)
    hit = _TEMPLATE_CACHE.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"无法读取文书种类“{title}”的模板文件：{oserror.reason(exc)}。") from exc
    try:
        data = normalize_docx(raw)
    except (zipfile.BadZipFile, ValueError, etree.XMLSyntaxError):
        data = raw  # not a .docx: the lint says so (template.unreadable); docxtpl would fail on it
    _TEMPLATE_CACHE[path] = (key, data)
    return data


def _template_bytes(kind: Kind) -> bytes:
    """The kind's built-in template, normalised."""
    return _read_template(kind.template_path, kind.title)


class TemplateRefused(RenderRefused):
    """The template in use has lint errors (``templates.lint``); ``findings`` is the lint report."""

    def __init__(self, kind: Kind, findings: list[Finding]):
        super().__init__(findings)
        self.args = (f"文书种类“{kind.title}”的模板有错误，未生成文件。请按模板检查结果修改模板。",)


def template_in_use(kind: Kind, settings: dict | None = None) -> tuple[bytes, list[Finding]]:
    """The template a document of ``kind`` is rendered from, and notes about the choice.

    The agency's override (``settings["template_files"][kind]``, put there by the agency profile) is used
    when it lints clean; with lint errors it is passed over for the built-in one, with a warning
    ``template.override_refused`` (the previous template stays in use). A built-in template with lint
    errors raises ``TemplateRefused``.
    """
    from templates.lint import lint_bytes

    notes: list[Finding] = []
    override = ((settings or {}).get("template_files") or {}).get(kind.name)
    if override:
        try:
            data = _read_template(Path(override), kind.title)
        except RenderError as exc:
            data, report = b"", [{"path": "", "code": "template.unreadable", "severity": "error",
                                  "message": str(exc)}]
        else:
            report = lint_bytes(data, kind)
        if not has_errors(report):
            return data, notes
        first = next(f["message"] for f in report if f["severity"] == "error")
        notes.append({"path": "", "code": "template.override_refused", "severity": "warning",
                      "message": f"本机关的“{kind.title}”模板有错误，本次仍使用内置模板：{first}"})
    data = _template_bytes(kind)
    report = lint_bytes(data, kind)
    if has_errors(report):
        raise TemplateRefused(kind, report)
    return data, notes


def agency_context(settings: dict | None) -> dict:
    """``_agency`` in a template: the agency profile's names and header line (defaults when unset)."""
    agency = dict((settings or {}).get("agency") or {})
    out = {k: str(agency.get(k) or "") for k in ("name", "short", "region", "legal_office",
                                                 "reconsideration_organ", "court")}
    out["header"] = str((settings or {}).get("header") or DEFAULT_HEADER)
    return out


def build_context(kind: Kind, answers: dict, *, draft: bool = False, mark: str | None = None,
                  settings: dict | None = None) -> dict:
    """The template's variables: the answers (missing optional fields empty) plus document facts and the
    agency profile (``_agency``)."""
    from validators.registry import upgraded

    ctx = _fill(kind.schema, upgraded(kind.schema.get("x-wenshu"), answers))  # earlier shapes lifted
    ctx["_kind"] = {"name": kind.name, "title": kind.title, "code": kind.code or ""}
    ctx["_agency"] = agency_context(settings)
    ctx["_draft"] = draft
    ctx["_fingerprint"] = mark or ""
    return ctx


#: The line every final document carries in its footer (DOMAIN.md §11): small, at the right.
MARK_PREFIX = "文书指纹 "
MARK_SIZE_HALF_POINTS = 16  # 8 pt (小六号 is 6.5 pt; 8 pt stays legible on a photocopy)
MARK_LINE_TWIPS = 200  # the mark's line: exactly 10 pt


def _stamp_footers(document, mark: str) -> None:
    """Put ``文书指纹 XXXX-…`` at the foot of every page: a last paragraph in each footer part (default,
    first and even pages alike); a section without any footer gets one."""
    from docx.oxml import OxmlElement

    def paragraph() -> Any:
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "right")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(MARK_LINE_TWIPS))
        spacing.set(qn("w:lineRule"), "exact")
        ppr.append(spacing)
        ppr.append(jc)
        p.append(ppr)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FANGSONG)
        rpr.append(fonts)
        for tag in ("w:sz", "w:szCs"):
            size = OxmlElement(tag)
            size.set(qn("w:val"), str(MARK_SIZE_HALF_POINTS))
            rpr.append(size)
        r.append(rpr)
        t = OxmlElement("w:t")
        t.text = MARK_PREFIX + mark
        r.append(t)
        p.append(r)
        return p

    # The line goes below what the footer holds (page number, 第 N 页 共 M 页), which keeps its place: the
    # footer's distance from the page edge shrinks by the mark's line, so the footer does not grow into
    # the body and every page keeps its lines (GB/T 9704: 22 lines a page).
    from docx.shared import Twips

    for section in document.sections:
        distance = section.footer_distance
        if distance is not None:
            section.footer_distance = Twips(max(int(distance.twips) - MARK_LINE_TWIPS, 0))
    stamped = 0
    for rel in list(document.part.rels.values()):
        if not rel.is_external and rel.reltype.endswith("/footer"):
            rel.target_part.element.append(paragraph())
            stamped += 1
    if not stamped:
        for section in document.sections:
            footer = section.footer
            footer.is_linked_to_previous = False
            footer._element.append(paragraph())  # noqa: SLF001 (the same element python-docx writes)


def render_template_bytes(data: bytes, kind: Kind, answers: dict, *, font_profile: str | None = None,
                          draft: bool = False, mark: str | None = None, settings: dict | None = None) -> bytes:
    """Template ``data`` (normalised .docx bytes) filled with ``answers``: the finished .docx as bytes."""
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.render(build_context(kind, answers, draft=draft, mark=mark, settings=settings), jinja_env(),
                   autoescape=True)
    except jinja2.TemplateError as exc:
        raise RenderError(f"模板“{kind.title}”无法填写：{exc}") from exc
    if mark:
        _stamp_footers(tpl.docx, mark)
    chosen = (settings or {}).get("fonts")  # the families chosen in 设置 → 字体 (agency profile)
    _apply_fonts(tpl.docx, with_aliases(font_map(font_profile, chosen) if chosen else font_map(font_profile)))
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def render_bytes(kind: Kind, answers: dict, *, font_profile: str | None = None, draft: bool = False,
                 mark: str | None = None, settings: dict | None = None) -> bytes:
    """The finished .docx as bytes (no validation; see ``render_document``); ``mark`` is the fingerprint
    a final document prints in its footer. ``settings`` (the agency profile) gives the header line, the
    agency's template for the kind and the chosen fonts."""
    data, _notes = template_in_use(kind, settings)
    return render_template_bytes(data, kind, answers, font_profile=font_profile, draft=draft, mark=mark,
                                 settings=settings)


def render_document(kind: Kind, answers: dict, out: Path, *, context: CheckContext | None = None,
                    font_profile: str | None = None, mark: str | None = None) -> list[Finding]:
    """Validate, render and write ``out``. Raises ``RenderRefused`` (nothing written) on errors.

    Returns the findings (warnings only) so the caller can show them beside the written file.
    ``font_profile`` ``None`` means the settings' ``font_profile`` (``context.settings``), else detection.
    """
    context = dataclasses.replace(context or CheckContext(kind=kind.name), final=True)
    findings = validate(kind.schema, answers, context)
    if has_errors(findings):
        raise RenderRefused(findings)
    settings = context.settings or {}
    if font_profile is None:
        font_profile = settings.get("font_profile")
    data, notes = template_in_use(kind, settings)
    from templates.font_catalog import glyph_findings  # 生僻字 the chosen 仿宋 face cannot draw

    notes += glyph_findings(answers, settings, font_profile)
    atomic_write(Path(out), render_template_bytes(data, kind, answers, font_profile=font_profile, mark=mark,
                                                  settings=settings))
    return findings + notes


# Compiled templates are kept between renders (a third of the render time; see templates/jinja_cache.py).
from templates.jinja_cache import cache_compiled  # noqa: E402

cache_compiled(_env)
