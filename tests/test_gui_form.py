"""The form is generated from any kind's schema: every x-widget, repeated items, enums, show-if, jump to a path."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.form import DocumentForm, FormContext
from templates.kinds import Kind
from validators.context import Certificate

ROOT = Path(__file__).resolve().parent.parent

SCHEMA = {
    "type": "object",
    "x-wenshu": {"steps": [
        {"title": "甲", "fields": ["text", "note", "when", "day", "span"]},
        {"title": "乙", "fields": ["team", "party", "fine", "count", "choice", "agreed", "hearing_day"]},
        {"title": "丙", "fields": ["qa", "tags"]},
    ]},
    "properties": {
        "text": {"type": "string", "title": "文字", "x-widget": "text"},
        "note": {"type": "string", "title": "备注", "x-widget": "textarea"},
        "when": {"type": "string", "title": "时间", "x-widget": "datetime"},
        "day": {"type": "string", "title": "日期", "x-widget": "date"},
        "span": {"type": "object", "title": "起止", "x-widget": "time_range", "properties": {
            "start": {"type": "string", "title": "开始", "x-widget": "datetime"},
            "end": {"type": "string", "title": "结束", "x-widget": "datetime"}}},
        "team": {"type": "array", "title": "执法人员", "x-widget": "officers", "items": {"type": "object", "properties": {
            "name": {"type": "string", "title": "姓名"}, "cert_no": {"type": "string", "title": "执法证号"}}}},
        "party": {"type": "object", "title": "当事人", "x-widget": "party", "properties": {
            "type": {"type": "string", "title": "类别", "enum": ["organization", "person"],
                     "x-enum-titles": {"organization": "单位", "person": "个人"}},
            "name": {"type": "string", "title": "名称"},
            "uscc": {"type": "string", "title": "统一社会信用代码", "x-show-if": {"type": "organization"}},
            "id_no": {"type": "string", "title": "身份证号", "x-show-if": {"type": "person"}}}},
        "fine": {"type": ["number", "string"], "title": "罚款", "x-widget": "money"},
        "count": {"type": "integer", "title": "份数"},
        "choice": {"type": "string", "title": "送达方式", "enum": ["direct", "mail"],
                   "x-enum-titles": {"direct": "直接送达", "mail": "邮寄送达"}},
        "agreed": {"type": "boolean", "title": "当事人同意"},
        "hearing_day": {"type": "string", "title": "听证日期", "x-widget": "date", "x-show-if": {"agreed": True}},
        "qa": {"type": "array", "title": "问答", "items": {"type": "object", "properties": {
            "q": {"type": "string", "title": "问", "x-widget": "textarea"},
            "a": {"type": "string", "title": "答", "x-widget": "textarea"}}}},
        "tags": {"type": "array", "title": "标签", "items": {"type": "string", "title": "标签"}},
        "extra": {"type": "string", "title": "附加说明"},
    },
}

ANSWERS = {
    "text": "甲乙 & <丙>", "note": "第一行\n第二行", "when": "2026-11-20T09:30", "day": "2026-11-21",
    "span": {"start": "2026-11-20T09:30", "end": "2026-11-20T11:00"},
    "team": [{"name": "张三", "cert_no": "1"}, {"name": "李四", "cert_no": "2"}],
    "party": {"type": "organization", "name": "某公司", "uscc": "91110000600037341L"},
    "fine": 12000, "count": 3, "choice": "mail", "agreed": True, "hearing_day": "2026-12-01",
    "qa": [{"q": "你的姓名？", "a": "王五"}, {"q": "是否申请回避？", "a": "不申请"}],
    "tags": ["一", "二"], "extra": "不在任何一步中的字段", "not_in_schema": {"kept": True},
}


def kind(tmp_path) -> Kind:
    return Kind(name="synthetic", title="测试文书", code=None, record=False, stage="决定", order=50,
                folder=tmp_path, schema=SCHEMA)


@pytest.fixture
def form(qtbot, tmp_path):
    roster = [Certificate("张三", "1", valid_until=None), Certificate("王强", "9")]
    f = DocumentForm(kind(tmp_path), ANSWERS, FormContext(roster, {"type": "person", "name": "赵甲", "id_no": "X"}))
    qtbot.addWidget(f)
    f.resize(1000, 700)
    f.show()
    return f


def test_every_widget_gives_back_the_answers_it_was_given(form):
    assert form.answers() == ANSWERS
    titles = [form.steps_list.item(i).text() for i in range(form.steps_list.count())]
    assert titles == ["1. 甲", "2. 乙", "3. 丙", "4. 其他"]


def test_widgets_are_the_proper_ones_with_chinese_text(form):
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QPlainTextEdit

    assert isinstance(form.editors["when"].focus_widget(), QDateTimeEdit)
    assert isinstance(form.editors["note"].focus_widget(), QPlainTextEdit)
    assert isinstance(form.editors["agreed"].focus_widget(), QCheckBox)
    combo = form.editors["choice"].focus_widget()
    assert isinstance(combo, QComboBox) and combo.currentText() == "邮寄送达"
    assert form.editors["fine"].capital.text() == "大写：人民币壹万贰仟元整"


def test_money_shows_the_capital_amount_as_typed(form, qtbot):
    edit = form.editors["fine"].edit
    edit.clear()
    qtbot.keyClicks(edit, "10005.5")
    assert form.editors["fine"].capital.text() == "大写：人民币壹万零伍元伍角整"
    assert form.answers()["fine"] == "10005.5"
    qtbot.keyClicks(edit, "x")
    assert "无法识别" in form.editors["fine"].capital.text()


def test_show_if_hides_fields_that_do_not_apply_and_leaves_them_out(form, qtbot):
    party = form.editors["party"]
    combo = party.fields["type"].focus_widget()
    combo.setCurrentIndex(combo.findData("person"))
    assert party.fields["uscc"].widget.isHidden() and not party.fields["id_no"].widget.isHidden()
    assert "uscc" not in form.answers()["party"]
    party.take_case_party()
    assert form.answers()["party"] == {"type": "person", "name": "赵甲", "id_no": "X"}


def test_a_field_shown_only_when_another_answer_applies(form, qtbot):
    check = form.editors["agreed"].focus_widget()
    form.go_to_step(1)
    check.setFocus()
    qtbot.keyClick(check, Qt.Key_Space)
    assert form.answers()["agreed"] is False
    assert "hearing_day" not in form.answers()
    assert form.editors["hearing_day"].widget.isHidden() or not form.editors["hearing_day"].widget.isVisible()
    qtbot.keyClick(check, Qt.Key_Space)
    assert form.answers()["hearing_day"] == "2026-12-01"


def test_repeated_items_are_added_and_removed_with_buttons(form, qtbot):
    qa = form.editors["qa"]
    form.go_to_step(2)
    qtbot.mouseClick(qa.add_button, Qt.LeftButton)
    assert QApplication.focusWidget() is qa.rows[2][1].fields["q"].focus_widget()
    qtbot.keyClicks(QApplication.focusWidget(), "Q3")
    assert form.answers()["qa"][2] == {"q": "Q3"}
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)  # Tab goes on through the new item
    assert QApplication.focusWidget() is qa.rows[2][1].fields["a"].focus_widget()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is qa.add_button
    remove = qa.rows[0][0].findChild(type(qa.add_button), "removeItem")
    remove.setFocus()
    qtbot.keyClick(remove, Qt.Key_Space)  # keyboard only: Tab to 删除, Space
    assert [item.get("q") for item in form.answers()["qa"]] == ["是否申请回避？", "Q3"]


def test_a_finding_path_leads_to_its_widget_on_its_step(form):
    widget = form.focus_path("/qa/1/a")
    assert form.current_step() == 2
    assert widget is form.editors["qa"].rows[1][1].fields["a"].focus_widget()
    form.mark([{"path": "/fine", "code": "money.invalid", "severity": "error", "message": "金额有误"},
               {"path": "/team/1/cert_no", "code": "x", "severity": "warning", "message": "证件"}])
    assert form.editors["fine"].focus_widget().property("finding") == "error"
    assert form.editors["team"].rows[1][1].fields["cert_no"].focus_widget().property("finding") == "warning"
    assert form.steps_list.item(1).text().endswith("●")
    assert not form.steps_list.item(0).text().endswith("●")


def test_blank_date_time_is_left_out_and_typing_fills_it(form, qtbot):
    picker = form.editors["when"].edit
    picker.setDateTime(picker.minimumDateTime())
    assert "when" not in form.answers()
    picker.setFocus()
    qtbot.keyClicks(picker, "202612010800")
    assert form.answers()["when"] == "2026-12-01T08:00"


def test_screenshot_command_writes_a_large_enough_picture(tmp_path, wenshu_home):
    out = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "-m", "wenshu", "gui", "--screenshot", str(out)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() >= 1280 and image.height() >= 800
    assert not (wenshu_home / "wenshu.sqlite3").exists()  # the user's data is never touched


def test_a_long_editing_session_does_not_abort_the_app():
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call; desktop/ guards against it."""
    code = ("import desktop\n"
            "from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit\n"
            "app = QApplication([])\n"
            "edit, box = QLineEdit(), QCheckBox()\n"
            "for i in range(60000):\n"
            "    edit.setText(str(i)); box.setChecked(i % 2 == 0); box.isChecked()\n"
            "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]


def test_enter_in_a_line_moves_to_the_next_field(form, qtbot):
    text = form.editors["text"].focus_widget()
    text.setFocus()
    qtbot.keyClick(text, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["note"].focus_widget())


def test_a_damaged_store_stops_the_app_with_a_chinese_message_and_leaves_the_file(wenshu_home):
    db = wenshu_home / "wenshu.sqlite3"
    db.write_bytes(b"\x00garbage" * 512)
    done = subprocess.run([sys.executable, "-m", "wenshu", "gui"], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 2
    assert "已损坏" in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == b"\x00garbage" * 512


def test_qt_standard_dialogs_speak_chinese(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import application

    application()
    box = QMessageBox(QMessageBox.Warning, "执法文书助手", "内容", QMessageBox.Ok | QMessageBox.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_a_widget_default_is_no_answer_until_the_field_is_changed(qtbot, tmp_path):
    """An unchecked box or a first choice shown by a widget is not what the user answered: the form gives
    back exactly what it was given (so the editor checks what the service checks), changes on top."""
    f = DocumentForm(kind(tmp_path), {"text": "", "party": {"name": "某公司"}})
    qtbot.addWidget(f)
    assert f.editors["agreed"].value() is False and f.editors["party"].fields["type"].value() == "organization"
    assert f.answers() == {"text": "", "party": {"name": "某公司"}}
    f.editors["agreed"].focus_widget().setChecked(True)
    f.editors["party"].fields["name"].set_value("某有限公司")
    f.on_edit()
    assert f.answers() == {"text": "", "agreed": True, "party": {"type": "organization", "name": "某有限公司"}}


# --- a long repeated group opens with its first items drawn (issue 17) ------------------------------------

def test_a_list_of_200_penalties_opens_with_its_first_items_and_keeps_every_one(qtbot):
    from desktop.form_fields import FIRST_ITEMS
    from templates.kinds import get_kind

    penalties = [{"kind": "fine", "amount": 1000 + i, "description": f"第{i}项"} for i in range(200)]
    answers = {**get_kind("penalty_decision").sample(), "penalties": penalties}
    f = DocumentForm(get_kind("penalty_decision"), answers)
    qtbot.addWidget(f)
    group = f.editors["penalties"]
    assert len(group.rows) == FIRST_ITEMS and group.more_button.text() == f"显示其余 {200 - FIRST_ITEMS} 项"
    assert f.answers()["penalties"] == penalties  # the items not drawn are saved and checked all the same
    group.rows[0][1].set_value({"kind": "fine", "amount": 5, "description": "改"})
    assert f.answers()["penalties"] == [{"kind": "fine", "amount": 5, "description": "改"}, *penalties[1:]]
    widget = f.focus_path("/penalties/150/amount")  # jumping to a finding on item 151 draws the items
    assert widget is not None and len(group.rows) == 200 and group.more_button.isHidden()
    assert f.answers()["penalties"][150] == penalties[150]
