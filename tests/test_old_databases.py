"""Databases saved by every earlier schema version open, migrate, and keep their data.

The fixtures under tests/fixtures/old_db/ were written by the old code itself (see the
README there); each holds the demo audit as that version saved it.
"""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from auditor_app.services.audits import AuditService
from auditor_app.store import schema
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import schema_steps

FIXTURES = Path(__file__).parent / "fixtures" / "old_db"
OLD = sorted(FIXTURES.glob("v*.sqlite"))

# What the old code printed when it saved its demo: "total 90.5, 四星级 Four-star"
DEMO_TOTAL = Decimal("90.5")


def _snapshot(path: Path) -> dict[str, list[tuple]]:
    """The rows that must survive a migration, read with plain SQL before the store opens."""
    conn = sqlite3.connect(path)
    try:
        queries = {
            "results": "SELECT item_id, result, sampled, nonconforming, points, reason, note "
            "FROM item_results ORDER BY item_id",
            "findings": "SELECT uid, item_id, kind, text, evidence, deadline FROM findings "
            "ORDER BY uid",
            "photos": "SELECT l.item_id, l.sha256, a.data_sha256, length(a.data) "
            "FROM audit_attachments l JOIN attachments a USING (sha256) ORDER BY l.id",
            "trail": "SELECT id, audit_id, at, actor, action, entity, entity_key, old, new "
            "FROM trail ORDER BY id",
            "audits": "SELECT uid, series_uid, org_id, scheme_hash, report_number, scope, "
            "start_date, end_date, headcount FROM audits ORDER BY id",
            "sites": "SELECT name, is_central, headcount FROM audit_sites ORDER BY id",
            "team": "SELECT name, role FROM team_members ORDER BY id",
        }
        return {key: conn.execute(sql).fetchall() for key, sql in queries.items()}
    finally:
        conn.close()


def test_every_old_version_has_a_fixture():
    names = [p.stem for p in OLD]
    assert len(names) >= 7, names
    # every step but the newest was the last step of some saved fixture's schema
    recorded: set[str] = set()
    for path in OLD:
        conn = sqlite3.connect(path)
        recorded |= {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
        conn.close()
    assert set(schema.STEP_NAMES) - recorded == {schema.STEP_NAMES[-1]}


@pytest.mark.parametrize("fixture", OLD, ids=[p.stem for p in OLD])
def test_old_database_migrates_and_keeps_its_data(fixture, tmp_path):
    path = tmp_path / "auditor.sqlite"
    shutil.copyfile(fixture, path)
    before = _snapshot(path)
    assert before["results"] and before["findings"] and before["photos"] and before["trail"]

    store = AuditStore(path)
    try:
        assert sorted(schema_steps(store.db)) == sorted(schema.STEP_NAMES)
        audit_id = store.db.execute("SELECT id FROM audits").fetchone()[0]
        score = AuditService(store).score(audit_id)
        assert score.total == DEMO_TOTAL
        assert len(store.findings(audit_id)) == len(before["findings"])
        assert len(store.attachments(audit_id)) == len(before["photos"])
        # the database still takes an edit, with its trail entry after the old ones
        store.add_finding(audit_id, "observation", "checked after the upgrade")
        assert len(store.trail(audit_id)) > sum(1 for r in before["trail"] if r[1] == audit_id)
    finally:
        store.close()

    after = _snapshot(path)
    after["findings"] = [r for r in after["findings"] if r[3] != "checked after the upgrade"]
    after["trail"] = after["trail"][: len(before["trail"])]
    assert after == before
    # the file as it was is kept next to it before its schema changed
    assert list(tmp_path.glob("auditor.sqlite.before-*.bak"))
