"""How numbers appear in the person-days justification, warnings and JSON.

A justification is shown to the client, so an exact value prints exactly ("5.6", "152.5") and a
value with no finite decimal form says it is approximate ("≈1.867").
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from auditor_app.core.audit_time_model import as_decimal


def is_finite_decimal(value: Fraction) -> bool:
    """True when `value` has a finite decimal expansion (denominator only 2s and 5s)."""
    d = value.denominator
    for prime in (2, 5):
        while d % prime == 0:
            d //= prime
    return d == 1


def decimal_text(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "0") else text


def num(value: Fraction | Decimal | int) -> str:
    """A number as a person reads it: exact if possible, else "≈" and three decimals."""
    f = Fraction(value)
    if is_finite_decimal(f):
        return decimal_text(as_decimal(f))
    return "≈" + decimal_text(round(Decimal(f.numerator) / Decimal(f.denominator), 3))


def pct(value: Fraction) -> str:
    """A signed percentage: "+10 %", "-20 %", "0 %"."""
    sign = "+" if value > 0 else ""
    return f"{sign}{num(value)} %"


def factor(value: Fraction) -> str:
    """A factor as written in the data file: "1/3" stays a fraction, 3/5 prints as "0.6"."""
    if is_finite_decimal(value):
        return num(value)
    return f"{value.numerator}/{value.denominator}"


def factor_sqrt(value: Fraction, x: int) -> str:
    """factor × √x for display only ("3", "≈10.392"); the sample size is computed exactly."""
    root = math.isqrt(x)
    if root * root == x:
        return num(value * root)
    approx = Decimal(x).sqrt() * Decimal(value.numerator) / Decimal(value.denominator)
    return "≈" + decimal_text(round(approx, 3))


def to_json_number(value: Fraction | Decimal) -> int | float:
    """JSON has no exact fractions: whole values as int, the rest as the nearest float."""
    f = Fraction(value)
    return f.numerator if f.denominator == 1 else float(f)
