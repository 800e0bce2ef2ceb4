#!/usr/bin/env python3
"""Build the one-folder bundle ``dist/wenshu/`` from a fresh clone, then smoke-test it.

    python3 packaging/build.py              # build, report sizes as JSON, smoke-test
    python3 packaging/build.py --baseline   # also build the bare PySide6 window (size baseline)
    python3 packaging/build.py --smoke-only # only smoke-test an existing dist/wenshu

Uses the running interpreter when it already has PyInstaller and the runtime dependencies; otherwise
creates ``.venv-build/`` beside the project and installs the dependencies listed in ``pyproject.toml``
(runtime + ``build`` extra) into it. Only the standard library is used here.

The smoke test runs the frozen binary with an empty environment (like ``env -i``: no PATH, so no
Python or virtual environment can be picked up): ``wenshu kinds``, ``wenshu render`` of the
inspection record sample (→ a .docx that is opened and checked), ``wenshu db status`` against a
PostgreSQL address where no server listens (psycopg's binary implementation must be in the bundle: the
answer is the Chinese "cannot reach the server", exit 2) and ``wenshu gui --screenshot``
(offscreen on Linux, the real ``windows`` platform on Windows, where offscreen draws boxes), the picture
checked for real glyphs by ``glyphcheck.py``. Prints one JSON object; exit code 0 only when the build and every smoke test passed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUILD_VENV = ROOT / ".venv-build"
WINDOWS = os.name == "nt"
EXE_SUFFIX = ".exe" if WINDOWS else ""


def say(text: str) -> None:
    print(f"[build] {text}", file=sys.stderr, flush=True)


def requirements() -> list[str]:
    """Runtime dependencies and the ``build`` extra, straight from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("build", []))


def _has_everything(python: str) -> bool:
    probe = ("import PyInstaller, PySide6.QtWidgets, docx, docxtpl, jsonschema, chinese_calendar, platformdirs, openpyxl, "
             "fontTools, psycopg, psycopg_binary")
    return subprocess.run([python, "-c", probe], capture_output=True).returncode == 0


def build_python(use_current: bool) -> str:
    """An interpreter that can run PyInstaller on the project (creating .venv-build when needed)."""
    if use_current or _has_everything(sys.executable):
        return sys.executable
    bindir = BUILD_VENV / ("Scripts" if WINDOWS else "bin")
    python = str(bindir / ("python.exe" if WINDOWS else "python"))
    if not Path(python).exists():
        say(f"creating {BUILD_VENV.name} …")
        venv.EnvBuilder(with_pip=True).create(BUILD_VENV)
    if not _has_everything(python):
        say("installing build dependencies …")
        subprocess.check_call([python, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([python, "-m", "pip", "install", "-q", *requirements()])
    return python


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def pyinstaller(python: str, spec: Path, name: str) -> dict:
    distpath = DIST if name == "wenshu" else DIST / "baseline"
    workpath = WORK / name
    say(f"PyInstaller {spec.relative_to(ROOT)} …")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(distpath), "--workpath", str(workpath), str(spec)],
        cwd=ROOT, capture_output=True, text=True,
    )
    seconds = round(time.perf_counter() - t0, 1)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        return {"ok": False, "seconds": seconds, "error": f"PyInstaller exited {proc.returncode}"}
    folder = distpath / name
    size = folder_size(folder)
    return {"ok": True, "seconds": seconds, "folder": str(folder.relative_to(ROOT)),
            "bytes": size, "mb": round(size / 1e6, 1)}


def clean_env(home: Path, gui: bool = False) -> dict[str, str]:
    """An environment with nothing inherited: no PATH, no PYTHON*, no VIRTUAL_ENV."""
    env = {"WENSHU_HOME": str(home / "data"), "HOME": str(home), "LANG": "C.UTF-8"}
    if WINDOWS:  # Windows cannot start a process without these
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LOCALAPPDATA")
                    if k in os.environ})
    if gui and not WINDOWS:
        # Linux CI has no screen: offscreen draws real glyphs there (fontconfig). On Windows the offscreen
        # platform draws every glyph as a box, so the picture is taken on the real `windows` platform.
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(binary: Path, args: list[str], env: dict[str, str], timeout: int = 120):
    t0 = time.perf_counter()
    proc = subprocess.run([str(binary), *args], env=env, cwd=env["HOME"], capture_output=True, timeout=timeout)
    return proc, round(time.perf_counter() - t0, 2)


#: A PostgreSQL address where no server listens (the discard port of this machine): refused at once.
UNREACHABLE_DATABASE = "postgresql://wenshu@127.0.0.1:9/wenshu?connect_timeout=5"


def glyph_check(shot: Path) -> dict:
    """``glyphcheck.check``: the screenshot shows real glyphs, not boxes (see packaging/glyphcheck.py)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import glyphcheck

    try:
        return glyphcheck.check(shot)
    except (OSError, ValueError, KeyError) as exc:
        return {"ok": False, "error": str(exc)}


def smoke(folder: Path) -> dict:
    """Run the frozen binary with a clean environment; each check says ok and why not."""
    binary = folder / ("wenshu" + EXE_SUFFIX)
    results: dict[str, dict] = {}
    if not binary.exists():
        return {"binary": {"ok": False, "error": f"{binary} not found"}}
    with tempfile.TemporaryDirectory(prefix="wenshu-smoke-") as tmp:
        home = Path(tmp)
        env = clean_env(home)

        proc, secs = _run(binary, ["kinds"], env)
        try:
            kinds = json.loads(proc.stdout.decode("utf-8"))
            ok = proc.returncode == 0 and any(k["kind"] == "inspection_record" for k in kinds)
            results["kinds"] = {"ok": ok, "seconds": secs, "count": len(kinds)}
        except (ValueError, KeyError, TypeError):
            results["kinds"] = {"ok": False, "seconds": secs, "rc": proc.returncode,
                                "stderr": proc.stderr.decode("utf-8", "replace")[-800:]}

        proc, _ = _run(binary, ["sample", "inspection_record"], env)
        sample = home / "sample.json"
        sample.write_bytes(proc.stdout)
        out = home / "检查笔录.docx"
        proc, secs = _run(binary, ["render", "inspection_record", str(sample), "-o", str(out)], env)
        ok = proc.returncode == 0 and out.exists()
        detail: dict = {"ok": ok, "seconds": secs, "rc": proc.returncode}
        if ok:
            with zipfile.ZipFile(out) as z:
                xml = z.read("word/document.xml").decode("utf-8")
            answers = json.loads(sample.read_text(encoding="utf-8"))
            probe = next((v for v in answers.values() if isinstance(v, str) and len(v) >= 4 and "<" not in v), "")
            detail.update(bytes=out.stat().st_size, contains_sample_text=probe[:4] in xml)
            detail["ok"] = detail["contains_sample_text"]
        else:
            detail["stderr"] = proc.stderr.decode("utf-8", "replace")[-800:]
        results["render"] = detail

        # office mode (issue 16): the frozen psycopg, held to its binary implementation (libpq inside the
        # bundle), tries a server that is not there and says so in Chinese (exit 2) — not "no psycopg".
        db_env = {**env, "WENSHU_DATABASE": UNREACHABLE_DATABASE, "PSYCOPG_IMPL": "binary"}
        proc, secs = _run(binary, ["db", "status"], db_env)
        err = proc.stderr.decode("utf-8", "replace")
        ok = proc.returncode == 2 and "无法连接单位数据库服务器" in err
        results["database"] = {"ok": ok, "seconds": secs, "rc": proc.returncode,
                               **({"message": err.strip()[:40]} if ok else {"stderr": err[-800:]})}

        shot = home / "main-window.png"
        proc, secs = _run(binary, ["gui", "--screenshot", str(shot)], clean_env(home, gui=True))
        err = proc.stderr.decode("utf-8", "replace")
        if proc.returncode == 2 and "尚未提供" in err:
            results["gui"] = {"ok": None, "note": "this build has no GUI yet (desktop.app:cmd_gui missing)"}
        else:
            glyphs = glyph_check(shot) if proc.returncode == 0 and shot.exists() else {"ok": False}
            ok = proc.returncode == 0 and glyphs["ok"]
            results["gui"] = {"ok": ok, "seconds": secs, "rc": proc.returncode, "glyphs": glyphs,
                              **({} if ok else {"stderr": err[-800:]})}
    return results


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="Build and smoke-test the wenshu bundle.")
    ap.add_argument("--baseline", action="store_true", help="also build the bare PySide6 window")
    ap.add_argument("--smoke-only", action="store_true", help="skip building; smoke-test dist/wenshu")
    ap.add_argument("--current-python", action="store_true", help="build with this interpreter, no venv")
    args = ap.parse_args(argv)
    try:  # the JSON report is UTF-8 everywhere, like wenshu's own output (a Windows pipe would get cp936)
        sys.stdout.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):
        pass

    report: dict = {"platform": sys.platform}
    if not args.smoke_only:
        python = build_python(args.current_python)
        report["python"] = python
        report["bundle"] = pyinstaller(python, HERE / "wenshu.spec", "wenshu")
        if args.baseline:
            report["baseline"] = pyinstaller(python, HERE / "baseline" / "bare_window.spec", "bare_window")
    base = report.get("baseline") or {}
    if not base and (DIST / "baseline" / "bare_window").is_dir():
        size = folder_size(DIST / "baseline" / "bare_window")
        base = report["baseline"] = {"ok": True, "folder": "dist/baseline/bare_window", "bytes": size,
                                     "mb": round(size / 1e6, 1), "note": "from an earlier --baseline build"}
    if (DIST / "wenshu").is_dir():
        size = folder_size(DIST / "wenshu")
        report.setdefault("bundle", {"ok": True, "bytes": size, "mb": round(size / 1e6, 1)})
        if base.get("bytes"):
            ratio = round(size / base["bytes"], 3)
            report["size_ratio"] = {"value": ratio, "target": 1.15, "meets_target": ratio <= 1.15}
        report["smoke"] = smoke(DIST / "wenshu")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    checks = [report.get("bundle", {}).get("ok")] + [v.get("ok") for v in report.get("smoke", {}).values()]
    return 0 if checks and all(c is not False for c in checks) and report.get("smoke") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
