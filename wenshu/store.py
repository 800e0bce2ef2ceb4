"""The case store: cases, their documents, every saved version and every printed copy, in one SQLite file.

Why SQLite (stdlib) in WAL mode with ``synchronous=FULL``: the clerk never presses "save"; every change
is one committed transaction, so killing the process or a power cut loses nothing that was saved.
Corrections never overwrite (纠错, 001 纠错制度; 003 第三十五条): each save adds a row to
``document_versions``; each printed file is recorded in ``printed_versions`` with the fingerprint of
exactly what was printed, so a paper copy can be matched to its record. The editor's autosaves (at least
once a second while typing) write the document's current content at once but are one *editing session*
(``autosave_document`` / ``end_session``): the session adds at most two versions (its first autosave and
its last state), so the history grows with what was written, not with keystrokes; every generated,
printed, corrected, restored and explicitly saved version is a version of its own and kept for ever.

A file that is not a readable database, or one locked by another program, raises ``StoreError`` with a
Chinese message; the store never recreates or overwrites an existing file.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import marshal
import sqlite3
import struct
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from templates import oserror
from wenshu.paths import data_dir

SCHEMA_VERSION = 6
FILE_NAME = "wenshu.sqlite3"

#: Document states (DOMAIN.md §10); the Chinese words the user sees. ``stale`` and ``withdrawn`` are
#: worked out by the case service (``wenshu.service``), the others are also kept on the row.
DRAFT, HAS_ERRORS, GENERATED, STALE, WITHDRAWN = "draft", "error", "generated", "stale", "withdrawn"
STATE_TITLES = {None: "未开始", DRAFT: "草稿", HAS_ERRORS: "有错误", GENERATED: "已生成", STALE: "已过时",
                WITHDRAWN: "已作废"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    party TEXT NOT NULL DEFAULT '{}',
    facts TEXT NOT NULL DEFAULT '{}',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    answers TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'draft',
    version INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_case ON documents(case_id);
CREATE TABLE IF NOT EXISTS document_versions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    answers TEXT NOT NULL,
    reason TEXT,
    saved TEXT NOT NULL,
    UNIQUE (document_id, version)
);
CREATE TABLE IF NOT EXISTS printed_versions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    path TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    printed TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    document_id INTEGER
);
CREATE TABLE IF NOT EXISTS officers (
    cert_no TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    valid_until TEXT
);
"""

#: Version 2: stable ids (UUIDs, DOMAIN.md §10) for cases and documents, and 作废 (a withdrawn document
#: stays, with its reason). Rows of a version-1 file get their UUIDs here, once.
_SCHEMA_2 = (
    "ALTER TABLE cases ADD COLUMN uid TEXT",
    "ALTER TABLE documents ADD COLUMN uid TEXT",
    "ALTER TABLE documents ADD COLUMN withdrawn_reason TEXT",
    "ALTER TABLE documents ADD COLUMN withdrawn_at TEXT",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_SCHEMA_2_INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS cases_uid ON cases(uid)",
    "CREATE UNIQUE INDEX IF NOT EXISTS documents_uid ON documents(uid)",
)
#: ``meta`` key: the version-1 rows (integer ids) whose numbers in the registry still need their UUIDs.
LEGACY_IDS_KEY = "legacy_document_ids"

#: Version 3: the history is append-only and hash-chained (DOMAIN.md §11). Each row of a chained table
#: carries the hash of the row before it and its own; triggers refuse UPDATE and DELETE, and
#: ``verify_history`` finds a row edited or deleted by another tool. ``meta`` keeps each chain's head, so
#: rows deleted at the end are found too. The printed record also keeps the SHA-256 of the written file.
CHAINS: dict[str, tuple[str, ...]] = {
    "document_versions": ("document_id", "version", "answers", "reason", "saved"),
    "printed_versions": ("document_id", "version", "path", "fingerprint", "sha256", "printed", "who"),
}
CHAIN_START = "0" * 64
_SCHEMA_3 = (
    "ALTER TABLE document_versions ADD COLUMN prev_hash TEXT",
    "ALTER TABLE document_versions ADD COLUMN row_hash TEXT",
    "ALTER TABLE printed_versions ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE printed_versions ADD COLUMN prev_hash TEXT",
    "ALTER TABLE printed_versions ADD COLUMN row_hash TEXT",
)
#: The case files written (DOMAIN.md §14): a case's 归档号 is year + 4-digit sequence, one sequence per
#: year for the agency's store, kept here so a number is never given twice — reserved when the archive
#: starts (a failed archive keeps it for the next try), ``archived_on`` set when the file is complete.
#: ``meta`` keeps each year's highest sequence, so a row removed by another tool frees no number.
_ARCHIVES = ("CREATE TABLE IF NOT EXISTS archives (case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
             " year INTEGER NOT NULL, seq INTEGER NOT NULL, archive_no TEXT NOT NULL UNIQUE,"
             " reserved TEXT NOT NULL, archived_on TEXT, UNIQUE (year, seq))")
#: The 公示台账's per-case cache (issue 17; derived data like ``agenda_cache``, mutable, kept while the case's
#: ``rev`` and the decision kinds are unchanged): each case's issued decisions (number, date, party), its 公示摘要's
#: numbers and 公示日期 and its recorded takedowns, so 今日待办 and the ledger decode no document. ``first_person`` /
#: ``first_org``: the earliest 公示日期 of a decision on a natural person / an organisation not yet taken down
#: ('' none), for the takedown reminders' filter in SQL (their takedown periods differ: 2 and 5 years). A
#: printed record bumps the case's ``rev`` (a decision becomes issued when it is printed). Created at every open
#: when missing (no version bump: nothing but derived data depends on it).
_DERIVED = (
    "CREATE TABLE IF NOT EXISTS publication_cache (case_id INTEGER PRIMARY KEY REFERENCES cases(id)"
    " ON DELETE CASCADE, rev INTEGER NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,"
    " first_person TEXT NOT NULL DEFAULT '', first_org TEXT NOT NULL DEFAULT '')",
    "CREATE TRIGGER IF NOT EXISTS rev_printed AFTER INSERT ON printed_versions"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id=(SELECT case_id FROM documents WHERE id=NEW.document_id); END",
)
#: Version 4 (issue 17, an agency's real size): indexes for the per-case reads; a search text per case
#: (``case_search``: lower-cased title, party, case number, dates) so the case list is searched in SQL; an editing
#: session per document (``documents.session``: when its first unsaved autosave was written), so the
#: autosaves of one session do not each add a full version (see ``autosave_document``); and the agenda's
#: cache of each case's dated events (derived data, mutable, recomputed when the case changes).
_SCHEMA_4 = (
    "CREATE INDEX IF NOT EXISTS events_case ON events(case_id, date)",
    "CREATE INDEX IF NOT EXISTS printed_document ON printed_versions(document_id)",
    "CREATE INDEX IF NOT EXISTS cases_created ON cases(created DESC, id DESC)",
    # a narrow table of its own: the search reads ~150 bytes a case, not the cases' facts
    "CREATE TABLE IF NOT EXISTS case_search (case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,"
    " text TEXT NOT NULL)",
    "ALTER TABLE documents ADD COLUMN session TEXT",
    "CREATE INDEX IF NOT EXISTS documents_session ON documents(session) WHERE session IS NOT NULL",
    "ALTER TABLE cases ADD COLUMN rev INTEGER NOT NULL DEFAULT 0",
    # next_due: the earliest due day of the case's open deadlines ('' none, '!' one cannot be computed), so
    # the agenda reads only the cases that can be on today's list
    "CREATE TABLE IF NOT EXISTS agenda_cache (case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,"
    " rev INTEGER NOT NULL, key TEXT NOT NULL, events TEXT NOT NULL, completed TEXT NOT NULL,"
    " next_due TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS agenda_next_due ON agenda_cache(next_due)",
    # ``cases.rev`` counts every change that can move a deadline (a document's answers, a 作废, a dated event),
    # whoever makes it (this module, the case import, another tool): the agenda recomputes only those cases
    "CREATE TRIGGER IF NOT EXISTS rev_document_added AFTER INSERT ON documents"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id=NEW.case_id; END",
    "CREATE TRIGGER IF NOT EXISTS rev_document_changed AFTER UPDATE OF answers, withdrawn_at, case_id ON documents"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id IN (NEW.case_id, OLD.case_id); END",
    "CREATE TRIGGER IF NOT EXISTS rev_document_removed AFTER DELETE ON documents"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id=OLD.case_id; END",
    "CREATE TRIGGER IF NOT EXISTS rev_case_changed AFTER UPDATE OF title, party, facts ON cases"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id=NEW.id; END",
    "CREATE TRIGGER IF NOT EXISTS rev_event_added AFTER INSERT ON events"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id=NEW.case_id; END",
    "CREATE TRIGGER IF NOT EXISTS rev_event_changed AFTER UPDATE ON events"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id IN (NEW.case_id, OLD.case_id); END",
    "CREATE TRIGGER IF NOT EXISTS rev_event_removed AFTER DELETE ON events"
    " BEGIN UPDATE cases SET rev=rev+1 WHERE id=OLD.case_id; END",
)
#: An editing session ends by itself after this long without a keystroke: the next autosave starts a new one.
SESSION_PAUSE_SECONDS = 10 * 60

#: Version 5 (issue 17): versions stored compactly. ``document_versions.body`` holds each version as either
#: the whole text (zlib-compressed when that is smaller) or a difference to an earlier version of the same
#: document (the common prefix and suffix kept, the changed middle stored, compressed when that is
#: smaller); ``answers`` is then '' (a row with ``body`` NULL keeps its whole text in ``answers``, as before).
#: Every ``VERSION_SNAPSHOT_EVERY``-th version is whole, so reading one version decodes a few rows at most.
#: The chain hash of a row is still computed over the version's FULL text (``row_hash`` with the text as
#: ``answers``), exactly as before: migrating changes no hash, and ``verify_history`` rebuilds every text and
#: checks it, so a changed, deleted or reordered row — or a changed difference — is still found.
_SCHEMA_5 = ("ALTER TABLE document_versions ADD COLUMN body BLOB",)
VERSION_SNAPSHOT_EVERY = 16
#: A new store's page size: documents of ~1.5 kB fill 8 kB pages far better than SQLite's default 4 kB.
PAGE_SIZE = 8192
_WHOLE, _WHOLE_Z, _DIFF, _DIFF_Z = b"f", b"F", b"d", b"D"
_DIFF_HEAD = struct.Struct("<III")  # base version, common prefix length, common suffix length (characters)


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search on slices: C-speed comparisons, a handful of steps for a document
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _packed(tag_raw: bytes, tag_z: bytes, head: bytes, data: bytes, zdict: bytes | None = None) -> bytes:
    squeezed = deflate(data, zdict) if len(data) > 48 else data
    return tag_z + head + squeezed if len(squeezed) < len(data) else tag_raw + head + data


def encode_version(text: str, base: tuple[int, str] | None = None, zdict: bytes | None = None) -> bytes:
    """One version's stored form: whole, or (``base`` = (version, full text) of an earlier version of the
    same document) the difference to it, whichever is smaller. ``zdict``: the kind's compression
    dictionary (store v6), used for a whole text."""
    whole = _packed(_WHOLE, _WHOLE_Z, b"", text.encode("utf-8"), zdict)
    if base is None:
        return whole
    base_version, prev = base
    p = _common_prefix(prev, text)
    s = _common_suffix(prev, text, min(len(prev), len(text)) - p)
    diff = _packed(_DIFF, _DIFF_Z, _DIFF_HEAD.pack(base_version, p, s), text[p:len(text) - s].encode("utf-8"))
    return diff if len(diff) < len(whole) else whole


def diff_base(body: bytes | None) -> int | None:
    """The version a stored difference is based on (None for a whole text)."""
    if body is None or body[:1] not in (_DIFF, _DIFF_Z):
        return None
    return _DIFF_HEAD.unpack_from(body, 1)[0]


def decode_version(body: bytes, prev: str | None = None) -> str:
    """The full text of a stored version (``prev``: the full text of its ``diff_base``). ``ValueError``
    when the stored form is damaged."""
    try:
        tag = bytes(body[:1])
        if tag in (_WHOLE, _WHOLE_Z):
            data = bytes(body[1:])
            return (inflate(data) if tag == _WHOLE_Z else data).decode("utf-8")
        if tag in (_DIFF, _DIFF_Z) and prev is not None:
            _base, p, s = _DIFF_HEAD.unpack_from(body, 1)
            data = bytes(body[1 + _DIFF_HEAD.size:])
            middle = (inflate(data) if tag == _DIFF_Z else data).decode("utf-8")
            if p + s > len(prev):
                raise ValueError("difference longer than its base")
            return prev[:p] + middle + prev[len(prev) - s:]
    except (zlib.error, struct.error, UnicodeDecodeError) as exc:
        raise ValueError(str(exc)) from None
    raise ValueError("unknown stored version")


def version_texts(rows) -> dict[int, str | None]:
    """``{version: full text or None (damaged)}`` from one document's rows (``version``, ``answers``,
    ``body``), each difference rebuilt from its base."""
    by_version = {r["version"]: r for r in rows}
    out: dict[int, str | None] = {}
    for version in sorted(by_version):
        row = by_version[version]
        body = row["body"]
        if body is None:
            out[version] = row["answers"]
            continue
        base = diff_base(body)
        prev = out.get(base) if base is not None else None
        try:
            out[version] = None if (base is not None and prev is None) else decode_version(body, prev)
        except ValueError:
            out[version] = None
    return out


# --- store v6 (issue 17, round 4): the current content compressed, each kind's dictionary kept in the store ----
#: Version 6: ``documents.answers`` holds the current content compressed — a BLOB, ``Z`` + a zlib stream (a TEXT
#: value is the JSON itself, as before: rows of older stores, tiny answers, the office server) — with a preset
#: dictionary per kind: built once from the kind's schema and sample and KEPT in ``answer_dictionaries`` (never
#: changed or removed: a row stays readable whatever becomes of the kind's files). A zlib stream names its
#: dictionary by its Adler-32, so every compressed form — the current content, a whole version, a difference —
#: finds it. Whole versions are compressed with the same dictionary. ``document_versions.prev_hash`` and
#: ``row_hash`` are stored as their 32 bytes: the same SHA-256 values, the chain and what it is computed over
#: (the version's full text) unchanged; ``verify_history`` compares them as hex.
_SCHEMA_6 = (
    "CREATE TABLE IF NOT EXISTS answer_dictionaries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
    " dictionary BLOB NOT NULL, created TEXT NOT NULL)",
    *(f"CREATE TRIGGER IF NOT EXISTS answer_dictionaries_no_{verb} BEFORE {verb.upper()} ON answer_dictionaries"
      " BEGIN SELECT RAISE(ABORT, 'append-only history: compression dictionary'); END" for verb in ("update", "delete")),
)
_ANSWERS_Z = b"Z"
#: what a damaged compressed answer reads as: not JSON, so it is shown as damaged, never as an empty form
DAMAGED_TEXT = "\x00damaged"
#: zlib level with a dictionary (measured on the bench's documents: levels 6 and 9 give the same size and time)
_ZLEVEL = 9
#: every dictionary met in this process, by its Adler-32 (the DICTID its zlib streams carry)
_DICTIONARIES: dict[int, list[bytes]] = {}
#: the store files opened in this process: a stream naming a dictionary not met yet is looked up there
_DICTIONARY_SOURCES: set[str] = set()


def remember_dictionary(zdict: bytes) -> None:
    known = _DICTIONARIES.setdefault(zlib.adler32(zdict), [])
    if zdict not in known:
        known.append(zdict)


def load_dictionaries(db) -> None:
    """Make every compression dictionary of a store known for reading (``db``: a connection to it)."""
    try:
        rows = db.execute("SELECT dictionary FROM answer_dictionaries").fetchall()
    except sqlite3.Error:  # an older store: none
        return
    for (zdict,) in rows:
        remember_dictionary(bytes(zdict))


def _reload_dictionaries() -> None:
    for path in list(_DICTIONARY_SOURCES):
        try:
            db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        except (sqlite3.Error, OSError, ValueError):
            continue
        try:
            load_dictionaries(db)
        finally:
            db.close()


def deflate(data: bytes, zdict: bytes | None = None) -> bytes:
    """``data`` as a zlib stream (with ``zdict`` as its preset dictionary)."""
    if zdict is None:
        return zlib.compress(data, 6)
    c = zlib.compressobj(_ZLEVEL, zdict=zdict)
    return c.compress(data) + c.flush()


def inflate(data: bytes) -> bytes:
    """A zlib stream's data, with the preset dictionary it names; ``zlib.error`` when damaged or unknown."""
    if len(data) < 6 or not data[1] & 0x20:  # FDICT not set: a plain stream
        return zlib.decompress(data)
    key = int.from_bytes(data[2:6], "big")
    if key not in _DICTIONARIES:
        _reload_dictionaries()  # made by another process since this one read its store's dictionaries
    for zdict in _DICTIONARIES.get(key, ()):
        try:
            d = zlib.decompressobj(zdict=zdict)
            out = d.decompress(data) + d.flush()
        except zlib.error:
            continue
        if d.eof and not d.unused_data:
            return out
    raise zlib.error("unknown preset dictionary or damaged stream")


def answers_text(value: Any) -> Any:
    """The current content's JSON text from its stored form (TEXT as it is; a compressed BLOB inflated). A
    damaged BLOB reads as ``DAMAGED_TEXT`` (not JSON). Registered on each SQLite connection as the SQL
    function ``answers_text(answers)``; the office server stores plain text (``wenshu.pg.conn`` drops the call)."""
    if value is None or isinstance(value, str):
        return value
    data = value if isinstance(value, bytes) else bytes(value)
    try:
        if data[:1] == _ANSWERS_Z:
            return inflate(memoryview(data)[1:]).decode("utf-8")
        return data.decode("utf-8")  # a BLOB written by another tool: its bytes as text
    except (zlib.error, UnicodeDecodeError):
        return DAMAGED_TEXT


def pack_answers(text: str, zdict: bytes | None = None) -> str | bytes:
    """The current content as stored (store v6): compressed when that is smaller, else the text."""
    data = text.encode("utf-8")
    if len(data) <= 48:
        return text
    blob = _ANSWERS_Z + deflate(data, zdict)
    return blob if len(blob) < len(data) else text


def has_dictionary(body: bytes | None) -> bool:
    """Whether a stored version's compressed data uses a preset dictionary."""
    if body is None:
        return False
    tag = bytes(body[:1])
    start = 1 if tag == _WHOLE_Z else 1 + _DIFF_HEAD.size if tag == _DIFF_Z else None
    return start is not None and len(body) > start + 1 and bool(body[start + 1] & 0x20)


def build_dictionary(kind: str) -> bytes | None:
    """A kind's preset dictionary: its fields' names and fixed choices, then its sample as saved (what most
    documents of the kind share; zlib uses the last 32 kB). None for a kind not known here."""
    try:
        from templates.kinds import get_kind

        k = get_kind(kind)
        schema = k.schema
    except Exception:  # an unknown kind: its documents are compressed without a dictionary
        return None
    words: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                words.extend(json.dumps(name, ensure_ascii=False) + ": " for name in props)
            for key in ("enum", "examples"):
                values = node.get(key)
                if isinstance(values, list):
                    words.extend(json.dumps(v, ensure_ascii=False) for v in values if isinstance(v, str))
            if isinstance(node.get("const"), str):
                words.append(json.dumps(node["const"], ensure_ascii=False))
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    try:
        sample = _dumps(k.sample())
    except Exception:  # a kind without a sample: its schema's words alone
        sample = ""
    data = (", ".join(dict.fromkeys(words)) + sample).encode("utf-8")[-32768:]
    return data or None


def _hex(value: Any) -> Any:
    """A chain hash as hex, however it is stored (v6: 32 bytes; before, and on the office server: hex text)."""
    if value is None or isinstance(value, str):
        return value
    return bytes(value).hex()


def _hash_blob(value: Any) -> Any:
    """A chain hash as a v6 store keeps it: its 32 bytes (anything that is not a hash stays as it is)."""
    if isinstance(value, str) and len(value) == 64:
        try:
            raw = bytes.fromhex(value)
        except ValueError:
            return value
        if raw.hex() == value:
            return raw
    return value
# --- end store v6 helpers ------------------------------------------------------------------------------------


_APPEND_ONLY = tuple(
    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb} BEFORE {verb.upper()} ON {table}"
    f" BEGIN SELECT RAISE(ABORT, 'append-only history'); END"
    for table in CHAINS for verb in ("update", "delete"))


def row_hash(table: str, values: dict, prev: str) -> str:
    """The chain hash of one history row: over its table, the previous row's hash and its own values."""
    canon = json.dumps([table, _hex(prev), [values.get(c) for c in CHAINS[table]]], ensure_ascii=False,
                       separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


class StoreError(Exception):
    """The store cannot be used (corrupt, locked, unwritable, newer version); ``str()`` is Chinese."""


def search_text(title: str, party: Any, facts: Any, created: str, updated: str = "") -> str:
    """What the case list's search looks in (lower case): title, party, case number and the dates."""
    party = party if isinstance(party, dict) else _loads(party, {})
    facts = facts if isinstance(facts, dict) else _loads(facts, {})
    parts = [title or "", " ".join(str(v) for v in party.values() if isinstance(v, (str, int))),
             str(facts.get("case_number", "") or ""), created or "", updated or ""]
    return " ".join(parts).lower()


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def default_path() -> Path:
    return data_dir() / FILE_NAME


# --- issue 18: the case store, like the number registry, refuses a network share ----------------------------
def refuse_network_store(path: Path, mounts: str | None = None) -> None:
    """Raise ``StoreError`` when the case database would be on a network share: SQLite's locking is not
    reliable there (two PCs saving at once can damage the file)."""
    from wenshu.registry.sqlite import on_network_share

    if on_network_share(path, mounts):
        raise StoreError(
            f"案件数据库不能放在网络共享文件夹中（{path}）：多台电脑同时保存时可能损坏数据。"
            "请将数据文件夹设在本机磁盘上（可用环境变量 WENSHU_HOME 指定）。")
# --- end issue 18 ---------------------------------------------------------------------------------------------


def needs_upgrade(path: str | Path | None = None) -> bool:
    """Whether the store at ``path`` was written by an older version and will be upgraded when it is next
    opened (which can take minutes on a big store); read without writing anything (False if unreadable)."""
    path = Path(path) if path else default_path()
    if not path.is_file():
        return False
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return 0 < version < SCHEMA_VERSION


def upgrade(path: str | Path | None = None, progress=None) -> None:
    """Open (and so upgrade) the store at ``path`` and close it again; ``progress`` as for ``Store``."""
    Store(path, progress=progress).close()


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _seconds_between(earlier: str | None, later: str) -> float:
    try:
        return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier or later)).total_seconds()
    except ValueError:
        return 0.0


def _pointer_parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _json_path(pointer: str) -> str:
    """A JSON Pointer as an SQLite JSON path (every part an object key: ``/time/end`` → ``$."time"."end"``)."""
    return "$" + "".join('."' + p.replace('"', '\\"') + '"' for p in _pointer_parts(pointer))


def _put(answers: dict, pointer: str, value: Any) -> None:
    node = answers
    parts = _pointer_parts(pointer)
    for part in parts[:-1]:
        nxt = node.get(part)
        if not isinstance(nxt, dict):
            nxt = node[part] = {}
        node = nxt
    if parts:
        node.setdefault(parts[-1], value) if isinstance(value, dict) else node.__setitem__(parts[-1], value)


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _answers(text: str | bytes | None) -> tuple[dict, bool]:
    """Stored answers and whether they are damaged (not a JSON object): a damaged answer is never shown
    as an empty form that the next keystroke would save over. (A compressed current content, store v6,
    is read through ``answers_text``.)"""
    if text is not None and not isinstance(text, str):
        text = answers_text(text)
    if not text:
        return {}, False
    try:
        value = json.loads(text)
    except ValueError:
        return {}, True
    return (value, False) if isinstance(value, dict) else ({}, True)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    if getattr(exc, "store_message", None):  # office mode (wenshu.pg): already worded in Chinese
        return StoreError(exc.store_message)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(f"案件数据库“{path}”正被另一个程序占用（可能已打开另一个执法文书助手窗口）。"
                          "请关闭其他窗口后重试。")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"案件数据库“{path}”已损坏，无法读取。为保护数据，本程序未对该文件做任何改动。"
                          "请将该文件交给维护人员恢复，或从备份中还原。")
    if "readonly" in text or "unable to open" in text or "disk" in text:
        return StoreError(f"无法写入案件数据库“{path}”：请检查磁盘空间和文件夹的写入权限。")
    return StoreError(f"案件数据库“{path}”操作失败：{exc}。已保存的内容未受影响。")


class Store:
    """One open case store. Use one per thread (SQLite connections are not shared across threads)."""

    #: store v6: the current content compressed with the kinds' dictionaries, chain hashes as bytes (the
    #: office server, ``wenshu.pg.store.PgStore``, keeps plain text and hex)
    COMPACT_CURRENT = True

    def __init__(self, path: str | Path | None = None, timeout: float = 3.0, progress=None):
        """``progress(done, total)``, when given, is called while an older store is upgraded (documents
        rewritten so far, of how many; from this thread): the upgrade is one transaction, so a process
        killed during it leaves the older store exactly as it was, upgraded again at the next start."""
        self.path = Path(path) if path else default_path()
        refuse_network_store(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.create_function("answers_text", 1, answers_text, deterministic=True)
            _DICTIONARY_SOURCES.add(str(self.path))
            self._db.execute("PRAGMA foreign_keys=ON")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self._db.close()
                raise StoreError(f"案件数据库“{self.path}”由更新版本的程序创建，请升级执法文书助手后再打开。")
            if version == 0 and not self._db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
                self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file: before anything is written
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            compacted = 0
            if version < SCHEMA_VERSION:
                with self.transaction() as db:
                    if version < 1:
                        for statement in _SCHEMA.split(";"):
                            if statement.strip():
                                db.execute(statement)
                    if version < 2:
                        self._migrate_2(db, legacy=version == 1)
                    if version < 3:
                        self._migrate_3(db)
                    if version < 4:
                        self._migrate_4(db)
                    if version < 5:
                        self._migrate_5(db)
                    if version < 6:  # v5 → v6, and a v4 store's whole versions, in the same pass
                        compacted = self._migrate_6(db, progress)
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            if compacted:
                try:  # give the space of the old whole copies back to the disk (outside the migration's transaction)
                    self._db.execute("VACUUM")
                except sqlite3.Error:
                    pass  # busy or short of disk: the store is correct, only not yet smaller
            try:
                self._db.execute(_ARCHIVES)
            except sqlite3.Error:  # a read-only store still opens (and lists); archiving then says why
                pass
            load_dictionaries(self._db)
            self._publication_cache_ok = self._derived_tables()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        except OSError as exc:
            raise StoreError(f"无法打开案件数据库“{self.path}”：{oserror.reason(exc)}。") from None

    @staticmethod
    def _migrate_2(db, legacy: bool) -> None:
        for statement in _SCHEMA_2:
            db.execute(statement)
        for table in ("cases", "documents"):
            for (row_id,) in db.execute(f"SELECT id FROM {table} WHERE uid IS NULL").fetchall():
                db.execute(f"UPDATE {table} SET uid=? WHERE id=?", (new_uid(), row_id))
        for statement in _SCHEMA_2_INDEXES:
            db.execute(statement)
        if legacy:  # numbers issued to these documents are filed under their old row numbers
            rows = db.execute("SELECT d.id, d.uid, c.id, c.uid FROM documents d JOIN cases c"
                              " ON c.id=d.case_id").fetchall()
            mapping = {str(r[0]): [r[1], str(r[2]), r[3]] for r in rows}
            if mapping:
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (LEGACY_IDS_KEY, _dumps(mapping)))

    @classmethod
    def _migrate_3(cls, db) -> None:
        for statement in _SCHEMA_3:
            db.execute(statement)
        for table, cols in CHAINS.items():
            prev = CHAIN_START
            rows = db.execute(f"SELECT id, {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
            for row in rows:
                values = {c: row[c] for c in cols}
                digest = row_hash(table, values, prev)
                db.execute(f"UPDATE {table} SET prev_hash=?, row_hash=? WHERE id=?", (prev, digest, row["id"]))
                prev = digest
            cls._set_head(db, table, rows[-1]["id"] if rows else 0, prev, len(rows))
        for statement in _APPEND_ONLY:
            db.execute(statement)

    @staticmethod
    def _migrate_4(db) -> None:
        for statement in _SCHEMA_4:
            db.execute(statement)
        rows = db.execute("SELECT id, title, party, facts, created, updated FROM cases").fetchall()
        for r in rows:
            db.execute("INSERT OR REPLACE INTO case_search(case_id, text) VALUES (?,?)",
                       (r["id"], search_text(r["title"], r["party"], r["facts"], r["created"], r["updated"])))

    @staticmethod
    def _migrate_5(db) -> None:
        """The column of the compact versions; the versions themselves are rewritten by ``_migrate_6``."""
        have = {r[1] for r in db.execute("PRAGMA table_info(document_versions)").fetchall()}
        for statement in _SCHEMA_5:
            if "body" not in have:
                db.execute(statement)

    @classmethod
    def _migrate_6(cls, db, progress=None) -> int:
        """Store v6, in the caller's transaction (with the version bump): each document's current content
        compressed with its kind's dictionary, each whole version too (a version-4 row, its whole text in
        ``answers``, becomes a compact one as in v5), the chain hashes as bytes. No text and no hash value
        changes: every rewritten form is checked to give its text back (else the row keeps its old form).
        ``progress(done, total)`` once per document. How many rows were rewritten."""
        for statement in _SCHEMA_6:
            db.execute(statement)
        db.execute("DROP TRIGGER IF EXISTS document_versions_no_update")
        db.execute("DROP TRIGGER IF EXISTS rev_document_changed")  # same content: no case's revision moves
        kinds = {r[0]: r[1] for r in db.execute("SELECT id, kind FROM documents").fetchall()}
        doc_ids = [r[0] for r in db.execute("SELECT id FROM documents UNION SELECT document_id FROM"
                                            " document_versions ORDER BY 1").fetchall()]
        zdicts: dict[str, bytes | None] = {}
        done = 0
        for n, doc_id in enumerate(doc_ids):
            if progress is not None:
                progress(n, len(doc_ids))
            kind = kinds.get(doc_id)
            if kind is not None and kind not in zdicts:
                zdicts[kind] = cls._dictionary(db, kind)
            done += cls._compact_document(db, doc_id, zdicts.get(kind))
        db.execute(next(t for t in _APPEND_ONLY if "document_versions_no_update" in t))
        db.execute(next(t for t in _SCHEMA_4 if "rev_document_changed" in t))
        return done

    @staticmethod
    def _compact_document(db, doc_id: int, zdict: bytes | None) -> int:
        changed = 0
        row = db.execute("SELECT answers FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is not None and isinstance(row[0], str):
            packed = pack_answers(row[0], zdict)
            if isinstance(packed, bytes) and answers_text(packed) == row[0]:
                db.execute("UPDATE documents SET answers=? WHERE id=?", (packed, doc_id))
                changed += 1
        rows = db.execute("SELECT id, version, answers, body, prev_hash, row_hash FROM document_versions"
                          " WHERE document_id=? ORDER BY version", (doc_id,)).fetchall()
        texts = version_texts(rows)
        prev: tuple[int, str] | None = None
        for r in rows:
            text, body = texts[r["version"]], r["body"]
            new = body
            if text is not None and body is None:  # a version-4 row: its whole text in `answers`
                base = prev if prev is not None and (r["version"] - 1) % VERSION_SNAPSHOT_EVERY else None
                new = encode_version(text, base, zdict)
            elif text is not None and bytes(body[:1]) in (_WHOLE, _WHOLE_Z) and not has_dictionary(body):
                new = encode_version(text, None, zdict)
                if len(new) >= len(body):
                    new = body
            if new is not body:
                base = diff_base(new)
                try:
                    ok = decode_version(new, texts.get(base) if base is not None else None) == text
                except ValueError:
                    ok = False
                if not ok:  # never a form that does not give the text back
                    new = body if body is not None else encode_version(text)
            hashes = (_hash_blob(_hex(r["prev_hash"])), _hash_blob(_hex(r["row_hash"])))
            if new is not body or hashes != (r["prev_hash"], r["row_hash"]):
                db.execute("UPDATE document_versions SET answers=?, body=?, prev_hash=?, row_hash=? WHERE id=?",
                           ("" if new is not None else r["answers"], new, *hashes, r["id"]))
                changed += 1
            prev = None if text is None else (r["version"], text)
        return changed

    @classmethod
    def _dictionary(cls, db, kind: str) -> bytes | None:
        """The store's compression dictionary for ``kind`` (inside the caller's write transaction): the one
        kept in the store, else built from the kind's files and kept from now on. None: no dictionary."""
        if not cls.COMPACT_CURRENT or not kind:
            return None
        row = db.execute("SELECT dictionary FROM answer_dictionaries WHERE kind=? ORDER BY id LIMIT 1",
                         (kind,)).fetchone()
        if row is not None:
            zdict = bytes(row[0])
        else:
            zdict = build_dictionary(kind)
            if zdict is None:
                return None
            db.execute("INSERT INTO answer_dictionaries(kind, dictionary, created) VALUES (?,?,?)",
                       (kind, zdict, _now()))
        remember_dictionary(zdict)
        return zdict

    @classmethod
    def pack(cls, db, kind: str, text: str) -> str | bytes:
        """``documents.answers`` as written (inside the caller's transaction): compressed with the kind's
        dictionary in a v6 store, the text itself on the office server."""
        return pack_answers(text, cls._dictionary(db, kind)) if cls.COMPACT_CURRENT else text

    @classmethod
    def _kind_dictionary(cls, db, doc_id: int) -> bytes | None:
        if not cls.COMPACT_CURRENT:
            return None
        row = db.execute("SELECT kind FROM documents WHERE id=?", (doc_id,)).fetchone()
        return cls._dictionary(db, row[0]) if row is not None else None

    @staticmethod
    def _set_head(db, table: str, row_id: int, digest: str, count: int) -> None:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)",
                   (f"chain:{table}", _dumps({"id": row_id, "hash": digest, "count": count})))

    @classmethod
    def append(cls, db, table: str, values: dict) -> int:
        """Add one row to a chained history table (inside the caller's transaction); its id. A version's
        ``answers`` is its full text: hashed as such, stored compactly (``encode_version``)."""
        cols = CHAINS[table]
        head = db.execute("SELECT value FROM meta WHERE key=?", (f"chain:{table}",)).fetchone()
        head = _loads(head[0], {}) if head else {}
        prev = head.get("hash") or CHAIN_START
        digest = row_hash(table, values, prev)  # over the full text, whatever form it is stored in
        row = {c: values.get(c) for c in cols}
        row.update(prev_hash=prev, row_hash=digest)
        if table == "document_versions":
            row["body"] = cls._compact(db, values["document_id"], values["version"], values["answers"])
            row["answers"] = ""
            if cls.COMPACT_CURRENT:  # store v6: the same hashes, as their 32 bytes
                row.update(prev_hash=_hash_blob(prev), row_hash=_hash_blob(digest))
        cur = db.execute(f"INSERT INTO {table}({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                         tuple(row.values()))
        cls._set_head(db, table, int(cur.lastrowid), digest, int(head.get("count") or 0) + 1)
        return int(cur.lastrowid)

    @staticmethod
    def _version_rows(db, doc_id: int, upto: int | None = None) -> list:
        """One document's stored versions (up to ``upto``), from its last whole one: enough to rebuild them."""
        cond = "" if upto is None else " AND version<=?"
        params = (doc_id,) if upto is None else (doc_id, upto)
        start = db.execute("SELECT max(version) FROM document_versions WHERE document_id=?" + cond
                           + " AND (body IS NULL OR substr(body, 1, 1) IN (x'66', x'46'))", params).fetchone()[0]
        return db.execute("SELECT version, answers, body FROM document_versions WHERE document_id=?" + cond
                          + " AND version>=? ORDER BY version", (*params, start or 0)).fetchall()

    @classmethod
    def _compact(cls, db, doc_id: int, version: int, text: str) -> bytes:
        """``text`` as stored for this version: a difference to the document's previous version, or whole
        every ``VERSION_SNAPSHOT_EVERY`` versions (and when no earlier one can be read)."""
        zdict = cls._kind_dictionary(db, doc_id)
        if (version - 1) % VERSION_SNAPSHOT_EVERY == 0:
            return encode_version(text, None, zdict)
        last = db.execute("SELECT max(version) FROM document_versions WHERE document_id=? AND version<?",
                          (doc_id, version)).fetchone()[0]
        prev = None if last is None else cls._text_of(db, doc_id, last)
        return encode_version(text, None if prev is None else (last, prev), zdict)

    @classmethod
    def _text_of(cls, db, doc_id: int, version: int) -> str | None:
        texts = version_texts(cls._version_rows(db, doc_id, version))
        if texts.get(version) is None and version in texts:  # a base before the last whole one (an import
            texts = version_texts(db.execute(  # written out of order): every earlier row read
                "SELECT version, answers, body FROM document_versions WHERE document_id=? AND version<=?",
                (doc_id, version)).fetchall())
        return texts.get(version)

    def version_text(self, doc_id: int, version: int) -> str | None:
        """The full stored text of one version (None when there is none or it cannot be rebuilt)."""
        try:
            return self._text_of(self._db, doc_id, version)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def verify_history(self, since: dict | None = None) -> list[dict]:
        """Problems of the append-only history: ``[{"table", "id", "code", "message"}]`` (Chinese), empty
        when every version and printed record is as it was written. With ``since`` (``history_seal``:
        ``{table: {"id", "hash", "count"}}`` of rows unchanged byte for byte since a complete check found them
        intact) only the rows after them are checked in full, the chain going on from the sealed row."""
        problems: list[dict] = []
        names = {"document_versions": "保存版本", "printed_versions": "生成记录"}
        docs: dict[int, tuple[str, str]] = {}

        def named(row_id: int) -> str:  # read when a problem is found (not a table of every document)
            if row_id not in docs:
                found = self._query("SELECT uid, kind FROM documents WHERE id=?", (row_id,))
                docs[row_id] = (found[0]["uid"], found[0]["kind"]) if found else ("", "")
            uid, kind = docs[row_id]
            try:
                from templates.kinds import get_kind

                title = get_kind(kind).title
            except Exception:  # an unknown kind is named by its id alone
                title = ""
            return f"《{title}》（{uid[:8]}）" if title and uid else (f"文书 {uid[:8]}" if uid else "已不存在的文书")

        def where(row: Any, what: str) -> str:
            return f"{named(row['document_id'])}第 {row['version']} 版的{what}（第 {row['id']} 条）"
        for table, cols in CHAINS.items():
            what = names[table]
            sealed = (since or {}).get(table) or {"id": 0, "hash": CHAIN_START, "count": 0}
            prev = sealed["hash"]
            if table == "document_versions":  # each text rebuilt (document by document) and hashed in full
                altered = self._altered_versions(sealed["id"])
                sql, chained = ("SELECT id, document_id, version, prev_hash, row_hash FROM document_versions"
                                " WHERE id > ? ORDER BY id"), False
            else:
                sql, chained = (f"SELECT id, {', '.join(cols)}, prev_hash, row_hash FROM {table} WHERE id > ?"
                                " ORDER BY id"), True
                altered = set()
            added, last_hash = 0, (sealed["hash"] if sealed["count"] else None)
            try:
                cursor = self._db.execute(sql, (sealed["id"],))  # row by row: hundreds of thousands of versions
                for row in cursor:
                    if chained and _hex(row["row_hash"]) != row_hash(table, {c: row[c] for c in cols},
                                                                     row["prev_hash"] or CHAIN_START):
                        altered.add(row["id"])
                    if _hex(row["prev_hash"]) != prev:
                        problems.append({"table": table, "id": row["id"], "code": "history.row_missing",
                                         "message": f"{where(row, what)}之前的记录被删除或替换。"})
                    if row["id"] in altered:
                        problems.append({"table": table, "id": row["id"], "code": "history.row_altered",
                                         "message": f"{where(row, what)}的内容在保存后被改动。"})
                    prev = _hex(row["row_hash"]) or ""
                    added, last_hash = added + 1, _hex(row["row_hash"])
            except sqlite3.Error as exc:
                raise _translate(exc, self.path) from None
            head = self.meta(f"chain:{table}") or {}
            count = sealed["count"] + added
            if head and (head.get("count") != count or (last_hash is not None and head.get("hash") != last_hash)
                         or (last_hash is None and head.get("count"))):
                problems.append({"table": table, "id": head.get("id"), "code": "history.rows_deleted",
                                 "message": f"{what}共应有 {head.get('count')} 条，现有 {count} 条：有记录被删除。"})
        return problems

    def _altered_versions(self, after: int = 0) -> set[int]:
        """Ids of the version rows (after row ``after``) whose chain hash does not match their full (rebuilt)
        text; the earlier versions of their documents are read too, as the bases of their differences."""
        cols = CHAINS["document_versions"]
        altered: set[int] = set()
        try:
            where = "" if not after else (" WHERE document_id IN (SELECT DISTINCT document_id FROM document_versions"
                                          " WHERE id > ?)")
            cursor = self._db.execute(f"SELECT id, {', '.join(cols)}, prev_hash, row_hash, body FROM document_versions"
                                      f"{where} ORDER BY document_id, version", (after,) if after else ())
            doc, batch = None, []
            for row in itertools.chain(cursor, [None]):  # one document's versions in memory at a time
                if batch and (row is None or row["document_id"] != doc):
                    texts = version_texts(batch)
                    for r in batch:
                        if r["id"] <= after:
                            continue
                        values = {c: r[c] for c in cols} | {"answers": texts.get(r["version"])}
                        if values["answers"] is None or _hex(r["row_hash"]) != row_hash(
                                "document_versions", values, r["prev_hash"] or CHAIN_START):
                            altered.add(r["id"])
                    batch = []
                if row is not None:
                    doc = row["document_id"]
                    batch.append(row)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        return altered

    # --- the start's history check without reading every version again (issue 17) ---------------
    #: ``meta`` key of the seal: per chained table, the last row, the row count and a SHA-256 of every byte
    #: stored in its rows (all columns, in id order) when a complete check last found the history intact.
    SEAL_KEY = "history_seal"
    #: Whether this store keeps the seal (the office server checks its own history: ``wenshu.pg``).
    HISTORY_SEAL = True

    def history_seal(self) -> tuple[dict | None, dict]:
        """``(since, seal)``: ``since`` is the stored seal (``verify_history``'s argument) when every row it
        covers is still byte for byte as it was, else None (check everything: a row changed — or the seal
        is missing, or from another schema or Python); ``seal`` is the seal of every row now, to keep with
        ``keep_history_seal`` once the check of the newer rows finds nothing. One pass over the rows' stored
        values (``marshal`` of each row, every column; no text rebuilt, no chain hash computed), a batch at a
        time: a few seconds of a background thread where the complete check takes tens at 10,000 cases."""
        old = self.meta(self.SEAL_KEY) if self.HISTORY_SEAL else None
        form = f"{SCHEMA_VERSION}/{marshal.version}"
        tables = old.get("tables") if isinstance(old, dict) and old.get("form") == form else None
        since: dict | None = {} if isinstance(tables, dict) else None
        seal: dict = {"form": form, "tables": {}}
        dump = marshal.dumps
        for table in CHAINS:
            mark = tables.get(table) if since is not None else None
            if since is not None and not isinstance(mark, dict):
                since = None
            columns = [r["name"] for r in self._query(f"PRAGMA table_info({table})")]
            digest = hashlib.sha256(",".join(columns).encode())
            count, last_id, last_hash, checked = 0, 0, CHAIN_START, mark is None
            id_at, hash_at = columns.index("id"), columns.index("row_hash")
            try:
                cursor = self._db.cursor()
                cursor.row_factory = None  # plain tuples
                cursor.execute(f"SELECT * FROM {table} ORDER BY id")
                while batch := cursor.fetchmany(1000):
                    if not checked and batch[-1][id_at] > mark["id"]:
                        split = next(i for i, r in enumerate(batch) if r[id_at] > mark["id"])
                        digest.update(b"".join(map(dump, batch[:split])))
                        count += split
                        checked = True
                        if count != mark.get("count") or digest.hexdigest() != mark.get("digest"):
                            since = None
                        batch = batch[split:]
                    digest.update(b"".join(map(dump, batch)))
                    count += len(batch)
                    last_id, last_hash = batch[-1][id_at], _hex(batch[-1][hash_at]) or ""
            except sqlite3.Error as exc:
                raise _translate(exc, self.path) from None
            if not checked and (count != mark.get("count") or digest.hexdigest() != mark.get("digest")):
                since = None
            if since is not None:
                since[table] = {"id": mark["id"], "hash": mark["hash"], "count": mark["count"]}
            seal["tables"][table] = {"id": last_id, "hash": last_hash, "count": count, "digest": digest.hexdigest()}
        return since, seal

    def keep_history_seal(self, seal: dict) -> None:
        """Keep the seal of a history just found intact (derived data: a read-only store keeps none)."""
        if not self.HISTORY_SEAL:
            return
        try:
            self.set_meta(self.SEAL_KEY, seal)
        except StoreError:
            pass  # the next start checks everything again

    def meta(self, key: str) -> Any:
        rows = self._query("SELECT value FROM meta WHERE key=?", (key,))
        return _loads(rows[0]["value"], None) if rows else None

    def set_meta(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM meta WHERE key=?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, _dumps(value)))

    # --- plumbing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction: everything inside commits together or not at all (inside ``bulk()``
        it is part of the bulk transaction)."""
        db = _TxCursor(self._db)
        if getattr(self, "_bulk", False):
            yield db
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield db
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise _translate(exc, self.path) from None
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise _translate(exc, self.path) from None

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many writes as one transaction (imports, the benchmark's store generator)."""
        with self.transaction():
            self._bulk = True
            try:
                yield
            finally:
                self._bulk = False

    def _query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass

    # --- cases ----------------------------------------------------------------------------------
    def create_case(self, title: str, party: dict | None = None, facts: dict | None = None,
                    uid: str | None = None) -> int:
        now = _now()
        with self.transaction() as db:
            cur = db.execute("INSERT INTO cases(uid, title, party, facts, created, updated) VALUES (?,?,?,?,?,?)",
                             (uid or new_uid(), title, _dumps(party or {}), _dumps(facts or {}), now, now))
            db.execute("INSERT INTO case_search(case_id, text) VALUES (?,?)",
                       (cur.lastrowid, search_text(title, party or {}, facts or {}, now, now)))
            return int(cur.lastrowid)

    def update_case(self, case_id: int, *, title: str | None = None, party: dict | None = None,
                    facts: dict | None = None) -> None:
        sets, params = ["updated=?"], [_now()]
        for column, value in (("title", title), ("party", party), ("facts", facts)):
            if value is not None:
                sets.append(f"{column}=?")
                params.append(value if isinstance(value, str) else _dumps(value))
        with self.transaction() as db:
            db.execute(f"UPDATE cases SET {', '.join(sets)} WHERE id=?", (*params, case_id))
            self.refresh_search(db, case_id)

    def _case(self, row: sqlite3.Row) -> dict:
        return {"id": row["id"], "uid": row["uid"], "title": row["title"], "party": _loads(row["party"], {}),
                "facts": _loads(row["facts"], {}), "created": row["created"], "updated": row["updated"],
                "rev": row["rev"]}

    def get_case(self, case_id: int) -> dict | None:
        rows = self._query("SELECT * FROM cases WHERE id=?", (case_id,))
        return self._case(rows[0]) if rows else None

    def list_cases(self, search: str = "", limit: int | None = None, offset: int = 0) -> list[dict]:
        """Cases newest first; ``search`` matches title, party, case number or a date (2026-11 …): every
        word given must occur. Searched in SQL (the narrow ``case_search`` table); ``limit``/``offset`` page it."""
        where, params = self._search_where(search)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._query(f"SELECT * FROM cases{where} ORDER BY created DESC, id DESC{page}", params)
        return [self._case(r) for r in rows]

    def case_rows(self, search: str = "", limit: int | None = None, offset: int = 0) -> list[dict]:
        """What the case list shows of each case (no facts decoded): ``{"id", "uid", "title", "party_name",
        "created", "updated"}``, newest first, searched and paged like ``list_cases``."""
        where, params = self._search_where(search)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        recent = self._recent_matches(search, int(limit) + int(offset)) if where and limit is not None else None
        rows = recent[int(offset):] if recent is not None else self._query(
            "SELECT id, uid, title, json_extract(party, '$.name') AS party_name, created, updated"
            f" FROM cases{where} ORDER BY created DESC, id DESC{page}", params)
        return [{"id": r["id"], "uid": r["uid"], "title": r["title"],
                 "party_name": r["party_name"] if isinstance(r["party_name"], str) else "",
                 "created": r["created"], "updated": r["updated"]} for r in rows]

    def refresh_search(self, db, case_id: int) -> None:
        """Recompute one case's search text (inside the caller's transaction; the case import uses it)."""
        r = db.execute("SELECT title, party, facts, created, updated FROM cases WHERE id=?", (case_id,)).fetchone()
        if r is not None:
            db.execute("INSERT OR REPLACE INTO case_search(case_id, text) VALUES (?,?)",
                       (case_id, search_text(r["title"], r["party"], r["facts"], r["created"], r["updated"])))

    def count_cases(self, search: str = "") -> int:
        where, params = self._search_where(search)
        return int(self._query(f"SELECT count(*) FROM cases{where}", params)[0][0])

    @staticmethod
    def _search_where(search: str) -> tuple[str, tuple]:
        words = (search or "").strip().lower().split()
        if not words:
            return "", ()
        match = " AND ".join(["text LIKE ? ESCAPE '\\'"] * len(words))
        return f" WHERE id IN (SELECT case_id FROM case_search WHERE {match})", tuple(_like(w) for w in words)

    #: A search first looks among this many newest cases: a common word fills its page there at once
    SEARCH_RECENT = 1000

    def _recent_matches(self, search: str, wanted: int) -> list | None:
        """The first ``wanted`` matches of the search (newest first) when they are all among the
        ``SEARCH_RECENT`` newest cases (else None): a page of a common word without every matching case
        read and sorted."""
        words = (search or "").strip().lower().split()
        match = " AND ".join(["s.text LIKE ? ESCAPE '\\'"] * len(words))
        rows = self._query(
            f"WITH recent AS (SELECT id, created FROM cases ORDER BY created DESC, id DESC LIMIT {self.SEARCH_RECENT})"
            " SELECT c.id, c.uid, c.title, json_extract(c.party, '$.name') AS party_name, c.created, c.updated"
            f" FROM recent r JOIN cases c ON c.id=r.id WHERE EXISTS (SELECT 1 FROM case_search s WHERE"
            f" s.case_id=r.id AND {match}) ORDER BY r.created DESC, r.id DESC LIMIT {int(wanted)}",
            tuple(_like(w) for w in words))
        return rows if len(rows) >= wanted else None

    def is_empty(self) -> bool:
        return not self._query("SELECT 1 FROM cases LIMIT 1")

    # --- documents ------------------------------------------------------------------------------
    def add_document(self, case_id: int, kind: str, answers: dict | None = None, state: str = DRAFT,
                     uid: str | None = None) -> int:
        now = _now()
        answers = answers or {}
        with self.transaction() as db:
            cur = db.execute("INSERT INTO documents(uid, case_id, kind, answers, state, version, created, updated)"
                             " VALUES (?,?,?,?,?,1,?,?)",
                             (uid or new_uid(), case_id, kind, self.pack(db, kind, _dumps(answers)), state, now, now))
            doc_id = int(cur.lastrowid)
            self.append(db, "document_versions", {"document_id": doc_id, "version": 1, "answers": _dumps(answers),
                                                  "reason": None, "saved": now})
            db.execute("UPDATE cases SET updated=? WHERE id=?", (now, case_id))
            return doc_id

    def save_document(self, doc_id: int, answers: dict, state: str | None = None,
                      reason: str | None = None) -> int:
        """Save the answers as a new version (answers unchanged since the last version add none); returns
        the current version. Ends the document's editing session (``autosave_document``).

        ``reason`` records why a printed document was changed (纠错).
        """
        now = _now()
        text = _dumps(answers)
        with self.transaction() as db:
            row = db.execute("SELECT kind, version, state, case_id FROM documents WHERE id=?",
                             (doc_id,)).fetchone()
            if row is None:
                raise StoreError("要保存的文书已不存在（可能已被删除），请重新打开案件。")
            version = self._append_version(db, doc_id, row["version"], text, reason, now)
            db.execute("UPDATE documents SET answers=?, version=?, state=?, updated=?, session=NULL WHERE id=?",
                       (self.pack(db, row["kind"], text), version, state or row["state"], now, doc_id))
            db.execute("UPDATE cases SET updated=? WHERE id=?", (now, row["case_id"]))
            return version

    def _append_version(self, db, doc_id: int, version: int, text: str, reason: str | None, now: str) -> int:
        """A new version row when ``text`` differs from the last version's (or a reason is given)."""
        last = self._text_of(db, doc_id, version)
        if last is None or last != text or reason:
            version += 1
            self.append(db, "document_versions", {"document_id": doc_id, "version": version, "answers": text,
                                                  "reason": reason, "saved": now})
        return version

    def autosave_document(self, doc_id: int, answers: dict, state: str | None = None) -> int:
        """The editor's autosave (at least once a second while typing): the answers are the document's
        current content at once (``documents.answers``, one committed transaction — at most a second of
        typing is ever at risk), but the keystrokes of one editing session do not each add a version:
        the session's first autosave adds one, the next ones only update the current content, and
        ``end_session`` (editor closed, document left, generated, saved explicitly, or the next autosave
        after a pause of ``SESSION_PAUSE_SECONDS``) adds the session's last state. The history thus grows
        by at most two versions per session, not one per keystroke; nothing in it is ever rewritten.
        Returns the current version."""
        now = _now()
        text = _dumps(answers)
        with self.transaction() as db:
            row = db.execute("SELECT answers, kind, version, state, case_id, session, updated FROM documents"
                             " WHERE id=?", (doc_id,)).fetchone()
            if row is None:
                raise StoreError("要保存的文书已不存在（可能已被删除），请重新打开案件。")
            version, session = row["version"], row["session"]
            current = answers_text(row["answers"])
            if session is not None and _seconds_between(row["updated"], now) > SESSION_PAUSE_SECONDS:
                version = self._append_version(db, doc_id, version, current, None, row["updated"])
                session = None  # the earlier session ended with the pause; this keystroke starts a new one
            if current == text and session is not None:
                return version
            if session is None:
                version = self._append_version(db, doc_id, version, text, None, now)
                session = now
            db.execute("UPDATE documents SET answers=?, version=?, state=?, updated=?, session=? WHERE id=?",
                       (self.pack(db, row["kind"], text), version, state or row["state"], now, session, doc_id))
            db.execute("UPDATE cases SET updated=? WHERE id=?", (now, row["case_id"]))
            return version

    def end_session(self, doc_id: int) -> int | None:
        """End the document's editing session: its current content becomes a version (when it differs
        from the last one). Returns the current version (None for a document that is not there)."""
        with self.transaction() as db:
            row = db.execute("SELECT answers, version, session, updated FROM documents WHERE id=?",
                             (doc_id,)).fetchone()
            if row is None:
                return None
            if row["session"] is None:
                return row["version"]
            version = self._append_version(db, doc_id, row["version"], answers_text(row["answers"]), None,
                                           row["updated"])
            db.execute("UPDATE documents SET version=?, session=NULL WHERE id=?", (version, doc_id))
            return version

    def open_sessions(self) -> list[int]:
        """Documents whose editing session was not ended (the app was closed, killed or lost power)."""
        return [r["id"] for r in self._query("SELECT id FROM documents WHERE session IS NOT NULL")]

    def end_sessions(self) -> int:
        """End every session left open (at the app's start): each becomes its version. How many."""
        ids = self.open_sessions()
        for doc_id in ids:
            self.end_session(doc_id)
        return len(ids)

    def set_state(self, doc_id: int, state: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET state=? WHERE id=?", (state, doc_id))

    def withdraw_document(self, doc_id: int, reason: str) -> None:
        """作废: the document is hidden from the procedure but kept, with every version and printed copy."""
        now = _now()
        with self.transaction() as db:
            db.execute("UPDATE documents SET withdrawn_reason=?, withdrawn_at=?, updated=? WHERE id=?",
                       (reason, now, now, doc_id))
            db.execute("UPDATE cases SET updated=? WHERE id=(SELECT case_id FROM documents WHERE id=?)",
                       (now, doc_id))

    def _document(self, row: sqlite3.Row) -> dict:
        answers, damaged = _answers(row["answers"])
        return {"id": row["id"], "uid": row["uid"], "case_id": row["case_id"], "kind": row["kind"],
                "answers": answers, "damaged": damaged, "state": row["state"], "version": row["version"],
                "created": row["created"], "updated": row["updated"],
                "withdrawn_reason": row["withdrawn_reason"], "withdrawn_at": row["withdrawn_at"]}

    def get_document(self, doc_id: int) -> dict | None:
        rows = self._query("SELECT * FROM documents WHERE id=?", (doc_id,))
        return self._document(rows[0]) if rows else None

    def documents(self, case_id: int, *, withdrawn: bool = True) -> list[dict]:
        """The case's documents in the order they were added; ``withdrawn=False`` leaves out 作废 ones."""
        where = "" if withdrawn else " AND withdrawn_at IS NULL"
        rows = self._query(f"SELECT * FROM documents WHERE case_id=?{where} ORDER BY id", (case_id,))
        return [self._document(r) for r in rows]

    # --- stable ids -----------------------------------------------------------------------------
    def ids_starting(self, table: str, prefix: str) -> list[tuple[int, str]]:
        """``[(row id, uid)]`` of the cases or documents whose UUID starts with ``prefix`` (lower case)."""
        if table not in ("cases", "documents"):
            raise ValueError(table)
        text = prefix.strip().lower().replace("%", "").replace("_", "")
        # a range on the unique index (a LIKE would read every row: ids are looked up on every autosave)
        rows = self._query(f"SELECT id, uid FROM {table} WHERE uid >= ? AND uid < ? ORDER BY id",
                           (text, text + "\uffff"))
        return [(r["id"], r["uid"]) for r in rows if r["uid"].startswith(text)]

    def case_row(self, uid: str) -> int | None:
        rows = self._query("SELECT id FROM cases WHERE uid=?", (uid,))
        return rows[0]["id"] if rows else None

    def versions(self, doc_id: int) -> list[dict]:
        rows = self._query("SELECT * FROM document_versions WHERE document_id=? ORDER BY version", (doc_id,))
        texts = version_texts(rows)
        out = []
        for r in rows:
            text = texts.get(r["version"])
            answers, damaged = _answers(text) if text is not None else ({}, True)
            out.append({"version": r["version"], "answers": answers, "damaged": damaged, "reason": r["reason"],
                        "saved": r["saved"]})
        return out

    def version_count(self, doc_id: int) -> int:
        """How many versions the document has (the history list pages through them)."""
        return int(self._query("SELECT count(*) FROM document_versions WHERE document_id=?", (doc_id,))[0][0])

    def version_page(self, doc_id: int, limit: int, offset: int = 0) -> list[dict]:
        """``versions()`` one page at a time, newest first: ``{"version", "reason", "saved", "readable"}``
        (``readable``: the text can be rebuilt and is a JSON object; the texts themselves are not returned)."""
        rows = self._query("SELECT version, reason, saved FROM document_versions WHERE document_id=?"
                           f" ORDER BY version DESC LIMIT {int(limit)} OFFSET {int(offset)}", (doc_id,))
        out = []
        for r in rows:
            text = self.version_text(doc_id, r["version"])
            out.append({**dict(r), "readable": text is not None and not _answers(text)[1]})
        return out

    def version_answers(self, doc_id: int, version: int) -> dict | None:
        text = self.version_text(doc_id, version)
        if text is None:
            return None
        answers, damaged = _answers(text)
        return None if damaged else answers

    # --- printed copies -------------------------------------------------------------------------
    def record_printed(self, doc_id: int, version: int, path: str | Path, fingerprint: str,
                       who: str = "", sha256: str = "") -> None:
        now = _now()
        with self.transaction() as db:
            self.append(db, "printed_versions", {"document_id": doc_id, "version": version, "path": str(path),
                                                 "fingerprint": fingerprint, "sha256": sha256, "printed": now,
                                                 "who": who})
            db.execute("UPDATE documents SET state=?, updated=? WHERE id=? AND version=?",
                       (GENERATED, now, doc_id, version))

    def printed(self, doc_id: int) -> list[dict]:
        rows = self._query("SELECT * FROM printed_versions WHERE document_id=? ORDER BY id", (doc_id,))
        return [{"version": r["version"], "path": r["path"], "fingerprint": r["fingerprint"],
                 "sha256": r["sha256"], "printed": r["printed"], "who": r["who"]} for r in rows]

    def printed_records(self) -> list[dict]:
        """Every printed record of the store with its document's uid and kind (for ``store verify``)."""
        rows = self._query("SELECT p.*, d.uid, d.kind FROM printed_versions p JOIN documents d"
                           " ON d.id=p.document_id ORDER BY p.id")
        return [{"document_row": r["document_id"], "document_id": r["uid"], "kind": r["kind"],
                 "version": r["version"], "fingerprint": r["fingerprint"], "sha256": r["sha256"],
                 "path": r["path"], "id": r["id"]} for r in rows]

    def find_fingerprint(self, fingerprint: str) -> list[dict]:
        """Which saved version a paper copy with this fingerprint came from."""
        rows = self._query("SELECT p.*, d.case_id, d.kind FROM printed_versions p JOIN documents d"
                           " ON d.id=p.document_id WHERE p.fingerprint=?", (fingerprint.strip().upper(),))
        return [{"document_id": r["document_id"], "case_id": r["case_id"], "kind": r["kind"],
                 "version": r["version"], "path": r["path"], "printed": r["printed"], "sha256": r["sha256"],
                 "fingerprint": r["fingerprint"]} for r in rows]

    # --- archives (the case file, DOMAIN.md §14) ---------------------------------------------------
    def archive_record(self, case_id: int) -> dict | None:
        rows = self._query("SELECT * FROM archives WHERE case_id=?", (case_id,))
        return dict(rows[0]) if rows else None

    def reserve_archive_number(self, case_id: int, year: int) -> dict:
        """The case's 归档号: the one it already holds, else the next of ``year`` (never one given before)."""
        with self.transaction() as db:
            row = db.execute("SELECT * FROM archives WHERE case_id=?", (case_id,)).fetchone()
            if row is not None:
                return dict(row)
            key = f"archive_seq:{year}"
            high = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            used = db.execute("SELECT MAX(seq) FROM archives WHERE year=?", (year,)).fetchone()[0] or 0
            seq = max(int(_loads(high[0], 0)) if high else 0, int(used)) + 1
            if seq > 9999:
                raise StoreError(f"{year}年的归档号已用完（最多9999个）。")
            number = f"{year}{seq:04d}"
            db.execute("INSERT INTO archives(case_id, year, seq, archive_no, reserved) VALUES (?,?,?,?,?)",
                       (case_id, year, seq, number, _now()))
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, _dumps(seq)))
            return dict(db.execute("SELECT * FROM archives WHERE case_id=?", (case_id,)).fetchone())

    def mark_archived(self, case_id: int, day: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE archives SET archived_on=? WHERE case_id=? AND archived_on IS NULL", (day, case_id))

    # --- events (dates for deadlines) -----------------------------------------------------------
    def add_event(self, case_id: int, kind: str, date: str, note: str = "", document_id: int | None = None) -> int:
        with self.transaction() as db:
            cur = db.execute("INSERT INTO events(case_id, kind, date, note, document_id) VALUES (?,?,?,?,?)",
                             (case_id, kind, date, note, document_id))
            return int(cur.lastrowid)

    def events(self, case_id: int) -> list[dict]:
        rows = self._query("SELECT * FROM events WHERE case_id=? ORDER BY date, id", (case_id,))
        return [dict(r) for r in rows]

    # --- the agenda over every case (one query, cached per case) --------------------------------
    def agenda_cases(self, key: str, until: str | None = None) -> list[dict]:
        """The cases as the agenda needs them: ``{"id", "uid", "title", "rev", "cached"}`` where ``cached``
        is ``(events, completed)`` when the agenda cache holds this case's revision under ``key`` (the
        kinds' event declarations, the calendar, the period settings), else None. With ``until`` (an ISO
        day), a case whose cached open deadlines all fall after it is left out: it has nothing for today."""
        where, params = "", (key,)
        if until is not None:
            where = (" WHERE a.case_id IS NULL OR a.rev != c.rev OR a.key != ? OR a.next_due = '!'"
                     " OR (a.next_due != '' AND a.next_due <= ?)")
            params = (key, key, until)
        rows = self._query("SELECT c.id, c.uid, c.title, c.rev, a.rev AS cached_rev, a.key = ? AS same_key, a.events,"
                           f" a.completed FROM cases c LEFT JOIN agenda_cache a ON a.case_id=c.id{where} ORDER BY c.id",
                           params)
        out = []
        for r in rows:
            hit = r["cached_rev"] == r["rev"] and r["same_key"] == 1
            out.append({"id": r["id"], "uid": r["uid"], "title": r["title"], "rev": r["rev"],
                        "cached": (_loads(r["events"], {}), _loads(r["completed"], [])) if hit else None})
        return out

    def live_documents_of(self, case_ids: list[int]) -> dict[int, list[dict]]:
        """``{case_id: [{"kind", "answers"}]}`` of the live (not withdrawn) documents of these cases, in one
        query per 500 cases."""
        out: dict[int, list[dict]] = {c: [] for c in case_ids}
        for i in range(0, len(case_ids), 500):
            chunk = case_ids[i:i + 500]
            rows = self._query(f"SELECT case_id, kind, answers FROM documents WHERE withdrawn_at IS NULL AND case_id"
                               f" IN ({','.join('?' * len(chunk))}) ORDER BY id", tuple(chunk))
            for r in rows:
                out[r["case_id"]].append({"kind": r["kind"], "answers": _answers(r["answers"])[0]})
        return out

    def live_fields_of(self, case_ids: list[int], pointers: dict[str, list[str]]) -> dict[int, list[dict]]:
        """Like ``live_documents_of``, but each document's answers hold only the values at ``pointers``
        of its kind (JSON Pointers, RFC 6901), read by SQLite's JSON functions: the rest of the answers is
        never decoded (the agenda of ten thousand cases reads a few dates of each). Documents of kinds
        not in ``pointers`` are left out; a damaged answer gives an empty one."""
        out: dict[int, list[dict]] = {c: [] for c in case_ids}
        wanted = set(case_ids)
        every = list(dict.fromkeys(p for ptrs in pointers.values() for p in ptrs))
        if not every:
            return out
        kinds = {k: [every.index(p) for p in dict.fromkeys(ptrs)] for k, ptrs in pointers.items() if ptrs}
        parts = [_pointer_parts(p) for p in every]
        loads = json.loads
        # one pass, one json_extract with every path: each document's JSON is parsed once and the values
        # come back as one JSON array (a missing field is null there, as a blank one); two paths at least,
        # since with one json_extract gives the bare value, not JSON
        base = (f"SELECT case_id, kind, json_extract(answers_text(answers), '$.\"\"', {', '.join('?' * len(every))})"
                f" FROM documents WHERE withdrawn_at IS NULL AND kind IN ({','.join('?' * len(kinds))})")
        chunks = [None] if len(case_ids) > 2000 else [case_ids[i:i + 500] for i in range(0, len(case_ids), 500)]
        for chunk in chunks:
            where = "" if chunk is None else f" AND case_id IN ({','.join('?' * len(chunk))})"
            params = (*(_json_path(p) for p in every), *kinds, *(chunk or ()))
            try:
                rows = self._db.execute(base + where + " ORDER BY id", params).fetchall()
            except sqlite3.Error:  # a damaged answer somewhere: these documents read one by one
                rows = self._fields_one_by_one(base, where, params, len(every))
            for case_id, kind, text in rows:
                if case_id not in wanted:
                    continue
                try:
                    values = loads(text)[1:]
                except (TypeError, ValueError):
                    values = []
                answers: dict = {}
                for i in kinds[kind]:
                    value = values[i] if i < len(values) else None
                    if value is None:
                        continue
                    path = parts[i]
                    if len(path) == 1:
                        answers[path[0]] = value
                    else:
                        _put(answers, every[i], value)
                out[case_id].append({"kind": kind, "answers": answers})
        return out

    def _fields_one_by_one(self, base: str, where: str, params: tuple, n: int) -> list[tuple]:
        """The rows of ``live_fields_of`` document by document, leaving out those whose JSON is damaged."""
        kinds_and_chunk = params[n:]
        ids = self._query("SELECT id FROM documents WHERE withdrawn_at IS NULL AND kind IN"
                          + base.rsplit(" kind IN", 1)[1] + where, kinds_and_chunk)
        k = base.rsplit(" kind IN", 1)[1].count("?")
        rows = []
        for (doc_id,) in ids:
            try:
                rows += self._db.execute(base + " AND id=?", (*params[:n + k], doc_id)).fetchall()
            except sqlite3.Error:
                continue  # damaged: it dates nothing (as a damaged answer read in full would)
        return rows

    def _db_rows(self, sql: str, params: tuple) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def events_of(self, case_ids: list[int]) -> dict[int, list[dict]]:
        out: dict[int, list[dict]] = {c: [] for c in case_ids}
        for i in range(0, len(case_ids), 500):
            chunk = case_ids[i:i + 500]
            rows = self._query(f"SELECT * FROM events WHERE case_id IN ({','.join('?' * len(chunk))})"
                               " ORDER BY date, id", tuple(chunk))
            for r in rows:
                out[r["case_id"]].append(dict(r))
        return out

    def cache_agenda(self, entries: list[tuple]) -> None:
        """Keep ``(case_id, rev, key, events, completed, next_due)`` for the next agenda (derived data)."""
        if not entries:
            return
        try:
            with self.transaction() as db:
                for case_id, rev, key, events, completed, next_due in entries:
                    db.execute("INSERT OR REPLACE INTO agenda_cache(case_id, rev, key, events, completed, next_due)"
                               " VALUES (?,?,?,?,?,?)", (case_id, rev, key, _dumps(events), _dumps(completed), next_due))
        except StoreError:
            pass  # a busy or read-only store: the agenda is right, only the next one is slower

    # --- officers (the roster; see wenshu.roster) -----------------------------------------------
    def officers_stamp(self) -> str:
        """Changes whenever the roster does (a cheap read: the roster is cached on it)."""
        rows = self._query("SELECT group_concat(cert_no || '|' || name || '|' || unit || '|' || ifnull(valid_until, ''),"
                           " ';') FROM (SELECT * FROM officers ORDER BY cert_no)")
        return rows[0][0] or ""

    def officers(self) -> list[dict]:
        rows = self._query("SELECT * FROM officers ORDER BY unit, name")
        return [dict(r) for r in rows]

    def put_officer(self, name: str, cert_no: str, unit: str = "", valid_until: str | None = None) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO officers(cert_no, name, unit, valid_until) VALUES (?,?,?,?)"
                       " ON CONFLICT(cert_no) DO UPDATE SET name=excluded.name, unit=excluded.unit,"
                       " valid_until=excluded.valid_until", (cert_no, name, unit, valid_until))

    def replace_officers(self, officers: list[dict]) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM officers")
            for o in officers:
                db.execute("INSERT OR REPLACE INTO officers(cert_no, name, unit, valid_until) VALUES (?,?,?,?)",
                           (o["cert_no"], o["name"], o.get("unit", ""), o.get("valid_until") or None))

    def delete_officer(self, cert_no: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM officers WHERE cert_no=?", (cert_no,))

    # --- issue 12: documents of some kinds across cases (the one-time upgrades of earlier shapes) ------
    def live_documents_of_kinds(self, kinds: list[str]) -> list[dict]:
        """Every live (not withdrawn) document of these kinds, in the order added."""
        if not kinds:
            return []
        rows = self._query(f"SELECT * FROM documents WHERE withdrawn_at IS NULL AND kind IN ({','.join('?' * len(kinds))})"
                           " ORDER BY id", tuple(kinds))
        return [self._document(r) for r in rows]


    # --- 公示台账 and the agency's 今日待办 in a few queries (issue 17, round 3; wenshu.publication) ----------
    def issued_decisions(self, kinds: tuple[str, ...]) -> list[dict]:
        """The live (not 作废) documents of ``kinds`` with a printed copy: ``{"document_row", "case_id", "kind",
        "document_id",
        "version"}`` (the highest version printed), by case, then in the order the documents were added."""
        if not kinds:
            return []
        rows = self._query("SELECT d.id, d.uid, d.case_id, d.kind, max(CAST(p.version AS INTEGER)) AS version"
                           # CROSS JOIN: from the printed records (few) to their documents, not every document scanned
                           " FROM printed_versions p CROSS JOIN documents d ON d.id=p.document_id"
                           f" WHERE d.kind IN ({','.join('?' * len(kinds))}) AND d.withdrawn_at IS NULL"
                           " GROUP BY d.id ORDER BY d.case_id, d.id", tuple(kinds))
        return [{"document_row": r["id"], "document_id": r["uid"], "case_id": r["case_id"], "kind": r["kind"],
                 "version": r["version"]} for r in rows]

    def publication_cases(self, case_ids: list[int]) -> dict[int, dict]:
        """``{case id: {"uid", "title", "summaries": [answers of its live 公示摘要, in order], "taken_down":
        [the dates of its publication_taken_down events, sorted]}}`` for ``case_ids``, 500 cases a query.
        (Reading only the 公示日期 with SQLite's json_extract was measured no cheaper than decoding the
        summaries here.)"""
        out: dict[int, dict] = {}
        for i in range(0, len(case_ids), 500):
            chunk = tuple(case_ids[i:i + 500])
            marks = ",".join("?" * len(chunk))
            for r in self._query(f"SELECT id, uid, title FROM cases WHERE id IN ({marks})", chunk):
                out[r["id"]] = {"uid": r["uid"], "title": r["title"], "summaries": [], "taken_down": []}
            for r in self._query("SELECT case_id, answers FROM documents WHERE kind='publication_summary'"
                                 f" AND withdrawn_at IS NULL AND case_id IN ({marks}) ORDER BY id", chunk):
                if r["case_id"] in out:
                    out[r["case_id"]]["summaries"].append(_answers(r["answers"])[0])
            for r in self._query(f"SELECT case_id, date FROM events WHERE kind='publication_taken_down'"
                                 f" AND case_id IN ({marks})", chunk):
                if r["case_id"] in out:
                    out[r["case_id"]]["taken_down"].append(str(r["date"]))
        for c in out.values():
            c["taken_down"].sort()
        return out

    def version_answers_of(self, wanted: dict[int, int]) -> dict[int, dict | None]:
        """``version_answers`` of many ``{document row: version}`` at once (500 documents a query): the same
        answers, without two queries per document."""
        out: dict[int, dict | None] = {}
        ids = sorted(wanted)
        for i in range(0, len(ids), 500):
            chunk = tuple(ids[i:i + 500])
            rows: dict[int, list] = {d: [] for d in chunk}
            for r in self._query("SELECT document_id, version, answers, body FROM document_versions"
                                 f" WHERE document_id IN ({','.join('?' * len(chunk))}) ORDER BY document_id, version",
                                 chunk):
                if r["version"] <= wanted[r["document_id"]]:
                    rows[r["document_id"]].append(r)
            for doc_id in chunk:
                text = version_texts(rows[doc_id]).get(wanted[doc_id])
                if text is None:
                    out[doc_id] = self.version_answers(doc_id, wanted[doc_id])  # none, or damaged: as one read
                    continue
                answers, damaged = _answers(text)
                out[doc_id] = None if damaged else answers
        return out

    def has_case_created_by(self, day: str) -> bool:
        """Whether a case was created on or before ``day`` (an ISO day), without reading the cases."""
        return bool(self._query("SELECT 1 FROM cases WHERE substr(ifnull(created, ''), 1, 10) <= ? LIMIT 1",
                                (day,)))

    # --- the 公示台账's per-case cache (issue 17; ``_DERIVED``) ----------------------------------------
    def _derived_tables(self) -> bool:
        """Create the derived tables when missing; whether the 公示台账's cache can be used (not on a read-only
        store that lacks them: the ledger is then computed from the documents each time)."""
        wanted = {"publication_cache", "rev_printed"}
        try:
            have = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE name IN (?, ?)",
                                                   tuple(wanted))}
            columns = {r[1] for r in self._db.execute("PRAGMA table_info(publication_cache)")}
            if have != wanted or "first_org" not in columns:
                with self.transaction() as db:
                    if columns and "first_org" not in columns:  # an earlier form of the cache: derived, made again
                        db.execute("DROP TABLE publication_cache")
                    for statement in _DERIVED:
                        db.execute(statement)
            return True
        except (sqlite3.Error, StoreError):
            return False

    def publication_cached(self, key: str, until: tuple[str, str] | None = None
                           ) -> tuple[dict[int, dict], dict[int, int]] | None:
        """``({case id: cached facts}, {case id: rev of the cases to compute again})``, or None when this store
        keeps no such cache. The facts are those of the cases holding an issued decision whose cache holds their
        revision under ``key``; with ``until`` (two ISO days: for decisions on persons, on organisations) only
        those with a ``first_person`` / ``first_org`` on or before its day. Every case whose cache is missing or
        out of date is to be computed again (and kept)."""
        if not getattr(self, "_publication_cache_ok", False):
            return None
        where = ("p.data != ''" if until is None else
                 "(p.first_person != '' AND p.first_person <= ?) OR (p.first_org != '' AND p.first_org <= ?)")
        params = (key, key) if until is None else (key, key, *until)
        cached: dict[int, dict] = {}
        stale: dict[int, int] = {}
        try:
            rows = self._query("SELECT c.id, c.rev, p.rev AS cached_rev, p.key = ? AS same_key, p.data"
                               " FROM cases c LEFT JOIN publication_cache p ON p.case_id=c.id"
                               f" WHERE p.case_id IS NULL OR p.rev != c.rev OR p.key != ? OR ({where})", params)
        except StoreError:  # derived data in another program version's form: read the documents instead
            self._publication_cache_ok = False
            return None
        for r in rows:
            if r["cached_rev"] == r["rev"] and r["same_key"] == 1:
                cached[r["id"]] = _loads(r["data"], {})
            else:
                stale[r["id"]] = r["rev"]
        return cached, stale

    def cache_publication(self, entries: list[tuple[int, int, str, dict | None, tuple[str, str]]]) -> None:
        """Keep ``(case_id, rev, key, facts or None (no issued decision), (first_person, first_org))`` (derived
        data)."""
        if not entries or not getattr(self, "_publication_cache_ok", False):
            return
        rows = [(case_id, rev, key, _dumps(facts) if facts else "", *first)
                for case_id, rev, key, facts, first in entries]
        try:
            with self.transaction() as db:
                for i in range(0, len(rows), 200):  # one statement per 200 cases
                    chunk = rows[i:i + 200]
                    db.execute("INSERT OR REPLACE INTO publication_cache(case_id, rev, key, data, first_person,"
                               f" first_org) VALUES {','.join(['(?,?,?,?,?,?)'] * len(chunk))}",
                               tuple(v for r in chunk for v in r))
        except StoreError:
            pass  # a busy or read-only store: the ledger is right, only the next one is slower

    def issued_decisions_of(self, kinds: tuple[str, ...], case_ids: list[int]) -> list[dict]:
        """``issued_decisions`` of these cases only (500 cases a query)."""
        if not kinds or not case_ids:
            return []
        out: list[dict] = []
        for i in range(0, len(case_ids), 500):
            chunk = tuple(case_ids[i:i + 500])
            rows = self._query("SELECT d.id, d.uid, d.case_id, d.kind, max(CAST(p.version AS INTEGER)) AS version"
                               " FROM documents d JOIN printed_versions p ON p.document_id=d.id"
                               f" WHERE d.case_id IN ({','.join('?' * len(chunk))})"
                               f" AND d.kind IN ({','.join('?' * len(kinds))}) AND d.withdrawn_at IS NULL"
                               " GROUP BY d.id ORDER BY d.case_id, d.id", (*chunk, *kinds))
            out += [{"document_row": r["id"], "document_id": r["uid"], "case_id": r["case_id"], "kind": r["kind"],
                     "version": r["version"]} for r in rows]
        return out


class _TxCursor:
    """The connection as seen inside a transaction; SQL errors become ``StoreError`` by the caller."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, params)


def new_uid() -> str:
    """A new stable id (DOMAIN.md §10): survives export, import, backup and restore."""
    return str(uuid.uuid4())


def open_store(path: str | Path | None = None) -> Store:
    """The store at ``path`` (default: ``data_dir()/wenshu.sqlite3``; in office mode — ``WENSHU_DATABASE``
    or 设置 → 数据库 — the agency's PostgreSQL database, ``wenshu.pg.store.PgStore``)."""
    if path is None:  # --- office mode (issue 16) ---
        from wenshu.pg import database_url

        url = database_url()
        if url:
            from wenshu.pg.store import open_office_store

            return open_office_store(url)
    return Store(path)
