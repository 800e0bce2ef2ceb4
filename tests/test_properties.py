"""No input makes the checks raise or report their own failure (hypothesis).

Whatever a user or a script puts in the answers — any JSON value, any text, a wrong type anywhere — the
result is a list of well-formed findings, never an exception and never ``internal.rule_failed``.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from templates.kinds import get_kind
from validators import elements, identity
from validators.context import Certificate, CheckContext
from validators.engine import validate
from validators.identity import (
    check_id_no,
    check_phone,
    check_uscc,
    id_check_char,
    mask_address,
    mask_id_no,
    mask_phone,
    uscc_check_char,
)
from validators.money import check_money
from validators.registry import FIELD_CHECKS

KIND = get_kind("inspection_record")
SAMPLE = KIND.sample()
CTX = CheckContext(now=datetime(2026, 11, 23, 12, 0), kind="inspection_record",
                   roster={"14090012345": Certificate("张三", "14090012345", valid_until=date(2026, 1, 1))})

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
#: Texts that look like the real thing, to reach deep branches (digits, X, Chinese region words, spaces).
codeish = st.text(alphabet="0123456789Xx ABCDEFGHJKLMNPQRTUWXYIOZSV-()（）、/+转省市县区镇村\u3000１", max_size=24)
any_text = st.text() | codeish

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def well_formed(findings) -> None:
    assert isinstance(findings, list)
    for f in findings:
        assert set(f) == {"path", "code", "severity", "message"}
        assert isinstance(f["path"], str) and (f["path"] == "" or f["path"].startswith("/"))
        assert f["severity"] in ("error", "warning")
        assert f["message"]
        assert f["code"] != "internal.rule_failed", f


@SETTINGS
@given(answers=json_values)
def test_any_json_value_as_answers(answers):
    well_formed(validate(KIND.schema, answers, CTX))


element_values = json_values | any_text | st.fixed_dictionaries(
    {}, optional={k: json_values | any_text for k in ("start", "end", "type", "name", "uscc", "id_no", "gender",
                                                        "legal_rep", "address", "phone", "cert_no")})
record_answers = st.fixed_dictionaries(
    {}, optional={k: element_values | st.lists(element_values, max_size=3)
                  for k in ("number", "agency", "time", "place", "officers", "object", "content", "process")})


@SETTINGS
@given(answers=record_answers)
def test_any_values_under_the_record_keys(answers):
    well_formed(validate(KIND.schema, answers, CTX))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


SAMPLE_PATHS = [p for p in _paths(SAMPLE) if p]


@SETTINGS
@given(where=st.sampled_from(SAMPLE_PATHS), value=json_values | codeish, also=st.sampled_from(SAMPLE_PATHS),
       other=json_values)
def test_wrong_values_anywhere_in_the_sample(where, value, also, other):
    answers = copy.deepcopy(SAMPLE)
    for path, new in ((where, value), (also, other)):
        node = answers
        try:
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue  # the first change replaced this path's parent
    well_formed(validate(KIND.schema, answers, CTX))


@SETTINGS
@given(key=st.sampled_from(["time", "place", "officers", "object", "content", "process"]), value=json_values)
def test_any_value_for_an_element(key, value):
    answers = copy.deepcopy(SAMPLE)
    answers[key] = value
    found = validate(KIND.schema, answers, CTX)
    well_formed(found)
    if elements.blank(value):
        assert any(f["path"] == f"/{key}" and f["severity"] == "error" for f in found)


@SETTINGS
@given(value=json_values | any_text, now=st.datetimes())
def test_field_checks_never_raise(value, now):
    ctx = CheckContext(now=now)
    for check in (check_id_no, check_uscc, check_phone, check_money, *FIELD_CHECKS.values()):
        well_formed(check(value, "/x", ctx))
        well_formed(check(value, "/x", None))


@SETTINGS
@given(value=json_values | any_text)
def test_masks_never_raise_and_never_reveal_more(value):
    for mask in (mask_id_no, mask_phone, mask_address):
        out = mask(value)
        assert isinstance(out, str)
    if isinstance(value, str):
        assert len(mask_id_no(value)) == len(value.strip())
        assert value.replace(" ", "").startswith(mask_address(value)) or not mask_address(value)


@SETTINGS
@given(first17=st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_id_check_char_always_detects_a_single_changed_digit(first17):
    good = first17 + id_check_char(first17)
    for pos in range(17):
        changed = good[:pos] + str((int(good[pos]) + 1) % 10) + good[pos + 1:]
        assert id_check_char(changed[:17]) != changed[17]


@SETTINGS
@given(first17=st.text(alphabet=identity.USCC_CHARS, min_size=17, max_size=17),
       authority=st.sampled_from(identity.USCC_AUTHORITIES))
def test_every_uscc_with_computed_check_char_is_accepted(first17, authority):
    code = authority + first17[1:] + uscc_check_char(authority + first17[1:])
    assert [f for f in identity.uscc_findings(code, "/u") if f["severity"] == "error"] == []


@SETTINGS
@given(born=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 23)),
       province=st.sampled_from(sorted(identity.ID_PROVINCES)),
       rest=st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_every_id_number_with_real_birth_date_and_computed_check_char_is_accepted(born, province, rest):
    first17 = province + rest[:4] + born.strftime("%Y%m%d") + rest[4:]
    found = identity.id_no_findings(first17 + id_check_char(first17), "/id", date(2026, 11, 23))
    # an invented county code may warn (id_no.area_unknown), never refuse
    assert [f["code"] for f in found] in ([], ["id_no.area_unknown"])
    assert all(f["severity"] == "warning" for f in found)


@SETTINGS
@given(answers=record_answers,
       now=st.datetimes(timezones=st.none() | st.just(UTC) | st.just(timezone(timedelta(hours=8)))),
       roster=st.dictionaries(codeish, st.builds(Certificate, name=any_text, cert_no=codeish,
                                                 valid_until=st.none() | st.dates()) | json_values, max_size=3))
def test_any_drafting_moment_and_roster(answers, now, roster):
    ctx = CheckContext(now=now, roster=roster, kind="inspection_record")
    well_formed(validate(KIND.schema, answers, ctx))
    well_formed(validate(KIND.schema, copy.deepcopy(SAMPLE), ctx))
