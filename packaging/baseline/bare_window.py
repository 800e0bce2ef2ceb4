"""A bare PySide6 window: the size baseline for the app's bundle (issue 6)."""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    win = QMainWindow()
    win.setCentralWidget(QLabel("执法文书助手"))
    win.resize(800, 600)
    win.show()
    if "--quit" in sys.argv:
        app.processEvents()
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
