"""A PostgreSQL server for the office-mode tests (DOMAIN.md §13), and a fresh database per test.

The server is ``WENSHU_TEST_DATABASE`` (a URL of a superuser on a throwaway cluster; ``.ci/run`` starts one
with ``.ci/postgres start`` and exports it). Without it, a developer's machine starts the same throwaway
cluster; in CI (``CI`` set) a missing server is a FAILURE, never a skip: these tests are how office mode
is known to work.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_SERVER: dict[str, str] = {}


def server_url() -> str:
    """The superuser URL of the test server (its ``wenshu`` database)."""
    if "url" in _SERVER:
        return _SERVER["url"]
    url = os.environ.get("WENSHU_TEST_DATABASE", "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail("WENSHU_TEST_DATABASE is not set: CI must start PostgreSQL (.ci/postgres start in .ci/run)")
        done = subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "start"], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail("no PostgreSQL for the office-mode tests: " + done.stderr.strip()
                        + " (bash .ci/system-deps install postgres; or set WENSHU_TEST_DATABASE)")
        url = done.stdout.strip().splitlines()[-1]
    _SERVER["url"] = url
    return url


def with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def admin(url: str | None = None):
    import psycopg

    return psycopg.connect(url or server_url(), autocommit=True)


def create_database() -> str:
    """A new empty database on the test server; its superuser URL."""
    name = "t_" + uuid.uuid4().hex[:12]
    with admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(server_url(), name)


def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def login_url(url: str, login: str) -> str:
    """The same database as another login (the test cluster trusts local connections)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{login}@{rest.split('@', 1)[1]}"
