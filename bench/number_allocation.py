"""Benchmark of the number registry: allocations per second and latency with 1 and 4 writer processes.

Each writer is a separate Python process with its own connection to one shared ``numbers.sqlite3``
(WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE``), as when several clerks' programs take numbers at once.
Every run also checks the result: the numbers handed out are exactly 1..N, each once.

    python bench/number_allocation.py [--smoke]      # prints JSON
    from bench.number_allocation import run; run(smoke=True)   # returns a JSON-able dict
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parent) not in sys.path:  # run as a script from a plain checkout
    sys.path.insert(0, str(_HERE.parent))

ROOT = _HERE.parent
PREFIX = "（晋忻神）应急罚"

_WORKER = r"""
import json, sys, time
from wenshu.registry.sqlite import SqliteNumberStore
path, n = sys.argv[1], int(sys.argv[2])
store = SqliteNumberStore(path)
print("ready", flush=True)
sys.stdin.readline()
lat, seqs = [], []
start = time.time()
for _ in range(n):
    t = time.perf_counter()
    seqs.append(store.allocate("（晋忻神）应急罚", 2026, who="bench").seq)
    lat.append(time.perf_counter() - t)
end = time.time()
store.close()
print(json.dumps({"lat": lat, "seqs": seqs, "start": start, "end": end}), flush=True)
"""


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def measure(writers: int, per_writer: int, folder: Path) -> dict:
    """Run ``writers`` processes allocating ``per_writer`` numbers each from one fresh registry."""
    from wenshu.registry.sqlite import SqliteNumberStore

    path = folder / f"numbers-{writers}.sqlite3"
    SqliteNumberStore(path).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, str(path), str(per_writer)], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
             for _ in range(writers)]
    for p in procs:
        if p.stdout.readline().strip() != "ready":
            raise RuntimeError("benchmark writer failed to start")
    for p in procs:  # release them together
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, _ = p.communicate(timeout=600)
        if p.returncode != 0:
            raise RuntimeError("benchmark writer failed")
        results.append(json.loads(out.strip().splitlines()[-1]))
    lat = [x for r in results for x in r["lat"]]
    seqs = sorted(s for r in results for s in r["seqs"])
    total = writers * per_writer
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    return {
        "writers": writers,
        "allocations": total,
        "seconds": round(wall, 3),
        "allocations_per_s": round(total / wall, 1) if wall > 0 else None,
        "p50_ms": round(statistics.median(lat) * 1000, 2),
        "p99_ms": round(_percentile(lat, 99) * 1000, 2),
        "max_ms": round(max(lat) * 1000, 2),
        "exactly_once": seqs == list(range(1, total + 1)),
    }


def run(smoke: bool = False) -> dict:
    """Figures for 1 and 4 concurrent writers; ``smoke`` runs a few allocations only (a quick check)."""
    per_writer = 20 if smoke else 400
    with tempfile.TemporaryDirectory(prefix="wenshu-bench-") as tmp:
        rows = [measure(w, per_writer, Path(tmp)) for w in (1, 4)]
    return {
        "benchmark": "numbers",
        "what": "文号登记簿取号：每秒取号数与延迟（SQLite，WAL，synchronous=FULL，BEGIN IMMEDIATE）",
        "smoke": smoke,
        "per_writer": per_writer,
        "cpu_count": os.cpu_count(),
        "results": rows,
    }


if __name__ == "__main__":
    print(json.dumps(run(smoke="--smoke" in sys.argv[1:]), ensure_ascii=False, indent=2))
