"""``wenshu gui`` (and ``wenshu`` with no arguments): start the desktop app.

``--screenshot FILE.png`` opens the main window with the sample case in a throw-away data folder,
saves a picture of it and exits 0 — for documentation and checks (works with QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

WINDOW_SIZE = (1280, 800)
#: Room the window frame needs around the client area (title bar and borders, in logical pixels).
FRAME_MARGIN = (16, 40)


def fitted_size(available: tuple[int, int], preferred: tuple[int, int] = WINDOW_SIZE) -> tuple[int, int]:
    """The window's size on a screen whose available area (without the taskbar, in logical pixels) is
    ``available``: the preferred size, made smaller where the screen is smaller (a 1366×768 laptop, or
    1920×1080 at 150 % = 1280×720 logical) so that the frame and title bar stay on the screen."""
    width = min(preferred[0], max(available[0] - FRAME_MARGIN[0], 640))
    height = min(preferred[1], max(available[1] - FRAME_MARGIN[1], 480))
    return width, height


def screen_fitted_size() -> tuple[int, int]:
    """``fitted_size`` of the primary screen; the preferred size where there is no real screen (offscreen)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return WINDOW_SIZE
    area = screen.availableGeometry()
    return fitted_size((area.width(), area.height()))


def application():
    """The QApplication (created once), styled with a CJK font."""
    from PySide6.QtWidgets import QApplication

    from desktop import style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not app.property("wenshu_ready"):  # once per application, also one made by a test runner
        app.setProperty("wenshu_ready", True)
        quiet_qt()
        app.setApplicationName("执法文书助手")
        app.setOrganizationName("wenshu")
        style.apply(app)
        install_chinese(app)
    return app


def quiet_qt() -> None:
    """Qt's own diagnostics are English notes for developers ("This plugin does not support …"): they go
    to the log file's debug level, never onto the user's console."""
    import logging

    from PySide6.QtCore import qInstallMessageHandler

    log = logging.getLogger("wenshu.qt")
    qInstallMessageHandler(lambda _mode, _context, message: log.debug("Qt: %s", message))


def install_chinese(app) -> None:
    """Qt's own words (确定/取消 in standard dialogs, the file dialog, context menus) in Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            return


def open_main_window(store=None, service=None, quick_start: bool = False):
    """The main window over one ``CaseService`` (default: on ``store``, else the user's store), with the
    sample case on first start."""
    from desktop.main_window import MainWindow
    from wenshu.service import CaseService

    application()
    service = service if service is not None else CaseService(store)
    service.ensure_sample_case()
    service.end_open_sessions()  # a crash left an editing session open: its last content becomes a version
    window = MainWindow(service, quick_start=quick_start)
    window.resize(*screen_fitted_size())
    return window


# --- an older store upgraded before the window, with its progress shown (issue 17, round 3) ---------------
UPGRADE_TEXT = ("正在升级案件数据库（新版本首次启动时进行一次，案件多时需要几分钟），请稍候，不要关闭本程序。\n"
                "如果升级中途被关闭，数据库保持升级前的原样，下次启动时重新升级。")


def upgrade_store(path=None, shown=None) -> bool:
    """If the store was written by an older version, upgrade it before the main window opens: the upgrade
    runs in a worker thread while a window says what is happening and how far it is (the UI never
    freezes unexplained). ``shown(dialog)`` is called once the dialog is up (tests). True if upgraded;
    a ``StoreError`` of the upgrade is raised here, on the UI thread."""
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from wenshu.store import needs_upgrade, upgrade

    if not needs_upgrade(path):
        return False
    state = {"done": 0, "total": 0, "error": None}

    def progress(done: int, total: int) -> None:
        state["done"], state["total"] = done, total

    def work() -> None:
        try:
            upgrade(path, progress)
        except Exception as exc:  # handed to the UI thread and raised there (a StoreError, in Chinese)
            state["error"] = exc

    dialog = QProgressDialog(UPGRADE_TEXT, "", 0, 0)
    dialog.setWindowTitle("执法文书助手")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(520)
    dialog.show()
    QApplication.processEvents()
    if shown is not None:
        shown(dialog)
    thread = threading.Thread(target=work, name="wenshu-upgrade", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.05)
        if state["total"]:
            dialog.setMaximum(state["total"])
            dialog.setValue(state["done"])
            dialog.setLabelText(f"{UPGRADE_TEXT}\n已完成 {state['done']} / {state['total']} 份文书。")
        QApplication.processEvents()
    dialog.close()
    if state["error"] is not None:
        raise state["error"]
    return True


def save_screenshot(widget, path: str | Path) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"无法保存截图“{path}”。")


def screenshot(path: str | Path) -> int:
    """Main window with the sample case, saved as a PNG; uses a temporary data folder (user data untouched)."""
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        previous = os.environ.get("WENSHU_HOME")
        os.environ["WENSHU_HOME"] = home
        try:
            window = open_main_window()
            window.show()
            save_screenshot(window, path)
            window.close()
            window.service.close()
        finally:
            if previous is None:
                os.environ.pop("WENSHU_HOME", None)
            else:
                os.environ["WENSHU_HOME"] = previous
    return 0


def no_display(platform: str | None = None, environ: dict | None = None) -> bool:
    """True on a Linux/BSD machine with no X11 or Wayland display and no Qt platform chosen: Qt would
    abort there with an English message, so the user gets a Chinese one instead."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    if platform.startswith(("win", "darwin")) or env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def cmd_gui(args) -> int:
    """The ``gui`` command handler (wenshu/cli.py)."""
    from wenshu.cli import CliError
    from wenshu.store import StoreError

    if no_display():
        if not getattr(args, "screenshot", None):
            raise CliError("未检测到图形桌面，无法打开图形界面。请在桌面环境中运行；命令行功能见 wenshu --help。")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen: never Qt's English abort

    if getattr(args, "screenshot", None):
        try:
            return screenshot(args.screenshot)
        except (OSError, StoreError) as exc:
            raise CliError(str(exc)) from None
    app = application()
    from wenshu import office  # office mode (issue 16): the password is asked when no keyring holds it

    server = office.password_needed()
    if server is not None and app.platformName() != "offscreen":
        from desktop.office_view import ask_password

        office.use_password(ask_password(None, server))
    try:
        upgrade_store()  # an older store: upgraded first, its progress shown (not a frozen window)
        window = open_main_window(quick_start=True)
    except StoreError as exc:
        from PySide6.QtWidgets import QMessageBox

        sys.stderr.write(str(exc) + "\n")
        if app.platformName() != "offscreen":  # headless runs get the message on stderr only
            QMessageBox.critical(None, "执法文书助手", str(exc))
            from wenshu import startup

            startup.told_user = True  # the windowed program logs it, without a second box
        return 2
    window.show()
    from PySide6.QtCore import QTimer

    # in workers, the window answering at once: 今日待办, then the history check (an altered record is said)
    QTimer.singleShot(0, window, window.start_of_day)
    QTimer.singleShot(0, window, lambda: first_run(window, app))  # issue 19: the agency's name first
    return app.exec()


def first_run(window, app) -> None:
    """The first-run wizard (agency name, 地区简称, a sample document) until the profile is saved once;
    not on a headless run (nobody could answer it)."""
    from wenshu.profile import needs_setup

    if app.platformName() == "offscreen" or not needs_setup():
        return
    from desktop.settings_view import SetupWizard

    SetupWizard(window).exec()
