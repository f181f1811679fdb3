"""Audit planning: person-days and the outlet sample for a stored audit.

The audit's headcount breakdown (as entered) is kept as JSON on the audit; the computed
breakdown is stored beside it so the report prints exactly what the team planned with.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from auditor_app.core.audit_time import load_audit_time
from auditor_app.core.audit_time_actual import TimeSummary, check_entries, summarise
from auditor_app.core.errors import InputError
from auditor_app.core.persondays import PersonDaysInput, PersonDaysResult, compute_person_days
from auditor_app.core.sampling import SiteDraw, draw_sites
from auditor_app.store.audit_store import AuditStore

HEADCOUNT_KEYS = (
    "full_time",
    "part_time",
    "part_time_hours",
    "temporary",
    "contractors",
    "similar_function_staff",
    "similar_function_counted",
    "similar_function_reason",
    "adjustments",
    "service_mgmt_staff",
    "certified_managers",
    "verified_headcount",
    "planned_days",
    "sampling_allowed",
    "site_reduction_percent",
    "site_reduction_reason",
)


def parse_adjustment(text: str) -> tuple[str, Decimal]:
    """'many sites=+10' → ('many sites', Decimal('10')); split at the LAST '=' so a reason may
    itself contain '='. A missing reason is left to the person-days core, which refuses it."""
    reason, sep, pct = text.rpartition("=")
    if not sep:
        raise InputError(f'--adjust {text!r}: expected REASON=±PCT, e.g. "many sites=+10"')
    pct = pct.strip().removesuffix("%").strip()
    try:
        value = Decimal(pct)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InputError(f"--adjust {text!r}: {pct!r} is not a percentage (e.g. +10 or -20)")
    return reason.strip(), value


def person_days_input(store: AuditStore, audit_id: int) -> PersonDaysInput:
    audit = store.audit(audit_id)
    headcount: dict[str, Any] = {
        k: v for k, v in audit["headcount"].items() if k in HEADCOUNT_KEYS and v is not None
    }
    headcount["adjustments"] = tuple(tuple(a) for a in headcount.get("adjustments", ()))
    sites = [s for s in store.sites(audit_id) if not s["is_central"]]
    if "full_time" not in headcount:
        raise InputError("the audit has no headcount yet")
    return site_input(
        PersonDaysInput(audit_type=audit["audit_type"], sites=len(sites), **headcount),
        sites,
        audit.get("site_draw") or None,
    )


def site_input(
    inp: PersonDaysInput, sites: Sequence[dict[str, Any]], draw: dict[str, Any] | None
) -> PersonDaysInput:
    """`inp` with each site's name and headcount, and the drawn sample when it is current."""
    names = [str(s["name"]).strip() for s in sites]
    heads = [s.get("headcount") or None for s in sites]
    sampled: list[str] = []
    # A draw made from another site list is stale: plan with the largest sites instead.
    if draw and list(draw.get("candidates", [])) == names:
        sampled = [*draw.get("chosen", []), *draw.get("random_picks", [])]
    return dataclasses.replace(
        inp,
        sites=len(names),
        site_names=tuple(names),
        site_headcounts=tuple(heads),
        sampled_sites=tuple(sampled),
    )


def plan_audit(store: AuditStore, audit_id: int) -> PersonDaysResult:
    """Compute person-days from the stored inputs and store the breakdown with the audit."""
    scheme = store.audit_scheme(audit_id)
    result = compute_person_days(person_days_input(store, audit_id), load_audit_time(), scheme)
    store.update_audit(audit_id, persondays=result.to_dict())
    return result


def replan(store: AuditStore, audit_id: int) -> PersonDaysResult | None:
    """Store the breakdown of the audit's current inputs (inside the edit's transaction).

    Inputs the engine refuses leave the last valid breakdown in place; the form says why.
    """
    try:
        return plan_audit(store, audit_id)
    except InputError:
        return None


def draw_audit_sample(
    store: AuditStore, audit_id: int, seed: int | None = None, preselected: Sequence[str] = ()
) -> SiteDraw:
    """Draw the outlets to visit from the audit's site list and record the draw with it."""
    plan = plan_audit(store, audit_id)
    sites = store.sites(audit_id)
    central = next((s["name"] for s in sites if s["is_central"]), "central function")
    names = [s["name"] for s in sites if not s["is_central"]]
    draw = draw_sites(
        names,
        plan.sites_to_sample,
        plan.random_sites_min,
        seed,
        preselected,
        central_function=central,
    )
    store.update_audit(audit_id, site_draw=draw.to_dict())
    plan_audit(store, audit_id)  # the time now follows the sites drawn
    return draw


def actual_time_summary(store: AuditStore, audit_id: int) -> TimeSummary:
    """The audit's recorded actual time against its planned days (for reports and checks:
    `needs_reason` is true while a deviation from the plan has no recorded reason)."""
    audit = store.audit(audit_id)
    planned = (audit["persondays"] or {}).get("audit_days")
    return summarise(
        check_entries(audit["actual_time"] or []),
        store.team(audit_id),
        None if planned is None else Decimal(str(planned)),
        audit["time_deviation_reason"],
    )
