"""Nonconformities followed to closure and carried into the next audit (issue 11)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.followup import carry_into, nonconformities, record_followup
from auditor_app.sync.certificate_register import certificates
from auditor_app.sync.committee import decide
from tests.test_certificate_register import CLIENT, _audit
from tests.test_sync_support import session_keys, sign_audit

K = session_keys()


def test_followup_to_closure_and_into_the_next_audit(store):
    earlier = _audit(store, "initial", "2026-01-20", major=True)
    store.add_finding(earlier, "minor", "培训记录不全", deadline="2026-03-01")
    store.add_finding(earlier, "observation", "可改进回访话术")  # not a nonconformity
    major, minor = nonconformities(store, earlier)
    assert (major.kind, minor.kind, minor.due_on) == ("major", "minor", "2026-03-01")
    record_followup(store, minor.uid, correction="补齐记录", due_on="2026-03-15")
    updated = record_followup(
        store,
        minor.uid,
        corrective_action="建立培训台账",
        verified_by="王建国",
        verified_on="2026-03-10",
        evidence="台账第 1-12 页",
        close=True,
    )
    assert updated.closed and updated.correction == "补齐记录" and updated.due_on == "2026-03-15"
    with pytest.raises(InputError, match="closed already"):
        record_followup(store, minor.uid, evidence="x")
    obs = next(f for f in store.findings(earlier) if f["kind"] == "observation")
    with pytest.raises(InputError, match="not a nonconformity"):
        record_followup(store, obs["uid"], correction="x")
    with pytest.raises(sqlite3.IntegrityError, match="add a new entry"):
        store.db.execute("UPDATE finding_followups SET closed = 0")

    later = AuditService(store).create_audit(
        ClientInfo(CLIENT), "surveillance", headcount={"full_time": 40}
    )
    text = carry_into(store, earlier, later)
    assert "closed 2026-03-10 by 王建国: 台账第 1-12 页" in text and "OPEN" in text
    assert store.audit(later)["previous_followup"] == text
    assert carry_into(store, earlier, later) == text  # not doubled
    other = AuditService(store).create_audit(
        ClientInfo("别的公司"), "surveillance", headcount={"full_time": 4}
    )
    with pytest.raises(InputError, match="different clients"):
        carry_into(store, earlier, other)


def test_an_overdue_major_nonconformity_flags_suspension(store):
    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="C-7", trust=K.trust
    )
    special = _audit(store, "special", "2026-05-10", major=True)  # due on its last day
    sign_audit(store, special, K.leader)
    decide(
        store,
        special,
        "rectification_required",
        decided_on="2026-05-20",
        certificate_number="C-7",
    )
    [status] = certificates(store, dt.date(2026, 5, 21))
    assert "major_nc_overdue" in status.cycle.flags and "suspension_due" in status.cycle.flags


def test_cli_followup(db_path, store):
    from tests.conftest import run_cli

    audit_id = _audit(store, "initial", "2026-01-20", major=True)
    [major] = nonconformities(store, audit_id)
    store.close()
    base = ("committee", "followup", "--db", str(db_path), "--audit", str(audit_id))
    refused = run_cli(*base, "--finding", major.uid, "--close", check=False)
    assert refused.returncode != 0 and "needs" in refused.stderr
    run_cli(
        *base,
        "--finding",
        major.uid,
        "--corrective-action",
        "complaint log rebuilt",
        "--verified-by",
        "Wang Jianguo",
        "--verified-on",
        "2026-02-01",
        "--evidence",
        "checked on site",
        "--close",
    )
    [row] = json.loads(run_cli(*base, "--json").stdout)
    assert row["closed"] and row["verified_by"] == "Wang Jianguo"
