"""Entry point of the frozen app (PyInstaller): the same command line as `auditor-app`.

Two executables are built from this script: `auditor-app` (console: every command, and the
desktop app with `auditor-app run`) and `auditor-app-gui` (windowed on Windows and macOS),
which starts the desktop app when given no command, as a double-click does.
"""

import sys
from pathlib import Path

from auditor_app.cli.main import main


def _argv() -> list[str]:
    args = sys.argv[1:]
    if not args and Path(sys.executable).stem.lower().endswith("-gui"):
        return ["run"]
    return args


if __name__ == "__main__":
    sys.exit(main(_argv()))
