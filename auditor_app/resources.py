"""Locate the data files under `resources/` from a source tree, an install or a frozen bundle.

One helper so that nothing else guesses paths (the same idea as qutebrowser's
`utils/resources.py`). A CB may point `AUDITOR_APP_RESOURCES` at its own copy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding schemes, audit-time tables, report styles and translations."""
    override = os.environ.get("AUDITOR_APP_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-folder bundle
        return Path(frozen) / "resources"
    source = Path(__file__).resolve().parent.parent / "resources"
    if source.is_dir():
        return source
    return Path(sys.prefix) / "share" / "auditor_app" / "resources"


def resource(*parts: str) -> Path:
    """Path of one resource, e.g. `resource("schemes", "gbt27922-2011.toml")`."""
    return resources_dir().joinpath(*parts)
