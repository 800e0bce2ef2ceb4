"""The windowed Windows program (``wenshu-gui.exe``) has no console: what it would print goes nowhere.

``run_windowed(main)`` runs the program with its output kept in memory (the last ``KEEP`` characters).
When the program ends with an error — an exception (a missing DLL, a damaged install) or a non-zero
exit code with a message — the clerk sees a Chinese message box, and the details go to a log file
``<data folder>/logs/startup-<time>.log`` (the system's temporary folder when the data folder itself
cannot be written) for the technician. Qt-free: the failure may be that Qt cannot start at all, so the
message box is the system's own (``MessageBoxW``).

``WENSHU_NO_DIALOG=1`` leaves the box out (unattended runs: CI, silent installs); the log is written.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

#: How much of the program's output is kept for the log (the end of it: the failure is at the end).
KEEP = 64_000
TITLE = "执法文书助手"
#: Set by a program that has already shown its failure in a window of its own (the GUI's "cannot open the
#: case database" box): the log is still written, the second box is left out.
told_user = False


class _Tail(io.TextIOBase):
    """A text stream that keeps only its last ``KEEP`` characters (and passes them on to ``also``)."""

    def __init__(self, also=None) -> None:
        self.text = ""
        self.also = also

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self.text = (self.text + s)[-KEEP:]
        if self.also is not None:
            try:
                self.also.write(s)
            except (OSError, ValueError):
                self.also = None
        return len(s)

    def flush(self) -> None:
        if self.also is not None:
            try:
                self.also.flush()
            except (OSError, ValueError):
                self.also = None


def is_windowed(executable: str | None = None, frozen: bool | None = None) -> bool:
    """True in the windowed program: no console streams, or the frozen ``wenshu-gui.exe`` (which a parent
    process may still hand pipes to, so the streams alone do not tell)."""
    if sys.stdout is None or sys.stderr is None:
        return True
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    name = (executable or sys.executable).replace("\\", "/").rsplit("/", 1)[-1].lower()
    return bool(frozen) and name in ("wenshu-gui.exe", "wenshu-gui")


def log_folder() -> Path:
    """``<data folder>/logs``, created; the temporary folder's ``wenshu-logs`` when that fails."""
    try:
        from wenshu.paths import data_dir

        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except Exception:  # the data folder may be what is broken
        folder = Path(tempfile.gettempdir()) / "wenshu-logs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def write_log(details: str) -> Path | None:
    """The failure's details in a new log file; None when not even the temporary folder can be written."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        path = log_folder() / f"startup-{stamp}-{os.getpid()}.log"
        path.write_text(f"{TITLE} 启动失败 {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
                        f"程序：{sys.executable}\n参数：{sys.argv[1:]}\n\n{details}", encoding="utf-8")
        return path
    except OSError:
        return None


def _reason(details: str) -> str:
    """The sentence for the clerk: the program's own last Chinese line, else a general one."""
    for line in reversed(details.strip().splitlines()):
        line = line.strip()
        if line and any("\u4e00" <= ch <= "\u9fff" for ch in line) and not line.startswith(("File ", "Traceback")):
            return line
    return "程序在启动时出错，可能是安装不完整或被安全软件拦截了部分文件。"


def failure_message(details: str, log: Path | None) -> str:
    text = f"{TITLE}未能正常运行。\n\n{_reason(details)}\n\n"
    if log is not None:
        text += f"详细情况已记录在：\n{log}\n请将此文件发给技术支持人员。"
    else:
        text += "详细情况无法写入日志文件（临时文件夹不可写）。请联系技术支持人员。"
    return text


def message_box(text: str) -> None:
    """The system's message box on Windows (no Qt needed); nothing elsewhere (there is a console)."""
    if os.environ.get("WENSHU_NO_DIALOG") or not sys.platform.startswith("win"):
        return
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, text, TITLE, 0x10 | 0x40000)  # MB_ICONERROR | MB_TOPMOST


def run_windowed(main) -> int:
    """Run ``main()`` (returns an exit code) as the windowed program: failures are shown and logged."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stderr is not None:  # UTF-8 like the CLI's own output (a parent's pipe would get cp936)
        try:
            sys.stderr.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    tail = _Tail(also=sys.stderr)  # None in a double-clicked program; a pipe when a parent gave one
    sys.stderr = tail
    try:
        code = main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int | None):
            tail.write(f"{exc.code}\n")
    except BaseException:  # noqa: BLE001 (anything at all: the clerk must see that it failed)
        tail.write(traceback.format_exc())
        code = 1
    if code:
        log = write_log(tail.text)
        if not told_user:
            message_box(failure_message(tail.text, log))
    return int(code or 0)
