"""Person-days from the values on a form, and the replan after an edit (Qt-free; moved from ui/).

The form recomputes from the values on screen (before they are committed), so the live panel
needs the core directly; committed changes store the breakdown through `plan_audit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditor_app.core.audit_time import load_audit_time
from auditor_app.core.errors import InputError
from auditor_app.core.persondays import PersonDaysInput, PersonDaysResult, compute_person_days
from auditor_app.services.planning import HEADCOUNT_KEYS, site_input


def build_input(headcount: dict[str, Any], audit_type: str, sites: int) -> PersonDaysInput:
    """The person-days input from form values; InputError when it cannot be built."""
    values = {k: v for k, v in headcount.items() if k in HEADCOUNT_KEYS and v is not None}
    if "full_time" not in values:
        raise InputError("enter the full-time headcount")
    values["adjustments"] = tuple(tuple(a) for a in values.get("adjustments", ()))
    return PersonDaysInput(audit_type=audit_type, sites=sites, **values)


def compute(
    headcount: dict[str, Any],
    audit_type: str,
    sites: int,
    site_rows: Sequence[dict[str, Any]] | None = None,
    draw: dict[str, Any] | None = None,
) -> PersonDaysResult:
    """`site_rows` (sites other than the central function) give each site's own headcount."""
    inp = build_input(headcount, audit_type, sites)
    if site_rows is not None:
        inp = site_input(inp, site_rows, draw)
    return compute_person_days(inp, load_audit_time())  # cached by file
