"""The editor's list of a document's versions (the read-only view of a damaged document): a list model that
reads the versions a page at a time as the list is scrolled (issue 17) — a document with years of versions
opens with its newest page only. Only readable versions are listed (the ones that can be restored)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

_ROOT = QModelIndex()


def version_label(v: dict) -> str:
    return f"第 {v['version']} 版（{(v.get('saved') or '').replace('T', ' ')[:16]}）"


class VersionsModel(QAbstractListModel):
    """Newest first. ``first``: the versions already read (any order); ``page(limit, offset)`` reads more
    (newest first, as ``CaseService.version_page``); ``total``: how many versions the document has."""

    PAGE = 50

    def __init__(self, first: list[dict], total: int, page: Callable[[int, int], list[dict]], parent=None):
        super().__init__(parent)
        ordered = sorted(first, key=lambda v: -int(v["version"]))
        self.rows = [v for v in ordered if v.get("readable")]
        self._read = len(ordered)
        self.total = max(total, self._read)
        self._page = page
        self.pages_read = 0

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        v = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return version_label(v)
        if role == Qt.UserRole:
            return v["version"]
        return None

    def canFetchMore(self, parent=_ROOT) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() and self._read < self.total

    def fetchMore(self, parent=_ROOT) -> None:  # noqa: N802 (Qt override)
        if not self.canFetchMore(parent):
            return
        page = self._page(self.PAGE, self._read)
        self.pages_read += 1
        if not page:
            self.total = self._read
            return
        self._read += len(page)
        readable = [v for v in page if v.get("readable")]
        if readable:
            first = len(self.rows)
            self.beginInsertRows(_ROOT, first, first + len(readable) - 1)
            self.rows.extend(readable)
            self.endInsertRows()
