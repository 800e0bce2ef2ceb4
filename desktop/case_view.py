"""A case at a glance: what ``CaseService.show(case_id)`` returns, drawn — party, officers, the documents in
procedure order with their states, the next step, the major-decision verdict and the deadlines.

Nothing is decided here: states, the next step, the verdict and the deadlines are the service's. The view
only sends what the user did (open, add, 作废, generate all) as signals carrying ids and kind names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from templates.kinds import UnknownKind, get_kind
from wenshu.service import case_kinds
from wenshu.store import GENERATED, HAS_ERRORS, STALE, STATE_TITLES, WITHDRAWN

ROW_ROLE = Qt.UserRole + 1
NOT_STARTED = STATE_TITLES[None]  # 未开始
STATE_COLOURS = {HAS_ERRORS: Qt.red, STALE: Qt.darkYellow, GENERATED: Qt.darkGreen, None: Qt.gray,
                 WITHDRAWN: Qt.gray}


def party_line(party: dict) -> str:
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


def _note(kind, doc: dict | None, settings: dict | None) -> str:
    """The row's 说明 column, from what the service reports of the document."""
    from desktop.form_fields import draft_number_text

    if doc is None:
        return ""
    state = doc["state"]
    if state == WITHDRAWN:
        return f"已作废：{doc.get('withdrawn_reason') or '未注明原因'}"
    if state == STALE:
        changed = "、".join(doc.get("stale_fields") or []) or "案件信息"
        return f"已过时：{changed}已变更，需重新生成"
    if state == GENERATED and doc.get("printed"):
        printed = doc["printed"]
        return f"{Path(printed['path']).name}（指纹 {printed['fingerprint']}）"
    if state == HAS_ERRORS:
        return "有错误，改正后才能生成"
    if doc.get("number"):
        return doc["number"]
    if "number" in (kind.schema.get("properties") or {}):
        draft = draft_number_text(kind.name, settings)
        return f"{draft}（生成时取号）" if draft else ""
    return ""


class CaseView(QWidget):
    """The open case; ``show_case(service.show(case_id))`` draws it."""

    open_document = Signal(str)  # document id
    add_document = Signal(str)  # kind name: a new document of that kind
    withdraw_document = Signal(str)  # document id
    generate_all = Signal()
    preview_selected = Signal(str)  # document id: its pages
    preview_all = Signal()  # every generated document of the case: pages, print several or all
    archive = Signal()  # 归档
    notice = Signal(str)  # a line for the status bar

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
        self.next_why = QLabel()
        self.next_why.setObjectName("hint")
        self.next_why.setWordWrap(True)
        self.next_button = QPushButton("开始（Ctrl+Enter）")
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.open_next)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.next_label)
        words.addWidget(self.next_why)
        row = QHBoxLayout(self.next_frame)
        row.addLayout(words, 1)
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
        # Enter and a double-click both activate (Qt emits itemActivated for each): one action, one signal
        self.table.itemActivated.connect(self._activated)

        open_button = QPushButton("打开所选文书（Enter）")
        open_button.clicked.connect(lambda: self._activated(self.table.currentItem()))
        another = QPushButton("再起草一份同类文书（Ctrl+Shift+N）")
        another.setToolTip("如对另一名当事人或证人再制作一份询问笔录")
        another.clicked.connect(self.new_of_selected)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_of_selected)
        self.withdraw_button = QPushButton("作废所选文书…")
        self.withdraw_button.setToolTip("作废后文书不再计入办案程序，但保留全部版本和已生成的文件；已取得的文号一并作废")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        gen_button = QPushButton("生成全部可生成的文书（Ctrl+Shift+G）")
        gen_button.clicked.connect(self.generate_all.emit)
        self.preview_button = QPushButton("预览所选文书")
        self.preview_button.setToolTip("把已生成的文书显示为页面，可缩放、翻页和打印")
        self.preview_button.clicked.connect(self._preview_selected)
        print_all = QPushButton("预览与打印全部文书…")
        print_all.setToolTip("本案全部已生成的文书：预览，勾选后一次打印一份、几份或全部")
        print_all.clicked.connect(self.preview_all.emit)
        archive_button = QPushButton("归档…")
        archive_button.setToolTip("生成案卷首页、卷内目录（按实际页数编页号）、整卷 PDF、全部文书和清单")
        archive_button.clicked.connect(self.archive.emit)
        bar = QHBoxLayout()
        bar.addWidget(open_button)
        bar.addWidget(another)
        bar.addWidget(self.withdraw_button)
        bar.addWidget(gen_button)
        bar.addStretch(1)
        bar2 = QHBoxLayout()
        bar2.addWidget(self.preview_button)
        bar2.addWidget(print_all)
        bar2.addWidget(archive_button)
        bar2.addStretch(1)
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())

        # 重大执法决定: why, the review state, and the forms to fill (shown only for a major decision)
        self.major_frame = QFrame()
        self.major_frame.setObjectName("majorDecision")
        self.major_label = QLabel()
        self.major_label.setWordWrap(True)
        self.major_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.review_buttons: dict[str, QPushButton] = {}
        self.review_bar = QHBoxLayout()
        self.review_bar.setSpacing(6)
        self.review_bar.addStretch(1)
        major_box = QVBoxLayout(self.major_frame)
        major_box.setContentsMargins(10, 6, 10, 6)
        major_box.addWidget(self.major_label)
        major_box.addLayout(self.review_bar)
        self.major_frame.hide()

        from desktop.deadlines_view import CaseDeadlinesWidget

        self.docs_title = QLabel("本案文书（按办案程序排列）")
        self.docs_title.setObjectName("sectionTitle")
        docs = QWidget()
        docs_box = QVBoxLayout(docs)
        docs_box.setContentsMargins(0, 0, 0, 0)
        docs_box.addWidget(self.docs_title)
        docs_box.addWidget(self.table, 1)
        docs_box.addLayout(bar)
        docs_box.addLayout(bar2)
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
        # on a small screen (1920×1080 at 150 %, the 作出重大决定 frame shown) the deadlines may shrink to their
        # title and a row; the table scrolls and the splitter gives them room again
        deadlines.setMinimumHeight(56)
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

    # --- drawing --------------------------------------------------------------------------------
    def show_case(self, shown: dict, today: date | None = None, settings: dict | None = None) -> None:
        """Draw ``shown`` (``CaseService.show``); ``today`` is the service's, ``settings`` give the
        draft's number as displayed."""
        self.case = shown
        memory = shown.get("memory") or {}
        party = shown.get("party") or {}
        self.title.setText(shown["title"])
        self.info["party"].setText(party_line(party))
        self.info["address"].setText(party.get("address") or "（尚未填写）")
        officers = memory.get("officers") or []
        self.info["officers"].setText("、".join(f"{o.get('name', '')}（{o.get('cert_no', '')}）" for o in officers)
                                      or "（尚未填写）")
        self.info["case_number"].setText(memory.get("case_number") or "（尚未立案编号）")
        self.info["place"].setText(memory.get("place") or "（尚未填写）")

        by_kind: dict[str, list[dict]] = {}
        for doc in shown["documents"]:
            by_kind.setdefault(doc["kind"], []).append(doc)
        self.rows = []
        for kind in case_kinds():
            docs = by_kind.get(kind.name) or []
            live = [d for d in docs if d["state"] != WITHDRAWN]
            for doc in live or [None]:  # a kind with no live document: a 未开始 row to start it from
                self.rows.append({"kind": kind, "doc": doc, "state": doc["state"] if doc else None,
                                  "note": _note(kind, doc, settings)})
            for doc in docs:
                if doc["state"] == WITHDRAWN:  # kept, greyed: 作废 never deletes
                    self.rows.append({"kind": kind, "doc": doc, "state": WITHDRAWN, "note": _note(kind, doc, settings)})
        withdrawn = sum(1 for r in self.rows if r["state"] == WITHDRAWN)
        self.docs_title.setText("本案文书（按办案程序排列）" + (f"　已作废 {withdrawn} 份（灰色显示，不计入程序）"
                                                                if withdrawn else ""))
        current = self.table.currentIndex().row()
        self.table.clear()
        for i, row in enumerate(self.rows):
            doc = row["doc"]
            state = doc["state_title"] if doc else NOT_STARTED
            item = QTreeWidgetItem([row["kind"].stage, row["kind"].title, state,
                                    (doc["updated"].replace("T", " ")[:16] if doc else ""), row["note"]])
            item.setData(0, ROW_ROLE, i)
            colour = STATE_COLOURS.get(row["state"])
            if colour is not None:
                item.setForeground(2, colour)
            if row["state"] == WITHDRAWN:
                for col in range(self.table.columnCount()):
                    item.setForeground(col, Qt.gray)
                item.setToolTip(1, row["note"])
            self.table.addTopLevelItem(item)
        if self.rows:
            self.table.setCurrentItem(self.table.topLevelItem(min(max(current, 0), len(self.rows) - 1)))
        self._suggest(shown["next"])
        self.show_major(shown["major"])
        self.show_deadlines(shown["deadlines"], today)
        self._update_buttons()

    def show_deadlines(self, deadlines: list[dict], today: date | None = None) -> None:
        """The case's deadlines as the service worked them out."""
        self.deadlines.show_deadlines(deadlines, today)
        self.deadlines.table.setVisible(bool(self.deadlines.items))  # the summary says what to fill
        self.deadlines_title.setText(f"本案期限　{self.deadlines.summary.text()}")
        # without deadlines the pane is one line and the documents take the room
        self.deadlines_pane.setMaximumHeight(16777215 if self.deadlines.items else
                                             self.deadlines_title.sizeHint().height() + 12)
        sizes = self.split.sizes()
        if self.deadlines.items and sizes[1] < 150:  # back from a case without deadlines: room again
            self.split.setSizes([max(sum(sizes) - 190, 120), 190])

    def show_major(self, major: dict) -> None:
        """Say when the case's penalty is a major decision, why, and whether the 法制审核 opinion lets it be
        made (the service's verdict); offer the forms it needs."""
        while self.review_bar.count() > 1:  # the buttons of the case shown before (the stretch stays)
            widget = self.review_bar.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.review_buttons = {}
        if not major.get("major"):
            self.major_frame.hide()
            return
        passed = bool(major.get("may_decide"))
        state = "法制审核已通过，可以作出决定。" if passed else f"{major.get('review_state')}，尚不能作出决定。"
        self.major_frame.setProperty("level", "ok" if passed else "warning")
        self.major_frame.style().unpolish(self.major_frame)
        self.major_frame.style().polish(self.major_frame)
        self.major_label.setText(
            f"本案处罚属于重大执法决定：{'；'.join(major.get('reasons') or [])}。须经法制审核"
            f"（行政处罚法 第五十八条），必要时集体讨论（第五十七条）。{state}")
        for name in major.get("forms") or []:
            try:
                kind = get_kind(name)
            except UnknownKind:
                continue
            done = self._live(name) is not None
            button = QPushButton(f"{kind.title}{'（已填写）' if done else '…'}")
            button.setToolTip(("打开" if done else "填写") + f"《{kind.title}》，自动带入本案已填写的内容")
            button.clicked.connect(lambda _=False, n=name: self.open_review(n))
            self.review_bar.insertWidget(self.review_bar.count() - 1, button)
            button.show()
            self.review_buttons[name] = button
        self.major_frame.show()

    def _live(self, kind_name: str) -> dict | None:
        """The first document of ``kind_name`` that is not withdrawn, as the service listed it."""
        return next((d for d in (self.case or {}).get("documents", [])
                     if d["kind"] == kind_name and d["state"] != WITHDRAWN), None)

    def _suggest(self, steps: list[dict]) -> None:
        if not steps:
            self.next_label.setText("下一步：本案必需的文书均已生成，可以整理归档。")
            self.next_why.setText("")
            self.next_why.hide()
            self.next_button.setEnabled(False)
            return
        step = steps[0]
        title = step["title"]
        doc = next((d for d in self.case["documents"] if d["document_id"] == step.get("document_id")), None)
        verb = {None: f"起草《{title}》", HAS_ERRORS: f"改正《{title}》中的错误",
                STALE: f"案件信息已变更，重新生成《{title}》"}.get(doc["state"] if doc else None,
                                                                  f"完成并生成《{title}》")
        try:
            stage = get_kind(step["kind"]).stage
        except UnknownKind:
            stage = ""
        self.next_label.setText(f"下一步（{stage}）：{verb}" if stage else f"下一步：{verb}")
        self.next_why.setText(step.get("why") or "")
        self.next_why.setVisible(bool(step.get("why")))
        self.next_button.setEnabled(True)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.withdraw_button.setEnabled(row is not None and row["doc"] is not None and row["state"] != WITHDRAWN)

    # --- what the user did ----------------------------------------------------------------------
    def current_row(self) -> dict | None:
        item = self.table.currentItem()
        return self.rows[item.data(0, ROW_ROLE)] if item is not None else None

    def next_step(self) -> dict | None:
        steps = (self.case or {}).get("next") or []
        return steps[0] if steps else None

    def open_next(self) -> None:
        step = self.next_step()
        if step is None:
            return
        if step.get("document_id"):
            self.open_document.emit(step["document_id"])
        else:
            self.add_document.emit(step["kind"])

    def open_review(self, kind_name: str) -> None:
        """The case's review form of ``kind_name`` (a new one, prefilled from the case, if none)."""
        doc = self._live(kind_name)
        if doc is not None:
            self.open_document.emit(doc["document_id"])
        else:
            self.add_document.emit(kind_name)

    def new_of_selected(self) -> None:
        row = self.current_row()
        if row is not None:
            self.add_document.emit(row["kind"].name)

    def withdraw_selected(self) -> None:
        if not self.isVisible():  # the menu's shortcut while a document is open: not this page's row
            return
        row = self.current_row()
        if row is not None and row["doc"] is not None and row["state"] != WITHDRAWN:
            self.withdraw_document.emit(row["doc"]["document_id"])

    def _preview_selected(self) -> None:
        row = self.current_row()
        if row is None or row["doc"] is None:
            self.notice.emit("请先选择一份已生成的文书。")
            return
        self.preview_selected.emit(row["doc"]["document_id"])

    def _activated(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        if item is None or not self.isVisible():  # a second activation after the editor took the place
            return
        row = self.rows[item.data(0, ROW_ROLE)]
        doc = row["doc"]
        if doc is None:
            self.add_document.emit(row["kind"].name)
        elif row["state"] == WITHDRAWN:
            self.notice.emit(f"《{row['kind'].title}》已作废（{doc.get('withdrawn_reason') or '未注明原因'}），"
                             "不能再修改；如需继续，请再起草一份同类文书。")
        else:
            self.open_document.emit(doc["document_id"])
