"""The violation library (违法行为/隐患库) and the agency's 裁量基准 tables (issue 13).

A violation is ``{id, title, facts, violated, basis, subject, penalties}``: its description, the
违反条款, the 处罚依据 (article and item) and a default penalty. The shipped library
(``templates/laws/violations.json``) holds common 安全生产 violations; the agency's own entries live in
``violations.json`` in the data folder (an entry with the same 编号 replaces the shipped one).

Both the library and the 裁量基准 (``settings["discretion"]``, read by ``validators.law``) are imported
from .csv or .xlsx with Chinese column headings. Every row is checked against the law table as a decision
would be (articles that exist, a 依据 that punishes the 违反 article, amounts within the range for the
party type, for 裁量基准 no overlapping ranges); one bad row and nothing is imported — the error lists
every bad row in Chinese.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from templates import oserror
from templates.law_library import LAWS_DIR, load_laws
from validators.law import check_legal_basis, find_law, parse_citations, yuan
from validators.money import parse_amount
from validators.registry import is_blank
from validators.rulebook import PENALTY_KINDS
from wenshu.paths import data_dir

SHIPPED_FILE = LAWS_DIR / "violations.json"
PARTY_TYPES = {"单位": ("organization", ""), "主要负责人": ("person", "主要负责人"), "其他负责人": ("person", "其他负责人"),
               "安全生产管理人员": ("person", "安全生产管理人员"), "直接责任人员": ("person", "直接责任人员"),
               "个人经营的投资人": ("person", "个人经营的投资人"), "个人": ("person", "")}
KIND_BY_TITLE = {title: kind for kind, title in PENALTY_KINDS.items()}

#: 违法行为库 columns: heading → key; ``*`` marks the required ones.
LIBRARY_COLUMNS = {"编号": "id", "违法行为": "title", "违法事实": "facts", "违反条款": "violated",
                   "处罚依据": "basis", "当事人类别": "subject", "处罚种类": "kinds", "罚款金额": "amount"}
LIBRARY_REQUIRED = ("编号", "违法行为", "违反条款", "处罚依据")
#: 裁量基准 columns.
DISCRETION_COLUMNS = {"处罚依据": "article", "当事人类别": "subject", "情形": "circumstance", "关键词": "keywords",
                      "罚款下限": "min", "罚款上限": "max"}
DISCRETION_REQUIRED = ("处罚依据", "情形", "罚款下限", "罚款上限")


class ImportRefused(Exception):
    """A table that cannot be imported; ``str()`` is the Chinese report of every bad row, ``problems``
    the list."""

    def __init__(self, problems: list[str], what: str = "文件", outcome: str = "未导入任何内容"):
        self.problems = problems
        super().__init__(f"{what}有 {len(problems)} 处问题，{outcome}：\n" + "\n".join(problems))


def agency_file() -> Path:
    return data_dir() / "violations.json"


def _read_entries(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        return []
    items = data.get("violations") if isinstance(data, dict) else data
    return [e for e in items or [] if isinstance(e, dict) and e.get("id")]


def shipped() -> list[dict]:
    return [{**e, "source": "内置"} for e in _read_entries(SHIPPED_FILE)]


def agency_entries() -> list[dict]:
    return [{**e, "source": "本机关"} for e in _read_entries(agency_file())]


def library() -> list[dict]:
    """The whole library: the shipped entries, then the agency's (the agency's replace same 编号)."""
    merged: dict[str, dict] = {}
    for e in shipped() + agency_entries():
        merged[str(e["id"])] = e
    return list(merged.values())


def find(ids: list[str]) -> list[dict]:
    """The entries with these 编号, in the order given; an unknown 编号 is refused in Chinese."""
    by_id = {str(e["id"]): e for e in library()}
    missing = [i for i in ids if str(i) not in by_id]
    if missing:
        raise LookupError(f"违法行为库中没有编号“{'、'.join(map(str, missing))}”。")
    return [copy.deepcopy(by_id[str(i)]) for i in ids]


def save_agency_entries(entries: list[dict]) -> None:
    from wenshu.jsonio import write_json_file

    clean = [{k: v for k, v in e.items() if k != "source"} for e in entries]
    write_json_file(agency_file(), {"title": "本机关违法行为库", "violations": clean})


def check_entry(entry: dict) -> list[str]:
    """What is wrong with one library entry, in Chinese (empty when it can be used)."""
    problems: list[str] = []
    for key, heading in (("id", "编号"), ("title", "违法行为"), ("violated", "违反条款"), ("basis", "处罚依据")):
        if is_blank(entry.get(key)):
            problems.append(f"缺少“{heading}”")
    if problems:
        return problems
    table = load_laws()
    cites = [c for c in parse_citations(entry["basis"]) if find_law(c.law, table)]
    if not cites:
        problems.append(f"处罚依据“{entry['basis']}”没有引用已收录法律的条款（请写成《中华人民共和国安全生产法》第九十九条第（二）项的形式）")
        return problems
    subject = entry.get("subject") or "单位"
    if subject not in PARTY_TYPES:
        return [f"当事人类别“{subject}”无法识别，可填：{'、'.join(PARTY_TYPES)}"]
    party_type, role = PARTY_TYPES[subject]
    answers = {"basis": entry["basis"], "violated": entry["violated"], "facts": entry.get("facts") or "",
               "object": {"type": party_type}, "party_role": role, "penalties": entry.get("penalties") or []}
    for f in check_legal_basis(answers, table=table):
        if f["severity"] == "error":
            problems.append(f["message"].rstrip("。"))
    return problems


# --- tables ---------------------------------------------------------------------------------------
def read_table(path: str | Path) -> list[list[str]]:
    """The rows of a .csv (UTF-8 or GBK) or .xlsx file as strings; unusable files are refused in Chinese."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused([f"找不到文件“{path}”"]) from None
    except OSError as exc:
        raise ImportRefused([f"无法读取文件“{path}”：{oserror.reason(exc)}"]) from None
    if suffix == ".xlsx":
        try:
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds on a damaged or foreign file
            raise ImportRefused([f"文件“{path.name}”不是可读取的 Excel（.xlsx）文件"]) from None
        sheet = book.worksheets[0]
        rows = [["" if v is None else _cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    elif suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRefused([f"文件“{path.name}”的编码无法识别，请另存为 UTF-8 的 CSV"])
        rows = [list(r) for r in csv.reader(io.StringIO(text))]
    else:
        raise ImportRefused([f"只能导入 .csv 或 .xlsx 文件，“{path.name}”不是"])
    rows = [[c.strip() for c in r] for r in rows]
    return [r for r in rows if any(r)]


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(rows: list[list[str]], columns: dict[str, str], required: tuple[str, ...]) -> list[tuple[int, dict]]:
    if not rows:
        raise ImportRefused(["文件是空的，没有表头和数据"])
    header = rows[0]
    problems = []
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        problems.append(f"第1行：无法识别的列“{'”“'.join(unknown)}”；可用的列：{'、'.join(columns)}")
    missing = [h for h in required if h not in header]
    if missing:
        problems.append(f"第1行：缺少必需的列“{'”“'.join(missing)}”")
    if problems:
        raise ImportRefused(problems)
    if len(rows) < 2:
        raise ImportRefused(["文件只有表头，没有数据行"])
    out = []
    for n, row in enumerate(rows[1:], start=2):
        out.append((n, {columns[h]: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}))
    return out


def _penalties(record: dict) -> tuple[list[dict], list[str]]:
    problems, out = [], []
    kinds = [k for k in re.split(r"[、，,；;\s]+", record.get("kinds") or "") if k]
    amount_text = record.get("amount") or ""
    amount = parse_amount(amount_text) if amount_text else None
    if amount_text and (amount is None or amount <= 0):
        problems.append(f"罚款金额“{amount_text}”不是大于零的数额（单位：元）")
    if not kinds and amount is not None:
        kinds = ["罚款"]
    for title in kinds:
        kind = KIND_BY_TITLE.get(title)
        if kind is None:
            problems.append(f"处罚种类“{title}”无法识别，可填：{'、'.join(PENALTY_KINDS.values())}")
            continue
        entry: dict = {"kind": kind}
        if kind == "fine":
            if amount is None:
                problems.append("处罚种类含罚款时须填写罚款金额")
            else:
                entry["amount"] = int(amount) if amount == amount.to_integral() else float(amount)
        out.append(entry)
    return out, problems


def _validated(rows: list[list[str]]) -> list[dict]:
    """Library entries from table rows (heading row first); every bad row refused at once, in Chinese."""
    records = _records(rows, LIBRARY_COLUMNS, LIBRARY_REQUIRED)
    problems: list[str] = []
    entries: list[dict] = []
    seen: dict[str, int] = {}
    for n, r in records:
        penalties, bad = _penalties(r)
        entry = {"id": r.get("id", ""), "title": r.get("title", ""), "facts": r.get("facts", ""),
                 "violated": r.get("violated", ""), "basis": r.get("basis", ""),
                 "subject": r.get("subject") or "单位", "penalties": penalties}
        bad = check_entry(entry) + bad
        if entry["id"] and entry["id"] in seen:
            bad.append(f"编号“{entry['id']}”与第{seen[entry['id']]}行重复")
        seen.setdefault(entry["id"], n)
        problems += [f"第{n}行：{b}" for b in bad]
        entries.append(entry)
    if problems:
        raise ImportRefused(problems, "违法行为库")
    return entries


def import_library(path: str | Path) -> dict:
    """Import violations from a table into the agency's library (same 编号 replaced); all rows or none."""
    entries = _validated(read_table(path))
    current = {str(e["id"]): e for e in agency_entries()}
    for e in entries:
        current[e["id"]] = e
    save_agency_entries(list(current.values()))
    return {"imported": len(entries), "ids": [e["id"] for e in entries]}


def library_rows(entries: list[dict]) -> list[list[str]]:
    """Entries as table rows under ``LIBRARY_COLUMNS`` (for editing in 设置)."""
    out = []
    for e in entries:
        penalties = e.get("penalties") or []
        kinds = "、".join(PENALTY_KINDS.get(p.get("kind"), "") for p in penalties if isinstance(p, dict))
        amount = next((str(p.get("amount")) for p in penalties if isinstance(p, dict) and p.get("kind") == "fine"), "")
        out.append([str(e.get("id", "")), e.get("title", ""), e.get("facts", ""), e.get("violated", ""),
                    e.get("basis", ""), e.get("subject", "单位"), kinds, amount])
    return out


def save_library_rows(rows: list[list[str]]) -> dict:
    """Replace the agency's own entries with ``rows`` (edited in 设置; no heading row); all rows or none."""
    try:
        entries = _validated([list(LIBRARY_COLUMNS), *rows]) if rows else []
    except ImportRefused as exc:
        raise ImportRefused(exc.problems, "违法行为库", "未保存任何改动") from None
    save_agency_entries(entries)
    return {"saved": len(entries)}


def check_discretion(entries: list[dict]) -> list[str]:
    """Problems of a 裁量基准 table (rows numbered from 2, as in the file)."""
    table = load_laws()
    problems: list[str] = []
    spans: dict[tuple, list[tuple[Decimal, Decimal, int]]] = {}
    for n, e in enumerate(entries, start=2):
        article = str(e.get("article") or "")
        subject = e.get("subject") or "单位"
        text = article if "《" in article else f"《中华人民共和国安全生产法》{article}"
        cites = [c for c in parse_citations(text) if find_law(c.law, table)]
        if not cites:
            problems.append(f"第{n}行：处罚依据“{article}”无法识别（如“第九十九条第（二）项”）")
            continue
        if subject not in PARTY_TYPES:
            problems.append(f"第{n}行：当事人类别“{subject}”无法识别，可填：{'、'.join(PARTY_TYPES)}")
            continue
        lo, hi = parse_amount(e.get("min")), parse_amount(e.get("max"))
        if lo is None or hi is None or lo < 0 or hi <= 0:
            problems.append(f"第{n}行：罚款下限、上限须为数额（元）")
            continue
        if lo > hi:
            problems.append(f"第{n}行：罚款下限{yuan(lo)}高于上限{yuan(hi)}")
            continue
        party_type, role = PARTY_TYPES[subject]
        for amount in (lo, hi):
            answers = {"basis": text, "violated": "", "facts": e.get("circumstance") or "",
                       "object": {"type": party_type}, "party_role": role,
                       "penalties": [{"kind": "fine", "amount": str(amount)}] if amount > 0 else []}
            errors = [f["message"].rstrip("。") for f in check_legal_basis(answers, table=table)
                      if f["severity"] == "error"]
            if errors:
                problems.append(f"第{n}行：{errors[0]}")
                break
        else:
            key = (cites[0].article, cites[0].paragraph, cites[0].item, subject)
            spans.setdefault(key, []).append((lo, hi, n))
    for rows in spans.values():
        rows.sort()
        for (lo1, hi1, n1), (lo2, hi2, n2) in zip(rows, rows[1:], strict=False):
            if lo2 < hi1:
                problems.append(f"第{n2}行：罚款幅度{yuan(lo2)}至{yuan(hi2)}与第{n1}行的{yuan(lo1)}至{yuan(hi1)}重叠")
    return problems


def import_discretion(path: str | Path) -> dict:
    """Import the agency's 裁量基准 into the settings (replacing the previous table); all rows or none."""
    from wenshu.settings import load_settings, save_settings

    records = _records(read_table(path), DISCRETION_COLUMNS, DISCRETION_REQUIRED)
    entries = []
    for _n, r in records:
        entries.append({"article": r.get("article", ""), "subject": r.get("subject") or "单位",
                        "circumstance": r.get("circumstance", ""),
                        "keywords": [k for k in re.split(r"[、，,；;\s]+", r.get("keywords") or "") if k],
                        "min": r.get("min", ""), "max": r.get("max", "")})
    problems = check_discretion(entries)
    if problems:
        raise ImportRefused(problems, "裁量基准文件")
    for e in entries:
        e["min"], e["max"] = str(parse_amount(e["min"])), str(parse_amount(e["max"]))
    settings = load_settings()
    settings["discretion"] = entries
    save_settings(settings)
    return {"imported": len(entries)}


#: 不予处罚/从轻/减轻 清单 columns and the treatments a list may give (行政处罚法 第三十二条、第三十三条).
LENIENCY_COLUMNS = {"清单": "list", "序号": "number", "情形": "circumstance", "关键词": "keywords", "处理": "treatment"}
LENIENCY_REQUIRED = ("序号", "情形", "关键词", "处理")
LENIENCY_TREATMENTS = ("不予处罚", "从轻处罚", "减轻处罚")


def import_leniency(path: str | Path) -> dict:
    """Import the agency's 不予处罚/从轻/减轻 清单 into the settings (replacing the previous one): a decision
    whose facts hold every keyword of an entry shows it (``validators.law``). All rows or none."""
    from wenshu.settings import load_settings, save_settings

    records = _records(read_table(path), LENIENCY_COLUMNS, LENIENCY_REQUIRED)
    problems: list[str] = []
    entries = []
    for n, r in records:
        keywords = [k for k in re.split(r"[、，,；;\s]+", r.get("keywords") or "") if k]
        for key, heading in (("number", "序号"), ("circumstance", "情形")):
            if is_blank(r.get(key)):
                problems.append(f"第{n}行：缺少“{heading}”")
        if not keywords:
            problems.append(f"第{n}行：缺少“关键词”（违法事实含有全部关键词时提示本条）")
        if r.get("treatment") not in LENIENCY_TREATMENTS:
            problems.append(f"第{n}行：处理“{r.get('treatment', '')}”无法识别，可填：{'、'.join(LENIENCY_TREATMENTS)}")
        entries.append({"list": r.get("list") or "从轻、减轻、不予处罚清单", "number": r.get("number", ""),
                        "circumstance": r.get("circumstance", ""), "keywords": keywords,
                        "treatment": r.get("treatment", "")})
    if problems:
        raise ImportRefused(problems, "清单文件")
    settings = load_settings()
    settings["leniency"] = entries
    save_settings(settings)
    return {"imported": len(entries)}


# --- filling documents from picked violations -------------------------------------------------------
def _numbered(parts: list[str]) -> str:
    parts = [p.strip() for p in parts if isinstance(p, str) and p.strip()]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return "\n".join(f"{i}. {p}" for i, p in enumerate(parts, 1))


def _joined(parts: list[str]) -> str:
    return "；".join(dict.fromkeys(p.strip() for p in parts if isinstance(p, str) and p.strip()))


def violations_facts(violations: Any) -> str:
    return _numbered([v.get("facts") or v.get("title") for v in _list(violations)])


def violations_violated(violations: Any) -> str:
    return _joined([v.get("violated") for v in _list(violations)])


def violations_basis(violations: Any) -> str:
    return _joined([v.get("basis") for v in _list(violations)])


def violations_penalties(violations: Any) -> list[dict]:
    return [copy.deepcopy(p) for v in _list(violations) for p in v.get("penalties") or [] if isinstance(p, dict)]


def _list(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def snapshot(entry: dict) -> dict:
    """What a document keeps of a picked entry (a copy: later edits of the library change no document)."""
    keys = ("id", "title", "facts", "violated", "basis", "subject", "penalties")
    return {k: copy.deepcopy(entry.get(k)) for k in keys if entry.get(k) is not None}


def derived_fields(schema: dict) -> dict[str, str]:
    """Fields of a kind filled from the picked violations: name → filter (from ``x-from``)."""
    from wenshu.prefill import sources_of

    out: dict[str, str] = {}
    for name, sub in (schema.get("properties") or {}).items():
        for source in sources_of(sub)[0]:
            target, _, rest = source.partition("#")
            pointer, _, filter_name = rest.partition("|")
            if target == "case" and pointer == "/violations" and filter_name:
                out[name] = filter_name
    return out


def _same(a: Any, b: Any) -> bool:
    from wenshu.prefill import _clean

    return _clean(a) == _clean(b)


def apply_picked(schema: dict, answers: dict, picked: list[dict]) -> dict:
    """``answers`` with ``picked`` as the document's violations and the fields they fill (违法事实, 违反条款,
    处罚依据, 处罚) brought in: a field is filled while blank or while it still holds what the previous
    choice filled in; what the user typed over it is kept."""
    from wenshu.prefill import FILTERS

    out = copy.deepcopy(answers)
    before = _list(answers.get("violations"))
    chosen = [snapshot(e) for e in picked]
    for name, filter_name in derived_fields(schema).items():
        func = FILTERS[filter_name]
        old = func(before) if before else None
        if is_blank(out.get(name)) or (old is not None and _same(out.get(name), old)):
            new = func(chosen) if chosen else None
            if is_blank(new):
                out.pop(name, None)
            else:
                out[name] = new
    if chosen:
        out["violations"] = chosen
    else:
        out.pop("violations", None)
    return out
