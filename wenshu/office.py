"""Office mode for the app (issue 16), over one ``CaseService``: what the desktop asks about the office
database — the connection settings (设置 → 数据库), the reviewers' queue, submitting and recording
reviews, who is editing a document. Qt-free; every refusal is a ``OfficeActionError`` in Chinese."""

from __future__ import annotations

from datetime import date
from typing import Any


class OfficeActionError(Exception):
    """What the user asked could not be done; ``str()`` is Chinese, nothing was changed."""


def in_office(service) -> bool:
    return bool(getattr(service.store, "office", False))


OFFLINE_NOTE = "无法连接单位数据库服务器：输入的内容暂存在本机，服务器恢复后自动写回；离线时不能取号、生成正式文书。"


def offline_note(service) -> str | None:
    """The line the editor shows while typing goes into the local journal (server unreachable), else None."""
    return OFFLINE_NOTE if in_office(service) and service.store.offline else None


def info(service) -> dict:
    """``{"office", "server", "user", "display_name", "role", "offline"}`` for the status line."""
    if not in_office(service):
        return {"office": False, "server": "本机", "user": "", "display_name": "", "role": "", "offline": False}
    store = service.store
    try:
        role = store._query("SELECT ws_role()")[0][0]
        name = store.display_name()
    except Exception:  # offline: what is known
        role, name = "", store.login
    return {"office": True, "server": store.path, "user": store.login, "display_name": name, "role": role,
            "offline": store.offline}


def _call(fn, *args, **kwargs):
    from wenshu.pg.workflow import WorkflowError
    from wenshu.service import Unusable
    from wenshu.store import StoreError

    try:
        return fn(*args, **kwargs)
    except (WorkflowError, StoreError, Unusable) as exc:
        raise OfficeActionError(str(exc)) from None


def queue(service, approval: bool = False, include_done: bool = False) -> list[dict]:
    from wenshu.pg import workflow

    if not in_office(service):
        return []
    return _call(workflow.queue, service.store, "approval" if approval else "legal_review", include_done)


def my_items(service, today: date | None = None) -> list[dict]:
    from wenshu.pg import workflow

    if not in_office(service):
        return []
    return _call(workflow.agenda_items, service.store, today)


def submit(service, case_ref: Any, approval: bool = False, subject: str = "") -> dict:
    from wenshu.pg import workflow

    row = _call(service._resolve, "cases", case_ref, "案件")
    return _call(workflow.submit, service.store, row, "approval" if approval else "legal_review", subject)


def record(service, review_id: int, conclusion: str, opinion: str = "") -> dict:
    from wenshu.pg import workflow

    return _call(workflow.record, service.store, review_id, conclusion, opinion)


def open_for_editing(service, doc_ref: Any) -> str | None:
    """Take the document's edit lock: None when this window may edit it, else "正由某某编辑"."""
    if not in_office(service):
        return None
    row = _call(service._resolve, "documents", doc_ref, "文书")
    holder = _call(service.store.acquire_edit, row)
    return None if holder is None else f"正由{holder}编辑"


def why_read_only(service, doc_ref: Any) -> str | None:
    """Office mode: why this user opens the document read-only (another role's form, another clerk's
    case, or someone else editing it right now), else None — then this window holds its edit lock."""
    if not in_office(service):
        return None
    from wenshu.pg.schema import KIND_ROLES, ROLE_NAMES

    store = service.store
    row = _call(service._resolve, "documents", doc_ref, "文书")
    try:
        found = store._query("SELECT d.kind, c.handler, ws_role() AS role, coalesce(u.display_name, c.handler) AS name"
                             " FROM documents d JOIN cases c ON c.id = d.case_id"
                             " LEFT JOIN app_users u ON u.login = c.handler WHERE d.id=?", (row,))
    except Exception:  # offline: typing goes on into the journal; the server decides when it is back
        return None
    if not found:
        return None
    kind, handler, role, name = found[0]
    if role != "超级用户":
        needed = KIND_ROLES.get(kind)
        if needed is not None and role != needed:
            return f"这份文书由{ROLE_NAMES[needed]}填写，您的账号只能查看（只读）。"
        if needed is None and role != "承办人":
            return "案件的文书由承办人起草，您的账号只能查看（只读）。"
        if needed is None and handler != store.login:
            return f"这个案件由{name}承办，只有承办人本人可以修改其中的文书（只读）。"
    busy = open_for_editing(service, doc_ref)
    return None if busy is None else f"这份文书{busy}，以只读方式打开；对方关闭后即可修改。"


def close_editing(service, doc_ref: Any) -> None:
    if in_office(service):
        try:
            service.store.release_edit(service._resolve("documents", doc_ref, "文书"))
        except Exception:  # the lease runs out by itself
            pass


def password_needed() -> str | None:
    """At start: the server to ask the password for (office mode, no keyring entry, no PGPASSWORD), or None."""
    import os

    from wenshu.pg import database_url
    from wenshu.pg.store import session_password

    url = database_url()
    if url is None or os.environ.get("PGPASSWORD") or session_password() is not None or ":" in url.split("://", 1)[-1].split("@")[0]:
        return None
    return url.rsplit("@", 1)[-1]


def use_password(password: str | None) -> None:
    """The password typed at start, kept in memory for this run only."""
    from wenshu.pg.store import set_session_password

    set_session_password(password)


# --- 设置 → 数据库 -----------------------------------------------------------------------------------
def database_settings() -> dict:
    """``{"mode": "local"|"office", "host", "port", "dbname", "user", "keyring"}`` as saved."""
    from wenshu.pg.credentials import keyring_available
    from wenshu.settings import load_settings

    db = load_settings().get("database") or {}
    return {"mode": "office" if db.get("host") else "local", "host": db.get("host", ""),
            "port": int(db.get("port") or 5432), "dbname": db.get("dbname") or "wenshu", "user": db.get("user", ""),
            "keyring": keyring_available()}


def test_connection(host: str, port: int, dbname: str, user: str, password: str) -> dict:
    """Connect once and say who we are there (role), or why not — in Chinese."""
    from wenshu.pg import database_url
    from wenshu.pg.conn import connect
    from wenshu.pg.errors import OfficeError

    url = database_url({"database": {"host": host, "port": port, "dbname": dbname, "user": user}})
    if url is None:
        raise OfficeActionError("请填写服务器地址和用户名。")
    try:
        conn = connect(url, password or None)
    except OfficeError as exc:
        raise OfficeActionError(str(exc)) from None
    try:
        role = conn.run("SELECT ws_role()")[0][0]
    except OfficeError:
        raise OfficeActionError("已连接服务器，但该数据库尚未建立（没有执法文书助手的数据表）。"
                                "请管理员先运行 wenshu db init。") from None
    finally:
        conn.close()
    return {"role": role or "未分配角色"}


def save_database_settings(mode: str, host: str = "", port: int = 5432, dbname: str = "wenshu", user: str = "",
                           password: str | None = None) -> dict:
    """Save the server and user (never the password in the settings file); the password goes into the
    system keyring when there is one, else it is asked at each start. Takes effect at the next start."""
    from wenshu.pg.credentials import store_password
    from wenshu.settings import load_settings, save_settings

    settings = load_settings()
    if mode == "local":
        settings.pop("database", None)
        save_settings(settings)
        return {"mode": "local", "password_kept": False}
    if not host.strip() or not user.strip():
        raise OfficeActionError("请填写服务器地址和用户名。")
    settings["database"] = {"host": host.strip(), "port": int(port), "dbname": dbname.strip() or "wenshu",
                            "user": user.strip()}
    save_settings(settings)
    kept = bool(password) and store_password(password, settings)
    return {"mode": "office", "password_kept": kept}
