"""What the CB enters to determine audit person-days, and the checks that refuse bad input.

Everything is checked before any calculation so the user gets one message listing every defect
(negative counts, part-time staff without hours, an unjustified similar-function reduction …).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from auditor_app.core.audit_time_fields import exact
from auditor_app.core.audit_time_model import AUDIT_TYPES
from auditor_app.core.errors import InputError

Number = Decimal | int | float | str
HOURS_PER_WEEK = 168


# Larger than any organisation: a bigger number is a typing slip, not a headcount.
MAX_COUNT = 10_000_000


@dataclass(frozen=True)
class PersonDaysInput:
    """Declared (or verified) figures for one audit; counts are persons unless stated."""

    full_time: int
    part_time: int = 0
    part_time_hours: Number | None = None  # average hours per week of one part-time person
    temporary: int = 0
    contractors: int = 0  # contractors working within the scope
    # Persons among full-time/temporary/contractors doing similar simple functions, and the
    # reduced number they are counted as (IAF MD 5 allows it with a justification).
    similar_function_staff: int = 0
    similar_function_counted: int | None = None
    similar_function_reason: str = ""
    sites: int = 0  # sites (outlets) other than the central function
    audit_type: str = "initial"
    adjustments: Sequence[tuple[str, Number]] = ()  # (reason, signed percent)
    service_mgmt_staff: int | None = None
    certified_managers: int | None = None
    verified_headcount: int | None = None  # full-time headcount found on site
    planned_days: Number | None = None
    sampling_allowed: bool = True
    # Multi-site audit time (IAF MD 1): each site's own headcount (None: not known), in the
    # order of `site_names`; the sites drawn for the sample, once drawn; and the reduction of
    # the time at each sampled site (at most the data file's cap) with its reason.
    site_headcounts: Sequence[int | None] = ()
    site_names: Sequence[str] = ()
    sampled_sites: Sequence[str] = ()
    site_reduction_percent: Number = 0
    site_reduction_reason: str = ""


@dataclass(frozen=True)
class CheckedInput:
    """The input with its numbers made exact, after every check passed."""

    raw: PersonDaysInput
    part_time_hours: Fraction
    similar_counted: int
    adjustments: tuple[tuple[str, Fraction], ...]
    planned_days: Fraction | None
    site_reduction: Fraction = Fraction(0)


def check_input(inp: PersonDaysInput) -> CheckedInput:
    """Refuse input that cannot be computed; one `InputError` lists every defect found."""
    errors: list[str] = []
    counts = {
        "full-time headcount": inp.full_time,
        "part-time count": inp.part_time,
        "temporary staff": inp.temporary,
        "contractors": inp.contractors,
        "similar-function staff": inp.similar_function_staff,
        "sites": inp.sites,
    }
    optional = {
        "similar-function counted number": inp.similar_function_counted,
        "service-management staff": inp.service_mgmt_staff,
        "certified managers": inp.certified_managers,
        "verified headcount": inp.verified_headcount,
    }
    for name, value in [*counts.items(), *optional.items()]:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(f"{name} must be a whole number, got {value!r}")
        elif value < 0:
            errors.append(f"{name} must not be negative, got {value}")
        elif value > MAX_COUNT:
            errors.append(f"{name} of {value} is not plausible (at most {MAX_COUNT:,})")
    if errors:  # the checks below compare these numbers, so stop at type errors
        raise InputError("; ".join(errors))

    hours = _hours(inp, errors)
    counted = _similar(inp, errors)
    adjustments = _adjustments(inp, errors)
    planned = None
    if inp.planned_days is not None:
        planned = exact(inp.planned_days)
        if planned is None or planned < 0:
            errors.append(f"planned days must be a number of days ≥ 0, got {inp.planned_days!r}")
    if inp.audit_type not in AUDIT_TYPES:
        errors.append(f"unknown audit type {inp.audit_type!r}; use one of {', '.join(AUDIT_TYPES)}")
    reduction = _sites(inp, errors)
    if errors:
        raise InputError("; ".join(errors))
    return CheckedInput(inp, hours, counted, adjustments, planned, reduction)


def _sites(inp: PersonDaysInput, errors: list[str]) -> Fraction:
    """Check the per-site figures; return the requested per-site reduction (percent)."""
    heads, names = list(inp.site_headcounts), list(inp.site_names)
    if heads and len(heads) != inp.sites:
        errors.append(
            f"{len(heads)} site headcounts given for {inp.sites} sites: give one per site"
        )
    if names and len(names) != inp.sites:
        errors.append(f"{len(names)} site names given for {inp.sites} sites: give one per site")
    for n, head in enumerate(heads, start=1):
        label = names[n - 1] if n <= len(names) else f"site {n}"
        if head is None:
            continue
        if isinstance(head, bool) or not isinstance(head, int):
            errors.append(f"{label}: headcount must be a whole number, got {head!r}")
        elif head < 1:
            errors.append(f"{label}: headcount must be at least 1 (leave it empty if not known)")
        elif head > MAX_COUNT:
            errors.append(f"{label}: headcount of {head} is not plausible")
    if inp.sampled_sites:
        unknown = [s for s in inp.sampled_sites if s not in names]
        if unknown:
            errors.append(f"sampled site(s) not in the site list: {', '.join(unknown)}")
        if len(set(inp.sampled_sites)) != len(inp.sampled_sites):
            errors.append("a sampled site is listed twice")
    value = exact(inp.site_reduction_percent)
    if value is None or value < 0 or value >= 100:
        errors.append(
            "the reduction of the time at each sampled site must be a percentage from 0 to "
            f"below 100, got {inp.site_reduction_percent!r}"
        )
        return Fraction(0)
    if value > 0 and not inp.site_reduction_reason.strip():
        errors.append(f"reducing the time at each sampled site by {value} % needs a reason")
    return value


def _hours(inp: PersonDaysInput, errors: list[str]) -> Fraction:
    if inp.part_time_hours is None:
        if inp.part_time > 0:
            errors.append(
                f"{inp.part_time} part-time staff given without their weekly hours: "
                "give the average hours per week so they can be converted to full-time equivalents"
            )
        return Fraction(0)
    hours = exact(inp.part_time_hours)
    if hours is None:
        errors.append(f"part-time hours must be a number, got {inp.part_time_hours!r}")
    elif hours <= 0 and inp.part_time > 0:
        errors.append(f"part-time hours per week must be more than 0, got {inp.part_time_hours}")
    elif hours < 0:
        errors.append(f"part-time hours per week must not be negative, got {inp.part_time_hours}")
    elif hours > HOURS_PER_WEEK:
        errors.append(
            f"part-time hours per week cannot exceed {HOURS_PER_WEEK} (a week has "
            f"{HOURS_PER_WEEK} hours), got {inp.part_time_hours}"
        )
    else:
        return hours
    return Fraction(0)


def _similar(inp: PersonDaysInput, errors: list[str]) -> int:
    staff, counted = inp.similar_function_staff, inp.similar_function_counted
    if counted is None:
        if staff > 0:
            errors.append(
                f"{staff} similar-function staff given without the number they are counted as"
            )
        return staff
    whole_persons = inp.full_time + inp.temporary + inp.contractors
    if staff > whole_persons:
        errors.append(
            f"similar-function staff ({staff}) cannot exceed the full-time, temporary and "
            f"contractor persons in scope ({whole_persons})"
        )
    if counted > staff:
        errors.append(
            f"similar-function staff counted as {counted} is more than the {staff} similar-function"
            " staff: the counted number can only reduce it"
        )
    elif counted < staff and not inp.similar_function_reason.strip():
        errors.append(
            f"counting {staff} similar-function staff as {counted} needs a justification "
            "(similar-function reason)"
        )
    return counted


def _adjustments(inp: PersonDaysInput, errors: list[str]) -> tuple[tuple[str, Fraction], ...]:
    out: list[tuple[str, Fraction]] = []
    for i, item in enumerate(inp.adjustments, start=1):
        if isinstance(item, str) or len(item) != 2:
            errors.append(f"adjustment {i} must be a (reason, percent) pair, got {item!r}")
            continue
        reason, percent = item
        value = exact(percent)
        if not isinstance(reason, str) or not reason.strip():
            errors.append(f"adjustment {i} ({percent}%) has no reason: every adjustment needs one")
        elif value is None:
            errors.append(f"adjustment {reason!r}: percent must be a number, got {percent!r}")
        elif value <= -100:
            errors.append(f"adjustment {reason!r}: {percent}% would remove all the audit time")
        else:
            out.append((reason.strip(), value))
    return tuple(out)
