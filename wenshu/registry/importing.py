"""Reading numbers issued outside the app, for ``wenshu number import`` and the registry window.

- CSV files (UTF-8 or GB18030, as Excel saves them) with a header row; columns, in any order:
  ``文号`` (required), ``日期`` (YYYY-MM-DD), ``案件``, ``文书`` (名称, e.g. 行政处罚决定书), ``文书标识`` (the app's
  document id, binds the number to that document), ``状态`` (``已使用`` or ``作废``; empty =
  已使用), ``作废原因``. English headers ``number, date, case, document, state, reason`` work too;
- issued ``.docx`` files: every paragraph, table cell, header or footer whose text is a document number
  (optionally after ``文号：``/``编号：``) is imported as used.

Every problem is a ``RegistryError`` with a Chinese message; the callers import all files or none.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from templates import oserror
from validators.datetimes import parse_date
from validators.numbers import format_number, parse_number
from wenshu.registry.base import ISSUED, VOID, ImportRow, RegistryError

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


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RegistryError(f"文件“{path}”的编码无法识别，请另存为 UTF-8 编码的 CSV 后重试。")


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
        raise RegistryError(f"{where}：日期“{text}”无法识别，应为 YYYY-MM-DD，如 2026-03-05。未导入任何文号。")
    return d.isoformat()


def csv_rows(path: Path) -> list[ImportRow]:
    """Rows of a CSV of issued numbers (see the module docstring for the columns)."""
    try:
        text = _decode(path)
    except OSError as exc:
        raise RegistryError(f"无法读取文件“{path}”：{oserror.reason(exc)}。") from None
    table = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not table:
        raise RegistryError(f"文件“{path}”是空的，没有可导入的文号。")
    header = [c.strip().lower() if c.strip().isascii() else c.strip() for c in table[0]]
    columns = [_COLUMNS.get(h) for h in header]
    if "number" not in columns:
        raise RegistryError(f"文件“{path}”第1行应为表头，且须有“文号”一列（可选列：日期、案件、文书、状态、作废原因）。")
    rows = []
    for lineno, cells in enumerate(table[1:], start=2):
        where = f"{path.name} 第{lineno}行"
        values = {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns) if col}
        number = values.get("number", "")
        parts = parse_number(number)
        if parts is None or parts.region == "":
            raise RegistryError(f"{where}：无法识别文号“{number}”，应如“（晋忻神）应急罚〔2026〕12号”。未导入任何文号。")
        state_text = values.get("state", "")
        state = _STATES.get(state_text.lower() if state_text.isascii() else state_text)
        if state is None:
            raise RegistryError(f"{where}：状态“{state_text}”无法识别，应为“已使用”或“作废”。未导入任何文号。")
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
        raise RegistryError(f"无法打开“{path}”：不是有效的 .docx 文件或文件已损坏（{type(exc).__name__}）。") from None
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


def read_import_files(paths: Iterable[str | Path]) -> tuple[list[ImportRow], list[str]]:
    """The rows of every file (CSV registers, issued .docx), and the .docx files in which no number was
    found. Raises ``RegistryError`` for a missing, unreadable or unsupported file."""
    rows: list[ImportRow] = []
    not_found: list[str] = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise RegistryError(f"找不到文件“{path}”，请检查路径。未导入任何文号。")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            rows += csv_rows(path)
        elif suffix == ".docx":
            found = docx_rows(path)
            if not found:
                not_found.append(str(path))
            rows += found
        else:
            raise RegistryError(f"无法导入“{path.name}”：只支持 .csv 文号清单和已发出的 .docx 文书。未导入任何文号。")
    return rows, not_found
