"""The app's office-mode views (issue 16): 设置 → 数据库 keeps the server and user but never the password in
the settings file; the 审核队列 shows the case a clerk submitted, and records the reviewer's conclusion."""

from __future__ import annotations

import json
import os
import uuid

from pg_helpers import login_url

from wenshu import office
from wenshu.pg import admin
from wenshu.pg.store import PgStore
from wenshu.service import CaseService

PARTY = {"type": "organization", "name": "神池县某煤业有限公司"}
SHOTS = os.environ.get("WENSHU_SHOTS")  # a folder: the dialogs are also saved there as PNGs (to look at)


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def test_the_database_page_saves_server_and_user_never_the_password(qtbot, wenshu_home):
    from desktop.office_view import DatabaseDialog

    dialog = DatabaseDialog()
    qtbot.addWidget(dialog)
    assert dialog.local.isChecked() and not dialog.host.isEnabled()
    dialog.remote.setChecked(True)
    dialog.host.setText("192.168.1.10")
    dialog.user.setText("zhangsan")
    dialog.password.setText("秘密口令-123")
    dialog.show()
    _shot(dialog, "office_database.png")
    dialog.save()
    text = (wenshu_home / "settings.json").read_text(encoding="utf-8")
    assert json.loads(text)["database"] == {"host": "192.168.1.10", "port": 5432, "dbname": "wenshu",
                                            "user": "zhangsan"}
    assert "秘密口令" not in text
    assert office.database_settings()["mode"] == "office"


def test_the_database_page_says_why_a_connection_fails(qtbot):
    from desktop.office_view import DatabaseDialog

    dialog = DatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.remote.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    dialog.user.setText("zhangsan")
    dialog.test()
    assert "无法连接单位数据库服务器" in dialog.message.text()


def test_the_review_queue_shows_the_submitted_case_and_records_the_conclusion(qtbot, office_db):
    from desktop.office_view import ReviewQueueDialog

    tag = uuid.uuid4().hex[:6]
    admin.init_database(office_db, f"adm_{tag}", password="pw")
    admin.add_user(office_db, f"c_{tag}", "承办人", "张三", password="pw")
    admin.add_user(office_db, f"r_{tag}", "法制审核", "李法审", password="pw")
    clerk = CaseService(PgStore(login_url(office_db, f"c_{tag}")))
    reviewer = CaseService(PgStore(login_url(office_db, f"r_{tag}")))
    case = clerk.new_case({"party": PARTY, "title": "某煤业公司未按规定安装报警装置案"})
    office.submit(clerk, case, subject="拟作出罚款五万元的行政处罚决定")
    dialog = ReviewQueueDialog(reviewer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "某煤业公司未按规定安装报警装置案"
    assert dialog.table.item(0, 5).text() == "待审核"
    _shot(dialog, "office_queue.png")
    dialog.table.selectRow(0)
    dialog.opinion.setText("事实清楚，证据确凿")
    dialog.record()
    assert dialog.table.rowCount() == 0 and "结论已记录" in dialog.message.text()
    assert [i["what"] for i in office.my_items(clerk)] == ["法制审核结论：同意（某煤业公司未按规定安装报警装置案）"]
    from desktop.app import open_main_window

    window = open_main_window(service=clerk)  # 今日待办 shows the conclusion to the clerk
    qtbot.addWidget(window)
    window.show_agenda([])
    assert "法制审核结论：同意（某煤业公司未按规定安装报警装置案）" in window.agenda_dialog.office_label.text()
    _shot(window.agenda_dialog, "office_agenda.png")
    # the clerk's own queue view: the database refuses the clerk's conclusion, said in the dialog
    office.submit(clerk, case, subject="再次审核")
    mine = ReviewQueueDialog(clerk)
    qtbot.addWidget(mine)
    mine.table.selectRow(0)
    mine.record()
    assert "数据库拒绝了此操作" in mine.message.text()


def test_a_document_open_in_another_window_opens_read_only_with_who_edits_it(qtbot, office_db):
    from samples import draft

    from desktop.app import open_main_window

    tag = uuid.uuid4().hex[:6]
    admin.init_database(office_db, f"adm_{tag}", password="pw")
    admin.add_user(office_db, f"c_{tag}", "承办人", "张三", password="pw")
    admin.add_user(office_db, f"r_{tag}", "法制审核", "李法审", password="pw")
    clerk = CaseService(PgStore(login_url(office_db, f"c_{tag}")))
    case = clerk.new_case({"party": PARTY})
    doc = clerk.add_document(case, "inspection_record", draft("inspection_record"))
    first = open_main_window(service=clerk)
    qtbot.addWidget(first)
    first.open_document(doc)
    assert first.editor is not None and first.editor.read_only is None
    second = open_main_window(service=CaseService(PgStore(login_url(office_db, f"c_{tag}"))))
    qtbot.addWidget(second)
    second.open_document(doc)
    assert "正由张三编辑" in second.editor.read_only
    assert "正由张三编辑" in second.editor.banner_text.text()
    assert second.editor.status.text() == "只读"  # not "内容已损坏": the content is fine, only open elsewhere
    second.show()
    _shot(second, "office_read_only.png")
    reviewer = open_main_window(service=CaseService(PgStore(login_url(office_db, f"r_{tag}"))))
    qtbot.addWidget(reviewer)
    reviewer.open_document(doc)
    assert "由承办人起草" in reviewer.editor.read_only
    first.close_editor()  # the lock goes with the editor: now the second window may edit
    second.open_document(doc)
    assert second.editor.read_only is None
