"""Audit operations the desktop needs beyond the shared services (Qt-free, store-level).

Kept free of Qt so they can move to `auditor_app.services` and serve the command line too.
"""

from __future__ import annotations

from typing import Any

from auditor_app.core.audit_time import load_audit_time
from auditor_app.core.errors import InputError
from auditor_app.core.persondays import PersonDaysInput, PersonDaysResult, compute_person_days
from auditor_app.services.planning import HEADCOUNT_KEYS, person_days_input
from auditor_app.store.audit_store import AuditStore

_table = None


def audit_time_table():  # -> AuditTimeTable, loaded once per process
    global _table
    if _table is None:
        _table = load_audit_time()
    return _table


def build_input(headcount: dict[str, Any], audit_type: str, sites: int) -> PersonDaysInput:
    """The person-days input from form values; InputError when it cannot be built."""
    values = {k: v for k, v in headcount.items() if k in HEADCOUNT_KEYS and v is not None}
    if "full_time" not in values:
        raise InputError("enter the full-time headcount")
    values["adjustments"] = tuple(tuple(a) for a in values.get("adjustments", ()))
    return PersonDaysInput(audit_type=audit_type, sites=sites, **values)


def compute(headcount: dict[str, Any], audit_type: str, sites: int) -> PersonDaysResult:
    return compute_person_days(build_input(headcount, audit_type, sites), audit_time_table())


def replan(store: AuditStore, audit_id: int) -> PersonDaysResult | None:
    """Store the person-days breakdown of the audit's current inputs (call in a transaction).

    Invalid inputs leave the last valid breakdown in place; the details form shows why.
    """
    try:
        result = compute_person_days(person_days_input(store, audit_id), audit_time_table())
    except InputError:
        return None
    store.update_audit(audit_id, persondays=result.to_dict())
    return result


def duplicate_as_surveillance(store: AuditStore, audit_id: int) -> int:
    """Start the next surveillance audit of the same client from `audit_id`.

    Client, scheme, scope, objectives, declared headcount, sites and team carry over; results,
    findings, photos, dates, report number and the outlet draw do not (each audit draws anew).
    """
    old = store.audit(audit_id)
    scheme = store.scheme(old["scheme_hash"])
    with store.transaction():
        new_id = store.create_audit(
            old["org_id"], "surveillance", scheme, scope=old["scope"],
            objectives=old["objectives"], headcount=old["headcount"])
        store.replace_sites(new_id, [{**s, "visited": 0} for s in store.sites(audit_id)])
        store.replace_team(new_id, [dict(m) for m in store.team(audit_id)])
        replan(store, new_id)
    return new_id
