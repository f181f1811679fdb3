"""The scoring engine: scheme + item results + special items → total, level and gap.

Implements GB/T 27922 clause 6.2/6.3 (../shared/domain.md §2–3) generically from the scheme
data: whole-value and proportional deductions, graded awards, deleted items renormalised to the
applicable total, special deductions and bonus outside the indicator scores, the fail rules, and
the levels. Arithmetic is exact (fractions) until the one rounding of the total, so that an
exact 82.5 or a third of a point never drifts across a level threshold; results are Decimal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from auditor_app.core.results import (
    DELETED,
    NA,
    UNSCORED,
    ItemResult,
    as_decimal,
    earned_exact,
    status,
)
from auditor_app.core.scheme import Item, Scheme

ZERO = Decimal(0)


@dataclass(frozen=True)
class Subtotal:
    """The score of one group or indicator (`id`) in item points: `earned`, its `max` and its
    `applicable` points (the max without deleted items); `scored` of its `items` are judged."""

    id: str
    earned: Decimal
    max: Decimal
    applicable: Decimal
    scored: int
    items: int

    @property
    def out_of(self) -> Decimal:
        """What "earned / X" shows as X wherever a subtotal is printed (tree, score bar,
        report): the applicable points, since deleted items are not scored (clause 6.2)."""
        return self.applicable

    @property
    def fraction(self) -> Decimal | None:
        return self.earned / self.applicable if self.applicable else None


@dataclass(frozen=True)
class Correction:
    """An item (or a special deduction) whose correction would recover score points."""

    item_id: str | None
    kind: str  # "nonconforming", "partial", "unscored" (never a special deduction: clause 6.2)
    recoverable_points: Decimal  # on the scheme's total scale (e.g. of 100)


@dataclass(frozen=True)
class Gap:
    """What stands between the result and `next_level` (see `_gap`): the points needed, the fewest
    corrections that would recover them, whether the level is `reachable` at this audit and the fail
    rules that hold it back (`blockers`)."""

    next_level: str
    threshold: Decimal
    points_needed: Decimal
    corrections: tuple[Correction, ...]
    reachable: bool
    blockers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoreResult:
    """An audit's score: the rounded `total` (Decimal, on the scheme's total_points scale) and its
    level, the group and indicator subtotals, each item's status and points, the fail reasons and
    the gap to the next level."""

    scheme_id: str
    total: Decimal  # rounded, what is printed and what decides the level
    unrounded: Decimal
    level: str
    applicable_total: Decimal
    earned_points: Decimal
    special_deductions: int
    bonus: int
    groups: tuple[Subtotal, ...]
    indicators: tuple[Subtotal, ...]
    item_status: Mapping[str, str]
    item_earned: Mapping[str, Decimal]
    scored: int
    item_count: int
    failed_because: tuple[str, ...]
    gap: Gap | None
    max_possible: Decimal
    determinable: bool = True
    notes: tuple[str, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return self.scored == self.item_count

    def to_dict(self) -> dict[str, Any]:
        def num(v: Decimal) -> float:
            return float(v)

        def sub(s: Subtotal) -> dict[str, Any]:
            return {
                "id": s.id,
                "earned": num(s.earned),
                "max": num(s.max),
                "applicable": num(s.applicable),
                "scored": s.scored,
                "items": s.items,
            }

        gap = None
        if self.gap:
            gap = {
                "next_level": self.gap.next_level,
                "threshold": num(self.gap.threshold),
                "points_needed": num(self.gap.points_needed),
                "reachable": self.gap.reachable,
                "blockers": list(self.gap.blockers),
                "corrections": [
                    {
                        "item": c.item_id,
                        "kind": c.kind,
                        "recoverable_points": num(c.recoverable_points),
                    }
                    for c in self.gap.corrections
                ],
            }
        return {
            "scheme": self.scheme_id,
            "total": num(self.total),
            "level": self.level,
            "applicable_total": num(self.applicable_total),
            "earned_points": num(self.earned_points),
            "special_deductions": self.special_deductions,
            "bonus": self.bonus,
            "progress": {
                "scored": self.scored,
                "items": self.item_count,
                "complete": self.complete,
            },
            "max_possible": num(self.max_possible),
            "determinable": self.determinable,
            "failed_because": list(self.failed_because),
            "groups": [sub(g) for g in self.groups],
            "indicators": [sub(i) for i in self.indicators],
            "gap_to_next_level": gap,
            "notes": list(self.notes),
        }


def round_total(value: Decimal | Fraction, decimals: int) -> Decimal:
    """Round half up (away from zero) to `decimals` places, exactly."""
    exact = Fraction(value)
    scaled = abs(exact) * 10**decimals
    units = math.floor(scaled + Fraction(1, 2))
    return Decimal(units if exact >= 0 else -units).scaleb(-decimals)


def level_for(scheme: Scheme, total: Decimal) -> str:
    reached = [lv for lv in scheme.levels if total >= lv.min_score]
    return reached[-1].id if reached else scheme.rules.fail_level


def compute_score(
    scheme: Scheme, results: Mapping[str, ItemResult], special_deductions: int = 0, bonus: int = 0
) -> ScoreResult:
    """Score an audit. `results` maps item id → result; missing items are unscored."""
    rules = scheme.rules
    bonus = min(bonus, rules.bonus_max_count)  # the store refuses more; never over-count here
    item_status: dict[str, str] = {}
    exact: dict[str, Fraction] = {}
    indicator_totals: list[Subtotal] = []
    group_totals: list[Subtotal] = []
    earned_all = applicable_all = Fraction(0)
    for group in scheme.groups:
        g_earned = g_app = Fraction(0)
        g_scored = g_items = 0
        for ind in group.indicators:
            i_earned = i_app = Fraction(0)
            i_scored = 0
            for item in ind.items:
                res = results.get(item.id)
                st = status(item, res)
                got = earned_exact(item, res)
                item_status[item.id] = st
                exact[item.id] = got
                i_earned += got
                if st != DELETED:
                    i_app += Fraction(item.points)
                if st != UNSCORED:
                    i_scored += 1
            indicator_totals.append(
                _subtotal(ind.id, i_earned, ind.points, i_app, i_scored, len(ind.items))
            )
            g_earned += i_earned
            g_app += i_app
            g_scored += i_scored
            g_items += len(ind.items)
        group_totals.append(_subtotal(group.id, g_earned, group.points, g_app, g_scored, g_items))
        earned_all += g_earned
        applicable_all += g_app

    scored = sum(g.scored for g in group_totals)
    notes: list[str] = []
    determinable = applicable_all > 0
    if not determinable:
        notes.append("no applicable items: every item is deleted, the score cannot be determined")
    finish = _finisher(scheme, applicable_all, bonus)
    unrounded, total = finish(earned_all, special_deductions)
    unscored = sum(
        (Fraction(scheme.item(i).points) for i, s in item_status.items() if s == UNSCORED),
        Fraction(0),
    )
    _, max_possible = finish(earned_all + unscored, special_deductions)

    failed = _fail_reasons(scheme, group_totals, special_deductions, determinable)
    level = rules.fail_level if failed else level_for(scheme, total)
    gap = _gap(
        scheme,
        item_status,
        exact,
        total,
        level,
        failed,
        special_deductions,
        finish,
        earned_all,
        applicable_all,
    )
    return ScoreResult(
        scheme_id=scheme.id,
        total=total,
        unrounded=as_decimal(unrounded),
        level=level,
        applicable_total=as_decimal(applicable_all),
        earned_points=as_decimal(earned_all),
        special_deductions=special_deductions,
        bonus=bonus,
        groups=tuple(group_totals),
        indicators=tuple(indicator_totals),
        item_status=item_status,
        item_earned={k: as_decimal(v) for k, v in exact.items()},
        scored=scored,
        item_count=len(item_status),
        failed_because=tuple(failed),
        gap=gap,
        max_possible=max_possible,
        determinable=determinable,
        notes=tuple(notes),
    )


Finisher = Callable[[Fraction, int], tuple[Fraction, Decimal]]


def _finisher(scheme: Scheme, applicable: Fraction, bonus: int) -> Finisher:
    """earned points + special deductions → (exact total, printed total) for this audit."""
    rules = scheme.rules
    scale = Fraction(scheme.total_points)
    deduction, award = Fraction(rules.special_deduction_points), Fraction(rules.bonus_points)

    def finish(earned_raw: Fraction, deductions: int) -> tuple[Fraction, Decimal]:
        # multiply before dividing is moot with fractions: the result is exact either way
        base = earned_raw * scale / applicable if applicable else Fraction(0)
        adjusted = base - deductions * deduction + bonus * award
        clamped = min(max(adjusted, Fraction(0)), scale)
        return clamped, round_total(clamped, rules.score_decimals)

    return finish


def _subtotal(
    node: str, earned_: Fraction, maximum: Decimal, applicable: Fraction, scored: int, items: int
) -> Subtotal:
    return Subtotal(node, as_decimal(earned_), maximum, as_decimal(applicable), scored, items)


def _fail_reasons(
    scheme: Scheme, groups: list[Subtotal], special_deductions: int, determinable: bool
) -> list[str]:
    rules = scheme.rules
    reasons: list[str] = []
    if not determinable:
        reasons.append("no_applicable_items")
    if (
        rules.special_deduction_fail_count
        and special_deductions >= rules.special_deduction_fail_count
    ):
        reasons.append(f"special_deductions>={rules.special_deduction_fail_count}")
    for group, sub in zip(scheme.groups, groups, strict=True):
        # judged only once the group is fully scored: a half-scored group is not a failure
        complete = sub.applicable > 0 and sub.scored == sub.items
        minimum = group.min_fraction
        if (
            minimum is not None
            and complete
            and Fraction(sub.earned) < Fraction(sub.applicable) * Fraction(minimum)
        ):
            reasons.append(f"group_minimum:{group.id}")
    return reasons


def _gap(
    scheme: Scheme,
    item_status: Mapping[str, str],
    exact: Mapping[str, Fraction],
    total: Decimal,
    level: str,
    failed: list[str],
    special_deductions: int,
    finish: Finisher,
    earned_all: Fraction,
    applicable: Fraction,
) -> Gap | None:
    """What stands between the client and the next level: the fewest item corrections that
    close the gap (largest recoverable points first, so each correction counts most). Special
    deductions are never offered: under clause 6.2 rectifying one later does not give its point
    back, nor undo a fail, at this audit. When a fail rule blocks the level the score already
    reaches, the gap names that level, `blockers` says why, and the corrections may be empty."""
    ids = [lv.id for lv in scheme.levels]
    if len(ids) < 2:
        return None  # a scheme with only a fail level has nothing to reach
    if failed:
        # blockers stand; the target is the level the score already reaches (at least the
        # first passing one)
        target_index = max(ids.index(level_for(scheme, total)), 1)
    else:
        target_index = ids.index(level) + 1
        if target_index >= len(ids):
            return None
    target = scheme.levels[target_index]
    blockers = [_blocker_text(scheme, f, special_deductions) for f in failed]
    scale = Fraction(scheme.total_points)

    candidates: list[tuple[Fraction, Correction, Fraction]] = []
    for item in scheme.items:
        st = item_status[item.id]
        if st == DELETED:
            continue
        lost = Fraction(item.points) - exact[item.id]
        if lost <= 0:
            continue
        kind = {"unscored": "unscored", "nonconform": "nonconforming"}.get(st, "partial")
        on_scale = lost * scale / applicable if applicable else Fraction(0)
        candidates.append((on_scale, Correction(item.id, kind, round_total(on_scale, 2)), lost))
    # Largest first gives the fewest corrections; ties go to already-judged items (a correction
    # the client can make) before unscored ones, then by item order.
    order = {it.id: n for n, it in enumerate(scheme.items)}
    candidates.sort(
        key=lambda c: (-c[0], c[1].kind == "unscored", order.get(c[1].item_id or "", -1))
    )
    needed = max(target.min_score - total, ZERO)
    chosen: list[Correction] = []
    raw = earned_all
    reached = total >= target.min_score
    for _, corr, lost in candidates:
        if reached:
            break
        chosen.append(corr)
        raw += lost
        reached = finish(raw, special_deductions)[1] >= target.min_score
    # A fail by special deductions stands at this audit whatever is corrected.
    if any(f.startswith("special_deductions") for f in failed):
        reached = False
    return Gap(target.id, target.min_score, needed, tuple(chosen), reached, tuple(blockers))


def _blocker_text(scheme: Scheme, reason: str, special_deductions: int) -> str:
    if reason.startswith("special_deductions"):
        limit = scheme.rules.special_deduction_fail_count
        return (
            f"{special_deductions} special deduction items ({limit} or more fail the audit); "
            "rectification does not undo them at this audit"
        )
    if reason.startswith("group_minimum:"):
        gid = reason.split(":", 1)[1]
        group = next(g for g in scheme.groups if g.id == gid)
        return f"group {gid} is below its minimum of {group.min_fraction:.0%} of its points"
    return "no applicable items"


def applicable_items(scheme: Scheme, results: Mapping[str, ItemResult]) -> list[Item]:
    return [it for it in scheme.items if (r := results.get(it.id)) is None or r.kind != NA]
