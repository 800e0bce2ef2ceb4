"""Writing a file so that it is either the old or the new one, never half (light: no rendering stack)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from templates import oserror


class RenderError(Exception):
    """A document could not be written; ``str()`` is a Chinese message for the user."""


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RenderError(f"无法在“{folder}”中写入文件：{oserror.reason(exc)}。请检查文件夹是否存在、是否有写入权限。") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, PermissionError):
            msg = f"无法写入“{path}”：文件可能正被 Word 等程序打开，请关闭后重试。"
        elif exc.errno == 28:
            msg = f"无法写入“{path}”：磁盘空间不足，请清理磁盘后重试。原文件未被改动。"
        else:
            msg = f"无法写入“{path}”：{oserror.reason(exc)}。原文件未被改动。"
        raise RenderError(msg) from exc
