"""The certificate register follows the committee over a whole cycle (issue 11).

initial (five-star) → surveillance at three-star approved → surveillance failed and rejected →
suspended → special audit approved → reinstated → recertification renews; each refusal leaves
the database as it was. Real SQLite file, real signed PDFs verified against the test CA.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from auditor_app.core.errors import InputError
from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.followup import record_followup
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync.certificate_register import act, certificates, history
from auditor_app.sync.committee import decide
from tests.test_sync_support import dump as dump_all
from tests.test_sync_support import session_keys, sign_audit

K = session_keys()
D = dt.date
CLIENT = "杭州恒信家电服务有限公司"


def dump(store: AuditStore) -> list[str]:
    """The database as SQL without the committee list's verdict cache: deciding checks the
    report's signature again and keeps the fresh verdict (with its time) even when the decision
    is refused; the records (decisions, register, trail) must not change."""
    return [line for line in dump_all(store) if 'INSERT INTO "committee_verdicts"' not in line]


def _audit(store, kind, end, *, nonconform=0, specials=0, major=False):
    service = AuditService(store)
    audit_id = service.create_audit(
        ClientInfo(CLIENT), kind, start_date=end, end_date=end, headcount={"full_time": 40}
    )
    items = service.scheme(audit_id).items
    for n, item in enumerate(items):
        service.record(audit_id, item.id, ItemResult("nonconform" if n < nonconform else "conform"))
    for n in range(specials):
        store.add_finding(audit_id, "special_deduction", f"特别扣分 {n + 1}", items[n].id)
    if major:
        store.add_finding(audit_id, "major", "投诉处理无记录", items[0].id, deadline=end)
    return audit_id


def _three_star_nonconformities(store) -> int:
    """How many leading items to mark nonconforming for a total in 80-90 (三星)."""
    service = AuditService(store)
    probe = _audit(store, "surveillance", "2026-10-20")
    items = service.scheme(probe).items
    for n, item in enumerate(items):
        service.record(probe, item.id, ItemResult("nonconform"))
        if service.score(probe).level == "three_star":
            return n + 1
    raise AssertionError("no three-star total reachable")


@pytest.fixture
def store(tmp_path):
    s = AuditStore(tmp_path / "committee.sqlite", actor="评审委员会")
    yield s
    s.close()


def _state(store, number, today):
    [status] = [s for s in certificates(store, today) if s.cycle.number == number]
    return status


def test_a_whole_cycle(store):
    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    five = AuditService(store).score(initial).level
    decide(
        store,
        initial,
        "approve",
        decided_on="2026-02-01",
        certificate_number="C-1",
        trust=K.trust,
        outstanding="各项指标均远超要求",
    )
    status = _state(store, "C-1", D(2026, 3, 1))
    assert (status.state, status.level) == ("valid", five)
    assert "Outstanding results" in history(store, "C-1")[0]["reason"]

    # surveillance at a lower level: the register takes the level found
    n = _three_star_nonconformities(store)
    first = _audit(store, "surveillance", "2026-10-20", nonconform=n)
    sign_audit(store, first, K.leader)
    found = AuditService(store).score(first).level
    assert found != five
    decide(
        store, first, "approve", decided_on="2026-11-01", certificate_number="C-1", trust=K.trust
    )
    status = _state(store, "C-1", D(2026, 11, 2))
    assert (status.state, status.level) == ("valid", found)

    # a failed surveillance cannot be approved; rejecting it suspends with a deadline
    failed = _audit(store, "surveillance", "2027-08-20", specials=5)
    sign_audit(store, failed, K.leader)
    before = dump(store)
    with pytest.raises(InputError, match="failed"):
        decide(
            store,
            failed,
            "approve",
            decided_on="2027-09-01",
            certificate_number="C-1",
            trust=K.trust,
        )
    assert dump(store) == before
    decide(
        store,
        failed,
        "reject",
        decided_on="2027-09-01",
        certificate_number="C-1",
        note="五项特别扣分，不合格",
    )
    status = _state(store, "C-1", D(2027, 9, 2))
    assert status.state == "suspended" and status.register.deadline == D(2028, 3, 1)
    assert "suspended" in status.cycle.flags and "withdrawal_due" not in status.cycle.flags
    assert "withdrawal_due" in _state(store, "C-1", D(2028, 3, 2)).cycle.flags

    # a special audit reinstates it; a surveillance would not
    special = _audit(store, "special", "2027-11-10")
    sign_audit(store, special, K.leader)
    decide(
        store,
        special,
        "approve",
        decided_on="2027-11-20",
        certificate_number="C-1",
        trust=K.trust,
        note="整改有效",
    )
    status = _state(store, "C-1", D(2027, 11, 21))
    assert (status.state, status.level) == ("valid", five)

    # recertification renews under the same number
    recert = _audit(store, "recertification", "2028-10-01")
    sign_audit(store, recert, K.leader)
    decide(
        store, recert, "approve", decided_on="2028-10-15", certificate_number="C-1", trust=K.trust
    )
    status = _state(store, "C-1", D(2028, 10, 16))
    assert status.state == "valid" and status.cycle.issued_on == D(2028, 10, 15)
    events = [e["event"] for e in history(store, "C-1")]
    assert events == ["issued", "surveillance", "suspended", "reinstated", "recertified"]
    assert all(e["decided_by"] == "评审委员会" and e["reason"] for e in history(store, "C-1"))
    with pytest.raises(sqlite3.IntegrityError, match="add an event"):
        store.db.execute("DELETE FROM certificate_events")


def test_refusals_change_nothing(store):
    initial = _audit(store, "initial", "2026-01-20", major=True)
    sign_audit(store, initial, K.leader)
    before = dump(store)
    with pytest.raises(InputError, match="does not verify"):
        decide(store, initial, "approve", decided_on="2026-02-01", certificate_number="C-2")
    with pytest.raises(InputError, match="does not verify"):
        decide(
            store,
            initial,
            "approve",
            decided_on="2026-02-01",
            certificate_number="C-2",
            trust=[K.stranger_ca.certificate],
        )
    with pytest.raises(InputError, match="major nonconformit"):
        decide(
            store,
            initial,
            "approve",
            decided_on="2026-02-01",
            certificate_number="C-2",
            trust=K.trust,
        )
    with pytest.raises(InputError, match="lasted until 2026-01-20"):
        decide(
            store,
            initial,
            "approve",
            decided_on="2026-01-10",
            certificate_number="C-2",
            trust=K.trust,
        )
    assert dump(store) == before
    [major] = [f for f in store.findings(initial) if f["kind"] == "major"]
    with pytest.raises(InputError, match="who verified it"):
        record_followup(store, major["uid"], corrective_action="补建投诉台账", close=True)
    record_followup(
        store,
        major["uid"],
        corrective_action="补建投诉台账",
        verified_by="王建国",
        verified_on="2026-01-30",
        evidence="台账 2026-01 抽查 10 条",
        close=True,
    )
    decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="C-2", trust=K.trust
    )
    assert _state(store, "C-2", D(2026, 3, 1)).state == "valid"


def test_a_report_dated_before_the_audit_is_not_approved(store):
    audit_id = _audit(store, "initial", "2026-06-20")
    sign_audit(store, audit_id, K.leader, dt.datetime(2026, 6, 4, 10, 0).astimezone())
    with pytest.raises(InputError, match="dated 2026-06-04, before the audit's last day"):
        decide(
            store,
            audit_id,
            "approve",
            decided_on="2026-07-01",
            certificate_number="C-3",
            trust=K.trust,
        )


def test_committee_actions_need_a_reason_and_follow_the_state(store):
    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="C-4", trust=K.trust
    )
    assert "suspension_due" in _state(store, "C-4", D(2027, 2, 2)).cycle.flags  # overdue
    with pytest.raises(InputError, match="reason"):
        act(store, "C-4", "suspend", reason=" ", on=D(2027, 2, 2))
    act(store, "C-4", "reduce-scope", reason="撤销安装服务", on=D(2026, 6, 1), scope="家电维修")
    act(store, "C-4", "suspend", reason="监督审核逾期", on=D(2027, 2, 2))
    assert _state(store, "C-4", D(2027, 2, 3)).register.scope == "家电维修"
    act(store, "C-4", "withdraw", reason="暂停期满未恢复", on=D(2027, 8, 3))
    with pytest.raises(InputError, match="withdrawn"):
        act(store, "C-4", "suspend", reason="x", on=D(2027, 9, 1))
    status = _state(store, "C-4", D(2027, 9, 1))
    assert status.state == "withdrawn" and status.cycle.flags == ()


def test_cli_history_and_act(store, tmp_path):
    from tests.conftest import run_cli

    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="C-5", trust=K.trust
    )
    db = str(store.path)
    store.close()
    run_cli(
        "committee",
        "act",
        "--db",
        db,
        "C-5",
        "suspend",
        "--reason",
        "client asked to suspend",
        "--date",
        "2026-05-01",
    )
    out = run_cli("committee", "history", "--db", db, "C-5").stdout
    assert "issued" in out and "suspended" in out and "client asked to suspend" in out
    certs = run_cli("committee", "certificates", "--db", db, "--today", "2026-05-02").stdout
    assert "SUSPENDED until 2026-11-01" in certs
    refused = run_cli(
        "committee", "act", "--db", db, "C-5", "suspend", "--reason", "x", check=False
    )
    assert refused.returncode != 0 and "suspended" in refused.stderr


def test_stars_wait_a_year_unless_the_results_are_outstanding(store):
    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    assert AuditService(store).score(initial).level == "five_star"
    held = decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="C-6", trust=K.trust
    )
    assert held.level == "compliant" and "needs 12 months" in held.note
    # a surveillance after a year at 达标 gets the stars it found
    later = _audit(store, "surveillance", "2027-01-25")
    sign_audit(store, later, K.leader)
    granted = decide(
        store, later, "approve", decided_on="2027-02-05", certificate_number="C-6", trust=K.trust
    )
    assert granted.level == "five_star"
    assert _state(store, "C-6", D(2027, 2, 6)).level == "five_star"


def test_level_condition_is_validated_in_the_scheme(tmp_path):
    from auditor_app.core.errors import ValidationError
    from auditor_app.core.scheme import load_scheme
    from tests.conftest import DEFAULT_SCHEME

    scheme = load_scheme(DEFAULT_SCHEME)
    assert [lv.min_months_certified for lv in scheme.levels] == [None, None, 12, 12, 12]
    text = DEFAULT_SCHEME.read_text(encoding="utf-8").replace(
        "min_months_certified = 12", 'min_months_certified = "a year"', 1
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="min_months_certified must be a whole number"):
        load_scheme(bad)


def test_the_cycle_through_the_cli(store, tmp_path):
    """The committee's script: each step through `auditor-app committee`, the register's
    state checked after each one."""
    import json

    from tests.conftest import run_cli
    from tests.test_sync_support import write_cert

    n = _three_star_nonconformities(store)
    audits = {
        "initial": _audit(store, "initial", "2026-01-20"),
        "first": _audit(store, "surveillance", "2026-10-20", nonconform=n),
        "failed": _audit(store, "surveillance", "2027-08-20", specials=5),
        "special": _audit(store, "special", "2027-11-10"),
        "recert": _audit(store, "recertification", "2028-10-01"),
    }
    for audit_id in audits.values():
        sign_audit(store, audit_id, K.leader)
    db = str(store.path)
    store.close()
    ca = str(write_cert(K.ca.certificate, tmp_path, "ca"))

    def decide_cli(key, decision, on, *extra):
        args = ["committee", "decide", "--db", db, "--audit", str(audits[key]), decision]
        run_cli(*args, "--date", on, "--certificate", "C-9", "--trust", ca, *extra)

    def state(today):
        out = run_cli("committee", "certificates", "--db", db, "--today", today, "--json")
        [cert] = json.loads(out.stdout)
        return cert["state"], cert["level"]

    decide_cli(
        "initial", "approve", "2026-02-01", "--outstanding", "outstanding complaint handling"
    )
    assert state("2026-02-02") == ("valid", "five_star")
    decide_cli("first", "approve", "2026-11-01")
    assert state("2026-11-02") == ("valid", "three_star")
    decide_cli("failed", "reject", "2027-09-01", "--note", "failed: 5 special deductions")
    assert state("2027-09-02") == ("suspended", "three_star")
    refused = run_cli(
        "committee",
        "decide",
        "--db",
        db,
        "--audit",
        str(audits["special"]),
        "approve",
        "--certificate",
        "C-9",
        "--date",
        "2027-11-20",
        check=False,
    )  # no trusted certificate given or saved: refused, nothing recorded
    assert refused.returncode != 0 and "does not verify" in refused.stderr
    assert state("2027-11-21") == ("suspended", "three_star")
    decide_cli("special", "approve", "2027-11-20")
    assert state("2027-11-21") == ("valid", "five_star")
    decide_cli("recert", "approve", "2028-10-15")
    assert state("2028-10-16") == ("valid", "five_star")
    history = run_cli("committee", "history", "--db", db, "C-9").stdout
    for event in ("issued", "surveillance", "suspended", "reinstated", "recertified"):
        assert event in history


def test_decisions_made_before_the_register_are_carried_into_it(tmp_path):
    path = tmp_path / "old.sqlite"
    with AuditStore(path, actor="评审委员会") as old:
        initial = _audit(old, "initial", "2026-01-20")
        sign_audit(old, initial, K.leader)
        decide(
            old,
            initial,
            "approve",
            decided_on="2026-02-01",
            certificate_number="C-8",
            trust=K.trust,
            outstanding="成绩特别显著",
        )
        # back to the schema before the register: its tables gone, its migration not applied
        old.db.executescript(
            "DROP TABLE certificate_events; DROP TABLE finding_followups; "
            "DELETE FROM _sqlite_migrations WHERE name = 'm0006_cert_certificate_register';"
        )
    with AuditStore(path) as store:
        [event] = history(store, "C-8")
        assert (event["event"], event["state"], event["level"]) == ("issued", "valid", "five_star")
        assert _state(store, "C-8", D(2026, 3, 1)).state == "valid"
    with AuditStore(path) as store, pytest.raises(InputError, match="not in the register"):
        decide(store, initial, "reject", decided_on="2026-03-01", certificate_number="C-X")


def test_an_expired_certificate_is_renewed_only_by_recertification(store):
    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="C-10", trust=K.trust
    )
    late = _audit(store, "surveillance", "2029-03-01")
    sign_audit(store, late, K.leader)
    before = dump(store)
    with pytest.raises(InputError, match="expired on 2029-01-31"):
        decide(
            store,
            late,
            "approve",
            decided_on="2029-03-05",
            certificate_number="C-10",
            trust=K.trust,
        )
    assert dump(store) == before
    assert _state(store, "C-10", D(2029, 3, 5)).state == "expired"


def test_a_recertification_under_a_new_number_replaces_the_old(store):
    initial = _audit(store, "initial", "2026-01-20")
    sign_audit(store, initial, K.leader)
    decide(
        store, initial, "approve", decided_on="2026-02-01", certificate_number="OLD", trust=K.trust
    )
    recert = _audit(store, "recertification", "2028-10-01")
    sign_audit(store, recert, K.leader)
    before = dump(store)
    with pytest.raises(InputError, match="--replaces"):
        decide(
            store,
            recert,
            "approve",
            decided_on="2028-10-15",
            certificate_number="NEW",
            trust=K.trust,
        )
    assert dump(store) == before
    granted = decide(
        store,
        recert,
        "approve",
        decided_on="2028-10-15",
        certificate_number="NEW",
        trust=K.trust,
        replaces="OLD",
    )
    assert granted.level == "five_star"  # certified since 2026 under the old number
    states = {s.cycle.number: s.state for s in certificates(store, D(2028, 10, 16))}
    assert states == {"OLD": "replaced", "NEW": "valid"}
    assert "replaced by certificate NEW" in history(store, "OLD")[-1]["reason"]


def test_the_list_reads_in_bulk_what_each_certificate_reads_on_its_own(store):
    """`certificates` reads the whole register in a few queries; each row must be what
    `certificate` (that certificate's own queries) says, in every state and with the open
    major nonconformities of the audits a decision or an event links to it."""
    from auditor_app.services.followup import nonconformities
    from auditor_app.services.package_jobs import _certificate_rows
    from auditor_app.store import certificates as rows
    from auditor_app.store import committee_rows
    from auditor_app.sync.certificate_register import certificate
    from auditor_app.sync.cycle import CycleRules, expiry_for

    def event(number, kind, state, audit_id, on, **extra):
        values = {"certificate_number": number, "event": kind, "state": state, "level": "L"}
        values |= {"client": CLIENT, "effective_on": on, "audit_id": audit_id, "reason": "r"}
        rows.add_event(store, values | extra)

    def issue(number, on, audit_id=None, **extra):
        audit_id = audit_id or _audit(store, "initial", on)
        expires = expiry_for(D.fromisoformat(on), CycleRules()).isoformat()
        event(number, "issued", "valid", audit_id, on, issued_on=on, expires_on=expires, **extra)
        return audit_id

    def decision(audit_id, verdict, number, on):
        values = {"audit_id": audit_id, "decision": verdict, "decided_on": on, "note": ""}
        values |= {"certificate_number": number, "issued_on": "", "expires_on": "", "level": ""}
        committee_rows.add_decision(store, values)

    # valid, a surveillance done; an open major past its due date on its initial audit
    first = issue("V-LATE", "2026-01-15")
    store.add_finding(first, "major", "无投诉记录", deadline="2026-03-01")
    watched = _audit(store, "surveillance", "2027-01-10")
    event("V-LATE", "surveillance", "valid", watched, "2027-01-20")
    decision(watched, "approve", "V-LATE", "2027-01-20")
    # valid; its major closed, another's due date moved on by the follow-up
    closed = issue("V-CLOSED", "2026-02-15")
    store.add_finding(closed, "major", "已整改", deadline="2026-03-01")
    store.add_finding(closed, "major", "延期整改", deadline="2026-03-01")
    done, moved = nonconformities(store, closed)
    record_followup(store, moved.uid, due_on="2026-04-01", correction="部分整改")
    record_followup(store, moved.uid, due_on="2028-12-31")  # the latest counts
    record_followup(
        store,
        done.uid,
        corrective_action="补建台账",
        verified_by="王建国",
        verified_on="2026-02-20",
        evidence="台账复印件",
        close=True,
    )
    # valid; an open major on an audit only a (rejected) decision links to it
    issue("V-DECIDED", "2026-03-15")
    linked = _audit(store, "special", "2026-05-10", major=True)
    decision(linked, "reject", "V-DECIDED", "2026-05-20")
    # suspended; withdrawn; replaced by a new number; expired; a reduced scope
    issue("S-1", "2026-01-10")
    event("S-1", "suspended", "suspended", None, "2026-06-01", deadline="2026-12-01")
    issue("W-1", "2026-01-10")
    event("W-1", "withdrawn", "withdrawn", None, "2026-07-01")
    issue("OLD-1", "2023-05-10")
    renewed = issue("NEW-1", "2026-04-01")
    event("OLD-1", "replaced", "replaced", renewed, "2026-04-01")
    issue("E-1", "2022-01-10")
    issue("R-1", "2026-02-01", level="four_star")
    event("R-1", "scope_reduced", "valid", None, "2026-08-01", scope="空调销售", level="four_star")

    seen = set()
    for today in (D(2026, 5, 1), D(2026, 9, 1), D(2027, 2, 1), D(2027, 6, 1), D(2028, 1, 1)):
        listed = certificates(store, today)
        assert len(listed) == 9
        assert listed == [certificate(store, s.cycle.number, today) for s in listed]
        seen |= {(s.cycle.number, s.state) for s in listed}
        seen |= {(s.cycle.number, flag) for s in listed for flag in s.cycle.flags}
    assert {
        ("V-LATE", "major_nc_overdue"),
        ("V-DECIDED", "major_nc_overdue"),
        ("S-1", "suspended"),
        ("S-1", "withdrawal_due"),
        ("W-1", "withdrawn"),
        ("OLD-1", "replaced"),
        ("E-1", "expired"),
        ("R-1", "valid"),
    } <= seen
    assert ("V-CLOSED", "major_nc_overdue") not in seen
    assert certificate(store, "NO-SUCH", D(2027, 1, 1)) is None
    # the committee view's rows: the level's title from the scheme of the certificate's audit
    titles = {r.status.cycle.number: r.level_title for r in _certificate_rows(store, listed)}
    assert titles["R-1"] == "四星级 / Four-star" and titles["S-1"] == "L"
