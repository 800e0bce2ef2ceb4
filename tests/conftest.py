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


@pytest.fixture
def window(qtbot):
    """The main window over a fresh store (with the sample case), shown offscreen."""
    from desktop.app import open_main_window
    from wenshu.store import Store

    w = open_main_window(Store())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.flush()


@pytest.fixture
def number_store():
    """The number registry of this test's data folder."""
    from wenshu.registry import open_store

    s = open_store()
    yield s
    s.close()
