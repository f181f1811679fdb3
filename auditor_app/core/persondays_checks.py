"""Plausibility checks on the declared figures (domain.md §4), as bilingual warnings and notes.

Headcount is checked twice: at application (do the outlets and the certified managers fit the
headcount?) and on site (do the planned person-days still suffice for the verified headcount?).
A warning asks for action; a note only informs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from auditor_app.core.audit_time_model import AuditTimeTable
from auditor_app.core.persondays_format import num, pct
from auditor_app.core.persondays_input import CheckedInput
from auditor_app.core.persondays_rules import DaysCalc, ceil_half_day
from auditor_app.core.persondays_sites import MultiSite
from auditor_app.core.scheme import Item


@dataclass(frozen=True)
class AuditWarning:
    """One plausibility message in both languages: a "warning" asks for action, a "note" only
    informs; `code` names the check."""

    code: str
    message_zh: str
    message_en: str
    severity: Literal["warning", "note"] = "warning"

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@dataclass(frozen=True)
class Managers:
    """Certified after-sales service managers needed for this client (the scheme's item)."""

    service_mgmt_staff: int
    estimated: bool  # service-management staff was estimated from the headcount
    required: int


def managers_needed(checked: CheckedInput, table: AuditTimeTable) -> Managers:
    inp, rules = checked.raw, table.plausibility
    if inp.service_mgmt_staff is not None:
        staff, estimated = inp.service_mgmt_staff, False
    else:
        # Company staff only: contractors are not the client's service managers.
        employees = inp.full_time + inp.part_time + inp.temporary
        staff, estimated = math.ceil(rules.service_mgmt_share * employees), True
    required = max(rules.certified_manager_min, math.ceil(rules.certified_manager_share * staff))
    return Managers(staff, estimated, required)


def application_checks(
    checked: CheckedInput,
    table: AuditTimeTable,
    calc: DaysCalc,
    managers: Managers,
    manager_item: Item | None = None,
) -> list[AuditWarning]:
    """Warnings that need only the declared figures."""
    inp, rules = checked.raw, table.plausibility
    out: list[AuditWarning] = []
    persons = inp.full_time + inp.part_time + inp.temporary + inp.contractors
    if inp.sites > 0 and persons < rules.min_staff_per_outlet * inp.sites:
        out.append(
            AuditWarning(
                "outlets_vs_headcount",
                f"申报 {inp.sites} 个服务网点，但范围内仅 {persons} 人，少于每个网点 "
                f"{rules.min_staff_per_outlet} 人，不合理：请核实网点清单和人数"
                "（纳入范围的合作网点人员应计为外包人员）。",
                f"{inp.sites} outlets declared with {persons} persons in scope: fewer than "
                f"{rules.min_staff_per_outlet} per outlet is implausible. Check the outlet list "
                "and the headcount (staff of contracted outlets in scope count as contractors).",
            )
        )
    if checked.part_time_hours > table.full_time_hours_per_week and inp.part_time > 0:
        basis = num(table.full_time_hours_per_week)
        out.append(
            AuditWarning(
                "part_time_hours_above_full_time",
                f"兼职人员每周 {num(checked.part_time_hours)} 小时，"
                f"超过全职基准 {basis} 小时：请核实。",
                f"Part-time staff work {num(checked.part_time_hours)} h a week, more than the "
                f"full-time basis of {basis} h: check the figure.",
            )
        )
    employees = inp.full_time + inp.part_time + inp.temporary
    if inp.service_mgmt_staff is not None and inp.service_mgmt_staff > employees:
        out.append(
            AuditWarning(
                "service_mgmt_above_headcount",
                f"服务管理人员 {inp.service_mgmt_staff} 人，多于员工总数 {employees} 人：请核实。",
                f"{inp.service_mgmt_staff} service-management staff is more than the "
                f"{employees} employees: check the figures.",
            )
        )
    out.extend(_manager_warnings(checked, table, managers, manager_item))
    if calc.capped:
        cap = pct(-table.max_reduction_percent)
        out.append(
            AuditWarning(
                "reduction_capped",
                f"调整合计 {pct(calc.requested)}，减少幅度以 {cap} 为限，按 {cap} 计算。",
                f"Adjustments total {pct(calc.requested)}; the reduction is capped at {cap}, "
                f"so {cap} was applied.",
                "note",
            )
        )
    if calc.rule.note_en or calc.rule.note_zh:
        out.append(
            AuditWarning(
                f"{calc.rule.id}_audit_default",
                calc.rule.note_zh or calc.rule.note_en,
                calc.rule.note_en or calc.rule.note_zh,
                "note",
            )
        )
    return out


def _manager_warnings(
    checked: CheckedInput, table: AuditTimeTable, m: Managers, scheme_item: Item | None
) -> list[AuditWarning]:
    if scheme_item is None:  # the scheme requires no certified managers
        return []
    inp, rules = checked.raw, table.plausibility
    item, points = scheme_item.id, num(scheme_item.points)
    share, cert = num(rules.service_mgmt_share * 100), num(rules.certified_manager_share * 100)
    if m.estimated:
        base_zh = f"服务管理人员按员工数的 {share}% 估算为 {m.service_mgmt_staff} 人（估算值）"
        base_en = (
            f"service-management staff estimated as {share} % of the employees: "
            f"{m.service_mgmt_staff} (an estimate)"
        )
    else:
        base_zh = f"服务管理人员 {m.service_mgmt_staff} 人"
        base_en = f"{m.service_mgmt_staff} service-management staff"
    need_zh = (
        f"按 {cert}% 向上取整、至少 {rules.certified_manager_min} 人，"
        f"需售后服务管理师 {m.required} 人"
    )
    need_en = (
        f"{cert} % rounded up, at least {rules.certified_manager_min}, requires "
        f"{m.required} certified after-sales service manager(s) (售后服务管理师)"
    )
    if inp.certified_managers is None:
        return [
            AuditWarning(
                "certified_managers_required",
                f"{base_zh}；{need_zh}（{item}，{points} 分）：请核查证书。",
                f"{base_en}; {need_en} ({item}, {points} points): check their certificates.",
                "note",
            )
        ]
    if inp.certified_managers < m.required:
        return [
            AuditWarning(
                "certified_managers_short",
                f"仅有售后服务管理师 {inp.certified_managers} 人：{base_zh}；{need_zh}。"
                f"{item}（{points} 分）可能失分。",
                f"Only {inp.certified_managers} certified after-sales service manager(s): "
                f"{base_en}; {need_en}. {item} ({points} points) is at risk.",
            )
        ]
    return []


def onsite_checks(
    checked: CheckedInput,
    declared: DaysCalc,
    verified: DaysCalc | None,
) -> tuple[list[AuditWarning], Fraction]:
    """Compare the days needed (verified headcount if given) with the planned days.

    Returns the warnings and the number of days to add (0 if none), rounded up to a half day
    because days are planned in half days.
    """
    inp = checked.raw
    reference = checked.planned_days if checked.planned_days is not None else declared.audit_days
    ref_zh = "计划" if checked.planned_days is not None else "按申报人数确定的"
    ref_en = (
        "planned" if checked.planned_days is not None else "determined from the declared headcount"
    )
    if verified is None or inp.verified_headcount == inp.full_time:
        if checked.planned_days is None or checked.planned_days >= declared.audit_days:
            return [], Fraction(0)
        add = ceil_half_day(declared.audit_days - checked.planned_days)
        return [
            AuditWarning(
                "planned_days_short",
                f"计划 {num(checked.planned_days)} 人日，少于确定的 {num(declared.audit_days)} "
                f"人日：增加 {num(add)} 人日或缩小认证范围。",
                f"{num(checked.planned_days)} days planned, {num(declared.audit_days)} "
                f"determined: add {num(add)} day(s) or narrow the scope.",
            )
        ], add
    head_zh = (
        f"现场核实全职人数 {inp.verified_headcount} 人（申报 {inp.full_time} 人），"
        f"有效人数 {num(verified.effective.total)}，需 {num(verified.audit_days)} 人日，"
        f"{ref_zh} {num(reference)} 人日"
    )
    head_en = (
        f"Full-time headcount verified on site: {inp.verified_headcount} "
        f"(declared {inp.full_time}); effective personnel {num(verified.effective.total)} "
        f"needs {num(verified.audit_days)} day(s); {num(reference)} {ref_en}"
    )
    if verified.audit_days > reference:
        add = ceil_half_day(verified.audit_days - reference)
        return [
            AuditWarning(
                "verified_headcount_more_days",
                f"{head_zh}：增加 {num(add)} 人日或缩小认证范围。",
                f"{head_en}: add {num(add)} day(s) or narrow the scope.",
            )
        ], add
    if verified.audit_days < reference:
        less = reference - verified.audit_days
        return [
            AuditWarning(
                "verified_headcount_fewer_days",
                f"{head_zh}：所需人日少 {num(less)} 天，请在报告中说明。",
                f"{head_en}: {num(less)} day(s) fewer are needed; note it in the report.",
                "note",
            )
        ], Fraction(0)
    return [
        AuditWarning(
            "verified_headcount_same_days",
            f"{head_zh}：人日无需调整。",
            f"{head_en}: the days do not change.",
            "note",
        )
    ], Fraction(0)


def site_warnings(checked: CheckedInput, ms: MultiSite | None) -> list[AuditWarning]:
    """What the multi-site determination rests on: unknown headcounts, the plan's basis, caps."""
    if ms is None:
        return []
    out: list[AuditWarning] = []
    least = num(ms.minimum)
    unknown = [s.name for s in ms.sites if s.headcount is None]
    if ms.basis == "unknown":
        out.append(
            AuditWarning(
                "site_headcounts_unknown",
                f"未填写各场所人数：每个抽样场所按最低 {least} 人日计，场所人员计入中心职能。"
                "请填写各场所人数，按人数核定各场所审核时间。",
                f"No site headcounts given: each sampled site is counted at the minimum of "
                f"{least} day and the sites' staff with the central function. Enter each site's "
                "headcount so that its time follows from it.",
            )
        )
    elif unknown:
        out.append(
            AuditWarning(
                "sampled_site_headcount_unknown",
                f"抽样场所人数未知，按最低 {least} 人日计：{'、'.join(unknown)}。",
                f"Sampled site(s) without a headcount, counted at the minimum of {least} day: "
                f"{', '.join(unknown)}.",
            )
        )
    if ms.basis == "largest" and ms.sites:
        out.append(
            AuditWarning(
                "sites_not_drawn",
                f"尚未抽取样本：按人数最多的 {len(ms.sites)} 个场所计划时间；"
                "抽样后按抽中的场所重新计算。",
                f"The sample is not drawn yet: the time is planned for the {len(ms.sites)} "
                "largest sites; it is recomputed for the sites drawn.",
                "note",
            )
        )
    if ms.reduction_capped:
        cap = pct(-ms.reduction)
        out.append(
            AuditWarning(
                "site_reduction_capped",
                f"抽样场所审核时间减少 {pct(-ms.reduction_requested)}，"
                f"以 {cap} 为限，按 {cap} 计算。",
                f"A site-time reduction of {pct(-ms.reduction_requested)} was requested; it is "
                f"capped at {cap}, so {cap} was applied.",
                "note",
            )
        )
    return out
