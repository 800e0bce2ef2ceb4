"""Office mode in the app (issue 16): 设置 → 数据库 (the agency's server; the password only in the system
keyring, or asked at each start), the 审核队列 of legal reviewers and leaders, and 提交法制审核 of a case.
Everything is asked of ``wenshu.office`` over the window's case service; the database decides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wenshu import office


class DatabaseDialog(QDialog):
    """设置 → 数据库: 单机（本机数据） or 单位数据库 (server, port, database, user, password)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("数据库设置")
        self.setMinimumWidth(520)
        saved = office.database_settings()
        self.local = QRadioButton("单机：本机数据（一台电脑使用）")
        self.remote = QRadioButton("单位数据库：多名执法人员共用一个 PostgreSQL 数据库")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.remote)
        (self.remote if saved["mode"] == "office" else self.local).setChecked(True)
        self.host = QLineEdit(saved["host"])
        self.host.setPlaceholderText("服务器地址，如 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(saved["port"])
        self.dbname = QLineEdit(saved["dbname"])
        self.user = QLineEdit(saved["user"])
        self.user.setPlaceholderText("管理员分配的用户名")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        keep = ("密码保存在本机系统的凭据管理器中，不以明文保存。" if saved["keyring"]
                else "本机没有可用的凭据管理器：密码不保存，每次启动时询问。")
        form = QFormLayout()
        form.addRow("服务器：", self.host)
        form.addRow("端口：", self.port)
        form.addRow("数据库：", self.dbname)
        form.addRow("用户名：", self.user)
        form.addRow("密码：", self.password)
        self.note = QLabel(keep + "\n更改在重新启动本程序后生效。")
        self.note.setWordWrap(True)
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        test = QPushButton("测试连接")
        test.clicked.connect(self.test)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.remote)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(test)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.local.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        for w in (self.host, self.port, self.dbname, self.user, self.password):
            w.setEnabled(self.remote.isChecked())

    def test(self) -> None:
        try:
            who = office.test_connection(self.host.text(), self.port.value(), self.dbname.text(), self.user.text(),
                                         self.password.text())
        except office.OfficeActionError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(f"连接成功：您在单位数据库中的角色是“{who['role']}”。")

    def save(self) -> None:
        try:
            done = office.save_database_settings("office" if self.remote.isChecked() else "local", self.host.text(),
                                                 self.port.value(), self.dbname.text(), self.user.text(),
                                                 self.password.text() or None)
        except office.OfficeActionError as exc:
            self.message.setText(str(exc))
            return
        self.result_info = done
        self.accept()


def ask_password(parent: QWidget | None, server: str) -> str | None:
    """At start, when no keyring holds the password: asked, kept in memory for this run only."""
    text, ok = QInputDialog.getText(parent, "登录单位数据库", f"请输入单位数据库（{server}）的密码：",
                                    QLineEdit.Password)
    return text if ok else None


class ReviewQueueDialog(QDialog):
    """审核队列: the cases submitted for 法制审核 (or 负责人审批), the earliest due first; a reviewer
    records the conclusion here. Double-click opens the case (read-only for a reviewer)."""

    COLUMNS = ("案件", "事项", "提交人", "提交时间", "审核期限", "结论")

    def __init__(self, service, parent: QWidget | None = None, open_case=None):
        super().__init__(parent)
        self.service, self.open_case = service, open_case
        self.setWindowTitle("审核队列")
        self.resize(860, 420)
        self.kind = QComboBox()
        self.kind.addItem("法制审核", False)
        self.kind.addItem("负责人审批", True)
        self.kind.currentIndexChanged.connect(self.reload)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._open)
        self.conclusion = QComboBox()
        for c in ("同意", "不同意", "补充材料", "退回修改"):
            self.conclusion.addItem(c)
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText("审核意见，如：事实清楚，证据确凿，适用依据正确")
        record = QPushButton("记录结论")
        record.clicked.connect(self.record)
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("队列："))
        top.addWidget(self.kind)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("结论："))
        bottom.addWidget(self.conclusion)
        bottom.addWidget(self.opinion, 1)
        bottom.addWidget(record)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self.rows: list[dict] = []
        self.reload()

    def reload(self) -> None:
        if not office.in_office(self.service):
            self.message.setText("审核队列只在单位数据库中使用：请在“设置 → 数据库”中连接单位的数据库服务器。")
            self.rows = []
        else:
            try:
                self.rows = office.queue(self.service, approval=bool(self.kind.currentData()))
                self.message.setText("" if self.rows else "队列中没有待审核的案件。")
            except office.OfficeActionError as exc:
                self.rows = []
                self.message.setText(str(exc))
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            cells = (r["title"], r["subject"], r["submitted_name"], r["submitted_at"][:16].replace("T", " "),
                     r["due"] or "—", r["conclusion"] or "待审核")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, r["review_id"])
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def record(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.rows):
            self.message.setText("请先在列表中选择一个案件。")
            return
        try:
            office.record(self.service, self.rows[row]["review_id"], self.conclusion.currentText(), self.opinion.text())
        except office.OfficeActionError as exc:
            self.message.setText(str(exc))
            return
        self.opinion.clear()
        self.reload()
        self.message.setText("结论已记录，承办人可在今日待办中看到。")

    def _open(self, row: int, _column: int) -> None:
        if self.open_case is not None and 0 <= row < len(self.rows):
            self.open_case(self.rows[row]["case_id"])


def submit_case(parent: QWidget, service, case_id: str | None) -> None:
    """案件 → 提交法制审核: the current case into the reviewers' queue (with its due date)."""
    if case_id is None:
        QMessageBox.information(parent, "提交法制审核", "请先在左侧选择一个案件。")
        return
    if not office.in_office(service):
        QMessageBox.information(parent, "提交法制审核", "提交法制审核只在单位数据库中使用：单机模式下由承办人自行填写"
                                "法制审核文书。连接单位数据库请见“设置 → 数据库”。")
        return
    subject, ok = QInputDialog.getText(parent, "提交法制审核", "审核事项（如：拟作出罚款五万元的行政处罚决定）：")
    if not ok:
        return
    try:
        item = office.submit(service, case_id, subject=subject)
    except office.OfficeActionError as exc:
        QMessageBox.warning(parent, "提交法制审核", str(exc))
        return
    QMessageBox.information(parent, "提交法制审核", f"已提交法制审核，审核期限至 {item['due']}（10个工作日）。")
