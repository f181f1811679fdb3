"""Helpers shared by the sync and committee tests (no tests here).

Trial keys are made once per test session (EC: fast), all issued by one local test CA that the
tests trust; a second CA stands for a stranger. Signed revisions are made with a one-page PDF
signed by the signing module, as the report service does, to keep the tests fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor_app.signing import keys
from auditor_app.signing.keys import AuditorKey, TestCA
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import format as fmt
from auditor_app.sync.cms import sign_detached

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class Keys:
    ca: TestCA
    leader: AuditorKey
    member: AuditorKey
    committee: AuditorKey  # EC: ECDH key transport
    stranger_ca: TestCA
    stranger: AuditorKey

    @property
    def trust(self) -> list:
        return [self.ca.certificate]


# Reports in these tests are dated after the demo audit (see `sign_audit`), which may be
# before today: the certificates must already be valid then, as `verify` checks the claimed
# signing time as well as now.
SINCE = {"not_before": dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "valid_days": 3650}


@functools.cache
def session_keys() -> Keys:
    ca = keys.create_test_ca("Test CB CA", key_type="ec", **SINCE)
    stranger_ca = keys.create_test_ca("Somebody Else's CA", key_type="ec", **SINCE)
    return Keys(
        ca=ca,
        leader=keys.create_auditor_key("王建国", ca=ca, key_type="ec", **SINCE),
        member=keys.create_auditor_key("李晓梅", ca=ca, key_type="ec", **SINCE),
        committee=keys.create_auditor_key("评审委员会", ca=ca, key_type="ec", **SINCE),
        stranger_ca=stranger_ca,
        stranger=keys.create_auditor_key("Mallory", ca=stranger_ca, key_type="ec", **SINCE),
    )


@functools.cache
def rsa_committee_key() -> AuditorKey:
    return keys.create_auditor_key("Committee RSA", key_type="rsa", **SINCE)


@functools.cache
def _tiny_pdf() -> bytes:
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        buf = io.BytesIO()
        c = canvas.Canvas(buf)
        c.drawString(72, 770, "Audit report (test)")
        c.save()
        return buf.getvalue()
    finally:
        rl_config.invariant = saved


def sign_audit(
    store: AuditStore, audit_id: int, key: AuditorKey, signing_time: dt.datetime | None = None
) -> bytes:
    """Sign and lock the audit as the report service does, with a one-page report.

    The report is dated the day after the audit's last day (10:00) unless `signing_time` is
    given, so that it never predates the audit and tests do not depend on the clock."""
    from auditor_app.signing.sign import sign_pdf

    if signing_time is None:
        end = store.audit(audit_id)["end_date"]
        if end:
            day = dt.date.fromisoformat(end) + dt.timedelta(days=1)
            signing_time = dt.datetime(day.year, day.month, day.day, 10, 0).astimezone()
    pdf = sign_pdf(
        _tiny_pdf(),
        key,
        role="Team leader",
        reason="Audit report sign-off",
        location="Hangzhou",
        signing_time=signing_time,
    )
    store.lock_with_report(audit_id, pdf, hashlib.sha256(pdf).hexdigest(), key.signer_name)
    return pdf


def dump(store: AuditStore) -> list[str]:
    """The whole database as SQL: equal dumps mean logically equal databases."""
    return list(store.db.conn.iterdump())


def members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def zip_of(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


def repack(
    package: bytes,
    key: AuditorKey,
    *,
    edit_members: Callable[[dict[str, bytes]], None] | None = None,
    edit_manifest: Callable[[dict], None] | None = None,
    edit_data: Callable[[dict], None] | None = None,
) -> bytes:
    """A package changed and then validly re-signed by `key`: for refusals that must come
    from the content, not from a broken signature."""
    files = members(package)
    files.pop(fmt.MANIFEST)
    files.pop(fmt.SIGNATURE)
    if edit_data is not None:
        doc = json.loads(files[fmt.AUDIT_DATA])
        edit_data(doc)
        files[fmt.AUDIT_DATA] = fmt.dumps(doc)
    if edit_members is not None:
        edit_members(files)
    manifest = json.loads(members(package)[fmt.MANIFEST])
    manifest["sender"]["fingerprint_sha256"] = key.fingerprint
    manifest["sender"]["name"] = key.signer_name
    carried = [m for m in manifest["members"] if "in" in m]  # photos inside report.pdf
    manifest["members"] = [
        {"path": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in files.items()
    ] + carried
    if edit_manifest is not None:
        edit_manifest(manifest)
    raw = fmt.dumps(manifest)
    return zip_of([(fmt.MANIFEST, raw), (fmt.SIGNATURE, sign_detached(raw, key)), *files.items()])


def write_key(key: AuditorKey, folder: Path, name: str) -> Path:
    path = folder / f"{name}.p12"
    if not path.exists():
        keys.write_pkcs12(key, path, PASSPHRASE)
    return path


def write_cert(cert, folder: Path, name: str) -> Path:
    from cryptography.hazmat.primitives.serialization import Encoding

    path = folder / f"{name}.pem"
    path.write_bytes(cert.public_bytes(Encoding.PEM))
    return path
