"""Imports every module of ``validators`` so each registers its field checks and document rules.

Discovered rather than listed, so a new rule module needs no edit here (PyInstaller's frozen importer
supports ``pkgutil.iter_modules``; packaging/wenshu.spec collects every ``validators`` module).
"""

import importlib
import pkgutil

import validators

for _module in pkgutil.iter_modules(validators.__path__):
    if _module.name not in {"all_rules", "engine"}:
        importlib.import_module(f"validators.{_module.name}")
