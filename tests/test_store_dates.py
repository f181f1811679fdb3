"""Dates are checked where every write passes: the database itself.

The CLI parses dates, but a package import, a merge or a script writes rows without it; the
schema's triggers refuse what is not a real calendar date, whatever the path.
"""

from __future__ import annotations

import sqlite3

import pytest

from auditor_app.store.db import StoreError
from auditor_app.sync import build_package, import_package
from tests.test_sync_support import dump, repack, session_keys

K = session_keys()


@pytest.mark.parametrize("value", ["2026-02-30", "2025-02-29", "not a date", "2026-1-5", "2026"])
@pytest.mark.parametrize("column", ["start_date", "end_date"])
def test_store_refuses_impossible_audit_dates(store, audit_id, db_path, column, value):
    before = dump(store)
    refused = pytest.raises(StoreError, match="must be a real date like 2026-12-31")
    with refused, store.transaction():
        store.db.execute(f"UPDATE audits SET {column} = ? WHERE id = ?", (value, audit_id))
    assert dump(store) == before
    # not even a raw connection, bypassing the app, can write it
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="real date"):
        conn.execute(f"UPDATE audits SET {column} = ? WHERE id = ?", (value, audit_id))
    conn.close()


def test_store_accepts_real_and_empty_dates(store, audit_id):
    with store.transaction():
        store.db.execute(
            "UPDATE audits SET start_date = '2024-02-29', end_date = '' WHERE id = ?", (audit_id,)
        )
    assert store.audit(audit_id)["start_date"] == "2024-02-29"


def test_store_refuses_a_deadline_that_is_not_a_date(store, audit_id):
    with pytest.raises(StoreError, match="deadline of a finding must be a real date"):
        store.add_finding(audit_id, "minor", "整改不及时", deadline="not a date")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["audit"].update(start_date="2026-02-30"), "start date"),
        (lambda d: d["findings"][0].update(deadline="not a date"), "deadline"),
    ],
    ids=["start-2026-02-30", "deadline-not-a-date"],
)
def test_import_goes_through_the_same_checks(tmp_path, edit, message):
    from auditor_app.services.demo import create_demo
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(tmp_path / "leader.sqlite", actor="王建国") as src:
        draft = build_package(src, create_demo(src), K.leader).data
    hostile = repack(draft, K.leader, edit_data=edit)
    with AuditStore(tmp_path / "committee.sqlite", actor="clerk") as store:
        before = dump(store)
        outcome = import_package(store, hostile, K.trust)
        assert outcome.status == "refused", outcome
        assert message in outcome.reason and "real date" in outcome.reason
        assert dump(store) == before


def test_text_that_is_not_utf8_is_a_clear_error(tmp_path, capsys):
    """`auditor-app audit new --org $'\\xff'`: Python hands over a lone surrogate."""
    from auditor_app.cli import main as cli_main

    path = tmp_path / "audits.sqlite"
    argv = ["audit", "new", "--db", str(path), "--audit-type", "initial", "--headcount", "10"]
    assert cli_main.main([*argv, "--org", "客户\udcff"]) == 1
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and "Traceback" not in err, err
    assert cli_main.main(["audit", "list", "--db", str(path), "--all"]) == 0
    assert capsys.readouterr().out == ""  # nothing was saved
