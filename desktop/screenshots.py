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


def _stand_in_elements_rule() -> None:
    """Until the real ``elements`` rule is present, a minimal one, so the picture shows its findings."""
    from validators.findings import finding
    from validators.registry import DOCUMENT_RULES, is_blank
    from validators.rulebook import MIN_OFFICERS

    if "elements" in DOCUMENT_RULES:
        return

    def elements(answers: dict, context) -> list:
        out = []
        for key, name in (("time", "时间"), ("place", "地点"), ("object", "执法对象"), ("content", "执法内容"),
                          ("process", "执法过程")):
            if is_blank(answers.get(key)):
                out.append(finding(f"/{key}", "elements.missing", f"缺少记录要素“{name}”，请填写。"))
        officers = [o for o in answers.get("officers") or [] if isinstance(o, dict) and not is_blank(o.get("name"))]
        if len(officers) < MIN_OFFICERS:
            out.append(finding("/officers", "officers.too_few",
                               f"执法人员不得少于{MIN_OFFICERS}人（行政处罚法第四十二条），请补充。"))
        return out

    DOCUMENT_RULES["elements"] = elements


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path((argv or sys.argv[1:] or ["docs/images"])[0])
    from desktop.app import screenshot

    screenshot(out / "main_window.png")
    _stand_in_elements_rule()
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        os.environ["WENSHU_HOME"] = home
        from desktop.app import open_main_window, save_screenshot

        window = open_main_window()
        window.show()
        row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
        window.open_document("inspection_record", row["doc"]["id"])
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
        window.store.close()
    with tempfile.TemporaryDirectory(prefix="wenshu-shot-") as home:
        os.environ["WENSHU_HOME"] = home
        window = open_main_window()
        window.show()
        case_deadlines(window, out / "case_deadlines.png")
        window.store.close()
    return 0


def case_deadlines(window, path: Path) -> None:
    """The sample case further on: a draft decision of 5万元 (major) and the 告知书 delivered 2 days ago."""
    from datetime import date, timedelta

    from desktop.app import save_screenshot
    from templates.kinds import get_kind

    store, case = window.store, window.case
    answers = get_kind("penalty_decision").sample()
    answers["number"] = ""
    answers["penalties"] = [{"kind": "fine", "amount": 50000, "description": ""}]
    answers["filed_date"] = (date.today() - timedelta(days=40)).isoformat()
    answers["date"] = ""
    store.add_document(case["id"], "penalty_decision", answers)
    store.add_event(case["id"], "penalty_notice_delivered", (date.today() - timedelta(days=2)).isoformat())
    window.show_case(case["id"])
    table = window.case_view.table
    row = next(i for i, r in enumerate(window.case_view.rows) if r["kind"].name == "penalty_decision")
    table.setCurrentItem(table.topLevelItem(row))  # the draft decision and its 〔2026〕　　号 in view
    table.scrollToItem(table.topLevelItem(row))
    save_screenshot(window, path)


if __name__ == "__main__":
    sys.exit(main())
