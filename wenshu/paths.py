"""Where the user's data lives: ``WENSHU_HOME`` when set, else the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """The folder holding the store and settings (created on first use)."""
    home = os.environ.get("WENSHU_HOME")
    path = Path(home) if home else Path(user_data_dir("wenshu", appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
