"""``wenshu template lint`` and ``wenshu profile show|export|import|template`` (issue 19).

Exit codes as DOMAIN.md §9: 0 done (a template with warnings only lints 0), 1 the rules do not allow it
(lint errors; a profile whose template has lint errors), 2 unusable input (no such file, not a .docx,
unknown kind, a profile from a newer version or with unknown keys).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from templates.kinds import UnknownKind, all_kinds, get_kind
from validators.findings import has_errors
from wenshu.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, CliError, emit


def add_parsers(sub, parser_class) -> None:
    s = sub.add_parser("template", help="文书模板：检查模板（Word/WPS 修改后）")
    tsub = s.add_subparsers(dest="template_command", parser_class=parser_class, metavar="操作")
    n = tsub.add_parser("lint", help="检查一个模板文件，或（--all）本机使用的全部模板")
    n.add_argument("file", nargs="?", help="模板文件 .docx")
    n.add_argument("--kind", default=None, help="文书种类，如 penalty_decision")
    n.add_argument("--all", action="store_true", help="检查本机使用的全部模板（内置模板与本机关的模板）")

    s = sub.add_parser("profile", help="机关配置：查看、导出、导入，设置本机关的模板")
    psub = s.add_subparsers(dest="profile_command", parser_class=parser_class, metavar="操作")
    psub.add_parser("show", help="显示当前机关配置")
    n = psub.add_parser("export", help="导出机关配置（含本机关的模板）到一个文件")
    n.add_argument("file")
    n = psub.add_parser("import", help="从文件导入机关配置（检查无误后整体采用）")
    n.add_argument("file")
    n = psub.add_parser("template", help="采用本机关的模板（模板检查无错误时）或恢复内置模板")
    n.add_argument("kind")
    n.add_argument("file", nargs="?", help="模板文件 .docx；不给出时恢复内置模板")


def _kind(name: str | None):
    if not name:
        raise CliError("请用 --kind 指定文书种类（wenshu kinds 查看全部种类）。")
    try:
        return get_kind(name)
    except UnknownKind as exc:
        raise CliError(str(exc)) from None


def _unreadable(findings: list[dict]) -> bool:
    return any(f["code"] == "template.unreadable" for f in findings)


def cmd_template(args: argparse.Namespace) -> int:
    from templates.lint import lint_bytes, lint_kind

    if args.template_command != "lint":
        raise CliError("请指定操作：wenshu template lint 文件.docx --kind 种类。")
    if args.all:
        from wenshu.settings import load_settings

        files = load_settings().get("template_files") or {}
        results = []
        for kind in all_kinds():
            results.append({"kind": kind.name, "title": kind.title, "template": "内置模板",
                            "findings": lint_kind(kind)})
            if kind.name in files:
                path = Path(files[kind.name])
                try:
                    report = lint_bytes(path.read_bytes(), kind)
                except OSError:
                    report = [{"path": "", "code": "template.unreadable", "severity": "error",
                               "message": f"本机关的模板文件“{path.name}”无法读取。"}]
                results.append({"kind": kind.name, "title": kind.title, "template": str(path), "findings": report})
        for r in results:
            r["ok"] = not has_errors(r["findings"])
        ok = all(r["ok"] for r in results)
        emit({"ok": ok, "templates": results})
        return EXIT_OK if ok else EXIT_FINDINGS
    if not args.file:
        raise CliError("请给出要检查的模板文件，或用 --all 检查全部模板。")
    kind = _kind(args.kind)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"找不到文件“{path}”，请检查路径。") from None
    except OSError as exc:
        raise CliError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    findings = lint_bytes(data, kind)
    ok = not has_errors(findings)
    emit({"ok": ok, "kind": kind.name, "template": str(path), "findings": findings})
    if _unreadable(findings):
        return EXIT_UNUSABLE
    return EXIT_OK if ok else EXIT_FINDINGS


def _profile_error(exc) -> int:
    if exc.findings:
        emit({"ok": False, "error": str(exc), "findings": exc.findings})
        return EXIT_FINDINGS
    raise CliError(str(exc)) from None


def cmd_profile(args: argparse.Namespace) -> int:
    from wenshu import profile

    command = args.profile_command
    try:
        if command == "show":
            doc = profile.current_profile()
            doc["rule_set_title"] = profile.rule_set_choices().get(doc["rule_set"], "")
            from templates.font_catalog import missing_logical
            from templates.fonts import LOGICAL_BY_LABEL, font_map

            used = font_map(doc["font_profile"], doc["fonts"])
            doc["fonts_in_use"] = {label: used[LOGICAL_BY_LABEL[label]] for label in profile.LOGICAL_FONT_LABELS}
            doc["font_warnings"] = [f"本机没有安装能印简体中文的{label}字体，文书中的{label}以“{doc['fonts_in_use'][label]}”打印。"
                                    for label in missing_logical()]
            emit(doc)
            return EXIT_OK
        if command == "export":
            emit({"ok": True, **profile.export_profile(args.file)})
            return EXIT_OK
        if command == "import":
            emit({"ok": True, "profile": profile.import_profile(args.file)})
            return EXIT_OK
        if command == "template":
            kind = _kind(args.kind)
            if not args.file:
                profile.remove_template(kind.name)
                emit({"ok": True, "kind": kind.name, "template": "内置模板"})
                return EXIT_OK
            try:
                data = Path(args.file).read_bytes()
            except OSError:
                raise CliError(f"无法读取文件“{args.file}”，请检查路径。") from None
            findings = profile.set_template(kind.name, data)
            emit({"ok": True, "kind": kind.name, "findings": findings})
            return EXIT_OK
    except profile.ProfileError as exc:
        return _profile_error(exc)
    raise CliError("请指定操作：show、export、import 或 template。")
