"""The scoring rules of GB/T 27922 clause 6.2/6.3, computed generically from scheme data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor_app.core.errors import InputError
from auditor_app.core.results import ItemResult, check_result
from auditor_app.core.scheme import parse_scheme
from auditor_app.core.scoring import compute_score, round_total

C, NC = ItemResult("conform"), ItemResult("nonconform")


def mini_scheme(**rules):
    """Two groups, five items: numbers small enough to check by hand."""

    def item(i, pts, judged="whole", **kw):
        return {
            "id": i,
            "title_zh": i,
            "title_en": i,
            "points": pts,
            "judged": judged,
            "requirement_zh": "要求",
            "requirement_en": "req",
            **kw,
        }

    doc = {
        "format": "auditor-scheme/1",
        "id": "mini",
        "version": "1",
        "title_zh": "小",
        "title_en": "mini",
        "standard": "test",
        "total_points": 100,
        "rules": {"fail_level": "fail", **rules},
        "levels": [
            {"id": "fail", "title_zh": "不合格", "title_en": "fail", "min_score": 0},
            {"id": "compliant", "title_zh": "达标", "title_en": "c", "min_score": 70},
            {"id": "three_star", "title_zh": "三星", "title_en": "3", "min_score": 80},
            {"id": "four_star", "title_zh": "四星", "title_en": "4", "min_score": 90},
            {"id": "five_star", "title_zh": "五星", "title_en": "5", "min_score": 95},
        ],
        "groups": [
            {
                "id": "A",
                "title_zh": "A",
                "title_en": "A",
                "points": 60,
                "indicators": [
                    {
                        "id": "A1",
                        "title_zh": "A1",
                        "title_en": "A1",
                        "points": 60,
                        "items": [
                            item("a1", 30),
                            item("a2", 20, "proportional"),
                            item("a3", 10, "graded", steps=[0, 5, 10]),
                        ],
                    }
                ],
            },
            {
                "id": "B",
                "title_zh": "B",
                "title_en": "B",
                "points": 40,
                "indicators": [
                    {
                        "id": "B1",
                        "title_zh": "B1",
                        "title_en": "B1",
                        "points": 40,
                        "items": [item("b1", 25), item("b2", 15, deletable=True)],
                    }
                ],
            },
        ],
    }
    return parse_scheme(doc, "mini")


def all_conform(scheme, **over):
    results = {it.id: C for it in scheme.items}
    results.update(over)
    return results


@pytest.fixture
def mini():
    return mini_scheme()


def test_all_conforming_is_full_marks(mini):
    s = compute_score(mini, all_conform(mini))
    assert (s.total, s.level, s.applicable_total) == (Decimal("100.0"), "five_star", 100)
    assert s.complete and s.gap is None


def test_whole_value_lost_on_nonconformity(mini):
    s = compute_score(mini, all_conform(mini, a1=NC))
    assert s.total == Decimal("70.0") and s.level == "compliant"
    assert s.item_status["a1"] == "nonconform" and s.item_earned["a1"] == 0


def test_proportional_deduction_on_samples(mini):
    s = compute_score(mini, all_conform(mini, a2=ItemResult("sampled", 10, 3)))
    assert s.item_earned["a2"] == 14
    assert s.total == Decimal("94.0") and s.level == "four_star"
    assert s.item_status["a2"] == "partial"


def test_sample_of_one(mini):
    ok = compute_score(mini, all_conform(mini, a2=ItemResult("sampled", 1, 0)))
    bad = compute_score(mini, all_conform(mini, a2=ItemResult("sampled", 1, 1)))
    assert ok.item_earned["a2"] == 20 and bad.item_earned["a2"] == 0
    assert bad.item_status["a2"] == "nonconform"


def test_graded_award(mini):
    s = compute_score(mini, all_conform(mini, a3=ItemResult("graded", points=Decimal(5))))
    assert s.total == Decimal("95.0") and s.level == "five_star"


def test_deleted_items_renormalise(mini):
    results = all_conform(mini, b2=ItemResult("na", reason="no such service"), a1=NC)
    s = compute_score(mini, results)
    assert s.applicable_total == 85
    assert s.earned_points == 55
    assert s.total == Decimal("64.7")  # 55 / 85 × 100 = 64.705…
    assert s.level == "fail"
    assert s.groups[1].applicable == 25 and s.groups[1].max == 40


def test_all_items_deleted_cannot_be_scored(mini):
    results = {it.id: ItemResult("na", reason="n/a") for it in mini.items}
    s = compute_score(mini, results)
    assert not s.determinable
    assert s.total == 0 and s.level == "fail"
    assert "no_applicable_items" in s.failed_because


def test_special_deductions_cost_one_point_each(mini):
    s = compute_score(mini, all_conform(mini), special_deductions=4)
    assert s.total == Decimal("96.0") and s.level == "five_star"


def test_five_special_deductions_fail_whatever_the_score(mini):
    s = compute_score(mini, all_conform(mini), special_deductions=5)
    assert s.total == Decimal("95.0")
    assert s.level == "fail"
    assert s.failed_because == ("special_deductions>=5",)
    assert s.gap is not None and s.gap.blockers
    assert "rectification does not undo them" in s.gap.blockers[0]
    assert not s.gap.reachable and "rectify" not in s.gap.blockers[0].replace("rectification", "")


def test_bonus_adds_one_and_at_most_one_counts(mini):
    s = compute_score(mini, all_conform(mini, a1=NC), bonus=1)
    assert s.total == Decimal("71.0")
    twice = compute_score(mini, all_conform(mini, a1=NC), bonus=2)
    assert twice.total == Decimal("71.0") and twice.bonus == 1


def test_total_clamped_to_scale(mini):
    top = compute_score(mini, all_conform(mini), bonus=1)
    assert top.total == Decimal("100.0")
    bottom = compute_score(mini, {it.id: NC for it in mini.items}, special_deductions=3)
    assert bottom.total == Decimal("0.0")


def test_level_decided_on_rounded_total(mini):
    # a2: 20 × 399/400 = 19.95 → 69.95 unrounded, printed 70.0 → compliant
    results = all_conform(mini, a1=NC, a2=ItemResult("sampled", 400, 1))
    s = compute_score(mini, results)
    assert s.unrounded == Decimal("69.95")
    assert s.total == Decimal("70.0") and s.level == "compliant"


def test_round_half_up():
    assert round_total(Decimal("79.95"), 1) == Decimal("80.0")
    assert round_total(Decimal("79.9499"), 1) == Decimal("79.9")
    assert round_total(Decimal("0.05"), 1) == Decimal("0.1")


def test_unscored_items_count_as_not_yet_earned(mini):
    s = compute_score(mini, {"a1": C, "b1": C})
    assert (s.scored, s.item_count, s.complete) == (2, 5, False)
    assert s.total == Decimal("55.0")
    assert s.max_possible == Decimal("100.0")
    assert s.item_status["a2"] == "unscored"


def test_gap_names_the_cheapest_corrections(mini):
    s = compute_score(mini, all_conform(mini, a1=NC, b2=NC))  # 55
    assert s.level == "fail"
    assert s.gap.next_level == "compliant" and s.gap.points_needed == 15
    assert [c.item_id for c in s.gap.corrections] == ["a1"]  # one correction closes it
    s2 = compute_score(mini, all_conform(mini, b2=NC, a3=ItemResult("graded", points=Decimal(5))))
    # 80 → four_star needs 10: b2 (15) alone suffices
    assert s2.level == "three_star" and [c.item_id for c in s2.gap.corrections] == ["b2"]
    assert s2.gap.reachable


def test_gap_takes_the_largest_recovery_first(mini):
    s = compute_score(mini, all_conform(mini), special_deductions=1)  # 99 → no higher level
    assert s.level == "five_star" and s.gap is None
    s = compute_score(
        mini, all_conform(mini, a3=ItemResult("graded", points=Decimal(5))), special_deductions=1
    )  # 94
    assert s.gap.next_level == "five_star"
    assert s.gap.corrections[0].item_id == "a3"


def test_group_minimum_fails_a_group_below_half(stars_scheme):
    s = stars_scheme
    weakest = s.groups[-1]
    results = {it.id: C for it in s.items}
    results.update({it.id: NC for it in weakest.items})
    score = compute_score(s, results)
    assert score.total >= 70
    assert score.level == s.rules.fail_level
    assert score.failed_because == (f"group_minimum:{weakest.id}",)


def test_group_minimum_not_judged_until_group_scored(stars_scheme):
    s = stars_scheme
    score = compute_score(s, {s.items[0].id: C})
    assert not any(r.startswith("group_minimum") for r in score.failed_because)


def test_subtotals_per_group_and_indicator(default_scheme):
    results = {it.id: C for it in default_scheme.items}
    results["5.1.2.2"] = NC
    s = compute_score(default_scheme, results)
    assert [(g.id, g.earned, g.max) for g in s.groups] == [
        ("5.1", 35, 40),
        ("5.2", 35, 35),
        ("5.3", 25, 25),
    ]
    ind = next(i for i in s.indicators if i.id == "5.1.2")
    assert (ind.earned, ind.max) == (3, 8)
    assert s.total == Decimal("95.0")
    d = s.to_dict()
    assert d["level"] == "five_star" and d["groups"][0] == {
        "id": "5.1",
        "earned": 35.0,
        "max": 40.0,
        "applicable": 40.0,
        "scored": 18,
        "items": 18,
    }


@pytest.mark.parametrize(
    ("item", "result", "message"),
    [
        ("a2", ItemResult("sampled", 5, 6), "nonconforming (6) cannot exceed the sample size (5)"),
        ("a2", ItemResult("sampled", 0, 0), "sample size must be at least 1"),
        ("a2", ItemResult("sampled", 5, -1), "cannot be negative"),
        ("a2", ItemResult("sampled", None, 1), "needs both"),
        ("a1", ItemResult("sampled", 5, 1), "is judged 'whole', not on a sample"),
        ("b2", ItemResult("na", reason="  "), "needs a reason"),
        (
            "a3",
            ItemResult("graded", points=Decimal(7)),
            "7 is not an allowed award (allowed: 0, 5, 10)",
        ),
        ("a1", ItemResult("graded", points=Decimal(30)), "graded points are only for graded items"),
        ("a1", ItemResult("maybe"), "unknown result"),
    ],
)
def test_results_that_do_not_fit_are_refused(mini, item, result, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_result(mini.item(item), result)


def test_non_deletable_item_refuses_na(stars_scheme):
    fixed = next(it for it in stars_scheme.items if not it.deletable)
    with pytest.raises(InputError, match="may not be deleted"):
        check_result(fixed, ItemResult("na", reason="x"))


def test_gap_never_offers_special_deductions(stars_scheme):
    # Every item conforms, two special deductions keep the top level out of reach: clause 6.2
    # does not give their points back on rectification, so nothing can be corrected.
    results = {it.id: C for it in stars_scheme.items}
    top = stars_scheme.levels[-1]
    deductions = 2
    score = compute_score(stars_scheme, results, special_deductions=deductions)
    assert score.total < top.min_score and score.level != stars_scheme.rules.fail_level
    assert score.gap is not None and not score.gap.reachable
    assert score.gap.corrections == ()


# --- items that may not be deleted (issue 12) ------------------------------------------------


def test_default_scheme_keeps_the_service_system_items(store, service):
    from auditor_app.core.errors import InputError
    from auditor_app.core.results import ItemResult
    from auditor_app.core.scheme import load_scheme_by_ref
    from auditor_app.services.audits import ClientInfo

    scheme = load_scheme_by_ref(None)
    # Every 5.1 item is a service-system requirement; the rest may still be deleted.
    assert {it.id for it in scheme.items if not it.deletable} == {
        it.id for it in scheme.items if it.id.startswith("5.1.")
    }
    assert scheme.item("5.2.6.2").deletable
    audit_id = service.create_audit(ClientInfo("客户"), "initial", headcount={"full_time": 10})
    na = ItemResult("na", reason="not applicable")
    with pytest.raises(InputError, match="5.1.2.2 .* may not be deleted as not applicable"):
        store.set_result(audit_id, "5.1.2.2", na)  # the store itself refuses, not only the CLI
    assert "5.1.2.2" not in store.results(audit_id)
    store.set_result(audit_id, "5.2.6.2", na)  # a deletable item still can be
