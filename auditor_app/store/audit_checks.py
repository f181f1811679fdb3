"""Shape checks the store applies to audit fields before writing them, whoever calls it.

The person-days engine judges whether a headcount can be computed (and says why not on the
form); the store only refuses values that are not the right kind of thing at all: a date that
is not a calendar date, a last day before the first, a negative or absurd headcount.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from auditor_app.core.errors import InputError

# headcount entries that count persons (whole numbers) and those that are plain numbers
HEADCOUNT_COUNTS = (
    "full_time",
    "part_time",
    "temporary",
    "contractors",
    "similar_function_staff",
    "similar_function_counted",
    "service_mgmt_staff",
    "certified_managers",
    "verified_headcount",
)
HEADCOUNT_NUMBERS = ("part_time_hours", "planned_days", "site_reduction_percent")
DATE_FIELDS = {"start_date": "first day", "end_date": "last day"}


def check_date(value: Any, what: str) -> str:
    """'' (not set) or an ISO calendar date; the text to store."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.isoformat() != text:  # 2026-1-5 or 20260105 are not stored
        raise InputError(f"the {what} must be a real date like 2026-12-31, got {value!r}")
    return text


def check_dates(new: dict[str, Any]) -> None:
    """Normalise start/end dates in `new` in place; refuse a last day before the first when
    both are written together. One day edited alone may pass the other for a moment (moving
    an audit later, the first day is typed before the last); the form says so meanwhile."""
    for key, what in DATE_FIELDS.items():
        if key in new:
            new[key] = check_date(new[key], f"audit's {what}")
    start, end = new.get("start_date") or "", new.get("end_date") or ""
    if start and end and end < start:
        raise InputError(f"the audit's last day {end} is before its first day {start}")


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return False
    return bool(Decimal(str(value)).is_finite())


def _max_count() -> int:
    # the person-days engine's ceiling, loaded with the first headcount checked: opening the
    # store (and the window's first screen) does not need the engine (issue 14)
    from auditor_app.core.persondays_input import MAX_COUNT

    return MAX_COUNT


def check_headcount(headcount: Any) -> None:
    if not isinstance(headcount, dict):
        raise InputError(f"the headcount must be a table of figures, got {headcount!r}")
    for key in HEADCOUNT_COUNTS:
        value = headcount.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"headcount {key} must be a whole number, got {value!r}")
        if not 0 <= value <= _max_count():
            raise InputError(f"headcount {key} must be from 0 to {_max_count():,}, got {value}")
    for key in HEADCOUNT_NUMBERS:
        value = headcount.get(key)
        if value is None:
            continue
        if not _is_number(value):
            raise InputError(f"headcount {key} must be a number, got {value!r}")
        if value < 0:
            raise InputError(f"headcount {key} must not be negative, got {value}")
    adjustments = headcount.get("adjustments") or []
    if not isinstance(adjustments, list | tuple):
        raise InputError(f"headcount adjustments must be a list, got {adjustments!r}")
    for item in adjustments:
        if not (isinstance(item, list | tuple) and len(item) == 2 and _is_number(item[1])):
            raise InputError(f"an adjustment must be a (reason, percent) pair, got {item!r}")


def check_site_headcount(value: Any, site: str) -> int | None:
    """None (not known) or a whole number of persons within bounds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"site {site}: the headcount must be a whole number, got {value!r}")
    if not 0 <= value <= _max_count():
        raise InputError(
            f"site {site}: the headcount must be from 0 to {_max_count():,}, got {value}"
        )
    return value
