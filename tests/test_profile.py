"""The agency profile: one versioned JSON document, exported and imported whole (issue 19)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from templates.kinds import get_kind

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, home: Path) -> tuple[int, dict]:
    env = {"WENSHU_HOME": str(home), "PATH": "/usr/bin:/bin"}
    if sys.platform == "win32":  # Windows cannot start a process without these (PATH alone is POSIX)
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LOCALAPPDATA", "USERPROFILE")
                    if k in os.environ})
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=ROOT, timeout=120)
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture()
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WENSHU_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_show_gives_the_rule_set_by_its_regulation_name(home):
    code, out = _run("profile", "show", home=home)
    assert code == 0 and out["format"] == "wenshu.profile" and out["version"] == 1
    assert out["rule_set_title"].startswith("神池县应急管理局重大行政执法决定法制审核制度")
    assert out["header"] == "安全生产行政执法文书"


def test_export_then_import_on_another_pc_carries_names_header_fonts_and_templates(home, tmp_path):
    from wenshu import profile

    profile.save_profile({**profile.current_profile(), "agency": {
        "name": "大同市应急管理局", "short": "同应急", "region": "晋同", "legal_office": "大同市应急管理局法制科",
        "reconsideration_organ": "大同市人民政府", "court": "大同市平城区人民法院"},
        "header": "煤矿安全监管行政执法文书", "rule_set": "seed002", "fonts": {"仿宋": "cwTeXFangSong"}})
    from tests.test_template_lint import _edited_like_word

    profile.set_template("penalty_decision", _edited_like_word("penalty_decision"))
    exported = tmp_path / "机关配置.json"
    code, out = _run("profile", "export", str(exported), home=home)
    assert code == 0 and out["templates"] == ["penalty_decision"]

    other = tmp_path / "other-pc"
    code, out = _run("profile", "import", str(exported), home=other)
    assert code == 0
    got = out["profile"]
    assert got["agency"]["court"] == "大同市平城区人民法院" and got["header"] == "煤矿安全监管行政执法文书"
    assert got["rule_set"] == "seed002" and got["fonts"] == {"仿宋": "cwTeXFangSong"}
    assert (other / "templates" / "penalty_decision.docx").exists()
    sample = tmp_path / "s.json"
    sample.write_text(json.dumps(get_kind("penalty_decision").sample(), ensure_ascii=False), encoding="utf-8")
    assert _run("render", "penalty_decision", str(sample), "-o", str(tmp_path / "o.docx"), home=other)[0] == 0
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "o.docx")).paragraphs)
    assert "煤矿安全监管行政执法文书" in text and "系本案当事人。" in text


@pytest.mark.parametrize("doc, needle", [
    ({"format": "wenshu.profile", "version": 2}, "较新版本"),
    ({"format": "wenshu.profile", "version": 1, "colour": "red"}, "不认识的项目：colour"),
    ({"format": "wenshu.profile", "version": 1, "agency": {"name": "甲", "fax": "1"}}, "不认识的项目：fax"),
    ({"format": "wenshu.profile", "version": 1, "rule_set": "seed999"}, "重大执法决定标准"),
    ({"version": 1}, "不是执法文书助手导出的机关配置"),
])
def test_a_profile_from_a_newer_version_or_with_unknown_keys_is_refused_and_nothing_changes(home, tmp_path, doc, needle):
    before = _run("profile", "show", home=home)[1]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out = _run("profile", "import", str(path), home=home)
    assert code == 2 and needle in out["error"]
    assert _run("profile", "show", home=home)[1] == before


def test_a_profile_whose_template_has_errors_is_refused_with_the_lint_report(home, tmp_path):
    import base64

    from tests.test_template_lint import _edited_like_word

    bad = _edited_like_word("penalty_decision", extra=[["{{ no_such_field }}"]])
    doc = {"format": "wenshu.profile", "version": 1, "template_overrides": {"penalty_decision": "x.docx"},
           "templates": {"penalty_decision": base64.b64encode(bad).decode()}}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out = _run("profile", "import", str(path), home=home)
    assert code == 1 and out["findings"][0]["code"] == "template.unknown_field"
    assert not (home / "templates" / "penalty_decision.docx").exists()


def test_first_run_needs_setup_until_the_profile_is_saved(home):
    from wenshu import profile

    assert profile.needs_setup()
    profile.save_profile({**profile.current_profile(), "agency": {"name": "某县应急管理局", "region": "晋某"}})
    assert not profile.needs_setup()
    assert profile.current_profile()["agency"]["name"] == "某县应急管理局"


def test_a_new_document_takes_the_courts_and_offices_from_the_profile(home):
    from wenshu import profile
    from wenshu.service import CaseService

    profile.save_profile({**profile.current_profile(), "agency": {
        "name": "大同市应急管理局", "region": "晋同", "legal_office": "大同市应急管理局法制科",
        "reconsideration_organ": "大同市人民政府", "court": "大同市平城区人民法院"}})
    service = CaseService()
    try:
        case = service.new_case({"title": "某煤业案", "party": {"type": "organization", "name": "某煤业有限公司"}})
        decision = service.document(service.add_document(case, "penalty_decision"))["answers"]
        assert decision["remedies"]["court"] == "大同市平城区人民法院"
        assert decision["remedies"]["reconsideration_body"] == "大同市人民政府"
        opinion = service.document(service.add_document(case, "legal_review_opinion"))["answers"]
        assert opinion["legal_office"] == "大同市应急管理局法制科"
    finally:
        service.close()


def test_the_case_file_cover_takes_the_agencys_retention_period(home):
    from wenshu import profile
    from wenshu.service import CaseService

    profile.save_profile({**profile.current_profile(), "retention": "永久"})
    service = CaseService()
    try:
        case = service.new_case({"title": "某煤业案", "party": {"type": "organization", "name": "某煤业有限公司"}})
        cover = service.document(service.add_document(case, "case_file_cover"))["answers"]
        assert cover["retention"] == "永久"
    finally:
        service.close()
