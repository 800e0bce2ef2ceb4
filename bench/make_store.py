#!/usr/bin/env python3
"""Stores of an agency's real size for the benchmarks (issue 17): N cases, M numbers, cached.

    python bench/make_store.py 10000            # prints the WENSHU_HOME folder holding the store
    python bench/make_store.py 1000 --numbers 100000

Built through the real code paths (``wenshu.store.Store`` and the number registry's ``import_existing``),
not by writing SQL: each case is the sample case's party, facts and early documents with its own party
name, case number and dates, so the agenda, the search and the case list see what a real office holds.
Every case has a few editing sessions (autosaves) per document, as typed by a clerk; 85 of every 100 cases
are finished (their past deadlines marked done, as the sample case's are), the others still open; about 4 in
10 ended in an issued 处罚决定书 of the last seven years, most of them published (the 公示台账 and 今日待办's
公示信息撤除 read them).

The result is cached under ``$TMPDIR/wenshu-bench/<cases>-<numbers>-<code hash>/`` and reused while the
generator and the store code stay the same; ``--fresh`` rebuilds.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: The officers of a mid-size agency's roster (the editor's check reads the roster).
OFFICERS = 50
#: Cases still being worked on (per hundred); the others are finished, their past deadlines marked done
#: (as the sample case's are), so 今日待办 holds what an office really sees.
CURRENT_PERCENT = 15
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
TRADES = ("煤业", "化工", "建材", "机械", "冶金", "物流", "商贸", "矿业", "电力", "燃气")


def _code_hash() -> str:
    """The generator's own code and the store's schema: a cached store is rebuilt when either changes."""
    from wenshu import store

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(repr((store.SCHEMA_VERSION, store._SCHEMA, store._SCHEMA_2, store._SCHEMA_3,
                        store._SCHEMA_4, store._SCHEMA_5, store.VERSION_SNAPSHOT_EVERY, store.PAGE_SIZE,
                        store._SCHEMA_6, store._ZLEVEL)).encode("utf-8"))
    digest.update((ROOT / "wenshu" / "sample_case.py").read_bytes())
    return digest.hexdigest()[:10]


def cache_root() -> Path:
    return Path(os.environ.get("WENSHU_BENCH_CACHE") or Path(tempfile.gettempdir()) / "wenshu-bench")


def home_for(cases: int, numbers: int = 0) -> Path:
    return cache_root() / f"{cases}-{numbers}-{_code_hash()}"


def roster() -> list[dict]:
    return [{"name": SURNAMES[i % len(SURNAMES)] + "执法" + "甲乙丙丁戊己庚辛壬癸"[i // len(SURNAMES) % 10],
             "cert_no": f"1409{i:07d}", "unit": "神池县应急管理局执法大队", "valid_until": "2028-12-31"}
            for i in range(OFFICERS)]


def build(home: Path, cases: int, numbers: int = 0, seed: int = 17) -> Path:
    """Fill ``home`` (a new WENSHU_HOME) with ``cases`` cases and ``numbers`` registered numbers."""
    os.environ["WENSHU_HOME"] = str(home)
    from templates.kinds import all_kinds, get_kind
    from wenshu.sample_case import SAMPLE_FACTS, SAMPLE_PARTY, SAMPLE_STAGES, mark_past_deadlines_done
    from wenshu.store import DRAFT, Store, default_path

    rng = random.Random(seed)
    store = Store(default_path())
    for o in roster():
        store.put_officer(o["name"], o["cert_no"], o["unit"], o["valid_until"])
    kinds = [k for k in all_kinds() if k.stage in SAMPLE_STAGES and (k.folder / "sample.json").exists()]
    samples = {k.name: k.sample() for k in kinds}
    decision = get_kind("penalty_decision").sample()
    summary = get_kind("publication_summary").sample()
    today = date.today()
    with store.bulk():
        for i in range(cases):
            party = copy.deepcopy(SAMPLE_PARTY)
            name = f"{SURNAMES[i % len(SURNAMES)]}{i:05d}{TRADES[i % len(TRADES)]}有限公司"
            party["name"] = name
            party["address"] = f"山西省忻州市神池县龙泉镇工业园区{i}号"
            facts = copy.deepcopy(SAMPLE_FACTS)
            facts["case_number"] = f"（晋忻神）应急立〔2026〕{i + 1}号"
            day = today - timedelta(days=rng.randrange(0, 400))
            case_id = store.create_case(f"{name}安全生产违法案", party, facts)
            for kind in kinds[: 2 + i % (len(kinds) - 1)]:
                answers = copy.deepcopy(samples[kind.name])
                _redate(answers, day)
                if "party" in answers and isinstance(answers["party"], dict):
                    answers["party"]["name"] = name
                doc_id = store.add_document(case_id, kind.name, answers, DRAFT)
                for session in range(2):  # two editing sessions of a few autosaves each
                    for keystroke in range(5):
                        answers = dict(answers, note=f"补充说明{session}-{keystroke}" * 3)
                        store.autosave_document(doc_id, answers)
                    store.end_session(doc_id)
            if i % 7 == 0:
                store.add_event(case_id, "done:statement", day.isoformat(), "已听取陈述申辩")
            if i % 100 >= CURRENT_PERCENT:  # an agency's store is mostly finished cases: their deadlines were met
                if i % 2 == 0:  # about 4 in 10 end in an issued decision, published (公示台账, 今日待办's 撤除)
                    _decision(store, case_id, i, today - timedelta(days=rng.randrange(30, 7 * 365)), decision, summary)
                mark_past_deadlines_done(store, case_id)
    if numbers:
        _numbers(numbers, store)
    store.close()
    return home


def _decision(store, case_id: int, i: int, day: date, decision: dict, summary: dict) -> None:
    """An issued 处罚决定书 of ``day`` (its printed record), its 公示摘要 five days later (7 in 8), and the
    takedown recorded for 2 in 3 of those published more than five years ago: years of an agency's decisions."""
    number = f"（晋忻神）应急罚〔{day.year}〕{i + 1}号"
    answers = dict(copy.deepcopy(decision), number=number, date=day.isoformat())
    doc_id = store.add_document(case_id, "penalty_decision", answers)
    store.record_printed(doc_id, 1, f"决定书-{i}.docx", f"BENCH{i:07d}", "基准测试", "0" * 64)
    if i % 8 == 6:
        return
    published = day + timedelta(days=5)
    store.add_document(case_id, "publication_summary", dict(copy.deepcopy(summary), decision_number=number,
                                                             decision_date=day.isoformat(),
                                                             publication_date=published.isoformat()))
    if (date.today() - published).days > 5 * 365 and i % 3:
        store.add_event(case_id, "publication_taken_down", (published + timedelta(days=5 * 365)).isoformat())


def _redate(answers: dict, day: date) -> None:
    """The sample's dates moved to the case's own day (the agenda then spreads over the year)."""
    for key, value in list(answers.items()):
        if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[7] == "-":
            answers[key] = day.isoformat() + value[10:]
        elif isinstance(value, dict):
            _redate(value, day)


def _numbers(count: int, store) -> None:
    from wenshu.registry import ImportRow, open_store

    registry = open_store()
    codes = ("立", "罚告", "罚", "询", "检", "责改")
    rows, per = [], max(1, count // len(codes))
    case_uids = [r["uid"] for r in store._query("SELECT uid FROM cases ORDER BY id LIMIT 2000")] or [None]
    for c, code in enumerate(codes):
        for n in range(1, per + 1):
            if len(rows) >= count:
                break
            rows.append(ImportRow(number=f"（晋忻神）应急{code}〔{2026 - n // 90000}〕{n % 90000 + 1}号",
                                  case_id=case_uids[(c * per + n) % len(case_uids)], document_id=None,
                                  document_title="", origin="基准测试"))
    try:
        registry.import_existing(rows)
    finally:
        registry.close()


def ensure(cases: int, numbers: int = 0, fresh: bool = False) -> Path:
    """The cached WENSHU_HOME with ``cases`` cases and ``numbers`` numbers, built once."""
    home = home_for(cases, numbers)
    done = home / ".complete"
    if done.exists() and not fresh:
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    import subprocess

    env = dict(os.environ, WENSHU_HOME=str(home))
    subprocess.run([sys.executable, __file__, str(cases), "--numbers", str(numbers), "--into", str(home)],
                   env=env, check=True)
    done.write_text("ok")
    return home


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int)
    parser.add_argument("--numbers", type=int, default=0)
    parser.add_argument("--into", help="build into this folder (used by ensure())")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args(argv)
    if args.into:
        build(Path(args.into), args.cases, args.numbers)
    else:
        print(ensure(args.cases, args.numbers, args.fresh))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
