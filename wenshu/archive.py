"""The case file (案卷, DOMAIN.md §14): ``wenshu case archive CASE -o DIR`` and the app's 归档.

For a closed case whose documents are all generated, one call writes into DIR:

- ``案卷.pdf`` — the whole file in binding order, a bookmark at the first page of every document;
- ``文书/NN_….docx`` — every document as issued (the 案卷（首页） and the 卷内目录 too), NN its place in the file;
- ``案件.json`` — the case with all versions, numbers and printed records (``wenshu case export``);
- ``manifest.json`` — the SHA-256 and size of every file above, the documents with their pages, the 归档号.

The 首页 and 卷内目录 are documents of the case (kinds with ``x-wenshu.role`` ``archive_cover`` /
``archive_index``), generated through the one generation path (number, fingerprint, printed record). The
卷内目录's 页号 are the real pages: every document is converted to PDF and counted, and the 卷内目录 is laid
out, counted and laid out again until its own length no longer moves the numbers after it. The binding
order is the agency's setting ``archive_binding_order`` (kinds first in that order, then the procedure's).

Drafts are refused (exit 1, listing them); nothing is written unless the whole file could be made (files
are assembled in a temporary folder inside DIR and moved into place, the manifest last). The 归档号 (year +
4-digit sequence, never given twice) is reserved when the archive starts and the archive date recorded
when it is complete; the 归档期限 then shows done in the agenda (``done:archive``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from templates import oserror
from templates.kinds import Kind, all_kinds, get_kind
from validators.findings import finding
from wenshu import pdf

#: The common binding order (the agency may set its own): 卷内目录, 决定书, 送达回执, then the procedure order.
#: The 案卷（首页） is always the first page.
DEFAULT_BINDING_ORDER = ("case_file_index", "penalty_decision", "delivery_receipt")
COVER_ROLE, INDEX_ROLE = "archive_cover", "archive_index"
PDF_NAME, CASE_JSON, MANIFEST = "案卷.pdf", "案件.json", "manifest.json"
DOCS_FOLDER = "文书"
#: The mark the trial layouts of the 卷内目录 carry: the same length as the real fingerprint (same lines).
_TRIAL_MARK = "0000-0000-0000-0000"


@dataclass
class Part:
    """One document of the case file."""

    document_id: str
    kind: Kind
    number: str
    version: int
    fingerprint: str
    docx: Path
    day: str = ""
    pdf: Path | None = None
    pages: int = 0
    first_page: int = 0
    file: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind.title}　{self.number}" if self.number else self.kind.title


def role_kind(role: str) -> Kind | None:
    return next((k for k in all_kinds() if k.meta.get("role") == role), None)


def document_day(kind: Kind, answers: dict, printed: str) -> str:
    """The date a document carries: its ``date``, else the dates its kind declares for the case's events,
    else the start of its time, else its first date field (schema order), else the day it was printed."""
    from wenshu.agenda import as_date, declarations, resolve

    dated = [f"/{name}" for name, sub in (kind.schema.get("properties") or {}).items()
             if isinstance(sub, dict) and sub.get("x-widget") in ("date", "datetime")]
    pointers = (["/date"] + [d.source for d in declarations(kind.name, kind.schema)] + ["/time/start"] + dated)
    for pointer in pointers:
        found, value = resolve(answers, pointer)
        day = as_date(value) if found else None
        if day is not None:
            return day.isoformat()
    return (printed or "")[:10]


def binding_rank(settings: dict) -> Callable[[Kind], tuple]:
    from wenshu.service import case_kinds

    order = settings.get("archive_binding_order")
    if not isinstance(order, list) or not all(isinstance(k, str) for k in order):
        order = list(DEFAULT_BINDING_ORDER)
    procedure = {k.name: i for i, k in enumerate(case_kinds())}

    def rank(kind: Kind) -> tuple:
        if kind.meta.get("role") == COVER_ROLE:
            return (-1, 0)
        if kind.name in order:
            return (0, order.index(kind.name))
        return (1, procedure.get(kind.name, len(procedure)))

    return rank


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Archiver:
    """One archive run over ``service`` (a ``CaseService``)."""

    def __init__(self, service, case_ref: Any, out_dir: str | Path, *, converter: pdf.Converter | None = None,
                 progress: pdf.Progress | None = None, cancel: pdf.Cancel | None = None):
        self.service = service
        self.case = service._case(case_ref)  # noqa: SLF001 (the service's own resolution of ids)
        self.out = Path(out_dir)
        self.converter = converter
        self._reported = 0
        self._progress = progress or (lambda done, total, name: None)
        self.cancel = cancel or (lambda: False)
        self.settings = service.settings()

    def progress(self, done: int, total: int, name: str) -> None:
        """Progress never goes back (the 卷内目录 may be laid out more than once)."""
        self._reported = max(self._reported, done)
        self._progress(self._reported, total, name)

    # --- what may be archived ---------------------------------------------------------------------
    def _parts(self) -> list[dict]:
        from wenshu.service import Refused
        from wenshu.store import GENERATED, STALE, STATE_TITLES

        store, case = self.service.store, self.case
        docs = store.documents(case["id"], withdrawn=False)
        facts = self.service._facts(case, docs)  # noqa: SLF001
        body, blocked = [], []
        for doc in docs:
            try:
                kind = get_kind(doc["kind"])
            except Exception:  # a kind this installation does not have: not part of its case file
                continue
            if kind.meta.get("role") in (COVER_ROLE, INDEX_ROLE):
                continue
            state = self.service._state(doc, kind, case, facts, self.settings)  # noqa: SLF001
            if state in (GENERATED, STALE):
                body.append({"doc": doc, "kind": kind})
            else:
                blocked.append(f"《{kind.title}》（{STATE_TITLES[state]}）")
        if blocked:
            message = (f"以下 {len(blocked)} 份文书尚未生成正式文书，不能归档：{'、'.join(blocked)}。"
                       "请生成，或将不再需要的草稿作废后再归档。")
            raise Refused(message, [finding("", "archive.not_generated", message)])
        if not (facts.get("events") or {}).get("case_closed"):
            message = "案件尚未结案（没有已生成的结案审批表及结案日期），不能归档。"
            raise Refused(message, [finding("", "archive.not_closed", message)])
        if role_kind(COVER_ROLE) is None or role_kind(INDEX_ROLE) is None:
            from wenshu.service import Unusable

            raise Unusable("本程序缺少案卷（首页）或卷内目录的文书模板，无法归档。")
        return body

    def _part(self, doc_id: str) -> Part:
        from wenshu.service import Unusable

        store = self.service.store
        doc = store.get_document(self.service._resolve("documents", doc_id, "文书"))  # noqa: SLF001
        kind = get_kind(doc["kind"])
        printed = store.printed(doc["id"])
        if not printed:
            raise Unusable(f"《{kind.title}》没有生成记录，不能归档。")
        last = printed[-1]
        path = Path(last["path"])
        answers = store.version_answers(doc["id"], last["version"]) or doc["answers"]
        if not path.is_file():  # moved or deleted: the printed version again (same answers, number, mark)
            try:
                again = self.service.generate(doc["uid"])
            except Exception as exc:
                raise Unusable(f"找不到《{kind.title}》生成的文件“{path}”，也无法重新生成：{exc}") from None
            path = Path(again["path"])
            last = store.printed(doc["id"])[-1]
        number = answers.get("number") if isinstance(answers.get("number"), str) else ""
        return Part(doc["uid"], kind, number.strip(), last["version"], last["fingerprint"], path,
                    day=document_day(kind, answers, last["printed"]))

    # --- the run ---------------------------------------------------------------------------------
    def run(self) -> dict:
        from wenshu.service import Unusable

        body = self._parts()  # refusals first: nothing is changed by a refused archive
        if self.out.exists() and not self.out.is_dir():
            raise Unusable(f"“{self.out}”是一个文件，请指定用于存放案卷的文件夹。")
        converter = self.converter
        if converter is None:
            try:
                converter = pdf.find_converter(self.settings.get("pdf_converter"))
            except pdf.NoConverter as exc:
                raise Unusable(str(exc)) from None
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".正在归档-", dir=self.out))
        except OSError as exc:
            raise Unusable(f"无法写入“{self.out}”：{oserror.reason(exc)}。请检查磁盘空间和文件夹权限。") from None
        try:
            return self._run(body, converter, staging)
        except pdf.Cancelled:
            raise
        except pdf.PdfError as exc:
            raise Unusable(f"生成案卷 PDF 失败（{converter.name}）：{exc}") from None
        except OSError as exc:
            raise Unusable(f"无法写入“{self.out}”：{oserror.reason(exc)}。请检查磁盘空间和文件夹权限。") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _convert(self, converter, parts: list[Part], folder: Path, step: tuple[int, int]) -> None:
        """PDFs of ``parts`` (copied under short names first: a converter names its PDF after the file)."""
        folder.mkdir(parents=True, exist_ok=True)
        sources = []
        for i, part in enumerate(parts):
            src = folder / f"{step[0]:02d}-{i:03d}.docx"
            shutil.copyfile(part.docx, src)
            sources.append(src)
        base, total = step[0], step[1]
        titles = [p.kind.title for p in parts]

        def progress(done, n, _name):
            self.progress(min(base + done, total), total, titles[min(done, len(titles) - 1)] if titles else "")

        pdfs = converter.convert(sources, folder, progress=progress, cancel=self.cancel)
        for part, out in zip(parts, pdfs, strict=True):
            part.pdf = out
            part.pages = pdf.page_count(out)

    def _run(self, body: list[dict], converter, staging: Path) -> dict:
        service, store, case = self.service, self.service.store, self.case
        rank = binding_rank(self.settings)
        body.sort(key=lambda b: rank(b["kind"]))  # stable: the order added within a kind
        parts = [self._part(b["doc"]["uid"]) for b in body]
        total = len(parts) + 3
        self._convert(converter, parts, staging / "pdf", (0, total))

        record = store.reserve_archive_number(case["id"], service.now().year)
        day = record.get("archived_on") or service.now().date().isoformat()
        cover = self._cover(record["archive_no"], day)
        index_kind = role_kind(INDEX_ROLE)
        placeholder = Part("", index_kind, "", 0, "", Path(), day=day)

        def ordered(index_part: Part) -> list[Part]:
            rest = sorted(parts + [index_part], key=lambda p: rank(p.kind))
            return [cover] + rest

        # the 卷内目录's length moves the pages after it: lay it out until the numbers stand
        trial_dir = staging / "trial"
        trial_dir.mkdir()
        self._convert(converter, [cover], staging / "cover", (len(parts), total))
        placeholder.pages = 1
        for attempt in range(5):
            entries = self._entries(ordered(placeholder))
            trial = Part("", index_kind, "", 0, "", trial_dir / f"卷内目录{attempt}.docx", day=day)
            self._render_trial(index_kind, {"entries": entries}, trial.docx)
            self._convert(converter, [trial], trial_dir / str(attempt), (len(parts) + 1, total))
            if trial.pages == placeholder.pages:
                break
            placeholder.pages = trial.pages
        index = self._generate_role(INDEX_ROLE, {"entries": entries})
        self._convert(converter, [index], staging / "index", (len(parts) + 2, total))
        if index.pages != placeholder.pages:
            raise pdf.PdfError("卷内目录的页数在生成后发生变化，页号无法确定，请重试。")
        bound = ordered(index)
        page = 1
        for part in bound:
            part.first_page, page = page, page + part.pages
        if [e["page"] for e in entries] != [p.first_page for p in bound]:
            raise pdf.PdfError("卷内目录的页号与案卷不符，请重试。")

        # assemble in the staging folder, then move into place (the manifest last)
        final = staging / "final"
        (final / DOCS_FOLDER).mkdir(parents=True)
        firsts = pdf.merge([(p.pdf, f"{i}　{p.label}") for i, p in enumerate(bound, 1)], final / PDF_NAME)
        assert firsts == [p.first_page for p in bound]
        from wenshu.files import safe_name

        for i, part in enumerate(bound, 1):
            part.file = f"{DOCS_FOLDER}/{i:02d}_{safe_name(part.docx.name)}"
            shutil.copyfile(part.docx, final / part.file)
        service.export_case(case["uid"], final / CASE_JSON)
        files = sorted(p for p in final.rglob("*") if p.is_file())
        manifest = {
            "case_id": case["uid"], "title": case["title"], "archive_no": record["archive_no"],
            "archive_date": day, "pages": page - 1, "converter": converter.name,
            "documents": [{"seq": i, "document_id": p.document_id, "kind": p.kind.name, "title": p.kind.title,
                           "number": p.number or None, "version": p.version, "fingerprint": p.fingerprint,
                           "date": p.day, "first_page": p.first_page, "pages": p.pages, "file": p.file}
                          for i, p in enumerate(bound, 1)],
            "files": [{"path": f.relative_to(final).as_posix(), "sha256": sha256(f), "bytes": f.stat().st_size}
                      for f in files],
        }
        (final / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for f in files + [final / MANIFEST]:
            target = self.out / f.relative_to(final)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(f, target)
        store.mark_archived(case["id"], day)
        from wenshu.agenda import DONE_EVENT_PREFIX

        done = f"{DONE_EVENT_PREFIX}archive"
        if not any(e["kind"] == done for e in store.events(case["id"])):
            store.add_event(case["id"], done, day, f"归档号{record['archive_no']}")
        self.progress(total, total, "")
        return {"cover": str(self.out / bound[0].file), "index": str(self.out / index.file),
                "pdf": str(self.out / PDF_NAME), "manifest": str(self.out / MANIFEST),
                "case_json": str(self.out / CASE_JSON), "archive_no": record["archive_no"], "archive_date": day,
                "pages": page - 1, "documents": manifest["documents"]}

    def _entries(self, bound: list[Part]) -> list[dict]:
        out, page = [], 1
        for part in bound:
            out.append({"title": part.kind.title, "number": part.number, "date": part.day, "page": page,
                        "note": ""})
            page += max(part.pages, 1)
        return out

    def _render_trial(self, kind: Kind, answers: dict, path: Path) -> None:
        from templates.render import RenderError, render_document

        facts = self.service._facts(self.case)  # noqa: SLF001
        context = dataclasses.replace(self.service.context(kind, facts, self.settings), final=True)
        try:
            render_document(kind, answers, path, context=context, mark=_TRIAL_MARK)
        except RenderError as exc:
            raise pdf.PdfError(str(exc)) from None

    def _cover(self, archive_no: str, day: str) -> Part:
        return self._generate_role(COVER_ROLE, {"archive_no": archive_no, "archive_date": day})

    def _generate_role(self, role: str, answers: dict) -> Part:
        """The case's document of ``role`` with ``answers`` over what it holds, generated."""
        kind = role_kind(role)
        service, store = self.service, self.service.store
        live = [d for d in store.documents(self.case["id"], withdrawn=False) if d["kind"] == kind.name]
        if live:
            doc_id = live[0]["uid"]
            current = service.document(doc_id)["answers"]
        else:
            doc_id = service.add_document(self.case["uid"], kind.name)
            current = service.document(doc_id)["answers"]
        content = {**current, **answers}
        if content != store.get_document(service._resolve("documents", doc_id, "文书"))["answers"]:  # noqa: SLF001
            service.save(doc_id, content)
        printed = service.printed(doc_id)
        reason = "重新归档：案卷内容更新" if printed else None
        service.generate(doc_id, reason=reason)
        return self._part(doc_id)


def archive_case(service, case_ref: Any, out_dir: str | Path, **kw) -> dict:
    """Write the case file of ``case_ref`` into ``out_dir`` (see the module's docstring)."""
    return Archiver(service, case_ref, out_dir, **kw).run()


def archived_on(service, case_ref: Any) -> date | None:
    record = service.store.archive_record(service._case(case_ref)["id"])  # noqa: SLF001
    return date.fromisoformat(record["archived_on"]) if record and record.get("archived_on") else None
