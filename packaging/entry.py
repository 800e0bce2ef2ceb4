"""Entry point of the frozen app: the same ``wenshu`` command line, GUI when run without arguments.

On Windows the bundle has two executables built from this file (see ``wenshu.spec``):
``wenshu.exe`` (console: the command line prints into cmd/PowerShell) and ``wenshu-gui.exe``
(windowed: the Start-menu shortcut, no black console window). A windowed process has no stdout, so
text output goes to the null device instead of failing.
"""

import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)


if __name__ == "__main__":
    _ensure_streams()
    from wenshu.cli import main

    sys.exit(main())
