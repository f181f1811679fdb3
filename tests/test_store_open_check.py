"""Opening a database reads it whole only when it may have changed behind the app's back.

Once after the start-up health check, not twice; not for a second store on a file the process
holds open; not after a clean close that left a record beside the file (store/checked.py),
unless the file changed since, was not closed cleanly, or was last read whole long ago."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from auditor_app.services.demo import create_demo
from auditor_app.store import checked
from auditor_app.store import db as store_db
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.backup import check_database
from auditor_app.store.db import CorruptDatabaseError


def _count_quick_checks(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = store_db.Connection

    def tracing(*args, **kwargs):
        database = real(*args, **kwargs)
        database.conn.set_trace_callback(
            lambda sql: seen.append(sql) if "quick_check" in sql else None
        )
        return database

    monkeypatch.setattr(store_db, "Connection", tracing)
    return seen


def _damage_a_page(path) -> None:
    """Overwrite part of a table page in place: same size, as damage at rest would be."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek(page_size * 2 + 8)
        fh.write(b"\xff" * 64)


def _written_by_another_program(path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS other_program (x)")
        conn.execute("INSERT INTO other_program VALUES (1)")
    conn.close()


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "audits.sqlite"
    with AuditStore(path, actor="tester") as store:
        create_demo(store)
    return path


def test_a_file_checked_at_start_up_is_not_read_whole_again(demo_db, monkeypatch):
    seen = _count_quick_checks(monkeypatch)
    assert check_database(demo_db).ok
    with AuditStore(demo_db, actor="tester") as store:
        assert store.audit(1)["id"] == 1
    assert seen == []
    # closed cleanly, unchanged since: the record beside it vouches for it
    with AuditStore(demo_db, actor="tester"):
        pass
    assert seen == []
    _written_by_another_program(demo_db)
    with AuditStore(demo_db, actor="tester"):
        pass
    assert len(seen) == 1


def test_a_file_changed_after_the_check_is_checked_again(demo_db, monkeypatch):
    assert check_database(demo_db).ok
    # damage a table page behind the app's back (same size; a later modification time, as
    # any write gives it)
    _damage_a_page(demo_db)
    info = demo_db.stat()
    os.utime(demo_db, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    with pytest.raises(CorruptDatabaseError):
        AuditStore(demo_db, actor="tester")


def test_a_second_store_on_a_file_this_process_holds_open_is_not_read_whole_again(
    demo_db, monkeypatch
):
    # the committee view's loader opens its own store on the file the window already holds
    _written_by_another_program(demo_db)
    seen = _count_quick_checks(monkeypatch)
    with AuditStore(demo_db, actor="tester") as first:
        assert len(seen) == 1
        with AuditStore(demo_db, actor="tester") as second:
            assert second.audit(1)["id"] == 1
        with AuditStore(demo_db, actor="tester"):
            pass
        assert len(seen) == 1
        assert first.audit(1)["id"] == 1
    # none open any more: another program may write to the closed file
    _written_by_another_program(demo_db)
    with AuditStore(demo_db, actor="tester"):
        pass
    assert len(seen) == 2


def test_damage_to_a_file_nobody_holds_open_is_still_found(demo_db):
    with AuditStore(demo_db, actor="tester"):
        pass
    _damage_a_page(demo_db)
    with pytest.raises(CorruptDatabaseError):
        AuditStore(demo_db, actor="tester")


def test_a_clean_close_leaves_a_record_that_spares_the_next_opening(demo_db, monkeypatch):
    seen = _count_quick_checks(monkeypatch)
    assert checked.record_path(demo_db).is_file()
    with AuditStore(demo_db, actor="tester") as store:
        store.update_audit(1, scope="空调安装及维修服务")  # a write during the session
    assert seen == []
    # the write changed the file; the clean close recorded it as it is now
    with AuditStore(demo_db, actor="tester") as store:
        assert store.audit(1)["scope"] == "空调安装及维修服务"
    assert seen == []
    # the desktop app's start-up check honours the record too
    assert check_database(demo_db).ok
    with AuditStore(demo_db, actor="tester"):
        pass
    assert seen == []


def test_a_file_not_closed_cleanly_is_read_whole(demo_db, monkeypatch):
    # a process that wrote and died: its write-ahead log is left beside the file
    script = (
        "import os, sys\n"
        "from auditor_app.store.audit_store import AuditStore\n"
        "store = AuditStore(sys.argv[1], actor='tester')\n"
        "store.update_audit(1, scope='killed mid-session')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(demo_db)], check=True, timeout=120)
    seen = _count_quick_checks(monkeypatch)
    with AuditStore(demo_db, actor="tester") as store:
        assert store.audit(1)["scope"] == "killed mid-session"
    assert len(seen) == 1


def test_an_old_or_unreadable_record_means_a_whole_read(demo_db, monkeypatch):
    seen = _count_quick_checks(monkeypatch)
    later = datetime.now(UTC) + checked.RECHECK_AFTER + timedelta(hours=1)
    assert checked.last_check(demo_db) is not None
    assert checked.last_check(demo_db, now=later) is None
    # the whole-file read is a week old: read again (and the record renewed from then)
    monkeypatch.setattr(checked, "RECHECK_AFTER", timedelta(0))
    with AuditStore(demo_db, actor="tester"):
        pass
    assert len(seen) == 1
    monkeypatch.undo()
    seen = _count_quick_checks(monkeypatch)
    for garbage in ("", "{", '{"state": [1, 2]}', '{"state": "x", "checked_at": "yesterday"}'):
        checked.record_path(demo_db).write_text(garbage, "utf-8")
        with AuditStore(demo_db, actor="tester"):
            pass
    assert len(seen) == 4


def test_damage_right_after_a_clean_close_is_found_with_coarse_timestamps(demo_db):
    """A write in the same timestamp tick as the close (FAT: 2 s) must still change the time
    the record holds: the close sets a recent modification time back."""
    with AuditStore(demo_db, actor="tester"):
        pass
    recorded = demo_db.stat()
    assert recorded.st_mtime_ns <= datetime.now(UTC).timestamp() * 1e9 - 1e9
    _damage_a_page(demo_db)
    # as a 2-second filesystem would store the damaging write's time: rounded down
    now_ns = int(datetime.now(UTC).timestamp() * 1e9)
    os.utime(demo_db, ns=(now_ns, now_ns - now_ns % 2_000_000_000))
    with pytest.raises(CorruptDatabaseError):
        AuditStore(demo_db, actor="tester")


def test_a_copy_with_its_times_kept_is_read_whole(demo_db, tmp_path, monkeypatch):
    """Moving to a new laptop copies the data folder, record included, often with the times
    kept: the copy is another file and is read whole before it is trusted."""
    import shutil

    moved = tmp_path / "new-laptop"
    moved.mkdir()
    shutil.copy2(demo_db, moved / demo_db.name)
    shutil.copy2(checked.record_path(demo_db), checked.record_path(moved / demo_db.name))
    assert checked.last_check(demo_db) is not None
    assert checked.last_check(moved / demo_db.name) is None
    seen = _count_quick_checks(monkeypatch)
    with AuditStore(moved / demo_db.name, actor="tester"):
        pass
    assert len(seen) == 1


def test_damage_at_rest_is_caught_by_the_next_backup_then_at_opening(demo_db):
    """Bit rot leaves size and time as recorded: the record still vouches for the file, but
    the next backup's check of its copy fails, drops the record, and the next opening reads
    the file whole and refuses it (the window then offers the latest good backup)."""
    from auditor_app.store.backup import make_backup

    info = demo_db.stat()
    _damage_a_page(demo_db)
    os.utime(demo_db, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert checked.last_check(demo_db) is not None  # unseen by the record, as bit rot is
    with pytest.raises(CorruptDatabaseError):
        make_backup(demo_db)
    assert not checked.record_path(demo_db).exists()
    with pytest.raises(CorruptDatabaseError):
        AuditStore(demo_db, actor="tester")
