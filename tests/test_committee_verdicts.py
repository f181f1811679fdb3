"""Stored signature verdicts of received reports (issue 14, committee scale).

Real committee databases (a signed package imported for real), real PDFs verified: the
verdict is stored at import, read as stale when the trust list changes, checked again for the
report the reviewer opens and by every decision, filled in for databases from before, and a
failed import leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.audits import AuditService
from auditor_app.store import committee_verdicts as verdict_rows
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.backup import list_backups
from auditor_app.sync import build_package, import_package
from auditor_app.sync.committee import decide, received_report, received_reports
from auditor_app.sync.committee_verdicts import check_unchecked, trust_key
from tests.test_sync_support import session_keys, sign_audit

K = session_keys()


@pytest.fixture(scope="module")
def received(tmp_path_factory):
    """A committee database that imported the signed demo audit; made once, copied per test."""
    from auditor_app.services.demo import create_demo

    folder = tmp_path_factory.mktemp("verdicts")
    committee = folder / "committee.sqlite"
    with (
        AuditStore(folder / "leader.sqlite", actor="王建国") as leader,
        AuditStore(committee, actor="评审委员会") as target,
    ):
        audit_id = create_demo(leader)
        sign_audit(leader, audit_id, K.leader)
        package = build_package(leader, audit_id, K.leader).data
        outcome = import_package(target, package, K.trust)
        assert outcome.status == "imported", outcome.reason
    return committee, outcome.audit_id, package


@pytest.fixture
def committee(received, tmp_path):
    path, audit_id, _package = received
    copy = tmp_path / "committee.sqlite"
    shutil.copyfile(path, copy)
    store = AuditStore(copy, actor="评审委员会")
    yield store, audit_id
    store.close()


def test_verdict_and_score_are_stored_at_import(committee):
    store, audit_id = committee
    stored = verdict_rows.verdict(store, audit_id)
    assert stored is not None
    assert stored["verified"] and stored["trusted"] and stored["intact"]
    assert stored["signer"] == "王建国" and stored["trust_key"] == trust_key(K.trust)
    score = AuditService(store).score(audit_id)
    assert stored["total"] == str(score.total) and stored["level"] == score.level
    assert "星" in stored["level_title"]
    # the list reads it as it is, checking nothing (no refresh)
    [row] = received_reports(store, K.trust, refresh=False)
    assert row.verified and row.trusted and not row.stale
    assert row.verified_at == stored["verified_at"] and row.total == str(score.total)


def test_the_list_shows_the_stored_verdict_without_verifying(committee):
    store, audit_id = committee
    # a stored verdict that says "not verified" for a report that does verify: the list shows
    # what is stored (it does not verify on open) ...
    stored = verdict_rows.verdict(store, audit_id)
    verdict_rows.save_verdict(
        store,
        audit_id,
        {**stored, "verified": False, "trusted": False},
    )
    [listed] = received_reports(store, K.trust, refresh=False)
    assert not listed.verified and not listed.stale
    # ... and opening the report verifies it again and keeps the fresh verdict
    opened = received_report(store, audit_id, K.trust)
    assert opened.verified and opened.trusted
    assert verdict_rows.verdict(store, audit_id)["verified"] is True
    assert opened.verified_at >= stored["verified_at"]


def test_a_changed_trust_list_makes_stored_verdicts_stale(committee):
    store, audit_id = committee
    [listed] = received_reports(store, [], refresh=False)
    assert listed.stale and not listed.verified and not listed.trusted
    assert "another trust list" in listed.problems[0]
    # the background pass checks it against the new list: untrusted now, and current
    assert check_unchecked(store, [], limit=10) == [audit_id]
    assert check_unchecked(store, [], limit=10) == []
    [again] = received_reports(store, [], refresh=False)
    assert not again.stale and again.intact and not again.trusted and not again.verified
    # back to the CB's list: stale again, and the CLI's list (refresh) checks it at once
    [cli] = received_reports(store, K.trust)
    assert not cli.stale and cli.verified


def test_trust_key_names_the_certificates_not_their_order_or_form(tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = tmp_path / "ca.pem"
    pem.write_bytes(K.ca.certificate.public_bytes(Encoding.PEM))
    der = K.ca.certificate.public_bytes(Encoding.DER)
    assert trust_key([K.ca.certificate]) == trust_key([der])
    assert trust_key([K.ca.certificate, K.leader.certificate]) == trust_key(
        [K.leader.certificate, K.ca.certificate]
    )
    assert trust_key([]) != trust_key([K.ca.certificate])
    assert trust_key([pem]) != trust_key([]) and trust_key([str(pem)]) == trust_key([pem])


def test_a_decision_never_rests_on_the_stored_verdict(committee):
    store, audit_id = committee
    # stored "verified" (against the CB's list) does not let an approval through without it
    with pytest.raises(InputError, match="does not verify"):
        decide(store, audit_id, "approve", certificate_number="C-1", trust=[])
    # the decision checked the report again and kept what it found
    stored = verdict_rows.verdict(store, audit_id)
    assert stored["trust_key"] == trust_key([]) and stored["verified"] is False


def test_database_from_before_verdicts_fills_them_lazily(committee):
    store, audit_id = committee
    store.db.execute("DELETE FROM committee_verdicts")  # as a database migrated from m0008
    [listed] = received_reports(store, K.trust, refresh=False)
    assert listed.stale and listed.verified_at is None and listed.total is None
    assert listed.problems[0] == "not verified yet"
    assert verdict_rows.unchecked_ids(store, trust_key(K.trust)) == [audit_id]
    assert check_unchecked(store, K.trust, limit=1) == [audit_id]
    [filled] = received_reports(store, K.trust, refresh=False)
    assert filled.verified and not filled.stale and filled.total is not None


def test_save_verdict_refuses_a_malformed_row(committee):
    store, audit_id = committee
    good = verdict_rows.verdict(store, audit_id)
    with pytest.raises(InputError, match="problems"):
        verdict_rows.save_verdict(store, audit_id, {**good, "problems": "text"})
    with pytest.raises(InputError, match="verified"):
        verdict_rows.save_verdict(store, audit_id, {**good, "verified": 1})
    with pytest.raises(InputError, match="trust list"):
        verdict_rows.save_verdict(store, audit_id, {**good, "trust_key": ""})
    assert verdict_rows.verdict(store, audit_id) == good


def _db_digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()
    finally:
        conn.close()


def test_a_failing_import_leaves_the_database_unchanged(received, tmp_path):
    _path, _audit_id, package = received
    # a fresh committee database whose verdict table refuses every row: the import fails in
    # its last step, inside the transaction
    target = tmp_path / "fresh.sqlite"
    AuditStore(target).close()
    conn = sqlite3.connect(target)
    conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON committee_verdicts "
        "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
    )
    conn.commit()
    conn.close()
    before = _db_digest(target)
    with AuditStore(target, actor="评审委员会") as store:
        outcome = import_package(store, package, K.trust)
    assert outcome.refused and outcome.code == "database", outcome
    assert _db_digest(target) == before


def test_import_backs_up_only_when_the_newest_backup_is_old(received, tmp_path):
    _path, _audit_id, package = received
    target = tmp_path / "committee.sqlite"
    AuditStore(target).close()
    with AuditStore(target, actor="评审委员会") as store:
        first = import_package(store, package, K.trust)
        assert first.status == "imported" and first.backup
        assert [b.path for b in list_backups(target)] == [Path(first.backup)]
    # a second import within the interval names that backup as its restore point
    with (
        AuditStore(tmp_path / "leader2.sqlite", actor="王建国") as leader,
        AuditStore(target, actor="评审委员会") as store,
    ):
        from auditor_app.services.demo import create_demo

        other = create_demo(leader)
        sign_audit(leader, other, K.leader)
        second = import_package(store, build_package(leader, other, K.leader).data, K.trust)
        assert second.status == "imported" and second.backup == first.backup
        assert len(list_backups(target)) == 1
        # 0 hours: a backup before every import, as before
        store.set_setting("import_backup_hours", "0")
        third_id = create_demo(leader)
        sign_audit(leader, third_id, K.leader)
        third = import_package(store, build_package(leader, third_id, K.leader).data, K.trust)
        assert third.status == "imported" and third.backup != first.backup
        assert len(list_backups(target)) == 2
    with AuditStore(target) as store, pytest.raises(InputError):
        store.set_setting("import_backup_hours", "-1")


def test_verified_at_is_a_utc_time(committee):
    store, audit_id = committee
    at = dt.datetime.fromisoformat(verdict_rows.verdict(store, audit_id)["verified_at"])
    assert at.tzinfo is not None and at.utcoffset() == dt.timedelta(0)
