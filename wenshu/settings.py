"""The agency's settings (agency name, region, 代字 overrides, rule set, font profile) and roster.

Stored as ``settings.json`` in the data folder; every value has a default so a fresh install works.
"""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

from templates.kinds import UnknownKind, get_kind
from validators.context import CheckContext
from validators.rulebook import DEFAULT_RULE_SET
from wenshu.paths import data_dir

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "agency": {"name": "神池县应急管理局", "region": "晋忻神", "short": "神应急"},
    "rule_set": DEFAULT_RULE_SET,
    "font_profile": "auto",
    "kind_codes": {},  # kind → 文种代字 override of the kind's default
    # the case file's binding order after the 案卷（首页）: these kinds first, then the procedure order
    "archive_binding_order": ["case_file_index", "penalty_decision", "delivery_receipt"],
    "pdf_converter": "auto",  # auto, word, wps, libreoffice (wenshu.pdf)
}


def settings_path():
    return data_dir() / "settings.json"


def load_settings() -> dict[str, Any]:
    merged = copy.deepcopy(DEFAULTS)
    path = settings_path()
    if path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(stored, dict):
                merged.update(stored)
        except (OSError, ValueError):
            log.warning("设置文件 %s 无法读取，已使用默认设置。", path)
    # --- agency profile (issue 19, wenshu/profile.py): the agency's own templates, as files ---
    from wenshu.profile import template_files

    merged["template_files"] = template_files(merged)
    return merged


def save_settings(settings: dict[str, Any]) -> None:
    from wenshu.jsonio import write_json_file

    write_json_file(settings_path(), settings)


def load_context(kind_name: str = "") -> CheckContext:
    """A check context with the current moment, the settings, the kind's metadata (``x-wenshu``; empty for
    an unknown kind), and the roster when one is kept."""
    try:
        meta = get_kind(kind_name).meta
    except UnknownKind:
        meta = {}
    from templates.law_library import set_extra_dirs

    set_extra_dirs([data_dir() / "laws"])  # the agency's own laws and regulations, as data
    ctx = CheckContext(kind=kind_name, meta=meta, settings=load_settings())
    try:
        from wenshu.roster import load_roster
    except ImportError:
        return ctx
    from wenshu.store import StoreError

    try:
        ctx.roster = load_roster()
    except StoreError as exc:  # never an "ok" that silently skipped the certificate check
        raise StoreError(f"{exc}因此无法核对执法人员证件的有效期，本次未作检查。") from None
    return ctx
