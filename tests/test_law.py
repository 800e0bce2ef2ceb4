"""The law as data (issue 13): texts verbatim from the official publication, the 法律责任 annotations
checked against them, and the ``legal_basis`` rule on 决定书 and 告知书 (ranges by party type, articles
that exist and match)."""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest

from templates.kinds import get_kind
from templates.law_library import LAWS_DIR, load_laws
from validators.context import CheckContext
from validators.engine import validate
from validators.law import (
    Citation,
    article_label,
    check_legal_basis,
    cn_to_int,
    find_law,
    int_to_cn,
    iter_clauses,
    parse_citations,
)

ROOT = Path(__file__).resolve().parents[1]
OFFICIAL = ROOT.parent / "shared" / "reference" / "laws"
SAFETY = "《中华人民共和国安全生产法》"


def _official(name: str) -> Path | None:
    found = sorted(OFFICIAL.glob(f"{name}(*).md")) if OFFICIAL.is_dir() else []
    return found[0] if found else None


# --- the data ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("short", ["安全生产法", "行政处罚法"])
def test_shipped_text_is_the_official_text_word_for_word(short):
    source = _official(short)
    if source is None:
        pytest.fail("官方文本不在本机（../shared/reference/laws/）：须对照官方文本核对，不能跳过。")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import extract_law
    finally:
        sys.path.pop(0)
    shipped = json.loads((LAWS_DIR / f"{short}.text.json").read_text(encoding="utf-8"))
    official = extract_law.build(source, shipped["title"], shipped["short"])
    assert extract_law.compare(shipped, official) == []
    assert shipped["articles"] == official["articles"]


def test_known_articles_read_as_published():
    law = load_laws()["安全生产法"]
    assert len(law["articles"]) == 119
    art = law["articles"][99]
    assert art["label"] == "第九十九条"
    assert art["paragraphs"][0]["text"].startswith("生产经营单位有下列行为之一的，责令限期改正，处五万元以下的罚款；")
    assert art["paragraphs"][0]["items"][1] == "（二）安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准的；"
    assert len(load_laws()["行政处罚法"]["articles"]) == 86


_WAN = re.compile(r"([零一二三四五六七八九十百千]+)万元")


def test_every_annotation_quotes_its_article_and_the_amounts_match_the_words():
    law = load_laws()["安全生产法"]
    checked = 0
    for provision, clause in iter_clauses(law):
        art = law["articles"][provision["article"]]
        paragraphs = art["paragraphs"]
        if provision.get("paragraph"):
            paragraphs = [paragraphs[provision["paragraph"] - 1]]
        text = "".join(p["text"] + "".join(p["items"]) for p in paragraphs)
        assert clause["quote"] in text, (provision["article"], clause["quote"])
        fine = clause.get("fine") or {}
        if fine and not fine.get("derived") and "income_percent" not in fine:
            amounts = {cn_to_int(m) * 10000 for m in _WAN.findall(clause["quote"])}
            for bound in ("min", "max", "income_threshold"):
                if bound in fine:
                    assert fine[bound] in amounts, (provision["article"], bound, clause["quote"])
            checked += 1
    assert checked >= 30


def test_every_duty_article_exists():
    law = load_laws()["安全生产法"]
    for provision in law["provisions"]:
        for duties in (provision.get("duties") or {}).values():
            for duty in duties:
                (cite,) = parse_citations(f"{SAFETY}{duty}")
                art = law["articles"][cite.article]
                assert cite.article < 90 and art["chapter"] != "第六章 法律责任"
                if cite.paragraph:
                    assert cite.paragraph <= len(art["paragraphs"])


def test_chapter_six_is_annotated_in_full():
    law = load_laws()["安全生产法"]
    annotated = {p["article"] for p in law["provisions"]}
    assert annotated == set(range(90, 117))


def test_numbers_and_citations():
    assert [cn_to_int(x) for x in ("十", "九十九", "一百零三", "一百一十九", "99")] == [10, 99, 103, 119, 99]
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 200))
    assert article_label(110) == "第一百一十条"
    cites = parse_citations(f"{SAFETY}第九十九条第（二）项、第三项，第一百零三条第二款；《行政处罚法》第三十二条第一款第（一）项")
    assert cites == [
        Citation("中华人民共和国安全生产法", 99, None, 2), Citation("中华人民共和国安全生产法", 99, None, 3),
        Citation("中华人民共和国安全生产法", 103, 2, None), Citation("行政处罚法", 32, 1, 1),
    ]
    assert find_law("安全生产法") is find_law("中华人民共和国安全生产法") is not None
    assert find_law("煤矿安全规程") is None


# --- the rule --------------------------------------------------------------------------------------
def _decision(**changes) -> dict:
    answers = json.loads((ROOT / "templates" / "penalty_decision" / "sample.json").read_text(encoding="utf-8"))
    answers.update(copy.deepcopy(changes))
    return answers


def _law_findings(kind: str, answers: dict, settings: dict | None = None) -> list[tuple[str, str, str, str]]:
    k = get_kind(kind)
    ctx = CheckContext(kind=kind, meta=k.meta, settings=settings or {})
    return [(f["path"], f["code"], f["severity"], f["message"]) for f in validate(k.schema, answers, ctx)
            if f["code"].startswith("law.")]


def _fine(amount) -> list[dict]:
    return [{"kind": "fine", "amount": amount, "description": ""}]


PERSON = {"type": "person", "name": "王五", "id_no": "", "gender": "男", "address": "山西省神池县龙泉镇1号"}


def test_samples_have_no_law_finding():
    assert _law_findings("penalty_decision", _decision()) == []
    notice = json.loads((ROOT / "templates" / "penalty_notice" / "sample.json").read_text(encoding="utf-8"))
    assert _law_findings("penalty_notice", notice) == []


@pytest.mark.parametrize(("amount", "code"), [(1, None), (30000, None), (50000, None), (50001, "law.fine_above"),
                                              (200000, "law.fine_above")])
def test_article_99_for_an_organization(amount, code):
    found = _law_findings("penalty_decision", _decision(penalties=_fine(amount)))
    if code is None:
        assert found == []
    else:
        assert [(p, c, s) for p, c, s, _m in found] == [("/penalties/0/amount", code, "error")]
        message = found[0][3]
        assert "第九十九条第（二）项" in message and "5万元以下" in message and "逾期未改正" in message


@pytest.mark.parametrize(("amount", "code"), [(49999, "law.fine_below"), (50000, None), (200000, None),
                                              (200001, "law.fine_above")])
def test_article_99_overdue_uses_the_overdue_range(amount, code):
    facts = _decision()["facts"] + "经责令限期改正，逾期未改正。"
    found = _law_findings("penalty_decision", _decision(facts=facts, penalties=_fine(amount)))
    assert [c for _p, c, _s, _m in found] == ([code] if code else [])
    if code:
        assert "5万元以上20万元以下" in found[0][3]


@pytest.mark.parametrize(("amount", "code"), [(19999, "law.fine_below"), (20000, None), (35000, None),
                                              (50000, None), (50001, "law.fine_above")])
def test_article_94_for_the_principal(amount, code):
    answers = _decision(object=PERSON, party_role="主要负责人", basis=f"{SAFETY}第九十四条第一款",
                        violated=f"{SAFETY}第二十一条", penalties=_fine(amount))
    found = _law_findings("penalty_decision", answers)
    assert [(c, s) for _p, c, s, _m in found] == ([(code, "error")] if code else [])
    if code:
        assert "第九十四条第一款" in found[0][3] and "主要负责人" in found[0][3] and "2万元以上5万元以下" in found[0][3]


def test_article_94_does_not_fine_the_organization():
    answers = _decision(basis=f"{SAFETY}第九十四条第一款", violated=f"{SAFETY}第二十一条", penalties=_fine(30000))
    found = _law_findings("penalty_decision", answers)
    assert [(c, s) for _p, c, s, _m in found] == [("law.penalty_kind", "error")]
    assert "主要负责人" in found[0][3]


def test_a_person_under_article_99_is_a_directly_responsible_person():
    assert _law_findings("penalty_decision", _decision(object=PERSON, penalties=_fine(15000))) == []
    found = _law_findings("penalty_decision", _decision(object=PERSON, penalties=_fine(25000)))
    assert [c for _p, c, _s, _m in found] == ["law.fine_above"]
    assert "1万元以上2万元以下" in found[0][3]


def test_income_multiple_when_confiscated_income_is_large():
    base = {"basis": f"{SAFETY}第一百零三条第一款", "violated": f"{SAFETY}第四十九条第一款"}
    ok = _decision(**base, penalties=[{"kind": "confiscate_income", "amount": 200000}, {"kind": "fine", "amount": 1000000}])
    assert _law_findings("penalty_decision", ok) == []
    high = _decision(**base, penalties=[{"kind": "confiscate_income", "amount": 200000}, {"kind": "fine", "amount": 1000001}])
    assert [c for _p, c, _s, _m in _law_findings("penalty_decision", high)] == ["law.fine_above"]
    small = _decision(**base, penalties=[{"kind": "confiscate_income", "amount": 5000}, {"kind": "fine", "amount": 90000}])
    found = _law_findings("penalty_decision", small)
    assert [c for _p, c, _s, _m in found] == ["law.fine_below"] and "10万元以上20万元以下" in found[0][3]


def test_wrong_articles_are_errors():
    cases = {
        f"{SAFETY}第一百二十条": "law.no_article",
        f"{SAFETY}第九十九条第九项": "law.no_item",
        f"{SAFETY}第九十九条第二款": "law.no_paragraph",
        f"{SAFETY}第三十六条": "law.not_penalty",
        f"{SAFETY}第九十七条第（三）项": "law.duty_mismatch",
        f"{SAFETY}第一百零七条": "law.not_penalty",
    }
    for basis, code in cases.items():
        found = _law_findings("penalty_decision", _decision(basis=basis))
        assert [(p, c, s) for p, c, s, _m in found] == [("/basis", code, "error")], basis
    found = _law_findings("penalty_decision", _decision(violated=f"{SAFETY}第二百条"))
    assert [(p, c) for p, c, _s, _m in found] == [("/violated", "law.no_article")]
    assert "没有第二百条" in found[0][3]


def test_a_penalty_kind_the_article_does_not_provide_is_an_error():
    answers = _decision(penalties=[*_fine(30000), {"kind": "warning", "amount": "", "description": ""}])
    found = _law_findings("penalty_decision", answers)
    assert [(p, c) for p, c, _s, _m in found] == [("/penalties/1/kind", "law.penalty_kind")]
    assert "警告" in found[0][3]


def test_the_notice_is_checked_on_its_applied_field():
    notice = json.loads((ROOT / "templates" / "penalty_notice" / "sample.json").read_text(encoding="utf-8"))
    notice["penalties"] = _fine(60000)
    found = _law_findings("penalty_notice", notice)
    assert [(p, c, s) for p, c, s, _m in found] == [("/penalties/0/amount", "law.fine_above", "error")]


def test_mitigation_cited_turns_a_low_fine_into_a_warning():
    answers = _decision(object=PERSON, party_role="主要负责人", violated=f"{SAFETY}第二十一条",
                        basis=f"{SAFETY}第九十四条第一款、《中华人民共和国行政处罚法》第三十二条",
                        penalties=_fine(10000))
    assert [(c, s) for _p, c, s, _m in _law_findings("penalty_decision", answers)] == [("law.fine_mitigated", "warning")]


def test_an_unverified_entry_only_suggests():
    law = copy.deepcopy(load_laws()["安全生产法"])
    for provision in law["provisions"]:
        if provision["article"] == 99:
            provision["verified"] = False
    table = {**load_laws(), "安全生产法": law}
    found = check_legal_basis(_decision(penalties=_fine(60000)), table=table)
    assert [(f["code"], f["severity"]) for f in found] == [("law.fine_above", "warning")]
    assert "尚未逐字核对" in found[0]["message"]


def test_discretion_table_narrows_with_a_warning_and_leniency_is_shown():
    settings = {"discretion": [
        {"article": "第九十九条第二项", "subject": "单位", "circumstance": "一般", "min": 10000, "max": 20000},
    ], "leniency": [
        {"list": "轻微违法行为不予处罚清单", "number": 3, "circumstance": "初次违法且危害后果轻微并及时改正",
         "treatment": "不予处罚", "keywords": ["初次", "及时改正"]},
    ]}
    found = _law_findings("penalty_decision", _decision(penalties=_fine(30000)), settings)
    assert [(c, s) for _p, c, s, _m in found] == [("law.discretion", "warning")]
    assert "1万元以上2万元以下" in found[0][3]
    assert _law_findings("penalty_decision", _decision(penalties=_fine(15000)), settings) == []
    facts = _decision()["facts"] + "该单位系初次违法，已及时改正。"
    found = _law_findings("penalty_decision", _decision(facts=facts, penalties=_fine(15000)), settings)
    assert [(c, s) for _p, c, s, _m in found] == [("law.leniency", "warning")]
    assert "不予处罚" in found[0][3]


# --- wenshu law ------------------------------------------------------------------------------------
def _cli(capsys, *argv) -> tuple[int, dict]:
    from wenshu.cli import main

    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_cli_law_show(capsys):
    code, out = _cli(capsys, "law", "show", "安全生产法", "第九十九条")
    assert code == 0
    assert out["article"] == "第九十九条" and out["law"] == "中华人民共和国安全生产法"
    assert out["text"].startswith("第九十九条 生产经营单位有下列行为之一的")
    assert {c["subject"] for entry in out["liability"] for c in entry["clauses"]} == {"单位", "直接责任人员"}
    code, out = _cli(capsys, "law", "show", "中华人民共和国安全生产法", "第九十九条第二项")
    assert code == 0 and out["item_text"].startswith("（二）安全设备的安装")
    assert out["liability"][0]["duties"] == ["第三十六条第一款"]
    code, out = _cli(capsys, "law", "show", "行政处罚法", "32")
    assert code == 0 and out["article"] == "第三十二条" and "liability" not in out


@pytest.mark.parametrize("argv", [("law", "show", "安全生产法", "第一百二十条"), ("law", "show", "煤矿法", "第一条"),
                                  ("law", "show", "安全生产法", "九十九"), ("law", "search", " "), ("law",)])
def test_cli_law_bad_input_exits_2_in_chinese(capsys, argv):
    code, out = _cli(capsys, *argv)
    assert code == 2 and out["ok"] is False
    assert re.search(r"[\u4e00-\u9fff]", out["error"]) and "Traceback" not in out["error"]


def test_cli_law_search(capsys):
    code, out = _cli(capsys, "law", "search", "可燃气体报警装置")
    assert code == 0
    assert [(r["short"], r["article"]) for r in out["results"]] == [("安全生产法", "第三十六条"), ("安全生产法", "第九十九条")]
    code, out = _cli(capsys, "law", "search", "安全生产法", "第一百零二条")
    assert code == 0 and [r["number"] for r in out["results"]] == [102]
    code, out = _cli(capsys, "law", "search", "罚款", "--law", "行政处罚法")
    assert code == 0 and out["count"] > 5 and {r["short"] for r in out["results"]} == {"行政处罚法"}
    code, out = _cli(capsys, "law", "search", "没有这样的词语")
    assert code == 0 and out == {"query": "没有这样的词语", "count": 0, "results": []}


_PRODUCT_CITE = re.compile(r"(行政处罚法|安全生产法)》?\s?((?:第[零一二三四五六七八九十百]+[条款项])+(?:[（(][一二三四五六七八九十]+[）)])?)")


def test_every_article_the_product_cites_exists_in_the_official_text():
    """Each 行政处罚法 / 安全生产法 article, paragraph and item named anywhere in the product's rules, schemas
    and app exists in the law as published."""
    from validators.law import existence_findings

    files = [*ROOT.glob("validators/*.py"), *ROOT.glob("wenshu/*.py"), *ROOT.glob("desktop/*.py"),
             *ROOT.glob("templates/*/schema.json"), *ROOT.glob("templates/*/sample.json"), ROOT / "templates/common.json",
             *ROOT.glob("templates/laws/violations.json")]
    seen = 0
    for path in files:
        for law_name, ref in _PRODUCT_CITE.findall(path.read_text(encoding="utf-8")):
            law = find_law(law_name)
            for cite in parse_citations(f"《{law_name}》{ref}"):
                assert existence_findings(cite, law, "") == [], (path.name, law_name, ref)
                seen += 1
    assert seen > 50


def test_the_legal_review_application_checks_its_citations():
    answers = json.loads((ROOT / "templates" / "legal_review_application" / "sample.json").read_text(encoding="utf-8"))
    assert _law_findings("legal_review_application", answers) == []
    answers["penalty_basis"] = f"{SAFETY}第九十七条第（三）项"
    answers["violated_provisions"] = f"{SAFETY}第三十六条第一款"
    found = _law_findings("legal_review_application", answers)
    assert [(p, c) for p, c, _s, _m in found] == [("/penalty_basis", "law.duty_mismatch")]


def test_a_further_regulation_is_data_only(capsys):
    """An agency adds a regulation by dropping its two files into the data folder's laws/: no code."""
    from templates.law_library import set_extra_dirs
    from wenshu.paths import data_dir

    folder = data_dir() / "laws"
    folder.mkdir(parents=True)
    text = {"title": "某省安全生产条例", "short": "某省安全生产条例", "version": "2026-01-01", "source": "测试",
            "articles": [{"number": 1, "label": "第一条", "chapter": "第一章 总则", "paragraphs": [
                {"text": "生产经营单位应当设置安全警示标志。", "items": []}]},
                {"number": 2, "label": "第二条", "chapter": "第二章 法律责任", "paragraphs": [
                    {"text": "违反本条例第一条规定的，处一万元以下的罚款。", "items": []}]}]}
    liability = {"provisions": [{"article": 2, "verified": True, "duties": {"*": ["第一条"]}, "clauses": [
        {"subject": "单位", "kinds": ["fine"], "fine": {"max": 10000}, "quote": "处一万元以下的罚款"}]}]}
    (folder / "某省安全生产条例.text.json").write_text(json.dumps(text, ensure_ascii=False), encoding="utf-8")
    (folder / "某省安全生产条例.liability.json").write_text(json.dumps(liability, ensure_ascii=False), encoding="utf-8")
    try:
        code, out = _cli(capsys, "law", "show", "某省安全生产条例", "第二条")
        assert code == 0 and out["liability"][0]["clauses"][0]["fine"] == {"max": 10000}
        answers = _decision(basis="《某省安全生产条例》第二条", violated="《某省安全生产条例》第一条", penalties=_fine(12000))
        assert [c for _p, c, _s, _m in _law_findings("penalty_decision", answers)] == ["law.fine_above"]
    finally:
        set_extra_dirs([])


def test_the_principal_is_recognised_without_the_role_field():
    """A person fined under an article that punishes only the 主要负责人 is the 主要负责人; a role named in
    the facts or in the party's 职务 is used where the article punishes several."""
    answers = _decision(object=PERSON, basis=f"{SAFETY}第九十四条第一款", violated=f"{SAFETY}第二十一条",
                        penalties=_fine(60000))
    found = _law_findings("penalty_decision", answers)
    assert [c for _p, c, _s, _m in found] == ["law.fine_above"] and "主要负责人：2万元以上5万元以下" in found[0][3]
    answers = _decision(object={**PERSON, "title": "安全生产管理人员"}, basis=f"{SAFETY}第九十六条",
                        violated=f"{SAFETY}第二十五条", penalties=_fine(35000))
    found = _law_findings("penalty_decision", answers)
    assert [c for _p, c, _s, _m in found] == ["law.fine_above"] and "安全生产管理人员：1万元以上3万元以下" in found[0][3]
