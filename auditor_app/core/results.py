"""How one item was judged on site, and the check that the judgement fits the item.

A result is plain data so that the store, the CSV sheet, packages and the GUI share one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from auditor_app.core.errors import InputError
from auditor_app.core.scheme import Item

# Result kinds. "sampled" and "graded" exist only for items judged that way; every item may be
# recorded as conforming (full value) or nonconforming (whole value lost), or deleted ("na").
CONFORM = "conform"
NONCONFORM = "nonconform"
SAMPLED = "sampled"
GRADED = "graded"
NA = "na"
KINDS = (CONFORM, NONCONFORM, SAMPLED, GRADED, NA)

MAX_SAMPLE = 1_000_000  # no on-site sample is larger; bigger numbers are typing slips

# Status marks shown per node in the app and the report.
UNSCORED = "unscored"
PARTIAL = "partial"
DELETED = "deleted"


@dataclass(frozen=True)
class ItemResult:
    """How one item was judged: `kind` is one of KINDS; a sampled result carries the sample size and
    the number nonconforming, a graded one the points awarded (Decimal, one of the item's steps), a
    deleted ("na") one its reason. `check_result` checks a result against its item."""

    kind: str
    sampled: int | None = None
    nonconforming: int | None = None
    points: Decimal | None = None
    reason: str = ""


def to_decimal(value: object, what: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InputError(f"{what} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise InputError(f"{what} must be a finite number, got {value!r}")
    return number


def check_result(item: Item, result: ItemResult) -> ItemResult:
    """Return the result if it fits the item, else raise InputError saying exactly why."""
    kind = result.kind
    if kind not in KINDS:
        raise InputError(f"{item.id}: unknown result '{kind}' (one of {', '.join(KINDS)})")
    if kind == NA:
        if not item.deletable:
            raise InputError(
                f"{item.id} {item.title_en} ({item.title_zh}) may not be deleted as not "
                "applicable: the scheme marks it as a requirement every applicant must meet; "
                "record it as conforming or nonconforming"
            )
        if not result.reason.strip():
            raise InputError(f"{item.id}: a deleted (not applicable) item needs a reason")
    if kind == SAMPLED:
        if item.judged != "proportional":
            raise InputError(
                f"{item.id}: is judged '{item.judged}', not on a sample; record it "
                "as conforming or nonconforming"
            )
        n, k = result.sampled, result.nonconforming
        if n is None or k is None:
            raise InputError(
                f"{item.id}: a sampled result needs both the sample size and the "
                "number nonconforming"
            )
        if n < 1:
            raise InputError(f"{item.id}: the sample size must be at least 1 (got {n})")
        if n > MAX_SAMPLE:
            raise InputError(
                f"{item.id}: a sample of {n} is not plausible (at most {MAX_SAMPLE:,})"
            )
        if k < 0:
            raise InputError(f"{item.id}: the number nonconforming cannot be negative (got {k})")
        if k > n:
            raise InputError(f"{item.id}: nonconforming ({k}) cannot exceed the sample size ({n})")
    if kind == GRADED:
        if item.judged != "graded":
            raise InputError(
                f"{item.id}: is judged '{item.judged}'; graded points are only for graded items"
            )
        if result.points is None:
            raise InputError(f"{item.id}: graded result needs the points awarded")
        if result.points not in item.steps:
            allowed = ", ".join(str(s) for s in item.steps)
            raise InputError(
                f"{item.id}: {result.points} is not an allowed award (allowed: {allowed})"
            )
    return result


def earned_exact(item: Item, result: ItemResult | None) -> Fraction:
    """Points the item earns, exactly (2/3 of a point stays 2/3 until the total is rounded);
    0 when unscored or deleted (deleted items leave the total)."""
    if result is None or result.kind in (NONCONFORM, NA):
        return Fraction(0)
    if result.kind == CONFORM:
        return Fraction(item.points)
    if result.kind == SAMPLED:
        assert result.sampled and result.nonconforming is not None
        # domain.md §2 rule 2: lose points in proportion to the nonconforming share
        share = Fraction(result.sampled - result.nonconforming, result.sampled)
        return Fraction(item.points) * share
    assert result.points is not None
    return Fraction(result.points)


def as_decimal(value: Fraction) -> Decimal:
    """A fraction for display (28 significant digits); never used for further arithmetic."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def earned(item: Item, result: ItemResult | None) -> Decimal:
    return as_decimal(earned_exact(item, result))


def status(item: Item, result: ItemResult | None) -> str:
    if result is None:
        return UNSCORED
    if result.kind == NA:
        return DELETED
    got = earned_exact(item, result)
    if got == item.points:
        return CONFORM
    if got == 0:
        return NONCONFORM
    return PARTIAL
