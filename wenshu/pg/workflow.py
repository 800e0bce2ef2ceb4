"""The work between people in office mode (DOMAIN.md §13; 001 第七条, 第十四条):

- the clerk 提交法制审核 (``submit``): the case enters the reviewers' queue with its due date, 10 working
  days by the project's calendar (rule ``legal_review``), or 提请负责人审批 (``kind="approval"``);
- the reviewer (the leader) sees the queue (``queue``), opens the case read-only, drafts the opinion form
  (法制审核意见书 — only that role may write it, the database refuses anyone else) and records the
  conclusion (``record``): 同意 / 不同意 / 补充材料 …;
- the clerk sees the result among the case's reviews (``reviews``) and in 今日待办 (``agenda_items``).

The database decides who may do what (``wenshu.pg.schema``: column GRANTs, trigger ``ws_check_review``);
these functions only ask, and return plain dicts.
"""

from __future__ import annotations

from datetime import date

from wenshu.pg.store import OfficeStoreError, PgStore

KINDS = {"legal_review": "法制审核", "approval": "负责人审批"}
CONCLUSIONS = ("同意", "不同意", "补充材料", "退回修改")


class WorkflowError(Exception):
    """Unusable input for the workflow (Chinese); the database was not changed."""


def _office(store) -> PgStore:
    if not isinstance(store, PgStore):
        raise WorkflowError("提交审核、审核队列只在单位数据库（办公室模式）中使用：本机为单机模式，"
                            "请在“设置 → 数据库”中连接单位的数据库服务器。")
    return store


def due_day(start: date, kind: str = "legal_review") -> date | None:
    """The review's due day: 10 working days after submission (调休 included) for 法制审核; approvals
    have no legal period (None)."""
    if kind != "legal_review":
        return None
    from validators.deadlines import due_date
    from wenshu.holidays import load_calendar, period_amounts

    return due_date("legal_review", start, load_calendar(), period_amounts().get("legal_review"))


def _row(r) -> dict:
    return {"review_id": r["id"], "case_id": r["case_uid"], "title": r["title"], "kind": r["kind"],
            "kind_title": KINDS.get(r["kind"], r["kind"]), "subject": r["subject"],
            "submitted_by": r["submitted_by"], "submitted_name": r["submitted_name"],
            "submitted_at": r["submitted_at"].astimezone().isoformat(timespec="seconds"),
            "due": r["due"].isoformat() if r["due"] else None, "conclusion": r["conclusion"],
            "opinion": r["opinion"], "decided_by": r["decided_by"], "decided_name": r["decided_name"],
            "decided_at": r["decided_at"].astimezone().isoformat(timespec="seconds") if r["decided_at"] else None}


_SELECT = ("SELECT r.*, c.uid AS case_uid, c.title, coalesce(u.display_name, r.submitted_by) AS submitted_name,"
           " coalesce(d.display_name, r.decided_by) AS decided_name FROM reviews r JOIN cases c ON c.id = r.case_id"
           " LEFT JOIN app_users u ON u.login = r.submitted_by LEFT JOIN app_users d ON d.login = r.decided_by")


def submit(store, case_row: int, kind: str = "legal_review", subject: str = "", today: date | None = None,
           document_row: int | None = None) -> dict:
    """Put the case in the reviewers' (``legal_review``) or the leader's (``approval``) queue."""
    store = _office(store)
    if kind not in KINDS:
        raise WorkflowError(f"审核种类“{kind}”无效，应为 legal_review（法制审核）或 approval（负责人审批）。")
    open_ = store._query("SELECT id FROM reviews WHERE case_id=? AND kind=? AND conclusion IS NULL", (case_row, kind))
    if open_:
        raise WorkflowError(f"本案已提交{KINDS[kind]}，尚无结论，无需重复提交。")
    due = due_day(today or date.today(), kind)
    with store.transaction() as db:
        new = db.execute("INSERT INTO reviews(case_id, kind, subject, document_id, due) VALUES (?,?,?,?,?)",
                         (case_row, kind, subject or "", document_row, due)).lastrowid
    return review(store, new)


def review(store, review_id: int) -> dict:
    rows = _office(store)._query(_SELECT + " WHERE r.id=?", (review_id,))
    if not rows:
        raise WorkflowError(f"没有编号为 {review_id} 的审核事项。")
    return _row(rows[0])


def queue(store, kind: str | None = None, include_done: bool = False) -> list[dict]:
    """The queue: open reviews (all kinds or one), the earliest due first."""
    where, params = [], []
    if kind:
        where.append("r.kind=?")
        params.append(kind)
    if not include_done:
        where.append("r.conclusion IS NULL")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.due NULLS LAST, r.id"
    return [_row(r) for r in _office(store)._query(sql, tuple(params))]


def reviews(store, case_row: int) -> list[dict]:
    return [_row(r) for r in _office(store)._query(_SELECT + " WHERE r.case_id=? ORDER BY r.id", (case_row,))]


def record(store, review_id: int, conclusion: str, opinion: str = "") -> dict:
    """The reviewer's (leader's) conclusion; the database refuses it from anyone else, and once given it
    stands (a new review is a new submission)."""
    store = _office(store)
    conclusion = (conclusion or "").strip()
    if conclusion not in CONCLUSIONS:
        raise WorkflowError(f"审核结论“{conclusion}”无效，应为：{'、'.join(CONCLUSIONS)}。")
    review(store, review_id)
    with store.transaction() as db:
        db.execute("UPDATE reviews SET conclusion=?, opinion=? WHERE id=?", (conclusion, opinion or "", review_id))
    return review(store, review_id)


def agenda_items(store, today: date | None = None, login: str | None = None) -> list[dict]:
    """今日待办 of office mode: for a reviewer or leader the open reviews of their queue; for a clerk the
    conclusions recorded on their cases (and their cases still waiting)."""
    store = _office(store)
    today = today or date.today()
    role = store._query("SELECT ws_role()")[0][0]
    out = []
    if role in ("法制审核", "负责人", "超级用户"):
        kind = {"法制审核": "legal_review", "负责人": "approval"}.get(role)
        for r in queue(store, kind):
            status = "overdue" if r["due"] and r["due"] < today.isoformat() else "open"
            out.append({**r, "status": status, "what": f"待{r['kind_title']}：{r['title']}"})
    if role in ("承办人", "超级用户"):
        rows = store._query(_SELECT + " WHERE c.handler = coalesce(?, session_user) ORDER BY r.id", (login,))
        for r in map(_row, rows):
            status = "decided" if r["conclusion"] else "waiting"
            what = (f"{r['kind_title']}结论：{r['conclusion']}（{r['title']}）" if r["conclusion"]
                    else f"等待{r['kind_title']}：{r['title']}")
            out.append({**r, "status": status, "what": what})
    return out


__all__ = ["CONCLUSIONS", "KINDS", "OfficeStoreError", "WorkflowError", "agenda_items", "due_day", "queue", "record",
           "review", "reviews", "submit"]
