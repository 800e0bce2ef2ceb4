"""The app's 法条查询 (Ctrl+L, issue 13): search by words or article number, the article as published,
with its 法律责任 annotations; 设置 imports the agency's tables, refusing a bad one row by row."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.law_view import LawDialog


def test_law_viewer_searches_words_and_article_numbers(qtbot):
    dialog = LawDialog()
    qtbot.addWidget(dialog)
    dialog.search_box.setText("可燃气体 报警")
    assert dialog.results.count() == 2
    assert dialog.text.toPlainText().splitlines()[3].startswith("第三十六条 安全设备的设计")
    dialog.search_box.setText("安全生产法 第九十九条")
    assert dialog.results.count() == 1 and dialog.count.text() == "找到 1 条"
    text = dialog.text.toPlainText()
    assert "（二）安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准的；" in text
    assert "法律责任标注" in text and "罚款5万元以下" in text and "第三十六条第一款" in text
    dialog.search_box.setText("没有这样的词语")
    assert dialog.results.count() == 0 and dialog.text.toPlainText() == ""


def test_settings_import_reports_every_bad_row(window, tmp_path, monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a, **k: said.append((title, text)))
    bad = tmp_path / "库.csv"
    bad.write_text("编号,违法行为,违反条款,处罚依据\nX-1,甲,《中华人民共和国安全生产法》第三十五条,《中华人民共和国安全生产法》第一百二十条\n",
                   encoding="utf-8")
    window._import_table("导入违法行为库", "import_library", "条违法行为", str(bad))
    assert said[-1][0] == "导入违法行为库" and "第2行" in said[-1][1] and "未导入任何内容" in said[-1][1]
    good = tmp_path / "好.csv"
    good.write_text("编号,违法行为,违反条款,处罚依据\nX-2,乙,《中华人民共和国安全生产法》第三十五条,"
                    "《中华人民共和国安全生产法》第九十九条第（一）项\n", encoding="utf-8")
    window._import_table("导入违法行为库", "import_library", "条违法行为", str(good))
    assert said[-1] == ("导入违法行为库", "已导入 1 条违法行为。")


def test_library_editor_saves_all_rows_or_none(qtbot, monkeypatch):
    from desktop.law_view import LibraryDialog
    from wenshu import violations

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: said.append(text))
    dialog = LibraryDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and dialog.findChild(type(dialog.table), "libraryTable") is dialog.table
    safety = "《中华人民共和国安全生产法》"
    dialog.add_row(["JG-9", "警示标志缺失", "", f"{safety}第三十五条", f"{safety}第九十九条第（一）项", "单位", "罚款", "60000"])
    assert dialog.save() is False and "第2行" in said[-1] and "未保存任何改动" in said[-1] and "5万元以下" in said[-1]
    assert violations.agency_entries() == []
    dialog.table.item(0, 7).setText("6000")
    assert dialog.save() is True and said[-1] == "已保存本机关违法行为 1 条。"
    assert [e["id"] for e in violations.agency_entries()] == ["JG-9"]
    again = LibraryDialog()
    qtbot.addWidget(again)
    assert again.rows() == [["JG-9", "警示标志缺失", "", f"{safety}第三十五条", f"{safety}第九十九条第（一）项", "单位", "罚款", "6000"]]
