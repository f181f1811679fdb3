"""Schema steps for sync packages and the committee: the import log and committee decisions.

Kept apart from `schema.py` so the sync feature's tables read as one unit; `schema.MIGRATIONS`
places these steps in the order they run.
Both tables are records of what happened, so, like the trail, they are append-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def _append_only(db: Database, table: str, message: str) -> None:
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def m0101_sync_imports(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE sync_imports (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,                 -- who imported (this database's user)
            package_sha256 TEXT NOT NULL,        -- of the file as received
            kind TEXT NOT NULL CHECK (kind IN ('revision', 'member')),
            result TEXT NOT NULL CHECK (result IN ('imported', 'superseded', 'merged')),
            audit_id INTEGER REFERENCES audits(id),
            audit_uid TEXT NOT NULL,
            series_uid TEXT NOT NULL,
            revision INTEGER NOT NULL,
            sender TEXT NOT NULL,                -- the verified signer's name
            sender_fingerprint TEXT NOT NULL,    -- SHA-256 of the signer's certificate
            detail TEXT NOT NULL DEFAULT '{}'    -- JSON: counts, backup file, ...
        );
        CREATE INDEX sync_imports_package ON sync_imports(package_sha256);
        CREATE INDEX sync_imports_series ON sync_imports(series_uid, revision);
        """
    )
    _append_only(db, "sync_imports", "the import log is append-only")


def m0102_committee_decisions(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE committee_decisions (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            audit_uid TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN
                ('approve', 'reject', 'rectification_required')),
            decided_on TEXT NOT NULL,                 -- YYYY-MM-DD
            certificate_number TEXT NOT NULL DEFAULT '',
            issued_on TEXT NOT NULL DEFAULT '',       -- set when this decision issues a
            expires_on TEXT NOT NULL DEFAULT '',      -- certificate (initial, recertification)
            level TEXT NOT NULL DEFAULT '',           -- the level granted (scheme level id)
            note TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            CHECK (decision <> 'approve' OR length(trim(certificate_number)) > 0)
        );
        CREATE INDEX committee_decisions_audit ON committee_decisions(audit_id, id);
        CREATE INDEX committee_decisions_certificate
            ON committee_decisions(certificate_number, id);
        """
    )
    _append_only(
        db, "committee_decisions", "committee decisions are a record: add a new decision instead"
    )
