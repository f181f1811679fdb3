"""Rolling backups, thinning, restore, and the start-up check for a damaged database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService
from auditor_app.store import backup
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.backup import RetentionPolicy, select_kept
from auditor_app.store.db import CorruptDatabaseError

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def damage(path: Path, offset: int = 8192, length: int = 4096) -> None:
    """Overwrite part of the file with junk, as a failing disk or a bad sector would."""
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(b"\xde\xad\xbe\xef" * (length // 4))


def note_of(db_path: Path, item: str) -> str | None:
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT note FROM item_results WHERE item_id = ?", (item,)).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


# -- thinning, with fake timestamps ------------------------------------------------------
def test_recent_backups_are_all_kept():
    stamps = [NOW - timedelta(minutes=5 * n) for n in range(10)]
    assert select_kept(stamps, NOW, tz=UTC) == set(stamps)


def test_thinning_keeps_recent_then_one_per_day_then_one_per_week():
    # one backup every 2 hours for 120 days
    stamps = [NOW - timedelta(hours=2 * n) for n in range(12 * 120)]
    kept = select_kept(
        stamps, NOW, RetentionPolicy(recent=10, daily_days=14, weekly_weeks=8), tz=UTC
    )
    newest = sorted(stamps, reverse=True)
    assert set(newest[:10]) <= kept  # the last ten
    for days_ago in range(14):  # the newest backup of each of the last 14 days
        day = (NOW - timedelta(days=days_ago)).date()
        of_day = [s for s in stamps if s.date() == day]
        assert max(of_day) in kept
        assert len(kept & set(of_day)) <= 10 if days_ago == 0 else True
    # beyond two weeks: at most one per ISO week, and nothing older than 8 weeks
    old = [s for s in kept if NOW - s >= timedelta(days=14)]
    weeks = [s.isocalendar()[:2] for s in old]
    assert len(weeks) == len(set(weeks))
    assert all(NOW - s < timedelta(weeks=8) for s in kept)
    assert len(kept) <= 10 + 14 + 8


def test_thinning_on_disk_deletes_only_what_the_policy_drops(db_path, store, audit_id):
    store.close()
    made = [
        backup.make_backup(db_path, NOW - timedelta(days=d), policy=None).created for d in range(40)
    ]
    removed = backup.thin_backups(
        db_path, NOW, RetentionPolicy(recent=3, daily_days=5, weekly_weeks=3)
    )
    left = {b.created for b in backup.list_backups(db_path)}
    assert left == select_kept(made, NOW, RetentionPolicy(3, 5, 3))
    assert len(removed) == 40 - len(left)


def test_other_files_in_the_backup_folder_are_left_alone(db_path, store, audit_id):
    store.close()
    folder = backup.backup_dir(db_path)
    folder.mkdir()
    stranger = folder / "notes.txt"
    stranger.write_text("mine")
    other_db = folder / "other-20200101T000000000000Z.sqlite"
    other_db.write_bytes(b"x")
    for d in reversed(range(30)):  # one a day, oldest first
        backup.make_backup(db_path, NOW - timedelta(days=d), RetentionPolicy(1, 1, 0))
    assert stranger.exists() and other_db.exists()
    assert len(backup.list_backups(db_path)) == 1


# -- backup and restore ------------------------------------------------------------------
def test_backup_is_a_checked_standalone_private_copy(db_path, store, service, audit_id):
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    info = backup.make_backup(db_path)  # while the store is open and in WAL mode
    assert info.path.parent == db_path.parent / "backups"
    assert backup.check_backup(info.path) is None
    assert not Path(str(info.path) + "-wal").exists()
    if os.name == "posix":  # Windows: the per-user profile's ACLs (docs/security.md)
        assert (info.path.stat().st_mode & 0o777) == 0o600
        assert (info.path.parent.stat().st_mode & 0o777) == 0o700
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT result FROM item_results").fetchall() == [("conform",)]
    conn.close()


def test_restore_round_trip_keeps_the_replaced_database(db_path, store, service, audit_id):
    store.set_note(audit_id, "5.1.1.1", "before the backup")
    saved = backup.make_backup(db_path)
    store.set_note(audit_id, "5.1.1.1", "after the backup")
    store.close()
    result = backup.restore_backup(saved.path, db_path)
    assert note_of(db_path, "5.1.1.1") == "before the backup"
    assert result.moved_aside is not None
    assert note_of(result.moved_aside, "5.1.1.1") == "after the backup"  # nothing deleted
    if os.name == "posix":  # Windows: the per-user profile's ACLs (docs/security.md)
        assert (db_path.stat().st_mode & 0o777) == 0o600
    with AuditStore(db_path) as again:  # opens normally and scores
        assert AuditService(again).score(audit_id).item_count > 0


def test_restore_moves_the_wal_aside_with_its_database(db_path, store, service, audit_id):
    saved = backup.make_backup(db_path)
    # a second process commits and is killed: its commit is only in the WAL
    code = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute(\"UPDATE item_results SET note = 'only in the wal'\"); "
        "c.execute(\"INSERT INTO settings VALUES ('k', 'only in the wal')\"); c.commit(); "
        "os._exit(0)"
    )
    store.close()
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True)
    wal = Path(str(db_path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    result = backup.restore_backup(saved.path, db_path)
    assert not wal.exists()  # a stale WAL must never be replayed onto the restored file
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM settings WHERE key = 'k'").fetchone()[0] == 0
    conn.close()
    aside = sqlite3.connect(result.moved_aside)
    assert aside.execute("SELECT value FROM settings WHERE key = 'k'").fetchone()[0] == (
        "only in the wal"
    )
    aside.close()


def test_a_damaged_backup_is_refused_and_skipped(db_path, store, audit_id):
    store.set_note(audit_id, "5.1.1.1", "old but good")
    good = backup.make_backup(db_path, NOW - timedelta(hours=2))
    store.set_note(audit_id, "5.1.1.1", "newer, then damaged on disk")
    bad = backup.make_backup(db_path, NOW - timedelta(hours=1))
    store.close()
    damage(bad.path)
    assert backup.check_backup(bad.path) is not None
    assert backup.latest_good_backup(db_path).path == good.path
    with pytest.raises(CorruptDatabaseError, match="cannot be restored"):
        backup.restore_backup(bad.path, db_path)
    assert note_of(db_path, "5.1.1.1") == "newer, then damaged on disk"  # untouched


def test_a_file_that_is_not_ours_is_not_restored(tmp_path, db_path, store, audit_id):
    store.close()
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    assert "not an auditor-app database" in backup.check_backup(foreign)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(os.urandom(5000))
    assert backup.check_backup(garbage) is not None


def test_a_damaged_database_makes_no_backup_and_keeps_the_good_ones(db_path, store, audit_id):
    store.close()
    good = backup.make_backup(db_path, NOW - timedelta(days=1))
    damage(db_path)
    with pytest.raises(CorruptDatabaseError):
        backup.make_backup(db_path, NOW, RetentionPolicy(1, 0, 0))
    assert [b.path for b in backup.list_backups(db_path)] == [good.path]


def test_maybe_backup_respects_the_interval(db_path, store, audit_id):
    store.close()
    first = backup.maybe_backup(db_path, timedelta(minutes=30), NOW)
    assert first is not None
    assert backup.maybe_backup(db_path, timedelta(minutes=30), NOW + timedelta(minutes=10)) is None
    assert backup.maybe_backup(db_path, timedelta(minutes=30), NOW + timedelta(minutes=31))


# -- the start-up check ------------------------------------------------------------------
def test_check_database_new_and_ok(tmp_path):
    db = tmp_path / "data" / "auditor.sqlite"
    health = backup.check_database(db)
    assert health.status == "new" and health.ok
    with AuditStore(db) as store:
        store.set_setting("auditor_name", "x")
    assert backup.check_database(db).status == "ok"


def test_corrupt_database_detected_and_restored_from_latest_good_backup(
    db_path, store, service, audit_id
):
    service.record(audit_id, "5.1.1.1", ItemResult("conform"))
    backup.make_backup(db_path, NOW - timedelta(hours=3))
    service.record(audit_id, "5.1.1.2", ItemResult("sampled", 5, 1))
    latest = backup.make_backup(db_path, NOW - timedelta(hours=1))
    store.close()
    damage(backup.list_backups(db_path)[0].path)  # the newest backup is damaged too …
    damage(db_path)
    health = backup.check_database(db_path)
    assert health.status == "corrupt" and not health.ok
    assert "damaged" in health.message
    # … so the offer is the older, sound one
    assert health.backup is not None and health.backup.path != latest.path
    backup.restore_backup(health.backup.path, db_path)
    assert backup.check_database(db_path).status == "ok"
    with AuditStore(db_path) as again:
        results = again.results(audit_id)
    assert results["5.1.1.1"].kind == "conform" and "5.1.1.2" not in results


def test_garbage_header_is_corrupt_not_a_crash(db_path, store, audit_id):
    store.close()
    backup.make_backup(db_path)
    damage(db_path, offset=0, length=100)
    health = backup.check_database(db_path)
    assert health.status == "corrupt" and health.backup is not None


def test_truncated_to_empty_with_backups_is_corrupt(db_path, store, audit_id):
    store.close()
    backup.make_backup(db_path)
    db_path.write_bytes(b"")
    health = backup.check_database(db_path)
    assert health.status == "corrupt" and health.backup is not None


def test_newer_database_is_not_offered_a_restore(db_path, store, audit_id):
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('auditor_app', 'm9999_future', '2030-01-01')"
    )
    store.close()
    health = backup.check_database(db_path)
    assert health.status == "newer" and health.backup is None


# -- command line ------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor_app", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
    )


def test_cli_create_list_check_restore(db_path, store, service, audit_id):
    store.set_note(audit_id, "5.1.1.1", "kept")
    store.close()
    db = str(db_path)
    made = run("backup", "create", "--db", db)
    assert made.returncode == 0 and "backup written" in made.stdout
    listed = run("backup", "list", "--db", db, "--check")
    assert listed.returncode == 0 and "ok" in listed.stdout
    damage(db_path)
    check = run("backup", "check", "--db", db)
    assert check.returncode == 1 and "corrupt" in check.stdout and "--latest" in check.stdout
    restored = run("backup", "restore", "--db", db, "--latest")
    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout
    assert run("backup", "check", "--db", db).returncode == 0
    assert note_of(db_path, "5.1.1.1") == "kept"


def test_cli_restore_without_a_good_backup_is_a_clear_error(db_path, store, audit_id):
    store.close()
    out = run("backup", "restore", "--db", str(db_path), "--latest")
    assert out.returncode == 1 and "no sound backup" in out.stderr
    assert "Traceback" not in out.stderr
