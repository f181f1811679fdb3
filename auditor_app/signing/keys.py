"""Auditor signing keys: trial keys (self-signed or under a local test CA) and CB-issued PKCS#12.

A trial key lets an auditor try signing before the certification body (CB) issues a real
certificate; a CB-issued `.p12`/`.pfx` is loaded the same way. The signer certificate must carry
KeyUsage digitalSignature + nonRepudiation: pyHanko's default validation (and so our own
verifier) refuses signatures from certificates without nonRepudiation.

Key files are PKCS#12 encrypted with the auditor's passphrase (AES-256, PBKDF2-SHA256), written
owner-only (0600) and atomically. The passphrase is never stored.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from auditor_app.core.errors import AuditorError

if TYPE_CHECKING:  # pyHanko's types, imported only when signing (keeps CLI start-up fast)
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers import Signer, SimpleSigner

KeyType = Literal["rsa", "ec"]
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

RSA_BITS = 3072
DEFAULT_VALID_DAYS = 365
CA_VALID_DAYS = 3650
_MAX_NAME_BYTES = 64
# A trial key is for trying signing out; the CB issues the real certificate. Ten years is the
# most any certificate here may run (and keeps dates far from datetime's year 9999).
MAX_VALID_DAYS = CA_VALID_DAYS
# PBKDF2 rounds for the PKCS#12 file: slows down guessing a stolen file's passphrase while
# keeping a load under ~0.1 s.
_KDF_ROUNDS = 200_000


class SigningKeyError(AuditorError):
    """Base class of the problems with an auditor's key or certificate."""


class KeyFileError(SigningKeyError):
    """The key file is missing, unreadable or not a PKCS#12 file with a key and certificate."""


class WrongPassphraseError(SigningKeyError):
    """The passphrase does not open the PKCS#12 file."""


class EmptyPassphraseError(SigningKeyError):
    """A key file must be protected by a non-empty passphrase."""


class WeakPassphraseError(SigningKeyError):
    """A new key file's passphrase is too short to slow down guessing."""


class UnprotectedKeyError(KeyFileError):
    """The key file opens without any passphrase: whoever copies it can sign."""


# A new key file's passphrase: PBKDF2 slows guessing, it cannot save "1". Six, as the
# window's key manager asks.
MIN_PASSPHRASE_LENGTH = 6


class CertificateValidityError(SigningKeyError):
    """The certificate is outside its validity period."""


class CertificateExpiredError(CertificateValidityError):
    """The certificate's validity ended."""


class CertificateNotYetValidError(CertificateValidityError):
    """The certificate's validity has not started yet."""


class KeyUsageError(SigningKeyError):
    """The certificate may not be used for signing documents."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint as colon-separated upper-case hex (the form Adobe and CBs show)."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def _common_name(name: x509.Name) -> str:
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else name.rfc4514_string()


def to_asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    """The same certificate as pyHanko's asn1crypto type."""
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def to_asn1_private_key(key: PrivateKey) -> asn1_keys.PrivateKeyInfo:
    from asn1crypto import keys as asn1_keys

    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def _new_private_key(key_type: KeyType) -> PrivateKey:
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(f"unknown key type {key_type!r}; use 'rsa' or 'ec'")


def _subject(name: str, org: str | None) -> x509.Name:
    if not name.strip():
        raise SigningKeyError("the certificate needs a name (the auditor's or the CA's)")
    for label, value in (("name", name), ("organisation", org or "")):
        size = len(value.strip().encode("utf-8"))
        if size > _MAX_NAME_BYTES:  # X.509's upper bound, counted in UTF-8 bytes
            raise SigningKeyError(
                f"the {label} is too long for a certificate: at most {_MAX_NAME_BYTES} bytes "
                f"(about 21 Chinese characters), this one has {size}"
            )
    # Most general attribute first, as CAs issue them: O=…, CN=….
    attrs = []
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org.strip()))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, name.strip()))
    return x509.Name(attrs)


@dataclass(frozen=True)
class TestCA:
    """A throw-away local certificate authority for trial keys (never a real CB's CA)."""

    __test__ = False  # not a pytest test class despite the name

    certificate: x509.Certificate
    private_key: PrivateKey = field(repr=False)

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def save_certificate(self, path: str | Path) -> Path:
        """Write the CA certificate (public, no key) as PEM, e.g. for `verify --trust`."""
        path = Path(path)
        _atomic_write(path, self.certificate_pem(), mode=0o644)
        return path


def create_test_ca(
    name: str = "Auditor App Test CA",
    *,
    org: str | None = None,
    valid_days: int = CA_VALID_DAYS,
    key_type: KeyType = "ec",
    not_before: dt.datetime | None = None,
) -> TestCA:
    """Create a local test CA that can issue auditor certificates."""
    key = _new_private_key(key_type)
    subject = _subject(name, org)
    start = not_before or _now() - dt.timedelta(minutes=5)  # tolerate small clock skew
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return TestCA(certificate=cert, private_key=key)


@dataclass(frozen=True)
class CertifiedSigner:
    """What every signing key shows of itself: its certificate, and the checks on it.

    A key file (`AuditorKey`) and a USB token (`auditor_app.signing.token.TokenKey`) differ
    only in where the private key lives; the checks before signing are the same.
    """

    certificate: x509.Certificate
    # what the user should hear about where the key came from (e.g. a key file readable by
    # other accounts); keyword-only, so subclasses may add positional fields after it
    warnings: tuple[str, ...] = field(default=(), compare=False, kw_only=True)

    @property
    def signer_name(self) -> str:
        return _common_name(self.certificate.subject)

    @property
    def organization(self) -> str | None:
        attrs = self.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        return str(attrs[0].value) if attrs else None

    @property
    def email(self) -> str | None:
        try:
            san = self.certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        except x509.ExtensionNotFound:
            return None
        emails = san.value.get_values_for_type(x509.RFC822Name)
        return emails[0] if emails else None

    @property
    def issuer_name(self) -> str:
        return _common_name(self.certificate.issuer)

    @property
    def self_signed(self) -> bool:
        return self.certificate.issuer == self.certificate.subject

    @property
    def not_before(self) -> dt.datetime:
        return self.certificate.not_valid_before_utc

    @property
    def not_after(self) -> dt.datetime:
        return self.certificate.not_valid_after_utc

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    def certificate_pem(self) -> bytes:
        """The signer's certificate alone (public, no key) as PEM."""
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def problems(self, at: dt.datetime | None = None) -> list[SigningKeyError]:
        """Every reason this key may not sign now (or at `at`); empty when it may."""
        at = at or _now()
        found: list[SigningKeyError] = []
        if at < self.not_before:
            found.append(
                CertificateNotYetValidError(
                    f"the certificate of {self.signer_name} is valid only from "
                    f"{self.not_before:%Y-%m-%d %H:%M} UTC"
                )
            )
        if at > self.not_after:
            found.append(
                CertificateExpiredError(
                    f"the certificate of {self.signer_name} expired on "
                    f"{self.not_after:%Y-%m-%d %H:%M} UTC; ask the CB for a new one"
                )
            )
        try:
            usage = self.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
            ok = usage.digital_signature and usage.content_commitment
        except x509.ExtensionNotFound:
            ok = False
        if not ok:
            found.append(
                KeyUsageError(
                    f"the certificate of {self.signer_name} is not for signing documents: "
                    "its KeyUsage lacks digitalSignature and/or nonRepudiation"
                )
            )
        return found

    def check_usable(self, at: dt.datetime | None = None) -> None:
        """Raise the first problem that stops this key from signing."""
        found = self.problems(at)
        if found:
            raise found[0]

    @property
    def key_description(self) -> str:
        raise NotImplementedError

    def pyhanko_signer(self) -> Signer:
        """A pyHanko signer for this key; the chain is embedded in signatures."""
        raise NotImplementedError


@dataclass(frozen=True)
class AuditorKey(CertifiedSigner):
    """An auditor's private key (from a key file) with its certificate and the issuer chain."""

    private_key: PrivateKey = field(repr=False)
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def key_description(self) -> str:
        if isinstance(self.private_key, rsa.RSAPrivateKey):
            return f"RSA {self.private_key.key_size}"
        return f"EC {self.private_key.curve.name}"

    def pyhanko_signer(self) -> SimpleSigner:
        """A pyHanko signer holding this key; the chain is embedded in signatures."""
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        registry = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [to_asn1_cert(c) for c in self.chain]
        )
        return SimpleSigner(
            signing_key=to_asn1_private_key(self.private_key),
            signing_cert=to_asn1_cert(self.certificate),
            cert_registry=registry,
        )


def create_auditor_key(
    name: str,
    email: str | None = None,
    org: str | None = None,
    ca: TestCA | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
    *,
    key_type: KeyType = "rsa",
    not_before: dt.datetime | None = None,
    key_usage: tuple[bool, bool] = (True, True),
) -> AuditorKey:
    """Create a trial auditor key: self-signed, or issued by `ca` when given.

    `key_usage` is (digitalSignature, nonRepudiation); only tests set it otherwise, to make
    certificates that must be refused. RSA 3072 is the default because every PDF reader
    accepts it; "ec" (P-256) is faster to create.
    """
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise SigningKeyError(
            f"the certificate must be valid for 1 to {MAX_VALID_DAYS} days (asked: {valid_days})"
        )
    key = _new_private_key(key_type)
    subject = _subject(name, org)
    start = not_before or _now() - dt.timedelta(minutes=5)  # tolerate small clock skew
    end = start + dt.timedelta(days=valid_days)
    if ca is not None:
        issuer, issuer_key = ca.certificate.subject, ca.private_key
        # A child certificate must not outlive its issuer: validators reject the path.
        end = min(end, ca.certificate.not_valid_after_utc)
    else:
        issuer, issuer_key = subject, key
    digital_signature, non_repudiation = key_usage
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=digital_signature,
                content_commitment=non_repudiation,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if ca is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.private_key.public_key()),
            critical=False,
        )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email.strip())]), critical=False
        )
    cert = builder.sign(issuer_key, hashes.SHA256())
    chain = (ca.certificate,) if ca is not None else ()
    return AuditorKey(certificate=cert, private_key=key, chain=chain)


def _atomic_write(path: Path, data: bytes, *, mode: int) -> None:
    """Write via a temp file in the same folder, fsync, then rename over the target.

    mkstemp creates the file owner-only, so a key is never readable by others, not even
    for a moment.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # persist the rename itself (POSIX only)
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_pkcs12(
    key: AuditorKey, path: str | Path, passphrase: str, *, overwrite: bool = False
) -> Path:
    """Save the key, certificate and chain as a passphrase-encrypted PKCS#12 file (0600)."""
    if not passphrase:
        raise EmptyPassphraseError("refusing to write a key file without a passphrase")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphraseError(
            f"the passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters; a short "
            "one is guessed quickly by whoever copies the key file"
        )
    path = Path(path)
    if path.exists() and not overwrite:
        raise KeyFileError(f"{path} already exists; not overwriting a key file")
    if not path.parent.is_dir():
        raise KeyFileError(f"folder {path.parent} does not exist")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    data = pkcs12.serialize_key_and_certificates(
        name=key.signer_name.encode("utf-8"),
        key=key.private_key,
        cert=key.certificate,
        cas=list(key.chain) or None,
        encryption_algorithm=encryption,
    )
    try:
        _atomic_write(path, data, mode=0o600)
    except OSError as exc:
        raise KeyFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def write_certificate(key: AuditorKey, path: str | Path, *, overwrite: bool = False) -> Path:
    """Save the signer's certificate (public, without the key) as PEM, readable by all (0644).

    This is what a reviewer passes to `verify --trust` for a self-signed trial key."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise KeyFileError(f"{path} already exists; not overwriting it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KeyFileError(f"folder {folder} does not exist")
    try:
        _atomic_write(path, key.certificate_pem(), mode=0o644)
    except OSError as exc:
        raise KeyFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def _looks_like_pkcs12(data: bytes) -> bool:
    """True when `data` starts like a PFX: SEQUENCE { INTEGER 3, SEQUENCE (authSafe) … }.

    Checked by hand rather than with asn1crypto: parsing a CMS structure with asn1crypto
    before pyHanko is imported freezes its OID name tables without pyHanko's additions.
    """
    if len(data) < 8 or data[0] != 0x30:
        return False
    first = data[1]
    if first < 0x80:
        header, length = 2, first
    elif first == 0x80:  # BER indefinite length, used by some older exporters
        header, length = 2, None
    else:
        count = first & 0x7F
        if count > 4 or len(data) < 2 + count:
            return False
        header, length = 2 + count, int.from_bytes(data[2 : 2 + count], "big")
    if length is not None and header + length > len(data):
        return False
    return data[header : header + 4] == b"\x02\x01\x03\x30"


def _opens_without_passphrase(data: bytes) -> bool:
    for empty in (None, b""):
        try:
            pkcs12.load_key_and_certificates(data, empty)
            return True
        except ValueError:
            continue
    return False


def load_key(
    path: str | Path,
    passphrase: str,
    *,
    check: bool = True,
    at: dt.datetime | None = None,
) -> AuditorKey:
    """Open a PKCS#12 key file (ours or a CB's) and, unless `check` is False, make sure it
    may sign now: inside its validity period, with digitalSignature + nonRepudiation."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise KeyFileError(f"key file {path} does not exist") from exc
    except OSError as exc:
        raise KeyFileError(f"cannot read key file {path}: {exc.strerror or exc}") from exc
    if not _looks_like_pkcs12(data):
        raise KeyFileError(f"{path} is not a PKCS#12 (.p12/.pfx) key file")
    try:
        private_key, cert, extra = pkcs12.load_key_and_certificates(
            data, passphrase.encode("utf-8") if passphrase else None
        )
    except ValueError as exc:
        # The structure parsed above, so a failure here is the MAC/decryption: wrong passphrase,
        # unless the file has no passphrase at all (some tools export keys that way).
        if passphrase and _opens_without_passphrase(data):
            raise UnprotectedKeyError(
                f"{path} is not protected by a passphrase: anyone who copies it can sign as "
                "you. Export the key again with a passphrase (or create a new key)"
            ) from exc
        raise WrongPassphraseError(f"wrong passphrase for {path}") from exc
    if private_key is None or cert is None:
        raise KeyFileError(f"{path} does not contain both a private key and its certificate")
    if not isinstance(private_key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise KeyFileError(f"{path}: only RSA and EC keys are supported")
    cert_public = cert.public_key()
    if (
        not isinstance(cert_public, rsa.RSAPublicKey | ec.EllipticCurvePublicKey)
        or private_key.public_key().public_numbers() != cert_public.public_numbers()
    ):
        raise KeyFileError(f"{path}: the private key does not belong to the certificate")
    exposed = key_file_exposed(path)
    key = AuditorKey(
        certificate=cert,
        private_key=private_key,
        chain=tuple(extra),
        warnings=(exposed,) if exposed else (),
    )
    if check:
        key.check_usable(at)
    return key


def key_file_exposed(path: Path) -> str | None:
    """A warning when other accounts may read the key file, else None.

    POSIX only: there the mode bits are the permissions. On Windows access is decided by ACLs,
    which `os.stat` does not show (every writable file reports 0o666), so a check of the mode
    there would warn about every key file; a key under the user's profile is private by default.
    """
    if os.name != "posix":
        return None
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (
        f"{path} can be read by other accounts on this computer (permissions "
        f"{mode & 0o777:03o}); anyone who copies it can try passphrases without limit. "
        f"Make it private: chmod 600 {path}"
    )
