"""audit.json: one audit revision as plain data, built from the store and checked on import.

The document carries everything the receiving database needs to hold the same audit: the
audit row (with its uid, series and revision), the client, sites, team, item results with notes
and methods, findings (with their uids), attachment metadata and the scheme document itself,
so a committee needs no scheme file installed. Local row ids never travel: they mean nothing
in another database.

Checking is strict (types, enumerations, references, the scheme's content hash, each result
against its item) because a trusted signer can still have a buggy or newer app; a problem is
refused with its location, never half-imported.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.core.results import ItemResult, check_result
from auditor_app.core.scheme import Scheme, parse_scheme
from auditor_app.store import sync_rows
from auditor_app.store.audit_store import (
    AUDIT_TYPES,
    FINDING_KINDS,
    METHODS,
    TEAM_ROLES,
    AuditStore,
)
from auditor_app.sync import format as fmt
from auditor_app.sync.errors import PackageRefused

AUDIT_STATUSES = ("draft", "in_progress", "signed")
RESULT_KINDS = ("conform", "nonconform", "sampled", "graded", "na")
_HEX64 = re.compile(r"[0-9a-f]{64}")

# Field specs: name -> accepted Python types (None allowed when NoneType is listed).
_S, _I, _N = (str,), (int,), (type(None),)
AUDIT_SPEC: dict[str, tuple[type, ...]] = {
    "uid": _S,
    "series_uid": _S,
    "revision": _I,
    "supersedes_uid": _S + _N,
    "revision_reason": _S,
    "audit_type": _S,
    "status": _S,
    "locked": (bool,),
    "report_number": _S,
    "scope": _S,
    "objectives": _S,
    "start_date": _S,
    "end_date": _S,
    "headcount": (dict, list),
    "persondays": (dict, list),
    "site_draw": (dict, list),
    "deviations": _S,
    "unresolved": _S,
    "changes_since_last": _S,
    "recommendation": _S,
    "others_present": _S,
    "marks_use": _S,
    "previous_followup": _S,
    "programme_issues": _S,
    "audit_combination": _S,
    "objectives_met": _S,
    "scope_appropriate": _S,
    "scope_conclusion": _S,
    "time_deviation_reason": _S,
    "actual_time": (dict, list),
    "created_at": _S,
    "updated_at": _S,
    "signed_at": _S + _N,
    "scheme_hash": _S,
}
ORG_SPEC = {"name": _S, "address": _S, "contact": _S, "representative": _S}
SITE_SPEC = {
    "name": _S,
    "address": _S,
    "is_central": _I,
    "headcount": _I + _N,
    "visited": _I,
    "position": _I,
}
TEAM_SPEC = {"name": _S, "role": _S, "position": _I}
RESULT_SPEC = {
    "item_id": _S,
    "result": _S + _N,
    "sampled": _I + _N,
    "nonconforming": _I + _N,
    "points": _S + _N,
    "reason": _S,
    "note": _S,
    "methods": (list,),
    "updated_by": _S,
    "updated_at": _S,
}
FINDING_SPEC = {
    "uid": _S,
    "item_id": _S + _N,
    "kind": _S,
    "text": _S,
    "evidence": _S,
    "rectification": _S,
    "deadline": _S,
    "created_by": _S,
    "created_at": _S,
}
FILE_SPEC = {
    "sha256": _S,
    "mime": _S,
    "original_name": _S,
    "original_size": _I,
    "data_sha256": _S,
    "width": _I + _N,
    "height": _I + _N,
    "thumb": (bool,),
    "added_at": _S,
}
LINK_SPEC = {"sha256": _S, "item_id": _S + _N, "caption": _S, "added_by": _S, "added_at": _S}
REPORT_SPEC = {"sha256": _S, "signer": _S, "signed_at": _S}
SCORE_FIELDS = ("result", "sampled", "nonconforming", "points", "reason")
# Sections compared when deciding whether a package holds what the database has already.
COMPARED = (
    "audit",
    "organisation",
    "sites",
    "team",
    "results",
    "findings",
    "attachments",
    "attachment_links",
    "scheme",
    "report",
)


@dataclass(frozen=True)
class AuditData:
    """A checked audit.json: `doc` is the document, `scheme` its parsed scheme."""

    doc: dict[str, Any]
    scheme: Scheme

    @property
    def audit(self) -> dict[str, Any]:
        return dict(self.doc["audit"])

    @property
    def uid(self) -> str:
        return str(self.doc["audit"]["uid"])

    @property
    def signed(self) -> bool:
        return bool(self.doc["audit"]["locked"])

    def comparable(self) -> dict[str, Any]:
        return comparable(self.doc)


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    """What must be equal for two documents to hold the same audit revision. A stored file
    is shared by hash between audits, so its name and arrival time are not part of it."""
    out = {key: doc[key] for key in COMPARED}
    out["attachments"] = [
        {k: v for k, v in f.items() if k not in ("original_name", "added_at")}
        for f in doc["attachments"]
    ]
    return out


# -- building -------------------------------------------------------------------------------
def build_document(
    store: AuditStore, audit_id: int, items: Sequence[str] | None = None
) -> dict[str, Any]:
    """audit.json for one audit; `items` (id prefixes) limits results, findings and
    attachments to a team member's part."""
    audit = store.audit(audit_id)
    keep = _item_filter(items)
    doc: dict[str, Any] = {
        "format": fmt.version_string(fmt.DATA_FORMAT, fmt.DATA_VERSION),
        "audit": {k: (bool(audit[k]) if k == "locked" else audit[k]) for k in AUDIT_SPEC},
        "organisation": {k: audit[f"org_{k}"] for k in ORG_SPEC},
        "sites": [{k: s[k] for k in SITE_SPEC} for s in store.sites(audit_id)],
        "team": [{k: m[k] for k in TEAM_SPEC} for m in store.team(audit_id)],
    }
    results = []
    for item_id, row in sorted(store.result_rows(audit_id).items()):
        if keep(item_id):
            entry = {k: row[k] for k in RESULT_SPEC if k != "methods"}
            entry["methods"] = _methods(row["methods"])
            results.append(entry)
    doc["results"] = results
    doc["findings"] = [
        {k: f[k] for k in FINDING_SPEC}
        for f in store.findings(audit_id)
        if items is None or (f["item_id"] and keep(f["item_id"]))
    ]
    links = [
        {k: a[k] for k in LINK_SPEC}
        for a in store.attachments(audit_id)
        if items is None or (a["item_id"] and keep(a["item_id"]))
    ]
    doc["attachment_links"] = links
    doc["attachments"] = _file_rows(store, sorted({link["sha256"] for link in links}))
    doc["scheme"] = {
        "hash": audit["scheme_hash"],
        "document": store.scheme_document(audit["scheme_hash"]),
    }
    report = store.latest_report(audit_id) if audit["locked"] else None
    doc["report"] = None if report is None else {k: report[k] for k in REPORT_SPEC}
    doc["summary"] = _summary(store, audit_id)
    return doc


def _item_filter(items: Sequence[str] | None) -> Callable[[str], bool]:
    if items is None:
        return lambda item_id: True
    prefixes = tuple(p.strip() for p in items if p.strip())
    return lambda item_id: any(item_id == p or item_id.startswith(p + ".") for p in prefixes)


def _methods(text: str) -> list[str]:
    value = json.loads(text or "[]")
    return [str(m) for m in value] if isinstance(value, list) else []


_FILE_KEYS = (
    "sha256",
    "mime",
    "original_name",
    "original_size",
    "data_sha256",
    "width",
    "height",
    "thumb",
    "added_at",
)


def _file_rows(store: AuditStore, shas: list[str]) -> list[dict[str, Any]]:
    rows = []
    for sha in shas:
        row = sync_rows.attachment_file(store, sha)
        if row is None:
            raise InputError(f"the attachment file {sha[:12]} is not in the database")
        entry = {k: row[k] for k in _FILE_KEYS}
        entry["thumb"] = bool(entry["thumb"])
        rows.append(entry)
    return rows


def _summary(store: AuditStore, audit_id: int) -> dict[str, Any] | None:
    """Score and level as the sender's app computed them: for people reading the file."""
    from auditor_app.services.audits import AuditService

    try:
        service = AuditService(store)
        score = service.score(audit_id)
        level = service.scheme(audit_id).level(score.level)
    except (AuditorError, StopIteration, KeyError):
        return None
    return {
        "total": str(score.total),
        "level": score.level,
        "level_zh": level.title_zh,
        "level_en": level.title_en,
        "scored": score.scored,
        "items": score.item_count,
    }


# -- checking -------------------------------------------------------------------------------
def parse_document(raw: bytes) -> AuditData:
    """Check audit.json thoroughly; raise PackageRefused("invalid_data"/"future_version")."""
    doc = fmt.loads(raw, "audit.json")
    if not isinstance(doc, dict):
        raise _bad("audit.json", "is not an object")
    fmt.check_version(doc.get("format"), fmt.DATA_FORMAT, fmt.DATA_VERSION, "audit.json")
    _row(doc.get("audit"), AUDIT_SPEC, "audit")
    _row(doc.get("organisation"), ORG_SPEC, "organisation")
    for section, spec in (
        ("sites", SITE_SPEC),
        ("team", TEAM_SPEC),
        ("results", RESULT_SPEC),
        ("findings", FINDING_SPEC),
        ("attachments", FILE_SPEC),
        ("attachment_links", LINK_SPEC),
    ):
        rows = doc.get(section)
        if not isinstance(rows, list):
            raise _bad(section, "must be a list")
        for n, row in enumerate(rows):
            _row(row, spec, f"{section}[{n}]")
    if doc.get("report") is not None:
        _row(doc["report"], REPORT_SPEC, "report")
    scheme = _scheme(doc)
    _semantics(doc, scheme)
    return AuditData(doc, scheme)


def _bad(where: str, reason: str) -> PackageRefused:
    return PackageRefused("invalid_data", f"audit.json: {where} {reason}")


def _row(row: Any, spec: Mapping[str, tuple[type, ...]], where: str) -> None:
    if not isinstance(row, dict):
        raise _bad(where, "must be an object")
    missing = [k for k in spec if k not in row]
    extra = [k for k in row if k not in spec]
    if missing or extra:
        raise _bad(where, f"has missing field(s) {missing} / unknown field(s) {extra}")
    for key, types in spec.items():
        value = row[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise _bad(f"{where}.{key}", f"has the wrong type ({type(value).__name__})")
        if not _sane_numbers(value):
            raise _bad(f"{where}.{key}", f"holds a number beyond {_NUMBER_LIMIT:,} (or not finite)")


# JSON's exact integers end at 2**53 and SQLite's INTEGER at 2**63: a revision 2**63 or a
# headcount 10**30 must be refused here, not crash the import (recorded draw seeds stay below).
_NUMBER_LIMIT = 2**53


def _sane_numbers(value: Any, depth: int = 0) -> bool:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, int):
        return abs(value) <= _NUMBER_LIMIT
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) <= _NUMBER_LIMIT
    if depth > 20:
        return False
    if isinstance(value, dict):
        return all(_sane_numbers(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_sane_numbers(v, depth + 1) for v in value)
    return True


def _scheme(doc: dict[str, Any]) -> Scheme:
    section = doc.get("scheme")
    if not isinstance(section, dict) or not isinstance(section.get("document"), dict):
        raise _bad("scheme", "must hold the scheme document")
    try:
        scheme = parse_scheme(section["document"], "audit.json scheme")
    except AuditorError as exc:
        raise _bad("scheme", f"is not a valid scheme: {exc}") from exc
    if not (scheme.content_hash == section.get("hash") == doc["audit"]["scheme_hash"]):
        raise _bad("scheme", "does not match its content hash or the audit's scheme")
    return scheme


def _semantics(doc: dict[str, Any], scheme: Scheme) -> None:
    audit = doc["audit"]
    _enum(audit["audit_type"], AUDIT_TYPES, "audit.audit_type")
    _enum(audit["status"], AUDIT_STATUSES, "audit.status")
    if audit["revision"] < 0:
        raise _bad("audit.revision", "must not be negative")
    signed = audit["locked"]
    if signed != (audit["status"] == "signed") or signed != (doc["report"] is not None):
        raise _bad("audit", "says signed/locked/report inconsistently")
    for n, member in enumerate(doc["team"]):
        _enum(member["role"], TEAM_ROLES, f"team[{n}].role")
    _unique([r["item_id"] for r in doc["results"]], "results", "item_id")
    _unique([f["uid"] for f in doc["findings"]], "findings", "uid")
    _unique([a["sha256"] for a in doc["attachments"]], "attachments", "sha256")
    for n, row in enumerate(doc["results"]):
        _result(row, scheme, f"results[{n}]")
    for n, finding in enumerate(doc["findings"]):
        _enum(finding["kind"], FINDING_KINDS, f"findings[{n}].kind")
        if not finding["text"].strip():
            raise _bad(f"findings[{n}].text", "is empty")
        _item(finding["item_id"], scheme, f"findings[{n}].item_id")
    files = set()
    for n, entry in enumerate(doc["attachments"]):
        for key in ("sha256", "data_sha256"):
            if not _HEX64.fullmatch(entry[key]):
                raise _bad(f"attachments[{n}].{key}", "is not a SHA-256")
        files.add(entry["sha256"])
    for n, link in enumerate(doc["attachment_links"]):
        if link["sha256"] not in files:
            raise _bad(f"attachment_links[{n}]", "refers to an attachment not in the package")
        _item(link["item_id"], scheme, f"attachment_links[{n}].item_id")


def _enum(value: str, allowed: Sequence[str], where: str) -> None:
    if value not in allowed:
        raise _bad(where, f"is {value!r}, not one of {', '.join(allowed)}")


def _unique(values: list[str], section: str, key: str) -> None:
    if len(set(values)) != len(values):
        raise _bad(section, f"has a repeated {key}")


def _item(item_id: str | None, scheme: Scheme, where: str) -> None:
    if item_id is not None and not scheme.has_item(item_id):
        raise _bad(where, f"names item {item_id!r}, which the scheme does not have")


def _result(row: dict[str, Any], scheme: Scheme, where: str) -> None:
    _item(row["item_id"], scheme, f"{where}.item_id")
    bad = [m for m in row["methods"] if m not in METHODS]
    if bad:
        raise _bad(f"{where}.methods", f"has unknown method(s) {bad}")
    result = to_item_result(row)
    if result is None:
        return
    _enum(result.kind, RESULT_KINDS, f"{where}.result")
    try:
        check_result(scheme.item(row["item_id"]), result)
    except InputError as exc:
        raise _bad(where, f"is not a valid result: {exc}") from exc


def to_item_result(row: dict[str, Any]) -> ItemResult | None:
    if row.get("result") is None:
        return None
    try:
        points = None if row.get("points") is None else Decimal(row["points"])
    except ArithmeticError as exc:
        raise _bad(f"result {row.get('item_id')}", "has points that are not a number") from exc
    return ItemResult(
        row["result"], row.get("sampled"), row.get("nonconforming"), points, row.get("reason") or ""
    )


__all__ = ["SCORE_FIELDS", "AuditData", "build_document", "parse_document", "to_item_result"]
