"""``wenshu deadline``, ``wenshu major-decision`` and ``wenshu holidays`` as a script would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from holiday_tables import TABLE_2027

ROOT = Path(__file__).resolve().parents[1]

def run(*args: str) -> tuple[int, object, str]:
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], cwd=ROOT, capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in out + err
    return proc.returncode, json.loads(out) if out.strip() else None, err


def write(path: Path, obj) -> str:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(path)


# --- deadline ------------------------------------------------------------------------------------

def test_deadline_across_national_day():
    code, out, _ = run("deadline", "hearing_request", "2025-09-30")
    assert code == 0
    assert out["rule"] == "hearing_request" and out["start"] == "2025-09-30"
    assert out["due"] == "2025-10-14" and out["working_days"] is True


def test_deadline_calendar_days():
    code, out, _ = run("deadline", "payment", "2026-02-05")
    assert code == 0 and out["due"] == "2026-02-24" and out["working_days"] is False


@pytest.mark.parametrize("args, words", [
    (("deadline", "appeal", "2026-01-05"), "hearing_request"),
    (("deadline", "payment", "2026-02-30"), "YYYY-MM-DD"),
    (("deadline", "payment", "明天"), "YYYY-MM-DD"),
    (("deadline", "hearing_request", "2027-03-01"), "2027 年"),
])
def test_deadline_unusable_exit_2(args, words):
    code, out, err = run(*args)
    assert code == 2
    assert out["ok"] is False and words in out["error"] and words in err


def test_uncovered_year_works_after_import(tmp_path, wenshu_home):
    code, out, _ = run("deadline", "hearing_request", "2027-02-05")
    assert code == 2 and "wenshu holidays import" in out["error"]
    code, out, _ = run("holidays", "import", write(tmp_path / "2027.json", TABLE_2027))
    assert code == 0 and out["year"] == 2027 and 2027 in out["covered_years"]
    assert (wenshu_home / "holidays" / "2027.json").exists()
    code, out, _ = run("deadline", "hearing_request", "2027-02-05")
    assert code == 0 and out["due"] == "2027-02-19"
    code, out, _ = run("holidays", "status")
    assert code == 0 and 2027 in out["covered_years"] and out["package_years"] == [2004, 2026]
    assert out["imported"][0]["source"] == TABLE_2027["source"]


def test_bad_table_is_not_imported(tmp_path, wenshu_home):
    bad = {**TABLE_2027, "workdays": ["2027-02-17"]}
    code, out, err = run("holidays", "import", write(tmp_path / "bad.json", bad))
    assert code == 2 and "周六或周日" in out["error"]
    assert not (wenshu_home / "holidays" / "2027.json").exists()
    code, out, _ = run("holidays", "import", str(tmp_path / "missing.json"))
    assert code == 2 and "找不到文件" in out["error"]
    (tmp_path / "broken.json").write_text("{year: 2027", encoding="utf-8")
    code, out, _ = run("holidays", "import", str(tmp_path / "broken.json"))
    assert code == 2 and "JSON" in out["error"]
    code, out, _ = run("holidays", "import")
    assert code == 2
    code, out, _ = run("deadline", "hearing_request", "2027-02-05")
    assert code == 2


# --- major-decision ------------------------------------------------------------------------------

def answers(party: str, *penalties: dict, **flags) -> dict:
    return {"object": {"type": party, "name": "某某"}, "penalties": list(penalties), **flags}


def test_major_decision_organisation_at_threshold(tmp_path):
    code, out, _ = run("major-decision", write(tmp_path / "a.json",
                                               answers("organization", {"kind": "fine", "amount": "50000.00"})))
    assert code == 0
    assert out["major"] is True and out["rule_set"] == "seed001"
    assert "5万元" in out["reasons"][0]
    assert out["hearing_required"] is True and out["simple_procedure_allowed"] is False


def test_major_decision_just_below(tmp_path):
    code, out, _ = run("major-decision", write(tmp_path / "a.json",
                                               answers("person", {"kind": "fine", "amount": 9999.99})))
    assert code == 0 and out == {**out, "major": False, "reasons": [], "rule_set": "seed001"}


def test_major_decision_rule_set_option_and_setting(tmp_path, wenshu_home):
    path = write(tmp_path / "a.json", answers("person", {"kind": "fine", "amount": 15000}))
    code, out, _ = run("major-decision", path, "--rule-set", "seed002")
    assert code == 0 and out["major"] is False and out["rule_set"] == "seed002"
    (wenshu_home / "settings.json").write_text(json.dumps({"rule_set": "seed002"}), encoding="utf-8")
    code, out, _ = run("major-decision", path)
    assert code == 0 and out["rule_set"] == "seed002" and out["major"] is False
    code, out, _ = run("major-decision", path, "--rule-set", "seed001")
    assert code == 0 and out["major"] is True
    code, out, _ = run("major-decision", path, "--rule-set", "nonesuch")
    assert code == 2 and "nonesuch" in out["error"] and "seed001" in out["error"]


def test_major_decision_kind_and_flags(tmp_path):
    code, out, _ = run("major-decision", write(tmp_path / "a.json", answers(
        "organization", {"kind": "seal_or_seize"}, {"kind": "warning"}, hearing_held=True)))
    assert code == 0 and out["major"] is True and len(out["reasons"]) == 2


def test_simple_procedure_reported(tmp_path):
    code, out, _ = run("major-decision", write(tmp_path / "a.json",
                                               answers("person", {"kind": "fine", "amount": "200"})))
    assert code == 0 and out["simple_procedure_allowed"] is True and out["major"] is False


@pytest.mark.parametrize("content, words", [
    ({"penalties": [{"kind": "fine", "amount": 1}]}, "object.type"),
    ({"object": {"type": "company"}, "penalties": []}, "object.type"),
    ({"object": {"type": "person"}}, "penalties"),
    ({"object": {"type": "person"}, "penalties": {"kind": "fine"}}, "penalties"),
    ({"object": {"type": "person"}, "penalties": [{"kind": "fine", "amount": "一万元"}]}, "无法识别"),
    ({"object": {"type": "person"}, "penalties": [{"kind": "detention"}]}, "无法识别"),
    ([1, 2], "JSON 对象"),
])
def test_major_decision_unusable_exit_2(tmp_path, content, words):
    code, out, err = run("major-decision", write(tmp_path / "a.json", content))
    assert code == 2 and words in out["error"] and words in err


def test_deadline_uses_configured_statement_period(wenshu_home):
    code, out, _ = run("deadline", "statement", "2025-09-30")
    assert code == 0 and out["due"] == "2025-10-11" and out["amount"] == 3
    (wenshu_home / "settings.json").write_text(json.dumps({"periods": {"statement": 5, "payment": "x"}}),
                                               encoding="utf-8")
    code, out, _ = run("deadline", "statement", "2025-09-30")
    assert code == 0 and out["due"] == "2025-10-14" and out["amount"] == 5
    code, out, _ = run("deadline", "payment", "2026-02-05")   # unusable setting: the legal 15 days
    assert code == 0 and out["due"] == "2026-02-24"


def test_far_future_date_is_refused_not_crashed():
    code, out, _ = run("deadline", "payment", "9999-12-31")
    assert code == 2 and "9999 年" in out["error"]
