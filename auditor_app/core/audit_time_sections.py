"""Section-by-section validation of an audit-time file, building the model objects.

Each function reads one section through a `FieldReader`, records every problem it finds and
returns the model object only when the section is complete and valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from auditor_app.core.audit_time_fields import FieldReader
from auditor_app.core.audit_time_model import (
    AUDIT_TYPES,
    ROUNDING_RULES,
    AuditTypeRule,
    Extension,
    Plausibility,
    TableRow,
    as_decimal,
)


def read_rows(r: FieldReader, raw: object) -> list[TableRow]:
    if raw is None:
        r.problem("rows", "missing")
        return []
    if not isinstance(raw, list) or not raw:
        r.problem("rows", "must be a non-empty list of { min, max, days }")
        return []
    rows: list[TableRow] = []
    for i, item in enumerate(raw):
        loc = f"rows[{i}]"
        if not isinstance(item, Mapping):
            r.problem(loc, "must be a table { min, max, days }")
            return rows
        before = len(r.problems)
        r.unknown_keys(item, ("min", "max", "days"), loc)
        low = r.integer(item, "min", f"{loc}.min", minimum=1)
        high = r.integer(item, "max", f"{loc}.max", minimum=1)
        days = r.number(item, "days", f"{loc}.days", above=Fraction(0))
        if days is not None and (days * 2).denominator != 1:
            r.problem(f"{loc}.days", f"must be a whole or half day, got {item['days']}")
        if len(r.problems) > before or low is None or high is None or days is None:
            return rows  # the order checks below need this row to be complete
        if low > high:
            r.problem(loc, f"min {low} is greater than max {high}")
            return rows
        if not rows and low != 1:
            r.problem(loc, f"the first row must start at 1 effective person, not {low}")
        if rows:
            prev = rows[-1]
            if low <= prev.max:
                r.problem(
                    loc, f"overlaps the previous row ({prev.min}–{prev.max}): starts at {low}"
                )
            elif low > prev.max + 1:
                missing = f"{prev.max + 1}" if low == prev.max + 2 else f"{prev.max + 1}–{low - 1}"
                r.problem(
                    loc,
                    f"gap after the previous row ({prev.min}–{prev.max}): "
                    f"{missing} personnel not covered",
                )
            if days <= prev.days:
                r.problem(
                    f"{loc}.days",
                    f"days must increase: {as_decimal(days)} is not more than the previous "
                    f"row's {prev.days}",
                )
        rows.append(TableRow(low, high, as_decimal(days)))
    return rows


def read_extension(r: FieldReader, doc: Mapping[str, Any]) -> Extension | None:
    sec = r.section(doc, "extension", "extension")
    if sec is None:
        return None
    r.unknown_keys(sec, ("name_zh", "name_en", "every_personnel", "add_days"), "extension")
    name_zh = r.string(sec, "name_zh", "extension.name_zh")
    name_en = r.string(sec, "name_en", "extension.name_en")
    every = r.integer(sec, "every_personnel", "extension.every_personnel", minimum=1)
    add = r.number(sec, "add_days", "extension.add_days", above=Fraction(0))
    if add is not None and (add * 2).denominator != 1:
        r.problem("extension.add_days", f"must be a whole or half day, got {sec['add_days']}")
        return None
    if name_zh and name_en and every and add:
        return Extension(name_zh, name_en, every, as_decimal(add))
    return None


def read_numbers(
    r: FieldReader,
    doc: Mapping[str, Any],
    name: str,
    keys: Mapping[str, Mapping[str, Fraction]],
) -> dict[str, Fraction]:
    """A section of numbers; `keys` maps each key to its bounds (`FieldReader.number` keywords)."""
    out: dict[str, Fraction] = {}
    sec = r.section(doc, name, name)
    if sec is None:
        return out
    r.unknown_keys(sec, keys, name)
    for key, bounds in keys.items():
        value = r.number(sec, key, f"{name}.{key}", **bounds)
        if value is not None:
            out[key] = value
    return out


def read_rounding(r: FieldReader, doc: Mapping[str, Any]) -> tuple[str, Fraction] | None:
    sec = r.section(doc, "rounding", "rounding")
    if sec is None:
        return None
    r.unknown_keys(sec, ("rule", "minimum_days"), "rounding")
    rule = r.string(sec, "rule", "rounding.rule")
    if rule is not None and rule not in ROUNDING_RULES:
        r.problem(
            "rounding.rule", f"unsupported rule {rule!r}; supported: {', '.join(ROUNDING_RULES)}"
        )
        rule = None
    minimum = r.number(sec, "minimum_days", "rounding.minimum_days", at_least=Fraction(0))
    if minimum is not None and (minimum * 2).denominator != 1:
        r.problem(
            "rounding.minimum_days", f"must be a whole or half day, got {sec['minimum_days']}"
        )
        return None
    return (rule, minimum) if rule is not None and minimum is not None else None


def read_audit_types(r: FieldReader, doc: Mapping[str, Any]) -> dict[str, AuditTypeRule]:
    out: dict[str, AuditTypeRule] = {}
    sec = r.section(doc, "audit_types", "audit_types")
    if sec is None:
        return out
    r.unknown_keys(sec, AUDIT_TYPES, "audit_types")
    keys = (
        "title_zh",
        "title_en",
        "time_factor",
        "sampling_factor",
        "no_sampling_fraction",
        "note_zh",
        "note_en",
    )
    for kind in AUDIT_TYPES:
        loc = f"audit_types.{kind}"
        t = r.section(sec, kind, loc)
        if t is None:
            continue
        r.unknown_keys(t, keys, loc)
        title_zh = r.string(t, "title_zh", f"{loc}.title_zh")
        title_en = r.string(t, "title_en", f"{loc}.title_en")
        # Factors above 10 can only be typing mistakes (e.g. 60 for 0.6).
        factor = {"above": Fraction(0), "at_most": Fraction(10)}
        time = r.number(t, "time_factor", f"{loc}.time_factor", **factor)
        smp = r.number(t, "sampling_factor", f"{loc}.sampling_factor", **factor)
        no_smp = r.number(
            t,
            "no_sampling_fraction",
            f"{loc}.no_sampling_fraction",
            above=Fraction(0),
            at_most=Fraction(1),
        )
        note_zh = r.optional_string(t, "note_zh", f"{loc}.note_zh")
        note_en = r.optional_string(t, "note_en", f"{loc}.note_en")
        if title_zh and title_en and time and smp and no_smp:
            out[kind] = AuditTypeRule(kind, title_zh, title_en, time, smp, no_smp, note_zh, note_en)
    return out


def read_plausibility(r: FieldReader, doc: Mapping[str, Any]) -> Plausibility | None:
    sec = r.section(doc, "plausibility", "plausibility")
    if sec is None:
        return None
    keys = (
        "min_staff_per_outlet",
        "service_mgmt_share",
        "certified_manager_share",
        "certified_manager_min",
        "certified_manager_item",
        "certified_manager_points",
    )
    r.unknown_keys(sec, keys, "plausibility")
    loc = "plausibility."
    zero, one = Fraction(0), Fraction(1)
    staff = r.integer(sec, "min_staff_per_outlet", loc + keys[0], minimum=0)
    share = r.number(sec, "service_mgmt_share", loc + keys[1], above=zero, at_most=one)
    cert = r.number(sec, "certified_manager_share", loc + keys[2], above=zero, at_most=one)
    cert_min = r.integer(sec, "certified_manager_min", loc + keys[3], minimum=0)
    # certified_manager_item / _points are still accepted from older files but not used: the
    # scheme names its own item (role "certified_managers") with its points.
    if None in (staff, share, cert, cert_min):
        return None
    assert staff is not None and share and cert and cert_min is not None
    return Plausibility(staff, share, cert, cert_min)
