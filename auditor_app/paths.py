"""Where the app keeps its data on each operating system (no Qt needed to know it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "auditor_app"


def data_dir() -> Path:
    """Per-user data folder: the default database, backups and keys live here."""
    override = os.environ.get("AUDITOR_APP_DATA")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def cache_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / APP_DIR_NAME


def default_db() -> Path:
    return data_dir() / "auditor.sqlite"
