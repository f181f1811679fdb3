"""The committee benchmark's set-up records decisions as `committee.decide` does.

benchmarks/bench_committee.py records its decisions without deciding's checks (verifying the
signature again, scoring); what it writes - the decision, the register's events, the level
granted and the certificates listed - must be what the real path writes for the same audits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync.certificate_register import certificates, cycle_rules
from auditor_app.sync.committee import decide
from auditor_app.sync.cycle import expiry_for
from benchmarks.bench_committee import record_decision
from tests.test_certificate_register import _audit
from tests.test_sync_support import session_keys, sign_audit

K = session_keys()
D = dt.date
# initial approved, surveillance approved a year on, the next surveillance rejected
CHAIN = (
    ("initial", "2025-03-03", "approve"),
    ("surveillance", "2026-03-03", "approve"),
    ("surveillance", "2026-10-20", "reject"),
)


@pytest.fixture
def store(tmp_path):
    s = AuditStore(tmp_path / "committee.sqlite", actor="评审委员会")
    yield s
    s.close()


def _records(store: AuditStore, number: str) -> list[tuple[str, dict[str, object]]]:
    """The decisions and events naming `number`, without what tells the two paths apart."""
    differ = {"id", "audit_id", "audit_uid", "decision_id", "certificate_number", "recorded_at"}
    found = []
    for table in ("committee_decisions", "certificate_events"):
        for row in store.db.query(
            f"SELECT * FROM {table} WHERE certificate_number = ? ORDER BY id", (number,)
        ):
            found.append((table, {k: v for k, v in row.items() if k not in differ}))
    return found


def test_the_bench_records_what_deciding_records(store):
    for kind, day, verdict in CHAIN:
        real, bench = (_audit(store, kind, day) for _ in range(2))
        for audit_id in (real, bench):
            sign_audit(store, audit_id, K.leader)
        on = D.fromisoformat(day) + dt.timedelta(days=10)
        decide(
            store,
            real,
            verdict,
            decided_on=on.isoformat(),
            certificate_number="REAL",
            trust=K.trust,
        )
        expires = expiry_for(on, cycle_rules(store)) if kind == "initial" else None
        found = AuditService(store).score(bench).level
        record_decision(store, bench, verdict, on, "BENCH", expires, found)
        assert _records(store, "BENCH") == _records(store, "REAL")

    for today in (D(2025, 6, 1), D(2026, 6, 1), D(2026, 12, 1), D(2027, 6, 1)):
        listed = {s.cycle.number: s for s in certificates(store, today)}
        real, bench = listed["REAL"], listed["BENCH"]
        assert bench.cycle == dataclasses.replace(real.cycle, number="BENCH")
        assert (bench.state, bench.level, bench.last_decision, bench.client) == (
            real.state,
            real.level,
            real.last_decision,
            real.client,
        )
    assert listed["BENCH"].state == "suspended"
    assert len(_records(store, "BENCH")) == 6  # three decisions, three events
