"""The sample case a new user sees on first start: a filled case instead of an empty window.

Built from data, not code per kind: the party, officers and facts below, and for every kind of the
early procedure stages a document made from that kind's own ``sample.json`` (so new kinds join in).
"""

from __future__ import annotations

import copy

SAMPLE_TITLE = "神池县某煤业有限公司安全生产违法案"

SAMPLE_ROSTER = [
    {"name": "张三", "cert_no": "14090012345", "unit": "神池县应急管理局执法大队", "valid_until": "2028-12-31"},
    {"name": "李四", "cert_no": "14090012346", "unit": "神池县应急管理局执法大队", "valid_until": "2028-12-31"},
    {"name": "刘洋", "cert_no": "14090012347", "unit": "神池县应急管理局执法大队", "valid_until": "2026-12-15"},
    {"name": "王强", "cert_no": "14090012301", "unit": "神池县应急管理局执法大队", "valid_until": "2025-06-30"},
]

SAMPLE_PARTY = {
    "type": "organization", "name": "神池县某煤业有限公司", "uscc": "91110000600037341L",
    "legal_rep": "王五", "title": "总经理", "address": "山西省忻州市神池县龙泉镇工业园区1号",
    "phone": "13800000000",
}

SAMPLE_FACTS = {
    "officers": [{"name": "张三", "cert_no": "14090012345"}, {"name": "李四", "cert_no": "14090012346"}],
    "place": "神池县某煤业有限公司井下12采区",
    "agency": "神池县应急管理局",
    "case_number": "（晋忻神）应急立〔2026〕8号",
    "facts": "12采区回风巷局部通风机未实现“三专两闭锁”；部分作业人员未佩戴自救器。",
}

#: Stages whose documents the sample case already holds (later stages stay 未开始 to show the next step).
SAMPLE_STAGES = ("立案", "检查/询问", "告知")


def create_sample_case(store) -> int:
    """Add the sample case (and its officers to the roster); returns the case id."""
    from templates.kinds import all_kinds
    from wenshu.store import DRAFT

    for officer in SAMPLE_ROSTER:
        store.put_officer(officer["name"], officer["cert_no"], officer["unit"], officer["valid_until"])
    case_id = store.create_case(SAMPLE_TITLE, copy.deepcopy(SAMPLE_PARTY), copy.deepcopy(SAMPLE_FACTS))
    numbered = []
    for kind in all_kinds():
        if kind.stage in SAMPLE_STAGES and (kind.folder / "sample.json").exists():
            answers = kind.sample()
            doc_id = store.add_document(case_id, kind.name, answers, DRAFT)
            if kind.code and isinstance(answers.get("number"), str) and answers["number"].strip():
                numbered.append((kind, doc_id, answers["number"]))
    register_sample_numbers(store, case_id, numbered)
    mark_past_deadlines_done(store, case_id)
    return case_id


def mark_past_deadlines_done(store, case_id: int) -> None:
    """The sample's history lies in the past: its deadlines already due were met (a ``done:`` event
    each), so a new user's first start is not greeted by an agenda of overdue sample items."""
    from datetime import date

    from wenshu.agenda import DONE_EVENT_PREFIX, case_agenda, store_case

    _, title, events, completed = store_case(store, store.get_case(case_id))
    today = date.today()
    for item in case_agenda(case_id, title, events, completed, today):
        if item.due is not None and item.due < today and item.status != "done":
            store.add_event(case_id, DONE_EVENT_PREFIX + item.rule, item.due.isoformat(), "示例案件：已按期办结")


def register_sample_numbers(store, case_id: int, numbered: list) -> None:
    """The sample documents' numbers were "issued before the app": record them in the number registry,
    bound to their documents, so generating the sample keeps them (the registry is the authority on
    numbers and refuses one it does not hold). A registry that cannot be opened leaves them unregistered."""
    if not numbered:
        return
    try:
        from wenshu.registry import ImportRow, RegistryError, open_store
    except ImportError:
        return
    case_uid = store.get_case(case_id)["uid"]  # numbers belong to the documents' stable ids
    rows = [ImportRow(number=number, case_id=case_uid, document_id=store.get_document(doc_id)["uid"],
                      document_title=kind.title, origin="示例案件") for kind, doc_id, number in numbered]
    try:
        registry = open_store()
    except (RegistryError, OSError):
        return
    try:
        registry.import_existing(rows)
    except RegistryError:
        pass
    finally:
        registry.close()


def ensure_sample_case(store) -> int | None:
    """On first start (an empty store) create the sample case; returns its id, or None if not created."""
    if store.is_empty() and not store.officers():
        return create_sample_case(store)
    return None
