"""Compiled templates are reused between renders, without changing what a document says."""

from __future__ import annotations

import io
import zipfile

import jinja2

from templates.jinja_cache import cache_compiled
from templates.kinds import get_kind
from templates.render import render_bytes


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_second_render_compiles_nothing_and_says_the_new_answers(monkeypatch):
    kind = get_kind("inspection_record")
    first = kind.sample()
    render_bytes(kind, first)  # compiles and caches the template's parts
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    second = dict(first, place="宁武县某矿井下9采区")
    xml = _document_xml(render_bytes(kind, second))
    assert compiled == []
    assert "宁武县某矿井下9采区" in xml and first["place"] not in xml


def test_user_text_stays_escaped_with_cached_templates():
    kind = get_kind("inspection_record")
    answers = dict(kind.sample(), place="<井下 & 12采区>")
    for _ in range(2):  # compiled on the first render, reused on the second
        xml = _document_xml(render_bytes(kind, answers))
        assert "&lt;井下 &amp; 12采区&gt;" in xml


def test_cache_respects_autoescape_and_its_size_limit():
    env = cache_compiled(jinja2.Environment(), max_entries=2)
    assert env.from_string("{{ x }}").render(x="<a>") == "<a>"
    env.autoescape = True
    assert env.from_string("{{ x }}").render(x="<a>") == "&lt;a&gt;"  # not the unescaped one compiled before
    env.from_string("{{ y }}")
    assert len(env.from_string.cache) == 2
