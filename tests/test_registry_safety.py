"""No number twice, even when the registry file is lost, emptied, read-only or fed an absurd number
(DOMAIN.md §11)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from validators.numbers import check_number
from wenshu.registry import ImportRow, RegistryError, open_store
from wenshu.registry import sqlite as registry_sqlite
from wenshu.registry.base import gap_ranges

P = "（晋忻神）应急罚"


def wenshu(*args) -> tuple[int, object, str]:
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True, encoding="utf-8",
                          env=dict(os.environ, PYTHONUTF8="1"), timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else None, proc.stderr


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_a_registry_that_existed_and_is_now_empty_or_missing_issues_nothing(damage):
    store = open_store()
    assert store.allocate(P, 2026).seq == 1
    path = store.path
    store.close()
    if damage == "truncate":
        path.write_bytes(b"")
    else:
        path.unlink()
    code, out, err = wenshu("number", "next", P, "--year", "2026")
    assert code == 2 and "原已建立" in err and "备份" in err
    assert (not path.exists()) or path.stat().st_size == 0  # nothing was re-created
    with pytest.raises(RegistryError, match="不会重新建立"):
        open_store()


def test_a_new_data_folder_starts_its_registry():
    code, out, _ = wenshu("number", "next", P, "--year", "2026")
    assert code == 0 and out["seq"] == 1


def test_an_absurd_sequence_is_refused_and_the_sequence_goes_on():
    store = open_store()
    with pytest.raises(RegistryError, match="超过 99999"):
        store.import_existing([ImportRow(f"{P}〔2026〕9223372036854775807号")])
    store.import_existing([ImportRow(f"{P}〔2026〕99998号")])
    assert store.report(P, 2026).gaps == [(1, 99997)]  # one range, not 99997 numbers
    assert store.allocate(P, 2026).seq == 99999
    with pytest.raises(RegistryError, match="上限"):
        store.allocate(P, 2026)
    store.close()
    assert [f["code"] for f in check_number(f"{P}〔2026〕100000号")["findings"]] == ["number.seq_too_large"]


def test_gap_ranges():
    assert gap_ranges([4, 6, 6, 2]) == [(1, 1), (3, 3), (5, 5)]
    assert gap_ranges([]) == [] and gap_ranges([1, 2, 3]) == []


def test_a_read_only_registry_still_lists_but_takes_no_number(monkeypatch):
    store = open_store()
    store.allocate(P, 2026)
    store.close()
    real = sqlite3.connect

    class ReadOnlyFile:  # the connection a read-only file gives: reading works, switching to WAL does not
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql.startswith("PRAGMA journal_mode"):
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return self._conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._conn, name)

    def connect(target, *args, **kwargs):
        conn = real(target, *args, **kwargs)
        return conn if kwargs.get("uri") else ReadOnlyFile(conn)

    monkeypatch.setattr(registry_sqlite.sqlite3, "connect", connect)
    store = open_store()
    assert store.read_only and [r.seq for r in store.records(P, 2026)] == [1]
    with pytest.raises(RegistryError, match="只读"):
        store.allocate(P, 2026)
    store.close()
