"""执法情况统计 (001 执法情况统计分析制度 第五条; 行政执法公示办法 第十六条), 案卷评查 (002 第八条; 004 第十二条) and the 公示台账
(行政执法公示办法 第十五条; 002 第四条; DOMAIN.md §12, §15), on a store whose figures are known because the test built it:

- case A: the scripted case (立案 2026-11-02, two inspections, a 50,000 元 fine decided 2026-11-20, 结案 2026-11-30);
- case B: the same, not closed, one inspection record 作废, a 被申请行政复议 date in 2026 and a 被提起行政诉讼 date in 2025;
- case C: only a draft decision — reported apart, never added in.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from archive_helpers import NOW, answers, build_case
from test_case_cli_scripted import NEW_CASE, SCRIPT

from validators.disclosure import leaks, masked_name, personal_data, redact_text
from wenshu.publication import PublicationError, export_due, ledger
from wenshu.review import ReviewError, review_case, review_year, write_review_sheet
from wenshu.service import CaseService
from wenshu.stats import annual_statistics, mark_reported, write_workbook
from wenshu.store import FILE_NAME, Store

#: A person's fine of 1万 or more is a major decision (001 第六条（二）3): reviewed before it is made.
REVIEWED = {"number": "神应急法审〔2026〕3号", "conclusion": "同意", "date": "2026-11-19"}
PERSON = {"type": "person", "name": "赵六", "id_no": "140922198503121029", "gender": "女",
          "address": "山西省忻州市神池县龙泉镇东街18号", "phone": "13912345678"}


def _service(home: Path) -> CaseService:
    return CaseService(Store(home / FILE_NAME), clock=lambda: NOW)  # the file the command line opens


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("stats")
    old = os.environ.get("WENSHU_HOME")
    os.environ["WENSHU_HOME"] = str(root / "home")
    try:
        service = _service(root / "home")
        a, a_docs = build_case(service, root / "gen")
        b, b_docs = build_case(service, root / "gen", close=False)
        service.withdraw(b_docs["inspection_record#2"], "重复录入")
        service.add_event(b, "reconsideration_filed", "2026-12-01")
        service.add_event(b, "lawsuit_filed", "2025-06-01")
        c = service.new_case(copy.deepcopy(NEW_CASE))
        service.add_document(c, "penalty_decision", answers("penalty_decision", **SCRIPT["penalty_decision"]))
        yield {"service": service, "root": root, "a": a, "b": b, "c": c, "a_docs": a_docs, "b_docs": b_docs}
        service.close()
    finally:
        if old is None:
            os.environ.pop("WENSHU_HOME", None)
        else:
            os.environ["WENSHU_HOME"] = old


def _wenshu(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "WENSHU_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "wenshu", *args], capture_output=True, text=True, env=env,
                          encoding="utf-8", timeout=120)


# --- statistics ------------------------------------------------------------------------------------
def test_the_years_figures_are_exactly_what_the_store_holds(built):
    f = annual_statistics(built["service"], 2026)
    assert f["cases"] == {"opened": 3, "closed": 1}  # C's 立案日期 is on its draft decision: C was filed
    assert f["decisions"] == 2 and f["fines"] == {"count": 2, "amount": "100000.00"}
    assert f["inspections"]["count"] == 3  # 2 + 2, one 作废
    assert f["inspections"]["officers"] == 2 and f["inspections"]["officer_visits"] == 6
    assert f["reconsiderations"] == 1 and f["lawsuits"] == 0  # the lawsuit date lies in 2025
    assert f["hearings"] == 0 and f["coercive_measures"] == 0
    assert f["drafts_left_out"] == 1  # case C's draft decision is not a decision
    november = f["monthly"][10]
    assert november == {"month": 11, "opened": 3, "closed": 1, "decisions": 2, "fines": "100000.00"}
    assert sum(m["opened"] for m in f["monthly"]) == 3
    assert {i["title"] for i in f["to_fill"]} >= {"法制学习、培训", "普法宣传", "投诉举报"}
    assert annual_statistics(built["service"], 2025)["lawsuits"] == 1
    assert annual_statistics(built["service"], 2025)["fines"]["amount"] == "0.00"


def test_the_workbook_opens_in_libreoffice_with_the_same_numbers(built, tmp_path):
    f = annual_statistics(built["service"], 2026)
    path = write_workbook(f, tmp_path / "年报.xlsx", "神池县应急管理局")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / "年报.csv").read_text(encoding="utf-8", errors="replace").splitlines()))
    table = {r[0]: r[1] for r in rows if len(r) > 1}
    assert table["立案数（件）"] == "3" and table["结案数（件）"] == "1"
    assert table["罚款金额（元）"].replace(",", "") == "100000.00"
    assert table["执法检查（次）"] == "3" and table["被提起行政复议（件）"] == "1"
    assert "投诉举报" in table and table["投诉举报"] == ""  # left for the clerk to fill in
    assert rows[0][0] == "神池县应急管理局2026年度行政执法统计年报"


def test_stats_command_gives_the_same_json_and_refuses_bad_input(built, tmp_path):
    home = built["root"] / "home"
    r = _wenshu("stats", "--year", "2026", "-o", str(tmp_path / "年报.xlsx"), home=home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["fines"]["amount"] == "100000.00" and Path(out["workbook"]).is_file()
    bad = _wenshu("stats", "--year", "二〇二六", home=home)
    assert bad.returncode == 2 and "年度" in bad.stderr and "Traceback" not in bad.stderr + bad.stdout
    wrong = _wenshu("stats", "--year", "2026", "-o", str(tmp_path / "年报.txt"), home=home)
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr and not (tmp_path / "年报.txt").exists()


def test_the_annual_report_is_due_on_10_january_in_the_agenda_until_marked(built):
    service = built["service"]
    early = [i for i in service.agenda(date(2026, 12, 1)) if i.rule == "annual_report"]
    assert early == []  # more than three weeks ahead
    items = [i for i in service.agenda(date(2027, 1, 5)) if i.rule == "annual_report"]
    assert len(items) == 1 and items[0].due == date(2027, 1, 10) and items[0].case_id is None
    assert items[0].title == "2026年度行政执法统计年报报送" and items[0].status == "due_soon"
    late = [i for i in service.agenda(date(2027, 1, 12)) if i.rule == "annual_report"]
    assert late[0].status == "overdue" and "行政执法公示办法 第十六条" in late[0].explain()
    mark_reported(service.store, 2026, date(2027, 1, 8))
    try:
        assert [i for i in service.agenda(date(2027, 1, 12)) if i.rule == "annual_report"] == []
    finally:
        service.store.set_meta("stats_reported:2026", None)


def test_no_report_reminder_for_a_year_without_cases(tmp_path):
    service = _service(tmp_path)
    service.new_case(copy.deepcopy(NEW_CASE))  # created today (2026): nothing on 2025 to report
    assert [i for i in service.agenda(date(2026, 1, 5)) if i.rule == "annual_report"] == []
    service.close()


# --- 案卷评查 ---------------------------------------------------------------------------------------
def _item(review: dict, criterion: str) -> dict:
    return next(i for i in review["items"] if i["criterion"] == criterion)


def _codes(review: dict, criterion: str) -> set[str]:
    return {f["code"] for f in _item(review, criterion)["findings"]}


def test_review_covers_the_eight_criteria_and_scores_out_of_100(built):
    r = review_case(built["service"], built["a"], date(2026, 12, 1))
    assert [i["item"] for i in r["items"]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    assert sum(i["max"] + sum(h["max"] for h in i["hand"]) for i in r["items"]) == pytest.approx(100)
    assert r["complete"] is False  # the hand items are not scored yet
    assert _item(r, "subject")["ok"] and _item(r, "basis")["ok"] and _item(r, "discretion")["ok"]
    assert "publication.missing" not in _codes(r, "systems")
    assert "review.missing_document" in _codes(r, "systems")  # no 公示摘要 (行政执法公示办法 第十五条)


def test_review_finds_a_missing_delivery_receipt(built):
    service = built["service"]
    before = review_case(service, built["b"], date(2026, 12, 1))
    decision_number = service.document(built["b_docs"]["penalty_decision"])["answers"]["number"]
    assert not any(decision_number in f["message"] for f in _item(before, "documents")["findings"])
    service.withdraw(built["b_docs"]["delivery_receipt"], "送达回执遗失，待补")
    after = review_case(service, built["b"], date(2026, 12, 1))
    missing = [f for f in _item(after, "documents")["findings"] if f["code"] == "delivery.no_receipt"]
    assert any(decision_number in f["message"] for f in missing)
    assert not _item(after, "documents")["ok"]
    assert len(missing) > len([f for f in _item(before, "documents")["findings"] if f["code"] == "delivery.no_receipt"])


def test_review_finds_a_late_archive(built):
    service = built["service"]
    on_time = review_case(service, built["a"], date(2026, 12, 20))
    assert not {"archive.overdue", "archive.late"} & _codes(on_time, "documents")
    late = review_case(service, built["a"], date(2027, 1, 5))  # closed 2026-11-30: due 2026-12-30
    assert "archive.overdue" in _codes(late, "documents")


def test_review_finds_a_fine_outside_the_articles_range(built):
    service = built["service"]
    case = service.new_case(copy.deepcopy(NEW_CASE))
    fine = [{"kind": "fine", "amount": "900000"}]  # 安全生产法 第九十九条: 五万元以上二十万元以下 at most
    service.add_document(case, "penalty_decision", answers("penalty_decision", **{**SCRIPT["penalty_decision"],
                                                                                  "penalties": fine}))
    r = review_case(service, case, date(2026, 12, 1))
    assert "law.fine_above" in _codes(r, "discretion") and not _item(r, "discretion")["ok"]


def test_review_finds_a_decision_before_the_statement_period_ended(built):
    service = built["service"]
    case = service.new_case(copy.deepcopy(NEW_CASE))
    notice = service.add_document(case, "penalty_notice", answers("penalty_notice", **SCRIPT["penalty_notice"]))
    service.generate(notice, out_dir=built["root"] / "gen")
    service.add_event(case, "penalty_notice_delivered", "2026-11-09")
    service.add_document(case, "penalty_decision", answers("penalty_decision", **{**SCRIPT["penalty_decision"],
                                                                                  "date": "2026-11-10"}))
    r = review_case(service, case, date(2026, 12, 1))
    assert any(c.startswith("procedure.before_") for c in _codes(r, "procedure")), _item(r, "procedure")
    assert not _item(r, "procedure")["ok"]


def test_hand_scores_complete_the_review_and_are_checked(built):
    service = built["service"]
    first = review_case(service, built["a"], date(2026, 12, 1))
    ids = [h["id"] for i in first["items"] for h in i["hand"]]
    full = {h: {"score": next(x["max"] for i in first["items"] for x in i["hand"] if x["id"] == h)} for h in ids}
    done = review_case(service, built["a"], date(2026, 12, 1), full)
    assert done["complete"] is True and done["score"] == pytest.approx(first["score"] + sum(
        v["score"] for v in full.values()), abs=0.1)
    with pytest.raises(ReviewError, match="之间"):
        review_case(service, built["a"], date(2026, 12, 1), {ids[0]: {"score": 99}})


def test_review_sheet_is_a_printable_document(built, tmp_path):
    r = review_case(built["service"], built["a"], date(2026, 12, 1))
    path = write_review_sheet(built["service"], r, tmp_path / "评查表.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), path],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "评查表.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "行政执法案卷评查表" in text and "执法程序是否规范" in text and "评查人员（签名）" in text
    assert "case_review_sheet" not in text and "seed" not in text


def test_review_of_a_year_takes_the_cases_closed_that_year(built, tmp_path):
    home = built["root"] / "home"
    r = _wenshu("case", "review", "--year", "2026", "--today", "2026-12-01", "-o", str(tmp_path / "汇总.xlsx"),
                home=home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [c["case_id"] for c in out["cases"]] == [built["a"]]  # B and C are not closed
    assert out["summary"]["count"] == 1 and Path(out["output"]).is_file()
    assert review_year(built["service"], 2025)["cases"] == []
    neither = _wenshu("case", "review", home=home)
    assert neither.returncode == 2 and "二者选一" in neither.stderr


# --- 公示台账 ---------------------------------------------------------------------------------------
def test_ledger_gives_due_published_and_takedown_dates(built, tmp_path):
    service = built["service"]
    rows = {r["case_id"]: r for r in ledger(service, date(2026, 11, 25))}
    a = rows[built["a"]]
    assert a["status"] == "待公示" and a["publication_due"] == "2026-12-01"  # 7 working days after 2026-11-20
    assert ledger(service, date(2026, 12, 2))[0]["status"] in ("逾期未公示",)
    number = a["decision_number"]
    summary = service.add_document(built["a"], "publication_summary", answers(
        "publication_summary", decision_number=number, decision_date="2026-11-20", publication_date="2026-11-25",
        publication_due="2026-12-01", takedown_date="2031-11-25"))
    try:
        a = {r["case_id"]: r for r in ledger(service, date(2026, 12, 2))}[built["a"]]
        assert a["status"] == "公示中" and a["published"] == "2026-11-25" and a["takedown"] == "2031-11-25"
        shown = {d["rule"]: d for d in service.show(built["a"], today=date(2026, 12, 2))["deadlines"]}
        assert shown["publication_penalty"]["status"] == "done"  # the 公示日期 answers the period
        soon = {r["case_id"]: r for r in ledger(service, date(2031, 11, 1))}[built["a"]]
        assert soon["status"] == "即将撤除"
        assert any(i.rule == "publication_takedown" and i.case_id == built["a"]
                   for i in service.agenda(date(2031, 11, 1)))
        service.add_event(built["a"], "publication_taken_down", "2031-11-25")
        assert {r["case_id"]: r for r in ledger(service, date(2031, 12, 1))}[built["a"]]["status"] == "已撤除"
    finally:
        service.withdraw(summary, "测试结束")


def test_a_person_is_published_as_surname_mouxmoux_for_two_years(tmp_path):
    service = _service(tmp_path / "home")
    new = copy.deepcopy(NEW_CASE)
    new["party"] = copy.deepcopy(PERSON)
    case = service.new_case(new)
    fine = [{"kind": "fine", "amount": "15000"}]
    decision = service.add_document(case, "penalty_decision", answers(
        "penalty_decision", **{**SCRIPT["penalty_decision"], "object": copy.deepcopy(PERSON), "penalties": fine,
                               "legal_review": REVIEWED,
                               "facts": "2026年11月3日，赵六（身份证号 １４０９２２ １９８５０３１２ １０２９，电话+86 139-1234-5678）"
                                        "在其商店内未经许可储存烟花爆竹。"}))
    service.generate(decision, out_dir=tmp_path / "gen")
    rows = ledger(service, date(2026, 11, 25))
    assert rows[0]["party"] == "赵某某"
    out = export_due(service, tmp_path / "公示.csv", date(2026, 11, 25))
    assert out["rows"] == 1
    text = (tmp_path / "公示.csv").read_text(encoding="utf-8-sig")
    assert "赵某某" in text and "赵六" not in text
    for datum in ("140922198503121029", "13912345678", "1029", "5678", "龙泉镇"):
        assert datum not in text.replace(" ", "").replace("-", "")
    service.close()


def test_an_export_that_would_leak_is_refused_and_writes_nothing(tmp_path):
    service = _service(tmp_path / "home")
    new = copy.deepcopy(NEW_CASE)
    case = service.new_case(new)
    witness_text = "经询问证人孙 七（住神池县龙泉镇西街3号），"  # a name broken by a space escapes the redaction
    decision = service.add_document(case, "penalty_decision", answers(
        "penalty_decision", **{**SCRIPT["penalty_decision"], "facts": witness_text + "该公司未安装报警装置。",
                               "evidence": "询问笔录（被询问人孙七，身份证号140922199001011234）",
                               "legal_review": REVIEWED}))
    inquiry = answers("inquiry_record")
    inquiry["interviewee"] = {"type": "person", "name": "孙七", "id_no": "140922199001011234", "gender": "男"}
    service.add_document(case, "inquiry_record", inquiry)
    service.generate(decision, out_dir=tmp_path / "gen")
    with pytest.raises(PublicationError) as exc:
        export_due(service, tmp_path / "公示.xlsx", date(2026, 11, 25))
    assert exc.value.findings and "姓名" in exc.value.findings[0]["message"]
    assert "主要违法事实" in exc.value.findings[0]["message"]
    assert not (tmp_path / "公示.xlsx").exists()
    service.close()


# --- the masking itself ----------------------------------------------------------------------------
@pytest.mark.parametrize("name, masked", [("赵六", "赵某某"), ("欧阳娜娜", "欧阳某某"), (" 王 五 ", "王某某"), ("", "")])
def test_names_are_published_as_surname_and_mouxmoux(name, masked):
    assert masked_name(name) == masked


@pytest.mark.parametrize("writing", [
    "电话13912345678", "电话１３９１２３４５６７８", "电话139 1234 5678", "电话+86 139-1234-5678",
    "电话（0350）1234567", "电话0350-1234567", "身份证号14092219850312102９", "身份证号 140922 19850312 1029",
])
def test_personal_numbers_go_in_every_common_writing(writing):
    data = personal_data([{"name": "赵六", "id_no": "140922198503121029", "phone": "13912345678、0350-1234567"}])
    out = redact_text(writing, data)
    assert not leaks(out, data), out
    assert "1029" not in out and "5678" not in out and "4567" not in out


def test_an_organisation_keeps_its_name_and_code_but_not_its_representative():
    data = personal_data([{"legal_rep": "王五"}, {"name": "王五"}])
    text = redact_text("神池县某煤业有限公司（统一社会信用代码91110000600037341L）法定代表人王五", data)
    assert "神池县某煤业有限公司" in text and "91110000600037341L" in text and "王五" not in text


def test_the_ledgers_rules_follow_the_rule_tables_and_the_agencys_takedown_years():
    from wenshu.publication import rules_text

    assert "7个工作日内" in rules_text({}) and "公示满5年撤除，自然人满2年撤除" in rules_text({})
    # 安全生产行政执法公示制度 第十三条: an agency under 001 keeps its decisions published 3 years
    assert "公示满3年撤除" in rules_text({"publication_takedown_years": {"organization": 3, "person": 2}})
