"""Store operations the sync feature needs and AuditStore does not offer.

They take an open AuditStore and use its connection, `transaction()` and `_log`, so every
write joins the caller's transaction and leaves a trail row like the store's own methods.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from auditor_app.store.audit_store import AuditStore


def store_json(value: Any) -> str:
    """JSON text exactly as AuditStore writes it, so imported rows equal the sender's."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@contextmanager
def acting_as(store: AuditStore, actor: str) -> Iterator[None]:
    """Write trail rows (and updated_by/created_by) in someone else's name: a merged entry
    keeps its author, the team member, not the leader who ran the merge."""
    saved = store.actor
    store.actor = actor
    try:
        yield
    finally:
        store.actor = saved


def find_or_add_organisation(store: AuditStore, org: dict[str, str]) -> int:
    """The organisation row with exactly these details, created when there is none."""
    row = store.db.execute(
        "SELECT id FROM organisations WHERE name = ? AND address = ? AND contact = ? AND "
        "representative = ? ORDER BY id LIMIT 1",
        (org["name"].strip(), org["address"], org["contact"], org["representative"]),
    ).fetchone()
    if row:
        return int(row[0])
    return store.add_organisation(
        org["name"],
        address=org["address"],
        contact=org["contact"],
        representative=org["representative"],
    )


def add_attachment_files(
    store: AuditStore,
    files: list[dict[str, Any]],
    data: dict[str, bytes],
    thumbs: dict[str, bytes],
    at: str,
) -> int:
    """Insert attachment files not yet stored (they are shared by hash); returns how many."""
    cur = store.db.conn.executemany(
        "INSERT OR IGNORE INTO attachments (sha256, mime, original_name, original_size, data, "
        "data_sha256, thumb, width, height, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                f["sha256"],
                f["mime"],
                f["original_name"],
                f["original_size"],
                data[f["sha256"]],
                f["data_sha256"],
                thumbs.get(f["sha256"]),
                f["width"],
                f["height"],
                f.get("added_at") or at,
            )
            for f in files
        ],
    )
    return max(cur.rowcount, 0)


def backup_database(store: AuditStore) -> Path:
    """A checked copy of the database (SQLite's online backup API) in the app's backups
    folder next to it, made before a package writes anything: the app's restore offers it."""
    from auditor_app.store.backup import make_backup

    return make_backup(store.path).path


def touch_audit(store: AuditStore, audit_id: int, at: str) -> None:
    """Mark the audit as changed (as the store does after each edit)."""
    store.db.execute(
        "UPDATE audits SET updated_at = ?, status = CASE status WHEN 'draft' "
        "THEN 'in_progress' ELSE status END WHERE id = ?",
        (at, audit_id),
    )
