"""One way to print a score or a number of points, for the window, the report and the CLI.

The rule (issue 13 item 8: the same score showed as "94", "90.5" and "94.0"):
- at most `places` decimals, rounded half up (what people expect on paper);
- trailing zeros dropped, so a value reads the same however it was computed: 94.0 → "94",
  2.750 → "2.75", 0.50 → "0.5";
- never a float artefact (a float goes through its shortest repr, 0.1 + 0.2 → "0.3"),
  never "-0", and a missing value prints as a dash.
Points carry at most two decimals (a graded step of 2.75, a proportional 2/3 of a point →
"0.67"); the total is printed as the engine rounded it (the scheme's `score_decimals`, at most
4), so it is never rounded twice.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

POINT_PLACES = 2
SCORE_PLACES = 4  # the most `rules.score_decimals` may ask for (the scheme loader's limit)
DASH = "–"

# str: a total as a package carries it ("94.0"); anything but a finite number is refused
Number = Decimal | int | float | str


def fmt_number(value: Number | None, places: int = POINT_PLACES, missing: str = DASH) -> str:
    """`value` with at most `places` decimals, trailing zeros dropped; `missing` for None."""
    if value is None:
        return missing
    try:
        exact = Decimal(str(value))  # str(): a float's shortest repr, not its binary expansion
        if not exact.is_finite():
            raise InvalidOperation
        text = f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    except InvalidOperation:
        raise ValueError(f"not a number that can be printed: {value!r}") from None
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_points(value: Number | None, missing: str = DASH) -> str:
    """Points of an item, indicator or group, earned or available: "3", "2.75", "0.67"."""
    return fmt_number(value, POINT_PLACES, missing)


def fmt_score(total: Number | None, missing: str = DASH) -> str:
    """The audit's total score as the engine rounded it: "94", "90.5" (never "94.0")."""
    return fmt_number(total, SCORE_PLACES, missing)
