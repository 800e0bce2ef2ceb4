"""PySide6's import hook does not read the source of the modules imported after the window (issue 17: the
app's memory and start time at an agency's size)."""

from __future__ import annotations

import linecache
import sys

import desktop  # noqa: F401 — as every part of the app imports it first


def test_a_module_imported_after_pyside_is_not_read_as_source(tmp_path, monkeypatch):
    (tmp_path / "wenshu_probe_module.py").write_text("VALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    module = __import__("wenshu_probe_module")  # the import statement (the hook replaces __import__)
    try:
        assert module.VALUE == 42
        assert str(tmp_path / "wenshu_probe_module.py") not in linecache.cache
    finally:
        sys.modules.pop("wenshu_probe_module", None)
