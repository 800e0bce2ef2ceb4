"""身份证号 (GB 11643), 统一社会信用代码 (GB 32100), phone numbers and masking (DOMAIN.md §8)."""

from __future__ import annotations

import random
from datetime import date

import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from validators.context import CheckContext
from validators.identity import (
    USCC_CHARS,
    check_id_no,
    check_phone,
    check_uscc,
    id_check_char,
    id_no_findings,
    mask_address,
    mask_id_no,
    mask_phone,
    phone_findings,
    uscc_check_char,
    uscc_findings,
)
from validators.registry import FIELD_CHECKS

TODAY = date(2026, 11, 23)


def codes(findings, severity=None):
    return [f["code"] for f in findings if severity is None or f["severity"] == severity]


def make_id(area: str = "140928", born: str = "19900101", seq: str = "123") -> str:
    first17 = area + born + seq
    return first17 + id_check_char(first17)


def make_uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


# --- 身份证号 ------------------------------------------------------------------------------------------


def test_valid_id_numbers_have_no_findings_and_agree_with_stdnum_check_digit():
    rng = random.Random(11643)
    areas = ["110105", "120101", "140927", "140928", "310115", "320106", "440304", "510107", "650102", "710000"]
    for _ in range(300):
        area = rng.choice(areas)
        born = date.fromordinal(rng.randrange(date(1900, 1, 1).toordinal(), TODAY.toordinal()))
        id_no = make_id(area, born.strftime("%Y%m%d"), f"{rng.randrange(1000):03d}")
        assert id_no_findings(id_no, "/id", TODAY) == []
        assert stdnum_ric.calc_check_digit(id_no) == id_no[17]  # stdnum wants the full number


def test_known_real_format_example_with_x_check_character():
    id_no = make_id("110101", "19491001", "002")
    assert len(id_no) == 18
    # a number whose check character is X exists and is accepted
    for seq in range(1000):
        candidate = make_id("140928", "19900101", f"{seq:03d}")
        if candidate.endswith("X"):
            assert id_no_findings(candidate, "/id", TODAY) == []
            break
    else:
        pytest.fail("no X check character found")


def test_wrong_check_digit_names_the_expected_character():
    good = make_id()
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    found = id_no_findings(wrong, "/object/id_no", TODAY)
    assert codes(found) == ["id_no.check_digit"]
    assert found[0]["path"] == "/object/id_no"
    assert found[0]["severity"] == "error"
    assert f"“{good[17]}”" in found[0]["message"]
    assert not stdnum_ric.is_valid(wrong)


def test_lowercase_x_is_a_warning_giving_the_upper_case_form():
    # DOMAIN.md §8: "X allowed last"; a lower-case x has the right check character, so the number is
    # not rejected (nothing valid may be) — the user is asked to write the capital as the card prints it
    for seq in range(1000):
        good = make_id("140928", "19900101", f"{seq:03d}")
        if good.endswith("X"):
            break
    found = id_no_findings(good[:17] + "x", "/id", TODAY)
    assert codes(found, "warning") == ["id_no.lowercase_x"]
    assert codes(found, "error") == []
    assert good in found[0]["message"]


@pytest.mark.parametrize("value", ["14092819900101123", "1409281990010112345", "1", "14092819900101123X0"])
def test_id_wrong_length_is_an_error(value):
    assert codes(id_no_findings(value, "/id", TODAY)) == ["id_no.length"]


def test_fifteen_digit_old_number_asks_for_the_eighteen_digit_one():
    found = id_no_findings("140928900101123", "/id", TODAY)
    assert codes(found) == ["id_no.length"]
    assert "18位" in found[0]["message"] and "15位" in found[0]["message"]


@pytest.mark.parametrize("value", ["14092819900101123A", "1409281990010112X3", "14092819900１01123X",
                                   "140928 19900101123", "ABCDEFGHIJKLMNOPQR"])
def test_non_digit_characters_are_an_error(value):
    assert codes(id_no_findings(value, "/id", TODAY)) == ["id_no.chars"]


def test_full_width_digits_suggest_the_half_width_number():
    good = make_id()
    full = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in good)
    found = id_no_findings(full, "/id", TODAY)
    assert codes(found) == ["id_no.chars"]
    assert good in found[0]["message"]


@pytest.mark.parametrize("born", ["19900230", "19901301", "19900001", "18991231", "20261124", "30000101"])
def test_impossible_birth_dates_are_errors_even_with_a_right_check_digit(born):
    found = id_no_findings(make_id(born=born), "/id", TODAY)
    assert codes(found) == ["id_no.birth_date"]


def test_birth_date_today_and_on_first_of_1900_are_fine():
    assert id_no_findings(make_id(born="20261123"), "/id", TODAY) == []
    assert id_no_findings(make_id(born="19000101"), "/id", TODAY) == []


def test_field_check_judges_birth_date_against_the_drafting_date():
    id_no = make_id(born="20261201")
    ctx = CheckContext()
    ctx.now = ctx.now.replace(year=2026, month=11, day=23)
    assert codes(check_id_no(id_no, "/id", ctx)) == ["id_no.birth_date"]
    ctx.now = ctx.now.replace(year=2027, month=1, day=1)
    assert check_id_no(id_no, "/id", ctx) == []


def test_unknown_area_is_only_a_warning_where_stdnum_rejects():
    id_no = make_id(area="990101")
    found = id_no_findings(id_no, "/id", TODAY)
    assert codes(found, "error") == []
    assert codes(found, "warning") == ["id_no.area_unknown"]
    assert not stdnum_ric.is_valid(id_no)  # the reason stdnum is not used for the verdict


def test_abolished_county_codes_pass():
    # a card keeps its code for life: 110103 崇文区 and 110104 宣武区 were abolished in 2010
    for area in ("110103", "110104", "140928", "440304"):
        assert id_no_findings(make_id(area=area), "/id", TODAY) == []


@pytest.mark.parametrize("area", ["149999", "123456", "110199"])
def test_a_county_code_never_listed_is_only_a_warning(area):
    # DOMAIN.md §8: "Unknown area code is a warning" — the six-digit 地址码, not only its province
    found = id_no_findings(make_id(area=area), "/id", TODAY)
    assert codes(found, "error") == []
    assert codes(found, "warning") == ["id_no.area_unknown"]
    assert area in found[0]["message"]


def test_non_string_or_blank_values_are_left_to_other_checks():
    for value in (None, 12345, 1.5, [], {}, "", "   ", "\u3000"):
        assert id_no_findings(value, "/id", TODAY) == []


# --- 统一社会信用代码 --------------------------------------------------------------------------------------


def test_the_domain_example_code_is_valid_and_stdnum_agrees():
    assert uscc_findings("91110000600037341L", "/object/uscc") == []
    assert stdnum_uscc.is_valid("91110000600037341L")


def test_generated_codes_with_computed_check_char_pass_and_agree_with_stdnum_check():
    rng = random.Random(32100)
    for _ in range(300):
        first = rng.choice("123456789ANY")
        second = rng.choice("123456789")
        region = f"{rng.randrange(110000, 660000):06d}"
        org = "".join(rng.choice(USCC_CHARS) for _ in range(9))
        code = make_uscc(first + second + region + org)
        assert uscc_findings(code, "/u") == []
        assert stdnum_uscc.calc_check_digit(code[:17]) == code[17]


@pytest.mark.parametrize("first", list("ANY"))
def test_a_n_y_authorities_are_valid(first):
    code = make_uscc(first + "1" + "140928" + "MA0K12345")
    assert uscc_findings(code, "/u") == []
    assert not stdnum_uscc.is_valid(code)  # the reason stdnum is not used for the verdict


def test_wrong_check_char_names_the_expected_one():
    good = "91110000600037341L"
    for wrong in ("91110000600037341M", "91110000600037314L"):
        found = uscc_findings(wrong, "/object/uscc")
        assert "uscc.check_digit" in codes(found, "error")
        assert found[0]["path"] == "/object/uscc"
    found = uscc_findings("91110000600037341M", "/u")
    assert "“L”" in found[0]["message"]
    assert good[-1] == "L"


@pytest.mark.parametrize("bad_char", list("IOZSV"))
def test_letters_never_used_are_errors(bad_char):
    code = "9111000060003734" + bad_char + "L"
    found = uscc_findings(code, "/u")
    assert codes(found) == ["uscc.chars"]
    assert bad_char in found[0]["message"]


@pytest.mark.parametrize("value", ["9111000060003734L", "91110000600037341L1", "9111"])
def test_uscc_wrong_length_is_an_error(value):
    assert codes(uscc_findings(value, "/u")) == ["uscc.length"]


@pytest.mark.parametrize("first", list("0BCDEFGHJKLMPQRTUWX"))
def test_first_character_must_be_a_registration_authority(first):
    code = make_uscc(first + "1110000600037341")
    assert codes(uscc_findings(code, "/u"), "error") == ["uscc.authority"]


def test_lowercase_is_an_error_suggesting_upper_case():
    found = uscc_findings("91110000600037341l", "/u")
    assert codes(found) == ["uscc.lowercase"]
    assert "91110000600037341L" in found[0]["message"]


def test_lowercase_with_a_wrong_check_char_reports_both():
    assert codes(uscc_findings("91110000600037341m", "/u")) == ["uscc.lowercase", "uscc.check_digit"]


def test_full_width_and_spaces_are_errors():
    assert codes(uscc_findings("９１110000600037341L", "/u")) == ["uscc.chars"]
    assert codes(uscc_findings("911100006000 37341L", "/u")) == ["uscc.chars"]


def test_structure_oddities_with_a_right_check_char_only_warn():
    code = make_uscc("9A" + "ABCDEF" + "600037341")
    found = uscc_findings(code, "/u")
    assert codes(found, "error") == []
    assert set(codes(found, "warning")) == {"uscc.category", "uscc.region"}


def test_surrounding_spaces_are_ignored():
    assert uscc_findings("  91110000600037341L ", "/u") == []


# --- phones -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("phone", [
    "13800000000", "19912345678", "138 0000 0000", "138-0000-0000", "+86 13800000000", "8613800000000",
    "0351-1234567", "03511234567", "(0351)1234567", "（0351）1234567", "010-12345678", "01012345678",
    "0351 1234567", "0351-1234567-123", "0351-1234567转123", "400-123-4567",
    "13800000000、0351-1234567", "13800000000/13900000000", "13800000000，0351-1234567",
    "13800000000 0351-1234567",
])
def test_accepted_phone_forms(phone):
    assert phone_findings(phone, "/object/phone") == []


@pytest.mark.parametrize("phone", [
    "1380000000", "138000000000", "23800000000", "1234567", "12345678", "351-1234567",
    "0351-123456", "0351-0234567", "abc", "138O0000000", "13800000000、", "13800000000、1234567",
    "１３８００００００００",
])
def test_rejected_phone_forms_say_what_is_accepted(phone):
    found = phone_findings(phone, "/object/phone")
    assert codes(found) == ["phone.format"]
    assert found[0]["path"] == "/object/phone"
    if phone.isascii():
        assert "11位" in found[0]["message"] and "区号" in found[0]["message"]


@pytest.mark.parametrize("phone", ["12800000000", "10012345678", "+86 12800000000", "13800000000、11012345678"])
def test_eleven_digits_starting_1_outside_the_mobile_prefixes_only_warn(phone):
    # DOMAIN.md §8: "Mobile numbers 11 digits starting 1" — not rejected, but 10–12 are no network's prefix
    found = phone_findings(phone, "/object/phone")
    assert [(f["code"], f["severity"]) for f in found] == [("phone.unusual_mobile", "warning")]
    assert "核对" in found[0]["message"]


def test_full_width_phone_suggests_half_width():
    assert "13800000000" in phone_findings("１３８００００００００", "/p")[0]["message"]


def test_field_checks_are_registered_under_the_names_the_schema_uses():
    assert FIELD_CHECKS["id_no"] is check_id_no
    assert FIELD_CHECKS["uscc"] is check_uscc
    assert FIELD_CHECKS["phone"] is check_phone


# --- masking ------------------------------------------------------------------------------------------


def test_mask_id_keeps_first_six_and_last_four():
    assert mask_id_no("14092819900101123X") == "140928********123X"
    assert mask_id_no(" 140928199001011234 ") == "140928********1234"
    assert mask_id_no("140928900101123") == "140928*****1123"
    assert mask_id_no("12345") == "*****"
    assert mask_id_no(None) == ""


def test_mask_phone():
    assert mask_phone("13800000000") == "138****0000"
    assert mask_phone("138-1234-5678") == "138****5678"
    assert mask_phone("0351-1234567") == "0351-***4567"
    assert mask_phone("(0351)12345678") == "(0351)****5678"
    assert mask_phone("13812345678、0351-7654321") == "138****5678、0351-***4321"
    assert mask_phone(None) == ""
    masked = mask_phone("98765432101")  # unknown shape: only the last four digits remain
    assert masked == "*******2101"


@pytest.mark.parametrize(("address", "masked"), [
    ("山西省忻州市神池县龙泉镇某村12号", "山西省忻州市神池县"),
    ("北京市朝阳区建国路1号院3号楼", "北京市朝阳区"),
    ("贵州省贵阳市云岩区中华北路1号", "贵州省贵阳市云岩区"),
    ("内蒙古自治区鄂尔多斯市准格尔旗薛家湾镇", "内蒙古自治区鄂尔多斯市准格尔旗"),
    ("新疆维吾尔自治区乌鲁木齐市天山区解放路", "新疆维吾尔自治区乌鲁木齐市天山区"),
    ("神池县城关镇北区5号", "神池县"),
    ("某村5号", ""),
    ("", ""),
])
def test_mask_address_keeps_county_level(address, masked):
    assert mask_address(address) == masked


def test_masked_address_never_contains_the_street_or_village():
    for address in ("山西省忻州市神池县龙泉镇东湖村12号", "广东省广州市天河区天河路385号"):
        masked = mask_address(address)
        assert masked and address.startswith(masked)
        assert not any(w in masked for w in ("镇", "村", "路", "号"))
