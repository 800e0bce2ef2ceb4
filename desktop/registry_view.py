"""The number registry in the desktop app (文号登记簿) and the re-check of one case's numbers.

``RegistryDialog`` lists every sequence (代字 × 年份) on the left and, on the right, the numbers of the
chosen sequence with their state, case, document, who took them, when, and why a number was voided,
plus the gaps (断号). From it a clerk voids a number (a reason is required) and imports numbers issued
before the app was used (CSV registers or issued .docx files).

``CaseNumbersDialog`` shows the re-check of one case's numbers (复核本案文号, ``CaseService.audit_numbers``).

Only display and dialogs live here: every rule and every change is the Qt-free core's
(``wenshu.registry``, ``wenshu.number_audit``). Registry failures are shown with their Chinese text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from validators.findings import ERROR
from wenshu.number_audit import import_number_files
from wenshu.registry import ALLOCATED, ISSUED, VOID, NumberRecord, NumberStore, RegistryError, open_store

#: What the table shows for each state (the registry's STATE_CN, with 作废 as a completed state).
STATE_TEXT = {ISSUED: "已使用", ALLOCATED: "已预留（待确认）", VOID: "已作废"}
COLUMNS = ["序号", "文号", "状态", "案件", "文书", "经办人", "时间", "作废原因"]
(COL_SEQ, COL_NUMBER, COL_STATE, COL_CASE, COL_DOCUMENT, COL_WHO, COL_TIME, COL_REASON) = range(len(COLUMNS))
TITLE = "文号登记簿"
PENDING_COLOR = QColor("#8a5300")  # amber dark enough to read on white

Describe = Callable[[str], "str | None"]


# Qt's roles as plain ints, compared on every cell the view draws (enum members are slow to compare)
_DISPLAY, _ALIGN, _TOOLTIP, _FOREGROUND = (int(r.value) for r in (Qt.DisplayRole, Qt.TextAlignmentRole,
                                                                  Qt.ToolTipRole, Qt.ForegroundRole))
_ROLES_USED = frozenset((_DISPLAY, _ALIGN, _TOOLTIP, _FOREGROUND))
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
_ROOT = QModelIndex()
_VOID_COLOR = QColor(Qt.darkRed)


class _Cell:
    """What ``RecordTable.item(row, col)`` gives: the cell's text (as a ``QTableWidgetItem`` would)."""

    def __init__(self, text: str):
        self._text = text

    def text(self) -> str:
        return self._text


class RecordsModel(QAbstractTableModel):
    """The numbers of one sequence, read a page at a time as the view scrolls (``canFetchMore`` /
    ``fetchMore``): a sequence of 100,000 numbers costs what the visible rows cost — one page read in
    SQL, each row's case and document described once, when first drawn."""

    PAGE = 200

    def __init__(self, text_of: Callable[[NumberRecord, int], str], parent=None):
        super().__init__(parent)
        self.records: list[NumberRecord] = []
        self._text_of = text_of
        self._texts: dict[tuple[int, int], str] = {}
        self._page: Callable[[int, int], list[NumberRecord]] | None = None
        self.total = 0
        self.pages_read = 0

    def set_records(self, records: list[NumberRecord]) -> None:
        self.set_source(lambda limit, offset: records[offset:offset + limit], len(records))

    def set_source(self, page: Callable[[int, int], list[NumberRecord]], total: int) -> None:
        """Show ``total`` records read by ``page(limit, offset)``; the first page at once, the rest on demand."""
        self.beginResetModel()
        self._page, self.total, self.pages_read = page, total, 0
        self.records = []
        self._texts = {}
        self._read_page()
        self.endResetModel()

    def _next_page(self) -> list[NumberRecord]:
        if self._page is None or len(self.records) >= self.total:
            return []
        page = self._page(self.PAGE, len(self.records))[: self.total - len(self.records)]
        self.pages_read += 1
        if not page:
            self.total = len(self.records)  # fewer than counted (changed meanwhile): stop asking
        return page

    def _read_page(self) -> None:
        self.records.extend(self._next_page())

    def canFetchMore(self, parent=None) -> bool:  # noqa: N802 (Qt override)
        return (parent is None or not parent.isValid()) and len(self.records) < self.total

    def fetchMore(self, parent=None) -> None:  # noqa: N802 (Qt override)
        if not self.canFetchMore(parent):
            return
        page = self._next_page()
        if page:
            first = len(self.records)
            self.beginInsertRows(_ROOT, first, first + len(page) - 1)
            self.records.extend(page)
            self.endInsertRows()

    def load_until(self, row: int) -> bool:
        """Read pages until ``row`` is loaded (to select a number far down the list)."""
        while row >= len(self.records) and self.canFetchMore():
            self.fetchMore()
        return row < len(self.records)

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self.records)

    def columnCount(self, parent=None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def text(self, row: int, col: int) -> str:
        key = (row, col)
        if key not in self._texts:
            self._texts[key] = self._text_of(self.records[row], col) or ""
        return self._texts[key]

    def data(self, index, role=_DISPLAY):
        role = int(role) if not isinstance(role, int) else role
        if role not in _ROLES_USED:  # the view asks for many roles per cell; most are not ours
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self.records):
            return None
        if role == _DISPLAY:
            return self.text(row, col)
        if role == _ALIGN:
            return _RIGHT if col == COL_SEQ else None
        if role == _TOOLTIP:
            return (self.text(row, col) or None) if col == COL_REASON else None
        state = self.records[row].state
        return _VOID_COLOR if state == VOID else PENDING_COLOR if state == ALLOCATED else None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 (Qt override)
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None


class RecordTable(QTableView):
    """The registry's table over ``RecordsModel``, with the few ``QTableWidget`` calls its users make."""

    itemSelectionChanged = Signal()  # noqa: N815 (Qt's name)

    def __init__(self, model: RecordsModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.selectionModel().selectionChanged.connect(lambda *_: self.itemSelectionChanged.emit())
        model.modelReset.connect(self.itemSelectionChanged.emit)
        model.modelReset.connect(lambda: QTimer.singleShot(0, self.fit_visible_rows))
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.fit_visible_rows())

    def fit_visible_rows(self) -> None:
        """Row heights for the rows on screen only (a long 作废原因 wraps): never all 100,000 rows."""
        rows = self.rowCount()
        if not rows:
            return
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height() - 1)
        last = rows - 1 if last < 0 else last
        for row in range(first, min(last + 1, first + 200)):
            self.resizeRowToContents(row)

    def rowCount(self) -> int:  # noqa: N802 (QTableWidget's name)
        return self.model().rowCount()

    def currentRow(self) -> int:  # noqa: N802 (QTableWidget's name)
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def item(self, row: int, col: int) -> _Cell | None:
        if not 0 <= row < self.rowCount():
            return None
        return _Cell(self.model().text(row, col))


def cjk_font(point_size: float = 10.5) -> QFont:
    """The app's UI font (desktop.style) at ``point_size``: one font for the whole app."""
    from desktop.style import ui_font

    return ui_font(point_size)


def gap_text(gaps: Iterable) -> str:
    """``[5, 7, 8, 9]`` (or the ranges ``[(5, 5), (7, 9)]``) → ``5、7–9``: unused numbers as ranges."""
    runs: list[list[int]] = []
    for g in sorted(_numbers(gaps)):
        if runs and g == runs[-1][1] + 1:
            runs[-1][1] = g
        else:
            runs.append([g, g])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _numbers(gaps: Iterable) -> list[int]:
    """The unused numbers, from single numbers or (first, last) ranges."""
    out: list[int] = []
    for g in gaps:
        if isinstance(g, (tuple, list)):
            out.extend(range(int(g[0]), int(g[-1]) + 1))
        else:
            out.append(int(g))
    return out


def _when(rec: NumberRecord) -> str:
    at = {VOID: rec.voided_at, ISSUED: rec.issued_at}.get(rec.state) or rec.allocated_at or ""
    return at.replace("T", " ")[:16]


def _show_error(parent: QWidget, exc: Exception) -> None:
    QMessageBox.warning(parent, TITLE, str(exc))


class RegistryDialog(QDialog):
    """Numbers per 代字 and year with their documents, voids with reasons, and gaps.

    ``describe_case(case_id)`` / ``describe_document(document_id)`` may turn the registry's identifiers
    into what the user knows (the case title, 《行政处罚决定书》); without them the identifiers are shown.
    """

    changed = Signal()  # a number was voided or numbers were imported

    def __init__(self, parent: QWidget | None = None, *, store: NumberStore | None = None,
                 describe_case: Describe | None = None, describe_document: Describe | None = None,
                 who: str = ""):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._store = store
        self._owns_store = store is None
        self.describe_case = describe_case
        self.describe_document = describe_document
        self.who = who
        self.records: list[NumberRecord] = []
        self.current: tuple[str, int] | None = None

        self.sequence_list = QListWidget()
        self.sequence_list.setAccessibleName("文号序列")
        self.sequence_list.setMinimumWidth(230)
        self.sequence_list.currentItemChanged.connect(lambda *_: self._show_selected_sequence())
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        seq_label = QLabel("文号序列（代字 · 年份）(&S)")
        seq_label.setBuddy(self.sequence_list)
        left_box.addWidget(seq_label)
        left_box.addWidget(self.sequence_list)

        self.heading = QLabel()
        heading_font = cjk_font(12)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.summary_label = QLabel()
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.model = RecordsModel(self._cell_text, self)
        self.table = RecordTable(self.model)
        self.table.setAccessibleName("文号列表")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)  # no per-row measuring
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a long void reason wraps instead of being cut off
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(50)  # widths from the rows on screen and a few more, not 100,000
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.heading)
        right_box.addWidget(self.summary_label)
        right_box.addWidget(self.gap_label)
        right_box.addWidget(self.table, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.void_button = QPushButton("作废(&V)…")
        self.void_button.setToolTip("将选中的文号作废：须写明原因；作废的文号保留在登记簿中，不再使用。")
        self.void_button.clicked.connect(self.void_selected)
        self.import_button = QPushButton("导入已有文号(&I)…")
        self.import_button.setToolTip("导入使用本程序之前已编的文号：CSV 文号清单或已发出的 .docx 文书。")
        self.import_button.clicked.connect(self.import_files)
        self.refresh_button = QPushButton("刷新(&R)")
        self.refresh_button.setToolTip("重新读取登记簿（F5）")
        self.refresh_button.clicked.connect(self.refresh)
        close_button = QPushButton("关闭")
        close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence(Qt.Key_F5), self, self.refresh)
        buttons = QHBoxLayout()
        for b in (self.void_button, self.import_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        box = QVBoxLayout(self)
        box.addWidget(splitter, 1)
        box.addLayout(buttons)
        self.setTabOrder(self.sequence_list, self.table)
        self.setTabOrder(self.table, self.void_button)
        self.setTabOrder(self.void_button, self.import_button)
        self.setTabOrder(self.import_button, self.refresh_button)
        self.setTabOrder(self.refresh_button, close_button)
        self.resize(1260, 620)
        self.refresh()
        self.sequence_list.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        QTimer.singleShot(0, self.table.fit_visible_rows)  # wrap long reasons at the shown width

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        QTimer.singleShot(0, self.table.fit_visible_rows)

    # --- data ---------------------------------------------------------------------------------------

    def store(self) -> NumberStore:
        if self._store is None:
            self._store = open_store()
        return self._store

    def done(self, result: int) -> None:  # closing the dialog releases a registry it opened itself
        if self._owns_store and self._store is not None:
            self._store.close()
            self._store = None
        super().done(result)

    def refresh(self) -> None:
        """Read the registry again, keeping the chosen sequence and number when they still exist."""
        keep_sequence, keep_number = self.current, self.selected_number()
        try:
            store = self.store()
            counted = getattr(store, "sequence_counts", None)  # one GROUP BY, not every record read
            counts = counted() if counted is not None else {key: len(store.records(*key)) for key in store.sequences()}
            sequences = sorted(counts)  # the sequences are the counted ones: no second pass over the numbers
        except RegistryError as exc:
            _show_error(self, exc)
            return
        self.sequence_list.blockSignals(True)
        self.sequence_list.clear()
        for prefix, year in sequences:
            item = QListWidgetItem(f"{prefix}　{year}年　（{counts[(prefix, year)]} 个）")
            item.setData(Qt.UserRole, (prefix, year))
            self.sequence_list.addItem(item)
        self.sequence_list.blockSignals(False)
        hint = self.sequence_list.sizeHintForColumn(0) + 2 * self.sequence_list.frameWidth() + 24
        self.sequence_list.setMinimumWidth(max(230, hint))
        row = sequences.index(keep_sequence) if keep_sequence in sequences else (len(sequences) - 1)
        if row >= 0:
            self.sequence_list.blockSignals(True)  # one read of the shown sequence, below
            self.sequence_list.setCurrentRow(row)
            self.sequence_list.blockSignals(False)
        self._show_selected_sequence(keep_number)

    def _show_selected_sequence(self, keep_number: str | None = None) -> None:
        item = self.sequence_list.currentItem()
        self.current = item.data(Qt.UserRole) if item is not None else None
        self.model.set_records([])
        self.records = []
        if self.current is None:
            self.heading.setText("登记簿中还没有文号")
            self.summary_label.setText("生成正式文书时自动取号；使用本程序之前已编的文号，可点“导入已有文号”登记。")
            self.gap_label.setText("")
            self._update_buttons()
            return
        prefix, year = self.current
        store = self.store()
        try:
            summary = store.sequence_summary(prefix, year)  # counted and gaps in SQL: no record read for them
        except RegistryError as exc:
            _show_error(self, exc)
            return
        self.heading.setText(f"{prefix}〔{year}〕　下一个序号：{summary['next_seq']}")
        self.summary_label.setText(
            f"已使用 {summary['issued']} 个　已预留（待确认）{summary['pending']} 个　"
            f"已作废 {summary['voided']} 个　断号 {len(_numbers(summary['gaps']))} 个")
        self.gap_label.setText(f"断号：{gap_text(summary['gaps'])}（未使用的序号，不会再自动分配）"
                               if summary["gaps"] else "断号：无")

        def page(limit: int, offset: int) -> list[NumberRecord]:
            try:
                return store.records_page(prefix, year, limit, offset)
            except RegistryError as exc:
                _show_error(self, exc)
                return []
        self.model.set_source(page, summary["count"])
        self.records = self.model.records  # the rows read so far (the model adds pages as they are shown)
        if keep_number:
            self._select(keep_number)
        self._update_buttons()

    def _select(self, number: str) -> bool:
        if self.current is None:
            return False
        try:
            row = self.store().position(*self.current, number)
        except RegistryError:
            row = None
        if row is None or not self.model.load_until(row):
            return False
        self.table.selectRow(row)
        return True

    def _cell_text(self, rec: NumberRecord, col: int) -> str:
        if col == COL_SEQ:
            return str(rec.seq)
        if col == COL_NUMBER:
            return rec.number
        if col == COL_STATE:
            return STATE_TEXT.get(rec.state, rec.state)
        if col == COL_CASE:
            return self._case_text(rec)
        if col == COL_DOCUMENT:
            return self._document_text(rec)
        if col == COL_WHO:
            return rec.voided_by if rec.state == VOID and rec.voided_by else rec.who
        if col == COL_TIME:
            return _when(rec)
        return rec.void_reason or ""

    def _case_text(self, rec: NumberRecord) -> str:
        if not rec.case_id:
            return ""
        cache = self.__dict__.setdefault("_cases_described", {})
        if rec.case_id not in cache:
            cache[rec.case_id] = self.describe_case(rec.case_id) if self.describe_case else None
        return cache[rec.case_id] or rec.case_id

    def _document_text(self, rec: NumberRecord) -> str:
        described = self.describe_document(rec.document_id) if self.describe_document and rec.document_id else None
        if described:
            return described
        if rec.document_title:
            return rec.document_title
        if rec.path:
            return rec.path.replace("\\", "/").rsplit("/", 1)[-1]
        return f"文书 {rec.document_id}" if rec.document_id else ""

    def selected_number(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not 0 <= rows[0].row() < len(self.records):
            return None
        return self.records[rows[0].row()].number

    def select_number(self, number: str) -> bool:
        """Show ``number`` (choosing its sequence); False when the registry does not hold it."""
        for i in range(self.sequence_list.count()):
            prefix, year = self.sequence_list.item(i).data(Qt.UserRole)
            if number.startswith(prefix) and f"〔{year}〕" in number:
                self.sequence_list.setCurrentRow(i)
                if self._select(number):
                    return True
        return False

    def _update_buttons(self) -> None:
        number = self.selected_number()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        rec = self.records[rows[0].row()] if number is not None and rows else None
        self.void_button.setEnabled(rec is not None and rec.state != VOID)

    # --- actions ------------------------------------------------------------------------------------

    def void_selected(self) -> None:
        """Void the chosen number after asking why; an empty reason is refused."""
        number = self.selected_number()
        if number is None:
            QMessageBox.information(self, TITLE, "请先在列表中选中要作废的文号。")
            return
        reason, ok = QInputDialog.getText(
            self, "作废文号", f"作废 {number} 的原因（必填，如“文书填写错误，重新制作”）：")
        if not ok:
            return
        if not (reason or "").strip():
            QMessageBox.warning(self, TITLE, "未作废：请填写作废原因（如“文书填写错误，重新制作”）。")
            return
        try:
            self.store().void(number, reason.strip(), who=self.who)
        except RegistryError as exc:
            _show_error(self, exc)
            return
        self.refresh()
        self.changed.emit()

    def import_files(self) -> None:
        """Import numbers issued before the app: CSV registers or issued .docx files."""
        paths, _ = QFileDialog.getOpenFileNames(
            self, "导入已有文号", "", "文号清单或已发文书 (*.csv *.docx);;CSV 文号清单 (*.csv);;Word 文书 (*.docx)")
        if not paths:
            return
        try:
            summary = import_number_files(paths, self.store())
        except RegistryError as exc:
            _show_error(self, exc)
            return
        self.last_import_message = summary.message()
        QMessageBox.information(self, "导入结果", self.last_import_message)
        self.refresh()
        if summary.imported:
            last = summary.imported[-1]
            self.select_number(last.number)
            self.changed.emit()


class CaseNumbersDialog(QDialog):
    """复核本案文号: every number fault of one case, with how to fix it.

    ``audit()`` re-checks the case (``CaseService.audit_numbers``: ``{"findings", "summary"}``) — at once
    and on 重新复核. Double-clicking (or Enter on) a line emits ``document_activated(document_id)`` so the
    main window can open that document.
    """

    document_activated = Signal(object)
    HEADERS = ["文书", "文号", "级别", "问题及改正方法"]

    def __init__(self, audit: Callable[[], dict], parent: QWidget | None = None, *, case_title: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"复核本案文号 — {case_title}" if case_title else "复核本案文号")
        self.audit = audit
        self.findings: list[dict] = []

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setAccessibleName("文号复核结果")
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemActivated.connect(self._activated)

        self.recheck_button = QPushButton("重新复核(&R)")
        self.recheck_button.setToolTip("改正文书或登记簿后，再次复核本案全部文号。")
        self.recheck_button.clicked.connect(self.run)
        close_button = QPushButton("关闭")
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recheck_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        box = QVBoxLayout(self)
        box.addWidget(self.summary_label)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        self.resize(1000, 520)
        self.run()
        self.table.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # row heights for the shown width

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def run(self) -> None:
        """Re-check every number of the case now."""
        from wenshu.service import ServiceError

        try:
            result = self.audit()
        except (RegistryError, ServiceError) as exc:
            self.findings = []
            self.summary_label.setText("无法复核：" + str(exc))
            self.table.setRowCount(0)
            _show_error(self, exc)
            return
        self.findings = list(result["findings"])
        self.summary_label.setText(result["summary"])
        ordered = sorted(self.findings, key=lambda f: (f["severity"] != ERROR, str(f["document"])))
        self.findings = ordered
        self.table.setRowCount(len(ordered))
        for row, f in enumerate(ordered):
            level = "错误" if f["severity"] == ERROR else "提示"
            for col, text in enumerate([f["title"], f["number"] or "（无）", level, f["message"]]):
                cell = QTableWidgetItem(text)
                if col == 2:
                    cell.setForeground(Qt.darkRed if f["severity"] == ERROR else PENDING_COLOR)
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        if ordered:
            self.table.selectRow(0)

    def _activated(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if 0 <= row < len(self.findings):
            self.document_activated.emit(self.findings[row]["document"])


def show_case_numbers(parent: QWidget | None, audit: Callable[[], dict], *, case_title: str = "") -> CaseNumbersDialog:
    """Open 复核本案文号 for one case (non-modal) and return the dialog."""
    dialog = CaseNumbersDialog(audit, parent, case_title=case_title)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog
