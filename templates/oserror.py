"""What went wrong with a file, in Chinese: the system's own text (``strerror``) is English on most PCs."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "找不到该文件或文件夹",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘为只读",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EEXIST: "同名文件已存在",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EIO: "磁盘读写出错",
    errno.EMFILE: "同时打开的文件过多",
    errno.EINVAL: "文件名中有无效字符",
    errno.EXDEV: "不能跨磁盘移动文件",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "超出磁盘配额"


def reason(exc: BaseException) -> str:
    """``磁盘空间不足`` for an ``OSError`` with ENOSPC; a Windows sharing violation is "被占用"."""
    if getattr(exc, "winerror", None) in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被其他程序（如 Word）打开或占用"
    code = getattr(exc, "errno", None)
    if code in _REASONS:
        return _REASONS[code]
    if isinstance(exc, PermissionError):
        return "没有访问权限"
    if isinstance(exc, FileNotFoundError):
        return "找不到该文件或文件夹"
    return f"系统错误（代码 {code}）" if code is not None else "系统错误"
