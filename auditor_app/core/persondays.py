"""Audit person-days and outlet sampling for one audit (IAF MD 5 / MD 1 applied to GB/T 27922).

`compute_person_days(inp, table)` turns the declared figures into effective personnel, table days,
capped adjustments, the audit-type factor, half-day rounding, the stage split, the on-site minimum
and the number of outlets to sample, with plausibility warnings and a bilingual justification
for the client. The table and every factor come from the audit-time data file.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from auditor_app.core.audit_time_model import AuditTimeTable, TableRow, as_decimal
from auditor_app.core.errors import InputError
from auditor_app.core.persondays_checks import (
    AuditWarning,
    application_checks,
    managers_needed,
    onsite_checks,
    site_warnings,
)
from auditor_app.core.persondays_format import factor, to_json_number
from auditor_app.core.persondays_input import CheckedInput, PersonDaysInput, check_input
from auditor_app.core.persondays_rules import (
    DaysCalc,
    calc_days,
    ceil_half_day,
    random_minimum,
    sample_size,
    stage_split,
)
from auditor_app.core.persondays_sites import MultiSite, days_with_sites, multi_site
from auditor_app.core.persondays_text import Schedule, justification
from auditor_app.core.scheme import Scheme, load_scheme_by_ref

__all__ = ["AuditWarning", "PersonDaysInput", "PersonDaysResult", "compute_person_days"]


@dataclass(frozen=True)
class PersonDaysResult:
    """The audit-time determination for one audit: every figure from effective personnel to the days
    to add, with the warnings and the bilingual justification. `to_dict` is what the audit stores as
    its plan and the report prints."""

    table_id: str
    table_version: str
    audit_type: str
    effective_personnel: Fraction  # exact (part-time as FTE)
    effective_personnel_rounded: int  # whole persons used for the look-up
    part_time_fte: Fraction
    table_days: Decimal
    table_row: TableRow | None  # None when the extension rule was used
    extension_steps: int
    extension_name_zh: str | None
    extension_name_en: str | None
    adjustments: tuple[tuple[str, Decimal], ...]
    adjustment_percent_requested: Decimal
    adjustment_percent_applied: Decimal
    reduction_capped: bool
    type_factor: Fraction
    audit_days_exact: Fraction  # before rounding
    audit_days: Decimal
    stage1_days: Decimal | None  # initial audits only
    stage2_days: Decimal | None
    onsite_days_min: Decimal
    sites: int
    sampling_allowed: bool
    sites_to_sample: int
    random_sites_min: int
    service_mgmt_staff: int
    service_mgmt_estimated: bool
    certified_managers_required: int
    verified_audit_days: Decimal | None
    multi_site: MultiSite | None  # central function + sampled sites (None: a single site)
    days_to_add: Decimal
    warnings: tuple[AuditWarning, ...]
    justification_zh: str
    justification_en: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; days and personnel as numbers, factors as written ("1/3")."""
        j = to_json_number
        row: dict[str, Any]
        if self.table_row is not None:
            r = self.table_row
            row = {"min": r.min, "max": r.max, "days": j(r.days)}
        else:
            row = {
                "extension_zh": self.extension_name_zh,
                "extension_en": self.extension_name_en,
                "steps": self.extension_steps,
            }
        return {
            "table": {"id": self.table_id, "version": self.table_version},
            "audit_type": self.audit_type,
            "effective_personnel": j(self.effective_personnel),
            "effective_personnel_rounded": self.effective_personnel_rounded,
            "part_time_fte": j(self.part_time_fte),
            "table_days": j(self.table_days),
            "table_row": row,
            "adjustments": [{"reason": t, "percent": j(p)} for t, p in self.adjustments],
            "adjustment_percent_requested": j(self.adjustment_percent_requested),
            "adjustment_percent": j(self.adjustment_percent_applied),
            "reduction_capped": self.reduction_capped,
            "type_factor": factor(self.type_factor),
            "audit_days_exact": j(self.audit_days_exact),
            "audit_days": j(self.audit_days),
            "stage1_days": _opt_json(self.stage1_days),
            "stage2_days": _opt_json(self.stage2_days),
            "onsite_days_min": j(self.onsite_days_min),
            "sites": self.sites,
            "sampling_allowed": self.sampling_allowed,
            "sites_to_sample": self.sites_to_sample,
            "random_sites_min": self.random_sites_min,
            "service_mgmt_staff": self.service_mgmt_staff,
            "service_mgmt_estimated": self.service_mgmt_estimated,
            "certified_managers_required": self.certified_managers_required,
            "verified_audit_days": _opt_json(self.verified_audit_days),
            "multi_site": None if self.multi_site is None else _multi_site_dict(self.multi_site),
            "days_to_add": j(self.days_to_add),
            "warnings": [w.to_dict() for w in self.warnings],
            "justification": {"zh": self.justification_zh, "en": self.justification_en},
        }


def compute_person_days(
    inp: PersonDaysInput, table: AuditTimeTable, scheme: Scheme | None = None
) -> PersonDaysResult:
    """Determine audit time and sampling; `InputError` if the input cannot be computed.

    `scheme` (the default scheme if not given) names the item that requires certified
    after-sales service managers; a scheme without one gets no such warning.
    """
    manager_item = (scheme or _default_scheme()).item_with_role("certified_managers")
    checked = check_input(inp)
    calc, sites = _with_sites(checked, table)
    verified: DaysCalc | None = None
    if inp.verified_headcount is not None:
        try:
            again = check_input(dataclasses.replace(inp, full_time=inp.verified_headcount))
            verified, _ = _with_sites(again, table)
        except InputError as exc:
            raise InputError(
                f"with the verified headcount {inp.verified_headcount}: {exc}"
            ) from None
    schedule = _schedule(checked.raw, table, calc)
    managers = managers_needed(checked, table)
    warnings = application_checks(checked, table, calc, managers, manager_item)
    onsite, add = onsite_checks(checked, calc, verified)
    warnings.extend(onsite)
    warnings.extend(site_warnings(checked, sites))
    text_zh, text_en = justification(checked, table, calc, schedule, sites)
    lk = calc.lookup
    return PersonDaysResult(
        table_id=table.id,
        table_version=table.version,
        audit_type=inp.audit_type,
        effective_personnel=calc.effective.total,
        effective_personnel_rounded=calc.effective.rounded,
        part_time_fte=calc.effective.part_time_fte,
        table_days=lk.days,
        table_row=lk.row,
        extension_steps=lk.extension_steps,
        extension_name_zh=None if lk.row else table.extension.name_zh,
        extension_name_en=None if lk.row else table.extension.name_en,
        adjustments=tuple((t, as_decimal(p)) for t, p in checked.adjustments),
        adjustment_percent_requested=as_decimal(calc.requested),
        adjustment_percent_applied=as_decimal(calc.applied),
        reduction_capped=calc.capped,
        type_factor=calc.rule.time_factor,
        audit_days_exact=calc.exact_days,
        audit_days=as_decimal(calc.audit_days),
        stage1_days=_opt_decimal(schedule.stage1),
        stage2_days=_opt_decimal(schedule.stage2),
        onsite_days_min=as_decimal(schedule.onsite_min),
        sites=inp.sites,
        sampling_allowed=inp.sampling_allowed,
        sites_to_sample=schedule.sample,
        random_sites_min=schedule.random_min,
        service_mgmt_staff=managers.service_mgmt_staff,
        service_mgmt_estimated=managers.estimated,
        certified_managers_required=managers.required,
        verified_audit_days=None if verified is None else as_decimal(verified.audit_days),
        multi_site=sites,
        days_to_add=as_decimal(add),
        warnings=tuple(warnings),
        justification_zh=text_zh,
        justification_en=text_en,
    )


@functools.cache
def _default_scheme() -> Scheme:
    return load_scheme_by_ref(None)


def _with_sites(checked: CheckedInput, table: AuditTimeTable) -> tuple[DaysCalc, MultiSite | None]:
    """The audit time: the table value alone for one site, else central function + sample."""
    calc = calc_days(checked, table)
    if checked.raw.sites <= 0:
        return calc, None
    sample = sample_size(checked.raw.sites, calc.rule, checked.raw.sampling_allowed)
    sites = multi_site(checked, table, calc, sample)
    return days_with_sites(calc, sites, table), sites


def _multi_site_dict(ms: MultiSite) -> dict[str, Any]:
    j = to_json_number
    return {
        "central_personnel": ms.central_personnel,
        "central_table_days": j(ms.central_lookup.days),
        "central_days": j(ms.central_days),
        "basis": ms.basis,
        "site_reduction_percent": j(ms.reduction),
        "site_reduction_requested": j(ms.reduction_requested),
        "min_site_days": j(ms.minimum),
        "sites": [
            {
                "name": s.name,
                "headcount": s.headcount,
                "table_days": None if s.lookup is None else j(s.lookup.days),
                "days": j(s.days),
                "raised_to_minimum": s.raised_to_minimum,
            }
            for s in ms.sites
        ],
        "total_exact": j(ms.total_exact),
    }


def _opt_json(value: Fraction | Decimal | None) -> int | float | None:
    return None if value is None else to_json_number(value)


def _opt_decimal(value: Fraction | None) -> Decimal | None:
    return None if value is None else as_decimal(value)


def _schedule(inp: PersonDaysInput, table: AuditTimeTable, calc: DaysCalc) -> Schedule:
    stage1 = stage2 = None
    if inp.audit_type == "initial":
        stage1, stage2 = stage_split(calc.audit_days, table.stage1_share)
    onsite = ceil_half_day(calc.audit_days * table.onsite_min_fraction)
    sample = sample_size(inp.sites, calc.rule, inp.sampling_allowed)
    return Schedule(stage1, stage2, onsite, sample, random_minimum(sample, table.random_share))
