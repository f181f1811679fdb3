"""The audit-time data file (`auditor-audit-time/1`): person-day table and every factor, validated.

IAF MD 5's table and the factors a CB applies (reduction cap, audit-type factors, stage split,
sampling factors, plausibility thresholds) live in `resources/audit_time/*.toml`, not in code, so
a CB can load its own approved procedure. A file with any problem is refused as a whole, listing
every problem with its location.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from auditor_app.core.audit_time_fields import FieldReader
from auditor_app.core.audit_time_model import (
    AUDIT_TYPES,
    FORMAT,
    ROUNDING_RULES,
    AuditTimeTable,
    AuditTypeRule,
    Extension,
    Lookup,
    Plausibility,
    TableRow,
    as_decimal,
)
from auditor_app.core.audit_time_sections import (
    read_audit_types,
    read_extension,
    read_numbers,
    read_plausibility,
    read_rounding,
    read_rows,
)
from auditor_app.core.errors import Problem, ValidationError

__all__ = [
    "AUDIT_TYPES",
    "FORMAT",
    "ROUNDING_RULES",
    "AuditTimeTable",
    "AuditTypeRule",
    "Extension",
    "Lookup",
    "Plausibility",
    "TableRow",
    "as_decimal",
    "load_audit_time",
    "parse_audit_time",
]

_TOP_KEYS = (
    "format",
    "id",
    "version",
    "title_zh",
    "title_en",
    "source_zh",
    "source_en",
    "audit_day_hours",
    "rows",
    "extension",
    "adjustment",
    "rounding",
    "onsite",
    "stages",
    "part_time",
    "sampling",
    "audit_types",
    "plausibility",
)


# Tables already read and validated, by file and its state: every headcount edit replans, and
# reading and checking the file each time was the slowest part of it. A changed file (a CB
# editing its table) is read again.
_LOADED: dict[tuple[str, int, int], AuditTimeTable] = {}


def load_audit_time(path: Path | str | None = None) -> AuditTimeTable:
    """Load and validate an audit-time file; the shipped IAF MD 5 QMS file by default."""
    if path is None:
        from auditor_app.resources import resource

        path = resource("audit_time", "iaf-md5-qms.toml")
    file = str(path)
    try:
        info = os.stat(path)
        key = (file, info.st_mtime_ns, info.st_size)
        if key in _LOADED:
            return _LOADED[key]
        with open(path, "rb") as handle:
            doc = tomllib.load(handle)
    except FileNotFoundError:
        raise ValidationError([Problem(file, "", "file not found")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([Problem(file, "", f"not valid TOML: {exc}")]) from None
    table = _LOADED[key] = parse_audit_time(doc, file)
    return table


def parse_audit_time(doc: Mapping[str, Any], file: str) -> AuditTimeTable:
    """Validate a parsed document; raise `ValidationError` listing every problem found."""
    r = FieldReader(file)
    fmt = doc.get("format")
    if fmt != FORMAT:
        r.problem("format", f"must be {FORMAT!r}, got {fmt!r} (unsupported or missing format)")
        raise ValidationError(r.problems)  # another format: the rest cannot be judged
    r.unknown_keys(doc, _TOP_KEYS, "")
    texts = {k: r.string(doc, k, k) for k in ("id", "version", "title_zh", "title_en")}
    source_zh = r.string(doc, "source_zh", "source_zh")
    source_en = r.string(doc, "source_en", "source_en")
    day_hours = r.integer(doc, "audit_day_hours", "audit_day_hours", minimum=1)
    rows = read_rows(r, doc.get("rows"))
    extension = read_extension(r, doc)
    zero, one, hundred = Fraction(0), Fraction(1), Fraction(100)
    percent = {"at_least": zero, "below": hundred}
    share = {"above": zero, "at_most": one}
    adj = read_numbers(r, doc, "adjustment", {"max_reduction_percent": percent})
    rnd = read_rounding(r, doc)
    onsite = read_numbers(r, doc, "onsite", {"min_fraction": share})
    stages = read_numbers(r, doc, "stages", {"stage1_share": {"above": zero, "below": one}})
    hours = {"above": zero, "at_most": Fraction(168)}
    part = read_numbers(r, doc, "part_time", {"full_time_hours_per_week": hours})
    site_days = {"above": zero, "at_most": Fraction(100)}
    smp_keys = {
        "random_share": share,
        "max_site_time_reduction_percent": percent,
        "min_site_days": site_days,
    }
    smp = read_numbers(r, doc, "sampling", smp_keys)
    types = read_audit_types(r, doc)
    plaus = read_plausibility(r, doc)
    if r.problems:
        raise ValidationError(r.problems)
    # After the checks above every value below is present; the asserts tell mypy so.
    assert source_zh and source_en and day_hours and extension and rnd and plaus
    return AuditTimeTable(
        path=file,
        id=str(texts["id"]),
        version=str(texts["version"]),
        title_zh=str(texts["title_zh"]),
        title_en=str(texts["title_en"]),
        source_zh=source_zh,
        source_en=source_en,
        audit_day_hours=day_hours,
        rows=tuple(rows),
        extension=extension,
        max_reduction_percent=adj["max_reduction_percent"],
        rounding=rnd[0],
        minimum_days=rnd[1],
        onsite_min_fraction=onsite["min_fraction"],
        stage1_share=stages["stage1_share"],
        full_time_hours_per_week=part["full_time_hours_per_week"],
        random_share=smp["random_share"],
        max_site_time_reduction_percent=smp["max_site_time_reduction_percent"],
        min_site_days=smp["min_site_days"],
        audit_types=types,
        plausibility=plaus,
    )
