"""``wenshu number next | void | list | import`` — the document-number registry from the command line.

``number import FILE…`` reads

- CSV files (UTF-8 or GB18030, as Excel saves them) with a header row; columns, in any order:
  ``文号`` (required), ``日期`` (YYYY-MM-DD), ``案件``, ``文书`` (名称, e.g. 行政处罚决定书), ``文书标识`` (the app's
  document id, binds the number to that document), ``状态`` (``已使用`` or ``作废``; empty =
  已使用), ``作废原因``. English headers ``number, date, case, document, state, reason`` work too;
- issued ``.docx`` files: every paragraph, table cell, header or footer whose text is a document number
  (optionally after ``文号：``/``编号：``) is imported as used.

All files of one command are imported together or not at all; later numbers continue after the
highest imported one of each sequence, and gaps stay visible in ``number list``.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from datetime import date
from pathlib import Path

from validators.datetimes import parse_date
from validators.numbers import format_number, normalize_prefix, parse_number
from wenshu.cli import EXIT_OK, CliError, emit
from wenshu.registry import ISSUED, VOID, ImportRow, RegistryError, open_store

_COLUMNS = {
    "文号": "number", "文书编号": "number", "编号": "number", "number": "number",
    "日期": "date", "date": "date",
    "案件": "case", "案件编号": "case", "case": "case",
    "文书": "title", "文书名称": "title", "title": "title",
    "文书标识": "document", "document": "document",
    "状态": "state", "state": "state",
    "作废原因": "reason", "原因": "reason", "reason": "reason",
}
_STATES = {"": ISSUED, "已使用": ISSUED, "使用": ISSUED, "已用": ISSUED, "issued": ISSUED, "正常": ISSUED,
           "作废": VOID, "已作废": VOID, "void": VOID}
_LABEL = re.compile(r"^\s*(?:文书编号|文号|编号)\s*[:：]\s*")
_CN_DATE = re.compile(r"^(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?$")


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
    rows: list[ImportRow] = []
    not_found: list[str] = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise CliError(f"找不到文件“{path}”，请检查路径。")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            rows += csv_rows(path)
        elif suffix == ".docx":
            found = docx_rows(path)
            if not found:
                not_found.append(str(path))
            rows += found
        else:
            raise CliError(f"无法导入“{path}”：只支持 .csv 文件和已发出的 .docx 文书。")
    if not rows:
        raise CliError("所给文件中没有找到任何文号，未导入。")
    store = open_store()
    result = store.import_existing(rows)
    touched = sorted({(r.prefix, r.year) for r in result.imported})
    emit({**result.to_json(), "not_found": not_found,
          "sequences": [{"prefix": p, "year": y, "next_seq": store.report(p, y).next_seq} for p, y in touched]})
    return EXIT_OK


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CliError(f"文件“{path}”的编码无法识别，请另存为 UTF-8 编码的 CSV 后重试。")


def _date(text: str, where: str) -> str | None:
    text = (text or "").strip()
    if not text:
        return None
    d = parse_date(text)
    if d is None:
        m = _CN_DATE.match(text)
        if m:
            try:
                d = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                d = None
    if d is None:
        raise CliError(f"{where}：日期“{text}”无法识别，应为 YYYY-MM-DD，如 2026-03-05。未导入任何文号。")
    return d.isoformat()


def csv_rows(path: Path) -> list[ImportRow]:
    """Rows of a CSV of issued numbers (see the module docstring for the columns)."""
    try:
        text = _decode(path)
    except OSError as exc:
        raise CliError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    table = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not table:
        raise CliError(f"文件“{path}”是空的，没有可导入的文号。")
    header = [c.strip().lower() if c.strip().isascii() else c.strip() for c in table[0]]
    columns = [_COLUMNS.get(h) for h in header]
    if "number" not in columns:
        raise CliError(f"文件“{path}”第1行应为表头，且须有“文号”一列（可选列：日期、案件、文书、状态、作废原因）。")
    rows = []
    for lineno, cells in enumerate(table[1:], start=2):
        where = f"{path.name} 第{lineno}行"
        values = {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns) if col}
        number = values.get("number", "")
        parts = parse_number(number)
        if parts is None or parts.region == "":
            raise CliError(f"{where}：无法识别文号“{number}”，应如“（晋忻神）应急罚〔2026〕12号”。未导入任何文号。")
        state_text = values.get("state", "")
        state = _STATES.get(state_text.lower() if state_text.isascii() else state_text)
        if state is None:
            raise CliError(f"{where}：状态“{state_text}”无法识别，应为“已使用”或“作废”。未导入任何文号。")
        rows.append(ImportRow(number=format_number(parts), date=_date(values.get("date", ""), where),
                              case_id=values.get("case") or None, document_id=values.get("document") or None,
                              document_title=values.get("title") or None,
                              state=state, void_reason=values.get("reason") or None, origin=where))
    return rows


def _docx_texts(path: Path):
    from docx import Document

    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged or foreign file
        raise CliError(f"无法打开“{path}”：不是有效的 .docx 文件或文件已损坏（{type(exc).__name__}）。") from None
    for p in doc.paragraphs:
        yield p.text

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        yield p.text
                    yield from cells(cell.tables)

    yield from cells(doc.tables)
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer):
            try:
                for p in part.paragraphs:
                    yield p.text
            except Exception:  # a header python-docx cannot read holds no number we need
                continue


def numbers_in_text(text: str) -> list[str]:
    """Numbers in one paragraph: the whole text (after a ``文号：`` label) or its space-separated pieces."""
    text = _LABEL.sub("", text or "").strip()
    if not text:
        return []
    whole = parse_number(text)
    if whole is not None:
        return [format_number(whole)]
    found = []
    for piece in re.split(r"\s+", text):
        parts = parse_number(_LABEL.sub("", piece))
        if parts is not None:
            found.append(format_number(parts))
    return found


def docx_rows(path: Path) -> list[ImportRow]:
    """Numbers found in an issued .docx, each imported as used, with the file recorded."""
    seen: dict[str, ImportRow] = {}
    for text in _docx_texts(path):
        for number in numbers_in_text(text):
            parts = parse_number(number)
            if parts is None or parts.region == "" or number in seen:
                continue
            seen[number] = ImportRow(number=number, path=str(path.resolve()), origin=path.name)
    return list(seen.values())
