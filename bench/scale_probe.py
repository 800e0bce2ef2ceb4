#!/usr/bin/env python3
"""The child process of ``bench/scale.py``: one real path of the app, timed from inside (issue 17).

    scale_probe.py bare                 # floor: a bare PySide6 window shown
    scale_probe.py app                  # the app's start: window with the first case shown, then 今日待办
    scale_probe.py inproc RUNS          # in one app process: search, open/return, editor check, registry
    scale_probe.py items N RUNS         # opening a document with N penalty items (fresh data folder)

Times are printed as JSON on stdout; ``app``/``bare`` print absolute ``time.time()`` stamps that the
parent subtracts from the moment it started the process (so interpreter start and imports count).
The data folder is ``WENSHU_HOME`` (a store from ``bench/make_store.py``).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _settle(app, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def bare() -> dict:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    _app = QApplication(sys.argv[:1])  # kept alive while the window is drawn
    window = QMainWindow()
    window.setCentralWidget(QLabel("执法文书助手"))
    window.resize(1280, 800)
    window.show()
    window.grab()  # drawn once, as the app's window is below
    return {"shown": time.time()}


def app_start() -> dict:
    from desktop.app import application, open_main_window

    app = application()
    window = open_main_window(quick_start=True)  # as `wenshu gui` starts
    window.show()
    window.grab()  # the first picture of the window with the case, before the event loop's next turn
    shown = time.time()
    out = {"shown": shown, "case_shown": window.case is not None,
           "heavy_before_shown": sorted(m for m in ("validators.engine", "jsonschema", "docxtpl", "docx", "lxml",
                                                    "templates.render", "jinja2") if m in sys.modules)}
    # as `wenshu gui` (desktop/app.py main): 今日待办, then the history check, in workers from the event
    # loop's first turn, while the case is redrawn exactly
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, window, window.start_of_day)
    deadline = time.time() + 180
    while time.time() < deadline and not ("exact" in out and "agenda" in out and "history" in out):
        app.processEvents()
        if "exact" not in out and getattr(window, "exact_shown", False):
            window.grab()
            out["exact"] = time.time()  # the case redrawn with every document checked
        if "agenda" not in out and getattr(window, "agenda_ready_items", None) is not None:
            if getattr(window, "agenda_dialog", None) is not None:
                window.agenda_dialog.grab()  # 今日待办 drawn, as the clerk sees it
            out["agenda"] = time.time()
        if "history" not in out and getattr(window, "history_problems", None) is not None:
            out["history"] = time.time()  # the start's check of the history done (in its worker)
        time.sleep(0.001)
    out["agenda_items"] = len(getattr(window, "agenda_ready_items", None) or [])
    out["history_problems"] = len(getattr(window, "history_problems", None) or [])
    window.close()
    window.service.close()
    return out


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 3)


def _p99_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 3)


def inproc(runs: int) -> dict:
    """Search per keystroke, opening a case, returning from a document, the editor's check after a pause
    and the registry window, each through the window's own methods; with their raw-SQLite floors."""
    import sqlite3

    from desktop.app import application, open_main_window
    from wenshu.store import default_path

    app = application()
    window = open_main_window()
    window.show()
    _settle(app)
    out: dict = {}
    service = window.service
    cases = service.store.count_cases()
    out["cases"] = cases
    raw = sqlite3.connect(str(default_path()))

    # --- search: what one keystroke costs once the debounce fires (the list refilled from the store)
    queries = ["王", "王0", "王00", "王001", "应急立〔2026〕1", "2026-", "有限公司", "不存在的当事人"]
    times, floor = [], []
    for _ in range(max(1, runs // len(queries))):
        for q in queries:
            window.search.setText(q)
            t0 = time.perf_counter()
            window.refresh_cases()
            _settle(app, 1)
            times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            raw.execute("SELECT id FROM cases WHERE title LIKE ? OR party LIKE ? ORDER BY created DESC LIMIT 201",
                        (f"%{q}%", f"%{q}%")).fetchall()
            floor.append(time.perf_counter() - t0)
    window.search.setText("")
    window.refresh_cases()
    out["search"] = {"median_ms": _median_ms(times), "p99_ms": _p99_ms(times), "raw_sqlite_ms": _median_ms(floor),
                     "queries": queries}

    # --- opening a case (from the list) and returning from one of its documents
    rows = service.case_rows("", 50, max(0, cases // 2 - 25))
    open_t, back_t, open_floor = [], [], []
    for case in rows[: max(3, min(len(rows), runs // 4))]:
        t0 = time.perf_counter()
        window.show_case(case["case_id"])
        _settle(app, 1)
        open_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        raw.execute("SELECT * FROM documents WHERE case_id=(SELECT id FROM cases WHERE uid=?)",
                    (case["case_id"],)).fetchall()
        open_floor.append(time.perf_counter() - t0)
        docs = [r for r in window.case_view.rows if r.get("doc")]
        if docs:
            window.open_document(docs[0]["doc"]["document_id"])
            _settle(app, 1)
            t0 = time.perf_counter()
            window.back_to_case()
            _settle(app, 1)
            back_t.append(time.perf_counter() - t0)
    out["open_case"] = {"median_ms": _median_ms(open_t), "raw_sqlite_ms": _median_ms(open_floor), "runs": len(open_t)}
    out["return_from_document"] = {"median_ms": _median_ms(back_t) if back_t else None, "runs": len(back_t)}

    # --- the editor's check after a typing pause (the real path: CaseService.check + findings drawn)
    from validators.engine import validate

    officers = len(service.officers())
    case_docs = [r for r in window.case_view.rows if r.get("doc") and r["kind"].name == "inspection_record"]
    if case_docs:
        window.open_document(case_docs[0]["doc"]["document_id"])
        _settle(app, 1)
        editor = window.editor
        editor.validate_now()
        wall, cpu = [], []
        for _ in range(max(50, runs * 5)):
            c0, t0 = time.thread_time(), time.perf_counter()
            editor.validate_now()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
        kind = editor.kind
        answers = editor.form.answers()
        context = service.context(kind, service.case_facts(editor.case_id))
        bare_cpu = []
        for _ in range(max(50, runs * 5)):
            c0 = time.thread_time()
            validate(kind.schema, answers, context)
            bare_cpu.append(time.thread_time() - c0)
        out["editor_check"] = {"officers": officers, "kind": kind.name, "p50_ms": _median_ms(wall),
                               "p99_ms": _p99_ms(wall), "p50_cpu_ms": _median_ms(cpu), "p99_cpu_ms": _p99_ms(cpu),
                               "validate_alone_p99_cpu_ms": _p99_ms(bare_cpu)}
        window.back_to_case()

    # --- the registry window (文号登记簿), opened and drawn
    from wenshu.registry import open_store as open_registry

    registry = open_registry()
    numbers = sum(registry.sequence_counts().values()) if hasattr(registry, "sequence_counts") else None
    registry.close()
    reg = []
    for _ in range(3):
        t0 = time.perf_counter()
        window.show_registry()
        _settle(app)
        reg.append(time.perf_counter() - t0)
        window.registry_dialog.close()
        _settle(app)
    from wenshu.registry.sqlite import default_path as registry_path

    rraw = sqlite3.connect(str(registry_path()))
    t0 = time.perf_counter()
    rraw.execute("SELECT * FROM numbers ORDER BY prefix, year, seq").fetchall()
    out["registry_window"] = {"numbers": numbers, "median_ms": _median_ms(reg), "first_ms": round(reg[0] * 1000, 3),
                              "raw_sqlite_all_numbers_ms": round((time.perf_counter() - t0) * 1000, 3)}
    window.close()
    service.close()
    return out


def items(count: int, runs: int) -> dict:
    """Opening a document with ``count`` penalty items (处罚决定书) in the editor, until drawn, beside the same
    document with 3 items (the floor), in a fresh data folder (the sample case is made on its first start)."""
    from desktop.app import application, open_main_window

    app = application()
    window = open_main_window()
    window.show()
    _settle(app)
    service = window.service
    case = window.case["case_id"]
    out: dict = {"items": count}
    for label, n in (("few", 3), ("many", count)):
        penalties = [{"kind": "fine", "amount": 1000 + i, "description": f"第{i + 1}项违法行为"} for i in range(n)]
        doc = service.add_document(case, "penalty_decision", {"penalties": penalties})
        window.show_case(case)
        _settle(app)
        times = []
        for run in range(runs + 1):  # the first opening (the rule engine imported, the kind's form built) not counted
            t0 = time.perf_counter()
            window.open_document(doc)
            _settle(app, 2)
            window.editor.grab()
            if run:
                times.append(time.perf_counter() - t0)
            window.back_to_case()
            _settle(app)
        out[label + "_ms"] = _median_ms(times)
    window.close()
    service.close()
    return out


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "app"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "bare":
        result = bare()
    elif mode == "app":
        result = app_start()
    elif mode == "items":
        result = items(int(argv[1]) if len(argv) > 1 else 200, int(argv[2]) if len(argv) > 2 else 5)
    else:
        result = inproc(int(argv[1]) if len(argv) > 1 else 40)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown measured


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
