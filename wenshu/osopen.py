"""Open, reveal and print files with the system's default application (Qt-free; the desktop calls it).

Why not ``QDesktopServices``: printing has no Qt equivalent, the command line and tests need the same
behaviour without Qt, and the messages must be Chinese and say what to do.

- Windows: ``os.startfile`` (the file's associated program, e.g. Word or WPS), ``explorer /select,``
  to show a file in its folder, ``os.startfile(path, "print")`` to print with the associated program.
- macOS: ``open`` / ``open -R`` / ``lp``/``lpr`` for PDF and text; other files (.docx) are opened so the
  user prints from Word/WPS/Pages (CUPS cannot render .docx).
- Linux: ``xdg-open`` / the file manager's folder / ``lp`` (or ``lpr``) for PDF and text; else the file is
  opened with ``xdg-open`` so the user can print from the viewer.

Every failure raises ``OpenError`` (an ``OSError``) whose ``str()`` is a Chinese sentence for the user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from templates import oserror

__all__ = ["OpenError", "open_file", "open_folder", "print_file"]

#: What the CUPS spooler (macOS, Linux) prints as is; a .docx goes to its application instead.
SPOOLABLE = {".pdf", ".txt", ".ps"}


class OpenError(OSError):
    """A file could not be opened or printed; ``str()`` is a Chinese message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _platform() -> str:
    if sys.platform.startswith("win"):
        return "win32"
    if sys.platform == "darwin":
        return "darwin"
    return "linux"


def _existing(path: str | os.PathLike, *, folder_ok: bool = False) -> Path:
    p = Path(path)
    if not p.exists():
        raise OpenError(f"找不到“{p}”：文件可能已被移动或删除。")
    if p.is_dir() and not folder_ok:
        raise OpenError(f"“{p}”是一个文件夹，不是文件。")
    return p.resolve()


def _spawn(argv: list[str] | str, what: str) -> None:
    """Start a program without waiting for it (a viewer stays open after we return)."""
    try:
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         close_fds=True, start_new_session=_platform() != "win32")
    except OSError as exc:
        raise OpenError(f"无法{what}：{oserror.reason(exc)}。") from exc


def _no_app(p: Path, what: str) -> OpenError:
    if p.suffix.lower() in {".docx", ".doc"}:
        hint = "请安装 Microsoft Word 或 WPS 文字，并将其设为 .docx 文件的默认打开方式。"
    elif p.suffix.lower() == ".pdf":
        hint = "请安装 PDF 阅读器，并将其设为 .pdf 文件的默认打开方式。"
    else:
        hint = f"请为 {p.suffix or '此类'} 文件设置默认打开程序。"
    return OpenError(f"无法{what}“{p.name}”：系统中没有可用的默认程序。{hint}")


#: ``winerror`` codes of ``os.startfile`` meaning "no program for this file (or this verb)":
#: 1155 ERROR_NO_ASSOCIATION (Windows), and 193 ERROR_BAD_EXE_FORMAT, which ShellExecute gives when,
#: with nothing associated, it tries to start the document itself as a program (seen under Wine 8 for a
#: .docx without Word or WPS, and for the "print" verb of any file).
_NO_ASSOCIATION = (1155, 193)


def _startfile(p: Path, operation: str | None, what: str) -> None:
    startfile = getattr(os, "startfile", None)
    if startfile is None:  # pragma: no cover (only on a broken Windows Python)
        raise _no_app(p, what)
    try:
        if operation:
            startfile(str(p), operation)
        else:
            startfile(str(p))
    except OSError as exc:
        # WinError 1155: no application is associated; 1223: the user cancelled a dialog.
        if getattr(exc, "winerror", None) in _NO_ASSOCIATION or isinstance(exc, FileNotFoundError) and p.exists():
            raise _no_app(p, what) from exc
        raise OpenError(f"无法{what}“{p.name}”：{oserror.reason(exc)}。") from exc


def open_file(path: str | os.PathLike) -> None:
    """Open ``path`` in its default application (Word/WPS for .docx)."""
    p = _existing(path)
    plat = _platform()
    if plat == "win32":
        _startfile(p, None, "打开")
    elif plat == "darwin":
        _spawn(["open", str(p)], f"打开“{p.name}”")
    else:
        opener = shutil.which("xdg-open")
        if not opener:
            raise _no_app(p, "打开")
        _spawn([opener, str(p)], f"打开“{p.name}”")


def open_folder(path: str | os.PathLike) -> None:
    """Show ``path`` in the file manager: a file is selected in its folder where the platform can."""
    p = _existing(path, folder_ok=True)
    plat = _platform()
    if plat == "win32":
        # One command-line string: explorer wants the quotes after "/select,", which list quoting breaks.
        cmd = f'explorer /select,"{p}"' if p.is_file() else f'explorer "{p}"'
        _spawn(cmd, f"打开文件夹“{p.parent if p.is_file() else p}”")
    elif plat == "darwin":
        _spawn(["open", "-R", str(p)] if p.is_file() else ["open", str(p)], f"打开文件夹“{p.parent}”")
    else:
        folder = p.parent if p.is_file() else p
        opener = shutil.which("xdg-open")
        if not opener:
            raise OpenError(f"无法打开文件夹“{folder}”：系统中没有文件管理器（xdg-open）。请手动前往该文件夹。")
        _spawn([opener, str(folder)], f"打开文件夹“{folder}”")


def _print_windows(p: Path) -> str:
    """The ``print`` verb of the file's program; a program without one (WPS registers none for .docx on
    some PCs: WinError 1155 for "print" while "open" works) gets the file opened for printing instead."""
    try:
        _startfile(p, "print", "打印")
    except OpenError as exc:
        if getattr(exc.__cause__, "winerror", None) not in _NO_ASSOCIATION:
            raise
        _startfile(p, None, "打印")  # no program at all: the "no default program" message from here
        return (f"“{p.name}”的默认程序不支持直接打印，已用它打开该文件：请在其中选择“文件 → 打印”"
                "（Ctrl+P）打印。")
    return (f"已将“{p.name}”交给默认程序（Word 或 WPS）打印到默认打印机：程序会在后台打开并打印，"
            "可能需要十几秒；若打印机没有出纸，请检查默认打印机的设置。")


def print_file(path: str | os.PathLike) -> str:
    """Send ``path`` to the default printer through its default application (or the print spooler);
    returns what happened, in Chinese, for the user to read (printing gives no other feedback)."""
    p = _existing(path)
    plat = _platform()
    if plat == "win32":
        return _print_windows(p)
    spooler = shutil.which("lp") or shutil.which("lpr")
    if spooler and p.suffix.lower() in SPOOLABLE:
        try:
            proc = subprocess.run([spooler, str(p)], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            raise OpenError(f"无法打印“{p.name}”：{exc}。") from exc
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise OpenError(f"无法打印“{p.name}”：打印服务返回错误（{detail[-1] if detail else proc.returncode}）。"
                            "请检查是否已设置默认打印机。")
        return f"已将“{p.name}”发送到默认打印机。"
    # A .docx cannot go to the spooler as is: open it so the user prints from Word/WPS/LibreOffice.
    opener = "open" if plat == "darwin" else shutil.which("xdg-open")
    if not opener:
        raise _no_app(p, "打印")
    _spawn([opener, str(p)], f"打开“{p.name}”以便打印")
    return f"已用默认程序打开“{p.name}”：请在其中选择“文件 → 打印”打印。"
