"""The fault harness (benchmarks/fault_harness.py): exact kills around commits, after the
`saved` acknowledgement and a simulated power cut, over every command that writes.

Its self-tests run two deliberately broken builds: one that prints `saved` before it commits
(caught by the after-ack kill) and one with synchronous=OFF (caught by the power cut). The
kills are `os._exit` inside the process (the store's AUDITOR_APP_FAULT hook), so they behave
the same on Windows; the power cut needs only ctypes and skips, saying why, without it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from auditor_app.signing import keys
from tests.test_sync_merge import LEADER, leader, team  # noqa: F401 - fixtures
from tests.test_sync_support import session_keys, write_cert

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
K = session_keys()
PASSPHRASE = "correct horse 审核"


def _load(name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


powercut = _load("powercut_vfs")
harness = _load("fault_harness")
needs_powercut = pytest.mark.skipif(
    powercut.available() is not None, reason=f"power cut shim: {powercut.available()}"
)


def _seeded(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "faults.sqlite"
    return db, harness.seed_audit(db)


# -- acknowledged edits -------------------------------------------------------------------
def test_an_edit_acknowledged_then_killed_is_kept(tmp_path):
    db, audit = _seeded(tmp_path)
    outcome = harness.kill_after_each_ack(db, audit, edits=4)
    assert outcome.acknowledged == 4 and outcome.lost == 0, outcome.problems


def test_a_build_that_acknowledges_before_commit_is_caught(tmp_path):
    db, audit = _seeded(tmp_path)
    outcome = harness.kill_after_each_ack(db, audit, edits=3, breaks=["ack-early"])
    assert outcome.acknowledged == 3 and outcome.lost == 3, outcome.problems


@needs_powercut
def test_acknowledged_edits_survive_a_power_cut(tmp_path):
    db, audit = _seeded(tmp_path)
    outcome = harness.power_cut_after_acks(db, audit, edits=3)
    assert outcome.acknowledged == 3 and outcome.lost == 0, outcome.problems
    # the shim hands SQLite its own name pointers back: no WAL index under a lost name
    assert not (harness.REPO / "-shm").exists() and not (harness.REPO / "-wal").exists()


@needs_powercut
def test_a_build_without_fsync_is_caught_by_the_power_cut(tmp_path):
    db, audit = _seeded(tmp_path)
    outcome = harness.power_cut_after_acks(db, audit, edits=3, breaks=["sync-off"])
    assert outcome.acknowledged == 3 and outcome.lost == 3, outcome.problems
    # …while a kill, which keeps the operating system's cache, cannot see it: both are needed
    db2, audit2 = _seeded(tmp_path / "kill")
    killed = harness.kill_after_each_ack(db2, audit2, edits=2, breaks=["sync-off"])
    assert killed.lost == 0, killed.problems


# -- every writing command, killed before and after each of its commits --------------------
def _assert_whole(outcome) -> None:
    assert outcome.commits >= 1 and outcome.kills >= 2, outcome
    assert outcome.problems == [], "\n".join(outcome.problems)


def test_interrupted_score_set(tmp_path):
    db, audit = _seeded(tmp_path)
    item = harness.score_edits(db, audit, 1)[0][0]
    outcome = harness.interrupt_each_commit(
        db, lambda target: harness._set_args(target, audit, item, "中断测试", 3)
    )
    _assert_whole(outcome)


def test_interrupted_package_import(tmp_path, leader):  # noqa: F811
    from auditor_app.services.audits import AuditService, ClientInfo
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.sync import build_package

    audit = AuditService(leader).create_audit(ClientInfo("导入中断客户"), "initial")
    package = tmp_path / "handout.auditpkg"
    package.write_bytes(build_package(leader, audit, K.leader).data)
    ca = write_cert(K.ca.certificate, tmp_path, "ca")
    db = tmp_path / "member.sqlite"
    AuditStore(db, actor="李晓梅").close()
    outcome = harness.interrupt_each_commit(
        db,
        lambda target: ["package", "import", "--db", str(target), str(package), "--trust", str(ca)],
    )
    _assert_whole(outcome)


def test_interrupted_package_merge(tmp_path, leader, team):  # noqa: F811
    audit_id, _, data = team
    package = tmp_path / "member.auditpkg"
    package.write_bytes(data)
    ca = write_cert(K.ca.certificate, tmp_path, "ca")
    db = Path(leader.path)
    leader.close()
    args = ["package", "merge", "--audit", str(audit_id), str(package), "--trust", str(ca)]
    outcome = harness.interrupt_each_commit(
        db, lambda target: [*args, "--db", str(target), "--take", "theirs", "5.1.2.2"]
    )
    _assert_whole(outcome)


def test_interrupted_sign_and_lock(tmp_path):
    from auditor_app.services.demo import create_demo
    from auditor_app.store.audit_store import AuditStore

    db = tmp_path / "demo.sqlite"
    with AuditStore(db, actor="tester") as store:
        create_demo(store)
    ca = keys.create_test_ca("Fault Test CB Root", org="Fault Test CB")
    key = keys.create_auditor_key("王建国", org="Fault Test CB", ca=ca, key_type="ec")
    key_file = keys.write_pkcs12(key, tmp_path / "auditor.p12", PASSPHRASE)
    out = tmp_path / "signed.pdf"
    args = ["report", "--audit", "1", "--out", str(out), "--key", str(key_file)]
    outcome = harness.interrupt_each_commit(
        db,
        lambda target: [*args, "--db", str(target)],
        env={"AUDITOR_PASSPHRASE": PASSPHRASE},
    )
    _assert_whole(outcome)


def test_interrupted_backup_leaves_the_database_and_no_half_backup(tmp_path):
    from auditor_app.store.backup import list_backups

    db, _ = _seeded(tmp_path)
    before = harness.state(db)
    proc = harness.run_app(["backup", "create", "--db", str(db)], fault="before-rename:1")
    assert proc.returncode == harness.FAULT_EXIT, proc.stderr
    assert harness.health(db) is None and harness.state(db) == before
    assert list_backups(db) == []  # the unfinished copy is not offered for restoring
    again = harness.run_app(["backup", "create", "--db", str(db)])
    assert again.returncode == 0, again.stderr
    assert len(list_backups(db)) == 1


def test_interrupted_restore_keeps_the_current_data(tmp_path):
    """A restore killed before its rename leaves the current database whole, including a
    commit still in its WAL (left there by an earlier kill)."""
    from auditor_app.store.backup import list_backups

    db, audit = _seeded(tmp_path)
    assert harness.run_app(["backup", "create", "--db", str(db)]).returncode == 0
    backup = list_backups(db)[0].path
    item = harness.score_edits(db, audit, 1)[0][0]
    edit = harness._set_args(db, audit, item, "只在WAL里", 1)
    assert harness.run_app(edit, fault="after-commit:1").returncode == harness.FAULT_EXIT
    assert Path(f"{db}-wal").exists()
    proc = harness.run_app(
        ["backup", "restore", "--db", str(db), str(backup)], fault="before-rename:1"
    )
    assert proc.returncode == harness.FAULT_EXIT, proc.stderr
    assert harness.health(db) is None
    assert harness.notes(db, audit).get(item) == "只在WAL里"
