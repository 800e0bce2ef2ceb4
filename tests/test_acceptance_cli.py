"""Black-box acceptance of the command line (issues 2 and 5), with inputs built only from DOMAIN.md.

Everything goes through ``wenshu.cli.main([...])`` (in process, for speed) or ``python -m wenshu``
(real subprocesses, for exit codes and "no traceback"). Expected values are derived here from the
rules' text: check characters are computed with ISO 7064 MOD 11-2 / GB 32100 MOD 31, deadlines are
counted by hand against the State Council notices 国办发明电〔2024〕12号 (2025) and the notice of
2025-11-04 on 2026 (春节 2月15日–23日, 2月14日、28日上班; 国庆 10月1日–7日, 9月20日、10月10日上班).

Reading chosen where DOMAIN.md §9 says "bad input (not JSON, wrong types, unknown kind) gets exit 2":
a wrong JSON type of one element is a fault of that element, reported at its path with exit 1, like
any other error; exit 2 is kept for input that cannot be read as a document at all (file missing,
not JSON, top level not an object, unknown kind).
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document

from templates.kinds import all_kinds, get_kind
from wenshu.cli import main

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("inspection_record", "inquiry_record", "penalty_decision")
ELEMENTS = ("time", "place", "officers", "object", "content", "process")

# --- DOMAIN.md §9's interchange example, verbatim; its "…" are filled in below -----------------------
DOMAIN_EXAMPLE = """{
  "number": "（晋忻神）应急检记〔2026〕12号",
  "time": {"start": "2026-11-20T09:30", "end": "2026-11-20T11:00"},
  "place": "神池县某煤业有限公司井下12采区",
  "officers": [{"name": "张三", "cert_no": "14090012345"}, {"name": "李四", "cert_no": "14090012346"}],
  "object": {"type": "organization", "name": "神池县某煤业有限公司", "uscc": "91110000600037341L",
             "legal_rep": "王五", "title": "总经理", "address": "…", "phone": "13800000000"},
  "content": "…",
  "process": "…"
}"""
FILLS = ("山西省忻州市神池县龙泉镇工业园区1号",
         "依据《中华人民共和国安全生产法》对井下12采区安全生产情况进行现场检查。",
         "执法人员出示执法证件，告知被检查单位依法享有陈述、申辩的权利。检查发现局部通风机未实现“三专两闭锁”。")


def _filled_example() -> dict:
    text = DOMAIN_EXAMPLE
    for fill in FILLS:
        text = text.replace("…", fill, 1)
    assert "…" not in text
    return json.loads(text)


BASE = _filled_example()


def base() -> dict:
    return copy.deepcopy(BASE)


# --- check characters computed from the standards ------------------------------------------------

def id_check(first17: str) -> str:
    """GB 11643-1999: ISO 7064 MOD 11-2 over the 17 digits, weights 2^(18-i) mod 11."""
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


def make_id(first17: str) -> str:
    return first17 + id_check(first17)


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check(first17: str) -> str:
    """GB 32100-2015: weights 3^i mod 31, check = 31 - (sum mod 31), 31 → 0."""
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def make_uscc(first17: str) -> str:
    return first17 + uscc_check(first17)


def test_the_check_character_helpers_agree_with_domain_examples():
    assert make_uscc(BASE["object"]["uscc"][:17]) == BASE["object"]["uscc"]
    assert make_id("11010519491231002") == "11010519491231002X"  # GB 11643's own example


def person(**over) -> dict:
    p = {"type": "person", "name": "赵六", "id_no": make_id("14092819850615301"), "gender": "男",
         "address": "山西省忻州市神池县龙泉镇新华街8号", "phone": "13900000000"}
    p.update(over)
    return p


# --- running the command line ----------------------------------------------------------------------

#: Latin letters a Chinese message may still hold: format names and the date pattern
_ALLOWED_LATIN = {"JSON", "UTF", "YYYY", "MM", "DD"}


def english_words(message: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{2,}", message) if w not in _ALLOWED_LATIN]


def cli(capsys, *args: str) -> tuple[int, object]:
    """Run ``wenshu ARGS`` in process; (exit code, parsed stdout)."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out and "Traceback" not in out.err
    return code, json.loads(out.out)


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, WENSHU_HOME=str(home), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "wenshu", *map(str, args)], capture_output=True, cwd=ROOT,
                          env=env, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in proc.stdout and "Traceback" not in proc.stderr, proc.stderr
    return proc


def _resolve(doc, path: str):
    """(found, value) for a JSON pointer; found=False when a token does not exist."""
    if path == "":
        return True, doc
    assert path.startswith("/"), path
    node = doc
    for raw in path[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


def check_shape(findings: list, answers: dict | None = None, kind: str | None = None) -> None:
    for f in findings:
        assert set(f) == {"path", "code", "severity", "message"}, f
        assert f["severity"] in ("error", "warning"), f
        assert isinstance(f["code"], str) and re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)+", f["code"]), f
        assert f["message"] and not english_words(f["message"]), f
        assert re.search(r"[\u4e00-\u9fff]", f["message"]), f
        if answers is not None:
            found, _ = _resolve(answers, f["path"])
            if not found:  # a finding about an absent value points at a field the kind declares
                assert get_kind(kind).field_schema(f["path"]) is not None, f


def write(tmp_path: Path, obj, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def validate(capsys, tmp_path, answers, kind: str = "inspection_record") -> tuple[int, list]:
    code, out = cli(capsys, "validate", kind, write(tmp_path, answers))
    assert set(out) == {"ok", "findings"}
    check_shape(out["findings"], answers, kind)
    errors = [f for f in out["findings"] if f["severity"] == "error"]
    assert out["ok"] is (not errors)
    assert code == (1 if errors else 0), out
    return code, out["findings"]


def errors_at(findings: list) -> set[str]:
    return {f["path"] for f in findings if f["severity"] == "error"}


def warnings_at(findings: list) -> set[str]:
    return {f["path"] for f in findings if f["severity"] == "warning"}


# === the DOMAIN example and the samples ==============================================================

def test_the_domain_interchange_example_is_a_valid_inspection_record(capsys, tmp_path):
    code, findings = validate(capsys, tmp_path, base())
    assert code == 0 and not errors_at(findings), findings


def test_the_sample_of_every_listed_kind_validates(capsys, tmp_path):
    code, kinds = cli(capsys, "kinds")
    assert code == 0 and set(KINDS) <= {k["kind"] for k in kinds}
    for kind in (k["kind"] for k in kinds):
        code, sample = cli(capsys, "sample", kind)
        assert code == 0 and isinstance(sample, dict), kind
        code, findings = validate(capsys, tmp_path, sample, kind)
        assert code == 0, (kind, findings)


def test_the_example_as_an_inquiry_record_needs_only_the_inquiry_fields(capsys, tmp_path):
    answers = base()
    del answers["number"]
    answers["interviewee"] = {"name": "王五"}
    answers["qa"] = [{"q": "你是否申请回避？", "a": "不申请。"}]
    code, findings = validate(capsys, tmp_path, answers, "inquiry_record")
    assert code == 0, findings


# === §3: the six elements, each missing or wrong in each way =========================================

BLANKS = {"null": None, "empty": "", "spaces": "  \u3000 "}
WRONG_TYPES = {
    "time": "2026-11-20 09:30 至 11:00",
    "place": 12,
    "officers": "张三、李四",
    "object": ["神池县某煤业有限公司"],
    "content": ["检查"],
    "process": {"text": "检查"},
}


RECORD_KINDS = [k.name for k in all_kinds() if k.record]  # DOMAIN.md §6: the kinds with the six elements


@pytest.mark.parametrize("kind", RECORD_KINDS)
@pytest.mark.parametrize("element", ELEMENTS)
def test_each_element_missing_blank_or_of_the_wrong_type_is_an_error_at_its_path(capsys, tmp_path, kind, element):
    good = base() if kind == "inspection_record" else get_kind(kind).sample()
    variants = {"missing": None, **{k: v for k, v in BLANKS.items()}, "wrong_type": WRONG_TYPES[element]}
    for how, value in variants.items():
        answers = copy.deepcopy(good)
        if how == "missing":
            del answers[element]
        else:
            answers[element] = value
        code, findings = validate(capsys, tmp_path, answers, kind)
        assert code == 1, (element, how, findings)
        assert f"/{element}" in errors_at(findings), (element, how, findings)


@pytest.mark.parametrize("kind", sorted(set(KINDS) | set(RECORD_KINDS)))
def test_an_empty_document_reports_each_missing_part_at_its_path(capsys, tmp_path, kind):
    code, findings = validate(capsys, tmp_path, {}, kind)
    assert code == 1
    if get_kind(kind).record:
        assert {f"/{e}" for e in ELEMENTS} <= errors_at(findings), findings


def test_empty_containers_are_missing_elements(capsys, tmp_path):
    for element, empty in (("time", {}), ("object", {}), ("officers", [])):
        answers = base()
        answers[element] = empty
        code, findings = validate(capsys, tmp_path, answers)
        assert code == 1 and f"/{element}" in errors_at(findings), (element, findings)


# --- 时间 ---

def _with_time(start, end) -> dict:
    answers = base()
    answers["time"] = {"start": start, "end": end}
    return answers


@pytest.mark.parametrize("start,end,path", [
    ("2026-11-20T11:00", "2026-11-20T09:30", "/time/end"),      # end before start
    ("2026-11-20T09:30", "2026-11-20T09:30", "/time/end"),      # end == start
    ("2026-11-20", "2026-11-20T11:00", "/time/start"),          # date only
    ("2026-11-20T09:30", "2026-11-20", "/time/end"),
    ("2026/11/20 09:30", "2026-11-20T11:00", "/time/start"),    # malformed
    ("2026-11-20T9:30", "2026-11-20T11:00", "/time/start"),
    ("2026-11-20T25:00", "2026-11-20T26:00", "/time/start"),    # no such hour
    ("2026-02-30T09:00", "2026-02-30T10:00", "/time/start"),    # no such day
    ("九点半", "2026-11-20T11:00", "/time/start"),
    (None, "2026-11-20T11:00", "/time/start"),
    ("2026-11-20T09:30", "", "/time/end"),
    (930, "2026-11-20T11:00", "/time/start"),                   # wrong type inside time
])
def test_bad_times_are_errors_at_the_time_concerned(capsys, tmp_path, start, end, path):
    code, findings = validate(capsys, tmp_path, _with_time(start, end))
    assert code == 1 and path in errors_at(findings), findings


def test_a_start_in_the_future_is_an_error(capsys, tmp_path):
    soon = datetime.now() + timedelta(days=2)
    start, end = soon.strftime("%Y-%m-%dT%H:%M"), (soon + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    code, findings = validate(capsys, tmp_path, _with_time(start, end))
    assert code == 1 and "/time/start" in errors_at(findings), findings


def test_a_record_over_24_hours_is_a_warning_not_an_error(capsys, tmp_path):
    code, findings = validate(capsys, tmp_path, _with_time("2026-11-18T08:00", "2026-11-19T09:00"))
    assert code == 0 and warnings_at(findings) & {"/time", "/time/end", "/time/start"}, findings
    code, findings = validate(capsys, tmp_path, _with_time("2026-11-18T08:00", "2026-11-19T08:00"))
    assert code == 0 and not findings, findings  # exactly 24 h is not longer than 24 h


def test_whole_minutes_written_with_zero_seconds_are_fine(capsys, tmp_path):
    code, findings = validate(capsys, tmp_path, _with_time("2026-11-20T09:30:00", "2026-11-20T11:00:00"))
    assert code == 0 and not findings, findings


def test_a_record_crossing_midnight_is_fine(capsys, tmp_path):
    code, findings = validate(capsys, tmp_path, _with_time("2026-11-19T23:30", "2026-11-20T00:40"))
    assert code == 0 and not findings, findings


# --- 地点 ---

def test_a_bare_region_as_place_is_a_warning(capsys, tmp_path):
    answers = base()
    answers["place"] = "神池县"
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 0 and "/place" in warnings_at(findings), findings


# --- 执法人员 ---

OFFICER_A, OFFICER_B = {"name": "张三", "cert_no": "14090012345"}, {"name": "李四", "cert_no": "14090012346"}


@pytest.mark.parametrize("officers,paths", [
    ([OFFICER_A], {"/officers"}),
    ([], {"/officers"}),
    ([OFFICER_A, dict(OFFICER_A)], {"/officers/1"}),
    ([OFFICER_A, {"name": "李四"}], {"/officers/1/cert_no"}),
    ([OFFICER_A, {"name": "李四", "cert_no": ""}], {"/officers/1/cert_no"}),
    ([OFFICER_A, {"name": "李四", "cert_no": None}], {"/officers/1/cert_no"}),
    ([OFFICER_A, {"name": "  ", "cert_no": "14090012346"}], {"/officers/1/name"}),
    ([{"cert_no": "14090012345"}, OFFICER_B], {"/officers/0/name"}),
    ([OFFICER_A, "李四"], {"/officers/1"}),
    ([OFFICER_A, {"name": "李四", "cert_no": 14090012346}], {"/officers/1/cert_no"}),
])
def test_officer_faults_are_errors_at_their_paths(capsys, tmp_path, officers, paths):
    answers = base()
    answers["officers"] = copy.deepcopy(officers)
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 1 and paths <= errors_at(findings), findings


def test_three_distinct_officers_are_fine(capsys, tmp_path):
    answers = base()
    answers["officers"].append({"name": "赵七", "cert_no": "14090012347"})
    assert validate(capsys, tmp_path, answers)[0] == 0


# --- 文书编号 inside a record ---

@pytest.mark.parametrize("number", ["（晋忻神）应急检记[2026]12号", "（晋忻神）应急检记〔2026〕012号", "(晋忻神)应急检记〔2026〕12号",
                                    "（晋忻神）应急罚〔2026〕12号", "（ ）应急检记〔2026〕12号", "（晋忻神）应急检记〔1948〕12号"])
def test_number_faults_of_a_record_are_errors_at_number(capsys, tmp_path, number):
    answers = base()
    answers["number"] = number
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 1 and "/number" in errors_at(findings), findings


def test_a_number_of_a_year_after_the_record_is_an_error(capsys, tmp_path):
    answers = _with_time("2025-12-30T09:30", "2025-12-30T11:00")
    code, findings = validate(capsys, tmp_path, answers)  # the example's number is of 2026
    assert code == 1 and "/number" in errors_at(findings), findings
    answers["number"] = "（晋忻神）应急检记〔2025〕40号"
    assert validate(capsys, tmp_path, answers)[0] == 0


# --- 执法对象: persons (GB 11643) ---

def test_the_person_form_of_section_9_is_valid(capsys, tmp_path):
    answers = base()
    answers["object"] = person()
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 0 and not findings, findings


VALID_IDS = [make_id(s) for s in ("11010519491231002", "14092819850615301", "44030420000229123",
                                  "65010219991231456", "14092819900101000")]
VALID_IDS += [make_id(f"1101011980010100{i}") for i in range(10)]  # ten different check characters


def test_valid_id_numbers_are_accepted(capsys, tmp_path):
    assert any(i.endswith("X") for i in VALID_IDS)
    for id_no in VALID_IDS:
        answers = base()
        answers["object"] = person(id_no=id_no, gender="")
        code, findings = validate(capsys, tmp_path, answers)
        assert code == 0 and "/object/id_no" not in errors_at(findings) | warnings_at(findings), (id_no, findings)


def _wrong_check(first17: str) -> str:
    right = id_check(first17)
    return first17 + ("0" if right != "0" else "1")


@pytest.mark.parametrize("id_no", [
    _wrong_check("14092819850615301"),                   # check digit
    make_id("14092819990230301"),                          # 1999-02-30 is no date (check digit right)
    make_id("14092819991301301"),                          # month 13
    make_id("14092830000101301"),                          # born in the future
    "140928850615301",                                     # 15-digit old number
    make_id("14092819850615301")[:-1],                     # 17 characters
    make_id("14092819850615301") + "1",                    # 19 characters
    "14092819850615301A",                                  # letter other than X
    "1409281985O615301" + "1",                             # letter O for zero
])
def test_bad_id_numbers_are_errors_at_object_id_no(capsys, tmp_path, id_no):
    answers = base()
    answers["object"] = person(id_no=id_no, gender="")
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 1 and "/object/id_no" in errors_at(findings), (id_no, findings)


def test_lower_case_x_is_accepted_with_a_warning_asking_for_capital_x(capsys, tmp_path):
    # DOMAIN.md §8 "X allowed last": the check character is right, so the number is not rejected;
    # the warning asks for the capital letter, as the card prints it
    answers = base()
    answers["object"] = person(id_no="11010519491231002x", gender="女")
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 0 and "/object/id_no" in warnings_at(findings), findings
    assert any("11010519491231002X" in f["message"] for f in findings)


@pytest.mark.parametrize("area", ["100928", "990101", "000000", "123456", "149999"])
def test_unknown_area_code_is_only_a_warning(capsys, tmp_path, area):
    answers = base()
    answers["object"] = person(id_no=make_id(area + "19850615301"))
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 0 and "/object/id_no" in warnings_at(findings), findings


def test_person_without_name_or_id_no_is_an_error(capsys, tmp_path):
    for key in ("name", "id_no"):
        answers = base()
        answers["object"] = person()
        del answers["object"][key]
        code, findings = validate(capsys, tmp_path, answers)
        assert code == 1 and f"/object/{key}" in errors_at(findings), findings


# --- 执法对象: organisations (GB 32100) ---

VALID_USCC = [make_uscc(s) for s in ("A1110000MA01B2C3D", "N2140928MA0K12345", "Y1140928MA0K12345",
                                     "91140928MA0K2X3Y4", "52110000500000000", "12100000400000000")]


def test_valid_credit_codes_including_a_n_y_are_accepted(capsys, tmp_path):
    assert {c[0] for c in VALID_USCC} >= {"A", "N", "Y", "9", "5", "1"}
    for code_ in VALID_USCC:
        assert len(code_) == 18
        answers = base()
        answers["object"]["uscc"] = code_
        code, findings = validate(capsys, tmp_path, answers)
        assert code == 0 and "/object/uscc" not in errors_at(findings), (code_, findings)


_VALID_ORG = make_uscc("91140928MA0K2X3Y4")


def _bad_uscc_check(first17: str) -> str:
    right = uscc_check(first17)
    return first17 + next(c for c in USCC_ALPHABET if c != right)


@pytest.mark.parametrize("uscc", [
    _bad_uscc_check("91110000600037341"),
    _bad_uscc_check("Y1140928MA0K12345"),
    "91110000600037341",                        # 17 characters
    "911100006000373411L",                      # 19 characters
    "B" + make_uscc("91110000600037341")[1:],   # B is no registration authority
    "0" + make_uscc("91110000600037341")[1:],
] + [_VALID_ORG[:9] + letter + _VALID_ORG[10:] for letter in "IOZSV"])
def test_bad_credit_codes_are_errors_at_object_uscc(capsys, tmp_path, uscc):
    answers = base()
    answers["object"]["uscc"] = uscc
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 1 and "/object/uscc" in errors_at(findings), (uscc, findings)


def test_organisation_without_name_uscc_or_legal_rep_is_an_error(capsys, tmp_path):
    for key in ("name", "uscc", "legal_rep"):
        answers = base()
        answers["object"][key] = ""
        code, findings = validate(capsys, tmp_path, answers)
        assert code == 1 and f"/object/{key}" in errors_at(findings), (key, findings)


def test_object_type_outside_the_two_kinds_is_an_error(capsys, tmp_path):
    answers = base()
    answers["object"]["type"] = "company"
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 1 and "/object/type" in errors_at(findings), findings


# --- phones ---

@pytest.mark.parametrize("phone", ["13800000000", "19912345678", "0351-1234567", "03515123456", "010-12345678",
                                   "(0351)1234567", "（0351）1234567", "0351-1234567-123", "12345678901"])
def test_phone_forms_that_are_valid(capsys, tmp_path, phone):
    answers = base()
    answers["object"]["phone"] = phone
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 0 and "/object/phone" not in errors_at(findings), (phone, findings)


@pytest.mark.parametrize("phone", ["1380000000", "138000000000", "23800000000", "1234567", "电话", "138-0000-000"])
def test_phone_forms_that_are_wrong(capsys, tmp_path, phone):
    answers = base()
    answers["object"]["phone"] = phone
    code, findings = validate(capsys, tmp_path, answers)
    assert code == 1 and "/object/phone" in errors_at(findings), (phone, findings)


# === text with markup characters: validates, and renders exactly ====================================

TYPED_CONTENT = '检查 A&B 公司 <配电室> 与 "主井" \'副井\'，含 &amp; 和 </w:t> 字样\n第二行：a<b>c'
TYPED_PROCESS = "执法人员出示执法证件 & 告知权利；\n1. 发现 <问题一>\n2. 发现 \"问题二\" & '问题三'\n"


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts: list[str] = []

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    parts.extend(p.text for p in doc.paragraphs)
    for table in doc.tables:
        cells(table)
    return "\n".join(parts)


def test_markup_characters_validate_and_render_exactly(capsys, tmp_path):
    answers = base()
    answers["content"], answers["process"] = TYPED_CONTENT, TYPED_PROCESS
    assert validate(capsys, tmp_path, answers)[0] == 0
    out = tmp_path / "检查记录.docx"
    code, result = cli(capsys, "render", "inspection_record", write(tmp_path, answers), "-o", out)
    assert code == 0 and out.is_file(), result
    check_shape(result["findings"], answers, "inspection_record")
    text = _docx_text(out)
    assert TYPED_CONTENT in text
    assert TYPED_PROCESS.rstrip("\n") in text


@pytest.mark.parametrize("kind", ["inquiry_record", "penalty_decision"])
def test_markup_characters_in_the_other_kinds_render_exactly(capsys, tmp_path, kind):
    answers = get_kind(kind).sample()
    typed = {"inquiry_record": ("content", "process"), "penalty_decision": ("facts", "evidence")}[kind]
    for key in typed:
        answers[key] = TYPED_PROCESS.rstrip("\n") + f" <{key}>"
    answers["object"]["name"] = "A&B <某> \"煤业\" '公司'"
    assert validate(capsys, tmp_path, answers, kind)[0] == 0
    out = tmp_path / f"{kind}.docx"
    code, _ = cli(capsys, "render", kind, write(tmp_path, answers), "-o", out)
    text = _docx_text(out)
    assert code == 0 and all(answers[key] in text for key in typed) and answers["object"]["name"] in text


def test_render_with_warnings_only_writes_the_file_and_lists_them(capsys, tmp_path):
    answers = base()
    answers["place"] = "神池县"
    out = tmp_path / "sub" / "记录.docx"
    code, result = cli(capsys, "render", "inspection_record", write(tmp_path, answers), "-o", out)
    assert code == 0 and out.is_file() and "/place" in warnings_at(result["findings"]), result
    check_shape(result["findings"], answers, "inspection_record")


def test_render_with_errors_exits_1_and_writes_nothing(capsys, tmp_path):
    answers = base()
    answers["officers"] = answers["officers"][:1]
    out = tmp_path / "out.docx"
    code, result = cli(capsys, "render", "inspection_record", write(tmp_path, answers), "-o", out)
    assert code == 1 and result["ok"] is False and "/officers" in errors_at(result["findings"])
    check_shape(result["findings"], answers, "inspection_record")
    assert not out.exists() and list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob(".~*")) == []


# === unusable input: exit 2, Chinese message, no traceback (real subprocesses) =======================

def test_unusable_input_exits_2_with_a_chinese_message(tmp_path, wenshu_home):
    good = write(tmp_path, base(), "good.json")
    (tmp_path / "not.json").write_text("{这不是 JSON", encoding="utf-8")
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    write(tmp_path, [base()], "array.json")
    write(tmp_path, "文字", "string.json")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    cases = [
        ("validate", "inspection_record", tmp_path / "not.json"),
        ("validate", "inspection_record", tmp_path / "empty.json"),
        ("validate", "inspection_record", tmp_path / "array.json"),
        ("validate", "inspection_record", tmp_path / "string.json"),
        ("validate", "inspection_record", tmp_path / "no-such-file.json"),
        ("validate", "no_such_kind", good),
        ("render", "no_such_kind", good, "-o", tmp_path / "x.docx"),
        ("render", "inspection_record", tmp_path / "not.json", "-o", tmp_path / "y.docx"),
        ("render", "inspection_record", good, "-o", blocker / "sub" / "out.docx"),  # folder cannot be made
        ("deadline", "no_such_rule", "2026-03-10"),
        ("deadline", "payment", "2026-02-30"),
        ("deadline", "hearing_request", "2027-01-05"),
        ("check-number",),
    ]
    for args in cases:
        proc = run(*args, home=wenshu_home)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert re.search(r"[\u4e00-\u9fff]", proc.stderr), (args, proc.stderr)
        if proc.stdout.strip():
            json.loads(proc.stdout)
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "y.docx").exists()


@pytest.mark.parametrize("content", ["null", "12", "true", "\"文字\"", "[]", "{\"a\": 1,}", "\ufeff"])
def test_a_file_that_is_not_one_json_object_exits_2(capsys, tmp_path, content):
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    for args in (("validate", "inspection_record", path), ("render", "inspection_record", path, "-o", tmp_path / "o.docx"),
                 ("major-decision", path)):
        code, out = cli(capsys, *args)
        assert code == 2 and re.search(r"[\u4e00-\u9fff]", out["error"]), (args, out)
    assert not (tmp_path / "o.docx").exists()


def test_render_onto_a_folder_exits_2_and_keeps_the_folder(capsys, tmp_path):
    target = tmp_path / "已有文件夹.docx"
    target.mkdir()
    code, out = cli(capsys, "render", "inspection_record", write(tmp_path, base()), "-o", target)
    assert code == 2 and re.search(r"[\u4e00-\u9fff]", out["error"]) and target.is_dir(), out
    assert not list(tmp_path.glob(".~*")) and not list(target.iterdir())  # no temporary file left behind


def test_real_process_validate_and_render(tmp_path, wenshu_home):
    answers = base()
    proc = run("validate", "inspection_record", write(tmp_path, answers), home=wenshu_home)
    assert proc.returncode == 0 and json.loads(proc.stdout) == {"ok": True, "findings": []}, proc.stdout
    answers["officers"][1]["cert_no"] = ""
    proc = run("validate", "inspection_record", write(tmp_path, answers, "bad.json"), home=wenshu_home)
    out = json.loads(proc.stdout)
    assert proc.returncode == 1 and "/officers/1/cert_no" in errors_at(out["findings"])
    proc = run("render", "inspection_record", tmp_path / "bad.json", "-o", tmp_path / "bad.docx", home=wenshu_home)
    assert proc.returncode == 1 and not (tmp_path / "bad.docx").exists()
    proc = run("check-number", "鄂能局发[2020]209号", home=wenshu_home)
    assert proc.returncode == 1 and json.loads(proc.stdout)["normalized"] == "鄂能局发〔2020〕209号"


# === §4 document numbers =============================================================================

VALID_NUMBERS = ["鄂能局发〔2020〕209号", "神应急字〔2019〕35号", "国发〔2012〕1号", "（晋忻神）应急罚〔2026〕12号",
                 "（晋忻神）应急检记〔2026〕1号", "国办发明电〔2024〕12号"]


def check_number(capsys, text: str) -> tuple[int, dict]:
    code, out = cli(capsys, "check-number", text)
    assert set(out) == {"valid", "normalized", "findings"}
    for f in out["findings"]:
        assert {"code", "severity", "message"} <= set(f)
        assert f["severity"] in ("error", "warning")
        assert re.search(r"[\u4e00-\u9fff]", f["message"]) and not english_words(f["message"]), f
    assert code == (0 if out["valid"] else 1)
    return code, out


def test_domain_numbers_are_valid(capsys):
    for text in VALID_NUMBERS:
        code, out = check_number(capsys, text)
        assert code == 0 and out["valid"] is True and out["normalized"] == text and out["findings"] == [], out


@pytest.mark.parametrize("opening,closing", [("[", "]"), ("［", "］"), ("【", "】"), ("(", ")"), ("（", "）"),
                                             ("﹝", "﹞"), ("〈", "〉")])
def test_wrong_year_brackets_are_invalid_and_corrected(capsys, opening, closing):
    for good in ("鄂能局发〔2020〕209号", "（晋忻神）应急罚〔2026〕12号"):
        bad = good.replace("〔", opening).replace("〕", closing)
        code, out = check_number(capsys, bad)
        assert code == 1 and out["valid"] is False and out["normalized"] == good, (bad, out)
        assert any(f["code"] == "number.bracket" for f in out["findings"]), out


@pytest.mark.parametrize("bad,fixed", [
    ("鄂能局发〔2020〕009号", "鄂能局发〔2020〕9号"),
    ("鄂能局发〔2020〕第9号", "鄂能局发〔2020〕9号"),
    ("国发〔2012〕1", "国发〔2012〕1号"),
    ("国发 〔2012〕 1号", "国发〔2012〕1号"),
    ("国发〔2012〕1 号", "国发〔2012〕1号"),
    ("国发\u3000〔2012〕1号", "国发〔2012〕1号"),
    ("(晋忻神)应急罚〔2026〕12号", "（晋忻神）应急罚〔2026〕12号"),
    ("（晋忻神)应急罚〔2026〕12号", "（晋忻神）应急罚〔2026〕12号"),
    ("(晋忻神)应急罚[2026]第012号", "（晋忻神）应急罚〔2026〕12号"),
])
def test_fixable_numbers_are_invalid_with_the_corrected_number(capsys, bad, fixed):
    code, out = check_number(capsys, bad)
    assert code == 1 and out["normalized"] == fixed, out


def test_unfixable_numbers_are_invalid(capsys):
    next_year = date.today().year + 1
    for bad in ("国发〔2012〕0号", "国发〔2012〕000号", "（ ）应急罚〔2026〕12号", "（）应急罚〔2026〕12号",
                "国发〔1948〕1号", f"国发〔{next_year}〕1号", "国发〔202〕1号", "国发〔20261〕1号", "国发〔〕1号",
                "国发〔2012〕号", "国发", "2012年1号", ""):
        code, out = check_number(capsys, bad)
        assert code == 1 and out["valid"] is False, (bad, out)
        assert out["findings"], (bad, out)


def test_first_plausible_year_is_1949(capsys):
    code, out = check_number(capsys, "国发〔1949〕1号")
    assert code == 0, out


# === §9 deadlines ====================================================================================

RULES = {  # rule → counts working days?
    "hearing_request": True, "statement": True, "delivery": True, "legal_review": True,
    "publication_penalty": True, "publication_other": True, "video_storage": True,
    "payment": False, "archive": False, "supervision_reply": False, "decision": False,
    "reconsideration": False, "litigation": False,
}


def deadline(capsys, rule: str, start: str) -> tuple[int, dict]:
    return cli(capsys, "deadline", rule, start)


def test_every_rule_works_on_a_2026_date(capsys):
    for rule, working in RULES.items():
        code, out = deadline(capsys, rule, "2026-03-10")
        assert code == 0, out
        assert {"rule", "start", "due", "working_days"} <= set(out)
        assert out["rule"] == rule and out["start"] == "2026-03-10" and out["working_days"] is working
        assert date.fromisoformat(out["due"]) > date(2026, 3, 10)


# Hand-counted against the notices (start day not counted). 2025: 春节 1.28–2.4 (1.26 Sun, 2.8 Sat work);
# 国庆 10.1–10.8 (9.28 Sun, 10.11 Sat work). 2026: 元旦 1.1–1.3 (1.4 Sun work); 春节 2.15–2.23 (2.14, 2.28 Sat
# work); 中秋 9.25–9.27; 国庆 10.1–10.7 (9.20 Sun, 10.10 Sat work).
HAND_COUNTED = [
    # working days, 2026 Spring Festival
    ("hearing_request", "2026-02-12", "2026-02-26"),   # 2.13, 2.14(调休), 2.24, 2.25, 2.26
    ("statement", "2026-02-13", "2026-02-25"),         # 2.14(调休), 2.24, 2.25
    ("delivery", "2026-02-20", "2026-03-03"),          # 2.24–2.27, 2.28(调休), 3.2, 3.3
    ("publication_other", "2026-01-30", "2026-03-05"),
    ("video_storage", "2026-02-13", "2026-02-24"),     # 2.14(调休), 2.24
    # working days, 2026 National Day (with 中秋 the week before)
    ("video_storage", "2026-09-30", "2026-10-09"),
    ("legal_review", "2026-09-18", "2026-10-09"),      # 9.20(调休), 9.21–24, 9.28–30, 10.8, 10.9
    ("publication_penalty", "2026-09-30", "2026-10-15"),  # 10.8, 10.9, 10.10(调休), 10.12–15
    ("statement", "2026-10-09", "2026-10-13"),         # 10.10(调休), 10.12, 10.13
    # working days, 2025 Spring Festival and National Day
    ("hearing_request", "2025-01-24", "2025-02-07"),   # 1.26(调休), 1.27, 2.5, 2.6, 2.7
    ("delivery", "2025-01-27", "2025-02-12"),          # 2.5–2.7, 2.8(调休), 2.10–2.12
    ("hearing_request", "2025-09-26", "2025-10-10"),   # 9.28(调休), 9.29, 9.30, 10.9, 10.10
    ("statement", "2025-09-30", "2025-10-11"),         # 10.9, 10.10, 10.11(调休, a Saturday)
    ("publication_penalty", "2025-09-30", "2025-10-16"),
    ("legal_review", "2025-12-26", "2026-01-12"),      # 12.29–31, 1.4(调休), 1.5–9, 1.12
    # calendar days: a last day on a rest day moves to the next working day …
    ("payment", "2026-09-16", "2026-10-08"),           # 10.1 holiday → 10.8
    ("payment", "2026-01-31", "2026-02-24"),           # 2.15 holiday → 2.24
    ("decision", "2025-11-20", "2026-02-24"),          # 90 days → 2.18 holiday → 2.24
    ("reconsideration", "2025-08-02", "2025-10-09"),   # 60 days → 10.1 → 10.9
    ("supervision_reply", "2025-12-26", "2026-01-26"),  # 1.25 Sunday → 1.26
    ("archive", "2026-03-06", "2026-04-07"),           # 4.5 清明 → 4.6 holiday → 4.7
    # … but not when it is a 调休 working Saturday or Sunday
    ("payment", "2026-09-05", "2026-09-20"),
    ("payment", "2026-01-30", "2026-02-14"),
    ("archive", "2025-09-11", "2025-10-11"),
    ("payment", "2026-02-13", "2026-02-28"),
    # litigation: six months, same day number, month end when none
    ("litigation", "2025-08-31", "2026-02-28"),        # no 2.31 → 2.28, a 调休 Saturday: stays
    ("litigation", "2025-08-15", "2026-02-24"),        # 2.15 holiday → 2.24
    ("litigation", "2026-04-04", "2026-10-08"),        # 10.4 holiday → 10.8
    ("litigation", "2025-03-20", "2025-09-22"),        # 9.20 Saturday → 9.22
    ("litigation", "2025-12-31", "2026-06-30"),
]


def test_hand_counted_deadlines_across_2025_and_2026_holidays(capsys):
    wrong = []
    for rule, start, due in HAND_COUNTED:
        code, out = deadline(capsys, rule, start)
        if code != 0 or out.get("due") != due:
            wrong.append((rule, start, due, code, out.get("due")))
    assert not wrong


# The State Council notices, typed from their text: (first, last) rest days of each holiday, and the
# Saturdays/Sundays worked instead (国办发明电〔2024〕12号 for 2025; the notice of 2025-11-04 for 2026).
OFFICIAL = {
    2025: ([("01-01", "01-01"), ("01-28", "02-04"), ("04-04", "04-06"), ("05-01", "05-05"), ("05-31", "06-02"),
            ("10-01", "10-08")], ["01-26", "02-08", "04-27", "09-28", "10-11"]),
    2026: ([("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"), ("06-19", "06-21"),
            ("09-25", "09-27"), ("10-01", "10-07")], ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]),
}
PERIOD = {"hearing_request": (5, "w"), "statement": (3, "w"), "delivery": (7, "w"), "legal_review": (10, "w"),
          "publication_penalty": (7, "w"), "publication_other": (20, "w"), "video_storage": (2, "w"),
          "payment": (15, "d"), "archive": (30, "d"), "supervision_reply": (30, "d"), "decision": (90, "d"),
          "reconsideration": (60, "d"), "litigation": (6, "m")}


class Uncovered(Exception):
    pass


def _official_rest_days() -> tuple[set[date], set[date]]:
    rest, work = set(), set()
    for year, (holidays, workdays) in OFFICIAL.items():
        for first, last in holidays:
            d = date.fromisoformat(f"{year}-{first}")
            while d <= date.fromisoformat(f"{year}-{last}"):
                rest.add(d)
                d += timedelta(days=1)
        work |= {date.fromisoformat(f"{year}-{w}") for w in workdays}
    return rest, work


REST, WORK = _official_rest_days()


def is_rest(d: date) -> bool:
    if d.year not in OFFICIAL:
        raise Uncovered(d)
    return d not in WORK and (d in REST or d.weekday() >= 5)


def expected_due(rule: str, start: date) -> date:
    n, unit = PERIOD[rule]
    if unit == "w":
        d, counted = start, 0
        while counted < n:
            d += timedelta(days=1)
            counted += not is_rest(d)
        return d
    if unit == "d":
        d = start + timedelta(days=n)
    else:
        month = start.month + n
        year, month = start.year + (month - 1) // 12, (month - 1) % 12 + 1
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        d = date(year, month, min(start.day, last))
    while is_rest(d):
        d += timedelta(days=1)
    return d


def test_every_rule_from_every_day_around_both_years_holidays_matches_the_notices(capsys):
    # thirty days leading into and through 春节 and 国庆 of each year (later 2026 starts run into 2027: exit 2)
    firsts = (date(2025, 1, 15), date(2025, 9, 15), date(2026, 1, 30), date(2026, 9, 12))
    starts = [first + timedelta(days=i) for first in firsts for i in range(30)]
    wrong = []
    for start in starts:
        for rule in PERIOD:
            try:
                due = expected_due(rule, start).isoformat()
            except Uncovered:
                due = None
            code, out = deadline(capsys, rule, start.isoformat())
            if (code, out.get("due")) != ((0, due) if due else (2, None)):
                wrong.append((rule, start.isoformat(), due, code, out.get("due")))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("rule,start", [("hearing_request", "2027-01-05"), ("payment", "2026-12-25"),
                                        ("litigation", "2026-08-31"), ("publication_other", "2026-12-10"),
                                        ("payment", "2003-06-01"), ("decision", "2099-01-01")])
def test_uncovered_years_exit_2(capsys, rule, start):
    code, out = deadline(capsys, rule, start)
    assert code == 2 and re.search(r"[\u4e00-\u9fff]", out["error"]), out
    assert not english_words(out["error"].replace("wenshu holidays import", "")), out


# === §5 major decisions ==============================================================================

def decision(party: str, penalties: list, **flags) -> dict:
    answers = get_kind("penalty_decision").sample()
    answers["object"] = person() if party == "person" else base()["object"]
    answers["penalties"] = penalties
    answers.update(flags)
    return answers


def major(capsys, tmp_path, answers, *extra) -> dict:
    code, out = cli(capsys, "major-decision", write(tmp_path, answers, "decision.json"), *extra)
    assert code == 0, out
    assert {"major", "reasons", "rule_set"} <= set(out)
    assert isinstance(out["major"], bool) and isinstance(out["reasons"], list)
    assert bool(out["reasons"]) is out["major"], out
    for reason in out["reasons"]:
        assert re.search(r"[\u4e00-\u9fff]", reason)
    return out


@pytest.mark.parametrize("party,amount,expected", [
    ("person", 9999.99, False), ("person", 10000, True), ("person", "9999.99", False), ("person", "10000.00", True),
    ("person", "10,000", True), ("person", 0.01, False),
    ("organization", 49999, False), ("organization", 49999.99, False), ("organization", 50000, True),
    ("organization", "50000", True), ("organization", "49999.99", False), ("organization", 30000, False),
])
def test_fine_thresholds_of_the_default_rule_set(capsys, tmp_path, party, amount, expected):
    out = major(capsys, tmp_path, decision(party, [{"kind": "fine", "amount": amount, "description": ""}]))
    assert out["major"] is expected and out["rule_set"] == "seed001", (party, amount, out)


def test_the_person_threshold_of_seed002_is_20000(capsys, tmp_path):
    for amount, expected in ((19999.99, False), (20000, True)):
        answers = decision("person", [{"kind": "fine", "amount": amount}])
        out = major(capsys, tmp_path, answers, "--rule-set", "seed002")
        assert out["major"] is expected and out["rule_set"] == "seed002", out


MAJOR_BY_KIND = {  # DOMAIN.md §5 法制审核 list (001): which kinds make a decision major by themselves
    "warning": False, "suspend_production": True, "revoke_license": True, "close": True,
    "seal_or_seize": True, "stop_power_supply": True, "court_enforcement": True, "other": False,
    "restrict_practice": False,  # not in 001's list; 002 lists it (see the seed002 test)
}


def test_each_penalty_kind_for_persons_and_organisations(capsys, tmp_path):
    for party in ("person", "organization"):
        for kind, expected in MAJOR_BY_KIND.items():
            out = major(capsys, tmp_path, decision(party, [{"kind": kind, "description": "责令停产整顿一个月"}]))
            assert out["major"] is expected, (party, kind, out)
        threshold = 10000 if party == "person" else 50000
        for kind in ("confiscate_income", "confiscate_property"):
            below = major(capsys, tmp_path, decision(party, [{"kind": kind, "amount": threshold - 0.01}]))
            at = major(capsys, tmp_path, decision(party, [{"kind": kind, "amount": threshold}]))
            assert below["major"] is False and at["major"] is True, (party, kind, below, at)


def test_restricting_practice_is_major_under_seed002(capsys, tmp_path):
    out = major(capsys, tmp_path, decision("person", [{"kind": "restrict_practice"}]), "--rule-set", "seed002")
    assert out["major"] is True, out


@pytest.mark.parametrize("party,amount,hearing,simple", [
    ("person", 200, False, True), ("person", 200.01, False, False), ("person", 9999.99, False, False),
    ("person", 10000, True, False),
    ("organization", 3000, False, True), ("organization", "3000.01", False, False),
    ("organization", 29999.99, False, False), ("organization", 30000, True, False),
])
def test_hearing_and_simple_procedure_thresholds(capsys, tmp_path, party, amount, hearing, simple):
    out = major(capsys, tmp_path, decision(party, [{"kind": "fine", "amount": amount}]))
    assert out["hearing_required"] is hearing and out["simple_procedure_allowed"] is simple, (party, amount, out)


def test_kinds_that_require_offering_a_hearing(capsys, tmp_path):
    # DOMAIN.md §5 (行政处罚法 63): 吊销许可证件, 责令停产停业, 责令关闭, 限制从业, 没收较大数额, 降低资质等级
    for party in ("person", "organization"):
        for kind, expected in (("revoke_license", True), ("suspend_production", True), ("close", True),
                               ("restrict_practice", True), ("warning", False), ("seal_or_seize", False)):
            out = major(capsys, tmp_path, decision(party, [{"kind": kind}]))
            assert out["hearing_required"] is expected, (party, kind, out)
        big = 10000 if party == "person" else 30000
        for amount, expected in ((big - 0.01, False), (big, True)):
            out = major(capsys, tmp_path, decision(party, [{"kind": "confiscate_income", "amount": amount}]))
            assert out["hearing_required"] is expected, (party, amount, out)
        out = major(capsys, tmp_path, decision(party, [{"kind": "other", "description": "降低资质等级"}]))
        assert out["hearing_required"] is True, out


def test_a_minimal_decision_file_is_enough(capsys, tmp_path):
    for party, amount, expected in (("person", "10000", True), ("organization", "49999.99", False)):
        out = major(capsys, tmp_path, {"object": {"type": party}, "penalties": [{"kind": "fine", "amount": amount}]})
        assert out["major"] is expected, out


def test_an_unreadable_decision_exits_2(capsys, tmp_path):
    for answers in ({"penalties": [{"kind": "fine", "amount": 1}]},
                    {"object": {"type": "person"}, "penalties": [{"kind": "fine", "amount": -5}]},
                    {"object": {"type": "person"}, "penalties": [{"kind": "罚款", "amount": 5}]}):
        code, out = cli(capsys, "major-decision", write(tmp_path, answers))
        assert code == 2 and re.search(r"[\u4e00-\u9fff]", out["error"]), out
    code, out = cli(capsys, "major-decision", write(tmp_path, decision("person", [])), "--rule-set", "nope")
    assert code == 2, out


def test_flags_make_any_decision_major(capsys, tmp_path):
    for flag in ("major_public_interest", "hearing_held", "complex_case"):
        for party in ("person", "organization"):
            out = major(capsys, tmp_path, decision(party, [{"kind": "warning"}], **{flag: True}))
            assert out["major"] is True, (flag, party, out)
            out = major(capsys, tmp_path, decision(party, [{"kind": "warning"}], **{flag: False}))
            assert out["major"] is False, (flag, party, out)


def test_a_major_decision_without_review_is_refused_by_validate(capsys, tmp_path):
    answers = decision("organization", [{"kind": "fine", "amount": 50000, "description": ""}])
    answers.pop("legal_review", None)
    code, findings = validate(capsys, tmp_path, answers, "penalty_decision")
    assert code == 1 and "/penalties" in errors_at(findings), findings
    answers["legal_review"] = {"number": "（晋忻神）安监法审〔2026〕3号", "conclusion": "同意", "date": "2026-11-20"}
    code, findings = validate(capsys, tmp_path, answers, "penalty_decision")
    assert code == 0, findings


# === kinds ===========================================================================================

def test_kinds_lists_kind_title_and_code(capsys):
    code, out = cli(capsys, "kinds")
    assert code == 0 and isinstance(out, list)
    names = {k["kind"] for k in out}
    assert set(KINDS) <= names
    for k in out:
        assert set(k) == {"kind", "title", "code"}
        assert re.search(r"[\u4e00-\u9fff]", k["title"]) and (k["code"] is None or isinstance(k["code"], str))
    by_name = {k["kind"]: k for k in out}
    assert by_name["inspection_record"]["code"] == "应急检记" and by_name["penalty_decision"]["code"] == "应急罚"
