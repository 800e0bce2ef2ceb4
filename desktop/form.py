"""A document's guided form, built from its kind's schema — no form is written by hand per kind.

The schema says everything: ``x-wenshu.steps`` groups fields into pages, ``x-widget`` picks the editor
(``desktop.form_fields``: text, textarea, datetime, date, time_range, officers, party, money, number,
enum …), ``title`` and ``description`` give the Chinese label and hint, ``x-show-if`` hides fields that do
not apply (``validators.engine.shown``, the rule the checks apply), ``type: array`` of objects becomes a
list of repeated items. A finding's ``path`` leads back to the widget to focus and highlight.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.form_fields import (
    BoolEditor,
    Editor,
    FormContext,
    ObjectEditor,
    OfficersEditor,
    _mark,
    make_editor,
)
from validators.engine import shown
from validators.findings import pointer as make_pointer

__all__ = ["DocumentForm", "FormContext"]


class DocumentForm(QWidget):
    """The guided form of one document: steps on the left, the step's fields on the right.

    ``edited`` fires on every change made by the user (not when answers are loaded).
    """

    edited = Signal()
    step_changed = Signal(int)

    def __init__(self, kind, answers: dict, context: FormContext | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.context = context or FormContext()
        self._original = copy.deepcopy(answers or {})
        self._loading = True
        self._as_loaded: dict[str, Any] = {}
        self.editors: dict[str, Editor] = {}
        self._marked: list[QWidget] = []
        self._rows: dict[str, tuple[QWidget, QWidget]] = {}

        self.steps_list = QListWidget()
        self.steps_list.setObjectName("steps")
        self.steps_list.setFixedWidth(150)
        self.steps_list.setFocusPolicy(Qt.NoFocus)
        self.pages = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps_list)
        layout.addWidget(self.pages, 1)

        props = kind.schema.get("properties") or {}
        steps = [dict(s) for s in (kind.steps or [])]
        placed = {f for s in steps for f in s.get("fields", [])}
        rest = [k for k in props if k not in placed]
        if rest:
            steps.append({"title": "其他" if steps else "内容", "fields": rest})
        self.step_fields: list[list[str]] = []
        for i, step in enumerate(steps):
            fields = [f for f in step.get("fields", []) if f in props]
            self.step_fields.append(fields)
            self.steps_list.addItem(f"{i + 1}. {step.get('title', '')}")
            self.pages.addWidget(self._page(fields, props, step.get("description")))
        for key, editor in self.editors.items():
            editor.set_value(self._original.get(key))
        self._as_loaded = {key: editor.value() for key, editor in self.editors.items()}
        self.apply_show_if()
        # as wide as the longest step title with its mark (●), so no title is cut off
        metrics = self.steps_list.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.steps_list.item(i).text() + " ●")
                      for i in range(self.steps_list.count())), default=0)
        self.steps_list.setFixedWidth(min(max(150, widest + 2 * self.steps_list.frameWidth() + 28), 260))
        self.steps_list.currentRowChanged.connect(self.go_to_step)
        self.steps_list.setCurrentRow(0)
        self._loading = False
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.next_step)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.previous_step)

    def _page(self, fields: list[str], props: dict, description: str | None = None) -> QWidget:
        inner = QWidget()
        inner.setObjectName("page")
        form = QFormLayout(inner)
        if description:
            intro = QLabel(str(description))
            intro.setObjectName("stepIntro")
            intro.setWordWrap(True)
            form.addRow(intro)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.setContentsMargins(12, 12, 16, 12)
        for key in fields:
            editor = make_editor(props[key], make_pointer(key), self)
            self.editors[key] = editor
            label = QLabel("" if isinstance(editor, BoolEditor) else editor.title + "：")
            label.setObjectName("fieldLabel")
            label.setBuddy(editor.focus_widget())
            cell = QWidget()
            col = QVBoxLayout(cell)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            col.addWidget(editor.widget)
            hint = props[key].get("description")
            if hint:
                note = QLabel(str(hint))
                note.setObjectName("hint")
                note.setWordWrap(True)
                col.addWidget(note)
            form.addRow(label, cell)
            self._rows[key] = (label, cell)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        area.setWidget(inner)
        area.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        return area

    # --- answers --------------------------------------------------------------------------------
    def answers(self) -> dict:
        """The current answers: each field's value where it was changed, the answer as it was given where
        not (a widget's default — an unchecked box, a first choice — or a blank "" is no answer of the
        user's), fields that do not apply left out."""
        out = copy.deepcopy(self._original)
        for key in self.editors:
            if self._rows[key][1].isHidden():
                out.pop(key, None)
                continue
            if not self._changed(key):
                continue
            value = self.editors[key].value()
            if value is None:
                out.pop(key, None)
            else:
                out[key] = value
        return out

    def _changed(self, key: str) -> bool:
        """Whether the field shows something else than what was loaded into it."""
        return key not in self._as_loaded or self.editors[key].value() != self._as_loaded[key]

    def _value(self, key: str) -> Any:
        """The field's answer as ``answers()`` gives it (visible or not)."""
        return self.editors[key].value() if self._changed(key) else self._original.get(key)

    def load(self, answers: dict) -> None:
        """Show ``answers`` as they now stand (a number issued on generation); no edit is signalled."""
        self._loading = True
        try:
            self._original = copy.deepcopy(answers or {})
            for key, editor in self.editors.items():
                if editor.value() != self._original.get(key):
                    editor.set_value(self._original.get(key))
            self._as_loaded = {key: editor.value() for key, editor in self.editors.items()}
            for editor in self.all_editors():
                if isinstance(editor, ObjectEditor):
                    editor.apply_show_if()
            self.apply_show_if()
        finally:
            self._loading = False

    def document_date(self) -> date:
        """The date the document speaks for (its start time or first date), else today: for certificates."""
        from validators.datetimes import parse_date, parse_datetime

        answers = self.answers() if not self._loading else self._original
        for value in _scalars(answers):
            if isinstance(value, str) and len(value) >= 10:
                dt = parse_datetime(value)
                if dt:
                    return dt.date()
                d = parse_date(value[:10]) if value[4:5] == "-" else None
                if d:
                    return d
        return date.today()

    def on_edit(self) -> None:
        if self._loading:
            return
        for editor in self.all_editors():
            if isinstance(editor, ObjectEditor):
                editor.apply_show_if()
        self.apply_show_if()
        self.edited.emit()

    def apply_violations(self, entries: list[dict]) -> None:
        """Show ``entries`` as the picked violations and what they fill in (``wenshu.violations``)."""
        from wenshu.violations import apply_picked, derived_fields

        answers = apply_picked(self.kind.schema, self.answers(), entries)
        for name in [*derived_fields(self.kind.schema), "violations"]:
            if name in self.editors:
                self.editors[name].set_value(answers.get(name))
        self.on_edit()

    def apply_show_if(self) -> None:
        """Top-level fields with ``x-show-if`` appear only when the other answers say they apply (the
        engine's rule, so the form hides exactly the fields the checks leave out)."""
        values = None
        for key, editor in self.editors.items():
            if not isinstance(editor.schema.get("x-show-if"), dict):
                continue
            if values is None:  # what the checks will see: the answers, not the widgets' defaults
                values = {k: self._value(k) for k in self.editors}
            visible = shown(editor.schema, values)
            for widget in self._rows[key]:
                widget.setVisible(visible)

    def set_read_only(self, read_only: bool = True) -> None:
        """Show the answers without letting them change (a damaged document, the version a paper copy
        was printed from): text stays selectable and the pages still scroll."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QAbstractSpinBox,
            QComboBox,
            QLineEdit,
            QPlainTextEdit,
            QTextEdit,
        )

        self.read_only = read_only
        for widget in self.pages.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QComboBox | QAbstractButton):
                widget.setEnabled(not read_only)

    def all_editors(self) -> Iterator[Editor]:
        stack = list(self.editors.values())
        while stack:
            editor = stack.pop()
            yield editor
            stack.extend(editor.children())

    # --- navigation -----------------------------------------------------------------------------
    def go_to_step(self, index: int) -> None:
        if not 0 <= index < self.pages.count():
            return
        self.pages.setCurrentIndex(index)
        if self.steps_list.currentRow() != index:
            self.steps_list.setCurrentRow(index)
        if "officers" in self.step_fields[index]:
            editor = self.editors.get("officers")
            if isinstance(editor, OfficersEditor):
                editor.refresh_roster()  # the document date may have changed since
        self.step_changed.emit(index)

    def current_step(self) -> int:
        return self.pages.currentIndex()

    def step_count(self) -> int:
        return self.pages.count()

    def next_step(self) -> bool:
        """Go to the next step and focus its first field; False on the last step."""
        index = self.current_step() + 1
        if index >= self.step_count():
            return False
        self.go_to_step(index)
        self.focus_first()
        return True

    def previous_step(self) -> None:
        if self.current_step() > 0:
            self.go_to_step(self.current_step() - 1)
            self.focus_first()

    def focus_first(self) -> None:
        fields = self.step_fields[self.current_step()]
        if fields:
            self.editors[fields[0]].focus_widget().setFocus(Qt.TabFocusReason)

    # --- findings -------------------------------------------------------------------------------
    def editor_for(self, path: str) -> Editor | None:
        """The editor showing the value at JSON Pointer ``path`` (its nearest existing ancestor)."""
        top = path.split("/")[1] if path.startswith("/") and len(path) > 1 else ""
        top = top.replace("~1", "/").replace("~0", "~")
        editor = self.editors.get(top)
        return editor.target(path) if editor else None

    def step_of(self, path: str) -> int | None:
        top = path.split("/")[1] if path.startswith("/") and len(path) > 1 else ""
        for i, fields in enumerate(self.step_fields):
            if top in fields:
                return i
        return None

    def focus_path(self, path: str) -> QWidget | None:
        """Show the step holding ``path``, focus its widget and highlight it; returns the widget."""
        step = self.step_of(path)
        top = self.editors.get(path.split("/")[1].replace("~1", "/").replace("~0", "~")) if path.count("/") else None
        if top is not None and hasattr(top, "reveal"):
            top.reveal(path)  # an item of a long list not drawn yet is drawn first
        editor = self.editor_for(path)
        if step is None or editor is None:
            return None
        self.go_to_step(step)
        target = editor.focus_widget()
        target.setFocus(Qt.OtherFocusReason)
        page = self.pages.currentWidget()
        if isinstance(page, QScrollArea):
            page.ensureWidgetVisible(target, 50, 80)
        _mark(target, "focus")
        self._marked.append(target)
        return target

    def mark(self, findings: list[dict]) -> None:
        """Highlight every field that has a finding (red for errors, amber for warnings)."""
        for widget in self._marked:
            _mark(widget, None)
        self._marked = []
        severity: dict[int, tuple[QWidget, str]] = {}
        for f in findings:
            editor = self.editor_for(f["path"])
            if editor is None:
                continue
            widget = editor.markable()
            current = severity.get(id(widget))
            if current is None or (current[1] == "warning" and f["severity"] == "error"):
                severity[id(widget)] = (widget, f["severity"])
        for widget, level in severity.values():
            _mark(widget, level)
            self._marked.append(widget)
        for i, fields in enumerate(self.step_fields):
            item = self.steps_list.item(i)
            levels = [lv for w, lv in severity.values() if any(self._inside(w, k) for k in fields)]
            text = item.text().rstrip(" ●")
            item.setText(text + (" ●" if levels else ""))
            item.setForeground(Qt.red if "error" in levels else Qt.darkYellow if levels else Qt.black)

    def _inside(self, widget: QWidget, key: str) -> bool:
        editor = self.editors.get(key)
        if editor is None:
            return False
        root = editor.widget
        w = widget
        while w is not None:
            if w is root:
                return True
            w = w.parentWidget()
        return False


def _scalars(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _scalars(v)
    elif isinstance(value, list):
        for v in value:
            yield from _scalars(v)
    else:
        yield value
