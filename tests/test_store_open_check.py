"""Opening a database checks it whole once: after the start-up health check, not twice."""

from __future__ import annotations

import os
import sqlite3

import pytest

from auditor_app.services.demo import create_demo
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
    # the record is used once: the next opening checks again
    with AuditStore(demo_db, actor="tester"):
        pass
    assert len(seen) == 1


def test_a_file_changed_after_the_check_is_checked_again(demo_db, monkeypatch):
    assert check_database(demo_db).ok
    # damage a table page behind the app's back (same size; a later modification time, as
    # any write gives it)
    conn = sqlite3.connect(demo_db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(demo_db, "r+b") as fh:
        fh.seek(page_size * 2 + 8)
        fh.write(b"\xff" * 64)
    info = demo_db.stat()
    os.utime(demo_db, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    with pytest.raises(CorruptDatabaseError):
        AuditStore(demo_db, actor="tester")


def test_a_second_store_on_a_file_this_process_holds_open_is_not_read_whole_again(
    demo_db, monkeypatch
):
    # the committee view's loader opens its own store on the file the window already holds
    seen = _count_quick_checks(monkeypatch)
    with AuditStore(demo_db, actor="tester") as first:
        assert len(seen) == 1
        with AuditStore(demo_db, actor="tester") as second:
            assert second.audit(1)["id"] == 1
        with AuditStore(demo_db, actor="tester"):
            pass
        assert len(seen) == 1
        assert first.audit(1)["id"] == 1
    # none open any more: another program may have written to the closed file
    with AuditStore(demo_db, actor="tester"):
        pass
    assert len(seen) == 2


def test_damage_to_a_file_nobody_holds_open_is_still_found(demo_db):
    with AuditStore(demo_db, actor="tester"):
        pass
    conn = sqlite3.connect(demo_db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(demo_db, "r+b") as fh:
        fh.seek(page_size * 2 + 8)
        fh.write(b"\xff" * 64)
    with pytest.raises(CorruptDatabaseError):
        AuditStore(demo_db, actor="tester")
