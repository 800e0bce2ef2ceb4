"""Several processes allocating from the same sequence at the same moment get 1..N, each exactly once."""

import json
import multiprocessing as mp
import subprocess
import sys
from collections import Counter
from pathlib import Path

from wenshu.registry import open_store

P = "（晋忻神）应急罚"
ROOT = Path(__file__).resolve().parents[1]
WORKERS, EACH = 5, 25


def _allocate(path: str, start, n: int, out) -> None:
    from wenshu.registry.sqlite import SqliteNumberStore

    store = SqliteNumberStore(path)
    start.wait()
    out.put([store.allocate(P, 2026).seq for _ in range(n)])
    store.close()


def _for_documents(path: str, start, docs: list[str], out) -> None:
    from wenshu.registry.sqlite import SqliteNumberStore

    store = SqliteNumberStore(path)
    start.wait()
    out.put([(d, store.number_for_document(P, 2026, "案", d).seq) for d in docs])
    store.close()


def _run(target, args_per_worker, path):
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=target, args=(str(path), start, a, out)) for a in args_per_worker]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return results


def test_processes_allocating_at_once_get_each_number_exactly_once(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    open_store(path).close()  # create the file first, as the app does on start
    results = _run(_allocate, [EACH] * WORKERS, path)
    got = [s for r in results for s in r]
    assert sorted(got) == list(range(1, WORKERS * EACH + 1))
    for r in results:
        assert r == sorted(r)  # each process sees its own numbers rising
    store = open_store(path)
    assert [r.seq for r in store.records(P, 2026)] == list(range(1, WORKERS * EACH + 1))
    assert store.allocate(P, 2026).seq == WORKERS * EACH + 1


def test_processes_racing_on_a_fresh_file_lose_nothing(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"  # not created yet: every worker creates the schema at once
    results = _run(_allocate, [10] * 4, path)
    assert sorted(s for r in results for s in r) == list(range(1, 41))


def test_same_document_generated_in_two_processes_gets_one_number(wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    open_store(path).close()
    docs = [f"doc-{i}" for i in range(12)]
    results = _run(_for_documents, [docs, list(reversed(docs)), docs[::2] + docs[1::2]], path)
    per_doc: dict[str, set[int]] = {}
    for r in results:
        for doc, seq in r:
            per_doc.setdefault(doc, set()).add(seq)
    assert all(len(s) == 1 for s in per_doc.values())
    assert sorted(next(iter(s)) for s in per_doc.values()) == list(range(1, 13))


def test_command_line_processes_started_together_get_distinct_consecutive_numbers(wenshu_home):
    n = 6
    procs = [subprocess.Popen([sys.executable, "-m", "wenshu", "number", "next", P, "--year", "2026"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(n)]
    outputs = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode("utf-8")
        outputs.append(json.loads(out.decode("utf-8")))
    assert Counter(o["seq"] for o in outputs) == Counter(range(1, n + 1))
    assert {o["number"] for o in outputs} == {f"{P}〔2026〕{i}号" for i in range(1, n + 1)}
