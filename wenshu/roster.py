"""The officer roster (持证上岗: 001 持证上岗制度; 002 第三条): name, unit, certificate number, valid-until.

Kept in the case store so one file holds the agency's data. ``load_roster()`` is what the validators
consult (``wenshu.settings.load_context``); ``usable_on`` is what the officer picker asks before it
lets an officer be chosen for a document of a given date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from validators.context import Certificate
from validators.datetimes import parse_date

#: An officer whose certificate ends within this many days of the document date is shown with a warning.
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class Availability:
    """Whether an officer may be named on a document dated ``on``: ``ok`` False blocks the choice."""

    ok: bool
    warning: str = ""


def _certificate(row: dict) -> Certificate:
    return Certificate(name=row["name"], cert_no=row["cert_no"], unit=row.get("unit") or "",
                       valid_until=parse_date(row.get("valid_until")) if row.get("valid_until") else None)


def officers(store=None) -> list[Certificate]:
    """Every officer in the roster (sorted by unit, then name)."""
    from wenshu.store import Store

    store = store or Store()
    return [_certificate(r) for r in store.officers()]


def load_roster(store=None, path: str | Path | None = None) -> dict[str, Certificate]:
    """``cert_no → Certificate`` for the validators; empty when no store exists yet (never creates one)."""
    from wenshu.store import Store, default_path

    if store is None:
        target = Path(path) if path else default_path()
        if not target.exists():
            return {}
        store = Store(target)
        try:
            return {c.cert_no: c for c in officers(store)}
        finally:
            store.close()
    return {c.cert_no: c for c in officers(store)}


def normalize_officer(name: str, cert_no: str, unit: str = "", valid_until: str | date | None = None) -> dict:
    """One roster row, checked; raises ValueError with a Chinese message for unusable input."""
    name, cert_no = (name or "").strip(), (cert_no or "").strip()
    if not name:
        raise ValueError("请填写执法人员姓名。")
    if not cert_no:
        raise ValueError(f"请填写“{name}”的执法证号。")
    until = None
    if valid_until:
        parsed = valid_until if isinstance(valid_until, date) else parse_date(str(valid_until).strip())
        if parsed is None:
            raise ValueError(f"“{name}”的证件有效期“{valid_until}”无法识别，请按 2027-12-31 的格式填写。")
        until = parsed.isoformat()
    return {"name": name, "cert_no": cert_no, "unit": (unit or "").strip(), "valid_until": until}


def save_officer(store, name: str, cert_no: str, unit: str = "", valid_until: str | date | None = None) -> None:
    """Add or update one officer; raises ValueError with a Chinese message for unusable input."""
    row = normalize_officer(name, cert_no, unit, valid_until)
    store.put_officer(row["name"], row["cert_no"], row["unit"], row["valid_until"])


def replace_roster(store, rows: list[dict]) -> None:
    """Replace the whole roster at once (all rows checked first; nothing changes if one is wrong)."""
    checked = [normalize_officer(r.get("name", ""), r.get("cert_no", ""), r.get("unit", ""), r.get("valid_until"))
               for r in rows]
    numbers = [r["cert_no"] for r in checked]
    duplicate = next((n for n in numbers if numbers.count(n) > 1), None)
    if duplicate:
        raise ValueError(f"执法证号“{duplicate}”重复，请核对。")
    store.replace_officers(checked)


def usable_on(cert: Certificate, on: date) -> Availability:
    """May ``cert`` be named on a document dated ``on``? Expired → not usable; expiring soon → warning."""
    if cert.valid_until is None:
        return Availability(True)
    if on > cert.valid_until:
        return Availability(False, f"{cert.name}的执法证已于{cert.valid_until.year}年{cert.valid_until.month}月"
                                   f"{cert.valid_until.day}日到期，不能在此日期的文书中列为执法人员。")
    if on + timedelta(days=EXPIRY_WARNING_DAYS) > cert.valid_until:
        return Availability(True, f"{cert.name}的执法证将于{cert.valid_until.year}年{cert.valid_until.month}月"
                                  f"{cert.valid_until.day}日到期，请及时换证。")
    return Availability(True)
