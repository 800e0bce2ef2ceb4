"""The one window where a case lives: the case list on the left, the open case or document on the right.

The window holds one ``CaseService`` and speaks to it in case and document ids (DOMAIN.md §10): it shows
what the service returns (``show``, ``document``, ``check`` …) and sends what the user did (``add_document``,
``save``, ``generate``, ``withdraw`` …). The case page is ``desktop.case_view``, the editor
``desktop.editor``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.case_view import ROW_ROLE, CaseView
from wenshu.service import ServiceError
from wenshu.store import StoreError

APP_TITLE = "执法文书助手"
#: The case list is filled a page at a time (more as the user scrolls): ten thousand cases never all at once.
CASE_PAGE = 60
#: The search runs this long after the last keystroke (typing a party's name is one search, not five).
SEARCH_DELAY_MS = 150

__all__ = ["APP_TITLE", "ROW_ROLE", "CaseView", "MainWindow"]


class MainWindow(QMainWindow):
    def __init__(self, service, parent: QWidget | None = None, *, quick_start: bool = False):
        super().__init__(parent)
        self.service = service
        #: the app's start: the first case is drawn with its stored states, and exactly right after the
        #: window is up (the rule engine is not imported before the first window shows)
        self._quick = quick_start
        self.editor = None
        self.case: dict | None = None  # CaseService.show() of the open case
        self._roster_cache: list | None = None
        self.last_results: list | None = None
        self.generate_skipped: list[str] = []
        self._described: dict[str, str | None] = {}  # document id → 《title》, while the registry is open
        self.setWindowTitle(APP_TITLE)

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：当事人、案号、日期（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh_cases)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self._loaded_all = True
        self._loading = False
        self.case_list = QListWidget()
        self.case_list.setObjectName("cases")
        self.case_list.setWordWrap(True)
        self.case_list.setUniformItemSizes(True)
        self.case_list.currentItemChanged.connect(self._case_selected)
        self.case_list.verticalScrollBar().valueChanged.connect(self._scrolled)
        new_button = QPushButton("新建案件（Ctrl+N）")
        new_button.clicked.connect(self.new_case)
        left = self.left = QWidget()
        left.setObjectName("left")
        lv = QVBoxLayout(left)
        lv.setContentsMargins(8, 8, 4, 8)
        heading = QLabel("案件")
        heading.setObjectName("sectionTitle")
        lv.addWidget(heading)
        lv.addWidget(self.search)
        lv.addWidget(self.case_list, 1)
        lv.addWidget(new_button)

        self.case_view = CaseView()
        self.case_view.open_document.connect(self.open_document)
        self.case_view.add_document.connect(self.add_document)
        self.case_view.withdraw_document.connect(self.withdraw_document)
        self.case_view.generate_all.connect(self.generate_all)
        self.case_view.preview_selected.connect(lambda d: self.preview(d))
        self.case_view.preview_all.connect(lambda: self.preview(None))
        self.case_view.archive.connect(self.archive_case)
        self.case_view.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.empty = QLabel("请在左侧选择案件，或按 Ctrl+N 新建案件。")
        self.empty.setAlignment(Qt.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.case_view)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([270, 1010])
        self.setCentralWidget(split)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self._menus()
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.case_view, self.case_view.open_next)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.refresh_cases()

    @property
    def case_id(self) -> str | None:
        return self.case["case_id"] if self.case else None

    # --- menus ----------------------------------------------------------------------------------
    def _menus(self) -> None:
        def act(menu, text: str, keys: str | None, slot) -> QAction:
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            return action

        bar = self.menuBar()
        m = bar.addMenu("案件(&A)")
        act(m, "新建案件", "Ctrl+N", self.new_case)
        act(m, "修改案件名称…", "F2", self.rename_case)
        act(m, "导入案件…", "Ctrl+I", self.import_case)
        act(m, "导出本案…", "Ctrl+E", self.export_case)
        m.addSeparator()
        act(m, "退出", "Ctrl+Q", self.close)
        m = bar.addMenu("文书(&D)")
        act(m, "生成全部可生成的文书", "Ctrl+Shift+G", self.generate_all)
        act(m, "作废所选文书…", "Ctrl+Shift+Del", self.case_view.withdraw_selected)
        act(m, "打开本案文书所在文件夹", "Ctrl+Shift+O", self.open_output_folder)
        act(m, "预览与打印本案文书…", "Ctrl+P", lambda: self.preview(None))
        act(m, "归档…", "Ctrl+Shift+A", self.archive_case)
        act(m, "按指纹查找纸质文书…", "Ctrl+Shift+F", self.find_by_fingerprint)
        m = bar.addMenu("文号(&N)")
        act(m, "文号登记簿…", "Ctrl+Shift+R", self.show_registry)
        act(m, "复核本案文号…", "Ctrl+Shift+K", self.check_case_numbers)
        m = bar.addMenu("期限(&T)")
        act(m, "今日待办期限…", "Ctrl+T", self.show_agenda)
        m = bar.addMenu("统计评查(&J)")
        act(m, "执法情况统计…", None, self.show_stats)
        act(m, "本案案卷评查…", None, self.review_case)
        act(m, "年度案卷评查…", None, self.review_year)
        act(m, "公示台账…", None, self.show_publication)
        m = bar.addMenu("法条(&L)")
        act(m, "法条查询…", "Ctrl+L", self.show_laws)
        m = bar.addMenu("设置(&S)")
        act(m, "机关配置（机关、编号、规则、字体、模板）…", None, self.edit_profile)  # issue 19
        act(m, "执法人员名册…", "Ctrl+R", self.edit_roster)
        act(m, "文书保存位置…", None, self.choose_documents_folder)  # issue 18
        act(m, "违法行为库…", None, self.edit_violations)
        act(m, "导入违法行为库（.xlsx / .csv）…", None, self.import_violations)
        act(m, "导入裁量基准（.xlsx / .csv）…", None, self.import_discretion)
        act(m, "导入不予处罚、从轻、减轻清单（.xlsx / .csv）…", None, self.import_leniency)
        # --- office mode (issue 16): the agency's database, the review queue ---
        m.addSeparator()
        act(m, "数据库…", None, self.edit_database)
        m = bar.addMenu("审核(&V)")
        act(m, "提交法制审核…", None, self.submit_review)
        act(m, "审核队列…", "Ctrl+Shift+V", self.show_review_queue)
        # issue 15: the party directory (企业库) and 双随机 draws
        m = bar.addMenu("企业库与抽查(&P)")
        act(m, "企业库…", "Ctrl+Shift+P", self.show_parties)
        act(m, "双随机抽查…", "Ctrl+Shift+D", self.show_draw)
        m = bar.addMenu("帮助(&H)")
        act(m, "快捷键", "F1", self.show_keys)

    def show_keys(self) -> None:
        QMessageBox.information(self, "快捷键", "\n".join([
            "Ctrl+N 新建案件　　Ctrl+F 搜索案件　　Enter 打开所选文书",
            "Ctrl+Shift+N 再起草一份同类文书　　Ctrl+Shift+G 生成全部可生成的文书　　Ctrl+Shift+Del 作废所选文书",
            "Ctrl+Enter 下一步　　Ctrl+PgUp 上一步　　Ctrl+G 生成文书　　Alt+← 返回案件",
            "Tab / Enter 下一栏　　Shift+Tab 上一栏　　Alt+D 填入本案当事人　　Ctrl+Delete 清空日期时间",
            "F2 修改案件名称　　Ctrl+R 执法人员名册　　Ctrl+I 导入案件　　Ctrl+E 导出本案",
            "Ctrl+Shift+O 打开本案文书文件夹　　Ctrl+Shift+F 按指纹查找纸质文书",
            "Ctrl+Shift+R 文号登记簿　　Ctrl+Shift+K 复核本案文号　　Ctrl+T 今日待办期限",
            "Ctrl+L 法条查询　　Ctrl+Shift+P 企业库　　Ctrl+Shift+D 双随机抽查",
        ]))

    # --- office mode (issue 16) -------------------------------------------------------------------
    def edit_database(self) -> None:
        """设置 → 数据库: single PC or the agency's PostgreSQL database (takes effect at the next start)."""
        from desktop.office_view import DatabaseDialog

        self.database_dialog = DatabaseDialog(self)
        self.database_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.database_dialog.show()

    def submit_review(self) -> None:
        from desktop.office_view import submit_case

        submit_case(self, self.service, self.case_id)

    def show_review_queue(self) -> None:
        from desktop.office_view import ReviewQueueDialog

        self.review_dialog = ReviewQueueDialog(self.service, self, open_case=self.open_case)
        self.review_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.review_dialog.show()

    def show_laws(self) -> None:
        """法条查询: the offline law library (search by words or article number)."""
        from desktop.law_view import LawDialog

        self.law_dialog = LawDialog(self)
        self.law_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.law_dialog.show()

    def edit_profile(self) -> None:
        """设置 → 机关配置 (issue 19): the agency profile's pages (desktop/settings_view.py)."""
        from desktop.settings_view import SettingsDialog

        SettingsDialog(self).exec()

    def edit_violations(self) -> None:
        """设置 → 违法行为库: edit the agency's own entries (checked against the law on 保存)."""
        from desktop.law_view import LibraryDialog

        self.library_dialog = LibraryDialog(self)
        self.library_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.library_dialog.show()

    def import_violations(self) -> None:
        self._import_table("导入违法行为库", "import_library", "条违法行为")

    def import_discretion(self) -> None:
        self._import_table("导入裁量基准", "import_discretion", "条裁量基准")

    def import_leniency(self) -> None:
        self._import_table("导入不予处罚、从轻、减轻清单", "import_leniency", "条")

    def _import_table(self, title: str, func: str, unit: str, path: str | None = None) -> None:
        """Import an agency table (all rows or none); every bad row is listed in Chinese."""
        from PySide6.QtWidgets import QFileDialog

        from wenshu import violations

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, title, "", "表格 (*.xlsx *.csv)")
            if not path:
                return
        try:
            result = getattr(violations, func)(path)
        except violations.ImportRefused as exc:
            self._warn(title, exc)
            return
        QMessageBox.information(self, title, f"已导入 {result['imported']} {unit}。")

    # --- 统计, 评查, 公示台账 (desktop.stats_view) ----------------------------------------------------
    def show_stats(self) -> None:
        from desktop.stats_view import StatsDialog

        StatsDialog(self.service, parent=self).exec()

    def review_case(self) -> None:
        from desktop.stats_view import ReviewDialog

        if self.case_id is None:
            QMessageBox.information(self, "案卷评查", "请先在左侧选择要评查的案件。")
            return
        ReviewDialog(self.service, self.case_id, self).exec()

    def review_year(self) -> None:
        from desktop.stats_view import YearReviewDialog

        YearReviewDialog(self.service, self).exec()

    def show_publication(self) -> None:
        from desktop.stats_view import PublicationDialog

        PublicationDialog(self.service, self).exec()

    def _warn(self, title: str, exc: Exception | str) -> None:
        QMessageBox.warning(self, title, str(exc))

    # --- numbers ----------------------------------------------------------------------------------
    def describe_case(self, case_id: str) -> str | None:
        """The registry's case identifier as the user knows it: the case's title."""
        try:
            return self.service.case(case_id)["title"]
        except (ServiceError, StoreError):
            return None

    def describe_document(self, document_id: str) -> str | None:
        """The registry's document identifier as the user knows it: 《行政处罚决定书》."""
        if document_id in self._described:
            return self._described[document_id]
        try:
            text = f"《{self.service.document(document_id)['title']}》"
        except (ServiceError, StoreError):
            text = None
        self._described[document_id] = text
        return text

    def show_registry(self) -> None:
        """文号登记簿: every number with its case and document; voiding and importing live in it."""
        from desktop.registry_view import RegistryDialog

        self.flush()
        self._described = {}
        self.registry_dialog = RegistryDialog(self, describe_case=self.describe_case,
                                              describe_document=self.describe_document, who=self.service.who)
        self.registry_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.registry_dialog.show()

    def check_case_numbers(self) -> None:
        """复核本案文号: every number of the open case checked at once; double-click opens the document."""
        from desktop.registry_view import show_case_numbers

        if self.case is None:
            QMessageBox.information(self, "复核本案文号", "请先在左侧选择案件。")
            return
        self.flush()
        case_id = self.case_id
        dialog = show_case_numbers(self, lambda: self.service.audit_numbers(case_id), case_title=self.case["title"])
        dialog.document_activated.connect(self.open_document)
        self.numbers_dialog = dialog

    # --- deadlines --------------------------------------------------------------------------------
    def agenda_items(self) -> list:
        return self.service.agenda()

    def show_agenda(self, items: list | None = None) -> None:
        """今日待办期限 across every case; choosing a row opens its case."""
        from desktop.deadlines_view import AgendaDialog

        self.flush()
        items = self.agenda_items() if items is None or isinstance(items, bool) else items
        self.agenda_dialog = AgendaDialog(items, today=self.service.now().date(), parent=self)
        self.agenda_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.agenda_dialog.caseRequested.connect(self.open_case)
        self._office_agenda(self.agenda_dialog)
        self.agenda_dialog.show()

    def _office_agenda(self, dialog) -> None:
        """Office mode (issue 16): the reviews waiting for this user, or the conclusions on their cases."""
        from wenshu import office

        try:
            lines = [i["what"] + (f"（期限 {i['due']}）" if i.get("due") and not i.get("conclusion") else "")
                     for i in office.my_items(self.service, self.service.now().date())]
        except office.OfficeActionError as exc:
            lines = [str(exc)]
        if lines:
            label = QLabel("审核与审批：\n" + "\n".join(lines))
            label.setObjectName("officeAgenda")
            label.setWordWrap(True)
            dialog.layout().insertWidget(0, label)
            dialog.office_label = label

    def history_in_background(self) -> None:
        """``history_at_start`` with the history read in a worker thread (hundreds of thousands of versions
        at an agency's size): the window answers meanwhile."""
        from desktop import worker

        self.history_task = worker.AgendaTask(self.service, "verify_history")
        self.history_task.signals.finished.connect(lambda problems: self.history_at_start(problems))
        worker.start_agenda(self.history_task)

    def history_at_start(self, problems: list[dict] | None = None) -> list[dict]:
        """After the window shows: tell the user, in Chinese, when a saved version or printed record was
        altered or deleted since it was written (DOMAIN.md §11). Returns the problems found."""
        if problems is None:
            try:
                problems = self.service.verify_history()
            except (ServiceError, StoreError) as exc:
                problems = [{"code": "history.unreadable", "message": str(exc)}]
        if problems:
            lines = [p["message"] for p in problems[:8]]
            more = f"\n……另有 {len(problems) - 8} 处。" if len(problems) > 8 else ""
            self.history_box = QMessageBox(
                QMessageBox.Warning, "案件记录核对",
                "案件库中的以下记录在保存后被改动或删除，与原始记录不符：\n\n" + "\n".join(lines) + more +
                "\n\n请勿据此打印或出具文书，并联系管理员核查（命令行 wenshu store verify 可列出全部）。",
                QMessageBox.Close, self)
            self.history_box.button(QMessageBox.Close).setText("知道了")
            self.history_box.open()
        self.history_problems = problems  # the start's check is done (bench/scale_probe.py waits for it)
        return problems

    def agenda_at_start(self, items: list | None = None) -> None:
        """After the window shows: the agenda when something is overdue or due soon, else nothing."""
        from wenshu.agenda import DUE_SOON, OVERDUE

        items = self.agenda_items() if items is None else items
        if any(i.status in (OVERDUE, DUE_SOON) for i in items):
            self.show_agenda(items)

    def agenda_in_background(self) -> None:
        """``agenda_at_start`` with the agenda worked out in a worker thread (the app's start): the
        window answers at once, the agenda appears when it is ready."""
        from desktop import worker

        self.agenda_task = worker.AgendaTask(self.service)
        self.agenda_task.signals.finished.connect(self._agenda_ready)
        worker.start_agenda(self.agenda_task)

    def _agenda_ready(self, items: list) -> None:
        self.agenda_ready_items = items
        self.agenda_at_start(items)
        if getattr(self, "_history_next", False):
            self._history_next = False
            self.history_in_background()

    def start_of_day(self) -> None:
        """At start, in workers: 今日待办, then the check of the history — one after the other, so their
        memory at ten thousand cases does not add up and neither slows the other."""
        self._history_next = True
        self.agenda_in_background()

    def open_case(self, case_id: str | None) -> None:
        """Show a case from elsewhere (the agenda): clear the search so its row is there, select it. An item of
        the agency's own (the 统计年报, no case) opens 执法情况统计."""
        if case_id is None:
            self.show_stats()
            return
        self.close_editor()
        if self.search.text():
            self.search.clear()
        self.refresh_cases(select=case_id)

    # --- cases ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def refresh_cases(self, *_args, select: str | None = None) -> None:
        """The case list again from the store, searched there, its first page (more as the user scrolls);
        the case ``select`` (else the open one) selected, loading pages until it is there."""
        self.search_timer.stop()
        keep = select if select is not None else self.case_id
        self.case_list.blockSignals(True)
        self.case_list.clear()
        self._search_text = self.search.text()
        self._loaded_all = False
        chosen = self._load_page(keep)
        while keep is not None and chosen is None and not self._loaded_all and select is not None:
            chosen = self._load_page(keep)
        if chosen is not None:  # marked without the open case being drawn again (a search keeps it as it is)
            self.case_list.setCurrentItem(chosen)
        self.case_list.blockSignals(False)
        if chosen is not None:
            if select is not None or self.case is None:
                self._case_selected(chosen)
        elif self.case_list.count() and self.case is None:
            self.case_list.setCurrentRow(0)

    def _case_item(self, case: dict) -> QListWidgetItem:
        item = QListWidgetItem(self._case_text(case))
        item.setData(ROW_ROLE, case["case_id"])
        item.setToolTip(case["title"])
        return item

    @staticmethod
    def _case_text(case: dict) -> str:
        party = case.get("party_name") or "当事人未填"
        return f"{case['title']}\n{party} · {case['created'][:10]}"

    def _load_page(self, keep: str | None = None) -> QListWidgetItem | None:
        """The next page of the case list; the item of ``keep`` when it is on it."""
        if self._loaded_all:
            return None
        self._loading = True
        try:
            rows = self.service.case_rows(self._search_text, CASE_PAGE + 1, self.case_list.count())
            self._loaded_all = len(rows) <= CASE_PAGE
            chosen = None
            for case in rows[:CASE_PAGE]:
                item = self._case_item(case)
                self.case_list.addItem(item)
                if case["case_id"] == keep:
                    chosen = item
        finally:
            self._loading = False
        return chosen

    def _scrolled(self, value: int) -> None:
        bar = self.case_list.verticalScrollBar()
        if not self._loading and not self._loaded_all and value >= bar.maximum() - 2 * bar.pageStep():
            self._load_page()

    def _update_case_row(self, case_id: str) -> None:
        """The open case's row only (its title or party may have changed), not the whole list."""
        for i in range(self.case_list.count()):
            item = self.case_list.item(i)
            if item.data(ROW_ROLE) == case_id:
                if self.case is not None and self.case.get("case_id") == case_id:
                    party = (self.case.get("party") or {}).get("name") or ""
                    text = self._case_text({"title": self.case["title"], "party_name": party,
                                            "created": self.case.get("created") or item.text().rsplit("· ", 1)[-1]})
                    if item.text() != text:
                        item.setText(text)
                        item.setToolTip(self.case["title"])
                return

    def _case_selected(self, item: QListWidgetItem | None, _prev=None) -> None:
        if item is None:
            return
        self.show_case(item.data(ROW_ROLE))

    def show_case(self, case_id: str) -> None:
        self.close_editor()
        quick, self._quick = self._quick, False
        try:
            self.case = self.service.show(case_id, quick=quick)
        except (ServiceError, StoreError) as exc:
            self.case = None
            self.stack.setCurrentWidget(self.empty)
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.case_view.show_case(self.case, self.service.now().date(), self.service.settings())
        self.stack.setCurrentWidget(self.case_view)
        self.setWindowTitle(f"{self.case['title']} — {APP_TITLE}")
        if quick:
            QTimer.singleShot(0, self, self._exact_after_quick)

    def _exact_after_quick(self) -> None:
        self.reload_case()
        self.exact_shown = True

    def reload_case(self) -> None:
        """The open case drawn again from the service (after a change made from the case page)."""
        if self.case_id is not None and self.editor is None:
            self.show_case(self.case_id)

    def new_case(self) -> None:
        from desktop.dialogs import NewCaseDialog
        from wenshu.parties import directory_of  # issue 15: the party is picked from the directory

        try:
            parties = directory_of(self.service).list()
        except StoreError:
            parties = []
        self.new_case_dialog = NewCaseDialog(self, create=self.service.new_case, parties=parties)
        self.new_case_dialog.accepted.connect(self._created_case)
        self.new_case_dialog.open()

    def _created_case(self) -> None:
        case_id = self.new_case_dialog.case_id
        self.new_case_dialog.deleteLater()
        self.activateWindow()
        self.search.clear()
        self.refresh_cases(select=case_id)
        self.case_view.table.setFocus()

    def rename_case(self) -> None:
        if self.case is None:
            return
        text, ok = QInputDialog.getText(self, "修改案件名称", "案件名称：", QLineEdit.Normal, self.case["title"])
        if ok and text.strip() and text.strip() != self.case["title"]:
            self.service.update_case(self.case_id, title=text.strip())
            self.case["title"] = text.strip()
            self.refresh_cases()
            self.reload_case()

    def import_case(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "导入案件", "", "案件文件 (*.json)")
        if not path:
            return
        try:
            result = self.service.import_cases([path])
        except (ServiceError, StoreError) as exc:
            self._warn("导入案件", exc)
            return
        if result["refused"]:
            self._warn("导入案件", "\n".join(r["message"] for r in result["refused"]))
            return
        self.refresh_cases(select=result["imported"][-1])
        self.statusBar().showMessage("案件已导入。", 5000)

    def export_case(self) -> None:
        from wenshu.files import safe_name

        if self.case is None:
            return
        self.flush()
        path, _ = QFileDialog.getSaveFileName(self, "导出本案", safe_name(self.case["title"]) + ".json",
                                              "案件文件 (*.json)")
        if not path:
            return
        try:
            self.service.export_case(self.case_id, path)
        except (ServiceError, StoreError) as exc:
            self._warn("导出本案", exc)
            return
        self.statusBar().showMessage(f"已导出到 {path}", 8000)

    def edit_roster(self) -> None:
        from desktop.dialogs import RosterDialog

        dialog = RosterDialog(self.service, self)
        if dialog.exec():
            self._roster_cache = None
            self.statusBar().showMessage("执法人员名册已保存。", 5000)

    # --- issue 15: the party directory (企业库) and 双随机 -------------------------------------------------
    def show_parties(self) -> None:
        from desktop.party_view import PartyDirectoryDialog

        try:
            dialog = PartyDirectoryDialog(self.service, self)
        except StoreError as exc:
            self._warn("企业库", exc)
            return
        dialog.exec()
        if dialog.changed_cases:
            self.refresh_cases(select=self.case_id)
            self.reload_case()
            self.statusBar().showMessage(f"已更新 {len(dialog.changed_cases)} 个案件的当事人信息。", 8000)

    def show_draw(self) -> None:
        from desktop.draw_view import DrawDialog

        try:
            dialog = DrawDialog(self.service, self)
        except StoreError as exc:
            self._warn("双随机抽查", exc)
            return
        dialog.exec()
        if dialog.started:
            self.refresh_cases(select=dialog.started[0]["case_id"])
            self.statusBar().showMessage(f"已新建 {len(dialog.started)} 个检查案件。", 8000)

    # --- issue 18: 设置 → 文书保存位置 (the core checks and remembers the folder; this only asks) -------------
    def choose_documents_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        current = self.service.documents_folder()
        folder = QFileDialog.getExistingDirectory(self, "选择文书保存位置", str(current))
        if not folder:
            return
        try:
            chosen = self.service.set_documents_folder(folder)
        except StoreError as exc:
            self._warn("文书保存位置", exc)
            return
        self.statusBar().showMessage(f"今后生成的文书保存在“{chosen}”中（每个案件一个子文件夹）。", 8000)
    # --- end issue 18 -----------------------------------------------------------------------------------------

    def open_output_folder(self) -> None:
        from desktop.editor import open_with_system

        if self.case is None:
            return
        folder = self.service.output_folder(self.case_id)
        if not folder.exists():
            QMessageBox.information(self, APP_TITLE, "本案还没有生成过文书。")
            return
        message = open_with_system("open", folder)
        if message:
            self._warn(APP_TITLE, message)

    def find_by_fingerprint(self) -> None:
        """纠错: the fingerprint printed on a paper copy leads to the saved version it came from."""
        from templates.kinds import UnknownKind, get_kind

        text, ok = QInputDialog.getText(self, "按指纹查找", "请输入纸质文书页脚所印的文书指纹（如 1A2B-3C4D-5E6F-7081）：")
        if not ok or not text.strip():
            return
        found = self.service.find_fingerprint(text)
        if not found:
            QMessageBox.information(self, "按指纹查找", f"没有找到指纹为“{text.strip().upper()}”的已生成文书。")
            return
        hit = found[-1]
        try:
            title = get_kind(hit["kind"]).title
        except UnknownKind:
            title = hit["kind"]
        self.search.clear()
        self.refresh_cases(select=hit["case_id"])
        self.open_document(hit["document_id"], version=hit["version"])  # the version on paper, as printed
        note = "与当前内容一致" if hit["current_version"] == hit["version"] else \
            f"当前已是第 {hit['current_version']} 版，纸质文书为第 {hit['version']} 版（之后有修改）"
        self.statusBar().showMessage(f"找到：《{title}》第 {hit['version']} 版，生成于 {hit['printed'][:16].replace('T', ' ')}；{note}。",
                                     15000)
        self.last_fingerprint_hit = hit

    def roster(self) -> list:
        """The officers the pickers offer (``Certificate``s, from the service's roster)."""
        if self._roster_cache is None:
            self._roster_cache = list(self.service.roster().values())
        return self._roster_cache

    # --- documents ------------------------------------------------------------------------------
    def add_document(self, kind_name: str) -> None:
        """A new document of ``kind_name`` in the open case (the service prefills it), opened."""
        if self.case is None:
            return
        try:
            document_id = self.service.add_document(self.case_id, kind_name)
        except (ServiceError, StoreError) as exc:
            QMessageBox.information(self, APP_TITLE, str(exc))
            return
        self.open_document(document_id)

    def open_document(self, document_id: str, version: int | None = None) -> None:
        """Open a document for editing; with ``version``, that saved version read-only (按指纹查找)."""
        from desktop.editor import DocumentEditor

        try:
            doc = self.service.document(document_id) if version is None else \
                self.service.document_version(document_id, version)
        except (ServiceError, StoreError) as exc:
            self._warn(APP_TITLE, exc)
            return
        read_only = None
        if version is not None:
            later = doc["current_version"] != version
            read_only = (f"这是纸质文书所印指纹对应的第 {version} 版，只读显示。"
                         + (f"此后已修改，当前为第 {doc['current_version']} 版。" if later else "与当前内容一致。"))
        elif doc.get("damaged"):
            read_only = ("该文书当前保存的内容已损坏，无法读取，已按只读打开，以免覆盖。"
                         "请选择一个早前的版本恢复。" if any(v.get("readable") for v in doc.get("versions") or [])
                         else "该文书保存的内容已损坏，且没有可读取的早前版本。请联系维护人员。")
        if doc["withdrawn"]:
            self.statusBar().showMessage(f"《{doc['title']}》已作废（{doc['withdrawn_reason'] or '未注明原因'}），"
                                         "不能再修改。", 10000)
            return
        if self.case_id != doc["case_id"]:
            self.refresh_cases(select=doc["case_id"])
            if self.case_id != doc["case_id"]:  # not in the filtered list
                self.show_case(doc["case_id"])
        self.close_editor()
        if read_only is None:  # office mode (issue 16): another role's form, or open elsewhere: read-only
            from wenshu import office

            try:
                read_only = office.why_read_only(self.service, document_id)
            except office.OfficeActionError as exc:
                self._warn(APP_TITLE, exc)
                return
        party = ((self.case or {}).get("memory") or {}).get("party")
        self.editor = DocumentEditor(self.service, doc, self.roster(), party, read_only=read_only)
        self.editor.restored.connect(self.open_document)
        self.editor.back.connect(self.back_to_case)
        self.editor.preview_requested.connect(self._preview_from_editor)
        self.editor.saved.connect(self._document_saved)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self.left.hide()  # the form needs the width; Alt+← brings the case list back
        self.editor.form.focus_first()
        self.setWindowTitle(f"{doc['title']} — {self.case['title'] if self.case else ''} — {APP_TITLE}")

    def withdraw_document(self, document_id: str) -> None:
        """作废: asks why, then the service withdraws it (kept, with its versions and files)."""
        try:
            title = self.service.document(document_id)["title"]
        except (ServiceError, StoreError) as exc:
            self._warn("作废文书", exc)
            return
        reason, ok = QInputDialog.getText(self, "作废文书",
                                          f"作废《{title}》的原因（必填，如“当事人名称有误，重新制作”）：\n"
                                          "作废的文书保留全部版本和已生成的文件；已取得的文号一并作废，不再使用。")
        if not ok:
            return
        try:
            result = self.service.withdraw(document_id, reason)
        except (ServiceError, StoreError) as exc:
            self._warn("作废文书", exc)
            return
        number = f"，文号 {result['number']} 已在登记簿中作废" if result.get("number") else ""
        self.statusBar().showMessage(f"《{title}》已作废{number}。", 10000)
        self.reload_case()

    def _document_saved(self, _document_id: str) -> None:
        self.statusBar().showMessage("已自动保存。", 2000)

    def back_to_case(self) -> None:
        if self.case_id is not None:
            self.show_case(self.case_id)
            self._update_case_row(self.case_id)  # the list stays as it was: only this case's row can change
            self.case_view.table.setFocus()

    def close_editor(self) -> None:
        if self.editor is not None:
            self.editor.finish()
            if not self.editor.read_only:  # office mode (issue 16): the edit lock goes with the editor
                from wenshu import office

                office.close_editing(self.service, self.editor.document_id)
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
            self.left.show()

    def flush(self) -> None:
        if self.editor is not None:
            self.editor.flush()

    def _focus_changed(self, old, _new) -> None:
        if old is not None and self.editor is not None:
            self.editor.flush()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.editor is not None:
            self.editor.finish()
        super().closeEvent(event)

    # --- generating many ------------------------------------------------------------------------
    def generate_all(self) -> None:
        """Generate every document the service says can be generated now, in a worker, with progress."""
        from desktop import worker

        if self.case is None:
            return
        if self.editor is not None:
            self.back_to_case()  # the documents are written as saved; the case view shows the result
        try:
            ready, held = self.service.generatable(self.case_id)
        except (ServiceError, StoreError) as exc:
            self._warn("生成文书", exc)
            return
        if not ready:
            QMessageBox.information(self, "生成文书", "本案没有可以生成的文书（有错误的文书需先改正）。"
                                    + (f"\n有错误：{'、'.join(held)}" if held else ""))
            return
        self.generate_skipped = held
        self.last_results = None
        self.task = worker.GenerateTask(self.service, ready)
        self.task.signals.progress.connect(self._progress)
        self.task.signals.finished.connect(self._generated_all)
        self.progress.setRange(0, len(ready))
        self.progress.setValue(0)
        self.progress.show()
        worker.start(self.task)

    def _progress(self, done: int, total: int, title: str) -> None:
        self.progress.setValue(done)
        if title:
            self.statusBar().showMessage(f"正在生成《{title}》（{done + 1}/{total}）…")

    def _generated_all(self, results: list) -> None:
        from desktop.editor import open_with_system

        self.progress.hide()
        ok = [r for r in results if not r["error"]]
        lines = [f"已生成 {len(ok)} 份文书。"] + [r["error"] for r in results if r["error"]]
        if self.generate_skipped:
            lines.append("有错误未生成：" + "、".join(self.generate_skipped))
        self.statusBar().showMessage(lines[0], 8000)
        self.reload_case()
        self.last_results = results
        if ok:
            box = QMessageBox(QMessageBox.Information, "生成文书", "\n".join(lines), QMessageBox.Close, self)
            box.button(QMessageBox.Close).setText("关闭")
            folder = box.addButton("打开所在文件夹", QMessageBox.ActionRole)
            box.open()
            box.buttonClicked.connect(lambda b: open_with_system("folder", Path(ok[0]["path"]))
                                      if b is folder else None)
            self.result_box = box

    # --- 预览、打印与归档 (DOMAIN.md §14) ------------------------------------------------------------
    def preview(self, document_id: str | None = None, on_shown=None) -> None:
        """Pages of one generated document (``document_id``) or of all the case's generated documents."""
        from desktop.preview import preview_documents

        if self.case is None:
            return
        docs = [d for d in self.case["documents"] if d.get("printed") and d["state"] != "withdrawn"]
        if document_id is not None:
            docs = [d for d in docs if d["document_id"] == document_id]
        title = "预览：" + (docs[0]["title"] if document_id is not None and docs else self.case["title"])
        preview_documents(self, self.service, self.case_id, docs, title, on_shown=on_shown)

    def _preview_from_editor(self, document_id: str) -> None:
        if self.case_id is not None:
            self.case = self.service.show(self.case_id)  # the editor may just have generated it
        self.preview(document_id)

    def archive_case(self) -> None:
        """归档: choose a folder, then the case file is made off the UI thread with progress and 取消."""
        from PySide6.QtWidgets import QFileDialog

        from desktop.preview import PreviewWindow, cancelled_message, run_with_progress

        if self.case is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "选择存放案卷的文件夹", str(Path.home()))
        if not folder:
            return
        target = Path(folder) / f"案卷_{self.case['title']}"[:80]
        case_id = self.case_id

        def work(service, progress, cancel):
            return service.archive(case_id, target, progress=progress, cancel=cancel)

        def done(result) -> None:
            self.reload_case()
            message = cancelled_message(result)
            if message:
                findings = getattr(result, "findings", None)
                QMessageBox.warning(self, "归档", message if not findings else str(result))
                return
            box = QMessageBox(QMessageBox.Information, "归档",
                              f"案卷已归档，归档号 {result['archive_no']}，共 {result['pages']} 页。\n{target}",
                              QMessageBox.Close, self)
            box.button(QMessageBox.Close).setText("关闭")
            show = box.addButton("预览案卷", QMessageBox.ActionRole)
            box.exec()
            if box.clickedButton() is show:
                items = [{"title": "案卷（全部）", "pdf": result["pdf"], "document_id": None, "version": None,
                          "fingerprint": None}]
                window = PreviewWindow(self.service, case_id, items, f"预览：{self.case['title']}", self)
                window.setAttribute(Qt.WA_DeleteOnClose)
                window.show()

        run_with_progress(self, self.service, work, "正在归档……", done)
