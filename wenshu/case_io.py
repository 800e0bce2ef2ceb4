"""A whole case as one JSON file (DOMAIN.md §9): for moving a case between PCs and for scripts.

Shape::

    {"format": "wenshu-case", "version": 1, "title": "...", "party": {...}, "facts": {...},
     "documents": {"inspection_record": {...answers...}, "inquiry_record": [{...}, {...}]}}

Documents are keyed by kind; the value is the answers object in the interchange format (a list of
them when a case holds several documents of one kind). Bad files get a Chinese ``CaseFileError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wenshu.jsonio import InputError, read_json_file, write_json_file
from wenshu.store import DRAFT, _dumps, _now

FORMAT = "wenshu-case"
VERSION = 1


class CaseFileError(ValueError):
    """The file is not a usable case file; ``str()`` is a Chinese message saying what is wrong."""


def case_to_json(store, case_id: int) -> dict:
    """The case and its documents' current answers, keyed by kind, in procedure order of creation."""
    case = store.get_case(case_id)
    if case is None:
        raise CaseFileError("要导出的案件不存在（可能已被删除）。")
    documents: dict[str, Any] = {}
    for doc in store.documents(case_id):
        if doc["kind"] in documents:
            previous = documents[doc["kind"]]
            documents[doc["kind"]] = (previous if isinstance(previous, list) else [previous]) + [doc["answers"]]
        else:
            documents[doc["kind"]] = doc["answers"]
    return {"format": FORMAT, "version": VERSION, "title": case["title"], "party": case["party"],
            "facts": case["facts"], "documents": documents}


def export_case(store, case_id: int, path: str | Path) -> None:
    """Write the case to ``path`` (atomically: never half a file)."""
    write_json_file(path, case_to_json(store, case_id))


def _check(data: Any, source: str) -> list[tuple[str, dict]]:
    from templates.kinds import UnknownKind, get_kind

    if not isinstance(data, dict):
        raise CaseFileError(f"{source}不是案件文件：内容应为一个 JSON 对象（以 {{ 开头）。")
    if data.get("format") not in (None, FORMAT):
        raise CaseFileError(f"{source}不是执法文书助手导出的案件文件（format 应为 {FORMAT}）。")
    version = data.get("version", VERSION)
    if not isinstance(version, int) or version > VERSION:
        raise CaseFileError(f"{source}由更新版本的程序导出（版本 {version}），请升级后再导入。")
    for key, want, cn in (("title", str, "文字"), ("party", dict, "一组信息"), ("facts", dict, "一组信息"),
                          ("documents", dict, "以文书种类为键的一组信息")):
        if key in data and not isinstance(data[key], want):
            raise CaseFileError(f"{source}中“{key}”应为{cn}。")
    docs: list[tuple[str, dict]] = []
    for kind, value in (data.get("documents") or {}).items():
        try:
            get_kind(kind)
        except UnknownKind as exc:
            raise CaseFileError(f"{source}中有本程序不认识的文书：{exc}") from None
        items = value if isinstance(value, list) else [value]
        for i, answers in enumerate(items, 1):
            if not isinstance(answers, dict):
                raise CaseFileError(f"{source}中“{kind}”的第 {i} 份文书内容应为一个 JSON 对象。")
            docs.append((kind, answers))
    return docs


def case_from_json(store, data: Any, source: str = "案件文件") -> int:
    """Create a new case from ``data`` (all or nothing); returns its id."""
    docs = _check(data, source)
    title = (data.get("title") or "").strip() or (data.get("party") or {}).get("name") or "导入的案件"
    with store.transaction() as db:  # one transaction: a bad file adds nothing
        now = _now()
        case_id = int(db.execute("INSERT INTO cases(title, party, facts, created, updated) VALUES (?,?,?,?,?)",
                                 (title, _dumps(data.get("party") or {}), _dumps(data.get("facts") or {}),
                                  now, now)).lastrowid)
        for kind, answers in docs:
            doc_id = int(db.execute("INSERT INTO documents(case_id, kind, answers, state, version, created,"
                                    " updated) VALUES (?,?,?,?,1,?,?)",
                                    (case_id, kind, _dumps(answers), DRAFT, now, now)).lastrowid)
            db.execute("INSERT INTO document_versions(document_id, version, answers, reason, saved)"
                       " VALUES (?,?,?,?,?)", (doc_id, 1, _dumps(answers), "导入", now))
    return case_id


def import_case(store, path: str | Path) -> int:
    """Read a case file and add it to the store as a new case; returns its id."""
    try:
        data = read_json_file(path)
    except InputError as exc:
        raise CaseFileError(str(exc)) from None
    return case_from_json(store, data, f"文件“{Path(path).name}”")
