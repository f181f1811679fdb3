"""Update the Qt Linguist catalogue from the UI sources and compile it.

    python -m auditor_app.ui.i18n_build            # lupdate + lrelease
    python -m auditor_app.ui.i18n_build --release  # only compile .ts → .qm

`pyside6-lupdate` collects every `self.tr()` / `translate()` string of `auditor_app/ui/**` into
`resources/translations/auditor_app_zh_CN.ts`, keeping existing translations; translators work
on that file with Qt Linguist; `pyside6-lrelease` compiles it to the `.qm` the app loads.
Both tools come with PySide6 (next to the Python executable, or in the PySide6 package).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from auditor_app.ui.i18n import LANGUAGES, qm_path, ts_path

UI_DIR = Path(__file__).resolve().parent


def _tool(name: str) -> str:
    """Path of pyside6-lupdate / pyside6-lrelease."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found:
        return found
    import PySide6

    packaged = Path(PySide6.__file__).parent / name.removeprefix("pyside6-")
    if packaged.exists():
        return str(packaged)
    raise SystemExit(f"{name} not found: install PySide6 (it ships the Qt Linguist tools)")


def sources() -> list[str]:
    return sorted(str(p) for p in UI_DIR.rglob("*.py") if p.name != "i18n_build.py")


def update() -> None:
    for language in LANGUAGES:
        if language == "en":
            continue  # English is the source language
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-locations",
                "none",
                "-no-obsolete",
                *sources(),
                "-ts",
                str(ts_path(language)),
            ],
            check=True,
        )


def release() -> None:
    for language in LANGUAGES:
        if language == "en":
            continue
        subprocess.run(
            [
                _tool("pyside6-lrelease"),
                "-silent",
                str(ts_path(language)),
                "-qm",
                str(qm_path(language)),
            ],
            check=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile .ts to .qm")
    args = parser.parse_args(argv)
    if not args.release:
        update()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
