"""Shared by ``wenshu.spec`` and ``baseline/bare_window.spec``: what to leave out of a bundle.

Both bundles are trimmed the same way, so the size of the app's bundle can be compared with a bare
PySide6 window built the same way (issue 6: app ≤ 1.15 × bare window).

This folder has no ``__init__.py`` on purpose: a regular package named ``packaging`` would shadow the
PyPI ``packaging`` library that pip, setuptools and PyInstaller import.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The project's packages (as in pyproject.toml); every module in them is bundled, imported or not.
PACKAGES = ("wenshu", "validators", "templates", "desktop")
#: Data files bundled from those packages — a superset of pyproject.toml's package-data.
DATA_PATTERNS = ("*.json", "*.docx", "*.csv", "*.png", "*.svg", "*.ico", "*.qss", "*.txt")
#: Folders outside the packages holding a sample case, bundled when present.
SAMPLE_FOLDERS = ("samples", "sample_case")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> list[str]:
    """Every module of the project's packages: handlers (``wenshu.cli.HANDLERS``), rule modules
    (``validators.all_rules``) and the GUI are imported lazily, which PyInstaller cannot see."""
    names: list[str] = []
    for pkg in PACKAGES:
        base = ROOT / pkg
        if base.is_dir():
            names += [_module_name(py) for py in sorted(base.rglob("*.py")) if "__pycache__" not in py.parts]
    return names


def project_datas() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every data file: kinds, common.json, sample case, icons."""
    datas: list[tuple[str, str]] = []
    for pkg in PACKAGES:
        base = ROOT / pkg
        if not base.is_dir():
            continue
        for pattern in DATA_PATTERNS:
            for f in sorted(base.rglob(pattern)):
                if "__pycache__" not in f.parts and not f.name.startswith((".", "~$")):
                    datas.append((str(f), str(f.parent.relative_to(ROOT))))
    for folder in SAMPLE_FOLDERS:
        base = ROOT / folder
        if base.is_dir():
            datas += [(str(f), str(f.parent.relative_to(ROOT))) for f in sorted(base.rglob("*")) if f.is_file()]
    return datas

#: Office mode's PostgreSQL driver (issue 16, wenshu/pg): psycopg picks its implementation at run time
#: (``PSYCOPG_IMPL``, else binary → c → python) with imports PyInstaller may not follow; the binary one
#: (psycopg_binary: the compiled module with libpq and OpenSSL beside it, ~8 MB) is what a PC without
#: PostgreSQL's client library needs, so it is named here. (hooks-contrib adds ``psycopg_binary._uuid``.)
DATABASE_DRIVER = ["psycopg", "psycopg.pq", "psycopg_binary", "psycopg_binary.pq", "psycopg_binary._psycopg"]

#: Qt modules the app never uses. PyInstaller only collects the Qt modules that are imported, but
#: listing them guards against a stray import (or a hook) dragging in QML, WebEngine & co.
QT_EXCLUDES = [
    "PySide6." + m
    for m in (
        "QtNetwork", "QtNetworkAuth", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets",
        "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets",
        "QtMultimedia", "QtMultimediaWidgets", "QtSpatialAudio", "QtTextToSpeech",
        "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras",
        "QtSql", "QtTest", "QtDesigner", "QtHelp", "QtUiTools", "QtOpenGL", "QtOpenGLWidgets",
        "QtPdf", "QtPdfWidgets", "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets",
        "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort", "QtSerialBus",
        "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtHttpServer", "QtConcurrent", "QtDBus",
        "QtAxContainer", "QtXml",
    )
]

#: Standard-library and tooling modules a frozen app has no use for.
PY_EXCLUDES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "idlelib", "turtledemo", "ensurepip",
    "venv", "distutils", "setuptools", "pkg_resources", "pip", "pytest", "_pytest", "hypothesis",
    "IPython", "numpy", "PIL", "matplotlib",
]

EXCLUDES = QT_EXCLUDES + PY_EXCLUDES

#: Parts of the app's own dependencies it never imports (python-docx and docxtpl use ``lxml.etree`` only).
APP_EXCLUDES = [
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax", "lxml.cssselect", "lxml.doctestcompare",
    "lxml.usedoctest", "jsonschema.benchmarks", "jsonschema.tests", "docx.tests",
]

#: Qt translation files kept (the interface is Chinese); the other ~40 languages are dropped.
_KEEP_TRANSLATIONS = ("_zh_CN.qm",)

#: Qt plugin folders a widgets app on a desktop never loads.
_DROP_PLUGIN_DIRS = (
    "/qmltooling/", "/designer/", "/sqldrivers/", "/networkinformation/", "/tls/",
    "/wayland-graphics-integration-server/",
)


def _norm(dest: str) -> str:
    return "/" + dest.replace("\\", "/")


def keep_entry(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) is worth shipping."""
    d = _norm(dest)
    if "/PySide6/Qt/translations/" in d or "/PySide6/translations/" in d:
        return d.endswith(_KEEP_TRANSLATIONS)
    return not any(p in d for p in _DROP_PLUGIN_DIRS)


def trim(toc):
    """The TOC (list of (dest, src, typecode)) without the entries ``keep_entry`` rejects."""
    return [entry for entry in toc if keep_entry(entry[0])]
