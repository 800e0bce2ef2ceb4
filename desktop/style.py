"""Look and feel: a CJK font that exists on the machine, readable sizes, findings in colour."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

#: Preferred UI fonts in order: Windows, then Linux/macOS (信创 desktops: Noto/Source Han, WenQuanYi).
FONT_CANDIDATES = ("Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC",
                   "WenQuanYi Micro Hei", "PingFang SC", "SimHei", "黑体")
FONT_POINT_SIZE = 10
#: The widget classes a platform theme gives fonts of their own (Windows: the menu, message-box, status-bar
#: and item-view fonts of the system's theme, e.g. 9 pt Segoe UI / 宋体). The app font is set for each of
#: them too, so menus, the case list, the document tree and the tables show the same font as the rest.
THEMED_CLASSES = ("QMenu", "QMenuBar", "QMessageBox", "QStatusBar", "QTipLabel", "QHeaderView",
                  "QAbstractItemView", "QListView", "QListWidget", "QTreeView", "QTreeWidget", "QTableView",
                  "QTableWidget", "QComboMenuItem", "QComboBox", "QLabel", "QPushButton", "QToolButton",
                  "QCheckBox", "QRadioButton", "QLineEdit", "QTextEdit", "QPlainTextEdit", "QTabBar",
                  "QGroupBox", "QAbstractSpinBox", "QDockWidgetTitle", "QSmallFont", "QMiniFont")

STYLE = """
QWidget { color: #1f2328; }
QMainWindow, QDialog { background: #f6f7f9; }
#left { background: #eef1f5; }
QLabel#sectionTitle { font-weight: bold; color: #38424f; padding: 4px 0; }
QLabel#caseTitle { font-size: 17pt; font-weight: bold; color: #17324d; }
QLabel#docTitle { font-size: 14pt; font-weight: bold; color: #17324d; }
QLabel#infoName, QLabel#fieldLabel { color: #4a5563; }
QLabel#stepIntro { color: #38424f; padding-bottom: 4px; }
QLabel#hint { color: #6b7480; font-size: 9pt; }
QLabel#saveStatus { color: #5b6776; padding-left: 12px; }
QLabel#saveStatus[level="error"] { color: #a8071a; font-weight: bold; }
QLabel#capital { color: #17324d; font-weight: bold; }
QLabel#panelTitle { font-weight: bold; font-size: 11pt; padding: 4px 0; }
QLabel#summary { padding: 6px; border-radius: 4px; background: #eef1f5; }
QLabel#summary[level="error"] { background: #fff1f0; color: #a8071a; }
QLabel#summary[level="warning"] { background: #fffbe6; color: #874d00; }
QLabel#summary[level="ok"] { background: #f0f9eb; color: #2b6a12; }
QFrame#nextStep { background: #e8f1fb; border: 1px solid #b7d2ef; border-radius: 6px; }
QFrame#majorDecision { background: #fffbe6; border: 1px solid #ffd666; border-radius: 6px; }
QFrame#majorDecision[level="ok"] { background: #f0f9eb; border: 1px solid #b7e0a5; }
QFrame#banner { background: #f0f9eb; border: 1px solid #b7e0a5; border-radius: 6px; }
QFrame#banner[level="error"] { background: #fff1f0; border: 1px solid #ffa39e; }
QFrame#item { background: #fafbfc; border: 1px solid #dde2e8; border-radius: 4px; }
QListWidget#steps { background: #eef1f5; border: none; font-size: 11pt; }
QListWidget#steps::item { padding: 8px 6px; }
QListWidget#steps::item:selected { background: #17324d; color: white; }
QListWidget#cases::item { padding: 6px 4px; border-bottom: 1px solid #dde2e8; }
QTreeWidget#documents::item { padding: 3px 2px; }
QListWidget#cases::item:selected { background: #17324d; color: white; }
QFrame#finding { background: white; border: 1px solid #dde2e8; border-left: 4px solid #d9363e; border-radius: 3px; }
QFrame#finding[level="warning"] { border-left: 4px solid #d48806; }
QFrame#finding:focus { border: 2px solid #1677ff; border-left: 4px solid #1677ff; }
QLabel#findingsHeading { font-weight: bold; color: #8a99a8; padding-top: 6px; }
QLabel#findingsHeading[level="error"] { color: #a8071a; }
QLabel#findingsHeading[level="warning"] { color: #874d00; }
QPushButton { padding: 5px 12px; }
QPushButton#primary { background: #17324d; color: white; border-radius: 4px; padding: 6px 16px; }
QPushButton#primary:disabled { background: #8a99a8; }
QLineEdit, QPlainTextEdit, QDateTimeEdit, QComboBox { padding: 3px; }
QLineEdit[finding="error"], QPlainTextEdit[finding="error"], QDateTimeEdit[finding="error"],
QComboBox[finding="error"] { border: 2px solid #d9363e; background: #fff1f0; }
QLineEdit[finding="warning"], QPlainTextEdit[finding="warning"], QDateTimeEdit[finding="warning"],
QComboBox[finding="warning"] { border: 2px solid #d48806; background: #fffbe6; }
QFrame[finding="error"] { border: 2px solid #d9363e; border-radius: 4px; }
QFrame[finding="warning"] { border: 2px solid #d48806; border-radius: 4px; }
QLineEdit[finding="focus"], QPlainTextEdit[finding="focus"], QDateTimeEdit[finding="focus"],
QComboBox[finding="focus"], QFrame[finding="focus"] { border: 2px solid #1677ff; background: #e6f4ff; }
"""


def ui_font(point_size: float = FONT_POINT_SIZE) -> QFont:
    """The app's one UI font (the first installed of ``FONT_CANDIDATES``) at ``point_size``."""
    families = set(QFontDatabase.families())
    font = QFont()
    for name in FONT_CANDIDATES:
        if name in families:
            font = QFont(name)
            break
    font.setPointSizeF(point_size)
    return font


#: Widgets whose font a platform theme may set again after start-up (Qt re-reads the theme's menu, status
#: bar and item-view fonts on a theme change): the style sheet names the app font for them, which no theme
#: change undoes.
THEMED_WIDGETS = ("QMenuBar", "QMenu", "QStatusBar", "QToolTip", "QHeaderView", "QListView", "QTreeView",
                  "QTableView")


def font_rule(font: QFont) -> str:
    """The style-sheet rule giving ``THEMED_WIDGETS`` the app font (family and size)."""
    return f'{", ".join(THEMED_WIDGETS)} {{ font-family: "{font.family()}"; font-size: {font.pointSizeF():g}pt; }}\n'


def apply(app: QApplication) -> None:
    font = ui_font()
    app.setFont(font)
    for name in THEMED_CLASSES:  # after the default: QApplication.setFont(font) alone keeps a theme's class fonts
        app.setFont(font, name)
    app.setStyleSheet(font_rule(font) + STYLE)  # first: the named rules below (#steps …) still win
