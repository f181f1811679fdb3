"""Reading a date as people type it: 2027-02-14, 2027/2/14, 2027.2.14, 20270214, 2027年2月14日.

The result is always an ISO date (YYYY-MM-DD) or "" for an empty field; anything else is
refused with a message that says what was typed and what is expected. Nothing is guessed or
corrected silently: 2027-02-30 is refused, not moved to March (issue 13: a typed 2027-02-14
once became 2027-03-02).
"""

from __future__ import annotations

import re
from datetime import date

from auditor_app.core.errors import InputError

_SEPARATED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# audits, deadlines and certificates: anything outside this is a typing slip, not a date
MIN_YEAR, MAX_YEAR = 1990, 2100


def parse_date(text: str) -> str:
    """The ISO date for `text`, "" for blank text; InputError for anything else."""
    cleaned = text.strip()
    if not cleaned:
        return ""
    match = _SEPARATED.match(cleaned) or _COMPACT.match(cleaned)
    if match is None:
        raise InputError(f"'{cleaned}' is not a date: type it as 2027-02-14 or 20270214")
    year, month, day = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise InputError(f"there is no day {year}-{month:02d}-{day:02d}") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"the year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    return value.isoformat()
