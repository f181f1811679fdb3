"""Person-days and sampling rules (IAF MD 5 / MD 1 as data), warnings and input errors."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor_app.core.audit_time import AuditTypeRule, load_audit_time
from auditor_app.core.errors import InputError
from auditor_app.core.persondays import PersonDaysInput, compute_person_days
from auditor_app.core.persondays_rules import (
    ceil_factor_sqrt,
    ceil_half_day,
    random_minimum,
    round_half_day,
    sample_size,
)

TABLE = load_audit_time()


def compute(**kw):
    kw.setdefault("full_time", 100)
    return compute_person_days(PersonDaysInput(**kw), TABLE)


def codes(result):
    return [w.code for w in result.warnings]


def warning(result, code):
    (found,) = [w for w in result.warnings if w.code == code]
    return found


# --- effective personnel and table -----------------------------------------------------------


@pytest.mark.parametrize(
    ("full_time", "days"), [(5, "1.5"), (6, "2"), (125, "7"), (126, "8"), (10700, "22")]
)
def test_table_boundaries(full_time, days):
    r = compute(full_time=full_time)
    assert r.table_days == Decimal(days)
    assert r.audit_days == Decimal(days)
    assert r.table_row is not None and r.extension_steps == 0
    assert f"{r.table_row.min}–{r.table_row.max}" in r.justification_en


def test_extension_rule_used_and_named():
    r = compute(full_time=10701)
    assert r.table_row is None
    assert (r.table_days, r.extension_steps) == (Decimal(23), 1)
    assert r.extension_name_en == TABLE.extension.name_en
    assert TABLE.extension.name_en in r.justification_en
    assert TABLE.extension.name_zh in r.justification_zh
    assert "8501–10700" in r.justification_en
    assert r.to_dict()["table_row"]["extension_en"] == TABLE.extension.name_en


def test_extension_part_thereof():
    assert compute(full_time=13200).table_days == 23
    assert compute(full_time=13201).table_days == 24


def test_part_time_converted_by_hours():
    r = compute(full_time=100, part_time=10, part_time_hours=20)
    assert r.part_time_fte == 5
    assert r.effective_personnel == 105
    assert "10 × 20 h ÷ 40 h = 5 FTE" in r.justification_en


def test_fractional_personnel_rounded_up_for_lookup_and_said():
    r = compute(full_time=5, part_time=1, part_time_hours=4)  # 5.1 persons
    assert r.effective_personnel == Fraction(51, 10)
    assert r.effective_personnel_rounded == 6
    assert r.table_days == 2  # 6–10 row, not 1–5
    assert "Rounded up to 6 whole persons" in r.justification_en
    assert "向上取整为 6 人" in r.justification_zh


def test_whole_personnel_not_said_to_be_rounded():
    r = compute(full_time=100, part_time=10, part_time_hours=20)
    assert "Rounded up" not in r.justification_en


def test_temporary_and_contractors_count():
    assert compute(full_time=100, temporary=20, contractors=6).effective_personnel == 126


def test_similar_function_reduction():
    r = compute(
        full_time=200,
        similar_function_staff=100,
        similar_function_counted=20,
        similar_function_reason="identical call-centre agents",
    )
    assert r.effective_personnel == 120
    assert r.table_days == 7
    assert "identical call-centre agents" in r.justification_en
    assert "counted as 20 (−80" in r.justification_en
    assert "按 20 人计" in r.justification_zh


# --- adjustments --------------------------------------------------------------------------------


def test_adjustments_summed():
    r = compute(full_time=150, adjustments=[("many sites", "+10"), ("mature system", -5)])
    assert r.adjustment_percent_requested == r.adjustment_percent_applied == 5
    assert not r.reduction_capped
    assert r.audit_days == Decimal("8.5")  # 8 × 1.05 = 8.4
    assert "- many sites: +10 %" in r.justification_en
    assert "- mature system: -5 %" in r.justification_en


def test_reduction_capped_at_30_percent():
    r = compute(full_time=150, adjustments=[("mature", -20), ("prior knowledge", -20)])
    assert r.adjustment_percent_requested == -40
    assert r.adjustment_percent_applied == -30
    assert r.reduction_capped
    assert r.audit_days == Decimal("5.5")  # 8 × 0.7 = 5.6
    assert "may not exceed -30 %" in r.justification_en
    assert "-30 % applied" in r.justification_en
    assert "reduction_capped" in codes(r)


def test_net_reduction_of_exactly_30_is_not_capped():
    r = compute(full_time=150, adjustments=[("a", 10), ("b", -20), ("c", -20)])
    assert r.adjustment_percent_applied == -30
    assert not r.reduction_capped
    assert "reduction_capped" not in codes(r)


def test_increases_are_not_capped():
    r = compute(full_time=150, adjustments=[("high risk", 50), ("languages", 20)])
    assert r.adjustment_percent_applied == 70
    assert r.audit_days == Decimal("13.5")  # 8 × 1.7 = 13.6


# --- audit type, rounding, stages, on-site ----------------------------------------------------


@pytest.mark.parametrize(
    ("audit_type", "factor", "days"),
    [("initial", "1", "9"), ("surveillance", "1/3", "3"), ("recertification", "2/3", "6"),
     ("special", "1/3", "3")],
)  # fmt: skip
def test_type_factors(audit_type, factor, days):
    r = compute(full_time=200, audit_type=audit_type)  # 176–275 → 9 days
    assert r.type_factor == Fraction(factor)
    assert r.audit_days == Decimal(days)
    assert f"factor {factor}" in r.justification_en


def test_type_factor_then_rounding():
    assert compute(full_time=150, audit_type="surveillance").audit_days == Decimal("2.5")  # 2.667
    assert compute(full_time=150, audit_type="recertification").audit_days == Decimal("5.5")


@pytest.mark.parametrize(
    ("value", "rounded"),
    [("5.25", "5.5"), ("5.2", "5"), ("5.3", "5.5"), ("5.75", "6"), ("5.74", "5.5"),
     ("5.7", "5.5"), ("5", "5"), ("5.5", "5.5"), ("0.2", "0"), ("0.25", "0.5")],
)  # fmt: skip
def test_round_half_day(value, rounded):
    assert round_half_day(Fraction(value)) == Fraction(rounded)


@pytest.mark.parametrize(
    ("full_time", "adjust", "audit_type", "days"),
    [
        (100, -25, "initial", "5.5"),  # 7 × 0.75 = 5.25 (tie goes up)
        (50, 15, "initial", "6"),  # 5 × 1.15 = 5.75 (tie goes up)
        (7000, -25, "surveillance", "5.5"),  # 21 × 0.75 / 3 = 5.25 exactly, not 5.2499…
        (100, -10, "initial", "6.5"),  # 7 × 0.9 = 6.3
        (100, -20, "initial", "5.5"),  # 7 × 0.8 = 5.6
    ],
)
def test_rounding_end_to_end(full_time, adjust, audit_type, days):
    r = compute(full_time=full_time, adjustments=[("x", adjust)], audit_type=audit_type)
    assert isinstance(r.audit_days, Decimal)
    assert r.audit_days == Decimal(days)
    assert "nearest half day (a tie goes up)" in r.justification_en


def test_stage_split_for_initial_audits():
    r = compute(full_time=200)  # 9 days: 30 % = 2.7 → 2.5
    assert (r.stage1_days, r.stage2_days) == (Decimal("2.5"), Decimal("6.5"))
    r = compute(full_time=150, adjustments=[("x", -30)])  # 5.5 days: 1.65 → 1.5
    assert (r.stage1_days, r.stage2_days) == (Decimal("1.5"), Decimal(4))
    r = compute(full_time=1, adjustments=[("x", -30)])  # 1.05 → 1 day: each stage half a day
    assert (r.audit_days, r.stage1_days, r.stage2_days) == (1, Decimal("0.5"), Decimal("0.5"))
    assert "Stage 1 at 30 %" in compute(full_time=200).justification_en


def test_no_stages_for_other_audit_types():
    r = compute(full_time=200, audit_type="surveillance")
    assert r.stage1_days is None and r.stage2_days is None


@pytest.mark.parametrize(
    ("full_time", "adjust", "audit_days", "onsite"),
    [(150, -30, "5.5", "4.5"), (200, 0, "9", "7.5"), (50, 0, "5", "4"), (150, 0, "8", "6.5")],
)
def test_onsite_minimum_rounded_up(full_time, adjust, audit_days, onsite):
    r = compute(full_time=full_time, adjustments=[("x", adjust)] if adjust else [])
    assert r.audit_days == Decimal(audit_days)
    assert r.onsite_days_min == Decimal(onsite)
    assert r.onsite_days_min >= r.audit_days * Decimal("0.8")


def test_ceil_half_day():
    assert ceil_half_day(Fraction("4.4")) == Fraction("4.5")
    assert ceil_half_day(Fraction("4.5")) == Fraction("4.5")
    assert ceil_half_day(Fraction("4.51")) == 5


# --- sampling ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audit_type", "sites", "sample"),
    [("initial", 0, 0), ("initial", 1, 1), ("initial", 4, 2), ("initial", 5, 3),
     ("initial", 9, 3), ("initial", 10, 4), ("initial", 30, 6),
     ("surveillance", 1, 1), ("surveillance", 10, 2), ("surveillance", 25, 3),
     ("surveillance", 300, 11), ("recertification", 10, 3), ("recertification", 25, 4),
     ("special", 25, 3)],
)  # fmt: skip
def test_sites_to_sample(audit_type, sites, sample):
    r = compute(full_time=1000, sites=sites, audit_type=audit_type)
    assert r.sites_to_sample == sample


def test_sampling_exact_at_perfect_squares():
    # 0.6 × √25 is exactly 3; a float product could land above 3 and round up to 4.
    assert ceil_factor_sqrt(Fraction(3, 5), 25) == 3
    assert ceil_factor_sqrt(Fraction(3, 5), 10**6) == 600
    assert ceil_factor_sqrt(Fraction(4, 5), 10**6 + 1) == 801


@given(st.fractions(min_value=Fraction(1, 10), max_value=3), st.integers(0, 10**6))
def test_ceil_factor_sqrt_is_the_smallest_whole_number(factor, sites):
    n = ceil_factor_sqrt(factor, sites)
    # n ≥ factor·√sites  ⇔  n² ≥ factor²·sites (both sides ≥ 0), and n − 1 must fall short
    assert n * n >= factor * factor * sites
    assert n == 0 or (n - 1) ** 2 < factor * factor * sites


def test_sample_capped_at_all_sites():
    rule = AuditTypeRule("x", "x", "x", Fraction(1), Fraction(3), Fraction(1))
    assert sample_size(4, rule, True) == 4  # 3 × √4 = 6 > 4


@pytest.mark.parametrize(
    ("audit_type", "sites", "sample"),
    [("initial", 10, 10), ("recertification", 10, 10), ("surveillance", 10, 3),
     ("surveillance", 11, 4), ("surveillance", 1, 1), ("special", 10, 3), ("initial", 0, 0)],
)  # fmt: skip
def test_no_sampling_rules(audit_type, sites, sample):
    r = compute(full_time=1000, sites=sites, audit_type=audit_type, sampling_allowed=False)
    assert r.sites_to_sample == sample
    if sites:
        assert "Sampling not allowed" in r.justification_en


@pytest.mark.parametrize(("sample", "random"), [(0, 0), (1, 1), (4, 1), (5, 2), (8, 2), (9, 3)])
def test_random_share_rounded_up(sample, random):
    assert random_minimum(sample, Fraction(1, 4)) == random


def test_random_minimum_in_result():
    r = compute(full_time=1000, sites=30)  # sample 6 → 1.5 → 2
    assert r.random_sites_min == 2
    assert "At least 25 % of the sample chosen at random (rounded up): 2" in r.justification_en


def test_sampling_justification():
    r = compute(full_time=1000, sites=30, audit_type="surveillance")
    assert "0.6 × √30 ≈3.286" in r.justification_en
    assert "central function is audited every time" in r.justification_en
    assert "中心职能每次均审核" in r.justification_zh
    r = compute(full_time=1000, sites=0)
    assert "only the central function is audited" in r.justification_en


# --- justification and JSON -------------------------------------------------------------------


def test_justification_lists_every_step():
    r = compute(
        full_time=150,
        part_time=8,
        part_time_hours=25,
        sites=0,  # one site: the organisation's table value is the audit time
        audit_type="surveillance",
        adjustments=[("many sites", 10), ("mature", -25), ("prior knowledge", -25)],
    )
    en = r.justification_en
    for text in (
        "iaf-md5-qms",
        "8 × 25 h ÷ 40 h = 5 FTE",
        "155",
        "126–175 effective personnel → 8 audit days",
        "- many sites: +10 %",
        "Total -40 %",
        "may not exceed -30 %",
        "8 × (1 - 30 %) = 5.6 days",
        "factor 1/3 → ≈1.867 days",
        "2 audit days",
        "one day = 8 hours",
        "80 %: 2 × 0.8 = 1.6, rounded up to a half day → 2 days",
        "only the central function is audited",
    ):
        assert text in en, text
    zh = r.justification_zh
    for text in (
        "查表：126–175 人 → 8 个审核人日",
        "向上取整到半天 → 2 人日",
        "系数 1/3",
        "按最接近的半天取整",
    ):
        assert text in zh, text


def test_to_dict_is_json():
    r = compute(full_time=150, part_time=1, part_time_hours=13, sites=9)
    data = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    assert data["effective_personnel"] == 150.325
    assert data["effective_personnel_rounded"] == 151
    assert data["table_days"] == 8
    # Site headcounts unknown: central 151 → 8 days, + 3 sampled sites × 0.5 minimum = 9.5;
    # on site 9.5 × 0.8 = 7.6 → 8.
    assert data["audit_days"] == 9.5
    assert data["multi_site"]["basis"] == "unknown"
    assert [s["days"] for s in data["multi_site"]["sites"]] == [0.5, 0.5, 0.5]
    assert data["onsite_days_min"] == 8
    assert data["sites_to_sample"] == 3
    assert data["random_sites_min"] == 1
    assert data["type_factor"] == "1"
    assert data["adjustment_percent"] == 0
    assert set(data["justification"]) == {"zh", "en"}


# --- plausibility warnings --------------------------------------------------------------------


def test_outlets_vs_headcount():
    r = compute(full_time=300, sites=300)
    w = warning(r, "outlets_vs_headcount")
    assert "300 outlets declared with 300 persons" in w.message_en
    assert "300 个服务网点" in w.message_zh
    assert "outlets_vs_headcount" not in codes(compute(full_time=300, sites=150))


def test_certified_managers_estimated():
    r = compute(full_time=300, certified_managers=1)  # 45 estimated → 4.5 → 5 needed
    assert r.service_mgmt_estimated and r.service_mgmt_staff == 45
    assert r.certified_managers_required == 5
    w = warning(r, "certified_managers_short")
    assert "an estimate" in w.message_en and "估算" in w.message_zh
    assert "5.1.2.2 (5 points) is at risk" in w.message_en
    assert "certified_managers_short" not in codes(compute(full_time=300, certified_managers=5))


def test_certified_managers_from_given_staff():
    r = compute(full_time=300, service_mgmt_staff=11, certified_managers=1)  # 1.1 → 2
    assert r.certified_managers_required == 2 and not r.service_mgmt_estimated
    assert "estimate" not in warning(r, "certified_managers_short").message_en
    r = compute(full_time=300, service_mgmt_staff=10, certified_managers=1)
    assert "certified_managers_short" not in codes(r)


def test_at_least_one_certified_manager():
    r = compute(full_time=3, service_mgmt_staff=0, certified_managers=0)
    assert r.certified_managers_required == 1
    assert "certified_managers_short" in codes(r)


def test_certified_managers_unknown_is_a_note():
    w = warning(compute(full_time=300), "certified_managers_required")
    assert w.severity == "note"
    assert "5 certified after-sales service manager(s)" in w.message_en


def test_service_mgmt_above_headcount():
    assert "service_mgmt_above_headcount" in codes(compute(full_time=10, service_mgmt_staff=11))


def test_part_time_hours_above_full_time_basis():
    r = compute(full_time=10, part_time=2, part_time_hours=45)
    assert "part_time_hours_above_full_time" in codes(r)


def test_verified_headcount_needs_more_days():
    r = compute(full_time=100, verified_headcount=200)  # 7 → 9 days
    w = warning(r, "verified_headcount_more_days")
    assert w.severity == "warning"
    assert "add 2 day(s) or narrow the scope" in w.message_en
    assert "增加 2 人日或缩小认证范围" in w.message_zh
    assert r.verified_audit_days == 9 and r.days_to_add == 2
    r = compute(full_time=100, verified_headcount=200, planned_days=8)
    assert "add 1 day(s)" in warning(r, "verified_headcount_more_days").message_en
    assert r.days_to_add == 1


def test_verified_headcount_needs_fewer_days():
    r = compute(full_time=200, verified_headcount=100)
    w = warning(r, "verified_headcount_fewer_days")
    assert w.severity == "note" and "2 day(s) fewer" in w.message_en
    assert r.days_to_add == 0


def test_verified_headcount_same_days():
    r = compute(full_time=100, verified_headcount=110)
    assert warning(r, "verified_headcount_same_days").severity == "note"


def test_planned_days_short():
    w = warning(compute(full_time=100, planned_days=5), "planned_days_short")
    assert "add 2 day(s) or narrow the scope" in w.message_en
    assert "planned_days_short" not in codes(compute(full_time=100, planned_days=7))


def test_special_audit_note():
    assert "special_audit_default" in codes(compute(audit_type="special"))
    assert "special_audit_default" not in codes(compute(audit_type="surveillance"))


def test_no_warnings_for_a_plain_case():
    names = [f"outlet {n}" for n in range(10)]
    r = compute(
        full_time=100,
        sites=10,
        site_names=names,
        site_headcounts=[3] * 10,
        sampled_sites=names[:4],
        service_mgmt_staff=15,
        certified_managers=2,
    )
    assert r.warnings == ()


# --- input errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"full_time": -1}, "full-time headcount must not be negative, got -1"),
        ({"part_time": -1}, "part-time count must not be negative"),
        ({"temporary": -2}, "temporary staff must not be negative"),
        ({"contractors": -3}, "contractors must not be negative"),
        ({"sites": -1}, "sites must not be negative"),
        ({"certified_managers": -1}, "certified managers must not be negative"),
        ({"verified_headcount": -5}, "verified headcount must not be negative"),
        ({"full_time": 10.5}, "full-time headcount must be a whole number, got 10.5"),
        ({"sites": True}, "sites must be a whole number, got True"),
        ({"part_time": 5}, "5 part-time staff given without their weekly hours"),
        ({"part_time": 5, "part_time_hours": 0}, "must be more than 0"),
        ({"part_time": 5, "part_time_hours": 169}, "cannot exceed 168"),
        ({"part_time": 5, "part_time_hours": "many"}, "part-time hours must be a number"),
        ({"similar_function_staff": 10, "similar_function_counted": 11},
         "counted as 11 is more than the 10 similar-function staff"),
        ({"similar_function_staff": 10}, "without the number they are counted as"),
        ({"similar_function_staff": 10, "similar_function_counted": 5},
         "needs a justification"),
        ({"similar_function_staff": 10, "similar_function_counted": 5,
          "similar_function_reason": "   "}, "needs a justification"),
        ({"full_time": 5, "similar_function_staff": 10, "similar_function_counted": 5,
          "similar_function_reason": "x"}, "cannot exceed the full-time, temporary"),
        ({"audit_type": "annual"}, "unknown audit type 'annual'"),
        ({"adjustments": [("", 10)]}, "adjustment 1 (10%) has no reason"),
        ({"adjustments": [("ok", 5), ("  ", -5)]}, "adjustment 2 (-5%) has no reason"),
        ({"adjustments": [("risk", "ten")]}, "adjustment 'risk': percent must be a number"),
        ({"adjustments": [("risk", -100)]}, "would remove all the audit time"),
        ({"adjustments": [("risk", 5, "x")]}, "adjustment 1 must be a (reason, percent) pair"),
        ({"adjustments": ["risk=5"]}, "adjustment 1 must be a (reason, percent) pair"),
        ({"planned_days": -1}, "planned days must be a number of days ≥ 0"),
        ({"full_time": 0}, "no personnel in scope"),
        ({"full_time": 5, "similar_function_staff": 5, "similar_function_counted": 1,
          "similar_function_reason": "x", "verified_headcount": 3},
         "with the verified headcount 3: similar-function staff (5) cannot exceed"),
    ],
)  # fmt: skip
def test_input_errors(kw, message):
    with pytest.raises(InputError) as info:
        compute(**kw)
    assert message in str(info.value)


def test_several_input_errors_in_one_message():
    with pytest.raises(InputError) as info:
        compute(part_time=3, audit_type="annual", adjustments=[("", 5)])
    text = str(info.value)
    assert "weekly hours" in text and "unknown audit type" in text and "no reason" in text


def test_exactness_does_not_depend_on_float_input():
    # 0.1 + 0.2 in floats is 0.30000000000000004; here the adjustments sum to exactly -30.
    r = compute(full_time=150, adjustments=[("a", -29.9), ("b", -0.1)])
    assert not r.reduction_capped and r.adjustment_percent_applied == -30
    assert math.isclose(float(r.audit_days_exact), 5.6)


# --- multi-site audit time (IAF MD 1) ---------------------------------------------------------

FORTY = [f"outlet {n}" for n in range(1, 41)]


def test_head_office_plus_outlets_worked_example():
    # Head office 55 + forty 5-person outlets = 255 in scope. Initial audit, sample ⌈√40⌉ = 7.
    # Central function 255 − 40 × 5 = 55 → row 46–65 → 5 days. Each sampled outlet: 5 persons
    # → row 1–5 → 1.5 days. Total 5 + 7 × 1.5 = 15.5 (the organisation alone would be 9).
    r = compute(full_time=255, sites=40, site_names=FORTY, site_headcounts=[5] * 40)
    assert r.audit_days == Decimal("15.5")
    assert compute(full_time=255).audit_days == 9
    ms = r.multi_site
    assert ms is not None and ms.central_personnel == 55 and ms.central_days == 5
    assert [s.days for s in ms.sites] == [Fraction(3, 2)] * 7
    assert "central function 5 + sampled sites 10.5 = 15.5 days" in r.justification_en
    assert "- outlet 1: 5 persons → 1.5 × 1 × 1 = 1.5 days" in r.justification_en
    assert "中心职能：有效人数 255 减去各场所人数后为 55 人" in r.justification_zh
    assert "- outlet 7：5 人 → 1.5 × 1 × 1 = 1.5 人日" in r.justification_zh


def test_site_time_reduced_by_at_most_half():
    # Same client, 50 % less at each outlet: 7 × 1.5 × 0.5 = 5.25; 5 + 5.25 = 10.25 → 10.5 (a
    # tie goes up). Asking for 80 % is capped at 50 % with a note: the same 10.5.
    kw = {"full_time": 255, "sites": 40, "site_names": FORTY, "site_headcounts": [5] * 40}
    half = compute(**kw, site_reduction_percent=50, site_reduction_reason="identical outlets")
    assert half.audit_days == Decimal("10.5")
    assert "Reason for the reduction: identical outlets" in half.justification_en
    capped = compute(**kw, site_reduction_percent=80, site_reduction_reason="identical")
    assert capped.audit_days == Decimal("10.5")
    assert "site_reduction_capped" in [w.code for w in capped.warnings]
    with pytest.raises(InputError, match="needs a reason"):
        compute(**kw, site_reduction_percent=20)


def test_outlet_minimum_and_surveillance():
    # Surveillance, factor 1/3: central 5 × 1/3 = 5/3; sample ⌈0.6 × √40⌉ = ⌈3.79⌉ = 4 outlets
    # at 1.5 × 1/3 = 0.5 each (= the minimum) → 5/3 + 2 = 3.67 → 3.5. With 50 % less per
    # outlet they would be 0.25 each, raised to the 0.5 minimum: still 3.5.
    kw = {"full_time": 255, "sites": 40, "site_names": FORTY, "site_headcounts": [5] * 40}
    r = compute(**kw, audit_type="surveillance")
    assert r.audit_days == Decimal("3.5")
    cut = compute(
        **kw, audit_type="surveillance", site_reduction_percent=50, site_reduction_reason="x"
    )
    assert cut.audit_days == Decimal("3.5")
    assert cut.multi_site is not None
    assert all(s.raised_to_minimum for s in cut.multi_site.sites)
    assert "below the minimum: 0.5" in cut.justification_en


def test_drawn_sites_and_largest_before_the_draw():
    # Central 100 − (40 + 8 + 3) = 49 → 5 days; sample ⌈√3⌉ = 2.
    names, heads = ["A", "B", "C"], [40, 8, 3]
    # Before the draw: the two largest, A (40 → 4 days) and B (8 → 2 days): 11.
    planned = compute(full_time=100, sites=3, site_names=names, site_headcounts=heads)
    assert planned.audit_days == 11
    assert "sites_not_drawn" in [w.code for w in planned.warnings]
    # Drawn B and C: 5 + 2 + 1.5 = 8.5.
    drawn = compute(
        full_time=100, sites=3, site_names=names, site_headcounts=heads, sampled_sites=["B", "C"]
    )
    assert drawn.audit_days == Decimal("8.5")
    assert drawn.multi_site is not None and drawn.multi_site.basis == "drawn"


def test_unknown_site_headcounts_count_the_minimum_with_a_warning():
    # 255 all counted at the central function (9 days) + 7 × 0.5 = 12.5: more than 9.
    r = compute(full_time=255, sites=40)
    assert r.audit_days == Decimal("12.5")
    assert "site_headcounts_unknown" in [w.code for w in r.warnings]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"sites": 2, "site_headcounts": [3]}, "1 site headcounts given for 2 sites"),
        ({"sites": 1, "site_headcounts": [0]}, "headcount must be at least 1"),
        ({"sites": 1, "site_headcounts": [150]}, "leaves no one at the central function"),
        ({"sites": 1, "site_names": ["A"], "sampled_sites": ["Z"]}, "not in the site list: Z"),
        ({"sites": 1, "site_reduction_percent": 100}, "from 0 to below 100"),
    ],
)
def test_bad_site_input_is_refused(kw, message):
    with pytest.raises(InputError, match=message):
        compute(full_time=100, **kw)


def test_manager_warning_names_the_schemes_item():
    from auditor_app.core.scheme import load_scheme_by_ref, parse_scheme, read_scheme_file

    default = load_scheme_by_ref(None)
    item = default.item_with_role("certified_managers")
    assert item is not None and item.id == "5.1.2.2"
    r = compute(full_time=100, certified_managers=0, service_mgmt_staff=15)
    short = next(w for w in r.warnings if w.code == "certified_managers_short")
    assert "5.1.2.2 (5 points) is at risk" in short.message_en
    # A scheme that gives the role to another item (and its points) is named instead …
    doc, _ = read_scheme_file(default_path())
    items = doc["groups"][0]["indicators"][1]["items"]
    items[1].pop("role")
    items[0]["role"] = "certified_managers"
    moved = parse_scheme(doc)
    r = compute_person_days(
        PersonDaysInput(full_time=100, certified_managers=0, service_mgmt_staff=15), TABLE, moved
    )
    short = next(w for w in r.warnings if w.code == "certified_managers_short")
    assert "5.1.2.1 (3 points) is at risk" in short.message_en
    # … and a scheme without the role gets no such warning at all.
    items[0].pop("role")
    r = compute_person_days(PersonDaysInput(full_time=100), TABLE, parse_scheme(doc))
    assert not [w for w in r.warnings if w.code.startswith("certified_managers")]


def default_path():
    from auditor_app.core.scheme import find_scheme

    return find_scheme(None)
