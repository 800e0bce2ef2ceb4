"""The field editors of a document's form, one per ``x-widget`` / JSON type (``make_editor``).

Each editor knows its JSON Pointer, so a finding's ``path`` leads back to the widget to focus and highlight.
Whether a field applies (``x-show-if``) is the engine's rule (``validators.engine.shown``): the form hides
exactly the fields the checks leave out. The form itself (steps, navigation, findings) is ``desktop.form``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from validators.findings import pointer as make_pointer
from validators.registry import is_blank

if TYPE_CHECKING:
    from desktop.form import DocumentForm

BLANK_TEXT = "（未填写）"
_MIN_DATETIME = QDateTime(QDate(1900, 1, 1), QTime(0, 0))
_MIN_DATE = QDate(1900, 1, 1)


class FormContext:
    """What the form's pickers offer: the officer roster and the case's party; ``settings`` give the
    draft's 文号 placeholder."""

    def __init__(self, roster: list | None = None, case_party: dict | None = None, settings: dict | None = None):
        self.roster = list(roster or [])
        self.case_party = dict(case_party or {})
        self.settings = settings


def _schema_type(schema: dict) -> str | None:
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), None)
    if t is None and "properties" in schema:
        t = "object"
    return t


def _mark(widget: QWidget, severity: str | None) -> None:
    """Show (or clear) a finding on a widget via the ``finding`` property the style sheet reads."""
    if widget.property("finding") == (severity or ""):
        return
    widget.setProperty("finding", severity or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Editor:
    """One field: its widget, its value, and the widget behind any JSON Pointer inside it."""

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        self.schema = schema
        self.path = path
        self.form = form
        self.widget: QWidget = QWidget()

    @property
    def title(self) -> str:
        return str(self.schema.get("title") or self.path.rsplit("/", 1)[-1])

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self.widget

    def target(self, path: str) -> Editor:
        """The deepest editor for ``path`` (this one when nothing inside matches better)."""
        return self

    def markable(self) -> QWidget:
        return self.focus_widget()

    def children(self) -> Iterator[Editor]:
        return iter(())

    def _changed(self, *_args) -> None:
        self.form.on_edit()


class LineEditor(Editor):
    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(str(schema.get("x-placeholder") or ""))
        if schema.get("maxLength"):
            self.edit.setMaxLength(int(schema["maxLength"]) + 50)  # the check explains the limit
        self.edit.textEdited.connect(self._changed)
        self.edit.returnPressed.connect(self._enter)
        self.widget = self.edit

    def _enter(self) -> None:
        """Enter moves on to the next field, as in the paper-form habit of clerks (Tab works too)."""
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        QApplication.postEvent(self.edit, QKeyEvent(QEvent.KeyPress, Qt.Key_Tab, Qt.NoModifier))

    def value(self) -> Any:
        text = self.edit.text()
        return None if is_blank(text) else text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class DocumentNumberEditor(LineEditor):
    """The document's own 文号; left blank, it is issued by the number registry on generation.

    The placeholder is what the draft carries until then (``（晋忻神）应急罚〔2026〕　　号``)."""

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        draft = draft_placeholder(getattr(form.kind, "name", ""), form.context.settings)
        if draft:  # a numbered kind: what the draft carries, not an example number to copy
            self.edit.setPlaceholderText(draft)


def draft_number_text(kind_name: str, settings: dict | None = None, year: int | None = None) -> str:
    """What a draft shows in place of its number: ``（晋忻神）应急罚〔2026〕　　号`` ("" without 文种代字)."""
    from validators.numbers import draft_number

    try:
        return draft_number(kind_name, settings, year or date.today().year)
    except ValueError:
        return ""


def draft_placeholder(kind_name: str, settings: dict | None = None, year: int | None = None) -> str:
    """``（晋忻神）应急罚〔2026〕　　号（留空，生成时由文号登记簿自动取号）`` — or "" for a kind without 文种代字."""
    draft = draft_number_text(kind_name, settings, year)
    return f"{draft}（留空，生成时由文号登记簿自动取号）" if draft else ""


class NumberEditor(LineEditor):
    """A number field; text that is not a number is kept as typed so the check can explain it."""

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text) if _schema_type(self.schema) == "integer" or text.isdigit() else float(text)
        except ValueError:
            return text


class MoneyEditor(LineEditor):
    """An amount in yuan with its capital Chinese form shown live (人民币壹万贰仟元整)."""

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        self.edit.setPlaceholderText(str(schema.get("x-placeholder") or "单位：元，如 12000"))
        self.capital = QLabel()
        self.capital.setObjectName("capital")
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.capital, 2)
        self.widget = box
        self.edit.textChanged.connect(self._update_capital)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        return int(text) if text.isdigit() and len(text) < 16 else text  # decimals stay exact as typed

    def _update_capital(self, text: str) -> None:
        from validators.money import capital

        try:
            self.capital.setText(f"大写：{capital(text.strip())}" if text.strip() else "")
        except (ValueError, ArithmeticError):
            self.capital.setText("大写：金额无法识别")

    def focus_widget(self) -> QWidget:
        return self.edit


class _GrowingText(QPlainTextEdit):
    """Multi-line text that grows with its content (between ``lines`` and 14 lines), so pages stay compact."""

    def __init__(self, lines: int):
        super().__init__()
        self.lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.textChanged.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        rows = max(self.lines, min(14, int(self.document().size().height()) + 1))
        margins = self.contentsMargins()
        height = (rows * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin())
                  + margins.top() + margins.bottom() + 8)
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


class TextAreaEditor(Editor):
    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        inside_item = bool(re.search(r"/\d+(/|$)", path))
        self.edit = _GrowingText(2 if inside_item else 4)
        self.edit.setPlaceholderText(str(schema.get("x-placeholder") or ""))
        self.edit.textChanged.connect(self._changed)
        self.widget = self.edit

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return None if is_blank(text) else text

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class _BlankableDateTime(QDateTimeEdit):
    """A date-time picker that can be empty (the minimum shows as “（未填写）”).

    Typing into an empty picker starts from today, so keyboard entry never begins in the year 1900.
    """

    def __init__(self, with_time: bool = True):
        super().__init__()
        self.with_time = with_time
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd")
        self.setMinimumDateTime(_MIN_DATETIME)
        self.setSpecialValueText(BLANK_TEXT)
        self.setDateTime(_MIN_DATETIME)

    def is_blank(self) -> bool:
        return self.dateTime() <= _MIN_DATETIME

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if self.is_blank():  # the calendar opens on today, not on the year 1900
            self.setDateTime(QDateTime(QDate.currentDate(), QTime(9, 0) if self.with_time else QTime(0, 0)))
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if self.is_blank() and (event.text().isdigit() or event.key() in (Qt.Key_Up, Qt.Key_Down)):
            self.setDateTime(QDateTime(QDate.currentDate(), QTime(0, 0)))
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.currentSection())
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and event.modifiers() & Qt.ControlModifier:
            self.setDateTime(_MIN_DATETIME)
            return
        super().keyPressEvent(event)


class DateTimeEditor(Editor):
    """Date and time to the minute (ISO ``2026-11-20T09:30``); Ctrl+Delete empties it."""

    with_time = True
    fmt = "yyyy-MM-ddTHH:mm"

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        self.edit = _BlankableDateTime(self.with_time)
        self.edit.dateTimeChanged.connect(self._on_change)
        self._loading = False
        self.widget = self.edit

    def _on_change(self, *_args) -> None:
        if not self._loading:
            self._changed()

    def value(self) -> Any:
        if self.edit.is_blank():
            return None
        return self.edit.dateTime().toString(self.fmt)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            text = str(value or "").strip()
            if not text:
                self.edit.setDateTime(_MIN_DATETIME)
                return
            dt = QDateTime.fromString(text[:16], "yyyy-MM-ddTHH:mm") if self.with_time else \
                QDateTime(QDate.fromString(text[:10], "yyyy-MM-dd"), QTime(0, 0))
            if not dt.isValid():
                dt = QDateTime.fromString(text[:16].replace(" ", "T"), "yyyy-MM-ddTHH:mm")
            self.edit.setDateTime(dt if dt.isValid() else _MIN_DATETIME)
        finally:
            self._loading = False


class DateEditor(DateTimeEditor):
    with_time = False
    fmt = "yyyy-MM-dd"


class EnumEditor(Editor):
    def __init__(self, schema: dict, path: str, form: DocumentForm, blank: bool = True):
        super().__init__(schema, path, form)
        self.combo = QComboBox()
        titles = schema.get("x-enum-titles") or {}
        choices = list(schema.get("enum") or [])
        if blank and "" not in choices:
            self.combo.addItem("（请选择）", None)
        for choice in choices:
            self.combo.addItem(str(titles.get(str(choice), choice if choice != "" else "（不填）")), choice)
        self.combo.currentIndexChanged.connect(self._on_change)
        self._loading = False
        self.widget = self.combo

    def _on_change(self, *_args) -> None:
        if not self._loading:
            self._changed()

    def value(self) -> Any:
        data = self.combo.currentData()
        return None if data in (None, "") else data

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            if value is None or value == "":  # nothing chosen: the blank entry, never the first choice
                index = self.combo.findData("") if self.combo.findData("") >= 0 else self.combo.findData(None)
            else:
                index = self.combo.findData(value)
            self.combo.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False


class BoolEditor(Editor):
    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        self.check = QCheckBox(self.title)
        self.check.toggled.connect(self._changed)
        self.widget = self.check

    def value(self) -> Any:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(bool(value))
        self.check.blockSignals(False)


class ObjectEditor(Editor):
    """A group of sub-fields; ``x-show-if`` hides fields that do not apply (and leaves them out)."""

    horizontal = False

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        self.fields: dict[str, Editor] = {}
        self._extra: dict = {}
        self.frame = QFrame()
        self.frame.setObjectName("group")
        if self.horizontal:
            layout = QHBoxLayout(self.frame)
        else:
            layout = QFormLayout(self.frame)
            layout.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        layout.setContentsMargins(0, 0, 0, 0)
        self.layout = layout
        self._labels: dict[str, QLabel] = {}
        self.header()
        for key, sub in (schema.get("properties") or {}).items():
            editor = make_editor(sub, path + make_pointer(key), form)
            self.fields[key] = editor
            label = QLabel(editor.title + "：" if not isinstance(editor, BoolEditor) else "")
            label.setBuddy(editor.focus_widget())
            self._labels[key] = label
            if self.horizontal:
                layout.addWidget(label)
                layout.addWidget(editor.widget, 1)
            else:
                layout.addRow(label, editor.widget)
        self.widget = self.frame
        self.apply_show_if()

    def header(self) -> None:
        """Hook for widgets above the fields (the party picker)."""

    def apply_show_if(self) -> None:
        """Show the sub-fields that apply to the values beside them (the engine's rule)."""
        values = None
        for key, editor in self.fields.items():
            if not isinstance(editor.schema.get("x-show-if"), dict):
                continue
            if values is None:
                values = {k: e.value() for k, e in self.fields.items()}
            from validators.engine import shown  # the rule engine: only once a form is open

            visible = shown(editor.schema, values)
            editor.widget.setVisible(visible)
            self._labels[key].setVisible(visible)

    def visible_keys(self) -> list[str]:
        return [k for k, e in self.fields.items() if not e.widget.isHidden()]

    def value(self) -> Any:
        out = {k: v for k, v in self._extra.items() if k not in self.fields}
        for key in self.visible_keys():
            v = self.fields[key].value()
            if v is not None:
                out[key] = v
        return out or None

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        self._extra = copy.deepcopy(value)
        for key, editor in self.fields.items():
            v = value.get(key)
            if v is None and "default" in editor.schema:  # a new item starts from the schema's default
                v = copy.deepcopy(editor.schema["default"])
            editor.set_value(v)
        self.apply_show_if()

    def focus_widget(self) -> QWidget:
        for key in self.visible_keys():
            return self.fields[key].focus_widget()
        return self.widget

    def markable(self) -> QWidget:
        return self.frame

    def target(self, path: str) -> Editor:
        for editor in self.fields.values():
            if path == editor.path or path.startswith(editor.path + "/"):
                return editor.target(path)
        return self

    def children(self) -> Iterator[Editor]:
        return iter(self.fields.values())


class TimeRangeEditor(ObjectEditor):
    """Start and end on one line: 开始时间 [ ] 结束时间 [ ]."""

    horizontal = True


class PartyEditor(ObjectEditor):
    """执法对象: organisation or person; the case's party can be taken over with one key press."""

    def header(self) -> None:
        party = self.form.context.case_party
        if party.get("name"):
            button = QPushButton(f"填入本案当事人：{party['name']}")
            button.setObjectName("partyPick")
            button.setToolTip("把案件中已登记的当事人信息填入本栏（Alt+D）")
            button.setShortcut(QKeySequence("Alt+D"))
            button.clicked.connect(self.take_case_party)
            self.layout.addRow(button)

    def take_case_party(self) -> None:
        self.set_value(self.form.context.case_party)
        self.form.on_edit()


class ArrayEditor(Editor):
    """Repeated items (违法行为, 问答, 处罚 …): each a sub-form, with 添加 / 删除 buttons."""

    add_text = "添加一项"
    min_rows = 0

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        self.item_schema = schema.get("items") if isinstance(schema.get("items"), dict) else {"type": "string"}
        self.rows: list[tuple[QFrame, Editor]] = []
        self.box = QFrame()
        self.box.setObjectName("group")
        outer = QVBoxLayout(self.box)
        outer.setContentsMargins(3, 3, 3, 3)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        outer.addLayout(self.rows_layout)
        self.add_button = QPushButton(str(schema.get("x-add-title") or self.add_text))
        self.add_button.setObjectName("addItem")
        self.add_button.clicked.connect(self._add_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        # a long list (200 处罚 items) opens with its first rows drawn; the rest wait, counted, in ``pending``
        # (part of the value, saved and checked like the drawn ones) until shown (issue 17)
        self.pending: list[Any] = []
        self.more_button = QPushButton()
        self.more_button.setObjectName("moreItems")
        self.more_button.clicked.connect(self.show_all)
        self.more_button.hide()
        bar.addWidget(self.more_button)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.widget = self.box
        self.min_rows = max(self.min_rows, int(schema.get("minItems") or 0))

    def show_all(self) -> None:
        """Draw the items not drawn yet (the 显示其余 button, Tab onto a later item, a finding on one)."""
        pending, self.pending = self.pending, []
        self.more_button.hide()
        for item in pending:
            self.add_row(item)

    def _add_clicked(self) -> None:
        self.show_all()
        editor = self.add_row(None, placed=True)
        editor.focus_widget().setFocus(Qt.TabFocusReason)

    def make_item(self, path: str) -> Editor:
        return make_editor(self.item_schema, path, self.form)

    def add_row(self, value: Any, placed: bool = False) -> Editor:
        """Add an item; ``placed`` (a row the user added) also puts it where Tab expects it."""
        index = len(self.rows)
        frame = QFrame()
        frame.setObjectName("item")
        row = QHBoxLayout(frame)
        row.setContentsMargins(6, 4, 6, 4)
        number = QLabel(f"{index + 1}.")
        number.setObjectName("itemNo")
        number.setAlignment(Qt.AlignTop | Qt.AlignRight)
        number.setMinimumWidth(24)
        editor = self.make_item(self.path + make_pointer(index))
        editor.set_value(value)
        remove = QPushButton("删除")
        remove.setObjectName("removeItem")
        remove.setToolTip(f"删除第 {index + 1} 项")
        remove.clicked.connect(lambda _=False, f=frame: self.remove_row(f))
        row.addWidget(number)
        row.addWidget(editor.widget, 1)
        row.addWidget(remove, 0, Qt.AlignTop)
        previous = _focusable(self.rows[-1][0])[-1:] if self.rows else []
        self.rows_layout.addWidget(frame)
        if self.box.isVisible():
            frame.show()  # at once, not when the layout gets round to it: Tab skips hidden widgets
        self.rows.append((frame, editor))
        if placed:
            chain = previous + _focusable(frame) + [self.add_button]
            if not previous:
                before = self.add_button.previousInFocusChain()
                chain = ([before] if before is not None else []) + chain
            for a, b in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(a, b)
        return editor

    def remove_row(self, frame: QFrame) -> None:
        index = next((i for i, (f, _e) in enumerate(self.rows) if f is frame), 0)
        values = [e.value() for f, e in self.rows if f is not frame] + self.pending
        self.set_value(values)
        self.form.on_edit()
        target = self.rows[min(index, len(self.rows) - 1)][1].focus_widget() if self.rows else self.add_button
        target.setFocus(Qt.TabFocusReason)

    def value(self) -> Any:
        values = [e.value() for _f, e in self.rows] + self.pending
        while values and is_blank(values[-1]):
            values.pop()  # trailing empty rows are room to type, not items
        return [v if v is not None else {} if _schema_type(self.item_schema) == "object" else "" for v in values] \
            or None

    def set_value(self, value: Any) -> None:
        for frame, _e in self.rows:
            frame.setParent(None)
            frame.deleteLater()
        self.rows = []
        items = value if isinstance(value, list) else []
        shown = items if len(items) <= FIRST_ITEMS + FIRST_ITEMS // 2 else items[:FIRST_ITEMS]
        self.pending = list(items[len(shown):])
        for item in shown:
            self.add_row(item)
        while len(self.rows) < self.min_rows:
            self.add_row(None)
        if self.pending:
            self.more_button.setText(f"显示其余 {len(self.pending)} 项")
            self.more_button.setToolTip(f"本栏共 {len(items)} 项，已显示前 {len(shown)} 项；其余各项已保存，"
                                        "点此显示并编辑")
        self.more_button.setVisible(bool(self.pending))

    def focus_widget(self) -> QWidget:
        return self.rows[0][1].focus_widget() if self.rows else self.add_button

    def markable(self) -> QWidget:
        return self.box

    def reveal(self, path: str) -> None:
        """Draw the item holding ``path`` when it is not drawn yet (jumping to a finding on it)."""
        if self.pending and path.startswith(self.path + "/"):
            head = path[len(self.path) + 1:].split("/", 1)[0]
            if head.isdigit() and int(head) >= len(self.rows):
                self.show_all()
        for _frame, editor in self.rows:
            if hasattr(editor, "reveal") and path.startswith(editor.path + "/"):
                editor.reveal(path)

    def target(self, path: str) -> Editor:  # an item not drawn yet is marked on the whole group
        for _frame, editor in self.rows:
            if path == editor.path or path.startswith(editor.path + "/"):
                return editor.target(path)
        return self

    def children(self) -> Iterator[Editor]:
        return (e for _f, e in self.rows)


#: How many items of a repeated group are drawn when a document opens (a list up to half as long again
#: is drawn whole); the rest are drawn on request (``ArrayEditor.show_all``).
FIRST_ITEMS = 20


class OfficerEditor(ObjectEditor):
    """One officer: a picker from the roster fills name and certificate number.

    An officer whose certificate has expired by the document's date cannot be picked (the entry is
    greyed out with the reason); one expiring soon carries a warning in the list.
    """

    horizontal = True

    def header(self) -> None:
        self.picker = QComboBox()
        self.picker.setObjectName("officerPicker")
        self.picker.setToolTip("从执法人员名册中选择")
        self.picker.setMinimumWidth(170)
        self.picker.setMaximumWidth(240)
        self.fill_picker()
        self.picker.activated.connect(self._picked)
        self.layout.addWidget(self.picker, 2)

    def fill_picker(self) -> None:
        from wenshu.roster import usable_on

        on = self.form.document_date()
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem("从名册选择…", None)
        model = self.picker.model()
        for cert in self.form.context.roster:
            status = usable_on(cert, on)
            text = f"{cert.name}（{cert.cert_no}）"
            if not status.ok:
                text += " 证件已过期"
            elif status.warning:
                text += " 证件即将到期"
            self.picker.addItem(text, cert.cert_no)
            index = self.picker.count() - 1
            if status.warning:
                self.picker.setItemData(index, status.warning, Qt.ToolTipRole)
            if not status.ok:
                model.item(index).setEnabled(False)
        self.picker.blockSignals(False)
        if "cert_no" in self.fields:
            self.sync_picker()

    def _picked(self, index: int) -> None:
        cert_no = self.picker.itemData(index)
        cert = next((c for c in self.form.context.roster if c.cert_no == cert_no), None)
        if cert is None:
            return
        for key, value in (("name", cert.name), ("cert_no", cert.cert_no)):
            if key in self.fields:
                self.fields[key].set_value(value)
        self._changed()  # the picker keeps showing who was chosen, so ↓ moves on to the next officer

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self.sync_picker()

    def sync_picker(self) -> None:
        """Show the roster entry matching the typed certificate number (or the prompt)."""
        cert = (self.fields["cert_no"].value() if "cert_no" in self.fields else None) or None
        index = self.picker.findData(cert) if cert else 0
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.blockSignals(False)

    def markable(self) -> QWidget:
        return self.frame


class OfficersEditor(ArrayEditor):
    add_text = "添加执法人员"

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        from validators.rulebook import MIN_OFFICERS

        self.min_rows = MIN_OFFICERS
        super().__init__(schema, path, form)

    def make_item(self, path: str) -> Editor:
        return OfficerEditor(self.item_schema, path, self.form)

    def refresh_roster(self) -> None:
        for _f, editor in self.rows:
            if isinstance(editor, OfficerEditor):
                editor.fill_picker()


class ViolationsEditor(Editor):
    """违法行为 picked from the library (违法行为库): the picker adds one, 删除 takes the selected one off.
    What they fill in (违法事实, 违反条款, 处罚依据, 处罚) the core decides (``wenshu.violations.apply_picked``)
    and the form shows (``DocumentForm.apply_violations``)."""

    def __init__(self, schema: dict, path: str, form: DocumentForm):
        super().__init__(schema, path, form)
        from wenshu import violations

        self.items: list[dict] = []
        self.box = QFrame()
        self.box.setObjectName("group")
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(3, 3, 3, 3)
        self.list = QListWidget()
        self.list.setObjectName("violationsList")
        self.list.setMaximumHeight(120)
        self.picker = QComboBox()
        self.picker.setObjectName("violationPicker")
        self.picker.addItem("从违法行为库选择…", None)
        for entry in violations.library():
            self.picker.addItem(f"{entry['id']}　{entry['title']}", str(entry["id"]))
            self.picker.setItemData(self.picker.count() - 1, f"违反：{entry.get('violated', '')}\n依据：{entry.get('basis', '')}",
                                    Qt.ToolTipRole)
        self.picker.activated.connect(self._picked)
        self.remove = QPushButton("删除所选")
        self.remove.setObjectName("removeViolation")
        self.remove.clicked.connect(self._remove)
        bar = QHBoxLayout()
        bar.addWidget(self.picker, 1)
        bar.addWidget(self.remove)
        layout.addLayout(bar)
        layout.addWidget(self.list)
        self.widget = self.box

    def ids(self) -> list[str]:
        return [str(v.get("id")) for v in self.items]

    def pick(self, ids: list[str]) -> None:
        """Make ``ids`` the picked violations (the user's choice) and fill the fields they give."""
        from wenshu import violations

        self.form.apply_violations(violations.find(ids) if ids else [])

    def _picked(self, index: int) -> None:
        entry_id = self.picker.itemData(index)
        self.picker.setCurrentIndex(0)
        if entry_id and entry_id not in self.ids():
            self.pick([*self.ids(), entry_id])

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            self.pick([i for n, i in enumerate(self.ids()) if n != row])

    def value(self) -> Any:
        return copy.deepcopy(self.items) or None

    def set_value(self, value: Any) -> None:
        self.items = [copy.deepcopy(v) for v in value if isinstance(v, dict)] if isinstance(value, list) else []
        self.list.clear()
        for v in self.items:
            self.list.addItem(f"{v.get('id', '')}　{v.get('title', '')}　（{v.get('basis', '')}）")

    def focus_widget(self) -> QWidget:
        return self.picker

    def markable(self) -> QWidget:
        return self.box


def make_editor(schema: dict, path: str, form: DocumentForm) -> Editor:
    """The editor for one schema node: ``x-widget`` first, then the JSON type."""
    widget = schema.get("x-widget")
    kind = _schema_type(schema)
    by_widget: dict[str, Callable[..., Editor]] = {
        "textarea": TextAreaEditor, "datetime": DateTimeEditor, "date": DateEditor,
        "time_range": TimeRangeEditor, "officers": OfficersEditor, "party": PartyEditor,
        "money": MoneyEditor, "text": LineEditor, "number": DocumentNumberEditor,
        "violations": ViolationsEditor,
    }
    if kind in ("number", "integer") and widget in (None, "number", "text"):
        return NumberEditor(schema, path, form)  # x-widget "number" is also the 文号 field (a string)
    if widget in by_widget:
        return by_widget[widget](schema, path, form)
    if "enum" in schema:
        return EnumEditor(schema, path, form, blank=path.rsplit("/", 1)[-1] != "type")
    if kind == "object":
        return ObjectEditor(schema, path, form)
    if kind == "array":
        return ArrayEditor(schema, path, form)
    if kind == "boolean":
        return BoolEditor(schema, path, form)
    if kind in ("number", "integer"):
        return NumberEditor(schema, path, form)
    return LineEditor(schema, path, form)


def _focusable(root: QWidget) -> list[QWidget]:
    """Widgets under ``root`` that Tab stops at, in creation order."""
    return [w for w in root.findChildren(QWidget)
            if w.focusPolicy() & Qt.TabFocus and w.focusProxy() is None and w.parentWidget() is not None
            and not isinstance(w.parentWidget(), (QDateTimeEdit, QComboBox))]
