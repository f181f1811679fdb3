"""Opening and verifying a package without touching any database.

Order matters: the zip's structure is checked before anything is decompressed; the manifest's
format before its meaning; the signature and the signer's trust before any member is read;
every member's size and SHA-256 against the signed manifest before audit.json is parsed; and
the report's own signature last. Only a package that passes everything is returned, so the
importer and the merge never see unverified bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from auditor_app.signing.keys import AuditorKey
from auditor_app.signing.verify import Verification
from auditor_app.sync import envelope
from auditor_app.sync import format as fmt
from auditor_app.sync.auditdata import AuditData, parse_document
from auditor_app.sync.cms import SignerInfo, check_trust, verify_detached
from auditor_app.sync.errors import PackageRefused
from auditor_app.sync.pdfcheck import check_report
from auditor_app.sync.zipsafe import SafeZip

_PLAIN_FIXED = {fmt.MANIFEST, fmt.SIGNATURE}


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature, signer, hashes, data and report all checked out."""

    package_sha256: str
    kind: str
    manifest: dict[str, Any]
    data: AuditData
    signer: SignerInfo
    encrypted: bool
    report_pdf: bytes | None = field(default=None, repr=False)
    report_verification: Verification | None = None
    files: dict[str, bytes] = field(default_factory=dict, repr=False)  # by original sha256
    thumbs: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def sender(self) -> str:
        return self.signer.name

    @property
    def audit_uid(self) -> str:
        return self.data.uid

    @property
    def revision(self) -> int:
        return int(self.data.doc["audit"]["revision"])


def read_package(
    source: bytes | str | Path,
    trust: Sequence[x509.Certificate] = (),
    *,
    key: AuditorKey | None = None,
) -> VerifiedPackage:
    """Verify a package completely; raise PackageRefused with the first reason found."""
    data = load_bytes(source)
    package_sha = hashlib.sha256(data).hexdigest()
    outer = SafeZip(
        data,
        lambda name: (
            name in (fmt.ENVELOPE, fmt.PAYLOAD)
            or name in _PLAIN_FIXED
            or fmt.is_allowed_member(name)
        ),
    )
    encrypted = envelope.is_envelope(outer)
    if encrypted:
        inner_bytes = envelope.decrypt(envelope.open_envelope(outer), key)
        inner = SafeZip(inner_bytes, _plain_allowed, "decrypted package")
    else:
        inner = outer
        if fmt.ENVELOPE in inner.names or fmt.PAYLOAD in inner.names:
            raise PackageRefused(
                "unexpected_member", "the package mixes encrypted and plain members"
            )
    return _verify_plain(inner, package_sha, encrypted, trust)


def _plain_allowed(name: str) -> bool:
    return name in _PLAIN_FIXED or fmt.is_allowed_member(name)


def load_bytes(source: bytes | str | Path) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > fmt.MAX_PACKAGE_BYTES:
            raise PackageRefused(
                "too_large",
                f"{path} is {size / 1e6:.0f} MB, over the "
                f"{fmt.MAX_PACKAGE_BYTES // 2**20} MiB limit",
            )
        return path.read_bytes()
    except OSError as exc:
        raise PackageRefused("unreadable", f"cannot read {path}: {exc.strerror or exc}") from exc


def _verify_plain(
    zf: SafeZip, package_sha: str, encrypted: bool, trust: Sequence[x509.Certificate]
) -> VerifiedPackage:
    if fmt.MANIFEST not in zf.names:
        raise PackageRefused(
            "unknown_format", "this is not an auditor package (it has no manifest.json)"
        )
    manifest_bytes = zf.read(fmt.MANIFEST, fmt.MAX_MANIFEST_BYTES)
    manifest = _parse_manifest(manifest_bytes)
    if fmt.SIGNATURE not in zf.names:
        raise PackageRefused("bad_signature", "the package is not signed (no manifest.sig)")
    signer = verify_detached(zf.read(fmt.SIGNATURE, fmt.MAX_SIGNATURE_BYTES), manifest_bytes)
    check_trust(signer, trust)
    claimed = manifest["sender"].get("fingerprint_sha256")
    if claimed != signer.fingerprint:
        raise PackageRefused(
            "signer_mismatch",
            f"the manifest names sender "
            f"{manifest['sender'].get('name')!r} but was signed by "
            f"{signer.name}",
        )
    members = _read_members(zf, manifest)
    data = parse_document(members.pop(fmt.AUDIT_DATA))
    _check_consistency(manifest, data, members)
    report = members.pop(fmt.REPORT, None)
    verification = None if report is None else check_report(report, signer.certificate, trust)
    files: dict[str, bytes] = {}
    thumbs: dict[str, bytes] = {}
    for name, content in members.items():
        sha = name.split("/", 1)[1].split(".", 1)[0]
        (thumbs if name.startswith("thumbs/") else files)[sha] = content
    return VerifiedPackage(
        package_sha,
        manifest["kind"],
        manifest,
        data,
        signer,
        encrypted,
        report,
        verification,
        files,
        thumbs,
    )


def _parse_manifest(raw: bytes) -> dict[str, Any]:
    manifest = fmt.loads(raw, "manifest.json")
    if not isinstance(manifest, dict):
        raise PackageRefused("unknown_format", "manifest.json is not an object")
    fmt.check_version(
        manifest.get("format"), fmt.PACKAGE_FORMAT, fmt.PACKAGE_VERSION, "the package"
    )
    problems = []
    if manifest.get("kind") not in fmt.KINDS:
        problems.append(f"kind {manifest.get('kind')!r} is not one of {', '.join(fmt.KINDS)}")
    if not isinstance(manifest.get("sender"), dict):
        problems.append("sender is missing")
    audit = manifest.get("audit")
    if not (
        isinstance(audit, dict)
        and isinstance(audit.get("uid"), str)
        and isinstance(audit.get("revision"), int)
    ):
        problems.append("audit is missing or malformed")
    entries = manifest.get("members")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("path"), str)
        and isinstance(e.get("sha256"), str)
        and isinstance(e.get("size"), int)
        and not isinstance(e.get("size"), bool)
        for e in entries
    ):
        problems.append("members must list path, sha256 and size of every member")
    if problems:
        raise PackageRefused("invalid_data", "manifest.json: " + "; ".join(problems))
    return manifest


def _read_members(zf: SafeZip, manifest: dict[str, Any]) -> dict[str, bytes]:
    """Every member the manifest lists, each checked against its size and SHA-256. A photo
    the signed report embeds verbatim travels once: the manifest gives its offset in
    report.pdf instead of a copy in the zip (see docs/package-format.md)."""
    listed = {e["path"]: e for e in manifest["members"]}
    if len(listed) != len(manifest["members"]):
        raise PackageRefused("duplicate_member", "manifest.json lists a member twice")
    for name, entry in listed.items():
        fmt.check_member_name(name)
        if not fmt.is_allowed_member(name):
            raise PackageRefused(
                "unexpected_member",
                f"manifest.json lists {name!r}, which the format does not allow",
            )
        if "in" in entry and not (
            entry["in"] == fmt.REPORT
            and name.startswith("attachments/")
            and _count(entry.get("offset"))
        ):
            raise PackageRefused(
                "invalid_data",
                f"manifest.json: {name} is carried in "
                f"{entry['in']!r} in a way the format does not allow",
            )
    zipped = {name for name, entry in listed.items() if "in" not in entry}
    present = zf.names - _PLAIN_FIXED
    if present - zipped:
        extra = sorted(present - zipped)[0]
        raise PackageRefused(
            "unexpected_member",
            f"{extra} is in the package but not in the signed manifest: it was added after signing",
        )
    if zipped - present:
        missing = sorted(zipped - present)[0]
        raise PackageRefused(
            "missing_member", f"{missing} is listed in the manifest but missing from the package"
        )
    if fmt.AUDIT_DATA not in zipped:
        raise PackageRefused("missing_member", "the package has no audit.json")
    out = {}
    for name in sorted(zipped):
        entry = listed[name]
        limit = fmt.MAX_JSON_BYTES if name == fmt.AUDIT_DATA else fmt.MAX_MEMBER_BYTES
        if entry["size"] != zf.infos[name].file_size:
            raise PackageRefused(
                "tampered",
                f"{name} was changed after the package was "
                "signed (its size differs from the manifest)",
            )
        out[name] = _checked(name, entry, zf.read(name, limit))
    for name, entry in listed.items():
        if name not in zipped:
            if fmt.REPORT not in out:
                raise PackageRefused(
                    "missing_member", f"{name} is carried in report.pdf, which the package lacks"
                )
            start = entry["offset"]
            out[name] = _checked(name, entry, out[fmt.REPORT][start : start + entry["size"]])
    return out


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _checked(name: str, entry: dict[str, Any], content: bytes) -> bytes:
    if len(content) != entry["size"] or hashlib.sha256(content).hexdigest() != entry["sha256"]:
        raise PackageRefused(
            "tampered",
            f"{name} was changed after the package was signed "
            "(its SHA-256 does not match the manifest)",
        )
    return content


def _check_consistency(
    manifest: dict[str, Any], data: AuditData, members: dict[str, bytes]
) -> None:
    """The signed manifest, audit.json and the member list must tell the same story."""
    audit, claimed = data.doc["audit"], manifest["audit"]
    for key in ("uid", "series_uid", "revision"):
        if claimed.get(key) != audit[key]:
            raise PackageRefused("invalid_data", f"manifest and audit.json disagree on {key}")
    report = data.doc["report"]
    if manifest["kind"] == "member":
        if fmt.REPORT in members:
            raise PackageRefused(
                "unexpected_member", "a team member's package carries no signed report"
            )
    elif data.signed:
        if fmt.REPORT not in members:
            raise PackageRefused(
                "missing_member", "the audit is signed but the package has no report.pdf"
            )
        sha = hashlib.sha256(members[fmt.REPORT]).hexdigest()
        if not (sha == report["sha256"] == claimed.get("report_sha256")):
            raise PackageRefused("invalid_data", "report.pdf is not the report audit.json names")
    elif fmt.REPORT in members:
        raise PackageRefused("invalid_data", "a draft (unsigned) audit carries a report.pdf")
    expected = set()
    for entry in data.doc["attachments"]:
        name = fmt.attachment_name(entry["sha256"], entry["mime"])
        expected.add(name)
        if name not in members:
            raise PackageRefused("missing_member", f"attachment {name} is missing")
        if hashlib.sha256(members[name]).hexdigest() != entry["data_sha256"]:
            raise PackageRefused("invalid_data", f"{name} is not the file audit.json names")
        if entry["thumb"]:
            thumb = fmt.thumb_name(entry["sha256"])
            if thumb not in members:
                raise PackageRefused("missing_member", f"thumbnail {thumb} is missing")
            expected.add(thumb)
    stray = set(members) - expected - {fmt.REPORT}
    if stray:
        raise PackageRefused(
            "unexpected_member", f"{sorted(stray)[0]} belongs to no attachment in audit.json"
        )
