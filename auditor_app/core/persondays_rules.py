"""The arithmetic of audit time and sampling (IAF MD 5 / MD 1), exact and free of text.

All intermediate values are `Fraction`s: a surveillance factor of 1/3 applied to 15.75 days must
give exactly 5.25 so that the half-day rounding sends the tie up to 5.5; decimal or binary
floating point would land just below and round it down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from auditor_app.core.audit_time_model import AuditTimeTable, AuditTypeRule, Lookup
from auditor_app.core.errors import InputError
from auditor_app.core.persondays_input import CheckedInput

HALF = Fraction(1, 2)


def round_half_day(days: Fraction) -> Fraction:
    """Nearest half day, a tie (x.25, x.75) going up: 5.2 → 5, 5.25 → 5.5, 5.75 → 6."""
    return Fraction(math.floor(days * 2 + HALF), 2)


def ceil_half_day(days: Fraction) -> Fraction:
    """The next half day at or above `days`: 4.8 → 5, 4.5 → 4.5."""
    return Fraction(math.ceil(days * 2), 2)


def ceil_factor_sqrt(factor: Fraction, sites: int) -> int:
    """⌈factor × √sites⌉ computed exactly with integers (no float square root)."""
    if sites <= 0:
        return 0
    p, q = factor.numerator, factor.denominator
    # n ≥ (p/q)·√x  ⇔  n·q ≥ √(p²·x)  ⇔  n·q ≥ ⌈√(p²·x)⌉ because n·q is a whole number.
    m = p * p * sites
    root = math.isqrt(m)
    ceil_root = root if root * root == m else root + 1
    return -(-ceil_root // q)


def sample_size(sites: int, rule: AuditTypeRule, sampling_allowed: bool) -> int:
    """Sites to visit besides the central function (x = sites other than the central function)."""
    if sites <= 0:
        return 0
    if sampling_allowed:
        return min(ceil_factor_sqrt(rule.sampling_factor, sites), sites)
    return min(math.ceil(rule.no_sampling_fraction * sites), sites)


def random_minimum(sample: int, share: Fraction) -> int:
    """At least `share` of the sample drawn at random, rounded up."""
    return math.ceil(share * sample)


@dataclass(frozen=True)
class Effective:
    """Effective personnel and how it was made up."""

    part_time_fte: Fraction
    similar_reduction: int  # persons removed by counting similar-function staff at less
    total: Fraction
    rounded: int  # whole persons used for the table look-up


@dataclass(frozen=True)
class DaysCalc:
    """The audit days for one headcount, step by step: effective personnel, the table look-up, the
    adjustments (percent) with the reduction cap, the audit type's rule and the days in half days,
    raised to the file's minimum when below it."""

    effective: Effective
    lookup: Lookup
    requested: Fraction  # sum of the adjustments, percent
    applied: Fraction  # after the reduction cap
    capped: bool
    rule: AuditTypeRule
    exact_days: Fraction  # table × (1 + applied) × type factor, before rounding
    audit_days: Fraction
    raised_to_minimum: bool


def effective_personnel(checked: CheckedInput, table: AuditTimeTable) -> Effective:
    inp = checked.raw
    fte = inp.part_time * checked.part_time_hours / table.full_time_hours_per_week
    reduction = inp.similar_function_staff - checked.similar_counted
    total = inp.full_time + inp.temporary + inp.contractors - reduction + fte
    rounded = math.ceil(total)
    if rounded < 1:
        raise InputError("no personnel in scope: the effective personnel is 0")
    return Effective(fte, reduction, total, rounded)


def calc_days(checked: CheckedInput, table: AuditTimeTable) -> DaysCalc:
    eff = effective_personnel(checked, table)
    lookup = table.lookup(eff.rounded)
    requested = sum((p for _, p in checked.adjustments), Fraction(0))
    # IAF MD 5: the net reduction from the table value is capped; increases are not.
    applied = max(requested, -table.max_reduction_percent)
    rule = table.audit_types[checked.raw.audit_type]
    exact_days = Fraction(lookup.days) * (1 + applied / 100) * rule.time_factor
    days = round_half_day(exact_days)
    raised = exact_days > 0 and days < table.minimum_days
    if raised:
        days = table.minimum_days
    return DaysCalc(
        eff, lookup, requested, applied, applied != requested, rule, exact_days, days, raised
    )


def stage_split(audit_days: Fraction, stage1_share: Fraction) -> tuple[Fraction, Fraction]:
    """Stage 1 / stage 2 of an initial audit in half days, summing to the audit days.

    Each stage keeps at least half a day when there is a day or more to share.
    """
    stage1 = round_half_day(audit_days * stage1_share)
    if audit_days >= 1:
        stage1 = min(max(stage1, HALF), audit_days - HALF)
    else:
        stage1 = min(stage1, audit_days)
    return stage1, audit_days - stage1
