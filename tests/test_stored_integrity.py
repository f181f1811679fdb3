"""Bytes flipped inside stored records: found by `backup check`, refused by export, and never
a crash in `audit list`.

SQLite's integrity check cannot see a changed byte inside a record, so each test damages the
real database file the way a bad disk or a careless tool would, then checks what the app says.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from auditor_app.cli import main as cli_main
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.integrity import check_stored_data
from auditor_app.sync import build_package
from auditor_app.sync.errors import SyncError
from tests.test_sync_support import session_keys, sign_audit

K = session_keys()


@pytest.fixture
def signed_db(tmp_path):
    """A database with the demo audit signed and locked (report, photos, scheme)."""
    from auditor_app.services.demo import create_demo

    path = tmp_path / "audits.sqlite"
    with AuditStore(path, actor="王建国") as store:
        audit_id = create_demo(store)
        sign_audit(store, audit_id, K.leader)
    return path, audit_id


def _blob(path: Path, sql: str) -> bytes:
    conn = sqlite3.connect(path)
    try:
        value = conn.execute(sql).fetchone()[0]
    finally:
        conn.close()
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def flip_inside(path: Path, record: bytes) -> None:
    """Change one byte inside `record` where it lies in the database file (an ASCII letter
    stays an ASCII letter, so damaged text is still UTF-8)."""
    raw = bytearray(path.read_bytes())
    for start in range(len(record) // 2, len(record) - 48):
        needle = record[start : start + 48]
        target = record[start + 24]
        if not (0x41 <= target <= 0x7A) and record.isascii():
            continue
        pos = raw.find(needle)
        if pos >= 0 and raw.find(needle, pos + 1) < 0:  # sits in the file exactly once
            raw[pos + 24] ^= 0x01
            path.write_bytes(bytes(raw))
            return
    raise AssertionError("no unique place to damage the record")


def run(capsys, *argv: str) -> tuple[int, str]:
    code = cli_main.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_sound_database_checks_out(signed_db, capsys):
    path, _ = signed_db
    assert check_stored_data(path) == []
    code, out = run(capsys, "backup", "check", "--db", str(path))
    assert code == 0 and out.startswith("ok:"), out


def test_damaged_signed_report(signed_db, capsys):
    path, audit_id = signed_db
    flip_inside(path, _blob(path, "SELECT pdf FROM reports"))
    code, out = run(capsys, "backup", "check", "--db", str(path))
    assert code == 1, out
    assert f"audit {audit_id}: the stored signed report" in out
    assert "no longer matches its SHA-256" in out
    with AuditStore(path, actor="王建国") as store, pytest.raises(SyncError, match="damaged"):
        build_package(store, audit_id, K.leader)


def test_damaged_attachment(signed_db, capsys):
    path, audit_id = signed_db
    name, item = (
        sqlite3.connect(path)
        .execute(
            "SELECT a.original_name, l.item_id FROM attachments a "
            "JOIN audit_attachments l ON l.sha256 = a.sha256 ORDER BY a.sha256 LIMIT 1"
        )
        .fetchone()
    )
    data = _blob(
        path,
        "SELECT a.data FROM attachments a JOIN audit_attachments l ON l.sha256 = a.sha256 "
        "ORDER BY a.sha256 LIMIT 1",
    )
    flip_inside(path, data)
    code, out = run(capsys, "backup", "check", "--db", str(path))
    assert code == 1, out
    assert f"attachment {name} (used by audit {audit_id} item {item}" in out
    with AuditStore(path, actor="王建国") as store, pytest.raises(SyncError, match="damaged"):
        build_package(store, audit_id, K.leader)


def test_damaged_scheme_gives_a_clear_error_not_a_crash(signed_db, capsys):
    path, audit_id = signed_db
    document = _blob(path, "SELECT document FROM schemes")
    flip_inside(path, document)
    changed = _blob(path, "SELECT document FROM schemes")
    assert changed != document
    code, out = run(capsys, "audit", "list", "--db", str(path), "--all")
    assert code == 1, out
    assert "DAMAGED" in out and "the stored scheme" in out and "is damaged" in out
    assert "Traceback" not in out
    code, out = run(capsys, "backup", "check", "--db", str(path))
    assert code == 1 and f"used by audit {audit_id}" in out, out


def test_scheme_that_is_no_longer_utf8(signed_db, capsys):
    path, _ = signed_db
    document = _blob(path, "SELECT document FROM schemes")
    raw = bytearray(path.read_bytes())
    needle = document[len(document) // 2 : len(document) // 2 + 48]
    pos = raw.find(needle)
    raw[pos + 10] = 0xFF  # never valid in UTF-8
    path.write_bytes(bytes(raw))
    code, out = run(capsys, "audit", "list", "--db", str(path))
    assert code == 1 and "DAMAGED" in out, out
    code, out = run(capsys, "backup", "check", "--db", str(path))
    assert code == 1 and "no longer readable" in out, out


def test_report_hash_helper_agrees_with_the_store(signed_db):
    path, _ = signed_db
    pdf = _blob(path, "SELECT pdf FROM reports")
    stored = _blob(path, "SELECT sha256 FROM reports").decode()
    assert hashlib.sha256(pdf).hexdigest() == stored
    assert json.loads(_blob(path, "SELECT document FROM schemes"))
