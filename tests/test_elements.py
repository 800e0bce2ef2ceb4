"""The six required elements of a record (DOMAIN.md §3), checked through the engine on the sample
现场检查记录, mutated one way at a time."""

from __future__ import annotations

import copy
from datetime import date, datetime

import pytest

from templates.kinds import get_kind
from validators import elements as elements_module
from validators import rulebook
from validators.context import Certificate, CheckContext
from validators.engine import validate
from validators.identity import id_check_char, uscc_check_char

KIND = get_kind("inspection_record")
NOW = datetime(2026, 11, 23, 12, 0)
ELEMENT_NAMES = {"time": "时间", "place": "地点", "officers": "执法人员", "object": "执法对象",
                 "content": "执法内容", "process": "执法过程"}


def sample() -> dict:
    return KIND.sample()


def check(answers: dict, **ctx) -> list[dict]:
    ctx.setdefault("now", NOW)
    return validate(KIND.schema, answers, CheckContext(kind="inspection_record", **ctx))


def at(findings, path, severity=None):
    return [f["code"] for f in findings if f["path"] == path and (severity is None or f["severity"] == severity)]


def errors(findings):
    return [f for f in findings if f["severity"] == "error"]


def test_the_sample_has_no_findings():
    assert check(sample()) == []


# --- missing elements ---------------------------------------------------------------------------------

BLANKS = {"absent": ..., "null": None, "empty": "", "spaces": "   ", "full-width space": "\u3000\u3000",
          "zero-width": "\u200b", "tab and newline": "\t\n"}


@pytest.mark.parametrize("key", list(ELEMENT_NAMES))
@pytest.mark.parametrize("how", list(BLANKS))
def test_each_blank_element_is_one_error_at_its_path_naming_it(key, how):
    answers = sample()
    if BLANKS[how] is ...:
        del answers[key]
    else:
        answers[key] = BLANKS[how]
    found = check(answers)
    mine = [f for f in found if f["path"] == f"/{key}"]
    assert [f["code"] for f in mine] == ["elements.missing"], found
    assert mine[0]["severity"] == "error"
    assert ELEMENT_NAMES[key] in mine[0]["message"]
    assert "请" in mine[0]["message"]


@pytest.mark.parametrize(("key", "empty"), [("time", {}), ("object", {}), ("officers", [])])
def test_empty_containers_are_missing(key, empty):
    answers = sample()
    answers[key] = empty
    assert "elements.missing" in at(check(answers), f"/{key}", "error")


def test_object_with_only_blank_values_is_missing():
    answers = sample()
    answers["object"] = {"type": "", "name": " ", "uscc": ""}
    assert at(check(answers), "/object") == ["elements.missing"]


# --- 时间 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["start", "end"])
@pytest.mark.parametrize("blank", [..., None, "", "\u3000"])
def test_missing_start_or_end(key, blank):
    answers = sample()
    if blank is ...:
        del answers["time"][key]
    else:
        answers["time"][key] = blank
    found = check(answers)
    assert at(found, f"/time/{key}", "error") == ["elements.missing"]
    assert not [f for f in errors(found) if f["path"] not in (f"/time/{key}",)]


def test_both_times_blank_flags_the_element_and_both_parts():
    answers = sample()
    answers["time"] = {"start": "", "end": ""}
    found = check(answers)
    assert at(found, "/time") == ["elements.missing"]
    assert at(found, "/time/start") == ["elements.missing"]
    assert at(found, "/time/end") == ["elements.missing"]


@pytest.mark.parametrize("value", ["2026-11-20", "2026/11/20 09:30", "2026-11-20T9:30", "20261120T0930",
                                   "2026-11-20T09:30+08:00", "2026-11-20T09:30Z", "2026-02-30T09:30",
                                   "2026-11-20T24:00", "上午九点半", "2026-11-20T09:30:15"])
def test_start_not_a_local_datetime_to_the_minute_is_a_format_error(value):
    answers = sample()
    answers["time"]["start"] = value
    found = check(answers)
    assert at(found, "/time/start", "error") == ["time.format"]


def test_seconds_get_a_message_about_the_minute():
    answers = sample()
    answers["time"]["end"] = "2026-11-20T11:00:30"
    msg = [f["message"] for f in check(answers) if f["path"] == "/time/end"][0]
    assert "分钟" in msg


def test_whole_minutes_written_with_zero_seconds_are_accepted():
    # what scripts write for a minute (datetime.isoformat()): still a local date-time to the minute
    answers = sample()
    answers["time"] = {"start": "2026-11-20T09:30:00", "end": "2026-11-20 11:00:00"}
    assert check(answers) == []


def test_space_instead_of_t_is_accepted():
    answers = sample()
    answers["time"] = {"start": "2026-11-20 09:30", "end": "2026-11-20 11:00"}
    assert check(answers) == []


@pytest.mark.parametrize("end", ["2026-11-20T09:30", "2026-11-20T09:29", "2026-11-19T11:00"])
def test_end_not_after_start_is_an_order_error_at_end(end):
    answers = sample()
    answers["time"]["end"] = end
    found = check(answers)
    assert at(found, "/time/end", "error") == ["time.order"]
    assert at(found, "/time/start") == []


def test_end_one_minute_after_start_is_fine():
    answers = sample()
    answers["time"]["end"] = "2026-11-20T09:31"
    assert check(answers) == []


def test_times_after_now_are_errors():
    answers = sample()
    answers["time"] = {"start": "2026-11-23T11:00", "end": "2026-11-23T12:01"}
    found = check(answers)
    assert at(found, "/time/end", "error") == ["time.future"]
    assert at(found, "/time/start") == []
    answers["time"] = {"start": "2026-11-23T12:01", "end": "2026-11-23T13:00"}
    found = check(answers)
    assert at(found, "/time/start", "error") == ["time.future"]
    assert at(found, "/time/end", "error") == ["time.future"]


def test_ending_exactly_now_is_fine_and_an_aware_now_is_understood():
    answers = sample()
    answers["time"] = {"start": "2026-11-23T11:00", "end": "2026-11-23T12:00"}
    assert check(answers) == []
    aware = datetime.now().astimezone().replace(year=2030)
    assert check(answers, now=aware) == []


def test_a_record_longer_than_the_rulebook_limit_warns():
    hours = rulebook.RECORD_LONG_HOURS
    answers = sample()
    answers["time"] = {"start": "2026-11-20T09:30", "end": "2026-11-21T09:30"}
    assert hours == 24 and check(answers) == []  # exactly 24 h is not longer than 24 h
    answers["time"]["end"] = "2026-11-21T09:31"
    found = check(answers)
    assert at(found, "/time/end") == ["time.too_long"]
    assert not errors(found)


def test_time_of_wrong_type_is_one_type_error():
    answers = sample()
    answers["time"] = "2026-11-20T09:30"
    found = check(answers)
    assert at(found, "/time") == ["field.type"]
    answers = sample()
    answers["time"]["start"] = 202611200930
    assert at(check(answers), "/time/start") == ["field.type"]


# --- 地点 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("place", ["神池县", "山西省忻州市神池县", "山西省 忻州市 神池县", "神池县龙泉镇",
                                   "北京市朝阳区", "内蒙古自治区鄂尔多斯市准格尔旗", "忻州市"])
def test_a_bare_region_is_a_vague_place_warning(place):
    answers = sample()
    answers["place"] = place
    found = check(answers)
    assert at(found, "/place") == ["place.vague"]
    assert not errors(found)


@pytest.mark.parametrize("place", ["神池县某煤业有限公司井下12采区", "神池县某煤业有限公司", "神池县龙泉镇东湖村村委会",
                                   "某煤矿主井口", "现场", "山西省忻州市神池县龙泉镇工业园区1号", "神池县井下采区"])
def test_specific_places_are_fine(place):
    answers = sample()
    answers["place"] = place
    assert check(answers) == []


# --- 执法人员 -----------------------------------------------------------------------------------------


def test_one_officer_is_too_few():
    answers = sample()
    answers["officers"] = answers["officers"][:1]
    found = check(answers)
    assert at(found, "/officers", "error") == ["officers.too_few"]
    assert str(rulebook.MIN_OFFICERS) in [f for f in found if f["path"] == "/officers"][0]["message"]


def test_empty_list_is_missing_and_too_few():
    answers = sample()
    answers["officers"] = []
    assert set(at(check(answers), "/officers", "error")) == {"elements.missing", "officers.too_few"}


def test_three_officers_are_fine():
    answers = sample()
    answers["officers"].append({"name": "王五", "cert_no": "14090012347"})
    assert check(answers) == []


@pytest.mark.parametrize("blank", [..., None, "", "  ", "\u3000"])
def test_officer_without_name(blank):
    answers = sample()
    if blank is ...:
        del answers["officers"][1]["name"]
    else:
        answers["officers"][1]["name"] = blank
    found = check(answers)
    assert at(found, "/officers/1/name", "error") == ["officers.name_missing"]
    assert at(found, "/officers") == []


@pytest.mark.parametrize("blank", [..., None, "", "  ", "\u3000"])
def test_officer_without_certificate_number(blank):
    answers = sample()
    if blank is ...:
        del answers["officers"][0]["cert_no"]
    else:
        answers["officers"][0]["cert_no"] = blank
    found = check(answers)
    assert at(found, "/officers/0/cert_no", "error") == ["officers.cert_missing"]


def test_an_entirely_empty_officer_does_not_count():
    answers = sample()
    answers["officers"][1] = {}
    found = check(answers)
    assert at(found, "/officers/1/name") == ["officers.name_missing"]
    assert at(found, "/officers/1/cert_no") == ["officers.cert_missing"]
    assert at(found, "/officers") == ["officers.too_few"]


def test_duplicate_certificate_is_reported_at_the_later_officer():
    answers = sample()
    answers["officers"].append({"name": "王五", "cert_no": " 14090012345 "})
    found = check(answers)
    assert at(found, "/officers/2", "error") == ["officers.duplicate"]
    assert at(found, "/officers/0") == [] and at(found, "/officers/1") == []
    assert "第1名" in [f for f in found if f["path"] == "/officers/2"][0]["message"]


def test_duplicate_name_is_reported_at_the_later_officer():
    answers = sample()
    answers["officers"][1]["name"] = "张三"
    assert at(check(answers), "/officers/1", "error") == ["officers.duplicate"]


def test_officers_of_wrong_type_give_only_the_type_error():
    for value in ("张三、李四", 2, {"name": "张三"}, True):
        answers = sample()
        answers["officers"] = value
        found = check(answers)
        assert at(found, "/officers") == ["field.type"], value
        assert not [f for f in found if f["code"] == "internal.rule_failed"]
    answers = sample()
    answers["officers"] = ["张三", "李四"]
    found = check(answers)
    assert at(found, "/officers/0") == ["field.type"]
    assert "officers.too_few" in at(found, "/officers")


ROSTER = {
    "14090012345": Certificate("张三", "14090012345", "神池县应急管理局", date(2027, 12, 31)),
    "14090012346": Certificate("李四", "14090012346", "神池县应急管理局", None),
}


def test_roster_with_valid_certificates_is_fine():
    assert check(sample(), roster=ROSTER) == []


def test_certificate_not_in_roster_warns():
    answers = sample()
    answers["officers"][1]["cert_no"] = "14090099999"
    found = check(answers, roster=ROSTER)
    assert at(found, "/officers/1/cert_no", "warning") == ["officers.not_in_roster"]
    assert not errors(found)


def test_without_roster_certificates_are_not_judged():
    answers = sample()
    answers["officers"][1]["cert_no"] = "14090099999"
    assert check(answers) == []


def test_certificate_expired_on_the_record_date_is_an_error():
    roster = dict(ROSTER)
    roster["14090012345"] = Certificate("张三", "14090012345", valid_until=date(2026, 11, 19))
    found = check(sample(), roster=roster)  # record on 2026-11-20
    assert at(found, "/officers/0/cert_no", "error") == ["officers.cert_expired"]
    roster["14090012345"] = Certificate("张三", "14090012345", valid_until=date(2026, 11, 20))
    assert check(sample(), roster=roster) == []  # valid through the record's day


def test_record_date_falls_back_to_today_when_start_is_unreadable():
    roster = dict(ROSTER)
    roster["14090012345"] = Certificate("张三", "14090012345", valid_until=date(2026, 11, 21))
    answers = sample()
    answers["time"]["start"] = "不详"
    found = check(answers, roster=roster)  # today 2026-11-23: expired
    assert at(found, "/officers/0/cert_no", "error") == ["officers.cert_expired"]


def test_name_differing_from_roster_warns():
    answers = sample()
    answers["officers"][1]["name"] = "李斯"
    found = check(answers, roster=ROSTER)
    assert at(found, "/officers/1/name", "warning") == ["officers.name_mismatch"]
    assert not errors(found)


# --- 执法对象 -----------------------------------------------------------------------------------------


def person(**changes) -> dict:
    first17 = "14092819900101123"
    obj = {"type": "person", "name": "王五", "id_no": first17 + id_check_char(first17), "gender": "男",
           "address": "山西省忻州市神池县龙泉镇东湖村5号", "phone": "13800000000"}
    obj.update(changes)
    return obj


def test_a_complete_person_is_fine():
    answers = sample()
    answers["object"] = person()
    assert check(answers) == []


@pytest.mark.parametrize(("key", "code", "severity"), [
    ("name", "object.name_missing", "error"),
    ("uscc", "object.uscc_missing", "error"),
    ("legal_rep", "object.legal_rep_missing", "error"),
    ("title", "object.title_missing", "warning"),
    ("address", "object.address_missing", "warning"),
    ("phone", "object.phone_missing", "warning"),
])
@pytest.mark.parametrize("blank", [..., None, "", "\u3000"])
def test_organisation_identity(key, code, severity, blank):
    answers = sample()
    if blank is ...:
        del answers["object"][key]
    else:
        answers["object"][key] = blank
    found = check(answers)
    assert at(found, f"/object/{key}") == [code]
    assert [f["severity"] for f in found if f["path"] == f"/object/{key}"] == [severity]


@pytest.mark.parametrize(("key", "code", "severity"), [
    ("name", "object.name_missing", "error"),
    ("id_no", "object.id_no_missing", "error"),
    ("address", "object.address_missing", "warning"),
    ("phone", "object.phone_missing", "warning"),
])
def test_person_identity(key, code, severity):
    answers = sample()
    answers["object"] = person()
    del answers["object"][key]
    found = check(answers)
    assert at(found, f"/object/{key}", severity) == [code]


def test_person_gender_may_be_left_out_but_not_contradict_the_id_number():
    answers = sample()
    answers["object"] = person()
    del answers["object"]["gender"]
    assert check(answers) == []
    answers["object"] = person(gender="女")  # 17th digit 3: male
    found = check(answers)
    assert at(found, "/object/gender", "warning") == ["object.gender_mismatch"]


@pytest.mark.parametrize("blank", [..., None, "", " "])
def test_object_type_missing(blank):
    answers = sample()
    if blank is ...:
        del answers["object"]["type"]
    else:
        answers["object"]["type"] = blank
    found = check(answers)
    assert at(found, "/object/type", "error") == ["object.type_missing"]


def test_object_type_invalid_is_one_choice_error():
    answers = sample()
    answers["object"]["type"] = "company"
    found = check(answers)
    assert at(found, "/object/type") == ["field.choice"]
    message = next(f["message"] for f in found if f["path"] == "/object/type")
    assert "单位" in message and "个人" in message and "organization" not in message  # the names the form shows


def test_without_type_the_filled_identity_still_decides_what_is_required():
    answers = sample()
    del answers["object"]["type"]
    del answers["object"]["legal_rep"]
    assert "object.legal_rep_missing" in at(check(answers), "/object/legal_rep")


@pytest.mark.parametrize(("key", "value", "code"), [
    ("uscc", "91110000600037341M", "uscc.check_digit"),
    ("uscc", "91110000600037341l", "uscc.lowercase"),
    ("uscc", "9111000060003734IL", "uscc.chars"),
    ("uscc", "911100006000373", "uscc.length"),
    ("phone", "1380000000", "phone.format"),
    ("phone", "1234567", "phone.format"),
])
def test_organisation_code_formats_are_reported_once_at_their_path(key, value, code):
    answers = sample()
    answers["object"][key] = value
    found = check(answers)
    assert at(found, f"/object/{key}", "error") == [code]
    assert len(errors(found)) == 1


@pytest.mark.parametrize(("value", "code"), [
    ("140928199001011230", "id_no.check_digit"),
    ("140928900101123", "id_no.length"),
    ("14092819900231123" + id_check_char("14092819900231123"), "id_no.birth_date"),
    ("1409281990010112Y3", "id_no.chars"),
])
def test_person_id_formats_are_reported_once_at_their_path(value, code):
    answers = sample()
    answers["object"] = person(id_no=value, gender="")
    found = check(answers)
    assert at(found, "/object/id_no", "error") == [code]
    assert len(errors(found)) == 1


def test_valid_generated_uscc_passes_end_to_end():
    first17 = "N2140928MA0K1234"
    first17 = first17 + "5"
    answers = sample()
    answers["object"]["uscc"] = first17 + uscc_check_char(first17)
    assert check(answers) == []


# --- 内容、过程, control characters, process mentions ---------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x0b", "\x0c", "\x7f", "\x85", "\ud800", "\uffff"])
def test_control_characters_in_any_text_are_errors_at_that_path(char):
    answers = sample()
    answers["process"] = f"检查发现{char}问题"
    answers["officers"][1]["name"] = f"李{char}四"
    found = check(answers)
    assert at(found, "/process", "error") == ["text.control_chars"]
    assert at(found, "/officers/1/name", "error") == ["text.control_chars"]
    assert "控制字符" in [f for f in found if f["path"] == "/process"][0]["message"]


def test_control_characters_in_fields_unknown_to_the_schema_are_found_too():
    answers = sample()
    answers["extra"] = {"notes": ["ok", "bad\x01"]}
    assert at(check(answers), "/extra/notes/1") == ["text.control_chars"]


def test_line_breaks_and_tabs_are_ordinary_text():
    answers = sample()
    answers["process"] = "第一行\n第二行\r\n\t第三行"
    assert check(answers) == []


def test_process_mentions_are_asked_by_the_kind():
    answers = sample()
    answers["process"] = "检查发现12采区局部通风机未实现“三专两闭锁”。"
    assert check(answers) == []  # the kind does not ask: nothing

    meta = {**KIND.meta, "process_must_mention": ["出示证件", "告知权利", "未知项"]}  # the kind's x-wenshu block
    found = check(answers, meta=meta)
    assert set(at(found, "/process", "warning")) == {"process.certificates_not_shown", "process.rights_not_told"}
    answers["process"] = "执法人员出示执法证件，告知其享有陈述、申辩的权利。" + answers["process"]
    assert check(answers, meta=meta) == []


def test_rule_on_non_object_answers_and_none_context_does_not_fail():
    assert elements_module.check_elements([], None) == []
    found = elements_module.check_elements({}, None)
    assert {f["path"] for f in found} == {"/time", "/place", "/officers", "/object", "/content", "/process"}


def test_engine_does_not_crash_or_report_internal_failures_on_odd_shapes():
    answers = sample()
    answers.update(time={"start": None, "end": []}, officers=[None, 3, {"name": 5, "cert_no": []}],
                   object={"type": 7, "name": None, "id_no": 1, "uscc": {}}, place=["x"], content=0)
    found = check(answers, roster=ROSTER)
    assert not [f for f in found if f["code"] == "internal.rule_failed"]
    assert errors(found)


def test_mutating_the_sample_does_not_change_the_kinds_sample():
    a = sample()
    a["place"] = ""
    assert copy.deepcopy(sample())["place"]


def test_a_duplicated_officer_does_not_count_towards_the_minimum():
    answers = sample()
    answers["officers"][1] = dict(answers["officers"][0])
    found = check(answers)
    assert at(found, "/officers/1", "error") == ["officers.duplicate"]
    assert at(found, "/officers", "error") == ["officers.too_few"]


def test_namesakes_confirmed_by_the_roster_only_warn():
    roster = dict(ROSTER)
    roster["14090012346"] = Certificate("张三", "14090012346")
    answers = sample()
    answers["officers"][1]["name"] = "张三"
    found = check(answers, roster=roster)
    assert at(found, "/officers/1", "warning") == ["officers.same_name"]
    assert not errors(found)
    assert at(check(answers), "/officers/1", "error") == ["officers.duplicate"]  # no roster: an error


def test_schema_required_element_gets_the_elements_message_only():
    schema = copy.deepcopy(KIND.schema)
    schema["required"] = ["place", "officers"]
    answers = sample()
    del answers["place"]
    answers["officers"] = None
    found = validate(schema, answers, CheckContext(now=NOW))
    assert at(found, "/place") == ["elements.missing"]
    assert at(found, "/officers") == ["elements.missing"]
