"""双随机抽查 (002 第七条, issue 15): where the targets and inspectors come from, how many, the seed; the result
(or the reason it was refused) as the core (``wenshu.draws``) gives it; then the 抽查结果清单 and a new
inspection case per drawn target. Every draw, refused ones too, is in the core's log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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


class _Source(QWidget):
    """One list's source: the store's own (企业库 / 执法人员名册) or a .xlsx/.csv file."""

    def __init__(self, own: str, file_hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.own = QRadioButton(own)
        self.file = QRadioButton("表格文件：")
        self.own.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own)
        group.addButton(self.file)
        self.path = QLineEdit()
        self.path.setPlaceholderText(file_hint)
        self.path.setEnabled(False)
        browse = QPushButton("选择…")
        browse.clicked.connect(self.browse)
        self.file.toggled.connect(self.path.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.own)
        row.addWidget(self.file)
        row.addWidget(self.path, 1)
        row.addWidget(browse)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择名单", "", "表格 (*.xlsx *.csv)")
        if path:
            self.file.setChecked(True)
            self.path.setText(path)

    def chosen_file(self) -> str | None:
        """None for the store's own list; the file's path ('' when none was chosen yet)."""
        return self.path.text().strip() if self.file.isChecked() else None


class DrawDialog(QDialog):
    """The draw and what follows it. ``started``: the cases made (``[{"target", "case_id", …}]``)."""

    def __init__(self, service, parent: QWidget | None = None):
        from wenshu.draws import DrawLog

        super().__init__(parent)
        self.service = service
        self.log = DrawLog(service.store, service.who)
        self.entry: dict | None = None
        self.started: list[dict] = []
        self.setWindowTitle("双随机抽查")
        self.resize(860, 600)
        self.targets = _Source("企业库", "检查对象名单：名称、统一社会信用代码（或身份证号）")
        self.inspectors = _Source("执法人员名册（持有效证件的）", "检查人员名单：姓名、执法证号、回避对象")
        self.search = QLineEdit()
        self.search.setPlaceholderText("只从企业库中名称、地址含此文字的对象中抽取（可留空）")
        self.count = QSpinBox()
        self.count.setRange(1, 9999)
        self.count.setValue(5)
        self.per_target = QSpinBox()
        self.per_target.setRange(1, 20)
        self.per_target.setValue(2)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText("留空时自动生成；填入以往的种子可复核当时的抽取")
        self.matter = QLineEdit()
        self.matter.setPlaceholderText("如：危险化学品企业安全生产监督检查（印在抽查结果清单上）")
        form = QFormLayout()
        form.addRow("检查对象：", self.targets)
        form.addRow("", self.search)
        form.addRow("检查人员：", self.inspectors)
        form.addRow("抽取对象数：", self.count)
        form.addRow("每个对象的检查人员数：", self.per_target)
        form.addRow("随机种子：", self.seed)
        form.addRow("抽查事项：", self.matter)
        box = QGroupBox("抽取条件")
        box.setLayout(form)
        draw = QPushButton("抽取")
        draw.setDefault(True)
        draw.clicked.connect(self.draw)
        self.message = QLabel("与检查对象有利害关系的人员（名单中“回避对象”一栏或已记录的回避）不会抽给该对象。")
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.result = QTableWidget(0, 4)
        self.result.setHorizontalHeaderLabels(["序号", "检查对象", "统一社会信用代码（身份证号）", "检查人员"])
        self.result.verticalHeader().setVisible(False)
        self.result.setEditTriggers(QTableWidget.NoEditTriggers)
        self.result.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((50, 280, 210)):
            self.result.setColumnWidth(i, width)
        self.print_list = QPushButton("生成抽查结果清单…")
        self.print_list.clicked.connect(self.save_list)
        self.start = QPushButton("为抽中的对象新建检查案件")
        self.start.clicked.connect(self.start_cases)
        for b in (self.print_list, self.start):
            b.setEnabled(False)
        after = QHBoxLayout()
        after.addWidget(self.print_list)
        after.addWidget(self.start)
        after.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText("关闭")
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.message, 1)
        top.addWidget(draw)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(top)
        layout.addWidget(self.result, 1)
        layout.addLayout(after)
        layout.addWidget(close)

    def _error(self, text: str) -> None:
        self.message.setObjectName("dialogMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def draw(self) -> None:
        from datetime import date

        from wenshu import draws
        from wenshu.parties import directory_of

        self.entry = None
        self.result.setRowCount(0)
        for b in (self.print_list, self.start):
            b.setEnabled(False)
        try:
            t_file, i_file = self.targets.chosen_file(), self.inspectors.chosen_file()
            if t_file == "" or i_file == "":
                raise draws.DrawError(["请选择名单文件，或改为从企业库、执法人员名册抽取"])
            on = self.service.now().date() if hasattr(self.service, "now") else date.today()
            targets = (draws.targets_from_file(t_file) if t_file
                       else draws.targets_from_directory(directory_of(self.service), self.search.text().strip()))
            inspectors = (draws.inspectors_from_file(i_file, on) if i_file
                          else draws.inspectors_from_roster(self.service.store, on))
            sources = {"targets": f"文件 {t_file}" if t_file else "企业库",
                       "inspectors": f"文件 {i_file}" if i_file else "执法人员名册", "date": on.isoformat()}
            result = draws.run(self.log, targets, inspectors, self.count.value(), self.per_target.value(),
                               self.seed.text().strip() or None, sources)
        except draws.DrawRefused as exc:
            self._error(f"{exc}（已记入抽查记录，随机种子 {exc.seed}）")
            return
        except draws.DrawError as exc:
            self._error(str(exc))
            return
        self.entry = self.log.get(result["draw_id"])
        self.seed.setText(result["seed"])
        self.message.setStyleSheet("")
        self.message.setText(f"已抽取：从 {result['targets_total']} 个对象中抽取 {len(result['draws'])} 个，"
                             f"随机种子 {result['seed']}，抽取编号 {result['draw_id'][:8]}（已记入抽查记录）。")
        self.result.setRowCount(len(result["draws"]))
        for r, d in enumerate(result["draws"]):
            for c, text in enumerate((str(r + 1), d["target"], d["target_code"], "、".join(d["inspectors"]))):
                self.result.setItem(r, c, QTableWidgetItem(text))
        for b in (self.print_list, self.start):
            b.setEnabled(True)

    def save_list(self) -> None:
        from templates.kinds import get_kind
        from templates.render import RenderError, render_document
        from wenshu.draws import list_answers

        if self.entry is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "生成抽查结果清单", f"双随机抽查结果清单_{self.entry['drawn_at'][:10]}.docx",
                                              "Word 文档 (*.docx)")
        if not path:
            return
        agency = (self.service.settings().get("agency") or {}).get("name", "")
        try:
            render_document(get_kind("random_inspection_list"), list_answers(self.entry, agency, self.matter.text()), path)
        except (RenderError, OSError) as exc:
            QMessageBox.warning(self, "生成抽查结果清单", str(exc))
            return
        self.message.setText(f"抽查结果清单已保存：{path}")

    def start_cases(self) -> None:
        from wenshu.draws import DrawError, start_cases
        from wenshu.service import ServiceError

        if self.entry is None:
            return
        n = len(self.entry.get("draws") or [])
        box = QMessageBox(QMessageBox.Question, "新建检查案件",
                          f"为抽中的 {n} 个对象各新建一个检查案件（当事人、抽中的检查人员和现场检查记录草稿）？",
                          QMessageBox.Yes | QMessageBox.No, self)
        box.button(QMessageBox.Yes).setText("新建")
        box.button(QMessageBox.No).setText("取消")
        if box.exec() != QMessageBox.Yes:
            return
        try:
            self.started = start_cases(self.service, self.entry)
        except (DrawError, ServiceError) as exc:
            self._error(str(exc))
            return
        self.start.setEnabled(False)
        self.message.setText(f"已新建 {len(self.started)} 个检查案件，关闭本窗口后可在案件列表中打开。")

