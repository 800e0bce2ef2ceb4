"""双随机 (002 第七条, issue 15): targets and inspectors drawn at random, reproducibly from a recorded seed,
never an inspector with a recorded conflict (回避) for that target, refused with the reason when too few are
eligible, every draw logged append-only; a draw prints as a 抽查结果 list and can start inspection cases."""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validators.identity import uscc_check_char
from wenshu import cli
from wenshu.draws import DrawLog, DrawRefused, Inspector, Target, draw
from wenshu.store import Store


def uscc(n: int) -> str:
    base = f"9114093{n:010d}"
    return base + uscc_check_char(base)


TARGETS = [Target(uscc(n), f"神池县第{n}化工有限公司") for n in range(1, 13)]
INSPECTORS = [Inspector(f"140900{n:05d}", f"检查员{n}") for n in range(1, 9)]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    targets = write_csv(tmp_path / "对象.csv", [["名称", "统一社会信用代码"], *[[t.name, t.key] for t in TARGETS]])
    rows = [["姓名", "执法证号", "回避对象"]]
    for i in INSPECTORS:
        avoid = TARGETS[0].name if i.cert_no.endswith("1") else (TARGETS[1].key if i.cert_no.endswith("2") else "")
        rows.append([i.name, i.cert_no, avoid])
    return targets, write_csv(tmp_path / "人员.csv", rows)


def run(capsys, *argv):
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_the_output_is_the_seed_and_a_draw_per_target(files, capsys):
    targets, inspectors = files
    code, out, _ = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 4, "--seed", "2026")
    assert code == 0 and out["seed"] == "2026" and len(out["draws"]) == 4
    names = {t.name for t in TARGETS}
    for d in out["draws"]:
        assert d["target"] in names and len(d["inspectors"]) == 2 and len(set(d["inspectors"])) == 2
    assert len({d["target"] for d in out["draws"]}) == 4


def test_the_same_inputs_and_seed_give_the_same_draw_in_another_process_and_row_order(files, tmp_path, capsys):
    targets, inspectors = files
    code, first, _ = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 5, "--seed", "s-17")
    rows = list(csv.reader(open(targets, encoding="utf-8")))
    shuffled = write_csv(tmp_path / "乱序.csv", [rows[0], *reversed(rows[1:])])
    proc = subprocess.run([sys.executable, "-m", "wenshu", "draw", "--targets", str(shuffled), "--inspectors",
                           str(inspectors), "--count", "5", "--seed", "s-17"], capture_output=True, text=True,
                          encoding="utf-8", env={**__import__("os").environ, "PYTHONHASHSEED": "123"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["draws"] == first["draws"]


def test_a_seed_not_given_is_generated_printed_and_logged(files, capsys):
    targets, inspectors = files
    code, out, err = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 2)
    assert code == 0 and out["seed"].isdigit() and out["seed"] in err
    code, log, _ = run(capsys, "draws")
    assert [e["seed"] for e in log["draws"]] == [out["seed"]] and log["problems"] == []
    assert log["draws"][0]["draws"] == out["draws"]


def test_too_few_eligible_inspectors_is_refused_with_the_reason_and_logged(files, capsys):
    targets, inspectors = files
    code, out, err = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 12,
                         "--per-target", 8, "--seed", "1")
    assert code == 1 and not out["ok"]
    assert "神池县第1化工有限公司" in err and "回避" in err and "检查员1" in err
    code, log, _ = run(capsys, "draws")
    assert log["draws"][-1]["outcome"] == "refused"
    code, out, err = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 13)
    assert code == 1 and "只有 12 个" in err


def test_a_conflict_recorded_in_the_store_is_respected(files, capsys):
    targets, inspectors = files
    run(capsys, "conflict", "add", INSPECTORS[4].cert_no, TARGETS[5].key, "--reason", "近亲属任该单位负责人")
    for seed in range(40):
        code, out, _ = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 12,
                           "--seed", seed)
        d = next(d for d in out["draws"] if d["target_code"] == TARGETS[5].key)
        assert INSPECTORS[4].cert_no not in d["inspector_certs"]


@settings(max_examples=1000, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**12), count=st.integers(1, 12), per=st.integers(1, 5),
       pairs=st.sets(st.tuples(st.integers(0, 7), st.integers(0, 11)), max_size=20))
def test_no_conflicted_inspector_is_ever_drawn_and_a_draw_is_reproducible(seed, count, per, pairs):
    conflicts = {(INSPECTORS[i].cert_no, TARGETS[t].key) for i, t in pairs}
    shuffled = TARGETS[:]
    random.Random(seed).shuffle(shuffled)
    try:
        result = draw(TARGETS, INSPECTORS, count, per, str(seed), conflicts)
    except DrawRefused as exc:
        # refused only when some target really has too few inspectors without a conflict
        assert any(len([i for i in INSPECTORS if (i.cert_no, t.key) not in conflicts]) < per for t in TARGETS)
        assert exc.reasons
        return
    for d in result["draws"]:
        assert not {(c, d["target_code"]) for c in d["inspector_certs"]} & conflicts
        assert len(d["inspector_certs"]) == per
    assert draw(shuffled, list(reversed(INSPECTORS)), count, per, str(seed), conflicts)["draws"] == result["draws"]


def test_the_log_is_append_only_and_chained(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    log = DrawLog(store)
    log.append("1", "drawn", {"draws": []})
    log.append("2", "drawn", {"draws": []})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._db.execute("UPDATE draw_log SET seed='9'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._db.execute("DELETE FROM draw_log")
    assert log.verify() == []
    store._db.execute("DROP TRIGGER draw_log_no_delete")  # another tool removes the last row
    store._db.execute("DELETE FROM draw_log WHERE seed='2'")
    assert any("有记录被删除" in p for p in log.verify())
    store._db.execute("DELETE FROM draw_log WHERE seed='1'")
    from wenshu.service import CaseService
    from wenshu.verify import verify_store

    result = verify_store(CaseService(store))
    assert not result["ok"] and any(p["code"] == "draws.altered" for p in result["problems"])
    store.close()


def test_a_draw_prints_its_list_and_starts_an_inspection_case_per_target(files, tmp_path, capsys):
    targets, inspectors = files
    out_docx = tmp_path / "清单.docx"
    code, out, _ = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--count", 2, "--seed", "7",
                       "--start-cases", "--list", out_docx, "--matter", "危险化学品企业安全生产监督检查")
    assert code == 0 and out_docx.stat().st_size > 0
    from docx import Document

    text = "\n".join(c.text for t in Document(out_docx).tables for r in t.rows for c in r.cells)
    for d in out["draws"]:
        assert d["target"] in text and "、".join(d["inspectors"]) in text
    assert len(out["cases"]) == 2
    code, shown, _ = run(capsys, "case", "show", out["cases"][0]["case_id"])
    assert shown["party"]["name"] == out["draws"][0]["target"]
    assert [d["kind"] for d in shown["documents"]] == ["inspection_record"]
    code, _out, err = run(capsys, "draws", out["draw_id"], "--start-cases")
    assert code == 2 and "不再重复新建" in err


def test_targets_come_from_the_directory_and_inspectors_from_the_roster(capsys):
    from wenshu.parties import PartyDirectory
    from wenshu.roster import save_officer

    store = Store()
    directory = PartyDirectory(store)
    for t in TARGETS[:3]:
        directory.put({"type": "organization", "name": t.name, "uscc": t.key})
    save_officer(store, "张三", "14090012345", valid_until="2099-12-31")
    save_officer(store, "李四", "14090012346", valid_until="2099-12-31")
    save_officer(store, "过期", "14090012347", valid_until="2020-01-01")
    store.close()
    for seed in range(10):
        code, out, _ = run(capsys, "draw", "--count", 3, "--seed", seed)
        assert code == 0 and {d["target"] for d in out["draws"]} == {t.name for t in TARGETS[:3]}
        assert all(d["inspectors"] == ["张三", "李四"] for d in out["draws"])  # the expired one never


def test_the_printed_list_masks_a_natural_person(tmp_path):
    from wenshu.draws import list_answers

    entry = {"draw_id": "d" * 36, "seed": "1", "drawn_at": "2026-12-01T09:30:00", "targets_total": 2,
             "inspectors_total": 2, "per_target": 2,
             "draws": [{"target": "赵六", "target_code": "140930198001011233", "inspectors": ["张三", "李四"]},
                       {"target": "神池县宏达煤业有限公司", "target_code": uscc(1), "inspectors": ["张三", "李四"]}],
             "parties": {"140930198001011233": {"type": "person", "name": "赵六"},
                         uscc(1): {"type": "organization", "name": "神池县宏达煤业有限公司"}}}
    rows = list_answers(entry, "神池县应急管理局", "检查")["entries"]
    assert rows[0]["target"] == "赵某某" and rows[0]["code"] == "140930********1233"
    assert rows[1] == {"target": "神池县宏达煤业有限公司", "code": uscc(1), "inspectors": "张三、李四"}


def test_the_draw_dialog_draws_shows_a_refusal_and_starts_cases(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.draw_view import DrawDialog
    from wenshu.parties import directory_of
    from wenshu.roster import save_officer
    from wenshu.service import CaseService

    service = CaseService(Store())
    for t in TARGETS[:4]:
        directory_of(service).put({"type": "organization", "name": t.name, "uscc": t.key})
    save_officer(service.store, "张三", "14090012345", valid_until="2099-12-31")
    save_officer(service.store, "李四", "14090012346", valid_until="2099-12-31")
    dialog = DrawDialog(service)
    qtbot.addWidget(dialog)
    dialog.count.setValue(3)
    dialog.per_target.setValue(3)
    dialog.draw()
    assert "不能进行本次抽取" in dialog.message.text() and dialog.result.rowCount() == 0
    assert not dialog.start.isEnabled()
    dialog.per_target.setValue(2)
    dialog.seed.setText("99")
    dialog.draw()
    assert dialog.result.rowCount() == 3 and "随机种子 99" in dialog.message.text()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Yes)
    dialog.start_cases()
    assert len(dialog.started) == 3 and len(service.list_cases()) == 3
    service.close()


def test_lists_without_codes_and_a_conflicts_file_are_used_by_name(tmp_path, capsys):
    targets = write_csv(tmp_path / "t.csv", [["名称"], *[[f"第{n}加油站"] for n in range(1, 6)]])
    inspectors = write_csv(tmp_path / "i.csv", [["姓名"], ["张三"], ["李四"], ["王五"]])
    conflicts = write_csv(tmp_path / "c.csv", [["姓名", "检查对象"], ["张三", "第1加油站"], ["李四", "第1加油站"]])
    for seed in range(20):
        code, out, err = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--conflicts", conflicts,
                             "--count", 5, "--per-target", 1, "--seed", seed)
        assert code == 0, err
        first = next(d for d in out["draws"] if d["target"] == "第1加油站")
        assert first["inspectors"] == ["王五"]
    code, out, err = run(capsys, "draw", "--targets", targets, "--inspectors", inspectors, "--conflicts", conflicts,
                         "--count", 5, "--per-target", 2, "--seed", 1)
    assert code == 1 and "第1加油站" in err and "张三、李四" in err
    dup = write_csv(tmp_path / "d.csv", [["名称"], ["甲"], ["甲"]])
    code, _out, err = run(capsys, "draw", "--targets", dup, "--inspectors", inspectors, "--count", 1)
    assert code == 2 and "第3行" in err and "重复" in err
