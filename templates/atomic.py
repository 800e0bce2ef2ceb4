"""Writing a file so that it is either the old or the new one, never half (light: no rendering stack)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from templates import oserror


class RenderError(Exception):
    """A document could not be written; ``str()`` is a Chinese message for the user."""


#: Pauses (seconds) between tries when the target is locked: antivirus scanners and sync tools (OneDrive,
#: 坚果云, WPS 云文档) hold a fresh file for a moment; a file open in Word stays locked (about 1.5 s in all).
RETRY_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.8)


def office_lock_file(path: Path) -> Path | None:
    """The owner file Word/WPS keep next to an open document (``~$`` + the name, Word drops the first two
    characters of a long name), or None when there is none: the document is open in Word or WPS."""
    name = path.name
    for candidate in {"~$" + name, "~$" + name[2:]}:
        lock = path.with_name(candidate)
        if lock.exists():
            return lock
    return None


def permission_message(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be replaced, told apart: open in Word/WPS, read-only, no right to the
    folder, or held by another program (antivirus, sync) even after the retries."""
    folder = path.parent
    if office_lock_file(path) is not None:
        return f"无法写入“{path}”：该文件正在 Word 或 WPS 中打开，请先关闭它，再重试。原文件未被改动。"
    if path.exists() and not os.access(path, os.W_OK):
        return f"无法写入“{path}”：该文件被设为只读。请在文件属性中取消“只读”，或换一个文件名。原文件未被改动。"
    if not os.access(folder, os.W_OK):
        return (f"无法写入“{path}”：没有在文件夹“{folder}”中写入文件的权限。请在 设置 → 文书保存位置 中选择"
                "有权限的文件夹，或请管理员开通权限。")
    return (f"无法写入“{path}”：文件正被其他程序占用（可能是杀毒软件、网盘同步程序，或打开了它的其他程序），"
            "已等待重试仍未释放。请稍后再试，或关闭占用它的程序后重试。原文件未被改动。")


def _replace(tmp: str, path: Path) -> None:
    """``os.replace`` with a few short retries while the target is locked (PermissionError)."""
    for pause in RETRY_PAUSES:
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            time.sleep(pause)
    os.replace(tmp, path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise RenderError(f"无法在“{folder}”中写入文件：没有在该文件夹中写入的权限。请在 设置 → 文书保存位置 中"
                          "选择有权限的文件夹，或请管理员开通权限。") from exc
    except OSError as exc:
        raise RenderError(f"无法在“{folder}”中写入文件：{oserror.reason(exc)}。请检查文件夹是否存在、是否有写入权限。") from exc
    try:
        try:
            fh = os.fdopen(fd, "wb")
        except BaseException:
            # Windows cannot remove a file that is still open: without this the temporary file stays
            # (seen under Wine: the unlink below failed and left ".~a….tmp" beside the document)
            os.close(fd)
            raise
        with fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in (32, 33):
            msg = permission_message(path, exc)
        elif exc.errno == 28:
            msg = f"无法写入“{path}”：磁盘空间不足，请清理磁盘后重试。原文件未被改动。"
        else:
            msg = f"无法写入“{path}”：{oserror.reason(exc)}。原文件未被改动。"
        raise RenderError(msg) from exc
