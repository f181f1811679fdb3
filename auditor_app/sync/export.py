"""Building a package from the store: a signed revision, a draft, or a team member's part.

The package is built in memory (a 200-photo audit is ~100 MB at most), measured against the
user's email limit, and only then written, atomically, so a refused or interrupted export
never leaves half a file where the user expects a package.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from auditor_app import __version__
from auditor_app.core.errors import InputError, open_elsewhere_hint
from auditor_app.signing.keys import AuditorKey, fingerprint
from auditor_app.store import sync_rows
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import envelope
from auditor_app.sync import format as fmt
from auditor_app.sync.auditdata import build_document
from auditor_app.sync.cms import sign_detached
from auditor_app.sync.errors import SyncError
from auditor_app.sync.pdfcheck import pdf_signer_certificate
from auditor_app.sync.zipsafe import write_zip

EMAIL_LIMIT_SETTING = "email_limit_mb"
DEFAULT_EMAIL_LIMIT_MB = 20.0
_TAIL = 64  # bytes of a photo's end used to find it inside the signed report


@dataclass(frozen=True)
class ExportResult:
    """A built package, not yet written."""

    data: bytes
    kind: str
    audit_uid: str
    revision: int
    signed: bool
    encrypted: bool
    limit_bytes: int

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def over_limit(self) -> bool:
        return self.size > self.limit_bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def size_text(self) -> str:
        return f"{self.size / 1e6:.1f} MB (email limit {self.limit_bytes / 1e6:.0f} MB)"


# Packages are limited to 512 MiB (docs/package-format.md); no email limit need exceed that.
MAX_EMAIL_LIMIT_MB = 1000


def email_limit_bytes(store: AuditStore) -> int:
    """The user's email size limit (setting `email_limit_mb`, default 20 MB)."""
    raw = store.get_setting(EMAIL_LIMIT_SETTING)
    if raw is None:
        return int(DEFAULT_EMAIL_LIMIT_MB * 1_000_000)
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"setting {EMAIL_LIMIT_SETTING} = {raw!r} is not a number of MB") from None
    if not 0 < value <= MAX_EMAIL_LIMIT_MB:  # also refuses nan and inf
        raise InputError(
            f"setting {EMAIL_LIMIT_SETTING} must be between 0 and {MAX_EMAIL_LIMIT_MB} MB "
            f"(is {raw}); set it again with `auditor-app package limit MB`"
        )
    return int(value * 1_000_000)


def build_package(
    store: AuditStore,
    audit_id: int,
    key: AuditorKey,
    *,
    member: bool = False,
    recipient: x509.Certificate | None = None,
    items: Sequence[str] | None = None,
) -> ExportResult:
    """Package one audit, signed with `key`; encrypted to `recipient` when given.

    A revision package of a signed audit carries its signed report, which must have been
    signed with the same key. A member package (`member=True`) carries the member's results,
    notes, findings and attachments, limited to `items` (id prefixes) when given.
    """
    key.check_usable()
    if items is not None and not member:
        raise InputError("only a team member's package can be limited to some items")
    kind = "member" if member else "revision"
    doc = build_document(store, audit_id, items if member else None)
    audit = doc["audit"]
    members: list[tuple[str, bytes]] = [(fmt.AUDIT_DATA, fmt.dumps(doc))]
    report_sha = None
    if kind == "revision" and audit["locked"]:
        report = store.latest_report(audit_id)
        if report is None:
            raise SyncError(f"audit {audit_id} is locked but has no signed report")
        pdf = bytes(report["pdf"])
        if hashlib.sha256(pdf).hexdigest() != report["sha256"]:
            raise SyncError(
                f"the stored signed report of audit {audit_id} no longer matches its SHA-256: "
                "it was damaged, so it is not exported; run `auditor-app backup check` and "
                "restore a backup made before the damage"
            )
        _check_same_signer(pdf, key)
        members.append((fmt.REPORT, pdf))
        report_sha = hashlib.sha256(pdf).hexdigest()
    members += _attachment_members(store, doc["attachments"])
    carried = _carried_in_report(members)
    members = [(name, data) for name, data in members if name not in carried]
    manifest = _manifest(kind, doc, key, members, report_sha, items if member else None)
    manifest["members"] += list(carried.values())
    manifest_bytes = fmt.dumps(manifest)
    plain = write_zip(
        [
            (fmt.MANIFEST, manifest_bytes),
            (fmt.SIGNATURE, sign_detached(manifest_bytes, key)),
            *members,
        ]
    )
    data = plain if recipient is None else envelope.encrypt(plain, recipient)
    return ExportResult(
        data,
        kind,
        audit["uid"],
        audit["revision"],
        report_sha is not None,
        recipient is not None,
        email_limit_bytes(store),
    )


def _check_same_signer(pdf: bytes, key: AuditorKey) -> None:
    cert = pdf_signer_certificate(pdf)
    if cert is None or fingerprint(cert) != key.fingerprint:
        raise SyncError(
            "the report was signed with a different key; sign the package with "
            "the key that signed the report, so the committee can tell that data "
            "and report come from the same person"
        )


def _attachment_members(store: AuditStore, files: list[dict[str, Any]]) -> list[tuple[str, bytes]]:
    out = []
    for entry in files:
        row = sync_rows.attachment_blob(store, entry["sha256"])
        if row is None or hashlib.sha256(bytes(row["data"])).hexdigest() != row["data_sha256"]:
            raise SyncError(
                f"the stored attachment {entry['original_name'] or entry['sha256'][:12]} no "
                "longer matches its hash: it was damaged, so it is not exported; run "
                "`auditor-app backup check` and restore a backup made before the damage"
            )
        out.append((fmt.attachment_name(entry["sha256"], entry["mime"]), bytes(row["data"])))
        if row["thumb"] is not None:
            out.append((fmt.thumb_name(entry["sha256"]), bytes(row["thumb"])))
    return out


def _carried_in_report(members: list[tuple[str, bytes]]) -> dict[str, dict[str, Any]]:
    """Photos the signed report embeds byte for byte (reportlab embeds JPEGs as they are):
    listed with their offset in report.pdf instead of a second copy, halving the size of a
    photo-heavy package. Checked like any member on import."""
    report = dict(members).get(fmt.REPORT)
    if report is None:
        return {}
    # Index every stream's last bytes (a photo's tail is entropy-coded, so unique) instead of
    # searching 20 MB once per photo: one pass however many photos there are.
    # Photos with the same plain bottom rows share their last bytes, so a tail may have
    # several candidate places: each is checked.
    tails: dict[bytes, list[int]] = {}
    for match in re.finditer(rb"endstream", report):
        for end in (match.start(), match.start() - 1, match.start() - 2):  # EOL before it
            tails.setdefault(report[max(end - _TAIL, 0) : end], []).append(end)
    carried = {}
    for name, data in members:
        if not name.startswith("attachments/") or len(data) <= _TAIL:
            continue
        candidates = tails.get(data[-_TAIL:], [])
        stop = next((e for e in candidates if report[e - len(data) : e] == data), None)
        if stop is not None:
            carried[name] = {
                "path": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "in": fmt.REPORT,
                "offset": stop - len(data),
            }
    return carried


def _manifest(
    kind: str,
    doc: dict[str, Any],
    key: AuditorKey,
    members: list[tuple[str, bytes]],
    report_sha: str | None,
    items: Sequence[str] | None,
) -> dict[str, Any]:
    audit = doc["audit"]
    return {
        "format": fmt.version_string(fmt.PACKAGE_FORMAT, fmt.PACKAGE_VERSION),
        "kind": kind,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "app": f"auditor-app {__version__}",
        "sender": {
            "name": key.signer_name,
            "fingerprint_sha256": key.fingerprint,
            "organisation": key.organization or "",
            "email": key.email or "",
        },
        "audit": {
            "uid": audit["uid"],
            "series_uid": audit["series_uid"],
            "revision": audit["revision"],
            "signed": report_sha is not None,
            "report_sha256": report_sha,
        },
        "items": list(items) if items is not None else None,
        "members": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in members
        ],
    }


def write_package(result: ExportResult, path: str | Path, *, force: bool = False) -> Path:
    """Write atomically; over the email limit only with `force` (the caller warned)."""
    path = Path(path)
    if result.over_limit and not force:
        raise InputError(
            f"the package is {result.size_text()}; too large to email. "
            "Export anyway with --force (e.g. for a shared folder)"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SyncError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(result.data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise InputError(
                f"cannot write {path}: {exc.strerror or exc}{open_elsewhere_hint(exc)}"
            ) from exc
    except OSError as exc:  # writing the temporary copy
        Path(tmp).unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise SyncError(
                f"the disk holding {folder} is full: the package ({result.size_text()}) was "
                "not written; free some space or choose another folder"
            ) from exc
        raise SyncError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
