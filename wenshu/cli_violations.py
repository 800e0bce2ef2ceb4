"""``wenshu violations list`` / ``import FILE`` / ``discretion FILE`` / ``pick 文书 编号…`` (issue 13).

The violation library and the agency's 裁量基准: list as JSON, import from .csv/.xlsx (a bad file: every
bad row in Chinese, nothing imported, exit 2), pick violations into a document of a case (it fills 违法事实,
违反条款, 处罚依据, 处罚; later documents take them from the case).
"""

from __future__ import annotations

import argparse

from wenshu.cli import EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("violations", help="违法行为库：列出、导入（.csv/.xlsx）、导入裁量基准、在文书中选取")
    vsub = s.add_subparsers(dest="violations_command", parser_class=parser_class, metavar="操作")
    vsub.add_parser("list", help="列出违法行为库（内置与本机关）")
    n = vsub.add_parser("import", help="从 .csv 或 .xlsx 导入本机关的违法行为")
    n.add_argument("file", help="表格文件（列：编号、违法行为、违法事实、违反条款、处罚依据、当事人类别、处罚种类、罚款金额）")
    n = vsub.add_parser("discretion", help="从 .csv 或 .xlsx 导入裁量基准（替换原有的）")
    n.add_argument("file", help="表格文件（列：处罚依据、当事人类别、情形、关键词、罚款下限、罚款上限）")
    n = vsub.add_parser("leniency", help="从 .csv 或 .xlsx 导入不予处罚/从轻/减轻清单（替换原有的）")
    n.add_argument("file", help="表格文件（列：清单、序号、情形、关键词、处理）")
    n = vsub.add_parser("pick", help="在现场检查记录或告知书中选取违法行为（按编号，可多个）")
    n.add_argument("document", help="文书编号（前 8 位以上）")
    n.add_argument("ids", nargs="+", help="违法行为编号，如 AQ-002")


def cmd_violations(args: argparse.Namespace) -> int:
    from wenshu import violations

    action = getattr(args, "violations_command", None)
    try:
        if action == "list":
            emit({"violations": violations.library()})
            return EXIT_OK
        if action == "import":
            emit({"ok": True, **violations.import_library(args.file)})
            return EXIT_OK
        if action == "discretion":
            emit({"ok": True, **violations.import_discretion(args.file)})
            return EXIT_OK
        if action == "leniency":
            emit({"ok": True, **violations.import_leniency(args.file)})
            return EXIT_OK
    except violations.ImportRefused as exc:
        raise CliError(str(exc)) from None
    if action == "pick":
        from wenshu.cli_case import open_service
        from wenshu.service import Unusable
        from wenshu.store import StoreError

        service = open_service()
        try:
            emit(service.pick_violations(args.document, args.ids))
            return EXIT_OK
        except (Unusable, StoreError) as exc:
            raise CliError(str(exc)) from None
        finally:
            service.close()
    raise CliError("请指定操作：list、import、discretion、leniency 或 pick。运行 wenshu violations --help 查看用法。")
