"""Queries that run once per audit in long lists use an index, not a scan (issue 14).

A certification body's database holds thousands of signed reports: a per-audit lookup that
scans the reports table makes the committee list grow with the square of its length.
"""

from __future__ import annotations

import re


def _plan(store, sql: str, params: tuple = ()) -> str:
    rows = store.db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " | ".join(str(r[-1]) for r in rows)


def test_latest_report_of_an_audit_uses_the_index(store):
    plan = _plan(store, "SELECT * FROM reports WHERE audit_id = ? ORDER BY id DESC LIMIT 1", (1,))
    assert "reports_audit" in plan, plan
    assert "SCAN reports" not in plan, plan


def test_committee_list_does_not_scan_reports_per_audit(store):
    plan = _plan(
        store,
        "SELECT a.id FROM audits a JOIN organisations o ON o.id = a.org_id "
        "WHERE a.locked = 1 AND EXISTS (SELECT 1 FROM reports r WHERE r.audit_id = a.id) "
        "ORDER BY a.end_date DESC, a.id DESC",
    )
    assert not re.search(r"SCAN r\b", plan), plan  # the correlated subquery's alias
    assert "reports_audit" in plan, plan


def test_index_added_to_an_existing_database(db_path, store):
    store.db.execute("DROP INDEX reports_audit")
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0007_perf_reports_by_audit'")
    store.close()
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db_path) as again:
        names = {r[0] for r in again.db.execute("SELECT name FROM sqlite_master")}
        assert "reports_audit" in names
