"""Every test runs with its own empty data folder and Qt offscreen."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def wenshu_home(tmp_path, monkeypatch):
    home = tmp_path / "wenshu-home"
    home.mkdir()
    monkeypatch.setenv("WENSHU_HOME", str(home))
    monkeypatch.delenv("WENSHU_DATABASE", raising=False)  # office mode only where a test asks (office_db)
    return home


class Clock:
    """A clock for ``CaseService(clock=...)`` that moves only when told to."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def shown_window(qtbot, service=None):
    """The main window (with the sample case) over ``service`` (default: one on a fresh store), shown."""
    from desktop.app import open_main_window
    from wenshu.store import Store

    w = open_main_window(Store()) if service is None else open_main_window(service=service)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def make_window(qtbot):
    """``make_window(service=None)``: another main window, shown (``shown_window``)."""
    return lambda service=None: shown_window(qtbot, service)


@pytest.fixture
def window(qtbot):
    """The main window over a fresh store (with the sample case), shown offscreen."""
    w = shown_window(qtbot)
    yield w
    w.flush()


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 20, 11, 0))


@pytest.fixture
def clocked_window(qtbot, clock):
    """The main window whose case service reads "now" from ``clock``."""
    from wenshu.service import CaseService
    from wenshu.store import Store

    w = shown_window(qtbot, CaseService(Store(), clock=clock))
    yield w
    w.flush()


@pytest.fixture
def number_store():
    """The number registry of this test's data folder."""
    from wenshu.registry import open_store

    s = open_store()
    yield s
    s.close()


# --- office mode (issue 16): a fresh PostgreSQL database per test (tests/pg_helpers.py) ---------------
@pytest.fixture
def office_db():
    """The superuser URL of a new, empty office database (schema created); dropped afterwards."""
    from pg_helpers import create_database, drop_database

    from wenshu.pg.conn import connect, ensure_schema

    url = create_database()
    conn = connect(url)
    ensure_schema(conn)
    conn.close()
    yield url
    drop_database(url)
