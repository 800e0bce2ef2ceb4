"""Drive the real window as a clerk would: keyboard, findings, jump to a field, generate, open the .docx."""

from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from templates.kinds import get_kind
from wenshu.service import CaseService
from wenshu.store import GENERATED, STALE, Store

UNIQUE = "消防通道堆放杂物约二十平方米＆<临时>"


def focused():
    return QApplication.focusWidget()


def inside(widget, ancestor) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


def type_text(qtbot, widget, text):
    """Type ``text`` into ``widget``: ASCII as key presses, Chinese as an input method commits it."""
    run = ""
    for ch in text + "\0":
        if ch != "\0" and not ch.isascii():
            run += ch
            continue
        if run:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)


def type_into(qtbot, text):
    widget = focused()
    assert widget is not None
    type_text(qtbot, widget, text)


def tab(qtbot, times=1):
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key_Tab)


def row_of(window, kind: str) -> dict:
    """The case page's first row of ``kind``."""
    return next(r for r in window.case_view.rows if r["kind"].name == kind)


def open_kind(window, kind: str):
    """Open the case's document of ``kind`` in the editor; the editor."""
    window.open_document(row_of(window, kind)["doc"]["document_id"])
    return window.editor


def generate(editor, qtbot) -> None:
    editor.last_output = None
    editor.banner.setProperty("level", "")
    editor.generate()
    qtbot.waitUntil(lambda: editor.last_output is not None or editor.banner.property("level") == "error",
                    timeout=60000)


def test_first_start_shows_the_sample_case_with_its_next_step(window):
    assert window.case["title"] == "神池县某煤业有限公司安全生产违法案"
    assert "神池县某煤业有限公司" in window.case_view.info["party"].text()
    states = {r["kind"].name: r["state"] for r in window.case_view.rows}
    assert states["inspection_record"] == "draft"
    assert states["penalty_decision"] is None  # 未开始: a row to start it from
    assert window.case_view.next_label.text() == "下一步（立案）：完成并生成《立案审批表》"  # the service's next[0]


def test_new_case_inspection_record_by_keyboard_then_generate(window, qtbot, tmp_path):
    window.activateWindow()
    window.new_case()
    dialog = window.new_case_dialog
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.title_edit, "某化工有限公司违法储存危险化学品案")
    qtbot.keyClick(dialog.title_edit, Qt.Key_Tab)
    qtbot.keyClick(dialog.party_type, Qt.Key_Tab)
    type_text(qtbot, dialog.party_name, "某化工有限公司")
    qtbot.keyClick(dialog.party_name, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.case is not None and window.case["title"].startswith("某化工"))
    assert window.case_list.currentItem().text().startswith("某化工有限公司违法储存危险化学品案")

    # open the inspection record (not started yet) from the document list with Enter
    table = window.case_view.table
    row = next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "inspection_record")
    assert table.topLevelItem(row).text(2) == "未开始"
    table.setFocus()
    table.setCurrentItem(table.topLevelItem(row))
    qtbot.keyClick(table, Qt.Key_Return)
    editor = window.editor
    assert editor is not None and editor.kind.name == "inspection_record"
    form = editor.form
    assert form.answers()["object"]["name"] == "某化工有限公司"  # the case's party came along

    # 基本信息: number (left blank: the registry issues it on generation), agency (from the settings)
    qtbot.waitUntil(lambda: focused() is form.editors["number"].focus_widget())
    assert "（晋忻神）应急检记〔2026〕　　号" in focused().placeholderText()
    tab(qtbot)
    assert focused() is form.editors["agency"].focus_widget()
    assert form.answers()["agency"] == "神池县应急管理局"

    # 时间地点
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    assert form.current_step() == 1
    start = form.editors["time"].fields["start"].focus_widget()
    assert focused() is start
    type_into(qtbot, "202611200930")
    start_end = form.editors["time"].fields["end"].focus_widget()
    start_end.setFocus()
    type_into(qtbot, "202611201100")
    tab(qtbot)
    type_into(qtbot, "某化工有限公司二号仓库")
    assert form.answers()["time"] == {"start": "2026-11-20T09:30", "end": "2026-11-20T11:00"}
    assert form.answers()["place"] == "某化工有限公司二号仓库"

    # 执法人员: one officer → officers.too_few; a second from the roster → gone
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    officers = form.editors["officers"]
    assert inside(focused(), officers.widget)
    type_into(qtbot, "张三")
    tab(qtbot)
    type_into(qtbot, "14090012345")
    qtbot.waitUntil(lambda: "officers.too_few" in editor.panel.codes("error"))
    qtbot.waitUntil(lambda: editor.status.text().startswith("有错误 · 已自动保存"))  # the state save returned
    assert window.service.status(editor.document_id)["state"] == "error"

    # click the finding: focus goes to the officers field, which is highlighted
    form.go_to_step(0)
    card = editor.panel.card_for("officers.too_few")
    qtbot.mouseClick(card, Qt.LeftButton)
    assert form.current_step() == 2
    assert inside(focused(), officers.widget)
    assert officers.markable().property("finding") == "error" or focused().property("finding") == "focus"

    # the second officer, picked from the roster with the keyboard; an expired certificate can't be picked
    picker = officers.rows[1][1].picker
    expired = [i for i in range(picker.count()) if "王强" in picker.itemText(i)]
    assert expired and not picker.model().item(expired[0]).isEnabled()
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key_Down)
    second = form.answers()["officers"][1]
    assert second["name"] and second["name"] != "王强"
    qtbot.keyClick(picker, Qt.Key_Down)  # ↓ again: the next officer of the roster replaces the first pick
    third = form.answers()["officers"][1]
    assert third["name"] not in (second["name"], "王强") and len(form.answers()["officers"]) == 2
    assert picker.currentText().startswith(third["name"])
    for _ in range(picker.count()):  # not the same officer twice
        if form.answers()["officers"][1]["name"] != form.answers()["officers"][0]["name"]:
            break
        qtbot.keyClick(picker, Qt.Key_Down)
    assert form.answers()["officers"][1]["name"] not in (form.answers()["officers"][0]["name"], "王强")
    qtbot.waitUntil(lambda: "officers.too_few" not in editor.panel.codes())

    # 执法对象: the case's party is there; complete it by keyboard
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    assert form.current_step() == 3
    party = form.editors["object"]
    party.fields["uscc"].focus_widget().setFocus()
    type_into(qtbot, "91110000600037341L")
    for text in ("王五", "总经理", "某县工业园区8号", "13800000000", "赵六"):
        tab(qtbot)
        type_into(qtbot, text)
    assert form.answers()["site_person"] == "赵六"
    assert form.answers()["object"]["phone"] == "13800000000"

    # 检查内容 / 检查情况
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    type_into(qtbot, "依法对该公司危险化学品仓库进行现场检查。")
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    type_into(qtbot, "执法人员出示执法证件，告知被检查单位依法享有的权利。检查发现：" + UNIQUE)

    # generate: Ctrl+G, the service writes it in the worker; the .docx holds what was typed
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    assert [f for f in editor.validate_now() if f["severity"] == "error"] == []
    qtbot.keyClick(focused(), Qt.Key_G, Qt.ControlModifier)
    qtbot.waitUntil(lambda: editor.last_output is not None or editor.banner.property("level") == "error", timeout=60000)
    assert editor.last_output is not None, editor.banner_text.text()
    assert editor.open_button.isVisible() and editor.folder_button.isVisible() and editor.print_button.isVisible()
    text = _docx_text(editor.last_output)
    assert UNIQUE in text
    assert "某化工有限公司二号仓库" in text
    number = form.answers()["number"]  # the sample's 应急检记〔2026〕12号 is taken: the next is 13
    assert number == "（晋忻神）应急检记〔2026〕13号" and number in text
    assert number in editor.last_output.name  # its own file, named after its number
    assert window.service.status(editor.document_id)["state"] == GENERATED
    assert editor.status.text().startswith("已生成")
    assert window.service.printed(editor.document_id)[0]["fingerprint"]

    # back in the case: state 已生成; memory now offers the typed place for the next documents
    qtbot.keyClick(focused(), Qt.Key_Left, Qt.AltModifier)
    qtbot.waitUntil(lambda: window.editor is None)
    states = {r["kind"].name: r["state"] for r in window.case_view.rows}
    assert states["inspection_record"] == GENERATED
    assert window.case_view.info["place"].text() == "某化工有限公司二号仓库"


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_changed_party_marks_the_generated_document_out_of_date(window, qtbot):
    service = window.service
    for row in list(window.case_view.rows):  # every document of the sample case printed …
        if row["doc"] is not None:
            service.store.record_printed(service.store.ids_starting("documents", row["doc"]["document_id"])[0][0],
                                         row["doc"]["version"], "/tmp/none.docx", "ABC", "test")
    service.update_case(window.case_id, party=dict(window.case["party"], name="神池县某煤业有限责任公司"))
    window.show_case(window.case_id)  # … then the case's party changed
    row = next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "inspection_record")
    item = window.case_view.table.topLevelItem(row)
    assert item.text(2) == "已过时" and window.case_view.rows[row]["state"] == STALE
    assert "被检查单位（人）" in item.text(4) and "需重新生成" in item.text(4)
    # a stale document is corrected one at a time (with its 更正原因), never by 生成全部
    assert row_of(window, "inspection_record")["doc"]["document_id"] not in service.generatable(window.case_id)[0]


def test_search_filters_the_case_list(window, qtbot):
    window.service.new_case({"title": "另一案", "party": {"name": "王某个体户"}})
    window.refresh_cases()
    assert window.case_list.count() == 2
    window.focus_search()
    type_into(qtbot, "王某")
    qtbot.waitUntil(lambda: window.case_list.count() == 1)  # searched once typing pauses
    assert "另一案" in window.case_list.item(0).text()


def test_officer_picker_warns_before_expiry_and_refuses_after(window, qtbot):
    editor = open_kind(window, "inspection_record")
    picker = editor.form.editors["officers"].rows[0][1].picker
    texts = {picker.itemText(i): i for i in range(picker.count())}
    soon = next(t for t in texts if t.startswith("刘洋"))
    assert "即将到期" in soon and picker.model().item(texts[soon]).isEnabled()
    assert "到期" in picker.itemData(texts[soon], Qt.ToolTipRole)
    gone = next(t for t in texts if t.startswith("王强"))
    assert "已过期" in gone and not picker.model().item(texts[gone]).isEnabled()


def test_roster_dialog_saves_officers_and_refuses_a_bad_date(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.dialogs import RosterDialog

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = RosterDialog(window.service, window)
    qtbot.addWidget(dialog)
    before = dialog.table.rowCount()
    dialog.add_row("孙七", "执法二队", "14090099999", "下个月")
    dialog.accept()
    assert warnings and "无法识别" in warnings[0]
    assert len(window.service.officers()) == before
    dialog.table.item(before, 3).setText("2030-01-31")
    dialog.accept()
    assert any(o["name"] == "孙七" and o["valid_until"] == "2030-01-31" for o in window.service.officers())


def test_generate_all_writes_every_document_the_service_allows(window, qtbot):
    ready, held = window.service.generatable(window.case_id)
    window.generate_all()
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=60000)
    assert [r["document_id"] for r in window.last_results] == ready and window.generate_skipped == held
    assert all(not r["error"] for r in window.last_results), [r["error"] for r in window.last_results]
    for r in window.last_results:
        assert Path(r["path"]).exists()
        assert window.service.printed(r["document_id"])[-1]["fingerprint"] == r["fingerprint"]
    assert len({r["path"] for r in window.last_results}) == len(ready)  # one file each
    shown = {d["document_id"]: d for d in window.service.show(window.case_id)["documents"]}
    assert {r["doc"]["document_id"]: r["state"] for r in window.case_view.rows if r["doc"]} == \
        {i: d["state"] for i, d in shown.items()}  # the page shows the service's states
    # the sample case's documents agree on its facts: every one written is 已生成, none 已过时
    assert {shown[i]["state"] for i in ready} == {GENERATED} and all(shown[i]["printed"] for i in ready)


def test_export_and_import_through_the_menu(window, make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    out = tmp_path / "导出.json"
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    window.export_case()
    assert out.exists()
    window.import_case()  # the same case is here already: refused with a message, nothing added
    assert warnings and "已在本机" in warnings[0] and window.case_list.count() == 1

    elsewhere = tmp_path / "另一台电脑"
    elsewhere.mkdir()
    monkeypatch.setenv("WENSHU_HOME", str(elsewhere))
    there = CaseService(Store())
    there.new_case({"title": "本机已有的案件", "party": {"name": "王某"}})  # another office, its own cases
    other = make_window(there)
    other.import_case()
    assert len(warnings) == 1 and other.case_list.count() == 2
    assert other.case["case_id"] == window.case_id and other.case["title"] == "神池县某煤业有限公司安全生产违法案"
    assert other.case_list.currentItem().data(Qt.UserRole + 1) == window.case_id


def test_a_locked_store_is_reported_and_the_edit_saved_once_it_is_free(qtbot, make_window):
    import sqlite3

    from wenshu.store import default_path

    window = make_window(CaseService(Store(timeout=0.05)))
    editor = open_kind(window, "inspection_record")
    place = editor.form.editors["place"].focus_widget()
    place.setFocus()
    qtbot.keyClicks(place, "-B")
    other = sqlite3.connect(default_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        editor.save_now()
        assert editor.status.text().startswith("未能保存") and "占用" in editor.status.text()
        assert editor.pending()
    finally:
        other.execute("ROLLBACK")
        other.close()
    editor.flush()
    assert CaseService(Store()).document(editor.document_id)["answers"]["place"].endswith("-B")
    assert "已自动保存" in editor.status.text()


def test_the_header_shows_the_time_and_state_each_save_returned(window, qtbot):
    """The header is what the last save said, not what the document was when it opened."""
    import time

    editor = open_kind(window, "inspection_record")
    opened = editor.status.text()
    assert opened.startswith("草稿 · 已自动保存")
    time.sleep(1.1)  # the saved time is to the second
    editor.form.editors["place"].set_value("")
    editor.form.on_edit()
    editor.flush()
    status = window.service.status(editor.document_id)
    assert status["state"] == "error"
    assert editor.status.text() == f"有错误 · 已自动保存 {status['updated'][11:19]}" != opened
    time.sleep(1.1)
    editor.form.editors["place"].set_value("神池县某煤业有限公司井下14采区")
    editor.form.on_edit()
    editor.flush()
    status = window.service.status(editor.document_id)
    assert editor.status.text() == f"草稿 · 已自动保存 {status['updated'][11:19]}"


def test_regenerating_a_changed_document_records_a_correction_with_its_reason(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    editor = open_kind(window, "inspection_record")
    generate(editor, qtbot)
    first = editor.last_output
    assert first is not None, editor.banner_text.text()
    place = editor.form.editors["place"].focus_widget()
    place.setFocus()
    place.selectAll()
    type_text(qtbot, place, "神池县某煤业有限公司井下14采区")
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a[1]) or ("检查场所写错", True))
    generate(editor, qtbot)  # the service asks for the 更正原因; the editor asks the user and tries again
    assert asked == ["更正原因"]
    assert editor.last_output is not None, editor.banner_text.text()
    service = window.service
    versions = service.versions(editor.document_id)
    assert versions[-1]["reason"] == "检查场所写错"
    assert versions[-1]["answers"]["place"] == "神池县某煤业有限公司井下14采区"
    printed = service.printed(editor.document_id)
    assert len(printed) == 2 and printed[0]["fingerprint"] != printed[1]["fingerprint"]
    assert printed[0]["version"] < printed[1]["version"]
    assert "井下14采区" in _docx_text(editor.last_output)
    assert editor.last_output != first and "井下12采区" in _docx_text(first)  # the first paper copy stays


def test_a_cancelled_correction_reason_generates_nothing(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    editor = open_kind(window, "inspection_record")
    generate(editor, qtbot)
    editor.form.editors["place"].set_value("神池县某煤业有限公司井下14采区")
    editor.form.on_edit()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    generate(editor, qtbot)
    assert editor.last_output is None and "更正原因" in editor.banner_text.text()
    assert len(window.service.printed(editor.document_id)) == 1


def test_a_blank_number_is_issued_by_the_registry_when_the_document_is_written(window, qtbot):
    """The number reaches the form, a saved version, the printed record, the file and the registry."""
    from wenshu.registry import open_store

    editor = open_kind(window, "inspection_record")
    assert "〔2026〕　　号" in editor.form.editors["number"].edit.placeholderText()
    editor.form.editors["number"].set_value("")
    editor.form.on_edit()
    assert not [f for f in editor.validate_now() if f["severity"] == "error"]  # blank: issued on writing
    assert editor.findings == window.service.check(editor.document_id, editor.form.answers())
    generate(editor, qtbot)
    registry = open_store()
    try:
        held = registry.for_document(editor.document_id)
    finally:
        registry.close()
    number = held.number  # the document keeps the sample's number the registry holds for it
    assert number.startswith("（晋忻神）应急检记〔2026〕") and held.case_id == window.case_id
    assert editor.form.answers()["number"] == number
    assert window.service.document(editor.document_id)["answers"]["number"] == number
    assert window.service.status(editor.document_id)["state"] == GENERATED
    printed = window.service.printed(editor.document_id)[-1]
    assert next(v for v in window.service.versions(editor.document_id)
                if v["version"] == printed["version"])["answers"]["number"] == number
    assert number in _docx_text(editor.last_output)


def test_a_typed_number_the_registry_does_not_hold_is_refused_with_how_to_fix(window, qtbot):
    editor = open_kind(window, "inspection_record")
    editor.form.editors["number"].set_value("（晋忻神）应急检记〔2026〕99号")
    editor.form.on_edit()
    generate(editor, qtbot)
    assert "登记簿" in editor.banner_text.text() and editor.last_output is None
    # the registry holds 应急检记〔2026〕12号 for this sample document: it says so, beside the form, at its field
    assert "number.registry_differs" in editor.panel.codes("error") and "12号" in editor.banner_text.text()
    assert focused() is editor.form.editors["number"].focus_widget()


def test_a_second_document_of_the_same_kind_gets_its_own_row(window, qtbot):
    table = window.case_view.table
    row = next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "inspection_record")
    table.setFocus()
    table.setCurrentItem(table.topLevelItem(row))
    qtbot.keyClick(table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    editor = window.editor
    assert editor is not None and editor.kind.name == "inspection_record"
    assert editor.form.answers()["place"] == "神池县某煤业有限公司井下12采区"  # case memory
    assert "number" not in editor.form.answers()  # its own number, not the first record's
    window.back_to_case()
    rows = [r for r in window.case_view.rows if r["kind"].name == "inspection_record"]
    assert len(rows) == 2 and rows[0]["doc"]["document_id"] != rows[1]["doc"]["document_id"]


def test_two_inspection_records_generated_give_two_files_with_two_numbers(window, qtbot):
    """Both left without a number: each is issued its own and written to its own file (issue 10)."""
    import hashlib

    first = open_kind(window, "inspection_record")
    first.form.editors["number"].set_value("")
    first.form.on_edit()
    generate(first, qtbot)
    one = first.last_output
    assert one is not None, first.banner_text.text()
    digest = hashlib.sha256(one.read_bytes()).hexdigest()
    window.back_to_case()
    window.case_view.table.setCurrentItem(window.case_view.table.topLevelItem(
        next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "inspection_record")))
    window.case_view.new_of_selected()
    second = window.editor
    assert second.document_id != first.document_id
    sample = dict(second.form.answers())
    for key, value in get_kind("inspection_record").sample().items():
        if key != "number" and key in second.form.editors:
            second.form.editors[key].set_value(value)
    second.form.editors["place"].set_value("神池县某煤业有限公司地面变电所")
    second.form.on_edit()
    assert "number" not in sample
    generate(second, qtbot)
    two = second.last_output
    assert two is not None, second.banner_text.text()
    numbers = [window.service.document(e.document_id)["answers"]["number"] for e in (first, second)]
    assert numbers[0] != numbers[1] and numbers[0] in one.name and numbers[1] in two.name
    assert one != two and one.exists() and two.exists()
    assert hashlib.sha256(one.read_bytes()).hexdigest() == digest  # the first paper copy untouched
    assert "地面变电所" in _docx_text(two) and "地面变电所" not in _docx_text(one)


def test_double_activating_a_not_started_row_makes_one_document(window, qtbot):
    table = window.case_view.table
    index = next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "penalty_decision")
    item = table.topLevelItem(index)
    assert item.text(2) == "未开始"
    table.scrollToItem(item)
    rect = table.visualItemRect(item)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())  # Qt: doubleClicked and activated
    assert window.editor is not None and window.editor.kind.name == "penalty_decision"
    opened = window.editor.document_id
    table.itemActivated.emit(item, 0)  # and any activation still queued for the same row adds nothing
    table.itemDoubleClicked.emit(item, 0)
    assert window.editor.document_id == opened
    window.back_to_case()
    decisions = [d for d in window.case["documents"] if d["kind"] == "penalty_decision"]
    assert [d["document_id"] for d in decisions] == [opened]


def test_a_document_is_withdrawn_with_its_reason_and_kept(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    view = window.case_view
    before = row_of(window, "survey_record")["doc"]
    view.table.setCurrentItem(view.table.topLevelItem(view.rows.index(row_of(window, "survey_record"))))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  ", True))
    warnings = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    view.withdraw_button.click()  # no reason: refused by the service, nothing withdrawn
    assert warnings and "原因" in warnings[0]
    assert row_of(window, "survey_record")["state"] == "draft"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("勘验对象有误，重新制作", True))
    view.table.setCurrentItem(view.table.topLevelItem(view.rows.index(row_of(window, "survey_record"))))
    view.withdraw_button.click()
    rows = [r for r in view.rows if r["kind"].name == "survey_record"]
    assert [r["state"] for r in rows] == [None, "withdrawn"]  # a new one can be started; the old one stays
    withdrawn = view.table.topLevelItem(view.rows.index(rows[1]))
    assert withdrawn.text(2) == "已作废" and "勘验对象有误" in withdrawn.text(4)
    assert rows[1]["doc"]["document_id"] == before["document_id"]
    assert window.service.versions(before["document_id"])  # nothing deleted
    view._activated(withdrawn)  # opening it only says why it cannot be changed
    assert window.editor is None and "已作废" in window.statusBar().currentMessage()


def test_next_step_points_to_the_review_application_for_a_major_notice(window, qtbot):
    """A notice proposing 50000元 to an organisation makes the decision major: 下一步 is 法制审核, not an
    optional document."""
    service = window.service
    notice = row_of(window, "penalty_notice")["doc"]["document_id"]
    answers = dict(service.document(notice)["answers"],
                   penalties=[{"kind": "fine", "amount": 50000, "description": "罚款"}])
    service.save(notice, answers)
    ready, _held = service.generatable(window.case_id)
    for document_id in ready:
        service.generate(document_id)
    next_kinds = [n["kind"] for n in service.show(window.case_id)["next"]]
    assert "legal_review_application" in next_kinds
    if next_kinds[0] == "case_handling_approval":  # the 案件处理呈批表 (2016 式样 30) comes first: make it
        from samples import draft

        approval = service.add_document(window.case_id, "case_handling_approval", draft("case_handling_approval"))
        service.generate(approval)
    window.show_case(window.case_id)
    view = window.case_view
    assert view.major_frame.isVisible() and "5万元" in view.major_label.text()
    assert view.next_label.text() == "下一步（审核/讨论）：起草《重大行政执法决定法制审核申请表》"
    qtbot.keyClick(view.table, Qt.Key_Return, Qt.ControlModifier)  # Ctrl+Enter: the next step
    assert window.editor is not None and window.editor.kind.name == "legal_review_application"
    assert window.editor.form.answers()["proposed_decision"] == "罚款人民币50000.00元"  # from the notice


def test_a_time_one_minute_ago_typed_after_waiting_is_not_in_the_future(clocked_window, clock, qtbot):
    """"Now" is read at every check, not when the form opened (issue 10)."""
    window = clocked_window
    editor = open_kind(window, "inspection_record")
    form = editor.form
    form.editors["time"].set_value({"start": "2026-11-20T10:00", "end": "2026-11-20T10:30"})
    form.on_edit()
    assert "time.future" not in [f["code"] for f in editor.validate_now()]
    clock.advance(minutes=30)  # the clerk keeps the form open for half an hour: now 11:30
    form.go_to_step(form.step_of("/time/end"))
    end = form.editors["time"].fields["end"].focus_widget()
    end.setFocus()
    end.setDateTime(end.minimumDateTime())
    type_into(qtbot, "202611201129")  # one minute ago
    qtbot.waitUntil(lambda: form.answers()["time"]["end"] == "2026-11-20T11:29")
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    assert "time.future" not in editor.panel.codes()
    end.setDateTime(end.minimumDateTime())
    type_into(qtbot, "202611201131")  # one minute ahead: that is in the future
    qtbot.waitUntil(lambda: "time.future" in editor.panel.codes("error"))
    assert "11:30" in editor.panel.card_for("time.future").finding["message"]


def test_documents_follow_the_procedure_stages_whatever_their_order_numbers(window):
    from types import SimpleNamespace as K

    from wenshu.service import case_kinds, procedure_order

    kinds = [K(name="n", stage="公文", order=1), K(name="close", stage="结案", order=90),
             K(name="decide", stage="决定", order=110), K(name="file", stage="立案", order=10),
             K(name="inspect", stage="检查/询问", order=20), K(name="ask", stage="检查/询问", order=21)]
    assert [k.name for k in procedure_order(kinds)] == ["file", "inspect", "ask", "decide", "close", "n"]
    # the case page lists the service's case kinds in that order, one row at least each, no 公文
    assert list(dict.fromkeys(r["kind"].name for r in window.case_view.rows)) == [k.name for k in case_kinds()]


def test_the_fingerprint_on_a_paper_copy_leads_back_to_its_version(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    service = window.service
    other = service.new_case({"title": "另一案", "party": {"name": "王某"}})
    doc = service.add_document(other, "inspection_record", {"place": "甲地"})
    row = service.store.ids_starting("documents", doc)[0][0]
    service.store.record_printed(row, 1, "/tmp/a.docx", "0123456789ABCDEF", "clerk")
    service.save(doc, {**service.document(doc)["answers"], "place": "乙地"}, reason="地点更正")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("0123456789abcdef", True))
    window.find_by_fingerprint()
    assert window.case_id == other
    assert window.editor is not None and window.editor.document_id == doc
    message = window.statusBar().currentMessage()
    assert "第 1 版" in message and "之后有修改" in message


def test_renaming_a_case_shows_in_the_list_and_the_header(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("某煤业公司未佩戴自救器案", True))
    window.rename_case()
    assert window.case_view.title.text() == "某煤业公司未佩戴自救器案"
    assert window.case_list.currentItem().text().startswith("某煤业公司未佩戴自救器案")
    assert window.service.case(window.case_id)["title"] == "某煤业公司未佩戴自救器案"
