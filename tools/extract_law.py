"""Extract the articles of an official law text (国家法律法规数据库 Markdown) into the law library's JSON.

    python tools/extract_law.py ../shared/reference/laws/安全生产法(2021-06-10).md \
        --title 中华人民共和国安全生产法 --short 安全生产法 -o templates/laws/安全生产法.text.json
    python tools/extract_law.py FILE.md --check templates/laws/安全生产法.text.json

The text is copied character for character: each article's paragraphs (款) and the items (项) under them,
as the official publication prints them. ``--check`` compares a shipped text file with the official one
and lists every difference (exit 1), so the texts can be re-verified whenever either changes.

The liability annotations (who is punished, the penalty kinds, fine ranges, duty articles) are kept apart
in ``<short>.liability.json``, written and checked by hand; this script never touches them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARTICLE = re.compile(r"^第([零一二三四五六七八九十百千]+)条[ 　]+(.*)$")
_ITEM = re.compile(r"^[（(]([零一二三四五六七八九十]+)[）)]")
_HEADING = re.compile(r"^#+\s*(.*)$")


def cn_number(text: str) -> int:
    """``"一百零三"`` → 103, ``"十"`` → 10, ``"九十九"`` → 99."""
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            raise ValueError(text)
    return total + digit


def parse(markdown: str) -> list[dict]:
    """The articles of the text after ``<!-- INFO END -->``: number, label, chapter, paragraphs with items."""
    body = markdown.split("<!-- INFO END -->", 1)[-1]
    articles: list[dict] = []
    chapter = section = ""
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(1).strip()
            if "章" in title.split(" ")[0]:
                chapter, section = title, ""
            else:
                section = title
            continue
        article = _ARTICLE.match(line)
        if article:
            articles.append({
                "number": cn_number(article.group(1)),
                "label": f"第{article.group(1)}条",
                "chapter": chapter,
                **({"section": section} if section else {}),
                "paragraphs": [{"text": article.group(2), "items": []}],
            })
            continue
        if not articles:
            continue
        if _ITEM.match(line):
            articles[-1]["paragraphs"][-1]["items"].append(line)
        else:
            articles[-1]["paragraphs"].append({"text": line, "items": []})
    return articles


def build(path: Path, title: str, short: str) -> dict:
    version = re.search(r"\((\d{4}-\d{2}-\d{2})\)", path.name)
    return {
        "title": title,
        "short": short,
        "version": version.group(1) if version else "",
        "source": f"国家法律法规数据库：{path.name}",
        "articles": parse(path.read_text(encoding="utf-8")),
    }


def compare(shipped: dict, official: dict) -> list[str]:
    """Every difference between a shipped text file and the official text, in words."""
    out: list[str] = []
    theirs = {a["number"]: a for a in official["articles"]}
    ours = {a["number"]: a for a in shipped["articles"]}
    for number in sorted(set(theirs) | set(ours)):
        if number not in ours:
            out.append(f"缺少第{number}条")
        elif number not in theirs:
            out.append(f"官方文本没有第{number}条")
        elif ours[number]["paragraphs"] != theirs[number]["paragraphs"] or ours[number]["label"] != theirs[number]["label"]:
            out.append(f"{ours[number]['label']}与官方文本不一致")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", type=Path, help="官方文本（Markdown）")
    p.add_argument("--title", default="", help="法律全称，如 中华人民共和国安全生产法")
    p.add_argument("--short", default="", help="简称，如 安全生产法")
    p.add_argument("-o", "--output", type=Path, help="写入的 JSON 文件")
    p.add_argument("--check", type=Path, help="与官方文本逐字比对的 JSON 文件")
    args = p.parse_args(argv)
    if args.check:
        shipped = json.loads(args.check.read_text(encoding="utf-8"))
        diffs = compare(shipped, build(args.source, shipped["title"], shipped["short"]))
        for d in diffs:
            print(d)
        print("一致" if not diffs else f"共 {len(diffs)} 处不一致")
        return 1 if diffs else 0
    data = build(args.source, args.title, args.short or args.source.stem.split("(")[0])
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
