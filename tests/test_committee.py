"""Committee review: received reports with verification, decisions, the certificate cycle."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, import_package
from auditor_app.sync.committee import certificates, decide, received_reports
from auditor_app.sync.cycle import CycleRules, add_months, compute_cycle, expiry_for
from tests.test_sync_support import session_keys, sign_audit, write_cert

K = session_keys()
D = dt.date


# -- the cycle, pure --------------------------------------------------------------------------
def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    assert add_months(D(2026, 3, 15), -3) == D(2025, 12, 15)


def test_certificate_is_valid_three_years():
    assert expiry_for(D(2026, 12, 1), CycleRules()) == D(2029, 11, 30)


@pytest.mark.parametrize(
    ("today", "surveillances", "window", "flags"),
    [
        (D(2027, 1, 10), [], (D(2027, 9, 1), D(2027, 12, 1)), ()),
        (D(2027, 10, 1), [], (D(2027, 9, 1), D(2027, 12, 1)), ("surveillance_due",)),
        (D(2027, 12, 2), [], (D(2027, 9, 1), D(2027, 12, 1)), ("surveillance_overdue",)),
        # after the first surveillance the window moves on from its date
        (D(2028, 1, 5), [D(2027, 10, 20)], (D(2028, 7, 20), D(2028, 10, 20)), ()),
        # after the second, the next on-site audit is the recertification (apply by 2029-09-01)
        (D(2029, 6, 1), [D(2027, 10, 20), D(2028, 9, 30)], None, ("recertification_due",)),
        (D(2029, 9, 2), [D(2027, 10, 20), D(2028, 9, 30)], None, ("recertification_overdue",)),
        (D(2029, 12, 1), [D(2027, 10, 20), D(2028, 9, 30)], None, ("expired",)),
    ],
)
def test_cycle_windows_and_flags(today, surveillances, window, flags):
    cycle = compute_cycle("C-1", D(2026, 12, 1), D(2029, 11, 30), surveillances, today)
    assert cycle.next_surveillance == window
    assert cycle.flags == flags
    assert cycle.recertification_due == D(2029, 9, 1)
    assert cycle.overdue == any("overdue" in f or f == "expired" for f in flags)


def test_window_and_validity_come_from_settings():
    settings = {"surveillance_window_from_months": "10", "surveillance_window_to_months": "11"}
    rules = CycleRules.from_settings(settings.get)
    cycle = compute_cycle("C", D(2026, 1, 1), D(2028, 12, 31), [], D(2026, 2, 1), rules)
    assert cycle.next_surveillance == (D(2026, 11, 1), D(2026, 12, 1))
    with pytest.raises(InputError, match="whole number"):
        CycleRules.from_settings({"cert_validity_months": "three years"}.get)
    with pytest.raises(InputError, match="window"):
        CycleRules.from_settings({"surveillance_window_from_months": "13"}.get)


# -- the committee's database -----------------------------------------------------------------
@pytest.fixture(scope="module")
def received(tmp_path_factory):
    """A committee database that imported a signed initial audit (demo) and a signed
    surveillance audit of the same client; made once, copied per test."""
    from auditor_app.services.demo import create_demo

    folder = tmp_path_factory.mktemp("committee")
    committee = folder / "committee.sqlite"
    with (
        AuditStore(folder / "leader.sqlite", actor="王建国") as leader,
        AuditStore(committee, actor="评审委员会") as target,
    ):
        initial = create_demo(leader)
        sign_audit(leader, initial, K.leader)
        service = AuditService(leader)
        surveillance = service.create_audit(
            ClientInfo("杭州恒信家电服务有限公司"),
            "surveillance",
            end_date="2027-10-20",
            headcount={"full_time": 240},
        )
        for item in service.scheme(surveillance).items:
            service.record(surveillance, item.id, _conform())
        sign_audit(leader, surveillance, K.leader)
        ids = []
        for audit_id in (initial, surveillance):
            outcome = import_package(
                target, build_package(leader, audit_id, K.leader).data, K.trust
            )
            ids.append(outcome.audit_id)
    return committee, ids


def _conform():
    from auditor_app.core.results import ItemResult

    return ItemResult("conform")


@pytest.fixture
def committee(received, tmp_path):
    path, ids = received
    copy = tmp_path / "committee.sqlite"
    shutil.copyfile(path, copy)
    s = AuditStore(copy, actor="评审委员会")
    yield s, ids
    s.close()


def test_list_shows_verification_client_type_total_level(committee):
    store, (initial, surveillance) = committee
    reports = {r.audit_id: r for r in received_reports(store, [K.ca.certificate])}
    assert set(reports) == {initial, surveillance}
    first = reports[initial]
    assert first.client == "杭州恒信家电服务有限公司" and first.audit_type == "initial"
    assert first.signer == "王建国" and first.trusted and first.intact and first.verified
    assert first.total is not None and first.level and "星" in (first.level_title or "")
    assert first.decision is None
    untrusted = {r.audit_id: r for r in received_reports(store)}[initial]
    assert untrusted.intact and not untrusted.trusted and not untrusted.verified


def test_decisions_and_certificate_cycle(committee):
    store, (initial, surveillance) = committee
    with pytest.raises(InputError, match="certificate number"):
        decide(store, initial, "approve")
    with pytest.raises(InputError, match="not known here"):
        decide(store, surveillance, "approve", certificate_number="CB-2026-001")
    first = decide(
        store, initial, "rectification_required", decided_on="2026-12-01", note="5.1.2.2 整改后再议"
    )
    assert first.certificate_number == "" and first.decided_by == "评审委员会"
    approved = decide(
        store,
        initial,
        "approve",
        decided_on="2026-12-20",
        certificate_number="CB-2026-001",
        trust=K.trust,
    )
    assert (approved.issued_on, approved.expires_on) == ("2026-12-20", "2029-12-19")
    [listed] = [r for r in received_reports(store) if r.audit_id == initial]
    assert listed.decision == approved  # the latest decision counts
    with pytest.raises(InputError, match="issued already"):
        decide(store, initial, "approve", certificate_number="CB-2026-001")

    [status] = certificates(store, D(2027, 12, 21))
    assert status.cycle.flags == ("surveillance_overdue", "suspension_due")
    assert status.cycle.next_surveillance == (D(2027, 9, 20), D(2027, 12, 20))
    # the surveillance (on site 2027-10-20) is approved: the next window starts from it
    decide(
        store,
        surveillance,
        "approve",
        decided_on="2027-11-05",
        certificate_number="CB-2026-001",
        trust=K.trust,
    )
    [status] = certificates(store, D(2027, 12, 21))
    assert status.cycle.surveillances == (D(2027, 10, 20),)
    assert status.cycle.next_surveillance == (D(2028, 7, 20), D(2028, 10, 20))
    assert status.cycle.flags == () and status.to_dict()["certificate"] == "CB-2026-001"
    assert [t["action"] for t in store.trail(initial)[-2:]] == ["certificate", "decide"]


def test_decisions_are_append_only(committee):
    store, (initial, _) = committee
    decide(store, initial, "reject", decided_on="2026-12-01")
    with pytest.raises(sqlite3.IntegrityError, match="add a new decision"):
        store.db.execute("UPDATE committee_decisions SET decision = 'approve'")


def test_decide_needs_a_signed_report(committee):
    store, _ = committee
    draft = AuditService(store).create_audit(ClientInfo("X"), "initial", headcount={"full_time": 5})
    with pytest.raises(InputError, match="no signed report"):
        decide(store, draft, "reject")


def test_cli_committee_list_and_decide(committee, tmp_path):
    from tests.conftest import run_cli

    store, (initial, _) = committee
    db = str(store.path)
    store.close()
    ca = write_cert(K.ca.certificate, tmp_path, "ca")
    run_cli(
        "committee",
        "decide",
        "--db",
        db,
        "--audit",
        str(initial),
        "approve",
        "--certificate",
        "CB-1",
        "--date",
        "2026-12-20",
        "--trust",
        str(ca),
    )
    listing = run_cli("committee", "list", "--db", db, "--trust", str(ca), "--json")
    rows = {r["audit_id"]: r for r in json.loads(listing.stdout)}
    assert rows[initial]["verified"] and rows[initial]["decision"]["certificate_number"] == "CB-1"
    certs = run_cli("committee", "certificates", "--db", db, "--today", "2027-12-21")
    assert "CB-1" in certs.stdout and "surveillance_overdue" in certs.stdout
