"""Held-out acceptance tests: scripted cases driven end to end through the real ``wenshu case`` command.

Every call is a real subprocess (``python -m wenshu case ...``) with its own data folder (WENSHU_HOME),
run from an empty working folder so the package under test is the one on PYTHONPATH / installed. The
expectations come from DOMAIN.md only (§3 six elements, §4 numbers, §5 deadlines and major decisions,
§9 interchange and exit codes, §10 ``wenshu case`` commands, §11 files, versions and fingerprints):

- the scripted case: 新案 → 立案审批表 → 现场检查记录 ×2 → 行政处罚告知书 → 行政处罚决定书 (罚款 50000 元 on
  an organisation: a major decision, §5 "fine ≥ 5万元 organisation") blocked until a 同意 法制审核意见书
  exists → 申请表 / 审批表 / 意见书 / 集体讨论记录 → 决定书 → 送达回执 → 结案审批表;
- ``show`` / ``check`` / ``generate`` outputs and the files on disk, as a user or the legal staff sees them;
- every unusable input exits 2 with a Chinese message on stderr, never a traceback, and changes nothing;
  a refusal by a rule exits 1 with findings and changes nothing.

Each document's answers are the kind's own ``wenshu sample KIND`` adjusted to the scripted case (dates
in November 2026 — in the past on the drafting date 2026-12-01 — and a blank 文号, which the registry
issues on generation). Readings chosen where DOMAIN.md leaves room are noted beside the test.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

# --- what the user sees ---------------------------------------------------------------------------
CJK = re.compile(r"[\u4e00-\u9fff]")
STATES = {"draft", "error", "generated", "stale", "withdrawn"}
FINGERPRINT = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
INTERNAL_ERROR = "内部错误"  # the command line's last line of defence: an unusable input must be named, not crash
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"

#: settings default agency 神池县应急管理局, region 晋忻神; 文种代字 of DOMAIN §6 (法审: 001 附件3).
REGION = "晋忻神"
CODES = {
    "case_filing": "应急立",
    "inspection_record": "应急检记",
    "penalty_notice": "应急罚告",
    "legal_review_opinion": "法审",
    "collective_discussion": "应急罚集",
    "penalty_decision": "应急罚",
    "delivery_receipt": "应急回",
    "case_closing": "应急结",
}
UNNUMBERED = ("legal_review_application", "legal_review_approval")  # §6: no 代字, no number
REVIEW_FORMS = ("legal_review_application", "legal_review_approval", "legal_review_opinion")
#: Kinds this case never needs (§10 "never optional ones"): no 勘验, no 抽样, no 先行登记保存, no 查封扣押,
#: no hearing requested (so no 听证笔录) and no oral statement recorded (so no 陈述申辩笔录).
OPTIONAL = ("survey_record", "sampling_receipt", "evidence_preservation_notice", "seizure_decision",
            "hearing_record", "statement_record")
#: Procedure order (§1: 立案 → 检查/询问 → 告知 → 审核/讨论 → 决定 → 送达 → 执行 → 结案) of the kinds concerned.
STAGE = {
    "case_filing": 0,
    "inspection_record": 1, "inquiry_record": 1, "survey_record": 1, "sampling_receipt": 1,
    "rectification_order": 1, "evidence_preservation_notice": 1, "seizure_decision": 1,
    "penalty_notice": 2, "statement_record": 2, "hearing_notice": 2, "hearing_record": 2,
    "legal_review_application": 3, "legal_review_approval": 3, "legal_review_opinion": 3,
    "collective_discussion": 3,
    "penalty_decision": 4, "publication_summary": 4,
    "delivery_receipt": 5,
    "case_closing": 7,
}
#: §9 deadline rules (the ones ``wenshu deadline RULE DATE`` computes).
DEADLINE_RULES = {"hearing_request", "statement", "delivery", "legal_review", "publication_penalty",
                  "publication_other", "video_storage", "payment", "archive", "supervision_reply",
                  "decision", "reconsideration", "litigation"}

PARTY = {"type": "organization", "name": "神池县某煤业有限公司", "uscc": "91110000600037341L",
         "legal_rep": "王五", "title": "总经理", "address": "山西省忻州市神池县龙泉镇工业园区1号",
         "phone": "13800000000"}
OFFICERS = [{"name": "张三", "cert_no": "14090012345"}, {"name": "李四", "cert_no": "14090012346"}]
NEW_CASE = {
    "title": "神池县某煤业有限公司局部通风机未实现“三专两闭锁”案",
    "party": PARTY,
    "officers": OFFICERS,
    "facts": {"place": "神池县某煤业有限公司井下12采区", "agency": "神池县应急管理局",
              "facts": "井下12采区回风巷局部通风机未实现“三专两闭锁”。"},
}
FINE = [{"kind": "fine", "amount": 50000, "description": "罚款"}]

#: The scripted case: each kind's sample with these changes (and a blank number).
SCRIPT: dict[str, dict[str, Any]] = {
    "case_filing": {"approved_at": "2026-11-02T16:00"},
    "inspection_record#1": {"time": {"start": "2026-11-03T09:30", "end": "2026-11-03T11:00"}},
    "inspection_record#2": {"time": {"start": "2026-11-05T14:00", "end": "2026-11-05T15:30"},
                            "place": "神池县某煤业有限公司井下12采区回风巷",
                            "content": "对该公司12采区回风巷局部通风机整改情况进行复查。",
                            "process": "执法人员出示执法证件，告知被检查单位依法享有的权利。复查发现局部通风机风电闭锁装置仍未恢复。"},
    "penalty_notice": {"date": "2026-11-09", "penalties": FINE, "hearing_right": True,
                       "facts": "2026年11月3日，本机关执法人员对你单位井下12采区进行现场检查时发现，12采区回风巷局部通风机未实现“三专两闭锁”。"},
    "penalty_decision": {"date": "2026-11-20", "filed_date": "2026-11-02", "violation_date": "2026-11-03",
                         "penalties": FINE},
    "legal_review_application": {"apply_date": "2026-11-16"},
    "legal_review_approval": {"submitted_date": "2026-11-16", "review_due": "2026-11-30"},
    "legal_review_opinion": {"received_date": "2026-11-16", "date": "2026-11-19", "conclusion": "同意"},
    "collective_discussion": {"time": {"start": "2026-11-19T15:00", "end": "2026-11-19T16:10"},
                              "legal_review_conclusion": "同意", "legal_review_note": "法制审核意见书"},
    "delivery_receipt": {"document_kind": "penalty_decision", "method": "直接", "delivered_at": "2026-11-20T15:05",
                         "video": {"device": "执法记录仪 ZFJLY-014", "file_id": "SCYJ-20261120-0031",
                                   "start": "2026-11-20T15:00", "end": "2026-11-20T15:12"}},
    "case_closing": {"filing_date": "2026-11-02", "closing_date": "2026-11-30", "archive_due": "2026-12-30",
                     "execution": "当事人已于2026年11月27日全额缴纳罚款，经复查，隐患已整改完毕。"},
}


# --- running the real command ----------------------------------------------------------------------
@dataclass
class Result:
    args: tuple
    code: int
    out: str
    err: str
    data: Any = None

    def __str__(self) -> str:
        return f"wenshu {' '.join(self.args)} → exit {self.code}\nstdout: {self.out[:3000]}\nstderr: {self.err[:2000]}"


#: The test's zones as Windows' C runtime spells them in TZ (no DST in either).
WINDOWS_TZ = {"UTC": "UTC0", "Asia/Shanghai": "CST-8"}


class Wenshu:
    """``python -m wenshu`` with its own data folder, run from an empty working folder."""

    def __init__(self, root: Path, name: str = "home"):
        self.home = root / name
        self.work = root / f"{name}-work"
        self.files = root / f"{name}-files"
        for p in (self.home, self.work, self.files):
            p.mkdir(parents=True, exist_ok=True)
        self._n = 0
        self._samples: dict[str, dict] = {}

    def env(self, tz: str | None = None) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WENSHU_")}
        env.update(WENSHU_HOME=str(self.home), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
        if tz:
            # Windows' C runtime reads TZ only in its own form ("CST-8": hours west of UTC) and ignores an
            # IANA name, keeping the PC's zone (seen under Wine: TZ=Asia/Shanghai gave UTC)
            env["TZ"] = WINDOWS_TZ.get(tz, tz) if sys.platform == "win32" else tz
        return env

    def __call__(self, *args: str, tz: str | None = None) -> Result:
        args = tuple(str(a) for a in args)
        p = subprocess.run([sys.executable, "-m", "wenshu", *args], cwd=self.work, env=self.env(tz),
                           capture_output=True, timeout=300)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        try:
            data = json.loads(out) if out.strip() else None
        except ValueError:
            data = None
        return Result(args, p.returncode, out, err, data)

    def ok(self, *args: str, **kw) -> Any:
        r = self(*args, **kw)
        assert r.code == 0, str(r)
        assert_clean(r)
        assert r.data is not None, f"stdout is not JSON\n{r}"
        return r.data

    def write(self, obj: Any, name: str | None = None) -> Path:
        self._n += 1
        path = self.files / (name or f"input-{self._n}.json")
        path.write_text(json.dumps(obj, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    def sample(self, kind: str) -> dict:
        if kind not in self._samples:
            self._samples[kind] = self.ok("sample", kind)
        return copy.deepcopy(self._samples[kind])

    def answers(self, kind: str, **changes) -> dict:
        """The kind's sample, adjusted: blank number (the registry issues it), then ``changes``."""
        a = self.sample(kind)
        if "number" in a:
            a["number"] = ""
        a.update(copy.deepcopy(changes))
        return a

    # shorthands ---------------------------------------------------------------------------------
    def new_case(self, case: dict | None = None) -> str:
        data = self.ok("case", "new", self.write(case or NEW_CASE))
        assert isinstance(data, dict) and "case_id" in data, data
        return data["case_id"]

    def add(self, case_id: str, kind: str, answers: dict | None = None) -> str:
        args = ["case", "add", case_id, kind] + ([str(self.write(answers))] if answers is not None else [])
        data = self.ok(*args)
        assert isinstance(data, dict) and "document_id" in data, data
        return data["document_id"]

    def show(self, case_id: str) -> dict:
        return self.ok("case", "show", case_id)

    def view(self, case_id: str) -> dict:
        return view(self.show(case_id))


def assert_clean(r: Result) -> None:
    assert "Traceback" not in r.out and "Traceback" not in r.err, str(r)
    assert INTERNAL_ERROR not in r.out and INTERNAL_ERROR not in r.err, f"an internal error, not a handled input\n{r}"


def assert_unusable(r: Result) -> None:
    """§9/§10: unusable input → exit 2, a Chinese message on stderr, never a traceback."""
    assert r.code == 2, str(r)
    assert CJK.search(r.err), f"no Chinese message on stderr\n{r}"
    assert_clean(r)


def findings_of(r: Result) -> list[dict]:
    data = r.data if isinstance(r.data, dict) else {}
    found = data.get("findings")
    return found if isinstance(found, list) else []


def codes_of(r: Result) -> list[str]:
    return [str(f.get("code")) for f in findings_of(r) if isinstance(f, dict)]


def assert_refused(r: Result) -> None:
    """§10: refused because of errors or a rule → exit 1 with findings (each with a Chinese message)."""
    assert r.code == 1, str(r)
    assert_clean(r)
    found = findings_of(r)
    assert found, f"a refusal names its findings\n{r}"
    assert all(isinstance(f, dict) and CJK.search(str(f.get("message", ""))) for f in found), str(r)


DOC_KEYS = ("document_id", "kind", "title", "state", "number", "version")


def view(show: dict) -> dict:
    """The keys of ``case show`` that DOMAIN §10 names (extra keys are welcome and not compared)."""
    assert isinstance(show, dict), show
    for key in ("case_id", "title", "party", "documents", "next", "deadlines", "major"):
        assert key in show, f"case show lacks “{key}”: {sorted(show)}"
    return {
        "case_id": show["case_id"], "title": show["title"], "party": show["party"],
        "documents": [{k: d.get(k) for k in DOC_KEYS} for d in show["documents"]],
        "next": [{k: n.get(k) for k in ("kind", "title", "why")} for n in show["next"]],
        "deadlines": [{k: d.get(k) for k in ("rule", "title", "start", "due", "status")} for d in show["deadlines"]],
        "major": {k: (show["major"] or {}).get(k) for k in ("major", "reasons")},
    }


def doc_in(v: dict, document_id: str) -> dict:
    found = [d for d in v["documents"] if d["document_id"] == document_id]
    assert len(found) == 1, f"document {document_id} appears {len(found)} times in case show: {v['documents']}"
    return found[0]


def number_pattern(kind: str) -> re.Pattern:
    """§4: （地区简称）代字〔年份〕序号号 — 六角括号, 4-digit year, no leading zero, no 第, no spaces."""
    return re.compile(rf"^（{REGION}）{re.escape(CODES[kind])}〔2026〕[1-9]\d{{0,4}}号$")


def sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def docx_text(path: str | Path) -> str:
    """All text of a .docx (body, headers, footers), runs joined."""
    parts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                parts.append(re.sub(r"<[^>]+>", "", z.read(name).decode("utf-8", "replace")))
    return "".join(parts)


def listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def registry(w: Wenshu, kind: str) -> Any:
    """The number registry's view of one sequence (``wenshu number list``), to see nothing was taken."""
    r = w("number", "list", f"（{REGION}）{CODES[kind]}", "--year", "2026")
    assert_clean(r)
    return r.data


def _dicts(node: Any):
    """Every JSON object inside ``node``."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _dicts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _dicts(v)


def generated_path(w: Wenshu, result: dict) -> Path:
    p = Path(result["path"])
    return p if p.is_absolute() else w.work / p


# --- the scripted case, run once for the module ----------------------------------------------------
@dataclass
class Script:
    w: Wenshu
    out: Path
    case_id: str = ""
    docs: dict[str, str] = field(default_factory=dict)  # script name → document_id
    answers: dict[str, dict] = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)
    views: dict[str, dict] = field(default_factory=dict)
    shows: dict[str, dict] = field(default_factory=dict)
    gen: dict[str, dict] = field(default_factory=dict)  # script name → generate output (exit 0 only)
    sha_at_generation: dict[str, str] = field(default_factory=dict)  # file path → SHA-256 when written
    extra: dict[str, Any] = field(default_factory=dict)

    def snapshot(self, name: str) -> dict:
        show = self.w.show(self.case_id)
        self.shows[name] = show
        self.views[name] = view(show)
        return self.views[name]

    def add(self, name: str, answers: dict) -> str:
        kind = name.split("#")[0]
        self.answers[name] = answers
        self.docs[name] = self.w.add(self.case_id, kind, answers)
        return self.docs[name]

    def check(self, name: str, label: str | None = None) -> Result:
        r = self.w("case", "check", self.docs[name])
        self.results[label or f"check:{name}"] = r
        return r

    def generate(self, name: str, label: str | None = None, *extra: str) -> Result:
        r = self.w("case", "generate", self.docs[name], "-o", self.out, *extra)
        self.results[label or f"gen:{name}"] = r
        if r.code == 0 and isinstance(r.data, dict) and r.data.get("path"):
            p = generated_path(self.w, r.data)
            if p.exists():
                self.sha_at_generation[str(p)] = sha256(p)
            if label is None:
                self.gen[name] = r.data
        return r

    def step(self, name: str, answers: dict) -> None:
        self.add(name, answers)
        self.check(name)
        self.generate(name)


@pytest.fixture(scope="module")
def script(tmp_path_factory) -> Script:
    root = tmp_path_factory.mktemp("scripted")
    w = Wenshu(root)
    s = Script(w, root / "out")
    s.out.mkdir()
    s.case_id = w.new_case()
    s.snapshot("new")

    a = w.answers  # each document: the kind's sample adjusted to the scripted case
    s.step("case_filing", a("case_filing", **SCRIPT["case_filing"]))
    s.step("inspection_record#1", a("inspection_record", **SCRIPT["inspection_record#1"]))
    s.step("inspection_record#2", a("inspection_record", **SCRIPT["inspection_record#2"]))
    s.step("penalty_notice", a("penalty_notice", **SCRIPT["penalty_notice"]))
    s.snapshot("after_notice")

    # the major decision, blocked before a 同意 法制审核意见书 exists
    s.add("penalty_decision", a("penalty_decision", **SCRIPT["penalty_decision"]))
    s.snapshot("decision_draft")
    s.check("penalty_decision", "check:decision_blocked")
    s.extra["registry_before_block"] = registry(w, "penalty_decision")
    s.extra["out_before_block"] = listing(s.out)
    s.generate("penalty_decision", "gen:decision_blocked")
    s.extra["registry_after_block"] = registry(w, "penalty_decision")
    s.extra["out_after_block"] = listing(s.out)
    s.snapshot("after_block")

    # the 法制审核 forms and the collective discussion
    for kind in (*REVIEW_FORMS, "collective_discussion"):
        s.step(kind, a(kind, **SCRIPT[kind]))
    s.snapshot("reviewed")

    s.check("penalty_decision")
    s.generate("penalty_decision")
    decision_number = (s.gen.get("penalty_decision") or {}).get("number") or ""

    s.step("delivery_receipt", a("delivery_receipt", **SCRIPT["delivery_receipt"],
                                 documents=[{"name": "行政处罚决定书", "number": decision_number}]))
    s.step("case_closing", a("case_closing", **SCRIPT["case_closing"], decision_number=decision_number,
                             result="责令限期改正，并处罚款人民币伍万元。"))
    s.snapshot("closed")
    s.generate("case_filing", "regen:unchanged")  # generating an unchanged issued document again
    s.snapshot("closed_again")

    # 纠错: the first inspection record is corrected after it was issued
    first = s.gen.get("inspection_record#1") or {}
    corrected = dict(s.answers["inspection_record#1"], number=first.get("number") or "")
    corrected["process"] += "\n现场负责人赵六对检查情况无异议。"
    s.results["fill:correction"] = w("case", "fill", s.docs["inspection_record#1"], w.write(corrected))
    s.snapshot("corrected_draft")
    s.extra["out_before_regen"] = listing(s.out)
    s.generate("inspection_record#1", "regen:no_reason")
    s.extra["out_after_regen_refused"] = listing(s.out)
    s.snapshot("after_regen_refused")
    s.generate("inspection_record#1", "regen:reason", "--reason", "补记现场负责人意见")
    s.snapshot("final")

    s.extra["export_file"] = root / "case-export.json"
    s.results["export"] = w("case", "export", s.case_id, "-o", s.extra["export_file"])
    return s


def gen_ok(s: Script, name: str) -> dict:
    r = s.results[f"gen:{name}"]
    assert r.code == 0, str(r)
    assert_clean(r)
    return r.data


NUMBERED_STEPS = ("case_filing", "inspection_record#1", "inspection_record#2", "penalty_notice",
                  "legal_review_opinion", "collective_discussion", "penalty_decision", "delivery_receipt",
                  "case_closing")
ALL_STEPS = NUMBERED_STEPS + UNNUMBERED


# --- §10 case new / show ---------------------------------------------------------------------------
def test_new_case_has_a_uuid_and_starts_with_filing(script):
    uuid.UUID(script.case_id)  # §10: ids are stable UUIDs
    v = script.views["new"]
    assert v["case_id"] == script.case_id
    assert v["documents"] == []
    assert v["party"].get("name") == PARTY["name"]
    kinds = [n["kind"] for n in v["next"]]
    assert "case_filing" in kinds, v["next"]  # a new case needs its 立案审批表 first
    assert v["major"]["major"] is False


def test_every_show_lists_documents_with_the_documented_keys_and_states(script):
    for name, v in script.views.items():
        for d in v["documents"]:
            assert d["state"] in STATES, (name, d)
            uuid.UUID(d["document_id"])
            assert isinstance(d["version"], int) and d["version"] >= 1, (name, d)
            assert isinstance(d["title"], str) and CJK.search(d["title"]), (name, d)
        for n in v["next"]:
            assert n["kind"] and CJK.search(str(n["title"])) and CJK.search(str(n["why"])), (name, n)
        assert isinstance(v["deadlines"], list)
        assert isinstance(v["major"]["major"], bool) and isinstance(v["major"]["reasons"], list), (name, v["major"])


# --- §10 case check: what the app shows for each document --------------------------------------------
@pytest.mark.parametrize("name", [*NUMBERED_STEPS[:4], *REVIEW_FORMS, "collective_discussion", "penalty_decision",
                                  "delivery_receipt", "case_closing"])
def test_scripted_documents_check_clean(script, name):
    """The scripted answers are complete; a blank 文号 of a draft is no error (the registry issues it)."""
    r = script.results[f"check:{name}"]
    assert r.code == 0, str(r)
    assert_clean(r)
    assert r.data.get("ok") is True, str(r)
    assert not [f for f in r.data["findings"] if f.get("severity") == "error"], str(r)


# --- §10 case generate: numbers, files, fingerprints ---------------------------------------------------
@pytest.mark.parametrize("name", ALL_STEPS)
def test_generate_writes_a_file_with_number_and_fingerprint(script, name):
    data = gen_ok(script, name)
    for key in ("document_id", "version", "number", "path", "fingerprint"):
        assert key in data, f"generate output lacks “{key}”: {data}"
    assert data["document_id"] == script.docs[name]
    assert isinstance(data["version"], int) and data["version"] >= 1
    assert data["fingerprint"], data
    path = generated_path(script.w, data)
    assert path.suffix == ".docx" and path.is_file(), data
    assert path.resolve().is_relative_to(script.out.resolve()), f"-o DIR not honoured: {path}"
    kind = name.split("#")[0]
    if kind in UNNUMBERED:
        assert not data["number"], f"§4/§6: {kind} carries no number, got {data['number']!r}"
    else:
        assert number_pattern(kind).match(str(data["number"])), f"§4 malformed number {data['number']!r}"


@pytest.mark.parametrize("name", ALL_STEPS)
def test_generated_file_prints_its_number(script, name):
    data = gen_ok(script, name)
    if data["number"]:
        assert data["number"] in docx_text(generated_path(script.w, data))


def test_fingerprints_have_the_printed_form(script):
    """§11: 文书指纹 XXXX-XXXX-XXXX-XXXX."""
    bad = {n: gen_ok(script, n)["fingerprint"] for n in ALL_STEPS
           if not FINGERPRINT.match(str(gen_ok(script, n)["fingerprint"]))}
    assert not bad, f"fingerprints not of the form XXXX-XXXX-XXXX-XXXX: {bad}"


def test_every_generated_file_prints_its_fingerprint(script):
    """§11: every generated document prints its fingerprint (small, in the footer or under the signatures)."""
    missing = {}
    for n in ALL_STEPS:
        data = gen_ok(script, n)
        if data["fingerprint"] not in docx_text(generated_path(script.w, data)):
            missing[n] = data["fingerprint"]
    assert not missing, f"files that do not print their fingerprint: {missing}"


def test_every_document_has_its_own_file_and_number(script):
    outs = [gen_ok(script, n) for n in ALL_STEPS]
    paths = [str(generated_path(script.w, d).resolve()) for d in outs]
    assert len(set(paths)) == len(paths), paths  # §11: every generated document gets its own file
    numbers = [d["number"] for d in outs if d["number"]]
    assert len(set(numbers)) == len(numbers), numbers  # §4: a number is never issued twice


def test_two_records_of_one_kind_are_two_documents_two_files_two_numbers(script):
    first, second = gen_ok(script, "inspection_record#1"), gen_ok(script, "inspection_record#2")
    assert script.docs["inspection_record#1"] != script.docs["inspection_record#2"]
    assert first["number"] != second["number"]
    assert generated_path(script.w, first) != generated_path(script.w, second)
    inspections = [d for d in script.views["closed"]["documents"] if d["kind"] == "inspection_record"]
    assert len(inspections) == 2, inspections


def test_show_reports_the_issued_numbers_and_states(script):
    v = script.views["closed"]
    for name in ALL_STEPS:
        d = doc_in(v, script.docs[name])
        g = gen_ok(script, name)
        # a document generated earlier may be stale when a later one changed a shared fact (a place)
        assert d["state"] in ("generated", "stale"), (name, d)
        assert d["kind"] == name.split("#")[0]
        assert (d["number"] or None) == (g["number"] or None), (name, d, g)
        assert d["version"] == g["version"], (name, d, g)
    assert doc_in(v, script.docs["case_closing"])["state"] == "generated", "the document just generated"


# --- §5 major decision, 法制审核 gate -----------------------------------------------------------------
def test_a_50000_yuan_fine_on_an_organisation_is_major(script):
    major = script.views["decision_draft"]["major"]
    assert major["major"] is True, major
    assert major["reasons"] and all(isinstance(x, str) and CJK.search(x) for x in major["reasons"]), major


def test_next_names_the_review_forms_for_a_major_decision(script):
    kinds = [n["kind"] for n in script.views["decision_draft"]["next"]]
    for form in REVIEW_FORMS:
        assert form in kinds, f"§10: next must name {form} for a major decision; next = {kinds}"


@pytest.mark.parametrize("when", ["new", "after_notice", "decision_draft", "reviewed", "closed", "final"])
def test_next_never_names_an_optional_kind_and_keeps_procedure_order(script, when):
    kinds = [n["kind"] for n in script.views[when]["next"]]
    assert not set(kinds) & set(OPTIONAL), f"§10 next lists optional kinds: {kinds}"
    stages = [STAGE[k] for k in kinds if k in STAGE]
    assert stages == sorted(stages), f"§10 next is not in procedure order: {kinds}"


def test_next_drops_what_the_case_already_has(script):
    kinds = [n["kind"] for n in script.views["closed"]["next"]]
    for done in ("case_filing", "penalty_notice", "penalty_decision", *REVIEW_FORMS, "case_closing"):
        assert done not in kinds, f"{done} is generated, yet next still asks for it: {kinds}"


def test_decision_is_blocked_before_a_legal_review_opinion(script):
    check = script.results["check:decision_blocked"]
    assert check.code == 1, str(check)
    assert_clean(check)
    assert "legal_review.required" in codes_of(check), str(check)
    gen = script.results["gen:decision_blocked"]
    assert_refused(gen)
    assert "legal_review.required" in codes_of(gen), str(gen)


def test_blocked_decision_changes_nothing(script):
    assert script.views["after_block"] == script.views["decision_draft"]
    assert script.extra["out_after_block"] == script.extra["out_before_block"], "a refused generate wrote a file"
    assert script.extra["registry_after_block"] == script.extra["registry_before_block"], \
        "a refused generate took a number"


def test_decision_generates_once_the_opinion_agrees(script):
    check = script.results["check:penalty_decision"]
    assert check.code == 0 and "legal_review.required" not in codes_of(check), str(check)
    data = gen_ok(script, "penalty_decision")
    assert number_pattern("penalty_decision").match(data["number"]), data


# --- §5/§9 deadlines -------------------------------------------------------------------------------
def test_notice_starts_the_statement_and_hearing_periods(script):
    rules = {d["rule"] for d in script.views["after_notice"]["deadlines"]}
    # 罚款 5万元 ≥ 3万元 for an organisation: a hearing must be offered (§5), 5 working days to ask.
    assert "hearing_request" in rules, script.views["after_notice"]["deadlines"]


def test_closing_starts_the_archive_period(script):
    """§5/§14: archive due 30 days after the case ends; the 结案审批表 dates the end (closing_date)."""
    archive = [d for d in script.views["closed"]["deadlines"] if d["rule"] == "archive"]
    assert archive, f"no archive deadline after closing: {[d['rule'] for d in script.views['closed']['deadlines']]}"
    assert archive[0]["start"][:10] == SCRIPT["case_closing"]["closing_date"], archive
    assert archive[0]["due"] == script.w.ok("deadline", "archive", archive[0]["start"][:10])["due"], archive


def test_periods_start_from_the_day_the_notice_was_delivered(tmp_path):
    """§5: 邮寄 delivery is on the day of the return receipt, and periods that start from delivery start from
    that date. A 告知书 dated 2026-11-09 that reached the party by post on 2026-11-12 gives the party its
    陈述申辩 and 听证申请 periods from 2026-11-12, not from the day it was written."""
    w = Wenshu(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    case_id = w.new_case()
    notice = w.add(case_id, "penalty_notice", w.answers("penalty_notice", **SCRIPT["penalty_notice"]))
    number = w.ok("case", "generate", notice, "-o", out)["number"]
    receipt = w.answers("delivery_receipt", **dict(
        SCRIPT["delivery_receipt"], document_kind="penalty_notice", method="邮寄", mail_no="1234567890123",
        delivered_at="2026-11-12T10:00", documents=[{"name": "行政处罚告知书", "number": number}]))
    receipt.pop("video", None)
    w.add(case_id, "delivery_receipt", receipt)
    deadlines = {d["rule"]: d for d in w.view(case_id)["deadlines"]}
    for rule in ("statement", "hearing_request"):
        assert rule in deadlines, sorted(deadlines)
        assert deadlines[rule]["start"][:10] == "2026-11-12", deadlines[rule]
        assert deadlines[rule]["due"] == w.ok("deadline", rule, "2026-11-12")["due"], deadlines[rule]


@pytest.mark.parametrize("when", ["after_notice", "closed"])
def test_deadlines_agree_with_wenshu_deadline(script, when):
    """Each deadline of the case is the one ``wenshu deadline RULE START`` computes (§9); a due day that
    falls into an uncovered year is never guessed (§5: refuse or warn, never silently assume)."""
    deadlines = script.views[when]["deadlines"]
    assert deadlines, "the case has dated events, so it has deadlines"
    for d in deadlines:
        assert d["rule"] and CJK.search(str(d["title"])) and d["start"] and d["status"], d
        if d["rule"] not in DEADLINE_RULES:
            continue
        r = script.w("deadline", d["rule"], str(d["start"])[:10])
        assert_clean(r)
        if r.code == 0:
            assert d["due"] == r.data["due"], (d, r.data)
        else:
            assert not d["due"], f"a due day computed without holiday data: {d}"


# --- §11 correction: a new version and a new file, the old one kept -------------------------------------
def test_regenerating_after_a_change_needs_a_reason(script):
    fill = script.results["fill:correction"]
    assert fill.code == 0, str(fill)
    assert fill.data["document_id"] == script.docs["inspection_record#1"]
    assert fill.data["version"] > gen_ok(script, "inspection_record#1")["version"], fill.data
    refused = script.results["regen:no_reason"]
    assert_refused(refused)
    assert script.views["after_regen_refused"] == script.views["corrected_draft"]
    assert script.extra["out_after_regen_refused"] == script.extra["out_before_regen"]


def test_regenerating_with_a_reason_gives_a_new_version_and_file(script):
    old = gen_ok(script, "inspection_record#1")
    r = script.results["regen:reason"]
    assert r.code == 0, str(r)
    assert_clean(r)
    new = r.data
    assert new["document_id"] == old["document_id"]
    assert new["version"] > old["version"], (old, new)
    assert new["number"] == old["number"], "§11: the number belongs to the document"
    old_path, new_path = generated_path(script.w, old), generated_path(script.w, new)
    assert new_path != old_path and new_path.is_file() and old_path.is_file()
    assert sha256(old_path) == script.sha_at_generation[str(old_path)], "the earlier file was overwritten"
    assert new["fingerprint"] != old["fingerprint"], "a different version prints a different fingerprint"
    d = doc_in(script.views["final"], new["document_id"])
    assert d["version"] == new["version"] and d["state"] == "generated", d


def test_generating_an_unchanged_document_again_keeps_its_number_and_file(script):
    r = script.results["regen:unchanged"]
    assert_clean(r)
    assert r.code in (0, 1), str(r)
    before = gen_ok(script, "case_filing")
    if r.code == 0:
        assert r.data["number"] == before["number"], (before, r.data)
    assert sha256(generated_path(script.w, before)) == script.sha_at_generation[str(generated_path(script.w, before))]
    assert doc_in(script.views["closed_again"], before["document_id"])["number"] == before["number"]


def test_no_file_is_ever_overwritten(script):
    assert script.sha_at_generation
    for path, digest in script.sha_at_generation.items():
        assert Path(path).is_file(), f"{path} disappeared"
        assert sha256(path) == digest, f"{path} was overwritten"


# --- §10/§11 export and import -----------------------------------------------------------------------
def test_export_writes_the_case(script):
    r = script.results["export"]
    assert r.code == 0, str(r)
    assert_clean(r)
    assert script.extra["export_file"].is_file()


def test_export_carries_ids_numbers_and_fingerprints(script):
    """§11: numbers belong to the documents' UUIDs and the recorded fingerprints travel with the case."""
    text = script.extra["export_file"].read_text(encoding="utf-8")
    assert script.case_id in text
    for name in ALL_STEPS:
        g = gen_ok(script, name)
        assert g["document_id"] in text, name
        if g["number"]:
            assert json.dumps(g["number"], ensure_ascii=False) in text or g["number"] in text, name
        assert g["fingerprint"] in text, f"the fingerprint of {name} is not in the exported case"


def test_imported_numbers_are_not_issued_again(script, tmp_path):
    """§11: an imported case's numbers are registered there as imported; the next document of the same
    sequence gets a new number."""
    w3 = Wenshu(tmp_path, "third-pc")
    out = tmp_path / "out"
    out.mkdir()
    r = w3("case", "import", script.extra["export_file"])
    assert r.code == 0, str(r)
    doc = w3.add(script.case_id, "inspection_record",
                 w3.answers("inspection_record", **SCRIPT["inspection_record#2"]))
    g = w3.ok("case", "generate", doc, "-o", out)
    taken = {gen_ok(script, n)["number"] for n in ("inspection_record#1", "inspection_record#2")}
    assert g["number"] not in taken, (g["number"], taken)
    assert number_pattern("inspection_record").match(g["number"]), g


@pytest.fixture(scope="module")
def imported(script, tmp_path_factory):
    root = tmp_path_factory.mktemp("imported")
    w2 = Wenshu(root, "other-pc")
    first = w2("case", "import", script.extra["export_file"])
    return w2, first


def test_import_into_a_fresh_home_keeps_ids_numbers_versions(script, imported):
    w2, first = imported
    assert first.code == 0, str(first)
    assert_clean(first)
    assert first.data.get("imported") == [script.case_id], first.data
    assert not first.data.get("refused"), first.data
    here, there = script.views["final"], w2.view(script.case_id)
    assert there["case_id"] == here["case_id"] and there["title"] == here["title"]
    assert there["party"] == here["party"]
    key = lambda d: d["document_id"]  # noqa: E731
    assert sorted(there["documents"], key=key) == sorted(here["documents"], key=key)
    assert there["major"] == here["major"]


def test_verify_knows_the_issued_files(script):
    for name in ("penalty_decision", "inspection_record#2"):
        g = gen_ok(script, name)
        r = script.w("verify", generated_path(script.w, g))
        assert r.code == 0, str(r)
        assert r.data["known"] is True and r.data["intact"] is True, r.data
        assert r.data["fingerprint"] == g["fingerprint"] and r.data["number"] == g["number"], r.data


def test_import_keeps_the_fingerprints(script, imported):
    """§11: the recorded fingerprints travel with an exported case, so verify works after an import."""
    w2, first = imported
    assert first.code == 0, str(first)
    for name in ("penalty_decision", "inspection_record#2", "case_filing"):
        g = gen_ok(script, name)
        r = w2("verify", generated_path(script.w, g))
        assert r.code == 0, str(r)
        assert r.data["known"] is True and r.data["intact"] is True, r.data
        assert r.data["document_id"] == g["document_id"], r.data
        assert r.data["fingerprint"] == g["fingerprint"] and r.data["number"] == g["number"], r.data


@pytest.mark.parametrize("where", ["same home", "fresh home twice"])
def test_importing_a_case_already_present_is_refused(script, imported, where):
    w2, first = imported
    assert first.code == 0, str(first)
    w = script.w if where == "same home" else w2
    before = w.view(script.case_id)
    cases_before = w.ok("case", "list")
    r = w("case", "import", script.extra["export_file"])
    assert r.code in (1, 2), str(r)  # refused (a rule) or unusable; DOMAIN §11 only says "refused with a message"
    assert_clean(r)
    assert isinstance(r.data, dict) and not r.data.get("imported"), str(r)
    refused = r.data.get("refused") or []
    assert refused and all(CJK.search(str(x.get("message", ""))) for x in refused), str(r)
    assert w.view(script.case_id) == before
    assert w.ok("case", "list") == cases_before


# --- independent small cases -----------------------------------------------------------------------
def test_double_add_gives_one_document(tmp_path):
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    first = w.add(case_id, "penalty_notice")
    again = w.add(case_id, "penalty_notice")
    assert again == first, "adding the same kind twice in a row, the first draft untouched, is one document"
    assert [d["kind"] for d in w.view(case_id)["documents"]] == ["penalty_notice"]
    # once the draft has answers it is no longer untouched: the next add is a new document
    filled = w.ok("case", "fill", first, w.write(w.answers("penalty_notice", **SCRIPT["penalty_notice"])))
    assert filled["document_id"] == first and filled["version"] > 1, filled
    third = w.add(case_id, "penalty_notice")
    assert third != first
    assert len(w.view(case_id)["documents"]) == 2


def test_a_generated_document_goes_stale_when_the_party_changes(tmp_path):
    """§10: ``stale`` = generated, then the case changed (here the party's phone, typed in a later document)."""
    w = Wenshu(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    case_id = w.new_case()
    doc = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    w.ok("case", "generate", doc, "-o", out)
    assert doc_in(w.view(case_id), doc)["state"] == "generated"
    moved = dict(PARTY, phone="13900000001")
    w.add(case_id, "penalty_notice", w.answers("penalty_notice", **SCRIPT["penalty_notice"], object=moved))
    assert w.view(case_id)["party"].get("phone") == "13900000001", "the case learns the party typed in a document"
    assert doc_in(w.view(case_id), doc)["state"] == "stale"


def test_a_typed_number_is_checked_and_never_issued_twice(tmp_path):
    """§4: a malformed typed number is an error with its own code; a number already issued to another
    document is never issued again."""
    w = Wenshu(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    case_id = w.new_case()
    first = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    issued = w.ok("case", "generate", first, "-o", out)["number"]
    malformed = w.add(case_id, "inspection_record", w.answers(
        "inspection_record", **SCRIPT["inspection_record#2"], number=f"（{REGION}）应急检记[2026]009号"))
    r = w("case", "check", malformed)
    assert r.code == 1 and {"number.bracket", "number.seq_leading_zero"} <= set(codes_of(r)), str(r)
    assert_refused(w("case", "generate", malformed, "-o", out))
    twice = w.add(case_id, "inspection_record", w.answers(
        "inspection_record", **dict(SCRIPT["inspection_record#2"], number=issued, place="神池县某煤业有限公司地面变电所")))
    before, files_before = w.view(case_id), listing(out)
    assert_refused(w("case", "generate", twice, "-o", out))
    assert w.view(case_id) == before and listing(out) == files_before


def _review_case(w: Wenshu, *, notice: str, opinion: str, decision: str) -> str:
    """A case with a 告知书 (罚款 5万元, hearing offered), a 同意 法制审核意见书 and a decision; the decision's id."""
    case_id = w.new_case()
    w.add(case_id, "penalty_notice", w.answers("penalty_notice", **dict(SCRIPT["penalty_notice"], date=notice)))
    w.add(case_id, "legal_review_opinion",
          w.answers("legal_review_opinion", **dict(SCRIPT["legal_review_opinion"], received_date=notice, date=opinion)))
    return w.add(case_id, "penalty_decision",
                 w.answers("penalty_decision", **dict(SCRIPT["penalty_decision"], date=decision)))


def test_a_decision_before_the_hearing_period_has_run_out_is_an_error(tmp_path):
    """§5 procedure order: the 决定书 is not dated before the 陈述申辩 period and, when a hearing was offered,
    the 听证申请 period (5 working days, 行政处罚法 64) have run out — an error on the decision. Notice
    2026-11-09: the hearing request period runs to 2026-11-16; a decision of 2026-11-12 is too early."""
    w = Wenshu(tmp_path)
    due = w.ok("deadline", "hearing_request", "2026-11-09")["due"]
    assert due == "2026-11-16"
    decision = _review_case(w, notice="2026-11-09", opinion="2026-11-10", decision="2026-11-12")
    r = w("case", "check", decision)
    assert_clean(r)
    errors = [f for f in findings_of(r) if f.get("severity") == "error"]
    assert r.code == 1 and errors, f"a decision dated before the hearing request period ran out passes: {r}"
    assert_refused(w("case", "generate", decision, "-o", w.files))


def test_an_opinion_dated_after_the_decision_does_not_unblock_it(tmp_path):
    """§5 procedure order: a 法制审核 opinion that unblocks a decision is dated on or before the decision."""
    w = Wenshu(tmp_path)
    decision = _review_case(w, notice="2026-11-09", opinion="2026-11-25", decision="2026-11-20")
    r = w("case", "check", decision)
    assert_clean(r)
    assert r.code == 1, f"an opinion of 2026-11-25 unblocks a decision of 2026-11-20: {r}"
    assert_refused(w("case", "generate", decision, "-o", w.files))


def test_a_correcting_opinion_does_not_unblock_the_decision(tmp_path):
    """§5: the opinion that unblocks a decision concludes 同意 (纠正 only once the correction is applied)."""
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    w.add(case_id, "legal_review_opinion", w.answers("legal_review_opinion", **dict(
        SCRIPT["legal_review_opinion"], conclusion="纠正", opinions=["罚款数额的裁量理由不充分，请补充。"])))
    decision = w.add(case_id, "penalty_decision", w.answers("penalty_decision", **SCRIPT["penalty_decision"]))
    r = w("case", "check", decision)
    assert r.code == 1 and "legal_review.required" in codes_of(r), str(r)
    assert_refused(w("case", "generate", decision, "-o", w.files))


def test_fill_makes_a_new_version(tmp_path):
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    doc = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    v1 = doc_in(w.view(case_id), doc)["version"]
    changed = w.answers("inspection_record", **SCRIPT["inspection_record#2"])
    data = w.ok("case", "fill", doc, w.write(changed))
    assert data["document_id"] == doc and data["version"] > v1, data
    assert doc_in(w.view(case_id), doc)["version"] == data["version"]


def test_generate_with_errors_is_refused_and_takes_no_number(tmp_path):
    w = Wenshu(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    case_id = w.new_case()
    bad = w.answers("inspection_record", **SCRIPT["inspection_record#1"], officers=OFFICERS[:1])  # §3: ≥ 2
    doc = w.add(case_id, "inspection_record", bad)
    check = w("case", "check", doc)
    assert check.code == 1 and "officers.too_few" in codes_of(check), str(check)
    before, reg_before = w.view(case_id), registry(w, "inspection_record")
    assert doc_in(before, doc)["state"] == "error", "§10: a draft with errors is in state error"
    r = w("case", "generate", doc, "-o", out)
    assert_refused(r)
    assert "officers.too_few" in codes_of(r)
    assert w.view(case_id) == before
    assert listing(out) == {}, "no file is written when generation is refused"
    assert registry(w, "inspection_record") == reg_before, "a refused generation takes no number"


def test_withdraw_hides_but_never_deletes(tmp_path):
    w = Wenshu(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    case_id = w.new_case()
    issued = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    g = w.ok("case", "generate", issued, "-o", out)
    path = generated_path(w, g)
    digest = sha256(path)
    draft = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#2"]))

    for doc in (issued, draft):
        data = w.ok("case", "withdraw", doc, "--reason", "文书填写错误，重新制作")
        assert data == {**data, "document_id": doc, "state": "withdrawn"}, data
    v = w.view(case_id)
    assert doc_in(v, issued)["state"] == "withdrawn"
    assert doc_in(v, draft)["state"] == "withdrawn"
    assert path.is_file() and sha256(path) == digest, "作废 never deletes or changes the issued file"
    # §4: a voided number stays recorded with its reason
    voided = [r for r in _dicts(registry(w, "inspection_record")) if r.get("number") == g["number"]
              and any("文书填写错误" in str(v) for v in r.values())]
    assert voided, f"the withdrawn document's number is not recorded as void with its reason: {registry(w, 'inspection_record')}"
    # the withdrawn number is never issued again (§4)
    again = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#2"]))
    g2 = w.ok("case", "generate", again, "-o", out)
    assert g2["number"] != g["number"] and number_pattern("inspection_record").match(g2["number"]), g2


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_withdraw_without_a_reason_is_refused(tmp_path, reason):
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    doc = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    before = w.view(case_id)
    args = ["case", "withdraw", doc] + ([] if reason is None else ["--reason", reason])
    r = w(*args)
    if reason is None:
        # the issue calls it a rule refusal (exit 1); a missing option may also be read as unusable (2)
        assert r.code in (1, 2), str(r)
        assert_clean(r)
        assert CJK.search(r.out + r.err)
    else:
        assert_refused(r)
    assert w.view(case_id) == before
    assert doc_in(w.view(case_id), doc)["state"] != "withdrawn"


@pytest.mark.parametrize("minutes_ago", [1, 0])
@pytest.mark.parametrize("tz", ["UTC", "Asia/Shanghai"])
def test_a_record_that_ended_a_minute_ago_is_not_in_the_future(tmp_path, tz, minutes_ago):
    """§3: times are to the minute and not in the future; one that ended a minute ago (or in this very
    minute) is past, whatever the PC's time zone (the check runs in the subprocess's local time)."""
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    now = datetime.now(ZoneInfo(tz)).replace(tzinfo=None, second=0, microsecond=0)
    end = now - timedelta(minutes=minutes_ago)
    start = end - timedelta(hours=1)
    fmt = "%Y-%m-%dT%H:%M"
    answers = w.answers("inspection_record", time={"start": start.strftime(fmt), "end": end.strftime(fmt)})
    doc = w.ok("case", "add", case_id, "inspection_record", w.write(answers), tz=tz)["document_id"]
    r = w("case", "check", doc, tz=tz)
    assert_clean(r)
    future = [f for f in findings_of(r) if "future" in str(f.get("code")) or "未来" in str(f.get("message"))]
    assert not future, f"a past time reported as future ({tz}): {future}"
    assert r.code == 0 and r.data.get("ok") is True, str(r)


def test_list_newest_first_and_search(tmp_path):
    w = Wenshu(tmp_path)
    older = w.new_case()
    person = {"type": "person", "name": "赵小明", "id_no": "11010519491231002X", "gender": "男",
              "address": "山西省忻州市神池县龙泉镇新华街1号", "phone": "13900000000"}
    newer = w.new_case({"title": "赵小明安全生产违法案", "party": person, "officers": OFFICERS})
    listed = w.ok("case", "list")
    ids = [c["case_id"] for c in listed]
    assert ids.index(newer) < ids.index(older), "§10: cases newest first"
    for c in listed:
        assert {"case_id", "title", "party", "updated"} <= set(c), c
    found = w.ok("case", "list", "--search", "赵小明")
    assert [c["case_id"] for c in found] == [newer], found


def test_a_unique_prefix_of_eight_characters_is_accepted(tmp_path):
    w = Wenshu(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    case_id = w.new_case()
    assert w.show(case_id[:8])["case_id"] == case_id
    doc = w.add(case_id[:8], "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    assert w.ok("case", "check", doc[:8])["ok"] is True
    filled = w.ok("case", "fill", doc[:8], w.write(w.answers("inspection_record", **SCRIPT["inspection_record#2"])))
    assert filled["document_id"] == doc
    assert w.ok("case", "generate", doc[:8], "-o", out)["document_id"] == doc
    assert w.ok("case", "withdraw", doc[:8], "--reason", "重复制作")["state"] == "withdrawn"


def test_a_prefix_shorter_than_eight_is_refused(tmp_path):
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    doc = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    before = w.view(case_id)
    assert_unusable(w("case", "show", case_id[:7]))
    assert_unusable(w("case", "check", doc[:7]))
    assert_unusable(w("case", "withdraw", doc[:7], "--reason", "重复制作"))
    assert w.view(case_id) == before


def _twin(an_id: str) -> str:
    """A UUID sharing the first 9 characters (8 hex digits and the dash) of ``an_id``, differing after."""
    while True:
        rest = str(uuid.uuid4())[9:]
        if rest[:4] != an_id[9:13]:
            return an_id[:9] + rest


def test_an_ambiguous_prefix_is_refused(tmp_path):
    """Two cases (and two documents) whose ids share 8 characters: the 8-character prefix is ambiguous.
    Built by importing a copy of an exported draft case with ids changed (the only way a test can make
    two UUIDs collide on a prefix)."""
    w = Wenshu(tmp_path)
    case_id = w.new_case()
    doc = w.add(case_id, "penalty_notice", w.answers("penalty_notice", **SCRIPT["penalty_notice"]))
    exported = tmp_path / "draft-case.json"
    w.ok("case", "export", case_id, "-o", exported)
    text = exported.read_text(encoding="utf-8")
    if case_id not in text or doc not in text:
        pytest.fail("§10/§11: the exported case does not carry its case_id and document_id")
    twin_case, twin_doc = _twin(case_id), _twin(doc)
    copy_file = tmp_path / "twin-case.json"
    copy_file.write_text(text.replace(case_id, twin_case).replace(doc, twin_doc), encoding="utf-8")
    r = w("case", "import", copy_file)
    assert_clean(r)
    if r.code != 0 or twin_case not in (r.data or {}).get("imported", []):
        pytest.skip(f"a copy with changed ids cannot be imported here, so no ambiguous prefix can be built: {r}")
    before = w.view(case_id)
    assert_unusable(w("case", "show", case_id[:8]))
    assert_unusable(w("case", "check", doc[:8]))
    assert_unusable(w("case", "add", case_id[:8], "inspection_record"))
    assert w.show(case_id[:13])["case_id"] == case_id
    assert w.show(twin_case[:13])["case_id"] == twin_case
    assert w.ok("case", "check", doc[:13]) is not None
    assert w.view(case_id) == before


# --- every unusable input: exit 2, Chinese on stderr, nothing changed --------------------------------------
@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    w = Wenshu(root)
    out = root / "out"
    out.mkdir()
    case_id = w.new_case()
    draft = w.add(case_id, "penalty_notice", w.answers("penalty_notice", **SCRIPT["penalty_notice"]))
    issued = w.add(case_id, "inspection_record", w.answers("inspection_record", **SCRIPT["inspection_record#1"]))
    w.ok("case", "generate", issued, "-o", out)
    w.add(case_id, "delivery_receipt", w.answers("delivery_receipt", **SCRIPT["delivery_receipt"]))
    files = root / "bad"
    files.mkdir()
    (files / "not-json.json").write_text("{\"party\": {\"name\": \"神池县某煤业有限公司\",}", encoding="utf-8")
    (files / "array.json").write_text("[1, 2, 3]", encoding="utf-8")
    (files / "null.json").write_text("null", encoding="utf-8")
    (files / "party-text.json").write_text(json.dumps({"title": "案", "party": "神池县某煤业有限公司"},
                                                      ensure_ascii=False), encoding="utf-8")
    (files / "good.json").write_text(json.dumps(w.answers("penalty_notice", **SCRIPT["penalty_notice"]),
                                                ensure_ascii=False), encoding="utf-8")
    (files / "folder.json").mkdir()
    return {"w": w, "out": out, "case": case_id, "draft": draft, "issued": issued, "files": files}


BAD = {
    "show unknown id": ["case", "show", UNKNOWN_UUID],
    "show not an id": ["case", "show", "不是案件编号"],
    "show a document id": ["case", "show", "{draft}"],
    "show an empty id": ["case", "show", ""],
    "add to unknown case": ["case", "add", UNKNOWN_UUID, "inspection_record"],
    "add unknown kind": ["case", "add", "{case}", "no_such_kind"],
    "add path as kind": ["case", "add", "{case}", "../case_filing"],
    "add a 公文 to a case": ["case", "add", "{case}", "notice"],
    "add a second 送达回执": ["case", "add", "{case}", "delivery_receipt"],  # §6: one per case, a row per delivery
    "add malformed file": ["case", "add", "{case}", "penalty_notice", "{files}/not-json.json"],
    "add array file": ["case", "add", "{case}", "penalty_notice", "{files}/array.json"],
    "add null file": ["case", "add", "{case}", "penalty_notice", "{files}/null.json"],
    "add an empty kind": ["case", "add", "{case}", ""],
    "add missing file": ["case", "add", "{case}", "penalty_notice", "{files}/missing.json"],
    "add folder as file": ["case", "add", "{case}", "penalty_notice", "{files}/folder.json"],
    "fill unknown id": ["case", "fill", UNKNOWN_UUID, "{files}/good.json"],
    "fill a case id": ["case", "fill", "{case}", "{files}/good.json"],
    "fill malformed file": ["case", "fill", "{draft}", "{files}/not-json.json"],
    "fill array file": ["case", "fill", "{draft}", "{files}/array.json"],
    "fill null file": ["case", "fill", "{draft}", "{files}/null.json"],
    "fill missing file": ["case", "fill", "{draft}", "{files}/missing.json"],
    "check unknown id": ["case", "check", UNKNOWN_UUID],
    "check a case id": ["case", "check", "{case}"],
    "generate unknown id": ["case", "generate", UNKNOWN_UUID, "-o", "{out}"],
    "generate a case id": ["case", "generate", "{case}", "-o", "{out}"],
    "withdraw unknown id": ["case", "withdraw", UNKNOWN_UUID, "--reason", "填写错误"],
    "withdraw a case id": ["case", "withdraw", "{case}", "--reason", "填写错误"],
    "export unknown id": ["case", "export", UNKNOWN_UUID, "-o", "{out}/unknown-export.json"],
    "archive unknown id": ["case", "archive", UNKNOWN_UUID, "-o", "{out}/unknown-archive"],
    "new malformed file": ["case", "new", "{files}/not-json.json"],
    "new array file": ["case", "new", "{files}/array.json"],
    "new null file": ["case", "new", "{files}/null.json"],
    "new party as text": ["case", "new", "{files}/party-text.json"],
    "new missing file": ["case", "new", "{files}/missing.json"],
    "import malformed file": ["case", "import", "{files}/not-json.json"],
    "import array file": ["case", "import", "{files}/array.json"],
    "import null file": ["case", "import", "{files}/null.json"],
    "import missing file": ["case", "import", "{files}/missing.json"],
}


@pytest.mark.parametrize("what", list(BAD))
def test_unusable_input_exits_2_and_changes_nothing(small, what):
    w: Wenshu = small["w"]
    args = [a.format(**small) for a in BAD[what]]
    before = w.view(small["case"])
    cases_before = w.ok("case", "list")
    out_before = listing(small["out"])
    registry_before = {k: registry(w, k) for k in ("inspection_record", "penalty_notice")}
    r = w(*args)
    assert_unusable(r)
    assert w.view(small["case"]) == before
    assert w.ok("case", "list") == cases_before
    assert listing(small["out"]) == out_before, "an unusable command wrote a file"
    assert {k: registry(w, k) for k in registry_before} == registry_before
