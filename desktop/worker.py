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
    case_id: int | None = None


def safe_name(text: str) -> str:
    """A file or folder name Windows accepts (no \\ / : * ? \" < > |)."""
    return _UNSAFE.sub("_", text).strip(" .") or "文书"


def output_folder(case: dict) -> Path:
    """Where a case's documents are written: ``settings.output_dir`` (default: the data folder's
    ``生成文书``) / the case title."""
    from wenshu.paths import data_dir
    from wenshu.settings import load_settings

    base = load_settings().get("output_dir") or (data_dir() / "生成文书")
    return Path(base) / safe_name(case.get("title") or "案件")


def output_path(folder: Path, kind_title: str, answers: dict) -> Path:
    number = str(answers.get("number") or "").strip()
    return folder / safe_name(f"{kind_title}{'_' + number if number else ''}.docx")


def number_field(kind) -> str | None:
    """The kind's own 文号 field (``x-widget: number`` holding text), if it has one."""
    for name, sub in (kind.schema.get("properties") or {}).items():
        t = sub.get("type")
        if sub.get("x-widget") == "number" and (t == "string" or (isinstance(t, list) and t[:1] == ["string"])):
            return name
    return None


def number_to_issue(kind, answers: dict, settings: dict | None = None) -> str | None:
    """The number field left blank (or showing the draft's 〔2026〕　　号) for the registry to fill on
    generation; None when it is filled or the kind carries no 文种代字. Its findings are no fault of a draft."""
    from validators.numbers import kind_code
    from wenshu.number_audit import is_draft_placeholder

    field = number_field(kind)
    if not field or not kind_code(kind.name, settings):
        return None
    text = str(answers.get(field) or "").strip()
    return field if not text or is_draft_placeholder(text) else None


def _write(kind, answers: dict, out: Path, job: GenerateJob, font_profile: str | None) -> dict:
    """Render one document as final through ``wenshu.number_audit.generate_with_number``: a blank 文号
    (or the draft's 〔2026〕　　号) is taken from the registry, never twice and never lost; a typed one
    must be the registry's for this document.

    Returns the answers as written (with the number when one was issued)."""
    import copy
    import getpass

    from wenshu.number_audit import generate_with_number
    from wenshu.settings import load_context

    context = load_context(kind.name)
    context.case = job.case
    written = copy.deepcopy(answers)
    generate_with_number(kind, written, out, job.case_id, job.doc_id, context.settings, context,
                         who=getpass.getuser(), font_profile=font_profile)
    return written


class _Signals(QObject):
    progress = Signal(int, int, str)  # done, total, title of the document being written
    finished = Signal(list)  # [{"doc_id", "version", "path", "fingerprint", "error", "title", "answers"}]


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
        from templates.render import RenderError, RenderRefused, fingerprint
        from wenshu.registry import RegistryError

        results = []
        total = len(self.jobs)
        for i, job in enumerate(self.jobs):
            self.signals.progress.emit(i, total, job.title)
            result = {"doc_id": job.doc_id, "version": job.version, "path": str(job.out), "title": job.title,
                      "fingerprint": "", "error": "", "answers": job.answers}
            try:
                kind = get_kind(job.kind_name)
                written = _write(kind, job.answers, job.out, job, self.font_profile)
                result["answers"] = written
                result["fingerprint"] = fingerprint(kind, written)
            except RenderRefused as exc:
                errors = [f for f in exc.findings if f["severity"] == "error"]
                result["error"] = f"《{job.title}》有 {len(errors)} 处错误，未生成。" + (
                    errors[0]["message"] if len(errors) == 1 else "")
                result["findings"] = exc.findings
            except (RenderError, RegistryError, ValueError) as exc:
                result["error"] = str(exc)
            except Exception as exc:  # the worker must report, never die silently
                result["error"] = f"《{job.title}》生成失败：{type(exc).__name__}。"
            results.append(result)
        self.signals.progress.emit(total, total, "")
        self.signals.finished.emit(results)


def start(task: GenerateTask) -> None:
    QThreadPool.globalInstance().start(task)
