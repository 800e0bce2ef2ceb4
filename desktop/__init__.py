"""The desktop shell (PySide6). Everything that decides a rule lives in the Qt-free core.

Importing this package first guards against a reference-counting defect seen with PySide6 6.12 on
Python 3.11: every call of a wrapped method that returns nothing (``setText``, ``setChecked`` …) takes
one reference from ``None`` without giving it (and some calls do the same to ``True``/``False``).
After a few thousand calls Python deallocates ``None`` and the process aborts ("none_dealloc") —
in an editing session that is minutes. From Python 3.12 these objects are immortal and the defect
is harmless; on 3.11 we give them an unreachable reference count once, which is what 3.12 does.
"""

from __future__ import annotations

import sys


def _immortalize_singletons() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for obj in (None, True, False, Ellipsis, NotImplemented):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field of every object
        refcnt.value += 1 << 40


_immortalize_singletons()


def _no_source_scan() -> None:
    """PySide6 reads the source of every Python module imported after it (its import hook looks for the
    word "PySide6", for ``from __feature__ import …``, which this app never uses): every module of the app
    and of the libraries loaded after the window — several MB of source kept in ``linecache`` and the time to
    read it, at every start. Each module is told it uses no such feature (PySide6's default for one that
    does not). A PySide6 without this hook is left as it is."""
    try:
        import PySide6  # noqa: F401 — installs the hook

        feature = sys.modules.get("shibokensupport.feature")
        if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
            feature._mod_uses_pyside = lambda module: False
    except Exception:  # noqa: BLE001 — an optimisation only: the app runs the same without it
        pass


_no_source_scan()
