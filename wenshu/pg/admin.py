"""Setting up the office database: ``wenshu db init``, ``wenshu db user add``, ``wenshu db migrate``.

``init`` and ``migrate`` need the database owner's account (a superuser, as after installing PostgreSQL);
``user add`` needs a 管理员 (or the owner). Every refusal is an ``OfficeError`` with a Chinese message.
"""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

from wenshu.pg import schema
from wenshu.pg.conn import connect, ensure_schema
from wenshu.pg.errors import OfficeError


def _password() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(14))


def init_database(url: str, admin: str, display_name: str = "", password: str | None = None,
                  owner_password: str | None = None) -> dict:
    """Create (or bring up to date) the schema, the four roles and the first administrator."""
    conn = connect(url, owner_password)
    try:
        if not conn.run("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")[0][0]:
            raise OfficeError("建立单位数据库须使用数据库所有者（超级用户）账号，如安装 PostgreSQL 时设定的 postgres。")
        ensure_schema(conn)
        with conn.transaction():
            for statement in schema.statements():  # again: an existing database gets the current rules
                conn.run(statement)
        made = password or _password()
        conn.run("SELECT ws_add_user(%s, %s, %s, %s)", (admin, display_name or admin, schema.ADMIN, made))
        return {"database": url.rsplit("@", 1)[-1], "roles": list(schema.ROLES), "admin": admin,
                **({"password": made} if password is None else {})}
    finally:
        conn.close()


def add_user(url: str, login: str, role: str, display_name: str = "", password: str | None = None,
             admin_password: str | None = None) -> dict:
    """A new login with one of the four roles (or a new role / password for an existing one)."""
    if role not in schema.ROLES:
        raise OfficeError(f"角色“{role}”不存在，应为：{'、'.join(schema.ROLES)}。")
    if not login or not login.strip() or len(login) > 63:
        raise OfficeError("用户名不能为空，且不超过 63 个字符。")
    conn = connect(url, admin_password)
    try:
        made = password or _password()
        conn.run("SELECT ws_add_user(%s, %s, %s, %s)", (login.strip(), display_name or login.strip(), role, made))
        return {"user": login.strip(), "role": role, "display_name": display_name or login.strip(),
                **({"password": made} if password is None else {})}
    finally:
        conn.close()


def users(url: str, password: str | None = None) -> list[dict]:
    conn = connect(url, password)
    try:
        rows = conn.run("SELECT login, display_name, role, active FROM app_users ORDER BY role, login")
        return [{"user": r[0], "display_name": r[1], "role": r[2], "active": r[3]} for r in rows]
    finally:
        conn.close()


def _sources(path: str | Path) -> tuple[Path, Path | None]:
    p = Path(path)
    if p.is_dir():
        store, numbers = p / "wenshu.sqlite3", p / "numbers.sqlite3"
    else:
        store, numbers = p, p.with_name("numbers.sqlite3")
    if not store.exists():
        raise OfficeError(f"在“{path}”中没有找到单机的案件数据库 wenshu.sqlite3，请指定数据文件夹或该文件。")
    return store, numbers if numbers.exists() else None


def migrate(url: str, source: str | Path, handler: str | None = None, password: str | None = None) -> dict:
    """Move one PC's SQLite data into the office database, in one transaction (all or nothing): cases,
    documents, every version and printed record (re-chained on the office's history chain), events,
    archives, the roster, and the number registry with every number's state (the sequences continue
    after the highest one). A case already there (same UUID) or a number already held refuses it."""
    from wenshu.pg.store import PgStore
    from wenshu.store import Store, answers_text, load_dictionaries

    store_file, numbers_file = _sources(source)
    Store(store_file).close()  # an older single-PC file is brought to the current layout first (its own migration)
    src = sqlite3.connect(f"{store_file.resolve().as_uri()}?mode=ro", uri=True)
    src.row_factory = sqlite3.Row
    load_dictionaries(src)  # a v6 file keeps its current contents and whole versions compressed with these
    office = PgStore(url, password)
    counts = {"cases": 0, "documents": 0, "versions": 0, "printed": 0, "events": 0, "numbers": 0, "officers": 0}
    try:
        with office.transaction() as db:
            who = handler or office.login
            case_ids: dict[int, int] = {}
            doc_ids: dict[int, int] = {}
            for c in src.execute("SELECT * FROM cases ORDER BY id"):
                if db.execute("SELECT 1 FROM cases WHERE uid=?", (c["uid"],)).fetchone():
                    raise OfficeError(f"案件“{c['title']}”（{c['uid'][:8]}）已在单位数据库中，本次未迁移任何数据。",
                                      "WS501")
                new = db.execute("INSERT INTO cases(uid, title, party, facts, created, updated, handler)"
                                 " VALUES (?,?,?,?,?,?,?)", (c["uid"], c["title"], c["party"], c["facts"],
                                                             c["created"], c["updated"], who)).lastrowid
                case_ids[c["id"]] = new
                office.refresh_search(db, new)
                counts["cases"] += 1
            for d in src.execute("SELECT * FROM documents ORDER BY id"):
                new = db.execute("INSERT INTO documents(uid, case_id, kind, answers, state, version, created, updated,"
                                 " withdrawn_reason, withdrawn_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                                 (d["uid"], case_ids[d["case_id"]], d["kind"], answers_text(d["answers"]), d["state"],
                                  d["version"],
                                  d["created"], d["updated"], d["withdrawn_reason"], d["withdrawn_at"])).lastrowid
                doc_ids[d["id"]] = new
                counts["documents"] += 1
            texts = _version_texts(src)  # a v5 file keeps versions compactly: each full text rebuilt
            for v in src.execute("SELECT * FROM document_versions ORDER BY id"):
                text = texts.get((v["document_id"], v["version"]))
                if text is None:
                    raise OfficeError(f"本机数据中第 {v['id']} 条文书版本已损坏、无法还原，本次未迁移任何数据"
                                      "（可先运行 wenshu store verify 查看）。", "WS503")
                office.append(db, "document_versions", {"document_id": doc_ids[v["document_id"]], "version": v["version"],
                                                        "answers": text, "reason": v["reason"],
                                                        "saved": v["saved"]})
                counts["versions"] += 1
            for p in src.execute("SELECT * FROM printed_versions ORDER BY id"):
                office.append(db, "printed_versions", {"document_id": doc_ids[p["document_id"]], "version": p["version"],
                                                       "path": p["path"], "fingerprint": p["fingerprint"],
                                                       "sha256": p["sha256"], "printed": p["printed"], "who": p["who"]})
                counts["printed"] += 1
            for e in src.execute("SELECT * FROM events ORDER BY id"):
                db.execute("INSERT INTO events(case_id, kind, date, note, document_id) VALUES (?,?,?,?,?)",
                           (case_ids[e["case_id"]], e["kind"], e["date"], e["note"],
                            doc_ids.get(e["document_id"]) if e["document_id"] is not None else None))
                counts["events"] += 1
            has_archives = src.execute("SELECT 1 FROM sqlite_master WHERE name='archives'").fetchone()
            for a in (src.execute("SELECT * FROM archives") if has_archives else []):
                db.execute("INSERT INTO archives(case_id, year, seq, archive_no, reserved, archived_on)"
                           " VALUES (?,?,?,?,?,?)", (case_ids[a["case_id"]], a["year"], a["seq"], a["archive_no"],
                                                   a["reserved"], a["archived_on"]))
            for o in src.execute("SELECT * FROM officers"):
                db.execute("INSERT OR REPLACE INTO officers(cert_no, name, unit, valid_until) VALUES (?,?,?,?)",
                           (o["cert_no"], o["name"], o["unit"], o["valid_until"]))
                counts["officers"] += 1
            if numbers_file is not None:
                counts["numbers"] = _migrate_numbers(db, numbers_file)
    finally:
        src.close()
        office.close()
    return {"migrated": counts, "handler": handler or "", "source": str(store_file)}


def _version_texts(src) -> dict[tuple[int, int], str | None]:
    """``{(document id, version): full text}`` of a single-PC store (whole or compact rows, store v5)."""
    from wenshu.store import version_texts

    have = {r[1] for r in src.execute("PRAGMA table_info(document_versions)").fetchall()}
    body = "body" if "body" in have else "NULL AS body"
    out: dict[tuple[int, int], str | None] = {}
    rows: dict[int, list] = {}
    for r in src.execute(f"SELECT document_id, version, answers, {body} FROM document_versions"
                         " ORDER BY document_id, version"):
        rows.setdefault(r["document_id"], []).append(r)
    for doc_id, batch in rows.items():
        out.update({(doc_id, version): text for version, text in version_texts(batch).items()})
    return out


def _migrate_numbers(db, numbers_file: Path) -> int:
    from wenshu.registry.sqlite import _COLUMNS

    src = sqlite3.connect(f"{numbers_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = src.execute("SELECT " + ", ".join(_COLUMNS) + " FROM numbers ORDER BY prefix, year, seq").fetchall()
    finally:
        src.close()
    for row in rows:
        if db.execute("SELECT 1 FROM numbers WHERE number=? OR (prefix=? AND year=? AND seq=?)",
                      (row[0], row[1], row[2], row[3])).fetchone():
            raise OfficeError(f"文号 {row[0]} 已在单位数据库的登记簿中，本次未迁移任何数据。"
                              "请核对两处登记簿（同一文号只能登记一次）。", "WS501")
        db.execute(f"INSERT INTO numbers({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", row)
    db.execute("INSERT INTO number_counters(prefix, year, top) SELECT prefix, year, MAX(seq) FROM numbers"
               " GROUP BY prefix, year ON CONFLICT (prefix, year) DO UPDATE SET"
               " top = GREATEST(number_counters.top, EXCLUDED.top)")
    return len(rows)
