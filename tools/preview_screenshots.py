"""Screenshots of the preview and the print dialog for the README: ``python tools/preview_screenshots.py``.

Builds the scripted whole case (tests/archive_helpers.py) in a temporary data folder, opens the main window,
previews all its generated documents (docs/images/preview.png) and opens the print dialog over the preview
(docs/images/print_dialog.png). Runs with QT_QPA_PLATFORM=offscreen; needs LibreOffice for the PDFs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = ROOT / "docs" / "images"
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        os.environ["WENSHU_HOME"] = home
        from archive_helpers import NOW, build_case
        from PySide6.QtCore import QEventLoop, QTimer

        from desktop.app import open_main_window
        from wenshu.service import CaseService
        from wenshu.store import Store

        service = CaseService(Store(), clock=lambda: NOW)
        case_id, _docs = build_case(service, Path(home) / "gen")
        window = open_main_window(service=service)
        window.show()
        window.show_case(case_id)
        shown = []
        loop = QEventLoop()
        window.preview(None, on_shown=lambda w: (shown.append(w), loop.quit()))
        QTimer.singleShot(180000, loop.quit)
        loop.exec()
        preview = shown[0]
        preview.resize(1200, 860)
        preview.list.setCurrentRow(2)
        preview.step_zoom(0)
        for _ in range(5):
            from PySide6.QtWidgets import QApplication

            QApplication.processEvents()
        preview.grab().save(str(out / "preview.png"))
        _printer, dialog = preview.print_dialog()
        dialog.show()
        from PySide6.QtWidgets import QPushButton

        for button in dialog.findChildren(QPushButton):  # the options: copies, duplex
            if "选项" in button.text():
                button.click()
        dialog.adjustSize()
        QApplication.processEvents()
        dialog.grab().save(str(out / "print_dialog.png"))
        dialog.close()
        preview.close()
        window.close()
        service.close()
    print(out / "preview.png", out / "print_dialog.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
