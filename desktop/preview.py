"""预览与打印 (DOMAIN.md §14): any generated document, several, or the whole case file shown as pages —
zoom and page navigation — and printed in one go through Qt's print dialog (printer, copies, duplex).

The PDFs come from the case service (``CaseService.pdf_of`` / ``archive``), made off the UI thread by
:class:`ConvertTask` with progress and 取消; pages are drawn with pypdfium2 (PySide6-Essentials has no
QtPdf). What was printed — which documents, which versions — is recorded by ``CaseService.record_print``.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

ZOOMS = (50, 75, 100, 125, 150, 200)
SCREEN_DPI = 96


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)  # the result, or an Exception (its str() is Chinese)


class ServiceTask(QRunnable):
    """``work(service, progress, cancel)`` on a thread of its own with the service's own connection."""

    def __init__(self, service, work):
        super().__init__()
        self.service, self.work = service, work
        self.signals = _Signals()
        self.cancelled = threading.Event()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            service = self.service.for_thread()
        except Exception as exc:
            self.signals.finished.emit(exc)
            return
        try:
            result = self.work(service, self.signals.progress.emit, self.cancelled.is_set)
        except Exception as exc:  # reported to the window, never lost
            result = exc
        finally:
            service.close()
        self.signals.finished.emit(result)


_STARTED: list[ServiceTask] = []


def run_with_progress(parent: QWidget, service, work, label: str, done) -> ServiceTask:
    """Start ``work`` off the UI thread under a progress dialog with 取消; ``done(result)`` afterwards."""
    task = ServiceTask(service, work)
    dialog = QProgressDialog(label, "取消", 0, 0, parent)
    dialog.setWindowTitle("执法文书助手")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.canceled.connect(task.cancelled.set)

    def progress(n: int, total: int, name: str) -> None:
        try:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(n, total))
            dialog.setLabelText(f"{label}\n{name}" if name else label)
        except RuntimeError:  # the window was closed meanwhile: the work goes on, nothing to show
            task.cancelled.set()

    def finished(result) -> None:
        try:
            dialog.reset()
            dialog.hide()
        except RuntimeError:  # the window was closed meanwhile: nobody to tell
            return
        done(result)

    task.signals.progress.connect(progress)
    task.signals.finished.connect(finished)
    _STARTED.append(task)
    dialog.show()
    QThreadPool.globalInstance().start(task)
    return task


def cancelled_message(result) -> str | None:
    from wenshu.pdf import Cancelled

    if isinstance(result, Cancelled):
        return "已取消。"
    if isinstance(result, Exception):
        return str(result) or "操作未完成。"
    return None


class PdfPages:
    """The pages of several PDFs, drawn on demand."""

    def __init__(self, items: list[dict]):
        import pypdfium2 as pdfium

        self.items = items
        self.docs = [pdfium.PdfDocument(str(item["pdf"])) for item in items]
        self.starts, n = [], 0
        for d in self.docs:
            self.starts.append(n)
            n += len(d)
        self.count = n

    def locate(self, page: int) -> tuple[int, int]:
        for i in range(len(self.docs) - 1, -1, -1):
            if page >= self.starts[i]:
                return i, page - self.starts[i]
        return 0, 0

    def image(self, page: int, scale: float) -> QImage:
        i, j = self.locate(page)
        bitmap = self.docs[i][j].render(scale=scale, rev_byteorder=True)  # RGB(A) bytes
        fmt = QImage.Format_RGBA8888 if bitmap.n_channels == 4 else QImage.Format_RGB888
        return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()

    def close(self) -> None:
        for d in self.docs:
            d.close()


class PreviewWindow(QDialog):
    """Pages of ``items`` (``{"title", "pdf", "document_id", "version", "fingerprint"}``): a list of the
    documents (ticked ones are printed), the page, zoom and page navigation, 打印…."""

    def __init__(self, service, case_id: str, items: list[dict], title: str = "预览", parent=None):
        super().__init__(parent)
        self.service, self.case_id, self.items = service, case_id, items
        self.setWindowTitle(f"{title} — 执法文书助手")
        self.resize(1100, 820)
        self.pages = PdfPages(items)
        self.page = 0
        self.zoom = 75

        self.list = QListWidget()
        for item in items:
            row = QListWidgetItem(item["title"])
            row.setFlags(row.flags() | Qt.ItemIsUserCheckable)
            row.setCheckState(Qt.Checked)
            self.list.addItem(row)
        self.list.currentRowChanged.connect(self._go_document)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignCenter)
        self.image.setObjectName("previewPage")
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignCenter)

        self.prev_button = QPushButton("上一页")
        self.next_button = QPushButton("下一页")
        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(self.pages.count, 1))
        self.page_box.setPrefix("第 ")
        self.page_box.setSuffix(f" 页 / 共 {self.pages.count} 页")
        self.zoom_box = QComboBox()
        for z in ZOOMS:
            self.zoom_box.addItem(f"{z}%", z)
        self.zoom_box.setCurrentIndex(ZOOMS.index(self.zoom))
        self.print_button = QPushButton("打印所选文书…")
        self.print_button.setObjectName("primary")
        self.prev_button.clicked.connect(lambda: self.go(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go(self.page + 1))
        self.page_box.valueChanged.connect(lambda v: self.go(v - 1))
        self.zoom_box.currentIndexChanged.connect(lambda i: self.set_zoom(ZOOMS[i]))
        self.print_button.clicked.connect(self.print_selected)
        QShortcut(QKeySequence("PgDown"), self, lambda: self.go(self.page + 1))
        QShortcut(QKeySequence("PgUp"), self, lambda: self.go(self.page - 1))
        QShortcut(QKeySequence("Ctrl++"), self, lambda: self.step_zoom(1))
        QShortcut(QKeySequence("Ctrl+-"), self, lambda: self.step_zoom(-1))
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_selected)

        bar = QHBoxLayout()
        for w in (self.prev_button, self.page_box, self.next_button, QLabel("缩放："), self.zoom_box):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel("文书（勾选的将被打印）"))
        left_box.addWidget(self.list, 1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.scroll)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 840])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.go(0)

    # --- navigation -------------------------------------------------------------------------------
    def go(self, page: int) -> None:
        if self.pages.count == 0:
            return
        self.page = max(0, min(page, self.pages.count - 1))
        self.page_box.blockSignals(True)
        self.page_box.setValue(self.page + 1)
        self.page_box.blockSignals(False)
        doc, _ = self.pages.locate(self.page)
        self.list.blockSignals(True)
        self.list.setCurrentRow(doc)
        self.list.blockSignals(False)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages.count - 1)
        self._draw()

    def _go_document(self, row: int) -> None:
        if 0 <= row < len(self.pages.starts):
            self.go(self.pages.starts[row])

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        self._draw()

    def step_zoom(self, step: int) -> None:
        i = max(0, min(len(ZOOMS) - 1, ZOOMS.index(self.zoom) + step))
        self.zoom_box.setCurrentIndex(i)

    def _draw(self) -> None:
        image = self.pages.image(self.page, SCREEN_DPI / 72 * self.zoom / 100)
        self.image.setPixmap(QPixmap.fromImage(image))

    # --- printing ---------------------------------------------------------------------------------
    def selected(self) -> list[int]:
        return [i for i in range(self.list.count()) if self.list.item(i).checkState() == Qt.Checked]

    def print_dialog(self):
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        return printer, dialog

    def print_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, "执法文书助手", "请先在左侧勾选要打印的文书。")
            return
        try:
            printer, dialog = self.print_dialog()
        except ImportError:
            QMessageBox.warning(self, "执法文书助手", "本机的程序组件不支持打印，请打开文件后在文字处理软件中打印。")
            return
        if dialog.exec() != QDialog.Accepted:
            return
        self.print_to(printer, chosen)

    def print_to(self, printer, chosen: list[int]) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "执法文书助手", "无法连接打印机，请检查打印机是否已开启并连接。")
            return
        try:
            first = True
            dpi = printer.resolution()
            for i in chosen:
                start = self.pages.starts[i]
                for j in range(len(self.pages.docs[i])):
                    if not first:
                        printer.newPage()
                    first = False
                    image = self.pages.image(start + j, dpi / 72)
                    target = painter.viewport()
                    scaled = image.size().scaled(target.size(), Qt.KeepAspectRatio)
                    painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                    painter.setWindow(image.rect())
                    painter.drawImage(0, 0, image)
                    painter.setViewport(target)
        finally:
            painter.end()
        try:
            self.service.record_print(self.case_id, [self.items[i] for i in chosen], printer.printerName(),
                                      printer.copyCount())
        except Exception as exc:  # printed, but not recorded: say so
            QMessageBox.warning(self, "执法文书助手", f"已打印，但打印记录未能保存：{exc}")
            return
        titles = "、".join(self.items[i]["title"] for i in chosen)
        QMessageBox.information(self, "执法文书助手", f"已发送到打印机：{titles}。打印记录已保存（含文书版本）。")

    def done(self, result: int) -> None:  # noqa: D401 (QDialog)
        self.pages.close()
        super().done(result)


def preview_documents(parent: QWidget, service, case_id: str, docs: list[dict], title: str = "预览",
                      on_shown=None) -> None:
    """Convert the generated files of ``docs`` (``case show`` rows with ``printed``) off the UI thread,
    then show them as pages."""
    rows = [d for d in docs if d.get("printed") and d["printed"].get("path")]
    if not rows:
        QMessageBox.information(parent, "执法文书助手", "所选文书还没有生成正式文书，生成后才能预览和打印。")
        return
    folder = Path(tempfile.mkdtemp(prefix="wenshu-preview-"))

    def work(svc, progress, cancel):
        # each file under its own short name: two documents' files may share a name
        import shutil

        sources = []
        for i, d in enumerate(rows):
            src = folder / f"{i:03d}.docx"
            shutil.copyfile(d["printed"]["path"], src)
            sources.append(src)
        return svc.pdf_of(sources, folder, progress=progress, cancel=cancel)

    def done(result) -> None:
        message = cancelled_message(result)
        if message:
            QMessageBox.warning(parent, "执法文书助手", message)
            return
        items = [{"title": f"{d['title']}{('　' + d['number']) if d.get('number') else ''}", "pdf": p,
                  "document_id": d["document_id"], "version": d["printed"]["version"],
                  "fingerprint": d["printed"]["fingerprint"]} for d, p in zip(rows, result, strict=True)]
        window = PreviewWindow(service, case_id, items, title, parent)
        window.setAttribute(Qt.WA_DeleteOnClose)
        window.show()
        if on_shown:
            on_shown(window)

    run_with_progress(parent, service, work, "正在生成预览……", done)
