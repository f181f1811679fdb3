"""Property-based tests of the scoring engine, on generated schemes and the shipped one.

Schemes are generated as random valid documents and built through `parse_scheme` (the same
door a scheme file or a package goes through). Properties: the total stays within
0–total_points; improving one item's result never lowers the total (nor, for items already
judged, the level); deleting items renormalises exactly to earned / applicable × total;
rounding is half-up; the level follows the thresholds; special deductions take their points
each; the bonus is capped. The strategies are also used by test_fuzz_scheme.py.
"""

from __future__ import annotations

import itertools
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from auditor_app.core.results import DELETED, UNSCORED, ItemResult, earned
from auditor_app.core.scheme import Item, Scheme, load_scheme, parse_scheme
from auditor_app.core.scoring import compute_score

SHIPPED = Path(__file__).resolve().parent.parent / "resources" / "schemes"
GBT = load_scheme(SHIPPED / "gbt27922-2011.toml")
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies ----------------------------------------------------------------------------
# Totals whose only prime factors are 2 and 5: earned × total / applicable is then a
# terminating decimal whenever it is a rounding tie (see test_property_scoring.py).
DECIMAL_FRIENDLY_TOTALS = (10, 20, 40, 50, 80, 100, 200, 250)
OTHER_TOTALS = (7, 30, 60, 75, 120, 150)


def _num(halves: int) -> int | float:
    """Points in half-point steps, as TOML would hold them (int when whole)."""
    return halves // 2 if halves % 2 == 0 else halves / 2


def _text(i: str) -> dict[str, str]:
    return {"title_zh": f"条目{i}", "title_en": f"item {i}"}


@st.composite
def scheme_documents(
    draw: st.DrawFn, totals: tuple[int, ...] = DECIMAL_FRIENDLY_TOTALS + OTHER_TOTALS
) -> dict[str, Any]:
    total = draw(st.sampled_from(totals))
    n_items = draw(st.integers(1, min(12, 2 * total)))
    # cut 2·total half-points into n_items positive parts
    cuts = (
        sorted(
            draw(st.sets(st.integers(1, 2 * total - 1), min_size=n_items - 1, max_size=n_items - 1))
        )
        if n_items > 1
        else []
    )
    bounds = [0, *cuts, 2 * total]
    halves = [b - a for a, b in itertools.pairwise(bounds)]
    items = []
    for n, h in enumerate(halves):
        judged = draw(st.sampled_from(["whole", "proportional", "graded"]))
        item: dict[str, Any] = {
            "id": f"i{n}",
            **_text(str(n)),
            "points": _num(h),
            "judged": judged,
            "requirement_zh": "要求",
            "requirement_en": "requirement",
        }
        if judged == "graded":
            inner = draw(st.sets(st.integers(1, max(h - 1, 1)), max_size=3)) if h > 1 else set()
            item["steps"] = [_num(s) for s in sorted({0, *inner, h})]
            if len(item["steps"]) < 2:
                item["steps"] = [0, _num(h)]
        if draw(st.booleans()):
            item["deletable"] = draw(st.booleans())
        items.append((h, item))
    # group items into indicators, and indicators into groups, in order
    groups: list[dict[str, Any]] = []
    pos = 0
    ind_no = 0
    while pos < len(items):
        n_ind = draw(st.integers(1, 3))
        indicators = []
        for _ in range(n_ind):
            if pos >= len(items):
                break
            size = draw(st.integers(1, 4))
            chunk = items[pos : pos + size]
            pos += size
            indicators.append(
                {
                    "id": f"ind{ind_no}",
                    **_text(f"ind{ind_no}"),
                    "points": _num(sum(h for h, _ in chunk)),
                    "items": [it for _, it in chunk],
                }
            )
            ind_no += 1
        group: dict[str, Any] = {
            "id": f"g{len(groups)}",
            **_text(f"g{len(groups)}"),
            "points": _num(sum(round(ind["points"] * 2) for ind in indicators)),
            "indicators": indicators,
        }
        if draw(st.booleans()):
            group["min_fraction"] = draw(st.sampled_from([0.5, 0.6, 0.75]))
        groups.append(group)
    # at least one level above the fail level (single-level schemes have their own test:
    # test_single_level_scheme_with_a_fail_rule)
    thresholds = sorted(draw(st.sets(st.integers(1, total), min_size=1, max_size=4)))
    levels = [{"id": "fail", "title_zh": "不合格", "title_en": "Fail", "min_score": 0}]
    levels += [
        {"id": f"l{n}", "title_zh": f"级{n}", "title_en": f"level {n}", "min_score": t}
        for n, t in enumerate(thresholds)
    ]
    rules = {
        "fail_level": "fail",
        "special_deduction_points": draw(st.sampled_from([1, 0.5, 2])),
        "special_deduction_fail_count": draw(st.sampled_from([0, 3, 5])),
        "bonus_points": draw(st.sampled_from([1, 2])),
        "bonus_max_count": draw(st.sampled_from([0, 1, 2])),
        "score_decimals": draw(st.sampled_from([0, 1, 2])),
    }
    return {
        "format": "auditor-scheme/1",
        "id": "generated",
        "version": "1",
        "title_zh": "生成的方案",
        "title_en": "generated",
        "standard": "test",
        "total_points": total,
        "rules": rules,
        "levels": levels,
        "groups": groups,
    }


def schemes(
    totals: tuple[int, ...] = DECIMAL_FRIENDLY_TOTALS + OTHER_TOTALS,
) -> st.SearchStrategy[Scheme]:
    return scheme_documents(totals).map(lambda doc: parse_scheme(doc, "generated"))


def results_for(item: Item, allow_none: bool = True) -> st.SearchStrategy[ItemResult | None]:
    """Every result the item accepts (check_result would pass), or None (unscored)."""
    options: list[st.SearchStrategy[ItemResult | None]] = [
        st.just(ItemResult("conform")),
        st.just(ItemResult("nonconform")),
    ]
    if allow_none:
        options.append(st.none())
    if item.deletable:
        options.append(st.just(ItemResult("na", reason="不适用")))
    if item.judged == "proportional":
        options.append(
            st.integers(1, 60).flatmap(
                lambda n: st.integers(0, n).map(lambda k: ItemResult("sampled", n, k))
            )
        )
    if item.judged == "graded":
        options.append(
            st.sampled_from(item.steps).map(lambda p: ItemResult("graded", points=Decimal(p)))
        )
    return st.one_of(options)


@st.composite
def scheme_with_results(
    draw: st.DrawFn, totals: tuple[int, ...] = DECIMAL_FRIENDLY_TOTALS + OTHER_TOTALS
) -> tuple[Scheme, dict[str, ItemResult]]:
    scheme = draw(schemes(totals))
    results = {}
    for item in scheme.items:
        res = draw(results_for(item))
        if res is not None:
            results[item.id] = res
    return scheme, results


def gbt_results() -> st.SearchStrategy[dict[str, ItemResult]]:
    """Any results for the shipped GB/T 27922 scheme."""
    return st.fixed_dictionaries({it.id: results_for(it) for it in GBT.items}).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


# -- helpers -------------------------------------------------------------------------------
def exact_half_up(value: Fraction, decimals: int) -> Fraction:
    """Round half-up computed exactly, independently of the engine's Decimal arithmetic."""
    scaled = value * 10**decimals
    return Fraction(math.floor(scaled + Fraction(1, 2)), 10**decimals)


def level_rank(scheme: Scheme, level: str) -> int:
    return [lv.id for lv in scheme.levels].index(level)


def better_results(item: Item, current: ItemResult | None) -> list[ItemResult]:
    """Results for `item` that are at least as good as `current` (same applicability)."""
    if current is not None and current.kind == "na":
        return [ItemResult("conform")]  # a deleted item judged conforming can only help
    now = earned(item, current)
    candidates = [ItemResult("conform"), ItemResult("nonconform")]
    if item.judged == "graded":
        candidates += [ItemResult("graded", points=s) for s in item.steps]
    if item.judged == "proportional":
        candidates += [ItemResult("sampled", 10, k) for k in range(11)]
    return [c for c in candidates if earned(item, c) >= now]


# -- bounds and consistency ----------------------------------------------------------------
@PROPERTY
@given(scheme_with_results(), st.integers(0, 8), st.integers(0, 5))
def test_total_within_bounds_and_level_follows_thresholds(case, deductions, bonus):
    scheme, results = case
    score = compute_score(scheme, results, special_deductions=deductions, bonus=bonus)
    assert 0 <= score.unrounded <= scheme.total_points
    assert 0 <= score.total <= scheme.total_points
    assert score.max_possible >= score.total
    # half-up rounding of the engine's own unrounded value, to the scheme's decimals
    step = Decimal(1).scaleb(-scheme.rules.score_decimals)
    assert score.total == score.unrounded.quantize(step, rounding=ROUND_HALF_UP)
    assert abs(score.total - score.unrounded) <= step / 2
    # the level: the highest threshold reached by the rounded total, unless a fail rule hit
    reached = [lv.id for lv in scheme.levels if score.total >= lv.min_score][-1]
    if score.failed_because:
        assert score.level == scheme.rules.fail_level
    else:
        assert score.level == reached
    if scheme.rules.special_deduction_fail_count and (
        deductions >= scheme.rules.special_deduction_fail_count
    ):
        assert score.level == scheme.rules.fail_level
    assert score.scored == len(results)


# -- monotonicity --------------------------------------------------------------------------
@PROPERTY
@given(scheme_with_results(), st.data(), st.integers(0, 6), st.integers(0, 2))
def test_improving_one_item_never_lowers_the_total(case, data, deductions, bonus):
    scheme, results = case
    item = data.draw(st.sampled_from(scheme.items))
    before = compute_score(scheme, results, deductions, bonus)
    better = data.draw(st.sampled_from(better_results(item, results.get(item.id))))
    after = compute_score(scheme, {**results, item.id: better}, deductions, bonus)
    assert after.unrounded >= before.unrounded
    assert after.total >= before.total
    current = results.get(item.id)
    if current is not None and current.kind != "na":
        # an item already judged, judged better: no fail rule can newly apply
        assert level_rank(scheme, after.level) >= level_rank(scheme, before.level)


@PROPERTY
@given(scheme_with_results(), st.integers(0, 5))
def test_more_special_deductions_never_raise_the_total(case, deductions):
    scheme, results = case
    fewer = compute_score(scheme, results, deductions)
    more = compute_score(scheme, results, deductions + 1)
    assert more.total <= fewer.total
    assert level_rank(scheme, more.level) <= level_rank(scheme, fewer.level)


# -- renormalisation of deleted items ------------------------------------------------------
@PROPERTY
@given(st.data(), schemes(DECIMAL_FRIENDLY_TOTALS))
def test_deleted_items_renormalise_exactly(data, scheme):
    """With every item conforming, nonconforming or deleted: round(earned/applicable × total)."""
    results = {}
    for item in scheme.items:
        kinds = ["conform", "nonconform"] + (["na"] if item.deletable else [])
        kind = data.draw(st.sampled_from(kinds))
        results[item.id] = ItemResult(kind, reason="不适用" if kind == "na" else "")
    score = compute_score(scheme, results)
    got = sum(
        (Fraction(it.points) for it in scheme.items if results[it.id].kind == "conform"),
        Fraction(0),
    )
    applicable = sum(
        (Fraction(it.points) for it in scheme.items if results[it.id].kind != "na"), Fraction(0)
    )
    if applicable == 0:
        assert score.total == 0 and not score.determinable
        assert score.level == scheme.rules.fail_level
        return
    expected = exact_half_up(
        got / applicable * Fraction(scheme.total_points), scheme.rules.score_decimals
    )
    assert Fraction(score.total) == expected
    assert score.applicable_total == applicable
    statuses = {it.id: score.item_status[it.id] for it in scheme.items}
    assert [i for i, s in statuses.items() if s == DELETED] == [
        i for i, r in results.items() if r.kind == "na"
    ]
    assert UNSCORED not in statuses.values()


TERMINATING_SAMPLES = (1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50)


@PROPERTY
@given(st.data(), schemes(DECIMAL_FRIENDLY_TOTALS))
def test_total_is_exact_for_any_results(data, scheme):
    """Sampled and graded results too, against exact fractions.

    With sample sizes whose share (n−k)/n is a terminating decimal the rounded total must be
    exact. Shares such as 1/3 are covered by test_rounding_tie_reached_through_thirds (the
    engine sums exact fractions and rounds once).
    """
    results = {}
    for item in scheme.items:
        res = data.draw(results_for(item))
        if res is not None and res.kind == "sampled" and data.draw(st.booleans()):
            n = data.draw(st.sampled_from(TERMINATING_SAMPLES))
            res = ItemResult("sampled", n, data.draw(st.integers(0, n)))
        if res is not None:
            results[item.id] = res
    score = compute_score(scheme, results)
    got = sum((Fraction(earned(it, results.get(it.id))) for it in scheme.items), Fraction(0))
    applicable = sum(
        (
            Fraction(it.points)
            for it in scheme.items
            if (r := results.get(it.id)) is None or r.kind != "na"
        ),
        Fraction(0),
    )
    assume(applicable > 0)
    exact = Fraction(got) / applicable * Fraction(scheme.total_points)
    assert abs(Fraction(score.unrounded) - exact) < Fraction(1, 10**20)
    terminating = all(
        r.kind != "sampled" or r.sampled in TERMINATING_SAMPLES for r in results.values()
    )
    if terminating:
        assert Fraction(score.total) == exact_half_up(exact, scheme.rules.score_decimals)


def test_rounding_is_half_up_at_the_tie():
    # 33 of 40 applicable points → 82.5: half-up gives 83 at 0 decimals (banker's gives 82)
    doc = scheme_doc_two_items(total=100, a=40, b=60, decimals=0)
    scheme = parse_scheme(doc, "tie")
    score = compute_score(
        scheme, {"a": ItemResult("sampled", 40, 7), "b": ItemResult("na", reason="不适用")}
    )
    assert score.unrounded == Decimal("82.5") and score.total == Decimal("83")


def scheme_doc_two_items(total: int, a: int, b: int, decimals: int) -> dict[str, Any]:
    def item(i: str, pts: int) -> dict[str, Any]:
        return {
            "id": i,
            **_text(i),
            "points": pts,
            "judged": "proportional",
            "requirement_zh": "要求",
            "requirement_en": "r",
        }

    return {
        "format": "auditor-scheme/1",
        "id": "two",
        "version": "1",
        "title_zh": "二",
        "title_en": "two",
        "standard": "t",
        "total_points": total,
        "rules": {"fail_level": "fail", "score_decimals": decimals},
        "levels": [{"id": "fail", "title_zh": "f", "title_en": "f", "min_score": 0}],
        "groups": [
            {
                "id": "g",
                **_text("g"),
                "points": total,
                "indicators": [
                    {
                        "id": "ind",
                        **_text("ind"),
                        "points": total,
                        "items": [item("a", a), item("b", b)],
                    }
                ],
            }
        ],
    }


def test_rounding_tie_with_a_total_of_30():
    scheme = parse_scheme(scheme_doc_two_items(total=30, a=24, b=6, decimals=1), "thirty")
    # 24 applicable points (6 deleted), 5 earned: 5/24 × 30 = 6.25 exactly → 6.3
    score = compute_score(
        scheme, {"a": ItemResult("sampled", 24, 19), "b": ItemResult("na", reason="不适用")}
    )
    assert score.total == Decimal("6.3")


def test_rounding_tie_reached_through_thirds():
    def item(i: str, pts: int, judged: str = "proportional") -> dict[str, Any]:
        return {
            "id": i,
            **_text(i),
            "points": pts,
            "judged": judged,
            "requirement_zh": "要求",
            "requirement_en": "r",
        }

    doc = scheme_doc_two_items(total=100, a=40, b=60, decimals=0)
    doc["groups"][0]["indicators"][0]["items"] = [
        item("a", 32, "whole"),
        item("b", 1),
        item("c", 1),
        item("d", 1),
        item("e", 5, "whole"),
        item("f", 60, "whole"),
    ]
    scheme = parse_scheme(doc, "thirds")
    third = ItemResult("sampled", 3, 2)  # 1 × (3 − 2) / 3
    score = compute_score(
        scheme,
        {
            "a": ItemResult("conform"),
            "b": third,
            "c": third,
            "d": third,
            "e": ItemResult("nonconform"),
            "f": ItemResult("na", reason="不适用"),
        },
    )
    assert score.total == Decimal("83")


# -- special deductions and the bonus on the shipped scheme --------------------------------
@PROPERTY
@given(gbt_results(), st.integers(0, 8))
def test_each_special_deduction_takes_one_point(results, deductions):
    base = compute_score(GBT, results)
    assume(base.determinable)
    score = compute_score(GBT, results, special_deductions=deductions)
    assert score.total == max(base.total - deductions, Decimal(0))
    if deductions >= 5:
        assert score.level == "fail"


@PROPERTY
@given(gbt_results(), st.integers(0, 6))
def test_bonus_adds_one_point_and_is_capped_at_one(results, bonus):
    base = compute_score(GBT, results)
    assume(base.determinable)
    score = compute_score(GBT, results, bonus=bonus)
    assert score.bonus == min(bonus, 1)
    assert score.total == min(base.total + min(bonus, 1), Decimal(100))


@PROPERTY
@given(scheme_with_results(), st.integers(0, 6))
def test_bonus_beyond_the_limit_counts_as_the_limit(case, bonus):
    scheme, results = case
    limit = scheme.rules.bonus_max_count
    capped = compute_score(scheme, results, bonus=min(bonus, limit))
    score = compute_score(scheme, results, bonus=bonus)
    assert (score.total, score.level, score.bonus) == (capped.total, capped.level, capped.bonus)


def test_single_level_scheme_with_a_fail_rule():
    doc = scheme_doc_two_items(total=100, a=40, b=60, decimals=1)
    scheme = parse_scheme(doc, "one level")  # accepted: levels = [fail] only
    score = compute_score(scheme, {"a": ItemResult("conform")}, special_deductions=5)
    assert score.level == "fail"
