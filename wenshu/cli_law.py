"""``wenshu law list`` / ``show 法律 条文`` / ``search 文字`` (issue 13): the offline law library as JSON.

Exit 0 with the result (a search without hits is an empty list); 2 for an unknown law or article or an
empty query, with a Chinese message.
"""

from __future__ import annotations

import argparse

from wenshu.cli import EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("law", help="法条查询：列出法律、显示条文、按文字或条号搜索（离线）")
    lsub = s.add_subparsers(dest="law_command", parser_class=parser_class, metavar="操作")
    lsub.add_parser("list", help="列出已收录的法律、法规")
    n = lsub.add_parser("show", help="显示一条法条，如 wenshu law show 安全生产法 第九十九条")
    n.add_argument("law", help="法律名称，如 安全生产法")
    n.add_argument("article", help="条文序号，如 第九十九条、第九十九条第二项或 99")
    n = lsub.add_parser("search", help="按文字或条号搜索法条")
    n.add_argument("text", nargs="+", help="要找的文字（多个词须同时出现）或条号")
    n.add_argument("--law", default=None, help="只在这部法律中搜索")


def law_or_fail(name: str) -> dict:
    from templates.law_library import get_law, load_laws

    law = get_law(name)
    if law is None:
        have = "、".join(load_laws())
        raise CliError(f"没有收录“{name}”。已收录：{have}。")
    return law


def article_json(law: dict, spec: str) -> dict:
    """The article ``spec`` (``第九十九条``, ``第九十九条第二项``, ``99``) of ``law`` with its liability notes."""
    from validators.law import (
        Citation,
        article_text,
        clauses_for,
        duties_for,
        existence_findings,
        parse_citations,
        provisions_for,
    )

    spec = spec.strip()
    cites = [Citation(law["title"], int(spec))] if spec.isdigit() else parse_citations(f"《{law['title']}》{spec}")
    if len(cites) != 1:
        raise CliError(f"无法识别条文序号“{spec}”，请写成“第九十九条”“第九十九条第二项”或“99”。")
    cite = cites[0]
    problems = existence_findings(cite, law, "")
    if problems:
        raise CliError(problems[0]["message"])
    art = law["articles"][cite.article]
    out = {
        "law": law["title"], "short": law["short"], "version": law.get("version", ""), "source": law.get("source", ""),
        "article": art["label"], "number": cite.article, "chapter": art.get("chapter", ""),
        "citation": cite.label(law["title"]), "text": article_text(art),
        "paragraphs": art["paragraphs"],
    }
    if cite.paragraph:
        out["paragraph_text"] = art["paragraphs"][cite.paragraph - 1]["text"]
    if cite.item:
        items = (art["paragraphs"][cite.paragraph - 1]["items"] if cite.paragraph
                 else [i for p in art["paragraphs"] for i in p["items"]])
        out["item_text"] = items[cite.item - 1]
    liability = []
    for provision in provisions_for(law, cite) if cite.paragraph or cite.item else [
            p for p in law.get("provisions") or [] if p["article"] == cite.article]:
        liability.append({
            "paragraph": provision.get("paragraph"),
            "verified": bool(provision.get("verified")),
            "note": provision.get("note", ""),
            "duties": duties_for(provision, cite),
            "clauses": [{"subject": c["subject"], "when": c.get("when", ""), "kinds": c.get("kinds", []),
                         "fine": c.get("fine"), "quote": c["quote"]} for c in clauses_for(provision, cite)],
        })
    if liability:
        out["liability"] = liability
    return out


def cmd_law(args: argparse.Namespace) -> int:
    from templates.law_library import LawDataError, load_laws, set_extra_dirs
    from validators.law import search
    from wenshu.paths import data_dir

    set_extra_dirs([data_dir() / "laws"])

    try:
        if args.law_command == "list":
            emit({"laws": [{"short": k, "title": v["title"], "version": v.get("version", ""),
                            "articles": len(v["articles"]), "annotated": bool(v.get("provisions"))}
                           for k, v in load_laws().items()]})
            return EXIT_OK
        if args.law_command == "show":
            emit(article_json(law_or_fail(args.law), args.article))
            return EXIT_OK
        if args.law_command == "search":
            query = " ".join(args.text).strip()
            if not query:
                raise CliError("请输入要搜索的文字或条号。")
            table = load_laws()
            if args.law:
                law = law_or_fail(args.law)
                table = {law["short"]: law}
            results = search(query, table)
            emit({"query": query, "count": len(results), "results": results})
            return EXIT_OK
    except LawDataError as exc:
        raise CliError(str(exc)) from None
    raise CliError("请指定操作：list、show 或 search。运行 wenshu law --help 查看用法。")
