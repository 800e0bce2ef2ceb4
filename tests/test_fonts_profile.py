"""Fonts chosen by family from what is installed; 生僻字 checked against the chosen face (issue 19)."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest

from templates.font_catalog import candidates, glyph_findings, installed_family_names, missing_chars
from templates.fonts import FANGSONG, font_map
from templates.kinds import get_kind
from templates.render import render_document
from validators.context import CheckContext

#: cwTeXFangSong is the one 仿宋 face on the test machines (.ci/system-deps installs it); it is a
#: traditional-Chinese font, so simplified characters such as 现 are missing from it.
FANGSONG_FACE = "cwTeXFangSong"
RARE = "\U00030000"  # CJK Extension G: in none of the installed fonts


def _need(family: str) -> None:
    if family not in installed_family_names():
        pytest.fail(f"font {family} is not installed: run bash .ci/system-deps install layout")


def test_families_are_read_by_family_name_not_file_name():
    names = installed_family_names()
    assert "Noto Serif CJK SC" in names
    assert not any(n.lower().endswith((".ttf", ".ttc", ".otf")) for n in names)
    _need(FANGSONG_FACE)
    assert FANGSONG_FACE in candidates(FANGSONG)


def test_the_chosen_family_replaces_the_profile_and_a_missing_one_falls_back():
    _need(FANGSONG_FACE)
    assert font_map("linux", {"仿宋": FANGSONG_FACE})[FANGSONG] == FANGSONG_FACE
    assert font_map("linux", {"仿宋": "某个未安装的字体"})[FANGSONG] in installed_family_names()


def test_a_character_missing_from_the_chosen_face_is_a_warning_naming_a_face_that_has_it():
    _need(FANGSONG_FACE)
    assert "现" in missing_chars(FANGSONG_FACE, "现场检查")
    findings = glyph_findings({"object": {"name": "神池县现代煤业"}}, {"fonts": {"仿宋": FANGSONG_FACE}})
    assert findings and findings[0]["path"] == "/object/name" and findings[0]["severity"] == "warning"
    assert "“现”" in findings[0]["message"] and "Noto Serif CJK SC" in findings[0]["message"]
    assert glyph_findings({"object": {"name": "神池县现代煤业"}}, {"fonts": {"仿宋": "Noto Serif CJK SC"}}) == []
    rare = glyph_findings({"facts": f"当事人王{RARE}"}, {"fonts": {"仿宋": "Noto Serif CJK SC"}})
    assert rare and "本机没有含这些字的字体" in rare[0]["message"]


def test_render_reports_the_rare_character_and_still_writes(tmp_path):
    kind = get_kind("inspection_record")
    answers = copy.deepcopy(kind.sample())
    answers["object"]["name"] = f"神池县{RARE}业有限公司"
    out = tmp_path / "r.docx"
    findings = render_document(kind, answers, out, context=CheckContext(kind=kind.name, meta=kind.meta,
                                                                        settings={"fonts": {"仿宋": "Noto Serif CJK SC"}}))
    assert out.exists()
    assert any(f["code"] == "font.missing_glyph" and f["path"] == "/object/name" for f in findings)


def test_the_printed_text_is_in_the_chosen_fangsong_face(tmp_path):
    _need(FANGSONG_FACE)
    if not shutil.which("soffice") or not shutil.which("pdffonts"):
        pytest.fail("LibreOffice and poppler are needed: bash .ci/system-deps install layout")
    kind = get_kind("penalty_decision")
    out = tmp_path / "d.docx"
    settings = {"fonts": {"仿宋": FANGSONG_FACE}}
    render_document(kind, kind.sample(), out, context=CheckContext(kind=kind.name, meta=kind.meta, settings=settings))
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, timeout=180, check=True)
    fonts = subprocess.run(["pdffonts", str(Path(tmp_path) / "d.pdf")], capture_output=True, text=True).stdout
    assert "cwTeXFangSong" in fonts, fonts


def test_automatic_choice_prints_in_an_installed_simplified_fangsong_not_the_stand_in(monkeypatch):
    """The bug of issue 19: with a 仿宋 installed, the text came out in 思源宋体 (Noto Serif CJK SC)."""
    from templates import font_catalog, fonts

    faces = dict(font_catalog.installed_faces())
    faces["仿宋"] = ("/fonts/simfang.ttf", 0)
    cmaps = {"仿宋": frozenset(ord(c) for c in font_catalog.SIMPLIFIED_PROBE + "神池县")}
    real_cmap = font_catalog._cmap
    monkeypatch.setattr(font_catalog, "installed_faces", lambda: faces)
    monkeypatch.setattr(font_catalog, "_cmap", lambda family: cmaps.get(family) or real_cmap(family))
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset(faces))
    font_catalog._own_face.cache_clear()
    try:
        assert fonts.font_map("auto")[FANGSONG] == "仿宋"
        assert fonts.font_map("auto", {"仿宋": "Noto Serif CJK SC"})[FANGSONG] == "Noto Serif CJK SC"  # chosen wins
        assert fonts.font_map("linux")[FANGSONG] == "Noto Serif CJK SC"  # an explicit profile stays explicit
    finally:
        font_catalog._own_face.cache_clear()


def test_a_traditional_fangsong_is_not_taken_automatically():
    _need(FANGSONG_FACE)
    from templates.font_catalog import own_face

    assert own_face(FANGSONG) != FANGSONG_FACE  # it lacks 现、检、记 …
