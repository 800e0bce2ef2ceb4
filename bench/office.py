"""Benchmark of office mode (issue 16) on a PostgreSQL server: number allocation with 8 concurrent client
processes (allocations per second, p50/p99 latency, and the check that the numbers are exactly 1..N), and
the case list / opening a case / searching with 10,000 cases on the server.

The server: ``WENSHU_BENCH_DATABASE`` or ``WENSHU_TEST_DATABASE`` (a superuser URL), else the throwaway
cluster of ``.ci/postgres start``. A fresh database is created for the run and dropped after it.

    python bench/office.py [--smoke] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

_HERE = Path(__file__).resolve().parent
ROOT = _HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_WORKER = r"""
import json, sys, time
from wenshu.pg.registry import PgNumberStore
store = PgNumberStore(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
lat, seqs = [], []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    seqs.append(store.allocate("（晋忻神）应急罚", 2026, who="bench").seq)
    lat.append(time.perf_counter() - t)
print(json.dumps({"lat": lat, "seqs": seqs}))
"""


def _server() -> str:
    url = os.environ.get("WENSHU_BENCH_DATABASE") or os.environ.get("WENSHU_TEST_DATABASE")
    if url:
        return url
    done = subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "start"], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit("no PostgreSQL server: " + done.stderr.strip())
    return done.stdout.strip().splitlines()[-1]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def allocations(url: str, clients: int, each: int) -> dict:
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, url, str(each)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(clients)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [json.loads(p.communicate()[0]) for p in procs]
    wall = time.perf_counter() - start
    lat = [x for r in results for x in r["lat"]]
    seqs = sorted(s for r in results for s in r["seqs"])
    return {"clients": clients, "allocations": len(seqs), "per_second": round(len(seqs) / wall, 1),
            "p50_ms": round(_pct(lat, 0.5) * 1000, 2), "p99_ms": round(_pct(lat, 0.99) * 1000, 2),
            "max_ms": round(max(lat) * 1000, 2), "exactly_1_to_n": seqs == list(range(1, len(seqs) + 1))}


def fill_cases(url: str, n: int) -> None:
    """``n`` cases with three documents each (an inspection record, a notice, a decision from the samples),
    one version per document, written in SQL on the server (the benchmark measures reading them)."""
    from templates.kinds import get_kind
    from wenshu.pg.conn import connect

    conn = connect(url)
    samples = {k: json.dumps(get_kind(k).sample(), ensure_ascii=False, sort_keys=True)
               for k in ("inspection_record", "penalty_notice", "penalty_decision")}
    with conn.transaction():
        conn.run("INSERT INTO cases(uid, title, party, facts, created, updated)"
                 " SELECT gen_random_uuid()::text, '某煤业公司' || i || '号案',"
                 " json_build_object('type', 'organization', 'name', '神池县某煤业有限公司' || i)::text,"
                 " json_build_object('case_number', '神应急立〔2026〕' || i || '号')::text,"
                 " to_char(timestamp '2026-01-01' + i * interval '30 minutes', 'YYYY-MM-DD\"T\"HH24:MI:SS'),"
                 " to_char(timestamp '2026-01-01' + i * interval '30 minutes', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                 " FROM generate_series(1, %s) AS i", (n,))
        conn.run("INSERT INTO case_search(case_id, text)"
                 " SELECT id, lower(title || ' ' || (party::jsonb ->> 'name') || ' ' || (facts::jsonb ->> 'case_number')"
                 " || ' ' || created) FROM cases")
        for kind, text in samples.items():
            conn.run("INSERT INTO documents(uid, case_id, kind, answers, state, version, created, updated)"
                     " SELECT gen_random_uuid()::text, id, %s, %s, 'draft', 1, created, created FROM cases",
                     (kind, text))
        conn.run("ALTER TABLE document_versions DISABLE TRIGGER document_versions_log")
        conn.run("INSERT INTO document_versions(document_id, version, answers, saved, prev_hash, row_hash)"
                 " SELECT id, 1, answers, created, '', '' FROM documents")  # not chained: read, never verified here
        conn.run("ALTER TABLE document_versions ENABLE TRIGGER document_versions_log")
    conn.run("ANALYZE")
    conn.close()


def reads(url: str, runs: int) -> dict:
    from wenshu.pg.store import PgStore
    from wenshu.service import CaseService

    service = CaseService(PgStore(url))
    uids = [r["case_id"] for r in service.case_rows("", 61, 0)]
    timings: dict[str, list[float]] = {"case_list_ms": [], "open_case_ms": [], "search_ms": []}
    for i in range(runs):
        t = time.perf_counter()
        service.case_rows("", 61, 0)
        timings["case_list_ms"].append(time.perf_counter() - t)
        t = time.perf_counter()
        service.show(uids[i % len(uids)], quick=True)
        timings["open_case_ms"].append(time.perf_counter() - t)
        t = time.perf_counter()
        service.case_rows(f"煤业有限公司{4000 + i}", 61, 0)
        timings["search_ms"].append(time.perf_counter() - t)
    service.close()
    return {k: {"median": round(statistics.median(v) * 1000, 2), "p99": round(_pct(v, 0.99) * 1000, 2)}
            for k, v in timings.items()}


def run(smoke: bool = False) -> dict:
    import psycopg

    server = _server()
    name = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(server, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = server.rsplit("/", 1)[0] + "/" + name
    try:
        from wenshu.pg.conn import connect, ensure_schema

        conn = connect(url)
        ensure_schema(conn)
        conn.close()
        out = {"allocation": allocations(url, 8, 20 if smoke else 200)}
        cases = 200 if smoke else 10_000
        t = time.perf_counter()
        fill_cases(url, cases)
        out["cases"] = cases
        out["fill_seconds"] = round(time.perf_counter() - t, 1)
        out["reads"] = reads(url, 5 if smoke else 40)
        with psycopg.connect(server) as c:
            out["server"] = c.execute("SHOW server_version").fetchone()[0]
        return out
    finally:
        with psycopg.connect(server, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    result = run(args.smoke)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
