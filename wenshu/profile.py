"""The agency profile (机关配置, issue 19): who issues the documents and how they are printed.

One plain JSON document with a version, so it can be kept anywhere (the settings file on a PC, the
office database) and carried to every PC of an agency as one file (``wenshu profile export/import``):

- ``agency``: ``name`` (issuing organ), ``short`` (机关代字), ``region`` (地区简称), ``legal_office``
  (法制机构), ``reconsideration_organ`` (复议机关), ``court`` (人民法院);
- ``header``: the line printed above every form's title (``安全生产行政执法文书``, or
  ``煤矿安全监管行政执法文书`` …; templates print it as ``{{ _agency.header }}``);
- ``kind_codes``: 文种代字 overrides per kind; ``numbering``: the numbering scheme;
- ``rule_set``: the 重大执法决定 thresholds (``seed001`` / ``seed002``, shown by their regulation's name);
- ``retention``: the case file's 保存期限 (the 案卷封面's choices: 永久, 30年, 10年); ``font_profile`` and ``fonts`` (the family chosen for
  仿宋, 小标宋, 黑体, 楷体);
- ``template_overrides``: the agency's own template per kind — a .docx that lints clean (a template
  with lint errors is refused with the report; the previous template stays in use).

Stored in ``settings.json`` (the same keys), the override files in the data folder's ``templates/``.
An exported profile carries the override files inside it (base64), so one file sets a PC up.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import re
from pathlib import Path
from typing import Any

from templates.kinds import UnknownKind, all_kinds, get_kind
from validators.findings import Finding, has_errors
from validators.rulebook import DEFAULT_RULE_SET, MAJOR_DECISION_RULE_SETS
from wenshu.paths import data_dir


def lint_bytes(data: bytes, kind) -> list[Finding]:
    """``templates.lint.lint_bytes``, imported when a template is checked: the lint brings the rendering stack
    (docxtpl, jinja2, lxml), which the app's first window must not wait for (issue 17)."""
    from templates.lint import lint_bytes as lint

    return lint(data, kind)


FORMAT = "wenshu.profile"
VERSION = 1
DEFAULT_HEADER = "安全生产行政执法文书"
HEADER_CHOICES = ("安全生产行政执法文书", "煤矿安全监管行政执法文书", "应急管理行政执法文书")

AGENCY_FIELDS: dict[str, str] = {
    "name": "执法机关名称",
    "short": "机关代字",
    "region": "地区简称",
    "legal_office": "法制机构",
    "reconsideration_organ": "复议机关",
    "court": "人民法院",
}

#: Numbering schemes the number registry implements (DOMAIN.md §4: the default is one sequence per
#: (代字, year)); a scheme is offered only when the registry numbers that way.
NUMBERING_SCHEMES: dict[str, str] = {"per_code_year": "按代字、年份各自连续编号"}

LOGICAL_FONT_LABELS = ("仿宋", "小标宋", "黑体", "楷体")

DEFAULT_PROFILE: dict[str, Any] = {
    "agency": {"name": "", "short": "", "region": "", "legal_office": "", "reconsideration_organ": "",
               "court": ""},
    "header": DEFAULT_HEADER,
    "kind_codes": {},
    "numbering": "per_code_year",
    "rule_set": DEFAULT_RULE_SET,
    "retention": "30年",
    "font_profile": "auto",
    "fonts": {},
    "template_overrides": {},
}
PROFILE_KEYS = tuple(DEFAULT_PROFILE)


class ProfileError(Exception):
    """A profile that cannot be used; ``str()`` is a Chinese message. ``findings``: a lint report, when the
    cause is an agency template with errors (exit 1), else empty (exit 2)."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.findings = findings or []


def rule_set_choices() -> dict[str, str]:
    """Rule set id → the regulation's Chinese name (users never see ``seed001``)."""
    return {name: rs.title for name, rs in MAJOR_DECISION_RULE_SETS.items()}


def _yuan(amount) -> str:
    value = int(amount)
    return f"{value // 10000}万元" if value % 10000 == 0 else f"{value}元"


def rule_set_summary(name: str) -> str:
    """The thresholds of a rule set, as a clerk reads them (法制审核 and 听证 fines, with the source)."""
    rs = MAJOR_DECISION_RULE_SETS.get(name)
    if rs is None:
        return ""
    review = f"个人罚款{_yuan(rs.review_fine['person'])}以上、单位罚款{_yuan(rs.review_fine['organization'])}以上须法制审核"
    hearing = f"个人罚款{_yuan(rs.hearing_fine['person'])}以上、单位罚款{_yuan(rs.hearing_fine['organization'])}以上应告知听证"
    clause = re.sub(r"^\d{3}\s*", "", rs.fine_source or rs.source)  # "001 第六条…": the seed's number stays inside
    return f"{review}（该制度{clause}）；{hearing}（行政处罚法 第六十三条）。"


def retention_choices() -> list[str]:
    """The 保存期限 a case file may carry: the 案卷封面's choices (data of the kind, not of this module)."""
    try:
        prop = (get_kind("case_file_cover").schema.get("properties") or {}).get("retention") or {}
    except UnknownKind:
        prop = {}
    return list(prop.get("enum") or ["永久", "30年", "10年"])


def templates_dir() -> Path:
    return data_dir() / "templates"


def profile_of(settings: dict) -> dict:
    """The profile held in ``settings`` (defaults where unset), as the versioned document."""
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key, default in DEFAULT_PROFILE.items():
        value = settings.get(key, copy.deepcopy(default))
        if key == "agency":
            value = {k: str((value or {}).get(k) or "") for k in AGENCY_FIELDS}
        out[key] = copy.deepcopy(value)
    return out


def current_profile() -> dict:
    from wenshu.settings import load_settings

    return profile_of(load_settings())


def _kind_title(name: str) -> str:
    try:
        return get_kind(name).title
    except UnknownKind:
        return name


def check_profile(doc: Any) -> dict:
    """``doc`` checked as a profile document; returns it with defaults filled. Raises ``ProfileError``
    (a newer version, unknown keys, wrong types, an unknown kind or rule set)."""
    if not isinstance(doc, dict):
        raise ProfileError("机关配置文件的内容应为一个 JSON 对象。")
    if doc.get("format") != FORMAT:
        raise ProfileError("文件不是执法文书助手导出的机关配置（缺少 format: wenshu.profile）。")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProfileError("机关配置文件的版本号无效。")
    if version > VERSION:
        raise ProfileError(f"机关配置文件由较新版本的程序导出（配置版本 {version}，本程序只能读取版本 {VERSION}）。"
                           "请升级本程序后再导入。")
    unknown = sorted(set(doc) - set(PROFILE_KEYS) - {"format", "version", "templates"})
    if unknown:
        raise ProfileError(f"机关配置文件中有本程序不认识的项目：{'、'.join(unknown)}。未作任何改动，请检查文件来源。")
    out = {key: copy.deepcopy(doc.get(key, DEFAULT_PROFILE[key])) for key in PROFILE_KEYS}
    agency = out["agency"]
    if not isinstance(agency, dict):
        raise ProfileError("机关配置中的“执法机关”应为一组名称。")
    extra = sorted(set(agency) - set(AGENCY_FIELDS))
    if extra:
        raise ProfileError(f"机关配置的“执法机关”中有本程序不认识的项目：{'、'.join(extra)}。")
    for key, label in AGENCY_FIELDS.items():
        value = agency.get(key, "")
        if not isinstance(value, str):
            raise ProfileError(f"机关配置中的“{label}”应为文字。")
        agency[key] = value.strip()
    if not isinstance(out["header"], str) or not out["header"].strip():
        raise ProfileError("机关配置中的“文书标题上方的行业名称”不能为空。")
    out["header"] = out["header"].strip()
    if out["rule_set"] not in MAJOR_DECISION_RULE_SETS:
        raise ProfileError(f"机关配置中的重大执法决定标准“{out['rule_set']}”本程序没有。可选："
                           f"{'；'.join(rule_set_choices().values())}。")
    if out["numbering"] not in NUMBERING_SCHEMES:
        raise ProfileError(f"机关配置中的编号方式“{out['numbering']}”本程序尚不支持。")
    if out["retention"] not in retention_choices():
        raise ProfileError(f"机关配置中的案卷保存期限“{out['retention']}”无法识别。可选：{'、'.join(retention_choices())}。")
    kinds = {k.name for k in all_kinds()}
    for field in ("kind_codes", "template_overrides", "fonts"):
        if not isinstance(out[field], dict):
            raise ProfileError(f"机关配置中的“{field}”格式有误。")
    for name, code in out["kind_codes"].items():
        if name not in kinds:
            raise ProfileError(f"机关配置为本程序没有的文书种类“{name}”设置了代字。")
        if code is not None and not isinstance(code, str):
            raise ProfileError(f"“{_kind_title(name)}”的文种代字应为文字。")
    for label, family in out["fonts"].items():
        if label not in LOGICAL_FONT_LABELS or not isinstance(family, str):
            raise ProfileError(f"机关配置中的字体“{label}”无法识别。可设置：{'、'.join(LOGICAL_FONT_LABELS)}。")
    for name in out["template_overrides"]:
        if name not in kinds:
            raise ProfileError(f"机关配置为本程序没有的文书种类“{name}”提供了模板。")
    if not isinstance(out["font_profile"], str):
        raise ProfileError("机关配置中的字体方案格式有误。")
    return out


def _save(settings: dict) -> None:
    from wenshu.settings import save_settings

    _push_to_office(settings)  # office mode: the database first (管理员 only); refused → nothing changes here
    save_settings({k: v for k, v in settings.items() if k != "template_files"})


def save_profile(profile: dict) -> dict:
    """Store ``profile`` (checked) in the settings; template overrides are kept as they are (they change
    only through ``set_template``/``remove_template``)."""
    _office_may_write()
    from wenshu.settings import load_settings

    checked = check_profile({"format": FORMAT, "version": VERSION, **{k: v for k, v in profile.items()
                                                                       if k not in ("format", "version")}})
    settings = load_settings()
    overrides = settings.get("template_overrides") or {}
    for key in PROFILE_KEYS:
        settings[key] = checked[key]
    settings["template_overrides"] = overrides
    settings["setup_done"] = True
    _save(settings)
    return profile_of(settings)


def needs_setup() -> bool:
    """The first-run wizard is due: no agency name has been confirmed on this PC yet."""
    from wenshu.settings import settings_path

    try:
        stored = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return not (isinstance(stored, dict) and stored.get("setup_done"))


def lint_template_data(kind_name: str, data: bytes) -> list[Finding]:
    return lint_bytes(data, get_kind(kind_name))


def set_template(kind_name: str, data: bytes) -> list[Finding]:
    """Use ``data`` (a .docx) as the agency's template for the kind. Refused (``ProfileError`` with the lint
    report; nothing changes) when it has lint errors; returns the warnings otherwise."""
    from wenshu.jsonio import write_json_file  # noqa: F401 (the settings are written through it)
    from wenshu.settings import load_settings

    try:
        kind = get_kind(kind_name)
    except UnknownKind as exc:
        raise ProfileError(str(exc)) from None
    report = lint_bytes(data, kind)
    if has_errors(report):
        raise ProfileError(f"“{kind.title}”的模板有错误，未采用（仍使用原来的模板）。", report)
    _office_may_write()
    folder = templates_dir()
    from templates.atomic import RenderError, atomic_write

    try:
        atomic_write(folder / f"{kind.name}.docx", data)
    except RenderError as exc:
        raise ProfileError(str(exc)) from None
    settings = load_settings()
    overrides = dict(settings.get("template_overrides") or {})
    overrides[kind.name] = f"{kind.name}.docx"
    settings["template_overrides"] = overrides
    _save(settings)
    return report


def remove_template(kind_name: str) -> None:
    """Go back to the built-in template for the kind (the agency's file stays in the folder)."""
    _office_may_write()
    from wenshu.settings import load_settings

    settings = load_settings()
    overrides = dict(settings.get("template_overrides") or {})
    overrides.pop(kind_name, None)
    settings["template_overrides"] = overrides
    _save(settings)


def export_profile(path: str | Path) -> dict:
    """Write the profile, with the agency's template files inside it, to ``path`` (atomically)."""
    from wenshu.jsonio import write_json_file

    doc = profile_document(current_profile())
    files = doc["templates"]
    write_json_file(Path(path), doc)
    return {"output": str(path), "templates": sorted(files)}


def import_profile(path: str | Path) -> dict:
    """Take over the profile in file ``path``: checked whole first (a newer version, unknown keys, a
    template with lint errors → ``ProfileError``, nothing changed), then stored."""
    from wenshu.jsonio import InputError, read_json_object

    try:
        doc = read_json_object(str(path))
    except InputError as exc:
        raise ProfileError(str(exc)) from None
    return take_profile(doc)


def take_profile(doc: Any) -> dict:
    """Take over a profile document (as exported: the profile with its template files): checked whole
    first (``ProfileError``, nothing changed), then stored."""
    checked = check_profile(doc)
    files = doc.get("templates") or {}
    if not isinstance(files, dict):
        raise ProfileError("机关配置文件中的模板格式有误。")
    blobs: dict[str, bytes] = {}
    for kind_name in checked["template_overrides"]:
        encoded = files.get(kind_name)
        if not isinstance(encoded, str):
            raise ProfileError(f"机关配置指定了“{_kind_title(kind_name)}”的模板，但文件中没有附带该模板。")
        try:
            blobs[kind_name] = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ProfileError(f"机关配置文件中“{_kind_title(kind_name)}”的模板已损坏。") from None
        report = lint_bytes(blobs[kind_name], get_kind(kind_name))
        if has_errors(report):
            raise ProfileError(f"机关配置文件中“{_kind_title(kind_name)}”的模板有错误，整个配置未导入。", report)
    if not _PULLING["on"]:  # office mode: the whole document to the database first (管理员 only)
        _office_may_write()
        _push_text(office_text({**checked, "format": FORMAT, "version": VERSION},
                               {k: base64.b64encode(v).decode("ascii") for k, v in blobs.items()}))
    templates = checked.pop("template_overrides")
    pulling, _PULLING["on"] = _PULLING["on"], True  # the parts below: this PC only
    try:
        save_profile(checked)
        for kind_name, data in blobs.items():
            set_template(kind_name, data)
        for kind_name in set(current_profile()["template_overrides"]) - set(templates):
            remove_template(kind_name)
    finally:
        _PULLING["on"] = pulling
    return current_profile()


def template_files(settings: dict) -> dict[str, str]:
    """Kind → absolute path of the agency's template (for ``templates.render.template_in_use``)."""
    out = {}
    for kind_name, name in (settings.get("template_overrides") or {}).items():
        if isinstance(name, str) and name:
            out[kind_name] = str(templates_dir() / Path(name).name)
    return out


#: The kind the first-run wizard shows as a sample (header line, agency, number with the region).
PREVIEW_KIND = "penalty_notice"


def preview_settings(profile: dict) -> dict:
    """The settings a preview of ``profile`` renders with (the saved settings, the profile on top)."""
    from wenshu.settings import load_settings

    settings = load_settings()
    for key in PROFILE_KEYS:
        if key in profile and key != "template_overrides":
            settings[key] = copy.deepcopy(profile[key])
    return settings


def sample_document(profile: dict, out_dir: str | Path) -> Path:
    """A sample document (``PREVIEW_KIND``'s sample answers, as this agency would print it) written to
    ``out_dir``: the header line, the agency's name and a number with its 地区简称. Returns the .docx."""
    from templates.atomic import atomic_write
    from templates.render import render_bytes
    from validators.numbers import kind_code, prefix_for

    settings = preview_settings(profile)
    kind = get_kind(PREVIEW_KIND)
    answers = kind.sample()
    name = (settings.get("agency") or {}).get("name")
    if name and "agency" in answers:
        answers["agency"] = name
    try:
        answers["number"] = prefix_for(kind_code(kind.name, settings), settings) + "〔2026〕1号"
    except (ValueError, TypeError):
        pass
    out = Path(out_dir) / "示例文书.docx"
    atomic_write(out, render_bytes(kind, answers, settings=settings))
    return out


def sample_preview_pdf(profile: dict, out_dir: str | Path) -> Path:
    """``sample_document`` converted to PDF (for the wizard's preview). Raises ``wenshu.pdf.PdfError``."""
    from wenshu import pdf

    docx_path = sample_document(profile, out_dir)
    converter = pdf.find_converter(preview_settings(profile).get("pdf_converter"))
    return converter.convert([docx_path], Path(out_dir))[0]


#: Fields of the kinds that name one of the profile's agencies (by key, at the top level or one object
#: down: ``remedies.court``): a new document takes them from the profile.
AGENCY_ANSWER_KEYS: dict[str, str] = {
    "legal_office": "legal_office",
    "reconsideration_organ": "reconsideration_organ",
    "reconsideration_body": "reconsideration_organ",
    "court": "court",
}


def fill_agency_names(schema: dict, answers: dict, settings: dict) -> dict:
    """``answers`` of a new document with blank 法制机构 / 复议机关 / 人民法院 fields filled from the agency
    profile, and the 案卷封面's 保存期限 set to the agency's."""
    agency = settings.get("agency") or {}
    created: list[str] = []

    def fill(props: dict, values: dict) -> None:
        for key, sub in props.items():
            if key in AGENCY_ANSWER_KEYS and sub.get("type") == "string" and not str(values.get(key) or "").strip():
                name = str(agency.get(AGENCY_ANSWER_KEYS[key]) or "").strip()
                if name:
                    values[key] = name
            elif isinstance(sub.get("properties"), dict) and values is not None:
                inner = values.get(key)
                if inner is None and values is answers and any(k in AGENCY_ANSWER_KEYS for k in sub["properties"]):
                    inner = values[key] = {}
                    created.append(key)
                if isinstance(inner, dict):
                    fill(sub["properties"], inner)

    fill(schema.get("properties") or {}, answers)
    retention = (schema.get("properties") or {}).get("retention") or {}
    chosen = settings.get("retention")
    if chosen in (retention.get("enum") or []) and answers.get("retention") in ("", None, retention.get("default")):
        answers["retention"] = chosen  # the 案卷封面's 保存期限: the agency's, not the schema's default
    for key in created:
        if answers.get(key) == {}:
            del answers[key]  # an object the profile had nothing for stays absent, as before
    return answers


def profile_document(profile: dict) -> dict:
    """``profile`` as the exported document: with the agency's template files inside it (base64)."""
    doc = copy.deepcopy(profile)
    files: dict[str, str] = {}
    for kind_name, name in (doc.get("template_overrides") or {}).items():
        try:
            files[kind_name] = base64.b64encode((templates_dir() / Path(name).name).read_bytes()).decode("ascii")
        except OSError:
            continue
    doc["templates"] = files
    return doc


# --- office mode (issue 16, DOMAIN.md §13): the agency profile lives in the office database -------------------
# The 管理员 writes it (the database refuses anyone else: table ``agency_profile``, wenshu.pg.schema); every PC
# takes it over when it connects (``wenshu.pg.store.PgStore``), so documents print the same on every PC. This
# PC's settings file then only caches it. Single-PC mode is unchanged.
_PULLING = {"on": False}


def _office_store():
    from wenshu.pg import office_mode

    if _PULLING["on"] or not office_mode():
        return None
    from wenshu.pg import database_url
    from wenshu.pg.store import open_office_store

    try:
        return open_office_store(database_url())
    except Exception as exc:  # StoreError (Chinese): the server is away, the schema is old …
        raise ProfileError(f"机关配置保存在单位数据库中，现在无法连接：{exc}") from None


def _office_may_write() -> None:
    """In office mode only the 管理员 changes the profile: refused before anything changes on this PC."""
    store = _office_store()
    if store is None:
        return
    try:
        role = store.role()
    finally:
        store.close()
    if role not in ("管理员", "超级用户"):
        raise ProfileError("单位数据库模式下，机关配置（执法机关名称、文书格式、模板等）由管理员统一设置，"
                           "您的账号只能查看，未作改动。")


def office_text(profile: dict, templates: dict[str, str]) -> str:
    """The profile as stored in the office database: one JSON text (template files in base64, named as this
    program names them in the templates folder), the same on every PC for the same profile."""
    doc = {k: copy.deepcopy(profile[k]) for k in PROFILE_KEYS if k in profile}
    doc["template_overrides"] = {k: f"{k}.docx" for k in (profile.get("template_overrides") or {})}
    doc.update(format=FORMAT, version=VERSION, templates=dict(templates))
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


def _push_text(text: str) -> None:
    store = _office_store()
    if store is None:
        return
    from wenshu.store import StoreError

    try:
        store.put_agency_profile(text)
    except StoreError as exc:
        raise ProfileError(str(exc)) from None
    finally:
        store.close()


def _push_to_office(settings: dict) -> None:
    if _PULLING["on"]:
        return
    from wenshu.pg import office_mode

    if office_mode():
        doc = profile_document(profile_of(settings))
        _push_text(office_text(doc, doc["templates"]))


def take_office_profile(text: str) -> bool:
    """Take over the profile stored in the office database (``text``: its JSON document) on this PC, unless
    it is already in use here; True when this PC's settings changed."""
    doc = json.loads(text)
    here = profile_document(current_profile())
    if not isinstance(doc, dict) or office_text(here, here["templates"]) == text:
        return False
    _PULLING["on"] = True
    try:
        take_profile(doc)
    finally:
        _PULLING["on"] = False
    return True
