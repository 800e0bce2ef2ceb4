"""Document numbers inside the app: the final-generation path that takes a number from the registry,
what drafts show instead, and the one-click re-check of every number of a case (复核本案文号).

Qt-free so the command line, the desktop and the tests share it. The registry (``wenshu.registry``) is
the authority on which number belongs to which document; the answers of a document only carry a copy,
which is what ``audit_case_numbers`` compares against it.

The desktop's generate action calls::

    result = generate_with_number(kind, answers, out, case_id, document_id, settings, context)
    # result.number, result.path, result.findings (warnings), result.reused

``RenderRefused`` (nothing allocated, nothing written; ``.findings`` say what to fix), ``RenderError``
(the file could not be written; the number stays reserved for this document) and ``RegistryError`` all
carry a Chinese ``str()``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from templates.kinds import Kind, get_kind
from templates.render import RenderRefused, render_document
from validators.context import CheckContext
from validators.datetimes import parse_date, parse_datetime
from validators.engine import validate
from validators.findings import ERROR, WARNING, Finding, finding, has_errors
from validators.numbers import check_number, draft_number, format_number, kind_code, parse_number, prefix_for
from validators.rulebook import DEFAULT_RULE_SET
from wenshu.registry import (
    ALLOCATED,
    VOID,
    NumberRecord,
    NumberStore,
    RegistryError,
    issue_document,
    open_store,
)
from wenshu.registry.importing import read_import_files

NUMBER_PATH = "/number"
#: Document states whose file has been generated as final (the case store's ``generated``).
FINAL_STATES = frozenset({"generated", "final", "issued"})


# --- shared helpers ---------------------------------------------------------------------------------


def _kind(kind: Kind | str) -> Kind:
    return kind if isinstance(kind, Kind) else get_kind(kind)


def document_date(answers: dict, fallback: date | None = None) -> date | None:
    """The date a document is made on: its ``date`` field, else the start of its ``time`` range.

    The number's year is this date's year (a number may not carry a year after its document)."""
    if isinstance(answers, dict):
        d = parse_date(answers.get("date"))
        if d is not None:
            return d
        time = answers.get("time")
        if isinstance(time, dict):
            dt = parse_datetime(time.get("start"))
            if dt is not None:
                return dt.date()
    return fallback


def _number_text(answers: Any) -> str:
    value = answers.get("number") if isinstance(answers, dict) else None
    return value.strip() if isinstance(value, str) else ""


def is_draft_placeholder(text: str) -> bool:
    """``（晋忻神）应急罚〔2026〕　　号``: what a draft shows before the registry issues the number."""
    result = check_number(text)
    return any(f["code"] == "number.seq_missing" for f in result["findings"])


def draft_answers(kind: Kind | str, answers: dict, settings: dict | None = None,
                  year: int | None = None) -> dict:
    """A copy of ``answers`` for a draft print: a blank number shows as ``（晋忻神）应急罚〔2026〕　　号``.

    The registry is not touched: a draft never consumes a number. ``year`` defaults to the document's
    date."""
    kind = _kind(kind)
    out = copy.deepcopy(answers) if isinstance(answers, dict) else {}
    if "number" not in (kind.schema.get("properties") or {}) or _number_text(out):
        return out
    if year is None:
        d = document_date(out)
        year = d.year if d else None
    try:
        out["number"] = draft_number(kind.name, settings, year)
    except ValueError:  # no 文种代字 configured: the kind carries no number
        pass
    return out


# --- final generation -------------------------------------------------------------------------------


@dataclass
class GenerationResult:
    """What a final generation produced: the file, its number (None for kinds without one), the
    warnings to show beside it, and whether the number was the one the document already had."""

    path: Path
    number: str | None
    findings: list[Finding] = field(default_factory=list)
    reused: bool = False


def _refuse(code: str, message: str) -> RenderRefused:
    return RenderRefused([finding(NUMBER_PATH, code, message)])


def generate_with_number(kind: Kind | str, answers: dict, out: str | Path | Callable[[str | None], Path],
                         case_id: Any, document_id: Any,
                         settings: dict | None = None, context: CheckContext | None = None, *,
                         store: NumberStore | None = None, who: str = "",
                         font_profile: str | None = None,
                         mark: Callable[[dict], str] | None = None) -> GenerationResult:
    """Generate a document as final: check it, give it its number from the registry, write the file.

    1. The answers are validated first; with errors ``RenderRefused`` is raised and no number is taken.
       A blank number is not an error here: it is what the registry fills in.
    2. The number comes from the registry (``issue_document``): a document generated again keeps the
       number it already has; a new one gets the next number of its (代字, year) sequence. A number the
       user typed is accepted only when the registry records it for this document or as taken by hand
       (``wenshu number next``, imported) without another document; otherwise the generation is refused
       with a finding at ``/number`` saying how to fix it.
    3. ``answers["number"]`` is set to the number (the caller's dict, so the case store saves it) and
       the file is rendered; once written the number is marked issued. If writing fails, the number
       stays reserved for this document and generating again reuses it.

    This is the one final-generation path: the desktop's worker (``desktop/worker.py``) calls it for
    every document it writes. ``font_profile`` is passed to ``render_document``. ``out`` is the file, or a
    function giving it from the number (the file is named after the number it is issued with); ``mark``
    gives the fingerprint the document prints from the answers as written (number included).
    """
    kind = _kind(kind)
    settings = settings if settings is not None else (context.settings if context else {}) or {}
    if context is None:
        context = CheckContext(kind=kind.name, meta=kind.meta, settings=settings)
    elif not context.kind:
        context.kind, context.meta = kind.name, kind.meta
    path_for = out if callable(out) else (lambda _number, fixed=Path(out): fixed)
    if "rule_set" in (kind.schema.get("properties") or {}):  # which 重大执法决定 standard it was checked against
        answers["rule_set"] = settings.get("rule_set") or DEFAULT_RULE_SET

    code = kind_code(kind.name, settings)
    carries_number = code and "number" in (kind.schema.get("properties") or {})
    if not carries_number:
        out = path_for(None)
        return GenerationResult(out, None, render_document(kind, answers, out, context=context, font_profile=font_profile,
                                                           mark=mark(answers) if mark else None))

    typed = _number_text(answers)
    if typed and is_draft_placeholder(typed):
        typed = ""  # the draft's blank number: take one from the registry
    check = dict(answers)
    check["number"] = typed
    findings = validate(kind.schema, check, context)
    if not typed:  # the registry supplies it: a blank number is no fault at this point
        findings = [f for f in findings if f["path"] != NUMBER_PATH]
    if has_errors(findings):
        raise RenderRefused(findings)

    doc_id = str(document_id)
    case = None if case_id is None else str(case_id)
    when = document_date(answers, context.today)
    own_store = store is None
    store = store or open_store()
    try:
        held = store.for_document(doc_id)
        if typed:
            number, record = _accept_typed(store, typed, held, doc_id)
        else:
            number, record = None, held
        if number is None:  # the registry issues (or re-issues) the document's number
            prefix = prefix_for(code, settings)
            reused = held is not None
            written: list[list[Finding]] = []

            paths: list[Path] = []

            def write(num: str) -> Path:
                answers["number"] = num
                paths.append(path_for(num))
                written.append(render_document(kind, answers, paths[-1], context=context, font_profile=font_profile,
                                               mark=mark(answers) if mark else None))
                return paths[-1]

            rec = issue_document(store, prefix, when.year, case, doc_id, write, who=who)
            return GenerationResult(paths[-1], rec.number, written[-1] if written else [], reused)
        # a number the registry already records for this document, or one taken by hand
        answers["number"] = number
        out = path_for(number)
        result = render_document(kind, answers, out, context=context, font_profile=font_profile,
                                 mark=mark(answers) if mark else None)
        if record is not None and record.state == ALLOCATED and record.document_id == doc_id:
            store.confirm(number, str(out))
        return GenerationResult(out, number, result, record is not None and record.document_id == doc_id)
    finally:
        if own_store:
            store.close()


def _accept_typed(store: NumberStore, typed: str, held: NumberRecord | None,
                  doc_id: str) -> tuple[str, NumberRecord | None]:
    """The number a user typed, if the registry allows this document to carry it; else refuse."""
    parts = parse_number(typed)
    number = format_number(parts)  # validation passed, so the number parses
    if held is not None:
        if held.number == number:
            return number, held
        raise _refuse("number.registry_differs",
                      f"本文书在文号登记簿中的文号是 {held.number}，与填写的 {number} 不一致。"
                      f"请将文书编号改回 {held.number}（或清空，生成时自动填入）；确需改号的，"
                      f"请先在文号登记簿中将 {held.number} 作废并写明原因，再清空文书编号重新生成。")
    rec = store.get(number)
    if rec is None:
        raise _refuse("number.not_registered",
                      f"文号 {number} 未在文号登记簿中登记，不能用于正式文书。请清空文书编号，生成时由登记簿"
                      "按顺序取号；如该文号已在本程序外使用，请先在“文号登记簿”中导入，再生成。")
    if rec.state == VOID:
        raise _refuse("number.voided",
                      f"文号 {number} 已作废（原因：{rec.void_reason or '未注明'}），不能再用于文书。"
                      "请清空文书编号后重新生成，以取新号。")
    if rec.document_id and rec.document_id != doc_id:
        raise _refuse("number.other_document",
                      f"文号 {number} 在登记簿中属于另一份文书（{_owner(rec)}），同一文号只能用于一份文书。"
                      "请清空文书编号后重新生成，以取新号。")
    return number, rec


def _moment(iso: str | None) -> str:
    """``2026-11-23T12:14:11`` → ``2026-11-23 12:14`` (``此前`` when unknown)."""
    return iso.replace("T", " ")[:16] if iso else "此前"


def _owner(rec: NumberRecord) -> str:
    bits = []
    if rec.case_id:
        bits.append(f"案件 {rec.case_id}")
    if rec.document_title:
        bits.append(f"《{rec.document_title}》")
    if rec.document_id:
        bits.append(f"文书标识 {rec.document_id}")
    return "，".join(bits) or "另行登记"


# --- importing numbers issued before the app ---------------------------------------------------------


@dataclass
class ImportSummary:
    """What an import of CSV registers / issued .docx files did, for a message to the user."""

    imported: list[NumberRecord] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)  # .docx files in which no number was found
    next_numbers: list[tuple[str, int, int]] = field(default_factory=list)  # (prefix, year, next seq)

    def message(self) -> str:
        """The result in Chinese, one fact per line."""
        lines = [f"已导入 {len(self.imported)} 个文号。" if self.imported else "没有新的文号需要导入。"]
        if self.already:
            lines.append(f"登记簿中已有、未重复导入 {len(self.already)} 个：" + "、".join(self.already[:10])
                         + ("等" if len(self.already) > 10 else "") + "。")
        if self.not_found:
            lines.append("以下文书中没有找到文号：" + "、".join(Path(p).name for p in self.not_found) + "。")
        for prefix, year, seq in self.next_numbers:
            lines.append(f"{prefix}〔{year}〕今后从 {seq} 号起继续编号。")
        return "\n".join(lines)


def import_number_files(paths: Iterable[str | Path], store: NumberStore | None = None) -> ImportSummary:
    """Import numbers issued outside the app from CSV registers and issued .docx files, all files
    together or none (the same formats as ``wenshu number import``). Unusable files raise
    ``RegistryError`` with a Chinese message; nothing is imported then."""
    rows, not_found = read_import_files(paths)
    summary = ImportSummary(not_found=not_found)
    if not rows:
        if not_found:
            return summary
        raise RegistryError("所选文件中没有找到任何文号，未导入。")
    own_store = store is None
    store = store or open_store()
    try:
        result = store.import_existing(rows)
        summary.imported, summary.already = result.imported, result.already
        for prefix, year in sorted({(r.prefix, r.year) for r in result.imported}):
            summary.next_numbers.append((prefix, year, store.report(prefix, year).next_seq))
    finally:
        if own_store:
            store.close()
    return summary


# --- re-checking a case ------------------------------------------------------------------------------


def _title(doc: dict, kind: Kind | None) -> str:
    title = doc.get("title")
    if title:
        return str(title)
    return kind.title if kind is not None else str(doc.get("kind") or "文书")


def audit_case_numbers(documents: Iterable[dict], *, store: NumberStore | None = None,
                       settings: dict | None = None, case_id: Any = None,
                       today: date | None = None) -> list[dict]:
    """Re-check every number of one case at once (法制审核人员“复核本案文号”).

    ``documents`` are the case's documents ``{"id", "kind", "title", "answers", "state"}``. Each finding
    has the usual ``{path, code, severity, message}`` plus ``document`` (id), ``title`` and ``number``:

    - the number's form (``check_number`` with the kind's 文种代字 and the document's date);
    - the same number on two documents of the case (``number.duplicate``);
    - a document generated as final without a number (``number.missing_final``);
    - a number the registry does not hold (``number.not_registered``), holds for another document or
      case (``number.other_document``), has voided (``number.voided``), or a document whose registry
      number differs from the one it carries (``number.registry_differs``); a reservation never
      confirmed (``number.pending``, warning).

    Drafts may be unnumbered; a draft's number that the registry does not know is only a warning.
    """
    documents = [d for d in documents if isinstance(d, dict)]
    settings = settings or {}
    case = None if case_id is None else str(case_id)
    own_store = store is None
    store = store or open_store()
    out: list[dict] = []
    seen: dict[str, list[dict]] = {}

    def add(doc: dict, title: str, number: str, code: str, message: str, severity: str = ERROR) -> None:
        f = finding(NUMBER_PATH, code, message, severity)
        out.append({**f, "document": doc.get("id"), "title": title, "number": number})

    try:
        for doc in documents:
            try:
                kind = get_kind(str(doc.get("kind") or ""))
            except LookupError:
                kind = None
            title = _title(doc, kind)
            answers = doc.get("answers") if isinstance(doc.get("answers"), dict) else {}
            final = doc.get("state") in FINAL_STATES
            number = _number_text(answers)
            code = kind_code(kind.name, settings) if kind is not None else None
            doc_id = None if doc.get("id") is None else str(doc.get("id"))
            held = store.for_document(doc_id) if doc_id else None
            numbered = kind is not None and bool(code) and "number" in (kind.schema.get("properties") or {})

            if not number:
                if numbered and final:
                    hint = (f"登记簿记载本文书的文号是 {held.number}，请重新生成正式文书，使文书载明该文号。"
                            if held else "请重新生成正式文书，由文号登记簿自动取号；如已在本程序外编号，"
                            "请先在“文号登记簿”中导入，再填入文书编号。")
                    add(doc, title, "", "number.missing_final", f"《{title}》已生成正式文书，但没有文号。{hint}")
                continue
            if not final and is_draft_placeholder(number):
                continue  # a draft's blank number, issued at final generation
            if kind is not None and not code:
                add(doc, title, number, "number.not_numbered",
                    f"《{title}》按惯例不编文号，却填有文号“{number}”。请核对是否选错了文书种类，或清空文书编号。",
                    WARNING)
                continue

            when = document_date(answers, today)
            result = check_number(number, on=when, expected_code=code)
            for i, f in enumerate(result["findings"]):
                message = f"《{title}》：{f['message']}"
                if i == 0 and result["normalized"] and result["normalized"] != number:
                    message += f"建议改为：{result['normalized']}"
                add(doc, title, number, f["code"], message, f["severity"])

            parts = parse_number(number)
            if parts is None:
                continue
            canonical = format_number(parts)
            seen.setdefault(canonical, []).append({"doc": doc, "title": title, "number": number})
            if parts.region == "":
                continue  # an empty region is reported above; the registry never holds such a number

            rec = store.get(canonical)
            if held is not None and held.number != canonical:
                add(doc, title, number, "number.registry_differs",
                    f"《{title}》载明的文号是 {canonical}，但登记簿记载本文书的文号是 {held.number}。"
                    f"请将文书编号改为 {held.number} 后重新生成；确需改号的，请先在登记簿中将 {held.number} "
                    "作废并写明原因。")
            if rec is None:
                add(doc, title, number, "number.not_registered",
                    f"《{title}》的文号 {canonical} 未在文号登记簿中登记。如是在本程序外编的号，请在“文号登记簿”中"
                    "导入；否则请清空文书编号，生成正式文书时由登记簿按顺序取号。",
                    ERROR if final else WARNING)
                continue
            if rec.state == VOID:
                add(doc, title, number, "number.voided",
                    f"《{title}》的文号 {canonical} 已于 {_moment(rec.voided_at)} 作废（原因：{rec.void_reason or '未注明'}），"
                    "作废的文号不能再用于文书。请清空文书编号后重新生成，以取新号。")
                continue
            other_doc = rec.document_id is not None and rec.document_id != doc_id
            other_case = case is not None and rec.case_id is not None and rec.case_id != case
            if other_doc or other_case:
                add(doc, title, number, "number.other_document",
                    f"《{title}》的文号 {canonical} 在登记簿中属于另一份文书（{_owner(rec)}）。同一文号只能用于"
                    "一份文书：请核对后清空本文书的文书编号，重新生成以取新号。")
                continue
            if rec.state == ALLOCATED and final:
                add(doc, title, number, "number.pending",
                    f"《{title}》的文号 {canonical} 已预留，但登记簿中尚未确认文书写入成功。请重新生成正式文书以确认。",
                    WARNING)

        for canonical, uses in seen.items():
            if len(uses) < 2:
                continue
            names = "、".join(dict.fromkeys(f"《{u['title']}》" for u in uses))
            for u in uses:
                add(u["doc"], u["title"], u["number"], "number.duplicate",
                    f"文号 {canonical} 在本案中用于 {len(uses)} 份文书（{names}），同一文号只能用于一份文书。"
                    "请核对后将错用的一份清空文书编号，重新生成以取新号。")
    finally:
        if own_store:
            store.close()
    return out


def audit_summary(findings: list[dict], documents: int) -> str:
    """One Chinese line for the top of the result: how many documents, errors and warnings."""
    errors = sum(1 for f in findings if f["severity"] == ERROR)
    warns = sum(1 for f in findings if f["severity"] == WARNING)
    if not findings:
        return f"已复核本案 {documents} 份文书的文号，未发现问题。"
    return f"已复核本案 {documents} 份文书的文号：错误 {errors} 处，提示 {warns} 处。"


__all__ = ["FINAL_STATES", "GenerationResult", "ImportSummary", "RegistryError", "audit_case_numbers", "audit_summary",
           "document_date", "draft_answers", "generate_with_number", "import_number_files"]
