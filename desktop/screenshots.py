"""Screenshots for the documentation: ``python -m desktop.screenshots docs/images``.

Writes ``main_window.png`` (the sample case), ``form_findings.png`` (the inspection record of the
sample case with one officer removed and the place cleared, so the findings panel shows what a user
sees when a record is incomplete) and ``case_deadlines.png`` (the sample case once its draft decision
fines 5万元 and the 告知书 was delivered: the major-decision panel with the review forms, and the case's
deadlines). Runs in a temporary data folder; works with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path((argv or sys.argv[1:] or ["docs/images"])[0])
    from desktop.app import screenshot

    screenshot(out / "main_window.png")
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        os.environ["WENSHU_HOME"] = home
        from desktop.app import open_main_window, save_screenshot

        window = open_main_window()
        window.show()
        row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
        window.open_document(row["doc"]["document_id"])
        editor = window.editor
        officers = editor.form.editors["officers"]
        officers.set_value(editor.form.answers()["officers"][:1])
        editor.form.editors["place"].set_value("神池县")
        editor.form.on_edit()
        editor.validate_now()
        editor.flush()
        editor.jump_to("/officers")
        save_screenshot(window, out / "form_findings.png")
        editor.flush()
        window.close()
        window.service.close()
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        os.environ["WENSHU_HOME"] = home
        window = open_main_window()
        window.show()
        case_deadlines(window, out / "case_deadlines.png")
        window.close()
        window.service.close()
    return 0


def case_deadlines(window, path: Path) -> None:
    """The sample case further on: a draft decision of 5万元 (major) and the 告知书 delivered 2 days ago."""
    from datetime import timedelta

    from desktop.app import save_screenshot
    from templates.kinds import get_kind

    service, case_id = window.service, window.case_id
    today = service.now().date()
    answers = get_kind("penalty_decision").sample()
    answers["number"] = ""
    answers["penalties"] = [{"kind": "fine", "amount": 50000, "description": ""}]
    answers["filed_date"] = (today - timedelta(days=40)).isoformat()
    answers["date"] = ""
    decision = service.add_document(case_id, "penalty_decision", answers)
    service.add_event(case_id, "penalty_notice_delivered", (today - timedelta(days=2)).isoformat())
    window.show_case(case_id)
    table = window.case_view.table
    row = next(i for i, r in enumerate(window.case_view.rows) if r["doc"] and r["doc"]["document_id"] == decision)
    table.setCurrentItem(table.topLevelItem(row))  # the draft decision and its 〔2026〕　　号 in view
    table.scrollToItem(table.topLevelItem(row))
    save_screenshot(window, path)


if __name__ == "__main__":
    sys.exit(main())
