"""Multi-site audit time (IAF MD 1 with EA FAQ 42.6): central function plus each sampled site.

The central function's time comes from the table by its own effective personnel (the whole
organisation's less the sites' own headcounts) with the CB's adjustments; each sampled site's
time comes from the table by that site's headcount, reduced by at most the data file's cap
(MD 1 7.3.1) and never below the CB's minimum per site. The sum is rounded to a half day once.

Before the sample is drawn, the plan takes the largest sites (the plan must suffice whichever
sites the draw picks); after the draw, the sites drawn. A site whose headcount is not known is
counted at the minimum, with a warning, and its persons stay with the central function.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from auditor_app.core.audit_time_model import AuditTimeTable, Lookup
from auditor_app.core.errors import InputError
from auditor_app.core.persondays_input import CheckedInput
from auditor_app.core.persondays_rules import DaysCalc, round_half_day

Basis = Literal["drawn", "largest", "unknown"]


@dataclass(frozen=True)
class SiteTime:
    """The audit time of one sampled site, in days (exact fractions)."""

    name: str
    headcount: int | None  # None: not known, counted at the minimum
    lookup: Lookup | None
    reduced: Fraction  # table days × (1 − reduction) × audit-type factor, before the minimum
    days: Fraction  # the site's time (at least the minimum)

    @property
    def raised_to_minimum(self) -> bool:
        return self.days > self.reduced


@dataclass(frozen=True)
class MultiSite:
    """The multi-site audit time: the central function's days plus each sampled site's, summed
    exactly (`total_exact`, rounded to a half day once by `days_with_sites`). `basis` says which
    sites were counted: those drawn, the largest, or the first listed when no site headcount is
    known."""

    central_personnel: int  # whole persons for the central function's look-up
    central_lookup: Lookup
    central_days: Fraction  # table × (1 + adjustments) × audit-type factor
    sites: tuple[SiteTime, ...]  # the sampled sites, in the order used
    basis: Basis
    reduction_requested: Fraction  # percent per sampled site
    reduction: Fraction  # applied (capped)
    cap: Fraction  # the data file's largest allowed reduction per site
    minimum: Fraction
    total_exact: Fraction

    @property
    def reduction_capped(self) -> bool:
        return self.reduction != self.reduction_requested


def site_names(checked: CheckedInput) -> list[str]:
    names = list(checked.raw.site_names)
    return names if names else [f"site {n}" for n in range(1, checked.raw.sites + 1)]


def multi_site(
    checked: CheckedInput, table: AuditTimeTable, calc: DaysCalc, sample: int
) -> MultiSite:
    """The audit time of the central function and `sample` sampled sites."""
    inp = checked.raw
    names = site_names(checked)
    heads: list[int | None] = list(inp.site_headcounts) or [None] * inp.sites
    by_name = dict(zip(names, heads, strict=True))
    known = sum(h for h in heads if h is not None)
    central = math.ceil(calc.effective.total - known)
    if central < 1:
        raise InputError(
            f"the sites' headcounts add up to {known}, which leaves no one at the central "
            f"function (effective personnel {calc.effective.total}): check the headcounts"
        )
    lookup = table.lookup(central)
    factor = calc.rule.time_factor
    central_days = Fraction(lookup.days) * (1 + calc.applied / 100) * factor
    chosen, basis = _sample(inp.sampled_sites, names, heads, sample)
    cap = table.max_site_time_reduction_percent
    reduction = min(checked.site_reduction, cap)
    minimum = table.min_site_days
    sites: list[SiteTime] = []
    for name in chosen:
        head = by_name[name]
        site_lookup = None if head is None else table.lookup(head)
        base = Fraction(0) if site_lookup is None else Fraction(site_lookup.days)
        reduced = base * (1 - reduction / 100) * factor
        sites.append(SiteTime(name, head, site_lookup, reduced, max(reduced, minimum)))
    total = central_days + sum((s.days for s in sites), Fraction(0))
    return MultiSite(
        central,
        lookup,
        central_days,
        tuple(sites),
        basis,
        checked.site_reduction,
        reduction,
        cap,
        minimum,
        total,
    )


def _sample(
    drawn: Sequence[str], names: list[str], heads: list[int | None], sample: int
) -> tuple[list[str], Basis]:
    if drawn:  # the sites actually drawn are the ones visited, whatever the plan said
        return list(drawn), "drawn"
    if all(h is None for h in heads):
        return names[:sample], "unknown"
    # Largest first (unknown headcounts last); the site-list order breaks ties.
    order = sorted(range(len(names)), key=lambda i: -(heads[i] or 0))
    return [names[i] for i in order[:sample]], "largest"


def days_with_sites(calc: DaysCalc, ms: MultiSite, table: AuditTimeTable) -> DaysCalc:
    """`calc` with the multi-site total as the audit time (rounded to a half day once)."""
    days = round_half_day(ms.total_exact)
    raised = ms.total_exact > 0 and days < table.minimum_days
    if raised:
        days = table.minimum_days
    return DaysCalc(
        calc.effective,
        calc.lookup,
        calc.requested,
        calc.applied,
        calc.capped,
        calc.rule,
        ms.total_exact,
        days,
        raised,
    )
