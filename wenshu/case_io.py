"""A whole case as one JSON file (DOMAIN.md §9–11): for moving a case between PCs, backups and scripts.

Version 2 carries everything the case's record is made of, with its stable ids::

    {"format": "wenshu-case", "version": 2, "case_id": "<uuid>", "title": "...", "party": {...},
     "facts": {...}, "created": "...", "updated": "...",
     "documents": [{"document_id": "<uuid>", "kind": "inspection_record", "created", "updated",
                    "withdrawn_reason", "withdrawn_at",
                    "versions": [{"version": 1, "answers": {...}, "reason": null, "saved": "..."}, ...],
                    "printed": [{"version", "path", "fingerprint", "printed", "who"}]}],
     "events": [{"kind", "date", "note", "document_id"}],
     "numbers": [{"number", "document_id", "state", "void_reason"}]}

Importing keeps the ids, every version, the printed records and fingerprints, and registers the issued
numbers in this installation's registry as imported (bound to the same documents). A case that is already
here is refused. Version 1 files (documents keyed by kind, current answers only) still import, as a new
case with new ids. Bad files get a Chinese ``CaseFileError``; a refused file adds nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wenshu.jsonio import InputError, read_json_file, write_json_file
from wenshu.store import DRAFT, _dumps, _now, new_uid

FORMAT = "wenshu-case"
VERSION = 2


class CaseFileError(ValueError):
    """The file is not a usable case file; ``str()`` is a Chinese message saying what is wrong."""


def case_to_json(store, case_id: int) -> dict:
    """The case (row ``case_id``) with every version, printed record, event and number of its documents."""
    case = store.get_case(case_id)
    if case is None:
        raise CaseFileError("要导出的案件不存在。")
    docs = store.documents(case_id)
    if hasattr(store, "end_session"):  # an editing session's last content is a version before it travels
        for doc in docs:
            store.end_session(doc["id"])
    uid_of = {d["id"]: d["uid"] for d in docs}
    documents = []
    for doc in docs:
        documents.append({
            "document_id": doc["uid"], "kind": doc["kind"], "created": doc["created"], "updated": doc["updated"],
            "withdrawn_reason": doc["withdrawn_reason"], "withdrawn_at": doc["withdrawn_at"],
            "versions": store.versions(doc["id"]),
            "printed": store.printed(doc["id"]),
        })
    events = [{"kind": e["kind"], "date": e["date"], "note": e["note"],
               "document_id": uid_of.get(e["document_id"])} for e in store.events(case_id)]
    return {"format": FORMAT, "version": VERSION, "case_id": case["uid"], "title": case["title"],
            "party": case["party"], "facts": case["facts"], "created": case["created"],
            "updated": case["updated"], "documents": documents, "events": events,
            "numbers": _numbers_of([d["uid"] for d in docs])}


def _numbers_of(document_ids: list[str]) -> list[dict]:
    """The registry's numbers of these documents (issued and voided), for the importing installation."""
    from wenshu.registry import RegistryError, open_store

    try:
        registry = open_store()
    except (RegistryError, OSError) as exc:
        raise CaseFileError(f"文号登记簿无法打开，案件未导出：{exc}") from None
    try:
        wanted = set(document_ids)
        return [{"number": r.number, "document_id": r.document_id, "state": r.state, "void_reason": r.void_reason,
                 "date": r.issued_at or r.allocated_at}
                for r in registry.records() if r.document_id in wanted]
    finally:
        registry.close()


def export_case(store, case_id: int, path: str | Path) -> None:
    """Write the case to ``path`` (atomically: never half a file)."""
    write_json_file(path, case_to_json(store, case_id))


# --- reading --------------------------------------------------------------------------------------
def _is(value: Any, want: type) -> bool:
    return isinstance(value, want) and not (want is int and isinstance(value, bool))


def _need(data: dict, key: str, want: type, cn: str, source: str, optional: bool = True) -> None:
    if key not in data or (optional and data[key] is None):
        if not optional:
            raise CaseFileError(f"{source}缺少“{key}”。")
        return
    if not _is(data[key], want):
        raise CaseFileError(f"{source}中“{key}”应为{cn}。")


def _kind_ok(kind: Any, source: str) -> None:
    from templates.kinds import UnknownKind, get_kind

    try:
        get_kind(str(kind))
    except UnknownKind as exc:
        raise CaseFileError(f"{source}中有本程序不认识的文书：{exc}") from None


def _check(data: Any, source: str) -> int:
    if not isinstance(data, dict):
        raise CaseFileError(f"{source}不是案件文件：内容应为一个 JSON 对象（以 {{ 开头）。")
    if data.get("format") not in (None, FORMAT):
        raise CaseFileError(f"{source}不是执法文书助手导出的案件文件（format 应为 {FORMAT}）。")
    version = data.get("version", 1)
    if not _is(version, int) or version > VERSION or version < 1:
        raise CaseFileError(f"{source}由更新版本的程序导出（版本 {version}），请升级后再导入。")
    for key, want, cn in (("title", str, "文字"), ("party", dict, "一组信息"), ("facts", dict, "一组信息")):
        _need(data, key, want, cn, source)
    for key in ("name", "type", "uscc", "id_no", "address", "legal_rep", "phone"):
        _need(data.get("party") or {}, key, str, "文字", f"{source}中的当事人")
    if version == 1:
        _need(data, "documents", dict, "以文书种类为键的一组信息", source)
        for kind, value in (data.get("documents") or {}).items():
            _kind_ok(kind, source)
            for i, answers in enumerate(value if isinstance(value, list) else [value], 1):
                if not isinstance(answers, dict):
                    raise CaseFileError(f"{source}中“{kind}”的第 {i} 份文书内容应为一个 JSON 对象。")
        return 1
    _need(data, "case_id", str, "文字", source, optional=False)
    _need(data, "documents", list, "列表", source)
    _need(data, "events", list, "列表", source)
    _need(data, "numbers", list, "列表", source)
    for i, doc in enumerate(data.get("documents") or [], 1):
        where = f"{source}第 {i} 份文书"
        if not isinstance(doc, dict):
            raise CaseFileError(f"{where}应为一个 JSON 对象。")
        _need(doc, "document_id", str, "文字", where, optional=False)
        _need(doc, "kind", str, "文字", where, optional=False)
        _kind_ok(doc["kind"], where)
        _need(doc, "versions", list, "列表", where, optional=False)
        _need(doc, "printed", list, "列表", where)
        if not doc["versions"]:
            raise CaseFileError(f"{where}没有任何版本。")
        for v in doc["versions"]:
            if not isinstance(v, dict) or not _is(v.get("version"), int) or not isinstance(v.get("answers"), dict):
                raise CaseFileError(f"{where}的版本记录不完整（应有 version 与 answers）。")
        for p in doc.get("printed") or []:
            if not isinstance(p, dict) or not _is(p.get("version"), int) or not isinstance(p.get("fingerprint"), str):
                raise CaseFileError(f"{where}的生成记录不完整（应有 version 与 fingerprint）。")
    for n in data.get("numbers") or []:
        if not isinstance(n, dict) or not isinstance(n.get("number"), str):
            raise CaseFileError(f"{source}中的文号记录不完整（应有 number）。")
    return 2


def _register_numbers(data: dict, titles: dict[str, str], source: str) -> None:
    """Bind the case's issued numbers to its documents in this registry (as imported); a number this
    registry holds for another document refuses the import before anything is written."""
    from wenshu.registry import VOID, ImportRow, RegistryError, open_store

    rows = data.get("numbers") or []
    if not rows:
        return
    try:
        registry = open_store()
    except (RegistryError, OSError) as exc:
        raise CaseFileError(f"文号登记簿无法打开，案件未导入：{exc}") from None
    try:
        for n in rows:
            held = registry.get(n["number"])
            if held is not None and held.document_id != n.get("document_id"):
                raise CaseFileError(f"{source}中的文号“{n['number']}”在本机登记簿中已属于另一份文书，案件未导入。"
                                    "请与文号登记簿核对后再导入。")
        registry.import_existing([
            ImportRow(number=n["number"], date=n.get("date"), case_id=data["case_id"],
                      document_id=n.get("document_id"), document_title=titles.get(n.get("document_id") or ""),
                      state=VOID if n.get("state") == VOID else "issued", void_reason=n.get("void_reason"),
                      origin=f"导入案件 {source}") for n in rows])
    except RegistryError as exc:
        raise CaseFileError(str(exc)) from None
    finally:
        registry.close()


def case_from_json(store, data: Any, source: str = "案件文件", as_copy: bool = False) -> int:
    """Add the case in ``data`` to the store (all or nothing); returns its row id. ``as_copy``: a new case
    with new ids, each document's current content as a draft without its number."""
    version = _check(data, source)
    title = (data.get("title") or "").strip() or (data.get("party") or {}).get("name") or "导入的案件"
    if version == 1:
        return _from_v1(store, data, title)
    if as_copy:
        documents: dict[str, list] = {}
        for doc in data["documents"]:
            latest = max(doc["versions"], key=lambda v: v["version"])["answers"]
            documents.setdefault(doc["kind"], []).append({k: v for k, v in latest.items() if k != "number"})
        return _from_v1(store, {**data, "documents": documents}, f"{title}（副本）", reason="复制的案件（不含文号）")
    if store.case_row(data["case_id"]) is not None:
        raise CaseFileError(f"{source}中的案件已在本机（案件编号 {data['case_id'][:8]}），未重复导入。")
    from templates.kinds import get_kind

    titles = {d["document_id"]: get_kind(d["kind"]).title for d in data["documents"]}
    now = _now()
    with store.transaction() as db:  # one transaction: a bad file adds nothing
        for doc in data["documents"]:
            if db.execute("SELECT 1 FROM documents WHERE uid=?", (doc["document_id"],)).fetchone():
                raise CaseFileError(f"{source}中的文书（{doc['document_id'][:8]}）已在本机的另一案件中，未导入。")
        case_row = int(db.execute(
            "INSERT INTO cases(uid, title, party, facts, created, updated) VALUES (?,?,?,?,?,?)",
            (data["case_id"], title, _dumps(data.get("party") or {}), _dumps(data.get("facts") or {}),
             data.get("created") or now, data.get("updated") or now)).lastrowid)
        rows: dict[str, int] = {}
        for doc in data["documents"]:
            versions = sorted(doc["versions"], key=lambda v: v["version"])
            last = versions[-1]
            printed = doc.get("printed") or []
            state = "generated" if printed and printed[-1]["version"] == last["version"] else DRAFT
            row = int(db.execute(
                "INSERT INTO documents(uid, case_id, kind, answers, state, version, created, updated,"
                " withdrawn_reason, withdrawn_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc["document_id"], case_row, doc["kind"], store.pack(db, doc["kind"], _dumps(last["answers"])),
                 state, last["version"],
                 doc.get("created") or now, doc.get("updated") or now, doc.get("withdrawn_reason"),
                 doc.get("withdrawn_at"))).lastrowid)
            rows[doc["document_id"]] = row
            for v in versions:
                store.append(db, "document_versions", {"document_id": row, "version": v["version"],
                                                       "answers": _dumps(v["answers"]), "reason": v.get("reason"),
                                                       "saved": v.get("saved") or now})
            for p in printed:
                store.append(db, "printed_versions", {"document_id": row, "version": p["version"],
                                                      "path": str(p.get("path") or ""), "fingerprint": p["fingerprint"],
                                                      "sha256": str(p.get("sha256") or ""),
                                                      "printed": p.get("printed") or now, "who": p.get("who") or ""})
        for e in data.get("events") or []:
            if isinstance(e, dict) and isinstance(e.get("kind"), str) and isinstance(e.get("date"), str):
                db.execute("INSERT INTO events(case_id, kind, date, note, document_id) VALUES (?,?,?,?,?)",
                           (case_row, e["kind"], e["date"], str(e.get("note") or ""), rows.get(e.get("document_id"))))
        store.refresh_search(db, case_row)
        # the numbers last, still inside the transaction: refused numbers roll the whole case back
        _register_numbers(data, titles, source)
    return case_row


def _from_v1(store, data: dict, title: str, reason: str = "导入") -> int:
    now = _now()
    with store.transaction() as db:
        case_row = int(db.execute("INSERT INTO cases(uid, title, party, facts, created, updated) VALUES (?,?,?,?,?,?)",
                                  (new_uid(), title, _dumps(data.get("party") or {}), _dumps(data.get("facts") or {}),
                                   now, now)).lastrowid)
        for kind, value in (data.get("documents") or {}).items():
            for answers in value if isinstance(value, list) else [value]:
                row = int(db.execute("INSERT INTO documents(uid, case_id, kind, answers, state, version, created,"
                                     " updated) VALUES (?,?,?,?,?,1,?,?)",
                                     (new_uid(), case_row, kind, store.pack(db, kind, _dumps(answers)), DRAFT, now,
                                      now)).lastrowid)
                store.append(db, "document_versions", {"document_id": row, "version": 1, "answers": _dumps(answers),
                                                       "reason": reason, "saved": now})
        store.refresh_search(db, case_row)
    return case_row


def import_case(store, path: str | Path, as_copy: bool = False) -> int:
    """Read a case file and add it to the store (``as_copy``: as a new case without numbers); returns
    the case's row id."""
    try:
        data = read_json_file(path)
    except InputError as exc:
        raise CaseFileError(str(exc)) from None
    return case_from_json(store, data, f"文件“{Path(path).name}”", as_copy=as_copy)
