"""Export an audit's report: render, optionally sign and lock, write the file atomically.

With a key the report is signed (PAdES, via `auditor_app.signing`) and the audit is locked in
the same step: the signed bytes are what the database keeps and what the file holds. Without a
key the report is an unsigned draft, marked as such on every page, and the audit stays open.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor_app.core.errors import AuditorError, LockedError
from auditor_app.report.data import build_report_data
from auditor_app.report.labels import DEFAULT_ROLE
from auditor_app.report.pdf import Rendered, render
from auditor_app.report.styles import ReportStyle, load_style
from auditor_app.signing.keys import AuditorKey
from auditor_app.store.audit_store import AuditStore

Progress = Callable[[int, int], None]


class ReportWriteError(AuditorError):
    """The report file could not be written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    size: int
    signed: bool
    pages: int


def export_report(
    store: AuditStore,
    audit_id: int,
    out_path: str | Path,
    *,
    key: AuditorKey | None = None,
    signer_role: str = DEFAULT_ROLE,
    signature_image: bytes | None = None,
    progress: Progress | None = None,
    style: ReportStyle | None = None,
    generated_at: str | None = None,
) -> ExportResult:
    """Write the audit's report to `out_path`; sign it and lock the audit when `key` is given.

    Raises LockedError for an audit that is already signed (a new revision is needed), the
    signing module's errors for an unusable key, FontMissingError without a CJK font, and
    ReportWriteError when the file cannot be written. Nothing is locked unless the signed
    file was written to disk first.
    """
    out = Path(out_path)
    if out.is_dir():
        raise ReportWriteError(f"{out} is a folder; give a file name such as report.pdf")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():  # checked now: rendering and signing take seconds
        raise ReportWriteError(f"cannot write {out}: folder {folder} does not exist")
    ensure_unlocked(store, audit_id)
    if key is not None:
        key.check_usable()  # fail before minutes of rendering, not after
    style = style or load_style()
    # progress in percent: gathering 0–5, rendering 5–80 (per laid-out flowable), signing
    # 80–95, writing 95–100
    report = progress or (lambda done, total: None)
    report(0, 100)
    data = build_report_data(store, audit_id, generated_at)
    report(5, 100)
    rendered = render(
        data,
        style,
        draft=key is None,
        progress=lambda done, total: report(5 + 75 * done // max(total, 1), 100),
    )
    pdf = rendered.pdf
    if key is not None:
        pdf = _sign(
            pdf, key, data.location, signer_role, signature_image, rendered, data.report_number
        )
    report(95, 100)
    sha = hashlib.sha256(pdf).hexdigest()
    temp = _write_temp(out, pdf)
    try:
        if key is not None:
            # lock only once the signed bytes are safely on disk; the rename follows at once
            store.lock_with_report(audit_id, pdf, sha, key.signer_name)
        try:
            os.replace(temp, out)
        except OSError as exc:
            kept = " (the audit is signed and its report is kept in the database)" if key else ""
            raise ReportWriteError(f"cannot write {out}: {exc.strerror or exc}{kept}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_dir(out.parent)
    report(100, 100)
    return ExportResult(out, sha, len(pdf), key is not None, rendered.pages)


def ensure_unlocked(store: AuditStore, audit_id: int) -> None:
    """Refuse a signed audit with the way forward (callers check before asking for a key)."""
    if store.audit(audit_id)["locked"]:
        raise LockedError(
            f"audit {audit_id} is signed and locked; its signed report is kept in the "
            f"database. To change it, start a new revision with `auditor-app audit revise "
            f"--audit {audit_id} --reason TEXT`"
        )


def _sign(
    pdf: bytes,
    key: AuditorKey,
    location: str,
    role: str,
    image: bytes | None,
    rendered: Rendered,
    report_number: str,
) -> bytes:
    from auditor_app.signing.sign import FieldPlacement, sign_pdf

    # The signature goes into the box the report drew for it in the sign-off section.
    placement = FieldPlacement(rendered.signature_page, rendered.signature_box)
    reason = "审核报告签署 Audit report sign-off"
    if report_number:
        reason += f" {report_number}"
    return sign_pdf(
        pdf,
        key,
        role=role,
        reason=reason,
        location=location,
        signature_image=image,
        placement=placement,
    )


def _write_temp(out: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `out`, flushed to disk."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ReportWriteError(f"cannot write {out}: folder {folder} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportWriteError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it owner-only; a report is meant to be shared
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ReportWriteError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return temp


def _sync_dir(folder: Path) -> None:
    """Persist the rename itself (POSIX; Windows has no directory handles to sync)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
