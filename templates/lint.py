"""Check a kind's template.docx before it is used (issue 19): ``wenshu template lint`` and the app.

A template is the agency's own .docx, edited in Word or WPS, so it is checked the way a careful
colleague would before printing from it. Findings have the one shape ``{path, code, severity,
message}``; ``path`` says where in the template (``正文第 12 段``, ``页脚``), the message quotes the
paragraph. Errors make ``render`` refuse the template:

- ``template.unreadable``  not a .docx (or a damaged one);
- ``template.syntax``      a tag Jinja cannot read (an unclosed ``{% if %}``, ``{{ name }`` …);
- ``template.unknown_field`` a tag naming a field the kind's schema does not have (``object.nmae``);
- ``template.render_failed`` the kind's sample answers cannot be filled in;
- ``template.paper``       a page that is not A4;
- ``template.signature``   a record or form with officers and no signature line (``（签名）``);
- ``template.fingerprint`` a footer that would not carry the 文书指纹 (or a stale one typed in).

Warnings (the template is used): ``template.required_unused`` (a required field never printed),
``template.margins`` (not the official 37/35/28/26 mm), ``template.font_east_asia`` (a font set
without its East Asian slot: Chinese text would fall back to another font), ``template.font_unknown``
(a font outside the font profile, printed as named on every PC).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree

from templates.fonts import ALIASES, LOGICAL_FONTS
from templates.kinds import Kind
from templates.normalize import W, normalize_docx, tag_spans
from validators.findings import ERROR, WARNING, Finding, finding, has_errors

_NS = {"w": W}
_Q = f"{{{W}}}"

#: A4 in twentieths of a point, and the official margins (GB/T 9704-2012 §5.2.1; DOMAIN.md §7).
A4 = (11906, 16838)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
_TWIPS_PER_MM = 1440 / 25.4
_PAPER_SLACK, _MARGIN_SLACK = 30, 57  # ±1.5 pt on the paper size, ±1 mm on a margin

#: Names a template may use beside the answers (templates.render.build_context) and Jinja's globals.
EXTRA_NAMES: dict[str, dict] = {
    "_kind": {"type": "object", "properties": {k: {"type": "string"} for k in ("name", "title", "code")}},
    "_draft": {"type": "boolean"},
    "_fingerprint": {"type": "string"},
    "_agency": {"type": "object", "properties": {k: {"type": "string"} for k in (
        "name", "short", "region", "legal_office", "reconsideration_organ", "court", "header")}},
    "loop": {},
}
_DICT_METHODS = {"items", "keys", "values", "get"}
_MARK_PREFIX = "文书指纹"
_LINT_MARK = "0000-0000-0000-0000"


class TemplateRefused(Exception):
    """The template has lint errors; ``findings`` is the lint report. ``str()`` is a Chinese message."""

    def __init__(self, title: str, findings: list[Finding]):
        super().__init__(f"文书种类“{title}”的模板有错误，未生成文件。请按模板检查结果修改模板。")
        self.findings = findings


@dataclass
class _Para:
    where: str
    text: str

    def quote(self, limit: int = 60) -> str:
        text = self.text.strip()
        return "“" + (text if len(text) <= limit else text[:limit] + "…") + "”"


def _part_label(name: str) -> str:
    if "header" in name:
        return "页眉"
    if "footer" in name:
        return "页脚"
    if "footnotes" in name or "endnotes" in name:
        return "脚注"
    return "正文"


def _paragraphs(zf: zipfile.ZipFile) -> list[_Para]:
    """Every paragraph of body, headers and footers, in order, with its Chinese location."""
    names = ["word/document.xml"] + sorted(n for n in zf.namelist()
                                           if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    out: list[_Para] = []
    for name in names:
        root = etree.fromstring(zf.read(name))
        label = _part_label(name)
        for i, p in enumerate(root.iter(_Q + "p"), start=1):
            text = "".join(t.text or "" for t in p.iter(_Q + "t") if _own(t, p))
            in_table = any(a.tag == _Q + "tc" for a in p.iterancestors())
            out.append(_Para(f"{label}第 {i} 段" + ("（表格内）" if in_table else ""), text))
    return out


def _own(t, p) -> bool:
    node = t.getparent()
    while node is not None and node.tag != _Q + "p":
        node = node.getparent()
    return node is p


_LEVEL_TAG = re.compile(r"^(\{[{%#])(tr|tc|p|r)\s")
#: docxtpl's own cell tags, turned into XML before Jinja sees the template.
_DOCXTPL_TAG = re.compile(r"^\{%\s*(colspan|cellbg|vm|hm)\b")


def _skeleton(paras: list[_Para]) -> str:
    """One line per paragraph holding only its tags (docxtpl's ``{%p`` / ``{%tr`` … as plain tags), so a
    Jinja error's line number is the paragraph."""
    lines = []
    for para in paras:
        tags = []
        for start, end in tag_spans(para.text):
            tag = para.text[start:end]
            if not _DOCXTPL_TAG.match(tag):
                tags.append(_LEVEL_TAG.sub(r"\1 ", tag))
        lines.append(" ".join(tags))
    return "\n".join(lines)


class _Walker:
    """Resolves names and attributes of the template's AST against the kind's schema."""

    def __init__(self, schema: dict, paras: list[_Para], env: jinja2.Environment):
        self.top = dict(schema.get("properties") or {})
        self.paras = paras
        self.env = env
        self.used: set[str] = set()
        self.findings: list[Finding] = []
        self._reported: set[str] = set()

    def _para(self, lineno: int) -> _Para:
        return self.paras[min(max(lineno, 1), len(self.paras)) - 1]

    def unknown(self, name: str, lineno: int) -> None:
        if name in self._reported:
            return
        self._reported.add(name)
        para = self._para(lineno)
        self.findings.append(finding(
            para.where, "template.unknown_field",
            f"{para.where}{para.quote()}中的“{name}”不是本文书的栏目，填写时会出错。"
            "请改为本文书已有的栏目名称（wenshu sample 可查看全部栏目），或删除该标记。"))

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> dict | None:
        """The schema of what ``node`` evaluates to (``None``: not known, not checked)."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.top:
                self.used.add(node.name)
                return self.top[node.name]
            if node.name in EXTRA_NAMES:
                return EXTRA_NAMES[node.name] or None
            if node.name not in self.env.globals:
                self.unknown(node.name, node.lineno)
            return None
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            base = self.resolve(node.node, scope)
            if isinstance(node, nodes.Getattr):
                key: Any = node.attr
            else:
                self.walk(node.arg, scope)
                key = node.arg.value if isinstance(node.arg, nodes.Const) else None
            if not isinstance(base, dict) or key is None:
                return None
            if isinstance(key, int):
                return base.get("items") if isinstance(base.get("items"), dict) else None
            props = base.get("properties")
            open_ended = base.get("additionalProperties") not in (None, False) or "patternProperties" in base
            if isinstance(props, dict) and props and str(key) not in props and not open_ended:
                if str(key) not in _DICT_METHODS:
                    self.unknown(_dotted(node), node.lineno)
                return None
            return (props or {}).get(str(key)) if isinstance(props, dict) else None
        self.walk(node, scope)
        return None

    def walk(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Name) and node.ctx != "load":
                return
            self.resolve(node, scope)
            return
        if isinstance(node, nodes.For):
            seq = self.resolve(node.iter, scope)
            items = seq.get("items") if isinstance(seq, dict) and isinstance(seq.get("items"), dict) else None
            inner = dict(scope)
            inner["loop"] = None
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else []:
                inner[target.name] = None
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = items
            if node.test is not None:
                self.walk(node.test, inner)
            for child in node.body:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [node.target]:
                scope[target.name] = None
            if isinstance(node, nodes.Assign):
                self.walk(node.node, scope)
            else:
                for child in node.body:
                    self.walk(child, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.walk(value, scope)
                for name in target.find_all(nodes.Name) if not isinstance(target, nodes.Name) else [target]:
                    inner[name.name] = None
            for child in node.body:
                self.walk(child, inner)
            return
        if isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.walk(node.call, scope)
                inner = dict(scope)
                for arg in node.args:
                    inner[arg.name] = None
                for child in node.body:
                    self.walk(child, inner)
                return
            inner = dict(scope)
            inner["caller"] = None
            for arg in node.args:
                inner[arg.name] = None
            for child in node.body:
                self.walk(child, inner)
            scope[node.name] = None
            return
        for child in node.iter_child_nodes():
            self.walk(child, scope)


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}.{node.arg.value}"
    return "…"


def _check_tags(paras: list[_Para], kind: Kind, env: jinja2.Environment) -> tuple[list[Finding], set[str]]:
    out: list[Finding] = []
    for para in paras:  # a tag that never closes: Jinja would read on to the next tag and blame that one
        text = para.text.replace("｛", "{").replace("｝", "}")
        for m in re.finditer(r"\{[{%]", text):
            if not any(s <= m.start() < e for s, e in tag_spans(para.text)):
                closer = "}}" if m.group() == "{{" else "%}"
                out.append(finding(para.where, "template.syntax",
                                   f"{para.where}{para.quote()}中的标记“{m.group()}”没有对应的“{closer}”。"
                                   "请补全标记，或删除多余的括号。"))
                break
    if out:
        return out, set()
    skeleton = _skeleton(paras)
    try:
        tree = env.parse(skeleton)
    except jinja2.TemplateSyntaxError as exc:
        line = exc.lineno or 1
        if (exc.message or "").startswith("Unexpected end of template"):
            line = _unclosed_block(skeleton) or line  # Jinja blames the end: name the opening tag's paragraph
        para = paras[min(max(line, 1), len(paras)) - 1] if paras else _Para("正文", "")
        return [finding(para.where, "template.syntax",
                        f"{para.where}{para.quote()}的标记无法识别：{_syntax_cn(exc.message or '')}"
                        "请检查标记的写法（{{ 栏目 }}、{% if … %}…{% endif %}）。")], set()
    walker = _Walker(kind.schema, paras, env)
    walker.walk(tree, {})
    return walker.findings, walker.used


_BLOCK = re.compile(r"\{%-?\s*(if|for|macro|call|filter|with|raw|block|end\w+)\b")


def _unclosed_block(skeleton: str) -> int | None:
    """The line (paragraph) of the innermost block tag that is never closed."""
    stack: list[tuple[str, int]] = []
    for n, line in enumerate(skeleton.split("\n"), start=1):
        for m in _BLOCK.finditer(line):
            word = m.group(1)
            if word.startswith("end"):
                if stack and stack[-1][0] == word[3:]:
                    stack.pop()
            else:
                stack.append((word, n))
    return stack[-1][1] if stack else None


def _syntax_cn(message: str) -> str:
    m = re.search(r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\.", message)
    if m:
        return f"缺少结束标记（{m.group(1).replace(' or ', ' 或 ')}）。"
    m = re.search(r"Encountered unknown tag '(\w+)'", message)
    if m:
        return f"“{m.group(1)}”不是可用的标记（或前面缺少对应的开始标记）。"
    if "unexpected" in message:
        return "标记中有多余或缺少的字符。"
    return "标记的写法有误。"


def _sections(root) -> list:
    return list(root.iter(_Q + "sectPr"))


def _check_page(root) -> list[Finding]:
    out: list[Finding] = []
    for n, sect in enumerate(_sections(root), start=1):
        where = f"第 {n} 节页面设置"
        size = sect.find("w:pgSz", _NS)
        w = int(size.get(_Q + "w", 0)) if size is not None else 0
        h = int(size.get(_Q + "h", 0)) if size is not None else 0
        if not any(abs(w - a) <= _PAPER_SLACK and abs(h - b) <= _PAPER_SLACK for a, b in (A4, A4[::-1])):
            out.append(finding(where, "template.paper",
                               f"{where}的纸张不是 A4（现为 {w / _TWIPS_PER_MM:.0f}×{h / _TWIPS_PER_MM:.0f} 毫米）。"
                               "请在“布局 → 纸张大小”中选择 A4。"))
        mar = sect.find("w:pgMar", _NS)
        if mar is None:
            continue
        cn = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
        off = []
        for side, mm in MARGINS_MM.items():
            value = abs(int(mar.get(_Q + side, 0) or 0))
            if abs(value - mm * _TWIPS_PER_MM) > _MARGIN_SLACK:
                off.append(f"{cn[side]} {value / _TWIPS_PER_MM:.0f} 毫米（应为 {mm} 毫米）")
        if off:
            out.append(finding(where, "template.margins",
                               f"{where}的页边距与公文版心不符：{'，'.join(off)}。", WARNING))
    return out


def _check_fonts(zf: zipfile.ZipFile, paras_by_part: dict[str, list]) -> list[Finding]:
    out: list[Finding] = []
    known = set(LOGICAL_FONTS) | set(ALIASES)
    reported: set[tuple[str, str]] = set()
    used_styles = {"Normal"}
    for name in zf.namelist():
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            root = etree.fromstring(zf.read(name))
            for tag in ("pStyle", "rStyle", "tblStyle"):
                used_styles.update(e.get(_Q + "val") for e in root.iter(_Q + tag))
    for name in ["word/styles.xml", "word/document.xml"] + sorted(
            n for n in zf.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n)):
        if name not in zf.namelist():
            continue
        root = etree.fromstring(zf.read(name))
        for rfonts in root.iter(_Q + "rFonts"):
            style = next((a for a in rfonts.iterancestors() if a.tag == _Q + "style"), None)
            if style is not None and style.get(_Q + "styleId") not in used_styles:
                continue  # a style the template never uses (python-docx's and Word's built-in list)
            where = _font_where(rfonts, name)
            latin = rfonts.get(_Q + "ascii") or rfonts.get(_Q + "hAnsi")
            east = rfonts.get(_Q + "eastAsia")
            themed = rfonts.get(_Q + "eastAsiaTheme")
            if latin and not east and not themed and ("slot", where) not in reported:
                reported.add(("slot", where))
                out.append(finding(where, "template.font_east_asia",
                                   f"{where}只设置了西文字体“{latin}”，没有设置中文字体（东亚字体），中文会显示为其他字体。"
                                   "请在“字体”对话框中同时设置“中文字体”。", WARNING))
            for font in {rfonts.get(_Q + a) for a in ("ascii", "hAnsi", "eastAsia")} - {None}:
                if font not in known and ("font", font) not in reported and _is_cjk_font(font):
                    reported.add(("font", font))
                    out.append(finding(where, "template.font_unknown",
                                       f"{where}使用的字体“{font}”不在字体方案中，各台电脑都按此名称打印，未安装时由系统替换。"
                                       f"公文字体请用：{'、'.join(LOGICAL_FONTS)}。", WARNING))
    del paras_by_part
    return out


def _is_cjk_font(name: str) -> bool:
    # Latin fonts (Times New Roman for digits, Symbol …) are outside the profile by design.
    return any("\u4e00" <= c <= "\u9fff" for c in name) or any(
        k in name for k in ("Song", "Hei", "Kai", "Fang", "CJK", "Ming", "YaHei", "Han"))


def _font_where(rfonts, part: str) -> str:
    if part.endswith("styles.xml"):
        for anc in rfonts.iterancestors():
            if anc.tag == _Q + "style":
                name = anc.find("w:name", _NS)
                return f"样式“{name.get(_Q + 'val') if name is not None else anc.get(_Q + 'styleId')}”"
            if anc.tag == _Q + "docDefaults":
                return "文档默认字体"
        return "样式"
    label = _part_label(part)
    for anc in rfonts.iterancestors():
        if anc.tag == _Q + "p":
            text = "".join(t.text or "" for t in anc.iter(_Q + "t")).strip()
            return f"{label}段落“{text[:30]}”" if text else f"{label}的空段落"
    return label


def _check_signature(paras: list[_Para], kind: Kind) -> list[Finding]:
    text = "".join(p.text for p in paras)
    if any(w in text for w in ("签名", "签字", "签章", "（印章）", "盖章")):
        return []
    severity = ERROR if kind.record else WARNING  # 笔录/记录 are signed by officers and the party
    return [finding("", "template.signature",
                    "模板中没有签名栏（“（签名）”或“（印章）”）。执法人员、当事人须在纸质文书上亲笔签名，请补上签名栏。",
                    severity)]


def _check_sample(data: bytes, kind: Kind) -> list[Finding]:
    """Fill the kind's sample into the template as a final document: it renders, and every page's footer
    carries the fingerprint."""
    from templates.render import render_template_bytes

    try:
        sample = kind.sample()
    except (OSError, ValueError):
        return []
    try:
        out = render_template_bytes(data, kind, sample, mark=_LINT_MARK)
    except Exception as exc:  # noqa: BLE001 (any failure of a template is a finding, never a traceback)
        return [finding("", "template.render_failed",
                        f"用示例内容填写模板时出错：{_render_error_cn(str(exc))}请检查模板中的标记。")]
    zf = zipfile.ZipFile(io.BytesIO(out))
    root = etree.fromstring(zf.read("word/document.xml"))
    rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for n, sect in enumerate(_sections(root), start=1):
        refs = [f for f in sect.findall("w:footerReference", _NS)]
        ok = bool(refs) and all(
            (_MARK_PREFIX + " " + _LINT_MARK) in "".join(
                etree.fromstring(zf.read("word/" + targets[f.get(rid)].lstrip("/").removeprefix("word/"))).itertext())
            for f in refs if f.get(rid) in targets)
        if not ok:
            return [finding(f"第 {n} 节页脚", "template.fingerprint",
                            f"第 {n} 节的页脚印不出“文书指纹”，纸质文书将无法核对。请保留页脚（可为空），不要删除页脚区。")]
    return []


def _render_error_cn(message: str) -> str:
    """Jinja's English reason in Chinese (the common ones); anything else as a plain statement."""
    m = re.search(r"No filter named '([^']+)'", message)
    if m:
        return f"没有名为“{m.group(1)}”的过滤器（| 后面的名称）。"
    m = re.search(r"'([^']+)' is undefined", message)
    if m:
        return f"“{m.group(1)}”不是本文书的栏目。"
    m = re.search(r"has no attribute '([^']+)'", message)
    if m:
        return f"栏目中没有“{m.group(1)}”一项。"
    m = re.search(r"No test named '([^']+)'", message)
    if m:
        return f"没有名为“{m.group(1)}”的判断（is 后面的名称）。"
    return "模板中的标记无法按示例内容填写。"


def _check_stale_mark(paras: list[_Para]) -> list[Finding]:
    for para in paras:
        if _MARK_PREFIX in para.text and "_fingerprint" not in para.text:
            return [finding(para.where, "template.fingerprint",
                            f"{para.where}{para.quote()}含有一个固定的“文书指纹”（可能是从已生成的文书复制来的）。"
                            "文书指纹由程序在生成时印上，请删除这一段。")]
    return []


def _check_required(kind: Kind, used: set[str]) -> list[Finding]:
    props = kind.schema.get("properties") or {}
    out = []
    for name in kind.schema.get("required") or []:
        if name in used or name not in props:
            continue
        title = props[name].get("title") or name
        out.append(finding(f"/{name}", "template.required_unused",
                           f"必填栏目“{title}”（{name}）在模板中没有印出。请在模板中加入 {{{{ {name} }}}}，或确认纸质文书确实不需要该项。",
                           WARNING))
    return out


_CACHE: dict[tuple[str, str], list[Finding]] = {}


def lint_bytes(data: bytes, kind: Kind) -> list[Finding]:
    """The lint report of template ``data`` (a .docx's bytes) for ``kind``; cached by content."""
    key = (hashlib.sha256(data).hexdigest(), kind.name)
    hit = _CACHE.get(key)
    if hit is not None:
        return [dict(f) for f in hit]  # type: ignore[misc]
    findings = _lint(data, kind)
    _CACHE[key] = findings
    return [dict(f) for f in findings]  # type: ignore[misc]


def _lint(data: bytes, kind: Kind) -> list[Finding]:
    from templates.render import jinja_env

    try:
        normalized = normalize_docx(data)
        zf = zipfile.ZipFile(io.BytesIO(normalized))
        paras = _paragraphs(zf)
        body = etree.fromstring(zf.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError):
        return [finding("", "template.unreadable",
                        "文件不是可用的 Word 文档（.docx），或已损坏。请在 Word 或 WPS 中另存为“Word 文档（*.docx）”后再试。")]
    findings, used = _check_tags(paras, kind, jinja_env())
    findings += _check_stale_mark(paras)
    findings += _check_signature(paras, kind)
    findings += _check_page(body)
    findings += _check_fonts(zf, {})
    if not has_errors(findings):
        findings += _check_sample(normalized, kind)
        findings += _check_required(kind, used)
    return findings


def lint_kind(kind: Kind) -> list[Finding]:
    """The lint report of the kind's built-in template."""
    try:
        data = kind.template_path.read_bytes()
    except OSError:
        return [finding("", "template.unreadable", f"文书种类“{kind.title}”缺少模板文件 {kind.template_path.name}。")]
    return lint_bytes(data, kind)
