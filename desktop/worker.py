"""Rendering .docx files off the UI thread, with progress, so the window never freezes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass
class GenerateJob:
    """One document to write: which version of which document, and where."""

    doc_id: int
    version: int
    kind_name: str
    title: str
    answers: dict
    out: Path
    case: dict


def safe_name(text: str) -> str:
    """A file or folder name Windows accepts (no \\ / : * ? \" < > |)."""
    return _UNSAFE.sub("_", text).strip(" .") or "文书"


def output_path(folder: Path, kind_title: str, answers: dict) -> Path:
    number = str(answers.get("number") or "").strip()
    return folder / safe_name(f"{kind_title}{'_' + number if number else ''}.docx")


class _Signals(QObject):
    progress = Signal(int, int, str)  # done, total, title of the document being written
    finished = Signal(list)  # [{"doc_id", "version", "path", "fingerprint", "error", "title"}]


class GenerateTask(QRunnable):
    """Writes each job's .docx (validated again in the worker: errors refuse, nothing written)."""

    def __init__(self, jobs: list[GenerateJob], font_profile: str | None = None):
        super().__init__()
        self.jobs = jobs
        self.font_profile = font_profile
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        from templates.kinds import get_kind
        from templates.render import RenderError, RenderRefused, fingerprint, render_document
        from wenshu.settings import load_context

        results = []
        total = len(self.jobs)
        for i, job in enumerate(self.jobs):
            self.signals.progress.emit(i, total, job.title)
            result = {"doc_id": job.doc_id, "version": job.version, "path": str(job.out), "title": job.title,
                      "fingerprint": "", "error": ""}
            try:
                kind = get_kind(job.kind_name)
                context = load_context(kind.name)
                context.case = job.case
                render_document(kind, job.answers, job.out, context=context, font_profile=self.font_profile)
                result["fingerprint"] = fingerprint(kind, job.answers)
            except RenderRefused as exc:
                result["error"] = f"《{job.title}》有 {sum(f['severity'] == 'error' for f in exc.findings)} 处错误，未生成。"
            except RenderError as exc:
                result["error"] = str(exc)
            except Exception as exc:  # the worker must report, never die silently
                result["error"] = f"《{job.title}》生成失败：{type(exc).__name__}。"
            results.append(result)
        self.signals.progress.emit(total, total, "")
        self.signals.finished.emit(results)


def start(task: GenerateTask) -> None:
    QThreadPool.globalInstance().start(task)
