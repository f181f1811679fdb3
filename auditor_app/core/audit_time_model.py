"""Data model of an audit-time file (`auditor-audit-time/1`): rows, extension rule and factors.

Values that feed calculations are exact: days as `Decimal` (whole or half days), factors and shares
as `Fraction` (a factor of 1/3 must stay exactly 1/3 until the final half-day rounding).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

FORMAT = "auditor-audit-time/1"
AUDIT_TYPES = ("initial", "surveillance", "recertification", "special")
ROUNDING_RULES = ("nearest-half-day-ties-up",)


def as_decimal(value: Fraction) -> Decimal:
    """An exact decimal for a fraction whose denominator has only factors 2 and 5 (half days …)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


@dataclass(frozen=True)
class TableRow:
    """One table row: the `days` (whole or half) for `min` to `max` effective personnel."""

    min: int
    max: int
    days: Decimal


@dataclass(frozen=True)
class Extension:
    """The rule for personnel above the last row: each further `every_personnel` adds days."""

    name_zh: str
    name_en: str
    every_personnel: int
    add_days: Decimal


@dataclass(frozen=True)
class AuditTypeRule:
    """The factors of one audit type (initial, surveillance, recertification, special):
    `time_factor` multiplies the table days; the sample is ⌈sampling_factor × √sites⌉, or
    `no_sampling_fraction` of the sites where sampling is not allowed. Its note, if any, comes with
    every plan of the type."""

    id: str
    title_zh: str
    title_en: str
    time_factor: Fraction
    sampling_factor: Fraction
    no_sampling_fraction: Fraction
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Plausibility:
    """Thresholds of the plausibility checks on the declared figures (`persondays_checks`): persons
    per outlet, the service-management share of employees (used when not declared) and the certified
    managers needed (that share of the service-management staff, at least the minimum)."""

    min_staff_per_outlet: int
    service_mgmt_share: Fraction
    certified_manager_share: Fraction
    certified_manager_min: int


@dataclass(frozen=True)
class Lookup:
    """Where the days for a number of personnel came from: a row, or the extension rule."""

    personnel: int
    days: Decimal
    row: TableRow | None
    extension_steps: int = 0


@dataclass(frozen=True)
class AuditTimeTable:
    """A validated audit-time file: the person-day table, its extension rule and every factor the CB
    applies. `path` is the file it was read from; `audit_types` maps each audit type to its rule."""

    path: str
    id: str
    version: str
    title_zh: str
    title_en: str
    source_zh: str
    source_en: str
    audit_day_hours: int
    rows: tuple[TableRow, ...]
    extension: Extension
    max_reduction_percent: Fraction
    rounding: str
    minimum_days: Fraction
    onsite_min_fraction: Fraction
    stage1_share: Fraction
    full_time_hours_per_week: Fraction
    random_share: Fraction
    max_site_time_reduction_percent: Fraction
    min_site_days: Fraction  # the CB's minimum per sampled site (multi-site audit time)
    audit_types: Mapping[str, AuditTypeRule]
    plausibility: Plausibility

    def lookup(self, personnel: int) -> Lookup:
        """Table days for a whole number of effective personnel (at least 1)."""
        if personnel < 1:
            raise ValueError("personnel must be at least 1")
        for row in self.rows:
            if row.min <= personnel <= row.max:
                return Lookup(personnel, row.days, row)
        last = self.rows[-1]
        # "or part thereof": 1 person over a step already counts as a whole step.
        steps = math.ceil(Fraction(personnel - last.max, self.extension.every_personnel))
        return Lookup(personnel, last.days + steps * self.extension.add_days, None, steps)
