"""设置 → 机关配置 and the first-run wizard, as a clerk uses them (pytest-qt, offscreen; issue 19)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel

from desktop.settings_view import SettingsDialog, SetupWizard
from templates.kinds import get_kind
from wenshu import profile


def _visible_text(widget) -> str:
    texts = [w.text() for w in widget.findChildren(QLabel)]
    from PySide6.QtWidgets import QComboBox

    for box in widget.findChildren(QComboBox):
        texts += [box.itemText(i) for i in range(box.count())]
    return "\n".join(texts)


def test_agency_page_saves_names_and_header_and_the_documents_print_them(qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    page = dialog.pages[0]
    page.edits["name"].setText("大同市应急管理局")
    page.edits["region"].setText("晋同")
    page.edits["court"].setText("大同市平城区人民法院")
    page.header.setCurrentText("煤矿安全监管行政执法文书")
    dialog.save()
    assert dialog.result() == QDialog.Accepted
    doc = profile.current_profile()
    assert doc["agency"]["court"] == "大同市平城区人民法院" and doc["header"] == "煤矿安全监管行政执法文书"
    import io

    import docx

    from templates.render import render_bytes
    from wenshu.settings import load_settings

    data = render_bytes(get_kind("inspection_record"), get_kind("inspection_record").sample(), settings=load_settings())
    assert "煤矿安全监管行政执法文书" in "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_an_empty_header_is_refused_in_chinese_and_the_dialog_stays_open(qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.pages[0].header.setCurrentText("  ")
    dialog.save()
    assert dialog.result() != QDialog.Accepted
    assert "不能为空" in dialog.message.text()
    assert profile.current_profile()["header"] == "安全生产行政执法文书"


def test_rule_sets_are_shown_by_their_regulation_names_never_by_id(qtbot):
    dialog = SettingsDialog(page=2)
    qtbot.addWidget(dialog)
    rules = dialog.pages[2]
    titles = [rules.rule_set.itemText(i) for i in range(rules.rule_set.count())]
    assert any("重大行政执法决定法制审核制度" in t for t in titles)
    assert "seed" not in _visible_text(dialog)
    rules.rule_set.setCurrentIndex(rules.rule_set.findData("seed002"))
    rules.retention.setCurrentText("10年")
    dialog.save()
    assert profile.current_profile()["rule_set"] == "seed002"
    assert profile.current_profile()["retention"] == "10年"


def test_fonts_page_lists_installed_families_checks_rare_characters_and_offers_a_face(qtbot):
    dialog = SettingsDialog(page=3)
    qtbot.addWidget(dialog)
    fonts = dialog.pages[3]
    box = fonts.boxes["仿宋"]
    assert box.findData("cwTeXFangSong") >= 0 and box.findData("Noto Serif CJK SC") >= 0
    assert "小标宋" in fonts.warning.text()  # no 小标宋 face is installed on this machine
    box.setCurrentIndex(box.findData("cwTeXFangSong"))
    fonts.text.setText("神池县现代煤业")
    fonts.check_text()
    assert "“现”" in fonts.result.text() and "cwTeXFangSong" in fonts.result.text()
    assert not fonts.use_fallback.isHidden()
    fonts.use_fallback.click()
    assert box.currentData() != "cwTeXFangSong"
    assert fonts.result.text() == "所选仿宋字体能印出全部文字。"
    dialog.save()
    assert profile.current_profile()["fonts"]["仿宋"] == box.currentData()


def test_templates_page_refuses_a_template_with_errors_and_takes_a_good_one(qtbot, tmp_path):
    from tests.test_template_lint import _edited_like_word

    bad = tmp_path / "bad.docx"
    bad.write_bytes(_edited_like_word("case_filing", extra=[["{{ no_such_field }}"]]))
    good = tmp_path / "good.docx"
    good.write_bytes(_edited_like_word("case_filing"))
    dialog = SettingsDialog(page=4)
    qtbot.addWidget(dialog)
    page = dialog.pages[4]
    row = [k.name for k in page.kinds].index("case_filing")
    page.table.selectRow(row)
    page.use_file(str(bad))
    assert "未采用" in page.report.toPlainText() and "no_such_field" in page.report.toPlainText()
    assert page.table.item(row, 1).text() == "内置模板"
    page.use_file(str(good))
    assert page.table.item(row, 1).text() == "本机关的模板"
    assert "case_filing" in profile.current_profile()["template_overrides"]
    page.restore()
    assert page.table.item(row, 1).text() == "内置模板"


def test_export_and_import_from_the_dialog(qtbot, tmp_path):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.pages[0].edits["name"].setText("朔州市应急管理局")
    path = tmp_path / "机关配置.json"
    dialog.export_file(str(path))
    assert "已导出" in dialog.message.text() and path.exists()
    path2 = tmp_path / "new.json"
    path2.write_text('{"format": "wenshu.profile", "version": 9}', encoding="utf-8")
    dialog.import_file(str(path2))
    assert "较新版本" in dialog.message.text()


def test_first_run_wizard_asks_the_agency_name_and_previews_a_sample(qtbot):
    assert profile.needs_setup()
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.name.setText("")
    wizard.finish()
    assert "请填写执法机关名称" in wizard.message.text() and profile.needs_setup()
    wizard.name.setText("大同市应急管理局")
    wizard.region.setText("晋同")
    assert wizard.preview()
    assert wizard.page.pixmap() is not None and not wizard.page.pixmap().isNull()
    wizard.finish()
    assert not profile.needs_setup()
    assert profile.current_profile()["agency"]["region"] == "晋同"


def test_the_settings_menu_opens_the_profile(window):
    names = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    assert any(n.startswith("机关配置") for n in names)
