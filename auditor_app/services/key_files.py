"""The auditor's signing keys as files the window can manage: create a trial key, import the
CB-issued .p12/.pfx, list what is there, export a certificate for the committee.

Keys live in one folder (`key_folder`), next to the database by default, each as
`NAME.p12` with its certificate as `NAME.pem` beside it; the chosen one is the setting
`signing_key_path` (shared with the package dialogs). Imported files are checked with the
passphrase before they are copied, so a wrong file or passphrase is said at once.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import InputError
from auditor_app.signing import keys

KEY_SETTING = settings_registry.SIGNING_KEY_PATH.key
KEY_SUFFIXES = (".p12", ".pfx")


@dataclass(frozen=True)
class KeyFile:
    """A signing key file (.p12/.pfx) in the key folder."""

    path: Path
    certificate: Path | None  # the public certificate beside it, when there is one


def safe_stem(text: str) -> str:
    """A file name from a person's name (keeps Chinese; drops what Windows refuses)."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "-", text.strip()).strip("-.")
    return stem or "key"


def list_keys(folder: Path) -> list[KeyFile]:
    if not folder.is_dir():
        return []
    found = [p for p in sorted(folder.iterdir()) if p.suffix.lower() in KEY_SUFFIXES]
    return [
        KeyFile(p, p.with_suffix(".pem") if p.with_suffix(".pem").exists() else None) for p in found
    ]


def _free_path(folder: Path, stem: str, suffix: str) -> Path:
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists() or path.with_suffix(".pem").exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def create_trial_key(
    folder: Path, name: str, passphrase: str, *, email: str | None = None, org: str | None = None
) -> KeyFile:
    """A self-signed trial key for `name` in `folder` (created if missing), with its
    certificate beside it; reviewers trust that certificate itself."""
    if not name.strip():
        raise InputError("the key needs the auditor's name (it is printed on the stamp)")
    if len(passphrase) < 6:
        raise InputError("the passphrase must have at least 6 characters")
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_path(folder, safe_stem(name), ".p12")
    key = keys.create_auditor_key(name.strip(), email or None, org or None)
    keys.write_pkcs12(key, path, passphrase)
    cert = keys.write_certificate(key, path.with_suffix(".pem"))
    return KeyFile(path, cert)


def import_key(folder: Path, source: Path, passphrase: str) -> tuple[KeyFile, keys.AuditorKey]:
    """Copy a .p12/.pfx into `folder` after opening it with `passphrase` (the file is not
    changed); its certificate is written beside the copy. Refuses keys that cannot sign."""
    key = keys.load_key(source, passphrase)  # wrong passphrase / not a key / expired: said here
    folder.mkdir(parents=True, exist_ok=True)
    if source.resolve().parent == folder.resolve():
        target = source
    else:
        target = _free_path(folder, safe_stem(source.stem), source.suffix.lower())
        shutil.copyfile(source, target)
    cert = target.with_suffix(".pem")
    if not cert.exists():
        keys.write_certificate(key, cert)
    return KeyFile(target, cert), key


def export_certificate(key_path: Path, passphrase: str, out: Path) -> Path:
    """Write the public certificate of a key file (for the committee's trust list)."""
    if out.resolve() == key_path.resolve():
        raise InputError("the certificate must not overwrite the key file")
    key = keys.load_key(key_path, passphrase, check=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    return keys.write_certificate(key, out, overwrite=True)


def change_passphrase(key_path: Path, old: str, new: str) -> None:
    if len(new) < 6:
        raise InputError("the passphrase must have at least 6 characters")
    key = keys.load_key(key_path, old, check=False)
    keys.write_pkcs12(key, key_path, new, overwrite=True)
