"""``wenshu party list|show|import|add|offers|apply|log`` (issue 15): the party directory (企业库).

Exit codes (DOMAIN.md §9): 0 done; 2 unusable input — a bad file or party, with every problem in Chinese
on stderr, nothing imported or changed.
"""

from __future__ import annotations

import argparse

from wenshu.cli import EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("party", help="企业库：单位和个人的名录（跨案件使用，按统一社会信用代码或身份证号区分）")
    p = s.add_subparsers(dest="party_command", parser_class=parser_class, metavar="操作")
    n = p.add_parser("list", help="列出企业库")
    n.add_argument("--search", default="", help="按名称、代码、地址、电话搜索")
    n = p.add_parser("show", help="查看一个当事人及使用它的未归档案件")
    n.add_argument("party", help="统一社会信用代码、身份证号或名称")
    n = p.add_parser("import", help="从 .xlsx 或 .csv 导入（有错行时逐行说明，不导入任何一行）")
    n.add_argument("file", help="表格（列：类别、名称、统一社会信用代码、居民身份证号码、法定代表人、职务、性别、地址、联系电话）")
    n = p.add_parser("add", help="从 JSON 文件添加或修改当事人（一个对象或一个列表）")
    n.add_argument("file")
    n = p.add_parser("offers", help="企业库中的信息与使用它的案件不一致之处（不作改动）")
    n.add_argument("party")
    n = p.add_parser("apply", help="把企业库中的当事人信息用于一个案件（经确认后）")
    n.add_argument("case", help="案件编号（前 8 位以上）")
    n.add_argument("party")
    n = p.add_parser("log", help="企业库的增改记录（只增不改）")
    n.add_argument("party", nargs="?")


def cmd_party(args: argparse.Namespace) -> int:
    from wenshu.cli_case import open_service
    from wenshu.parties import PartyError, apply_to_case, directory_of
    from wenshu.service import Unusable
    from wenshu.store import StoreError

    action = getattr(args, "party_command", None)
    if action is None:
        raise CliError("请指定操作：list、show、import、add、offers、apply 或 log。运行 wenshu party --help 查看用法。")
    service = open_service()
    try:
        directory = directory_of(service)
        if action == "list":
            emit({"parties": directory.list(args.search)})
        elif action == "show":
            entry = directory.find(args.party)
            cases = [{"case_id": c["uid"], "title": c["title"]} for c in directory.cases_using(entry["key"])]
            emit({**entry, "cases": cases, "offers": directory.offers(entry["key"])})
        elif action == "import":
            emit({"ok": True, **directory.import_file(args.file)})
        elif action == "add":
            from wenshu.jsonio import InputError, read_json_file

            try:
                data = read_json_file(args.file)
            except InputError as exc:
                raise CliError(str(exc)) from None
            if isinstance(data, list):
                emit({"ok": True, **directory.put_many(data)})
            else:
                emit({"ok": True, **directory.put(data)})
        elif action == "offers":
            emit({"offers": directory.offers(directory.find(args.party)["key"])})
        elif action == "apply":
            emit({"ok": True, **apply_to_case(service, args.case, directory, directory.find(args.party)["key"])})
        elif action == "log":
            key = directory.find(args.party)["key"] if args.party else None
            emit({"log": directory.log(key)})
        return EXIT_OK
    except (PartyError, Unusable, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()
