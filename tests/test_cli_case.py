"""``wenshu case`` and ``wenshu validate`` agree with the app: the same findings for the same answers, and
unusable input gets exit 2 with a Chinese message and changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from templates.kinds import all_kinds, get_kind
from validators.engine import validate
from wenshu.service import CaseService
from wenshu.settings import load_context
from wenshu.store import Store


def wenshu(*args, stdin: str | None = None) -> tuple[int, object, str]:
    proc = subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True,
                          encoding="utf-8", env=dict(os.environ, PYTHONUTF8="1"), input=stdin, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    try:
        out = json.loads(proc.stdout) if proc.stdout.strip() else None
    except ValueError:
        out = proc.stdout
    return proc.returncode, out, proc.stderr


def _write(tmp_path, name: str, value) -> str:
    path = tmp_path / name
    path.write_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kind", [k.name for k in all_kinds() if k.code and "number" in k.schema["properties"]])
def test_validate_treats_a_blank_number_as_the_app_does(kind):
    answers = get_kind(kind).sample()
    answers["number"] = ""
    findings = validate(get_kind(kind).schema, answers, load_context(kind))
    assert not [f for f in findings if f["path"] == "/number"], kind


def test_validate_says_nothing_about_fields_the_chosen_method_hides(tmp_path):
    receipt = get_kind("delivery_receipt").sample()
    receipt.update(method="直接", refusal_reason=12, witness={"name": 3})  # wrong types, in hidden fields
    code, out, _ = wenshu("validate", "delivery_receipt", _write(tmp_path, "r.json", receipt))
    assert code == 0 and out["ok"], out


def test_case_check_is_what_the_service_decides(tmp_path):
    ins = get_kind("inspection_record").sample()
    service = CaseService(Store())
    case = service.new_case({"party": ins["object"], "officers": ins["officers"][:1]})
    doc = service.add_document(case, "inspection_record", {**ins, "number": "", "officers": ins["officers"][:1]})
    expected = service.check(doc)
    service.close()
    code, out, _ = wenshu("case", "check", doc[:8])
    assert code == 1 and out["findings"] == expected
    assert "officers.too_few" in [f["code"] for f in expected]


@pytest.mark.parametrize(("args", "words"), [
    (["case", "show", "12345678"], "没有编号"),
    (["case", "show", "1234"], "至少"),
    (["case", "new", "{missing}"], "找不到文件"),
    (["case", "new", "{bad}"], "JSON"),
    (["case", "new", "{list}"], "JSON 对象"),
    (["case", "new", "{noparty}"], "当事人"),
    (["case", "add", "{case}", "no_such_kind"], "未知的文书种类"),
    (["case", "add", "{case}", "notice"], "不是案件中的执法文书"),
    (["case", "add", "{case}", "inspection_record", "{list}"], "JSON 对象"),
    (["case", "generate", "{case}"], "没有编号"),
    (["case", "export", "{case}", "-o", "{tmp}/out.txt"], ".json"),
    (["case", "import", "{bad}"], "JSON"),
    (["case"], "请指定操作"),
])
def test_unusable_input_exits_2_in_chinese_and_changes_nothing(tmp_path, args, words):
    code, out, _ = wenshu("case", "new", _write(tmp_path, "new.json", {"party": {"name": "某公司"}}))
    assert code == 0
    case = out["case_id"]
    before = wenshu("case", "show", case)[1]
    files = {"{missing}": str(tmp_path / "none.json"), "{bad}": _write(tmp_path, "bad.json", "{不是"),
             "{list}": _write(tmp_path, "list.json", "[1]"), "{noparty}": _write(tmp_path, "np.json", {"title": "案"}),
             "{case}": case, "{tmp}": str(tmp_path)}
    code, out, err = wenshu(*[next((v for k, v in files.items() if a == k), a.replace("{tmp}", str(tmp_path)))
                              for a in args])
    assert code == 2, (args, out, err)
    assert words in err
    after = wenshu("case", "show", case)[1]
    assert after["documents"] == before["documents"]
    assert len(wenshu("case", "list")[1]) == 1
