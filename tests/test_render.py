"""Rendering: typed text comes out exactly, every run has its fonts, files are written whole or not at all."""

from __future__ import annotations

import errno
import os
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from templates import filters
from templates.fonts import (
    FANGSONG,
    LOGICAL_FONTS,
    PROFILES,
    XIAOBIAOSONG,
    font_map,
    installed_families,
    resolve,
)
from templates.kinds import get_kind
from templates.render import RenderError, RenderRefused, atomic_write, jinja_env, render_document

KINDS = ("inspection_record", "inquiry_record", "penalty_decision")
SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _all_text(path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for section in doc.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_markup_characters_tabs_and_line_breaks_come_out_exactly_as_typed(tmp_path):
    kind = get_kind("inspection_record")
    answers = kind.sample()
    typed = '甲&乙 <阀门> "双引号" \'单引号\' a<b>c&amp;\n第二行\t制表符后\n\n空行之后'
    answers["process"] = typed
    out = tmp_path / "x.docx"
    render_document(kind, answers, out)
    assert "检查情况：" + typed in _all_text(out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "&amp;amp;" in xml and "&lt;阀门&gt;" in xml  # escaped once, never interpreted as markup


def test_the_inquiry_record_prints_its_party_and_process_too(tmp_path):
    # all six elements of DOMAIN.md §3 are on paper: 执法对象 and 执法过程 besides the questions and answers
    kind = get_kind("inquiry_record")
    answers = kind.sample()
    answers["object"]["name"] = "A&B <某> 煤业有限公司"
    answers["process"] = '出示执法证件 & 告知"回避"权利；\n被询问人核对<笔录>无误。'
    out = tmp_path / "inquiry.docx"
    render_document(kind, answers, out)
    text = _all_text(out)
    assert "当事人：A&B <某> 煤业有限公司" in text
    assert "询问经过：" + answers["process"] in text


def test_a_long_paragraph_is_printed_whole(tmp_path):
    kind = get_kind("penalty_decision")
    answers = kind.sample()
    answers["facts"] = "".join(f"第{i}项事实：井下巷道支护不符合作业规程要求。" for i in range(1, 301))
    out = tmp_path / "long.docx"
    render_document(kind, answers, out)
    assert answers["facts"] in _all_text(out)


@pytest.mark.parametrize("name", KINDS)
def test_every_font_slot_names_a_font_of_the_profile(tmp_path, name):
    kind = get_kind(name)
    out = tmp_path / f"{name}.docx"
    render_document(kind, kind.sample(), out, font_profile="windows")
    allowed = set(PROFILES["windows"][1].values()) | set(resolve(PROFILES["windows"][1], installed_families()).values())
    with zipfile.ZipFile(out) as z:
        for part in [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]:
            xml = z.read(part).decode("utf-8")
            for attr in THEME:
                assert attr + "=" not in xml, f"{part} still refers to a theme font ({attr})"
            for logical in LOGICAL_FONTS:
                if logical not in allowed:
                    assert f'"{logical}"' not in xml, f"{part} still names the logical font {logical}"


def _effective_east_asian_font(doc, run) -> str | None:
    """The eastAsia font a word processor uses for ``run``: run → its paragraph's style chain → defaults."""
    rfonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
    if rfonts is not None and rfonts.get(qn("w:eastAsia")):
        return rfonts.get(qn("w:eastAsia"))
    style = run._parent.style if hasattr(run._parent, "style") else None
    while style is not None:
        rpr = style.element.rPr
        rf = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if rf is not None and rf.get(qn("w:eastAsia")):
            return rf.get(qn("w:eastAsia"))
        style = style.base_style
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rf = defaults.find(".//" + qn("w:rFonts")) if defaults is not None else None
    return rf.get(qn("w:eastAsia")) if rf is not None else None


@pytest.mark.parametrize("name", KINDS)
def test_every_run_with_chinese_text_resolves_to_a_mapped_font(tmp_path, name):
    kind = get_kind(name)
    out = tmp_path / f"{name}.docx"
    render_document(kind, kind.sample(), out, font_profile="linux")
    mapped = set(font_map("linux").values())
    doc = Document(out)
    paragraphs = list(doc.paragraphs)
    for section in doc.sections:
        paragraphs += list(section.footer.paragraphs)
    checked = 0
    for p in paragraphs:
        for run in p.runs:
            if any("\u4e00" <= ch <= "\u9fff" for ch in run.text):
                checked += 1
                assert _effective_east_asian_font(doc, run) in mapped, run.text
    assert checked > 10


def test_the_title_is_in_the_profiles_title_font(tmp_path):
    kind = get_kind("inspection_record")
    out = tmp_path / "t.docx"
    render_document(kind, kind.sample(), out, font_profile="windows")
    title = next(p for p in Document(out).paragraphs if p.text == "现场检查记录")
    rfonts = title.runs[0]._r.rPr.find(qn("w:rFonts"))
    want = font_map("windows")[XIAOBIAOSONG]
    assert [rfonts.get(qn(s)) for s in SLOTS] == [want] * 4


def test_a_profile_font_this_pc_lacks_is_replaced_by_an_installed_one():
    mapping = {FANGSONG: "某不存在的仿宋字体", XIAOBIAOSONG: "Noto Sans CJK SC"}
    resolved = resolve(mapping, frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC"}))
    assert resolved == {FANGSONG: "Noto Serif CJK SC", XIAOBIAOSONG: "Noto Sans CJK SC"}
    # unknown installed fonts (e.g. Windows without fc-list): the profile is used as it is
    assert resolve(mapping, None) == mapping


def test_official_profile_on_a_pc_without_the_official_fonts_uses_installed_fonts():
    installed = installed_families()
    assert installed, "fc-list 应能列出已安装字体（测试环境须安装 fontconfig 与中文字体）"
    assert FANGSONG not in installed
    for logical, font in font_map("official").items():
        assert font in installed, f"{logical} → {font} 未安装"


def test_an_unknown_profile_name_falls_back_to_the_detected_profile():
    assert font_map("no-such-profile") == font_map("auto")


def test_a_document_with_errors_is_never_written(tmp_path):
    kind = get_kind("penalty_decision")
    answers = kind.sample()
    del answers["number"]
    out = tmp_path / "refused.docx"
    with pytest.raises(RenderRefused) as info:
        render_document(kind, answers, out)
    assert not out.exists()
    assert any(f["path"] == "/number" for f in info.value.findings)
    assert "未生成" in str(info.value)


def test_a_failed_write_leaves_the_old_file_intact_and_no_temporary_file(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "doc.docx"
    out.write_bytes(b"old version")

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    kind = get_kind("inspection_record")
    with pytest.raises(RenderError) as info:
        render_document(kind, kind.sample(), out)
    assert "磁盘空间不足" in str(info.value)
    assert out.read_bytes() == b"old version"
    assert [p.name for p in folder.iterdir()] == ["doc.docx"]


def test_a_file_open_in_word_gives_a_chinese_message(tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    monkeypatch.setattr("templates.atomic.time.sleep", lambda s: None)  # the short retries
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "~$a.docx").write_bytes(b"owner")  # Word's owner file: the document is open in Word
    with pytest.raises(RenderError) as info:
        atomic_write(folder / "a.docx", b"data")
    assert "正在 Word 或 WPS 中打开，请先关闭它，再重试" in str(info.value)
    assert [p.name for p in folder.iterdir()] == ["~$a.docx"]


def test_a_folder_that_cannot_be_created_gives_a_chinese_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RenderError) as info:
        atomic_write(blocker / "sub" / "a.docx", b"data")
    assert "无法在" in str(info.value) and "写入" in str(info.value)


def test_a_filter_registered_by_another_module_is_available_to_templates():
    @filters.template_filter("test_upper_cn")
    def upper(value):
        return f"【{value}】"

    try:
        assert jinja_env().from_string("{{ '甲'|test_upper_cn }}").render() == "【甲】"
    finally:
        filters.FILTERS.pop("test_upper_cn")


def test_a_rebuilt_template_is_used_on_the_next_render(tmp_path, monkeypatch):
    import shutil

    from templates import kinds

    kind = get_kind("inspection_record")
    folder = tmp_path / "inspection_record"
    shutil.copytree(kind.folder, folder)
    copy = kinds.Kind(kind.name, kind.title, kind.code, kind.record, kind.stage, kind.order, folder, kind.schema)
    first = tmp_path / "1.docx"
    render_document(copy, kind.sample(), first)
    doc = Document(folder / "template.docx")
    doc.add_paragraph("模板已更新")
    doc.save(folder / "template.docx")
    os.utime(folder / "template.docx", ns=(1, 1))
    second = tmp_path / "2.docx"
    render_document(copy, kind.sample(), second)
    assert "模板已更新" not in _all_text(first)
    assert "模板已更新" in _all_text(second)


def _paragraphs(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs]


def test_an_inspection_record_with_only_the_number_and_the_six_elements_renders(tmp_path):
    kind = get_kind("inspection_record")
    sample = kind.sample()
    answers = {k: sample[k] for k in ("number", "time", "place", "officers", "object", "content", "process")}
    out = tmp_path / "minimal.docx"
    render_document(kind, answers, out)
    text = "\n".join(_paragraphs(out))
    assert "被检查单位：神池县某煤业有限公司" in text
    assert "我们是" + "\u3000" * 8 + "行政执法人员张三、李四" in text  # agency left blank for handwriting
    assert "现场负责人：" + "\u3000" * 5 in text


def test_an_inspected_person_gets_the_id_number_line_instead_of_the_legal_representative(tmp_path):
    kind = get_kind("inspection_record")
    answers = kind.sample()
    answers["object"] = {"type": "person", "name": "孙七", "id_no": "11010519491231002X", "gender": "男",
                         "address": "神池县龙泉镇新华街8号", "phone": "13900000000"}
    out = tmp_path / "person.docx"
    render_document(kind, answers, out)
    text = "\n".join(_paragraphs(out))
    assert "身份证号码：11010519491231002X" in text
    assert "法定代表人" not in text


@pytest.mark.parametrize("name", KINDS)
def test_signature_lines_are_blank_and_never_carry_a_name(tmp_path, name):
    kind = get_kind(name)
    answers = kind.sample()
    out = tmp_path / f"{name}.docx"
    render_document(kind, answers, out)
    lines = [t for t in _paragraphs(out) if "（签名）" in t]
    assert lines or name == "penalty_decision"
    names = {o["name"] for o in answers.get("officers", [])} | {answers.get("site_person", ""), answers.get("inquirer", ""),
                                                                  answers.get("recorder", ""),
                                                                  (answers.get("interviewee") or {}).get("name", "")}
    for line in lines:
        for person in filter(None, names):
            assert person not in line, f"签名栏被预先填写：{line}"


def test_each_officer_gets_a_signature_blank(tmp_path):
    kind = get_kind("inspection_record")
    answers = kind.sample()
    answers["officers"].append({"name": "周八", "cert_no": "14090012347"})
    out = tmp_path / "three.docx"
    render_document(kind, answers, out)
    doc = Document(out)
    line = next(p for p in doc.paragraphs if p.text.startswith("检查人员（签名）"))
    blanks = [r for r in line.runs if r.font.underline and not r.text.strip()]
    assert len(blanks) == 3
    assert "14090012347" in "\n".join(_paragraphs(out))


def test_the_settings_font_profile_is_used_when_none_is_given(tmp_path, monkeypatch):
    from templates import fonts
    from validators.context import CheckContext

    monkeypatch.setattr(fonts, "installed_families", lambda: None)  # as on Windows: profile used as it is
    assert font_map("windows")[XIAOBIAOSONG] == "宋体" != font_map("linux")[XIAOBIAOSONG]
    kind = get_kind("inspection_record")
    out = tmp_path / "s.docx"
    render_document(kind, kind.sample(), out, context=CheckContext(settings={"font_profile": "windows"}))
    title = next(p for p in Document(out).paragraphs if p.text == "现场检查记录")
    assert title.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
