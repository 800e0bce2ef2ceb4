"""Load document kinds from their folders.

A kind is the folder ``templates/<kind>/`` holding:

- ``schema.json`` — JSON Schema of the answers, with Chinese ``title``/``description`` on every field,
  UI hints (``x-widget``, ``x-placeholder``), per-field checks (``x-check``) and, under ``x-wenshu``, the
  kind's metadata: ``title``, ``code`` (文种代字 or null), ``record`` (carries the six elements),
  ``stage`` and ``order`` (its place in the procedure), ``rules`` (document rules to run) and ``steps``
  (the wizard's pages: ``[{"title": ..., "fields": [...]}]``).
- ``template.docx`` — the docxtpl template.
- ``sample.json`` — sample answers that validate with no error.

``{"$ref": "common#/$defs/NAME"}`` in a schema points into ``templates/common.json`` and is inlined on load.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from templates import law_library  # noqa: F401  (registers the law table with validators.law)
from validators.numbers import register_default_codes

ROOT = Path(__file__).resolve().parent
COMMON_FILE = ROOT / "common.json"


class UnknownKind(LookupError):
    """Raised for a kind name that has no folder; ``str()`` is a Chinese message."""

    def __init__(self, name: str):
        super().__init__(f"未知的文书种类“{name}”。可用种类请运行 wenshu kinds 查看。")
        self.name = name


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    code: str | None
    record: bool
    stage: str
    order: int
    folder: Path
    schema: dict = field(repr=False, compare=False)

    @property
    def meta(self) -> dict:
        return self.schema.get("x-wenshu", {})

    @property
    def template_path(self) -> Path:
        return self.folder / "template.docx"

    @property
    def steps(self) -> list[dict]:
        return list(self.meta.get("steps") or [])

    def sample(self) -> dict:
        """A fresh copy of the kind's sample answers."""
        return copy.deepcopy(_read_json(self.folder / "sample.json"))

    def field_schema(self, json_pointer: str) -> dict | None:
        """The sub-schema describing the value at ``json_pointer`` (``/officers/0/name``)."""
        node: Any = self.schema
        for part in [p for p in json_pointer.split("/")[1:]]:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict):
                return None
            if node.get("type") == "array" or "items" in node:
                node = node.get("items")
            else:
                node = (node.get("properties") or {}).get(part)
        return node if isinstance(node, dict) else None


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _common_defs() -> dict:
    if COMMON_FILE.exists():
        return _read_json(COMMON_FILE).get("$defs", {})
    return {}


#: Texts of a schema a user reads (form labels, hints, 下一步's reasons): seeds cited by their Chinese names.
_SHOWN_KEYS = frozenset({"title", "description", "why", "x-pattern-hint"})


def _prepare(node: Any, depth: int = 0) -> Any:
    """The schema as the app uses it, in one walk: every ``common#/$defs/…`` reference replaced by its
    definition (local title/description override the shared one) and each text a user reads citing the
    seeds by their Chinese names. Containers are rebuilt, so the shared definitions are never changed."""
    from validators.citations import cite_cn

    if depth > 20:
        raise ValueError("schema $ref nesting too deep")
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("common#/$defs/"):
            target = dict(_common_defs()[ref.split("/")[-1]])
            target.update((k, v) for k, v in node.items() if k != "$ref")
            return _prepare(target, depth + 1)
        return {k: (cite_cn(v) if k in _SHOWN_KEYS and isinstance(v, str) else _prepare(v, depth + 1))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_prepare(v, depth + 1) for v in node]
    return node


def _load(folder: Path) -> Kind:
    schema = _prepare(_read_json(folder / "schema.json"))
    meta = schema.get("x-wenshu", {})
    return Kind(
        name=folder.name,
        title=meta.get("title") or schema.get("title") or folder.name,
        code=meta.get("code"),
        record=bool(meta.get("record")),
        stage=meta.get("stage", ""),
        order=int(meta.get("order", 1000)),
        folder=folder,
        schema=schema,
    )


@cache
def _all() -> dict[str, Kind]:
    kinds = [_load(p.parent) for p in sorted(ROOT.glob("*/schema.json")) if not p.parent.name.startswith("_")]
    kinds.sort(key=lambda k: (k.order, k.name))
    return {k.name: k for k in kinds}


def all_kinds() -> list[Kind]:
    """Every kind, in procedure order (立案 → 检查/询问 → 告知 → 审核/讨论 → 决定 → 送达 → 结案)."""
    return list(_all().values())


def get_kind(name: str) -> Kind:
    try:
        return _all()[name]
    except (KeyError, TypeError):
        raise UnknownKind(str(name)) from None


def _default_codes() -> dict[str, str | None]:
    return {k.name: k.code for k in _all().values()}


# validators/ knows no kinds (it imports nothing above it): it learns each kind's default 文种代字 here,
# read when a code is first asked for.
register_default_codes(_default_codes)
