"""Drive the real window as a clerk would: keyboard, findings, jump to a field, generate, open the .docx."""

from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from wenshu.store import GENERATED, Store

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


def test_first_start_shows_the_sample_case_with_its_next_step(window):
    assert window.case["title"] == "神池县某煤业有限公司安全生产违法案"
    assert "神池县某煤业有限公司" in window.case_view.info["party"].text()
    states = {r["kind"].name: r["state"] for r in window.case_view.rows}
    assert states["inspection_record"] == "draft"
    assert "下一步" in window.case_view.next_label.text()


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
    assert editor.store.get_document(editor.doc["id"])["state"] == "error"

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

    # generate: Ctrl+G, rendered in the worker; the .docx holds what was typed
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
    doc = editor.store.get_document(editor.doc["id"])
    assert doc["state"] == GENERATED
    assert editor.store.printed(doc["id"])[0]["fingerprint"]

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
    store = window.store
    case = window.case
    for doc in store.documents(case["id"]):  # every document of the sample case printed …
        store.record_printed(doc["id"], doc["version"], "/tmp/none.docx", "ABC", "test")
    store.update_case(case["id"], party=dict(case["party"], name="神池县某煤业有限责任公司"))
    window.show_case(case["id"])
    row = next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "inspection_record")
    item = window.case_view.table.topLevelItem(row)
    assert item.text(2) == "已过时"
    assert "被检查单位（人）" in item.text(4)
    assert "重新生成" in window.case_view.next_label.text()  # … so the next step is to print again


def test_search_filters_the_case_list(window, qtbot):
    window.store.create_case("另一案", {"name": "王某个体户"})
    window.refresh_cases()
    assert window.case_list.count() == 2
    window.focus_search()
    type_into(qtbot, "王某")
    assert window.case_list.count() == 1
    assert "另一案" in window.case_list.item(0).text()


def test_officer_picker_warns_before_expiry_and_refuses_after(window, qtbot):
    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document("inspection_record", row["doc"]["id"])
    picker = window.editor.form.editors["officers"].rows[0][1].picker
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
    dialog = RosterDialog(window.store, window)
    qtbot.addWidget(dialog)
    before = dialog.table.rowCount()
    dialog.add_row("孙七", "执法二队", "14090099999", "下个月")
    dialog.accept()
    assert warnings and "无法识别" in warnings[0]
    assert len(window.store.officers()) == before
    dialog.table.item(before, 3).setText("2030-01-31")
    dialog.accept()
    assert any(o["name"] == "孙七" and o["valid_until"] == "2030-01-31" for o in window.store.officers())


def test_generate_all_writes_every_document_without_errors(window, qtbot):
    window.generate_all()
    qtbot.waitUntil(lambda: getattr(window, "last_results", None) is not None, timeout=60000)
    assert window.last_results and all(not r["error"] for r in window.last_results)
    for r in window.last_results:
        assert Path(r["path"]).exists()
        assert window.store.printed(r["doc_id"])[0]["fingerprint"] == r["fingerprint"]
    states = {r["state"] for r in window.case_view.rows if r["doc"]}
    assert states == {GENERATED}


def test_export_and_import_through_the_menu(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "导出.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    window.export_case()
    assert out.exists()
    window.import_case()
    assert window.case_list.count() == 2
    assert window.case["title"] == "神池县某煤业有限公司安全生产违法案"
    assert window.case_list.currentItem().data(Qt.UserRole + 1) == window.case["id"]


def test_a_locked_store_is_reported_and_the_edit_saved_once_it_is_free(qtbot):
    import sqlite3

    from desktop.app import open_main_window
    from wenshu.store import default_path

    window = open_main_window(Store(timeout=0.05))
    qtbot.addWidget(window)
    window.show()
    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document("inspection_record", row["doc"]["id"])
    editor = window.editor
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
    assert Store().get_document(editor.doc["id"])["answers"]["place"].endswith("-B")
    assert "已自动保存" in editor.status.text()


def test_regenerating_a_changed_document_records_a_correction_with_its_reason(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document("inspection_record", row["doc"]["id"])
    editor = window.editor
    editor.generate()
    qtbot.waitUntil(lambda: editor.last_output is not None, timeout=60000)
    first = editor.last_output
    editor.last_output = None
    place = editor.form.editors["place"].focus_widget()
    place.setFocus()
    place.selectAll()
    type_text(qtbot, place, "神池县某煤业有限公司井下14采区")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("检查场所写错", True))
    editor.generate()
    qtbot.waitUntil(lambda: editor.last_output is not None, timeout=60000)
    store = editor.store
    versions = store.versions(editor.doc["id"])
    assert versions[-1]["reason"] == "检查场所写错"
    assert versions[-1]["answers"]["place"] == "神池县某煤业有限公司井下14采区"
    printed = store.printed(editor.doc["id"])
    assert len(printed) == 2 and printed[0]["fingerprint"] != printed[1]["fingerprint"]
    assert printed[0]["version"] < printed[1]["version"]
    assert "井下14采区" in _docx_text(editor.last_output)
    assert editor.last_output != first and "井下12采区" in _docx_text(first)  # the first paper copy stays


def test_a_blank_number_is_issued_by_the_registry_when_the_document_is_written(window, qtbot):
    """The number reaches the form, a saved version, the printed record, the file and the registry."""
    from wenshu.registry import open_store

    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document("inspection_record", row["doc"]["id"])
    editor = window.editor
    assert "〔2026〕　　号" in editor.form.editors["number"].edit.placeholderText()
    editor.form.editors["number"].set_value("")
    editor.form.on_edit()
    assert not [f for f in editor.validate_now() if f["severity"] == "error"]  # blank: issued on writing
    editor.generate()
    qtbot.waitUntil(lambda: editor.last_output is not None, timeout=60000)
    registry = open_store()
    try:
        held = registry.for_document(str(editor.doc["id"]))
    finally:
        registry.close()
    # the sample's 12号 was this document's; cleared, the registry gives the document a number of its own
    number = held.number
    assert number.startswith("（晋忻神）应急检记〔2026〕") and held.case_id == str(window.case["id"])
    assert editor.form.answers()["number"] == number
    doc = editor.store.get_document(editor.doc["id"])
    assert doc["answers"]["number"] == number and doc["state"] == GENERATED
    printed = editor.store.printed(doc["id"])[-1]
    assert editor.store.version_answers(doc["id"], printed["version"])["number"] == number
    assert number in _docx_text(editor.last_output)


def test_a_typed_number_the_registry_does_not_hold_is_refused_with_how_to_fix(window, qtbot):
    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document("inspection_record", row["doc"]["id"])
    editor = window.editor
    editor.form.editors["number"].set_value("（晋忻神）应急检记〔2026〕99号")
    editor.form.on_edit()
    editor.generate()
    qtbot.waitUntil(lambda: editor.banner.property("level") == "error", timeout=60000)
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
    assert len(rows) == 2 and rows[0]["doc"]["id"] != rows[1]["doc"]["id"]


def test_documents_follow_the_procedure_stages_whatever_their_order_numbers():
    from types import SimpleNamespace as K

    from desktop.main_window import procedure_order

    kinds = [K(name="n", stage="公文", order=1), K(name="close", stage="结案", order=90),
             K(name="decide", stage="决定", order=110), K(name="file", stage="立案", order=10),
             K(name="inspect", stage="检查/询问", order=20), K(name="ask", stage="检查/询问", order=21)]
    assert [k.name for k in procedure_order(kinds)] == ["file", "inspect", "ask", "decide", "close", "n"]


def test_the_fingerprint_on_a_paper_copy_leads_back_to_its_version(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    store = window.store
    other = store.create_case("另一案", {"name": "王某"})
    doc_id = store.add_document(other, "inspection_record", {"place": "甲地"})
    store.record_printed(doc_id, 1, "/tmp/a.docx", "0123456789ABCDEF", "clerk")
    store.save_document(doc_id, {"place": "乙地"}, "draft", reason="地点更正")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("0123456789abcdef", True))
    window.find_by_fingerprint()
    assert window.case["id"] == other
    assert window.editor is not None and window.editor.doc["id"] == doc_id
    message = window.statusBar().currentMessage()
    assert "第 1 版" in message and "之后有修改" in message


def test_renaming_a_case_shows_in_the_list_and_the_header(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("某煤业公司未佩戴自救器案", True))
    window.rename_case()
    assert window.case_view.title.text() == "某煤业公司未佩戴自救器案"
    assert window.case_list.currentItem().text().startswith("某煤业公司未佩戴自救器案")
    assert window.store.get_case(window.case["id"])["title"] == "某煤业公司未佩戴自救器案"
