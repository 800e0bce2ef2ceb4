"""The document-number registry (文号登记簿): numbers are issued in sequence per (prefix, year), never
twice; a spoiled number is voided (作废) and kept; gaps are reported, not filled (DOMAIN.md §4).

Use from the app::

    from wenshu.registry import open_store, issue_document
    store = open_store()
    rec = issue_document(store, prefix_for(code, settings), 2026, case_id, document_id, write=...)

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
    from wenshu.registry.sqlite import DEFAULT_BUSY_TIMEOUT, SqliteNumberStore

    return SqliteNumberStore(path, timeout=DEFAULT_BUSY_TIMEOUT if timeout is None else timeout)
