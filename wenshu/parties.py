"""The party directory (企业库, issue 15): the organisations and persons the agency deals with, kept across
cases, so a party is typed once for all its cases.

- An entry has the case party's shape (``templates/common.json`` ``$defs/party``): ``type`` (organization /
  person), ``name``, ``uscc`` or ``id_no``, ``legal_rep``, ``title``, ``gender``, ``address``, ``phone``.
- It is known by its **key**: the 统一社会信用代码 of an organisation, the 居民身份证号 of a person, both
  checked with the project's own rules (``validators.identity``: GB 32100 / GB 11643 check characters).
  One key, one entry: the directory is de-duplicated by it.
- Import from .xlsx / .csv (``wenshu party import``): every row is checked first; one bad row (wrong
  columns, a bad code, the same code twice in the file, a person's row with a credit code …) and nothing is
  imported — the Chinese report lists every bad row. A good file is written in one transaction.
- A change to an entry is *offered* to the open cases that use it (:meth:`PartyDirectory.offers`); a case's
  party changes only when the user accepts (:func:`apply_to_case`).

Storage: two tables in the case store's SQLite file (created here on first use, the store's transactions):
``parties`` (the current entries) and ``party_log`` (every add and change, append-only: triggers refuse
UPDATE and DELETE). An office (PostgreSQL) version implements the same methods of :class:`PartyDirectory`.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from validators.identity import id_no_findings, uscc_findings
from validators.registry import is_blank

ORGANIZATION, PERSON = "organization", "person"
TYPE_TITLES = {ORGANIZATION: "单位", PERSON: "个人"}
#: The fields of an entry, in the order shown, with their Chinese names.
FIELDS: dict[str, str] = {"type": "类别", "name": "名称（姓名）", "uscc": "统一社会信用代码", "id_no": "居民身份证号码",
                          "legal_rep": "法定代表人（负责人）", "title": "职务", "gender": "性别", "address": "地址（住址）",
                          "phone": "联系电话"}
ORG_ONLY, PERSON_ONLY = ("uscc", "legal_rep", "title"), ("id_no", "gender")

#: Import columns: heading (and its usual variants) → field. ``名称`` and one code are required.
COLUMNS: dict[str, str] = {
    "类别": "type", "当事人类别": "type",
    "名称": "name", "姓名": "name", "名称（姓名）": "name", "单位名称": "name",
    "统一社会信用代码": "uscc", "信用代码": "uscc",
    "居民身份证号码": "id_no", "身份证号码": "id_no", "身份证号": "id_no",
    "法定代表人（负责人）": "legal_rep", "法定代表人": "legal_rep", "负责人": "legal_rep",
    "职务": "title", "性别": "gender",
    "地址": "address", "住址": "address", "地址（住址）": "address",
    "联系电话": "phone", "电话": "phone",
}
TYPE_WORDS = {"单位": ORGANIZATION, "企业": ORGANIZATION, "organization": ORGANIZATION,
              "个人": PERSON, "自然人": PERSON, "person": PERSON}

_TABLES = (
    "CREATE TABLE IF NOT EXISTS parties (key TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,"
    " data TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS parties_name ON parties(name)",
    "CREATE TABLE IF NOT EXISTS party_log (id INTEGER PRIMARY KEY, key TEXT NOT NULL, action TEXT NOT NULL,"
    " data TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL DEFAULT '')",
    "CREATE TRIGGER IF NOT EXISTS party_log_no_update BEFORE UPDATE ON party_log"
    " BEGIN SELECT RAISE(ABORT, 'append-only history'); END",
    "CREATE TRIGGER IF NOT EXISTS party_log_no_delete BEFORE DELETE ON party_log"
    " BEGIN SELECT RAISE(ABORT, 'append-only history'); END",
)


class PartyError(Exception):
    """A party or a file that cannot be used; ``str()`` is Chinese, ``problems`` lists every one."""

    def __init__(self, problems: list[str], what: str = "当事人信息", outcome: str = "未作任何改动"):
        self.problems = problems
        if len(problems) == 1 and what == "当事人信息":
            super().__init__(problems[0] if problems[0].endswith("。") else problems[0] + "。")
        else:
            super().__init__(f"{what}有 {len(problems)} 处问题，{outcome}：\n" + "\n".join(problems))


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


# --- one entry --------------------------------------------------------------------------------------
def normalize(party: Any) -> dict:
    """The entry as stored: strings stripped, codes upper-case, the type inferred from the code when not
    given, fields of the other type dropped. Does not check (see :func:`problems`)."""
    if not isinstance(party, dict):
        return {}
    out: dict = {}
    for key in FIELDS:
        value = party.get(key)
        if isinstance(value, str) and value.strip():
            out[key] = value.strip()
    for code in ("uscc", "id_no"):
        if code in out:
            out[code] = out[code].upper()
    kind = TYPE_WORDS.get(str(out.get("type") or "").strip(), out.get("type"))
    if not kind:
        kind = PERSON if out.get("id_no") and not out.get("uscc") else ORGANIZATION
    out["type"] = kind
    drop = PERSON_ONLY if kind == ORGANIZATION else ORG_ONLY
    for key in drop:
        if key in out and not (key == "uscc" and kind == PERSON):
            out.pop(key)
    return out


def key_of(party: Any) -> str:
    """The directory key of a party: its 统一社会信用代码 (organisation) or 居民身份证号 (person); '' if none."""
    if not isinstance(party, dict):
        return ""
    code = party.get("uscc") if party.get("type", ORGANIZATION) == ORGANIZATION else party.get("id_no")
    return str(code or "").strip().upper()


def problems(party: dict) -> list[str]:
    """What is wrong with a normalized entry, in Chinese (empty when it can be kept)."""
    out: list[str] = []
    if party.get("type") not in TYPE_TITLES:
        out.append(f"类别“{party.get('type')}”无法识别，可填：单位、个人")
        return out
    if is_blank(party.get("name")):
        out.append("缺少名称（姓名）")
    if party["type"] == ORGANIZATION:
        if is_blank(party.get("uscc")):
            out.append("单位须填写统一社会信用代码（企业库按代码区分单位）")
        else:
            out += [f["message"].rstrip("。") for f in uscc_findings(party["uscc"], "/uscc") if f["severity"] == "error"]
    else:
        if party.get("uscc"):
            out.append("个人不应填写统一社会信用代码（类别为单位时请把“类别”填为“单位”）")
        if is_blank(party.get("id_no")):
            out.append("个人须填写居民身份证号码（企业库按身份证号区分个人）")
        else:
            out += [f["message"].rstrip("。") for f in id_no_findings(party["id_no"], "/id_no") if f["severity"] == "error"]
    if party.get("gender") and party["gender"] not in ("男", "女"):
        out.append(f"性别“{party['gender']}”应为“男”或“女”")
    return out


def checked(party: Any) -> dict:
    """The normalized entry, or :class:`PartyError` with every problem in Chinese."""
    if not isinstance(party, dict):
        raise PartyError(["当事人信息应为一组信息（JSON 对象，含 type、name、uscc 或 id_no）"])
    entry = normalize(party)
    bad = problems(entry)
    if bad:
        raise PartyError([f"“{entry.get('name') or '（未填名称）'}”：{b}" for b in bad])
    return entry


def differences(old: dict, new: dict) -> list[dict]:
    """``[{"field", "title", "old", "new"}]`` of the directory's fields that differ (blank = absent)."""
    out = []
    for key, title in FIELDS.items():
        a, b = str((old or {}).get(key) or "").strip(), str((new or {}).get(key) or "").strip()
        if a != b:
            out.append({"field": key, "title": title, "old": a, "new": b})
    return out


# --- tables ---------------------------------------------------------------------------------------
def rows_of(path: str | Path) -> list[tuple[int, dict]]:
    """``(row number, entry)`` of a .xlsx/.csv table (heading row first); wrong or missing columns are
    refused with :class:`PartyError`."""
    from wenshu.violations import ImportRefused, read_table

    try:
        rows = read_table(path)
    except ImportRefused as exc:
        raise PartyError(exc.problems, "企业库文件", "未导入任何内容") from None
    if not rows:
        raise PartyError(["文件是空的，没有表头和数据"], "企业库文件", "未导入任何内容")
    header = rows[0]
    bad = []
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        bad.append(f"第1行：无法识别的列“{'”“'.join(unknown)}”；可用的列：类别、名称（或姓名）、统一社会信用代码、"
                   "居民身份证号码、法定代表人、职务、性别、地址、联系电话")
    fields = [COLUMNS.get(h) for h in header]
    if "name" not in fields:
        bad.append("第1行：缺少必需的列“名称”（或“姓名”）")
    if "uscc" not in fields and "id_no" not in fields:
        bad.append("第1行：缺少“统一社会信用代码”或“居民身份证号码”列（企业库按代码区分当事人）")
    twice = sorted({h for h, f in zip(header, fields, strict=False) if f and fields.count(f) > 1})
    if twice:
        bad.append(f"第1行：列“{'”“'.join(twice)}”表示同一项，只能保留一列")
    if bad:
        raise PartyError(bad, "企业库文件", "未导入任何内容")
    if len(rows) < 2:
        raise PartyError(["文件只有表头，没有数据行"], "企业库文件", "未导入任何内容")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > len(header) and any(row[len(header):]):
            out.append((n, {"_extra": True}))
            continue
        out.append((n, {f: (row[i] if i < len(row) else "") for i, f in enumerate(fields) if f}))
    return out


def checked_rows(path: str | Path) -> list[dict]:
    """Every row of the file as an entry, or :class:`PartyError` listing every bad row (nothing is kept)."""
    report: list[str] = []
    entries: list[dict] = []
    seen: dict[str, int] = {}
    for n, raw in rows_of(path):
        if raw.get("_extra"):
            report.append(f"第{n}行：内容多于表头的列数，请核对是否错列")
            continue
        entry = normalize(raw)
        bad = problems(entry)
        key = key_of(entry)
        if key and key in seen:
            what = "统一社会信用代码" if entry["type"] == ORGANIZATION else "身份证号"
            bad.append(f"{what}“{key}”与第{seen[key]}行重复")
        elif key:
            seen[key] = n
        report += [f"第{n}行：{b}" for b in bad]
        entries.append(entry)
    if report:
        raise PartyError(report, "企业库文件", "未导入任何内容")
    return entries


# --- the directory ----------------------------------------------------------------------------------
class PartyDirectory:
    """The party directory on a case store (``wenshu.store.Store``): the same file, its transactions."""

    def __init__(self, store, who: str = ""):
        self.store = store
        self.who = who
        if getattr(store, "office", False):  # the office database has the tables, roles and triggers already
            return
        with store.transaction() as db:
            for statement in _TABLES:
                db.execute(statement)

    @staticmethod
    def _entry(row) -> dict:
        data = json.loads(row["data"]) if row["data"] else {}
        return {**data, "key": row["key"], "created": row["created"], "updated": row["updated"]}

    def list(self, search: str = "") -> list[dict]:
        """Entries by name (then key); ``search`` matches name, code, legal representative, address, phone."""
        rows = self.store._query("SELECT * FROM parties ORDER BY name, key")
        words = [w.lower() for w in search.split()]
        out = []
        for r in rows:
            entry = self._entry(r)
            text = " ".join(str(v) for k, v in entry.items() if k in FIELDS).lower()
            if all(w in text for w in words):
                out.append(entry)
        return out

    def get(self, key: str) -> dict | None:
        rows = self.store._query("SELECT * FROM parties WHERE key=?", (str(key or "").strip().upper(),))
        return self._entry(rows[0]) if rows else None

    def find(self, ref: str) -> dict:
        """The entry for a key, or a unique name; :class:`PartyError` (Chinese) otherwise."""
        text = str(ref or "").strip()
        hit = self.get(text)
        if hit:
            return hit
        named = [e for e in self.list() if e.get("name") == text]
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise PartyError([f"企业库中有 {len(named)} 个名为“{text}”的当事人，请用统一社会信用代码或身份证号指明"])
        raise PartyError([f"企业库中没有代码或名称为“{text}”的当事人（可用 wenshu party list 查看）"])

    def _write(self, db, entry: dict, now: str) -> str:
        key = key_of(entry)
        row = db.execute("SELECT data, created FROM parties WHERE key=?", (key,)).fetchone()
        if row is not None:
            if not differences(json.loads(row["data"]), entry):
                return "unchanged"
            db.execute("UPDATE parties SET type=?, name=?, data=?, updated=? WHERE key=?",
                       (entry["type"], entry["name"], _dumps(entry), now, key))
            action = "updated"
        else:
            db.execute("INSERT INTO parties(key, type, name, data, created, updated) VALUES (?,?,?,?,?,?)",
                       (key, entry["type"], entry["name"], _dumps(entry), now, now))
            action = "added"
        db.execute("INSERT INTO party_log(key, action, data, at, who) VALUES (?,?,?,?,?)",
                   (key, action, _dumps(entry), now, self.who))
        return action

    def put(self, party: Any) -> dict:
        """Add or change one entry (checked first): ``{"key", "action": added|updated|unchanged, "offers"}``;
        ``offers`` are the open cases whose party now differs from the entry (see :meth:`offers`)."""
        entry = checked(party)
        with self.store.transaction() as db:
            action = self._write(db, entry, _now())
        key = key_of(entry)
        return {"key": key, "action": action, "offers": self.offers(key) if action == "updated" else []}

    def put_many(self, parties: list[Any], what: str = "当事人信息") -> dict:
        """Add or change several entries, all or none (every problem reported at once)."""
        report, entries, seen = [], [], {}
        for i, p in enumerate(parties, start=1):
            try:
                entry = checked(p)
            except PartyError as exc:
                report += [f"第{i}项：{x}" for x in exc.problems]
                continue
            key = key_of(entry)
            if key in seen:
                report.append(f"第{i}项：代码“{key}”与第{seen[key]}项重复")
                continue
            seen[key] = i
            entries.append(entry)
        if report:
            raise PartyError(report, what)
        return self._put_all(entries)

    def _put_all(self, entries: list[dict]) -> dict:
        now = _now()
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        changed = []
        with self.store.transaction() as db:
            for entry in entries:
                action = self._write(db, entry, now)
                counts[action] += 1
                if action == "updated":
                    changed.append(key_of(entry))
        offers = [o for key in changed for o in self.offers(key)]
        return {**counts, "keys": [key_of(e) for e in entries], "offers": offers}

    def import_file(self, path: str | Path) -> dict:
        """Import a .xlsx/.csv table: every row checked first; one bad row and nothing is imported."""
        return self._put_all(checked_rows(path))

    def log(self, key: str | None = None) -> list[dict]:
        """Every add and change, oldest first (append-only)."""
        sql, params = "SELECT * FROM party_log ORDER BY id", ()
        if key:
            sql, params = "SELECT * FROM party_log WHERE key=? ORDER BY id", (key,)
        return [{"key": r["key"], "action": r["action"], "party": json.loads(r["data"]), "at": r["at"], "who": r["who"]}
                for r in self.store._query(sql, params)]

    # --- cases that use an entry ------------------------------------------------------------------
    def cases_using(self, key: str) -> list[dict]:
        """The open cases (not archived) whose party has this key."""
        key = str(key or "").strip().upper()
        out = []
        for case in self.store.list_cases(key) if key else []:  # the case search holds the party's code
            if key_of(normalize(case.get("party") or {})) != key:
                continue
            if self.store.archive_record(case["id"]):
                continue
            out.append(case)
        return out

    def offers(self, key: str) -> list[dict]:
        """The open cases using ``key`` whose party differs from the directory's entry, with the changes:
        ``[{"case_id", "title", "key", "changes": [{"field", "title", "old", "new"}]}]``. Nothing is changed."""
        entry = self.get(key)
        if entry is None:
            return []
        out = []
        for case in self.cases_using(key):
            current = dict(case.get("party") or {})
            # what applying would change: the directory's values over the case's (a blank stays as it is)
            changes = differences(normalize(current), normalize({**current, **party_for_case(entry)}))
            if changes:
                out.append({"case_id": case["uid"], "title": case["title"], "key": entry["key"],
                            "changes": changes})
        return out


def party_for_case(entry: dict) -> dict:
    """The case party (``$defs/party`` shape) of a directory entry."""
    return {k: v for k, v in normalize(entry).items() if k in FIELDS}


def apply_to_case(service, case_ref: Any, directory: PartyDirectory, key: str) -> dict:
    """The user accepted an offer: the case's party becomes the directory's entry (the case's other fields
    of the party, e.g. a phone the directory lacks, are kept). ``{"case_id", "changes"}``."""
    entry = directory.get(key)
    if entry is None:
        raise PartyError([f"企业库中没有代码为“{key}”的当事人"])
    case = service.case(case_ref)
    current = dict(case.get("party") or {})
    if key_of(normalize(current)) != key_of(entry):
        raise PartyError([f"案件“{case['title']}”的当事人不是企业库中的“{entry.get('name')}”，未作改动"])
    new = {**current, **party_for_case(entry)}
    changes = differences(normalize(current), normalize(new))
    if changes:
        service.update_case(case["case_id"], party=new)
    return {"case_id": case["case_id"], "changes": changes}


def case_data_with_party(service, data: Any, ref: str) -> dict:
    """A new case's data (``CaseService.new_case``) with its party taken from the directory (``ref``: a code
    or a unique name); the file's own party fields, if any, must not name someone else."""
    if not isinstance(data, dict):
        raise PartyError(["新案件的内容应为一个 JSON 对象（以 { 开头）"])
    entry = directory_of(service).find(ref)
    given = data.get("party")
    if isinstance(given, dict) and key_of(normalize(given)) and key_of(normalize(given)) != entry["key"]:
        raise PartyError([f"新案件文件中的当事人与企业库中的“{entry.get('name')}”不是同一当事人，请只保留一处"])
    return {**data, "party": party_for_case(entry)}


def directory_of(service) -> PartyDirectory:
    """The directory on the service's store (one per service, made on first use)."""
    directory = getattr(service, "_party_directory", None)
    if directory is None or directory.store is not service.store:
        directory = PartyDirectory(service.store, getattr(service, "who", ""))
        service._party_directory = directory
    return directory
