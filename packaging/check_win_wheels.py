#!/usr/bin/env python3
"""Prove every runtime dependency installs on Windows from wheels alone (no compiler on the users' PCs).

    python3 packaging/check_win_wheels.py [--python-version 3.11] [--keep DIR]

Runs ``pip download --only-binary=:all: --platform win_amd64 --python-version X.Y`` for the runtime
dependencies listed in ``pyproject.toml`` (and, with ``--build``, the build extra) into a temporary
folder, and prints a JSON report: the wheels pip chose, and any dependency that has no win_amd64 wheel.
Needs network access (or a pip index/mirror); it is a release check, not a unit test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dependencies(with_build: bool) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = list(project["dependencies"])
    if with_build:
        deps += project.get("optional-dependencies", {}).get("build", [])
    return deps


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python-version", default="3.11")
    ap.add_argument("--build", action="store_true", help="also check the build extra (PyInstaller)")
    ap.add_argument("--keep", default=None, help="download into this folder (e.g. for an offline build PC)")
    args = ap.parse_args(argv)

    deps = dependencies(args.build)
    with tempfile.TemporaryDirectory(prefix="wenshu-winwheels-") as tmp:
        dest = Path(args.keep) if args.keep else Path(tmp)
        dest.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--platform", "win_amd64",
               "--python-version", args.python_version, "--implementation", "cp", "-d", str(dest), *deps]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wheels = sorted(p.name for p in dest.glob("*.whl"))
        not_wheels = sorted(p.name for p in dest.iterdir() if p.is_file() and not p.name.endswith(".whl"))
        report = {
            "ok": proc.returncode == 0 and not not_wheels,
            "command": " ".join(cmd[1:3] + cmd[3:-len(deps)] + [f"'{d}'" for d in deps]),
            "python_version": args.python_version,
            "dependencies": deps,
            "wheels": wheels,
            "platform_specific": [w for w in wheels if "win_amd64" in w],
        }
        if proc.returncode != 0:
            report["error"] = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
