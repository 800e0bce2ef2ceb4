"""A whole case built through the case service (the scripted case of ``test_case_cli_scripted``), for the
archive tests: every document generated, the case closed."""

from __future__ import annotations

import copy
from datetime import datetime

from test_case_cli_scripted import NEW_CASE, REVIEW_FORMS, SCRIPT

from templates.kinds import get_kind

NOW = datetime(2026, 12, 1, 9, 0)


def answers(kind: str, **changes) -> dict:
    a = copy.deepcopy(get_kind(kind).sample())
    if "number" in a:
        a["number"] = ""
    a.update(copy.deepcopy(changes))
    return a


def build_case(service, out_dir, *, close: bool = True, extra_inspections: int = 0) -> tuple[str, dict]:
    """The scripted case, every document generated into ``out_dir``; ``(case_id, {name: document_id})``."""
    case_id = service.new_case(copy.deepcopy(NEW_CASE))
    docs: dict[str, str] = {}

    def step(name: str, a: dict) -> dict:
        kind = name.split("#")[0]
        docs[name] = service.add_document(case_id, kind, a)
        return service.generate(docs[name], out_dir=out_dir)

    step("case_filing", answers("case_filing", **SCRIPT["case_filing"]))
    step("inspection_record#1", answers("inspection_record", **SCRIPT["inspection_record#1"]))
    step("inspection_record#2", answers("inspection_record", **SCRIPT["inspection_record#2"]))
    for i in range(extra_inspections):
        step(f"inspection_record#{3 + i}", answers("inspection_record", **SCRIPT["inspection_record#2"]))
    step("penalty_notice", answers("penalty_notice", **SCRIPT["penalty_notice"]))
    docs["penalty_decision"] = service.add_document(
        case_id, "penalty_decision", answers("penalty_decision", **SCRIPT["penalty_decision"]))
    for kind in (*REVIEW_FORMS, "collective_discussion"):
        step(kind, answers(kind, **SCRIPT[kind]))
    decision = service.generate(docs["penalty_decision"], out_dir=out_dir)
    step("delivery_receipt", answers("delivery_receipt", **SCRIPT["delivery_receipt"],
                                     documents=[{"name": "行政处罚决定书", "number": decision["number"]}]))
    if close:
        step("case_closing", answers("case_closing", **SCRIPT["case_closing"], decision_number=decision["number"],
                                     result="责令限期改正，并处罚款人民币伍万元。"))
    return case_id, docs
