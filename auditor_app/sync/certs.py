"""Reading certificates given by the user: trust lists (--trust) and recipients (--to)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cryptography import x509

from auditor_app.sync.errors import SyncError


def load_certificates(paths: Iterable[str | Path]) -> list[x509.Certificate]:
    """Every certificate in the given PEM (one or several) or DER files."""
    out: list[x509.Certificate] = []
    for item in paths:
        path = Path(item)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SyncError(f"cannot read certificate {path}: {exc.strerror or exc}") from exc
        try:
            certs = (
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        except ValueError as exc:
            raise SyncError(f"{path} is not a PEM or DER certificate") from exc
        out.extend(certs)
    return out


def load_certificate(path: str | Path) -> x509.Certificate:
    certs = load_certificates([path])
    if len(certs) != 1:
        raise SyncError(f"{path} holds {len(certs)} certificates; give exactly one")
    return certs[0]
