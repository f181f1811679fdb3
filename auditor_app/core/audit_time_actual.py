"""Actual audit time as recorded, compared with the plan (ISO/IEC 17021-1 9.1.4, 9.4.8).

Each record says who spent how many days on which date at which site, on site or off site, in
which stage. Only auditors count towards audit time; technical experts, observers and trainees
are shown but not counted (IAF MD 5). The summary gives auditor-days, their on-site / off-site
and stage split, the shortfall (or excess) against the planned days and whether a reason for
the deviation is still missing. The 9.4.8 choices recorded with the audit are checked here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from auditor_app.core.errors import InputError

MODES = ("onsite", "offsite")
STAGES = ("", "1", "2")
# Team roles that count towards audit time; every other role is shown but not counted.
COUNTED_ROLES = ("leader", "member")
ENTRY_KEYS = ("name", "date", "site", "mode", "stage", "days")

# Choices recorded for ISO/IEC 17021-1 9.4.8 ("" = not yet stated).
COMBINATIONS = ("", "single", "combined", "joint", "integrated")
OBJECTIVES_MET = ("", "met", "partly", "not_met")
SCOPE_APPROPRIATE = ("", "yes", "no")
REPORT_ELEMENT_FIELDS = (
    "programme_issues",
    "audit_combination",
    "objectives_met",
    "scope_appropriate",
    "scope_conclusion",
    "time_deviation_reason",
)
_CHOICES = {
    "audit_combination": COMBINATIONS,
    "objectives_met": OBJECTIVES_MET,
    "scope_appropriate": SCOPE_APPROPRIATE,
}


def check_report_elements(fields: Mapping[str, Any]) -> None:
    """Refuse a 9.4.8 choice outside its list (the free texts take anything)."""
    for key, allowed in _CHOICES.items():
        if key in fields and fields[key] not in allowed:
            shown = ", ".join(a for a in allowed if a)
            raise InputError(f"{key} must be one of {shown} (or empty), got {fields[key]!r}")


@dataclass(frozen=True)
class TimeEntry:
    """One record of actual audit time: `days` (over 0, at most 1) that `name` spent at `site` on
    `date` (YYYY-MM-DD), `mode` onsite or offsite, in `stage` "1", "2" or "" (none)."""

    name: str
    date: str
    site: str
    mode: str
    stage: str
    days: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "date": self.date,
            "site": self.site,
            "mode": self.mode,
            "stage": self.stage,
            "days": float(self.days) if self.days % 1 else int(self.days),
        }


def check_entries(raw: Any) -> list[TimeEntry]:
    """Validate stored or entered records; `InputError` names the record and the field."""
    if not isinstance(raw, list):
        raise InputError("the actual audit time must be a list of records")
    out: list[TimeEntry] = []
    for n, entry in enumerate(raw, start=1):
        where = f"time record {n}"
        if not isinstance(entry, Mapping):
            raise InputError(f"{where}: must be a record with {', '.join(ENTRY_KEYS)}")
        unknown = sorted(set(entry) - set(ENTRY_KEYS))
        if unknown:
            raise InputError(f"{where}: unknown field(s) {', '.join(unknown)}")
        name = str(entry.get("name", "")).strip()
        site = str(entry.get("site", "")).strip()
        if not name:
            raise InputError(f"{where}: whose time it is (name) is required")
        if not site:
            raise InputError(f"{where}: the site is required")
        date = str(entry.get("date", "")).strip()
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"{where}: date must be YYYY-MM-DD, got {date!r}") from None
        mode = str(entry.get("mode", "onsite"))
        if mode not in MODES:
            raise InputError(f"{where}: mode must be onsite or offsite, got {mode!r}")
        stage = str(entry.get("stage", "") or "")
        if stage not in STAGES:
            raise InputError(f"{where}: stage must be 1, 2 or empty, got {stage!r}")
        try:
            days = Decimal(str(entry.get("days", "")).strip())
        except InvalidOperation:
            raise InputError(f"{where}: days must be a number, got {entry.get('days')!r}") from None
        if not days.is_finite() or days <= 0 or days > 1:
            raise InputError(f"{where}: days must be more than 0 and at most 1 (one day a date)")
        out.append(TimeEntry(name, date, site, mode, stage, days))
    return out


@dataclass(frozen=True)
class TimeSummary:
    """The actual audit time against the plan, in days (Decimal): only leaders' and members' records
    count towards `auditor_days` and its splits. `planned` and `deviation` are None without a plan
    (`deviation` also when nothing is recorded); `reason` is the recorded reason for a deviation."""

    entries: tuple[TimeEntry, ...]
    roles: Mapping[str, str]  # name → team role ("" when not on the team)
    planned: Decimal | None
    auditor_days: Decimal
    onsite: Decimal
    offsite: Decimal
    stage1: Decimal
    stage2: Decimal
    not_counted: Decimal  # experts, observers, trainees, persons not on the team
    deviation: Decimal | None  # actual − planned (negative: a shortfall)
    reason: str

    @property
    def needs_reason(self) -> bool:
        """A deviation from the plan without a recorded reason (blocks sign-off)."""
        return bool(self.deviation) and not self.reason.strip()

    def counted(self, entry: TimeEntry) -> bool:
        return self.roles.get(entry.name, "") in COUNTED_ROLES

    def site_dates(self, site: str) -> list[str]:
        return sorted({e.date for e in self.entries if e.site == site})


def summarise(
    entries: Sequence[TimeEntry],
    team: Sequence[Mapping[str, Any]],
    planned: Decimal | None,
    reason: str = "",
) -> TimeSummary:
    roles = {str(m["name"]).strip(): str(m["role"]) for m in team}
    counted = [e for e in entries if roles.get(e.name, "") in COUNTED_ROLES]
    zero = Decimal(0)

    def total(rows: Sequence[TimeEntry]) -> Decimal:
        return sum((e.days for e in rows), zero)

    actual = total(counted)
    return TimeSummary(
        entries=tuple(entries),
        roles=roles,
        planned=planned,
        auditor_days=actual,
        onsite=total([e for e in counted if e.mode == "onsite"]),
        offsite=total([e for e in counted if e.mode == "offsite"]),
        stage1=total([e for e in counted if e.stage == "1"]),
        stage2=total([e for e in counted if e.stage == "2"]),
        not_counted=total([e for e in entries if roles.get(e.name, "") not in COUNTED_ROLES]),
        deviation=None if planned is None or not entries else actual - planned,
        reason=reason,
    )
