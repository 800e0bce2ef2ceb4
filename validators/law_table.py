"""Where the law table is installed (``register_law_table``) and read (``law_table``): a module of its own,
so installing the table (``templates.law_library``, on the kinds' import) does not import the law rules
(``validators.law``) before the app's first window is shown (issue 17, a light start)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

_LawTable = Mapping[str, dict]
_law_table: Callable[[], _LawTable] = dict


def register_law_table(table: _LawTable | Callable[[], _LawTable]) -> None:
    """Install the law table: short name (``安全生产法``) → law (see ``templates.law_library``)."""
    global _law_table
    _law_table = table if callable(table) else (lambda: table)


def law_table() -> _LawTable:
    return _law_table()
