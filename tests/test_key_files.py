"""Signing keys managed as files (what the window's key manager calls), default folders."""

from __future__ import annotations

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services import folders, key_files
from auditor_app.signing import keys


def test_trial_key_is_written_with_its_certificate_and_opens(tmp_path):
    folder = tmp_path / "not" / "there"
    made = key_files.create_trial_key(folder, "王 审核员", "secret1", email="w@example.cn")
    assert made.path.parent == folder and made.path.suffix == ".p12"
    assert made.certificate is not None and made.certificate.read_bytes().startswith(b"-----BEGIN")
    key = keys.load_key(made.path, "secret1")
    assert key.signer_name == "王 审核员" and key.email == "w@example.cn"
    again = key_files.create_trial_key(folder, "王 审核员", "secret2")
    assert again.path != made.path  # never overwrites a key
    assert [k.path for k in key_files.list_keys(folder)] == sorted([made.path, again.path])


@pytest.mark.parametrize(("name", "passphrase"), [("", "secret1"), ("Li", "short")])
def test_trial_key_refuses_missing_name_or_short_passphrase(tmp_path, name, passphrase):
    with pytest.raises(InputError):
        key_files.create_trial_key(tmp_path, name, passphrase)
    assert not list(tmp_path.iterdir())


def test_import_checks_the_passphrase_and_copies(tmp_path):
    source = keys.write_pkcs12(
        keys.create_auditor_key("Li Si", key_type="ec"), tmp_path / "cb.pfx", "cb pass"
    )
    folder = tmp_path / "keys"
    with pytest.raises(keys.WrongPassphraseError):
        key_files.import_key(folder, source, "wrong")
    assert not folder.exists() or not list(folder.iterdir())
    made, key = key_files.import_key(folder, source, "cb pass")
    assert made.path.parent == folder and made.path.read_bytes() == source.read_bytes()
    assert made.certificate is not None and made.certificate.exists()
    assert key.signer_name == "Li Si"


def test_export_certificate_and_change_passphrase(tmp_path):
    made = key_files.create_trial_key(tmp_path / "k", "Zhao", "old pass")
    out = key_files.export_certificate(made.path, "old pass", tmp_path / "out" / "zhao.pem")
    assert out.read_bytes() == made.certificate.read_bytes()
    key_files.change_passphrase(made.path, "old pass", "new pass")
    with pytest.raises(keys.WrongPassphraseError):
        keys.load_key(made.path, "old pass")
    assert keys.load_key(made.path, "new pass").signer_name == "Zhao"


def test_default_folders_are_made_when_written_to(tmp_path):
    docs = tmp_path / "Documents"  # does not exist, as on the auditor's laptop
    target = folders.app_folder(docs, "reports")
    assert target == docs / "auditor_app" / "reports" and not docs.exists()
    assert folders.ensure_folder(target).is_dir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError):
        folders.ensure_folder(tmp_path / "file" / "sub")
