"""Deadline views: one case's deadlines, and the start-of-day list across cases (今日待办期限).

The widgets only show what ``wenshu.agenda`` decided (due dates, statuses, explanations); every status
carries its Chinese word beside the colour, and each row's tooltip gives the rule, how it counts and
the source article.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from validators.datetimes import date_cn
from wenshu.agenda import DONE, DUE_SOON, OK, OVERDUE, STATUS_LABELS, UNCOVERED, AgendaItem, case_agenda

#: Row colours per status: (background, text). Overdue red, due soon amber, ok neutral, done grey.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    OVERDUE: ("#fff1f0", "#a8071a"),
    DUE_SOON: ("#fffbe6", "#874d00"),
    OK: ("#ffffff", "#1f2328"),
    DONE: ("#f3f4f6", "#6b7480"),
    UNCOVERED: ("#fff7e6", "#ad4e00"),
}
#: Status cell marks, so the state reads without colour too.
STATUS_MARKS: dict[str, str] = {OVERDUE: "● ", DUE_SOON: "▲ ", OK: "", DONE: "✓ ", UNCOVERED: "？"}


#: Roles for the data behind a row.
CASE_ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


#: Rows of the agenda whose text decides its column widths.
FIRST_ROWS = 100


def _cjk_font(point_size: int = 10) -> QFont:
    """The app's UI font (desktop.style): one font for the whole app."""
    from desktop.style import ui_font

    return ui_font(point_size)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between rows
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(False)
    table.setShowGrid(False)
    table.setStyleSheet("QTableWidget::item { padding: 4px 8px; }"
                        "QTableWidget::item:selected { background: #17324d; color: white; }"
                        "QHeaderView::section { padding: 4px 8px; background: #eef1f5; border: none;"
                        " border-bottom: 1px solid #dde2e8; font-weight: bold; }")
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def _view(headers: list[str], name: str) -> QTableView:
    """``_table``'s look for a view over a model (今日待办期限)."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a cut name keeps its end (the 文号)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setStyleSheet("QTableView::item { padding: 4px 8px; }"
                        "QTableView::item:selected { background: #17324d; color: white; }"
                        "QHeaderView::section { padding: 4px 8px; background: #eef1f5; border: none;"
                        " border-bottom: 1px solid #dde2e8; font-weight: bold; }")
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def _fit_status_column(table: QTableWidget, column: int) -> None:
    """The status column as wide as its longest word plus room, so 即将到期/无法计算 never touch the edge."""
    table.resizeColumnsToContents()
    bold = QFont(table.font())
    bold.setBold(True)
    widest = max(QFontMetrics(bold).horizontalAdvance(f"{STATUS_MARKS[s]}{STATUS_LABELS[s]}") for s in STATUS_LABELS)
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    table.setColumnWidth(column, widest + 32)


def tooltip_html(item: AgendaItem) -> str:
    """The row's tooltip as rich text, so Qt wraps the long lines (the uncovered-year message)."""
    lines = [html.escape(line) for line in item.explain().splitlines()]
    body = "<br>".join(lines[1:])
    return f"<qt><table width=\"440\"><tr><td><b>{lines[0]}</b><br>{body}</td></tr></table></qt>"


def _fill_row(table: QTableWidget, row: int, cells: list[str], item: AgendaItem, status_col: int) -> None:
    background, foreground = STATUS_COLOURS[item.status]
    tip = tooltip_html(item)
    for col, text in enumerate(cells):
        cell = QTableWidgetItem(text)
        cell.setToolTip(tip)
        cell.setData(CASE_ID_ROLE, item.case_id)
        cell.setData(STATUS_ROLE, item.status)
        cell.setBackground(QBrush(QColor(background)))
        cell.setForeground(QBrush(QColor(foreground)))
        if col == status_col:
            font = cell.font()
            font.setBold(item.status in (OVERDUE, DUE_SOON, UNCOVERED))
            cell.setFont(font)
            cell.setData(Qt.ItemDataRole.AccessibleTextRole, item.status_label)
        table.setItem(row, col, cell)


def status_text(item: AgendaItem) -> str:
    """The status cell: mark and Chinese word (已逾期 …), never colour alone."""
    return f"{STATUS_MARKS[item.status]}{item.status_label}"


def _summary(items: list[AgendaItem]) -> str:
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUS_LABELS}
    parts = [f"{STATUS_LABELS[s]} {counts[s]} 项" for s in (OVERDUE, DUE_SOON, UNCOVERED, OK, DONE) if counts[s]]
    return "，".join(parts)


class ShownDeadline:
    """One deadline as the case service shows it (``CaseService.show()["deadlines"]``, a dict), with the
    attributes the rows read of an ``AgendaItem``; its words (剩余, 依据) are the service's."""

    def __init__(self, data: dict):
        self.data = data
        self.item = AgendaItem(data.get("case_id"), str(data.get("case_title") or ""), data["rule"], data["title"],
                               data["event"], date.fromisoformat(data["start"]),
                               date.fromisoformat(data["due"]) if data.get("due") else None, data["status"],
                               working_days_left=data.get("working_days_left"), message=data.get("message") or "")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.item, name)

    def explain(self) -> str:
        return str(self.data.get("explain") or self.item.explain())

    def remaining_text(self, today: date) -> str:
        return str(self.data.get("remaining") or self.item.remaining_text(today))


class CaseDeadlinesWidget(QWidget):
    """The deadlines of one case: 期限, 起算事件, 起算日, 届满日, 剩余, 状态 — with the rule on hover."""

    HEADERS = ["期限", "起算事件", "起算日", "届满日", "剩余", "状态"]
    STATUS_COLUMN = 5

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("deadlinesSummary")
        self.summary.setWordWrap(True)
        self.table = _table(self.HEADERS, "案件期限")
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.items: list[AgendaItem] = []
        self.set_deadlines([])

    def set_case(self, case_id: Any, title: str, events: dict, completed: set[str] | frozenset[str] = frozenset(),
                 today: date | None = None) -> None:
        """Compute and show a case's deadlines (calendar and period settings in force)."""
        today = today or date.today()
        self.set_deadlines(case_agenda(case_id, title, events, completed, today), today)

    def show_deadlines(self, deadlines: list[dict], today: date | None = None) -> None:
        """Show the deadlines the case service worked out (``show()["deadlines"]``)."""
        self.set_deadlines([ShownDeadline(d) for d in deadlines], today)

    def set_deadlines(self, items: list, today: date | None = None) -> None:
        """Show ``items`` (from ``wenshu.agenda.case_agenda``), remaining days counted from ``today``."""
        today = today or date.today()
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = [item.title, item.event_title, date_cn(item.start),
                     date_cn(item.due) if item.due else "无法计算", item.remaining_text(today), status_text(item)]
            _fill_row(self.table, row, cells, item, self.STATUS_COLUMN)
        self.table.resizeRowsToContents()
        _fit_status_column(self.table, self.STATUS_COLUMN)
        if not self.items:
            self.summary.setText("本案尚无可计算的期限：填写立案、告知书送达、处罚决定等文书的日期后自动计算。")
        else:
            self.summary.setText(f"截至{date_cn(today)}：{_summary(self.items)}。将鼠标停在一行上可查看计算依据。")


class AgendaModel(QAbstractTableModel):
    """The rows of 今日待办期限, drawn from the items as Qt asks for them: thousands of rows at an agency's
    size cost nothing until they are scrolled to (a cell widget per row took a minute to fill at 3,800 rows)."""

    HEADERS = ["案件", "期限", "届满日", "剩余", "状态"]
    STATUS_COLUMN = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items: list[AgendaItem] = []
        self.today = date.today()
        self._brushes = {s: (QBrush(QColor(bg)), QBrush(QColor(fg))) for s, (bg, fg) in STATUS_COLOURS.items()}
        self.bold = QFont()

    def set_items(self, items: list[AgendaItem], today: date) -> None:
        self.beginResetModel()
        self.items, self.today = list(items), today
        self.endResetModel()

    def cells(self, row: int) -> list[str]:
        item = self.items[row]
        return [item.case_title, item.title, date_cn(item.due) if item.due else "无法计算",
                item.remaining_text(self.today), status_text(item)]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt names)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item, col = self.items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(index.row())[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(item)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[item.status][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes[item.status][1]
        if role == Qt.ItemDataRole.FontRole and col == self.STATUS_COLUMN and item.status in (OVERDUE, DUE_SOON,
                                                                                               UNCOVERED):
            return self.bold
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.STATUS_COLUMN:
            return item.status_label
        if role == CASE_ID_ROLE:
            return item.case_id
        if role == STATUS_ROLE:
            return item.status
        return None


class AgendaWidget(QWidget):
    """今日待办期限: overdue and soon-due deadlines of every case; double-click or Enter opens the case."""

    caseRequested = Signal(object)

    HEADERS = AgendaModel.HEADERS
    STATUS_COLUMN = AgendaModel.STATUS_COLUMN

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("agendaHeading")
        self.heading.setWordWrap(True)
        self.model = AgendaModel(self)
        self.table = _view(self.HEADERS, "今日待办期限")
        self.table.setModel(self.model)
        self.model.bold = QFont(self.table.font())
        self.model.bold.setBold(True)
        self.table.doubleClicked.connect(lambda index: self._request(index.row()))
        self.table.installEventFilter(self)
        hint = QLabel("双击某一行或按回车键打开该案件。")
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        self.set_items([])

    @property
    def items(self) -> list[AgendaItem]:
        return self.model.items

    def set_items(self, items: list[AgendaItem], today: date | None = None, working_days: int | None = None) -> None:
        """Show ``items`` (from ``wenshu.agenda.upcoming``)."""
        from validators.rulebook import AGENDA_WORKING_DAYS

        today = today or date.today()
        n = AGENDA_WORKING_DAYS if working_days is None else working_days
        self.model.set_items(items, today)
        self._fit_columns()
        if self.items:
            self.heading.setText(f"{date_cn(today)}：已逾期及{n}个工作日内到期的期限共 {len(self.items)} 项"
                                 f"（{_summary(self.items)}）。")
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.heading.setText(f"{date_cn(today)}：没有已逾期或{n}个工作日内到期的期限。")

    def _fit_columns(self) -> None:
        """Widths from the header, every distinct period name and the first and last screenfuls of rows (not
        from thousands of rows), the case title taking the rest; one row height for all (a row is one line)."""
        metrics, bold = QFontMetrics(self.table.font()), QFontMetrics(self.model.bold)
        header = self.table.horizontalHeader()
        head_metrics = QFontMetrics(header.font())
        n = len(self.items)
        rows = [self.model.cells(r) for r in sorted({*range(min(FIRST_ROWS, n)), *range(max(0, n - FIRST_ROWS), n)})]
        titles = {i.title for i in self.items}  # few distinct names of periods, however many rows
        for col in range(1, self.STATUS_COLUMN):
            texts = titles if col == 1 else {r[col] for r in rows}
            widest = max([head_metrics.horizontalAdvance(self.HEADERS[col]) + 8]
                         + [metrics.horizontalAdvance(t) for t in texts])
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            # a long name (公示信息撤除 with its 文号) is cut with … rather than squeezing the case's name out
            self.table.setColumnWidth(col, min(widest + 28, metrics.horizontalAdvance("公") * 16))
        widest = max(bold.horizontalAdvance(f"{STATUS_MARKS[s]}{STATUS_LABELS[s]}") for s in STATUS_LABELS)
        header.setSectionResizeMode(self.STATUS_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(self.STATUS_COLUMN, widest + 32)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(metrics.height(), bold.height()) + 12)

    def _request(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.caseRequested.emit(self.items[row].case_id)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
        if (watched is self.table and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._request(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)


class AgendaDialog(QDialog):
    """The start-of-day list in its own window; choosing a case closes it and emits ``caseRequested``."""

    caseRequested = Signal(object)

    def __init__(self, items: list[AgendaItem], today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("今日待办期限")
        self.agenda = AgendaWidget(self)
        self.agenda.set_items(items, today)
        self.agenda.caseRequested.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.agenda)
        layout.addWidget(buttons)
        self.resize(880, 460)

    def _open(self, case_id: Any) -> None:
        self.caseRequested.emit(case_id)
        self.accept()
