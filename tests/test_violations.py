"""The violation library (issue 13): shipped entries that pass the law checks, imports from .csv/.xlsx
(every bad row reported in Chinese, nothing imported), 裁量基准 tables, and violations picked once in the
inspection record reaching every later document unchanged."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from templates.kinds import get_kind
from wenshu import violations
from wenshu.service import CaseService, Unusable
from wenshu.store import Store

NOW = datetime(2026, 12, 1, 10, 30, 20)
SAFETY = "《中华人民共和国安全生产法》"
HEAD = ["编号", "违法行为", "违法事实", "违反条款", "处罚依据", "当事人类别", "处罚种类", "罚款金额"]


def _csv(tmp_path, rows, name="表.csv", encoding="utf-8"):
    import csv

    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_every_shipped_entry_passes_the_law_checks():
    entries = violations.shipped()
    assert len(entries) >= 20
    for entry in entries:
        assert violations.check_entry(entry) == [], entry["id"]


def test_an_entry_with_a_wrong_article_is_reported():
    bad = {"id": "X", "title": "t", "violated": f"{SAFETY}第三十六条第一款", "basis": f"{SAFETY}第九十七条第（三）项",
           "penalties": [{"kind": "fine", "amount": 10000}]}
    (problem,) = violations.check_entry(bad)
    assert "第九十七条第（三）项" in problem and "第二十八条" in problem


def test_import_csv_adds_to_the_agency_library(tmp_path):
    path = _csv(tmp_path, [HEAD, ["JG-1", "消防通道堵塞", "该单位疏散通道被货物堵塞。", f"{SAFETY}第四十二条第二款",
                                  f"{SAFETY}第一百零五条第（二）项", "单位", "罚款", "8000"]])
    assert violations.import_library(path) == {"imported": 1, "ids": ["JG-1"]}
    (entry,) = [e for e in violations.library() if e["id"] == "JG-1"]
    assert entry["penalties"] == [{"kind": "fine", "amount": 8000}] and entry["source"] == "本机关"


def test_import_xlsx(tmp_path):
    import openpyxl  # a dependency of the project: the agency keeps its library in Excel
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["JG-2", "主要负责人未履职", "", f"{SAFETY}第二十一条", f"{SAFETY}第九十四条第一款", "主要负责人", "罚款", 30000])
    path = tmp_path / "库.xlsx"
    book.save(path)
    assert violations.import_library(path)["imported"] == 1


def test_a_bad_file_is_reported_row_by_row_and_nothing_is_imported(tmp_path):
    rows = [HEAD,
            ["B-1", "好的一行", "", f"{SAFETY}第三十五条", f"{SAFETY}第九十九条第（一）项", "单位", "罚款", "10000"],
            ["B-2", "条号不存在", "", f"{SAFETY}第三十五条", f"{SAFETY}第一百二十条", "单位", "罚款", "10000"],
            ["B-3", "依据不对应", "", f"{SAFETY}第三十五条", f"{SAFETY}第一百零九条", "单位", "罚款", "60000"],
            ["B-4", "超出幅度", "", f"{SAFETY}第三十五条", f"{SAFETY}第九十九条第（一）项", "单位", "罚款", "60000"],
            ["B-1", "编号重复", "", f"{SAFETY}第三十五条", f"{SAFETY}第九十九条第（一）项", "单位", "警戒", ""]]
    with pytest.raises(violations.ImportRefused) as exc:
        violations.import_library(_csv(tmp_path, rows))
    report = str(exc.value)
    assert "未导入任何内容" in report
    lines = exc.value.problems
    assert [line.split("：", 1)[0] for line in lines] == ["第3行", "第4行", "第5行", "第6行", "第6行"]
    assert "没有第一百二十条" in lines[0] and "第五十一条第二款" in lines[1] and "5万元以下" in lines[2]
    assert "警戒" in lines[3] and "与第2行重复" in lines[4]
    assert violations.agency_entries() == []


@pytest.mark.parametrize(("rows", "words"), [
    ([["编号", "名称", "违反条款", "处罚依据"]], "无法识别的列“名称”"),
    ([["编号", "违法行为", "违反条款"]], "缺少必需的列“处罚依据”"),
    ([HEAD], "没有数据"),
])
def test_wrong_columns_are_refused(tmp_path, rows, words):
    with pytest.raises(violations.ImportRefused) as exc:
        violations.import_library(_csv(tmp_path, rows))
    assert words in str(exc.value)


def test_a_file_that_is_not_a_table_is_refused(tmp_path):
    path = tmp_path / "库.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(violations.ImportRefused, match="不是可读取的 Excel"):
        violations.import_library(path)
    other = tmp_path / "库.txt"
    other.write_text("编号", encoding="utf-8")
    with pytest.raises(violations.ImportRefused, match="只能导入"):
        violations.import_library(other)


DISC_HEAD = ["处罚依据", "当事人类别", "情形", "关键词", "罚款下限", "罚款上限"]


def test_discretion_import_and_its_warning(tmp_path):
    from wenshu.settings import load_settings

    path = _csv(tmp_path, [DISC_HEAD, ["第九十九条第（二）项", "单位", "一般", "", "10000", "20000"],
                           ["第九十九条第（二）项", "单位", "较重", "多处、长期", "20000", "50000"]])
    assert violations.import_discretion(path) == {"imported": 2}
    table = load_settings()["discretion"]
    assert [e["circumstance"] for e in table] == ["一般", "较重"] and table[1]["keywords"] == ["多处", "长期"]


def test_discretion_bad_rows_are_all_reported(tmp_path):
    from wenshu.settings import load_settings

    path = _csv(tmp_path, [DISC_HEAD,
                           ["第九十九条第（二）项", "单位", "一般", "", "10000", "30000"],
                           ["第九十九条第（二）项", "单位", "较重", "", "20000", "50000"],
                           ["第一百二十条", "单位", "一般", "", "1000", "2000"],
                           ["第九十九条第（二）项", "单位", "严重", "", "40000", "80000"]])
    with pytest.raises(violations.ImportRefused) as exc:
        violations.import_discretion(path)
    lines = exc.value.problems
    assert any(line.startswith("第4行") and "没有第一百二十条" in line for line in lines)
    assert any(line.startswith("第5行") and "超出" in line for line in lines)
    assert any(line.startswith("第3行") and "重叠" in line for line in lines)
    assert "discretion" not in load_settings()


# --- a whole case ------------------------------------------------------------------------------------
@pytest.fixture
def service():
    s = CaseService(Store(), clock=lambda: NOW)
    yield s
    s.close()


def test_violations_picked_in_the_inspection_record_reach_every_later_document(service):
    ins = get_kind("inspection_record").sample()
    case = service.new_case({"title": "某煤业公司案", "party": ins["object"], "officers": ins["officers"]})
    record = service.add_document(case, "inspection_record", {k: v for k, v in ins.items() if k != "number"})
    service.pick_violations(record, ["AQ-002", "AQ-009"])
    picked = service.document(record)["answers"]["violations"]
    assert [v["id"] for v in picked] == ["AQ-002", "AQ-009"]

    notice = service.document(service.add_document(case, "penalty_notice"))["answers"]
    facts = "1. 该单位安全设备的安装、使用不符合国家标准或者行业标准。\n2. 该单位未按照规定对从业人员进行安全生产教育和培训。"
    violated = f"{SAFETY}第三十六条第一款；{SAFETY}第二十八条第一款"
    basis = f"{SAFETY}第九十九条第（二）项；{SAFETY}第九十七条第（三）项"
    fines = [{"kind": "fine", "amount": 20000}, {"kind": "fine", "amount": 20000}]
    assert (notice["facts"], notice["violated"], notice["applied"], notice["penalties"]) == (facts, violated, basis, fines)
    assert notice["violations"] == picked

    decision = service.document(service.add_document(case, "penalty_decision"))["answers"]
    assert (decision["facts"], decision["violated"], decision["basis"], decision["penalties"]) == (
        facts, violated, basis, fines)
    review = service.document(service.add_document(case, "legal_review_application"))["answers"]
    assert (review["summary"], review["violated_provisions"], review["penalty_basis"]) == (facts, violated, basis)
    assert review["proposed_decision"] == "罚款人民币20000.00元；罚款人民币20000.00元"
    law = [f for f in service.check(service.add_document(case, "penalty_decision", decision))
           if f["code"].startswith("law.")]
    assert law == []


def test_picking_again_replaces_what_the_first_choice_filled_but_keeps_what_was_typed(service):
    ins = get_kind("inspection_record").sample()
    case = service.new_case({"title": "案", "party": ins["object"], "officers": ins["officers"]})
    notice = service.add_document(case, "penalty_notice")
    service.pick_violations(notice, ["AQ-001"])
    answers = service.document(notice)["answers"]
    assert answers["applied"] == f"{SAFETY}第九十九条第（一）项"
    answers["facts"] = "执法人员自己写的违法事实。"
    service.save(notice, answers)
    service.pick_violations(notice, ["AQ-005"])
    answers = service.document(notice)["answers"]
    assert answers["applied"] == f"{SAFETY}第九十九条第（五）项" and answers["violated"] == f"{SAFETY}第四十五条"
    assert answers["facts"] == "执法人员自己写的违法事实。"
    with pytest.raises(Unusable, match="没有编号"):
        service.pick_violations(notice, ["不存在"])
    decision = service.add_document(case, "penalty_decision")
    with pytest.raises(Unusable, match="不能选取违法行为"):
        service.pick_violations(decision, ["AQ-001"])


def test_the_library_file_is_json_with_ids_unique():
    data = json.loads(violations.SHIPPED_FILE.read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["violations"]]
    assert len(ids) == len(set(ids))


def test_the_form_fills_the_notice_from_a_picked_violation(qtbot):
    from desktop.form import DocumentForm

    kind = get_kind("penalty_notice")
    form = DocumentForm(kind, {"facts": ""})
    qtbot.addWidget(form)
    editor = form.editors["violations"]
    picker = editor.picker
    index = picker.findData("AQ-017")
    assert index > 0 and "未采取措施消除事故隐患" in picker.itemText(index)
    with qtbot.waitSignal(form.edited):
        editor._picked(index)
    answers = form.answers()
    assert answers["applied"] == f"{SAFETY}第一百零二条" and answers["violated"] == f"{SAFETY}第四十一条第二款"
    assert answers["facts"] == "该单位未采取措施消除事故隐患。"
    assert answers["penalties"] == [{"kind": "fine", "amount": 30000}]
    assert [v["id"] for v in answers["violations"]] == ["AQ-017"]
    editor.list.setCurrentRow(0)
    editor._remove()
    answers = form.answers()
    assert "violations" not in answers and "applied" not in answers


def test_cli_violations(capsys, tmp_path):
    from wenshu.cli import main

    assert main(["violations", "list"]) == 0
    listed = json.loads(capsys.readouterr().out)["violations"]
    assert {"AQ-001", "AQ-021"} <= {e["id"] for e in listed}
    bad = _csv(tmp_path, [HEAD, ["C-1", "甲", "", f"{SAFETY}第三十五条", f"{SAFETY}第一百二十条", "单位", "罚款", "1"]])
    assert main(["violations", "import", str(bad)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert "第2行" in out["error"] and "未导入任何内容" in out["error"]
    good = _csv(tmp_path, [HEAD, ["C-2", "乙", "", f"{SAFETY}第三十五条", f"{SAFETY}第九十九条第（一）项", "单位", "罚款", "1000"]],
                name="好.csv")
    assert main(["violations", "import", str(good)]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "imported": 1, "ids": ["C-2"]}
    assert main(["violations", "pick", "00000000", "AQ-001"]) == 2
    assert re.search(r"[\u4e00-\u9fff]", json.loads(capsys.readouterr().out)["error"])


LEN_HEAD = ["清单", "序号", "情形", "关键词", "处理"]


def test_leniency_list_import_and_its_finding(tmp_path):
    from templates.kinds import get_kind as kind_of
    from validators.context import CheckContext
    from validators.engine import validate
    from wenshu.settings import load_settings

    bad = _csv(tmp_path, [LEN_HEAD, ["轻微违法行为不予处罚清单", "1", "初次违法且及时改正", "", "不罚"]])
    with pytest.raises(violations.ImportRefused) as exc:
        violations.import_leniency(bad)
    assert [p.split("：")[0] for p in exc.value.problems] == ["第2行", "第2行"] and "leniency" not in load_settings()
    good = _csv(tmp_path, [LEN_HEAD, ["轻微违法行为不予处罚清单", "3", "初次违法且危害后果轻微并及时改正", "初次、及时改正", "不予处罚"]],
                name="好.csv")
    assert violations.import_leniency(good) == {"imported": 1}
    kind = kind_of("penalty_decision")
    answers = kind.sample()
    answers["facts"] += "该单位系初次违法，已及时改正。"
    found = [f for f in validate(kind.schema, answers, CheckContext(kind=kind.name, meta=kind.meta, settings=load_settings()))
             if f["code"] == "law.leniency"]
    assert len(found) == 1 and "第3项" in found[0]["message"] and "不予处罚" in found[0]["message"]
