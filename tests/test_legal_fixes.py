"""Issue 12, the legal-correctness fixes: each test names the article it holds the product to."""

from __future__ import annotations

import pytest

from templates.kinds import get_kind
from validators.engine import validate
from validators.major import assess
from validators.rulebook import COERCIVE_ACTS, PENALTY_KINDS
from wenshu.settings import load_context


def _findings(kind_name: str, answers: dict) -> list[dict]:
    kind = get_kind(kind_name)
    return validate(kind.schema, answers, load_context(kind.name))


def _text(kind_name: str, answers: dict) -> str:
    """The printed text of a draft rendering (paragraphs and table cells)."""
    import io

    from docx import Document

    from templates.render import render_bytes

    doc = Document(io.BytesIO(render_bytes(get_kind(kind_name), answers, draft=True)))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


# --- 1. penalties are only the kinds of 行政处罚法 第九条 -------------------------------------------
def test_penalty_kinds_are_exactly_article_9_without_detention():
    # 行政处罚法 第九条（一）至（四）、（六）; （五）行政拘留 is not an 应急管理 agency's
    assert list(PENALTY_KINDS.values()) == [
        "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
        "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "其他"]
    assert not set(COERCIVE_ACTS) & set(PENALTY_KINDS)


@pytest.mark.parametrize("kind_name", ["penalty_decision", "penalty_notice"])
@pytest.mark.parametrize("act, document", [("seal_or_seize", "查封扣押决定书"),
                                           ("stop_power_supply", "停止供电"),
                                           ("court_enforcement", "强制执行申请书")])
def test_coercive_measures_are_refused_with_the_document_to_use(kind_name, act, document):
    # 行政强制法 第二条、第九条、第五十三条: measures and enforcement are no 行政处罚
    answers = get_kind(kind_name).sample()
    answers["penalties"] = [*answers["penalties"], {"kind": act, "description": COERCIVE_ACTS[act].title}]
    refused = [f for f in _findings(kind_name, answers) if f["code"] == "field.refused"]
    assert len(refused) == 1 and refused[0]["severity"] == "error"
    assert refused[0]["path"] == f"/penalties/{len(answers['penalties']) - 1}/kind"
    assert "不是行政处罚" in refused[0]["message"] and document in refused[0]["message"]
    assert "行政强制法" in refused[0]["message"]


@pytest.mark.parametrize("kind", ["public_criticism", "suspend_license", "lower_qualification", "restrict_operations"])
def test_the_new_penalty_kinds_are_accepted_and_printed_by_name(kind):
    answers = get_kind("penalty_decision").sample()
    answers["penalties"] = [*answers["penalties"], {"kind": kind, "description": ""}]
    found = _findings("penalty_decision", answers)
    assert not {"field.choice", "field.refused"} & {f["code"] for f in found}
    # the cited 安全生产法 article provides no such penalty: the legal-basis rule says so by its name
    assert any(PENALTY_KINDS[kind] in f["message"] for f in found if f["code"].startswith("law."))
    assert PENALTY_KINDS[kind] in _text("penalty_decision", answers)


def test_lowering_the_qualification_grade_offers_a_hearing():
    # 行政处罚法 第六十三条第一款（三）
    result = assess({"object": {"type": "organization"}, "penalties": [{"kind": "lower_qualification"}]})
    assert result.hearing_required and "第六十三条" in result.hearing_reasons[0]


def test_major_decision_still_weighs_a_seizure():
    # 001 第六条（三）1、2: a 查封扣押 is a 重大行政执法决定 by itself (wenshu major-decision)
    result = assess({"object": {"type": "organization"}, "penalties": [{"kind": "seal_or_seize"}]})
    assert result.major and "法制审核制度》第六条（三）" in result.reasons[0] and "查封、扣押" in result.reasons[0]


# --- 7. the 法制审核 period is computed (001 第十四条) -------------------------------------------------
def test_an_opinion_dated_after_the_computed_review_period_is_a_finding():
    answers = get_kind("legal_review_opinion").sample()  # received 2026-10-20 → due 2026-11-03
    answers["date"] = "2026-11-03"
    assert "legal_review.late" not in {f["code"] for f in _findings("legal_review_opinion", answers)}
    answers["date"] = "2026-11-04"
    late = [f for f in _findings("legal_review_opinion", answers) if f["code"] == "legal_review.late"]
    assert late and "2026年11月3日" in late[0]["message"] and "法制审核制度》第十四条" in late[0]["message"]
    answers["extended"] = True  # approved extension: 10 more working days
    assert "legal_review.late" not in {f["code"] for f in _findings("legal_review_opinion", answers)}


def test_the_review_period_starts_the_agenda_deadline_from_the_forms():
    from wenshu.agenda import case_events

    approval = get_kind("legal_review_approval").sample()
    events = case_events([("legal_review_approval", approval)])
    assert events["review_materials_received"].isoformat() == approval["submitted_date"]


# --- 2. 查封扣押决定书: 行政强制法 第二十四条 and its own 法制审核 gate (001 第六条（三）) -------------------
def _seizure(**changes) -> dict:
    answers = get_kind("seizure_decision").sample()
    answers.update(changes)
    return answers


def test_the_seizure_decision_lists_every_item_of_article_24():
    answers = _seizure()
    answers["object"] = {k: v for k, v in answers["object"].items() if k != "address"}
    answers["items"] = [{"name": "局部通风机", "quantity": ""}]
    found = [f for f in _findings("seizure_decision", answers) if f["severity"] == "error"]
    paths = {f["path"] for f in found}
    assert "/object/address" in paths and "/items/0/quantity" in paths
    assert any("第二十四条" in f["message"] for f in found if f["path"] == "/object/address")
    text = _text("seizure_decision", _seizure())
    assert "地址：山西省忻州市神池县龙泉镇工业园区1号" in text  # （一）名称、地址 printed
    assert "你单位" in text and "你（单位）" not in text


def test_a_seizure_needs_a_passing_review_dated_before_it():
    blocked = {f["code"]: f for f in _findings("seizure_decision", _seizure(legal_review={}))}
    assert blocked["legal_review.required"]["severity"] == "error"
    assert "法制审核制度》第六条（三）" in blocked["legal_review.required"]["message"]
    late = _seizure(legal_review={"conclusion": "同意", "date": "2026-10-21"})  # decided 2026-10-20
    assert "legal_review.after_decision" in {f["code"] for f in _findings("seizure_decision", late)}
    urgent = {f["code"]: f for f in _findings("seizure_decision", _seizure(legal_review={}, urgent=True))}
    assert urgent["legal_review.make_up"]["severity"] == "warning"  # 001 第五条第二款
    assert "法制审核制度》第五条第二款" in urgent["legal_review.make_up"]["message"]
    assert "legal_review.required" not in urgent


def test_a_case_with_a_seizure_needs_the_review_forms(tmp_path):
    from datetime import datetime

    from wenshu.service import CaseService
    from wenshu.store import Store

    service = CaseService(Store(tmp_path / "s.db"), clock=lambda: datetime(2026, 10, 20, 9))
    try:
        case_id = service.new_case({"party": _seizure()["object"]})
        answers = _seizure()
        answers.pop("number")
        answers.pop("legal_review")
        doc = service.add_document(case_id, "seizure_decision", answers)
        shown = service.show(case_id)
        assert shown["major"]["major"] and any("法制审核制度》第六条（三）" in r for r in shown["major"]["reasons"])
        assert {"legal_review_application", "legal_review_opinion"} <= {n["kind"] for n in shown["next"]}
        assert "legal_review.required" in {f["code"] for f in service.check(doc)}
    finally:
        service.close()


# --- 3. 听证告知书 (tells the right, 5 days) and 听证会通知书 (time and place, 7 days before) ---------------
def test_the_hearing_notice_tells_the_right_and_the_five_days():
    # 2016 式样 应急听告 with the law of 2021: 行政处罚法 第六十三条、第六十四条第（一）项 (五日)
    kind = get_kind("hearing_notice")
    assert kind.code == "应急听告" and "hearing_time" not in kind.schema["properties"]
    text = _text("hearing_notice", kind.sample())
    assert "你单位有要求举行听证的权利" in text and "五日内" in text and "逾期不提出申请的，视为放弃听证权利" in text
    assert "第六十三条、第六十四条" in text and "罚款人民币叁万伍仟元整" in text
    assert "本文书一式两份：一份由神池县应急管理局备案，一份交拟处罚当事人。" in text


def test_the_meeting_notice_holds_time_place_and_hearing_officers():
    kind = get_kind("hearing_meeting_notice")
    assert kind.code == "应急听通" and kind.meta["needed"]["if"] == "hearing_requested"
    assert "第六十四条" in kind.meta["needed"]["why"]
    text = _text("hearing_meeting_notice", kind.sample())
    for words in ("根据你单位申请", "2026年11月12日9时00分", "听证主持人姓名：刘七", "听证员姓名：周九", "书记员姓名：陈八",
                  "有权申请回避", "视为放弃听证权利", "一份交申请听证人"):
        assert words in text, words
    late = dict(kind.sample(), hearing_time="2026-11-10T09:00")  # notice 11-02: not 7 working days before
    msg = next(f for f in _findings("hearing_meeting_notice", late) if f["code"] == "hearing.notice_too_late")
    assert "第六十四条第（二）项" in msg["message"]


def test_a_requested_hearing_needs_the_meeting_notice(tmp_path):
    from datetime import datetime

    from wenshu.service import CaseService
    from wenshu.store import Store

    service = CaseService(Store(tmp_path / "s.db"), clock=lambda: datetime(2026, 11, 2, 9))
    try:
        case_id = service.new_case({"party": _seizure()["object"], "facts": {"hearing_requested": True}})
        assert "hearing_meeting_notice" in {n["kind"] for n in service.show(case_id)["next"]}
    finally:
        service.close()


def test_stored_hearing_notices_of_the_old_shape_move_to_meeting_notices(tmp_path):
    from datetime import datetime

    from wenshu.service import MOVED_HEARING_REASON, CaseService
    from wenshu.store import Store

    old = {"number": "", "agency": "神池县应急管理局", "date": "2026-11-02", "object": _seizure()["object"],
           "case_name": "某案", "hearing_time": "2026-11-12T09:00", "hearing_place": "听证室", "public": True,
           "host": "刘七", "clerk": "陈八", "contact": {"address": "新华街8号", "person": "张三", "phone": "0350-4721234"}}
    path = tmp_path / "s.db"
    store = Store(path)
    case = store.create_case("某案", _seizure()["object"])
    doc = store.add_document(case, "hearing_notice", old)
    store.close()
    service = CaseService(Store(path), clock=lambda: datetime(2026, 11, 2, 9))
    try:
        moved = [d for d in service.store.documents(case, withdrawn=False) if d["kind"] == "hearing_meeting_notice"]
        assert len(moved) == 1 and moved[0]["answers"] == old  # nothing lost
        before = service.store.get_document(doc)
        assert before["withdrawn_at"] and MOVED_HEARING_REASON in before["withdrawn_reason"]
        assert service.store.version_answers(doc, 1) == old  # the old document stays readable
        assert service.store.verify_history() == []
    finally:
        service.close()


# --- 6. no seed ids on screen or paper: the regulations by their Chinese names -------------------------
_SEED_ID = __import__("re").compile(r"(?<![0-9A-Za-z])00[0-4] ?(第|附件)|seed00[0-9]|001/003")


def _shown_texts(node, key=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _shown_texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _shown_texts(v, key)
    elif isinstance(node, str) and key in ("title", "description", "why", "x-pattern-hint"):
        yield node


@pytest.mark.parametrize("kind_name", [k.name for k in __import__("templates.kinds", fromlist=["all_kinds"]).all_kinds()])
def test_forms_findings_and_paper_never_show_seed_ids(kind_name):
    kind = get_kind(kind_name)
    for text in _shown_texts(kind.schema):
        assert not _SEED_ID.search(text), (kind_name, text)
    answers = kind.sample()
    answers.pop("video", None)  # provoke the video reminders, which cite the seeds
    for f in _findings(kind_name, answers):
        assert not _SEED_ID.search(f["message"]), f
    assert not _SEED_ID.search(_text(kind_name, kind.sample()))


def test_a_seed_citation_names_its_regulation():
    from validators.citations import cite_cn

    assert cite_cn("（001 第十四条）") == "（《神池县应急管理局安全生产重大行政执法决定法制审核制度》第十四条）"
    assert cite_cn("003 第二十七条(二)") == "《沁源县能源局行政执法全过程记录办法》第二十七条(二)"
    assert cite_cn("001 第十、十一条") == "《神池县应急管理局安全生产行政执法全过程记录制度》第十、十一条"
    assert cite_cn("公示期限 003 第十五条") == "公示期限 《沁源县能源局行政执法公示办法》第十五条"
    assert cite_cn("文件编号 SCYJ-20261027-0031") == "文件编号 SCYJ-20261027-0031"


# --- 6. the samples a clerk copies from are legally right ------------------------------------------------
def test_the_rectification_order_rests_on_article_65_1_2():
    # 安全生产法 第六十五条第一款（二）: 对检查中发现的安全生产违法行为……要求限期改正
    assert get_kind("rectification_order").sample()["legal_basis"].endswith("第六十五条第一款第（二）项")


def test_the_decision_and_the_notice_cite_the_same_matching_articles():
    # 安全生产法 第三十六条第一款 (安全设备……使用……应当符合国家标准) is punished by 第九十九条（二）
    decision, notice = get_kind("penalty_decision").sample(), get_kind("penalty_notice").sample()
    assert decision["violated"] == notice["violated"] == "《中华人民共和国安全生产法》第三十六条第一款"
    assert decision["basis"] == notice["applied"] == "《中华人民共和国安全生产法》第九十九条第（二）项"
    assert all(p["amount"] <= 50000 for p in decision["penalties"] if p["kind"] == "fine")  # 处五万元以下的罚款


def test_the_published_fine_is_within_the_regulations_range():
    # 烟花爆竹安全管理条例 第三十六条第一款: 处2万元以上10万元以下的罚款
    assert "人民币贰万元" in get_kind("publication_summary").sample()["result"]


def test_every_sample_age_agrees_with_its_id_number():
    from datetime import date

    def people(node):
        if isinstance(node, dict):
            if "age" in node and "id_no" in node:
                yield node
            for v in node.values():
                yield from people(v)
        elif isinstance(node, list):
            for v in node:
                yield from people(v)

    from templates.kinds import all_kinds

    checked = 0
    for kind in all_kinds():
        sample = kind.sample()
        time = sample.get("time")
        start = time.get("start") if isinstance(time, dict) else time  # 当场处罚: one moment, not a span
        day = str(start or sample.get("date") or "2026-12-01")[:10]
        on = date.fromisoformat(day)
        for person in people(sample):
            born = date(int(person["id_no"][6:10]), int(person["id_no"][10:12]), int(person["id_no"][12:14]))
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            assert int(person["age"]) == age, (kind.name, person)
            assert person.get("gender") in (None, "", "男" if int(person["id_no"][16]) % 2 else "女"), (kind.name, person)
            checked += 1
    assert checked
