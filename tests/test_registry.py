"""The number registry: sequence, void, gaps, reuse on re-generation, crash recovery, damaged or locked
files, and network shares refused."""

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from wenshu.registry import (
    ALLOCATED,
    ISSUED,
    VOID,
    ImportRow,
    RegistryError,
    issue_document,
    open_store,
)
from wenshu.registry.sqlite import SqliteNumberStore, network_filesystem, refuse_network_path

P = "（晋忻神）应急罚"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store():
    s = open_store()
    yield s
    s.close()


def seqs(records):
    return [r.seq for r in records]


def test_store_lives_under_wenshu_home(wenshu_home, store):
    store.allocate(P, 2026)
    assert (wenshu_home / "numbers.sqlite3").is_file()


def test_numbers_follow_in_sequence_per_prefix_and_year(store):
    got = [store.allocate(P, 2026, who="张三").number for _ in range(3)]
    assert got == [f"{P}〔2026〕{i}号" for i in (1, 2, 3)]
    assert store.allocate(P, 2025).seq == 1
    assert store.allocate("（晋忻神）应急罚告", 2026).seq == 1
    assert store.allocate("神应急字", 2026).number == "神应急字〔2026〕1号"
    rec = store.get(f"{P}〔2026〕2号")
    assert rec.who == "张三" and rec.state == ISSUED and rec.allocated_at


def test_prefix_written_with_half_width_parentheses_is_the_same_sequence(store):
    store.allocate("(晋忻神)应急罚", 2026)
    assert store.allocate(" （晋忻神）应急罚", 2026).seq == 2


def test_voided_number_is_kept_and_never_comes_back(store):
    for _ in range(3):
        store.allocate(P, 2026)
    voided = store.void(f"{P}〔2026〕3号", "文书填写错误，重新制作", who="李四")
    assert (voided.state, voided.void_reason, voided.voided_by) == (VOID, "文书填写错误，重新制作", "李四")
    assert store.allocate(P, 2026).seq == 4  # the one after the voided number
    store.void(f"{P}〔2026〕2号", "错号")
    assert store.allocate(P, 2026).seq == 5
    report = store.report(P, 2026)
    assert seqs(report.voided) == [2, 3]
    assert seqs(report.issued) == [1, 4, 5]
    assert report.gaps == []


def test_void_refuses_unknown_twice_and_without_reason(store):
    store.allocate(P, 2026)
    with pytest.raises(RegistryError, match="没有文号"):
        store.void(f"{P}〔2026〕9号", "错")
    with pytest.raises(RegistryError, match="作废原因"):
        store.void(f"{P}〔2026〕1号", "  ")
    store.void(f"{P}〔2026〕1号", "错")
    with pytest.raises(RegistryError, match="已于.*作废"):
        store.void(f"{P}〔2026〕1号", "又错")
    assert store.get(f"{P}〔2026〕1号").void_reason == "错"


def test_bad_prefix_or_year_is_refused_with_a_message(store):
    for prefix in ["应急罚〔2026〕", "（）应急罚", "", "123"]:
        with pytest.raises(RegistryError, match="前缀"):
            store.allocate(prefix, 2026)
    with pytest.raises(RegistryError, match="年份"):
        store.allocate(P, 1900)
    assert store.records() == []


def test_gap_report_lists_unused_and_voided_and_next_continues_after_the_highest(store):
    result = store.import_existing([
        ImportRow(f"{P}〔2026〕5号", date="2026-02-01"),
        ImportRow(f"{P}〔2026〕7号", state=VOID, void_reason="打印错误"),
    ])
    assert [r.number for r in result.imported] == [f"{P}〔2026〕5号", f"{P}〔2026〕7号"]
    report = store.report(P, 2026)
    assert report.gaps == [(1, 4), (6, 6)]
    assert seqs(report.voided) == [7] and report.voided[0].void_reason == "打印错误"
    assert store.allocate(P, 2026).seq == 8
    assert store.gaps(P, 2026) == [(1, 4), (6, 6)]  # gaps are reported as ranges, never filled


def test_import_is_all_or_nothing_and_skips_numbers_already_held(store):
    store.allocate(P, 2026)
    with pytest.raises(RegistryError, match="第3行"):
        store.import_existing([ImportRow(f"{P}〔2026〕4号"), ImportRow("乱码", origin="a.csv 第3行")])
    assert seqs(store.records(P, 2026)) == [1]
    result = store.import_existing([ImportRow(f"{P}〔2026〕1号"), ImportRow(f"{P}〔2026〕4号")])
    assert result.already == [f"{P}〔2026〕1号"]
    assert store.get(f"{P}〔2026〕1号").source == "app"


def test_regenerating_a_document_reuses_its_number(store):
    first = store.number_for_document(P, 2026, "案-1", "doc-1", who="张三")
    assert first.state == ALLOCATED and first.document_id == "doc-1" and first.case_id == "案-1"
    again = store.number_for_document(P, 2026, "案-1", "doc-1")
    assert again.number == first.number
    issued = store.confirm(first.number, "/cases/1/决定书.docx")
    assert issued.state == ISSUED and issued.path == "/cases/1/决定书.docx"
    assert store.number_for_document(P, 2026, "案-1", "doc-1").number == first.number
    assert store.number_for_document(P, 2026, "案-1", "doc-2").seq == 2
    assert store.for_document("doc-1").number == first.number
    with pytest.raises(RegistryError, match="已有文号"):
        store.allocate(P, 2026, document_id="doc-1")


def test_issued_document_keeps_its_number_even_in_a_later_year(store):
    rec = issue_document(store, P, 2026, "案-1", "doc-1", write=lambda number: "/x.docx")
    assert store.number_for_document(P, 2027, "案-1", "doc-1").number == rec.number


def test_unconfirmed_reservation_moved_to_another_prefix_is_voided_not_lost(store):
    old = store.number_for_document(P, 2026, "案-1", "doc-1")
    new = store.number_for_document("（晋忻神）应急罚告", 2026, "案-1", "doc-1")
    assert new.prefix == "（晋忻神）应急罚告"
    kept = store.get(old.number)
    assert kept.state == VOID and "原预留文号" in kept.void_reason
    assert store.allocate(P, 2026).seq == 2


def test_failed_write_keeps_the_number_bound_to_the_document(store, tmp_path):
    def fail(number):
        raise OSError("文件正被 Word 打开")

    with pytest.raises(OSError):
        issue_document(store, P, 2026, "案-1", "doc-1", write=fail)
    pending = store.pending()
    assert [(r.number, r.document_id) for r in pending] == [(f"{P}〔2026〕1号", "doc-1")]
    out = tmp_path / "决定书.docx"
    rec = issue_document(store, P, 2026, "案-1", "doc-1", write=lambda number: out.write_text(number) and out)
    assert rec.number == f"{P}〔2026〕1号" and rec.state == ISSUED and rec.path == str(out)
    assert store.pending() == []


CRASH = textwrap.dedent("""
    import os, sys
    from wenshu.registry import open_store
    rec = open_store().number_for_document("（晋忻神）应急罚", 2026, "案-1", sys.argv[1], who="张三")
    print(rec.number, flush=True)
    os._exit(9)  # the app dies before the document is written
""")


def _crash_after_allocation(document_id: str) -> str:
    # the child prints in UTF-8 as read here (on Windows a pipe gets the code page, 936, otherwise)
    proc = subprocess.run([sys.executable, "-c", CRASH, document_id], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 9, proc.stderr
    return proc.stdout.strip()


def test_crash_between_allocation_and_write_then_regeneration_confirms_the_same_number(store):
    number = _crash_after_allocation("doc-1")
    rec = store.get(number)
    assert rec.state == ALLOCATED and rec.document_id == "doc-1"
    assert [r.number for r in store.recover()] == [number]  # shown, nothing changed
    assert store.allocate(P, 2026).seq == 2  # never handed to anyone else
    again = issue_document(store, P, 2026, "案-1", "doc-1", write=lambda n: "/x.docx")
    assert again.number == number and again.state == ISSUED


def test_crash_between_allocation_and_write_then_recover_voids_the_reservation(store):
    number = _crash_after_allocation("doc-1")
    voided = store.recover(older_than=timedelta(hours=1), now=datetime.now() + timedelta(hours=2))
    assert [r.number for r in voided] == [number]
    assert store.get(number).state == VOID and "中断" in store.get(number).void_reason
    rec = store.number_for_document(P, 2026, "案-1", "doc-1")
    assert rec.seq == 2  # the voided reservation is not reused
    assert store.recover(older_than=timedelta(hours=1)) == []  # the fresh one is left alone


def _fill(path: Path, n: int = 3) -> None:
    s = SqliteNumberStore(path)
    for _ in range(n):
        s.allocate(P, 2026)
    s.close()


def test_file_that_is_not_a_registry_is_reported_and_left_untouched(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    junk = "这不是数据库".encode() * 200
    path.write_bytes(junk)
    with pytest.raises(RegistryError) as err:
        open_store()
    assert "损坏" in str(err.value) and str(path) in str(err.value)
    assert path.read_bytes() == junk
    with pytest.raises(RegistryError):  # no silent recreation on a second attempt either
        open_store().allocate(P, 2026)
    assert path.read_bytes() == junk


def test_damaged_registry_with_numbers_is_reported_and_not_overwritten(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    _fill(path)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 2 * page
    data[page:2 * page] = b"\xff" * page  # destroy the second page (table data)
    path.write_bytes(bytes(data))
    with pytest.raises(RegistryError) as err:
        s = open_store()
        s.records()
        s.allocate(P, 2026)
    assert "损坏" in str(err.value) and str(path) in str(err.value)
    assert path.read_bytes() == bytes(data)


def test_locked_registry_gives_a_message_after_the_timeout_and_loses_nothing(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    _fill(path, 2)
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another clerk's program is in the middle of writing
    try:
        s = SqliteNumberStore(path, timeout=0.2)
        with pytest.raises(RegistryError, match="占用") as err:
            s.allocate(P, 2026)
        assert "未取号" in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert s.allocate(P, 2026).seq == 3
    assert seqs(s.records(P, 2026)) == [1, 2, 3]
    s.close()


@pytest.mark.parametrize("path", [r"\\server\share\wenshu\numbers.sqlite3", r"\\192.168.1.5\公共\numbers.sqlite3"])
def test_registry_on_a_unc_network_share_is_refused(path, tmp_path, monkeypatch):
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(RegistryError, match="网络共享"):
        SqliteNumberStore(path)
    assert list(here.iterdir()) == []  # nothing created


def test_registry_on_a_mounted_network_file_system_is_refused(tmp_path):
    mounts = f"/dev/vda / ext4 rw 0 0\n//nas/office {tmp_path} cifs rw 0 0\n"
    assert network_filesystem(tmp_path / "numbers.sqlite3", mounts) == "cifs"
    assert network_filesystem(Path("/var/lib/x"), mounts) is None
    with pytest.raises(RegistryError, match="数据库服务器"):
        refuse_network_path(tmp_path / "numbers.sqlite3", mounts)


def test_registry_written_by_a_newer_version_is_not_touched(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    _fill(path, 1)
    raw = sqlite3.connect(str(path))
    raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    raw.commit()
    raw.close()
    with pytest.raises(RegistryError, match="较新版本"):
        open_store()


KILLED_MID_TRANSACTION = textwrap.dedent("""
    import os
    from wenshu.registry.sqlite import SqliteNumberStore
    original = SqliteNumberStore._insert_next
    def insert_then_die(self, *args):
        original(self, *args)
        os._exit(9)  # killed after writing the row, before COMMIT
    SqliteNumberStore._insert_next = insert_then_die
    SqliteNumberStore().allocate("（晋忻神）应急罚", 2026)
""")


def test_process_killed_inside_the_allocation_hands_out_nothing_and_leaves_a_sound_file(store):
    store.allocate(P, 2026)
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_TRANSACTION], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")
    assert proc.returncode == 9, proc.stderr
    assert seqs(store.records(P, 2026)) == [1]
    assert store.allocate(P, 2026).seq == 2
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # noqa: SLF001
