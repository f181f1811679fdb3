"""Which level the committee can grant: the score's level, held back by the scheme's conditions.

A level may require the client to have been certified for some months (`min_months_certified`,
e.g. star levels only after a year at 达标); a result reaching it earlier gets the highest lower
level without an unmet condition, unless the committee decides the results are outstanding
(an override, with its reason recorded). Pure: no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditor_app.core.scheme import Level, Scheme


@dataclass(frozen=True)
class Grant:
    """The level a result reaches, the level the committee can grant, and why they differ."""

    found: Level  # the score's level
    granted: Level  # the level the committee can grant
    reason: str  # why they differ ('' when equal)

    @property
    def held_back(self) -> bool:
        return self.found.id != self.granted.id


def _allowed(level: Level, months: int) -> bool:
    return level.min_months_certified is None or months >= level.min_months_certified


def grantable(scheme: Scheme, found_id: str, months_certified: int, *, override: bool) -> Grant:
    """The level to grant for a result at `found_id`, `months_certified` into certification."""
    found = scheme.level(found_id)
    if override or _allowed(found, months_certified):
        return Grant(found, found, "")
    ladder = [lv for lv in scheme.levels if lv.min_score <= found.min_score]
    granted = next(lv for lv in reversed(ladder) if _allowed(lv, months_certified))
    return Grant(
        found,
        granted,
        f"{found.title_zh} / {found.title_en} needs {found.min_months_certified} months "
        f"certified ({months_certified} so far): {granted.title_zh} / {granted.title_en} is "
        "granted unless the committee decides the results are outstanding",
    )


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (0 when `end` is earlier)."""
    total = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        total -= 1
    return max(total, 0)
