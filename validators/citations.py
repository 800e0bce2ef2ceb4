"""The seeds' regulations by their Chinese names: a clerk reads 《安全生产重大行政执法决定法制审核制度》第十四条,
never the project's file ids (``001 第十四条``, ``seed001``, ``001/003``) — issue 12.

The rule book and the code cite the seeds by file id, which is short and exact for the developers
(``../shared/seeds/README.md``); :func:`cite_cn` turns every such citation in a text shown to a user into the
regulation's name. A seed file may hold several regulations with their own article numbers (001: 公示制度,
全过程记录制度, 法制审核制度 …; 003: 公示办法, 全过程记录办法, 法制审核办法): the article and the words
around it choose the one meant.
"""

from __future__ import annotations

import functools
import re

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

T000 = "《鄂尔多斯市能源局行政执法监督检查管理制度》"
T001_PUBLIC = "《神池县应急管理局安全生产行政执法公示制度》"
T001_RECORD = "《神池县应急管理局安全生产行政执法全过程记录制度》"
T001_REVIEW = "《神池县应急管理局安全生产重大行政执法决定法制审核制度》"
T002 = "《工信局行政执法监督制度》"
T003_PUBLIC = "《沁源县能源局行政执法公示办法》"
T003_RECORD = "《沁源县能源局行政执法全过程记录办法》"
T003_REVIEW = "《沁源县能源局重大执法决定法制审核办法》"
T004 = "《巴彦淖尔市行政执法协调监督实施细则》"

_PUBLIC_WORDS = ("公示", "公开", "摘要", "撤下")
_REVIEW_WORDS = ("法制审核", "重大")


def _number(text: str) -> int | None:
    """``十四`` → 14, ``二十七`` → 27 (articles below 100)."""
    if not text:
        return None
    if text.startswith("十"):
        text = "一" + text
    total, unit = 0, 0
    for ch in text:
        if ch == "十":
            total += (unit or 1) * 10
            unit = 0
        elif ch in _DIGITS:
            unit = _DIGITS[ch]
        else:
            return None
    return total + unit


def _title(seed: str, article: int | None, annex: bool, context: str) -> str:
    public = any(w in context for w in _PUBLIC_WORDS)
    review = any(w in context for w in _REVIEW_WORDS)
    if seed == "000":
        return T000
    if seed == "002":
        return T002
    if seed == "004":
        return T004
    if seed == "001":
        if annex:
            return T001_REVIEW
        if article in (10, 11) or (article is not None and article >= 18):
            return T001_RECORD
        if article == 13 and public and not review:
            return T001_PUBLIC
        return T001_REVIEW
    # 003
    if review and article in (4, 5, 6, 7, 8, 9, 10, 11):
        return T003_REVIEW
    if public and article is not None and article <= 21 and article not in (14, 17, 18):
        return T003_PUBLIC
    return T003_RECORD


_CITE = re.compile(r"(?<![0-9A-Za-z])(00[0-4])\s?(?=第|附件)(第([零一二两三四五六七八九十]+)(?:条|、)|附件)")


def cite_cn(text: str) -> str:
    """``text`` with each seed citation (``001 第十四条``, ``003 第二十七条(二)``, ``001 附件2``) naming its
    regulation; ``seed001``/``seed002`` (rule-set ids) and ``001/003`` become their Chinese names too."""
    if not isinstance(text, str) or ("00" not in text):
        return text
    return _cite_cn(text)


@functools.lru_cache(maxsize=4096)
def _cite_cn(text: str) -> str:
    """``cite_cn`` of a text (kept: the same few sources are cited by thousands of 今日待办 items)."""

    def one(m: re.Match) -> str:
        seed, rest, digits = m.group(1), m.group(2), m.group(3)
        return _title(seed, _number(digits or ""), rest == "附件", text) + rest

    out = _CITE.sub(one, text)
    out = out.replace("seed001", "神池县应急管理局规则").replace("seed002", "工信局规则")
    return out.replace("001/003", "本局执法制度")
