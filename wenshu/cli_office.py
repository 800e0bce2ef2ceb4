"""``wenshu db …`` (setting up the office database) and ``wenshu review …`` (法制审核 and 负责人审批 between
people), DOMAIN.md §13. The database is ``WENSHU_DATABASE`` (or 设置 → 数据库); the password comes from
the keyring, or libpq's ``PGPASSWORD`` / ``pgpass``. Output UTF-8 JSON; exit 0 done, 1 refused by the
database (its Chinese reason), 2 unusable input or no server."""

from __future__ import annotations

import argparse
from datetime import date

from wenshu.cli import EXIT_FINDINGS, EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("db", help="单位数据库（办公室模式）：建立、用户、从单机迁移")
    dsub = s.add_subparsers(dest="db_command", parser_class=parser_class, metavar="操作")
    d = dsub.add_parser("init", help="建立数据库结构、四种角色和第一位管理员（须数据库所有者账号）")
    d.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    d.add_argument("--name", default="", help="管理员姓名（显示用）")
    d.add_argument("--password", default=None, help="管理员密码（不填则生成并显示一次）")
    d = dsub.add_parser("user", help="用户：add 添加（或改角色、重设密码）、list 列出")
    d.add_argument("action", choices=["add", "list"])
    d.add_argument("login", nargs="?", help="用户名（数据库账号）")
    d.add_argument("--role", default=None, help="角色：承办人、法制审核、负责人、管理员")
    d.add_argument("--name", default="", help="姓名（“正由某某编辑”等处显示）")
    d.add_argument("--password", default=None, help="密码（不填则生成并显示一次）")
    d = dsub.add_parser("migrate", help="把一台电脑的单机数据（数据文件夹或 wenshu.sqlite3）迁入单位数据库")
    d.add_argument("source", help="数据文件夹或 wenshu.sqlite3")
    d.add_argument("--handler", default=None, help="迁入案件的承办人（用户名；默认当前账号）")
    dsub.add_parser("status", help="当前连接：服务器、账号、角色")

    s = sub.add_parser("review", help="法制审核与负责人审批：提交、审核队列、记录结论")
    rsub = s.add_subparsers(dest="review_command", parser_class=parser_class, metavar="操作")
    r = rsub.add_parser("submit", help="承办人提交法制审核（或 --approval 提请负责人审批）")
    r.add_argument("case", help="案件编号")
    r.add_argument("--approval", action="store_true", help="提请负责人审批（而不是法制审核）")
    r.add_argument("--subject", default="", help="事项，如“拟作出罚款五万元的行政处罚决定”")
    r.add_argument("--today", default=None, help="提交日期 YYYY-MM-DD（默认今天），审核期限由此起算")
    r = rsub.add_parser("queue", help="审核队列：待审核的案件，按期限先后")
    r.add_argument("--approval", action="store_true", help="负责人审批队列")
    r.add_argument("--all", action="store_true", help="含已有结论的")
    r = rsub.add_parser("record", help="法制审核人员（负责人）记录结论")
    r.add_argument("review_id", type=int, help="审核事项编号（review queue 所列）")
    r.add_argument("--conclusion", required=True, help="结论：同意、不同意、补充材料、退回修改")
    r.add_argument("--opinion", default="", help="审核意见")
    r = rsub.add_parser("list", help="一个案件的审核、审批及其结论")
    r.add_argument("case", help="案件编号")
    r = rsub.add_parser("agenda", help="我的待办：待我审核的案件，或我承办案件的审核结论")
    r.add_argument("--today", default=None)


def _url() -> str:
    from wenshu.pg import database_url

    url = database_url()
    if not url:
        raise CliError("未设置单位数据库：请设置环境变量 WENSHU_DATABASE=postgresql://用户名@服务器:端口/数据库，"
                       "或在“设置 → 数据库”中填写。")
    return url


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"日期“{text}”格式有误，应为 YYYY-MM-DD，如 2026-11-20。") from None


def _refused(exc: Exception) -> int:
    """A refusal by the database (exit 1) or no server / unusable (exit 2), in Chinese."""
    from wenshu.cli import _fail

    offline = getattr(exc, "offline", False)
    state = getattr(exc, "sqlstate", "") or getattr(getattr(exc, "office", None), "sqlstate", "")
    if offline or not state or state.startswith("08") or state in {"28P01", "28000", "3D000"}:
        return _fail(str(exc), 2)
    return _fail(str(exc), EXIT_FINDINGS)


def cmd_db(args: argparse.Namespace) -> int:
    from wenshu.pg import admin
    from wenshu.pg.errors import OfficeError
    from wenshu.pg.store import session_password
    from wenshu.store import StoreError

    action = getattr(args, "db_command", None)
    if action is None:
        raise CliError("请指定操作：init（建立）、user（用户）、migrate（迁移）或 status（连接状态）。")
    url = _url()
    try:
        if action == "init":
            emit(admin.init_database(url, args.admin, args.name, args.password, session_password()))
        elif action == "user":
            if args.action == "list":
                emit(admin.users(url, session_password()))
            else:
                if not args.login or not args.role:
                    raise CliError("请写明用户名和角色，如 wenshu db user add zhangsan --role 承办人 --name 张三。")
                emit(admin.add_user(url, args.login, args.role, args.name, args.password, session_password()))
        elif action == "migrate":
            emit(admin.migrate(url, args.source, args.handler, session_password()))
        else:
            from wenshu.pg.store import PgStore

            store = PgStore(url, session_password())
            try:
                role = store._query("SELECT ws_role()")[0][0]
                emit({"database": store.path, "user": store.login, "display_name": store.display_name(),
                      "role": role, "offline": store.offline})
            finally:
                store.close()
    except (OfficeError, StoreError) as exc:
        return _refused(exc)
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from wenshu.pg import workflow
    from wenshu.pg.errors import OfficeError
    from wenshu.service import CaseService, Unusable
    from wenshu.store import StoreError, open_store

    action = getattr(args, "review_command", None)
    if action is None:
        raise CliError("请指定操作：submit（提交）、queue（审核队列）、record（记录结论）、list 或 agenda。")
    _url()
    try:
        service = CaseService(open_store())
    except StoreError as exc:
        return _refused(exc)
    try:
        store = service.store
        if action == "submit":
            case_row = service._resolve("cases", args.case, "案件")
            kind = "approval" if args.approval else "legal_review"
            emit(workflow.submit(store, case_row, kind, args.subject, _day(args.today)))
        elif action == "queue":
            emit(workflow.queue(store, "approval" if args.approval else "legal_review", include_done=args.all))
        elif action == "record":
            emit(workflow.record(store, args.review_id, args.conclusion, args.opinion))
        elif action == "list":
            emit(workflow.reviews(store, service._resolve("cases", args.case, "案件")))
        else:
            emit(workflow.agenda_items(store, _day(args.today)))
    except (workflow.WorkflowError, Unusable) as exc:
        raise CliError(str(exc)) from None
    except (OfficeError, StoreError) as exc:
        return _refused(exc)
    finally:
        service.close()
    return EXIT_OK
