"""The justification of an audit-time determination, in Chinese and English.

ISO/IEC 17021-1 and IAF MD 5 require the CB to give the client the determination and its
justification; this text states every step with its numbers so the client can retrace it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from auditor_app.core.audit_time_model import AuditTimeTable
from auditor_app.core.persondays_format import factor, factor_sqrt, num, pct
from auditor_app.core.persondays_input import CheckedInput
from auditor_app.core.persondays_rules import DaysCalc
from auditor_app.core.persondays_site_text import site_lines
from auditor_app.core.persondays_sites import MultiSite


@dataclass(frozen=True)
class Schedule:
    """The figures computed from the rounded audit days."""

    stage1: Fraction | None
    stage2: Fraction | None
    onsite_min: Fraction
    sample: int
    random_min: int


def justification(
    checked: CheckedInput,
    table: AuditTimeTable,
    calc: DaysCalc,
    s: Schedule,
    sites: MultiSite | None = None,
) -> tuple[str, str]:
    """(zh, en) multi-line texts."""
    zh: list[str] = [
        f"审核时间确定依据：{table.title_zh}（数据文件 {table.id}，版本 {table.version}）"
    ]
    en: list[str] = [
        f"Audit time determination: {table.title_en} "
        f"(data file {table.id}, version {table.version})"
    ]
    _personnel(checked, table, calc, zh, en)
    _table_row(table, calc, zh, en)
    if sites is not None:
        zh.append(
            "   （整个组织的查表值，仅供参考：多场所审核时间在第 4 步按中心职能和各抽样场所确定。）"
        )
        en.append(
            "   (The organisation as a whole, for reference only: the multi-site time is "
            "determined in step 4 from the central function and each sampled site.)"
        )
    _adjustments(checked, table, calc, zh, en, single=sites is None)
    _days(table, calc, s, zh, en, sites, checked.raw.site_reduction_reason.strip())
    _sampling(checked, table, calc, s, zh, en)
    return "\n".join(zh), "\n".join(en)


def _personnel(
    checked: CheckedInput, table: AuditTimeTable, calc: DaysCalc, zh: list[str], en: list[str]
) -> None:
    inp, eff = checked.raw, calc.effective
    parts_zh = [f"全职 {inp.full_time}"]
    parts_en = [f"full-time {inp.full_time}"]
    if inp.part_time:
        basis, hours = num(table.full_time_hours_per_week), num(checked.part_time_hours)
        fte = num(eff.part_time_fte)
        parts_zh.append(f"兼职 {inp.part_time} 人 × {hours} 小时 ÷ {basis} 小时 = {fte} 名全职当量")
        parts_en.append(f"part-time {inp.part_time} × {hours} h ÷ {basis} h = {fte} FTE")
    if inp.temporary:
        parts_zh.append(f"临时 {inp.temporary}")
        parts_en.append(f"temporary {inp.temporary}")
    if inp.contractors:
        parts_zh.append(f"范围内外包 {inp.contractors}")
        parts_en.append(f"contractors in scope {inp.contractors}")
    zh.append("1. 有效人数：" + "；".join(parts_zh) + "。")
    en.append("1. Effective personnel: " + "; ".join(parts_en) + ".")
    if inp.similar_function_staff:
        counted, reason = checked.similar_counted, inp.similar_function_reason.strip()
        zh.append(
            f"   从事相似简单工作的 {inp.similar_function_staff} 人按 {counted} 人计"
            f"（减 {eff.similar_reduction} 人；理由：{reason or '无减少'}）。"
        )
        en.append(
            f"   {inp.similar_function_staff} staff in similar simple functions counted as "
            f"{counted} (−{eff.similar_reduction}; reason: {reason or 'no reduction'})."
        )
    zh.append(f"   有效人数合计 {num(eff.total)}。")
    en.append(f"   Total effective personnel: {num(eff.total)}.")
    if eff.total != eff.rounded:
        zh.append(f"   查表时向上取整为 {eff.rounded} 人。")
        en.append(f"   Rounded up to {eff.rounded} whole persons for the table look-up.")


def _table_row(table: AuditTimeTable, calc: DaysCalc, zh: list[str], en: list[str]) -> None:
    lk = calc.lookup
    if lk.row is not None:
        zh.append(f"2. 查表：{lk.row.min}–{lk.row.max} 人 → {num(lk.days)} 个审核人日。")
        en.append(
            f"2. Table row: {lk.row.min}–{lk.row.max} effective personnel → "
            f"{num(lk.days)} audit days."
        )
        return
    last, ext = table.rows[-1], table.extension
    over = lk.personnel - last.max
    zh.append(
        f"2. {lk.personnel} 人超出表列最后一行"
        f"（{last.min}–{last.max} 人 → {num(last.days)} 人日）。"
        f"适用{ext.name_zh}：超出 {over} 人，计 {lk.extension_steps} 个档次 × "
        f"{num(ext.add_days)} 人日 → {num(lk.days)} 个审核人日。"
    )
    en.append(
        f"2. {lk.personnel} is above the last table row ({last.min}–{last.max} → "
        f"{num(last.days)} days). Rule applied: {ext.name_en}: {over} above, "
        f"{lk.extension_steps} step(s) × {num(ext.add_days)} day → {num(lk.days)} audit days."
    )


def _adjustments(
    checked: CheckedInput,
    table: AuditTimeTable,
    calc: DaysCalc,
    zh: list[str],
    en: list[str],
    single: bool = True,
) -> None:
    if not checked.adjustments:
        zh.append("3. 调整：无。")
        en.append("3. Adjustments: none.")
    else:
        zh.append("3. 调整：")
        en.append("3. Adjustments:")
        for reason, value in checked.adjustments:
            zh.append(f"   - {reason}：{pct(value)}")
            en.append(f"   - {reason}: {pct(value)}")
        zh.append(f"   合计 {pct(calc.requested)}。")
        en.append(f"   Total {pct(calc.requested)}.")
    cap = pct(-table.max_reduction_percent)
    if calc.capped:
        zh.append(f"   减少幅度不得超过表列值的 {cap}：按 {pct(calc.applied)} 计算。")
        en.append(
            f"   The total reduction may not exceed {cap} of the table value: "
            f"{pct(calc.applied)} applied."
        )
    if not single:
        return  # applied to the central function's time in step 4
    base = Fraction(calc.lookup.days) * (1 + calc.applied / 100)
    zh.append(
        f"   初次审核时间：{num(calc.lookup.days)} × (1 {_signed(calc.applied)}) = "
        f"{num(base)} 人日。"
    )
    en.append(
        f"   Initial audit time: {num(calc.lookup.days)} × (1 {_signed(calc.applied)}) = "
        f"{num(base)} days."
    )


def _signed(percent: Fraction) -> str:
    return f"- {num(-percent)} %" if percent < 0 else f"+ {num(percent)} %"


def _days(
    table: AuditTimeTable,
    calc: DaysCalc,
    s: Schedule,
    zh: list[str],
    en: list[str],
    sites: MultiSite | None = None,
    site_reason: str = "",
) -> None:
    r = calc.rule
    if sites is None:
        zh.append(
            f"4. 审核类型：{r.title_zh}，系数 {factor(r.time_factor)} → "
            f"{num(calc.exact_days)} 人日。"
        )
        en.append(
            f"4. Audit type: {r.title_en}, factor {factor(r.time_factor)} → "
            f"{num(calc.exact_days)} days."
        )
    else:
        site_lines(calc, sites, site_reason if sites.reduction else "", zh, en)
    if r.note_zh or r.note_en:
        zh.append(f"   {r.note_zh or r.note_en}")
        en.append(f"   {r.note_en or r.note_zh}")
    hours = table.audit_day_hours
    zh.append(
        f"5. 按最接近的半天取整（恰在中间时向上）：{num(calc.audit_days)} 个审核人日"
        f"（每人日 {hours} 小时，不含路途时间，延长工作时间不减少人日）。"
    )
    en.append(
        f"5. Rounded to the nearest half day (a tie goes up): {num(calc.audit_days)} audit days "
        f"(one day = {hours} hours; travel not included; longer days do not reduce the count)."
    )
    if calc.raised_to_minimum:
        zh.append(f"   不少于 {num(table.minimum_days)} 人日。")
        en.append(f"   Raised to the minimum of {num(table.minimum_days)} day.")
    if s.stage1 is not None and s.stage2 is not None:
        share = num(table.stage1_share * 100)
        zh.append(f"   第一阶段按 {share}%：{num(s.stage1)} 人日；第二阶段：{num(s.stage2)} 人日。")
        en.append(f"   Stage 1 at {share} %: {num(s.stage1)} days; stage 2: {num(s.stage2)} days.")
    frac = table.onsite_min_fraction
    raw = calc.audit_days * frac
    zh.append(
        f"6. 现场审核时间不少于 {num(frac * 100)}%：{num(calc.audit_days)} × {num(frac)} = "
        f"{num(raw)}，向上取整到半天 → {num(s.onsite_min)} 人日。"
    )
    en.append(
        f"6. On-site time at least {num(frac * 100)} %: {num(calc.audit_days)} × {num(frac)} = "
        f"{num(raw)}, rounded up to a half day → {num(s.onsite_min)} days."
    )


def _sampling(
    checked: CheckedInput,
    table: AuditTimeTable,
    calc: DaysCalc,
    s: Schedule,
    zh: list[str],
    en: list[str],
) -> None:
    x, r = checked.raw.sites, calc.rule
    if x == 0:
        zh.append("7. 除中心职能外无其他场所：仅审核中心职能。")
        en.append(
            "7. No sites other than the central function: only the central function is audited."
        )
        return
    if checked.raw.sampling_allowed:
        f = factor(r.sampling_factor)
        shown = factor_sqrt(r.sampling_factor, x)
        value = shown if shown.startswith("≈") else f"= {shown}"
        zh.append(
            f"7. 除中心职能外的场所 x = {x}；{r.title_zh}抽样数 = {f} × √{x} {value}，"
            f"向上取整（不超过 x）→ {s.sample} 个。"
        )
        en.append(
            f"7. Sites other than the central function x = {x}; sample for the "
            f"{r.title_en.lower()} = {f} × √{x} {value}, rounded up (at most x) → {s.sample}."
        )
    else:
        share, value = num(r.no_sampling_fraction * 100), num(r.no_sampling_fraction * x)
        zh.append(
            f"7. 不允许抽样：{r.title_zh}须访问 {x} 个场所的 {share}% = {value}，"
            f"向上取整 → {s.sample} 个。"
        )
        en.append(
            f"7. Sampling not allowed: the {r.title_en.lower()} visits {share} % of the {x} "
            f"sites = {value}, rounded up → {s.sample}."
        )
    rnd = num(table.random_share * 100)
    zh.append(
        f"   至少 {rnd}% 的样本随机选取（向上取整）：{s.random_min} 个；"
        "中心职能每次均审核（不计入样本）；"
        f"抽样场所的审核时间最多减少 {num(table.max_site_time_reduction_percent)}%。"
    )
    en.append(
        f"   At least {rnd} % of the sample chosen at random (rounded up): {s.random_min}; the "
        "central function is audited every time (not part of the sample); time at a sampled "
        f"site may be reduced by at most {num(table.max_site_time_reduction_percent)} %."
    )
    if s.sample == x:
        zh.append("   所有场所均被审核。")
        en.append("   Every site is visited.")
