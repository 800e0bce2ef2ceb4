"""The number registry in a local SQLite file (``numbers.sqlite3`` in the data folder).

Several processes on one computer may allocate at the same moment: every change runs in a
``BEGIN IMMEDIATE`` transaction (one writer at a time, others wait up to the busy timeout), the table
has ``UNIQUE(prefix, year, seq)``, and the file is in WAL mode with ``synchronous=FULL`` so a committed
number survives a crash or power cut.

SQLite's locking is not reliable over network file systems (SMB/CIFS, NFS): an office whose clerks share
one sequence needs a database server behind the same ``NumberStore`` interface. This store therefore
refuses a file on a network share (UNC ``\\\\server\\share``, a mapped network drive, an NFS/CIFS mount).

A damaged file is never repaired or recreated here: the user is told where it is and nothing is changed.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from templates import oserror
from validators.numbers import (
    EARLIEST_YEAR,
    NumberParts,
    check_number,
    format_number,
    normalize_prefix,
    parse_number,
)
from validators.rulebook import MAX_SEQUENCE
from wenshu.registry.base import (
    ALLOCATED,
    ISSUED,
    VOID,
    ImportResult,
    ImportRow,
    NumberRecord,
    NumberStore,
    RegistryError,
)

FILE_NAME = "numbers.sqlite3"
SCHEMA_VERSION = 1
#: Seconds a writer waits for another process to finish before giving up with a message.
DEFAULT_BUSY_TIMEOUT = 30.0
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "sshfs",
              "fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre"}

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS numbers (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    state TEXT NOT NULL CHECK (state IN ('{ALLOCATED}', '{ISSUED}', '{VOID}')),
    who TEXT NOT NULL DEFAULT '',
    allocated_at TEXT NOT NULL,
    case_id TEXT,
    document_id TEXT,
    document_title TEXT,
    issued_at TEXT,
    path TEXT,
    voided_at TEXT,
    void_reason TEXT,
    voided_by TEXT,
    source TEXT NOT NULL DEFAULT 'app',
    UNIQUE (prefix, year, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS one_live_number_per_document
    ON numbers(document_id) WHERE document_id IS NOT NULL AND state != '{VOID}';
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');
"""

_COLUMNS = ("number", "prefix", "year", "seq", "state", "who", "allocated_at", "case_id", "document_id",
            "document_title", "issued_at", "path", "voided_at", "void_reason", "voided_by", "source")
_SELECT = "SELECT " + ", ".join(_COLUMNS) + " FROM numbers"


def default_path() -> Path:
    from wenshu.paths import data_dir

    return data_dir() / FILE_NAME


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _default_who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name available (some service accounts)
        return ""


def network_filesystem(path: Path, mounts: str | None = None) -> str | None:
    """The network file-system type holding ``path`` (``"cifs"``, ``"nfs4"``…), or None when local.

    ``mounts`` is the text of ``/proc/mounts`` (read when None; absent on Windows and macOS)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.abspath(path).replace("\\", "/")  # Windows separators compare as "/" (mount points)
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\", "/")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type if best_type in NETWORK_FS else None


def _windows_remote_drive(path: Path) -> bool:
    if os.name != "nt":
        return False
    try:
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(path))[0]
        if not drive:
            return False
        return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    except Exception:
        return False


def on_network_share(path: str | Path, mounts: str | None = None) -> bool:
    """True when ``path`` is on a network share: a UNC path, a mapped network drive, an NFS/CIFS mount."""
    text = str(path)
    if text.startswith("\\\\") or (os.name == "nt" and text.startswith("//")):
        return True
    return _windows_remote_drive(Path(text)) or network_filesystem(Path(text), mounts) is not None


def refuse_network_path(path: str | Path, mounts: str | None = None) -> None:
    """Raise ``RegistryError`` when ``path`` is on a network share, where SQLite locking is unsafe."""
    text = str(path)
    if on_network_share(text, mounts):
        raise RegistryError(
            f"文号登记簿不能放在网络共享文件夹中（{text}）：多台电脑同时取号时可能重号。"
            "请将数据文件夹设在本机磁盘上（可用环境变量 WENSHU_HOME 指定）；"
            "多人共用同一文号序列时，须使用单位的数据库服务器。")


class SqliteNumberStore(NumberStore):
    """``NumberStore`` in one local SQLite file; safe for several processes on the same computer."""

    def __init__(self, path: str | Path | None = None, timeout: float = DEFAULT_BUSY_TIMEOUT):
        if path is not None:
            refuse_network_path(path)
        self.path = Path(path) if path is not None else default_path()
        refuse_network_path(self.path)
        self.timeout = timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RegistryError(f"无法创建文号登记簿所在的文件夹“{self.path.parent}”：{oserror.reason(exc)}。") from None
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()  # one connection, used by one thread at a time
        self._open()

    # --- connection and errors ---------------------------------------------------------------------

    @property
    def marker(self) -> Path:
        """A small file beside the registry saying that it exists: a registry that is later missing or
        empty is then refused instead of silently started again at 1号."""
        return self.path.with_name(self.path.name + ".exists")

    def _refuse_if_lost(self) -> None:
        if self.marker.exists():
            raise RegistryError(
                f"文号登记簿“{self.path}”原已建立，现在却缺失或为空：为防止重号，程序不会重新建立登记簿，"
                "本次未取号。请从备份恢复该文件；确认要从头建立新的登记簿时，请先删除标记文件"
                f"“{self.marker}”再试。")

    def _mark_existing(self) -> None:
        if self.read_only or self.marker.exists():
            return
        try:
            tmp = self.marker.with_suffix(".tmp")
            tmp.write_text("本文件表明文号登记簿已经建立，请勿删除。\n", encoding="utf-8")
            os.replace(tmp, self.marker)
        except OSError:
            pass  # a read-only folder: the registry still works, only this safeguard is missing

    def _open(self) -> None:
        self.read_only = False
        try:
            empty = not self.path.exists() or self.path.stat().st_size == 0
        except OSError:
            empty = False
        if empty:
            self._refuse_if_lost()
        try:
            conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            try:
                conn.execute("PRAGMA journal_mode = WAL")  # stays in rollback mode if it cannot switch: still safe
                conn.execute("PRAGMA synchronous = FULL")
            except sqlite3.OperationalError as exc:
                if "readonly" not in str(exc).lower() or empty:
                    raise
                conn.close()  # a read-only file (or folder): the registry is shown, nothing is written
                conn = self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                                    timeout=self.timeout, isolation_level=None,
                                                    check_same_thread=False)
                self.read_only = True
            (ready,) = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('numbers', 'meta')").fetchone()
            if ready == 2:
                self._check_version(conn)
                self._mark_existing()
                return  # opening an existing registry takes no lock: a busy colleague does not block it
            self._refuse_if_lost()
            if self.read_only:
                raise RegistryError(f"文号登记簿“{self.path}”为只读，且尚未建立，无法使用。")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            self._mark_existing()
        except RegistryError:
            conn.close()
            self._conn = None
            raise
        except sqlite3.Error as exc:
            conn.close()
            self._conn = None
            raise self._error(exc) from None

    def _check_version(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and str(row[0]).isdigit() and int(row[0]) > SCHEMA_VERSION:
            conn.close()
            self._conn = None
            raise RegistryError(f"文号登记簿由较新版本的执法文书助手创建，本版本无法安全使用。请升级本程序。登记簿文件：{self.path}")

    def _error(self, exc: sqlite3.Error) -> RegistryError:
        text = str(exc).lower()
        where = f"登记簿文件：{self.path}"
        if "locked" in text or "busy" in text:
            return RegistryError(
                f"文号登记簿正被其他程序或同事占用，等待 {self.timeout:g} 秒后仍未完成，本次未取号、未作任何改动。"
                f"请稍后重试。{where}")
        if "unable to open" in text or "readonly" in text or "read-only" in text or "permission" in text:
            return RegistryError(f"无法写入文号登记簿：文件或文件夹没有写入权限，或磁盘只读。本次未作任何改动。{where}")
        if "disk i/o" in text or "full" in text:
            return RegistryError(f"写入文号登记簿时磁盘出错（磁盘已满或无法访问）。本次未作任何改动。{where}")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            return RegistryError(
                "文号登记簿文件已损坏或不是登记簿文件，无法读取。为保护已登记的文号，程序没有修改或覆盖该文件。"
                f"请从备份恢复该文件，或将其交维护人员检查。{where}")
        return RegistryError(f"文号登记簿出错，本次未作任何改动：{exc}。{where}")

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._conn is None:
                self._open()
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    def _write(self, work):
        """Run ``work(conn)`` in one ``BEGIN IMMEDIATE`` transaction; all or nothing."""
        with self._lock:
            return self._write_locked(work)

    def _write_locked(self, work):
        if self._conn is None:
            self._open()
        if self.read_only:
            raise RegistryError(f"文号登记簿为只读（文件或文件夹没有写入权限），可以查看，不能取号、作废或导入。"
                                f"登记簿文件：{self.path}")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            result = work(conn)
            conn.execute("COMMIT")
            return result
        except BaseException as exc:
            try:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc) from None
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SqliteNumberStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _record(row: tuple) -> NumberRecord:
        # the frozen dataclass's __init__ sets each field through object.__setattr__: five times slower,
        # which a 100,000-number registry feels; the columns are the fields, in order
        rec = object.__new__(NumberRecord)
        rec.__dict__.update(zip(_COLUMNS, row, strict=True))
        return rec

    @classmethod
    def _find(cls, conn, number: str) -> NumberRecord | None:
        """The record of a canonical ``number`` inside a running transaction, or None."""
        row = conn.execute(_SELECT + " WHERE number = ?", (number,)).fetchone()
        return None if row is None else cls._record(row)

    @staticmethod
    def _prefix(prefix: str) -> str:
        canonical = normalize_prefix(prefix) if isinstance(prefix, str) else None
        if canonical is None:
            raise RegistryError(
                f"文号前缀“{prefix}”无效：应为“（地区简称）代字”或机关代字，如“（晋忻神）应急罚”“神应急字”，"
                "不含年份和序号，地区简称不能为空。")
        return canonical

    @staticmethod
    def _year(year: int) -> int:
        if not isinstance(year, int) or isinstance(year, bool) or not EARLIEST_YEAR <= year <= 9999:
            raise RegistryError(f"年份“{year}”无效，应为4位数字，且不早于{EARLIEST_YEAR}年。")
        return year

    @staticmethod
    def _canonical(number: str) -> str:
        parts = parse_number(number)
        if parts is None or parts.region == "":
            raise RegistryError(f"无法识别文号“{number}”，应如“（晋忻神）应急罚〔2026〕12号”。")
        return format_number(parts)

    def _insert_next(self, conn, prefix: str, year: int, state: str, who: str, case_id, document_id):
        (top,) = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM numbers WHERE prefix = ? AND year = ?",
                              (prefix, year)).fetchone()
        if top + 1 > MAX_SEQUENCE:
            raise RegistryError(f"{prefix}〔{year}〕的序号已达上限 {MAX_SEQUENCE}，不能再取号。请与管理员核对登记簿。")
        parts = NumberParts(*_split(prefix), year, top + 1)
        now = _now()
        conn.execute(
            "INSERT INTO numbers(number, prefix, year, seq, state, who, allocated_at, case_id, document_id,"
            " issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (format_number(parts), prefix, year, top + 1, state, who, now, case_id, document_id,
             now if state == ISSUED else None))
        return self._record(conn.execute(_SELECT + " WHERE prefix = ? AND year = ? AND seq = ?",
                                         (prefix, year, top + 1)).fetchone())

    # --- the interface -----------------------------------------------------------------------------

    def allocate(self, prefix: str, year: int, *, who: str = "", case_id: str | None = None,
                 document_id: str | None = None) -> NumberRecord:
        prefix, year, who = self._prefix(prefix), self._year(year), who or _default_who()

        def work(conn):
            if document_id is not None:
                row = conn.execute(_SELECT + f" WHERE document_id = ? AND state != '{VOID}'",
                                   (document_id,)).fetchone()
                if row is not None:
                    raise RegistryError(f"文书“{document_id}”已有文号 {row[0]}，不能再取新号。")
            return self._insert_next(conn, prefix, year, ISSUED, who, case_id, document_id)

        return self._write(work)

    def number_for_document(self, prefix: str, year: int, case_id: str | None, document_id: str,
                            who: str = "") -> NumberRecord:
        prefix, year, who = self._prefix(prefix), self._year(year), who or _default_who()
        if not document_id:
            raise RegistryError("缺少文书标识，无法为文书取号。")

        def work(conn):
            row = conn.execute(_SELECT + f" WHERE document_id = ? AND state != '{VOID}'",
                               (document_id,)).fetchone()
            if row is not None:
                rec = self._record(row)
                if rec.state == ISSUED or (rec.prefix == prefix and rec.year == year):
                    return rec  # re-generation keeps the number the document already carries
                conn.execute(
                    f"UPDATE numbers SET state = '{VOID}', voided_at = ?, void_reason = ?, voided_by = ?"
                    " WHERE number = ?",
                    (_now(), f"文书改用“{prefix}”{year}年的文号，原预留文号未使用，作废", who, rec.number))
            return self._insert_next(conn, prefix, year, ALLOCATED, who, case_id, document_id)

        return self._write(work)

    def confirm(self, number: str, path: str | None = None) -> NumberRecord:
        number = self._canonical(number)

        def work(conn):
            rec = self._find(conn, number)
            if rec is None:
                raise RegistryError(f"登记簿中没有文号 {number}，无法确认。")
            if rec.state == VOID:
                raise RegistryError(f"文号 {number} 已作废（{rec.void_reason}），不能用于文书，请重新生成以取新号。")
            conn.execute(
                f"UPDATE numbers SET state = '{ISSUED}', issued_at = COALESCE(issued_at, ?),"
                " path = COALESCE(?, path) WHERE number = ?", (_now(), path, number))
            return self._find(conn, number)

        return self._write(work)

    def void(self, number: str, reason: str, who: str = "") -> NumberRecord:
        number = self._canonical(number)
        reason = (reason or "").strip()
        if not reason:
            raise RegistryError("请填写作废原因（如“文书填写错误，重新制作”）。")

        def work(conn):
            rec = self._find(conn, number)
            if rec is None:
                raise RegistryError(f"登记簿中没有文号 {number}，无法作废。请先用“文号列表”核对文号。")
            if rec.state == VOID:
                raise RegistryError(f"文号 {number} 已于 {rec.voided_at} 作废（原因：{rec.void_reason}），无需重复作废。")
            conn.execute(
                f"UPDATE numbers SET state = '{VOID}', voided_at = ?, void_reason = ?, voided_by = ?"
                " WHERE number = ?",
                (_now(), reason, who or _default_who(), number))
            return self._find(conn, number)

        return self._write(work)

    def rekey_documents(self, mapping: dict) -> int:
        """File numbers held under a case store's old row numbers under the documents' UUIDs:
        ``mapping`` is ``{old document id: [document uuid, old case id, case uuid]}``. One transaction;
        a number already filed under a UUID is left alone. Returns how many numbers moved."""

        def work(conn):
            moved = 0
            for old, (uid, old_case, case_uid) in mapping.items():
                cur = conn.execute("UPDATE numbers SET document_id = ?, case_id = ? WHERE document_id = ?"
                                   " AND (case_id IS NULL OR case_id = ?)", (uid, case_uid, str(old), str(old_case)))
                moved += cur.rowcount
            return moved

        return self._write(work)

    def get(self, number: str) -> NumberRecord | None:
        rows = self._read(_SELECT + " WHERE number = ?", (self._canonical(number),))
        return self._record(rows[0]) if rows else None

    def for_document(self, document_id: str) -> NumberRecord | None:
        rows = self._read(_SELECT + f" WHERE document_id = ? AND state != '{VOID}'", (document_id,))
        return self._record(rows[0]) if rows else None

    def records(self, prefix: str | None = None, year: int | None = None) -> list[NumberRecord]:
        sql, params = _SELECT, []
        where = []
        if prefix is not None:
            where.append("prefix = ?")
            params.append(self._prefix(prefix))
        if year is not None:
            where.append("year = ?")
            params.append(year)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [self._record(r) for r in self._read(sql + " ORDER BY prefix, year, seq", tuple(params))]

    def sequence_counts(self) -> dict[tuple[str, int], int]:
        """How many numbers each sequence holds, in one query (the registry window's list)."""
        return {(p, y): n for p, y, n in
                self._read("SELECT prefix, year, count(*) FROM numbers GROUP BY prefix, year ORDER BY prefix, year")}

    # --- paged reads (issue 17: the registry window with 100,000 numbers reads what it shows) ---------
    def sequence_summary(self, prefix: str, year: int) -> dict:
        key = (self._prefix(prefix), year)
        (count, top, issued, pending, voided), = self._read(
            f"SELECT count(*), max(seq), sum(state='{ISSUED}'), sum(state='{ALLOCATED}'), sum(state='{VOID}')"
            " FROM numbers WHERE prefix=? AND year=?", key)
        gaps = self._read("SELECT prev + 1, seq - 1 FROM (SELECT seq, lag(seq, 1, 0) OVER (ORDER BY seq) AS prev"
                          " FROM numbers WHERE prefix=? AND year=?) WHERE seq > prev + 1 ORDER BY seq", key)
        return {"next_seq": (top or 0) + 1, "count": count, "issued": issued or 0, "pending": pending or 0,
                "voided": voided or 0, "gaps": [(a, b) for a, b in gaps]}

    def records_page(self, prefix: str, year: int, limit: int, offset: int = 0) -> list[NumberRecord]:
        rows = self._read(_SELECT + f" WHERE prefix=? AND year=? ORDER BY seq LIMIT {int(limit)} OFFSET {int(offset)}",
                          (self._prefix(prefix), year))
        return [self._record(r) for r in rows]

    def position(self, prefix: str, year: int, number: str) -> int | None:
        rec = self.get(number)
        if rec is None or (rec.prefix, rec.year) != (self._prefix(prefix), year):
            return None
        return int(self._read("SELECT count(*) FROM numbers WHERE prefix=? AND year=? AND seq<?",
                              (rec.prefix, year, rec.seq))[0][0])

    def sequences(self) -> list[tuple[str, int]]:
        return [(p, y) for p, y in self._read("SELECT DISTINCT prefix, year FROM numbers ORDER BY prefix, year")]

    def import_existing(self, rows: Iterable[ImportRow], who: str = "") -> ImportResult:
        who = who or _default_who()
        prepared = []
        for row in rows:
            where = f"{row.origin}：" if row.origin else ""
            parts = parse_number(row.number)
            if parts is None and any(f["code"] == "number.seq_too_large" for f in check_number(row.number)["findings"]):
                raise RegistryError(f"{where}文号“{str(row.number)[:40]}”的序号超过 {MAX_SEQUENCE}，不是有效的文号，"
                                    "本次未导入任何文号。")
            if parts is None or parts.region == "":
                raise RegistryError(f"{where}无法识别文号“{str(row.number)[:40]}”，本次未导入任何文号。")
            if row.state not in (ISSUED, VOID):
                raise RegistryError(f"{where}状态“{row.state}”无效，应为“已使用”或“作废”，本次未导入任何文号。")
            prepared.append((row, parts))

        def work(conn):
            result = ImportResult()
            for row, parts in prepared:
                number = format_number(parts)
                if conn.execute("SELECT 1 FROM numbers WHERE number = ?", (number,)).fetchone():
                    result.already.append(number)
                    continue
                at = row.date or _now()
                try:
                    conn.execute(
                        "INSERT INTO numbers(number, prefix, year, seq, state, who, allocated_at, case_id,"
                        " document_id, document_title, issued_at, path, voided_at, void_reason, voided_by, source)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')",
                        (number, parts.full_prefix, parts.year, parts.seq, row.state, who, at,
                         row.case_id or None, row.document_id or None, row.document_title or None, at, row.path,
                         at if row.state == VOID else None,
                         (row.void_reason or "导入时标记为作废") if row.state == VOID else None,
                         who if row.state == VOID else None))
                except sqlite3.IntegrityError:
                    where = f"{row.origin}：" if row.origin else ""
                    raise RegistryError(
                        f"{where}文书“{row.document_id}”在登记簿中已有另一个文号，本次未导入任何文号。") from None
                result.imported.append(self._find(conn, number))
            return result

        return self._write(work)


def _split(prefix: str) -> tuple[str | None, str]:
    from validators.numbers import split_prefix

    parts = split_prefix(prefix)
    assert parts is not None  # prefixes are normalised before they get here
    return parts
