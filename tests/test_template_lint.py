"""Templates edited in Word/WPS keep working; the template checker finds what would go wrong (issue 19)."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from templates.kinds import all_kinds, get_kind
from templates.lint import lint_bytes
from templates.render import RenderRefused, render_document

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, home: Path) -> tuple[int, dict]:
    env = {"WENSHU_HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":  # Windows cannot start a process without these (PATH alone is POSIX)
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LOCALAPPDATA", "USERPROFILE")
                    if k in os.environ})
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=ROOT, timeout=120)
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _word_run(paragraph, text: str, *, proof: bool = False, lang: bool = False):
    """A run the way Word writes one: its own rPr (with w:lang), a proofErr or bookmark before it."""
    if proof:
        err = OxmlElement("w:proofErr")
        err.set(qn("w:type"), "spellStart")
        paragraph._p.append(err)
    run = paragraph.add_run(text)
    if lang:
        rpr = run._r.get_or_add_rPr()
        el = OxmlElement("w:lang")
        el.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(el)
    return run


def _edited_like_word(kind_name: str, *, extra: list[list[str]] | None = None) -> bytes:
    """The kind's template opened and saved the way Word does it after a clerk's edit: a new paragraph
    whose tags are split over runs with proofErr/bookmark/lang between (and a zero-width space), curly
    quotes and non-breaking spaces in a condition, full-width braces typed by an IME, and a changed page
    header."""
    document = docx.Document(str(get_kind(kind_name).template_path))
    body = document.paragraphs[-1]
    p = body.insert_paragraph_before("")
    _word_run(p, "经核实，{{ ob")
    bookmark = OxmlElement("w:bookmarkStart")
    bookmark.set(qn("w:id"), "0")
    bookmark.set(qn("w:name"), "_GoBack")
    p._p.append(bookmark)
    _word_run(p, "ject.\u200bna", proof=True, lang=True)  # a zero-width space copied in from a web page
    _word_run(p, "me\u00a0}}系本案当事人。")
    q = body.insert_paragraph_before("")
    _word_run(q, "{% if object.type == “organization” %}")
    _word_run(q, "（单位）{%\u00a0endif\u00a0%}")
    f = body.insert_paragraph_before("")  # typed with the IME in full-width mode
    _word_run(f, "本文书为｛｛\u3000_kind.title\u3000｝｝。")
    for runs in extra or []:
        r = body.insert_paragraph_before("")
        for text in runs:
            _word_run(r, text, proof=True)
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "本局内部编号：甲字"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _kind_with(tmp_path: Path, kind_name: str, data: bytes):
    """The kind with ``data`` as its built-in template (a copy of the folder; the repository is untouched)."""
    kind = get_kind(kind_name)
    folder = tmp_path / kind_name
    shutil.copytree(kind.folder, folder)
    (folder / "template.docx").write_bytes(data)
    return dataclasses.replace(kind, folder=folder)


def _text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs]
    for t in d.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("kind_name", [k.name for k in all_kinds()])
def test_every_template_in_use_lints_without_errors(kind_name):
    findings = lint_bytes(get_kind(kind_name).template_path.read_bytes(), get_kind(kind_name))
    assert [f for f in findings if f["severity"] == "error"] == []


def test_a_template_saved_by_word_lints_clean_and_renders_the_change(tmp_path):
    data = _edited_like_word("penalty_decision")
    kind = _kind_with(tmp_path, "penalty_decision", data)
    assert [f for f in lint_bytes(data, kind) if f["severity"] == "error"] == []
    sample = kind.sample()
    out = tmp_path / "out.docx"
    render_document(kind, sample, out)
    text = _text(out)
    assert f"经核实，{sample['object']['name']}系本案当事人。" in text
    assert "（单位）" in text if sample["object"]["type"] == "organization" else "（单位）" not in text
    assert f"本文书为{kind.title}。" in text
    assert "本局内部编号：甲字" in text
    assert "{{" not in text and "{%" not in text and "｛" not in text


def test_docxtpl_alone_cannot_read_such_a_template():
    """Why the normalising exists: the same file straight into docxtpl fails or prints the tags."""
    from docxtpl import DocxTemplate

    from templates.render import build_context, jinja_env

    kind = get_kind("penalty_decision")
    tpl = DocxTemplate(io.BytesIO(_edited_like_word("penalty_decision")))
    try:
        tpl.render(build_context(kind, kind.sample()), jinja_env(), autoescape=True)
    except Exception:  # noqa: BLE001 (any failure shows the point)
        return
    buf = io.BytesIO()
    tpl.save(buf)
    text = "\n".join(p.text for p in docx.Document(buf).paragraphs)
    assert "｛｛" in text or "系本案当事人" not in text


def test_an_unknown_field_is_found_with_its_paragraph_quoted_and_render_refuses(tmp_path):
    data = _edited_like_word("penalty_decision", extra=[["当事人电话：{{ object.pho", "ne_number }}"]])
    kind = _kind_with(tmp_path, "penalty_decision", data)
    findings = lint_bytes(data, kind)
    unknown = [f for f in findings if f["code"] == "template.unknown_field"]
    assert unknown and "object.phone_number" in unknown[0]["message"]
    assert "当事人电话：{{ object.phone_number }}" in unknown[0]["message"]  # the paragraph, quoted
    assert unknown[0]["path"].startswith("正文第 ")
    with pytest.raises(RenderRefused) as refused:
        render_document(kind, kind.sample(), tmp_path / "x.docx")
    assert any(f["code"] == "template.unknown_field" for f in refused.value.findings)
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("broken, needle", [
    (["{% if object.type == 'person' %}个人"], "缺少结束标记"),
    (["处罚金额：{{ penalties|le", "ngth }"], "没有对应的"),
])
def test_a_broken_tag_is_a_syntax_finding(tmp_path, broken, needle):
    data = _edited_like_word("penalty_decision", extra=[broken])
    findings = lint_bytes(data, get_kind("penalty_decision"))
    syntax = [f for f in findings if f["code"] == "template.syntax"]
    assert syntax and needle in syntax[0]["message"], findings
    assert broken[0][:8] in syntax[0]["message"]  # the paragraph with the broken tag is the one quoted


def test_a_required_field_the_template_no_longer_prints_is_reported(tmp_path):
    document = docx.Document(str(get_kind("penalty_decision").template_path))
    for p in document.paragraphs:
        if "{{ number }}" in p.text:
            p.text = ""
    buf = io.BytesIO()
    document.save(buf)
    findings = lint_bytes(buf.getvalue(), get_kind("penalty_decision"))
    assert any(f["code"] == "template.required_unused" and f["path"] == "/number" for f in findings)


def test_paper_margins_and_east_asian_font_slot(tmp_path):
    from docx.shared import Mm

    document = docx.Document(str(get_kind("inspection_record").template_path))
    section = document.sections[0]
    section.page_width, section.page_height = Mm(216), Mm(279)  # US Letter
    section.left_margin = Mm(20)
    run = document.paragraphs[1].runs[0]
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    rfonts.set(qn("w:ascii"), "Arial")
    buf = io.BytesIO()
    document.save(buf)
    codes = {f["code"]: f for f in lint_bytes(buf.getvalue(), get_kind("inspection_record"))}
    assert codes["template.paper"]["severity"] == "error" and "A4" in codes["template.paper"]["message"]
    assert "左 20 毫米（应为 28 毫米）" in codes["template.margins"]["message"]
    assert codes["template.font_east_asia"]["severity"] == "warning"


def test_no_signature_line_on_a_record_and_a_stale_fingerprint_are_errors():
    document = docx.Document(str(get_kind("inspection_record").template_path))
    for p in document.paragraphs:
        if "签名" in p.text:
            for r in p.runs:
                r.text = r.text.replace("签名", "")
    document.paragraphs[-1].add_run("文书指纹 1234-5678-9ABC-DEF0")
    buf = io.BytesIO()
    document.save(buf)
    codes = {f["code"] for f in lint_bytes(buf.getvalue(), get_kind("inspection_record"))
             if f["severity"] == "error"}
    assert {"template.signature", "template.fingerprint"} <= codes


def test_cli_lint_exit_codes(tmp_path):
    good = tmp_path / "good.docx"
    good.write_bytes(_edited_like_word("penalty_decision"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_edited_like_word("penalty_decision", extra=[["{{ nmae }}"]]))
    junk = tmp_path / "junk.docx"
    junk.write_text("不是 Word 文档", encoding="utf-8")
    home = tmp_path / "home"
    assert _run("template", "lint", str(good), "--kind", "penalty_decision", home=home)[0] == 0
    code, out = _run("template", "lint", str(bad), "--kind", "penalty_decision", home=home)
    assert code == 1 and out["findings"][0]["code"] == "template.unknown_field" and "nmae" in out["findings"][0]["message"]
    assert _run("template", "lint", str(junk), "--kind", "penalty_decision", home=home)[0] == 2
    assert _run("template", "lint", str(good), "--kind", "no_such_kind", home=home)[0] == 2
    code, out = _run("template", "lint", "--all", home=home)
    assert code == 0 and {r["kind"] for r in out["templates"]} == {k.name for k in all_kinds()}


def test_an_agency_template_with_errors_is_refused_and_the_previous_one_stays(tmp_path):
    home = tmp_path / "home"
    good = tmp_path / "good.docx"
    good.write_bytes(_edited_like_word("penalty_decision"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_edited_like_word("penalty_decision", extra=[["{% for x in officers %}"]]))
    assert _run("profile", "template", "penalty_decision", str(good), home=home)[0] == 0
    code, out = _run("profile", "template", "penalty_decision", str(bad), home=home)
    assert code == 1 and out["findings"][0]["code"] == "template.syntax"
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(get_kind("penalty_decision").sample(), ensure_ascii=False), encoding="utf-8")
    code, out = _run("render", "penalty_decision", str(sample), "-o", str(tmp_path / "d.docx"), home=home)
    assert code == 0
    assert "系本案当事人。" in _text(tmp_path / "d.docx")  # the agency's (good) template is the one in use


def test_the_header_line_comes_from_the_profile(tmp_path):
    kind = get_kind("inspection_record")
    out = tmp_path / "h.docx"
    from validators.context import CheckContext

    settings = {"header": "煤矿安全监管行政执法文书", "agency": {"name": "某某局"}}
    render_document(kind, copy.deepcopy(kind.sample()), out,
                    context=CheckContext(kind=kind.name, meta=kind.meta, settings=settings))
    text = _text(out)
    assert "煤矿安全监管行政执法文书" in text and "安全生产行政执法文书" not in text


def test_an_agency_template_damaged_after_it_was_taken_gives_way_to_the_built_in_one(tmp_path):
    home = tmp_path / "home"
    good = tmp_path / "good.docx"
    good.write_bytes(_edited_like_word("penalty_decision"))
    assert _run("profile", "template", "penalty_decision", str(good), home=home)[0] == 0
    # edited in Word in the data folder afterwards, with a field that does not exist
    (home / "templates" / "penalty_decision.docx").write_bytes(
        _edited_like_word("penalty_decision", extra=[["{{ object.nmae }}"]]))
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(get_kind("penalty_decision").sample(), ensure_ascii=False), encoding="utf-8")
    code, out = _run("render", "penalty_decision", str(sample), "-o", str(tmp_path / "d.docx"), home=home)
    assert code == 0
    notes = [f for f in out["findings"] if f["code"] == "template.override_refused"]
    assert notes and "object.nmae" in notes[0]["message"] and "内置模板" in notes[0]["message"]
    assert "系本案当事人。" not in _text(tmp_path / "d.docx")  # the built-in template printed it
    code, out = _run("template", "lint", "--all", home=home)
    assert code == 1 and any(not r["ok"] and r["kind"] == "penalty_decision" for r in out["templates"])
