"""Generating final documents off the UI thread, with progress, so the window never freezes.

The worker decides nothing: for each document it calls ``CaseService.generate`` (check, take the number,
write the document's own file, record the printed version — the one generation path of the editor and of
生成全部) and reports what the service said. It works on its own connection to the store
(``CaseService.for_thread``): SQLite connections are not shared across threads.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wenshu.service import Refused, ServiceError
from wenshu.store import StoreError


class _Signals(QObject):
    progress = Signal(int, int, str)  # done, total, title of the document being written
    #: one dict per document: {"document_id", "title", "error", "refused", "findings", and on success the
    #: service's "version", "number", "path", "fingerprint"}
    finished = Signal(list)


def _result(document_id: str, title: str) -> dict:
    return {"document_id": document_id, "title": title, "error": "", "refused": False, "findings": [],
            "path": "", "fingerprint": "", "number": None, "version": None}


class GenerateTask(QRunnable):
    """Generate ``document_ids`` in order through the service; ``reason`` is the 更正原因 (one document)."""

    def __init__(self, service, document_ids: list[str], reason: str | None = None,
                 font_profile: str | None = None):
        super().__init__()
        self.service = service
        self.document_ids = list(document_ids)
        self.reason = reason
        self.font_profile = font_profile
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        total = len(self.document_ids)
        try:
            service = self.service.for_thread()
        except (StoreError, ServiceError) as exc:
            results = [dict(_result(d, "文书"), error=str(exc)) for d in self.document_ids]
            self.signals.progress.emit(total, total, "")
            self.signals.finished.emit(results)
            return
        results = []
        try:
            for i, document_id in enumerate(self.document_ids):
                results.append(self._one(service, document_id, i, total))
        finally:
            service.close()
        self.signals.progress.emit(total, total, "")
        self.signals.finished.emit(results)

    def _one(self, service, document_id: str, i: int, total: int) -> dict:
        try:
            title = service.document(document_id)["title"]
        except (ServiceError, StoreError):
            title = "文书"
        self.signals.progress.emit(i, total, title)
        result = _result(document_id, title)
        try:
            result.update(service.generate(document_id, reason=self.reason, font_profile=self.font_profile))
        except Refused as exc:
            errors = [f for f in exc.findings if f["severity"] == "error"]
            extra = errors[0]["message"] if len(errors) == 1 and errors[0]["message"] != str(exc) else ""
            result.update(error=str(exc) + extra, refused=True, findings=exc.findings)
        except (ServiceError, StoreError) as exc:
            result["error"] = str(exc)
        except Exception as exc:  # the worker must report, never die silently
            result["error"] = f"《{title}》生成失败：{type(exc).__name__}。"
        return result


#: Every task started, kept for the session: a pool thread may still be leaving ``run()`` after its
#: ``finished`` reached the window, and an editor closed meanwhile must not take the task with it.
_STARTED: list[GenerateTask] = []


def start(task: GenerateTask) -> None:
    _STARTED.append(task)
    QThreadPool.globalInstance().start(task)


class _AgendaSignals(QObject):
    finished = Signal(list)  # the AgendaItems of CaseService.agenda()


class AgendaTask(QRunnable):
    """今日待办 computed off the UI thread (its own connection to the store): the window is up and usable
    while ten thousand cases are looked through; ``finished`` carries the items (empty on failure).
    With ``method="verify_history"`` the same for the start's check of the history (a list of problems;
    a failure is reported as one problem)."""

    def __init__(self, service, method: str = "agenda"):
        super().__init__()
        self.service = service
        self.method = method
        self.signals = _AgendaSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        items: list = []
        try:
            service = self.service.for_thread()
            try:
                items = getattr(service, self.method)()
            finally:
                service.close()
        except Exception as exc:  # a courtesy at start: never take the app down
            items = [] if self.method == "agenda" else [{"code": "history.unreadable", "message": str(exc)}]
        self.signals.finished.emit(items)


def start_agenda(task: AgendaTask) -> None:
    _STARTED.append(task)
    QThreadPool.globalInstance().start(task)
