"""SQL for exchanging audits as packages (import, team merge, export).

The sync feature decides what to write; these functions are the only way it reads and writes
the database. They take and return plain rows (dicts), check what they are given, and write
each change with its trail row in the caller's transaction (or their own). A received audit
is inserted as the sender wrote it (uids, authors, times): the schema's triggers check its
dates and the lock, and findings merged into an audit go through `restore_finding`, the
store's one path for re-inserting a finding with its author and time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import now
from auditor_app.store.journal_rows import store_json

Row = dict[str, Any]

SITE_COLUMNS = ("name", "address", "is_central", "headcount", "visited", "position")
TEAM_COLUMNS = ("name", "role", "position")
RESULT_COLUMNS = (
    "item_id",
    "result",
    "sampled",
    "nonconforming",
    "points",
    "reason",
    "note",
    "methods",
    "updated_by",
    "updated_at",
)
FINDING_COLUMNS = (
    "uid",
    "item_id",
    "kind",
    "text",
    "evidence",
    "rectification",
    "deadline",
    "created_by",
    "created_at",
)
LINK_COLUMNS = ("item_id", "sha256", "caption", "added_by", "added_at")
FILE_COLUMNS = (
    "sha256",
    "mime",
    "original_name",
    "original_size",
    "data_sha256",
    "width",
    "height",
    "added_at",
)


# -- acting and housekeeping ------------------------------------------------------------------
@contextmanager
def acting_as(store: AuditStore, actor: str) -> Iterator[None]:
    """Write trail rows (and updated_by/created_by) in someone else's name: a merged entry
    keeps its author, the team member, not the leader who ran the merge."""
    if not actor.strip():
        raise InputError("a merged change needs the name of its author")
    saved = store.actor
    store.actor = actor
    try:
        yield
    finally:
        store.actor = saved


def backup_database(store: AuditStore) -> Path:
    """A checked copy of the database (SQLite's online backup API) in the app's backups
    folder next to it, made before a package writes anything: the app's restore offers it."""
    from auditor_app.store.backup import make_backup

    return make_backup(store.path).path


def newest_backup(store: AuditStore) -> tuple[Path, datetime] | None:
    """(path, UTC time made) of the database's newest backup, if it has one."""
    from auditor_app.store.backup import list_backups

    found = list_backups(store.path)
    return (found[0].path, found[0].created) if found else None


def touch_audit(store: AuditStore, audit_id: int) -> None:
    """Mark the audit as changed (as the store does after each edit)."""
    store.db.execute(
        "UPDATE audits SET updated_at = ?, status = CASE status WHEN 'draft' "
        "THEN 'in_progress' ELSE status END WHERE id = ?",
        (now(), audit_id),
    )


# -- reading ----------------------------------------------------------------------------------
def audit_by_uid(store: AuditStore, uid: str) -> Row | None:
    """{id, locked} of the audit with this uid, if it is here."""
    rows = list(store.db.query("SELECT id, locked FROM audits WHERE uid = ?", (uid,)))
    return rows[0] if rows else None


def newest_in_series(store: AuditStore, series_uid: str) -> Row | None:
    """{id, revision} of the newest revision of an audit series here."""
    rows = list(
        store.db.query(
            "SELECT id, revision FROM audits WHERE series_uid = ? ORDER BY revision DESC LIMIT 1",
            (series_uid,),
        )
    )
    return rows[0] if rows else None


def in_series(store: AuditStore, uid: str | None, series_uid: str) -> bool:
    rows = list(
        store.db.query(
            "SELECT 1 FROM audits WHERE uid = ? AND series_uid = ? LIMIT 1", (uid, series_uid)
        )
    )
    return bool(rows)


def client_of(store: AuditStore, audit_id: int) -> str:
    rows = list(
        store.db.query(
            "SELECT o.name FROM audits a JOIN organisations o ON o.id = a.org_id WHERE a.id = ?",
            (audit_id,),
        )
    )
    return str(rows[0]["name"]) if rows else ""


def finding_by_uid(store: AuditStore, uid: str) -> Row | None:
    rows = list(store.db.query("SELECT * FROM findings WHERE uid = ? ORDER BY id", (uid,)))
    return rows[0] if rows else None


def deleted_here(store: AuditStore, audit_id: int, entity: str, key: str) -> bool:
    """Whether the audit trail records the deletion of this entity in this audit."""
    rows = list(
        store.db.query(
            "SELECT 1 FROM trail WHERE audit_id = ? AND action = 'delete' AND entity = ? "
            "AND entity_key = ? LIMIT 1",
            (audit_id, entity, key),
        )
    )
    return bool(rows)


def resolutions(store: AuditStore, audit_id: int, entity: str, key: str) -> list[str | None]:
    """The `new` JSON texts of the trail's 'resolve' rows for one merge conflict."""
    return [
        r["new"]
        for r in store.db.query(
            "SELECT new FROM trail WHERE audit_id = ? AND action = 'resolve' AND entity = ? "
            "AND entity_key = ? ORDER BY id",
            (audit_id, entity, key),
        )
    ]


def attachment_file(store: AuditStore, sha256: str) -> Row | None:
    """A stored file's metadata (FILE_COLUMNS and `thumb`: whether it has one)."""
    rows = list(
        store.db.query(
            f"SELECT {', '.join(FILE_COLUMNS)}, thumb IS NOT NULL AS thumb "
            "FROM attachments WHERE sha256 = ?",
            (sha256,),
        )
    )
    return rows[0] if rows else None


def attachment_blob(store: AuditStore, sha256: str) -> Row | None:
    """{data, thumb, data_sha256} of a stored file."""
    rows = list(
        store.db.query(
            "SELECT data, thumb, data_sha256 FROM attachments WHERE sha256 = ?", (sha256,)
        )
    )
    return rows[0] if rows else None


# -- writing ----------------------------------------------------------------------------------
def find_or_add_organisation(store: AuditStore, org: Row) -> int:
    """The organisation row with exactly these details, created when there is none."""
    rows = list(
        store.db.query(
            "SELECT id FROM organisations WHERE name = ? AND address = ? AND contact = ? AND "
            "representative = ? ORDER BY id LIMIT 1",
            (org["name"].strip(), org["address"], org["contact"], org["representative"]),
        )
    )
    if rows:
        return int(rows[0]["id"])
    return store.add_organisation(
        org["name"],
        address=org["address"],
        contact=org["contact"],
        representative=org["representative"],
    )


def add_attachment_files(
    store: AuditStore,
    files: Sequence[Row],
    data: dict[str, bytes],
    thumbs: dict[str, bytes],
) -> int:
    """Insert attachment files not yet stored (they are shared by hash); returns how many."""
    missing = [f["sha256"] for f in files if f["sha256"] not in data]
    if missing:
        raise InputError(f"the file of attachment {missing[0][:12]} is missing")
    stamp = now()
    with store.transaction():
        cur = store.db.conn.executemany(
            f"INSERT OR IGNORE INTO attachments ({', '.join(FILE_COLUMNS)}, data, thumb) "
            f"VALUES ({', '.join('?' * (len(FILE_COLUMNS) + 2))})",
            [
                (
                    *(f[k] for k in FILE_COLUMNS[:-1]),
                    f.get("added_at") or stamp,
                    data[f["sha256"]],
                    thumbs.get(f["sha256"]),
                )
                for f in files
            ],
        )
    return max(cur.rowcount, 0)


def add_attachment_link(store: AuditStore, audit_id: int, link: Row) -> None:
    """Link a stored file to an item of the audit, as its author added it, trailed."""
    with store.transaction():
        store.db.execute(
            f"INSERT INTO audit_attachments (audit_id, {', '.join(LINK_COLUMNS)}) "
            f"VALUES ({', '.join('?' * (len(LINK_COLUMNS) + 1))})",
            (audit_id, *(link[k] for k in LINK_COLUMNS)),
        )
        store._log(
            audit_id,
            "attach",
            "attachment",
            link["sha256"],
            None,
            {"item_id": link["item_id"], "caption": link["caption"]},
        )


def merge_finding(store: AuditStore, audit_id: int, finding: Row) -> int:
    """A team member's finding with its uid, author and time: the same rules and trail as
    any finding put back (`restore_finding`)."""
    return store.restore_finding({**{k: finding[k] for k in FINDING_COLUMNS}, "audit_id": audit_id})


def log_resolution(
    store: AuditStore, audit_id: int, kind: str, key: str, old: Row, new: Row
) -> None:
    """The leader's decision on a merge conflict (kind item|finding), trailed."""
    if kind not in ("item", "finding"):
        raise InputError(f"unknown merge conflict kind {kind!r}")
    with store.transaction():
        store._log(audit_id, "resolve", f"merge-{kind}", key, old, new)


def insert_received_audit(
    store: AuditStore,
    audit: Row,
    doc: Row,
    files: dict[str, bytes],
    thumbs: dict[str, bytes],
    report_pdf: bytes | None,
) -> int:
    """Write a received audit revision as the sender wrote it: `audit` is its `audits` row
    (JSON fields as text, without org_id and locked); `doc` holds scheme, organisation, sites,
    team, results, findings, attachments, attachment_links and report. Children first, then
    the report, then the lock (the lock's triggers refuse anything after it)."""
    columns = {r["name"] for r in store.db.query("PRAGMA table_info(audits)")}
    unknown = set(audit) - columns
    if unknown or {"id", "org_id", "locked"} & set(audit):
        raise InputError(f"a received audit cannot set {', '.join(sorted(unknown or audit))}")
    with store.transaction():
        store.add_scheme(doc["scheme"]["document"])
        row = {**audit, "org_id": find_or_add_organisation(store, doc["organisation"]), "locked": 0}
        cur = store.db.execute(
            f"INSERT INTO audits ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        audit_id = int(cur.lastrowid or 0)
        _insert_children(store, audit_id, "audit_sites", SITE_COLUMNS, doc["sites"])
        _insert_children(store, audit_id, "team_members", TEAM_COLUMNS, doc["team"])
        results = [{**r, "methods": store_json(r["methods"])} for r in doc["results"]]
        _insert_children(store, audit_id, "item_results", RESULT_COLUMNS, results)
        _insert_children(store, audit_id, "findings", FINDING_COLUMNS, doc["findings"])
        add_attachment_files(store, doc["attachments"], files, thumbs)
        _insert_children(
            store, audit_id, "audit_attachments", LINK_COLUMNS, doc["attachment_links"]
        )
        if report_pdf is not None:
            report = doc["report"]
            store.db.execute(
                "INSERT INTO reports (audit_id, pdf, sha256, signer, signed_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (audit_id, report_pdf, report["sha256"], report["signer"], report["signed_at"]),
            )
            store.db.execute("UPDATE audits SET locked = 1 WHERE id = ?", (audit_id,))
    return audit_id


def _insert_children(
    store: AuditStore, audit_id: int, table: str, columns: Sequence[str], rows: Sequence[Row]
) -> None:
    store.db.conn.executemany(
        f"INSERT INTO {table} (audit_id, {', '.join(columns)}) "
        f"VALUES ({', '.join('?' * (len(columns) + 1))})",
        [(audit_id, *(r[c] for c in columns)) for r in rows],
    )
