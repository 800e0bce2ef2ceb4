"""``.ci/system-deps``: apt runs only for what is really missing, and a flaky package index is no CI failure.

Each test runs the real script with a PATH holding only stand-ins (a fake ``apt-get`` that logs its
calls, ``fc-list`` printing chosen families, the tools that are "installed"), so the machine's own
packages do not matter and nothing is installed for real.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "system-deps"
BASH = shutil.which("bash") or "/bin/bash"
CHMOD = shutil.which("chmod") or "/bin/chmod"
MKDIR = shutil.which("mkdir") or "/bin/mkdir"
FAMILIES = "Noto Serif CJK SC,Noto Serif CJK SC Regular\ncwTeXFangSong\nDejaVu Sans\n"


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!" + BASH + "\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def machine(tmp_path):
    """A fake machine: ``machine(tools=[...], fonts=..., update_fails=...)`` → run(action, *groups)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"

    def make(tools=("soffice", "pdftoppm", "pdftotext"), fonts=FAMILIES, update_fails=False,
             install_fails=False):
        for tool in tools:
            _tool(bin_dir, tool, "exit 0")
        _tool(bin_dir, "fc-list", f"printf '%s' '{fonts}'")
        _tool(bin_dir, "sleep", "exit 0")
        # install "installs" the LibreOffice and poppler commands into the fake PATH, like dpkg would
        _tool(bin_dir, "apt-get", f"""echo "$*" >> '{log}'
case "$1" in
  update) {'echo "E: Some index files failed to download" >&2; exit 100' if update_fails else 'exit 0'} ;;
  install) {'exit 100' if install_fails else ''}
    for p in "$@"; do
      case "$p" in
        libreoffice-calc-nogui) {MKDIR} -p "$LO_PROGRAM_DIR" && : > "$LO_PROGRAM_DIR/libsclo.so" ;;
        libreoffice-writer-nogui) printf '#!{BASH}\\nexit 0\\n' > '{bin_dir}/soffice'; {CHMOD} +x '{bin_dir}/soffice' ;;
        poppler-utils) for t in pdftoppm pdftotext; do printf '#!{BASH}\\nexit 0\\n' > '{bin_dir}/'$t; {CHMOD} +x '{bin_dir}/'$t; done ;;
      esac
    done ;;
esac""")

        def run(action, *groups, **extra_env):
            env = {"PATH": str(bin_dir), "HOME": str(tmp_path), **extra_env}
            proc = subprocess.run([BASH, str(SCRIPT), action, *groups], capture_output=True, text=True,
                                  env=env, timeout=60)
            calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
            return proc, calls

        return run

    return make


def test_everything_installed_runs_no_apt_even_when_the_index_is_broken(machine):
    run = machine(update_fails=True)
    for _ in range(5):  # the old pipeline said "missing" in 3 of 5 runs
        proc, calls = run("install", "layout")
        assert proc.returncode == 0, proc.stderr
        assert calls == []
    assert "apt is not run" in proc.stdout


def test_missing_libreoffice_is_installed_alone_without_recommends(machine):
    run = machine(tools=("pdftoppm", "pdftotext"))
    proc, calls = run("install", "layout")
    assert proc.returncode == 0, proc.stderr
    assert calls[0] == "update -qq"
    assert calls[1] == "install -y -qq --no-install-recommends libreoffice-writer-nogui"
    assert run("check", "layout")[0].returncode == 0


def test_a_failing_update_does_not_stop_an_install_from_the_lists_at_hand(machine):
    run = machine(tools=("soffice",), update_fails=True)
    proc, calls = run("install", "layout")
    assert proc.returncode == 0, proc.stderr
    assert [c for c in calls if c.startswith("update")] == ["update -qq"] * 3  # retried, then ignored
    assert calls[-1] == "install -y -qq --no-install-recommends poppler-utils"
    assert "could not be refreshed" in proc.stderr


def test_an_install_that_fails_is_a_failure_that_names_the_packages(machine):
    run = machine(tools=(), install_fails=True)
    proc, _calls = run("install", "layout")
    assert proc.returncode == 1
    assert "could not install libreoffice-writer-nogui poppler-utils" in proc.stderr


def test_missing_fonts_are_found_without_a_pipeline(machine):
    run = machine(fonts="DejaVu Sans\n")
    proc, _ = run("check", "layout")
    assert proc.returncode == 1
    assert "fonts-noto-cjk fonts-cwtex-fs" in proc.stderr


def test_unknown_group_is_refused(machine):
    proc, calls = machine()("install", "wine-and-cheese")
    assert proc.returncode == 2 and calls == []
    assert "unknown group" in proc.stderr


def test_ci_run_uses_the_script():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/system-deps install" in text and "apt-get" not in text
    assert os.access(SCRIPT, os.X_OK)


def test_calc_for_the_statistics_workbooks_is_installed_only_when_missing(machine, tmp_path):
    run = machine()
    program = tmp_path / "lo-program"
    proc, calls = run("install", "calc", LO_PROGRAM_DIR=str(program))
    assert proc.returncode == 0, proc.stderr
    assert calls[-1] == "install -y -qq --no-install-recommends libreoffice-calc-nogui"
    assert (program / "libsclo.so").exists()
    proc, calls_after = run("install", "calc", LO_PROGRAM_DIR=str(program))
    assert proc.returncode == 0 and calls_after == calls  # present now: apt is not run again
    assert "install layout calc" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
