"""Nonconformities followed to closure (issue 11, ISO/IEC 17021-1 9.4.9 and 9.6.3.2.2).

Each major or minor finding has a due date (its deadline, or one set later), the client's
correction and corrective action, and the auditor's verification and closure (who, when,
evidence). A finding of a signed audit never changes; its follow-up is a separate, append-only
record (`finding_followups`), the latest entry counting. Qt-free; CLI and GUI call this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.store import certificates as rows
from auditor_app.store.audit_store import AuditStore

NONCONFORMITIES = ("major", "minor")


@dataclass(frozen=True)
class Nonconformity:
    """A major or minor finding with its latest follow-up: correction, corrective action,
    verification and closure. Dates are YYYY-MM-DD ("" when not set); `due_on` is the finding's
    deadline unless the follow-up set one."""

    uid: str
    audit_id: int
    kind: str
    item_id: str | None
    text: str
    due_on: str
    correction: str
    corrective_action: str
    verified_by: str
    verified_on: str
    evidence: str
    closed: bool

    def overdue(self, today: dt.date) -> bool:
        return not self.closed and bool(self.due_on) and today > dt.date.fromisoformat(self.due_on)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _of(store: AuditStore, finding: dict[str, Any]) -> Nonconformity:
    return _nonconformity(finding, rows.latest_followup(store, finding["uid"]) or {})


def _nonconformity(finding: dict[str, Any], follow: dict[str, Any]) -> Nonconformity:
    return Nonconformity(
        finding["uid"],
        finding["audit_id"],
        finding["kind"],
        finding["item_id"],
        finding["text"],
        follow.get("due_on") or finding["deadline"] or "",
        follow.get("correction", ""),
        follow.get("corrective_action", ""),
        follow.get("verified_by", ""),
        follow.get("verified_on", ""),
        follow.get("evidence", ""),
        bool(follow.get("closed", 0)),
    )


def nonconformities(store: AuditStore, audit_id: int) -> list[Nonconformity]:
    return [_of(store, f) for f in store.findings(audit_id) if f["kind"] in NONCONFORMITIES]


def open_nonconformities(
    store: AuditStore, audit_ids: list[int], kind: str | None = None
) -> list[Nonconformity]:
    found = []
    for audit_id in audit_ids:
        found += [
            nc
            for nc in nonconformities(store, audit_id)
            if not nc.closed and (kind is None or nc.kind == kind)
        ]
    return found


def open_nonconformities_by_audit(
    store: AuditStore, kind: str | None = None
) -> dict[int, list[Nonconformity]]:
    """`open_nonconformities` of every audit that has one, by audit id, in one query."""
    found: dict[int, list[Nonconformity]] = {}
    kinds = tuple(k for k in NONCONFORMITIES if kind is None or k == kind)
    for finding, follow in rows.findings_with_followup(store, kinds) if kinds else ():
        nc = _nonconformity(finding, follow)
        if not nc.closed:
            found.setdefault(nc.audit_id, []).append(nc)
    return found


def _day(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None


def record_followup(
    store: AuditStore,
    finding_uid: str,
    *,
    due_on: str | None = None,
    correction: str | None = None,
    corrective_action: str | None = None,
    verified_by: str | None = None,
    verified_on: str | None = None,
    evidence: str | None = None,
    close: bool = False,
) -> Nonconformity:
    """Add to a nonconformity's follow-up; unset fields keep their last value. Closing needs
    the verification: who, when and the evidence seen."""
    finding = rows.finding_by_uid(store, finding_uid)
    if finding["kind"] not in NONCONFORMITIES:
        raise InputError(f"finding {finding_uid} is a {finding['kind']}, not a nonconformity")
    now = _of(store, finding)
    if now.closed:
        raise InputError(f"nonconformity {finding_uid} is closed already")
    values = {
        "due_on": _day(due_on, "the due date") if due_on is not None else now.due_on,
        "correction": correction.strip() if correction is not None else now.correction,
        "corrective_action": corrective_action.strip()
        if corrective_action is not None
        else now.corrective_action,
        "verified_by": verified_by.strip() if verified_by is not None else now.verified_by,
        "verified_on": _day(verified_on, "the verification date")
        if verified_on is not None
        else now.verified_on,
        "evidence": evidence.strip() if evidence is not None else now.evidence,
        "closed": close,
    }
    if close:
        missing = [
            what
            for what, key in (
                ("the client's correction or corrective action", "corrective_action"),
                ("who verified it", "verified_by"),
                ("the verification date", "verified_on"),
                ("the evidence seen", "evidence"),
            )
            if not values[key] and not (key == "corrective_action" and values["correction"])
        ]
        if missing:
            raise InputError(f"closing {finding_uid} needs {', '.join(missing)}")
    rows.add_followup(store, finding, values)
    return _of(store, rows.finding_by_uid(store, finding_uid))


def followup_text(ncs: list[Nonconformity]) -> str:
    """The next audit's follow-up section (9.4.8: follow-up of earlier nonconformities)."""
    lines = []
    for nc in ncs:
        state = (
            f"closed {nc.verified_on} by {nc.verified_by}: {nc.evidence}"
            if nc.closed
            else "OPEN" + (f", due {nc.due_on}" if nc.due_on else "")
        )
        action = nc.corrective_action or nc.correction or "no corrective action recorded"
        lines.append(f"[{nc.kind}] {nc.item_id or '-'} {nc.text} — {action} — {state}")
    return "\n".join(lines)


def carry_into(store: AuditStore, from_audit: int, to_audit: int) -> str:
    """Write the earlier audit's nonconformities and their state into the next audit's
    follow-up section (ISO/IEC 17021-1 9.4.8: follow-up of earlier nonconformities); text
    already there is kept, with the carried lines after it. Returns the section's new text."""
    if from_audit == to_audit:
        raise InputError("the follow-up is carried from an earlier audit into another one")
    earlier, target = store.audit(from_audit), store.audit(to_audit)
    if earlier["org_name"].strip() != target["org_name"].strip():
        raise InputError(
            f"audit {from_audit} ({earlier['org_name']}) and audit {to_audit} "
            f"({target['org_name']}) are for different clients"
        )
    found = nonconformities(store, from_audit)
    header = f"{earlier['report_number'] or f'audit {from_audit}'}:"
    carried = header + "\n" + (followup_text(found) if found else "no nonconformities")
    kept = target["previous_followup"].strip()
    if carried in kept:
        return kept  # carried already: nothing doubled
    text = f"{kept}\n{carried}".strip()
    store.update_audit(to_audit, previous_followup=text)
    return text
