"""Trial keys, the test CA, PKCS#12 files and the refusals that protect a signature."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12

from auditor_app.core.errors import AuditorError
from auditor_app.signing import keys
from auditor_app.signing.keys import (
    CertificateExpiredError,
    CertificateNotYetValidError,
    EmptyPassphraseError,
    KeyFileError,
    KeyUsageError,
    WrongPassphraseError,
)

PASS = "correct horse battery staple"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def ca() -> keys.TestCA:
    return keys.create_test_ca("Test CB Root", org="Test CB")


@pytest.fixture(scope="module")
def issued(ca) -> keys.AuditorKey:
    return keys.create_auditor_key("李审核", "li@example.com", "Test CB", ca=ca, key_type="ec")


def test_rsa_self_signed_key_has_signing_usages():
    key = keys.create_auditor_key("Wang Wu", key_type="rsa")
    assert key.key_description == "RSA 3072"
    assert key.self_signed and key.chain == ()
    usage = key.certificate.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    assert key.problems() == []


def test_key_issued_by_test_ca(ca, issued):
    assert issued.key_description == "EC secp256r1"
    assert issued.signer_name == "李审核"
    assert issued.organization == "Test CB"
    assert issued.email == "li@example.com"
    assert issued.issuer_name == "Test CB Root"
    assert not issued.self_signed
    assert issued.chain == (ca.certificate,)
    # The CA really signed it.
    issued.certificate.verify_directly_issued_by(ca.certificate)
    ca_constraints = ca.certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert ca_constraints.value.ca
    assert issued.not_after <= ca.certificate.not_valid_after_utc
    assert issued.fingerprint == issued.certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def test_pkcs12_roundtrip_is_owner_only_and_atomic(tmp_path, issued):
    path = keys.write_pkcs12(issued, tmp_path / "li.p12", PASS)
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["li.p12"]  # no temp file left
    loaded = keys.load_key(path, PASS)
    assert loaded.fingerprint == issued.fingerprint
    assert loaded.signer_name == "李审核"
    assert [c.subject for c in loaded.chain] == [c.subject for c in issued.chain]
    # Encrypted with the passphrase: opening without it fails.
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(path.read_bytes(), None)
    assert PASS.encode() not in path.read_bytes()


def test_refuses_empty_passphrase_and_overwrite(tmp_path, issued):
    with pytest.raises(EmptyPassphraseError):
        keys.write_pkcs12(issued, tmp_path / "a.p12", "")
    assert not (tmp_path / "a.p12").exists()
    keys.write_pkcs12(issued, tmp_path / "a.p12", PASS)
    with pytest.raises(KeyFileError, match="already exists"):
        keys.write_pkcs12(issued, tmp_path / "a.p12", PASS)
    keys.write_pkcs12(issued, tmp_path / "a.p12", "other passphrase", overwrite=True)
    keys.load_key(tmp_path / "a.p12", "other passphrase")


def test_wrong_passphrase(tmp_path, issued):
    path = keys.write_pkcs12(issued, tmp_path / "k.p12", PASS)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        keys.load_key(path, "not it")
    with pytest.raises(WrongPassphraseError):
        keys.load_key(path, "")


def test_missing_and_non_pkcs12_files(tmp_path):
    with pytest.raises(KeyFileError, match="does not exist"):
        keys.load_key(tmp_path / "nope.p12", PASS)
    for junk in (b"", b"hello", b"%PDF-1.7\n", b"0\x82\x01\x00garbage"):
        (tmp_path / "junk.p12").write_bytes(junk)
        with pytest.raises(KeyFileError, match="not a PKCS#12"):
            keys.load_key(tmp_path / "junk.p12", PASS)


def test_expired_certificate_is_refused(tmp_path, ca):
    old = keys.create_auditor_key(
        "Old", ca=ca, key_type="ec", not_before=NOW - dt.timedelta(days=400), valid_days=30
    )
    path = keys.write_pkcs12(old, tmp_path / "old.p12", PASS)
    with pytest.raises(CertificateExpiredError, match="expired"):
        keys.load_key(path, PASS)
    # `keys show` still needs to read it, to tell the auditor why it cannot sign.
    loaded = keys.load_key(path, PASS, check=False)
    assert [type(p) for p in loaded.problems()] == [CertificateExpiredError]


def test_not_yet_valid_certificate_is_refused(tmp_path):
    future = keys.create_auditor_key("Future", key_type="ec", not_before=NOW + dt.timedelta(days=3))
    path = keys.write_pkcs12(future, tmp_path / "future.p12", PASS)
    with pytest.raises(CertificateNotYetValidError, match="valid only from"):
        keys.load_key(path, PASS)


@pytest.mark.parametrize("usage", [(True, False), (False, True)])
def test_certificate_without_both_usages_is_refused(tmp_path, ca, usage):
    key = keys.create_auditor_key("NoNR", ca=ca, key_type="ec", key_usage=usage)
    path = keys.write_pkcs12(key, tmp_path / "nonr.p12", PASS)
    with pytest.raises(KeyUsageError, match="nonRepudiation"):
        keys.load_key(path, PASS)


def test_errors_are_domain_errors():
    for cls in (
        KeyFileError,
        WrongPassphraseError,
        EmptyPassphraseError,
        CertificateExpiredError,
        CertificateNotYetValidError,
        KeyUsageError,
    ):
        assert issubclass(cls, keys.SigningKeyError)
        assert issubclass(cls, AuditorError)
        assert not issubclass(cls, KeyError)  # "key" as in signing key, not a dict lookup


def test_ca_certificate_file_is_public_only(tmp_path, ca):
    path = ca.save_certificate(tmp_path / "ca.pem")
    text = path.read_text()
    assert text.startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE KEY" not in text
    assert x509.load_pem_x509_certificate(path.read_bytes()) == ca.certificate


def test_blank_name_is_refused():
    with pytest.raises(keys.SigningKeyError, match="needs a name"):
        keys.create_auditor_key("   ", key_type="ec")
