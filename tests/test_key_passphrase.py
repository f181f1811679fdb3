"""Key files: a short passphrase is refused; a key file without one is called that."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from auditor_app.signing import keys


@pytest.fixture(scope="module")
def key() -> keys.AuditorKey:
    return keys.create_auditor_key("王建国", key_type="ec")


@pytest.mark.parametrize("passphrase", ["1", "abc", "5char"])
def test_short_passphrase_is_refused(tmp_path, key, passphrase):
    with pytest.raises(keys.WeakPassphraseError, match="at least 6 characters"):
        keys.write_pkcs12(key, tmp_path / "k.p12", passphrase)
    assert not (tmp_path / "k.p12").exists()
    keys.write_pkcs12(key, tmp_path / "k.p12", "6chars")


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


@pytest.mark.parametrize(
    ("name", "org"), [("王" * 22, None), ("a" * 65, None), ("王建国", "某" * 30)]
)
def test_names_too_long_for_a_certificate(name, org):
    with pytest.raises(keys.SigningKeyError, match="too long for a certificate: at most 64"):
        keys.create_auditor_key(name, org=org, key_type="ec")
    keys.create_auditor_key("王" * 21, key_type="ec")  # 63 bytes: fits


@pytest.mark.parametrize("days", [0, 3651, 10_000_000])
def test_validity_days_have_bounds(days):
    with pytest.raises(keys.SigningKeyError, match="valid for 1 to 3650 days"):
        keys.create_auditor_key("王建国", key_type="ec", valid_days=days)


def test_cli_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    from auditor_app.cli import main as cli_main

    monkeypatch.setenv("AUDITOR_PASSPHRASE", "long enough passphrase")
    out = tmp_path / "k.p12"
    argv = ["keys", "create", "--out", str(out), "--key-type", "ec"]
    assert cli_main.main([*argv, "--name", "王" * 22]) != 0
    assert cli_main.main([*argv, "--name", "王建国", "--days", "10000000"]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("auditor-app: error:") == 2, err
    assert not out.exists()
