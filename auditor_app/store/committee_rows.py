"""SQL for the review committee: its decisions (append-only, the latest counts) and the
queries the certificate register needs across decisions, events and audits.

The rules (who may decide what, when) live in `sync.committee`; this module checks the shape
of a decision row and writes it with its trail entry in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import now

Row = dict[str, Any]

DECISIONS = ("approve", "reject", "rectification_required")


def decision_rows(store: AuditStore, audit_id: int | None = None) -> list[Row]:
    sql = "SELECT * FROM committee_decisions"
    params: tuple[Any, ...] = ()
    if audit_id is not None:
        sql, params = sql + " WHERE audit_id = ?", (audit_id,)
    return list(store.db.query(sql + " ORDER BY id", params))


def decision_row(store: AuditStore, decision_id: int) -> Row:
    rows = list(store.db.query("SELECT * FROM committee_decisions WHERE id = ?", (decision_id,)))
    if not rows:
        raise InputError(f"there is no committee decision {decision_id}")
    return rows[0]


def last_issuance(store: AuditStore, number: str) -> Row | None:
    """The decision that last issued (or renewed) certificate `number`."""
    rows = list(
        store.db.query(
            "SELECT * FROM committee_decisions WHERE certificate_number = ? AND decision = "
            "'approve' AND issued_on <> '' ORDER BY issued_on DESC, id DESC LIMIT 1",
            (number,),
        )
    )
    return rows[0] if rows else None


def last_decision_on(store: AuditStore, number: str) -> str:
    """The latest decision ('' when none) that named certificate `number`."""
    rows = list(
        store.db.query(
            "SELECT decision FROM committee_decisions WHERE certificate_number = ? "
            "ORDER BY id DESC LIMIT 1",
            (number,),
        )
    )
    return str(rows[0]["decision"]) if rows else ""


def last_decisions_by_certificate(store: AuditStore) -> dict[str, str]:
    """`last_decision_on` of every certificate a decision named, in one query."""
    return {
        str(r["certificate_number"]): str(r["decision"])
        for r in store.db.query(
            "SELECT certificate_number, decision FROM committee_decisions WHERE id IN "
            "(SELECT MAX(id) FROM committee_decisions WHERE certificate_number <> '' "
            "GROUP BY certificate_number)"
        )
    }


def signed_audits(store: AuditStore) -> list[Row]:
    """Every signed audit with a report: id, uid, series_uid, revision, audit_type,
    report_number, end_date, client and the newest revision of its series; latest first."""
    return list(
        store.db.query(
            "SELECT a.id, a.uid, a.series_uid, a.revision, a.audit_type, a.report_number, "
            "a.end_date, o.name AS client, (SELECT MAX(b.revision) FROM audits b "
            "WHERE b.series_uid = a.series_uid) AS newest "
            "FROM audits a JOIN organisations o ON o.id = a.org_id "
            "WHERE a.locked = 1 AND EXISTS (SELECT 1 FROM reports r WHERE r.audit_id = a.id) "
            "ORDER BY a.end_date DESC, a.id DESC"
        )
    )


def newest_revision(store: AuditStore, series_uid: str) -> int:
    rows = list(
        store.db.query("SELECT MAX(revision) AS n FROM audits WHERE series_uid = ?", (series_uid,))
    )
    return int(rows[0]["n"] or 0) if rows else 0


def audits_of_certificate(store: AuditStore, number: str) -> list[int]:
    """Audits that a decision or a register event links to certificate `number`."""
    return [
        r["audit_id"]
        for r in store.db.query(
            "SELECT DISTINCT audit_id FROM committee_decisions WHERE certificate_number = ? "
            "UNION SELECT DISTINCT audit_id FROM certificate_events WHERE certificate_number = ? "
            "AND audit_id IS NOT NULL",
            (number, number),
        )
    ]


def surveillance_days(store: AuditStore, number: str) -> list[Row]:
    """{decided_on, end_date, start_date} of each surveillance recorded on `number`."""
    return list(
        store.db.query(
            "SELECT e.effective_on AS decided_on, a.end_date, a.start_date FROM "
            "certificate_events e JOIN audits a ON a.id = e.audit_id WHERE "
            "e.certificate_number = ? AND e.event = 'surveillance'",
            (number,),
        )
    )


def audits_by_certificate(store: AuditStore) -> dict[str, set[int]]:
    """`audits_of_certificate` of every certificate, in one query."""
    found: dict[str, set[int]] = {}
    for r in store.db.query(
        "SELECT certificate_number, audit_id FROM committee_decisions "
        "WHERE certificate_number <> '' UNION SELECT certificate_number, audit_id "
        "FROM certificate_events WHERE audit_id IS NOT NULL"
    ):
        found.setdefault(str(r["certificate_number"]), set()).add(r["audit_id"])
    return found


def surveillance_days_by_certificate(store: AuditStore) -> dict[str, list[Row]]:
    """`surveillance_days` of every certificate that has one, in one query."""
    found: dict[str, list[Row]] = {}
    for r in store.db.query(
        "SELECT e.certificate_number, e.effective_on AS decided_on, a.end_date, a.start_date "
        "FROM certificate_events e JOIN audits a ON a.id = e.audit_id "
        "WHERE e.event = 'surveillance' ORDER BY e.id"
    ):
        number = str(r.pop("certificate_number"))
        found.setdefault(number, []).append(r)
    return found


def scheme_of_audits(store: AuditStore, audit_ids: set[int]) -> dict[int, str]:
    """The scheme hash of each of `audit_ids` that exists."""
    ids = sorted(audit_ids)
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        for r in store.db.query(
            f"SELECT id, scheme_hash FROM audits WHERE id IN ({', '.join('?' * len(chunk))})",
            tuple(chunk),
        ):
            found[int(r["id"])] = str(r["scheme_hash"])
    return found


def add_decision(
    store: AuditStore, values: Row, follow: Callable[[Row], None] | None = None
) -> Row:
    """Record one decision (audit_id, decision, decided_on, certificate_number, issued_on,
    expires_on, level, note), trailed; `follow(recorded row)` runs in the same transaction
    before the trail entry (the certificate register follows the decision). Returns the row."""
    if values["decision"] not in DECISIONS:
        raise InputError(f"unknown decision {values['decision']!r} (one of {', '.join(DECISIONS)})")
    for key in ("decided_on", "issued_on", "expires_on"):
        if key == "decided_on" or values[key]:
            try:
                dt.date.fromisoformat(str(values[key]))
            except ValueError:
                raise InputError(
                    f"the decision's {key} must be a date YYYY-MM-DD, got {values[key]!r}"
                ) from None
    audit_id = int(values["audit_id"])
    with store.transaction():
        audit = store.audit(audit_id)
        cur = store.db.execute(
            "INSERT INTO committee_decisions (audit_id, audit_uid, decision, decided_on, "
            "certificate_number, issued_on, expires_on, level, note, decided_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                audit_id,
                audit["uid"],
                values["decision"],
                values["decided_on"],
                values["certificate_number"],
                values["issued_on"],
                values["expires_on"],
                values["level"],
                values["note"],
                store.actor,
                now(),
            ),
        )
        decision_id = int(cur.lastrowid or 0)
        if follow is not None:
            follow(decision_row(store, decision_id))
        store._log(
            audit_id,
            "decide",
            "committee",
            str(decision_id),
            None,
            {
                "decision": values["decision"],
                "certificate": values["certificate_number"],
                "issued_on": values["issued_on"],
                "expires_on": values["expires_on"],
                "note": values["note"],
            },
        )
    return decision_row(store, decision_id)
