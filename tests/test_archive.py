"""归档 (DOMAIN.md §14): a whole case archived as the clerk gets it — the 案卷（首页） and the 卷内目录 whose
页号 are the real pages, one PDF in binding order with a bookmark per document, every .docx, the case JSON
and a manifest whose hashes match the files; drafts refused; the 归档号 never twice; the 归档期限 done.
Needs LibreOffice (the converter of this machine)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from archive_helpers import NOW, build_case

from wenshu import pdf
from wenshu.archive import sha256
from wenshu.service import CaseService, Refused
from wenshu.store import Store


def _service(home: Path) -> CaseService:
    return CaseService(Store(home / "cases.sqlite"), clock=lambda: NOW)


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    import os

    root = tmp_path_factory.mktemp("archive")
    old = os.environ.get("WENSHU_HOME")
    os.environ["WENSHU_HOME"] = str(root / "home")
    try:
        service = _service(root / "home")
        case_id, docs = build_case(service, root / "gen")
        seen = []
        result = service.archive(case_id, root / "卷", progress=lambda d, t, n: seen.append((d, t)))
        shown = service.show(case_id)
        second_case, _ = build_case(service, root / "gen2")
        yield {"service": service, "case_id": case_id, "result": result, "out": root / "卷", "root": root,
               "progress": seen, "show": shown, "second": second_case}
        service.close()
    finally:
        if old is None:
            os.environ.pop("WENSHU_HOME", None)
        else:
            os.environ["WENSHU_HOME"] = old


def _pdf_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_merged_pdf_pages_are_the_sum_of_the_documents(archived):
    r = archived["result"]
    total = 0
    for d in r["documents"]:
        part = archived["out"] / d["file"]
        assert part.exists()
        total += d["pages"]
    assert pdf.page_count(Path(r["pdf"])) == total == r["pages"]


def test_index_page_numbers_point_at_each_documents_first_page_and_bookmarks_match(archived):
    r = archived["result"]
    merged = Path(r["pdf"])
    marks = pdf.bookmarks(merged)
    assert len(marks) == len(r["documents"])
    index_text = "".join(_pdf_text(merged, p) for p in range(2, 2 + r["documents"][1]["pages"]))
    for d, (title, page) in zip(r["documents"], marks, strict=True):
        assert d["title"] in title and page == d["first_page"]
        first = _pdf_text(merged, d["first_page"]).replace(" ", "")
        assert d["title"].replace("（首页）", "") in first.replace("卷　内　目　录", "卷内目录") or d["title"] in first
        # the 卷内目录 prints the same page: a row with the document's number (or title) and its page
        key = (d["number"] or d["title"]).replace("〔", "").split("）")[-1][:6]
        rows = [line for line in index_text.splitlines() if key.replace(" ", "") in line.replace(" ", "")]
        assert any(re.search(rf"\b{d['first_page']}\b", line) for line in rows) or d["seq"] > 0
    pages = [d["first_page"] for d in r["documents"]]
    assert pages == sorted(pages) and pages[0] == 1
    printed_pages = [int(m) for m in re.findall(r"\s(\d{1,3})\s*$", index_text, re.M)]
    assert [p for p in printed_pages if p in pages] == pages  # every 页号 printed, in order


def test_binding_order_cover_index_decision_receipt_then_procedure(archived):
    kinds = [d["kind"] for d in archived["result"]["documents"]]
    assert kinds[:4] == ["case_file_cover", "case_file_index", "penalty_decision", "delivery_receipt"]
    assert kinds[4] == "case_filing" and kinds[-1] == "case_closing"


def test_manifest_hashes_match_the_files(archived):
    out = archived["out"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert listed == on_disk  # every file, nothing half-written left behind
    for f in manifest["files"]:
        assert sha256(out / f["path"]) == f["sha256"]
    assert "案件.json" in listed and "案卷.pdf" in listed
    assert sum(1 for p in listed if p.endswith(".docx")) == len(manifest["documents"])


def test_cover_carries_archive_number_and_date_and_agenda_shows_done(archived):
    r = archived["result"]
    assert re.fullmatch(r"2026\d{4}", r["archive_no"])
    cover = _pdf_text(Path(r["pdf"]), 1).replace(" ", "")
    assert "案卷（首页）" in cover and r["archive_no"] in cover and "2026年12月1日" in cover
    assert "神池县应急管理局" in cover and "承办人" in cover and "保存期限" in cover
    archive = [d for d in archived["show"]["deadlines"] if d["rule"] == "archive"]
    assert archive and archive[0]["status"] == "done"
    assert archived["progress"][-1][0] == archived["progress"][-1][1]


def test_archive_number_never_twice_and_kept_on_rearchive(archived):
    service, root = archived["service"], archived["root"]
    again = service.archive(archived["case_id"], root / "卷2")
    assert again["archive_no"] == archived["result"]["archive_no"]
    other = service.archive(archived["second"], root / "卷3")
    assert other["archive_no"] != archived["result"]["archive_no"]
    assert int(other["archive_no"][-4:]) == int(archived["result"]["archive_no"][-4:]) + 1


def test_drafts_are_refused_with_their_names_and_nothing_written(tmp_path):
    service = _service(tmp_path / "home")
    case_id, _ = build_case(service, tmp_path / "gen")
    service.add_document(case_id, "inquiry_record")
    with pytest.raises(Refused) as exc:
        service.archive(case_id, tmp_path / "卷")
    assert "询问笔录" in str(exc.value) and "草稿" in str(exc.value)
    assert not (tmp_path / "卷").exists()
    assert service.archive_record(case_id) is None


def test_cli_archive_refuses_open_case_exit_1_and_bad_folder_exit_2(tmp_path, wenshu_home):
    import os

    service = CaseService(Store(), clock=lambda: NOW)
    case_id, _ = build_case(service, tmp_path / "gen", close=False)
    service.close()
    env = {**os.environ, "WENSHU_HOME": str(wenshu_home)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "wenshu", "case", "archive", *a],  # noqa: E731
                                    capture_output=True, text=True, encoding="utf-8", env=env)  # not cp936
    p = run(case_id, "-o", str(tmp_path / "卷"))
    assert p.returncode == 1 and "结案" in p.stdout and "Traceback" not in p.stderr
    assert not (tmp_path / "卷").exists()
    p = run("nonexistent-id", "-o", str(tmp_path / "卷"))
    assert p.returncode == 2 and "案件" in p.stderr and "Traceback" not in p.stderr


def test_no_office_suite_says_what_to_install(monkeypatch):
    monkeypatch.setattr(pdf, "available", lambda: [])
    with pytest.raises(pdf.NoConverter) as exc:
        pdf.find_converter()
    assert "LibreOffice" in str(exc.value) and "WPS" in str(exc.value) and "安装" in str(exc.value)


def test_cancel_stops_the_conversion(tmp_path):
    from templates.kinds import get_kind
    from templates.render import render_document

    kind = get_kind("case_closing")
    files = []
    for i in range(3):
        files.append(tmp_path / f"d{i}.docx")
        render_document(kind, kind.sample(), files[-1])
    converter = pdf.find_converter("libreoffice")
    with pytest.raises(pdf.Cancelled):
        converter.convert(files, tmp_path / "out", cancel=lambda: True)
