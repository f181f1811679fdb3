"""SQL for the committee list at scale: stored verdicts and the whole list in few queries.

A stored verdict (`committee_verdicts`, one row per signed audit) is the signature check and
score of the audit's report, worked out once; `sync.committee_verdicts` decides when to work
it out again. The list itself is read with one query (plus one for the latest decisions and
one for the open nonconformities), never one query per report.
"""

from __future__ import annotations

import json
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import now

Row = dict[str, Any]

_VERDICT_COLUMNS = (
    "signer",
    "trusted",
    "intact",
    "verified",
    "problems",
    "total",
    "level",
    "level_title",
    "trust_key",
    "verified_at",
)


def save_verdict(store: AuditStore, audit_id: int, values: Row) -> None:
    """Store (or replace) the verdict on audit `audit_id`'s report; `problems` a list of text.

    A cache of what the PDF and the scores say, not a change of the audit: no trail entry (the
    trail records the decision, which re-checks the report itself)."""
    problems = values.get("problems", [])
    if not isinstance(problems, list) or not all(isinstance(p, str) for p in problems):
        raise InputError("a verdict's problems must be a list of sentences")
    for key in ("trusted", "intact", "verified"):
        if not isinstance(values.get(key), bool):
            raise InputError(f"a verdict's {key} must be true or false")
    if not str(values.get("trust_key", "")):
        raise InputError("a verdict must say which trust list it was checked against")
    row = {
        "signer": values.get("signer"),
        "trusted": int(values["trusted"]),
        "intact": int(values["intact"]),
        "verified": int(values["verified"]),
        "problems": json.dumps(problems, ensure_ascii=False),
        "total": values.get("total"),
        "level": values.get("level"),
        "level_title": values.get("level_title"),
        "trust_key": str(values["trust_key"]),
        "verified_at": str(values.get("verified_at") or now()),
    }
    with store.transaction():
        store.db.execute(
            f"INSERT OR REPLACE INTO committee_verdicts (audit_id, {', '.join(_VERDICT_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(_VERDICT_COLUMNS))})",
            (audit_id, *(row[c] for c in _VERDICT_COLUMNS)),
        )


def verdict(store: AuditStore, audit_id: int) -> Row | None:
    rows = list(store.db.query("SELECT * FROM committee_verdicts WHERE audit_id = ?", (audit_id,)))
    return _plain(rows[0]) if rows else None


def _plain(row: Row) -> Row:
    row = dict(row)
    row["problems"] = json.loads(row["problems"]) if row.get("problems") else []
    for key in ("trusted", "intact", "verified"):
        if row.get(key) is not None:
            row[key] = bool(row[key])
    return row


def received_rows(store: AuditStore, audit_id: int | None = None) -> list[Row]:
    """Every signed audit with a report (or only `audit_id`), latest first: the list's columns,
    the newest revision of its series and its stored verdict (None columns when none yet)."""
    verdict_cols = ", ".join(f"v.{c}" for c in _VERDICT_COLUMNS)
    rows = store.db.query(
        "SELECT a.id, a.uid, a.series_uid, a.revision, a.audit_type, a.report_number, "
        "a.end_date, o.name AS client, (SELECT MAX(b.revision) FROM audits b "
        f"WHERE b.series_uid = a.series_uid) AS newest, {verdict_cols} "
        "FROM audits a JOIN organisations o ON o.id = a.org_id "
        "LEFT JOIN committee_verdicts v ON v.audit_id = a.id "
        "WHERE a.locked = 1 AND EXISTS (SELECT 1 FROM reports r WHERE r.audit_id = a.id) "
        + ("AND a.id = ? " if audit_id is not None else "")
        + "ORDER BY a.end_date DESC, a.id DESC",
        (audit_id,) if audit_id is not None else (),
    )
    return [_plain(r) for r in rows]


def latest_decisions(store: AuditStore) -> dict[int, Row]:
    """The latest committee decision of every audit that has one, by audit id."""
    return {
        int(r["audit_id"]): r
        for r in store.db.query(
            "SELECT * FROM committee_decisions WHERE id IN "
            "(SELECT MAX(id) FROM committee_decisions GROUP BY audit_id)"
        )
    }


def open_nonconformity_rows(store: AuditStore) -> list[Row]:
    """{audit_id, kind, item_id, text} of every major or minor finding of a signed audit whose
    latest follow-up does not close it (as `services.followup.open_nonconformities`)."""
    return list(
        store.db.query(
            "SELECT f.audit_id, f.kind, f.item_id, f.text FROM findings f "
            "JOIN audits a ON a.id = f.audit_id AND a.locked = 1 "
            "WHERE f.kind IN ('major', 'minor') AND COALESCE((SELECT u.closed FROM "
            "finding_followups u WHERE u.finding_uid = f.uid ORDER BY u.id DESC LIMIT 1), 0) = 0 "
            "ORDER BY f.audit_id, f.id"
        )
    )


def unchecked_ids(store: AuditStore, trust_key: str, limit: int | None = None) -> list[int]:
    """Signed audits (newest first) with no stored verdict or one checked against another
    trust list: the background pass's work."""
    sql = (
        "SELECT a.id FROM audits a LEFT JOIN committee_verdicts v ON v.audit_id = a.id "
        "WHERE a.locked = 1 AND EXISTS (SELECT 1 FROM reports r WHERE r.audit_id = a.id) "
        "AND (v.audit_id IS NULL OR v.trust_key <> ?) ORDER BY a.end_date DESC, a.id DESC"
    )
    params: tuple[Any, ...] = (trust_key,)
    if limit is not None:
        sql, params = sql + " LIMIT ?", (trust_key, limit)
    return [int(r["id"]) for r in store.db.query(sql, params)]
