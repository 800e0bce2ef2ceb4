"""The one window where a case lives: the case list on the left, the open case or document on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
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
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wenshu import prefill
from wenshu.store import GENERATED, HAS_ERRORS, STATE_TITLES

ROW_ROLE = Qt.UserRole + 1
APP_TITLE = "执法文书助手"


#: The procedure's stages in order (DOMAIN.md §1); a kind's ``x-wenshu.stage`` places it, its ``order``
#: sorts within the stage; stages not listed (公文 …) come last.
PROCEDURE_STAGES = ("立案", "检查/询问", "告知", "审核/讨论", "决定", "送达", "执行", "结案")


def procedure_order(kinds: list) -> list:
    """Kinds in the order the procedure calls for them."""
    rank = {stage: i for i, stage in enumerate(PROCEDURE_STAGES)}
    return sorted(kinds, key=lambda k: (rank.get(k.stage, len(rank)), k.order, k.name))


def _party_line(party: dict) -> str:
    if not party.get("name"):
        return "（尚未填写）"
    code = party.get("uscc") if party.get("type") != "person" else party.get("id_no")
    extra = []
    if party.get("type") == "person":
        extra.append("个人")
    if code:
        extra.append(("统一社会信用代码 " if party.get("type") != "person" else "身份证号 ") + code)
    if party.get("legal_rep"):
        extra.append(f"法定代表人 {party['legal_rep']}")
    return party["name"] + (f"（{'，'.join(extra)}）" if extra else "")


def _draft_number(kind, answers: dict) -> str:
    """What a draft without a number carries: ``（晋忻神）应急罚〔2026〕　　号（生成时取号）`` (the year of the
    document's date, else this year); "" for a kind without 代字."""
    from datetime import date

    from validators.numbers import draft_number
    from wenshu.number_audit import document_date
    from wenshu.settings import load_settings

    if not kind.code or "number" not in (kind.schema.get("properties") or {}):
        return ""
    try:
        draft = draft_number(kind.name, load_settings(), document_date(answers, date.today()).year)
    except ValueError:
        return ""
    return f"{draft}（生成时取号）" if draft else ""


class CaseView(QWidget):
    """A case at a glance: party, officers, its documents in procedure order with states, the next step."""

    open_document = Signal(str, object)  # kind name, document id or None (not started)
    generate_all = Signal()

    #: The forms a major decision needs before it is made (法制审核, 集体讨论), in procedure order.
    REVIEW_KINDS = ("legal_review_application", "legal_review_approval", "legal_review_opinion",
                    "collective_discussion")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.case: dict | None = None
        self.rows: list[dict] = []
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.info: dict[str, QLabel] = {}
        for i, (key, label) in enumerate((("party", "当事人"), ("address", "地址"), ("officers", "执法人员"),
                                          ("case_number", "案号"), ("place", "地点"))):
            name = QLabel(label + "：")
            name.setObjectName("infoName")
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            grid.addWidget(name, i, 0, Qt.AlignRight | Qt.AlignTop)
            grid.addWidget(value, i, 1)
            self.info[key] = value
        grid.setColumnStretch(1, 1)

        self.next_frame = QFrame()
        self.next_frame.setObjectName("nextStep")
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_button = QPushButton("开始（Ctrl+Enter）")
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.open_next)
        row = QHBoxLayout(self.next_frame)
        row.addWidget(self.next_label, 1)
        row.addWidget(self.next_button)

        self.table = QTreeWidget()
        self.table.setObjectName("documents")
        self.table.setColumnCount(5)
        self.table.setHeaderLabels(["阶段", "文书", "状态", "最后保存", "说明"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        header = self.table.header()
        for col, width in enumerate((110, 230, 90, 150)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)

        open_button = QPushButton("打开所选文书（Enter）")
        open_button.clicked.connect(lambda: self._activated(self.table.currentItem()))
        another = QPushButton("再起草一份同类文书（Ctrl+Shift+N）")
        another.setToolTip("如对另一名当事人或证人再制作一份询问笔录")
        another.clicked.connect(self.new_of_selected)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_of_selected)
        gen_button = QPushButton("生成全部可生成的文书（Ctrl+Shift+G）")
        gen_button.clicked.connect(self.generate_all.emit)
        bar = QHBoxLayout()
        bar.addWidget(open_button)
        bar.addWidget(another)
        bar.addWidget(gen_button)
        bar.addStretch(1)

        # 重大执法决定: why, the review state, and the forms to fill (shown only for a major decision)
        self.major_frame = QFrame()
        self.major_frame.setObjectName("majorDecision")
        self.major_label = QLabel()
        self.major_label.setWordWrap(True)
        self.major_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.review_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for name in self.REVIEW_KINDS:
            button = QPushButton()
            button.clicked.connect(lambda _=False, n=name: self.open_review(n))
            buttons.addWidget(button)
            self.review_buttons[name] = button
        buttons.addStretch(1)
        major_box = QVBoxLayout(self.major_frame)
        major_box.setContentsMargins(10, 6, 10, 6)
        major_box.addWidget(self.major_label)
        major_box.addLayout(buttons)
        self.major_frame.hide()
        self.assessment = None

        from desktop.deadlines_view import CaseDeadlinesWidget

        docs_title = QLabel("本案文书（按办案程序排列）")
        docs_title.setObjectName("sectionTitle")
        docs = QWidget()
        docs_box = QVBoxLayout(docs)
        docs_box.setContentsMargins(0, 0, 0, 0)
        docs_box.addWidget(docs_title)
        docs_box.addWidget(self.table, 1)
        docs_box.addLayout(bar)
        self.deadlines = CaseDeadlinesWidget()
        self.deadlines.layout().setContentsMargins(0, 0, 0, 0)
        self.deadlines.summary.hide()  # its words join the section title: one line, more rows in view
        deadlines_title = self.deadlines_title = QLabel("本案期限")
        deadlines_title.setObjectName("sectionTitle")
        deadlines_title.setWordWrap(True)
        deadlines = self.deadlines_pane = QWidget()
        deadlines_box = QVBoxLayout(deadlines)
        deadlines_box.setContentsMargins(0, 4, 0, 0)
        deadlines_box.addWidget(deadlines_title)
        deadlines_box.addWidget(self.deadlines, 1)
        self.split = QSplitter(Qt.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(docs)
        self.split.addWidget(deadlines)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([230, 190])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.next_frame)
        layout.addWidget(self.major_frame)
        layout.addSpacing(6)
        layout.addWidget(self.split, 1)

    def show_case(self, store, case: dict) -> None:
        from templates.kinds import all_kinds

        self.case = case
        memory = prefill.memory_of(case)
        party = case.get("party") or {}
        self.title.setText(case["title"])
        self.info["party"].setText(_party_line(party))
        self.info["address"].setText(party.get("address") or "（尚未填写）")
        officers = memory.get("officers") or []
        self.info["officers"].setText("、".join(f"{o.get('name', '')}（{o.get('cert_no', '')}）" for o in officers)
                                      or "（尚未填写）")
        self.info["case_number"].setText(memory.get("case_number") or "（尚未立案编号）")
        self.info["place"].setText(memory.get("place") or "（尚未填写）")

        by_kind: dict[str, list[dict]] = {}
        for doc in store.documents(case["id"]):
            by_kind.setdefault(doc["kind"], []).append(doc)
        self.rows = []
        for kind in procedure_order(all_kinds()):
            for doc in by_kind.get(kind.name) or [None]:
                row = {"kind": kind, "doc": doc, "state": doc["state"] if doc else None, "note": "", "stale": False}
                if doc and doc["state"] == GENERATED:
                    printed = store.printed(doc["id"])
                    if printed:
                        answers = store.version_answers(doc["id"], printed[-1]["version"]) or {}
                        stale = prefill.stale_fields(kind.schema, answers, memory)
                        if stale:
                            row["stale"] = True
                            row["note"] = f"已过时：{'、'.join(stale)}已变更，需重新生成"
                        else:
                            row["note"] = f"{Path(printed[-1]['path']).name}（指纹 {printed[-1]['fingerprint']}）"
                elif doc and doc["state"] == HAS_ERRORS:
                    row["note"] = "有错误，改正后才能生成"
                if doc and not row["note"]:
                    row["note"] = str(doc["answers"].get("number") or "") or _draft_number(kind, doc["answers"])
                self.rows.append(row)
        current = self.table.currentIndex().row()
        self.table.clear()
        for i, row in enumerate(self.rows):
            state = STATE_TITLES.get(row["state"], "草稿")
            if row["stale"]:
                state = "已过时"
            doc = row["doc"]
            item = QTreeWidgetItem([row["kind"].stage, row["kind"].title, state,
                                    (doc["updated"].replace("T", " ")[:16] if doc else ""), row["note"]])
            item.setData(0, ROW_ROLE, i)
            colour = {"有错误": Qt.red, "已过时": Qt.darkYellow, "已生成": Qt.darkGreen, "未开始": Qt.gray}.get(state)
            if colour is not None:
                item.setForeground(2, colour)
            self.table.addTopLevelItem(item)
        if self.rows:
            self.table.setCurrentItem(self.table.topLevelItem(min(max(current, 0), len(self.rows) - 1)))
        self._suggest()
        self.show_major(store, case)
        self.show_deadlines(store, case)

    def show_deadlines(self, store, case: dict) -> None:
        """The case's deadlines from its documents' dates and the events entered for it (wenshu.agenda)."""
        from wenshu.agenda import store_case

        case_id, title, events, completed = store_case(store, case)
        self.deadlines.set_case(case_id, title, events, completed)
        self.deadlines.table.setVisible(bool(self.deadlines.items))  # the summary says what to fill
        self.deadlines_title.setText(f"本案期限　{self.deadlines.summary.text()}")
        # without deadlines the pane is one line and the documents take the room
        self.deadlines_pane.setMaximumHeight(16777215 if self.deadlines.items else
                                             self.deadlines_title.sizeHint().height() + 12)
        sizes = self.split.sizes()
        if self.deadlines.items and sizes[1] < 150:  # back from a case without deadlines: room again
            self.split.setSizes([max(sum(sizes) - 190, 120), 190])

    def show_major(self, store, case: dict) -> None:
        """Say when the case's penalty decision is a major decision, why, and whether the 法制审核 opinion
        lets it be made; offer the review forms and the 集体讨论记录."""
        from desktop.editor import case_context_for
        from validators.major import UnknownRuleSet, assess, review_passed
        from wenshu.settings import load_settings

        decision = next((r["doc"] for r in self.rows if r["kind"].name == "penalty_decision" and r["doc"]), None)
        self.assessment = None
        if decision is not None:
            try:
                self.assessment = assess(decision["answers"], load_settings().get("rule_set") or None)
            except UnknownRuleSet:
                self.assessment = None
        if self.assessment is None or not self.assessment.major:
            self.major_frame.hide()
            return
        review = case_context_for(store, case).get("legal_review")
        passed = review_passed(review) or review_passed(decision["answers"].get("legal_review"))
        conclusion = str((review or {}).get("conclusion") or "").strip() if isinstance(review, dict) else ""
        if passed:
            state = f"法制审核意见结论为“{conclusion or '同意'}”，可以作出决定。"
        elif conclusion:
            state = f"法制审核意见结论为“{conclusion}”，尚不能作出决定。"
        else:
            state = "本案尚无法制审核意见，决定书暂不能生成。"
        self.major_frame.setProperty("level", "ok" if passed else "warning")
        self.major_frame.style().unpolish(self.major_frame)
        self.major_frame.style().polish(self.major_frame)
        self.major_label.setText(
            f"本案处罚决定属于重大执法决定：{'；'.join(self.assessment.reasons)}。须经法制审核"
            f"（行政处罚法 第五十八条），必要时集体讨论（第五十七条）。{state}")
        by_kind = {r["kind"].name: r for r in self.rows}
        for name, button in self.review_buttons.items():
            row = by_kind.get(name)
            if row is None:
                button.hide()
                continue
            done = row["doc"] is not None
            button.setText(f"{row['kind'].title}{'（已填写）' if done else '…'}")
            button.setToolTip(("打开" if done else "填写") + f"《{row['kind'].title}》，自动带入本案已填写的内容")
            button.show()
        self.major_frame.show()

    def open_review(self, kind_name: str) -> None:
        """Open the case's review form of ``kind_name`` (a new one, prefilled from the case, if none)."""
        row = next((r for r in self.rows if r["kind"].name == kind_name), None)
        if row is not None:
            self.open_document.emit(kind_name, row["doc"]["id"] if row["doc"] else None)

    def next_row(self) -> dict | None:
        for row in self.rows:
            if row["state"] != GENERATED or row["stale"]:
                return row
        return None

    def _suggest(self) -> None:
        row = self.next_row()
        if row is None:
            self.next_label.setText("下一步：本案文书均已生成，可以整理归档。")
            self.next_button.setEnabled(False)
            return
        title = row["kind"].title
        verb = {None: f"起草《{title}》", HAS_ERRORS: f"改正《{title}》中的错误"}.get(
            row["state"], f"完成并生成《{title}》")
        if row["stale"]:
            verb = f"案件信息已变更，重新生成《{title}》"
        self.next_label.setText(f"下一步（{row['kind'].stage}）：{verb}")
        self.next_button.setEnabled(True)

    def open_next(self) -> None:
        row = self.next_row()
        if row is not None:
            self.open_document.emit(row["kind"].name, row["doc"]["id"] if row["doc"] else None)

    def new_of_selected(self) -> None:
        item = self.table.currentItem()
        if item is not None:
            self.open_document.emit(self.rows[item.data(0, ROW_ROLE)]["kind"].name, None)

    def _activated(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        if item is None:
            return
        row = self.rows[item.data(0, ROW_ROLE)]
        self.open_document.emit(row["kind"].name, row["doc"]["id"] if row["doc"] else None)


class MainWindow(QMainWindow):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.editor = None
        self.case: dict | None = None
        self._roster_cache: list | None = None
        self.setWindowTitle(APP_TITLE)

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：当事人、案号、日期（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_cases)
        self.case_list = QListWidget()
        self.case_list.setObjectName("cases")
        self.case_list.setWordWrap(True)
        self.case_list.currentItemChanged.connect(self._case_selected)
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
        self.case_view.generate_all.connect(self.generate_all)
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
        act(m, "打开本案文书所在文件夹", "Ctrl+Shift+O", self.open_output_folder)
        act(m, "按指纹查找纸质文书…", "Ctrl+Shift+F", self.find_by_fingerprint)
        m = bar.addMenu("文号(&N)")
        act(m, "文号登记簿…", "Ctrl+Shift+R", self.show_registry)
        act(m, "复核本案文号…", "Ctrl+Shift+K", self.check_case_numbers)
        m = bar.addMenu("期限(&T)")
        act(m, "今日待办期限…", "Ctrl+T", self.show_agenda)
        m = bar.addMenu("设置(&S)")
        act(m, "执法人员名册…", "Ctrl+R", self.edit_roster)
        m = bar.addMenu("帮助(&H)")
        act(m, "快捷键", "F1", self.show_keys)

    def show_keys(self) -> None:
        QMessageBox.information(self, "快捷键", "\n".join([
            "Ctrl+N 新建案件　　Ctrl+F 搜索案件　　Enter 打开所选文书",
            "Ctrl+Shift+N 再起草一份同类文书　　Ctrl+Shift+G 生成全部可生成的文书",
            "Ctrl+Enter 下一步　　Ctrl+PgUp 上一步　　Ctrl+G 生成文书　　Alt+← 返回案件",
            "Tab / Enter 下一栏　　Shift+Tab 上一栏　　Alt+D 填入本案当事人　　Ctrl+Delete 清空日期时间",
            "F2 修改案件名称　　Ctrl+R 执法人员名册　　Ctrl+I 导入案件　　Ctrl+E 导出本案",
            "Ctrl+Shift+O 打开本案文书文件夹　　Ctrl+Shift+F 按指纹查找纸质文书",
            "Ctrl+Shift+R 文号登记簿　　Ctrl+Shift+K 复核本案文号　　Ctrl+T 今日待办期限",
        ]))

    # --- numbers ----------------------------------------------------------------------------------
    def describe_case(self, case_id: str) -> str | None:
        """The registry's case identifier as the user knows it: the case's title."""
        try:
            case = self.store.get_case(int(case_id))
        except (TypeError, ValueError):
            return None
        return case["title"] if case else None

    def describe_document(self, document_id: str) -> str | None:
        """The registry's document identifier as the user knows it: 《行政处罚决定书》."""
        from templates.kinds import UnknownKind, get_kind

        try:
            doc = self.store.get_document(int(document_id))
        except (TypeError, ValueError):
            return None
        if doc is None:
            return None
        try:
            return f"《{get_kind(doc['kind']).title}》"
        except UnknownKind:
            return doc["kind"]

    def show_registry(self) -> None:
        """文号登记簿: every number with its case and document; voiding and importing live in it."""
        import getpass

        from desktop.registry_view import RegistryDialog

        self.flush()
        self.registry_dialog = RegistryDialog(self, describe_case=self.describe_case,
                                              describe_document=self.describe_document, who=getpass.getuser())
        self.registry_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.registry_dialog.show()

    def check_case_numbers(self) -> None:
        """复核本案文号: every number of the open case checked at once; double-click opens the document."""
        from desktop.registry_view import show_case_numbers
        from wenshu.settings import load_settings

        if self.case is None:
            QMessageBox.information(self, "复核本案文号", "请先在左侧选择案件。")
            return
        self.flush()
        dialog = show_case_numbers(self, self.store.documents(self.case["id"]), case_id=self.case["id"],
                                   case_title=self.case["title"], settings=load_settings())
        dialog.document_activated.connect(self._open_audited_document)
        self.numbers_dialog = dialog

    def _open_audited_document(self, doc_id) -> None:
        doc = self.store.get_document(int(doc_id)) if doc_id is not None else None
        if doc is None:
            return
        if self.case is None or doc["case_id"] != self.case["id"]:
            self.refresh_cases(select=doc["case_id"])
        self.open_document(doc["kind"], doc["id"])

    # --- deadlines --------------------------------------------------------------------------------
    def agenda_items(self) -> list:
        from wenshu.agenda import upcoming_from_store

        return upcoming_from_store(self.store)

    def show_agenda(self, items: list | None = None) -> None:
        """今日待办期限 across every case; choosing a row opens its case."""
        from desktop.deadlines_view import AgendaDialog

        self.flush()
        items = self.agenda_items() if items is None or isinstance(items, bool) else items
        self.agenda_dialog = AgendaDialog(items, parent=self)
        self.agenda_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.agenda_dialog.caseRequested.connect(self.open_case)
        self.agenda_dialog.show()

    def agenda_at_start(self) -> None:
        """After the window shows: the agenda when something is overdue or due soon, else nothing."""
        from wenshu.agenda import DUE_SOON, OVERDUE

        items = self.agenda_items()
        if any(i.status in (OVERDUE, DUE_SOON) for i in items):
            self.show_agenda(items)

    def open_case(self, case_id) -> None:
        """Show a case from elsewhere (the agenda): clear the search so its row is there, select it."""
        self.close_editor()
        if self.search.text():
            self.search.clear()
        self.refresh_cases(select=int(case_id))

    # --- cases ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def refresh_cases(self, *_args, select: int | None = None) -> None:
        keep = select if select is not None else (self.case["id"] if self.case else None)
        self.case_list.blockSignals(True)
        self.case_list.clear()
        chosen = None
        for case in self.store.list_cases(self.search.text()):
            party = (case.get("party") or {}).get("name") or "当事人未填"
            item = QListWidgetItem(f"{case['title']}\n{party} · {case['created'][:10]}")
            item.setData(ROW_ROLE, case["id"])
            item.setToolTip(case["title"])
            self.case_list.addItem(item)
            if case["id"] == keep:
                chosen = item
        self.case_list.blockSignals(False)
        if chosen is not None:
            self.case_list.setCurrentItem(chosen)
            if select is not None or self.case is None:
                self._case_selected(chosen)
        elif self.case_list.count() and self.case is None:
            self.case_list.setCurrentRow(0)

    def _case_selected(self, item: QListWidgetItem | None, _prev=None) -> None:
        if item is None:
            return
        self.show_case(item.data(ROW_ROLE))

    def show_case(self, case_id: int) -> None:
        self.close_editor()
        self.case = self.store.get_case(case_id)
        if self.case is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.case_view.show_case(self.store, self.case)
        self.stack.setCurrentWidget(self.case_view)
        self.setWindowTitle(f"{self.case['title']} — {APP_TITLE}")

    def new_case(self) -> None:
        from desktop.dialogs import NewCaseDialog

        self.new_case_dialog = NewCaseDialog(self)
        self.new_case_dialog.accepted.connect(self._create_case)
        self.new_case_dialog.open()

    def _create_case(self) -> None:
        title, party, facts = self.new_case_dialog.values()
        self.new_case_dialog.deleteLater()
        self.activateWindow()
        case_id = self.store.create_case(title, party, facts)
        self.search.clear()
        self.refresh_cases(select=case_id)
        self.case_view.table.setFocus()

    def rename_case(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        if self.case is None:
            return
        text, ok = QInputDialog.getText(self, "修改案件名称", "案件名称：", QLineEdit.Normal, self.case["title"])
        if ok and text.strip() and text.strip() != self.case["title"]:
            self.store.update_case(self.case["id"], title=text.strip())
            self.case["title"] = text.strip()
            self.refresh_cases()
            if self.editor is None:
                self.case_view.show_case(self.store, self.case)

    def import_case(self) -> None:
        from wenshu.case_io import CaseFileError, import_case

        path, _ = QFileDialog.getOpenFileName(self, "导入案件", "", "案件文件 (*.json)")
        if not path:
            return
        try:
            case_id = import_case(self.store, path)
        except CaseFileError as exc:
            QMessageBox.warning(self, "导入案件", str(exc))
            return
        self.refresh_cases(select=case_id)
        self.statusBar().showMessage("案件已导入。", 5000)

    def export_case(self) -> None:
        from desktop.worker import safe_name
        from templates.render import RenderError
        from wenshu.case_io import CaseFileError, export_case

        if self.case is None:
            return
        self.flush()
        path, _ = QFileDialog.getSaveFileName(self, "导出本案", safe_name(self.case["title"]) + ".json",
                                              "案件文件 (*.json)")
        if not path:
            return
        try:
            export_case(self.store, self.case["id"], path)
        except (CaseFileError, RenderError) as exc:
            QMessageBox.warning(self, "导出本案", str(exc))
            return
        self.statusBar().showMessage(f"已导出到 {path}", 8000)

    def edit_roster(self) -> None:
        from desktop.dialogs import RosterDialog

        dialog = RosterDialog(self.store, self)
        if dialog.exec():
            self._roster_cache = None
            self.statusBar().showMessage("执法人员名册已保存。", 5000)

    def open_output_folder(self) -> None:
        from desktop import worker
        from desktop.editor import _open_with_system

        if self.case is None:
            return
        folder = worker.output_folder(self.case)
        if not folder.exists():
            QMessageBox.information(self, "执法文书助手", "本案还没有生成过文书。")
            return
        message = _open_with_system("open", folder)
        if message:
            QMessageBox.warning(self, "执法文书助手", message)

    def find_by_fingerprint(self) -> None:
        """纠错: the fingerprint printed on a paper copy leads to the saved version it came from."""
        from PySide6.QtWidgets import QInputDialog

        from templates.kinds import UnknownKind, get_kind

        text, ok = QInputDialog.getText(self, "按指纹查找", "请输入纸质文书上印的指纹（16位字母数字）：")
        if not ok or not text.strip():
            return
        found = self.store.find_fingerprint(text)
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
        self.open_document(hit["kind"], hit["document_id"])
        current = self.store.get_document(hit["document_id"]) or {}
        note = "与当前内容一致" if current.get("version") == hit["version"] else \
            f"当前已是第 {current.get('version')} 版，纸质文书为第 {hit['version']} 版（之后有修改）"
        self.statusBar().showMessage(f"找到：《{title}》第 {hit['version']} 版，生成于 {hit['printed'][:16]}；{note}。",
                                     15000)
        self.last_fingerprint_hit = hit

    def roster(self) -> list:
        from wenshu.roster import officers

        if self._roster_cache is None:
            self._roster_cache = officers(self.store)
        return self._roster_cache

    # --- documents ------------------------------------------------------------------------------
    def open_document(self, kind_name: str, doc_id: int | None) -> None:
        from desktop.editor import DocumentEditor
        from templates.kinds import get_kind
        from wenshu.settings import load_settings

        if self.case is None:
            return
        from desktop.editor import case_context_for

        kind = get_kind(kind_name)
        if doc_id is None:
            agency = (load_settings().get("agency") or {}).get("name", "")
            defaults = {"agency": agency}
            answers = prefill.prefill(kind.schema, prefill.memory_of(self.case), defaults)
            context = case_context_for(self.store, self.case)
            context.setdefault("agency", agency)
            answers = prefill.fill_blanks(answers, prefill.from_case(kind.schema, context))
            doc_id = self.store.add_document(self.case["id"], kind.name, answers)
            doc = self.store.get_document(doc_id)
        else:
            doc = self.store.get_document(doc_id)
            if doc is None:
                return
            # facts the case records (the 法制审核意见 a decision cites) are brought in as they stand now;
            # they are saved with the next edit or when the document is generated
            facts = prefill.from_case(kind.schema, case_context_for(self.store, self.case), live_only=True)
            doc = dict(doc, answers={**doc["answers"], **facts})
        self.close_editor()
        self.editor = DocumentEditor(self.store, self.case, doc, kind, self.roster())
        self.editor.back.connect(self.back_to_case)
        self.editor.saved.connect(self._document_saved)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self.left.hide()  # the form needs the width; Alt+← brings the case list back
        self.editor.form.focus_first()
        self.setWindowTitle(f"{kind.title} — {self.case['title']} — {APP_TITLE}")

    def _document_saved(self, _doc_id: int) -> None:
        self.statusBar().showMessage("已自动保存。", 2000)

    def back_to_case(self) -> None:
        if self.case is not None:
            self.show_case(self.case["id"])
            self.refresh_cases()
            self.case_view.table.setFocus()

    def close_editor(self) -> None:
        if self.editor is not None:
            self.editor.flush()
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
        self.flush()
        super().closeEvent(event)

    # --- generating many ------------------------------------------------------------------------
    def generate_all(self) -> None:
        """Write every document of the case that has no errors, in a worker, with progress."""
        from desktop import worker
        from templates.kinds import get_kind
        from validators.engine import validate
        from wenshu.settings import load_context

        if self.case is None:
            return
        if self.editor is not None:
            self.back_to_case()  # the documents are written as saved; the case view shows the result
        jobs, skipped = [], []
        from desktop.editor import case_context_for

        case_facts = case_context_for(self.store, self.case)
        folder = worker.output_folder(self.case)
        for doc in self.store.documents(self.case["id"]):
            kind = get_kind(doc["kind"])
            ctx = load_context(kind.name)
            ctx.case = case_facts
            facts = prefill.from_case(kind.schema, case_facts, live_only=True)
            doc = dict(doc, answers={**doc["answers"], **facts})  # as the editor shows it
            findings = validate(kind.schema, doc["answers"], ctx)
            field = worker.number_to_issue(kind, doc["answers"], ctx.settings)
            if field:  # a blank 文号 is issued on writing, as in the editor
                findings = [f for f in findings if f["path"] != "/" + field]
            if any(f["severity"] == "error" for f in findings):
                skipped.append(kind.title)
                continue
            out = worker.output_path(folder, kind.title, doc["answers"])
            jobs.append(worker.GenerateJob(doc["id"], doc["version"], kind.name, kind.title, doc["answers"], out,
                                           case_facts, self.case["id"]))
        if not jobs:
            QMessageBox.information(self, "生成文书", "本案没有可以生成的文书（有错误的文书需先改正）。")
            return
        self.generate_skipped = skipped
        self.task = worker.GenerateTask(jobs)
        self.task.signals.progress.connect(self._progress)
        self.task.signals.finished.connect(self._generated_all)
        self.progress.setRange(0, len(jobs))
        self.progress.setValue(0)
        self.progress.show()
        worker.start(self.task)

    def _progress(self, done: int, total: int, title: str) -> None:
        self.progress.setValue(done)
        if title:
            self.statusBar().showMessage(f"正在生成《{title}》（{done + 1}/{total}）…")

    def _generated_all(self, results: list) -> None:
        self.progress.hide()
        ok = [r for r in results if not r["error"]]
        from desktop.editor import record_generated

        for r in ok:
            record_generated(self.store, r)
        lines = [f"已生成 {len(ok)} 份文书。"] + [r["error"] for r in results if r["error"]]
        if getattr(self, "generate_skipped", None):
            lines.append("有错误未生成：" + "、".join(self.generate_skipped))
        self.statusBar().showMessage(lines[0], 8000)
        if self.case is not None and self.editor is None:
            self.case_view.show_case(self.store, self.case)
        self.last_results = results
        if ok:
            from desktop.editor import _open_with_system

            box = QMessageBox(QMessageBox.Information, "生成文书", "\n".join(lines), QMessageBox.Close, self)
            box.button(QMessageBox.Close).setText("关闭")
            folder = box.addButton("打开所在文件夹", QMessageBox.ActionRole)
            box.open()
            box.buttonClicked.connect(lambda b: _open_with_system("folder", Path(ok[0]["path"]))
                                      if b is folder else None)
            self.result_box = box
