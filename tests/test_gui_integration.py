"""The pieces built apart, wired into the main window through the case service: numbers, deadlines, the
法制审核 workflow."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from templates.kinds import get_kind
from wenshu.sample_case import SAMPLE_PARTY
from wenshu.store import GENERATED

OFFICERS = [{"name": "张三", "cert_no": "14090012345"}, {"name": "李四", "cert_no": "14090012346"}]


def _row(window, kind: str) -> dict:
    return next(r for r in window.case_view.rows if r["kind"].name == kind)


def _open(window, kind: str):
    window.open_document(_row(window, kind)["doc"]["document_id"])
    return window.editor


def _generate(editor, qtbot) -> None:
    editor.last_output = None
    editor.banner.setProperty("level", "")
    editor.generate()
    qtbot.waitUntil(lambda: editor.last_output is not None or editor.banner.property("level") == "error",
                    timeout=60000)


def _menu(window, text: str):
    return next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text() == text)


def _major_decision(service, **decision) -> tuple[str, str]:
    """A case whose draft decision fines an organisation 5万元 (a major decision); its number left blank."""
    case_id = service.new_case({"title": "某化工有限公司安全生产违法案", "party": dict(SAMPLE_PARTY),
                                "officers": OFFICERS})
    answers = get_kind("penalty_decision").sample()
    answers["number"] = ""
    answers["penalties"] = [{"kind": "fine", "amount": 50000, "description": ""}]
    answers.update(decision)
    return case_id, service.add_document(case_id, "penalty_decision", answers)


def _fill(editor, kind: str, **changes) -> None:
    for key, value in {**get_kind(kind).sample(), **changes}.items():
        if key in editor.form.editors:
            editor.form.editors[key].set_value(value)
    editor.form.on_edit()
    editor.save_now()


# --- numbers ------------------------------------------------------------------------------------------
def test_the_registry_opens_from_the_window_and_lists_the_case_s_generated_numbers(window, qtbot):
    editor = _open(window, "inspection_record")
    editor.form.editors["number"].set_value("")
    editor.form.on_edit()
    _generate(editor, qtbot)
    number = editor.form.answers()["number"]
    assert editor.last_output is not None and number.startswith("（晋忻神）应急检记〔2026〕")
    window.back_to_case()

    _menu(window, "文号登记簿…").trigger()
    dialog = window.registry_dialog
    assert dialog.select_number(number)
    row = dialog.table.currentRow()
    from desktop.registry_view import COL_CASE, COL_DOCUMENT, COL_STATE

    assert dialog.table.item(row, COL_CASE).text() == window.case["title"]  # the title, not an identifier
    assert dialog.table.item(row, COL_DOCUMENT).text() == "《现场检查记录》"
    assert dialog.table.item(row, COL_STATE).text() == "已使用"
    dialog.close()


def test_case_number_recheck_finds_a_number_used_twice_and_opens_the_document(window, qtbot):
    service = window.service
    first = _row(window, "inspection_record")["doc"]["document_id"]
    twin = service.add_document(window.case_id, "inspection_record",
                                dict(service.document(first)["answers"], site_person="钱七"))
    window.show_case(window.case_id)
    _menu(window, "复核本案文号…").trigger()
    dialog = window.numbers_dialog
    duplicates = [f for f in dialog.findings if f["code"] == "number.duplicate"]
    assert {f["document"] for f in duplicates} == {first, twin}
    assert "错误" in dialog.summary_label.text()
    row = next(i for i, f in enumerate(dialog.findings) if f["code"] == "number.duplicate" and f["document"] == twin)
    dialog.table.itemActivated.emit(dialog.table.item(row, 0))
    assert window.editor is not None and window.editor.document_id == twin
    dialog.close()


# --- deadlines ----------------------------------------------------------------------------------------
def test_the_case_view_shows_its_deadlines_once_a_notice_is_delivered(window):
    service = window.service
    case_id = service.new_case({"title": "新立违法案", "party": {"type": "person", "name": "钱某"}})
    window.refresh_cases(select=case_id)
    view = window.case_view
    assert not view.deadlines.items and "尚无可计算的期限" in view.deadlines.summary.text()
    delivered = date.today() - timedelta(days=1)
    service.add_event(case_id, "penalty_notice_delivered", delivered.isoformat())
    window.back_to_case()
    titles = [i.title for i in view.deadlines.items]
    assert titles == [d["title"] for d in service.show(case_id)["deadlines"]]  # the service's deadlines
    assert "陈述申辩期限" in titles and "听证申请期限" in titles
    row = titles.index("陈述申辩期限")
    cell = view.deadlines.table.item(row, 0)
    assert "行政处罚法 第四十四条" in cell.toolTip()  # the rule and its source on hover
    assert view.deadlines.table.item(row, view.deadlines.STATUS_COLUMN).text().endswith(
        view.deadlines.items[row].status_label)
    assert view.deadlines.table.isVisible()


def test_a_decision_date_starts_the_delivery_deadline_in_the_case_view(window, qtbot):
    answers = get_kind("penalty_decision").sample()
    answers["date"] = date.today().isoformat()
    window.service.add_document(window.case_id, "penalty_decision", answers)
    window.show_case(window.case_id)
    assert "送达期限" in [i.title for i in window.case_view.deadlines.items]


def test_the_agenda_lists_a_due_deadline_of_another_case_and_opens_it(window, qtbot):
    service = window.service
    other = service.new_case({"title": "另一起违法案", "party": {"type": "person", "name": "赵某"}})
    service.add_event(other, "penalty_notice_delivered", (date.today() - timedelta(days=1)).isoformat())
    action = _menu(window, "今日待办期限…")
    assert action.shortcut().toString() == "Ctrl+T"
    action.trigger()
    agenda = window.agenda_dialog.agenda
    rows = [(i.case_title, i.title) for i in agenda.items]
    assert ("另一起违法案", "陈述申辩期限") in rows
    agenda._request(rows.index(("另一起违法案", "陈述申辩期限")))
    assert window.case_id == other
    assert window.case_list.currentItem().data(Qt.UserRole + 1) == other


def test_the_agenda_opens_at_start_only_when_something_is_due(window, qtbot):
    window.agenda_at_start()
    assert getattr(window, "agenda_dialog", None) is None  # the sample case has nothing due
    service = window.service
    other = service.new_case({"title": "新立违法案", "party": {"type": "person", "name": "钱某"}})
    service.add_event(other, "penalty_notice_delivered", date.today().isoformat())
    window.agenda_at_start()
    assert window.agenda_dialog.isVisible() and window.agenda_dialog.agenda.items


# --- the 法制审核 workflow --------------------------------------------------------------------------------
def test_a_major_decision_waits_for_a_review_opinion_of_consent(window, qtbot):
    case_id, decision = _major_decision(window.service)
    window.refresh_cases(select=case_id)
    view = window.case_view
    assert _row(window, "penalty_decision")["state"] == "error"  # the rule refuses it …
    assert view.major_frame.isVisible() and "重大执法决定" in view.major_label.text()
    assert "5万元" in view.major_label.text() and "尚无法制审核意见" in view.major_label.text()  # … the page says why
    assert "尚不能作出决定" in view.major_label.text()
    assert set(view.review_buttons) == set(window.case["major"]["forms"])
    assert view.review_buttons["legal_review_opinion"].isVisible()

    window.open_document(decision)
    editor = window.editor
    editor.validate_now()
    assert "legal_review.required" in editor.panel.codes("error")
    _generate(editor, qtbot)
    assert editor.last_output is None and "1 处错误" in editor.banner_text.text()
    window.back_to_case()

    # the application is prefilled from the decision
    view.review_buttons["legal_review_application"].click()
    application = window.editor.form.answers()
    assert application["proposed_decision"] == "罚款人民币50000.00元"
    assert application["violated_provisions"] == get_kind("penalty_decision").sample()["violated"]
    window.back_to_case()

    view.review_buttons["legal_review_opinion"].click()
    editor = window.editor
    assert editor.kind.name == "legal_review_opinion"
    _fill(editor, "legal_review_opinion", conclusion="同意")
    window.back_to_case()
    assert "可以作出决定" in view.major_label.text()
    assert view.review_buttons["legal_review_opinion"].text().endswith("（已填写）")

    window.open_document(decision)
    editor = window.editor
    assert "legal_review.required" not in [f["code"] for f in editor.validate_now()]
    assert editor.form.answers()["legal_review"]["conclusion"] == "同意"  # the decision cites the opinion
    _generate(editor, qtbot)
    assert editor.last_output is not None, editor.banner_text.text()
    assert window.service.status(decision)["state"] == GENERATED
    assert window.service.document(decision)["answers"]["legal_review"]["conclusion"] == "同意"


def test_the_case_page_does_not_say_a_decision_may_be_made_after_a_correction_opinion(window, qtbot):
    """纠正 (not yet applied) lets no decision be made: the page says what the rule says (issue 10)."""
    case_id, decision = _major_decision(window.service, legal_review={"conclusion": "同意", "number": "旧意见"})
    window.refresh_cases(select=case_id)
    window.case_view.review_buttons["legal_review_opinion"].click()
    _fill(window.editor, "legal_review_opinion", conclusion="纠正")
    window.back_to_case()
    label = window.case_view.major_label.text()
    assert "可以作出决定" not in label and "尚不能作出决定" in label and "纠正" in label
    assert window.case_view.major_frame.property("level") == "warning"
    assert not window.case["major"]["may_decide"]
    assert _row(window, "penalty_decision")["state"] == "error"
    step = next(n for n in window.case["next"] if n["kind"] == "penalty_decision")
    assert "同意" in step["why"]
    window.open_document(decision)
    assert "legal_review.required" in [f["code"] for f in window.editor.validate_now()]  # the rule agrees


def test_generate_all_gives_an_unnumbered_draft_its_number(window, qtbot):
    service = window.service
    answers = dict(service.document(_row(window, "inspection_record")["doc"]["document_id"])["answers"],
                   number="", site_person="钱七")
    doc = service.add_document(window.case_id, "inspection_record", answers)
    window.show_case(window.case_id)
    window.generate_all()
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=60000)
    assert not window.generate_skipped and all(not r["error"] for r in window.last_results)
    assert service.document(doc)["answers"]["number"] == "（晋忻神）应急检记〔2026〕13号"
