"""The law library as data: ``templates/laws/<简称>.text.json`` (the official text, extracted word for word
by ``tools/extract_law.py``) and, optionally, ``<简称>.liability.json`` (the 法律责任 chapter annotated by
hand: subjects, penalty kinds, fine ranges, duty articles; each entry ``verified`` or not).

A further law or regulation is added by dropping these two files into ``templates/laws/`` or into an
extra folder given to ``load_laws`` (the agency's ``laws/`` in the data folder) — no code. The table is
registered with ``validators.law_table`` (read by ``validators.law``) on import, as the kinds' 代字 are registered with validators.numbers.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from validators.law_table import register_law_table

LAWS_DIR = Path(__file__).resolve().parent / "laws"
_extra_dirs: list[Path] = []


class LawDataError(Exception):
    """A law file that cannot be used; ``str()`` is a Chinese message."""


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LawDataError(f"法律数据文件“{path.name}”无法读取：{type(exc).__name__}。") from None


def _load_dir(folder: Path) -> dict[str, dict]:
    laws: dict[str, dict] = {}
    if not folder.is_dir():
        return laws
    for text_file in sorted(folder.glob("*.text.json")):
        data = _read(text_file)
        if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
            raise LawDataError(f"法律数据文件“{text_file.name}”缺少条文（articles）。")
        short = data.get("short") or text_file.name.removesuffix(".text.json")
        law = {
            "title": data.get("title") or short,
            "short": short,
            "version": data.get("version", ""),
            "source": data.get("source", ""),
            "aliases": data.get("aliases", []),
            "articles": {int(a["number"]): a for a in data["articles"]},
            "provisions": [],
            "markers": {},
            "subjects": {},
        }
        liability = text_file.with_name(f"{text_file.name.removesuffix('.text.json')}.liability.json")
        if liability.exists():
            ann = _read(liability)
            if not isinstance(ann, dict):
                raise LawDataError(f"法律责任标注文件“{liability.name}”格式不正确。")
            law["provisions"] = ann.get("provisions") or []
            law["markers"] = ann.get("markers") or {}
            law["subjects"] = ann.get("subjects") or {}
            law["note"] = ann.get("note", "")
        laws[short] = law
    return laws


def set_extra_dirs(folders: list[Path]) -> None:
    """Folders with the agency's own law files (read after the shipped ones; same short name replaces)."""
    _extra_dirs[:] = [Path(f) for f in folders]


def _stamp(folder: Path) -> tuple:
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.json")))
    except OSError:
        return ()


def load_laws() -> dict[str, dict]:
    """Every law: the shipped ones, then the extra folders' (re-read when a file there changes)."""
    return _load_all(tuple((str(f), _stamp(f)) for f in _extra_dirs))


@lru_cache(maxsize=4)
def _load_all(extra: tuple) -> dict[str, dict]:
    laws = _load_dir(LAWS_DIR)
    for folder, _changed in extra:
        try:
            laws.update(_load_dir(Path(folder)))
        except LawDataError:  # an agency's damaged file leaves the shipped laws in force
            continue
    return laws


def get_law(name: str) -> dict | None:
    from validators.law import find_law

    return find_law(name, load_laws())


register_law_table(load_laws)
