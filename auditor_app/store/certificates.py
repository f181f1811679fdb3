"""SQL for the certificate register and the follow-up of nonconformities (issue 11).

Both tables are append-only records (see migration m0006): a change is a new row, written
together with its trail entry in the caller's transaction. The rules (which change is allowed
when) live in `sync.register` and `sync.committee`; this module only reads and writes rows.
"""

from __future__ import annotations

from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import now

Row = dict[str, Any]

EVENT_FIELDS = (
    "certificate_number",
    "event",
    "state",
    "level",
    "scope",
    "client",
    "effective_on",
    "issued_on",
    "expires_on",
    "deadline",
    "reason",
    "audit_id",
    "decision_id",
)

FOLLOWUP_FIELDS = (
    "due_on",
    "correction",
    "corrective_action",
    "verified_by",
    "verified_on",
    "evidence",
    "closed",
)


def add_event(store: AuditStore, values: Row) -> int:
    """One register event, trailed; runs inside the caller's transaction when there is one."""
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise InputError(f"unknown certificate event fields: {', '.join(sorted(unknown))}")
    row = {k: values.get(k) for k in EVENT_FIELDS}
    for key in EVENT_FIELDS:
        if row[key] is None and key not in ("audit_id", "decision_id"):
            row[key] = ""
    with store.transaction():
        cur = store.db.execute(
            f"INSERT INTO certificate_events ({', '.join(EVENT_FIELDS)}, decided_by, "
            f"recorded_at) VALUES ({', '.join('?' * (len(EVENT_FIELDS) + 2))})",
            (*row.values(), store.actor, now()),
        )
        event_id = int(cur.lastrowid or 0)
        number, event = str(row["certificate_number"]), str(row["event"])
        store._log(row["audit_id"], "certificate", event, number, None, row)
    return event_id


def events(store: AuditStore, number: str | None = None) -> list[Row]:
    sql, params = "SELECT * FROM certificate_events", ()
    if number is not None:
        sql, params = sql + " WHERE certificate_number = ?", (number,)  # type: ignore[assignment]
    return list(store.db.query(sql + " ORDER BY id", params))


def events_by_number(store: AuditStore) -> dict[str, list[Row]]:
    """Every certificate's events (as `events(store, number)`), the certificates in the order
    of their first event (as `numbers`): the whole register in one query."""
    found: dict[str, list[Row]] = {}
    for row in store.db.query("SELECT * FROM certificate_events ORDER BY id"):
        found.setdefault(row["certificate_number"], []).append(row)
    return found


def numbers(store: AuditStore) -> list[str]:
    return [
        r["certificate_number"]
        for r in store.db.query(
            "SELECT certificate_number FROM certificate_events GROUP BY certificate_number "
            "ORDER BY MIN(id)"
        )
    ]


# -- follow-up of nonconformities -------------------------------------------------------------
def add_followup(store: AuditStore, finding: Row, values: Row) -> int:
    row = {k: values.get(k, "") for k in FOLLOWUP_FIELDS}
    row["closed"] = 1 if values.get("closed") else 0
    with store.transaction():
        cur = store.db.execute(
            f"INSERT INTO finding_followups (finding_uid, {', '.join(FOLLOWUP_FIELDS)}, "
            f"recorded_by, recorded_at) VALUES ({', '.join('?' * (len(FOLLOWUP_FIELDS) + 3))})",
            (finding["uid"], *row.values(), store.actor, now()),
        )
        store._log(finding["audit_id"], "followup", "finding", finding["uid"], None, row)
    return int(cur.lastrowid or 0)


def latest_followup(store: AuditStore, finding_uid: str) -> Row | None:
    rows = list(
        store.db.query(
            "SELECT * FROM finding_followups WHERE finding_uid = ? ORDER BY id DESC LIMIT 1",
            (finding_uid,),
        )
    )
    return rows[0] if rows else None


def findings_with_followup(store: AuditStore, kinds: tuple[str, ...]) -> list[tuple[Row, Row]]:
    """Every finding of one of `kinds` with its latest follow-up (as `latest_followup`, {} when
    there is none), in the order of the findings: one query for the whole database."""
    marks = ", ".join("?" * len(kinds))
    columns = ", ".join(f"u.{k} AS followup_{k}" for k in ("id", *FOLLOWUP_FIELDS))
    out = []
    for row in store.db.query(
        f"SELECT f.*, {columns} FROM findings f LEFT JOIN finding_followups u ON u.id = "
        "(SELECT MAX(v.id) FROM finding_followups v WHERE v.finding_uid = f.uid) "
        f"WHERE f.kind IN ({marks}) ORDER BY f.audit_id, f.id",
        kinds,
    ):
        finding = {k: v for k, v in row.items() if not k.startswith("followup_")}
        follow = {k: row[f"followup_{k}"] for k in FOLLOWUP_FIELDS}
        out.append((finding, follow if row["followup_id"] is not None else {}))
    return out


def finding_by_uid(store: AuditStore, uid: str) -> Row:
    rows = list(store.db.query("SELECT * FROM findings WHERE uid = ? ORDER BY id", (uid,)))
    if not rows:
        raise InputError(f"there is no finding {uid!r}")
    return rows[-1]
