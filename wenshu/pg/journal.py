"""The local journal of office mode: what was typed while the server could not be reached.

One small JSON file per office database in the data folder (``office-journal-<hash>.json``), replaced
atomically at every keystroke saved (temp file + rename: a crash leaves the old or the new journal, never
half of one). Per document it keeps the latest answers (an autosave is the document's whole current
content, so the latest one is all that must reach the server) and the version last known. When the
server answers again, ``PgStore.flush_journal`` writes each document back and the entry goes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from templates.atomic import atomic_write
from wenshu.paths import data_dir


class Journal:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._data = self._read()

    @classmethod
    def for_url(cls, url: str) -> Journal:
        key = hashlib.sha256(url.rsplit("@", 1)[-1].encode("utf-8")).hexdigest()[:12]
        return cls(data_dir() / f"office-journal-{key}.json")

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"documents": {}, "versions": {}, "cases": {}}
        if not isinstance(data, dict):
            return {"documents": {}, "versions": {}, "cases": {}}
        data.setdefault("documents", {})
        data.setdefault("cases", {})
        data.setdefault("versions", {})
        return data

    def _write(self) -> None:
        atomic_write(self.path, json.dumps(self._data, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def pending(self) -> bool:
        return bool(self._data["documents"] or self._data["cases"])

    def put_case(self, case_id: int, change: dict) -> None:
        """What the typing taught the case (title, party, facts) while offline; the latest of each."""
        old = self._data["cases"].get(str(case_id), {})
        self._data["cases"][str(case_id)] = {**old, **{k: v for k, v in change.items() if v is not None}}
        self._write()

    def case_entries(self) -> list[tuple[int, dict]]:
        return [(int(k), dict(v)) for k, v in self._data["cases"].items()]

    def case_done(self, case_id: int, change: dict) -> None:
        if self._data["cases"].get(str(case_id)) == change:
            del self._data["cases"][str(case_id)]
            self._write()

    def entries(self) -> list[tuple[int, dict]]:
        items = sorted(self._data["documents"].items(), key=lambda kv: kv[1].get("at", ""))
        return [(int(k), v) for k, v in items]

    def put(self, doc_id: int, answers: dict, state: str | None) -> None:
        self._data["documents"][str(doc_id)] = {"answers": answers, "state": state,
                                                "at": datetime.now().isoformat(timespec="microseconds")}
        self._write()

    def get(self, doc_id: int) -> dict | None:
        entry = self._data["documents"].get(str(doc_id))
        return None if entry is None else entry["answers"]

    def version(self, doc_id: int) -> int:
        return int(self._data["versions"].get(str(doc_id), 0))

    def seen(self, doc_id: int, version: int) -> None:
        """The version the server holds now (kept in memory; written with the next journal entry)."""
        self._data["versions"][str(doc_id)] = version

    def done(self, doc_id: int, entry: dict, version: int) -> None:
        current = self._data["documents"].get(str(doc_id))
        if current is not None and current.get("at") == entry.get("at"):
            del self._data["documents"][str(doc_id)]
        self._data["versions"][str(doc_id)] = version
        self._write()
