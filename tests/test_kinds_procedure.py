"""The procedure documents of kinds2: samples, their kind-specific rules and what the paper shows."""

import pytest
from docx import Document

from templates.kinds import get_kind
from templates.render import RenderRefused, render_document
from validators.context import CheckContext
from validators.engine import validate

KINDS = ["rectification_order", "penalty_notice", "hearing_notice", "hearing_meeting_notice", "delivery_receipt", "statement_record",
         "hearing_record", "survey_record", "sampling_receipt", "evidence_preservation_notice", "seizure_decision"]
RECORDS = {"statement_record": "陈述申辩人", "hearing_record": "听证参加人", "survey_record": "当事人或其代表"}
CLOSING = "以上笔录我看过（或向我宣读过），与我说的相符。"


def check(kind_name, answers):
    kind = get_kind(kind_name)
    return validate(kind.schema, answers, CheckContext(kind=kind.name))


def codes(findings, severity=None):
    return {f["code"] for f in findings if severity is None or f["severity"] == severity}


def text_of(path):
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def footer_text(path):
    return "\n".join(p.text for p in Document(path).sections[0].footer.paragraphs)


@pytest.mark.parametrize("name", KINDS)
def test_sample_is_valid_and_renders_with_its_title_and_number(name, tmp_path):
    kind = get_kind(name)
    answers = kind.sample()
    assert [f for f in check(name, answers) if f["severity"] == "error"] == []
    out = tmp_path / f"{name}.docx"
    render_document(kind, answers, out)
    text = text_of(out)
    assert kind.title in text and (answers["number"] in text if kind.code else "number" not in answers)  # 笔录 without 文号
    assert not kind.code or kind.code in answers["number"]


@pytest.mark.parametrize("name", KINDS)
def test_every_field_has_a_chinese_title_and_every_step_field_exists(name):
    kind = get_kind(name)
    props = kind.schema["properties"]
    for key, sub in props.items():
        assert sub.get("title"), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in sub["title"]), key
    placed = [f for step in kind.steps for f in step["fields"]]
    assert set(placed) <= set(props)
    assert set(props) <= set(placed), "every field belongs to a wizard step"


@pytest.mark.parametrize("name, signer", RECORDS.items())
def test_records_carry_closing_formula_and_signer_line_on_every_page(name, signer, tmp_path):
    kind = get_kind(name)
    assert kind.record and "elements" in kind.meta["rules"]
    out = tmp_path / "r.docx"
    render_document(kind, kind.sample(), out)
    if name == "survey_record":  # the 2016 式样 勘验笔录 closes with its own note, not the 询问笔录's formula
        assert CLOSING not in text_of(out) and "需绘制勘验图的，可另附页" in text_of(out)
    else:
        assert CLOSING in text_of(out)
    footer = footer_text(out)
    assert f"{signer}（签名）" in footer and "第" in footer and "共" in footer
    xml = Document(out).sections[0].footer._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml


@pytest.mark.parametrize("name", [*RECORDS, "sampling_receipt"])
@pytest.mark.parametrize("element", ["time", "place", "officers", "object", "content", "process"])
def test_records_require_the_six_elements(name, element):
    answers = get_kind(name).sample()
    answers.pop(element)
    assert any(f["severity"] == "error" and f["path"] == "/" + element for f in check(name, answers))


# --- hearing right in the 行政处罚告知书 (行政处罚法 第六十三条) ---------------------------------------

def notice_with(party_type, penalties, hearing_right=False):
    answers = get_kind("penalty_notice").sample()
    if party_type == "person":
        answers["object"] = {"type": "person", "name": "赵某", "id_no": "11010519491231002X", "gender": "男",
                            "address": "神池县龙泉镇某村", "phone": "13900000000"}
    answers["penalties"] = penalties
    answers["hearing_right"] = hearing_right
    return answers


@pytest.mark.parametrize("party_type, at, below", [
    ("organization", 30000, "29999.99"),
    ("person", 10000, "9999.99"),
])
def test_hearing_right_is_required_at_the_threshold_and_not_just_below(party_type, at, below):
    fine_at = [{"kind": "fine", "amount": at, "description": "罚款"}]
    found = check("penalty_notice", notice_with(party_type, fine_at))
    assert "hearing.right_missing" in codes(found, "error")
    assert next(f for f in found if f["code"] == "hearing.right_missing")["path"] == "/hearing_right"
    assert "hearing.right_missing" not in codes(check("penalty_notice", notice_with(party_type, fine_at, True)))
    fine_below = [{"kind": "fine", "amount": below, "description": "罚款"}]
    assert "hearing.right_missing" not in codes(check("penalty_notice", notice_with(party_type, fine_below)))


def test_fines_are_added_up_and_closing_kinds_always_need_a_hearing():
    two = [{"kind": "fine", "amount": 20000, "description": "罚款"}, {"kind": "fine", "amount": "10000", "description": "罚款"}]
    assert "hearing.right_missing" in codes(check("penalty_notice", notice_with("organization", two)))
    for kind in ("suspend_production", "revoke_license", "close", "restrict_practice"):
        p = [{"kind": kind, "description": "责令停产停业整顿一个月"}]
        assert "hearing.right_missing" in codes(check("penalty_notice", notice_with("organization", p))), kind
    warn = [{"kind": "warning", "description": "警告"}]
    assert "hearing.right_missing" not in codes(check("penalty_notice", notice_with("organization", warn)))


def test_the_rule_set_in_the_settings_decides_the_threshold(monkeypatch):
    from validators import rulebook

    answers = notice_with("person", [{"kind": "fine", "amount": 15000, "description": "罚款"}])
    kind = get_kind("penalty_notice")
    strict = rulebook.MajorDecisionRuleSet("strict", "测试", "测试", {"person": 1, "organization": 1},
                                           {"person": rulebook.Decimal("20000"), "organization": rulebook.Decimal("50000")})
    monkeypatch.setitem(rulebook.MAJOR_DECISION_RULE_SETS, "strict", strict)
    ctx = CheckContext(kind=kind.name, settings={"rule_set": "strict"})
    assert "hearing.right_missing" not in codes(validate(kind.schema, answers, ctx))
    assert "hearing.right_missing" in codes(validate(kind.schema, answers, CheckContext(kind=kind.name)))


def test_notice_prints_the_rights_verbatim_and_the_hearing_sentence_only_when_offered(tmp_path):
    kind = get_kind("penalty_notice")
    hearing = "你单位有要求举行听证的权利，可在收到本告知书之日起五日内向本机关提出。"
    out = tmp_path / "with.docx"
    render_document(kind, kind.sample(), out)
    text = text_of(out)
    assert "你单位有权进行陈述和申辩。" in text and hearing in text and "视为放弃上述权利" in text
    assert "人民币叁万伍仟元整" in text and "神池县龙泉镇新华街8号" in text and "0350-4721234" in text
    small = notice_with("organization", [{"kind": "fine", "amount": 5000, "description": "罚款"}])
    out2 = tmp_path / "without.docx"
    render_document(kind, small, out2)
    text2 = text_of(out2)
    assert "你单位有权进行陈述和申辩。" in text2 and hearing not in text2 and "听证" not in text2


def test_notice_with_missing_hearing_right_is_not_rendered(tmp_path):
    kind = get_kind("penalty_notice")
    answers = kind.sample()
    answers["hearing_right"] = False
    with pytest.raises(RenderRefused) as exc:
        render_document(kind, answers, tmp_path / "x.docx")
    assert "hearing.right_missing" in codes(exc.value.findings)
    assert not (tmp_path / "x.docx").exists()


# --- 听证会通知书: at least 7 working days before the hearing (行政处罚法 第六十四条、第八十五条) -------------

@pytest.mark.parametrize("hearing_time, late", [
    ("2026-12-01T09:00", True),   # 6 working days after Monday 2026-11-23
    ("2026-12-02T09:00", False),  # the 7th working day
    ("2026-11-30T09:00", True),   # 7 calendar days, only 5 working days
])
def test_hearing_notice_period_counts_working_days(hearing_time, late):
    answers = get_kind("hearing_meeting_notice").sample()
    answers["date"], answers["hearing_time"] = "2026-11-23", hearing_time
    assert ("hearing.notice_too_late" in codes(check("hearing_meeting_notice", answers), "error")) is late


def test_hearing_notice_period_skips_the_national_day_holiday():
    from datetime import date

    from validators.notices import earliest_hearing_day

    earliest, uncovered = earliest_hearing_day(date(2026, 9, 29))
    assert uncovered is None and earliest > date(2026, 10, 8)


def test_hearing_notice_in_a_year_without_holiday_schedule_warns_and_counts_calendar_days():
    answers = get_kind("hearing_meeting_notice").sample()
    answers["date"], answers["hearing_time"] = "2031-03-03", "2031-03-07T09:00"
    found = check("hearing_meeting_notice", answers)
    assert "hearing.calendar_not_covered" in codes(found, "warning")
    assert "hearing.notice_too_late" in codes(found, "error")
    answers["hearing_time"] = "2031-03-10T09:00"
    assert "hearing.notice_too_late" not in codes(check("hearing_meeting_notice", answers))


# --- video references ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["hearing_record", "survey_record", "sampling_receipt", "evidence_preservation_notice",
                                  "seizure_decision"])
def test_acts_that_require_video_warn_when_the_reference_is_missing(name, tmp_path):
    kind = get_kind(name)
    assert kind.meta.get("video_required") and "video_record" in kind.meta["rules"]
    answers = kind.sample()
    assert "video.missing" not in codes(check(name, answers))
    del answers["video"]
    found = check(name, answers)
    assert "video.missing" in codes(found, "warning")
    assert "error" not in {f["severity"] for f in found}
    render_document(kind, answers, tmp_path / "no-video.docx")  # a warning never blocks the document


def test_video_reference_is_printed_on_the_record(tmp_path):
    kind = get_kind("hearing_record")
    out = tmp_path / "h.docx"
    render_document(kind, kind.sample(), out)
    assert "音像记录：执法记录仪 ZFJLY-014，文件编号" in text_of(out)


# --- 责令限期整改指令书 -------------------------------------------------------------------------------

def test_rectification_order_prints_each_deadline_and_the_remedies(tmp_path):
    kind = get_kind("rectification_order")
    out = tmp_path / "r.docx"
    render_document(kind, kind.sample(), out)
    text = text_of(out)
    assert "2026年10月27日前" in text and "2026年10月21日前" in text
    assert "六十日内" in text and "六个月内" in text and "不停止执行" in text and "三个月" not in text


def test_rectification_deadline_before_the_order_date_is_an_error():
    answers = get_kind("rectification_order").sample()
    answers["items"][1]["deadline"] = "2026-10-19"
    found = check("rectification_order", answers)
    assert {(f["code"], f["path"]) for f in found} >= {("rectification.deadline_past", "/items/1/deadline")}
    answers["items"][1].pop("deadline")
    assert "field.missing" in codes(check("rectification_order", answers), "error")


def test_seizure_period_over_thirty_days_is_refused():
    answers = get_kind("seizure_decision").sample()
    answers["period_days"] = 31
    assert "field.range" in codes(check("seizure_decision", answers), "error")


def test_seizure_period_limit_is_the_rulebook_value():
    from validators.rulebook import SEIZURE_MAX_DAYS

    assert get_kind("seizure_decision").schema["properties"]["period_days"]["maximum"] == SEIZURE_MAX_DAYS


def test_optional_lines_disappear_when_not_answered(tmp_path):
    kind = get_kind("survey_record")
    answers = kind.sample()
    answers.pop("attachments")
    out = tmp_path / "s.docx"
    render_document(kind, answers, out)
    paragraphs = [p.text for p in Document(out).paragraphs]
    assert not any(t.startswith(("被邀请人：", "附件：")) for t in paragraphs)
    assert not any("{%" in t or "{{" in t for t in paragraphs)


@pytest.mark.parametrize("name", ["rectification_order", "penalty_notice", "hearing_notice", "seizure_decision",
                                  "evidence_preservation_notice"])
def test_notices_need_the_party_name_and_each_officers_certificate(name):
    answers = get_kind(name).sample()
    answers["object"]["name"] = " "
    found = {(f["code"], f["path"]) for f in check(name, answers) if f["severity"] == "error"}
    # the 查封扣押决定书 says it with its article (行政强制法 第二十四条)
    assert ("field.missing", "/object/name") in found or ("seizure.missing", "/object/name") in found
    if name != "penalty_notice" and name != "hearing_notice":
        answers = get_kind(name).sample()
        answers["officers"][1]["cert_no"] = ""
        found = {(f["code"], f["path"]) for f in check(name, answers) if f["severity"] == "error"}
        assert ("field.missing", "/officers/1/cert_no") in found
        answers["officers"] = answers["officers"][:1]
        assert "field.too_few" in codes(check(name, answers), "error")


@pytest.mark.parametrize("name", ["survey_record", "evidence_preservation_notice", "statement_record"])
def test_a_person_party_prints_id_number_instead_of_credit_code(name, tmp_path):
    kind = get_kind(name)
    answers = kind.sample()
    key = "object"
    answers[key] = {"type": "person", "name": "赵某", "id_no": "11010519491231002X", "gender": "男",
                    "address": "神池县龙泉镇某村", "phone": "13900000000"}
    out = tmp_path / "p.docx"
    render_document(kind, answers, out)
    text = text_of(out)
    assert "居民身份证号码：11010519491231002X" in text and "统一社会信用代码" not in text


@pytest.mark.parametrize("name", [*RECORDS, "sampling_receipt"])
def test_record_process_must_say_certificates_were_shown_and_rights_told(name):
    answers = get_kind(name).sample()
    assert not codes(check(name, answers)) & {"process.certificates_not_shown", "process.rights_not_told"}
    answers["process"] = "现场进行了工作。"
    assert {"process.certificates_not_shown", "process.rights_not_told"} <= codes(check(name, answers), "warning")
