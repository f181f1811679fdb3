"""Where reports, packages and keys are written by default, created when missing.

Signing once failed because `~/Documents` did not exist (issue 13): the folder a file is
written to is created just before writing (`ensure_folder`), not when a dialog merely
suggests it. `app_folder(documents)` is `Documents/auditor_app`; the window passes the
platform's Documents folder (or the home folder when there is none).
"""

from __future__ import annotations

from pathlib import Path

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import InputError

APP_FOLDER = "auditor_app"


def ensure_folder(path: Path) -> Path:
    """`path`, created with its parents if missing; InputError when that is not possible."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder {path}: {exc.strerror or exc}") from exc
    if not path.is_dir():
        raise InputError(f"{path} is not a folder")
    return path


def app_folder(documents: Path, *parts: str) -> Path:
    """`Documents/auditor_app/<parts>` (created by `ensure_folder` when a file is written)."""
    return documents.joinpath(APP_FOLDER, *parts)


def audit_folder_setting(audit_id: int) -> str:
    """The setting remembering where one audit's report was last saved."""
    return settings_registry.report_folder_key(audit_id)


def package_folder_setting(audit_id: int) -> str:
    """The setting remembering where one audit's package was last written."""
    return settings_registry.package_folder_key(audit_id)
