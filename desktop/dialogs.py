"""Small dialogs: a new case, the officer roster. What they gather goes to the case service, which
says whether it can be used (its Chinese message is shown in the dialog, which stays open)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: The Chinese words of the standard buttons (Qt's own are English on a machine without its translations).
BUTTON_TEXTS = {QDialogButtonBox.Ok: "确定", QDialogButtonBox.Save: "保存", QDialogButtonBox.Cancel: "取消",
                QDialogButtonBox.Close: "关闭"}


def chinese_buttons(dialog: QDialog, *buttons, **texts: str) -> QDialogButtonBox:
    """A button box of ``buttons`` labelled in Chinese (``texts`` by button name, e.g. ``Ok="创建"``), its
    accept/reject connected to ``dialog``."""
    box = QDialogButtonBox()
    for button in buttons:
        b = box.addButton(button)
        b.setText(texts.get(QDialogButtonBox.StandardButton(button).name, BUTTON_TEXTS.get(button, b.text())))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewCaseDialog(QDialog):
    """案件名称 and the party: the least a case needs; everything else is typed in its documents.

    ``create(data)`` (``CaseService.new_case``) makes the case and returns its id; a ``ValueError`` or the
    service's error keeps the dialog open with its message. ``case_id`` is the new case's id."""

    def __init__(self, parent: QWidget | None = None, create: Callable[[dict], str] | None = None,
                 parties: list[dict] | None = None):
        super().__init__(parent)
        self.create = create
        self.parties = parties or []  # issue 15: the party directory's entries, to pick from
        self.picked: dict | None = None
        self.case_id: str | None = None
        self.setWindowTitle("新建案件")
        self.setMinimumWidth(480)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如：某煤业有限公司未按规定佩戴自救器案")
        self.party_type = QComboBox()
        self.party_type.addItem("单位", "organization")
        self.party_type.addItem("个人", "person")
        self.party_name = QLineEdit()
        self.party_name.setPlaceholderText("单位名称或个人姓名")
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("立案后填写，如（晋忻神）应急立〔2026〕8号")
        form = QFormLayout()
        if self.parties:  # issue 15: pick the party from the directory (企业库)
            self.party_pick = QComboBox()
            self.party_pick.setEditable(True)
            self.party_pick.setInsertPolicy(QComboBox.NoInsert)
            self.party_pick.addItem("（不从企业库选取，手工填写）", None)
            for entry in self.parties:
                self.party_pick.addItem(f"{entry.get('name', '')}　{entry.get('key', '')}", entry)
            self.party_pick.completer().setFilterMode(Qt.MatchContains)
            self.party_pick.completer().setCompletionMode(self.party_pick.completer().CompletionMode.PopupCompletion)
            self.party_pick.setCurrentIndex(0)
            self.party_pick.currentIndexChanged.connect(self._pick)
            form.addRow("企业库：", self.party_pick)
        form.addRow("案件名称：", self.title_edit)
        form.addRow("当事人类别：", self.party_type)
        form.addRow("当事人：", self.party_name)
        form.addRow("案号：", self.number_edit)
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        buttons = chinese_buttons(self, QDialogButtonBox.Ok, QDialogButtonBox.Cancel, Ok="创建")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.create is not None:
            from wenshu.service import ServiceError

            try:
                self.case_id = self.create(self.data())
            except (ServiceError, ValueError) as exc:
                self.message.setText(str(exc))
                (self.party_name if not self.party_name.text().strip() else self.title_edit).setFocus()
                return
        super().accept()

    def _pick(self, index: int) -> None:
        entry = self.party_pick.itemData(index) if index >= 0 else None
        self.picked = entry
        if entry:
            self.party_type.setCurrentIndex(1 if entry.get("type") == "person" else 0)
            self.party_name.setText(entry.get("name", ""))

    def data(self) -> dict:
        """The new case as ``CaseService.new_case`` takes it."""
        party = {"type": self.party_type.currentData(), "name": self.party_name.text().strip()}
        if self.picked and self.picked.get("name") == party["name"]:  # the directory's whole entry
            from wenshu.parties import party_for_case

            party = party_for_case(self.picked)
        data: dict = {"title": self.title_edit.text().strip(), "party": party}
        if self.number_edit.text().strip():
            data["facts"] = {"case_number": self.number_edit.text().strip()}
        return data


class RosterDialog(QDialog):
    """执法人员名册: name, unit, certificate number, valid-until; saved through the service on 保存."""

    HEADERS = ["姓名", "单位", "执法证号", "有效期至（年-月-日）"]

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("执法人员名册")
        self.resize(760, 420)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 240)
        self.table.setColumnWidth(2, 160)
        self.table.verticalHeader().setVisible(False)
        for row in service.officers():
            self.add_row(row["name"], row["unit"], row["cert_no"], row.get("valid_until") or "")
        add = QPushButton("添加人员")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton("删除所选")
        remove.clicked.connect(self.remove_selected)
        note = QLabel("证件过期的人员不能列入晚于有效期的文书；到期前 30 天起会提醒。")
        note.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def add_row(self, name: str = "", unit: str = "", cert_no: str = "", valid_until: str = "") -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        expired = bool(valid_until) and valid_until < self.service.now().date().isoformat()
        for c, text in enumerate((name, unit, cert_no, valid_until)):
            item = QTableWidgetItem(text)
            if expired:  # 持证上岗: an expired certificate stands out before anyone picks the officer
                item.setForeground(Qt.red)
                item.setToolTip("证件已过期，不能列入此后日期的文书")
            self.table.setItem(r, c, item)
        if not name:
            self.table.setCurrentCell(r, 0)
            self.table.editItem(self.table.item(r, 0))

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip() for c in range(4)]
            if any(cells):
                out.append({"name": cells[0], "unit": cells[1], "cert_no": cells[2], "valid_until": cells[3]})
        return out

    def accept(self) -> None:
        try:
            self.service.replace_officers(self.rows())
        except ValueError as exc:
            QMessageBox.warning(self, "执法人员名册", str(exc))
            return
        super().accept()


def ask(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    box.button(QMessageBox.Yes).setText("是")
    box.button(QMessageBox.No).setText("否")
    box.setDefaultButton(QMessageBox.No)
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return box.exec() == QMessageBox.Yes
