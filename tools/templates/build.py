"""Rebuild every kind's template.docx from its authoring script ``tools/templates/<kind>.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))


def main(names: list[str]) -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.stem not in {"kit", "build"} and not p.stem.startswith("_"))
    for script in scripts:
        if names and script.stem not in names:
            continue
        spec = importlib.util.spec_from_file_location(script.stem, script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print("built", module.build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
