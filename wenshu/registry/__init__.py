"""The document-number registry (文号登记簿): numbers are issued in sequence per (prefix, year), never
twice; a spoiled number is voided (作废) and kept; gaps are reported, not filled (DOMAIN.md §4).

Use from the app (final generation of a document; drafts show ``validators.numbers.draft_number``)::

    from validators.numbers import kind_code, prefix_for
    from wenshu.registry import issue_document, open_store

    prefix = prefix_for(kind_code(kind.name, settings), settings)       # （晋忻神）应急罚
    rec = issue_document(open_store(), prefix, document_date.year, case_id, document_id,
                         write=lambda number: render_with(number))   # returns the written path
    # rec.number is the document's number; generating it again returns the same number.

Views: ``store.sequences()``, ``store.report(prefix, year)`` (used / pending / voided / gaps),
``store.void(number, reason, who)``, ``store.recover()`` (reservations whose file was never written),
``store.import_existing(rows)``. Every failure is a ``RegistryError`` whose text is a Chinese message.

``open_store()`` gives the back end configured for this computer: today the local SQLite file
(``SqliteNumberStore``). An office sharing one sequence among several computers will get a database
server behind the same ``NumberStore`` interface; a SQLite file on a network share is refused.
"""

from __future__ import annotations

from pathlib import Path

from wenshu.registry.base import (
    ALLOCATED,
    ISSUED,
    STATE_CN,
    VOID,
    ImportResult,
    ImportRow,
    NumberRecord,
    NumberStore,
    RegistryError,
    SequenceReport,
    issue_document,
)

__all__ = ["ALLOCATED", "ISSUED", "STATE_CN", "VOID", "ImportResult", "ImportRow", "NumberRecord",
           "NumberStore", "RegistryError", "SequenceReport", "issue_document", "open_store"]


def open_store(path: str | Path | None = None, timeout: float | None = None) -> NumberStore:
    """The registry of this installation (``numbers.sqlite3`` in ``wenshu.paths.data_dir()``)."""
    # --- office mode (issue 16): the agency's PostgreSQL database when WENSHU_DATABASE / 设置 name one ---
    if path is None:
        from wenshu.pg import database_url

        url = database_url()
        if url:
            from wenshu.pg.registry import PgNumberStore
            from wenshu.pg.store import session_password

            return PgNumberStore(url, password=session_password())
    # --- end office mode ---
    from wenshu.registry.sqlite import DEFAULT_BUSY_TIMEOUT, SqliteNumberStore

    return SqliteNumberStore(path, timeout=DEFAULT_BUSY_TIMEOUT if timeout is None else timeout)
