"""The case store on the office database: ``PgStore`` is ``wenshu.store.Store`` over PostgreSQL.

The store's operations are the SQLite store's own code (one implementation of saving, versions,
sessions, the hash chain, the agenda's cache …), run through the dialect adapter of ``wenshu.pg.conn``;
this class replaces only what is tied to SQLite: opening, transactions, the JSON functions, and adds what
an office needs:

- the hash chains are appended under an advisory lock (two clerks saving at once still make one chain);
- edit locks with a lease (``acquire_edit``): a document open elsewhere opens read-only, "正由某某编辑",
  and the database refuses a save over another user's lock (trigger ``ws_check_lock``);
- typing goes on while the server is away: ``autosave_document`` keeps the answers in a local journal
  (``wenshu.pg.journal``) and writes them back, in order, when the server answers again.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from wenshu.pg import schema
from wenshu.pg.conn import Connection, connect, ensure_schema
from wenshu.pg.errors import OfficeError, message
from wenshu.store import (
    Store,
    StoreError,
    _answers,
    _pointer_parts,
    _put,
    _translate,
)

#: How long an edit lock holds without being renewed (each autosave renews it).
LEASE_SECONDS = 120
#: After a failed reconnection, the next try waits this long (typing meanwhile goes to the journal).
RETRY_SECONDS = 2.0
#: The reads remembered for offline typing: how many, and the largest result kept.
RECENT_READS, RECENT_ROWS = 1000, 500

_PASSWORD: dict[str, str | None] = {"value": None}


def set_session_password(password: str | None) -> None:
    """The password typed at this start (设置 → 数据库 asks for it when no keyring holds it); kept in
    memory only, for the connections this process opens."""
    _PASSWORD["value"] = password


def session_password() -> str | None:
    if _PASSWORD["value"] is not None:
        return _PASSWORD["value"]
    try:
        from wenshu.pg.credentials import stored_password

        return stored_password()
    except Exception:  # no keyring: the password is asked at each start (or PGPASSWORD / .pgpass)
        return None


class OfficeStoreError(StoreError):
    """A ``StoreError`` from the office database; ``offline`` when the server could not be reached."""

    def __init__(self, text: str, offline: bool = False, sqlstate: str = ""):
        super().__init__(text)
        self.offline, self.sqlstate = offline, sqlstate


def _office(exc: BaseException) -> OfficeError | None:
    if isinstance(exc, OfficeError):
        return exc
    return getattr(exc, "office", None)


class PgStore(Store):
    """One connection to the office database's case tables (one per thread, as the SQLite store)."""

    HISTORY_SEAL = False  # the start's sealed check is the single-PC store's (issue 17)

    office = True
    COMPACT_CURRENT = False  # the server keeps the current content as text and the chain hashes as hex (store v6)

    def __init__(self, url: str, password: str | None = None, journal=None, conn: Connection | None = None):
        self.url, self._password = url, password
        self.path = "单位数据库 " + url.rsplit("@", 1)[-1]  # in messages; never the password
        self._bulk = False
        self._recent: OrderedDict = OrderedDict()  # the last reads, served while the server is away
        self.offline = False
        self.retry_seconds, self._retry_at = RETRY_SECONDS, 0.0
        self.token = str(uuid.uuid4())  # this window's edit locks (the same login on two PCs is two holders)
        if journal is None:
            from wenshu.pg.journal import Journal

            journal = Journal.for_url(url)
        self.journal = journal
        try:
            self._db = conn or connect(url, password)
            ensure_schema(self._db)
            self._after_connect()
        except OfficeError as exc:
            raise OfficeStoreError(str(exc), exc.offline, exc.sqlstate) from None
        self.login = self._db.login
        self.flush_journal()
        self.take_agency_profile()

    def _after_connect(self) -> None:
        self._db.run("SELECT set_config('wenshu.token', %s, false)", (self.token,))

    # --- plumbing ---------------------------------------------------------------------------------
    def reopen(self) -> PgStore:
        return PgStore(self.url, self._password, journal=self.journal)

    def _reconnect(self) -> None:
        if self._db.broken:
            import time

            if time.monotonic() < self._retry_at:  # tried a moment ago: the keystroke is not kept waiting
                raise OfficeStoreError(str(message(ConnectionError())), True, "08006")
            try:
                self._db.ensure()
                self._after_connect()
            except OfficeError as exc:
                self.offline = True
                self._retry_at = time.monotonic() + self.retry_seconds
                raise OfficeStoreError(str(exc), True, exc.sqlstate) from None
            self.offline = False

    def _error(self, exc: BaseException) -> OfficeStoreError:
        office = _office(exc)
        if office is None:
            import psycopg

            if isinstance(exc, psycopg.Error):
                office = message(exc, getattr(self, "login", ""))
        if office is None:
            return OfficeStoreError(str(_translate(exc, self.path)))
        if office.offline:
            self.offline = True
        return OfficeStoreError(str(office), office.offline, office.sqlstate)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        if self._bulk:
            yield self._db
            return
        self._reconnect()
        import psycopg

        try:
            with self._db.transaction():
                yield self._db
        except (sqlite3.Error, psycopg.Error, OfficeError) as exc:
            raise self._error(exc) from None

    @contextmanager
    def bulk(self) -> Iterator[None]:
        with self.transaction():
            self._bulk = True
            try:
                yield
            finally:
                self._bulk = False

    def _query(self, sql: str, params: tuple = ()) -> list:
        key = (sql, repr(params))
        try:
            self._reconnect()
            try:
                rows = self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._error(exc) from None
        except OfficeStoreError as exc:
            if exc.offline and key in self._recent:
                return self._recent[key]
            raise
        if len(rows) <= RECENT_ROWS:
            self._recent[key] = rows
            self._recent.move_to_end(key)
            if len(self._recent) > RECENT_READS:
                self._recent.popitem(last=False)
        return rows

    _db_rows = _query

    def close(self) -> None:
        if self.journal.pending():  # a last try to write back what was typed offline (else: at the next start)
            self._retry_at = 0.0
            try:
                self.flush_journal()
            except StoreError:
                pass
        self._db.close()

    @classmethod
    def append(cls, db, table: str, values: dict) -> int:
        cls.chain_lock(db, table)
        return super().append(db, table, values)

    @staticmethod
    def chain_lock(db, table: str) -> None:
        """Serialise the appends to one hash chain (inside the caller's transaction)."""
        db.execute("SELECT pg_advisory_xact_lock(?)", (schema.LOCK_CHAIN[table],))

    # --- what SQLite's JSON functions did -----------------------------------------------------------
    def live_fields_of(self, case_ids: list[int], pointers: dict[str, list[str]]) -> dict[int, list[dict]]:
        out: dict[int, list[dict]] = {c: [] for c in case_ids}
        kinds = {k: list(dict.fromkeys(p)) for k, p in pointers.items() if p}
        if not kinds or not case_ids:
            return out
        rows = self._query("SELECT case_id, kind, answers FROM documents WHERE withdrawn_at IS NULL"
                           " AND kind = ANY(?) AND case_id = ANY(?) ORDER BY id", (list(kinds), list(case_ids)))
        for r in rows:
            full, _damaged = _answers(r["answers"])
            answers: dict = {}
            for pointer in kinds[r["kind"]]:
                node: Any = full
                for part in _pointer_parts(pointer):
                    node = node.get(part) if isinstance(node, dict) else None
                if node is not None:
                    _put(answers, pointer, node)
            out[r["case_id"]].append({"kind": r["kind"], "answers": answers})
        return out

    def case_rows(self, search: str = "", limit: int | None = None, offset: int = 0) -> list[dict]:
        where, params = self._search_where(search)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._query("SELECT id, uid, title, party, created, updated"
                           f" FROM cases{where} ORDER BY created DESC, id DESC{page}", params)
        out = []
        for r in rows:
            try:
                name = json.loads(r["party"]).get("name")
            except (ValueError, AttributeError):
                name = ""
            out.append({"id": r["id"], "uid": r["uid"], "title": r["title"],
                        "party_name": name if isinstance(name, str) else "", "created": r["created"],
                        "updated": r["updated"]})
        return out

    def officers_stamp(self) -> str:
        rows = self._query("SELECT string_agg(cert_no || '|' || name || '|' || unit || '|' || coalesce(valid_until, ''),"
                           " ';' ORDER BY cert_no) FROM officers")
        return rows[0][0] or ""

    # --- who is editing (DOMAIN.md §13: the second opens read-only, "正由某某编辑") --------------------
    def display_name(self, login: str | None = None) -> str:
        login = login or self.login
        rows = self._query("SELECT display_name FROM app_users WHERE login=?", (login,))
        return rows[0][0] if rows else login

    def acquire_edit(self, doc_id: int) -> str | None:
        """Take (or renew) this window's edit lock on the document: None when it is ours now, else the
        display name of whoever holds it (the document then opens read-only)."""
        with self.transaction() as db:
            rows = db.execute(
                "INSERT INTO edit_locks(document_id, holder, holder_name, token, until)"
                " VALUES (?, session_user, ?, ?, now() + make_interval(secs => ?))"
                " ON CONFLICT (document_id) DO UPDATE SET holder=EXCLUDED.holder, holder_name=EXCLUDED.holder_name,"
                " token=EXCLUDED.token, until=EXCLUDED.until"
                " WHERE edit_locks.token = EXCLUDED.token OR edit_locks.until < now()"
                " RETURNING token", (doc_id, self.display_name(), self.token, LEASE_SECONDS)).fetchall()
            if rows:
                return None
            holder = db.execute("SELECT holder_name, holder FROM edit_locks WHERE document_id=?", (doc_id,)).fetchone()
            return (holder[0] or holder[1]) if holder else None

    def editing_by(self, doc_id: int) -> str | None:
        """Who else holds a live edit lock on the document (None: nobody, or this window)."""
        rows = self._query("SELECT holder_name, holder, token FROM edit_locks WHERE document_id=? AND until >= now()",
                           (doc_id,))
        if not rows or rows[0]["token"] == self.token:
            return None
        return rows[0]["holder_name"] or rows[0]["holder"]

    def release_edit(self, doc_id: int) -> None:
        try:
            with self.transaction() as db:
                db.execute("DELETE FROM edit_locks WHERE document_id=? AND token=?", (doc_id, self.token))
        except StoreError:
            pass  # the lease runs out by itself

    # --- typing while the server is away ------------------------------------------------------------
    # What the editor's autosave reads (the document, its case, the id …) is remembered while online
    # (``_query``), so typing goes on offline: reads come from memory (a document with the journal's
    # answers), the autosave and the case facts it learns go into the journal, the state is worked out
    # again once the server is back.
    def get_document(self, doc_id: int) -> dict | None:
        doc = super().get_document(doc_id)
        offline = self.journal.get(doc_id)
        if doc is not None and offline is not None:
            doc = dict(doc, answers=offline)
        return doc

    def set_state(self, doc_id: int, state: str) -> None:
        try:
            super().set_state(doc_id, state)
        except OfficeStoreError as exc:
            if not exc.offline:
                raise

    def update_case(self, case_id: int, *, title: str | None = None, party: dict | None = None,
                    facts: dict | None = None) -> None:
        try:
            super().update_case(case_id, title=title, party=party, facts=facts)
        except OfficeStoreError as exc:
            if not exc.offline:
                raise
            self.journal.put_case(case_id, {"title": title, "party": party, "facts": facts})

    def autosave_document(self, doc_id: int, answers: dict, state: str | None = None) -> int:
        """As the SQLite store's; when the server cannot be reached the answers go into the local journal
        (written atomically) and the last version known is returned — nothing typed is lost."""
        if self.journal.pending() and not self.flush_journal():
            self.journal.put(doc_id, answers, state)
            return self.journal.version(doc_id)
        try:
            version = super().autosave_document(doc_id, answers, state)
        except OfficeStoreError as exc:
            if not exc.offline:
                raise
            self.journal.put(doc_id, answers, state)
            return self.journal.version(doc_id)
        self.journal.seen(doc_id, version)
        try:  # typing renews this window's edit lock (a lease): it lapses only when the window is gone
            with self.transaction() as db:
                db.execute("UPDATE edit_locks SET until = now() + make_interval(secs => ?) WHERE document_id=?"
                           " AND token=?", (LEASE_SECONDS, doc_id, self.token))
        except OfficeStoreError:
            pass
        return version

    def flush_journal(self) -> bool:
        """Write what was typed offline to the server, oldest first; True when the journal is empty."""
        for case_id, change in self.journal.case_entries():
            try:
                super().update_case(case_id, **change)
            except OfficeStoreError as exc:
                if exc.offline:
                    return False
                raise
            self.journal.case_done(case_id, change)
        for doc_id, entry in self.journal.entries():
            try:
                version = super().autosave_document(doc_id, entry["answers"], entry.get("state"))
                super().end_session(doc_id)
            except OfficeStoreError as exc:
                if exc.offline:
                    return False
                raise
            self.journal.done(doc_id, entry, version)
        self.offline = False
        return True


    # --- the agency profile (DOMAIN.md §13, issue 19): in the database, written by the 管理员 ---------------
    def role(self) -> str:
        """This login's role (承办人, 法制审核, 负责人, 管理员; 超级用户 for the database owner)."""
        return self._query("SELECT ws_role()")[0][0] or ""

    def agency_profile(self) -> tuple[str, str] | None:
        """The stored profile document (JSON text) and when it was last written; None when none is stored."""
        rows = self._query("SELECT doc, updated::text FROM agency_profile WHERE id = 1")
        return (rows[0][0], rows[0][1]) if rows else None

    def put_agency_profile(self, text: str) -> None:
        """Store the profile document (the database refuses anyone but the 管理员, in Chinese)."""
        with self.transaction() as db:
            db.execute("INSERT INTO agency_profile(id, doc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE"
                       " SET doc = EXCLUDED.doc, updated = now(), updated_by = session_user", (text,))

    def take_agency_profile(self) -> bool:
        """Bring this PC's copy of the agency profile up to the database's (at each connection); True when it
        changed. A profile that cannot be taken over here leaves the PC's copy as it was."""
        try:
            stored = self.agency_profile()
        except StoreError:
            return False
        if stored is None:
            return False
        from wenshu.settings import load_settings

        if load_settings().get("office_profile_stamp") == stored[1]:  # taken over already: nothing to read
            return False
        from wenshu.profile import ProfileError, take_office_profile

        try:
            changed = take_office_profile(stored[0])
        except (ProfileError, ValueError, OSError):
            return False  # this PC keeps its copy; the next connection tries again
        from wenshu.settings import save_settings

        settings = load_settings()
        settings["office_profile_stamp"] = stored[1]
        save_settings({k: v for k, v in settings.items() if k != "template_files"})
        return changed


def open_office_store(url: str) -> PgStore:
    return PgStore(url, session_password())
