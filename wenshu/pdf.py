"""From .docx to PDF with the office suite the machine has (DOMAIN.md §14), and what a PDF holds.

One interface, :class:`Converter` — ``convert(docx_files, out_dir, progress, cancel)`` gives one PDF per
file, in order — with back ends chosen by what is installed:

- Word (``Word.Application``) and WPS (``KWPS.Application``) through COM on Windows (pywin32). COM objects
  live in the thread that made them, so each conversion runs in ONE worker thread of its own, which
  creates the application, converts, and always calls ``Quit`` (an office process is never left behind);
- LibreOffice headless (``soffice``) where installed: all files in one call (one start-up), progress read
  from the PDFs as they appear, cancel by ending that process (our own, by its id).

:func:`find_converter` picks the first that works (the setting ``pdf_converter`` may name one: ``word``,
``wps``, ``libreoffice``); none at all raises :class:`NoConverter` whose message says in Chinese what to
install. Cancelling raises :class:`Cancelled`. Nothing here knows of a screen: progress is a callback
``progress(done, total, name)`` and cancel a callable returning True when the user asked to stop.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]

INSTALL_HINT = ("本机没有可用于生成 PDF 的办公软件。请安装以下任一软件后重试：Microsoft Word、WPS Office"
                "（Windows），或 LibreOffice（可从 https://zh-cn.libreoffice.org 免费下载）。")


class PdfError(Exception):
    """A conversion failed; ``str()`` is Chinese."""


class NoConverter(PdfError):
    """No back end is installed (the message names what to install)."""


class Cancelled(PdfError):
    """The user cancelled; the PDFs written so far are left in the caller's temporary folder."""

    def __init__(self, message: str = "已取消生成 PDF。"):
        super().__init__(message)


class Converter:
    """A back end: ``name`` is what the user is told (“LibreOffice”, “Microsoft Word”, “WPS Office”)."""

    name = ""

    def convert(self, files: Sequence[Path], out_dir: Path, progress: Progress | None = None,
                cancel: Cancel | None = None) -> list[Path]:
        raise NotImplementedError


def _pdf_name(src: Path, out_dir: Path) -> Path:
    return out_dir / (src.stem + ".pdf")


def _check_inputs(files: Sequence[Path]) -> list[Path]:
    paths = [Path(f) for f in files]
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise PdfError("要转换的文件中有同名文件，无法分别生成 PDF。")
    for p in paths:
        if not p.is_file():
            raise PdfError(f"找不到文件“{p}”，无法生成 PDF。")
    return paths


# --- LibreOffice -----------------------------------------------------------------------------------
class LibreOffice(Converter):
    name = "LibreOffice"

    def __init__(self, program: str):
        self.program = program
        self._profile = Path(tempfile.mkdtemp(prefix="wenshu-lo-"))  # its own profile: never the user's

    def convert(self, files, out_dir, progress=None, cancel=None):
        paths = _check_inputs(files)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        if not paths:
            return []
        targets = [_pdf_name(p, out_dir) for p in paths]
        for t in targets:
            t.unlink(missing_ok=True)
        argv = [self.program, "--headless", "--norestore", "--nolockcheck",
                f"-env:UserInstallation={self._profile.as_uri()}", "--convert-to", "pdf",
                "--outdir", str(out_dir), *map(str, paths)]
        kwargs = {"creationflags": 0x08000000} if sys.platform == "win32" else {}  # CREATE_NO_WINDOW
        try:
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
        except OSError as exc:
            raise PdfError(f"无法启动 LibreOffice：{exc.strerror or exc}。") from None
        reported = -1
        try:
            while True:
                done = sum(1 for t in targets if t.exists())
                if progress and done != reported:
                    reported = done
                    progress(done, len(paths), paths[min(done, len(paths) - 1)].stem)
                if proc.poll() is not None:
                    break
                if cancel and cancel():
                    proc.kill()
                    proc.wait()
                    raise Cancelled()
                time.sleep(0.1)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        missing = [p.name for p, t in zip(paths, targets, strict=True) if not t.exists()]
        if missing:
            raise PdfError(f"LibreOffice 未能把 {'、'.join(missing)} 转换为 PDF。")
        if progress:
            progress(len(paths), len(paths), "")
        return targets


# --- Word / WPS through COM ---------------------------------------------------------------------------
class OfficeCom(Converter):
    """Word or WPS (the same object model) in one worker thread; ``Quit`` always called."""

    WD_FORMAT_PDF = 17

    def __init__(self, progid: str, name: str):
        self.progid = progid
        self.name = name

    def convert(self, files, out_dir, progress=None, cancel=None):
        paths = _check_inputs(files)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        events: queue.Queue = queue.Queue()
        worker = threading.Thread(target=self._work, args=(paths, out_dir, events, cancel), daemon=True,
                                  name=f"pdf-{self.progid}")
        worker.start()
        while True:
            kind, *rest = events.get()
            if kind == "progress" and progress:
                progress(*rest)
            elif kind == "done":
                worker.join()
                if progress:
                    progress(len(paths), len(paths), "")
                return rest[0]
            elif kind == "error":
                worker.join()
                raise rest[0]

    def _work(self, paths: list[Path], out_dir: Path, events: queue.Queue, cancel: Cancel | None) -> None:
        try:
            import pythoncom  # type: ignore[import-not-found]
            import win32com.client  # type: ignore[import-not-found]
        except ImportError:
            events.put(("error", PdfError(f"缺少 pywin32 组件，无法调用{self.name}。")))
            return
        pythoncom.CoInitialize()
        app = None
        try:
            app = win32com.client.DispatchEx(self.progid)
            app.Visible = False
            try:
                app.DisplayAlerts = 0
            except Exception:  # noqa: S110 (WPS may not have it)
                pass
            out = []
            for i, src in enumerate(paths):
                if cancel and cancel():
                    raise Cancelled()
                events.put(("progress", i, len(paths), src.stem))
                target = _pdf_name(src, out_dir)
                doc = app.Documents.Open(str(src.resolve()), ReadOnly=True, AddToRecentFiles=False)
                try:
                    doc.ExportAsFixedFormat(str(target.resolve()), self.WD_FORMAT_PDF)
                finally:
                    doc.Close(False)
                if not target.exists():
                    raise PdfError(f"{self.name}未能把 {src.name} 转换为 PDF。")
                out.append(target)
            events.put(("done", out))
        except PdfError as exc:
            events.put(("error", exc))
        except Exception as exc:  # a COM error: say which program, in Chinese
            events.put(("error", PdfError(f"{self.name}转换 PDF 时出错：{exc}")))
        finally:
            if app is not None:
                try:
                    app.Quit()
                except Exception:  # noqa: S110 (already gone)
                    pass
            pythoncom.CoUninitialize()


def _com_registered(progid: str) -> bool:
    if sys.platform != "win32":
        return False
    try:
        import winreg

        winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, progid))
    except OSError:
        return False
    try:
        import win32com.client  # noqa: F401  # type: ignore[import-not-found]
    except ImportError:
        return False
    return True


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")):
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.exists():
                return str(candidate)
    return None


#: back ends in order of preference: setting name → (is it here?, make it)
BACKENDS: dict[str, tuple[Callable[[], bool], Callable[[], Converter]]] = {
    "word": (lambda: _com_registered("Word.Application"), lambda: OfficeCom("Word.Application", "Microsoft Word")),
    "wps": (lambda: _com_registered("KWPS.Application"), lambda: OfficeCom("KWPS.Application", "WPS Office")),
    "libreoffice": (lambda: _soffice() is not None, lambda: LibreOffice(_soffice() or "soffice")),
}
BACKEND_TITLES = {"word": "Microsoft Word", "wps": "WPS Office", "libreoffice": "LibreOffice"}


def available() -> list[str]:
    """The back ends this machine has, best first."""
    return [name for name, (here, _make) in BACKENDS.items() if here()]


def find_converter(preferred: str | None = None) -> Converter:
    """The converter to use: ``preferred`` (a setting) when it is here, else the first available."""
    names = available()
    if preferred and preferred not in ("", "auto"):
        if preferred not in BACKENDS:
            raise NoConverter(f"设置中的 PDF 转换软件“{preferred}”无法识别，可选：word、wps、libreoffice、auto。")
        if preferred in names:
            return BACKENDS[preferred][1]()
    if not names:
        raise NoConverter(INSTALL_HINT)
    return BACKENDS[names[0]][1]()


# --- what a PDF holds ------------------------------------------------------------------------------
def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def merge(parts: Sequence[tuple[Path, str]], target: Path) -> list[int]:
    """One PDF of ``parts`` (file, bookmark title) in order, a bookmark at each part's first page; written
    to a temporary file and renamed. Returns each part's first page (1-based)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    firsts = []
    for path, title in parts:
        start = len(writer.pages)
        for page in PdfReader(str(path)).pages:
            writer.add_page(page)
        writer.add_outline_item(title=title, page_number=start)
        firsts.append(start + 1)
    writer.page_mode = "/UseOutlines"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            writer.write(f)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return firsts


def bookmarks(pdf: Path) -> list[tuple[str, int]]:
    """The top-level bookmarks of a PDF: (title, 1-based page)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return [(item.title, reader.get_destination_page_number(item) + 1)
            for item in reader.outline if not isinstance(item, list)]
