"""Editing one document: the guided form, the live findings, autosave, and generating the .docx.

The editor shows what the case service says and sends what the user typed: every change is saved with
``CaseService.save`` within half a second of the first unsaved keystroke (so also while the user types
without pause, and at once when focus leaves a field, the editor closes or the window closes) — there is
no Save button; the header shows the state and time that save returned. Findings are
``CaseService.check`` of the answers on screen, 300 ms after the last keystroke, with the current moment
each time; clicking one focuses and highlights its field. Generating is ``CaseService.generate`` in the
worker; errors block it, a draft is always saved.
"""

from __future__ import annotations

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
from templates.kinds import get_kind
from wenshu.service import ServiceError
from wenshu.store import STATE_TITLES, StoreError

#: The service's answer when an issued document was changed and is generated again without a 更正原因.
REASON_REQUIRED = "correction.reason_required"
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


def open_with_system(action: str, path: Path) -> str | None:
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
    """One document of a case, edited in place; ``saved`` tells the main window a version was saved."""

    saved = Signal(str)  # document id
    back = Signal()
    generated = Signal(list)
    preview_requested = Signal(str)  # document id: show its pages (when the system cannot open or print)

    def __init__(self, service, document: dict, roster: list, case_party: dict | None = None,
                 parent: QWidget | None = None, *, read_only: str | None = None):
        super().__init__(parent)
        self.read_only = read_only  # why the document is shown without editing, or None
        self.service = service
        self.doc = document  # CaseService.document(): as opened
        self.document_id: str = document["document_id"]
        self.case_id: str = document["case_id"]
        self.kind = get_kind(document["kind"])
        self.findings: list[dict] = []
        self.state: dict = {}

        self.form = DocumentForm(self.kind, document["answers"], FormContext(roster, case_party, service.settings()))
        self.panel = FindingsPanel()
        self.panel.setMinimumWidth(300)

        self.title = QLabel(self.kind.title)
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
        self.preview_button = QPushButton("预览")
        self.preview_button.setToolTip("在本程序中显示为页面，可缩放、翻页和打印")
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.progress)
        for b in (self.open_button, self.preview_button, self.folder_button, self.print_button):
            row.addWidget(b)
        self.banner.hide()
        self.last_output: Path | None = None
        self.last_result: dict | None = None
        self.task = None
        self._busy = False

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
        self.generate_button.clicked.connect(lambda: self.generate())
        self.open_button.clicked.connect(lambda: self._system("open"))
        self.folder_button.clicked.connect(lambda: self._system("folder"))
        self.print_button.clicked.connect(lambda: self._system("print"))
        self.preview_button.clicked.connect(self._preview)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.next_step)
        QShortcut(QKeySequence("Ctrl+G"), self, lambda: self.generate())
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_explicitly)
        self.form.step_changed.connect(self._step_changed)
        self._step_changed(0)
        self.refresh_status()
        if read_only:
            self._show_read_only(read_only)
        QTimer.singleShot(0, self, self.validate_now)

    # --- read-only views ------------------------------------------------------------------------
    def _show_read_only(self, why: str) -> None:
        """A damaged document, or the version a paper copy was printed from: shown, never saved over.
        A damaged document offers the earlier versions that can still be read."""
        from PySide6.QtWidgets import QComboBox

        self.form.set_read_only(True)
        shown = self.doc.get("shown_version")
        damaged = bool(self.doc.get("damaged"))  # else: open elsewhere or another role's form (office mode)
        self._say(f"只读 · 第 {shown} 版" if shown else ("只读 · 内容已损坏" if damaged else "只读"), error=damaged)
        self.generate_button.setEnabled(False)
        self.generate_button.setToolTip("只读显示，不能生成")
        self.banner_text.setText(why)
        self.banner.setProperty("level", "error" if self.doc.get("damaged") else "ok")
        self.progress.hide()
        for b in (self.open_button, self.folder_button, self.print_button):
            b.hide()
        from desktop.history_model import VersionsModel

        versions = self.doc.get("versions") or []
        model = VersionsModel(versions, int(self.doc.get("version_count") or len(versions)),
                              lambda limit, offset: self.service.version_page(self.document_id, limit, offset))
        while not model.rows and model.canFetchMore():  # the newest page may hold no readable version
            model.fetchMore()
        if self.doc.get("damaged") and model.rows:
            self.version_box = QComboBox()
            self.version_box.setModel(model)  # more versions are read as the list is scrolled
            self.versions_model = model
            self.restore_button = QPushButton("恢复此版本")
            self.restore_button.setToolTip("以所选版本作为文书的当前内容（另存为新版本，损坏的内容仍保留在记录中）")
            self.restore_button.clicked.connect(self.restore_selected)
            self.banner.layout().addWidget(self.version_box)
            self.banner.layout().addWidget(self.restore_button)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    restored = Signal(str)  # document id: reopen it

    def restore_selected(self) -> None:
        version = self.version_box.currentData()
        try:
            self.service.restore(self.document_id, version)
        except (ServiceError, StoreError) as exc:
            self._say(str(exc), error=True)
            return
        self.restored.emit(self.document_id)

    # --- checking -------------------------------------------------------------------------------
    def validate_now(self) -> list[dict]:
        """The service's findings for the answers on screen (the current moment, the case as it is now)."""
        self.validate_timer.stop()
        if self.doc.get("damaged"):  # nothing readable to check: the banner says what to do
            self.panel.summary.setText("内容已损坏，未作检查。请在上方选择早前的版本恢复。")
            return self.findings
        try:
            findings = self.service.check(self.document_id, self.form.answers())
        except (ServiceError, StoreError) as exc:
            self._say(str(exc), error=True)
            return self.findings
        unchanged = findings == self.findings and getattr(self, "_shown_once", False)
        self.findings = findings
        if unchanged:  # the same findings as on screen: nothing is drawn again (most pauses change none)
            return self.findings
        self._shown_once = True
        self.panel.show_findings(self.findings)
        self.form.mark(self.findings)
        has_errors = any(f["severity"] == "error" for f in self.findings)
        self.generate_button.setToolTip("有错误，改正后才能生成（Ctrl+G 查看第一处错误）" if has_errors
                                        else "生成 .docx 文书（Ctrl+G）")
        return self.findings

    def jump_to(self, path: str) -> None:
        widget = self.form.focus_path(path)
        if widget is None:
            self.status.setText("该问题涉及整份文书，请对照提示检查。")

    # --- saving ---------------------------------------------------------------------------------
    def _edited(self) -> None:
        if self.read_only:
            return
        self.validate_timer.start()
        if not self.save_timer.isActive():  # counted from the first unsaved change: typing never defers it
            self.save_timer.start()
        self.status.setText("正在保存…")

    def pending(self) -> bool:
        return self.save_timer.isActive()

    def flush(self) -> None:
        """Save now if a change is waiting (focus left a field, editor or window closing)."""
        if self.save_timer.isActive():
            self.save_now()

    def finish(self) -> None:
        """The editing session ends (the editor closes, the user leaves the document): what is pending is
        saved and the session's last content becomes a version of the history."""
        self.flush()
        if self.read_only:
            return
        try:
            self.service.end_session(self.document_id)
        except (ServiceError, StoreError):
            pass  # the content is saved; the version is written when the app starts next

    def save_explicitly(self) -> None:
        """Ctrl+S: a version of its own, kept for ever (DOMAIN.md §11), not only the autosave."""
        self.save_now(explicit=True)

    def save_now(self, explicit: bool = False) -> None:
        self.save_timer.stop()
        if self.read_only:
            return
        try:
            answers = self.form.answers()
            saved = self.service.save(self.document_id, answers) if explicit else \
                self.service.autosave(self.document_id, answers)
        except StoreError as exc:  # e.g. the file is locked: say so and try again shortly
            self._say("未能保存：" + str(exc), error=True)
            self.save_timer.start(2000)
            return
        except ServiceError as exc:  # the document can no longer be changed (作废 elsewhere)
            self._say("未能保存：" + str(exc), error=True)
            return
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.doc["version"] = saved["version"]
        self.show_status(saved["state"], saved.get("saved"))
        from wenshu.office import offline_note  # office mode (issue 16): typing kept locally, server away

        note = offline_note(self.service)
        if note:
            self._say(note, error=True)
        self.saved.emit(self.document_id)

    def refresh_status(self) -> None:
        """The header from the service's state of the document (on opening, after generating)."""
        try:
            info = self.service.status(self.document_id)
        except (ServiceError, StoreError) as exc:
            self._say(str(exc), error=True)
            return
        self.show_status(info["state"], info.get("updated"))

    def show_status(self, state: str, saved: str | None) -> None:
        self.state = {"state": state, "saved": saved}
        when = (saved or "")[11:19]
        self._say(f"{STATE_TITLES.get(state, state)} · 已自动保存{(' ' + when) if when else ''}")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setProperty("level", "error" if error else "")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)

    def _back(self) -> None:
        self.finish()
        self.back.emit()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.finish()
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
    def generate(self, reason: str | None = None) -> None:
        """Save, check, and generate through the service in a worker; errors jump to the first wrong field
        instead (the service checks again and has the last word)."""
        if self.read_only:
            return
        from desktop import worker

        if self._busy:
            return  # one generation at a time
        self.flush()
        findings = self.validate_now()
        errors = [f for f in findings if f["severity"] == "error"]
        if errors:
            self.show_banner(f"有 {len(errors)} 处错误，改正后才能生成正式文书（草稿已保存）。", error=True)
            self.jump_to(errors[0]["path"])
            return
        self.last_output = None
        self.task = worker.GenerateTask(self.service, [self.document_id], reason)
        self._busy = True
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
        self._busy = False
        self.generate_button.setEnabled(True)
        self.form.setEnabled(True)
        result = results[0] if results else {"error": "未生成任何文件。", "findings": [], "refused": False}
        self.last_result = result
        if result["error"]:
            codes = {f["code"] for f in result.get("findings") or []}
            if result.get("refused") and REASON_REQUIRED in codes:
                reason = self.ask_correction_reason()
                if reason is not None:
                    self.generate(reason)
                else:
                    self.show_banner("未生成：已生成过的文书再次生成须填写更正原因。", error=True)
                return
            self.show_banner(result["error"], error=True)
            errors = [f for f in result.get("findings") or [] if f["severity"] == "error"]
            if errors:  # refused while writing (a number the registry does not hold): show where
                self.findings = [f for f in self.findings if f not in errors] + errors
                self.panel.show_findings(self.findings)
                self.form.mark(self.findings)
                self.jump_to(errors[0]["path"])
            return
        try:  # the answers as generated (a number taken from the registry): show them
            self.form.load(self.service.document(self.document_id)["answers"])
        except (ServiceError, StoreError) as exc:
            self._say(str(exc), error=True)
        self.validate_now()
        self.refresh_status()
        self.last_output = Path(result["path"])
        same = "（内容未改动，沿用已生成的文件）" if result.get("unchanged") else ""
        self.show_banner(f"已生成：{self.last_output}（指纹 {result['fingerprint']}）{same}", done=True)
        self.saved.emit(self.document_id)
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
        if action == "print":  # issue 18: printing says what happened (the system's print verb says nothing)
            from wenshu import osopen

            try:
                said = osopen.print_file(self.last_output)
            except Exception as exc:  # the system may have no application for .docx
                self.offer_preview(str(exc) or f"无法打印“{self.last_output.name}”。", action)
                return
            self.banner_text.setText(said)
            return
        message = open_with_system(action, self.last_output)
        if message:
            self.offer_preview(message, action)

    def _preview(self) -> None:
        self.flush()
        self.preview_requested.emit(self.document_id)

    def offer_preview(self, message: str, action: str = "open") -> None:
        """The system could not open or print the file: say so, and offer the app's own preview (which
        prints too)."""
        what = "打开" if action == "open" else ("打印" if action == "print" else "显示")
        box = QMessageBox(QMessageBox.Warning, "执法文书助手",
                          f"本机无法{what}该文件：{message}\n可以改用本程序的预览查看，并在预览中打印。",
                          QMessageBox.Close, self)
        box.button(QMessageBox.Close).setText("关闭")
        preview = box.addButton("改用预览", QMessageBox.AcceptRole)
        self.system_box = box
        box.buttonClicked.connect(lambda b: self._preview() if b is preview else None)
        box.open()
