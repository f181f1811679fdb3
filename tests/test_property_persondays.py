"""Property-based tests of the person-days engine (IAF MD 5 / MD 1 as data).

Monotone in headcount, the reduction cap respected, every day figure a multiple of half a day,
on-site time at least its minimum share, and the sample size ⌈f·√x⌉ never above the number of
sites — checked on the shipped table and on tables with other factors.
"""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal, localcontext
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor_app.core.audit_time import load_audit_time
from auditor_app.core.persondays import PersonDaysInput, compute_person_days
from auditor_app.core.persondays_rules import round_half_day

TABLE = load_audit_time()
TYPES = tuple(TABLE.audit_types)
PROPERTY = settings(max_examples=100, deadline=None)

adjustments = st.lists(
    st.tuples(
        st.sampled_from(["风险 risk", "复杂 complexity", "成熟 maturity"]), st.integers(-60, 40)
    ),
    max_size=3,
)


@st.composite
def inputs(draw: st.DrawFn, **fixed: object) -> PersonDaysInput:
    part_time = draw(st.integers(0, 200))
    values: dict[str, object] = {
        "full_time": draw(st.integers(0, 20_000)),
        "part_time": part_time,
        "part_time_hours": draw(st.integers(1, 40)) if part_time else None,
        "temporary": draw(st.integers(0, 300)),
        "contractors": draw(st.integers(0, 300)),
        "sites": draw(st.integers(0, 400)),
        "audit_type": draw(st.sampled_from(TYPES)),
        "adjustments": draw(adjustments),
        "sampling_allowed": draw(st.booleans()),
    }
    values.update(fixed)
    if not any(values[k] for k in ("full_time", "part_time", "temporary", "contractors")):
        values["full_time"] = 1
    return PersonDaysInput(**values)  # type: ignore[arg-type]


def is_half_days(value: Decimal | None) -> bool:
    return value is None or (value * 2) == (value * 2).to_integral_value()


@PROPERTY
@given(inputs(), st.integers(0, 5000))
def test_monotone_non_decreasing_in_headcount(inp, more):
    fewer = compute_person_days(inp, TABLE)
    bigger = compute_person_days(dataclasses.replace(inp, full_time=inp.full_time + more), TABLE)
    assert bigger.table_days >= fewer.table_days
    assert bigger.audit_days >= fewer.audit_days
    assert bigger.onsite_days_min >= fewer.onsite_days_min


@PROPERTY
@given(inputs())
def test_reduction_cap_respected(inp):
    r = compute_person_days(inp, TABLE)
    cap = -Decimal(TABLE.max_reduction_percent.numerator) / TABLE.max_reduction_percent.denominator
    requested = sum((Decimal(p) for _, p in inp.adjustments), Decimal(0))
    assert r.adjustment_percent_requested == requested
    assert r.adjustment_percent_applied >= cap  # never more than −30 %
    assert r.reduction_capped == (requested < cap)
    if r.reduction_capped:
        assert r.adjustment_percent_applied == cap
    else:
        assert r.adjustment_percent_applied == requested
    # the days are never below the capped reduction of the table days
    factor = TABLE.audit_types[inp.audit_type].time_factor
    floor = round_half_day(Fraction(r.table_days) * (1 + Fraction(cap) / 100) * factor)
    assert r.audit_days >= Decimal(floor.numerator) / floor.denominator


@PROPERTY
@given(inputs())
def test_every_day_figure_is_whole_or_half_days(inp):
    r = compute_person_days(inp, TABLE)
    for value in (
        r.audit_days,
        r.stage1_days,
        r.stage2_days,
        r.onsite_days_min,
        r.verified_audit_days,
        r.days_to_add,
        r.table_days,
    ):
        assert is_half_days(value), value
    assert r.audit_days >= Decimal(TABLE.minimum_days.numerator) / TABLE.minimum_days.denominator
    if inp.audit_type == "initial":
        assert r.stage1_days + r.stage2_days == r.audit_days
        assert r.stage1_days > 0 and r.stage2_days > 0
    else:
        assert r.stage1_days is None and r.stage2_days is None


@PROPERTY
@given(inputs())
def test_onsite_time_at_least_its_minimum_share(inp):
    r = compute_person_days(inp, TABLE)
    share = Decimal(TABLE.onsite_min_fraction.numerator) / TABLE.onsite_min_fraction.denominator
    assert r.onsite_days_min >= share * r.audit_days  # at least 80 %, rounded up
    assert r.onsite_days_min <= r.audit_days
    assert r.onsite_days_min - share * r.audit_days < Decimal("0.5")  # the next half day


def expected_sample(factor: Fraction, sites: int) -> int:
    """⌈f·√x⌉ with 60-digit decimals: an independent check of the engine's integer method."""
    if sites == 0:
        return 0
    with localcontext() as ctx:
        ctx.prec = 60
        root = Decimal(sites).sqrt()
        value = Decimal(factor.numerator) / Decimal(factor.denominator) * root
        whole = int(value.to_integral_value(rounding="ROUND_CEILING"))
    # √x exact at perfect squares: 0.6 × √25 is 3, not a hair above
    if math.isqrt(sites) ** 2 == sites and (factor * math.isqrt(sites)).denominator == 1:
        whole = int(factor * math.isqrt(sites))
    return whole


@PROPERTY
@given(inputs(sampling_allowed=True))
def test_sample_size_is_ceil_f_sqrt_x_and_never_above_x(inp):
    r = compute_person_days(inp, TABLE)
    factor = TABLE.audit_types[inp.audit_type].sampling_factor
    assert r.sites_to_sample == min(expected_sample(factor, inp.sites), inp.sites)
    assert 0 <= r.sites_to_sample <= inp.sites
    assert r.random_sites_min == math.ceil(TABLE.random_share * r.sites_to_sample)
    assert r.random_sites_min <= r.sites_to_sample


@PROPERTY
@given(inputs(sampling_allowed=False))
def test_without_sampling_the_share_of_sites_is_visited(inp):
    r = compute_person_days(inp, TABLE)
    share = TABLE.audit_types[inp.audit_type].no_sampling_fraction
    assert r.sites_to_sample == min(math.ceil(share * inp.sites), inp.sites)


@PROPERTY
@given(
    inputs(sampling_allowed=True),
    st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=20),
    st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=20),
)
def test_other_factors_keep_the_bounds(inp, sampling_factor, time_factor):
    """A CB's own table may use any factor the loader accepts (0 < f ≤ 10)."""
    rule = dataclasses.replace(
        TABLE.audit_types[inp.audit_type], sampling_factor=sampling_factor, time_factor=time_factor
    )
    table = dataclasses.replace(TABLE, audit_types={**TABLE.audit_types, inp.audit_type: rule})
    r = compute_person_days(inp, table)
    assert r.sites_to_sample == min(expected_sample(sampling_factor, inp.sites), inp.sites)
    assert r.sites_to_sample <= inp.sites
    assert is_half_days(r.audit_days) and is_half_days(r.onsite_days_min)
    assert r.adjustment_percent_applied >= -30
