"""Locate the data files under `resources/` from a source tree, an install or a frozen bundle.

One helper so that nothing else guesses paths (the same idea as qutebrowser's
`utils/resources.py`). A CB may point `AUDITOR_APP_RESOURCES` at its own copy.

Where the folder is, in order: the override; a PyInstaller bundle's `resources/`; an
installed wheel's `auditor_app/_resources/` (copied there by `setup.py`, next to this
module); the source tree's top-level `resources/` (a checkout, an editable
install, the Windows test rig that puts the repository root on the path).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

_PACKAGED = "_resources"


def resources_dir() -> Path:
    """The folder holding schemes, audit-time tables, report styles and translations."""
    override = os.environ.get("AUDITOR_APP_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-folder bundle
        return Path(frozen) / "resources"
    return _installed_dir()


@functools.cache
def _installed_dir() -> Path:
    # The app is installed as plain files (pip, not a zip), so the package's own folder is a
    # real path; callers open, list and hand these paths to Qt and reportlab. (Asked of
    # importlib.resources this took ~2 ms a call, several calls at start-up: issue 14.)
    packaged = Path(__file__).resolve().parent / _PACKAGED
    if packaged.is_dir():
        return packaged
    source = packaged.parent.parent / "resources"
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"auditor-app's resources are missing: neither {packaged} nor {source} exists; "
        "reinstall the app, or set AUDITOR_APP_RESOURCES to a copy of the resources folder"
    )


def resource(*parts: str) -> Path:
    """Path of one resource, e.g. `resource("schemes", "gbt27922-2011.toml")`."""
    return resources_dir().joinpath(*parts)
