"""Section 5, the summary: total, level, group chart, special items, fail rules, gap to the next
level with the items whose correction would reach it."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from auditor_app.report import labels
from auditor_app.report.blocks import data_table, heading, kv_table, value
from auditor_app.report.chart import group_chart
from auditor_app.report.data import ReportData
from auditor_app.report.text import Para, Styles, esc, num, total_text

MAX_GAP_ROWS = 20  # a 300-item audit far below a level would otherwise list pages of items


def summary(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    score, scheme = data.score, data.scheme
    rules = scheme.rules
    level = data.level
    total = total_text(score.total, rules.score_decimals)
    big = (
        f'<font size="{st.style.size("heading1_size")}" color="{st.style.color("primary")}">'
        f"{total}</font> / {num(scheme.total_points)}"
    )
    sd_points = score.special_deductions * rules.special_deduction_points
    bonus_points = score.bonus * rules.bonus_points
    rows = [
        (("评价得分", "Score"), Para(big, st.cell)),
        (
            ("评价等级", "Level"),
            st.bi(
                f'<font color="{st.style.color("accent")}">{esc(level.title_zh)}</font>',
                esc(level.title_en),
                st.cell,
            ),
        ),
        (
            ("得分计算", "Computation"),
            Para(
                f"得分 earned {num(score.earned_points)} ÷ 适用总分 applicable "
                f"{num(score.applicable_total)} × {num(scheme.total_points)}"
                f" − 特别扣分 {num(sd_points)} + 特别加分 {num(bonus_points)} = {total}",
                st.cell,
            ),
        ),
        (
            ("特别扣分项", "Special deductions"),
            st.bi(
                f"{score.special_deductions} 项，每项扣 {num(rules.special_deduction_points)} 分"
                f"（在指标得分之外）；{rules.special_deduction_fail_count} 项或以上为不合格；"
                "须整改，整改不恢复本次所扣分数。",
                f"{score.special_deductions} item(s), each −{num(rules.special_deduction_points)}"
                f" outside the indicator scores; {rules.special_deduction_fail_count} or more "
                "fail the audit; each must be rectified, which does not restore the points at "
                "this audit.",
                st.cell,
            ),
        ),
        (
            ("特别加分项", "Special bonus"),
            st.bi(
                f"{score.bonus} 项，每项加 {num(rules.bonus_points)} 分，"
                f"最多计 {rules.bonus_max_count} 项。",
                f"{score.bonus} item(s), each +{num(rules.bonus_points)}; at most "
                f"{rules.bonus_max_count} counted.",
                st.cell,
            ),
        ),
        (
            ("评价进度", "Progress"),
            value(st, f"{score.scored} / {score.item_count} 项已评价 items scored"),
        ),
    ]
    if score.failed_because:
        reasons = "<br/>".join(
            f"{esc(zh)} / {esc(en)}"
            for zh, en in (labels.fail_reason(c) for c in score.failed_because)
        )
        rows.append(
            (
                ("不合格原因", "Failed rules"),
                Para(f'<font color="{st.style.color("nonconform")}">{reasons}</font>', st.cell),
            )
        )
    for note in score.notes:
        rows.append((("说明", "Note"), value(st, note)))
    out: list[Flowable] = [
        heading(st, "5", "评价结果摘要", "Summary of results"),
        kv_table(st, rows, width),
        Spacer(1, 8),
        KeepTogether(
            [
                heading(st, "5.1", "各部分得分", "Score by group", level=2),
                group_chart(data, st, width),
            ]
        ),
    ]
    out += _special_items(data, st, width)
    out += _gap(data, st, width)
    out += _deleted(data, st, width)
    return out


def _deleted(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """5.4: every deleted item, its reason and how much the deletion raises the score."""
    out: list[Flowable] = [
        heading(st, "5.4", "删减条目及其对得分的影响", "Deleted items and their effect", level=2)
    ]
    if not data.deletions:
        out.append(Para("无删减条目。 / No item was deleted.", st.muted))
        return out
    decimals = data.scheme.rules.score_decimals
    rows = []
    for item_id, points, total in data.deletions:
        item = data.item(item_id)
        reason = item.reason if item else ""
        rows.append(
            [
                item_id,
                st.bi(esc(item.title_zh), esc(item.title_en), st.cell)
                if item
                else Para("—", st.cell),
                value(st, reason),
                Para(num(points), st.cell_right),
                Para(total_text(total, decimals), st.cell_right),
            ]
        )
    out.append(
        data_table(
            st,
            [
                ("条款", "Item"),
                ("条目", "Title"),
                ("删减理由", "Reason"),
                ("分值", "Points"),
                ("如适用且不符合", "Total if applied, not met"),
            ],
            rows,
            [44, 110, width - 44 - 110 - 40 - 80, 40, 80],
        )
    )
    out.append(
        st.bi(
            f"删减后按适用条目总分折算，当前得分 {total_text(data.score.total, decimals)}。",
            f"Deleted items leave the applicable total; the score is renormalised to "
            f"{total_text(data.score.total, decimals)}.",
            st.muted,
        )
    )
    return out


def _special_items(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    special = [f for f in data.findings if f.kind in ("special_deduction", "bonus")]
    out: list[Flowable] = [
        heading(st, "5.2", "特别扣分项与特别加分项", "Special deduction and bonus items", level=2)
    ]
    if not special:
        out.append(Para("无 / None", st.muted))
        return out
    rows = []
    for f in special:
        zh, en = labels.label(labels.FINDING_KINDS, f.kind)
        sign = "−" if f.kind == "special_deduction" else "+"
        points = (
            data.scheme.rules.special_deduction_points
            if f.kind == "special_deduction"
            else data.scheme.rules.bonus_points
        )
        rows.append(
            [
                st.bi(zh, en, st.cell),
                value(st, f.item_id or ""),
                value(st, f.text),
                Para(f"{sign}{num(points)}", st.cell_right),
            ]
        )
    out.append(
        data_table(
            st,
            [("类型", "Kind"), ("条款", "Item"), ("内容", "Description"), ("分值", "Points")],
            rows,
            [88, 48, width - 88 - 48 - 40, 40],
        )
    )
    return out


def _gap(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    gap = data.score.gap
    out: list[Flowable] = [heading(st, "5.3", "距下一等级", "Gap to the next level", level=2)]
    if gap is None:
        out.append(
            Para("已达到本方案的最高等级。 / The highest level of the scheme is reached.", st.body)
        )
        return out
    target = data.scheme.level(gap.next_level)
    head = (
        f"距{esc(target.title_zh)}（≥{num(gap.threshold)}）还差 {num(gap.points_needed)} 分。"
        f" / {num(gap.points_needed)} points short of {esc(target.title_en)} "
        f"(≥{num(gap.threshold)})."
    )
    out.append(Para(head, st.body))
    for blocker in gap.blockers:
        out.append(
            Para(f'<font color="{st.style.color("nonconform")}">{esc(blocker)}</font>', st.body)
        )
    if data.score.special_deductions:
        out.append(st.bi(*labels.SPECIAL_NOT_RECOVERABLE, st.body))
    if not gap.corrections:
        return out
    lead = (
        "纠正以下条目即可达到该等级："
        if gap.reachable
        else "即使纠正以下全部条目也无法达到该等级："
    )
    lead_en = (
        "Correcting these items reaches it:"
        if gap.reachable
        else "Even correcting all of these does not reach it:"
    )
    out.append(st.bi(lead, lead_en, st.body))
    rows = []
    for corr in gap.corrections[:MAX_GAP_ROWS]:
        zh, en = labels.label(labels.CORRECTION_KINDS, corr.kind)
        item = data.item(corr.item_id) if corr.item_id else None
        title = (
            st.bi(esc(item.title_zh), esc(item.title_en), st.cell) if item else Para("—", st.cell)
        )
        rows.append(
            [
                corr.item_id or "—",
                title,
                st.bi(zh, en, st.cell),
                Para(f"+{num(corr.recoverable_points)}", st.cell_right),
            ]
        )
    out.append(
        data_table(
            st,
            [("条款", "Item"), ("条目", "Title"), ("情况", "Finding"), ("可恢复分", "Recoverable")],
            rows,
            [52, width - 52 - 100 - 62, 100, 62],
        )
    )
    hidden = len(gap.corrections) - MAX_GAP_ROWS
    if hidden > 0:
        out.append(Para(f"……另有 {hidden} 项 / … and {hidden} more item(s)", st.muted))
    return out
