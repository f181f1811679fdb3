"""The multi-site step of the person-days justification: central function and each sampled site.

The client must be able to retrace every site's time (IAF MD 1, EA FAQ 42.6), so each sampled
site gets its own line with its headcount, table value, reduction, audit-type factor and result.
"""

from __future__ import annotations

from fractions import Fraction

from auditor_app.core.persondays_format import factor, num
from auditor_app.core.persondays_rules import DaysCalc
from auditor_app.core.persondays_sites import MultiSite


def _signed(percent: Fraction) -> str:
    return f"- {num(-percent)} %" if percent < 0 else f"+ {num(percent)} %"


def site_lines(calc: DaysCalc, ms: MultiSite, reason: str, zh: list[str], en: list[str]) -> None:
    r = calc.rule
    f = factor(r.time_factor)
    zh.append(
        f"4. 审核类型：{r.title_zh}，系数 {f}。多场所审核时间 = 中心职能 + 各抽样场所"
        "（IAF MD 1：各场所按本场所人数查表）。"
    )
    en.append(
        f"4. Audit type: {r.title_en}, factor {f}. Multi-site audit time = central function "
        "+ each sampled site (IAF MD 1: each site's time from the table by its own headcount)."
    )
    total = num(calc.effective.total)
    others = num(Fraction(ms.central_personnel))
    days, adj = num(ms.central_lookup.days), _signed(calc.applied)
    zh.append(
        f"   中心职能：有效人数 {total} 减去各场所人数后为 {others} 人 → 查表 {days} 人日 × "
        f"(1 {adj}) × {f} = {num(ms.central_days)} 人日。"
    )
    en.append(
        f"   Central function: effective personnel {total} less the sites' headcounts = "
        f"{others} → table {days} days × (1 {adj}) × {f} = {num(ms.central_days)} days."
    )
    basis_zh = {
        "drawn": "抽中的场所",
        "largest": f"尚未抽样，按人数最多的 {len(ms.sites)} 个场所计划",
        "unknown": "各场所人数未填写，每个场所按最低值计",
    }[ms.basis]
    basis_en = {
        "drawn": "the sites drawn",
        "largest": f"not drawn yet: planned for the {len(ms.sites)} largest sites",
        "unknown": "site headcounts not given: each site at the minimum",
    }[ms.basis]
    least, cut = num(ms.minimum), num(ms.reduction)
    zh.append(
        f"   抽样场所（{basis_zh}）：每个场所的时间减少 {cut}%（最多可减少 {num(ms.cap)}%），"
        f"每个场所不少于 {least} 人日："
    )
    en.append(
        f"   Sampled sites ({basis_en}): time at each site reduced by {cut} % (at most "
        f"{num(ms.cap)} % allowed), at least {least} day per site:"
    )
    if reason:
        zh.append(f"   减少理由：{reason}")
        en.append(f"   Reason for the reduction: {reason}")
    for s in ms.sites:
        if s.lookup is None:
            zh.append(f"   - {s.name}：人数未知 → 按最低 {least} 人日")
            en.append(f"   - {s.name}: headcount not known → the minimum of {least} day")
            continue
        cut_f = 1 - ms.reduction / 100
        calc_zh = f"{num(s.lookup.days)} × {num(cut_f)} × {f} = {num(s.reduced)}"
        tail_zh = f"，不足最低值，按 {least}" if s.raised_to_minimum else ""
        tail_en = f", below the minimum: {least}" if s.raised_to_minimum else ""
        zh.append(f"   - {s.name}：{s.headcount} 人 → {calc_zh}{tail_zh} 人日")
        en.append(f"   - {s.name}: {s.headcount} persons → {calc_zh}{tail_en} days")
    site_sum = sum((s.days for s in ms.sites), Fraction(0))
    zh.append(
        f"   合计：中心职能 {num(ms.central_days)} + 抽样场所 {num(site_sum)} = "
        f"{num(ms.total_exact)} 人日。"
    )
    en.append(
        f"   Total: central function {num(ms.central_days)} + sampled sites {num(site_sum)} = "
        f"{num(ms.total_exact)} days."
    )
