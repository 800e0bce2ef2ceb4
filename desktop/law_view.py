"""法条查询 (Ctrl+L): the offline law library — search by words or article number, read the article as
published, with what the 法律责任 annotations say (who is punished, penalty kinds, fine range, duty
articles). Only shows what the core returns (``validators.law.search`` over ``templates.law_library``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from templates.law_library import load_laws
from validators.law import Citation, article_text, duties_for, fine_range, search

_KIND_TITLES = {"warning": "警告", "fine": "罚款", "confiscate_income": "没收违法所得",
                "confiscate_property": "没收非法财物", "suspend_production": "责令停产停业",
                "revoke_license": "吊销许可证件", "close": "责令关闭", "restrict_practice": "限制从业"}


def liability_lines(law: dict, number: int) -> list[str]:
    """The annotations of article ``number`` in words (empty for an article outside 法律责任)."""
    lines: list[str] = []
    for p in law.get("provisions") or []:
        if p.get("article") != number:
            continue
        where = f"第{p['paragraph']}款" if p.get("paragraph") else "本条"
        mark = "" if p.get("verified") else "（未逐字核对，仅供参考）"
        if p.get("note"):
            lines.append(f"{where}：{p['note']}{mark}")
        duties = duties_for(p, Citation(law["title"], number))
        if duties:
            lines.append(f"{where}处罚违反本法{'、'.join(dict.fromkeys(duties))}的行为{mark}")
        for c in p.get("clauses") or []:
            subject = (law.get("subjects") or {}).get(c["subject"], c["subject"])
            when = f"（{c['when']}）" if c.get("when") else ""
            items = f"第{'、'.join(map(str, c['items']))}项 " if c.get("items") else ""
            kinds = "、".join(_KIND_TITLES.get(k, k) for k in c.get("kinds") or [])
            r = fine_range(c, None) if c.get("fine") else None
            fine = f"；罚款{r[2]}" if r else ("；罚款按上一年年收入计算" if c.get("fine") else "")
            lines.append(f"　{items}{subject}{when}：{kinds}{fine}{mark}")
    return lines


class LawDialog(QDialog):
    """Type words (可燃气体 报警) or an article (安全生产法 第九十九条, 99); pick a result to read it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("法条查询")
        self.resize(900, 600)
        self.laws = load_laws()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("lawSearch")
        self.search_box.setPlaceholderText("输入文字或条号，如“可燃气体 报警”“安全生产法 第九十九条”“99”")
        self.search_box.textChanged.connect(self.run_search)
        self.count = QLabel()
        self.results = QListWidget()
        self.results.setObjectName("lawResults")
        self.results.currentItemChanged.connect(self._show)
        self.text = QPlainTextEdit()
        self.text.setObjectName("lawText")
        self.text.setReadOnly(True)
        top = QVBoxLayout(self)
        top.addWidget(self.search_box)
        top.addWidget(self.count)
        row = QHBoxLayout()
        row.addWidget(self.results, 1)
        row.addWidget(self.text, 2)
        top.addLayout(row)
        sources = "；".join(f"{v['title']}（{v.get('version', '')}，{v.get('source', '')}）" for v in self.laws.values())
        note = QLabel(f"条文来源：{sources}")
        note.setWordWrap(True)
        top.addWidget(note)
        self.run_search("")

    def run_search(self, text: str) -> None:
        self.results.clear()
        query = text.strip()
        found = search(query, self.laws, limit=200) if query else []
        for r in found:
            first = r["text"].split("\n", 1)[0]
            item = QListWidgetItem(f"{r['short']} {r['article']}　{first[len(r['article']) + 1:][:30]}")
            item.setData(Qt.UserRole, (r["short"], r["number"]))
            self.results.addItem(item)
        self.count.setText(f"找到 {len(found)} 条" if query else "请输入要查找的文字或条号")
        if found:
            self.results.setCurrentRow(0)
        else:
            self.text.setPlainText("")

    def _show(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        short, number = item.data(Qt.UserRole)
        law = self.laws[short]
        art = law["articles"][number]
        parts = [f"《{law['title']}》（{law.get('version', '')}）", art.get("chapter", ""), "", article_text(art)]
        notes = liability_lines(law, number)
        if notes:
            parts += ["", "法律责任标注：", *notes]
        self.text.setPlainText("\n".join(parts))


class LibraryDialog(QDialog):
    """设置 → 违法行为库: the agency's own entries as a table to edit; 保存 checks every row against the law
    (``wenshu.violations.save_library_rows``) and saves all or none. Shipped entries are listed apart and
    stay as shipped (an agency entry with the same 编号 replaces one)."""

    def __init__(self, parent: QWidget | None = None):
        from wenshu import violations

        super().__init__(parent)
        self.setWindowTitle("违法行为库")
        self.resize(1100, 600)
        self.columns = list(violations.LIBRARY_COLUMNS)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setObjectName("libraryTable")
        self.table.setHorizontalHeaderLabels(self.columns)
        for row in violations.library_rows(violations.agency_entries()):
            self.add_row(row)
        shipped = QListWidget()
        shipped.setObjectName("shippedList")
        shipped.setMaximumHeight(140)
        for e in violations.shipped():
            shipped.addItem(f"{e['id']}　{e['title']}　{e.get('basis', '')}")
        add = QPushButton("添加一行")
        add.clicked.connect(lambda: self.add_row([""] * len(self.columns)))
        remove = QPushButton("删除所选行")
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.save_button = QPushButton("保存")
        self.save_button.setObjectName("saveLibrary")
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        for b in (add, remove):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("本机关的违法行为（保存时逐行核对条款与罚款幅度，有错时不保存）："))
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(QLabel("内置的常见违法行为（编号相同的本机关条目替代内置条目）："))
        layout.addWidget(shipped)

    def add_row(self, values: list[str]) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        for i, v in enumerate(values):
            self.table.setItem(n, i, QTableWidgetItem(str(v)))

    def rows(self) -> list[list[str]]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "")
                     for c in range(len(self.columns))]
            if any(cells):
                out.append(cells)
        return out

    def save(self) -> bool:
        from wenshu import violations

        try:
            result = violations.save_library_rows(self.rows())
        except violations.ImportRefused as exc:
            QMessageBox.warning(self, "违法行为库", str(exc))
            return False
        QMessageBox.information(self, "违法行为库", f"已保存本机关违法行为 {result['saved']} 条。")
        return True
