"""Key files: a short passphrase is refused; a key file without one is called that."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from auditor_app.signing import keys


@pytest.fixture(scope="module")
def key() -> keys.AuditorKey:
    return keys.create_auditor_key("王建国", key_type="ec")


@pytest.mark.parametrize("passphrase", ["1", "abc", "7chars!"])
def test_short_passphrase_is_refused(tmp_path, key, passphrase):
    with pytest.raises(keys.WeakPassphraseError, match="at least 8 characters"):
        keys.write_pkcs12(key, tmp_path / "k.p12", passphrase)
    assert not (tmp_path / "k.p12").exists()
    keys.write_pkcs12(key, tmp_path / "k.p12", "8 chars!")


def test_unprotected_key_file_is_not_called_a_wrong_passphrase(tmp_path, key):
    path = tmp_path / "open.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"wang", key.private_key, key.certificate, None, serialization.NoEncryption()
        )
    )
    with pytest.raises(keys.UnprotectedKeyError, match="not protected by a passphrase"):
        keys.load_key(path, "any passphrase at all")


def test_wrong_passphrase_is_still_wrong(tmp_path, key):
    path = keys.write_pkcs12(key, tmp_path / "k.p12", "the right one")
    with pytest.raises(keys.WrongPassphraseError):
        keys.load_key(path, "the wrong one")
