"""Speed at an agency's real size (issue 17): figures on stores of 1, 1,000 and 10,000 cases and a registry
of 100,000 numbers (``bench/make_store.py``, cached), through the app's real paths, each as a median beside
its floor measured in the same run (a bare PySide6 window, raw SQLite), judged as ratios.

Used by ``bench/run.py`` (figure ``scale``); ``python bench/scale.py [--smoke]`` runs it alone.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (str(ROOT), str(Path(__file__).resolve().parent)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import make_store  # noqa: E402

PROBE = Path(__file__).with_name("scale_probe.py")

TARGETS = {
    "gui_sample_over_bare": 2.0,
    "gui_10k_over_1": 1.3,
    "search_ms": 30.0,
    "open_case_ms": 100.0,
    "return_ms": 100.0,
    "registry_s": 0.5,
    "agenda_cli_s": 0.5,
    "editor_check_p99_ms": 5.0,
    "store_over_content": 1.5,
    "memory_10k_over_bare": 2.0,
    "open_200_items_ms": 500.0,
}


def _env(home: Path) -> dict:
    env = dict(os.environ, WENSHU_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled modules, so do these
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return env


def _probe(mode: str, home: Path, *extra: str, memory: bool = False) -> dict:
    """Run the probe; its JSON, with ``t0`` (time.time() just before the start) and, with ``memory``, the
    child's peak RSS through bench/run.py's launcher."""
    from run import _run_measured

    t0 = time.time()
    result = _run_measured([sys.executable, str(PROBE), mode, *extra], _env(home), timeout=600, memory=memory)
    if result["rc"] != 0:
        raise RuntimeError(f"probe {mode} failed: {result['stderr'][-800:]}")
    data = json.loads(result["stdout"].strip().splitlines()[-1])
    data["t0"] = t0
    data["peak_mb"] = result["peak_mb"]
    return data


def _starts(mode: str, home: Path, runs: int) -> dict:
    shown, agenda, exact, history = [], [], [], []
    for _ in range(runs):
        d = _probe(mode, home)
        shown.append(d["shown"] - d["t0"])
        if "agenda" in d:
            agenda.append(d["agenda"] - d["t0"])
            exact.append(d["exact"] - d["t0"])
        if "history" in d:
            history.append(d["history"] - d["t0"])
    out = {"shown_s": round(statistics.median(shown), 3), "runs": runs}
    if exact:
        out["exact_s"] = round(statistics.median(exact), 3)
    if agenda:
        out["with_agenda_s"] = round(statistics.median(agenda), 3)
    if history:
        out["history_checked_s"] = round(statistics.median(history), 3)
    return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def _fig(value, target, ok_when_le: bool = True, **extra) -> dict:
    met = None if value is None else (value <= target if ok_when_le else value >= target)
    return {**extra, "value": value, "target": target, "meets_target": met}


def run(smoke: bool = False) -> dict:
    sizes = (1, 20) if smoke else (1, 1000, 10000)
    numbers = 500 if smoke else 100_000
    runs = 1 if smoke else 5
    t_build = time.perf_counter()
    homes = {n: make_store.ensure(n) for n in sizes}
    registry_home = make_store.ensure(1, numbers)
    big = homes[sizes[-1]]
    built = round(time.perf_counter() - t_build, 1)
    report: dict = {"sizes": list(sizes), "numbers": numbers, "store_build_or_cache_s": built,
                    "cache": str(make_store.cache_root())}

    # --- starts: bare window (floor), the app with its sample case, the app on 1 and on N cases (+ agenda)
    import tempfile

    bare = _starts("bare", homes[1], runs)
    with tempfile.TemporaryDirectory(prefix="wenshu-sample-") as sample_home:
        _probe("app", Path(sample_home))  # first start: the sample case is made
        sample = _starts("app", Path(sample_home), runs)
    for home in homes.values():
        _probe("app", home)  # warm: the agenda's per-case cache is filled on a store's first start
    one = _starts("app", homes[1], runs)
    many = _starts("app", big, runs)
    report["bare_window_s"] = bare["shown_s"]
    report["gui_sample"] = _fig(_ratio(sample["shown_s"], bare["shown_s"]), TARGETS["gui_sample_over_bare"],
                                seconds=sample["shown_s"], bare_window_s=bare["shown_s"],
                                exact_s=sample.get("exact_s"),
                                note="start → main window with the sample case drawn, / a bare PySide6 window")
    report["gui_many_over_one"] = _fig(_ratio(many.get("with_agenda_s"), one.get("with_agenda_s")),
                                       TARGETS["gui_10k_over_1"], cases=sizes[-1],
                                       with_agenda_s=many.get("with_agenda_s"), shown_s=many["shown_s"],
                                       one_case_with_agenda_s=one.get("with_agenda_s"),
                                       history_checked_s=many.get("history_checked_s"),
                                       one_case_history_checked_s=one.get("history_checked_s"),
                                       bare_window_s=bare["shown_s"],
                                       note="start until the window is shown and 今日待办 computed (in its worker)")

    # --- in one app process on the largest store: search, open/return, editor check, registry
    inproc = _probe("inproc", big, str(8 if smoke else 80))
    reg = _probe("inproc", registry_home, str(8 if smoke else 40))["registry_window"]
    search = inproc["search"]
    report["search"] = _fig(search["median_ms"], TARGETS["search_ms"], cases=inproc["cases"],
                            p99_ms=search["p99_ms"], raw_sqlite_ms=search["raw_sqlite_ms"],
                            note="one keystroke once the debounce fires: the list refilled from the store's search")
    report["open_case"] = _fig(inproc["open_case"]["median_ms"], TARGETS["open_case_ms"], cases=inproc["cases"],
                               raw_sqlite_ms=inproc["open_case"]["raw_sqlite_ms"])
    report["return_from_document"] = _fig(inproc["return_from_document"]["median_ms"], TARGETS["return_ms"],
                                          cases=inproc["cases"])
    report["registry_window"] = _fig(round(reg["median_ms"] / 1000, 3), TARGETS["registry_s"],
                                     numbers=reg["numbers"], first_open_s=round(reg["first_ms"] / 1000, 3),
                                     raw_sqlite_all_numbers_s=round(reg["raw_sqlite_all_numbers_ms"] / 1000, 3))
    check_home = homes[1000] if 1000 in homes else big
    check = _probe("inproc", check_home, str(8 if smoke else 80)).get("editor_check") or inproc.get("editor_check")
    report["editor_check"] = _fig(check and check["p99_cpu_ms"], TARGETS["editor_check_p99_ms"], **(check or {}),
                                  note="validate_now() of the open editor (CaseService.check + findings drawn); "
                                       "judged on CPU p99 like `validation`; validate() alone beside it")

    # --- opening a document with 200 penalty items (the issue: 2 s), beside the same document with 3
    with tempfile.TemporaryDirectory(prefix="wenshu-items-") as items_home:
        it = _probe("items", Path(items_home), "200", str(2 if smoke else 5))
    report["open_200_items"] = _fig(it["many_ms"], TARGETS["open_200_items_ms"], items=it["items"],
                                    three_items_ms=it["few_ms"], over_three=_ratio(it["many_ms"], it["few_ms"]),
                                    note="open_document() until the editor is drawn; the issue's figure was 2 s; "
                                         "the target is this bench's own (the issue asks for well under 2 s)")

    # --- wenshu agenda on the largest store, and its floors (python start, raw SQLite over every case)
    from run import _run_measured

    agenda = []
    for _ in range(runs):
        r = _run_measured([sys.executable, "-m", "wenshu", "agenda"], _env(big), timeout=300)
        agenda.append(r["seconds"])
    python_start = statistics.median(
        _run_measured([sys.executable, "-c", "import sqlite3, json"], _env(big))["seconds"] for _ in range(runs))
    import sqlite3

    db = sqlite3.connect(str(big / "wenshu.sqlite3"))
    from wenshu.store import answers_text, load_dictionaries

    db.create_function("answers_text", 1, answers_text)  # store v6 keeps the current content compressed
    load_dictionaries(db)
    t0 = time.perf_counter()
    db.execute("SELECT id, uid, title FROM cases").fetchall()
    raw_cases = time.perf_counter() - t0
    report["agenda_cli"] = _fig(round(statistics.median(agenda), 3), TARGETS["agenda_cli_s"], cases=sizes[-1],
                                python_start_s=round(python_start, 3), raw_sqlite_cases_s=round(raw_cases, 4))

    # --- store growth: bytes on disk over the current content's bytes
    size = sum(p.stat().st_size for p in big.glob("wenshu.sqlite3*"))
    content, versions, version_bytes = db.execute(
        "SELECT (SELECT sum(length(CAST(answers_text(answers) AS BLOB))) FROM documents),"
        " (SELECT count(*) FROM document_versions),"
        " (SELECT sum(length(CAST(answers AS BLOB)) + ifnull(length(body), 0)) FROM document_versions)").fetchone()
    docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    db.close()
    report["store_growth"] = _fig(_ratio(size, content), TARGETS["store_over_content"], cases=sizes[-1],
                                  store_mb=round(size / 1e6, 1), content_mb=round((content or 0) / 1e6, 1),
                                  documents=docs, versions=versions, version_mb=round((version_bytes or 0) / 1e6, 1),
                                  note="bytes (UTF-8) of the documents' current answers; the generator types 2 "
                                       "editing sessions of 5 autosaves into each document")

    # --- peak memory of the app on the largest store vs a bare window
    mem_app = _probe("app", big, memory=True)["peak_mb"]
    mem_bare = _probe("bare", homes[1], memory=True)["peak_mb"]
    report["memory"] = _fig(_ratio(mem_app, mem_bare), TARGETS["memory_10k_over_bare"], app_mb=mem_app,
                            bare_window_mb=mem_bare, cases=sizes[-1])
    keys = ("gui_sample", "gui_many_over_one", "search", "open_case", "return_from_document", "registry_window",
            "editor_check", "agenda_cli", "store_growth", "memory", "open_200_items")
    report["targets_met"] = {k: report[k]["meets_target"] for k in keys}
    report["meets_target"] = all(v is True for v in report["targets_met"].values())
    return report


if __name__ == "__main__":
    print(json.dumps(run("--smoke" in sys.argv), ensure_ascii=False, indent=2))
