"""Where generated documents are written and what their files are called (DOMAIN.md §11).

Every generated document gets its own file, named after its kind, number and version; a file of another
document or of an earlier version is never overwritten.
"""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(text: str) -> str:
    """A file or folder name Windows accepts (no \\ / : * ? \" < > |)."""
    return _UNSAFE.sub("_", text).strip(" .") or "文书"


def output_folder(case: dict, settings: dict | None = None) -> Path:
    """Where a case's documents are written: ``settings.output_dir`` (the folder the user chose in
    设置 → 文书保存位置; default ``文档\\执法文书``, ``wenshu.paths.default_documents_dir``) / the case title."""
    from wenshu.paths import default_documents_dir

    if settings is None:
        from wenshu.settings import load_settings

        settings = load_settings()
    base = settings.get("output_dir") or default_documents_dir()
    return Path(base) / safe_name(case.get("title") or "案件")


def document_file_name(kind_title: str, number: str | None, version: int, document_id: str) -> str:
    """``现场检查记录_（晋忻神）应急检记〔2026〕13号_第1版.docx``; a kind without a number carries the
    document's short id instead (two 询问笔录 of one case never share a name)."""
    middle = number.strip() if number and number.strip() else f"文书{document_id[:8]}"
    return safe_name(f"{kind_title}_{middle}_第{version}版.docx")


def free_path(path: Path) -> Path:
    """``path``, or ``name（2）.docx`` … when a file of that name is already there."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}（{n}）{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
