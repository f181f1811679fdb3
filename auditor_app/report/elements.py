"""Report parts required by ISO/IEC 17021-1 9.4.8 that the first layout lacked (issue 12).

Section 4.3 prints the actual audit time as recorded (per person, date and site, on-site /
off-site, stage) against the plan, with the shortfall and its reason; auditors count, technical
experts and observers are shown but not counted. Section 9.1 prints the team's statements: the
audit objectives met, the scope appropriate, combined / joint / integrated, and significant
issues affecting the audit programme.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from auditor_app.core.audit_time_actual import TimeSummary
from auditor_app.report import labels
from auditor_app.report.blocks import data_table, heading, kv_table, value
from auditor_app.report.data import ReportData
from auditor_app.report.text import Para, Styles, esc, num

COMBINATION = {
    "single": (
        "单一审核（非结合、联合或一体化审核）",
        "Single audit (not combined, joint or integrated)",
    ),
    "combined": ("结合审核", "Combined audit"),
    "joint": ("联合审核", "Joint audit"),
    "integrated": ("一体化审核", "Integrated audit"),
}
OBJECTIVES = {
    "met": ("审核目的已实现。", "The audit objectives were met."),
    "partly": (
        "审核目的部分实现（见偏离说明）。",
        "The audit objectives were partly met (see deviations).",
    ),
    "not_met": (
        "审核目的未能实现（见偏离说明）。",
        "The audit objectives were not met (see deviations).",
    ),
}
SCOPE = {
    "yes": ("认证范围适宜。", "The scope of certification is appropriate."),
    "no": (
        "认证范围不适宜（见说明）。",
        "The scope of certification is not appropriate (see below).",
    ),
}
NOT_STATED: labels.Bilingual = ("未说明", "not stated")
MODE = {"onsite": ("现场", "on site"), "offsite": ("非现场", "off site")}


def _choice(table: dict[str, tuple[str, str]], key: str) -> tuple[str, str]:
    return table.get(key, NOT_STATED)


def conclusions(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 9.1: the statements 9.4.8 asks of the team."""
    e = data.elements
    rows = [
        (
            ("审核目的", "Audit objectives"),
            st.bi(*_choice(OBJECTIVES, e.get("objectives_met", "")), st.cell),
        ),
        (("认证范围", "Scope of certification"), _scope(e, st)),
        (
            ("审核方式", "Audit combination"),
            st.bi(*_choice(COMBINATION, e.get("audit_combination", "")), st.cell),
        ),
        (
            ("影响审核方案的重要问题", "Significant issues affecting the audit programme"),
            value(
                st,
                e.get("programme_issues", ""),
                "" if e.get("programme_issues") else "none recorded",
            ),
        ),
    ]
    return [
        Spacer(1, 4),
        heading(st, "9.1", "审核结论要素", "Statements of the audit team", level=2),
        kv_table(st, rows, width, label_width=150),
    ]


def _scope(e: dict[str, str], st: Styles) -> Flowable:
    zh, en = _choice(SCOPE, e.get("scope_appropriate", ""))
    note = e.get("scope_conclusion", "").strip()
    if note:
        zh = f"{zh}{esc(note)}"
    return st.bi(zh, en, st.cell)


def actual_time(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 4.3: actual time against the plan."""
    out: list[Flowable] = [heading(st, "4.3", "实际审核时间", "Actual audit time", level=2)]
    s = data.time
    if s is None or not s.entries:
        out.append(Para("未记录实际审核时间。 / No actual audit time recorded.", st.muted))
        return out
    rows = []
    for entry in s.entries:
        role = s.roles.get(entry.name, "")
        counted = s.counted(entry)
        role_zh, role_en = (
            labels.label(labels.ROLES, role) if role else ("非审核组成员", "not on the team")
        )
        mark = "" if counted else "（不计入）"
        mark_en = "" if counted else " (not counted)"
        rows.append(
            [
                entry.date,
                value(st, entry.name),
                st.bi(f"{esc(role_zh)}{mark}", f"{esc(role_en)}{mark_en}", st.cell),
                value(st, entry.site),
                st.bi(*MODE[entry.mode], st.cell),
                entry.stage or "—",
                Para(num(entry.days), st.cell_right),
            ]
        )
    out.append(
        data_table(
            st,
            [
                ("日期", "Date"),
                ("人员", "Person"),
                ("角色", "Role"),
                ("场所", "Site"),
                ("方式", "Mode"),
                ("阶段", "Stage"),
                ("人日", "Days"),
            ],
            rows,
            [58, 52, 70, width - 58 - 52 - 70 - 46 - 34 - 34, 46, 34, 34],
        )
    )
    out.append(Spacer(1, 4))
    out.append(kv_table(st, _totals(s, st), width, label_width=150))
    return out


def _totals(s: TimeSummary, st: Styles) -> list[tuple[tuple[str, str], Flowable]]:
    planned = "—" if s.planned is None else num(s.planned)
    rows: list[tuple[tuple[str, str], Flowable]] = [
        (("计划审核人日", "Planned audit days"), Para(planned, st.cell)),
        (
            ("实际审核员人日", "Actual auditor-days"),
            st.bi(
                f"{num(s.auditor_days)}（现场 {num(s.onsite)}，非现场 {num(s.offsite)}；"
                f"第一阶段 {num(s.stage1)}，第二阶段 {num(s.stage2)}）",
                f"{num(s.auditor_days)} (on site {num(s.onsite)}, off site {num(s.offsite)}; "
                f"stage 1 {num(s.stage1)}, stage 2 {num(s.stage2)})",
                st.cell,
            ),
        ),
        (
            ("不计入审核时间", "Not counted"),
            st.bi(
                f"技术专家、观察员等 {num(s.not_counted)} 人日",
                f"technical experts, observers and others: {num(s.not_counted)} days",
                st.cell,
            ),
        ),
    ]
    if s.deviation is not None:
        if s.deviation < 0:
            zh, en = f"不足 {num(-s.deviation)} 人日", f"{num(-s.deviation)} days short"
        elif s.deviation > 0:
            zh, en = f"超出 {num(s.deviation)} 人日", f"{num(s.deviation)} days more"
        else:
            zh, en = "与计划一致", "as planned"
        colour = st.style.color("nonconform" if s.needs_reason else "text")
        reason = esc(s.reason) if s.reason.strip() else "未说明理由 / no reason given"
        rows.append(
            (
                ("与计划的偏差", "Deviation from the plan"),
                st.bi(f'<font color="{colour}">{zh}</font>', en, st.cell),
            )
        )
        if s.deviation:
            rows.append((("偏差理由", "Reason for the deviation"), Para(reason, st.cell)))
    return rows
