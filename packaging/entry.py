"""Entry point of the frozen app: the same ``wenshu`` command line, GUI when run without arguments.

On Windows the bundle has two executables built from this file (see ``wenshu.spec``):
``wenshu.exe`` (console: the command line prints into cmd/PowerShell) and ``wenshu-gui.exe``
(windowed: the Start-menu shortcut, no black console window). A windowed process has no stdout, so
text output goes to the null device instead of failing, and a failure (an exception, or an error exit
with a message) shows a Chinese message box and writes a log file (``wenshu.startup.run_windowed``).
"""

import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)


def run() -> int:
    from wenshu.startup import is_windowed, run_windowed

    if is_windowed():  # wenshu-gui.exe: no console (or only pipes a parent process handed it)

        def main() -> int:
            from wenshu.cli import main as cli_main  # inside: an import failure is reported too

            return cli_main()

        return run_windowed(main)
    from wenshu.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
