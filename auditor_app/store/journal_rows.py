"""SQL for the import log (`sync_imports`): a package that changed the database leaves a log
row and a trail row, written in the caller's transaction together with the change itself."""

from __future__ import annotations

import json
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import now

Row = dict[str, Any]

IMPORT_KINDS = ("revision", "member")


def store_json(value: Any) -> str:
    """JSON text exactly as AuditStore writes it, so imported rows equal the sender's."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record_import(store: AuditStore, entry: Row) -> None:
    """One import log row plus its trail row; `entry` holds the `sync_imports` columns
    package_sha256, kind, result, audit_id, audit_uid, series_uid, revision, sender,
    sender_fingerprint and detail (a dict)."""
    if entry["kind"] not in IMPORT_KINDS:
        raise InputError(f"unknown import kind {entry['kind']!r}")
    if not str(entry["package_sha256"]).strip() or not str(entry["result"]).strip():
        raise InputError("an import log entry needs the package hash and the result")
    with store.transaction():
        store.db.execute(
            "INSERT INTO sync_imports (at, actor, package_sha256, kind, result, audit_id, "
            "audit_uid, series_uid, revision, sender, sender_fingerprint, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                store.actor,
                entry["package_sha256"],
                entry["kind"],
                entry["result"],
                entry["audit_id"],
                entry["audit_uid"],
                entry["series_uid"],
                entry["revision"],
                entry["sender"],
                entry["sender_fingerprint"],
                store_json(entry["detail"]),
            ),
        )
        store._log(
            entry["audit_id"],
            "import" if entry["kind"] == "revision" else "merge",
            "package",
            entry["package_sha256"],
            None,
            {
                "result": entry["result"],
                "sender": entry["sender"],
                "revision": entry["revision"],
                **entry["detail"],
            },
        )


def import_log(store: AuditStore, audit_id: int | None = None) -> list[Row]:
    sql = "SELECT * FROM sync_imports"
    params: tuple[Any, ...] = ()
    if audit_id is not None:
        sql += " WHERE audit_id = ?"
        params = (audit_id,)
    rows = list(store.db.query(sql + " ORDER BY id", params))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows
