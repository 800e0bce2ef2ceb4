"""Reading users' JSON files with Chinese messages, and writing JSON atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from templates import oserror
from templates.atomic import atomic_write


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
        raise InputError(f"无法读取文件“{path}”：{oserror.reason(exc)}。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"文件“{path}”不是 UTF-8 编码的文本，请另存为 UTF-8 后重试。") from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"文件“{path}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误。"
        ) from None
    except _DuplicateKey as exc:
        raise InputError(f"文件“{path}”中“{exc.key}”出现了不止一次，无法确定以哪一处为准，请删去多余的一处。") from None
    except ValueError:  # e.g. an integer of thousands of digits (Python refuses to convert it)
        raise InputError(f"文件“{path}”中有位数过多的数字，不是可用的内容，请核对。") from None
    except RecursionError:
        raise InputError(f"文件“{path}”嵌套层次过深，无法读取。") from None


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object whose keys are all different (``{"a": 1, "a": 2}`` is refused, not half-read)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


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
