"""Export an audit's report: render, optionally sign and lock, write the file atomically.

With a key the report is signed (PAdES, via `auditor_app.signing`) and the audit is locked in
the same step: the signed bytes are what the database keeps and what the file holds. Without a
key the report is an unsigned draft, marked as such on every page, and the audit stays open.

The signer is who the key's certificate names, and the report must not contradict it: the
signer's role (on the stamp and in the sign-off section) is that team member's role on the
audit team, matched by name. A signer who is not on the team is refused unless the caller
allows it explicitly and states the role (`allow_signer_not_on_team`, `signer_role`). A signed
report is dated on its signing day, the date its stamp shows; a draft keeps the audit's own
last-edit date, so that drafts of unchanged data are byte-identical.

A signed report is PAdES B-T when a timestamp service is configured (the `timestamp_url`
argument, else the database setting `timestamp_url`) and answers; when it does not, the report
is signed without a timestamp (PAdES B-B) and the result carries a warning. The timestamp
service never makes an export fail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import AuditorError, InputError, LockedError, open_elsewhere_hint
from auditor_app.report.data import SignOff, build_report_data
from auditor_app.report.identity import cb_identity
from auditor_app.report.labels import role_text
from auditor_app.report.pdf import Rendered, render
from auditor_app.report.styles import ReportStyle, load_style
from auditor_app.services.presign import ensure_signable
from auditor_app.signing.keys import CertifiedSigner
from auditor_app.store.audit_store import AuditStore

Progress = Callable[[int, int], None]

TIMESTAMP_URL_SETTING = settings_registry.TIMESTAMP_URL.key


class ReportWriteError(AuditorError):
    """The report file could not be written."""


class SignerError(AuditorError):
    """The key's signer and the audit team disagree: the report would contradict itself."""


class SignerNotOnTeamError(SignerError):
    """The key belongs to someone who is not on the audit team."""


class SignerRoleError(SignerError):
    """The role asked for is not the signer's role on the audit team."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the report file, its SHA-256 and size, and whether it was signed."""

    path: Path
    sha256: str
    size: int
    signed: bool
    pages: int
    report_date: str = ""  # printed on the cover and in the sign-off (the signing day if signed)
    signer: SignOff | None = None  # who signed, in which role (None for a draft)
    # things the user should know (texts the report font cannot draw, printed as placeholders;
    # a timestamp service that did not answer): show them to the user
    warnings: tuple[str, ...] = ()
    timestamped: bool = False  # the signature carries a timestamp (PAdES B-T), else B-B


def _same_name(a: str, b: str) -> bool:
    """Names compared as people write them: width forms, spacing and letter case ignored."""

    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split()).casefold()

    return norm(a) == norm(b)


def resolve_signer(
    team: Iterable[Mapping[str, Any]],
    signer_name: str,
    *,
    signer_role: str | None = None,
    allow_signer_not_on_team: bool = False,
) -> SignOff:
    """The signer's name and role as the report prints them.

    A team member (matched by name) signs in their team role; `signer_role`, when given, must
    be that role. Anyone else is refused (SignerNotOnTeamError) unless
    `allow_signer_not_on_team` is set, and then needs `signer_role`.
    """
    team = list(team)
    role = " ".join((signer_role or "").split())
    member = next((m for m in team if _same_name(m["name"], signer_name)), None)
    if member is not None:
        expected = role_text(member["role"])
        if role and role != expected:
            raise SignerRoleError(
                f"{signer_name} is on the audit team as {expected}; the report and the stamp "
                f"show that role, not {role!r}. Leave the role out, or correct the audit team"
            )
        return SignOff(signer_name, expected, on_team=True)
    if not allow_signer_not_on_team:
        listed = "; ".join(f"{m['name']} ({role_text(m['role'])})" for m in team) or "none"
        raise SignerNotOnTeamError(
            f"the key is for {signer_name}, who is not on this audit's team (team: {listed}). "
            "Sign with a team member's key or add the signer to the team; to sign as someone "
            "outside the team, allow it explicitly and state the role (command line: "
            "--allow-signer-not-on-team --role TEXT)"
        )
    if not role:
        raise InputError(f"{signer_name} is not on the audit team: state the signing role")
    return SignOff(signer_name, role, on_team=False)


def export_report(
    store: AuditStore,
    audit_id: int,
    out_path: str | Path,
    *,
    key: CertifiedSigner | None = None,
    signer_role: str | None = None,
    allow_signer_not_on_team: bool = False,
    signature_image: bytes | None = None,
    progress: Progress | None = None,
    style: ReportStyle | None = None,
    generated_at: str | None = None,
    signing_time: dt.datetime | None = None,
    timestamp_url: str | None = None,
    confirm: Mapping[str, str] | None = None,
) -> ExportResult:
    """Write the audit's report to `out_path`; sign it and lock the audit when `key` is given.

    The signer's role comes from the audit team (see `resolve_signer`); `signer_role` and
    `allow_signer_not_on_team` only serve a signer who is not on the team. A signed report is
    dated `signing_time` (default: now, local time), the moment the stamp shows;
    `generated_at` (YYYY-MM-DD) dates a draft, by default the audit's last-edit date.

    A signed report is timestamped (PAdES B-T) by `timestamp_url`, or when it is None by the
    database setting `timestamp_url` if set; an empty string signs without a timestamp. When
    the timestamp service fails, the report is signed without one (PAdES B-B) and
    `ExportResult.warnings` says so: the export does not fail. `ExportResult.timestamped`
    tells which it is.

    Raises LockedError for an audit that is already signed (a new revision is needed),
    SignerError when the key's signer does not fit the audit team, the signing module's errors
    for an unusable key, FontMissingError without a CJK font, and ReportWriteError when the
    file cannot be written. Nothing is locked unless the signed file was written to disk first.
    """
    out = Path(out_path)
    if out.is_dir():
        raise ReportWriteError(f"{out} is a folder; give a file name such as report.pdf")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():  # checked now: rendering and signing take seconds
        raise ReportWriteError(f"cannot write {out}: folder {folder} does not exist")
    ensure_unlocked(store, audit_id)
    signer: SignOff | None = None
    moment: dt.datetime | None = None
    confirmed: dict[str, str] = {}
    if key is None:
        if signer_role or allow_signer_not_on_team or signing_time:
            raise InputError("a signer's role or signing time needs a key: a draft is not signed")
        if timestamp_url:
            raise InputError("a timestamp needs a key: a draft is not signed")
    else:
        if generated_at is not None:
            raise InputError("a signed report is dated on its signing day; give signing_time")
        key.check_usable()  # fail before minutes of rendering, not after
        signer = resolve_signer(
            store.team(audit_id),
            key.signer_name,
            signer_role=signer_role,
            allow_signer_not_on_team=allow_signer_not_on_team,
        )
        moment = signing_time or dt.datetime.now().astimezone()
        if moment.tzinfo is None:
            moment = moment.astimezone()
    style = style or load_style()
    style = dataclasses.replace(style, cb=cb_identity(store.get_setting, style.cb))
    if key is not None:
        assert moment is not None  # set above with the key
        # checks before signing (issue 11): refused with the list of what to fix or confirm
        confirmed = ensure_signable(
            store, audit_id, moment.date(), confirm, example_identity=style.cb.example
        )
        generated_at = f"{moment:%Y-%m-%d}"  # the day the stamp shows (same time zone)
    # progress in percent: gathering 0–5, rendering 5–80 (per laid-out flowable), signing
    # 80–95, writing 95–100
    report = progress or (lambda done, total: None)
    report(0, 100)
    data = build_report_data(store, audit_id, generated_at, signer=signer, confirmations=confirmed)
    report(5, 100)
    rendered = render(
        data,
        style,
        draft=key is None,
        progress=lambda done, total: report(5 + 75 * done // max(total, 1), 100),
    )
    pdf = rendered.pdf
    # what the key's source says (a key file readable by other accounts, …)
    warnings = (*data.warnings, *(key.warnings if key is not None else ()))
    timestamped = False
    if key is not None and signer is not None and moment is not None:
        from auditor_app.signing.sign import TimestampError

        if timestamp_url is None:
            timestamp_url = store.get_setting(TIMESTAMP_URL_SETTING)
        url = (timestamp_url or "").strip() or None
        sign_args: dict[str, Any] = {
            "location": data.location,
            "role": signer.role,
            "image": signature_image,
            "rendered": rendered,
            "report_number": data.report_number,
            "moment": moment,
        }
        try:
            pdf = _sign(rendered.pdf, key, timestamp_url=url, **sign_args)
            timestamped = url is not None
        except TimestampError as exc:
            # the timestamp is a bonus, never a condition: sign without it (PAdES B-B)
            pdf = _sign(rendered.pdf, key, timestamp_url=None, **sign_args)
            warnings = (*warnings, _timestamp_warning(url or "", exc))
    report(95, 100)
    sha = hashlib.sha256(pdf).hexdigest()
    temp = _write_temp(out, pdf)
    try:
        if key is not None:
            # lock only once the signed bytes are safely on disk; the rename follows at once;
            # the signer's confirmations go to the trail in the same transaction
            with store.transaction():
                store.confirm_presign(audit_id, confirmed)
                store.lock_with_report(audit_id, pdf, sha, key.signer_name)
        try:
            os.replace(temp, out)
        except OSError as exc:
            kept = " (the audit is signed and its report is kept in the database)" if key else ""
            raise ReportWriteError(
                f"cannot write {out}: {exc.strerror or exc}{kept}{open_elsewhere_hint(exc)}"
            ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_dir(out.parent)
    report(100, 100)
    return ExportResult(
        out,
        sha,
        len(pdf),
        key is not None,
        rendered.pages,
        report_date=data.generated_at,
        signer=signer,
        warnings=warnings,
        timestamped=timestamped,
    )


def ensure_unlocked(store: AuditStore, audit_id: int) -> None:
    """Refuse a signed audit with the way forward (callers check before asking for a key)."""
    if store.audit(audit_id)["locked"]:
        raise LockedError(
            f"audit {audit_id} is signed and locked; its signed report is kept in the "
            f"database. To change it, start a new revision with `auditor-app audit revise "
            f"--audit {audit_id} --reason TEXT`"
        )


def _timestamp_warning(url: str, exc: Exception) -> str:
    cause = exc.__cause__ or exc
    detail = str(cause.__cause__ or cause).strip() or type(cause).__name__
    return f"timestamp service {url} unreachable ({detail}): signed without a timestamp (PAdES B-B)"


def _sign(
    pdf: bytes,
    key: CertifiedSigner,
    *,
    location: str,
    role: str,
    image: bytes | None,
    rendered: Rendered,
    report_number: str,
    moment: dt.datetime,
    timestamp_url: str | None = None,
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
        signing_time=moment,  # the stamp's date is the report date printed inside
        signature_image=image,
        placement=placement,
        timestamp_url=timestamp_url,
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
