"""What a case knows fills each new document, for any kind, and printed documents that fell behind are named."""

from templates.kinds import get_kind
from wenshu.prefill import learn, memory_of, prefill, stale_fields

PARTY = {"type": "organization", "name": "某煤业有限公司", "uscc": "91110000600037341L"}
OFFICERS = [{"name": "张三", "cert_no": "1"}, {"name": "李四", "cert_no": "2"}]


def test_inspection_record_gets_party_officers_place_and_agency_but_not_a_number():
    case = {"party": PARTY, "facts": {"officers": OFFICERS, "place": "井下12采区", "case_number": "X"}}
    answers = prefill(get_kind("inspection_record").schema, memory_of(case), {"agency": "神池县应急管理局"})
    assert answers == {"object": PARTY, "officers": OFFICERS, "place": "井下12采区", "agency": "神池县应急管理局"}


def test_matching_is_by_widget_and_name_not_by_kind():
    schema = {"properties": {
        "respondent": {"type": "object", "x-widget": "party"},
        "team": {"type": "array", "x-widget": "officers"},
        "case_number": {"type": "string"},
        "facts": {"type": "string"},
        "number": {"type": "string"},
        "remarks": {"type": "string"},
    }}
    memory = {"party": PARTY, "officers": OFFICERS, "case_number": "（晋忻神）应急立〔2026〕8号", "facts": "未佩戴自救器",
              "number": "不该带入"}
    answers = prefill(schema, memory)
    assert answers == {"respondent": PARTY, "team": OFFICERS, "case_number": "（晋忻神）应急立〔2026〕8号",
                       "facts": "未佩戴自救器"}


def test_schema_defaults_start_a_new_document():
    schema = {"properties": {"method": {"type": "string", "default": "直接送达"}, "place": {"type": "string"}}}
    assert prefill(schema, {"place": "现场"}) == {"method": "直接送达", "place": "现场"}


def test_typed_facts_are_learned_and_blank_ones_forget_nothing():
    schema = get_kind("inspection_record").schema
    memory = {"place": "旧地点", "party": PARTY}
    learned = learn(schema, {"place": "新地点", "object": {"type": "organization", "name": ""}, "number": "5号"}, memory)
    assert learned == {"place": "新地点", "party": PARTY}


def test_a_printed_document_is_stale_when_a_shared_fact_changed():
    schema = get_kind("inspection_record").schema
    printed = {"object": PARTY, "officers": OFFICERS, "place": "井下12采区"}
    assert stale_fields(schema, printed, {"party": dict(PARTY, uscc=PARTY["uscc"], phone=""),
                                          "officers": OFFICERS}) == []
    changed = {"party": dict(PARTY, name="某煤业有限责任公司"), "officers": OFFICERS, "place": "井下12采区"}
    assert stale_fields(schema, printed, changed) == ["被检查单位（人）"]


def test_case_context_carries_facts_recorded_by_documents():
    from wenshu.prefill import case_context

    case = {"party": PARTY, "facts": {"place": "现场"}}
    docs = [{"kind": "legal_review_opinion", "answers": {"conclusion": "同意", "number": "N", "date": "2026-12-01"}},
            {"kind": "custom", "answers": {"x": 1}}]
    from templates.kinds import get_kind

    kinds = {"legal_review_opinion": get_kind("legal_review_opinion").schema,  # declares case_fact as data
             "custom": {"x-wenshu": {"case_fact": "custom_fact"}}}
    ctx = case_context(case, docs, kinds)
    assert ctx["legal_review"]["conclusion"] == "同意" and ctx["legal_review"]["date"] == "2026-12-01"
    assert ctx["custom_fact"] == {"x": 1}
    assert ctx["party"] == PARTY and ctx["place"] == "现场"
    assert ctx["documents"]["custom"] == {"x": 1}


def test_the_opinion_saved_last_is_the_case_s_legal_review():
    from validators.major import review_passed
    from wenshu.prefill import case_context

    docs = [{"kind": "legal_review_opinion", "updated": "2026-12-03T10:00:00", "answers": {"conclusion": "同意"}},
            {"kind": "legal_review_opinion", "updated": "2026-12-01T10:00:00", "answers": {"conclusion": "纠正"}}]
    from templates.kinds import get_kind

    kinds = {"legal_review_opinion": get_kind("legal_review_opinion").schema}
    assert review_passed(case_context({}, docs, kinds)["legal_review"])
    docs[1]["updated"] = "2026-12-04T09:00:00"  # a later opinion asks for a correction
    assert not review_passed(case_context({}, docs, kinds)["legal_review"])
