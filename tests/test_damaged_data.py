"""Bad and damaged data get a clear Chinese message and lose nothing (issue 11, DOMAIN.md §7, §11)."""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime

import docx
import pytest

from templates import oserror
from templates.kinds import get_kind
from templates.render import RenderError, atomic_write, render_bytes
from wenshu.service import CaseService, Unusable
from wenshu.store import Store, default_path


def wenshu(*args) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True, encoding="utf-8",
                          env=dict(os.environ, PYTHONUTF8="1"), timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def _file(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("typed", ["{_{", "}_}", "{_%", "%_}", "a_{b}_c"])
def test_typed_braces_print_as_typed(typed):
    kind = get_kind("inspection_record")
    answers = dict(kind.sample(), content=f"检查内容{typed}结束")
    text = [p.text for p in docx.Document(io.BytesIO(render_bytes(kind, answers))).paragraphs]
    assert any(f"检查内容{typed}结束" in t for t in text)


def test_a_number_of_thousands_of_digits_is_unusable_input(tmp_path):
    code, _out, err = wenshu("validate", "inspection_record", _file(tmp_path, "big.json", '{"n": ' + "9" * 5000 + "}"))
    assert code == 2 and "位数过多" in err


def test_duplicate_keys_are_refused(tmp_path):
    answers = json.dumps(get_kind("inspection_record").sample(), ensure_ascii=False)
    doubled = answers[:-1] + ', "place": "另一处"}'
    code, _out, err = wenshu("validate", "inspection_record", _file(tmp_path, "dup.json", doubled))
    assert code == 2 and "“place”出现了不止一次" in err


@pytest.mark.parametrize("video", ["录像", 5, ["录像"]])
def test_a_wrong_type_video_is_a_finding_not_a_render_failure(tmp_path, video):
    answers = dict(get_kind("survey_record").sample(), video=video)
    path = _file(tmp_path, "s.json", json.dumps(answers, ensure_ascii=False))
    code, out, _ = wenshu("validate", "survey_record", path)
    assert code == 1 and "field.type" in [f["code"] for f in json.loads(out)["findings"]]
    code, out, _ = wenshu("render", "survey_record", path, "-o", str(tmp_path / "s.docx"))
    assert code == 1 and not (tmp_path / "s.docx").exists() and "模板" not in out


def test_an_unreadable_case_store_is_said_not_skipped(tmp_path):
    default_path().write_bytes(b"this is not a database" * 100)
    path = _file(tmp_path, "i.json", json.dumps(get_kind("inspection_record").sample(), ensure_ascii=False))
    code, _out, err = wenshu("validate", "inspection_record", path)
    assert code == 2 and "已损坏" in err and "证件" in err
    code, _out, err = wenshu("case", "list")
    assert code == 2 and "已损坏" in err
    assert default_path().read_bytes() == b"this is not a database" * 100  # untouched


def test_a_damaged_stored_answer_opens_read_only_and_an_earlier_version_restores_it():
    service = CaseService(Store(), clock=lambda: datetime(2026, 12, 1, 10, 0))
    ins = get_kind("inspection_record").sample()
    case = service.new_case({"party": ins["object"]})
    doc = service.add_document(case, "inspection_record", ins)
    service.save(doc, dict(ins, place="第二稿"))
    db = sqlite3.connect(default_path())
    db.execute("UPDATE documents SET answers='{\"place\": \"第三' WHERE uid=?", (doc,))  # torn by a disk fault
    db.commit()
    db.close()
    opened = service.document(doc)
    assert opened["damaged"] and [v["readable"] for v in opened["versions"]] == [True, True]
    with pytest.raises(Unusable, match="已损坏"):
        service.save(doc, {})  # the next keystroke does not save a blank form over it
    code, _out, err = wenshu("case", "check", doc)
    assert code == 2 and "已损坏" in err
    service.restore(doc, 2)
    assert service.document(doc)["answers"]["place"] == "第二稿" and not service.document(doc)["damaged"]
    assert service.versions(doc)[-1]["reason"] == "从第 2 版恢复"


def test_a_case_file_whose_party_name_is_a_list_is_refused(tmp_path):
    bad = {"format": "wenshu-case", "version": 1, "party": {"name": ["某", "公司"]}, "documents": {}}
    code, out, err = wenshu("case", "import", _file(tmp_path, "c.json", json.dumps(bad, ensure_ascii=False)))
    assert code == 2 and "当事人" in err and json.loads(out)["imported"] == []
    code, _out, err = wenshu("case", "new", _file(tmp_path, "n.json", json.dumps({"party": {"name": [1]}})))
    assert code == 2 and "当事人" in err


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "只读"),
                                             (errno.ENAMETOOLONG, "过长"), (errno.EIO, "读写出错")])
def test_write_errors_are_said_in_chinese(tmp_path, monkeypatch, code, words):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr("templates.render.os.fdopen", fail)
    with pytest.raises(RenderError) as info:
        atomic_write(folder / "a.docx", b"x")
    assert words in str(info.value) and os.strerror(code) not in str(info.value)
    assert not list(folder.iterdir())  # no half file, no temporary file left behind
    assert oserror.reason(OSError(code, "x")) and "系统错误" not in oserror.reason(OSError(code, "x"))
