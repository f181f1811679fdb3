"""Security promises of docs/security.md, checked.

* The database, its -wal/-shm files, backups and restored copies are owner-only (0600) in an
  owner-only folder (0700), whatever the umask.
* Signing keys are PKCS#12 files that need a non-empty passphrase, written 0600; the
  passphrase is never on the command line, in output, in logs, in the database, in the
  report or anywhere in the data folder.
* Verification trusts only the CA certificates it is given.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor_app.signing import keys
from auditor_app.store import backup
from auditor_app.store.audit_store import AuditStore

REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = "Pässwörd-7391-秘密"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def leaks(data: bytes) -> bool:
    return any(
        form in data
        for form in (
            PASSPHRASE.encode("utf-8"),
            PASSPHRASE.encode("utf-16-le"),
            PASSPHRASE.encode("utf-16-be"),
        )
    )


# -- the database is private -------------------------------------------------------------
@posix_only
def test_startup_check_makes_the_data_folder_and_database_private(tmp_path):
    db = tmp_path / "auditor_app" / "auditor.sqlite"
    with umask(0o022):  # a typical desktop umask: new files would be world-readable
        assert backup.check_database(db).status == "new"
        with AuditStore(db) as store:
            store.set_setting("auditor_name", "王建国")
            files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
            assert all(f.exists() for f in files)
            assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(db.parent) == 0o700


@posix_only
def test_startup_check_tightens_an_existing_world_readable_database(tmp_path):
    db = tmp_path / "auditor.sqlite"
    with umask(0o022):
        AuditStore(db).close()
    os.chmod(db, 0o644)
    backup.check_database(db)
    assert mode(db) == 0o600


@posix_only
def test_backups_and_restored_files_are_private(tmp_path):
    db = tmp_path / "auditor.sqlite"
    with umask(0o000):  # the most permissive umask
        AuditStore(db).close()
        made = backup.make_backup(db)
        backup.restore_backup(made.path, db)
    assert mode(made.path) == 0o600 and mode(made.path.parent) == 0o700
    assert mode(db) == 0o600


@posix_only
def test_a_database_created_by_the_command_line_is_private(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "AUDITOR_APP_DATA": str(data)}
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys, runpy; os.umask(0o022); "
            "sys.argv = ['auditor-app', 'demo']; runpy.run_module('auditor_app', "
            "run_name='__main__')",
        ],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert mode(data) == 0o700
    assert mode(data / "auditor.sqlite") == 0o600


# -- keys and passphrases ----------------------------------------------------------------
@posix_only
def test_key_files_need_a_passphrase_and_are_owner_only(tmp_path):
    key = keys.create_auditor_key("王建国", None, "测试认证机构", key_type="ec")
    with pytest.raises(keys.EmptyPassphraseError):
        keys.write_pkcs12(key, tmp_path / "empty.p12", "")
    assert not (tmp_path / "empty.p12").exists()
    with umask(0o000):
        path = keys.write_pkcs12(key, tmp_path / "key.p12", PASSPHRASE)
    assert mode(path) == 0o600
    data = path.read_bytes()
    assert not leaks(data)
    assert b"BEGIN PRIVATE KEY" not in data and b"BEGIN" not in data  # PKCS#12, not PEM
    with pytest.raises(keys.WrongPassphraseError):
        keys.load_key(path, "wrong")
    with pytest.raises(keys.SigningKeyError):
        keys.load_key(path, "")
    assert keys.load_key(path, PASSPHRASE).signer_name == "王建国"


def test_no_command_takes_a_passphrase_argument():
    from auditor_app.cli.main import build_parser

    def options(parser: argparse.ArgumentParser) -> list[str]:
        found = [o for a in parser._actions for o in a.option_strings]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found += options(sub)
        return found

    assert not [o for o in options(build_parser()) if "pass" in o.lower() or "pin" in o.lower()]


def test_passphrase_is_not_logged(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # everything, from every library
    key = keys.create_auditor_key("王建国", None, "测试认证机构", key_type="ec")
    path = keys.write_pkcs12(key, tmp_path / "key.p12", PASSPHRASE)
    keys.load_key(path, PASSPHRASE)
    with contextlib.suppress(keys.WrongPassphraseError):
        keys.load_key(path, PASSPHRASE + "x")  # a failure must not echo what was typed
    text = "\n".join(r.getMessage() + str(r.args) + str(r.exc_info) for r in caplog.records)
    assert PASSPHRASE not in text and PASSPHRASE + "x" not in text


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "auditor_app", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        timeout=180,
    )


@pytest.mark.slow
def test_sign_and_verify_end_to_end_leaves_no_passphrase_behind(tmp_path):
    data = tmp_path / "data"
    env = {
        **os.environ,
        "AUDITOR_APP_DATA": str(data),
        "AUDITOR_PASSPHRASE": PASSPHRASE,
        "QT_QPA_PLATFORM": "offscreen",
    }
    db = str(data / "auditor.sqlite")
    steps = [
        run("demo", "--db", db, env=env),
        run(
            "keys",
            "create",
            "--name",
            "王建国",
            "--org",
            "测试认证机构",
            "--out",
            str(tmp_path / "key.p12"),
            "--ca-out",
            str(tmp_path / "ca.pem"),
            env=env,
        ),
        run(
            "report",
            "--db",
            db,
            "--audit",
            "1",
            "--out",
            str(tmp_path / "r.pdf"),
            "--key",
            str(tmp_path / "key.p12"),
            env=env,
        ),
    ]
    for done in steps:
        assert done.returncode == 0, done.stderr.decode()
        assert not leaks(done.stdout + done.stderr)
    trusted = run("verify", str(tmp_path / "r.pdf"), "--trust", str(tmp_path / "ca.pem"), env=env)
    assert trusted.returncode == 0, trusted.stdout.decode()
    # with no trust list, or another CA's, the same valid signature is not accepted
    from auditor_app.signing.verify import verify_pdf

    pdf = (tmp_path / "r.pdf").read_bytes()
    untrusted = verify_pdf(pdf, [])
    assert untrusted.valid and not untrusted.trusted and not untrusted.ok
    other = keys.create_test_ca("Another CA")
    assert not verify_pdf(pdf, [other.certificate]).ok
    assert verify_pdf(pdf, [tmp_path / "ca.pem"]).ok
    # the passphrase is nowhere on disk: database, WAL, backups, key, report, CA file
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert not leaks(path.read_bytes()), path
    if os.name == "posix":  # Windows: the per-user profile's ACLs (docs/security.md)
        assert mode(tmp_path / "key.p12") == 0o600


@posix_only
def test_startup_check_tightens_the_apps_own_data_folder_only(tmp_path, monkeypatch):
    own = tmp_path / "own"
    other = tmp_path / "Documents"
    for folder in (own, other):
        folder.mkdir(mode=0o755)
        os.chmod(folder, 0o755)
    monkeypatch.setenv("AUDITOR_APP_DATA", str(own))
    backup.check_database(own / "auditor.sqlite")
    backup.check_database(other / "audits.sqlite")
    assert mode(own) == 0o700  # the app's folder, e.g. made earlier by the command line
    assert mode(other) == 0o755  # a folder the user chose is not the app's to change
    assert mode(other / "audits.sqlite") == 0o600


@posix_only
def test_the_copy_made_before_a_migration_is_private(tmp_path):
    import sqlite3

    from auditor_app.store.schema import STEP_NAMES

    db = tmp_path / "auditor.sqlite"
    with umask(0o022):
        AuditStore(db).close()
        last = STEP_NAMES[-1]
        conn = sqlite3.connect(db)  # make it look like a database from before the last step
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (last,))
        conn.commit()
        conn.close()
        if len(STEP_NAMES) < 2:
            pytest.skip("needs a schema with two steps")
        # the last step re-runs; a step that fails to re-apply still leaves its copy behind
        with contextlib.suppress(Exception):
            AuditStore(db).close()
    copies = list(tmp_path.glob("auditor.sqlite.before-*.bak"))
    assert copies
    assert all(mode(c) == 0o600 for c in copies), {c.name: oct(mode(c)) for c in copies}
