"""Issue 15 item 10, key-file messages: a key file other accounts can read gets a warning
(POSIX; on Windows access is decided by ACLs that the mode bits do not show, so there is no such
check); a one-character passphrase is refused when a key is created."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from auditor_app.services.demo import create_demo
from auditor_app.signing import keys
from auditor_app.store.audit_store import AuditStore
from tests.conftest import run_cli

PASSPHRASE = "correct horse 审核"
posix_only = pytest.mark.skipif(
    os.name != "posix", reason="Windows permissions are ACLs; the mode bits do not show them"
)


@pytest.fixture(scope="module")
def key_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("keyfile")
    ca = keys.create_test_ca("Key File Test CB", org="Key File Test CB")
    key = keys.create_auditor_key("王建国", org="Key File Test CB", ca=ca, key_type="ec")
    return keys.write_pkcs12(key, folder / "auditor.p12", PASSPHRASE)


@posix_only
def test_a_world_readable_key_file_is_warned_about(key_file):
    os.chmod(key_file, 0o644)
    try:
        shown = run_cli("keys", "show", str(key_file), env={"AUDITOR_PASSPHRASE": PASSPHRASE})
    finally:
        os.chmod(key_file, 0o600)
    assert "Signer:" in shown.stdout  # a warning, not a refusal
    assert "can be read by other accounts" in shown.stderr
    assert "(permissions 644)" in shown.stderr and f"chmod 600 {key_file}" in shown.stderr
    assert shown.stderr.count("\n") == 1  # one line


@posix_only
def test_a_private_key_file_gets_no_warning(key_file):
    os.chmod(key_file, 0o600)
    shown = run_cli("keys", "show", str(key_file), env={"AUDITOR_PASSPHRASE": PASSPHRASE})
    assert shown.stderr == ""
    assert keys.load_key(key_file, PASSPHRASE).warnings == ()


@posix_only
def test_signing_with_a_group_readable_key_file_warns(key_file, tmp_path):
    db = tmp_path / "demo.sqlite"
    with AuditStore(db, actor="tester") as store:
        audit = create_demo(store)
    os.chmod(key_file, 0o640)
    try:
        signed = run_cli(
            "report", "--db", str(db), "--audit", str(audit), "--out", str(tmp_path / "s.pdf"),
            "--key", str(key_file), env={"AUDITOR_PASSPHRASE": PASSPHRASE},
        )  # fmt: skip
    finally:
        os.chmod(key_file, 0o600)
    assert "signed and locked" in signed.stdout
    assert "warning:" in signed.stderr and "(permissions 640)" in signed.stderr


def test_a_one_character_passphrase_is_refused(tmp_path):
    out = tmp_path / "one.p12"
    made = run_cli(
        "keys", "create", "--name", "测试", "--out", str(out),
        env={"AUDITOR_PASSPHRASE": "a"}, check=False,
    )  # fmt: skip
    assert made.returncode != 0
    assert "at least 6 characters" in made.stderr and "Traceback" not in made.stderr
    assert not out.exists()
    with pytest.raises(keys.WeakPassphraseError):
        keys.write_pkcs12(keys.create_auditor_key("测试", key_type="ec"), out, "a")
