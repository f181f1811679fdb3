"""A certificate's state, level and scope folded from its register events (issue 11).

ISO/IEC 17021-1 9.6.5: a certificate is valid, suspended (temporarily invalid, with a deadline
to resolve the reason), withdrawn, or - our additions - replaced (by a recertification under
another number) or expired (past its validity without being renewed; computed from the date,
not recorded). Pure: the rows come from `store.certificates`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor_app.core.errors import InputError

STATES = ("valid", "suspended", "withdrawn", "expired", "replaced")

# which events may follow which recorded state
ALLOWED: dict[str, tuple[str, ...]] = {
    "valid": (
        "recertified",
        "surveillance",
        "special",
        "suspended",
        "withdrawn",
        "scope_reduced",
        "scope_extended",
        "replaced",
    ),
    "suspended": ("reinstated", "withdrawn", "scope_reduced", "recertified", "replaced"),
    "withdrawn": (),
    "replaced": (),
}


@dataclass(frozen=True)
class Certificate:
    """A certificate as its register events describe it on a day (`fold`); `history` holds the event
    rows in order."""

    number: str
    client: str
    state: str  # one of STATES, as of the day asked
    recorded_state: str  # the last event's state (expired is never recorded)
    level: str
    scope: str
    issued_on: dt.date
    expires_on: dt.date
    deadline: dt.date | None  # a suspension's deadline
    audit_id: int  # the audit the current cycle was issued on
    history: tuple[Mapping[str, Any], ...]


def fold(rows: Sequence[Mapping[str, Any]], today: dt.date) -> Certificate:
    """The certificate the events describe, on `today`."""
    if not rows or rows[0]["event"] != "issued":
        raise InputError("a certificate's register starts with its issue")
    issued = expires = dt.date.min
    audit_id = 0
    deadline: dt.date | None = None
    for row in rows:
        if row["event"] in ("issued", "recertified"):
            issued = dt.date.fromisoformat(row["issued_on"])
            expires = dt.date.fromisoformat(row["expires_on"])
            audit_id = int(row["audit_id"] or 0)
        deadline = dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None
    last = rows[-1]
    state = last["state"]
    if state in ("valid", "suspended") and today > expires:
        state = "expired"
    return Certificate(
        last["certificate_number"],
        rows[0]["client"],
        state,
        last["state"],
        last["level"],
        last["scope"],
        issued,
        expires,
        deadline if last["state"] == "suspended" else None,
        audit_id,
        tuple(rows),
    )


def check_transition(cert: Certificate, event: str) -> None:
    """Refuse an event the certificate's state does not allow, saying why."""
    if cert.state == "expired" and event not in ("recertified", "replaced", "withdrawn"):
        raise InputError(
            f"certificate {cert.number} expired on {cert.expires_on}: only a recertification "
            "renews it"
        )
    if event not in ALLOWED.get(cert.recorded_state, ()):
        raise InputError(
            f"certificate {cert.number} is {cert.recorded_state}: it cannot be "
            f"{event.replace('_', ' ')}"
            + (
                " (a suspended certificate is reinstated by approving a special audit)"
                if cert.recorded_state == "suspended" and event in ("surveillance", "special")
                else ""
            )
        )
