"""统计 (执法情况统计分析制度), 案卷评查 and 公示台账 windows: they show what the case service computes
(``CaseService.statistics``, ``review``, ``review_year``, ``publication_ledger``) and send what the user chose
(export, hand scores, 已报送). No figure, criterion or date is decided here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs import chinese_buttons
from wenshu.service import Refused, ServiceError
from wenshu.store import StoreError

#: The figures table: (label, how to read it from the service's figures).
FIGURES = (
    ("立案（件）", lambda f: f["cases"]["opened"]),
    ("结案（件）", lambda f: f["cases"]["closed"]),
    ("作出行政处罚决定（件）", lambda f: f["decisions"]),
    ("罚款（件）", lambda f: f["fines"]["count"]),
    ("罚款金额（元）", lambda f: f["fines"]["amount"]),
    ("没收违法所得（元）", lambda f: f["confiscations"]["amount"]),
    ("没收非法财物（件）", lambda f: f["confiscations"]["property"]),
    ("举行听证的案件（件）", lambda f: f["hearings"]),
    ("被提起行政复议（件）", lambda f: f["reconsiderations"]),
    ("被提起行政诉讼（件）", lambda f: f["lawsuits"]),
    ("行政强制决定（件）", lambda f: f["coercive_measures"]),
    ("执法检查（次）", lambda f: f["inspections"]["count"]),
    ("参加检查的执法人员（人 / 人次）", lambda f: f"{f['inspections']['officers']} / {f['inspections']['officer_visits']}"),
    ("持行政执法证件人员（人）", lambda f: f["certified_officers"]),
)


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setWordWrap(True)
    return t


def _fill(t: QTableWidget, rows: list[list]) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, (int, float)) or (isinstance(value, str) and value.replace(".", "").isdigit()):
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            t.setItem(r, c, item)


class BarChart(QWidget):
    """Twelve months of one or two series as bars, with the value over each bar (words, not only colour)."""

    COLORS = (QColor("#3a6ea5"), QColor("#c0504d"))

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.series: list[tuple[str, list[float]]] = []
        self.unit = ""
        self.setMinimumSize(420, 200)

    def set_series(self, series: list[tuple[str, list[float]]], unit: str = "") -> None:
        self.series, self.unit = series, unit
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        p.setFont(font)
        fm = p.fontMetrics()
        left, right, top, bottom = 12, 12, fm.height() * 2 + 8, fm.height() + 10
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 4, self.width(), fm.height()), Qt.AlignHCenter, self.title)
        legend_x = left
        for i, (name, _values) in enumerate(self.series):
            p.fillRect(QRectF(legend_x, fm.height() + 8, 10, 10), self.COLORS[i % 2])
            p.drawText(legend_x + 14, fm.height() + 8 + fm.ascent() - 2, name)
            legend_x += 14 + fm.horizontalAdvance(name) + 16
        if self.unit:
            p.drawText(QRectF(0, fm.height() + 4, self.width() - right, fm.height()), Qt.AlignRight, self.unit)
        area = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        peak = max([v for _n, vals in self.series for v in vals] + [0]) or 1
        month_w = area.width() / 12
        n = max(len(self.series), 1)
        bar_w = max(month_w * 0.7 / n, 2)
        p.setPen(QPen(QColor("#888")))
        p.drawLine(area.bottomLeft(), area.bottomRight())
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.8, 6))
        for m in range(12):
            x0 = area.left() + m * month_w + month_w * 0.15
            for i, (_name, values) in enumerate(self.series):
                v = values[m] if m < len(values) else 0
                h = area.height() * 0.85 * (v / peak)
                bar = QRectF(x0 + i * bar_w, area.bottom() - h, bar_w - 1, h)
                p.fillRect(bar, self.COLORS[i % 2])
                if v:
                    p.setFont(small)
                    p.setPen(QColor("#222"))
                    text = f"{v:g}"
                    p.drawText(QRectF(bar.left() - 20, bar.top() - fm.height(), bar.width() + 40, fm.height()),
                               Qt.AlignHCenter | Qt.AlignBottom, text)
                    p.setFont(font)
            p.setPen(QColor("#444"))
            p.drawText(QRectF(area.left() + m * month_w, area.bottom() + 2, month_w, fm.height()),
                       Qt.AlignHCenter, f"{m + 1}月")
        p.end()


class StatsDialog(QDialog):
    """执法统计: the year's figures, two charts by month, the workbook and 已报送."""

    def __init__(self, service, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.figures: dict | None = None
        self.setWindowTitle("执法情况统计")
        today = service.now().date()
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(year or (today.year - 1 if today.month == 1 else today.year))
        self.year.setSuffix(" 年度")
        self.year.valueChanged.connect(self.refresh)
        self.table = _table(["统计项目", "数值"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.cases_chart = BarChart("立案、结案（件）")
        self.fines_chart = BarChart("罚款金额")
        self.note = QLabel()
        self.note.setWordWrap(True)
        export = QPushButton("导出统计年报（Excel）…")
        export.clicked.connect(self.export)
        self.reported = QPushButton("标记年报已报送")
        self.reported.clicked.connect(self.mark_reported)
        close = chinese_buttons(self, QDialogButtonBox.Close)

        top = QHBoxLayout()
        top.addWidget(QLabel("统计年度："))
        top.addWidget(self.year)
        top.addStretch(1)
        charts = QWidget()
        cl = QVBoxLayout(charts)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.cases_chart)
        cl.addWidget(self.fines_chart)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([360, 520])
        buttons = QHBoxLayout()
        buttons.addWidget(export)
        buttons.addWidget(self.reported)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.resize(960, 620)
        self.refresh()

    def refresh(self, *_args) -> None:
        try:
            self.figures = f = self.service.statistics(self.year.value())
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "执法情况统计", str(exc))
            return
        _fill(self.table, [[label, get(f)] for label, get in FIGURES])
        self.table.resizeRowsToContents()
        monthly = f["monthly"]
        self.cases_chart.set_series([("立案", [m["opened"] for m in monthly]), ("结案", [m["closed"] for m in monthly])])
        fines = [float(m["fines"]) for m in monthly]
        wan = max(fines or [0]) >= 10000
        self.fines_chart.set_series([("罚款", [round(v / 10000, 2) if wan else v for v in fines])],
                                    "单位：万元" if wan else "单位：元")
        fill = "、".join(i["title"] for i in f["to_fill"])
        drafts = f"另有 {f['drafts_left_out']} 份本年度的处罚决定书尚未生成，未计入。" if f["drafts_left_out"] else ""
        self.note.setText(f"统计年报应于{_date_cn(f['report_due'])}前报送。以下项目案件库中没有数据，"
                          f"请在导出的年报中填写：{fill}。{drafts}")

    def export(self) -> None:
        if self.figures is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "导出统计年报",
                                              str(Path.home() / f"{self.figures['year']}年度行政执法统计年报.xlsx"),
                                              "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            written = self.service.write_statistics(self.figures, path)
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "导出统计年报", str(exc))
            return
        QMessageBox.information(self, "导出统计年报", f"已导出：\n{written}")

    def mark_reported(self) -> None:
        try:
            self.service.mark_statistics_reported(self.year.value())
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "执法情况统计", str(exc))
            return
        QMessageBox.information(self, "执法情况统计", f"已记录{self.year.value()}年度统计年报已报送，今日待办不再提醒。")


def _date_cn(iso: str | None) -> str:
    if not iso:
        return "—"
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


class ReviewDialog(QDialog):
    """案卷评查 of one case: each criterion with what was found, the hand items scored here, the 评查表."""

    def __init__(self, service, case_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.service, self.case_id = service, case_id
        self.scores: dict[str, dict] = {}
        self.result: dict | None = None
        self.setWindowTitle("案卷评查")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["评查项目", "结果", "得分"])
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.hand = QWidget()
        self.hand_layout = QVBoxLayout(self.hand)
        self.hand_layout.setContentsMargins(0, 0, 0, 0)
        sheet = QPushButton("生成评查表…")
        sheet.clicked.connect(self.write_sheet)
        close = chinese_buttons(self, QDialogButtonBox.Close)
        buttons = QHBoxLayout()
        buttons.addWidget(sheet)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel("人工评分（阅卷后评定）："))
        layout.addWidget(self.hand)
        layout.addLayout(buttons)
        self.resize(900, 640)
        self.refresh(build_hand=True)

    def refresh(self, build_hand: bool = False) -> None:
        try:
            self.result = r = self.service.review(self.case_id, self.scores)
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "案卷评查", str(exc))
            return
        done = "评分已完成" if r["complete"] else "人工评分项目尚未全部评分，总分只计已评部分"
        self.heading.setText(f"{r['title']}\n总得分：{r['score']:g} 分（满分 {r['max']} 分；{done}）")
        self.tree.clear()
        for item in r["items"]:
            given = item["score"] + sum(h["score"] or 0 for h in item["hand"])
            top = QTreeWidgetItem([f"{item['item']}{item['title']}", "符合" if item["ok"] else "存在问题",
                                   f"{given:g} / {item['max'] + sum(h['max'] for h in item['hand']):g}"])
            if not item["ok"]:
                top.setForeground(1, QColor("#b00020"))
            self.tree.addTopLevelItem(top)
            for f in item["findings"]:
                child = QTreeWidgetItem([f"{'错误' if f['severity'] == 'error' else '提示'}：{f['message']}"])
                child.setToolTip(0, f["message"])
                top.addChild(child)
                child.setFirstColumnSpanned(True)  # the whole width for the sentence
            top.setExpanded(bool(item["findings"]))
        if build_hand:
            for item in r["items"]:
                for h in item["hand"]:
                    row = QHBoxLayout()
                    row.addWidget(QLabel(f"{item['item']}{h['title']}（满分 {h['max']:g} 分）"), 1)
                    spin = QDoubleSpinBox()
                    spin.setRange(-0.5, h["max"])
                    spin.setSingleStep(0.25)
                    spin.setSpecialValueText("未评分")
                    spin.setValue(-0.5)
                    spin.valueChanged.connect(lambda v, hid=h["id"]: self._scored(hid, v))
                    row.addWidget(spin)
                    self.hand_layout.addLayout(row)

    def _scored(self, hand_id: str, value: float) -> None:
        if value < 0:
            self.scores.pop(hand_id, None)
        else:
            self.scores[hand_id] = {"score": value}
        self.refresh()

    def write_sheet(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "生成评查表", str(Path.home() / "案卷评查表.docx"),
                                              "Word 文档 (*.docx)")
        if not path:
            return
        try:
            written = self.service.write_review(self.result, path)
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "生成评查表", str(exc))
            return
        QMessageBox.information(self, "生成评查表", f"评查表已生成：\n{written}")


class YearReviewDialog(QDialog):
    """年度案卷评查: every case closed in the year, lowest score first, and the summary table."""

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.result: dict | None = None
        self.setWindowTitle("年度案卷评查")
        today = service.now().date()
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(" 年度结案")
        self.year.valueChanged.connect(self.refresh)
        self.summary = QLabel()
        self.table = _table(["案件名称", "得分", "评分完成", "发现的问题"])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        export = QPushButton("导出汇总表（Excel）…")
        export.clicked.connect(self.export)
        close = chinese_buttons(self, QDialogButtonBox.Close)
        top = QHBoxLayout()
        top.addWidget(QLabel("评查范围："))
        top.addWidget(self.year)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(export)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(960, 560)
        self.refresh()

    def refresh(self, *_args) -> None:
        try:
            self.result = r = self.service.review_year(self.year.value())
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "年度案卷评查", str(exc))
            return
        s = r["summary"]
        self.summary.setText(f"评查案卷 {s['count']} 件" + (f"；平均得分 {s['average']:g}，最低 {s['lowest']:g}。"
                                                          if s["count"] else "。"))
        _fill(self.table, [[c["title"], f"{c['score']:g}", "是" if c["complete"] else "否",
                            "；".join(c["problems"]) or "未发现问题"] for c in r["cases"]])
        self.table.resizeRowsToContents()

    def export(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "导出评查汇总表",
                                              str(Path.home() / f"{self.result['year']}年度案卷评查汇总表.xlsx"),
                                              "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            written = self.service.write_review(self.result, path)
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "导出评查汇总表", str(exc))
            return
        QMessageBox.information(self, "导出评查汇总表", f"已导出：\n{written}")


class PublicationDialog(QDialog):
    """公示台账: every issued decision with its due, published and takedown dates; the export for the website."""

    COLUMNS = ["决定书文号", "当事人", "决定日期", "公示期限", "公示日期", "撤除日期", "状态"]

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("公示台账")
        self.table = _table(self.COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.note = QLabel(service.publication_rules())
        self.note.setWordWrap(True)
        export = QPushButton("导出待公示信息…")
        export.clicked.connect(self.export)
        close = chinese_buttons(self, QDialogButtonBox.Close)
        buttons = QHBoxLayout()
        buttons.addWidget(export)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.resize(980, 520)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = self.service.publication_ledger()
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "公示台账", str(exc))
            return
        _fill(self.table, [[r["decision_number"], r["party"], _date_cn(r["decision_date"]),
                            _date_cn(r["publication_due"]), _date_cn(r["published"]), _date_cn(r["takedown"]),
                            r["status"]] for r in rows])
        for i, r in enumerate(rows):
            if r["reminder"]:
                self.table.item(i, 6).setForeground(QColor("#b00020"))
        self.table.resizeColumnsToContents()

    def export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, "导出待公示信息", str(Path.home() / "待公示行政执法决定.xlsx"),
                                                   "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)")
        if not path:
            return
        if not Path(path).suffix:  # a name typed without its ending takes the chosen type's
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
        try:
            result = self.service.export_publication(path)
        except Refused as exc:
            QMessageBox.warning(self, "导出待公示信息", str(exc) + "\n\n" + "\n".join(f["message"] for f in exc.findings))
            return
        except (ServiceError, StoreError) as exc:
            QMessageBox.warning(self, "导出待公示信息", str(exc))
            return
        QMessageBox.information(self, "导出待公示信息", f"已导出 {result['rows']} 条：\n{result['path']}")
