"""The review committee: received reports with their verification, decisions, certificates.

Decisions are append-only records (`committee_decisions`): a later decision (e.g. approve after
rectification) is added, the latest one counts. An approval of an initial or recertification
audit issues (or renews) a certificate valid for 3 years; an approval of a surveillance or
special audit keeps an issued certificate's cycle going. Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.core.level_conditions import grantable, months_between
from auditor_app.services.audits import AuditService
from auditor_app.services.followup import open_nonconformities
from auditor_app.signing.verify import TrustItem
from auditor_app.store import committee_rows
from auditor_app.store import committee_verdicts as verdict_rows
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.committee_rows import DECISIONS
from auditor_app.sync.certificate_register import (  # noqa: F401  the committee's API
    CertificateStatus,
    after_decision,
    certificates,
    cycle_rules,
)
from auditor_app.sync.certificate_register import register as register_of
from auditor_app.sync.committee_verdicts import check_unchecked, recheck, trust_key
from auditor_app.sync.cycle import expiry_for
from auditor_app.sync.decision_checks import check_approval

ISSUING_TYPES = ("initial", "recertification")


@dataclass(frozen=True)
class Decision:
    """One recorded committee decision (append-only; the latest counts). Dates are YYYY-MM-DD;
    `issued_on` and `expires_on` are set only when it issues a certificate, `level` (the level
    granted) only for an approval."""

    id: int
    audit_id: int
    audit_uid: str
    decision: str
    decided_on: str
    certificate_number: str
    issued_on: str
    expires_on: str
    level: str
    note: str
    decided_by: str
    recorded_at: str


@dataclass(frozen=True)
class ReceivedReport:
    """One signed report as the committee sees it."""

    audit_id: int
    audit_uid: str
    revision: int
    superseded: bool
    client: str
    audit_type: str
    report_number: str
    end_date: str
    total: str | None
    level: str | None
    level_title: str | None
    signer: str | None
    trusted: bool
    intact: bool
    verified: bool
    problems: tuple[str, ...]
    decision: Decision | None
    open_nonconformities: tuple[str, ...] = ()  # "major: text" of each one not closed
    verified_at: str | None = None  # when the stored verdict was worked out; None: not yet
    stale: bool = False  # no verdict yet, or one checked against another trust list

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _decision(row: dict[str, Any]) -> Decision:
    return Decision(**{k: row[k] for k in Decision.__dataclass_fields__})


def decisions(store: AuditStore, audit_id: int | None = None) -> list[Decision]:
    return [_decision(r) for r in committee_rows.decision_rows(store, audit_id)]


def latest_decision(store: AuditStore, audit_id: int) -> Decision | None:
    found = decisions(store, audit_id)
    return found[-1] if found else None


# -- the list -------------------------------------------------------------------------------
def received_reports(
    store: AuditStore,
    trust: Sequence[TrustItem] = (),
    *,
    include_superseded: bool = False,
    refresh: bool = True,
) -> list[ReceivedReport]:
    """Every signed audit with its report's stored verdict, score and latest decision; the
    newest revision of each audit only, unless `include_superseded`.

    With `refresh` (the CLI), reports without a verdict checked against `trust` are verified
    first; without it (the committee view, which opens at once and checks those in the
    background, `committee_verdicts.check_unchecked`), they are listed as not checked yet or
    stale. A few queries for the whole list, whatever its length."""
    key = trust_key(trust)
    if refresh:
        check_unchecked(store, trust)
    latest = verdict_rows.latest_decisions(store)
    open_ncs: dict[int, list[str]] = {}
    for nc in verdict_rows.open_nonconformity_rows(store):
        open_ncs.setdefault(int(nc["audit_id"]), []).append(
            f"{nc['kind']}: {nc['item_id'] or '-'} {nc['text']}"
        )
    out = []
    for row in verdict_rows.received_rows(store):
        superseded = row["revision"] < row["newest"]
        if superseded and not include_superseded:
            continue
        decision = latest.get(int(row["id"]))
        out.append(
            received_from_row(row, superseded, key, decision, tuple(open_ncs.get(row["id"], ())))
        )
    return out


def received_from_row(
    row: dict[str, Any],
    superseded: bool,
    key: str,
    decision: dict[str, Any] | None = None,
    open_ncs: tuple[str, ...] = (),
) -> ReceivedReport:
    """One list row from `store.committee_verdicts.received_rows` (verdict columns None when
    the report has not been checked yet)."""
    checked = row.get("verified_at") is not None
    stale = not checked or row.get("trust_key") != key
    problems = list(row.get("problems") or [])
    if not checked:
        problems.insert(0, "not verified yet")
    elif stale:
        problems.insert(0, f"verified at {row['verified_at'][:10]} against another trust list")
    return ReceivedReport(
        row["id"],
        row["uid"],
        row["revision"],
        superseded,
        row["client"],
        row["audit_type"],
        row["report_number"],
        row["end_date"],
        row.get("total"),
        row.get("level"),
        row.get("level_title"),
        row.get("signer"),
        bool(row.get("trusted")) and not stale,
        bool(row.get("intact")),
        bool(row.get("verified")) and not stale,
        tuple(problems),
        _decision(decision) if decision is not None else None,
        open_ncs,
        row.get("verified_at"),
        stale,
    )


def received_report(
    store: AuditStore, audit_id: int, trust: Sequence[TrustItem] = (), *, check: bool = True
) -> ReceivedReport:
    """One report of the list, verified now (the one the reviewer opens), or as stored when
    not `check`."""
    if check:
        recheck(store, audit_id, trust)
    found = verdict_rows.received_rows(store, audit_id)
    if not found:
        raise InputError(f"audit {audit_id} has no signed report")
    row = found[0]
    opened = tuple(
        f"{nc.kind}: {nc.item_id or '-'} {nc.text}"
        for nc in open_nonconformities(store, [audit_id])
    )
    decision = latest_decision(store, audit_id)
    superseded = row["revision"] < row["newest"]
    return replace(
        received_from_row(row, superseded, trust_key(trust), None, opened), decision=decision
    )


# -- deciding -------------------------------------------------------------------------------
def _date(value: str | dt.date | None, what: str, default: dt.date | None = None) -> dt.date:
    if value is None or value == "":
        if default is None:
            raise InputError(f"{what} is required")
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None


def _issuance(store: AuditStore, number: str) -> dict[str, Any] | None:
    """The decision that last issued (or renewed) certificate `number`."""
    return committee_rows.last_issuance(store, number)


def decide(
    store: AuditStore,
    audit_id: int,
    decision: str,
    *,
    decided_on: str | dt.date | None = None,
    certificate_number: str = "",
    issued_on: str | dt.date | None = None,
    note: str = "",
    trust: Sequence[TrustItem] = (),
    replaces: str = "",
    scope: str | None = None,
    outstanding: str = "",
) -> Decision:
    """Record the committee's decision on a signed report (see the module docstring).

    An approval needs the report's signature valid and trusted (`trust`), no open major
    nonconformity, and dates not before the audit or the report; a recertification under a
    new number names the certificate it `replaces`. The certificate register follows the
    decision in the same transaction (`certificate_register.after_decision`). The level
    granted is the score's level unless the scheme's level conditions hold it back
    (`core.level_conditions`); `outstanding` (a reason) is the committee's override."""
    if decision not in DECISIONS:
        raise InputError(f"unknown decision {decision!r} (one of {', '.join(DECISIONS)})")
    audit = store.audit(audit_id)
    if not audit["locked"] or store.latest_report(audit_id) is None:
        raise InputError(f"audit {audit_id} has no signed report to decide on")
    newest = committee_rows.newest_revision(store, audit["series_uid"])
    if audit["revision"] < newest:
        raise InputError(
            f"audit {audit_id} is revision {audit['revision']}; revision {newest} "
            "supersedes it: decide on the newest revision"
        )
    on = _date(decided_on, "the decision date", dt.date.today())
    # the stored verdict is only a list's cache: check the report now, and keep what it says
    recheck(store, audit_id, trust)
    number = certificate_number.strip()
    issued = expires = ""
    score = AuditService(store).score(audit_id)
    level = score.level
    if decision == "approve":
        issued, expires = _approval(store, audit, score.level, number, issued_on, on)
        check_approval(store, audit, trust, on, dt.date.fromisoformat(issued) if issued else None)
        # months certified count from the certificate's first issue, or from the one a
        # recertification under a new number replaces
        basis = number if register_of(store, number, on) is not None else replaces.strip()
        level, note = _granted(store, audit, score.level, basis, on, outstanding, note)
    elif outstanding:
        raise InputError("only an approval grants a level: leave out the outstanding reason")
    elif number and register_of(store, number, on) is None:
        raise InputError(f"certificate {number} is not in the register")
    elif number and audit["audit_type"] in ISSUING_TYPES:
        raise InputError(
            "only an approval of an initial or recertification audit names its certificate"
        )
    recorded = committee_rows.add_decision(
        store,
        {
            "audit_id": audit_id,
            "decision": decision,
            "decided_on": on.isoformat(),
            "certificate_number": number,
            "issued_on": issued,
            "expires_on": expires,
            "level": level if decision == "approve" else "",
            "note": note,
        },
        follow=lambda row: after_decision(
            store, audit, row, replaces=replaces.strip(), scope=scope
        ),
    )
    return _decision(recorded)


def _granted(
    store: AuditStore,
    audit: dict[str, Any],
    found: str,
    number: str,
    on: dt.date,
    outstanding: str,
    note: str,
) -> tuple[str, str]:
    """(level granted, note) under the scheme's level conditions; an override or a level held
    back is said in the decision's note, so the register shows why."""
    first = register_of(store, number, on) if number else None
    since = first.history[0]["issued_on"] if first is not None else ""
    months = months_between(dt.date.fromisoformat(since), on) if since else 0
    scheme = store.audit_scheme(audit["id"])
    grant = grantable(scheme, found, months, override=False)
    if grant.held_back and first is not None and _holds_conditioned(scheme, first.level):
        # the committee granted a conditioned level already (results found outstanding):
        # the condition was decided then, not again at each audit
        grant = grantable(scheme, found, months, override=True)
    if not grant.held_back:
        if outstanding.strip():
            raise InputError(
                f"{grant.found.title_en} needs no override here: leave out the outstanding reason"
            )
        return found, note
    if outstanding.strip():
        extra = f"成绩特别显著 Outstanding results ({grant.found.title_en}): {outstanding.strip()}"
        return found, f"{note}\n{extra}".strip()
    return grant.granted.id, f"{note}\n{grant.reason}".strip()


def _holds_conditioned(scheme: Any, level_id: str) -> bool:
    try:
        return scheme.level(level_id).min_months_certified is not None
    except StopIteration:
        return False


def _approval(
    store: AuditStore,
    audit: dict[str, Any],
    level: str,
    number: str,
    issued_on: str | dt.date | None,
    on: dt.date,
) -> tuple[str, str]:
    """(issued_on, expires_on) for an approval; empty when it issues no certificate."""
    if not number:
        raise InputError("an approval needs the certificate number (--certificate)")
    scheme = store.audit_scheme(audit["id"])
    if level == scheme.rules.fail_level:
        raise InputError(f"audit {audit['id']} failed ({level}); it cannot be approved")
    existing = _issuance(store, number)
    if audit["audit_type"] in ISSUING_TYPES:
        if existing is not None and audit["audit_type"] == "initial":
            raise InputError(
                f"certificate {number} was issued already (audit "
                f"{existing['audit_id']}); an initial audit needs a new number"
            )
        issued = _date(issued_on, "the issue date", on)
        return issued.isoformat(), expiry_for(issued, cycle_rules(store)).isoformat()
    if existing is None:
        raise InputError(
            f"certificate {number} is not known here; record the decision on "
            "its initial (or recertification) audit first"
        )
    if issued_on:
        raise InputError(
            f"a {audit['audit_type']} audit does not issue a certificate; leave out the issue date"
        )
    return "", ""
