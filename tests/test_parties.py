"""The party directory (企业库, issue 15): kept across cases, one entry per 统一社会信用代码 or 身份证号 (checked
with the project's own code rules), imported from .xlsx/.csv all or nothing with a report of every bad row,
picked when a case is created, and its changes offered to (never forced on) the open cases that use it."""

from __future__ import annotations

import csv
import json
import sqlite3

import openpyxl
import pytest

from validators.identity import id_check_char, uscc_check_char
from wenshu import cli
from wenshu.parties import PartyDirectory, PartyError, apply_to_case, directory_of
from wenshu.service import CaseService
from wenshu.store import Store


def uscc(n: int) -> str:
    base = f"9114093{n:010d}"
    return base + uscc_check_char(base)


def id_no(n: int) -> str:
    base = f"14093019800101{n:03d}"
    return base + id_check_char(base)


HEAD = ["类别", "名称", "统一社会信用代码", "居民身份证号码", "法定代表人", "地址", "联系电话"]


def org_row(n: int, name: str | None = None) -> list[str]:
    return ["单位", name or f"神池县第{n}煤业有限公司", uscc(n), "", "王五", "山西省忻州市神池县龙泉镇", "13800000000"]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    book.save(path)
    return path


def run(capsys, *argv):
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


@pytest.fixture
def service():
    s = CaseService(Store())
    yield s
    s.close()


def test_an_excel_file_is_imported_and_listed_by_name(tmp_path, capsys):
    person = ["个人", "赵六", "", id_no(7), "", "神池县东湖乡", "13900000000"]
    path = write_xlsx(tmp_path / "企业.xlsx", [HEAD, org_row(1), org_row(2), person])
    code, out, _ = run(capsys, "party", "import", path)
    assert code == 0 and out["added"] == 3
    code, out, _ = run(capsys, "party", "list")
    names = [p["name"] for p in out["parties"]]
    assert sorted(names) == names and "赵六" in names
    zhao = next(p for p in out["parties"] if p["name"] == "赵六")
    assert zhao["type"] == "person" and zhao["key"] == id_no(7) and "uscc" not in zhao


def test_a_file_with_bad_rows_reports_every_row_in_chinese_and_imports_nothing(tmp_path, capsys):
    bad_code = org_row(3)
    bad_code[2] = bad_code[2][:-1] + ("0" if bad_code[2][-1] != "0" else "1")
    bad_id = ["个人", "钱八", "", id_no(8)[:-1] + ("0" if id_no(8)[-1] != "0" else "1"), "", "", ""]
    no_name = org_row(4)
    no_name[1] = ""
    rows = [HEAD, org_row(1), bad_code, org_row(1, "重复的公司"), bad_id, no_name, org_row(5)]
    code, out, err = run(capsys, "party", "import", write_csv(tmp_path / "bad.csv", rows))
    assert code == 2
    for line in ("第3行：统一社会信用代码校验码不正确", "第4行：统一社会信用代码", "与第2行重复", "第5行：身份证号校验码不正确",
                 "第6行：缺少名称"):
        assert line in err, line
    assert "Traceback" not in err
    code, out, _ = run(capsys, "party", "list")
    assert out["parties"] == []  # the good rows 2 and 7 were not imported either


def test_wrong_columns_are_refused_before_any_row(tmp_path, capsys):
    code, _out, err = run(capsys, "party", "import", write_csv(tmp_path / "x.csv", [["公司", "代码"], ["甲", "1"]]))
    assert code == 2 and "无法识别的列“公司”“代码”" in err and "缺少必需的列“名称”" in err


def test_the_same_code_is_one_entry_and_a_change_is_recorded_in_the_log(service):
    directory = directory_of(service)
    party = {"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": uscc(1).lower(), "legal_rep": "王五"}
    assert directory.put(party)["action"] == "added"
    assert directory.put({**party, "uscc": uscc(1)})["action"] == "unchanged"
    assert directory.put({**party, "legal_rep": "孙七"})["action"] == "updated"
    assert len(directory.list()) == 1 and directory.get(uscc(1))["legal_rep"] == "孙七"
    assert [e["action"] for e in directory.log(uscc(1))] == ["added", "updated"]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # the log is append-only
        service.store._db.execute("DELETE FROM party_log")


def test_a_party_without_a_valid_code_is_refused_with_a_chinese_message(service):
    directory = directory_of(service)
    with pytest.raises(PartyError, match="单位须填写统一社会信用代码"):
        directory.put({"type": "organization", "name": "无代码公司"})
    with pytest.raises(PartyError, match="身份证号"):
        directory.put({"type": "person", "name": "赵六", "id_no": "140930198001011234X"})


def test_case_new_takes_the_party_from_the_directory(tmp_path, capsys):
    run(capsys, "party", "import", write_csv(tmp_path / "p.csv", [HEAD, org_row(1, "神池县宏达煤业有限公司")]))
    code, out, _ = run(capsys, "case", "new", "--party", uscc(1))
    assert code == 0
    code, shown, _ = run(capsys, "case", "show", out["case_id"])
    assert shown["party"]["name"] == "神池县宏达煤业有限公司" and shown["party"]["uscc"] == uscc(1)
    code, _out, err = run(capsys, "case", "new", "--party", "不存在的公司")
    assert code == 2 and "企业库中没有" in err


def test_a_change_is_offered_to_open_cases_and_applied_only_when_accepted(service):
    directory = directory_of(service)
    directory.put({"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": uscc(1), "legal_rep": "王五"})
    case_id = service.new_case({"party": {**directory.get(uscc(1)), "phone": "13800000000"}})
    other = service.new_case({"party": {"type": "organization", "name": "别的公司", "uscc": uscc(2)}})
    result = directory.put({"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": uscc(1), "legal_rep": "孙七"})
    assert [o["case_id"] for o in result["offers"]] == [case_id]
    assert result["offers"][0]["changes"] == [{"field": "legal_rep", "title": "法定代表人（负责人）", "old": "王五",
                                               "new": "孙七"}]
    assert service.case(case_id)["party"]["legal_rep"] == "王五"  # nothing changed without a yes
    applied = apply_to_case(service, case_id, directory, uscc(1))
    assert applied["changes"] and service.case(case_id)["party"]["legal_rep"] == "孙七"
    assert service.case(case_id)["party"]["phone"] == "13800000000"  # what the directory lacks is kept
    assert directory.offers(uscc(1)) == []
    with pytest.raises(PartyError):
        apply_to_case(service, other, directory, uscc(1))


def test_the_directory_survives_reopening_the_store(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    PartyDirectory(store).put({"type": "person", "name": "赵六", "id_no": id_no(7)})
    store.close()
    store = Store(path)
    assert PartyDirectory(store).get(id_no(7))["name"] == "赵六"
    store.close()


# --- the app ------------------------------------------------------------------------------------------
def test_the_new_case_dialog_picks_the_whole_party_from_the_directory(qtbot, service):
    from desktop.dialogs import NewCaseDialog

    directory = directory_of(service)
    directory.put({"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": uscc(1), "legal_rep": "王五",
                   "address": "神池县龙泉镇"})
    dialog = NewCaseDialog(create=service.new_case, parties=directory.list())
    qtbot.addWidget(dialog)
    dialog.party_pick.setCurrentIndex(1)
    assert dialog.party_name.text() == "神池县宏达煤业有限公司"
    dialog.accept()
    party = service.case(dialog.case_id)["party"]
    assert party["uscc"] == uscc(1) and party["legal_rep"] == "王五" and party["address"] == "神池县龙泉镇"


def test_the_app_offers_a_change_and_changes_only_the_ticked_cases(qtbot, service, monkeypatch):
    from PySide6.QtCore import Qt

    from desktop import party_view

    directory = directory_of(service)
    party = {"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": uscc(1), "legal_rep": "王五"}
    directory.put(party)
    first, second = service.new_case({"party": party, "title": "甲案"}), service.new_case({"party": party, "title": "乙案"})
    offers = directory.put({**party, "legal_rep": "孙七"})["offers"]
    assert {o["case_id"] for o in offers} == {first, second}

    def tick_first(dialog):
        for i in range(dialog.tree.topLevelItemCount()):
            item = dialog.tree.topLevelItem(i)
            if item.data(0, Qt.UserRole) == first:
                item.setCheckState(0, Qt.Checked)
        return 1
    monkeypatch.setattr(party_view.OfferDialog, "exec", tick_first)
    done = party_view.offer_changes(None, service, directory, offers)
    assert done == [first]
    assert service.case(first)["party"]["legal_rep"] == "孙七" and service.case(second)["party"]["legal_rep"] == "王五"
    monkeypatch.setattr(party_view.OfferDialog, "exec", lambda self: 0)  # 不更新
    assert party_view.offer_changes(None, service, directory, directory.offers(uscc(1))) == []
    assert service.case(second)["party"]["legal_rep"] == "王五"


def test_party_add_takes_one_or_a_list_all_or_nothing_and_show_lists_the_cases(tmp_path, capsys):
    good = {"type": "organization", "name": "神池县宏达煤业有限公司", "uscc": uscc(1)}
    bad = {"type": "person", "name": "赵六", "id_no": "123"}
    (tmp_path / "two.json").write_text(json.dumps([good, bad], ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(capsys, "party", "add", tmp_path / "two.json")
    assert code == 2 and "第2项" in err and "身份证号应为18位" in err
    assert run(capsys, "party", "list")[1]["parties"] == []
    (tmp_path / "one.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "party", "add", tmp_path / "one.json")
    assert code == 0 and out["action"] == "added"
    code, case, _ = run(capsys, "case", "new", "--party", "神池县宏达煤业有限公司")
    code, shown, _ = run(capsys, "party", "show", uscc(1))
    assert code == 0 and [c["case_id"] for c in shown["cases"]] == [case["case_id"]] and shown["offers"] == []
