"""Screenshots of the first-run wizard and the 设置 → 机关配置 pages (issue 19) into docs/images/.

    QT_QPA_PLATFORM=offscreen python tools/settings_screenshots.py

Uses a temporary data folder (the user's settings are untouched). The wizard's preview needs an office
suite (LibreOffice, Word or WPS) to turn the sample into a page.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(out: Path = ROOT / "docs" / "images") -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        os.environ["WENSHU_HOME"] = home
        from desktop.app import application, save_screenshot
        from desktop.settings_view import SettingsDialog, SetupWizard

        application()
        wizard = SetupWizard()
        wizard.name.setText("大同市应急管理局")
        wizard.region.setText("晋同")
        wizard.header.setCurrentText("煤矿安全监管行政执法文书")
        wizard.show()
        wizard.preview()
        save_screenshot(wizard, out / "setup_wizard.png")
        names = ["settings_agency", "settings_numbering", "settings_rules", "settings_fonts", "settings_templates"]
        for i, name in enumerate(names):
            dialog = SettingsDialog(page=i)
            dialog.show()
            if name == "settings_fonts":
                fonts = dialog.pages[3]
                box = fonts.boxes["仿宋"]
                box.setCurrentIndex(max(box.findData("cwTeXFangSong"), 0))
                fonts.text.setText("神池县现代煤业")
                fonts.check_text()
            if name == "settings_templates":
                dialog.pages[4].lint_all()
            save_screenshot(dialog, out / f"{name}.png")
            dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
