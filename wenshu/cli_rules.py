"""``wenshu deadline | major-decision | holidays`` (DOMAIN.md §5, §9; issue 5)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from templates.render import RenderError
from validators.datetimes import parse_date
from validators.deadlines import CalendarNotCovered, HolidayTableError, UnknownRule, due_date, period
from validators.major import UnknownRuleSet, assess
from wenshu.cli import EXIT_OK, CliError, emit
from wenshu.jsonio import InputError, read_json_object


def cmd_deadline(args: argparse.Namespace) -> int:
    """``{"rule", "start", "due", "working_days", "title", "source"}``; exit 2 when it cannot be known."""
    from wenshu.holidays import load_calendar, period_amounts

    try:
        p = period(args.rule)
    except UnknownRule as exc:
        raise CliError(str(exc)) from None
    start = parse_date(args.date)
    if start is None:
        raise CliError(f"起算日期“{args.date}”格式有误，应为 YYYY-MM-DD，如 2026-11-20。")
    try:
        amount = period_amounts().get(p.rule)
        due = due_date(p.rule, start, load_calendar(), amount)
    except CalendarNotCovered as exc:
        raise CliError(str(exc)) from None
    emit({"rule": p.rule, "start": start.isoformat(), "due": due.isoformat(),
          "working_days": p.unit == "working_days", "title": p.title, "source": p.source,
          "amount": p.amount if amount is None else amount, "unit": p.unit})
    return EXIT_OK


def _check_shape(answers: Mapping) -> None:
    obj = answers.get("object")
    if not isinstance(obj, Mapping) or obj.get("type") not in ("person", "organization"):
        raise CliError("文书内容缺少当事人类型：“object.type”应为 person（公民）或 organization（法人或者其他组织）。")
    if not isinstance(answers.get("penalties"), list):
        raise CliError("文书内容缺少处罚种类：“penalties”应为列表，如 [{\"kind\": \"fine\", \"amount\": 50000}]。")


def cmd_major_decision(args: argparse.Namespace) -> int:
    """``{"major", "reasons", "rule_set", "hearing_required", "simple_procedure_allowed", …}``."""
    try:
        answers = read_json_object(args.file)
    except InputError as exc:
        raise CliError(str(exc)) from None
    _check_shape(answers)
    name = args.rule_set
    if not name:
        from wenshu.settings import load_settings

        name = load_settings().get("rule_set")
    try:
        result = assess(answers, name)
    except UnknownRuleSet as exc:
        raise CliError(str(exc)) from None
    if result.problems:
        raise CliError("无法判断是否属于重大执法决定：" + "；".join(p["message"] for p in result.problems))
    emit({"major": result.major, "reasons": result.reasons, "rule_set": result.rule_set,
          "hearing_required": result.hearing_required, "hearing_reasons": result.hearing_reasons,
          "simple_procedure_allowed": result.simple_procedure_allowed})
    return EXIT_OK


def cmd_holidays(args: argparse.Namespace) -> int:
    """``status``: covered years (package and imported); ``import FILE``: check and store a table."""
    from wenshu import holidays

    if args.action == "status":
        emit(holidays.status())
        return EXIT_OK
    if not args.file:
        raise CliError("请指定要导入的节假日表文件：wenshu holidays import 文件.json")
    try:
        table = holidays.import_table(args.file)
    except (InputError, HolidayTableError, RenderError) as exc:
        raise CliError(f"节假日表未导入：{exc}") from None
    emit({"ok": True, "year": table.year, "source": table.source, "holidays": len(table.holidays),
          "workdays": len(table.workdays), "covered_years": holidays.status()["covered_years"]})
    return EXIT_OK
