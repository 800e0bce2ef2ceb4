"""The ``wenshu`` command line (DOMAIN.md §9): a public interface for scripts, legal staff and tests.

No arguments starts the desktop app. Every command prints UTF-8 JSON on stdout; unusable input exits 2
with a Chinese message (also on stderr) and never a traceback. Handlers live in small modules and are
imported only when their command runs, so ``wenshu kinds`` does not load Qt.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import re
import sys
from typing import Any, NoReturn

log = logging.getLogger("wenshu")

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class CliError(Exception):
    """Unusable input for a command: message (Chinese) and exit code (2)."""

    def __init__(self, message: str, code: int = EXIT_UNUSABLE):
        super().__init__(message)
        self.code = code


def emit(obj: Any) -> None:
    """Print one JSON value on stdout (UTF-8, Chinese unescaped)."""
    text = json.dumps(obj, ensure_ascii=False)  # the C encoder; indented below when small enough to read
    if len(text) < 200_000:
        text = json.dumps(obj, ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


#: argparse's own (English) messages and their Chinese wording; argument names stay as typed on the line.
_ARGPARSE_CN = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少参数 {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数 {0}"),
    (re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)"), "参数 {0} 不能为“{1}”，可选：{2}"),
    (re.compile(r"argument (\S+): invalid \w+ value: '?(.*?)'?$"), "参数 {0} 的值“{1}”格式不正确"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面缺少取值"),
)


def _argparse_cn(message: str) -> str:
    for pattern, chinese in _ARGPARSE_CN:
        m = pattern.fullmatch(message.strip())
        if m:
            return chinese.format(*(g.replace("'", "") for g in m.groups()))
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own English error → Chinese, exit 2
        raise CliError(f"命令参数有误：{_argparse_cn(message)}。运行 wenshu --help 查看用法。")


# command name → "module:function"; each function takes the parsed args and returns the exit code.
HANDLERS = {
    "kinds": "wenshu.cli_documents:cmd_kinds",
    "check-number": "wenshu.cli_documents:cmd_check_number",
    "validate": "wenshu.cli_documents:cmd_validate",
    "render": "wenshu.cli_documents:cmd_render",
    "sample": "wenshu.cli_documents:cmd_sample",
    "deadline": "wenshu.cli_rules:cmd_deadline",
    "major-decision": "wenshu.cli_rules:cmd_major_decision",
    "holidays": "wenshu.cli_rules:cmd_holidays",
    "number": "wenshu.cli_numbers:cmd_number",
    "case": "wenshu.cli_case:cmd_case",
    "agenda": "wenshu.cli_case:cmd_agenda",
    "verify": "wenshu.cli_integrity:cmd_verify",
    "store": "wenshu.cli_integrity:cmd_store",
    "law": "wenshu.cli_law:cmd_law",
    "violations": "wenshu.cli_violations:cmd_violations",
    "stats": "wenshu.cli_stats:cmd_stats",
    "publication": "wenshu.cli_stats:cmd_publication",
    "gui": "desktop.app:cmd_gui",
    # issue 15: the party directory (企业库) and 双随机 draws
    "party": "wenshu.cli_parties:cmd_party",
    "draw": "wenshu.cli_draw:cmd_draw",
    "draws": "wenshu.cli_draw:cmd_draws",
    "conflict": "wenshu.cli_draw:cmd_conflict",
    # --- issue 19: templates and the agency profile ---
    "template": "wenshu.cli_profile:cmd_template",
    "profile": "wenshu.cli_profile:cmd_profile",
    # office mode (issue 16)
    "db": "wenshu.cli_office:cmd_db",
    "review": "wenshu.cli_office:cmd_review",
}


def _no_catalogue(message: str) -> str:
    return message


def build_parser() -> argparse.ArgumentParser:
    # argparse asks gettext for a catalogue at each of its ~240 words (a search of the locale folders each
    # time: 0.06 s of every command's start); it ships none, and its English is worded in Chinese below
    argparse._ = _no_catalogue
    argparse.ngettext = lambda singular, plural, n: singular if n == 1 else plural
    p = _Parser(prog="wenshu", description="执法文书助手：起草、校验、生成行政执法文书。不带参数运行时打开图形界面。")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="命令")

    sub.add_parser("kinds", help="列出全部文书种类")

    s = sub.add_parser("check-number", help="检查文书编号（文号）格式")
    s.add_argument("text", help="文号，如 鄂能局发〔2020〕209号")
    s.add_argument("--date", help="文书日期 YYYY-MM-DD（检查年份是否晚于文书日期），默认今天")

    s = sub.add_parser("validate", help="检查一份文书的内容")
    s.add_argument("kind", help="文书种类，如 inspection_record")
    s.add_argument("file", help="文书内容 JSON 文件")

    s = sub.add_parser("render", help="生成 .docx 文书（有错误时不生成）")
    s.add_argument("kind")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True, help="输出 .docx 文件路径")
    s.add_argument("--fonts", default=None, help="字体方案：auto、official、windows、linux")

    s = sub.add_parser("sample", help="输出某种文书的示例内容（JSON）")
    s.add_argument("kind")

    s = sub.add_parser("deadline", help="计算法定期限")
    s.add_argument("rule", help="期限规则，如 hearing_request、payment")
    s.add_argument("date", help="起算日期 YYYY-MM-DD（当日不计入）")

    s = sub.add_parser("major-decision", help="判断处罚决定是否属于重大执法决定")
    s.add_argument("file", help="行政处罚决定书内容 JSON 文件")
    s.add_argument("--rule-set", default=None, help="规则集名称")

    s = sub.add_parser("holidays", help="节假日数据：查看覆盖年份或导入官方节假日表")
    s.add_argument("action", choices=["status", "import"], help="status 查看；import 导入")
    s.add_argument("file", nargs="?", help="节假日表文件（import 时）")

    s = sub.add_parser("number", help="文号登记簿：取号、作废、列表、导入")
    nsub = s.add_subparsers(dest="number_command", parser_class=_Parser, metavar="操作")
    n = nsub.add_parser("next", help="按代字与年份取下一个文号")
    n.add_argument("prefix", help="文号前缀（机关代字/文种代字），如 （晋忻神）应急罚")
    n.add_argument("--year", type=int, default=None)
    n.add_argument("--case", default=None, help="案件编号（可选）")
    n.add_argument("--document", default=None, help="文书标识（可选）")
    n = nsub.add_parser("void", help="作废一个文号")
    n.add_argument("number")
    n.add_argument("--reason", required=True)
    n = nsub.add_parser("list", help="列出文号、作废与断号")
    n.add_argument("prefix")
    n.add_argument("--year", type=int, default=None)
    n = nsub.add_parser("import", help="从 CSV 或已发 .docx 导入已有文号")
    n.add_argument("files", nargs="+")

    from wenshu import cli_case, cli_integrity, cli_law, cli_stats, cli_violations

    cli_case.add_parsers(sub, _Parser)
    cli_integrity.add_parsers(sub, _Parser)
    cli_law.add_parsers(sub, _Parser)
    cli_violations.add_parsers(sub, _Parser)
    cli_stats.add_parsers(sub, _Parser)

    from wenshu import cli_draw, cli_parties  # issue 15

    cli_parties.add_parsers(sub, _Parser)
    cli_draw.add_parsers(sub, _Parser)

    from wenshu import cli_profile  # issue 19: template lint, agency profile

    cli_profile.add_parsers(sub, _Parser)

    from wenshu import cli_office  # office mode (issue 16): wenshu db …, wenshu review …

    cli_office.add_parsers(sub, _Parser)

    s = sub.add_parser("gui", help="打开图形界面")
    s.add_argument("--screenshot", default=None, help="打开主窗口、保存截图后退出")
    return p


def _handler(command: str):
    module_name, func_name = HANDLERS[command].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only a build without the command's module (or without Qt, for the GUI) lacks the command;
        # any other import failure is a defect and must not hide behind this message.
        if exc.name and (exc.name == module_name or exc.name.split(".")[0] in {"PySide6", "shiboken6"}):
            log.debug("handler import failed", exc_info=True)
            raise CliError(f"本版本尚未提供“{command}”功能。") from exc
        raise
    return getattr(module, func_name)


def _fail(message: str, code: int) -> int:
    emit({"ok": False, "error": message,
          "findings": [{"path": "", "code": "input.unusable", "severity": "error", "message": message}]})
    sys.stderr.write(message + "\n")
    return code


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        if not argv:
            return _handler("gui")(argparse.Namespace(screenshot=None))
        if argv[0] in {"-h", "--help"}:
            build_parser().print_help()
            return EXIT_OK
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise CliError("请指定命令。运行 wenshu --help 查看用法。")
        return _handler(args.command)(args)
    except CliError as exc:
        return _fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (``wenshu kinds | head``): nothing more to say
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # the last line of defence: a message, never a traceback
        log.debug("unexpected", exc_info=True)
        return _fail(f"发生内部错误，操作未完成：{type(exc).__name__}。请将输入文件提供给维护人员。", EXIT_UNUSABLE)


if __name__ == "__main__":
    sys.exit(main())
