"""Is this .docx one we issued, and is it unaltered? Is the history unbroken? (DOMAIN.md §11)

``verify_file`` reads the fingerprint printed in the file, finds the printed record, renders the stored
version again and compares the texts paragraph by paragraph; with the installation's key it also
confirms that the fingerprint was made with it (a record edited in the store no longer matches).
``verify_store`` checks the hash chains of the versions and printed records and, with the key, every
printed record's fingerprint against the version it names.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import io
import json
from pathlib import Path
from typing import Any

from templates import oserror
from wenshu.integrity import PRINTED, FingerprintKeyError, file_sha256, fingerprint, load_key, normalize


class VerifyError(Exception):
    """The file cannot be read as a .docx; ``str()`` is Chinese."""


def _paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text in reading order: the body (tables cell by cell) and the footers."""
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise VerifyError(f"无法读取该文件：它不是完好的 .docx 文书（{type(exc).__name__}）。") from None
    parts = [document.part.element]
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer")):
            parts.append(rel.target_part.element)
    out = []
    for element in parts:
        for p in element.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if text.strip():
                out.append(text)
    return out


def _mark_in(paragraphs: list[str]) -> str | None:
    for text in reversed(paragraphs):
        m = PRINTED.search(text)
        if m:
            return m.group(1)
    return None


def verify_file(service, path: str | Path) -> dict:
    """``{"known", "intact", "case_id", "document_id", "version", "number", "fingerprint", "differences",
    "sha256_matches", "key_confirms", "message"}`` for one .docx."""
    from templates.kinds import UnknownKind, get_kind
    from templates.render import render_bytes

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise VerifyError(f"找不到文件“{path}”，请检查路径。") from None
    except OSError as exc:
        raise VerifyError(f"无法读取文件“{path}”：{oserror.reason(exc)}。") from None
    found = _paragraphs(data)
    mark = _mark_in(found)
    out: dict[str, Any] = {"known": False, "intact": False, "case_id": None, "document_id": None, "version": None,
                           "number": None, "fingerprint": mark, "differences": [], "sha256_matches": False,
                           "key_confirms": None}
    if mark is None:
        out["message"] = "文件中没有找到“文书指纹”：不是本程序生成的正式文书，或指纹已被删改。"
        return out
    hits = service.find_fingerprint(mark)
    if not hits:
        out["message"] = f"指纹 {mark} 不在本机的生成记录中：文书不是在本机生成的，或其案件尚未导入。"
        return out
    hit = hits[-1]
    store = service.store
    doc = store.get_document(store.ids_starting("documents", hit["document_id"])[0][0])
    answers = store.version_answers(doc["id"], hit["version"])
    out.update(known=True, case_id=hit["case_id"], document_id=hit["document_id"], version=hit["version"],
               number=(answers or {}).get("number"))
    try:
        kind = get_kind(doc["kind"])
    except UnknownKind:
        out["message"] = "该文书的种类本程序已不认识，无法比对。"
        return out
    if answers is None:
        out["message"] = f"生成记录所指的第 {hit['version']} 版已不在案件库中：记录可能被删改，请运行 wenshu store verify。"
        return out
    from wenshu.settings import load_settings  # the agency profile: header line, the agency's templates

    expected = _paragraphs(render_bytes(kind, answers, mark=mark, settings=load_settings()))
    out["differences"] = differences(expected, found)
    out["sha256_matches"] = bool(hit.get("sha256")) and file_sha256(path) == hit.get("sha256")
    try:
        key = load_key(create=False)
    except FingerprintKeyError:
        key = None
    if key is not None:
        again = fingerprint(key, document_id=hit["document_id"], version=hit["version"],
                            number=answers.get("number") if isinstance(answers.get("number"), str) else None,
                            kind=kind.name, answers=answers)
        out["key_confirms"] = again == mark
    out["intact"] = not out["differences"] and out["key_confirms"] is not False
    if out["key_confirms"] is False:
        out["message"] = "指纹与案件库中记录的版本不符：案件库中的该版本可能已被改动。"
    elif out["differences"]:
        out["message"] = f"文件内容与第 {hit['version']} 版的记录不符，共 {len(out['differences'])} 处不同。"
    else:
        out["message"] = f"文件与第 {hit['version']} 版的记录一致，未被改动。"
    return out


def differences(expected: list[str], found: list[str]) -> list[dict]:
    """The paragraphs that differ: ``[{"paragraph": n, "expected": text or None, "found": text or None}]``
    (n counts from 1 in the file as issued)."""
    out = []
    matcher = difflib.SequenceMatcher(a=expected, b=found, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(a2 - a1, b2 - b1)):
            out.append({"paragraph": a1 + k + 1,
                        "expected": expected[a1 + k] if a1 + k < a2 else None,
                        "found": found[b1 + k] if b1 + k < b2 else None})
    return out


def _seal_mac(key: bytes | None, seal: Any) -> str:
    """The seal's HMAC with the installation's key (kept apart from the store, as for the fingerprints): a
    rechained forgery that also rewrote the seal is not taken for a history already checked."""
    if not isinstance(seal, dict):
        return "!"
    body = json.dumps([seal.get("form"), seal.get("tables")], sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest() if key else hashlib.sha256(body).hexdigest()


def verify_store(service, quick: bool = False) -> dict:
    """``{"ok", "problems": [{"code", "message", …}]}``: the history's chains and, with the key, every
    printed record's fingerprint. ``quick`` (the app's start): when the rows a complete check found intact
    are still byte for byte as they were (``Store.history_seal``), only the rows added since are checked in
    full — the same findings, without rebuilding hundreds of thousands of versions at every start; anything
    changed, or no seal yet, and everything is checked. A check that finds nothing keeps the new seal."""
    from templates.kinds import UnknownKind, get_kind

    store = service.store
    problems: list[dict] = []
    try:
        key = load_key(create=False)
    except FingerprintKeyError as exc:
        key = None
        problems.append({"code": "key.unreadable", "message": str(exc)})
    since, seal = store.history_seal() if quick and store.HISTORY_SEAL else (None, None)
    kept = store.meta(store.SEAL_KEY) if since is not None else None
    if since is not None and (kept or {}).get("mac") != _seal_mac(key, kept):
        since = None  # a seal not made with this installation's key (forged, or a new key): check everything
    problems[:0] = store.verify_history(since)
    printed_after = since.get("printed_versions", {}).get("id", 0) if since is not None else 0
    if key is not None:
        for row in store.printed_records():
            if row["id"] <= printed_after:
                continue  # sealed: the record and the version it names are as when their fingerprint was checked
            answers = store.version_answers(row["document_row"], row["version"])
            mark = normalize(row["fingerprint"])
            if answers is None or mark is None or len(row["fingerprint"]) != 19:
                continue  # a legacy (unkeyed) fingerprint, or a missing version the chain reports
            try:
                kind, named = get_kind(row["kind"]).name, f"《{get_kind(row['kind']).title}》（{row['document_id'][:8]}）"
            except UnknownKind:
                kind, named = row["kind"], f"文书 {row['document_id'][:8]} "
            again = fingerprint(key, document_id=row["document_id"], version=row["version"],
                                number=answers.get("number") if isinstance(answers.get("number"), str) else None,
                                kind=kind, answers=answers)
            if again != mark:
                problems.append({"code": "printed.fingerprint_mismatch", "document_id": row["document_id"],
                                 "version": row["version"],
                                 "message": f"{named}第 {row['version']} 版的内容与其打印时的指纹"
                                            f" {mark} 不符：该版本在生成后被改动。"})
    # issue 15: the 双随机 draw log is append-only and chained too
    from wenshu.draws import verify_log

    problems += [{"code": "draws.altered", "message": m + "。"} for m in verify_log(store)]
    if seal is not None and not problems:
        seal["mac"] = _seal_mac(key, seal)
        store.keep_history_seal(seal)
    return {"ok": not problems, "problems": problems}
