"""Certificates the user trusts (the CB's CA, a colleague's trial key) kept as copies in one
folder, described for the window: who, issued by whom, valid until, fingerprint.

Copies, not links: a certificate received by email and later deleted from Downloads must
stay trusted. Reading goes through `sync.certs`, so a bad file is refused with its reason.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

from auditor_app.signing.keys import fingerprint
from auditor_app.sync.certs import load_certificates


@dataclass(frozen=True)
class TrustedCertificate:
    """One trusted certificate as the window lists it: its file, whom it names and who issued it
    (common names), its last valid day and its SHA-256 fingerprint."""

    path: Path
    subject: str
    issuer: str
    not_after: str  # YYYY-MM-DD
    fingerprint: str

    @property
    def self_signed(self) -> bool:
        return self.subject == self.issuer


def _name(name: x509.Name) -> str:
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else name.rfc4514_string()


def describe(path: Path) -> list[TrustedCertificate]:
    """One entry per certificate in the file (SyncError for an unreadable file)."""
    return [
        TrustedCertificate(
            path,
            _name(c.subject),
            _name(c.issuer),
            c.not_valid_after_utc.date().isoformat(),
            fingerprint(c),
        )
        for c in load_certificates([path])
    ]


def import_certificate(folder: Path, source: Path) -> Path:
    """Check `source` is a certificate, then copy it into `folder` (same content: reused)."""
    found = describe(source)
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    for existing in sorted(folder.iterdir()):
        if existing.is_file() and existing.read_bytes() == data:
            return existing
    stem = found[0].fingerprint.replace(":", "")[:16].lower()
    target = folder / f"{stem}{source.suffix.lower() or '.pem'}"
    shutil.copyfile(source, target)
    return target
