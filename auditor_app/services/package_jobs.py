"""Background-job bodies of the package dialogs: each opens its own store, calls one service.

A sqlite connection belongs to the thread that opened it, so no function here receives a store
from the GUI: each gets the database path and opens an `AuditStore` for itself. Results are the
services' own frozen dataclasses, safe to hand back to the GUI thread. Nothing here imports Qt,
so the bodies can be tested without widgets.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import AuditStore

Report = Callable[[int, int, str], None]

TRUST_SETTING = settings_registry.PACKAGE_TRUST.key  # JSON list of certificate files
RECIPIENT_SETTING = settings_registry.COMMITTEE_CERTIFICATE.key  # for --to
KEY_SETTING = settings_registry.SIGNING_KEY_PATH.key  # shared with the report export dialog


def _quiet(_done: int, _total: int, _text: str) -> None:
    """Progress sink for calls made outside a worker (tests, scripts)."""


class FieldError(AuditorError):
    """A problem with one input of a dialog (`field`: key, passphrase, recipient, trust, out):
    the dialog shows `str(self)` under that field instead of in a message box."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class StalePlanError(AuditorError):
    """The conflicts changed between showing them and applying the merge."""


@contextmanager
def opened(store_path: Path) -> Iterator[AuditStore]:
    store = AuditStore(store_path)
    try:
        yield store
    finally:
        store.close()


def _remember(store: AuditStore, key: str, value: str) -> None:
    """Write a setting only when it changed (every write leaves a trail entry)."""
    if (store.get_setting(key) or "") != value:
        store.set_setting(key, value)


def saved_trust(store: AuditStore) -> list[str]:
    """The remembered trust files; a damaged value is forgotten rather than failing."""
    try:
        value = json.loads(store.get_setting(TRUST_SETTING) or "[]")
    except ValueError:
        return []
    return [str(p) for p in value if isinstance(p, str)] if isinstance(value, list) else []


def _remember_trust(store: AuditStore, paths: Sequence[str]) -> None:
    if list(paths) != saved_trust(store):
        store.set_setting(TRUST_SETTING, json.dumps(list(paths), ensure_ascii=False))


def load_trust(paths: Sequence[str]) -> list[Any]:
    from auditor_app.sync.certs import load_certificates
    from auditor_app.sync.errors import SyncError

    try:
        return load_certificates(paths)
    except SyncError as exc:
        raise FieldError("trust", str(exc)) from exc


def load_key(path: str, passphrase: str, *, for_signing: bool) -> Any:
    """Open a PKCS#12 key; each failure is pinned to the field the user must fix."""
    from auditor_app.signing.keys import (
        EmptyPassphraseError,
        SigningKeyError,
        WrongPassphraseError,
        load_key,
    )

    if not path:
        raise FieldError("key", "choose the key file (.p12)")
    if not passphrase:
        raise FieldError("passphrase", "enter the key's passphrase")
    try:
        # a key that only decrypts need not be allowed to sign (no nonRepudiation needed)
        return load_key(path, passphrase, check=for_signing)
    except (WrongPassphraseError, EmptyPassphraseError) as exc:
        raise FieldError("passphrase", str(exc)) from exc
    except SigningKeyError as exc:
        raise FieldError("key", str(exc)) from exc


# -- what the dialogs show before any work -----------------------------------------------------
@dataclass(frozen=True)
class AuditHeader:
    """Enough of an audit to name it in a dialog and suggest a file name."""

    audit_id: int
    client: str
    audit_type: str
    report_number: str
    revision: int
    locked: bool


def audit_header(store: AuditStore, audit_id: int) -> AuditHeader:
    row = store.audit(audit_id)
    return AuditHeader(
        audit_id,
        row["org_name"],
        row["audit_type"],
        row["report_number"] or "",
        int(row["revision"]),
        bool(row["locked"]),
    )


# -- export ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackageExportRequest:
    """What the package export dialog asks for: the audit, the key to sign with and its passphrase;
    a member package (`member`) may be limited to some `items` (id prefixes)."""

    store_path: Path
    audit_id: int
    key_path: str
    passphrase: str
    recipient_path: str | None = None  # encrypt to this certificate
    member: bool = False
    items: tuple[str, ...] | None = None


def build(request: PackageExportRequest, report: Report = _quiet) -> Any:
    """Open the key and build the package in memory (not written yet): ExportResult."""
    from auditor_app.sync.certs import load_certificate
    from auditor_app.sync.errors import SyncError
    from auditor_app.sync.export import build_package

    report(0, 3, "key")
    key = load_key(request.key_path, request.passphrase, for_signing=True)
    recipient = None
    if request.recipient_path:
        try:
            recipient = load_certificate(request.recipient_path)
        except SyncError as exc:
            raise FieldError("recipient", str(exc)) from exc
    report(1, 3, "build")
    with opened(request.store_path) as store:
        result = build_package(
            store,
            request.audit_id,
            key,
            member=request.member,
            recipient=recipient,
            items=request.items if request.member else None,
        )
        _remember(store, KEY_SETTING, request.key_path)
        if request.recipient_path:
            _remember(store, RECIPIENT_SETTING, request.recipient_path)
    report(2, 3, "built")
    return result


def write(result: Any, out_path: Path, force: bool = False, report: Report = _quiet) -> Path:
    """Write a built package atomically; over the email limit only with `force`."""
    from auditor_app.sync.export import write_package

    report(2, 3, "write")
    try:
        return write_package(result, out_path, force=force)
    except OSError as exc:  # a full disk or a read-only folder: say where
        raise FieldError("out", f"cannot write {out_path}: {exc.strerror or exc}") from exc


# -- import ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportRequest:
    """What the package import dialog asks for: the package and the certificate files to trust."""

    store_path: Path
    package_path: Path
    trust_paths: tuple[str, ...]
    key_path: str | None = None  # for a package encrypted to the user
    passphrase: str = ""


def run_import(request: ImportRequest, report: Report = _quiet) -> Any:
    """Verify and import one revision package: ImportOutcome (never raises for a bad package).

    The trust list is remembered first: it is the user's choice, not the package's doing, and
    the next import should not ask for it again."""
    from auditor_app.sync.importer import import_package

    report(0, 2, "verify")
    trust = load_trust(request.trust_paths)
    key = (
        load_key(request.key_path, request.passphrase, for_signing=False)
        if request.key_path
        else None
    )
    with opened(request.store_path) as store:
        _remember_trust(store, request.trust_paths)
        outcome = import_package(store, request.package_path, trust, key=key)
    report(2, 2, "done")
    return outcome


# -- team merge --------------------------------------------------------------------------------
@dataclass(frozen=True)
class MergeRequest:
    """What the team merge dialog asks for: the leader's audit, the member's package and the
    certificate files to trust."""

    store_path: Path
    audit_id: int
    package_path: Path
    trust_paths: tuple[str, ...]
    key: Any = None  # AuditorKey, for a member package encrypted to the leader


@dataclass(frozen=True)
class MergePreview:
    """A merge plan without its store, so it can leave the worker thread."""

    author: str
    changes: tuple[Any, ...]  # merge.Change
    conflicts: tuple[Any, ...]  # merge.Conflict
    warnings: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.changes and not self.conflicts


def preview_merge(request: MergeRequest, report: Report = _quiet) -> MergePreview:
    """Verify the member package and work out the merge; nothing is written."""
    from auditor_app.sync.merge import plan_merge

    report(0, 1, "verify")
    trust = load_trust(request.trust_paths)
    with opened(request.store_path) as store:
        plan = plan_merge(store, request.audit_id, request.package_path, trust, key=request.key)
        return MergePreview(
            plan.author, tuple(plan.changes), tuple(plan.conflicts), tuple(plan.warnings)
        )


def run_merge(request: MergeRequest, decisions: dict[str, str], report: Report = _quiet) -> Any:
    """Plan again in this thread's store and apply with the leader's decisions: MergeOutcome.

    (A plan holds the store it was made with, which belongs to the thread that planned, so the
    plan shown is not the one applied; if its conflicts differ, nothing is applied.)"""
    from auditor_app.sync.merge import apply_merge, plan_merge

    report(0, 1, "apply")
    trust = load_trust(request.trust_paths)
    with opened(request.store_path) as store:
        plan = plan_merge(store, request.audit_id, request.package_path, trust, key=request.key)
        if {c.key for c in plan.conflicts} != set(decisions):
            raise StalePlanError(
                "the audit changed while the conflicts were shown; they have been worked out "
                "again, please review them"
            )
        return apply_merge(plan, decisions)


# -- committee ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateRow:
    """One line of the committee view's certificate list: the certificate's status and its level's
    title ("zh / en", or the level id when the scheme is not found)."""

    status: Any  # committee.CertificateStatus
    level_title: str


@dataclass(frozen=True)
class CommitteeData:
    """What the committee view loads in the background: the received reports, the certificate rows,
    how many certificates are trusted and the day the cycles were worked out for."""

    reports: tuple[Any, ...]  # committee.ReceivedReport, superseded ones included
    certificates: tuple[CertificateRow, ...]
    trust_count: int
    today: dt.date
    trust_paths: tuple[str, ...] = ()  # the list the reports were read against


def load_committee(
    store_path: Path,
    trust_paths: Sequence[str] | None,
    today: dt.date | None = None,
    report: Report = _quiet,
) -> CommitteeData:
    """Every received report with its stored verdict (stale or missing ones are checked by
    `check_committee_batch` afterwards, not here), and the certificates' cycle."""
    from auditor_app.sync.committee import certificates, received_reports

    report(0, 1, "verify")
    today = today or dt.date.today()
    # None: the remembered list, read here in the worker (opening a big database checks the
    # whole file, which must not hold up the window)
    with opened(store_path) as store:
        paths = tuple(saved_trust(store) if trust_paths is None else trust_paths)
        trust = load_trust(paths)
        reports = received_reports(store, trust, include_superseded=True, refresh=False)
        rows = _certificate_rows(store, certificates(store, today))
    return CommitteeData(tuple(reports), rows, len(trust), today, paths)


def check_committee_batch(
    store_path: Path, trust_paths: Sequence[str], report: Report = _quiet, *, limit: int = 40
) -> tuple[Any, ...]:
    """The committee view's background pass: verify up to `limit` reports that have no stored
    verdict or a stale one, store it, and return them as list rows (empty: all current)."""
    from auditor_app.sync.committee import received_report
    from auditor_app.sync.committee_verdicts import check_unchecked

    trust = load_trust(trust_paths)
    with opened(store_path) as store:
        done = check_unchecked(store, trust, limit)
        return tuple(received_report(store, audit_id, trust, check=False) for audit_id in done)


def recheck_report(
    store_path: Path, audit_id: int, trust_paths: Sequence[str], report: Report = _quiet
) -> Any:
    """The report the reviewer opened, verified now (its stored verdict may be old)."""
    from auditor_app.sync.committee import received_report

    trust = load_trust(trust_paths)
    with opened(store_path) as store:
        return received_report(store, audit_id, trust)


def _certificate_rows(store: AuditStore, statuses: Sequence[Any]) -> tuple[CertificateRow, ...]:
    """The register's rows with each level's title from the scheme of the certificate's audit
    (one query for all the audits' schemes; the schemes are few)."""
    from auditor_app.store.committee_rows import scheme_of_audits

    schemes = scheme_of_audits(store, {s.audit_id for s in statuses})
    titles: dict[tuple[str | None, str], str] = {}
    out = []
    for status in statuses:
        key = (schemes.get(status.audit_id), status.level)
        if key not in titles:
            titles[key] = _level_title(store, key[0], status.level)
        out.append(CertificateRow(status, titles[key]))
    return tuple(out)


def _level_title(store: AuditStore, scheme_hash: str | None, level: str) -> str:
    if scheme_hash is None:  # no such audit
        return level
    try:
        found = store.scheme(scheme_hash).level(level)
    except (AuditorError, KeyError, ValueError, StopIteration):
        return level
    return f"{found.title_zh} / {found.title_en}"


@dataclass(frozen=True)
class DecisionRequest:
    """The committee's decision as entered in the committee view; dates are YYYY-MM-DD (`issued_on`
    None: the decision date, for an approval that issues a certificate)."""

    store_path: Path
    audit_id: int
    decision: str  # approve | reject | rectification_required
    decided_on: str
    certificate_number: str = ""
    issued_on: str | None = None
    note: str = ""
    trust_paths: tuple[str, ...] = ()  # an approval needs the report's signature trusted
    outstanding: str = ""  # the committee's override of the scheme's level conditions


def record_decision(request: DecisionRequest, report: Report = _quiet) -> Any:
    """Record the committee's decision: committee.Decision."""
    from auditor_app.sync.committee import decide

    report(0, 1, "decide")
    with opened(request.store_path) as store:
        return decide(
            store,
            request.audit_id,
            request.decision,
            decided_on=request.decided_on,
            certificate_number=request.certificate_number,
            issued_on=request.issued_on or None,
            note=request.note,
            trust=load_trust(request.trust_paths),
            outstanding=request.outstanding,
        )


def remember_trust(store_path: Path, paths: Sequence[str]) -> None:
    """Save the committee view's trust list (same setting as the import dialog's)."""
    with opened(store_path) as store:
        _remember_trust(store, paths)
