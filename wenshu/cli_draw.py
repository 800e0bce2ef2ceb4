"""``wenshu draw`` (双随机, 002 第七条), ``wenshu draws`` (the log) and ``wenshu conflict`` (回避 records).

``wenshu draw --targets FILE --inspectors FILE --count N [--per-target 2] [--seed S]``: targets from a
.xlsx/.csv file or, without ``--targets``, the party directory; inspectors from a file or, without
``--inspectors``, the roster's officers with a valid certificate. Output ``{"seed", "draws": [{"target",
"inspectors"}], …}`` (DOMAIN.md §15). Exit 0 drawn; 1 refused by a rule (the reason on stdout and stderr,
logged); 2 unusable input.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from wenshu.cli import EXIT_FINDINGS, EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("draw", help="双随机抽查：随机抽取检查对象和检查人员（可复现，记录在案）")
    s.add_argument("--targets", default=None, help="检查对象名单 .xlsx/.csv；省略时从企业库抽取")
    s.add_argument("--search", default="", help="从企业库抽取时只取名称、地址等含此文字的对象")
    s.add_argument("--inspectors", default=None, help="检查人员名单 .xlsx/.csv（姓名、执法证号、回避对象）；省略时用执法人员名册")
    s.add_argument("--conflicts", default=None, help="回避名单 .xlsx/.csv（执法证号或姓名、检查对象），与已记录的回避一并适用")
    s.add_argument("--count", type=int, required=True, help="抽取的检查对象数量")
    s.add_argument("--per-target", type=int, default=2, help="每个检查对象的检查人员数（默认 2）")
    s.add_argument("--seed", default=None, help="随机种子（省略时自动生成并输出）")
    s.add_argument("--date", default=None, help="抽查日期 YYYY-MM-DD（核对执法证有效期），默认今天")
    s.add_argument("--start-cases", action="store_true", help="为每个抽中的对象新建检查案件（含现场检查记录草稿）")
    s.add_argument("--list", default=None, help="生成抽查结果清单 .docx")
    s.add_argument("--matter", default="", help="抽查事项（印在清单上），如 危险化学品企业安全生产检查")

    s = sub.add_parser("draws", help="双随机抽查记录（每次抽取，含未成功的）")
    s.add_argument("draw_id", nargs="?", help="抽取编号（前 8 位以上）：查看一次抽取")
    s.add_argument("--start-cases", action="store_true", help="为这次抽取的每个对象新建检查案件")
    s.add_argument("--list", default=None, help="生成这次抽取的抽查结果清单 .docx")
    s.add_argument("--matter", default="")

    s = sub.add_parser("conflict", help="回避：记录执法人员与检查对象的利害关系")
    c = s.add_subparsers(dest="conflict_command", parser_class=parser_class, metavar="操作")
    n = c.add_parser("add", help="记录一项回避")
    n.add_argument("cert_no", help="执法证号")
    n.add_argument("target", help="检查对象的统一社会信用代码、身份证号或名称")
    n.add_argument("--reason", default="", help="回避理由，如 近亲属任该单位负责人")
    c.add_parser("list", help="列出记录的回避")


def _open():
    from wenshu.cli_case import open_service
    from wenshu.draws import DrawLog

    service = open_service()
    return service, DrawLog(service.store, service.who)


def _after(service, entry: dict, args) -> dict:
    from wenshu.draws import list_answers, start_cases

    extra: dict = {}
    if args.start_cases:
        extra["cases"] = start_cases(service, entry)
    if args.list:
        from templates.kinds import get_kind
        from templates.render import render_document

        agency = (service.settings().get("agency") or {}).get("name", "")
        answers = list_answers(entry, agency, args.matter)
        render_document(get_kind("random_inspection_list"), answers, args.list)
        extra["list"] = str(args.list)
    return extra


def cmd_draw(args: argparse.Namespace) -> int:
    from wenshu import draws
    from wenshu.parties import directory_of
    from wenshu.service import Unusable
    from wenshu.store import StoreError

    on = date.today()
    if args.date:
        try:
            on = date.fromisoformat(args.date)
        except ValueError:
            raise CliError(f"日期“{args.date}”格式不正确，应为 YYYY-MM-DD。") from None
    service, log = _open()
    try:
        if args.targets:
            targets, t_source = draws.targets_from_file(args.targets), f"文件 {args.targets}"
        else:
            targets, t_source = draws.targets_from_directory(directory_of(service), args.search), "企业库"
        if args.inspectors:
            inspectors, i_source = draws.inspectors_from_file(args.inspectors, on), f"文件 {args.inspectors}"
        else:
            inspectors, i_source = draws.inspectors_from_roster(service.store, on), "执法人员名册"
        extra = draws.conflicts_from_file(args.conflicts) if args.conflicts else set()
        try:
            result = draws.run(log, targets, inspectors, args.count, args.per_target, args.seed,
                               {"targets": t_source, "inspectors": i_source, "date": on.isoformat(),
                                "conflicts": f"文件 {args.conflicts}" if args.conflicts else "已记录的回避"},
                               extra_conflicts=extra)
        except draws.DrawRefused as exc:
            emit({"ok": False, "seed": exc.seed, "draw_id": exc.draw_id, "error": str(exc), "reasons": exc.reasons})
            sys.stderr.write(str(exc) + "\n")
            return EXIT_FINDINGS
        if args.seed is None:
            sys.stderr.write(f"本次抽取的随机种子：{result['seed']}（已记录）\n")
        entry = log.get(result["draw_id"])
        emit({"ok": True, **result, **_after(service, entry, args)})
        return EXIT_OK
    except (draws.DrawError, Unusable, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()


def cmd_draws(args: argparse.Namespace) -> int:
    from wenshu import draws
    from wenshu.service import Unusable
    from wenshu.store import StoreError

    service, log = _open()
    try:
        if not args.draw_id:
            emit({"draws": log.entries(), "problems": log.verify()})
            return EXIT_OK
        entry = log.get(args.draw_id)
        emit({**entry, **_after(service, entry, args)})
        return EXIT_OK
    except (draws.DrawError, Unusable, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()


def cmd_conflict(args: argparse.Namespace) -> int:
    from wenshu import draws

    action = getattr(args, "conflict_command", None)
    if action is None:
        raise CliError("请指定操作：add 或 list。")
    service, log = _open()
    try:
        if action == "add":
            emit({"ok": True, **log.add_conflict(args.cert_no, args.target, args.reason)})
        else:
            emit({"conflicts": log.conflict_rows()})
        return EXIT_OK
    except draws.DrawError as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()
