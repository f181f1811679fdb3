"""Search across audits: clients, sites, evidence notes, findings, photo captions.

Auditors look for "where did I see this before" (a client's earlier finding, a phrase used in
another audit's notes) as they would with Ctrl+F over their Word reports. The match is a
plain substring, case-insensitive for Latin letters (SQLite's LIKE); Chinese has no case.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor_app.core.errors import InputError
from auditor_app.store.audit_store import AuditStore

MAX_QUERY = 200
SNIPPET_AROUND = 30

# where a match was found: (kind, SQL selecting audit_id, item_id, text)
_SOURCES = (
    (
        "client",
        "SELECT a.id, NULL, o.name FROM audits a JOIN organisations o ON o.id = a.org_id "
        "WHERE o.name LIKE :q ESCAPE '\\'",
    ),
    (
        "site",
        "SELECT audit_id, NULL, name || ' ' || address FROM audit_sites "
        "WHERE name LIKE :q ESCAPE '\\' OR address LIKE :q ESCAPE '\\'",
    ),
    (
        "note",
        "SELECT audit_id, item_id, note FROM item_results WHERE note LIKE :q ESCAPE '\\'",
    ),
    (
        "finding",
        "SELECT audit_id, item_id, text || ' ' || evidence || ' ' || rectification "
        "FROM findings WHERE text LIKE :q ESCAPE '\\' OR evidence LIKE :q ESCAPE '\\' "
        "OR rectification LIKE :q ESCAPE '\\'",
    ),
    (
        "caption",
        "SELECT audit_id, item_id, caption FROM audit_attachments "
        "WHERE caption LIKE :q ESCAPE '\\'",
    ),
)


@dataclass(frozen=True)
class SearchHit:
    """One place the search text occurs: the audit, what matched (`kind`, and the item when there is
    one) and the text around the match."""

    audit_id: int
    client: str
    report_number: str
    kind: str  # client, site, note, finding, caption
    item_id: str | None
    snippet: str


def _snippet(text: str, query: str) -> str:
    flat = " ".join(text.split())
    at = flat.lower().find(query.lower())
    if at < 0:
        return flat[: 2 * SNIPPET_AROUND]
    start = max(0, at - SNIPPET_AROUND)
    end = min(len(flat), at + len(query) + SNIPPET_AROUND)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _item_order(item_id: str | None) -> tuple[int, ...]:
    # 5.2 before 5.10, and audit-wide hits (client, site) first
    if not item_id:
        return ()
    return tuple(int(p) if p.isdigit() else 0 for p in item_id.split("."))


def search(store: AuditStore, query: str, *, limit: int = 200) -> list[SearchHit]:
    """Every place `query` occurs, newest audit first; at most `limit` hits."""
    query = " ".join(query.split())
    if not query:
        raise InputError("search for what? Give a word or a phrase")
    if len(query) > MAX_QUERY:
        raise InputError(f"a search is at most {MAX_QUERY} characters")
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params = {"q": f"%{escaped}%"}
    audits = {
        row["id"]: row
        for row in store.db.query(
            "SELECT a.id, a.report_number, o.name AS client FROM audits a "
            "JOIN organisations o ON o.id = a.org_id"
        )
    }
    hits: list[SearchHit] = []
    for kind, sql in _SOURCES:
        for audit_id, item_id, text in store.db.execute(sql, params).fetchall():
            audit = audits.get(audit_id)
            if audit is None:
                continue
            hits.append(
                SearchHit(
                    audit_id,
                    audit["client"],
                    audit["report_number"] or "",
                    kind,
                    item_id,
                    _snippet(text or "", query),
                )
            )
    hits.sort(key=lambda h: (-h.audit_id, _item_order(h.item_id), h.kind))
    return hits[:limit]
