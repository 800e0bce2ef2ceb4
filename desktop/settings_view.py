"""设置 → 机关配置 (the agency profile, issue 19) and the first-run wizard.

The pages show and edit the profile the core keeps (``wenshu.profile``): 执法机关, 文书与编号, 规则与保存期限,
字体, 模板. Whether a value can be used is the core's answer (``ProfileError``, the template lint), shown
here in Chinese; the dialog stays open on a refusal. Font families come from the core's catalogue of
installed fonts (``templates.font_catalog``); Qt only draws the sample line in the chosen face.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from templates.font_catalog import (
    candidates,
    fallback_for,
    glyph_findings,
    installed_family_names,
    missing_chars,
    missing_logical,
)
from templates.fonts import LOGICAL_BY_LABEL, font_map
from templates.kinds import all_kinds
from wenshu import profile as core

AUTO = "自动（按本机字体方案）"
SAMPLE_LINE = "神池县应急管理局　行政处罚决定书　2026年11月20日"


def report_text(findings: list[dict]) -> str:
    """A lint report as lines a clerk reads: 错误 first, then 提醒."""
    lines = []
    for f in sorted(findings, key=lambda f: f["severity"] != "error"):
        mark = "错误" if f["severity"] == "error" else "提醒"
        lines.append(f"【{mark}】{f['message']}")
    return "\n".join(lines) or "未发现问题。"


def _editable_combo(choices, current: str) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(choices))
    box.setCurrentText(current)
    return box


class AgencyPage(QWidget):
    """执法机关: names, 地区简称 and the header line."""

    def __init__(self, doc: dict):
        super().__init__()
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        hints = {"name": "如：神池县应急管理局", "short": "如：神应急（无地区简称时文号用机关代字）",
                 "region": "如：晋忻神（文号括号内的地区简称）", "legal_office": "如：神池县应急管理局法制股",
                 "reconsideration_organ": "如：神池县人民政府", "court": "如：神池县人民法院"}
        for key, label in core.AGENCY_FIELDS.items():
            edit = QLineEdit(doc["agency"].get(key, ""))
            edit.setPlaceholderText(hints[key])
            self.edits[key] = edit
            form.addRow(label + "：", edit)
        self.header = _editable_combo(core.HEADER_CHOICES, doc["header"])
        form.addRow("文书标题上方的行业名称：", self.header)
        note = QLabel("行业名称印在每份文书标题的上方，如“安全生产行政执法文书”“煤矿安全监管行政执法文书”。")
        note.setWordWrap(True)
        note.setObjectName("hint")
        form.addRow("", note)

    def collect(self, doc: dict) -> None:
        doc["agency"] = {k: e.text().strip() for k, e in self.edits.items()}
        doc["header"] = self.header.currentText().strip()


class NumberingPage(QWidget):
    """文书与编号: the 文种代字 of each kind and the numbering scheme."""

    def __init__(self, doc: dict):
        super().__init__()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.scheme = QComboBox()
        for key, title in core.NUMBERING_SCHEMES.items():
            self.scheme.addItem(title, key)
        self.scheme.setCurrentIndex(max(self.scheme.findData(doc["numbering"]), 0))
        form.addRow("编号方式：", self.scheme)
        layout.addLayout(form)
        self.kinds = [k for k in all_kinds() if k.code is not None]
        self.table = QTableWidget(len(self.kinds), 3)
        self.table.setHorizontalHeaderLabels(["文书", "默认代字", "本机关代字（留空用默认）"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        for row, kind in enumerate(self.kinds):
            for col, text in enumerate((kind.title, kind.code or "", doc["kind_codes"].get(kind.name) or "")):
                item = QTableWidgetItem(text)
                if col < 2:
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                self.table.setItem(row, col, item)
        layout.addWidget(QLabel("文种代字（文号中部门代字后的部分，如“应急罚”）："))
        layout.addWidget(self.table)

    def collect(self, doc: dict) -> None:
        doc["numbering"] = self.scheme.currentData()
        codes = {}
        for row, kind in enumerate(self.kinds):
            text = (self.table.item(row, 2).text() if self.table.item(row, 2) else "").strip()
            if text:
                codes[kind.name] = text
        doc["kind_codes"] = codes


class RulesPage(QWidget):
    """规则与保存期限: the 重大执法决定 standard (by the regulation's name) and the retention period."""

    def __init__(self, doc: dict):
        super().__init__()
        form = QFormLayout(self)
        self.rule_set = QComboBox()
        for key, title in core.rule_set_choices().items():
            self.rule_set.addItem(title, key)
        self.rule_set.setCurrentIndex(max(self.rule_set.findData(doc["rule_set"]), 0))
        form.addRow("重大执法决定法制审核标准：", self.rule_set)
        self.thresholds = QLabel("")
        self.thresholds.setWordWrap(True)
        form.addRow("", self.thresholds)
        self.rule_set.currentIndexChanged.connect(self._show_thresholds)
        self._show_thresholds()
        self.retention = QComboBox()
        self.retention.addItems(core.retention_choices())
        self.retention.setCurrentText(doc["retention"])
        form.addRow("案卷保存期限：", self.retention)

    def _show_thresholds(self) -> None:
        self.thresholds.setText(core.rule_set_summary(self.rule_set.currentData()))

    def collect(self, doc: dict) -> None:
        doc["rule_set"] = self.rule_set.currentData()
        doc["retention"] = self.retention.currentText()


class FontsPage(QWidget):
    """字体: a family per logical font, from the fonts installed; missing ones warned; 生僻字 check."""

    def __init__(self, doc: dict):
        super().__init__()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        installed = set(installed_family_names())
        auto = font_map(doc.get("font_profile"))
        for label in core.LOGICAL_FONT_LABELS:
            box = QComboBox()
            box.addItem(f"{AUTO}：{auto[LOGICAL_BY_LABEL[label]]}", "")
            for family in candidates(LOGICAL_BY_LABEL[label]):
                box.addItem(family, family)
            chosen = doc["fonts"].get(label, "")
            if chosen and chosen not in installed:
                box.addItem(f"{chosen}（本机未安装）", chosen)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            sample = QLabel(SAMPLE_LINE)
            box.currentIndexChanged.connect(lambda _i, lb=label: self._draw(lb))
            self.boxes[label], self.samples[label] = box, sample
            row = QVBoxLayout()
            row.addWidget(box)
            row.addWidget(sample)
            form.addRow(f"{label}：", row)
            self._draw(label)
        layout.addLayout(form)
        missing = missing_logical()
        self.warning = QLabel("" if not missing else
                              f"注意：本机没有安装能印简体中文的{'、'.join(missing)}字体，文书中的这些字将以上面选定的替代字体打印。"
                              "如需标准公文字体，请安装后重新打开本页。")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        check = QHBoxLayout()
        self.text = QLineEdit()
        self.text.setPlaceholderText("输入当事人名称等文字，检查所选仿宋字体能否印出（生僻字）")
        button = QPushButton("检查文字")
        button.clicked.connect(self.check_text)
        check.addWidget(self.text, 1)
        check.addWidget(button)
        layout.addLayout(check)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.use_fallback = QPushButton("")
        self.use_fallback.hide()
        self.use_fallback.clicked.connect(self._take_fallback)
        layout.addWidget(self.use_fallback, 0, Qt.AlignLeft)
        self.fallback: str | None = None
        layout.addStretch(1)

    def _draw(self, label: str) -> None:
        family = self.boxes[label].currentData()
        font = QFont(family) if family else QFont()
        font.setPointSize(13)
        self.samples[label].setFont(font)

    def chosen(self) -> dict:
        return {label: box.currentData() for label, box in self.boxes.items() if box.currentData()}

    def check_text(self) -> None:
        """生僻字: the typed text against the chosen 仿宋 face; a face that has the characters is offered."""
        findings = glyph_findings({"text": self.text.text()}, {"fonts": self.chosen()})
        self.result.setText(findings[0]["message"] if findings else "所选仿宋字体能印出全部文字。")
        self.fallback = None
        if findings:
            missing = missing_chars(font_map(None, self.chosen())[LOGICAL_BY_LABEL["仿宋"]], self.text.text())
            self.fallback = fallback_for(missing)
        self.use_fallback.setVisible(bool(self.fallback))
        if self.fallback:
            self.use_fallback.setText(f"仿宋改用“{self.fallback}”")

    def _take_fallback(self) -> None:
        box = self.boxes["仿宋"]
        box.setCurrentIndex(max(box.findData(self.fallback), 0))
        self.check_text()

    def collect(self, doc: dict) -> None:
        doc["fonts"] = self.chosen()


class TemplatesPage(QWidget):
    """模板: the agency's own template per kind (checked before it is taken), or the built-in one."""

    def __init__(self, doc: dict, choose_file=None):
        super().__init__()
        self.choose_file = choose_file or (lambda: QFileDialog.getOpenFileName(
            self, "选择模板文件", "", "Word 文档 (*.docx)")[0])
        layout = QVBoxLayout(self)
        note = QLabel("模板是普通的 Word 文档，可在 Word 或 WPS 中修改（保留 {{ }} 标记）。采用前先检查，"
                      "有错误的模板不会采用，仍使用原来的模板。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.kinds = all_kinds()
        self.table = QTableWidget(len(self.kinds), 2)
        self.table.setHorizontalHeaderLabels(["文书", "使用的模板"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, slot in (("采用本机关的模板…", self.use_file), ("恢复内置模板", self.restore),
                           ("检查全部模板", self.lint_all)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.report = QTextEdit()
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(150)
        self.report.setPlaceholderText("模板检查结果")
        layout.addWidget(self.report)
        self.refresh(doc)
        self.table.selectRow(0)

    def refresh(self, doc: dict | None = None) -> None:
        overrides = (doc or core.current_profile())["template_overrides"]
        for row, kind in enumerate(self.kinds):
            self.table.setItem(row, 0, QTableWidgetItem(kind.title))
            self.table.setItem(row, 1, QTableWidgetItem("本机关的模板" if kind.name in overrides else "内置模板"))

    def _kind(self):
        row = self.table.currentRow()
        return self.kinds[row] if 0 <= row < len(self.kinds) else None

    def use_file(self, path: str | None = None) -> None:
        kind = self._kind()
        path = path or self.choose_file()
        if not kind or not path:
            return
        try:
            findings = core.set_template(kind.name, Path(path).read_bytes())
        except core.ProfileError as exc:
            self.report.setPlainText(f"{exc}\n{report_text(exc.findings)}")
            return
        except OSError as exc:
            self.report.setPlainText(f"无法读取文件“{path}”：{exc.strerror or exc}。")
            return
        self.report.setPlainText(f"已采用“{kind.title}”的本机关模板。\n{report_text(findings)}")
        self.refresh()

    def restore(self) -> None:
        kind = self._kind()
        if kind:
            core.remove_template(kind.name)
            self.report.setPlainText(f"“{kind.title}”已恢复使用内置模板。")
            self.refresh()

    def lint_all(self) -> None:
        from templates.lint import lint_bytes, lint_kind

        files = core.template_files(core.current_profile())
        lines = []
        for kind in self.kinds:
            findings = lint_kind(kind)
            if kind.name in files:
                try:
                    findings = lint_bytes(Path(files[kind.name]).read_bytes(), kind)
                except OSError:
                    findings = [{"severity": "error", "message": "本机关的模板文件无法读取。"}]
            errors = [f for f in findings if f["severity"] == "error"]
            if errors:
                lines.append(f"{kind.title}：\n{report_text(errors)}")
        self.report.setPlainText("\n".join(lines) or f"全部 {len(self.kinds)} 种文书的模板均无错误。")

    def collect(self, doc: dict) -> None:
        pass


class SettingsDialog(QDialog):
    """设置 → 机关配置: the pages of the agency profile; 保存 stores it, 导入/导出 carry it to other PCs."""

    PAGES = ("执法机关", "文书与编号", "规则与保存期限", "字体", "模板")

    def __init__(self, parent: QWidget | None = None, page: int = 0):
        super().__init__(parent)
        self.setWindowTitle("机关配置")
        self.resize(860, 600)
        doc = core.current_profile()
        self.pages = [AgencyPage(doc), NumberingPage(doc), RulesPage(doc), FontsPage(doc), TemplatesPage(doc)]
        self.nav = QListWidget()
        self.nav.addItems(list(self.PAGES))
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        for page_widget in self.pages:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page_widget)
            self.stack.addWidget(scroll)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(page)
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        imp, exp = QPushButton("导入配置…"), QPushButton("导出配置…")
        imp.clicked.connect(self.import_file)
        exp.clicked.connect(self.export_file)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(imp)
        bottom.addWidget(exp)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def collected(self) -> dict:
        doc = core.current_profile()
        for page_widget in self.pages:
            page_widget.collect(doc)
        return doc

    def save(self) -> None:
        try:
            core.save_profile(self.collected())
        except core.ProfileError as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    def import_file(self, path: str | None = None) -> None:
        path = path or QFileDialog.getOpenFileName(self, "导入机关配置", "", "机关配置 (*.json)")[0]
        if not path:
            return
        try:
            core.import_profile(path)
        except core.ProfileError as exc:
            self.message.setText(f"{exc}\n{report_text(exc.findings)}" if exc.findings else str(exc))
            return
        QMessageBox.information(self, "机关配置", "已导入机关配置。")
        self.accept()

    def export_file(self, path: str | None = None) -> None:
        path = path or QFileDialog.getSaveFileName(self, "导出机关配置", "机关配置.json", "机关配置 (*.json)")[0]
        if not path:
            return
        try:
            core.save_profile(self.collected())
            core.export_profile(path)
        except (core.ProfileError, OSError) as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(f"已导出到“{path}”。在其他电脑上用“导入配置…”即可采用相同的设置。")


class SetupWizard(QDialog):
    """First run: the least the app needs (agency name, 地区简称, header line), with a sample document
    printed as this agency would print it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("首次使用：设置本机关")
        self.resize(900, 640)
        doc = core.current_profile()
        intro = QLabel("欢迎使用执法文书助手。请先填写本机关的名称和地区简称，它们会印在每一份文书上；"
                       "其他设置可以以后在“设置 → 机关配置”中修改，或导入管理员提供的机关配置文件。")
        intro.setWordWrap(True)
        self.name = QLineEdit(doc["agency"]["name"])
        self.name.setPlaceholderText("如：神池县应急管理局")
        self.region = QLineEdit(doc["agency"]["region"])
        self.region.setPlaceholderText("如：晋忻神")
        self.header = _editable_combo(core.HEADER_CHOICES, doc["header"])
        form = QFormLayout()
        form.addRow("执法机关名称：", self.name)
        form.addRow("地区简称：", self.region)
        form.addRow("行业名称：", self.header)
        self.preview_button = QPushButton("预览示例文书")
        self.preview_button.clicked.connect(self.preview)
        self.page = QLabel("点击“预览示例文书”查看按本机关设置印出的文书。")
        self.page.setAlignment(Qt.AlignCenter)
        self.page.setMinimumSize(380, 520)
        self.page.setObjectName("previewPage")
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(intro)
        left.addLayout(form)
        left.addWidget(self.preview_button, 0, Qt.AlignLeft)
        imp = QPushButton("导入机关配置文件…")
        imp.clicked.connect(self.import_file)
        left.addWidget(imp, 0, Qt.AlignLeft)
        left.addStretch(1)
        left.addWidget(self.message)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.page, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("完成")
        buttons.button(QDialogButtonBox.Cancel).setText("以后再说")
        buttons.accepted.connect(self.finish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)

    def profile(self) -> dict:
        doc = core.current_profile()
        doc["agency"]["name"] = self.name.text().strip()
        doc["agency"]["region"] = self.region.text().strip()
        doc["header"] = self.header.currentText().strip()
        return doc

    def preview(self) -> bool:
        from templates.atomic import RenderError
        from wenshu.pdf import PdfError

        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            with tempfile.TemporaryDirectory(prefix="wenshu-preview-") as tmp:
                pdf = core.sample_preview_pdf(self.profile(), tmp)
                from desktop.preview import PdfPages

                pages = PdfPages([{"pdf": pdf}])
                try:
                    self.page.setPixmap(QPixmap.fromImage(pages.image(0, 0.62)))
                finally:
                    pages.close()
        except (PdfError, RenderError, core.ProfileError, OSError) as exc:
            self.page.setText(f"无法预览：{exc}")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def finish(self) -> None:
        if not self.name.text().strip():
            self.message.setText("请填写执法机关名称（印在每一份文书上）。")
            return
        try:
            core.save_profile(self.profile())
        except core.ProfileError as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    def import_file(self) -> None:
        path = QFileDialog.getOpenFileName(self, "导入机关配置", "", "机关配置 (*.json)")[0]
        if not path:
            return
        try:
            core.import_profile(path)
        except core.ProfileError as exc:
            self.message.setText(f"{exc}\n{report_text(exc.findings)}" if exc.findings else str(exc))
            return
        self.accept()
