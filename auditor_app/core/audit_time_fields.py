"""Typed field reading for the audit-time data file, collecting every problem instead of stopping.

The loader in `audit_time.py` asks this reader for each value; a missing or malformed value is
recorded as a `Problem` (file, location, reason) and `None` is returned, so one load reports all
the problems of a file at once. Numbers are returned as exact `Fraction`s: a factor written as
`0.6` or `"1/3"` must not pick up binary floating-point error before it is rounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from auditor_app.core.errors import Problem


def exact(value: object) -> Fraction | None:
    """`value` (int, Decimal, float, "0.6", "1/3") as an exact fraction; None if not a number.

    A float is read through its shortest decimal repr, so the TOML text `0.6` means 3/5 and not
    the binary double nearest to it. Booleans are refused although Python treats them as ints.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    if isinstance(value, float | str):
        try:
            return Fraction(str(value).strip())
        except (ValueError, ZeroDivisionError):
            return None
    return None


def show(value: object) -> str:
    """A value as it appears in a message: strings quoted, the rest as written."""
    return repr(value) if isinstance(value, str) else str(value)


class FieldReader:
    """Reads typed values from a parsed TOML document and records a `Problem` for each defect."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, location: str, reason: str) -> None:
        self.problems.append(Problem(self.file, location, reason))

    def section(self, doc: Mapping[str, Any], key: str, location: str) -> Mapping[str, Any] | None:
        value = doc.get(key)
        if value is None:
            self.problem(location, "missing section")
            return None
        if not isinstance(value, Mapping):
            self.problem(location, "must be a table (a [section])")
            return None
        return value

    def unknown_keys(self, doc: Mapping[str, Any], allowed: Iterable[str], location: str) -> None:
        # A misspelt key would otherwise be ignored silently and its default used instead.
        known = set(allowed)
        for key in doc:
            if key not in known:
                where = f"{location}.{key}" if location else key
                self.problem(where, "unknown key (misspelt?)")

    def string(self, doc: Mapping[str, Any], key: str, location: str) -> str | None:
        value = doc.get(key)
        if value is None:
            self.problem(location, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(location, "must be a non-empty string")
            return None
        return value.strip()

    def optional_string(self, doc: Mapping[str, Any], key: str, location: str) -> str:
        value = doc.get(key, "")
        if not isinstance(value, str):
            self.problem(location, "must be a string")
            return ""
        return value.strip()

    def integer(
        self, doc: Mapping[str, Any], key: str, location: str, minimum: int | None = None
    ) -> int | None:
        value = doc.get(key)
        if value is None:
            self.problem(location, "missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(location, f"must be a whole number, got {show(value)}")
            return None
        if minimum is not None and value < minimum:
            self.problem(location, f"must be at least {minimum}, got {value}")
            return None
        return value

    def number(
        self,
        doc: Mapping[str, Any],
        key: str,
        location: str,
        *,
        above: Fraction | None = None,
        at_least: Fraction | None = None,
        below: Fraction | None = None,
        at_most: Fraction | None = None,
    ) -> Fraction | None:
        """A number within the given bounds (each bound optional, strict or inclusive)."""
        raw = doc.get(key)
        if raw is None:
            self.problem(location, "missing")
            return None
        value = exact(raw)
        if value is None:
            self.problem(location, f'must be a number or a fraction like "1/3", got {show(raw)}')
            return None
        bounds = [
            (above, value > above if above is not None else True, "more than"),
            (at_least, value >= at_least if at_least is not None else True, "at least"),
            (below, value < below if below is not None else True, "less than"),
            (at_most, value <= at_most if at_most is not None else True, "at most"),
        ]
        for bound, ok, words in bounds:
            if not ok:
                self.problem(location, f"must be {words} {bound}, got {show(raw)}")
                return None
        return value
