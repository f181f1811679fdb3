"""The manifest's detached CMS (PKCS#7) signature, and who may sign packages.

Signing uses cryptography's PKCS7SignatureBuilder (SHA-256, signer certificate and chain
embedded), so `openssl cms -verify -binary -content manifest.json -inform DER -in
manifest.sig -CAfile ca.pem -purpose any` checks a package without this app. cryptography
cannot verify CMS, so verification parses the structure with asn1crypto (pyHanko's ASN.1
layer) and checks the signature over the signed attributes with cryptography.

Trust: the signer's certificate must be one of the trusted certificates, or chain to one
(through certificates embedded in the signature), each certificate valid now, issuers being
CAs, and the signer allowed to make digital signatures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from auditor_app.signing.keys import AuditorKey, fingerprint
from auditor_app.sync.errors import PackageRefused

_HASHES: dict[str, hashes.HashAlgorithm] = {
    "sha256": hashes.SHA256(),
    "sha384": hashes.SHA384(),
    "sha512": hashes.SHA512(),
}
MAX_CHAIN = 4


@dataclass(frozen=True)
class SignerInfo:
    """The verified signer of a manifest."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    signing_time: dt.datetime | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return common_name(self.certificate)


def common_name(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else cert.subject.rfc4514_string()


def sign_detached(data: bytes, key: AuditorKey) -> bytes:
    """DER CMS SignedData over `data`, content detached, signer certificate and chain inside."""
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(key.certificate, key.private_key, hashes.SHA256())
    )
    for cert in key.chain:
        builder = builder.add_certificate(cert)
    return builder.sign(
        Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    )


def verify_detached(signature: bytes, data: bytes) -> SignerInfo:
    """Check that `signature` is a valid CMS signature over `data`; return its signer.

    Says nothing about trust: see `check_trust`."""
    try:
        return _verify(signature, data)
    except PackageRefused:
        raise
    except Exception as exc:  # asn1crypto raises many types on malformed DER: all mean junk
        raise PackageRefused(
            "bad_signature", f"manifest.sig is not a readable CMS signature ({exc})"
        ) from exc


def _verify(signature: bytes, data: bytes) -> SignerInfo:
    # asn1crypto caches its name -> OID table on first use, and pyHanko adds names to it when
    # imported; parsing CMS before pyHanko is loaded would freeze the table without them and
    # later PDF signing in this process fails ("invalid literal ... signing_certificate_v2").
    import pyhanko.sign  # noqa: F401
    from asn1crypto import cms

    info = cms.ContentInfo.load(signature, strict=True)
    if info["content_type"].native != "signed_data":
        raise PackageRefused("bad_signature", "manifest.sig is not a CMS SignedData")
    signed = info["content"]
    if signed["encap_content_info"]["content"].native is not None:
        raise PackageRefused("bad_signature", "manifest.sig must be a detached signature")
    signer_infos = list(signed["signer_infos"])
    if len(signer_infos) != 1:
        raise PackageRefused(
            "bad_signature",
            f"manifest.sig has {len(signer_infos)} signers; exactly one is expected",
        )
    si = signer_infos[0]
    certs = [
        x509.load_der_x509_certificate(c.chosen.dump())
        for c in signed["certificates"] or []
        if c.name == "certificate"
    ]
    signer = _find_signer(si["sid"], certs)
    digest_name = si["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise PackageRefused("bad_signature", f"unsupported digest algorithm {digest_name}")
    attrs = si["signed_attrs"]
    if not attrs or attrs.native is None:
        raise PackageRefused("bad_signature", "manifest.sig has no signed attributes")
    values = {a["type"].native: list(a["values"]) for a in attrs}
    digests = values.get("message_digest") or []
    wanted = hashlib.new(digest_name, data).digest()
    if len(digests) != 1 or digests[0].native != wanted:
        raise PackageRefused(
            "bad_signature",
            "manifest.json was changed after it was signed (its digest "
            "does not match the signature)",
        )
    content_types = values.get("content_type") or []
    if len(content_types) != 1 or content_types[0].native != "data":
        raise PackageRefused("bad_signature", "manifest.sig signs an unexpected content type")
    # The signature covers the DER of the attributes as a SET (RFC 5652 §5.4): retag [0].
    signed_bytes = b"\x31" + attrs.dump()[1:]
    _check_signature_value(signer, si, signed_bytes, _HASHES[digest_name])
    times = values.get("signing_time") or []
    signing_time = times[0].native if len(times) == 1 else None
    chain = tuple(c for c in certs if c != signer)
    return SignerInfo(signer, chain, signing_time)


def _find_signer(sid: Any, certs: list[x509.Certificate]) -> x509.Certificate:
    for cert in certs:
        if sid.name == "issuer_and_serial_number":
            if (
                sid.chosen["serial_number"].native == cert.serial_number
                and sid.chosen["issuer"].dump() == cert.issuer.public_bytes()
            ):
                return cert
        elif sid.name == "subject_key_identifier":
            try:
                ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            except x509.ExtensionNotFound:
                continue
            if ski.value.digest == sid.chosen.native:
                return cert
    raise PackageRefused("bad_signature", "manifest.sig does not contain the signer's certificate")


def _check_signature_value(
    cert: x509.Certificate, si: Any, signed_bytes: bytes, digest: hashes.HashAlgorithm
) -> None:
    algo = si["signature_algorithm"].signature_algo
    value = si["signature"].native
    public_key = cert.public_key()
    try:
        if isinstance(public_key, rsa.RSAPublicKey) and algo == "rsassa_pkcs1v15":
            public_key.verify(value, signed_bytes, padding.PKCS1v15(), digest)
        elif isinstance(public_key, ec.EllipticCurvePublicKey) and algo == "ecdsa":
            public_key.verify(value, signed_bytes, ec.ECDSA(digest))
        else:
            raise PackageRefused(
                "bad_signature", f"unsupported signature algorithm {algo} for this key"
            )
    except InvalidSignature as exc:
        raise PackageRefused(
            "bad_signature", "the manifest signature is not valid for the signer's key"
        ) from exc


def check_trust(
    signer: SignerInfo, trust: Sequence[x509.Certificate], at: dt.datetime | None = None
) -> None:
    """Refuse unless the signer is trusted: one of `trust`, or issued (through embedded
    intermediates) by one of them; every certificate on the path valid at `at` (now)."""
    at = at or dt.datetime.now(dt.UTC)
    who = f"{signer.name} (SHA-256 {signer.fingerprint[:23]}…)"
    if not trust:
        raise PackageRefused(
            "untrusted",
            f"the package is signed by {who}, but no trusted "
            "certificate was given; pass the CB's CA or the sender's "
            "certificate with --trust",
        )
    _check_usage(signer.certificate, who)
    trusted = {fingerprint(c): c for c in trust}
    path = [signer.certificate]
    current = signer.certificate
    while fingerprint(current) not in trusted:
        issuer = _issuer_of(current, trust) or (
            _issuer_of(current, signer.chain) if len(path) < MAX_CHAIN else None
        )
        if issuer is None:
            raise PackageRefused(
                "untrusted",
                f"the package is signed by {who}, who is not "
                "in the trusted list and not certified by anyone in it",
            )
        path.append(issuer)
        current = issuer
    for cert in path:
        if not cert.not_valid_before_utc <= at <= cert.not_valid_after_utc:
            raise PackageRefused(
                "untrusted",
                f"the certificate of {common_name(cert)} is not "
                f"valid now (valid {cert.not_valid_before_utc:%Y-%m-%d} to "
                f"{cert.not_valid_after_utc:%Y-%m-%d})",
            )


def _issuer_of(
    cert: x509.Certificate, candidates: Sequence[x509.Certificate]
) -> x509.Certificate | None:
    for issuer in candidates:
        if issuer == cert or issuer.subject != cert.issuer or not _is_ca(issuer):
            continue
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return issuer
    return None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _check_usage(cert: x509.Certificate, who: str) -> None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return  # no restriction stated
    if not usage.digital_signature:
        raise PackageRefused(
            "untrusted", f"the certificate of {who} may not make digital signatures (KeyUsage)"
        )
