"""Every test runs with its own empty data folder and Qt offscreen."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def wenshu_home(tmp_path, monkeypatch):
    home = tmp_path / "wenshu-home"
    home.mkdir()
    monkeypatch.setenv("WENSHU_HOME", str(home))
    return home
