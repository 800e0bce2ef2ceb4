"""``wenshu kinds | check-number | validate | render | sample`` (DOMAIN.md §9)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from templates.kinds import UnknownKind, all_kinds, get_kind
from validators.context import CheckContext
from validators.datetimes import parse_date
from validators.engine import validate
from validators.findings import has_errors
from wenshu.cli import EXIT_FINDINGS, EXIT_OK, CliError, emit
from wenshu.jsonio import InputError, read_json_object


def _kind(name: str):
    try:
        return get_kind(name)
    except UnknownKind as exc:
        raise CliError(str(exc)) from None


def _answers(path: str) -> dict:
    try:
        return read_json_object(path)
    except InputError as exc:
        raise CliError(str(exc)) from None


def check_context(kind_name: str) -> CheckContext:
    """The context the command line checks with: now, the saved roster and settings when present."""
    from wenshu.settings import load_context
    from wenshu.store import StoreError

    try:
        return load_context(kind_name)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def cmd_kinds(args: argparse.Namespace) -> int:
    emit([{"kind": k.name, "title": k.title, "code": k.code} for k in all_kinds()])
    return EXIT_OK


def cmd_check_number(args: argparse.Namespace) -> int:
    from validators.numbers import check_number

    on = None
    if args.date:
        on = parse_date(args.date)
        if on is None:
            raise CliError(f"日期“{args.date}”格式有误，应为 YYYY-MM-DD，如 2026-11-20。")
    result = check_number(args.text, on=on or datetime.now().date())
    emit(result)
    return EXIT_OK if result["valid"] else EXIT_FINDINGS


def cmd_validate(args: argparse.Namespace) -> int:
    kind = _kind(args.kind)
    answers = _answers(args.file)
    findings = validate(kind.schema, answers, check_context(kind.name))
    ok = not has_errors(findings)
    emit({"ok": ok, "findings": findings})
    return EXIT_OK if ok else EXIT_FINDINGS


def cmd_render(args: argparse.Namespace) -> int:
    from templates.render import RenderError, RenderRefused, render_document

    kind = _kind(args.kind)
    answers = _answers(args.file)
    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        raise CliError(f"输出文件“{out}”应以 .docx 结尾。")
    try:
        findings = render_document(kind, answers, out, context=check_context(kind.name), font_profile=args.fonts)
    except RenderRefused as exc:
        emit({"ok": False, "findings": exc.findings})
        return EXIT_FINDINGS
    except RenderError as exc:
        raise CliError(str(exc)) from None
    emit({"ok": True, "findings": findings, "output": str(out)})
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    emit(_kind(args.kind).sample())
    return EXIT_OK
