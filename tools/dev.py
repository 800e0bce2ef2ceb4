"""One entry point for a fresh machine: ``python3 tools/dev.py start`` or ``python3 tools/dev.py test``.

Creates ``.venv`` beside the project (once), installs the project with its test extras into it
(again only when ``pyproject.toml`` changed), then starts the app or runs ruff and pytest.
Only the standard library is used here, so it runs on a bare Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".wenshu-installed"


def _say(text: str) -> None:
    print(f"[wenshu] {text}", flush=True)


def ensure_env() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  (tools/dev.py runs on whatever python3 the machine has)
        sys.exit("需要 Python 3.11 或更高版本。")
    if not PY.exists():
        _say("创建虚拟环境 .venv …")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text(encoding="utf-8") == digest:
        return
    _say("安装依赖 …")
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"])
    STAMP.write_text(digest, encoding="utf-8")


def run_tests(extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    _say("ruff check …")
    rc = subprocess.call([str(PY), "-m", "ruff", "check", "."], cwd=ROOT, env=env)
    if rc != 0:
        return rc
    bench = ROOT / "bench" / "run.py"
    if bench.exists():  # a smoke run: the benchmark command works (figures are not judged here)
        _say("benchmark smoke run …")
        out = ROOT / "bench" / "smoke-result.json"
        rc = subprocess.call([str(PY), str(bench), "--smoke", "--out", str(out)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL)
        if rc != 0:
            return rc
        _say(f"benchmark smoke run finished: {out.relative_to(ROOT)}")
    _say("pytest …")
    return subprocess.call([str(PY), "-m", "pytest", *extra], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test"}:
        print("用法：python3 tools/dev.py start | test [pytest 参数…]")
        return 2
    ensure_env()
    if argv[0] == "start":
        wenshu = BIN / ("wenshu.exe" if os.name == "nt" else "wenshu")
        return subprocess.call([str(wenshu), *argv[1:]])
    return run_tests(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
