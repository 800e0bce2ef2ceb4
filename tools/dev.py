"""One entry point for a fresh machine: ``python3 tools/dev.py start`` or ``python3 tools/dev.py test``.

Creates ``.venv`` beside the project (once), installs the project with its test extras into it
(again only when ``pyproject.toml`` changed), then starts the app or runs ruff and pytest.
Only the standard library is used here, so it runs on a bare Python 3.11+.
"""

from __future__ import annotations

import ctypes
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


# --- issue 18: Qt's system libraries on Linux (a fresh Debian / Kylin / UOS lacks libxcb-cursor0 …) -----------
#: The shared libraries Qt's xcb platform plugin (PySide6 6.x) loads, and the Debian/Ubuntu/Kylin/UOS
#: package of each. Without one of them Qt aborts with an English message about the "xcb" plugin.
QT_SYSTEM_LIBRARIES = (
    ("libxcb.so.1", "libxcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
)


def _ldconfig_names() -> set[str] | None:
    """The sonames the dynamic linker knows (``ldconfig -p``), or None when that cannot be asked."""
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        if out:
            return {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    return None


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
        return True
    except OSError:
        return False


def missing_qt_packages(known: set[str] | None = None, loadable=None) -> list[str]:
    """The packages whose library Qt needs and this Linux lacks (empty elsewhere and when all are there).
    A library the linker cache does not list is tried once more by loading it (a library in a custom path)."""
    if not sys.platform.startswith("linux"):
        return []
    known = _ldconfig_names() if known is None else known
    loadable = loadable or _loadable
    missing = []
    for soname, package in QT_SYSTEM_LIBRARIES:
        if (known is None or soname not in known) and not loadable(soname):
            missing.append(package)
    return missing


def install_command(packages: list[str]) -> str:
    """The one command that installs ``packages`` (root needs no sudo)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    return ("" if root else "sudo ") + "apt-get install -y " + " ".join(packages)


def check_qt_libraries() -> bool:
    """Before starting the GUI on Linux: say in Chinese which system libraries are missing, and how to
    install them, instead of Qt's English abort. True when everything is there (or nothing applies)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):  # offscreen, wayland …: the xcb libraries are not used
        return True
    missing = missing_qt_packages()
    if not missing:
        return True
    print("[wenshu] 无法启动图形界面：本机缺少 Qt 图形界面所需的系统库（" + "、".join(missing) + "）。", flush=True)
    print("[wenshu] 请运行下面这条命令安装后再启动：", flush=True)
    print(install_command(missing), flush=True)
    return False
# --- end issue 18 ---------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test"}:
        print("用法：python3 tools/dev.py start | test [pytest 参数…]")
        return 2
    if argv[0] == "start" and len(argv) == 1 and not check_qt_libraries():  # the GUI (commands need no Qt libs)
        return 1
    ensure_env()
    if argv[0] == "start":
        wenshu = BIN / ("wenshu.exe" if os.name == "nt" else "wenshu")
        return subprocess.call([str(wenshu), *argv[1:]])
    return run_tests(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
