"""Shared by ``wenshu.spec`` and ``baseline/bare_window.spec``: what to leave out of a bundle.

Both bundles are trimmed the same way, so the size of the app's bundle can be compared with a bare
PySide6 window built the same way (issue 6: app ≤ 1.15 × bare window).

This folder has no ``__init__.py`` on purpose: a regular package named ``packaging`` would shadow the
PyPI ``packaging`` library that pip, setuptools and PyInstaller import.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
