"""``wenshu number next | void | list | import`` — the document-number registry from the command line.

``number import FILE…`` reads CSV registers and issued .docx files (formats: ``wenshu.registry.importing``).

All files of one command are imported together or not at all; later numbers continue after the
highest imported one of each sequence, and gaps stay visible in ``number list``.
"""

from __future__ import annotations

import argparse
from datetime import date

from validators.numbers import normalize_prefix, parse_number
from wenshu.cli import EXIT_OK, CliError, emit
from wenshu.registry import RegistryError, open_store
from wenshu.registry.importing import read_import_files


def _prefix(text: str) -> str:
    prefix = normalize_prefix(text)
    if prefix is None:
        raise CliError(f"文号前缀“{text}”无效：应为“（地区简称）代字”或机关代字，如“（晋忻神）应急罚”“神应急字”，"
                       "不含年份和序号，地区简称不能为空。")
    return prefix


def _year(year: int | None) -> int:
    if year is None:
        return date.today().year
    if not 1949 <= year <= 9999:
        raise CliError(f"年份“{year}”无效，应为4位数字，如 --year 2026。")
    return year


def cmd_number(args: argparse.Namespace) -> int:
    action = getattr(args, "number_command", None)
    if action is None:
        raise CliError("请指定操作：next（取号）、void（作废）、list（列表）或 import（导入）。")
    try:
        return {"next": _next, "void": _void, "list": _list, "import": _import}[action](args)
    except RegistryError as exc:
        raise CliError(str(exc)) from None


def _next(args: argparse.Namespace) -> int:
    prefix, year = _prefix(args.prefix), _year(args.year)
    store = open_store()
    if args.document:  # a document keeps its number: asking again for it gives the same one
        rec = store.number_for_document(prefix, year, args.case, args.document)
        rec = store.confirm(rec.number)
    else:
        rec = store.allocate(prefix, year, case_id=args.case)
    emit({"number": rec.number, "seq": rec.seq})
    return EXIT_OK


def _void(args: argparse.Namespace) -> int:
    if not (args.reason or "").strip():
        raise CliError("请用 --reason 写明作废原因，如 --reason 文书填写错误重新制作。")
    if parse_number(args.number) is None:
        raise CliError(f"无法识别文号“{args.number}”，应如“（晋忻神）应急罚〔2026〕12号”。")
    rec = open_store().void(args.number, args.reason)
    emit({"number": rec.number, "state": rec.state, "reason": rec.void_reason, "voided_at": rec.voided_at})
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    prefix = _prefix(args.prefix)
    store = open_store()
    years = [args.year] if args.year is not None else [y for p, y in store.sequences() if p == prefix]
    if args.year is not None:
        _year(args.year)
    emit({"prefix": prefix, "sequences": [store.report(prefix, y).to_json() for y in years]})
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    rows, not_found = read_import_files(args.files)  # RegistryError → Chinese message, exit 2 (cmd_number)
    if not rows:
        raise CliError("所给文件中没有找到任何文号，未导入。")
    store = open_store()
    result = store.import_existing(rows)
    touched = sorted({(r.prefix, r.year) for r in result.imported})
    emit({**result.to_json(), "not_found": not_found,
          "sequences": [{"prefix": p, "year": y, "next_seq": store.report(p, y).next_seq} for p, y in touched]})
    return EXIT_OK
