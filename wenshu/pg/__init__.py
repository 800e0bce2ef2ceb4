"""Office mode (DOMAIN.md §13): one PostgreSQL database for the agency's cases, numbers, roster and log.

``database_url()`` says whether this installation uses it: ``WENSHU_DATABASE=postgresql://…`` or the
``database`` entry of the settings (设置 → 数据库: server, port, database, user — never the password in
plain text; see ``wenshu.pg.credentials``). Without either, the single-PC SQLite files are used.

- ``wenshu.pg.schema``   tables, roles, grants, row-level security and triggers (``wenshu db init``)
- ``wenshu.pg.conn``     connecting, the SQLite-dialect adapter the shared store code runs through
- ``wenshu.pg.errors``   SQLSTATE → a Chinese message
- ``wenshu.pg.store``    ``PgStore``: the case store on the server
- ``wenshu.pg.registry`` ``PgNumberStore``: numbers allocated in one server transaction
- ``wenshu.pg.workflow`` 提交法制审核 / 负责人审批, the reviewers' queue, edit locks
- ``wenshu.pg.journal``  typing kept in a local journal while the server cannot be reached
- ``wenshu.pg.admin``    ``db init``, ``db user add``, ``db migrate``
"""

from __future__ import annotations

import os
from urllib.parse import quote

ENV = "WENSHU_DATABASE"


def database_url(settings: dict | None = None) -> str | None:
    """The office database's URL, or None (single-PC mode)."""
    url = (os.environ.get(ENV) or "").strip()
    if url:
        if url.lower() in {"sqlite", "local", "本机"}:
            return None
        return url
    if settings is None:
        try:
            from wenshu.settings import load_settings

            settings = load_settings()
        except Exception:  # unreadable settings: the single-PC default
            return None
    db = settings.get("database") if isinstance(settings, dict) else None
    if not isinstance(db, dict) or not db.get("host") or not db.get("user"):
        return None
    host, port = str(db["host"]), int(db.get("port") or 5432)
    name = str(db.get("dbname") or "wenshu")
    return f"postgresql://{quote(str(db['user']))}@{host}:{port}/{quote(name)}"


def office_mode(settings: dict | None = None) -> bool:
    return database_url(settings) is not None
