"""Encrypting a package to a recipient's certificate (the review committee's), and back.

The whole plain package (a zip) is encrypted with AES-256-GCM under a fresh random key; that
key is wrapped for the recipient with RSA-OAEP-SHA256 (RSA certificates) or ECDH-ES with an
ephemeral key, HKDF-SHA256 and AES key wrap (EC certificates). The outer file is a zip of
`envelope.json` (says it is encrypted, to whom, how) and `payload.enc`. The exact bytes of
envelope.json are the GCM associated data, so changing the header breaks decryption too.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from auditor_app.signing.keys import AuditorKey, fingerprint
from auditor_app.sync import format as fmt
from auditor_app.sync.cms import common_name
from auditor_app.sync.errors import PackageRefused, SyncError
from auditor_app.sync.zipsafe import SafeZip, write_zip

CIPHER = "AES-256-GCM"
RSA_TRANSPORT = "RSA-OAEP-SHA256"
EC_TRANSPORT = "ECDH-ES+HKDF-SHA256+A256KW"
_HKDF_INFO = b"auditor-package-envelope/1 key wrap"
_CURVES: dict[str, ec.EllipticCurve] = {
    "secp256r1": ec.SECP256R1(),
    "secp384r1": ec.SECP384R1(),
    "secp521r1": ec.SECP521R1(),
}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, what: str) -> bytes:
    try:
        return base64.b64decode(str(value), validate=True)
    except ValueError as exc:
        raise PackageRefused("damaged", f"envelope.json: {what} is not base64") from exc


def _kek(shared: bytes, ephemeral_public: bytes, recipient_fp: str) -> bytes:
    return HKDF(
        hashes.SHA256(), 32, salt=None, info=_HKDF_INFO + ephemeral_public + recipient_fp.encode()
    ).derive(shared)


def encrypt(inner: bytes, recipient: x509.Certificate) -> bytes:
    """The outer, encrypted package holding `inner` for `recipient`."""
    cek = AESGCM.generate_key(256)
    nonce = os.urandom(12)
    recipient_fp = fingerprint(recipient)
    public_key = recipient.public_key()
    header: dict[str, Any] = {
        "format": fmt.version_string(fmt.ENVELOPE_FORMAT, fmt.ENVELOPE_VERSION),
        "encrypted": True,
        "cipher": CIPHER,
        "nonce": _b64(nonce),
        "recipient": {"name": common_name(recipient), "fingerprint_sha256": recipient_fp},
    }
    if isinstance(public_key, rsa.RSAPublicKey):
        header["key_transport"] = RSA_TRANSPORT
        header["wrapped_key"] = _b64(public_key.encrypt(cek, _oaep()))
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        ephemeral = ec.generate_private_key(public_key.curve)
        eph_public = ephemeral.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        kek = _kek(ephemeral.exchange(ec.ECDH(), public_key), eph_public, recipient_fp)
        header["key_transport"] = EC_TRANSPORT
        header["curve"] = public_key.curve.name
        header["ephemeral_public_key"] = _b64(eph_public)
        header["wrapped_key"] = _b64(aes_key_wrap(kek, cek))
    else:
        raise SyncError("the recipient's certificate must hold an RSA or EC key")
    header_bytes = fmt.dumps(header)
    payload = AESGCM(cek).encrypt(nonce, inner, header_bytes)
    return write_zip([(fmt.ENVELOPE, header_bytes), (fmt.PAYLOAD, payload)])


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


@dataclass(frozen=True)
class Envelope:
    """An encrypted package as read: the parsed header, its exact bytes (the GCM associated data)
    and the encrypted payload."""

    header: dict[str, Any]
    header_bytes: bytes
    payload: bytes

    @property
    def recipient(self) -> str:
        rec = self.header.get("recipient") or {}
        return f"{rec.get('name', '?')} (SHA-256 {str(rec.get('fingerprint_sha256', ''))[:23]}…)"


def is_envelope(zf: SafeZip) -> bool:
    return fmt.ENVELOPE in zf.names


def open_envelope(zf: SafeZip) -> Envelope:
    if zf.names != {fmt.ENVELOPE, fmt.PAYLOAD}:
        raise PackageRefused(
            "unexpected_member", "an encrypted package holds exactly envelope.json and payload.enc"
        )
    header_bytes = zf.read(fmt.ENVELOPE, fmt.MAX_MANIFEST_BYTES)
    header = fmt.loads(header_bytes, "envelope.json")
    if not isinstance(header, dict):
        raise PackageRefused("damaged", "envelope.json is not an object")
    fmt.check_version(
        header.get("format"), fmt.ENVELOPE_FORMAT, fmt.ENVELOPE_VERSION, "the encrypted package"
    )
    payload = zf.read(fmt.PAYLOAD, fmt.MAX_PACKAGE_BYTES)
    return Envelope(header, header_bytes, payload)


def decrypt(envelope: Envelope, key: AuditorKey | None) -> bytes:
    """The inner package bytes; refuses a missing or wrong key and any changed byte."""
    header = envelope.header
    if key is None:
        raise PackageRefused(
            "encrypted_no_key",
            f"the package is encrypted for {envelope.recipient}; give that "
            "recipient's key file (--key)",
        )
    rec = header.get("recipient") or {}
    if not isinstance(rec, dict) or rec.get("fingerprint_sha256") != key.fingerprint:
        raise PackageRefused(
            "wrong_key",
            f"the package is encrypted for {envelope.recipient}, not for "
            f"{key.signer_name} (the key given)",
        )
    if header.get("cipher") != CIPHER:
        raise PackageRefused("unknown_format", f"unsupported cipher {header.get('cipher')!r}")
    nonce = _unb64(header.get("nonce"), "nonce")
    wrapped = _unb64(header.get("wrapped_key"), "wrapped_key")
    try:
        cek = _unwrap(header, wrapped, key)
        return AESGCM(cek).decrypt(nonce, envelope.payload, envelope.header_bytes)
    except (InvalidTag, InvalidUnwrap, ValueError) as exc:
        raise PackageRefused(
            "decryption_failed",
            "the encrypted package cannot be decrypted: it was changed or "
            "damaged after it was sent",
        ) from exc


def _unwrap(header: dict[str, Any], wrapped: bytes, key: AuditorKey) -> bytes:
    transport = header.get("key_transport")
    private = key.private_key
    if transport == RSA_TRANSPORT and isinstance(private, rsa.RSAPrivateKey):
        return private.decrypt(wrapped, _oaep())
    if transport == EC_TRANSPORT and isinstance(private, ec.EllipticCurvePrivateKey):
        curve = _CURVES.get(str(header.get("curve")))
        if curve is None or private.curve.name != header.get("curve"):
            raise PackageRefused("wrong_key", "the package was encrypted for a different curve")
        eph_bytes = _unb64(header.get("ephemeral_public_key"), "ephemeral_public_key")
        eph = ec.EllipticCurvePublicKey.from_encoded_point(curve, eph_bytes)
        kek = _kek(private.exchange(ec.ECDH(), eph), eph_bytes, key.fingerprint)
        return aes_key_unwrap(kek, wrapped)
    raise PackageRefused(
        "wrong_key",
        f"the package uses key transport {transport!r}, which does not fit the key given",
    )
