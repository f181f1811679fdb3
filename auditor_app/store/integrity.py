"""Is what the database stores still what was stored? Signed reports, files and schemes.

SQLite's own integrity check sees broken pages, not a flipped byte inside a record: a damaged
signed report, photo or scheme looks sound to it. Each of these is stored with its hash
(`reports.sha256`, `attachments.data_sha256`, `schemes.hash`), so they are checked against it
here, naming the audit and item concerned. It reads every blob once: `backup check` and
`package export` run it, not every start-up.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from auditor_app.core.scheme import content_hash


def scheme_document_problem(scheme_hash: str, text: str | bytes) -> str | None:
    """Why a stored scheme document is not the one its hash names, or None."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return "it is no longer readable JSON"
    if not isinstance(document, dict) or content_hash(document) != scheme_hash:
        return "its content no longer matches its hash"
    return None


def _text(value: object) -> str:
    """A column read as bytes (see `check_stored_data`) or as text, as text."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def _audits_of(conn: sqlite3.Connection, sql: str, key: object) -> str:
    rows = conn.execute(sql, (_text(key),)).fetchall()  # bytes would bind as a BLOB
    if not rows:
        return "used by no audit"
    parts = [f"audit {r[0]}" + (f" item {_text(r[1])}" if r[1:] and r[1] else "") for r in rows]
    return "used by " + ", ".join(parts)


def damaged_records(conn: sqlite3.Connection) -> list[str]:
    """One line per stored report, file or scheme that no longer matches its hash."""
    found: list[str] = []
    for report_id, audit_id, pdf, sha in conn.execute(
        "SELECT id, audit_id, pdf, sha256 FROM reports ORDER BY id"
    ):
        if hashlib.sha256(bytes(pdf)).hexdigest() != _text(sha):
            found.append(
                f"audit {audit_id}: the stored signed report (report {report_id}) no longer "
                "matches its SHA-256; it was damaged after it was stored"
            )
    for sha, name, data, data_sha in conn.execute(
        "SELECT sha256, original_name, data, data_sha256 FROM attachments ORDER BY sha256"
    ):
        if hashlib.sha256(bytes(data)).hexdigest() != _text(data_sha):
            users = _audits_of(
                conn,
                "SELECT audit_id, item_id FROM audit_attachments WHERE sha256 = ? ORDER BY 1, 2",
                sha,
            )
            label = _text(name) or _text(sha)[:12]
            found.append(
                f"attachment {label} ({users}): its stored data no longer matches its hash"
            )
    for scheme_hash, scheme_id, version, document in conn.execute(
        "SELECT hash, id, version, document FROM schemes ORDER BY hash"
    ):
        problem = scheme_document_problem(_text(scheme_hash), document)
        if problem:
            users = _audits_of(
                conn, "SELECT id FROM audits WHERE scheme_hash = ? ORDER BY id", scheme_hash
            )
            found.append(f"scheme {_text(scheme_id)} {_text(version)} ({users}): {problem}")
    return found


def check_stored_data(db_path: Path) -> list[str]:
    """`damaged_records` of the database file, opened read-only."""
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    # damaged text may not even be UTF-8 any more: read raw bytes, decode where needed
    conn.text_factory = bytes
    try:
        return damaged_records(conn)
    finally:
        conn.close()
