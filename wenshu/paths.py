"""Where the user's data lives (``WENSHU_HOME`` when set, else the per-user data folder) and where the
generated documents go by default (the user's Documents folder + ``执法文书``, visible in Explorer)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_documents_dir

#: The folder under the user's Documents where generated documents go by default (文档\\执法文书).
DOCUMENTS_FOLDER = "执法文书"


def data_dir() -> Path:
    """The folder holding the store and settings (created on first use)."""
    home = os.environ.get("WENSHU_HOME")
    path = Path(home) if home else Path(user_data_dir("wenshu", appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_documents_dir() -> Path:
    """``文档\\执法文书``: the user's Documents folder (platformdirs) + ``执法文书``. Under ``WENSHU_HOME``
    when that is set (a portable or test data folder keeps everything in one place). Not created here."""
    home = os.environ.get("WENSHU_HOME")
    base = Path(home) if home else Path(user_documents_dir())
    return base / DOCUMENTS_FOLDER
