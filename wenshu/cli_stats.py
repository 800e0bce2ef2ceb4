"""``wenshu stats`` (001 执法情况统计分析制度; 行政执法公示办法 第十六条) and ``wenshu publication`` (公示台账, DOMAIN.md §12, §15).

Exit 0 with the result; 2 for an unusable request (a wrong year, a file that cannot be written), with a
Chinese message on stderr.
"""

from __future__ import annotations

import argparse
from datetime import date

from wenshu.cli import EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("stats", help="执法情况统计：一年的立案、结案、罚没款、听证、复议诉讼、行政强制、执法检查")
    s.add_argument("--year", required=True, help="统计年度，如 2026")
    s.add_argument("-o", "--output", default=None, help="同时写出 Excel 统计年报（.xlsx）")
    s.add_argument("--reported", default=None, metavar="DATE",
                   help="记录该年度统计年报已于 DATE（YYYY-MM-DD）报送，今日待办不再提醒")

    s = sub.add_parser("publication", help="公示台账：各项决定的公示期限、公示日期与撤除日期；导出待公示信息")
    p = s.add_subparsers(dest="publication_command", parser_class=parser_class, metavar="操作")
    n = p.add_parser("list", help="列出公示台账")
    n.add_argument("--today", default=None, help="以该日为今日（YYYY-MM-DD）")
    n.add_argument("--due", action="store_true", help="只列出待公示、即将撤除或已到撤除日期的")
    n = p.add_parser("export", help="导出待公示的决定信息（已按规定遮盖个人信息）")
    n.add_argument("-o", "--output", required=True, help="输出文件（.xlsx 或 .csv）")
    n.add_argument("--today", default=None, help="以该日为今日（YYYY-MM-DD）")
    n.add_argument("--all", action="store_true", help="导出全部在公示期内的决定，而不只是待公示的")


def _day(text: str | None) -> date | None:
    from wenshu.cli_case import _date_arg

    return _date_arg(text) if text else None


def cmd_stats(args: argparse.Namespace) -> int:
    from wenshu.cli_case import open_service
    from wenshu.stats import StatsError, annual_statistics, mark_reported, write_workbook

    service = open_service()
    try:
        figures = annual_statistics(service, args.year)
        if args.reported:
            mark_reported(service.store, figures["year"], _day(args.reported))
            figures["reported"] = args.reported
        if args.output:
            agency = str(service.settings().get("agency") or "")
            figures["workbook"] = str(write_workbook(figures, args.output, agency))
    except StatsError as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()
    emit(figures)
    return EXIT_OK


def cmd_publication(args: argparse.Namespace) -> int:
    from wenshu.cli_case import open_service
    from wenshu.publication import PublicationError, export_due, ledger

    action = getattr(args, "publication_command", None)
    if action is None:
        raise CliError("请指定操作，如 wenshu publication list。")
    today = _day(args.today) or date.today()
    service = open_service()
    try:
        if action == "list":
            rows = ledger(service, today)
            emit([r for r in rows if r["reminder"]] if args.due else rows)
        else:
            emit(export_due(service, args.output, today, everything=args.all))
    except PublicationError as exc:
        if exc.findings:
            emit({"ok": False, "error": str(exc), "findings": exc.findings})
            return 1
        raise CliError(str(exc)) from None
    finally:
        service.close()
    return EXIT_OK
