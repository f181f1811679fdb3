"""The certificate cycle (domain.md §4): validity, surveillance windows, recertification.

A certificate is valid for 3 years from its issue date; an on-site surveillance falls in a
window 9-12 months after the issue or the last surveillance (CBs differ: the window is data,
set in the database's settings); recertification must be applied for at least 3 months before
expiry. Pure date arithmetic, no database: the committee service feeds it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from auditor_app.core.errors import InputError

# settings keys (values: whole months) and the CycleRules field each sets
CYCLE_SETTINGS = {
    "cert_validity_months": "validity_months",
    "surveillance_window_from_months": "surveillance_from_months",
    "surveillance_window_to_months": "surveillance_to_months",
    "recertification_lead_months": "recertification_lead_months",
    "surveillance_tolerance_months": "surveillance_tolerance_months",
    "suspension_max_months": "suspension_max_months",
}


@dataclass(frozen=True)
class CycleRules:
    """The CB's certificate cycle in whole months, from the settings (CYCLE_SETTINGS): validity,
    surveillance window, recertification lead time, overdue tolerance and longest suspension."""

    validity_months: int = 36
    surveillance_from_months: int = 9
    surveillance_to_months: int = 12
    recertification_lead_months: int = 3
    # past the window's end by more than this, the surveillance is overdue enough to suspend
    # (the 9-12 month window already holds the seed's 1-2 months' tolerance)
    surveillance_tolerance_months: int = 0
    # a suspension's deadline: ISO/IEC 17021-1 9.6.5 - typically not more than 6 months
    suspension_max_months: int = 6

    @classmethod
    def from_settings(cls, get: Callable[[str], str | None]) -> CycleRules:
        values = {}
        for key, name in CYCLE_SETTINGS.items():
            raw = get(key)
            if raw is None:
                continue
            if not raw.strip().isdigit():
                raise InputError(f"setting {key} = {raw!r} must be a whole number of months")
            values[name] = int(raw)
        rules = cls(**values)
        if not 0 < rules.surveillance_from_months <= rules.surveillance_to_months:
            raise InputError(
                "the surveillance window must start after 0 months and not end before it starts"
            )
        return rules


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def expiry_for(issued_on: dt.date, rules: CycleRules) -> dt.date:
    """Last day of validity: 3 years later, the day before the anniversary."""
    return add_months(issued_on, rules.validity_months) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Cycle:
    """Where a certificate stands in its cycle on a day: validity, the surveillances done, the next
    window and the recertification date, with `flags` (see `compute_cycle`)."""

    number: str
    issued_on: dt.date
    expires_on: dt.date
    surveillances: tuple[dt.date, ...]
    next_surveillance: tuple[dt.date, dt.date] | None  # window (from, to), None: recertify next
    recertification_due: dt.date  # apply for recertification by this date
    flags: tuple[str, ...] = field(default=())

    @property
    def overdue(self) -> bool:
        return any(
            f.endswith("overdue") or f in ("expired", "suspension_due", "withdrawal_due")
            for f in self.flags
        )


def compute_cycle(
    number: str,
    issued_on: dt.date,
    expires_on: dt.date,
    surveillances: Sequence[dt.date],
    today: dt.date,
    rules: CycleRules = CycleRules(),
) -> Cycle:
    """Where a certificate stands on `today`, with flags:
    surveillance_due (inside the window), surveillance_overdue (window passed),
    recertification_due (apply now), recertification_overdue (less than the lead time left,
    flagged from the day after the due date), expired."""
    done = tuple(sorted(d for d in surveillances if issued_on <= d <= expires_on))
    base = done[-1] if done else issued_on
    due = add_months(expires_on + dt.timedelta(days=1), -rules.recertification_lead_months)
    start = add_months(base, rules.surveillance_from_months)
    window: tuple[dt.date, dt.date] | None = (start, add_months(base, rules.surveillance_to_months))
    # a 3-year certificate has two surveillances (years 1 and 2); then, or when the window
    # would reach the recertification date, the next on-site audit is the recertification
    per_cycle = max(rules.validity_months // rules.surveillance_to_months - 1, 0)
    if len(done) >= per_cycle or start >= due:
        window = None
    flags = []
    if today > expires_on:
        flags.append("expired")
    else:
        if window is not None and window[0] <= today <= window[1]:
            flags.append("surveillance_due")
        elif window is not None and today > window[1]:
            flags.append("surveillance_overdue")
        if today > due:
            flags.append("recertification_overdue")
        elif today >= add_months(due, -rules.recertification_lead_months):
            flags.append("recertification_due")
    return Cycle(number, issued_on, expires_on, done, window, due, tuple(flags))
