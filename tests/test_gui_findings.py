"""For every kind's sample and variants of it, the findings the editor shows are the case service's
(``CaseService.check``, which is ``wenshu case check``): the editor filters nothing and adds nothing, and
the form gives back the answers it was given (issue 10)."""

from __future__ import annotations

import pytest

from templates.kinds import all_kinds, get_kind
from wenshu.service import case_kinds

CASE_KINDS = [k.name for k in case_kinds()]


def test_every_kind_but_the_official_notice_and_the_draw_list_is_a_case_document():
    # 公文 (the notice) is drafted on its own, never in a case: it has no editor of a case document; nor has
    # the 双随机抽查结果清单, which a draw prints (issue 15)
    assert {k.name for k in all_kinds()} - set(CASE_KINDS) == {"notice", "random_inspection_list", "case_review_sheet"}


def variants(kind_name: str) -> list[tuple[str, dict]]:
    kind = get_kind(kind_name)
    sample = kind.sample()
    props = kind.schema.get("properties") or {}
    out = [("sample", sample)]
    if "number" in props:
        out.append(("blank number", {**sample, "number": ""}))
    required = [k for k in kind.schema.get("required") or [] if k in sample and k != "number"]
    if required:
        out.append((f"without {required[0]}", {k: v for k, v in sample.items() if k != required[0]}))
    for key, sub in props.items():  # a field whose x-show-if no longer holds: it is left out of the checks
        condition = sub.get("x-show-if")
        if isinstance(condition, dict) and key in sample:
            other, want = next(iter(condition.items()))
            choices = [c for c in (props.get(other) or {}).get("enum") or [] if c not in
                       (want if isinstance(want, list) else [want]) and c != ""]
            if choices:
                out.append((f"{key} hidden", {**sample, other: choices[0]}))
                break
    out.append(("empty", {}))
    return out


@pytest.mark.parametrize("kind_name", CASE_KINDS)
def test_the_editor_shows_what_the_service_checks(window, kind_name):
    service = window.service
    party = get_kind("inspection_record").sample()["object"]
    case_id = service.new_case({"title": f"{kind_name} 案", "party": party,
                                "officers": get_kind("inspection_record").sample()["officers"]})
    document_id = service.add_document(case_id, kind_name)
    for name, answers in variants(kind_name):
        service.save(document_id, answers)
        window.open_document(document_id)
        editor = window.editor
        shown = editor.validate_now()
        assert editor.panel.findings == shown == service.check(document_id), (kind_name, name)
        assert not editor.pending(), (kind_name, name)  # opening changed nothing that needs saving
        # an edit in the form: the panel and the saved document agree again
        first = next(iter(editor.form.editors.values()))
        first.set_value(None)
        editor.form.on_edit()
        editor.validate_now()
        editor.flush()
        assert editor.panel.findings == service.check(document_id), (kind_name, name, "edited")
        window.back_to_case()
