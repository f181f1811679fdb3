"""The store methods that sync, the committee and signing write through (issue 10): each
checks what it is given, refuses bad rows with a clear error, and leaves nothing behind."""

from __future__ import annotations

import pytest

from auditor_app.core.errors import InputError, LockedError
from auditor_app.store import committee_rows, journal_rows, sync_rows
from auditor_app.store.db import StoreError
from tests.test_sync_support import dump

FINDING = {
    "uid": "0b6f4f0e-1111-4222-8333-444455556666",
    "item_id": "5.2.3.1",
    "kind": "minor",
    "text": "1 张配送单超时未通知顾客。",
    "evidence": "",
    "rectification": "",
    "deadline": "",
    "created_by": "李晓梅",
    "created_at": "2026-03-02T08:00:00.000000+00:00",
}


def test_a_merged_finding_keeps_its_author_and_time_and_is_trailed(store, audit_id):
    with sync_rows.acting_as(store, "李晓梅"):
        sync_rows.merge_finding(store, audit_id, FINDING)
    (row,) = store.findings(audit_id)
    assert (row["uid"], row["created_by"], row["created_at"]) == (
        FINDING["uid"],
        "李晓梅",
        FINDING["created_at"],
    )
    (entry,) = [r for r in store.trail(audit_id) if r["entity"] == "finding"]
    assert (entry["action"], entry["actor"], entry["entity_key"]) == (
        "create",
        "李晓梅",
        FINDING["uid"],
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "grave"}, "unknown finding kind"),
        ({"item_id": "9.9.9"}, "no item '9.9.9'"),
        ({"deadline": "2026-02-30"}, "real date"),
    ],
    ids=["kind", "item", "deadline"],
)
def test_a_merged_finding_obeys_the_finding_rules(store, audit_id, change, message):
    before = dump(store)
    with pytest.raises((InputError, StoreError), match=message):
        sync_rows.merge_finding(store, audit_id, {**FINDING, **change})
    assert dump(store) == before


def test_presign_confirmations_need_a_reason_and_an_open_audit(store, audit_id):
    before = dump(store)
    with pytest.raises(InputError, match="needs a reason"):
        store.confirm_presign(audit_id, {"C1": "  "})
    assert dump(store) == before
    store.confirm_presign(audit_id, {"C1": "客户书面确认 written confirmation"})
    (entry,) = [r for r in store.trail(audit_id) if r["action"] == "confirm"]
    assert (entry["entity"], entry["entity_key"]) == ("presign", "C1")
    store.lock_with_report(audit_id, b"%PDF-1.7", "0" * 64, "tester")
    with pytest.raises(LockedError):
        store.confirm_presign(audit_id, {"C2": "later"})


def _decision(audit_id: int, **change: str) -> dict:
    values = {
        "audit_id": audit_id,
        "decision": "reject",
        "decided_on": "2026-03-10",
        "certificate_number": "",
        "issued_on": "",
        "expires_on": "",
        "level": "",
        "note": "",
    }
    return {**values, **change}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"decision": "maybe"}, "unknown decision"),
        ({"decided_on": "2026-02-30"}, "decided_on must be a date"),
        ({"issued_on": "not a date"}, "issued_on must be a date"),
    ],
    ids=["decision", "decided_on", "issued_on"],
)
def test_a_committee_decision_row_is_checked(store, audit_id, change, message):
    before = dump(store)
    with pytest.raises(InputError, match=message):
        committee_rows.add_decision(store, _decision(audit_id, **change))
    assert dump(store) == before


def test_a_committee_decision_is_recorded_with_its_trail(store, audit_id):
    seen = []
    row = committee_rows.add_decision(store, _decision(audit_id, note="材料不全"), seen.append)
    assert seen == [row] and row["decided_by"] == "tester" and row["note"] == "材料不全"
    assert committee_rows.decision_rows(store, audit_id) == [row]
    (entry,) = [r for r in store.trail(audit_id) if r["action"] == "decide"]
    assert entry["entity_key"] == str(row["id"])


def test_an_import_log_entry_is_checked(store, audit_id):
    entry = {
        "package_sha256": "a" * 64,
        "kind": "smuggled",
        "result": "merged",
        "audit_id": audit_id,
        "audit_uid": "u",
        "series_uid": "s",
        "revision": 1,
        "sender": "李晓梅",
        "sender_fingerprint": "f",
        "detail": {},
    }
    before = dump(store)
    with pytest.raises(InputError, match="unknown import kind"):
        journal_rows.record_import(store, entry)
    assert dump(store) == before
    journal_rows.record_import(store, {**entry, "kind": "member"})
    (logged,) = journal_rows.import_log(store, audit_id)
    assert (logged["result"], logged["detail"]) == ("merged", {})


def test_a_received_audit_cannot_set_its_own_lock_or_owner(store):
    for column in ("locked", "org_id", "no_such_column"):
        with pytest.raises(InputError, match="cannot set"):
            sync_rows.insert_received_audit(store, {column: 1}, {}, {}, {}, None)


def test_attachment_files_without_their_bytes_are_refused(store):
    before = dump(store)
    with pytest.raises(InputError, match="is missing"):
        sync_rows.add_attachment_files(store, [{"sha256": "b" * 64}], {}, {})
    assert dump(store) == before
