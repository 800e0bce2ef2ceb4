"""What a rule may know beyond the answers: the drafting date, the officer roster, the case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Certificate:
    """One officer's enforcement certificate (持证上岗: 001 持证上岗制度; 002 第三条)."""

    name: str
    cert_no: str
    unit: str = ""
    valid_until: date | None = None


@dataclass
class CheckContext:
    """Everything a rule may consult besides the document's own answers.

    ``now`` is the drafting moment (records may not lie after it); ``roster`` maps certificate numbers
    to certificates (when empty, certificate validity is not checked); ``case`` holds facts of the case
    the document belongs to (e.g. ``{"legal_review": {"conclusion": "同意"}}``); ``settings`` the
    agency's configurable values (rule set, 代字 table); ``final`` whether the answers are about to be
    printed as final (see ``validators.engine.validate``).
    """

    now: datetime = field(default_factory=lambda: datetime.now().replace(second=0, microsecond=0))
    roster: dict[str, Certificate] = field(default_factory=dict)
    case: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    #: ``kind`` names the kind being checked and ``meta`` is its ``x-wenshu`` block (empty when unknown).
    #: Whoever builds a context for a kind fills it (``wenshu.settings.load_context``; ``engine.validate``
    #: takes it from the schema when a context names its kind without it): rules read the kind's metadata
    #: here and never load kinds themselves, so validators/ depends on nothing above it.
    meta: dict[str, Any] = field(default_factory=dict)
    kind: str = ""
    #: False while drafting (``check``): a blank 文号 is what the registry issues on generation, so it
    #: is no fault yet. True for final output, where the number must be there.
    final: bool = False
    #: The working-day calendar in force (``validators.deadlines.WorkCalendar``, with the administrator's
    #: holiday tables); None means the package's.
    calendar: Any = None

    @property
    def today(self) -> date:
        return self.now.date()
