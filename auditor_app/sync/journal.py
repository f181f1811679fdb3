"""Recording imports: the import log table (in the database) and the attempts file (beside it).

An import or merge that changed the database is recorded in `sync_imports` and the trail, in
the same transaction as the change. A refused package must leave the database untouched, and
an unchanged one changes nothing, so every attempt, including those, is also appended to
`<database>.imports.jsonl` next to the database file: who, when, which package, what result.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from auditor_app.store import journal_rows
from auditor_app.store.audit_store import AuditStore


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
    journal_rows.record_import(
        store,
        {
            "package_sha256": package_sha256,
            "kind": kind,
            "result": result,
            "audit_id": audit_id,
            "audit_uid": audit_uid,
            "series_uid": series_uid,
            "revision": revision,
            "sender": sender,
            "sender_fingerprint": sender_fingerprint,
            "detail": detail,
        },
    )


def import_log(store: AuditStore, audit_id: int | None = None) -> list[dict[str, Any]]:
    return journal_rows.import_log(store, audit_id)


def append_attempt(db_path: Path, actor: str, entry: dict[str, Any]) -> None:
    """Best effort: a read-only folder must not turn a finished import into an error."""
    at = datetime.now(UTC).isoformat(timespec="microseconds")  # as the store stamps rows
    line = json.dumps({"at": at, "actor": actor, **entry}, ensure_ascii=False)
    try:
        fd = os.open(attempts_path(db_path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError:
        pass
