"""Editing one document: the guided form, the live findings, autosave, and generating the .docx.

Every change is saved to the store within half a second (and at once when focus leaves a field, the
editor closes or the window closes) — there is no Save button. Findings are computed 300 ms after the
last keystroke by the core validators; clicking one focuses and highlights its field. Errors block
generating; a draft is always saved.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.form import DocumentForm, FormContext
from wenshu import prefill
from wenshu.store import DRAFT, GENERATED, HAS_ERRORS, STATE_TITLES

VALIDATE_DELAY_MS = 300
SAVE_DELAY_MS = 400


class FindingCard(QFrame):
    """One finding: its message wrapped in full; click, Enter or Space jumps to its field."""

    activated = Signal(str)

    def __init__(self, finding: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("finding")
        self.setProperty("level", finding["severity"])
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(f"点击转到该栏目（{finding['code']}）")
        label = QLabel(finding["message"])
        label.setWordWrap(True)
        label.setAttribute(Qt.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 5, 8, 5)
        layout.addWidget(label)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.activated.emit(self.finding["path"])

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.activated.emit(self.finding["path"])
            return
        super().keyPressEvent(event)


class FindingsPanel(QWidget):
    """Errors and warnings, separated; activating one asks to jump to its field."""

    jump = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel("正在检查…")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.list = QWidget()
        self.list.setObjectName("findings")
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 4, 0)
        self.list_layout.setSpacing(4)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        area.setWidget(self.list)
        title = QLabel("检查结果")
        title.setObjectName("panelTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(area, 1)
        self.findings: list[dict] = []
        self.cards: list[FindingCard] = []

    def show_findings(self, findings: list[dict]) -> None:
        self.findings = list(findings)
        errors = [f for f in findings if f["severity"] == "error"]
        warnings = [f for f in findings if f["severity"] != "error"]
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards = []
        for heading, group, level in (("错误", errors, "error"), ("提醒", warnings, "warning")):
            head = QLabel(f"{heading}（{len(group)}）")
            head.setObjectName("findingsHeading")
            head.setProperty("level", level if group else "none")
            self.list_layout.addWidget(head)
            for f in group:
                card = FindingCard(f)
                card.activated.connect(self.jump.emit)
                self.list_layout.addWidget(card)
                self.cards.append(card)
        self.list_layout.addStretch(1)
        if errors:
            self.summary.setText(f"有 {len(errors)} 处错误需改正后才能生成正式文书；草稿已自动保存。")
            self.summary.setProperty("level", "error")
        elif warnings:
            self.summary.setText(f"没有错误，可以生成。有 {len(warnings)} 条提醒请核对。")
            self.summary.setProperty("level", "warning")
        else:
            self.summary.setText("没有发现问题，可以生成。")
            self.summary.setProperty("level", "ok")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def card_for(self, code: str) -> FindingCard | None:
        return next((c for c in self.cards if c.finding["code"] == code), None)

    def codes(self, severity: str | None = None) -> list[str]:
        return [f["code"] for f in self.findings if severity is None or f["severity"] == severity]


def record_generated(store, result: dict) -> int:
    """Record a written file as a printed version; answers changed in writing (a registry number) are
    saved as a new version first, so the fingerprint always matches a saved version. Returns it."""
    doc_id, version = result["doc_id"], result["version"]
    written = result.get("answers")
    if written is not None and store.version_answers(doc_id, version) != written:
        current = store.get_document(doc_id)
        version = current["version"] if current and current["answers"] == written else \
            store.save_document(doc_id, written, DRAFT)
    store.record_printed(doc_id, version, result["path"], result["fingerprint"], getpass.getuser())
    return version


def case_context_for(store, case: dict) -> dict:
    """The case facts rules consult (``context.case``), from the case and all its documents."""
    from templates.kinds import all_kinds

    schemas = {k.name: k.schema for k in all_kinds()}
    return prefill.case_context(case, store.documents(case["id"]), schemas)


def _open_with_system(action: str, path: Path) -> str | None:
    """Open / show folder / print through ``wenshu.osopen``; returns a Chinese message on failure."""
    try:
        from wenshu import osopen
    except ImportError:
        osopen = None
    try:
        if osopen is not None:
            getattr(osopen, {"open": "open_file", "folder": "open_folder", "print": "print_file"}[action])(path)
            return None
    except Exception as exc:  # the system may have no application for .docx
        return str(exc) or f"无法{'打开' if action != 'print' else '打印'}“{path.name}”。"
    if action == "print":
        return "本版本暂不能直接打印，请先打开文件，再在文字处理软件中打印。"
    target = path if action == "open" else path.parent
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        return f"无法打开“{target}”，请检查是否安装了可以打开 .docx 的软件。"
    return None


class DocumentEditor(QWidget):
    """One document of a case, edited in place; ``saved`` tells the case view to refresh."""

    saved = Signal(int)
    back = Signal()
    generated = Signal(list)

    def __init__(self, store, case: dict, doc: dict, kind, roster: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.case = case
        self.doc = doc
        self.kind = kind
        self.findings: list[dict] = []
        self._validated = False
        self._check_context = None

        memory = prefill.memory_of(case)
        self.form = DocumentForm(kind, doc["answers"], FormContext(roster, memory.get("party")))
        self.panel = FindingsPanel()
        self.panel.setMinimumWidth(300)

        self.title = QLabel(kind.title)
        self.title.setObjectName("docTitle")
        self.status = QLabel("")
        self.status.setObjectName("saveStatus")
        self.back_button = QPushButton("← 返回案件")
        self.back_button.setToolTip("返回案件（Alt+←）")
        self.back_button.setShortcut(QKeySequence("Alt+Left"))
        self.prev_button = QPushButton("上一步")
        self.prev_button.setToolTip("上一步（Ctrl+PgUp）")
        self.next_button = QPushButton("下一步")
        self.next_button.setToolTip("下一步（Ctrl+Enter）")
        self.generate_button = QPushButton("生成文书")
        self.generate_button.setObjectName("primary")
        self.generate_button.setToolTip("生成 .docx 文书（Ctrl+G）")
        for b in (self.back_button, self.prev_button, self.next_button, self.generate_button):
            b.setFocusPolicy(Qt.TabFocus)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.title)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addWidget(self.generate_button)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.open_button = QPushButton("打开")
        self.folder_button = QPushButton("打开所在文件夹")
        self.print_button = QPushButton("打印")
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.progress)
        for b in (self.open_button, self.folder_button, self.print_button):
            row.addWidget(b)
        self.banner.hide()
        self.last_output: Path | None = None

        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.form)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([860, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)

        self.validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self.validate_timer.timeout.connect(self.validate_now)
        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)
        self.form.edited.connect(self._edited)
        self.panel.jump.connect(self.jump_to)
        self.back_button.clicked.connect(self._back)
        self.prev_button.clicked.connect(self.form.previous_step)
        self.next_button.clicked.connect(self.next_step)
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(lambda: self._system("open"))
        self.folder_button.clicked.connect(lambda: self._system("folder"))
        self.print_button.clicked.connect(lambda: self._system("print"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.next_step)
        QShortcut(QKeySequence("Ctrl+G"), self, self.generate)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_now)
        self.form.step_changed.connect(self._step_changed)
        self._step_changed(0)
        self._update_status()
        QTimer.singleShot(0, self, self.validate_now)

    # --- checking -------------------------------------------------------------------------------
    def check_context(self):
        if self._check_context is None:
            from wenshu.settings import load_context

            self._check_context = load_context(self.kind.name)
        ctx = self._check_context
        ctx.case = case_context_for(self.store, self.case)
        return ctx

    def validate_now(self) -> list[dict]:
        from validators.engine import validate

        self.validate_timer.stop()
        answers = self.form.answers()
        self.findings = validate(self.kind.schema, answers, self.check_context())
        field = self.auto_number_field(answers)
        if field:  # a blank 文号 is issued on generation: not an error of the draft
            self.findings = [f for f in self.findings if f["path"] != "/" + field]
        self._validated = True
        self.panel.show_findings(self.findings)
        self.form.mark(self.findings)
        has_errors = any(f["severity"] == "error" for f in self.findings)
        self.generate_button.setEnabled(True)
        self.generate_button.setToolTip("有错误，改正后才能生成（Ctrl+G 查看第一处错误）" if has_errors
                                        else "生成 .docx 文书（Ctrl+G）")
        return self.findings

    def auto_number_field(self, answers: dict) -> str | None:
        """The number field the registry fills on generation (``worker.number_to_issue``)."""
        from desktop.worker import number_to_issue

        return number_to_issue(self.kind, answers, self.check_context().settings)

    def jump_to(self, path: str) -> None:
        widget = self.form.focus_path(path)
        if widget is None:
            self.status.setText("该问题涉及整份文书，请对照提示检查。")

    # --- saving ---------------------------------------------------------------------------------
    def _edited(self) -> None:
        self._validated = False
        self.validate_timer.start()
        self.save_timer.start()
        self.status.setText("正在保存…")

    def pending(self) -> bool:
        return self.save_timer.isActive()

    def flush(self) -> None:
        """Save now if a change is waiting (focus left a field, editor or window closing)."""
        if self.save_timer.isActive():
            self.save_now()

    def _state_for(self, answers: dict) -> str:
        if not self._validated:
            self.validate_now()
        if any(f["severity"] == "error" for f in self.findings):
            return HAS_ERRORS
        printed = self.store.printed(self.doc["id"])
        if printed and self.store.version_answers(self.doc["id"], printed[-1]["version"]) == answers:
            return GENERATED
        return DRAFT

    def save_now(self) -> None:
        from wenshu.store import StoreError

        self.save_timer.stop()
        answers = self.form.answers()
        state = self._state_for(answers)
        try:
            version = self.store.save_document(self.doc["id"], answers, state)
        except StoreError as exc:  # e.g. the file is locked: say so and try again shortly
            self.status.setText("未能保存：" + str(exc))
            self.status.setProperty("level", "error")
            self.save_timer.start(2000)
            return
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.doc.update(answers=answers, state=state, version=version)
        memory = prefill.memory_of(self.case)
        learned = prefill.learn(self.kind.schema, answers, memory)
        if learned != memory:
            party = learned.pop("party", self.case.get("party") or {})
            facts = {**(self.case.get("facts") or {}), **learned}
            self.store.update_case(self.case["id"], party=party, facts=facts)
            self.case.update(party=party, facts=facts)
        self._update_status()
        self.saved.emit(self.doc["id"])

    def _update_status(self) -> None:
        self.status.setProperty("level", "")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        when = (self.doc.get("updated") or "")[11:19]
        self.status.setText(f"{STATE_TITLES.get(self.doc['state'], '草稿')} · 已自动保存{(' ' + when) if when else ''}")

    def _back(self) -> None:
        self.flush()
        self.back.emit()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.flush()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Some widgets (combo boxes, date pickers) claim Ctrl+Enter before the shortcut sees it; they
        # pass it up unhandled, so the next step is taken here too.
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ControlModifier:
            self.next_step()
            return
        super().keyPressEvent(event)

    # --- steps ----------------------------------------------------------------------------------
    def next_step(self) -> None:
        if not self.form.next_step():
            self.generate_button.setFocus(Qt.TabFocusReason)

    def _step_changed(self, index: int) -> None:
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.form.step_count() - 1)

    # --- generating -----------------------------------------------------------------------------
    def output_folder(self) -> Path:
        from desktop.worker import output_folder

        return output_folder(self.case)

    def generate(self) -> None:
        """Save, check, and write the .docx in a worker; errors jump to the first wrong field instead."""
        from desktop import worker

        self.flush()
        findings = self.validate_now()
        errors = [f for f in findings if f["severity"] == "error"]
        if errors:
            self.show_banner(f"有 {len(errors)} 处错误，改正后才能生成正式文书（草稿已保存）。", error=True)
            self.jump_to(errors[0]["path"])
            return
        answers = self.form.answers()
        printed = self.store.printed(self.doc["id"])
        if printed and self.store.version_answers(self.doc["id"], printed[-1]["version"]) != answers:
            reason = self.ask_correction_reason()
            if reason is None:
                return
            version = self.store.save_document(self.doc["id"], answers, DRAFT, reason=reason)
            self.doc.update(answers=answers, version=version)
        out = worker.output_path(self.output_folder(), self.kind.title, answers)
        if printed:  # a corrected version never overwrites the file of an earlier paper copy
            out = out.with_name(f"{out.stem}（第{len(printed) + 1}版）{out.suffix}")
        job = worker.GenerateJob(self.doc["id"], self.doc["version"], self.kind.name, self.kind.title, answers,
                                 out, self.check_context().case, self.case["id"])
        self.task = worker.GenerateTask([job])
        self.task.signals.progress.connect(self._progress)
        self.task.signals.finished.connect(self._generated)
        self.generate_button.setEnabled(False)
        self.form.setEnabled(False)  # what is being written is what was checked
        self.show_banner(f"正在生成《{self.kind.title}》…", busy=True)
        worker.start(self.task)

    def ask_correction_reason(self) -> str | None:
        """纠错: a document printed before gets a new version with the reason; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        while True:
            text, ok = QInputDialog.getText(self, "更正原因", "本文书已生成过。请填写更正原因（与新版本一并保存，原版本保留）：")
            if not ok:
                return None
            if text.strip():
                return text.strip()

    def _progress(self, done: int, total: int, title: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _generated(self, results: list) -> None:
        self.generate_button.setEnabled(True)
        self.form.setEnabled(True)
        result = results[0] if results else {"error": "未生成任何文件。"}
        if result["error"]:
            self.show_banner(result["error"], error=True)
            errors = [f for f in result.get("findings") or [] if f["severity"] == "error"]
            if errors:  # refused while writing (a number the registry does not hold): show where
                self.findings = [f for f in self.findings if f not in errors] + errors
                self.panel.show_findings(self.findings)
                self.form.mark(self.findings)
                self.jump_to(errors[0]["path"])
            return
        written = result.get("answers") or {}
        if written != self.form.answers():  # a number taken from the registry: show and keep it
            for key, editor in self.form.editors.items():
                if key in written and written[key] != self.form.answers().get(key):
                    editor.set_value(written[key])
            self.save_now()
        record_generated(self.store, result)
        self.doc.update(self.store.get_document(self.doc["id"]) or {})
        self.last_output = Path(result["path"])
        self.show_banner(f"已生成：{self.last_output}（指纹 {result['fingerprint']}）", done=True)
        self._update_status()
        self.saved.emit(self.doc["id"])
        self.generated.emit(results)

    def show_banner(self, text: str, *, error: bool = False, busy: bool = False, done: bool = False) -> None:
        self.banner_text.setText(text)
        self.banner.setProperty("level", "error" if error else "ok")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        for b in (self.open_button, self.folder_button, self.print_button):
            b.setVisible(done)
        self.banner.show()
        if done:
            self.open_button.setFocus(Qt.OtherFocusReason)

    def _system(self, action: str) -> None:
        if self.last_output is None:
            return
        message = _open_with_system(action, self.last_output)
        if message:
            QMessageBox.warning(self, "执法文书助手", message)
