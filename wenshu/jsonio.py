"""Reading users' JSON files with Chinese messages, and writing JSON atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from templates.render import atomic_write


class InputError(Exception):
    """Unusable input (missing file, not JSON, wrong shape); ``str()`` is a Chinese message."""


def read_json_file(path: str | Path) -> Any:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到文件“{path}”，请检查路径。") from None
    except IsADirectoryError:
        raise InputError(f"“{path}”是文件夹，请指定一个 JSON 文件。") from None
    except OSError as exc:
        raise InputError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"文件“{path}”不是 UTF-8 编码的文本，请另存为 UTF-8 后重试。") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"文件“{path}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误。"
        ) from None
    except RecursionError:
        raise InputError(f"文件“{path}”嵌套层次过深，无法读取。") from None


def read_json_object(path: str | Path) -> dict:
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise InputError(f"文件“{path}”的内容应为一个 JSON 对象（以 {{ 开头），而不是{_kind_cn(data)}。")
    return data


def _kind_cn(value: Any) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, bool):
        return "是或否"
    if isinstance(value, (int, float)):
        return "数字"
    if value is None:
        return "空值"
    return "其他内容"


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def write_json_file(path: str | Path, obj: Any) -> None:
    atomic_write(Path(path), (dumps(obj) + "\n").encode("utf-8"))
