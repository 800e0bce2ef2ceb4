"""企业库 (the party directory, issue 15): the list, import from .xlsx/.csv, editing one entry, and the offer of
a changed entry to the open cases that use it — nothing in a case changes without the user's yes.

Everything decided here comes from the core (``wenshu.parties``): the checks, the de-duplication, which cases
an entry's change concerns and what would change in each. The dialogs only show it and pass the answer on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs import chinese_buttons

COLUMNS = [("name", "名称（姓名）"), ("type", "类别"), ("key", "统一社会信用代码 / 身份证号"), ("legal_rep", "法定代表人"),
           ("address", "地址"), ("phone", "联系电话")]


class PartyEditDialog(QDialog):
    """One entry: 类别, 名称, code, 法定代表人, 职务, 性别, 地址, 电话. ``party()`` is what the user typed."""

    def __init__(self, entry: dict | None = None, parent: QWidget | None = None):
        from wenshu.parties import FIELDS

        super().__init__(parent)
        self.setWindowTitle("企业库：当事人信息")
        self.setMinimumWidth(520)
        entry = entry or {}
        self.type_box = QComboBox()
        self.type_box.addItem("单位", "organization")
        self.type_box.addItem("个人", "person")
        self.type_box.setCurrentIndex(1 if entry.get("type") == "person" else 0)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow("类别：", self.type_box)
        for key, title in FIELDS.items():
            if key == "type":
                continue
            edit = QLineEdit(str(entry.get(key) or ""))
            self.edits[key] = edit
            form.addRow(f"{title}：", edit)
        if entry.get("key"):  # the code is what the entry is known by: changing it makes another entry
            for key in ("uscc", "id_no"):
                self.edits[key].setReadOnly(True)
        self.type_box.currentIndexChanged.connect(self._show_fields)
        self._form = form
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        buttons = chinese_buttons(self, QDialogButtonBox.Save, QDialogButtonBox.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._show_fields()

    def _show_fields(self) -> None:
        from wenshu.parties import ORG_ONLY, PERSON_ONLY

        person = self.type_box.currentData() == "person"
        for key, edit in self.edits.items():
            hidden = (key in ORG_ONLY and person) or (key in PERSON_ONLY and not person)
            edit.setVisible(not hidden)
            self._form.labelForField(edit).setVisible(not hidden)

    def party(self) -> dict:
        out = {"type": self.type_box.currentData()}
        for key, edit in self.edits.items():
            if not edit.isHidden():
                out[key] = edit.text().strip()
        return out


class OfferDialog(QDialog):
    """The open cases whose party differs from the changed entry, each with what would change; the user ticks
    the cases to bring up to date. ``chosen()`` are the ticked case ids."""

    def __init__(self, offers: list[dict], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("更新案件中的当事人信息")
        self.resize(720, 380)
        note = QLabel("企业库中的信息已修改。以下未归档的案件使用该当事人，其中的信息与企业库不一致。\n"
                      "勾选要更新的案件（已生成的文书将标为“已过时”，可重新生成）；未勾选的案件不作改动。")
        note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["案件 / 项目", "案件中现为", "企业库中为"])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 180)
        for offer in offers:
            top = QTreeWidgetItem([offer["title"], "", ""])
            top.setData(0, Qt.UserRole, offer["case_id"])
            top.setFlags(top.flags() | Qt.ItemIsUserCheckable)
            top.setCheckState(0, Qt.Unchecked)
            for change in offer["changes"]:
                top.addChild(QTreeWidgetItem([change["title"], change["old"] or "（空）", change["new"] or "（空）"]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("更新所选案件")
        buttons.button(QDialogButtonBox.Cancel).setText("不更新")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.checkState(0) == Qt.Checked:
                out.append(item.data(0, Qt.UserRole))
        return out


def offer_changes(parent: QWidget, service, directory, offers: list[dict]) -> list[str]:
    """Show the offer; apply the entry to the cases the user ticked (through the core). The updated case ids."""
    from wenshu.parties import PartyError, apply_to_case

    if not offers:
        return []
    dialog = OfferDialog(offers, parent)
    if not dialog.exec():
        return []
    done = []
    keys = {o["case_id"]: o["key"] for o in offers}
    for case_id in dialog.chosen():
        try:
            apply_to_case(service, case_id, directory, keys[case_id])
            done.append(case_id)
        except PartyError as exc:
            QMessageBox.warning(parent, "更新案件", str(exc))
    return done


class PartyDirectoryDialog(QDialog):
    """企业库: search, import, add and edit entries. ``changed_cases`` lists the cases updated on the way."""

    def __init__(self, service, parent: QWidget | None = None):
        from wenshu.parties import directory_of

        super().__init__(parent)
        self.service = service
        self.directory = directory_of(service)
        self.changed_cases: list[str] = []
        self.setWindowTitle("企业库")
        self.resize(900, 480)
        self.search = QLineEdit()
        self.search.setPlaceholderText("按名称、代码、地址、电话搜索")
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([t for _k, t in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((220, 50, 190, 90, 200)):
            self.table.setColumnWidth(i, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        add = QPushButton("添加…")
        add.clicked.connect(lambda: self.edit(None))
        edit = QPushButton("修改所选…")
        edit.clicked.connect(self.edit_selected)
        imp = QPushButton("导入（.xlsx / .csv）…")
        imp.clicked.connect(self.import_file)
        self.count = QLabel("")
        self.count.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(edit)
        bar.addWidget(imp)
        bar.addStretch(1)
        bar.addWidget(self.count)
        note = QLabel("单位按统一社会信用代码、个人按居民身份证号区分，同一代码只有一条。导入的表格有错行时逐行说明，不导入任何一行。")
        note.setObjectName("hint")
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        layout.addWidget(note)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        from wenshu.parties import TYPE_TITLES

        self.entries = self.directory.list(self.search.text())
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            for c, (key, _title) in enumerate(COLUMNS):
                text = TYPE_TITLES.get(entry.get(key), "") if key == "type" else str(entry.get(key) or "")
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.count.setText(f"共 {len(self.entries)} 条")

    def edit_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.entries):
            self.edit(self.entries[row])

    def edit(self, entry: dict | None) -> None:
        from wenshu.parties import PartyError

        dialog = PartyEditDialog(entry, self)
        while dialog.exec():
            try:
                result = self.directory.put(dialog.party())
            except PartyError as exc:
                dialog.message.setText(str(exc))
                continue
            self.refresh()
            self.changed_cases += offer_changes(self, self.service, self.directory, result["offers"])
            return

    def import_file(self) -> None:
        from wenshu.parties import PartyError

        path, _ = QFileDialog.getOpenFileName(self, "导入企业库", "", "表格 (*.xlsx *.csv)")
        if not path:
            return
        try:
            result = self.directory.import_file(path)
        except PartyError as exc:
            QMessageBox.warning(self, "导入企业库", str(exc))
            return
        self.refresh()
        QMessageBox.information(self, "导入企业库", f"已导入：新增 {result['added']} 条，更新 {result['updated']} 条，"
                                                    f"未变 {result['unchanged']} 条。")
        self.changed_cases += offer_changes(self, self.service, self.directory, result["offers"])
