"""The number registry on the office database: one sequence per (代字, year) for every clerk's PC.

The next number is taken in ONE server transaction: ``number_counters`` holds each sequence's highest
number, raised by ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (the row lock makes concurrent clients
wait for each other, never read the same top), and the number's row is inserted in the same transaction —
so no two clients ever get the same number and an aborted transaction leaves no gap. The counter never
goes below the highest number recorded (imported, voided, migrated), so a number is never issued twice.

Everything else (binding to a document, confirm, void, import, reports) is the SQLite registry's code,
run through the dialect adapter (``wenshu.pg.conn``). When the server cannot be reached no number is
issued (the message says so).
"""

from __future__ import annotations

import threading

from validators.numbers import NumberParts, format_number
from validators.rulebook import MAX_SEQUENCE
from wenshu.pg.conn import Connection, connect, ensure_schema
from wenshu.pg.errors import OfficeError
from wenshu.registry.base import ISSUED, RegistryError
from wenshu.registry.sqlite import _SELECT, SqliteNumberStore, _now, _split


class PgNumberStore(SqliteNumberStore):
    """``NumberStore`` on the office's PostgreSQL database (``WENSHU_DATABASE``)."""

    def __init__(self, url: str, password: str | None = None, conn: Connection | None = None):
        self.path = url.rsplit("@", 1)[-1]  # shown in messages: server and database, never a password
        self.url, self._password = url, password
        self.timeout = 30.0
        self.read_only = False
        self._lock = threading.RLock()
        try:
            self._conn = conn or connect(url, password)
            ensure_schema(self._conn)
        except OfficeError as exc:
            raise RegistryError(f"{exc}（文号登记簿在单位数据库上，本次未取号。）") from None

    def _open(self) -> None:
        try:
            self._conn = connect(self.url, self._password)
        except OfficeError as exc:
            raise RegistryError(f"{exc}（文号登记簿在单位数据库上，本次未取号。）") from None

    def _error(self, exc) -> RegistryError:
        text = getattr(exc, "store_message", None) or str(exc)
        return RegistryError(f"{text}（文号登记簿：{self.path}）")

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._conn is None or self._conn.broken:
                self.close()
                self._open()
            try:
                return self._conn.execute(sql, params).fetchall()
            except OfficeError as exc:
                raise self._error(exc) from None
            except Exception as exc:
                if getattr(exc, "store_message", None):
                    raise self._error(exc) from None
                raise

    def _write_locked(self, work):
        if self._conn is None or self._conn.broken:
            self.close()
            self._open()
        conn = self._conn
        try:
            with conn.transaction():
                return work(conn)
        except RegistryError:
            raise
        except Exception as exc:
            if getattr(exc, "store_message", None):
                raise self._error(exc) from None
            import psycopg

            if isinstance(exc, psycopg.Error):
                from wenshu.pg.errors import message

                raise self._error(message(exc, conn.login)) from None
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _insert_next(self, conn, prefix: str, year: int, state: str, who: str, case_id, document_id):
        (top,) = conn.execute(
            "INSERT INTO number_counters(prefix, year, top) VALUES (?, ?,"
            " (SELECT COALESCE(MAX(seq), 0) + 1 FROM numbers WHERE prefix = ? AND year = ?))"
            " ON CONFLICT (prefix, year) DO UPDATE SET top = GREATEST(number_counters.top,"
            " (SELECT COALESCE(MAX(seq), 0) FROM numbers WHERE prefix = EXCLUDED.prefix AND year = EXCLUDED.year)) + 1"
            " RETURNING top", (prefix, year, prefix, year)).fetchone()
        if top > MAX_SEQUENCE:
            raise RegistryError(f"{prefix}〔{year}〕的序号已达上限 {MAX_SEQUENCE}，不能再取号。请与管理员核对登记簿。")
        parts = NumberParts(*_split(prefix), year, top)
        now = _now()
        conn.execute(
            "INSERT INTO numbers(number, prefix, year, seq, state, who, allocated_at, case_id, document_id,"
            " issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (format_number(parts), prefix, year, top, state, who, now, case_id, document_id,
             now if state == ISSUED else None))
        return self._record(conn.execute(_SELECT + " WHERE prefix = ? AND year = ? AND seq = ?",
                                         (prefix, year, top)).fetchone())

    def __enter__(self) -> PgNumberStore:
        return self
