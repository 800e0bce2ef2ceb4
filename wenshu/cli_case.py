"""``wenshu case …`` and ``wenshu agenda`` (DOMAIN.md §10): the app's case operations for scripts, legal
staff and tests, over the same case service (``wenshu.service``) as the desktop.

Exit codes: 0 done; 1 a rule refused (findings on stdout, nothing changed); 2 unusable input (a Chinese
message on stderr, nothing changed).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from wenshu.cli import EXIT_FINDINGS, EXIT_OK, CliError, emit


def add_parsers(sub, parser_class) -> None:
    """The ``case`` and ``agenda`` commands on the main parser."""
    s = sub.add_parser("case", help="案件：新建、查看、起草、检查、生成、作废、导入导出")
    c = s.add_subparsers(dest="case_command", parser_class=parser_class, metavar="操作")
    n = c.add_parser("new", help="新建案件（FILE：{\"title\", \"party\", \"officers\", \"facts\"}）")
    n.add_argument("file", nargs="?", help="新案件 JSON（用 --party 时可省略）")
    n.add_argument("--party", default=None, help="从企业库选取当事人：统一社会信用代码、身份证号或名称")
    n = c.add_parser("list", help="列出案件（新案在前）")
    n.add_argument("--search", default="", help="按当事人、案号、日期搜索")
    n = c.add_parser("show", help="查看案件：文书及状态、下一步、期限、重大执法决定")
    n.add_argument("case")
    n = c.add_parser("add", help="在案件中新起草一份文书（自动带入案件已知内容）")
    n.add_argument("case")
    n.add_argument("kind")
    n.add_argument("file", nargs="?", help="文书内容 JSON（覆盖带入的内容）")
    n = c.add_parser("fill", help="以 FILE 的内容替换草稿（保存为新版本）")
    n.add_argument("document")
    n.add_argument("file")
    n = c.add_parser("check", help="检查文书（与程序界面显示的结果相同）")
    n.add_argument("document")
    n = c.add_parser("generate", help="生成正式文书：检查、取号、写文件、记录生成版本")
    n.add_argument("document")
    n.add_argument("--reason", default=None, help="更正原因（已生成的文书修改后再生成时必填）")
    n.add_argument("-o", "--output", default=None, help="输出文件夹（默认：文档/执法文书/案件名称，可在设置中更改）")
    n.add_argument("--fonts", default=None, help="字体方案：auto、official、windows、linux")
    n = c.add_parser("restore", help="以早前的某一版本作为文书的当前内容（另存为新版本）")
    n.add_argument("document")
    n.add_argument("version", type=int, help="要恢复的版本号")
    n = c.add_parser("withdraw", help="作废一份文书（保留全部记录）")
    n.add_argument("document")
    n.add_argument("--reason", default=None, help="作废原因")
    n = c.add_parser("export", help="导出案件（含全部版本、文号与生成记录）")
    n.add_argument("case")
    n.add_argument("-o", "--output", required=True, help="输出 .json 文件")
    n = c.add_parser("import", help="导入案件文件")
    n.add_argument("files", nargs="+")
    n.add_argument("--copy", action="store_true", help="作为新案件的副本导入（新编号，不含文号与生成记录）")

    n = c.add_parser("archive", help="归档：案卷首页、卷内目录、整卷 PDF（带书签）、全部文书、案件数据与清单")
    n.add_argument("case")
    n.add_argument("-o", "--output", required=True, help="存放案卷的文件夹")

    # 案卷评查 (002 第八条; 004 第十二条) and dates entered by hand (复议、诉讼、公示撤除 …)
    n = c.add_parser("review", help="案卷评查：按八项评查标准逐项核对并评分；或评查某年度结案的全部案卷")
    n.add_argument("case", nargs="?", default=None, help="案件（与 --year 二选一）")
    n.add_argument("--year", default=None, help="评查该年度结案的全部案卷")
    n.add_argument("--scores", default=None, help="人工评分 JSON：{\"facts.1\": {\"score\": 6, \"note\": \"…\"}}")
    n.add_argument("-o", "--output", default=None, help="评查表（.docx），或年度汇总表（.xlsx）")
    n.add_argument("--today", default=None, help="以该日为评查日期（YYYY-MM-DD）")
    n = c.add_parser("event", help="记录案件的一个日期：被申请行政复议、被提起行政诉讼、公示信息撤除等")
    n.add_argument("case")
    n.add_argument("event", help="事项，如 reconsideration_filed（被申请行政复议）、lawsuit_filed（被提起行政诉讼）、"
                                 "publication_taken_down（公示信息撤除）")
    n.add_argument("date", help="日期（YYYY-MM-DD）")
    n.add_argument("--note", default="", help="备注")

    s = sub.add_parser("agenda", help="今日待办：各案件已逾期和即将到期的期限")
    s.add_argument("--today", default=None, help="以该日为今日（YYYY-MM-DD），默认今天")
    s.add_argument("--days", type=int, default=None, help="即将到期的范围（工作日），默认 3")


def _hand_events() -> dict[str, str]:
    """The dates a clerk may record by hand (``rulebook.CASE_EVENTS`` and ``RECORDED_EVENTS``), with their titles."""
    from validators.rulebook import CASE_EVENTS, RECORDED_EVENTS

    out = {key: title for key, (title, _rules) in CASE_EVENTS.items()}
    out.update({k: v for k, v in RECORDED_EVENTS.items() if k != "statistics_year_end"})
    return out


def open_service():
    from wenshu.service import CaseService
    from wenshu.store import StoreError

    try:
        return CaseService()
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _read(path: str) -> Any:
    from wenshu.jsonio import InputError, read_json_file

    try:
        return read_json_file(path)
    except InputError as exc:
        raise CliError(str(exc)) from None


def _findings_out(findings: list[dict], **extra: Any) -> int:
    from validators.findings import has_errors

    ok = not has_errors(findings)
    emit({"ok": ok, "findings": findings, **extra})
    return EXIT_OK if ok else EXIT_FINDINGS


def cmd_case(args: argparse.Namespace) -> int:
    from wenshu.service import Refused, Unusable
    from wenshu.store import StoreError

    action = getattr(args, "case_command", None)
    if action is None:
        raise CliError("请指定操作，如 wenshu case list。运行 wenshu case --help 查看用法。")
    service = open_service()
    try:
        return _ACTIONS[action](service, args)
    except Refused as exc:
        emit({"ok": False, "error": str(exc), "findings": exc.findings})
        return EXIT_FINDINGS
    except (Unusable, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        service.close()


def _new(service, args) -> int:
    if not args.file and not args.party:
        raise CliError("请给出新案件的 JSON 文件，或用 --party 从企业库选取当事人。")
    data = _read(args.file) if args.file else {}
    if args.party:  # issue 15: the party comes from the directory (企业库)
        from wenshu.parties import PartyError, case_data_with_party

        try:
            data = case_data_with_party(service, data, args.party)
        except PartyError as exc:
            raise CliError(str(exc)) from None
    emit({"case_id": service.new_case(data)})
    return EXIT_OK


def _list(service, args) -> int:
    emit(service.list_cases(args.search))
    return EXIT_OK


def _show(service, args) -> int:
    emit(service.show(args.case))
    return EXIT_OK


def _add(service, args) -> int:
    answers = _read(args.file) if args.file else None
    if args.file and not isinstance(answers, dict):
        raise CliError(f"文件“{args.file}”的内容应为一个 JSON 对象（以 {{ 开头），未新建文书。")
    case_id = service.case_id(args.case)
    emit({"document_id": service.add_document(case_id, args.kind, answers)})
    return EXIT_OK


def _fill(service, args) -> int:
    answers = _read(args.file)
    saved = service.save(args.document, answers)
    emit({"document_id": saved["document_id"], "version": saved["version"], "state": saved["state"]})
    return EXIT_OK


def _check(service, args) -> int:
    return _findings_out(service.check(args.document))


def _generate(service, args) -> int:
    if args.output and Path(args.output).suffix.lower() == ".docx":
        raise CliError(f"-o 应为输出文件夹，而不是文件（{args.output}）：文件名由文书种类、文号与版本确定。")
    result = service.generate(args.document, reason=args.reason, out_dir=args.output, font_profile=args.fonts)
    emit({"ok": True, **result})
    return EXIT_OK


def _withdraw(service, args) -> int:
    emit(service.withdraw(args.document, args.reason))
    return EXIT_OK


def _restore(service, args) -> int:
    emit(service.restore(args.document, args.version))
    return EXIT_OK


def _export(service, args) -> int:
    out = Path(args.output)
    if out.suffix.lower() != ".json":
        raise CliError(f"输出文件“{out}”应以 .json 结尾。")
    emit({"case_id": service.case_id(args.case), "path": service.export_case(args.case, out)})
    return EXIT_OK


def _import(service, args) -> int:
    import sys

    result = service.import_cases(args.files, as_copy=args.copy)
    emit(result)
    for refused in result["refused"]:
        sys.stderr.write(refused["message"] + "\n")
    return EXIT_OK if not result["refused"] else 2


def _archive(service, args) -> int:
    from wenshu.pdf import PdfError

    try:
        result = service.archive(args.case, args.output)
    except PdfError as exc:
        raise CliError(str(exc)) from None
    emit({"ok": True, **result})
    return EXIT_OK


def _review(service, args) -> int:
    from wenshu.review import ReviewError, review_case, review_year, write_review_sheet, write_year_summary

    today = _date_arg(args.today) if args.today else None
    if (args.case is None) == (args.year is None):
        raise CliError("请指定一个案件，或用 --year 指定年度（二者选一）。")
    try:
        if args.year is not None:
            result = review_year(service, args.year, today)
            if args.output:
                result["output"] = write_year_summary(result, args.output)
        else:
            scores = _read(args.scores) if args.scores else None
            if scores is not None and not isinstance(scores, dict):
                raise CliError(f"评分文件“{args.scores}”的内容应为一个 JSON 对象。")
            result = review_case(service, args.case, today, scores)
            if args.output:
                result["output"] = write_review_sheet(service, result, args.output)
    except ReviewError as exc:
        raise CliError(str(exc)) from None
    emit(result)
    return EXIT_OK


def _event(service, args) -> int:
    events = _hand_events()
    if args.event not in events:
        raise CliError(f"没有“{args.event}”这一事项。可记录的事项：" + "、".join(f"{k}（{t}）" for k, t in events.items()))
    day = _date_arg(args.date)
    service.add_event(args.case, args.event, day.isoformat(), args.note)
    emit({"case_id": service.case_id(args.case), "event": args.event, "title": events[args.event],
          "date": day.isoformat()})
    return EXIT_OK


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"日期“{text}”格式不正确，应为 YYYY-MM-DD，如 2026-12-01。") from None


_ACTIONS = {"review": _review, "event": _event, "archive": _archive, "new": _new, "list": _list, "show": _show, "add": _add, "fill": _fill, "check": _check,
            "generate": _generate, "withdraw": _withdraw, "restore": _restore, "export": _export, "import": _import}


def cmd_agenda(args: argparse.Namespace) -> int:
    from wenshu.agenda import AGENDA_WORKING_DAYS

    today = date.today()
    if args.today:
        try:
            today = date.fromisoformat(args.today)
        except ValueError:
            raise CliError(f"日期“{args.today}”格式不正确，应为 YYYY-MM-DD，如 2026-12-01。") from None
    days = AGENDA_WORKING_DAYS if args.days is None else args.days
    if days < 0:
        raise CliError("--days 不能为负数。")
    service = open_service()
    try:  # the app's own agenda (CaseService.agenda): one query over every case, cached dates
        items = service.agenda(today, days)
        out = [{**i.to_json(), "title": i.case_title, "deadline": i.title} for i in items]
        from wenshu import office  # office mode (issue 16): reviews waiting for me, conclusions on my cases

        try:
            out += [{"case_id": r["case_id"], "title": r["title"], "rule": r["kind"], "deadline": r["what"],
                     "due": r["due"], "status": r["status"], "conclusion": r["conclusion"],
                     "review_id": r["review_id"]} for r in office.my_items(service, today)]
        except office.OfficeActionError as exc:
            raise CliError(str(exc)) from None
        emit(out)
    finally:
        service.close()
    return EXIT_OK
