"""Recording imports: the import log table (in the database) and the attempts file (beside it).

An import or merge that changed the database is recorded in `sync_imports` and the trail, in
the same transaction as the change. A refused package must leave the database untouched, and
an unchanged one changes nothing, so every attempt, including those, is also appended to
`<database>.imports.jsonl` next to the database file: who, when, which package, what result.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import now
from auditor_app.sync.store_ops import store_json


def attempts_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".imports.jsonl")


def record_import(
    store: AuditStore,
    *,
    package_sha256: str,
    kind: str,
    result: str,
    audit_id: int,
    audit_uid: str,
    series_uid: str,
    revision: int,
    sender: str,
    sender_fingerprint: str,
    detail: dict[str, Any],
) -> None:
    """Log a change made by a package: import log row plus a trail row (caller's
    transaction)."""
    store.db.execute(
        "INSERT INTO sync_imports (at, actor, package_sha256, kind, result, audit_id, "
        "audit_uid, series_uid, revision, sender, sender_fingerprint, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            now(),
            store.actor,
            package_sha256,
            kind,
            result,
            audit_id,
            audit_uid,
            series_uid,
            revision,
            sender,
            sender_fingerprint,
            store_json(detail),
        ),
    )
    store._log(
        audit_id,
        "import" if kind == "revision" else "merge",
        "package",
        package_sha256,
        None,
        {"result": result, "sender": sender, "revision": revision, **detail},
    )


def import_log(store: AuditStore, audit_id: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM sync_imports"
    params: tuple[Any, ...] = ()
    if audit_id is not None:
        sql += " WHERE audit_id = ?"
        params = (audit_id,)
    rows = list(store.db.query(sql + " ORDER BY id", params))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows


def append_attempt(db_path: Path, actor: str, entry: dict[str, Any]) -> None:
    """Best effort: a read-only folder must not turn a finished import into an error."""
    line = json.dumps({"at": now(), "actor": actor, **entry}, ensure_ascii=False)
    try:
        fd = os.open(attempts_path(db_path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError:
        pass
