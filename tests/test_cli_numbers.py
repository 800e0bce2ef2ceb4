"""``wenshu number next | void | list | import`` as a clerk or a script uses them."""

import json
from datetime import date

import pytest
from docx import Document

from templates.kinds import get_kind
from templates.render import render_document
from wenshu.cli import main

P = "（晋忻神）应急罚"


@pytest.fixture
def run(capsys):
    def _run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, json.loads(out), err

    return _run


def test_next_prints_number_and_seq_and_keeps_the_file_under_wenshu_home(run, wenshu_home):
    code, out, _ = run("number", "next", P, "--year", "2026")
    assert code == 0 and out == {"number": f"{P}〔2026〕1号", "seq": 1}
    assert run("number", "next", P, "--year", "2026")[1]["seq"] == 2
    assert (wenshu_home / "numbers.sqlite3").is_file()


def test_next_defaults_to_this_year(run):
    year = date.today().year
    assert run("number", "next", "神应急字")[1]["number"] == f"神应急字〔{year}〕1号"


def test_void_then_next_continues_after_the_voided_number(run):
    for _ in range(2):
        run("number", "next", P, "--year", "2026")
    code, out, _ = run("number", "void", f"{P}〔2026〕2号", "--reason", "文书填写错误")
    assert code == 0 and out["state"] == "void" and out["reason"] == "文书填写错误"
    assert run("number", "next", P, "--year", "2026")[1]["seq"] == 3
    listing = run("number", "list", P, "--year", "2026")[1]
    (seq,) = listing["sequences"]
    assert [r["seq"] for r in seq["voided"]] == [2]
    assert [r["seq"] for r in seq["allocated"]] == [1, 3]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["number", "next", "应急罚〔2026〕"], "前缀"),
        (["number", "next", P, "--year", "26"], "年份"),
        (["number", "void", f"{P}〔2026〕9号", "--reason", "错"], "没有文号"),
        (["number", "void", f"{P}〔2026〕1号", "--reason", " "], "作废原因"),
        (["number", "void", "不是文号", "--reason", "错"], "无法识别"),
        (["number", "void", f"{P}〔2026〕1号"], "命令参数有误"),
        (["number"], "请指定操作"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(run, argv, says, capsys):
    run("number", "next", P, "--year", "2026")
    code, out, err = run(*argv)
    assert code == 2 and out["ok"] is False
    assert says in out["error"] and says in err
    assert "Traceback" not in err


def test_damaged_registry_file_is_reported_not_replaced(run, wenshu_home):
    path = wenshu_home / "numbers.sqlite3"
    path.write_bytes(b"garbage" * 500)
    code, out, _ = run("number", "next", P)
    assert code == 2 and "损坏" in out["error"] and str(path) in out["error"]
    assert path.read_bytes() == b"garbage" * 500


def test_list_shows_allocated_voided_and_gaps_per_year(run, tmp_path):
    csv_file = tmp_path / "已发文号.csv"
    csv_file.write_text("文号,日期,状态,作废原因\n"
                        f"{P}〔2026〕2号,2026-01-05,,\n"
                        f"{P}〔2026〕5号,2026年3月1日,作废,打印错误\n"
                        f"{P}〔2025〕40号,2025-12-30,已使用,\n", encoding="utf-8")
    code, out, _ = run("number", "import", str(csv_file))
    assert code == 0 and len(out["imported"]) == 3
    assert {(s["year"], s["next_seq"]) for s in out["sequences"]} == {(2025, 41), (2026, 6)}
    listing = run("number", "list", P)[1]
    by_year = {s["year"]: s for s in listing["sequences"]}
    assert sorted(by_year) == [2025, 2026]
    assert by_year[2026]["gaps"] == [[1, 1], [3, 4]] and by_year[2026]["gap_count"] == 3
    assert [(r["seq"], r["void_reason"]) for r in by_year[2026]["voided"]] == [(5, "打印错误")]
    assert by_year[2025]["gaps"] == [[1, 39]]
    assert run("number", "next", P, "--year", "2026")[1]["seq"] == 6


def test_import_reads_a_gb18030_csv_as_excel_saves_it(run, tmp_path):
    csv_file = tmp_path / "numbers.csv"
    csv_file.write_bytes(f"文号,案件,文书\n{P}〔2026〕9号,2026-001,行政处罚决定书\n"
                         f"{P}〔2026〕10号,2026-002,行政处罚决定书\n".encode("gb18030"))
    code, out, _ = run("number", "import", str(csv_file))
    assert code == 0 and out["imported"] == [f"{P}〔2026〕9号", f"{P}〔2026〕10号"]
    rec = run("number", "list", P, "--year", "2026")[1]["sequences"][0]["allocated"][0]
    assert (rec["case_id"], rec["document_title"], rec["source"]) == ("2026-001", "行政处罚决定书", "import")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (f"文号\n{P}〔2026〕3号\n乱写的编号\n", "第3行"),
        (f"文号,状态\n{P}〔2026〕3号,丢失\n", "状态"),
        (f"文号,日期\n{P}〔2026〕3号,三月\n", "日期"),
        (f"{P}〔2026〕3号\n", "表头"),
    ],
)
def test_bad_csv_imports_nothing(run, tmp_path, content, says):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(content, encoding="utf-8")
    code, out, _ = run("number", "import", str(csv_file))
    assert code == 2 and says in out["error"]
    assert run("number", "list", P, "--year", "2026")[1]["sequences"][0]["allocated"] == []


def test_import_finds_the_number_in_an_issued_docx(run, tmp_path):
    kind = get_kind("inspection_record")
    answers = kind.sample()
    answers["number"] = "（晋忻神）应急检记〔2026〕12号"
    issued = tmp_path / "现场检查记录.docx"
    render_document(kind, answers, issued)
    code, out, _ = run("number", "import", str(issued))
    assert code == 0 and out["imported"] == ["（晋忻神）应急检记〔2026〕12号"]
    assert run("number", "next", "（晋忻神）应急检记", "--year", "2026")[1]["seq"] == 13


def test_import_reads_docx_tables_and_labelled_numbers_and_says_which_files_had_none(run, tmp_path):
    doc = Document()
    doc.add_paragraph("神池县应急管理局")
    doc.add_paragraph("文号：神应急字〔2026〕7号")
    doc.add_table(rows=1, cols=2).rows[0].cells[1].text = f"{P}〔2026〕3号"
    with_numbers = tmp_path / "a.docx"
    doc.save(with_numbers)
    empty = Document()
    empty.add_paragraph("没有文号的通知")
    without = tmp_path / "b.docx"
    empty.save(without)
    code, out, _ = run("number", "import", str(with_numbers), str(without))
    assert code == 0
    assert sorted(out["imported"]) == sorted(["神应急字〔2026〕7号", f"{P}〔2026〕3号"])
    assert out["not_found"] == [str(without)]
    # importing the same file again changes nothing
    again = run("number", "import", str(with_numbers))[1]
    assert again["imported"] == [] and sorted(again["already"]) == sorted(out["imported"])


def test_import_refuses_other_files_and_damaged_docx(run, tmp_path):
    txt = tmp_path / "numbers.txt"
    txt.write_text("x", encoding="utf-8")
    assert run("number", "import", str(txt))[1]["error"].startswith("无法导入")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK not really")
    code, out, _ = run("number", "import", str(broken))
    assert code == 2 and "不是有效的 .docx" in out["error"]
    code, out, _ = run("number", "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "找不到文件" in out["error"]


def test_next_for_a_document_gives_the_same_number_again(run):
    first = run("number", "next", P, "--year", "2026", "--case", "2026-001", "--document", "决定书-1")[1]
    again = run("number", "next", P, "--year", "2026", "--document", "决定书-1")[1]
    other = run("number", "next", P, "--year", "2026", "--document", "决定书-2")[1]
    assert first == again == {"number": f"{P}〔2026〕1号", "seq": 1}
    assert other["seq"] == 2
