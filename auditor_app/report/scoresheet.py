"""Section 6, the full score sheet: every item of the scheme with points, result, earned points,
evidence notes and methods, grouped by group and indicator with their subtotals.

One table per group: the header row repeats on every page the table runs over, and a group
ends its table so the next starts with fresh headers. Splitting one 300-row table repeatedly
costs far more than splitting three of 100.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from auditor_app.report import labels
from auditor_app.report.blocks import data_table, heading
from auditor_app.report.data import GroupRow, ItemRow, ReportData
from auditor_app.report.text import Para, Styles, esc, num, total_text

HEAD = [
    ("条款", "Item"),
    ("条目", "Title"),
    ("分值", "Points"),
    ("评价结果", "Result"),
    ("得分", "Earned"),
    ("证据记录与方法", "Evidence notes and methods"),
]
STATUS_COLOURS = {
    "conform": "conform",
    "nonconform": "nonconform",
    "partial": "partial",
    "deleted": "deleted",
    "unscored": "deleted",
}


def widths(width: float) -> list[float]:
    fixed_cols = [44, 108, 32, 78, 36]
    return [*fixed_cols, width - sum(fixed_cols)]


def score_sheet(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [heading(st, "6", "评分表", "Score sheet")]
    for group in data.groups:
        out += [_group_table(data, group, st, width), Spacer(1, 6)]
    out.append(_total_line(data, st))
    return out


def _group_table(data: ReportData, group: GroupRow, st: Styles, width: float) -> Table:
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    muted = st.style.color("muted")

    def subtotal_row(
        node_id: str,
        zh: str,
        en: str,
        points: object,
        earned: object,
        applicable: object,
        background: str,
        keep_with_next: bool = True,
    ) -> None:
        index = len(rows) + 1  # +1: the header row
        note = "小计 Subtotal"
        if applicable != points:
            note += f'<br/><font color="{muted}">适用 applicable {num(applicable)}</font>'
        rows.append(
            [
                node_id,
                st.bi(esc(zh), esc(en), st.cell_head),
                num(points),
                Para(note, st.cell_head),
                num(earned),
                "",
            ]
        )
        extra.append(("BACKGROUND", (0, index), (-1, index), st.color(background)))
        # keep a group or indicator row on the page of its first item (keep-with-next), unless
        # that item is taller than a page could hold: NOSPLIT would forbid splitting it
        if keep_with_next:
            extra.append(("NOSPLIT", (0, index), (-1, index + 1)))

    subtotal_row(
        group.id,
        group.title_zh,
        group.title_en,
        group.points,
        group.earned,
        group.applicable,
        "group_row",
    )
    for indicator in group.indicators:
        subtotal_row(
            indicator.id,
            indicator.title_zh,
            indicator.title_en,
            indicator.points,
            indicator.earned,
            indicator.applicable,
            "indicator_row",
            keep_with_next=not (indicator.items and _long(indicator.items[0])),
        )
        for item in indicator.items:
            rows.append(_item_row(item, st))
    return data_table(
        st,
        HEAD,
        rows,
        widths(width),
        extra=[
            *extra,
            ("ALIGN", (2, 1), (2, -1), "RIGHT"),
            ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ],
    )


# Evidence longer than this (characters) may need more than a page: its row is allowed to
# split across pages, so it is not tied to the row above it.
LONG_NOTE = 400


def _long(item: ItemRow) -> bool:
    return len(item.note) + len(item.reason or "") > LONG_NOTE


def _item_row(item: ItemRow, st: Styles) -> list[object]:
    zh, en = _result_text(item)
    colour = st.style.color(STATUS_COLOURS.get(item.status, "text"))
    result = st.bi(f'<font color="{colour}">{esc(zh)}</font>', esc(en), st.cell)
    evidence = [Para(esc(item.note) if item.note.strip() else "—", st.cell)]
    if item.kind == "na":
        # the reason goes in the wide evidence column: in the narrow result column it wrapped
        # into many short lines
        evidence.insert(0, Para(f"删减理由 Reason for deletion: {esc(item.reason)}", st.cell))
    if item.methods:
        # a paragraph of its own: a <br/> after a line that exactly fills the cell would
        # leave an empty line in CJK wrapping
        names = [labels.label(labels.METHODS, m) for m in item.methods]
        evidence.append(
            Para(
                f"方法 Methods: {'、'.join(n[0] for n in names)} / "
                f"{', '.join(n[1] for n in names)}",
                st.cell_muted,
            )
        )
    earned = "—" if item.status in ("deleted", "unscored") else num(item.earned)
    return [
        item.id,
        st.bi(esc(item.title_zh), esc(item.title_en), st.cell),
        num(item.points),
        result,
        earned,
        evidence,
    ]


def _result_text(item: ItemRow) -> tuple[str, str]:
    """The recorded result in words: conform / nonconform / sampled n,k / graded / deleted."""
    if item.kind is None:
        return labels.STATUSES["unscored"]
    if item.kind == "na":
        return ("删减", "Deleted (not applicable)")
    if item.kind == "sampled":
        return (
            f"抽样 {item.sampled}，不符合 {item.nonconforming}",
            f"sample {item.sampled}, {item.nonconforming} nonconforming",
        )
    if item.kind == "graded":
        return (
            f"分级 {num(item.awarded)} / {num(item.points)}",
            f"graded {num(item.awarded)} of {num(item.points)}",
        )
    return labels.label(labels.STATUSES, item.kind)


def _total_line(data: ReportData, st: Styles) -> Para:
    score, rules = data.score, data.scheme.rules
    total = total_text(score.total, rules.score_decimals)
    return Para(
        f"合计：得分 {num(score.earned_points)} / 适用总分 {num(score.applicable_total)}；"
        f"特别扣分 {score.special_deductions} 项，特别加分 {score.bonus} 项；"
        f"评价得分 <b>{total}</b> / {num(data.scheme.total_points)}。<br/>"
        f'<font color="{st.style.color("muted")}">Total: earned {num(score.earned_points)} of '
        f"{num(score.applicable_total)} applicable points; {score.special_deductions} special "
        f"deduction(s), {score.bonus} bonus; score {total} of {num(data.scheme.total_points)}."
        "</font>",
        st.body,
    )
