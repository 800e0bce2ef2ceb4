"""Connecting to the office database, and the adapter that lets the store code shared with SQLite run there.

The case store and the number registry are written once, in the SQL both databases understand; the few
SQLite spellings they use are translated here, statement by statement (cached):
``?`` → ``%s``; ``INSERT OR REPLACE``/``OR IGNORE`` → ``ON CONFLICT``; ``json_extract(col, '$.key')`` →
``col::jsonb ->> 'key'``; ``answers_text(col)`` (SQLite's decoder of the compressed current content, store v6)
→ ``col``; ``group_concat``/``ifnull`` → ``string_agg``/``coalesce``; and an INSERT into a
table with an ``id`` returns it (``cursor.lastrowid``). Rows answer by index and by column name, as
``sqlite3.Row`` does. Errors come out as ``sqlite3.Error`` subclasses carrying the Chinese message
(``wenshu.pg.errors``), so the shared code's error handling applies unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from wenshu.pg.errors import OfficeError, PgError, PgIntegrityError, message

#: primary keys of the tables written with ``INSERT OR REPLACE``
CONFLICT_KEYS = {"meta": ("key",), "case_search": ("case_id",), "agenda_cache": ("case_id",),
                 "officers": ("cert_no",), "archives": ("case_id",),
                 "draw_conflicts": ("cert_no", "target"), "parties": ("key",)}
ID_TABLES = {"cases", "documents", "document_versions", "printed_versions", "events", "numbers", "reviews",
             "audit_log"}

_OR = re.compile(r"^\s*INSERT\s+OR\s+(REPLACE|IGNORE)\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.I | re.S)
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)
_JSON = re.compile(r"json_extract\((\w+(?:\.\w+)?),\s*'\$\.(\w+)'\)", re.I)
_JSON_PATH = re.compile(r"json_extract\((\w+(?:\.\w+)?),\s*'\$\.(\w+(?:\.\w+)+)'\)", re.I)
_BLOB = re.compile(r"\bx'([0-9a-fA-F]*)'")
_ANSWERS_TEXT = re.compile(r"\banswers_text\((\w+(?:\.\w+)?)\)", re.I)


@lru_cache(maxsize=512)
def translate(sql: str) -> tuple[str, bool]:
    """The statement in PostgreSQL's spelling, and whether it returns the new row's id."""
    returning = False
    m = _OR.match(sql)
    if m:
        verb, table, cols = m.group(1).upper(), m.group(2), [c.strip() for c in m.group(3).split(",")]
        sql = sql[:m.start()] + f"INSERT INTO {table}({', '.join(cols)})" + sql[m.end():]
        if verb == "IGNORE":
            sql += " ON CONFLICT DO NOTHING"
        else:
            keys = CONFLICT_KEYS[table]
            rest = [c for c in cols if c not in keys]
            sets = ", ".join(f"{c}=EXCLUDED.{c}" for c in rest)
            sql += f" ON CONFLICT ({', '.join(keys)}) " + (f"DO UPDATE SET {sets}" if sets else "DO NOTHING")
    else:
        m = _INSERT.match(sql)
        if m and m.group(1).lower() in ID_TABLES and "returning" not in sql.lower():
            sql += " RETURNING id"
            returning = True
    sql = _ANSWERS_TEXT.sub(r"\1", sql)  # the server keeps the current content as plain text (store v6)
    sql = _JSON.sub(lambda j: f"({j.group(1)}::jsonb ->> '{j.group(2)}')", sql)
    sql = _JSON_PATH.sub(lambda j: f"({j.group(1)}::jsonb #>> '{{{j.group(2).replace('.', ',')}}}')", sql)
    sql = _BLOB.sub(lambda b: f"'\\x{b.group(1)}'::bytea", sql)
    sql = re.sub(r"\bgroup_concat\(", "string_agg(", sql, flags=re.I)
    sql = re.sub(r"\bifnull\(", "coalesce(", sql, flags=re.I)
    # SQLite's join-order hint ``CROSS JOIN … ON`` is an inner join to PostgreSQL, which plans the order itself
    sql = re.sub(r"\bCROSS JOIN\b(?=[^;]*?\bON\b)", "JOIN", sql, flags=re.I)
    sql = sql.replace("%", "%%").replace("?", "%s")
    return sql, returning


class Row(tuple):
    """A result row by index or by column name (as ``sqlite3.Row``)."""

    def __new__(cls, values, index: dict[str, int]):
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor):
    names = [c.name for c in cursor.description] if cursor.description else []
    index = {n: i for i, n in enumerate(names)}

    def make(values):
        return Row(values, index)
    return make


class Cursor:
    """The result of one statement: ``fetchone``/``fetchall``/iteration, ``lastrowid``, ``rowcount``."""

    def __init__(self, rows: list[Row], lastrowid: int | None, rowcount: int):
        self._rows, self.lastrowid, self.rowcount = rows, lastrowid, rowcount

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self):
        return list(self._rows)

    def __iter__(self):
        return iter(self._rows)


class Connection:
    """One psycopg connection (autocommit outside ``transaction()``), spoken to in SQLite's dialect."""

    def __init__(self, url: str, *, password: str | None = None, connect_timeout: int = 5):
        self.url, self.password, self.connect_timeout = url, password, connect_timeout
        self.raw = None
        self.login = ""
        self.connect()

    def connect(self) -> None:
        import psycopg

        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": self.connect_timeout,
                                  "application_name": "wenshu"}
        if self.password:
            kwargs["password"] = self.password
        try:
            self.raw = psycopg.connect(self.url, **kwargs)
        except psycopg.Error as exc:
            raise message(exc) from None
        self.raw.row_factory = _row_factory
        self.login = self.raw.info.user

    @property
    def broken(self) -> bool:
        return self.raw is None or self.raw.closed or self.raw.broken

    def ensure(self) -> None:
        """Reconnect when the connection was lost (raises ``OfficeError`` while the server is away)."""
        if self.broken:
            self.close()
            self.connect()

    def execute(self, sql: str, params: tuple | list = ()) -> Cursor:
        import psycopg

        text, returning = translate(sql)
        try:
            if self.broken and self.raw is not None and self.raw.info.transaction_status == 0:
                self.ensure()
            with self.raw.cursor() as cur:
                cur.execute(text, tuple(params) if params else None)
                rows = cur.fetchall() if cur.description else []
                count = cur.rowcount
        except psycopg.IntegrityError as exc:
            raise PgIntegrityError(message(exc, self.login)) from None
        except psycopg.Error as exc:
            raise PgError(message(exc, self.login)) from None
        lastrowid = int(rows[0][0]) if returning and rows else None
        return Cursor(rows, lastrowid, count)

    def run(self, sql: str, params: tuple | list = ()) -> list[Row]:
        """A statement in PostgreSQL's own spelling (``%s``); its rows. Errors as ``OfficeError``."""
        import psycopg

        try:
            with self.raw.cursor() as cur:
                cur.execute(sql, tuple(params) if params else None)
                return cur.fetchall() if cur.description else []
        except psycopg.Error as exc:
            raise message(exc, self.login) from None

    def transaction(self):
        return self.raw.transaction()

    def close(self) -> None:
        if self.raw is not None:
            try:
                self.raw.close()
            except Exception:  # closing a broken connection
                pass


def connect(url: str, password: str | None = None, connect_timeout: int = 5) -> Connection:
    """A connection to the office database (``OfficeError`` in Chinese when it cannot be made)."""
    return Connection(url, password=password, connect_timeout=connect_timeout)


def ensure_schema(conn: Connection) -> None:
    """Create the schema when the database is empty and this login may (the database owner, at
    ``wenshu db init`` or a first start); one process at a time (an advisory lock)."""
    from wenshu.pg import schema

    if conn.run("SELECT to_regclass('public.number_counters') IS NOT NULL AND to_regclass('public.audit_log')"
                " IS NOT NULL")[0][0]:
        upgrade_schema(conn)
        return
    conn.run("SELECT pg_advisory_lock(%s)", (schema.LOCK_SCHEMA,))
    try:
        if conn.run("SELECT to_regclass('public.audit_log') IS NOT NULL")[0][0]:
            return
        try:
            with conn.transaction():
                for statement in schema.statements():
                    conn.run(statement)
        except OfficeError as exc:
            raise OfficeError("单位数据库尚未建立（没有案件表）。请管理员先运行 wenshu db init（需数据库所有者账号）。"
                              f"（{exc}）", exc.sqlstate) from None
    finally:
        conn.run("SELECT pg_advisory_unlock(%s)", (schema.LOCK_SCHEMA,))


def schema_version(conn: Connection) -> int:
    """The office schema version the database has (``meta`` key ``office_schema``; 0 when unknown)."""
    rows = conn.run("SELECT value FROM meta WHERE key = 'office_schema'")
    try:
        return int(rows[0][0]) if rows else 0
    except (TypeError, ValueError):
        return 0


def upgrade_schema(conn: Connection) -> bool:
    """Bring an office database made by an earlier schema version up to date (every statement of
    ``schema.statements()`` may run again), in one transaction, one process at a time; True when it
    was upgraded. Only the database owner may: anyone else is told, in Chinese, to ask the 管理员."""
    from wenshu.pg import schema

    if schema_version(conn) >= schema.SCHEMA_VERSION:
        return False
    may = conn.run("SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)"
                   " OR coalesce((SELECT tableowner = current_user FROM pg_tables WHERE schemaname = 'public'"
                   " AND tablename = 'cases'), false)")[0][0]
    if not may:
        raise OfficeError("单位数据库的结构是旧版本，本程序需要更新后的结构。请管理员用数据库所有者账号运行"
                          " wenshu db init 升级（已有的案件、文号和记录都保留）。", "WS502")
    conn.run("SELECT pg_advisory_lock(%s)", (schema.LOCK_SCHEMA,))
    try:
        if schema_version(conn) >= schema.SCHEMA_VERSION:
            return False
        with conn.transaction():
            for statement in schema.statements():
                conn.run(statement)
        return True
    finally:
        conn.run("SELECT pg_advisory_unlock(%s)", (schema.LOCK_SCHEMA,))


__all__ = ["Connection", "Cursor", "OfficeError", "Row", "connect", "ensure_schema", "schema_version", "translate",
           "upgrade_schema"]
