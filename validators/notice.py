"""Rules of the 通知 (GB/T 9704-2012 公文): heading levels, dates, 版记.

The body is a list of paragraphs ``{"level": 0-4, "text": …}``: the level chooses the font of GB/T 9704
§7.3.3 (``一、`` 黑体, ``（一）`` 楷体, ``1.`` and ``（1）`` 仿宋), the text keeps its numbering as typed.
``classify_line`` gives the level of a pasted line from its leading numbering, so plain text can be
turned into that list (``paragraphs_from_text``); the ``notice`` rule warns where a paragraph's level
and its numbering disagree, which would print a heading in the wrong font.
"""

from __future__ import annotations

import re
from typing import Any

from validators.context import CheckContext
from validators.datetimes import dates_of
from validators.findings import WARNING, Finding, finding, pointer
from validators.registry import document_rule, is_blank

_CN_NUM = "一二三四五六七八九十百零〇"
#: (level, pattern of the leading numbering) — GB/T 9704-2012 §7.3.3 结构层次序数.
_LEVELS = (
    (1, re.compile(rf"^[{_CN_NUM}]+、")),
    (2, re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    (3, re.compile(r"^[0-9０-９]+[.．](?![0-9０-９])")),
    (4, re.compile(r"^[（(][0-9０-９]+[）)]")),
)
#: Characters of 4号 (14 pt) in one 版记 line: (156 mm type width − two characters' indent) / 14 pt
#: (GB/T 9704-2012 §7.4.2); ``tools/templates/notice.py`` lays the 抄送 out with these and checks the width.
CC_CHARS_PER_LINE = 29
#: 抄送 of more lines than this no longer fits the 版记 (a 版记 of five lines is not a 版记 any more).
CC_MAX_LINES = 4
#: The longest 抄送 text that fits, "抄送：" and "。" included.
CC_MAX_CHARS = CC_CHARS_PER_LINE * CC_MAX_LINES - 4
#: A 发文机关标志 longer than this in 初号 may run out of the type width (GB/T 9704-2012 §7.2.3).
ISSUER_MARK_MAX_CHARS = 10
LEVEL_TITLES = {0: "正文段落", 1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）", 4: "四级标题（（1））"}


def classify_line(line: str) -> int:
    """Level 1–4 of a line by its leading numbering (``一、`` ``（一）`` ``1.`` ``（1）``), else 0."""
    text = line.strip().lstrip("\u3000")
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return 0


def paragraphs_from_text(text: str) -> list[dict[str, Any]]:
    """Pasted plain text → body paragraphs, one per non-empty line, levels from the numbering."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip().strip("\u3000")
        if line:
            out.append({"level": classify_line(line), "text": line})
    return out


@document_rule("notice")
def notice_rule(answers: dict, context: CheckContext) -> list[Finding]:
    """Body levels match their numbering; 成文日期 and 印发日期 are dates, 印发 not before 成文."""
    out: list[Finding] = []
    body = answers.get("body")
    if isinstance(body, list):
        for i, para in enumerate(body):
            if not isinstance(para, dict) or not isinstance(para.get("text"), str):
                continue
            level = para.get("level", 0)
            found = classify_line(para["text"])
            if isinstance(level, int) and found and found != level:
                out.append(finding(pointer("body", i, "level"), "notice.heading_level",
                                   f"第{i + 1}段以“{para['text'].strip()[:6]}”开头，应为{LEVEL_TITLES[found]}，"
                                   f"但层级选的是{LEVEL_TITLES.get(level, level)}，打印字体会不对。请改正层级。",
                                   WARNING))
    days, bad = dates_of(answers, {"date": "成文日期", "print_date": "印发日期"})
    out.extend(bad)
    if "date" in days and "print_date" in days and days["print_date"] < days["date"]:
        out.append(finding(pointer("print_date"), "notice.print_before_date",
                           "「印发日期」早于「成文日期」：公文应在签发后印发，请核对日期。"))
    if not is_blank(answers.get("printer")) and is_blank(answers.get("print_date")):
        out.append(finding(pointer("print_date"), "field.missing", "填写了印发机关，请同时填写「印发日期」。"))
    mark = answers.get("issuer_mark")
    if isinstance(mark, str) and len(mark.strip()) > ISSUER_MARK_MAX_CHARS:
        out.append(finding(pointer("issuer_mark"), "notice.mark_too_long",
                           f"发文机关标志超过{ISSUER_MARK_MAX_CHARS}个字，初号字可能超出版心宽度，请使用规范化简称。", WARNING))
    cc = answers.get("cc")
    if isinstance(cc, str) and len(cc.strip()) > CC_MAX_CHARS:
        out.append(finding(pointer("cc"), "notice.cc_too_long",
                           f"抄送机关超过{CC_MAX_CHARS}个字，版记放不下，请使用统称或规范化简称。", WARNING))
    for key, mark_char, title in (("recipients", "：", "主送机关"), ("cc", "。", "抄送机关")):
        value = answers.get(key)
        if isinstance(value, str) and value.rstrip().endswith((mark_char, ":", ".")):
            out.append(finding(pointer(key), "notice.trailing_mark",
                               f"「{title}」末尾的“{mark_char}”由系统自动添加，请删去。", WARNING))
    return out
