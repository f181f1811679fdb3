"""The certificate register: each certificate's state and level following the committee.

Every change is an event resting on a decision (who, when, why, which report):
- approving an initial audit issues the certificate; approving a recertification renews it
  under the same number, or issues a new one that replaces the old (`replaces`);
- approving a surveillance sets the level it found; approving a special audit of a suspended
  certificate reinstates it (at the level found);
- rejecting a surveillance or special audit suspends the certificate with a deadline (setting
  `suspension_max_months`); an overdue surveillance past its tolerance or a major
  nonconformity open past its due date flags `suspension_due`; a suspension past its deadline
  flags `withdrawal_due`; the committee records those with `act` (suspend, withdraw, reduce or
  extend the scope), always with a reason.
Qt-free; `sync.committee` calls `after_decision` inside the decision's transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.services.followup import (
    Nonconformity,
    open_nonconformities,
    open_nonconformities_by_audit,
)
from auditor_app.store import certificates as rows
from auditor_app.store import committee_rows
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync.cycle import Cycle, CycleRules, add_months, compute_cycle
from auditor_app.sync.register import Certificate, check_transition, fold

ACTIONS = {
    "suspend": "suspended",
    "withdraw": "withdrawn",
    "reduce-scope": "scope_reduced",
    "extend-scope": "scope_extended",
}


@dataclass(frozen=True)
class CertificateStatus:
    """A certificate as the committee sees it on a day: its register entry, its cycle with flags,
    the audit its current cycle was issued on and the latest decision naming it ("" if none)."""

    client: str
    level: str
    audit_id: int
    cycle: Cycle
    last_decision: str
    register: Certificate

    @property
    def state(self) -> str:
        return self.register.state

    def to_dict(self) -> dict[str, Any]:
        c, r = self.cycle, self.register
        window = c.next_surveillance
        return {
            "certificate": c.number,
            "client": self.client,
            "state": r.state,
            "level": self.level,
            "scope": r.scope,
            "audit_id": self.audit_id,
            "issued_on": c.issued_on.isoformat(),
            "expires_on": c.expires_on.isoformat(),
            "suspension_deadline": r.deadline.isoformat() if r.deadline else None,
            "surveillances": [d.isoformat() for d in c.surveillances],
            "next_surveillance": None
            if window is None
            else [window[0].isoformat(), window[1].isoformat()],
            "recertification_due": c.recertification_due.isoformat(),
            "flags": list(c.flags),
            "overdue": c.overdue,
            "last_decision": self.last_decision,
        }


def cycle_rules(store: AuditStore) -> CycleRules:
    return CycleRules.from_settings(store.get_setting)


def register(store: AuditStore, number: str, today: dt.date | None = None) -> Certificate | None:
    found = rows.events(store, number)
    return fold(found, today or dt.date.today()) if found else None


def history(store: AuditStore, number: str) -> list[dict[str, Any]]:
    found = rows.events(store, number)
    if not found:
        raise InputError(f"certificate {number!r} is not in the register")
    return found


def _audits_of(store: AuditStore, number: str) -> list[int]:
    return committee_rows.audits_of_certificate(store, number)


# -- following a decision -------------------------------------------------------------------
def after_decision(
    store: AuditStore,
    audit: dict[str, Any],
    decision: dict[str, Any],
    *,
    replaces: str = "",
    scope: str | None = None,
) -> None:
    """The register events a recorded decision brings (inside the decision's transaction)."""
    number = decision["certificate_number"]
    if not number:
        return
    on = dt.date.fromisoformat(decision["decided_on"])
    cert = register(store, number, on)
    kind = audit["audit_type"]
    base = {
        "certificate_number": number,
        "effective_on": decision["decided_on"],
        "reason": decision["note"] or f"committee decision: {decision['decision']} of {kind}",
        "audit_id": audit["id"],
        "decision_id": decision["id"],
        "client": audit["org_name"],
    }
    if decision["decision"] == "approve":
        granted = {
            "level": decision["level"],
            "scope": scope if scope is not None else audit["scope"],
            "state": "valid",
            "issued_on": decision["issued_on"],
            "expires_on": decision["expires_on"],
        }
        if kind == "initial":
            rows.add_event(store, {**base, **granted, "event": "issued"})
        elif kind == "recertification" and cert is None:
            # a new number for the renewed certificate: the old one is replaced
            old = register(store, replaces, on) if replaces else None
            if old is None:
                raise InputError(
                    f"certificate {number} is new: say which certificate this recertification "
                    "replaces (--replaces NUMBER), or renew under the old number"
                )
            check_transition(old, "replaced")
            rows.add_event(store, {**base, **granted, "event": "issued"})
            rows.add_event(
                store,
                {
                    **base,
                    "certificate_number": old.number,
                    "event": "replaced",
                    "state": "replaced",
                    "level": old.level,
                    "scope": old.scope,
                    "client": old.client,
                    "reason": f"replaced by certificate {number} on recertification",
                },
            )
        else:
            assert cert is not None  # committee._approval checked the number is known
            event = {"recertification": "recertified", "surveillance": "surveillance"}.get(
                kind, "reinstated" if cert.recorded_state == "suspended" else "special"
            )
            check_transition(cert, event)
            if event in ("surveillance", "special", "reinstated"):
                granted["issued_on"] = granted["expires_on"] = ""
                granted["scope"] = scope if scope is not None else cert.scope
            rows.add_event(store, {**base, **granted, "event": event})
    elif (
        decision["decision"] == "reject"
        and kind in ("surveillance", "special")
        and cert is not None
        and cert.recorded_state == "valid"
    ):
        _suspend(store, cert, base, on)


def _suspend(store: AuditStore, cert: Certificate, base: dict[str, Any], on: dt.date) -> None:
    deadline = add_months(on, cycle_rules(store).suspension_max_months)
    rows.add_event(
        store,
        {
            **base,
            "event": "suspended",
            "state": "suspended",
            "level": cert.level,
            "scope": cert.scope,
            "deadline": deadline.isoformat(),
        },
    )


# -- the committee's own actions ------------------------------------------------------------
def act(
    store: AuditStore,
    number: str,
    action: str,
    *,
    reason: str,
    on: dt.date,
    audit_id: int | None = None,
    deadline: dt.date | None = None,
    scope: str | None = None,
) -> Certificate:
    """Suspend, withdraw, reduce or extend the scope of a certificate: a decision with a reason."""
    if action not in ACTIONS:
        raise InputError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    if not reason.strip():
        raise InputError(f"to {action} a certificate, give the reason (--reason)")
    cert = register(store, number, on)
    if cert is None:
        raise InputError(f"certificate {number!r} is not in the register")
    event = ACTIONS[action]
    check_transition(cert, event)
    if on < cert.issued_on:
        raise InputError(f"{on} is before certificate {number} was issued ({cert.issued_on})")
    if audit_id is not None:
        store.audit(audit_id)  # exists, or a clear error
    values: dict[str, Any] = {
        "certificate_number": number,
        "event": event,
        "state": {"suspended": "suspended", "withdrawn": "withdrawn"}.get(
            event, cert.recorded_state
        ),
        "level": cert.level,
        "scope": cert.scope,
        "client": cert.client,
        "effective_on": on.isoformat(),
        "reason": reason.strip(),
        "audit_id": audit_id,
    }
    if event == "suspended":
        limit = add_months(on, cycle_rules(store).suspension_max_months)
        deadline = deadline or limit
        if not on < deadline <= limit:
            raise InputError(f"the suspension's deadline must fall after {on} and by {limit}")
        values["deadline"] = deadline.isoformat()
    elif event == "scope_reduced" or event == "scope_extended":
        if not (scope or "").strip():
            raise InputError("give the new scope (--scope TEXT)")
        values["scope"] = scope.strip() if scope else ""
        if cert.recorded_state == "suspended":
            values["deadline"] = cert.deadline.isoformat() if cert.deadline else ""
    rows.add_event(store, values)
    result = register(store, number, on)
    assert result is not None
    return result


# -- the list -------------------------------------------------------------------------------
def certificates(store: AuditStore, today: dt.date | None = None) -> list[CertificateStatus]:
    """Each certificate's state and cycle as of `today`, most urgent first: the whole register
    in a few queries (events, surveillances, last decisions, linked audits, open majors), the
    same as `certificate` for each."""
    today = today or dt.date.today()
    rules = cycle_rules(store)
    days = committee_rows.surveillance_days_by_certificate(store)
    last = committee_rows.last_decisions_by_certificate(store)
    linked = committee_rows.audits_by_certificate(store)
    majors: dict[int, list[Nonconformity]] | None = None

    def late_majors(number: str) -> bool:
        nonlocal majors
        if majors is None:  # only valid certificates ask
            majors = open_nonconformities_by_audit(store, "major")
        found = majors
        return any(
            nc.overdue(today)
            for audit_id in linked.get(number, ())
            for nc in found.get(audit_id, ())
        )

    out = [
        _status(
            fold(found, today),
            days.get(number, []),
            last.get(number, ""),
            lambda number=number: late_majors(number),
            today,
            rules,
        )
        for number, found in rows.events_by_number(store).items()
    ]
    out.sort(
        key=lambda s: (
            s.state in ("withdrawn", "replaced"),
            not s.cycle.overdue,
            s.cycle.next_surveillance or (s.cycle.recertification_due,),
        )
    )
    return out


def certificate(
    store: AuditStore, number: str, today: dt.date | None = None
) -> CertificateStatus | None:
    """One certificate's state and cycle as of `today` (its row of `certificates`, read on its
    own); None when it is not in the register."""
    today = today or dt.date.today()
    cert = register(store, number, today)
    if cert is None:
        return None

    def late_majors() -> bool:
        found = open_nonconformities(store, _audits_of(store, number), "major")
        return any(nc.overdue(today) for nc in found)

    return _status(
        cert,
        committee_rows.surveillance_days(store, number),
        committee_rows.last_decision_on(store, number),
        late_majors,
        today,
        cycle_rules(store),
    )


def _status(
    cert: Certificate,
    surveillance_rows: list[dict[str, Any]],
    last: str,
    late_majors: Callable[[], bool],
    today: dt.date,
    rules: CycleRules,
) -> CertificateStatus:
    surveillances = [_audit_day(r) for r in surveillance_rows]
    number = cert.number
    cycle = compute_cycle(number, cert.issued_on, cert.expires_on, surveillances, today, rules)
    cycle = dataclasses.replace(cycle, flags=_flags(cert, cycle, today, rules, late_majors))
    return CertificateStatus(cert.client, cert.level, cert.audit_id, cycle, last, cert)


def _flags(
    cert: Certificate,
    cycle: Cycle,
    today: dt.date,
    rules: CycleRules,
    late_majors: Callable[[], bool],
) -> tuple[str, ...]:
    if cert.state in ("withdrawn", "replaced"):
        return ()
    if cert.state == "expired":
        return ("expired",)
    if cert.state == "suspended":
        late = cert.deadline is not None and today > cert.deadline
        return ("suspended", "withdrawal_due") if late else ("suspended",)
    flags = list(cycle.flags)
    window = cycle.next_surveillance
    past = window is not None and today > add_months(window[1], rules.surveillance_tolerance_months)
    late = late_majors()
    if late:
        flags.append("major_nc_overdue")
    if past or late:
        flags.append("suspension_due")
    return tuple(flags)


def _audit_day(row: dict[str, Any]) -> dt.date:
    """When a surveillance took place: its last audit day, else the decision date."""
    for key in ("end_date", "start_date", "decided_on"):
        try:
            return dt.date.fromisoformat(row[key])
        except (TypeError, ValueError):
            continue
    raise InputError("a surveillance decision without any date")  # decided_on is required
