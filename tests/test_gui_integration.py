"""The pieces built apart, wired into the main window: numbers, deadlines, the 法制审核 workflow."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from templates.kinds import get_kind
from wenshu.sample_case import SAMPLE_PARTY
from wenshu.store import GENERATED, Store


def _row(window, kind: str) -> dict:
    return next(r for r in window.case_view.rows if r["kind"].name == kind)


def _generate(editor, qtbot) -> None:
    editor.last_output = None
    editor.banner.setProperty("level", "")
    editor.generate()
    qtbot.waitUntil(lambda: editor.last_output is not None or editor.banner.property("level") == "error",
                    timeout=60000)


def _major_decision(store: Store) -> tuple[int, int]:
    """A case whose draft decision fines an organisation 5万元 (a major decision); its number left blank."""
    case_id = store.create_case("某化工有限公司安全生产违法案", dict(SAMPLE_PARTY),
                                {"officers": [{"name": "张三", "cert_no": "14090012345"},
                                              {"name": "李四", "cert_no": "14090012346"}]})
    answers = get_kind("penalty_decision").sample()
    answers["number"] = ""
    answers["penalties"] = [{"kind": "fine", "amount": 50000, "description": ""}]
    return case_id, store.add_document(case_id, "penalty_decision", answers)


# --- numbers ------------------------------------------------------------------------------------------
def test_the_registry_opens_from_the_window_and_lists_the_case_s_generated_numbers(window, qtbot):
    window.open_document("inspection_record", _row(window, "inspection_record")["doc"]["id"])
    editor = window.editor
    editor.form.editors["number"].set_value("")
    editor.form.on_edit()
    _generate(editor, qtbot)
    number = editor.form.answers()["number"]
    assert editor.last_output is not None and number.startswith("（晋忻神）应急检记〔2026〕")
    window.back_to_case()

    action = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text() == "文号登记簿…")
    action.trigger()
    dialog = window.registry_dialog
    assert dialog.select_number(number)
    row = dialog.table.currentRow()
    from desktop.registry_view import COL_CASE, COL_DOCUMENT, COL_STATE

    assert dialog.table.item(row, COL_CASE).text() == window.case["title"]  # the title, not an identifier
    assert dialog.table.item(row, COL_DOCUMENT).text() == "《现场检查记录》"
    assert dialog.table.item(row, COL_STATE).text() == "已使用"
    dialog.close()


def test_case_number_recheck_finds_a_number_used_twice_and_opens_the_document(window, qtbot):
    first = _row(window, "inspection_record")["doc"]
    twin = window.store.add_document(window.case["id"], "inspection_record", dict(first["answers"]))
    window.show_case(window.case["id"])
    action = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text() == "复核本案文号…")
    action.trigger()
    dialog = window.numbers_dialog
    duplicates = [f for f in dialog.findings if f["code"] == "number.duplicate"]
    assert {f["document"] for f in duplicates} == {first["id"], twin}
    assert "错误" in dialog.summary_label.text()
    row = next(i for i, f in enumerate(dialog.findings) if f["code"] == "number.duplicate" and f["document"] == twin)
    dialog.table.itemActivated.emit(dialog.table.item(row, 0))
    assert window.editor is not None and window.editor.doc["id"] == twin
    dialog.close()


# --- deadlines ----------------------------------------------------------------------------------------
def test_the_case_view_shows_its_deadlines_once_a_notice_is_delivered(window):
    case_id = window.store.create_case("新立违法案", {"type": "person", "name": "钱某"}, {})
    window.show_case(case_id)
    view = window.case_view
    assert not view.deadlines.items and "尚无可计算的期限" in view.deadlines.summary.text()
    delivered = date.today() - timedelta(days=1)
    window.store.add_event(case_id, "penalty_notice_delivered", delivered.isoformat())
    window.back_to_case()
    titles = [i.title for i in view.deadlines.items]
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
    window.store.add_document(window.case["id"], "penalty_decision", answers)
    window.show_case(window.case["id"])
    assert "送达期限" in [i.title for i in window.case_view.deadlines.items]


def test_the_agenda_lists_a_due_deadline_of_another_case_and_opens_it(window, qtbot):
    other = window.store.create_case("另一起违法案", {"type": "person", "name": "赵某"}, {})
    window.store.add_event(other, "penalty_notice_delivered", (date.today() - timedelta(days=1)).isoformat())
    action = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text() == "今日待办期限…")
    assert action.shortcut().toString() == "Ctrl+T"
    action.trigger()
    agenda = window.agenda_dialog.agenda
    rows = [(i.case_title, i.title) for i in agenda.items]
    assert ("另一起违法案", "陈述申辩期限") in rows
    agenda._request(rows.index(("另一起违法案", "陈述申辩期限")))
    assert window.case["id"] == other
    assert window.case_list.currentItem().data(Qt.UserRole + 1) == other


def test_the_agenda_opens_at_start_only_when_something_is_due(window, qtbot):
    window.agenda_at_start()
    assert getattr(window, "agenda_dialog", None) is None  # the sample case has nothing due
    other = window.store.create_case("新立违法案", {"type": "person", "name": "钱某"}, {})
    window.store.add_event(other, "penalty_notice_delivered", date.today().isoformat())
    window.agenda_at_start()
    assert window.agenda_dialog.isVisible() and window.agenda_dialog.agenda.items


# --- the 法制审核 workflow --------------------------------------------------------------------------------
def test_a_major_decision_waits_for_a_review_opinion_of_consent(window, qtbot):
    case_id, decision = _major_decision(window.store)
    window.refresh_cases(select=case_id)
    view = window.case_view
    assert _row(window, "penalty_decision")["note"] == "（晋忻神）应急罚〔2026〕　　号（生成时取号）"  # a draft
    assert view.major_frame.isVisible() and "重大执法决定" in view.major_label.text()
    assert "5万元" in view.major_label.text() and "尚无法制审核意见" in view.major_label.text()
    assert view.review_buttons["legal_review_opinion"].isVisible()

    window.open_document("penalty_decision", decision)
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
    for key, value in get_kind("legal_review_opinion").sample().items():
        if key in editor.form.editors:
            editor.form.editors[key].set_value(value)
    editor.form.editors["conclusion"].set_value("同意")
    editor.form.on_edit()
    editor.save_now()
    window.back_to_case()
    assert "可以作出决定" in view.major_label.text()
    assert view.review_buttons["legal_review_opinion"].text().endswith("（已填写）")

    window.open_document("penalty_decision", decision)
    editor = window.editor
    assert "legal_review.required" not in [f["code"] for f in editor.validate_now()]
    assert editor.form.answers()["legal_review"]["conclusion"] == "同意"  # the decision cites the opinion
    _generate(editor, qtbot)
    assert editor.last_output is not None, editor.banner_text.text()
    assert window.store.get_document(decision)["state"] == GENERATED
    assert window.store.get_document(decision)["answers"]["legal_review"]["conclusion"] == "同意"


def test_generate_all_gives_an_unnumbered_draft_its_number(window, qtbot):
    answers = dict(_row(window, "inspection_record")["doc"]["answers"], number="")
    doc = window.store.add_document(window.case["id"], "inspection_record", answers)
    window.show_case(window.case["id"])
    window.generate_all()
    qtbot.waitUntil(lambda: getattr(window, "last_results", None) is not None, timeout=60000)
    assert not window.generate_skipped and all(not r["error"] for r in window.last_results)
    assert window.store.get_document(doc)["answers"]["number"] == "（晋忻神）应急检记〔2026〕13号"
