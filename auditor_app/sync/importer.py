"""Importing a revision package: verified first, decided read-only, then written all at once.

1. `read_package` verifies everything without touching the database.
2. The outcome is decided by reading only: the same revision already here (unchanged), an
   older revision than the newest here (refused), a clash of uids or revision numbers
   (refused), a new audit (imported) or a newer revision (superseded: the older ones stay as
   history, as `supersedes_uid` says).
3. Only then is the database backed up and the audit written in ONE transaction: children
   first, then the report, then the lock (the lock triggers refuse anything after it).

Every attempt is appended to the attempts file; changes also go to the import log and trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from auditor_app.core.errors import AuditorError
from auditor_app.core.settings import IMPORT_BACKUP_HOURS
from auditor_app.services.settings import value as settings_value
from auditor_app.signing.keys import AuditorKey
from auditor_app.store import sync_rows
from auditor_app.store.audit_store import AUDIT_JSON_FIELDS, AuditStore
from auditor_app.store.journal_rows import store_json
from auditor_app.sync import journal
from auditor_app.sync.auditdata import AUDIT_SPEC, build_document, comparable
from auditor_app.sync.committee_verdicts import store_verdict
from auditor_app.sync.errors import PackageRefused
from auditor_app.sync.reader import VerifiedPackage, load_bytes, read_package


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did. `status`: imported | superseded | unchanged | refused."""

    status: str
    reason: str
    code: str | None = None  # refusal code (errors.REFUSAL_CODES)
    package_sha256: str = ""
    kind: str | None = None
    audit_id: int | None = None
    audit_uid: str | None = None
    series_uid: str | None = None
    revision: int | None = None
    sender: str | None = None
    encrypted: bool = False
    backup: str | None = None

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_package(
    store: AuditStore,
    source: bytes | str | Path,
    trust: Sequence[x509.Certificate] = (),
    *,
    key: AuditorKey | None = None,
) -> ImportOutcome:
    """Import one revision package; never raises for a bad package (see `status`)."""
    sha, package = "", None
    try:
        data = load_bytes(source)
        sha = hashlib.sha256(data).hexdigest()
        package = read_package(data, trust, key=key)
        if package.kind != "revision":
            raise PackageRefused(
                "wrong_kind",
                f"this is {package.sender}'s team member "
                "package: merge it into the team leader's audit with "
                "`package merge --audit ID` instead",
            )
        outcome = _apply(store, package, trust)
    except PackageRefused as exc:
        outcome = ImportOutcome(
            "refused", exc.reason, exc.code, sha, **(_describe(package) if package else {})
        )
    journal.append_attempt(
        store.path,
        store.actor,
        {
            "operation": "import",
            "status": outcome.status,
            "code": outcome.code,
            "reason": outcome.reason,
            "package_sha256": outcome.package_sha256,
            "audit_uid": outcome.audit_uid,
            "revision": outcome.revision,
            "sender": outcome.sender,
        },
    )
    return outcome


def _describe(package: VerifiedPackage) -> dict[str, Any]:
    return {
        "kind": package.kind,
        "audit_uid": package.audit_uid,
        "series_uid": package.data.audit["series_uid"],
        "revision": package.revision,
        "sender": package.sender,
        "encrypted": package.encrypted,
    }


def _apply(
    store: AuditStore, package: VerifiedPackage, trust: Sequence[x509.Certificate]
) -> ImportOutcome:
    status, reason, audit_id = _decide(store, package)
    fields = {"package_sha256": package.package_sha256, **_describe(package)}
    if status == "unchanged":
        return ImportOutcome(status, reason, audit_id=audit_id, **fields)
    backup = _restore_point(store)
    try:
        with store.transaction():
            audit_id = _insert(store, package)
            if package.report_pdf is not None:  # the committee list shows it without re-checking
                store_verdict(store, audit_id, trust, package.report_verification)
            journal.record_import(
                store,
                package_sha256=package.package_sha256,
                kind="revision",
                result=status,
                audit_id=audit_id,
                audit_uid=package.audit_uid,
                series_uid=package.data.audit["series_uid"],
                revision=package.revision,
                sender=package.sender,
                sender_fingerprint=package.signer.fingerprint,
                detail={
                    "backup": backup.name,
                    "signed": package.data.signed,
                    "encrypted": package.encrypted,
                },
            )
    except AuditorError as exc:  # the transaction was rolled back: nothing was written
        raise PackageRefused(
            "database", f"the database refused the package's data, nothing was changed: {exc}"
        ) from exc
    return ImportOutcome(status, reason, audit_id=audit_id, backup=str(backup), **fields)


def _restore_point(store: AuditStore) -> Path:
    """The backup this import can be undone from: the newest one when it is younger than
    `import_backup_hours`, else a new one. A checked copy of a CB's database takes seconds
    per import; an import only adds rows in one transaction (a failed one leaves nothing),
    so a backup a few hours old loses nothing that the import log cannot name: the imports
    after it, which are re-imported from their packages."""
    hours = float(settings_value(store, IMPORT_BACKUP_HOURS))
    newest = sync_rows.newest_backup(store) if hours > 0 else None
    if newest is not None and dt.datetime.now(dt.UTC) - newest[1] < dt.timedelta(hours=hours):
        return newest[0]
    return sync_rows.backup_database(store)


def _decide(store: AuditStore, package: VerifiedPackage) -> tuple[str, str, int | None]:
    """(status, reason, existing audit id) from reading the database only."""
    audit = package.data.audit
    client = package.data.doc["organisation"]["name"]
    label = f"revision {audit['revision']} of the audit of {client}"
    same = sync_rows.audit_by_uid(store, audit["uid"])
    if same is not None:
        if _same_content(store, int(same["id"]), package):
            return (
                "unchanged",
                f"{label} is already in this database (audit {same['id']}); nothing was changed",
                int(same["id"]),
            )
        raise PackageRefused(
            "conflicting_revision",
            f"this database holds a different copy of {label} (audit "
            f"{same['id']}, same uid); it was not overwritten",
        )
    newest = sync_rows.newest_in_series(store, audit["series_uid"])
    if newest is None:
        return "imported", f"{label}, sent by {package.sender}, was added", None
    have, newest_id = int(newest["revision"]), int(newest["id"])
    _check_provenance(store, package, newest_id)
    if audit["revision"] > have:
        return (
            "superseded",
            f"{label}, sent by {package.sender}, was added; it supersedes revision {have} (audit "
            f"{newest_id}), which stays in the history",
            None,
        )
    if audit["revision"] < have:
        raise PackageRefused(
            "older_revision",
            f"this is {label}, but the database already has the newer "
            f"revision {have} (audit {newest_id}); an older revision never "
            "replaces a newer one",
        )
    raise PackageRefused(
        "conflicting_revision",
        f"the database already has a different revision {have} of this audit "
        f"(audit {newest_id}); two revisions with one number cannot both be "
        "current",
    )


def _check_provenance(store: AuditStore, package: VerifiedPackage, local_id: int) -> None:
    """A revision may continue only a series of the same client, name a revision of it that is
    here as the one it replaces, and come from someone on that audit's team. A matching series
    id alone proves nothing: it is copied from any package or report."""
    audit = package.data.audit
    client = package.data.doc["organisation"]["name"].strip()
    local_client = sync_rows.client_of(store, local_id).strip()
    if local_client != client:
        raise PackageRefused(
            "foreign_series",
            f"this package for {client} claims to continue the audit series of audit "
            f"{local_id} of another client ({local_client}); a revision may only continue an "
            "audit of the same client, nothing was changed",
        )
    if audit["revision"] <= int(store.audit(local_id)["revision"]):
        return  # it would not supersede anything: the revision checks that follow refuse it
    replaced = audit["supersedes_uid"]
    if replaced is not None and not sync_rows.in_series(store, replaced, audit["series_uid"]):
        raise PackageRefused(
            "foreign_series",
            f"this revision {audit['revision']} says it replaces audit uid {replaced}, which "
            f"is not a revision of the series of audit {local_id} in this database; import the "
            "revisions in between first",
        )
    team = {str(m["name"]).strip() for m in store.team(local_id)}
    if team and package.sender.strip() not in team:
        raise PackageRefused(
            "foreign_series",
            f"this revision was sent by {package.sender}, who is not on the team of audit "
            f"{local_id} ({', '.join(sorted(team))}); only that team may revise it",
        )


def _same_content(store: AuditStore, audit_id: int, package: VerifiedPackage) -> bool:
    """Does the database hold exactly this revision? (Same uid alone is not enough: a
    re-sent revision with other data must be refused, not reported as already here.)"""
    return comparable(build_document(store, audit_id)) == package.data.comparable()


def _insert(store: AuditStore, package: VerifiedPackage) -> int:
    doc = package.data.doc
    # the store sets the lock itself, after the children and the report
    row = {k: doc["audit"][k] for k in AUDIT_SPEC if k != "locked"}
    row.update({k: store_json(doc["audit"][k]) for k in AUDIT_JSON_FIELDS})
    return sync_rows.insert_received_audit(
        store, row, doc, package.files, package.thumbs, package.report_pdf
    )
