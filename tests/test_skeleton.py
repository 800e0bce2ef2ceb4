"""The core loads kinds, validates and renders without Qt."""

import json
import subprocess
import sys

from docx import Document

from templates.kinds import all_kinds, get_kind
from templates.render import render_document


def test_every_kind_has_a_title_and_a_sample_that_renders(tmp_path):
    for kind in all_kinds():
        assert kind.title
        out = tmp_path / f"{kind.name}.docx"
        render_document(kind, kind.sample(), out)
        assert out.stat().st_size > 0


def test_markup_characters_come_out_exactly_as_typed(tmp_path):
    kind = get_kind("inspection_record")
    answers = kind.sample()
    answers["process"] = '检查发现 A&B <阀门> "甲" \'乙\'\n第二行'
    out = tmp_path / "x.docx"
    render_document(kind, answers, out)
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert '检查发现 A&B <阀门> "甲" \'乙\'\n第二行' in text


def test_cli_kinds_lists_json_without_loading_qt():
    code = "import sys, wenshu.cli as c; rc = c.main(['kinds']); assert 'PySide6' not in sys.modules; sys.exit(rc)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    kinds = json.loads(proc.stdout)
    assert {"kind": "inspection_record", "title": "现场检查记录", "code": "应急检记"} in kinds


def test_argument_mistakes_are_told_in_chinese_with_exit_2(capsys):
    from wenshu.cli import main

    for argv, expected in ((["check-number"], "缺少参数 text"), (["kinds", "extra"], "无法识别的参数 extra"),
                           (["holidays", "nope"], "不能为“nope”"), (["number", "next", "x", "--year", "abc"], "“abc”格式不正确")):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert expected in err and "the following" not in err and "invalid" not in err, err
