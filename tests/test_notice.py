"""The 通知 kind: validation, heading levels, and the seeds' covering notices re-created."""

from __future__ import annotations

import json
import re

from docx import Document

from templates.kinds import ROOT, get_kind
from templates.render import render_document
from validators.context import CheckContext
from validators.engine import validate
from validators.notice import classify_line, paragraphs_from_text

KIND = get_kind("notice")

# Verbatim from the seeds (/work/shared/seeds), the covering notices' elements in their order.
SEED_000 = """鄂尔多斯市能源局文件
鄂能局发〔2020〕209号
鄂尔多斯市能源局关于印发 《行政执法监督检查管理制度》的通知
局属有关科室、二级单位：
现将《鄂尔多斯市能源局行政执法监督检查管理制度》
印发，请认真贯彻执行。
鄂尔多斯市能源局
2020年11月5日
鄂尔多斯市能源局办公室
2020年11月5日印发"""
SEED_001 = """神应急字〔2019〕35号
神池县应急管理局
关于印发《安全生产行政执法公示制度》《安全生产行政执法全过程记录制度》《安全生产重大行政执法决定法制审核制度》《执法情况统计分析制度》《安全生产执法纠错制度》《执法公开制度》《执法人员岗前培训和持证上岗制度》的
通  知
机关各股室，各下属单位：
神池县应急管理局
2019年11月6日"""


def _codes(answers: dict) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in validate(KIND.schema, answers, CheckContext()) if f["severity"] == "error"}


def _shenchi() -> dict:
    return json.loads((ROOT / "notice" / "samples" / "shenchi_2019_35.json").read_text(encoding="utf-8"))


def _paragraphs(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs if p.text.strip()]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_both_seed_samples_validate_without_error():
    assert _codes(KIND.sample()) == set()
    assert _codes(_shenchi()) == set()


def test_number_with_square_brackets_is_refused():
    answers = KIND.sample()
    answers["number"] = "鄂能局发[2020]209号"
    assert {("/number", "field.format"), ("/number", "number.bracket")} <= _codes(answers)
    answers["number"] = "鄂能局发〔2020〕第209号"
    assert ("/number", "field.format") in _codes(answers)
    answers["number"] = "鄂能局发〔2020〕009号"
    assert ("/number", "field.format") in _codes(answers)


def test_missing_title_and_empty_body_are_errors():
    answers = KIND.sample()
    del answers["title"]
    answers["body"] = []
    codes = _codes(answers)
    assert ("/title", "field.missing") in codes
    assert ("/body", "field.too_few") in codes


def test_print_date_before_signing_date_is_an_error():
    answers = KIND.sample()
    answers["print_date"] = "2020-11-04"
    assert ("/print_date", "notice.print_before_date") in _codes(answers)
    answers["print_date"] = "2020-13-40"
    assert ("/print_date", "date.format") in _codes(answers)


def test_heading_level_that_contradicts_the_numbering_is_a_warning():
    answers = KIND.sample()
    answers["body"] = [{"level": 0, "text": "一、总体要求"}, {"level": 2, "text": "（一）工作目标"}]
    found = validate(KIND.schema, answers, CheckContext())
    levels = [f for f in found if f["code"] == "notice.heading_level"]
    assert [f["path"] for f in levels] == ["/body/0/level"]
    assert levels[0]["severity"] == "warning" and "一级标题" in levels[0]["message"]


def test_pasted_text_is_split_into_levels_by_its_numbering():
    text = "为规范执法，现通知如下。\n一、总体要求\n（一）工作目标\n1.加强培训\n（1）每年一次\n2.5倍不是序号"
    assert [p["level"] for p in paragraphs_from_text(text)] == [0, 1, 2, 3, 4, 0]
    assert classify_line("　二十、附则") == 1
    assert classify_line("2020年工作") == 0


def test_heading_levels_print_in_their_fonts(tmp_path, monkeypatch):
    import templates.render

    monkeypatch.setattr(templates.render, "font_map", lambda profile: {})  # keep the logical font names
    answers = KIND.sample()
    answers["body"] = paragraphs_from_text("一、总体要求\n（一）工作目标\n1.加强培训\n正文段落。")
    out = tmp_path / "n.docx"
    render_document(KIND, answers, out)
    fonts = {}
    for p in Document(out).paragraphs:
        for r in p.runs:
            if r.text.strip() and r._r.rPr is not None and r._r.rPr.rFonts is not None:
                fonts[r.text] = r._r.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert fonts["一、总体要求"] == "黑体"
    assert fonts["（一）工作目标"] == "楷体_GB2312"
    assert fonts["1.加强培训"] == "仿宋_GB2312"
    assert fonts["正文段落。"] == "仿宋_GB2312"


def test_seed_000_recreated_with_its_elements_in_order(tmp_path):
    out = tmp_path / "000.docx"
    render_document(KIND, KIND.sample(), out)
    paras = [_squash(p) for p in _paragraphs(out)]
    seed = SEED_000.splitlines()
    expected = [seed[0], seed[1], _squash(seed[2]), seed[3], _squash(seed[4] + seed[5]), "（印章）", seed[6], seed[7],
                seed[8] + seed[9]]
    assert paras == [_squash(e) for e in expected]
    assert not any(p.startswith("附件") for p in paras)  # the seed has no 附件说明


def test_seed_001_recreated_with_its_elements_in_order(tmp_path):
    out = tmp_path / "001.docx"
    render_document(KIND, _shenchi(), out)
    paras = [_squash(p) for p in _paragraphs(out)]
    seed = SEED_001.splitlines()
    number, mark, title, recipients, issuer, date = (seed[0], seed[1], _squash(seed[2] + seed[3]), seed[4], seed[5],
                                                     seed[6])
    # GB/T 9704: 标志, 发文字号, title, 主送, body, (印章), 署名, 成文日期 — and no 版记 (the seed has none)
    assert paras[:4] == [mark, number, title, recipients]
    assert paras[4].startswith("为贯彻落实好县政府推行行政执法“三项制度”会议精神")
    assert paras[5:] == ["（印章）", issuer, date]


def test_attachments_are_numbered_only_when_there_are_several(tmp_path):
    answers = KIND.sample()
    answers["attachments"] = ["行政执法监督检查管理制度"]
    out = tmp_path / "one.docx"
    render_document(KIND, answers, out)
    assert "附件：行政执法监督检查管理制度" in _paragraphs(out)
    answers["attachments"] = ["甲制度", "乙名单"]
    render_document(KIND, answers, out)
    paras = _paragraphs(out)
    assert "附件：1.甲制度" in paras and "2.乙名单" in paras


def test_cli_sample_prints_the_erdos_notice(capsys):
    from wenshu.cli import main

    assert main(["sample", "notice"]) == 0
    assert json.loads(capsys.readouterr().out)["number"] == "鄂能局发〔2020〕209号"


def test_overlong_cc_is_a_warning():
    answers = KIND.sample()
    answers["cc"] = "市司法局，" * 30
    found = {(f["path"], f["code"], f["severity"]) for f in validate(KIND.schema, answers, CheckContext())}
    assert ("/cc", "notice.cc_too_long", "warning") in found
    answers["cc"] = "市司法局，市应急管理局"
    assert not [f for f in validate(KIND.schema, answers, CheckContext()) if f["code"] == "notice.cc_too_long"]
