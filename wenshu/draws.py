"""双随机 (002 第七条: 随机抽取检查对象和检查人员，全程留痕、责任可追溯): draw inspection targets and, for
each, its inspectors — reproducibly, with 回避, and logged.

**The draw, exactly** (so the same inputs and seed give the same draw on any machine and Python ≥ 3.2):

1. Targets are de-duplicated by their key (统一社会信用代码 or 身份证号) and sorted by key (code-point
   order of the upper-case string). Inspectors are de-duplicated by 执法证号 and sorted by it. Conflicts
   (回避) are pairs (执法证号, target key or name). Nothing depends on the order of the input files, on
   ``hash()`` or on set order.
2. ``rng = random.Random(seed)`` with the seed as text (Python seeds a ``str`` through SHA-512 of its UTF-8
   bytes — the same on every platform). ``rng.sample(targets, count)`` gives the targets in drawn order.
3. For each drawn target in that order: the eligible inspectors are the sorted inspectors without a
   conflict with it; ``rng.sample(eligible, per_target)`` gives its inspectors, sorted by 执法证号 for print.
   Fewer eligible than ``per_target`` → the draw is refused (:class:`DrawRefused`, the reason in Chinese).

A seed not given is generated (``secrets``) and returned, so it is always recorded. Every draw — refused
ones too, so a draw repeated until it pleases is visible — is appended to ``draw_log`` in the case store's
SQLite file: append-only (triggers refuse UPDATE and DELETE) and hash-chained (:meth:`DrawLog.verify`).
Recorded conflicts live in ``draw_conflicts`` beside it. An office (PostgreSQL) version implements the
same methods of :class:`DrawLog`.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from validators.registry import is_blank
from wenshu import parties

DEFAULT_PER_TARGET = 2  # 行政处罚法 第四十二条: at least two officers
CHAIN_START = "0" * 64
HEAD_KEY = "chain:draw_log"

_TABLES = (
    "CREATE TABLE IF NOT EXISTS draw_conflicts (id INTEGER PRIMARY KEY, cert_no TEXT NOT NULL,"
    " target TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, UNIQUE (cert_no, target))",
    "CREATE TABLE IF NOT EXISTS draw_log (id INTEGER PRIMARY KEY, draw_id TEXT NOT NULL UNIQUE,"
    " drawn_at TEXT NOT NULL, who TEXT NOT NULL DEFAULT '', seed TEXT NOT NULL, outcome TEXT NOT NULL,"
    " record TEXT NOT NULL, prev_hash TEXT NOT NULL, row_hash TEXT NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS draw_log_no_update BEFORE UPDATE ON draw_log"
    " BEGIN SELECT RAISE(ABORT, 'append-only history'); END",
    "CREATE TRIGGER IF NOT EXISTS draw_log_no_delete BEFORE DELETE ON draw_log"
    " BEGIN SELECT RAISE(ABORT, 'append-only history'); END",
)

#: Inspector table columns: heading → field (姓名 and 执法证号 required).
INSPECTOR_COLUMNS = {"姓名": "name", "执法证号": "cert_no", "执法证件号": "cert_no", "证件号码": "cert_no",
                     "执法证件号码": "cert_no", "单位": "unit", "所在单位": "unit", "有效期至": "valid_until",
                     "回避对象": "avoid", "回避": "avoid", "回避单位": "avoid", "利害关系": "avoid",
                     "利害关系对象": "avoid"}


class DrawError(Exception):
    """Unusable input for a draw (a bad file, a count below 1): exit 2; ``str()`` is Chinese."""

    def __init__(self, problems: list[str], what: str = "抽查名单", outcome: str = "未进行抽取"):
        self.problems = problems
        if len(problems) == 1:
            super().__init__(problems[0].rstrip("。") + f"，{outcome}。")
        else:
            super().__init__(f"{what}有 {len(problems)} 处问题，{outcome}：\n" + "\n".join(problems))


class DrawRefused(Exception):
    """The rules do not allow this draw (fewer eligible inspectors than needed …): exit 1; Chinese."""

    def __init__(self, reasons: list[str], seed: str, draw_id: str = ""):
        self.reasons, self.seed, self.draw_id = reasons, seed, draw_id
        super().__init__("不能进行本次抽取：" + "；".join(reasons) + "。")


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    party: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Inspector:
    cert_no: str
    name: str
    unit: str = ""
    avoid: tuple[str, ...] = ()


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[、，,；;\s]+", text or "") if p.strip())


# --- inputs -----------------------------------------------------------------------------------------
def targets_from_file(path: str | Path) -> list[Target]:
    """Targets from a .xlsx/.csv table with the party directory's columns (名称 required; 统一社会信用代码 or
    身份证号, when given, checked as the directory checks them — a target without a code is known by its name).
    Every bad row (no name, a bad code, the same target twice) is reported at once; nothing is drawn."""
    from wenshu.violations import ImportRefused, read_table

    try:
        rows = read_table(path)
    except ImportRefused as exc:
        raise DrawError(exc.problems, "检查对象名单") from None
    if not rows:
        raise DrawError(["检查对象名单是空的，没有表头和数据"])
    header = rows[0]
    fields = [parties.COLUMNS.get(h) for h in header]
    bad = []
    unknown = [h for h in header if h and h not in parties.COLUMNS]
    if unknown:
        bad.append(f"第1行：无法识别的列“{'”“'.join(unknown)}”；可用的列：类别、名称、统一社会信用代码、居民身份证号码、"
                   "法定代表人、地址、联系电话")
    if "name" not in fields:
        bad.append("第1行：缺少必需的列“名称”")
    if bad:
        raise DrawError(bad, "检查对象名单")
    if len(rows) < 2:
        raise DrawError(["检查对象名单只有表头，没有数据行"])
    out, seen = [], {}
    for n, row in enumerate(rows[1:], start=2):
        raw = {f: (row[i] if i < len(row) else "") for i, f in enumerate(fields) if f}
        entry = parties.normalize(raw)
        problems = []
        if is_blank(entry.get("name")):
            problems.append("缺少名称")
        if entry.get("uscc") or entry.get("id_no"):
            problems += [p for p in parties.problems(entry) if p != "缺少名称（姓名）"]
        key = parties.key_of(entry) or str(entry.get("name") or "")
        if key and key in seen:
            problems.append(f"检查对象“{entry.get('name')}”与第{seen[key]}行重复")
        elif key:
            seen[key] = n
        bad += [f"第{n}行：{p}" for p in problems]
        out.append(Target(key, str(entry.get("name") or ""), parties.party_for_case(entry)))
    if bad:
        raise DrawError(bad, "检查对象名单")
    return out


def targets_from_directory(directory: parties.PartyDirectory, search: str = "") -> list[Target]:
    return [Target(e["key"], e["name"], parties.party_for_case(e)) for e in directory.list(search)]


def inspectors_from_file(path: str | Path, on: date | None = None) -> list[Inspector]:
    """Inspectors from a .xlsx/.csv table: 姓名, 执法证号, optional 单位, 有效期至 and 回避对象 (target codes or
    names, separated by 、). An expired certificate on ``on`` (持证上岗, 002 第三条) is a bad row."""
    from wenshu.violations import ImportRefused, read_table

    try:
        rows = read_table(path)
    except ImportRefused as exc:
        raise DrawError(exc.problems, "检查人员名单") from None
    if not rows:
        raise DrawError(["检查人员名单是空的，没有表头和数据"])
    header = rows[0]
    bad = []
    unknown = [h for h in header if h and h not in INSPECTOR_COLUMNS]
    if unknown:
        bad.append(f"第1行：无法识别的列“{'”“'.join(unknown)}”；可用的列：姓名、执法证号、单位、有效期至、回避对象")
    fields = [INSPECTOR_COLUMNS.get(h) for h in header]
    if "name" not in fields:
        bad.append("第1行：缺少必需的列“姓名”")
    if bad:
        raise DrawError(bad, "检查人员名单")
    if len(rows) < 2:
        raise DrawError(["检查人员名单只有表头，没有数据行"])
    out, seen = [], {}
    for n, row in enumerate(rows[1:], start=2):
        r = {f: (row[i] if i < len(row) else "") for i, f in enumerate(fields) if f}
        problems = []
        if is_blank(r.get("name")):
            problems.append("缺少姓名")
        ident = r.get("cert_no") or r.get("name") or ""  # without a 执法证号 column an inspector is known by name
        if ident and ident in seen:
            what = "执法证号" if r.get("cert_no") else "姓名"
            problems.append(f"{what}“{ident}”与第{seen[ident]}行重复")
        elif ident:
            seen[ident] = n
        if r.get("valid_until"):
            from validators.datetimes import parse_date

            until = parse_date(r["valid_until"])
            if until is None:
                problems.append(f"有效期至“{r['valid_until']}”无法识别，应为 2027-12-31 的格式")
            elif until < (on or date.today()):
                problems.append(f"{r.get('name')}的执法证已于{until.isoformat()}到期，不能参加抽查（持证上岗）")
        bad += [f"第{n}行：{p}" for p in problems]
        out.append(Inspector(ident, r.get("name", ""), r.get("unit", ""), _split(r.get("avoid", ""))))
    if bad:
        raise DrawError(bad, "检查人员名单")
    return out


CONFLICT_COLUMNS = {"执法证号": "who", "姓名": "who", "检查人员": "who", "检查对象": "target", "名称": "target",
                    "统一社会信用代码": "target", "身份证号": "target", "居民身份证号码": "target", "回避对象": "target",
                    "理由": "reason", "回避理由": "reason"}


def conflicts_from_file(path: str | Path) -> set[tuple[str, str]]:
    """回避 pairs from a .xlsx/.csv table: an inspector (执法证号 or 姓名) and a target (code or name) per row."""
    from wenshu.violations import ImportRefused, read_table

    try:
        rows = read_table(path)
    except ImportRefused as exc:
        raise DrawError(exc.problems, "回避名单") from None
    if len(rows) < 2:
        raise DrawError(["回避名单没有数据行"])
    fields = [CONFLICT_COLUMNS.get(h) for h in rows[0]]
    if "who" not in fields or "target" not in fields:
        raise DrawError(["回避名单第1行应有“执法证号”（或“姓名”）和“检查对象”（或“统一社会信用代码”）两列"])
    out, bad = set(), []
    for n, row in enumerate(rows[1:], start=2):
        r: dict[str, list[str]] = {}
        for i, f in enumerate(fields):
            if f and i < len(row) and row[i]:
                r.setdefault(f, []).append(row[i])
        if not r.get("who") or not r.get("target"):
            bad.append(f"第{n}行：须写明检查人员和检查对象")
            continue
        for who in r["who"]:
            for target in r["target"]:
                out.add((who, target.upper() if re.fullmatch(r"[0-9A-Za-z]{18}", target) else target))
    if bad:
        raise DrawError(bad, "回避名单")
    return out


def inspectors_from_roster(store, on: date | None = None) -> list[Inspector]:
    """The roster's officers whose certificate is valid on ``on`` (持证上岗)."""
    from wenshu.roster import officers, usable_on

    day = on or date.today()
    return [Inspector(c.cert_no, c.name, c.unit) for c in officers(store) if usable_on(c, day).ok]


# --- the draw ---------------------------------------------------------------------------------------
def new_seed() -> str:
    """A fresh seed (12 decimal digits, from the operating system's random source)."""
    return str(secrets.randbelow(9 * 10**11) + 10**11)


def _conflicted(inspector: Inspector, target: Target, conflicts: set[tuple[str, str]]) -> bool:
    names = {target.key, target.name}
    who = {inspector.cert_no, inspector.name}
    return bool(names & set(inspector.avoid)) or any((w, n) in conflicts for w in who for n in names)


def canonical(targets: list[Target], inspectors: list[Inspector]) -> tuple[list[Target], list[Inspector]]:
    """The inputs in the documented order: de-duplicated and sorted by key / 执法证号."""
    ts = {t.key: t for t in targets if t.key}
    ins: dict[str, Inspector] = {}
    for i in inspectors:
        if i.cert_no:
            prev = ins.get(i.cert_no)
            ins[i.cert_no] = i if prev is None else Inspector(i.cert_no, prev.name, prev.unit,
                                                                tuple(sorted(set(prev.avoid) | set(i.avoid))))
    return [ts[k] for k in sorted(ts)], [ins[k] for k in sorted(ins)]


def draw(targets: list[Target], inspectors: list[Inspector], count: int, per_target: int = DEFAULT_PER_TARGET,
         seed: str | None = None, conflicts: set[tuple[str, str]] | None = None) -> dict:
    """The draw (see the module's description): ``{"seed", "draws": [{"target", "target_code", "inspectors",
    "inspector_certs", "avoided"}], …}``. :class:`DrawError` for unusable numbers, :class:`DrawRefused` when
    the rules do not allow it."""
    seed = str(seed).strip() if seed is not None and str(seed).strip() else new_seed()
    if not isinstance(count, int) or count < 1:
        raise DrawError([f"抽取的检查对象数量应为 1 以上的整数，现为“{count}”"])
    if not isinstance(per_target, int) or per_target < 1:
        raise DrawError([f"每个检查对象的检查人员数应为 1 以上的整数，现为“{per_target}”"])
    conflicts = conflicts or set()
    targets, inspectors = canonical(targets, inspectors)
    reasons = []
    if not targets:
        reasons.append("检查对象名单中没有可抽取的对象")
    elif count > len(targets):
        reasons.append(f"要抽取 {count} 个检查对象，名单中只有 {len(targets)} 个")
    if len(inspectors) < per_target:
        reasons.append(f"每个检查对象需要 {per_target} 名检查人员，名单中只有 {len(inspectors)} 名持有效证件的人员")
    if reasons:
        raise DrawRefused(reasons, seed)
    rng = random.Random(seed)
    chosen = rng.sample(targets, count)
    draws = []
    for target in chosen:
        eligible = [i for i in inspectors if not _conflicted(i, target, conflicts)]
        avoided = [i for i in inspectors if _conflicted(i, target, conflicts)]
        if len(eligible) < per_target:
            who = "、".join(i.name for i in avoided)
            reasons.append(f"检查对象“{target.name}”需要 {per_target} 名检查人员，扣除应当回避的{who}后只有 "
                           f"{len(eligible)} 名")
            continue
        picked = sorted(rng.sample(eligible, per_target), key=lambda i: i.cert_no)
        draws.append({"target": target.name, "target_code": target.key,
                      "inspectors": [i.name for i in picked], "inspector_certs": [i.cert_no for i in picked],
                      "avoided": [i.name for i in avoided]})
    if reasons:
        raise DrawRefused(reasons, seed)
    return {"seed": seed, "count": count, "per_target": per_target, "targets_total": len(targets),
            "inspectors_total": len(inspectors), "draws": draws}


def inputs_digest(targets: list[Target], inspectors: list[Inspector], conflicts: set[tuple[str, str]]) -> str:
    """SHA-256 of the canonical inputs: two draws with the same digest and seed are the same draw."""
    ts, ins = canonical(targets, inspectors)
    text = json.dumps([[[t.key, t.name] for t in ts], [[i.cert_no, i.name, sorted(i.avoid)] for i in ins],
                       sorted(conflicts)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the log and the recorded conflicts --------------------------------------------------------------
def _row_hash(prev: str, draw_id: str, drawn_at: str, who: str, seed: str, outcome: str, record: str) -> str:
    canon = json.dumps(["draw_log", prev, draw_id, drawn_at, who, seed, outcome, record], ensure_ascii=False,
                       separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


class DrawLog:
    """The draw log and the recorded conflicts on a case store (``wenshu.store.Store``)."""

    def __init__(self, store, who: str = ""):
        self.store, self.who = store, who
        if getattr(store, "office", False):  # the office database has the tables, roles and triggers already
            return
        with store.transaction() as db:
            for statement in _TABLES:
                db.execute(statement)

    def conflicts(self) -> set[tuple[str, str]]:
        return {(r["cert_no"], r["target"]) for r in self.store._query("SELECT cert_no, target FROM draw_conflicts")}

    def conflict_rows(self) -> list[dict]:
        return [dict(r) for r in self.store._query(
            "SELECT cert_no, target, reason, created FROM draw_conflicts ORDER BY cert_no, target")]

    def add_conflict(self, cert_no: str, target: str, reason: str = "") -> dict:
        cert_no, target = str(cert_no or "").strip(), str(target or "").strip()
        if re.fullmatch(r"[0-9A-Za-z]{18}", target):  # a code is kept upper-case, as the targets' keys
            target = target.upper()
        if not cert_no or not target:
            raise DrawError(["请写明执法证号和检查对象（统一社会信用代码、身份证号或名称）"], outcome="未记录")
        with self.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO draw_conflicts(cert_no, target, reason, created) VALUES (?,?,?,?)",
                       (cert_no, target, str(reason or "").strip(), datetime.now().isoformat(timespec="seconds")))
        return {"cert_no": cert_no, "target": target, "reason": reason or ""}

    def append(self, seed: str, outcome: str, record: dict) -> dict:
        """Add one draw to the log (inside one transaction); ``{"draw_id", "drawn_at"}``."""
        draw_id = str(uuid.uuid4())
        drawn_at = datetime.now().isoformat(timespec="seconds")
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        with self.store.transaction() as db:
            chain_lock = getattr(self.store, "chain_lock", None)  # office: one chain under concurrent draws
            if chain_lock is not None:
                chain_lock(db, "draw_log")
            last = db.execute("SELECT row_hash FROM draw_log ORDER BY id DESC LIMIT 1").fetchone()
            prev = last["row_hash"] if last else CHAIN_START
            digest = _row_hash(prev, draw_id, drawn_at, self.who, seed, outcome, text)
            db.execute("INSERT INTO draw_log(draw_id, drawn_at, who, seed, outcome, record, prev_hash, row_hash)"
                       " VALUES (?,?,?,?,?,?,?,?)", (draw_id, drawn_at, self.who, seed, outcome, text, prev, digest))
            count = db.execute("SELECT COUNT(*) FROM draw_log").fetchone()[0]
            # the chain's head, so rows removed at the end are found too (as the store's own chains)
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)",
                       (HEAD_KEY, json.dumps({"hash": digest, "count": count})))
        return {"draw_id": draw_id, "drawn_at": drawn_at}

    def entries(self) -> list[dict]:
        """Every logged draw, oldest first."""
        return [{"draw_id": r["draw_id"], "drawn_at": r["drawn_at"], "who": r["who"], "seed": r["seed"],
                 "outcome": r["outcome"], **json.loads(r["record"])}
                for r in self.store._query("SELECT * FROM draw_log ORDER BY id")]

    def get(self, draw_id: str) -> dict:
        text = str(draw_id or "").strip().lower()
        hits = [e for e in self.entries() if e["draw_id"].startswith(text)] if len(text) >= 8 else []
        if len(hits) != 1:
            raise DrawError([f"抽查记录中没有编号为“{draw_id}”的抽取（请至少输入 8 位，可用 wenshu draws 查看）"],
                            outcome="未作改动")
        return hits[0]

    def verify(self) -> list[str]:
        """Problems of the chain (Chinese); empty when no logged draw was altered or removed."""
        return verify_log(self.store)


def verify_log(store) -> list[str]:
    """:meth:`DrawLog.verify` without creating the tables (``wenshu store verify`` on any store)."""
    if not getattr(store, "office", False) and not store._query(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='draw_log'"):
        return []
    out, prev = [], CHAIN_START
    rows = store._query("SELECT * FROM draw_log ORDER BY id")
    for r in rows:
        if r["prev_hash"] != prev:
            out.append(f"抽查记录第 {r['id']} 条之前的记录被删除或替换")
        if r["row_hash"] != _row_hash(r["prev_hash"], r["draw_id"], r["drawn_at"], r["who"], r["seed"],
                                      r["outcome"], r["record"]):
            out.append(f"抽查记录第 {r['id']} 条在记录后被改动")
        prev = r["row_hash"]
    head = store.meta(HEAD_KEY)
    if head and (head.get("count") != len(rows) or (rows and head.get("hash") != rows[-1]["row_hash"])):
        out.append(f"抽查记录共应有 {head.get('count')} 条，现有 {len(rows)} 条：有记录被删除")
    return out


def run(log: DrawLog, targets: list[Target], inspectors: list[Inspector], count: int,
        per_target: int = DEFAULT_PER_TARGET, seed: str | None = None, sources: dict | None = None,
        extra_conflicts: set[tuple[str, str]] | None = None) -> dict:
    """A logged draw: the conflicts recorded in the store apply; the result (or the refusal) is appended to
    the log. Returns the result with ``draw_id`` and ``drawn_at``; a refusal raises :class:`DrawRefused`
    after it is logged."""
    conflicts = log.conflicts() | (extra_conflicts or set())
    seed = str(seed).strip() if seed is not None and str(seed).strip() else new_seed()
    base = {"count": count, "per_target": per_target, "sources": sources or {},
            "inputs": inputs_digest(targets, inspectors, conflicts)}
    try:
        result = draw(targets, inspectors, count, per_target, seed, conflicts)
    except DrawRefused as exc:
        logged = log.append(seed, "refused", {**base, "reasons": exc.reasons})
        raise DrawRefused(exc.reasons, seed, logged["draw_id"]) from None
    parties_by_key = {t.key: t.party for t in targets}
    record = {**base, "targets_total": result["targets_total"], "inspectors_total": result["inspectors_total"],
              "draws": result["draws"], "parties": {d["target_code"]: parties_by_key.get(d["target_code"]) or {}
                                                    for d in result["draws"]}}
    logged = log.append(seed, "drawn", record)
    return {**result, **logged}


# --- after the draw -----------------------------------------------------------------------------------
def _public(d: dict, party: dict) -> tuple[str, str]:
    """A target as the list prints it: the 抽查结果 is made public (003 第八条（一）双随机抽查情况及抽查结果), so a
    natural person shows as 姓 + 某某 with the ID number masked (DOMAIN.md §12); an organisation as it is."""
    from validators.identity import mask_id_no

    if (party or {}).get("type") == "person":
        name = str(d["target"] or "")
        return (name[:1] + "某某" if name else ""), mask_id_no(d["target_code"])
    # a target listed without a code is known by its name (``target_code`` repeats it): no code printed
    return d["target"], ("" if d["target_code"] == d["target"] else d["target_code"])


def list_answers(entry: dict, agency: str = "", matter: str = "", day: str | None = None) -> dict:
    """The answers of a 抽查结果 list (kind ``random_inspection_list``) for a logged draw (persons masked)."""
    parties_by_key = entry.get("parties") or {}
    rows = []
    for d in entry.get("draws") or []:
        target, code = _public(d, parties_by_key.get(d["target_code"]) or {})
        rows.append({"target": target, "code": code, "inspectors": "、".join(d["inspectors"])})
    return {"agency": agency, "matter": matter or "安全生产监督检查", "date": day or entry["drawn_at"][:10],
            "draw_id": entry["draw_id"], "seed": entry["seed"], "drawn_at": entry["drawn_at"][:16],
            "targets_total": entry.get("targets_total", 0), "inspectors_total": entry.get("inspectors_total", 0),
            "per_target": entry.get("per_target", DEFAULT_PER_TARGET),
            "entries": rows}


def start_cases(service, entry: dict) -> list[dict]:
    """An inspection case per drawn target (party, drawn inspectors, a 现场检查记录 draft), in one
    transaction: ``[{"target", "case_id", "document_id"}]``. A draw whose cases were started is refused."""
    if entry.get("outcome") != "drawn":
        raise DrawError(["这次抽取未成功，不能据此立案检查"], outcome="未新建案件")
    started = service.store._query("SELECT uid FROM cases WHERE json_extract(facts, '$.random_draw.draw_id')=?",
                                   (entry["draw_id"],))
    if started:
        raise DrawError([f"这次抽取已于此前新建了 {len(started)} 个检查案件，不再重复新建"], outcome="未新建案件")
    parties_by_key = entry.get("parties") or {}
    out = []
    with service.store.bulk():
        for d in entry.get("draws") or []:
            party = parties_by_key.get(d["target_code"]) or {"type": "organization", "name": d["target"]}
            officers = [{"name": n, "cert_no": c} for n, c in zip(d["inspectors"], d["inspector_certs"], strict=True)]
            case_id = service.new_case({"title": f"{d['target']}双随机抽查", "party": party, "officers": officers,
                                        "facts": {"random_draw": {"draw_id": entry["draw_id"], "seed": entry["seed"],
                                                                  "drawn_at": entry["drawn_at"]},
                                                  "case_name": f"{d['target']}双随机抽查"}})
            doc_id = service.add_document(case_id, "inspection_record")
            out.append({"target": d["target"], "target_code": d["target_code"], "case_id": case_id,
                        "document_id": doc_id})
    return out
