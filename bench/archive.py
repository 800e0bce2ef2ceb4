#!/usr/bin/env python3
"""Benchmark of 归档 (issue 14): a 20-document case archived with this machine's converter (LibreOffice here).

    python bench/archive.py [--out FILE]

Builds the scripted whole case (tests/archive_helpers.py) with extra 现场检查记录 so the case file holds 20
documents (the 案卷（首页） and 卷内目录 included), then times ``CaseService.archive`` end to end: converting
every document to PDF (one LibreOffice call for the documents), laying out and counting the 卷内目录, merging
with bookmarks, hashing. JSON on stdout: seconds in all and per document. Its own empty data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

DOCUMENTS = 20


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wenshu-bench-archive-") as home:
        os.environ["WENSHU_HOME"] = home
        from archive_helpers import NOW, build_case

        from wenshu import pdf
        from wenshu.service import CaseService
        from wenshu.store import Store

        service = CaseService(Store(), clock=lambda: NOW)
        case_id, _ = build_case(service, Path(home) / "gen", extra_inspections=DOCUMENTS - 13)
        converter = pdf.find_converter()
        start = time.perf_counter()
        result = service.archive(case_id, Path(home) / "卷", converter=converter)
        seconds = time.perf_counter() - start
        service.close()
    n = len(result["documents"])
    report = {"benchmark": "archive", "converter": converter.name, "documents": n, "pages": result["pages"],
              "seconds": round(seconds, 2), "seconds_per_document": round(seconds / n, 3)}
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
