"""``wenshu validate KIND FILE`` end to end (DOMAIN.md §9): JSON on stdout, exit 0 / 1 / 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from templates.kinds import get_kind

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, WENSHU_HOME=str(home), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, cwd=ROOT, env=env,
                          text=True, encoding="utf-8", timeout=120)


def write(tmp_path: Path, answers, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


def sample() -> dict:
    return get_kind("inspection_record").sample()


def test_the_sample_is_ok_with_exit_0(tmp_path, wenshu_home):
    proc = run("validate", "inspection_record", write(tmp_path, sample()), home=wenshu_home)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"ok": True, "findings": []}
    assert "Traceback" not in proc.stderr


def test_errors_give_exit_1_and_findings_with_path_code_severity_message(tmp_path, wenshu_home):
    answers = sample()
    del answers["place"]
    answers["officers"] = answers["officers"][:1]
    answers["object"]["uscc"] = "91110000600037341M"
    answers["time"]["end"] = "2026-11-20T09:00"
    answers["process"] = "检查\x07发现"
    proc = run("validate", "inspection_record", write(tmp_path, answers), home=wenshu_home)
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"ok", "findings"} and out["ok"] is False
    for f in out["findings"]:
        assert set(f) == {"path", "code", "severity", "message"}
        assert f["severity"] in ("error", "warning")
        assert f["message"] and not f["message"].isascii()
    got = {(f["path"], f["code"]) for f in out["findings"] if f["severity"] == "error"}
    assert {("/place", "elements.missing"), ("/officers", "officers.too_few"),
            ("/object/uscc", "uscc.check_digit"), ("/time/end", "time.order"),
            ("/process", "text.control_chars")} <= got


def test_warnings_alone_keep_exit_0(tmp_path, wenshu_home):
    answers = sample()
    answers["place"] = "神池县"
    proc = run("validate", "inspection_record", write(tmp_path, answers), home=wenshu_home)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ok"] is True
    assert [(f["path"], f["code"], f["severity"]) for f in out["findings"]] == [
        ("/place", "place.vague", "warning")]


def test_a_future_record_is_refused(tmp_path, wenshu_home):
    answers = sample()
    answers["time"] = {"start": "2099-01-01T09:00", "end": "2099-01-01T10:00"}
    proc = run("validate", "inspection_record", write(tmp_path, answers), home=wenshu_home)
    assert proc.returncode == 1
    paths = {f["path"] for f in json.loads(proc.stdout)["findings"] if f["code"] == "time.future"}
    assert paths == {"/time/start", "/time/end"}


def test_wrong_types_inside_the_answers_are_findings_not_crashes(tmp_path, wenshu_home):
    answers = sample()
    answers.update(time="昨天", officers={"name": "张三"}, object=["x"], place=5, content=None, process=[])
    proc = run("validate", "inspection_record", write(tmp_path, answers), home=wenshu_home)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    codes = {f["code"] for f in json.loads(proc.stdout)["findings"]}
    assert "internal.rule_failed" not in codes


@pytest.mark.parametrize(("content", "words"), [
    (b"{not json", "JSON"),
    (b"[1, 2]", "JSON"),
    (b'"text"', "JSON"),
    ("{}".encode("utf-16"), "UTF-8"),
])
def test_unusable_files_exit_2_with_a_chinese_message(tmp_path, wenshu_home, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    proc = run("validate", "inspection_record", str(path), home=wenshu_home)
    assert proc.returncode == 2
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_file_and_unknown_kind_exit_2(tmp_path, wenshu_home):
    proc = run("validate", "inspection_record", str(tmp_path / "nope.json"), home=wenshu_home)
    assert proc.returncode == 2 and "找不到文件" in proc.stderr
    proc = run("validate", "no_such_kind", write(tmp_path, sample()), home=wenshu_home)
    assert proc.returncode == 2 and "未知的文书种类" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_utf8_bom_file_is_read(tmp_path, wenshu_home):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(sample(), ensure_ascii=False).encode("utf-8"))
    proc = run("validate", "inspection_record", str(path), home=wenshu_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
