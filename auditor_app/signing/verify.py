"""Check a signed audit report: is it intact, validly signed, trusted, and unchanged since?

The verdict is strict on purpose: the CB's review committee must be able to rely on
`ok` alone. pyHanko's `bottom_line` accepts bytes appended after `%%EOF` and some
incremental updates, so we also require the last signature to cover the whole file
(`SignatureCoverageLevel.ENTIRE_FILE` and its byte range ending at the file's last byte).
A self-signed certificate is trusted only when it is passed in `trust`; otherwise the reason
says so plainly, with what to do.

Damaged files and signatures make pyHanko raise; every such failure becomes a verdict with a
reason, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from asn1crypto import x509 as asn1_x509
from cryptography import x509 as crypto_x509

from auditor_app.core.errors import AuditorError
from auditor_app.signing.contents import contents_problem
from auditor_app.signing.policy import is_ca, path_problems

if TYPE_CHECKING:  # pyHanko is imported when verifying, not when the CLI starts
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import EmbeddedPdfSignature, PdfSignatureStatus
    from pyhanko_certvalidator import ValidationContext

# A trust root: a PEM/DER file path, its bytes, or a certificate object of either library.
TrustItem: TypeAlias = str | Path | bytes | crypto_x509.Certificate | asn1_x509.Certificate

# Where the PDF header may start: the spec allows junk before it, readers accept ~1 KiB.
_HEADER_WINDOW = 1024


class TrustListError(AuditorError):
    """A trust certificate could not be read."""


@dataclass
class SignatureReport:
    """What was found for one signature in the file."""

    field_name: str
    signer: str | None = None
    signing_time: dt.datetime | None = None
    timestamp_time: dt.datetime | None = None
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    coverage: str | None = None
    covers_whole_file: bool = False
    problems: list[str] = field(default_factory=list)


@dataclass
class Verification:
    """The verdict on a signed PDF; `ok` is the one answer a reviewer needs."""

    readable: bool = True
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    signer: str | None = None
    signing_time: dt.datetime | None = None
    timestamp_time: dt.datetime | None = None
    covers_whole_file: bool = False
    signature_count: int = 0
    problems: list[str] = field(default_factory=list)
    signatures: list[SignatureReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.readable
            and self.signature_count > 0
            and self.intact
            and self.valid
            and self.trusted
            and self.covers_whole_file
            and not self.problems
        )

    def to_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, dt.datetime):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        data = plain(asdict(self))
        return {"ok": self.ok, **data}


def _load_trust(trust: Iterable[TrustItem]) -> list[asn1_x509.Certificate]:
    from asn1crypto import pem

    roots: list[asn1_x509.Certificate] = []
    for item in trust:
        if isinstance(item, asn1_x509.Certificate):
            roots.append(item)
            continue
        if isinstance(item, crypto_x509.Certificate):
            from cryptography.hazmat.primitives.serialization import Encoding

            roots.append(asn1_x509.Certificate.load(item.public_bytes(Encoding.DER)))
            continue
        if isinstance(item, bytes):
            data, origin = item, "certificate bytes"
        else:
            origin = str(item)
            try:
                data = Path(item).read_bytes()
            except OSError as exc:
                raise TrustListError(
                    f"cannot read trust certificate {origin}: {exc.strerror or exc}"
                ) from exc
        try:
            if pem.detect(data):
                ders = [der for _, _, der in pem.unarmor(data, multiple=True)]
            else:
                ders = [data]
            certs = [asn1_x509.Certificate.load(der) for der in ders]
            for cert in certs:
                _ = cert.subject.human_friendly  # parse now, not deep inside validation
        except (ValueError, TypeError) as exc:
            raise TrustListError(f"{origin} is not a PEM or DER certificate") from exc
        if not certs:
            raise TrustListError(f"{origin} holds no certificate")
        roots.extend(certs)
    return roots


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs tracebacks for every untrusted or broken signature. When the app has not
    configured logging, Python would print them on stderr; our verdict already says why."""
    if logging.getLogger().handlers:
        yield
        return
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    saved = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, saved, strict=True):
            lg.setLevel(level)


SELF_SIGNED_REASON = "self-signed certificate: pass it with --trust CERT.pem to trust it"


def _trust_reason(status: PdfSignatureStatus, roots: list[asn1_x509.Certificate]) -> str:
    from pyhanko.sign.ades.report import AdESIndeterminate

    indic = status.trust_problem_indic
    cert = status.signing_cert
    signer = cert.subject.human_friendly
    # pyHanko reports an untrusted self-signed end-entity certificate as a chain constraint
    # failure (it is not a CA); the real story is simpler: nobody said to trust it.
    if cert.issuer == cert.subject and cert.dump() not in {root.dump() for root in roots}:
        name = cert.subject.native.get("common_name") or signer
        trial = [root for root in roots if not is_ca(root)]
        if trial:  # a trial certificate was trusted, just not this one
            names = ", ".join(
                str(root.subject.native.get("common_name") or root.subject.human_friendly)
                for root in trial
            )
            return (
                f"the signer's certificate ({name}) is not the certificate you trusted "
                f"({names}): the report was signed with another key"
            )
        return f"{SELF_SIGNED_REASON} (signer: {name})"
    if indic == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return (
            f"the signer's certificate ({signer}) does not chain to a trusted root; "
            "pass the CB's CA certificate as a trust root"
        )
    if indic in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.EXPIRED):
        return "the signer's certificate has expired (and no timestamp proves an earlier time)"
    if indic == AdESIndeterminate.NOT_YET_VALID:
        return "the signer's certificate is not yet valid"
    if indic == AdESIndeterminate.REVOKED_NO_POE or status.revoked:
        return "the signer's certificate was revoked"
    if indic == AdESIndeterminate.SIG_CONSTRAINTS_FAILURE:
        return (
            "the signer's certificate is not allowed to sign documents "
            "(KeyUsage needs digitalSignature and nonRepudiation)"
        )
    name = getattr(indic, "name", str(indic))
    plain = _PLAIN_TRUST_PROBLEMS.get(name)
    if plain:
        return f"{plain} ({name})"
    return f"the signer's certificate is not trusted ({name})"


# pyHanko's AdES codes that reach users, said plainly (the code stays in brackets for support).
_PLAIN_TRUST_PROBLEMS = {
    "CHAIN_CONSTRAINTS_FAILURE": (
        "a certificate on the signer's path breaks a CA rule: an issuer that is not a CA, a "
        "path longer than its CA allows, or a critical extension that is not understood"
    ),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "the signer's certificate path cannot be validated",
    "CRYPTO_CONSTRAINTS_FAILURE": "the signer's certificate uses an algorithm too weak to trust",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": (
        "the signer's certificate uses an algorithm too weak to trust"
    ),
    "TRY_LATER": "revocation information is needed but cannot be fetched offline",
}


def _check_one(
    embedded: EmbeddedPdfSignature,
    context: ValidationContext,
    roots: list[asn1_x509.Certificate],
    data: bytes,
    is_last: bool,
) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature

    report = SignatureReport(field_name=str(embedded.field_name))
    # A damaged CMS has no readable signer; the validation below reports the reason.
    with contextlib.suppress(Exception):
        report.signer = embedded.signer_cert.subject.native.get("common_name")
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context)
    except Exception as exc:  # pyHanko raises on damaged signatures; turn into a reason
        report.problems.append(f"signature {report.field_name} cannot be checked: {exc}")
        return report

    report.intact = bool(status.intact)
    report.valid = bool(status.valid)
    report.trusted = bool(status.trusted)
    report.signing_time = status.signer_reported_dt
    report.coverage = status.coverage.name if status.coverage is not None else None
    if not status.intact:
        report.problems.append(
            f"signature {report.field_name}: the document was changed after signing "
            "(the signed hash does not match)"
        )
    elif not status.valid:
        report.problems.append(
            f"signature {report.field_name}: the signature value is not cryptographically valid"
        )
    elif not status.trusted:
        report.problems.append(f"signature {report.field_name}: {_trust_reason(status, roots)}")

    tst = status.timestamp_validity
    timestamp_ok = False
    if tst is not None:
        report.timestamp_time = tst.timestamp
        if not (tst.intact and tst.valid):
            report.problems.append(f"signature {report.field_name}: the timestamp is invalid")
        elif not tst.trusted:
            report.problems.append(
                f"signature {report.field_name}: the timestamp authority is not trusted; "
                "pass its root certificate as a trust root"
            )
        else:
            timestamp_ok = True

    if report.trusted and status.validation_path is not None:
        # pyHanko checks nothing about a trust root itself; our policy checks the whole path.
        path = list(status.validation_path.iter_certs(include_root=True))
        if not path or path[-1].dump() != status.signing_cert.dump():
            path.append(status.signing_cert)
        if timestamp_ok and tst is not None:
            check_time, label = tst.timestamp, "the time of the timestamp"
        else:
            check_time, label = dt.datetime.now(dt.UTC), "the time of checking"
        refused = path_problems(path, report.signing_time, check_time, label)
        if refused:
            report.trusted = False
            report.problems.extend(f"signature {report.field_name}: {p}" for p in refused)

    padding = contents_problem(data, list(embedded.byte_range))
    if padding:
        report.problems.append(f"signature {report.field_name}: {padding}")

    if is_last:
        byte_range = list(embedded.byte_range)
        ends_at_eof = len(byte_range) == 4 and byte_range[2] + byte_range[3] == len(data)
        report.covers_whole_file = (
            status.coverage == SignatureCoverageLevel.ENTIRE_FILE and ends_at_eof
        )
        if not report.covers_whole_file:
            report.problems.append(
                f"signature {report.field_name} does not cover the whole file: "
                "something was added or changed after signing"
            )
    elif status.modification_level == ModificationLevel.OTHER or status.docmdp_ok is False:
        report.problems.append(
            f"signature {report.field_name}: later revisions change the signed content"
        )
    return report


def _collect_signatures(
    reader: PdfFileReader,
) -> tuple[list[EmbeddedPdfSignature], list[SignatureReport]]:
    """The readable signatures in signing order, and a report for each damaged one.

    Like pyHanko's `reader.embedded_signatures`, but one damaged signature container does not
    hide the others, and is reported rather than raised.
    """
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import EmbeddedPdfSignature

    readable: list[EmbeddedPdfSignature] = []
    damaged: list[SignatureReport] = []
    for name, _sig_obj, sig_field in enumerate_sig_fields(reader, filled_status=True):
        try:
            embedded = EmbeddedPdfSignature(reader, sig_field, name)
            _ = embedded.signed_revision  # parses the byte range; fails on damage
            readable.append(embedded)
        except Exception as exc:
            damaged.append(
                SignatureReport(
                    field_name=str(name),
                    problems=[f"signature {name} is damaged and cannot be checked: {exc}"],
                )
            )
    readable.sort(key=lambda emb: emb.signed_revision)
    return readable, damaged


def verify_pdf(data: bytes, trust: Iterable[TrustItem] = ()) -> Verification:
    """Check every signature in `data`; trust only the given roots (PEM/DER paths, bytes,
    or certificate objects). Raises only TrustListError, for an unreadable trust file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    roots = _load_trust(trust)
    verdict = Verification()
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        verdict.readable = False
        verdict.problems.append("the file is not a PDF")
        return verdict
    with _quiet_pyhanko():
        try:
            reader = PdfFileReader(io.BytesIO(data))
            embedded_sigs, damaged = _collect_signatures(reader)
        except Exception as exc:  # any parse failure means a damaged or truncated file
            verdict.readable = False
            verdict.problems.append(f"the PDF cannot be read (damaged or truncated?): {exc}")
            return verdict

        verdict.signature_count = len(embedded_sigs) + len(damaged)
        if not verdict.signature_count:
            verdict.problems.append("the PDF has no signature")
            return verdict

        # No fetching: verification must work offline and say the same thing every time.
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        last = len(embedded_sigs) - 1
        for index, embedded in enumerate(embedded_sigs):
            verdict.signatures.append(_check_one(embedded, context, roots, data, index == last))
    verdict.signatures.extend(damaged)
    if not embedded_sigs:
        verdict.problems.extend(p for report in damaged for p in report.problems)
        return verdict

    final = verdict.signatures[len(embedded_sigs) - 1]
    verdict.signer = final.signer
    verdict.signing_time = final.signing_time
    verdict.timestamp_time = final.timestamp_time
    verdict.intact = all(s.intact for s in verdict.signatures)
    verdict.valid = all(s.valid for s in verdict.signatures)
    verdict.trusted = all(s.trusted for s in verdict.signatures)
    verdict.covers_whole_file = final.covers_whole_file
    for report in verdict.signatures:
        verdict.problems.extend(report.problems)
    return verdict
