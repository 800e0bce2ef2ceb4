"""The number registry's storage interface: what any back end (SQLite file, later a PostgreSQL server
shared by an office) must do, and the plain records it returns.

States of a number (DOMAIN.md §4 登记簿):

- ``allocated`` — reserved for a document whose final file is being written (not yet confirmed);
- ``issued`` — the document was written (or the number was taken by hand / imported as issued);
- ``void`` — 作废: kept for ever with its reason, never handed out again.

A sequence is one (prefix, year); the next number is one more than the highest ever recorded in it
(issued, reserved, voided or imported), so a number is never issued twice and gaps are reported, not
filled.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

ALLOCATED, ISSUED, VOID = "allocated", "issued", "void"
STATE_CN = {ALLOCATED: "已预留（待确认）", ISSUED: "已使用", VOID: "作废"}


class RegistryError(Exception):
    """The registry cannot do what was asked; ``str()`` is a Chinese message for the user.
    Nothing has been changed when this is raised."""


@dataclass(frozen=True)
class NumberRecord:
    """One number in the registry, with who took it, when, and for which case and document."""

    number: str
    prefix: str
    year: int
    seq: int
    state: str
    who: str = ""
    allocated_at: str = ""
    case_id: str | None = None
    document_id: str | None = None
    document_title: str | None = None  # e.g. 行政处罚决定书 (imported registers name documents this way)
    issued_at: str | None = None
    path: str | None = None
    voided_at: str | None = None
    void_reason: str | None = None
    voided_by: str | None = None
    source: str = "app"  # app | import

    def to_json(self) -> dict:
        return dict(self.__dict__)  # every field is a plain value: asdict's deep copy is 20× slower


@dataclass
class SequenceReport:
    """One (prefix, year): what was used, voided, reserved but unconfirmed, and never used (gaps)."""

    prefix: str
    year: int
    next_seq: int
    issued: list[NumberRecord] = field(default_factory=list)
    pending: list[NumberRecord] = field(default_factory=list)
    voided: list[NumberRecord] = field(default_factory=list)
    gaps: list[tuple[int, int]] = field(default_factory=list)  # unused sequence numbers, as (first, last) ranges

    def to_json(self) -> dict:
        return {
            "prefix": self.prefix,
            "year": self.year,
            "next_seq": self.next_seq,
            "allocated": [r.to_json() for r in self.issued],
            "pending": [r.to_json() for r in self.pending],
            "voided": [r.to_json() for r in self.voided],
            "gaps": [list(g) for g in self.gaps],
            "gap_count": sum(b - a + 1 for a, b in self.gaps),
        }


def gap_ranges(used) -> list[tuple[int, int]]:
    """The unused sequence numbers below the highest used one, as ``(first, last)`` ranges: 1–3 and 5 of
    ``{4, 6}`` → ``[(1, 3), (5, 5)]``. Built from the used numbers alone, never from every number."""
    out, expected = [], 1
    for seq in sorted(set(used)):
        if seq > expected:
            out.append((expected, seq - 1))
        expected = max(expected, seq + 1)
    return out


@dataclass(frozen=True)
class ImportRow:
    """A number already issued outside the app (CSV row or found in a .docx)."""

    number: str
    date: str | None = None
    case_id: str | None = None
    document_id: str | None = None  # the app's document identifier (binds the number to it)
    document_title: str | None = None  # what the document is, e.g. 行政处罚决定书
    state: str = ISSUED
    void_reason: str | None = None
    path: str | None = None  # the issued file it was found in
    origin: str = ""  # where it came from, e.g. "numbers.csv 第3行"


@dataclass
class ImportResult:
    imported: list[NumberRecord] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # numbers the registry already held

    def to_json(self) -> dict:
        return {"imported": [r.number for r in self.imported], "already": list(self.already)}


class NumberStore(abc.ABC):
    """Allocate, bind, confirm, void, list and import document numbers, safely across processes.

    Implementations must make ``allocate``/``number_for_document`` atomic across processes (no two
    callers ever get the same number, no increment is lost) and must never reuse a voided number.
    """

    @abc.abstractmethod
    def allocate(self, prefix: str, year: int, *, who: str = "", case_id: str | None = None,
                 document_id: str | None = None) -> NumberRecord:
        """Take the next number by hand (state ``issued`` at once): ``wenshu number next``."""

    @abc.abstractmethod
    def number_for_document(self, prefix: str, year: int, case_id: str | None, document_id: str,
                            who: str = "") -> NumberRecord:
        """The number of a document about to be generated as final.

        Re-generating a document returns the number it already has (issued or reserved); otherwise the
        next number is reserved (``allocated``) for it. Call ``confirm`` once the file is written.
        """

    @abc.abstractmethod
    def confirm(self, number: str, path: str | None = None) -> NumberRecord:
        """Mark a reserved number as issued: its document has been written (to ``path``)."""

    @abc.abstractmethod
    def void(self, number: str, reason: str, who: str = "") -> NumberRecord:
        """Mark a number 作废 with its reason; it stays recorded and is never handed out again."""

    @abc.abstractmethod
    def get(self, number: str) -> NumberRecord | None:
        """The record of one number (canonical text), or None."""

    @abc.abstractmethod
    def for_document(self, document_id: str) -> NumberRecord | None:
        """The live (not voided) number of a document, or None."""

    @abc.abstractmethod
    def records(self, prefix: str | None = None, year: int | None = None) -> list[NumberRecord]:
        """Every record, optionally of one prefix and year, in (prefix, year, seq) order."""

    @abc.abstractmethod
    def sequences(self) -> list[tuple[str, int]]:
        """Every (prefix, year) that has at least one record."""

    @abc.abstractmethod
    def import_existing(self, rows: Iterable[ImportRow], who: str = "") -> ImportResult:
        """Record numbers issued before the app was used, all or nothing; later allocations continue
        after the highest one. Numbers already held are left unchanged and listed in ``already``."""

    def report(self, prefix: str, year: int) -> SequenceReport:
        """Used, reserved, voided and unused (gap) numbers of one sequence."""
        recs = self.records(prefix, year)
        rep = SequenceReport(prefix=prefix, year=year, next_seq=max((r.seq for r in recs), default=0) + 1)
        rep.gaps = gap_ranges(r.seq for r in recs)
        for r in recs:
            {ISSUED: rep.issued, ALLOCATED: rep.pending, VOID: rep.voided}[r.state].append(r)
        return rep

    def gaps(self, prefix: str, year: int) -> list[tuple[int, int]]:
        return self.report(prefix, year).gaps

    # --- paged reads for the registry window (issue 17); back ends may answer them in their own query ---
    def sequence_summary(self, prefix: str, year: int) -> dict:
        """``{"next_seq", "count", "issued", "pending", "voided", "gaps"}`` of one sequence, no records kept."""
        rep = self.report(prefix, year)
        return {"next_seq": rep.next_seq, "count": len(rep.issued) + len(rep.pending) + len(rep.voided),
                "issued": len(rep.issued), "pending": len(rep.pending), "voided": len(rep.voided), "gaps": rep.gaps}

    def records_page(self, prefix: str, year: int, limit: int, offset: int = 0) -> list[NumberRecord]:
        """One page of a sequence's records in sequence order."""
        return self.records(prefix, year)[offset:offset + limit]

    def position(self, prefix: str, year: int, number: str) -> int | None:
        """The row of ``number`` in its sequence's order (``records_page`` offset), None when absent."""
        return next((i for i, r in enumerate(self.records(prefix, year)) if r.number == number), None)

    def pending(self) -> list[NumberRecord]:
        """Reservations never confirmed (the app stopped between taking a number and writing)."""
        return [r for r in self.records() if r.state == ALLOCATED]

    def recover(self, older_than: timedelta | None = None, now: datetime | None = None,
                who: str = "") -> list[NumberRecord]:
        """Void reservations older than ``older_than`` (never reuse them); return the ones voided.

        With ``older_than=None`` nothing is changed and the unconfirmed reservations are returned, so the
        app can show them. A reservation confirmed later by re-generating its document is not lost either.
        """
        pending = self.pending()
        if older_than is None:
            return pending
        now = now or datetime.now()
        done = []
        for r in pending:
            try:
                at = datetime.fromisoformat(r.allocated_at)
            except ValueError:
                continue
            if now - at >= older_than:
                done.append(self.void(r.number, "生成文书时中断，预留的文号未写入文书，已作废", who=who))
        return done

    def close(self) -> None:  # noqa: B027 (optional for back ends without resources)
        """Release resources."""


def issue_document(store: NumberStore, prefix: str, year: int, case_id: str | None, document_id: str,
                   write, who: str = "") -> NumberRecord:
    """Give a final document its number and write it: the one call the app makes on final generation.

    ``write(number_text)`` writes the file (atomically) and returns its path. If it raises, the
    reservation stays bound to the document, so generating it again reuses the same number; if the
    process dies in between, ``NumberStore.recover`` finds the reservation. The number is never lost and
    never given to another document.
    """
    rec = store.number_for_document(prefix, year, case_id, document_id, who=who)
    path = write(rec.number)
    return store.confirm(rec.number, str(path) if path is not None else None)
