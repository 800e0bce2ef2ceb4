"""The layers hold (README “结构”; issue 10): each package imports only the packages below it.

    desktop/     the Qt app — the only package that imports Qt (PySide6, shiboken6)
    wenshu/      command line, case store, number registry
    templates/   the kinds and their rendering
    validators/  pure-Python rules

An import of a layer above (or of Qt outside desktop/) is a violation, wherever it stands: at module
level, inside a function, under ``if TYPE_CHECKING``, or as ``importlib.import_module("literal")``.
What a rule needs to know of a kind reaches validators/ from above instead: ``CheckContext.meta`` and
``validators.numbers.register_default_codes``. The command line names the GUI only as the handler string
``"desktop.app:cmd_gui"`` (wenshu/cli.py), loaded when that command runs: a string is no import.

``ruff check .`` enforces the same through the nested ``ruff.toml`` of each layer (TID251, banned-api);
this test reads the import graph from the sources, so the contract holds whatever runs it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6")
#: layer → the top-level packages it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "validators": ("templates", "wenshu", "desktop", *QT),
    "templates": ("wenshu", "desktop", *QT),
    "wenshu": ("desktop", *QT),
}


def imported(source: str, package: str) -> Iterator[tuple[int, str]]:
    """``(line, module)`` for every module the source imports; ``package`` is the dotted package the
    file lies in (``wenshu.registry``), against which relative imports are resolved."""
    parts = package.split(".")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: max(len(parts) - node.level + 1, 0)]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module or ""
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arg = node.args[0]
            if (name in ("import_module", "__import__") and isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str) and not arg.value.startswith(".")):
                yield node.lineno, arg.value


def violations(source: str, package: str) -> list[str]:
    """``"line N: module"`` for each import the layer of ``package`` may not make."""
    banned = FORBIDDEN.get(package.split(".")[0], ())
    return [f"line {line}: {module}" for line, module in sorted(imported(source, package))
            if module.split(".")[0] in banned]


def layer_sources() -> Iterator[tuple[Path, str]]:
    for layer in FORBIDDEN:
        for path in sorted((ROOT / layer).rglob("*.py")):
            if "__pycache__" not in path.parts:
                yield path, ".".join(path.parent.relative_to(ROOT).parts)


def test_no_layer_imports_a_layer_above_it_or_qt():
    checked: dict[str, int] = dict.fromkeys(FORBIDDEN, 0)
    found: dict[str, list[str]] = {}
    for path, package in layer_sources():
        checked[package.split(".")[0]] += 1
        if bad := violations(path.read_text(encoding="utf-8"), package):
            found[path.relative_to(ROOT).as_posix()] = bad
    assert all(n >= 3 for n in checked.values()), checked  # the walk really saw each layer
    assert found == {}


SYNTHETIC = '''
import json
from typing import TYPE_CHECKING
import importlib

from validators.findings import finding
from . import rulebook
import templates.kinds
from templates import kinds as _kinds
from wenshu.settings import load_context

if TYPE_CHECKING:
    from desktop.form import Form


def late(module_name):
    from PySide6.QtWidgets import QWidget
    import shiboken6 as sb
    handler = "desktop.app:cmd_gui"  # a string naming a module is no import
    importlib.import_module(module_name)  # nor is a name only known when it runs
    return importlib.import_module("desktop.worker"), __import__("wenshu.cli"), QWidget, sb, handler
'''


def test_the_checker_catches_every_form_of_import_a_layer_may_not_make():
    assert violations(SYNTHETIC, "validators") == [
        "line 8: templates.kinds", "line 9: templates", "line 10: wenshu.settings", "line 13: desktop.form",
        "line 17: PySide6.QtWidgets", "line 18: shiboken6", "line 21: desktop.worker", "line 21: wenshu.cli"]
    assert violations(SYNTHETIC, "templates") == [
        "line 10: wenshu.settings", "line 13: desktop.form", "line 17: PySide6.QtWidgets", "line 18: shiboken6",
        "line 21: desktop.worker", "line 21: wenshu.cli"]
    assert violations(SYNTHETIC, "wenshu.registry") == [
        "line 13: desktop.form", "line 17: PySide6.QtWidgets", "line 18: shiboken6", "line 21: desktop.worker"]
    assert violations(SYNTHETIC, "desktop") == []  # the top layer may import everything


def test_relative_imports_are_resolved_against_the_package():
    assert list(imported("from . import base\nfrom ..templates import kinds\n", "wenshu.registry")) == [
        (1, "wenshu.registry"), (2, "wenshu.templates")]
    assert list(imported("from ...desktop import app\n", "wenshu.registry")) == [(1, "desktop")]
    assert violations("from ...desktop import app\n", "wenshu.registry") == ["line 1: desktop"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_ruff_bans_the_same_imports_in_each_layer(layer):
    config = tomllib.loads((ROOT / layer / "ruff.toml").read_text(encoding="utf-8"))
    assert config["extend"] == "../pyproject.toml"  # the project's own settings still apply
    assert "TID251" in config["lint"]["extend-select"]
    assert set(config["lint"]["flake8-tidy-imports"]["banned-api"]) == set(FORBIDDEN[layer])


def test_validators_and_templates_run_without_the_layers_above():
    """At run time too: nothing imported late pulls a layer above in (the kinds' 文种代字 come from the
    kind loader, which registers them with validators when it is imported)."""
    code = """if True:
        import importlib, pkgutil, sys

        def above(*names):
            return sorted(m for m in sys.modules if m.split(".")[0] in names)

        import validators
        for m in pkgutil.walk_packages(validators.__path__, "validators."):
            importlib.import_module(m.name)
        from validators.numbers import code_table, kind_code
        assert kind_code("inspection_record") is None and code_table() == {}  # validators alone knows no kinds
        assert not above("templates", "wenshu", "desktop", "PySide6", "shiboken6"), above("templates", "wenshu")

        import templates
        for m in pkgutil.walk_packages(templates.__path__, "templates."):
            importlib.import_module(m.name)
        assert kind_code("inspection_record") == "应急检记", kind_code("inspection_record")
        assert list(code_table())[0] == "case_filing" and code_table()["penalty_decision"] == "应急罚"
        assert not above("wenshu", "desktop", "PySide6", "shiboken6"), above("wenshu", "desktop", "PySide6")
    """
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_rules_read_the_kind_from_the_context_the_core_builds():
    from templates.kinds import get_kind
    from validators.context import CheckContext
    from validators.video import video_record
    from wenshu.settings import load_context

    kind = get_kind("delivery_receipt")
    assert load_context(kind.name).meta == kind.meta
    assert load_context("no_such_kind").meta == {} and load_context().meta == {}
    answers = kind.sample()
    # the receipt declares no recording of its own (its rows' recordings are the delivery rule's business)
    assert video_record(answers, load_context(kind.name)) == []
    # without the kind's declaration the rule reminds rather than stays silent
    assert [f["code"] for f in video_record(answers, CheckContext())] == ["video.missing"]
    assert [f["code"] for f in video_record(answers, CheckContext(kind="no_such_kind"))] == ["video.missing"]
