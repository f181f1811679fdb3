"""Front sections: identification, audit details and sites, team, audit time (person-days)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer

from auditor_app.report import labels
from auditor_app.report.blocks import data_table, heading, kv_table, value
from auditor_app.report.cover import audit_dates
from auditor_app.report.data import ReportData, Site
from auditor_app.report.text import Para, Styles, esc, num


def identification(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 1: who certifies whom (ISO/IEC 17021-1 9.4.8: CB identity, client)."""
    cb, client = st.style.cb, data.client
    col = (width - 90) / 2
    rows = [
        [
            st.bi("名称", "Name", st.cell_head),
            st.bi(esc(cb.name_zh), esc(cb.name_en), st.cell),
            value(st, client.name),
        ],
        [
            st.bi("地址", "Address", st.cell_head),
            st.bi(esc(cb.address_zh or "—"), esc(cb.address_en), st.cell),
            value(st, client.address),
        ],
        [
            st.bi("代表", "Representative", st.cell_head),
            value(st, data.leader.name if data.leader else "", labels.role_text("leader")),
            value(st, client.representative),
        ],
        [
            st.bi("联系方式", "Contact", st.cell_head),
            value(st, cb.contact),
            value(st, client.contact),
        ],
    ]
    if cb.accreditation:
        rows.append(
            [
                st.bi("认可", "Accreditation", st.cell_head),
                value(st, cb.accreditation),
                Para("", st.cell),
            ]
        )
    table = data_table(
        st,
        [("", ""), ("认证机构", "Certification body"), ("受审核方", "Client")],
        rows,
        [90, col, col],
        extra=[("BACKGROUND", (0, 1), (0, -1), st.color("table_header"))],
    )
    out: list[Flowable] = [heading(st, "1", "认证机构与受审核方", "Certification body and client")]
    out.append(table)
    if cb.example:
        colour = st.style.color("nonconform")
        zh, en = labels.EXAMPLE_CB
        out.append(st.bi(f'<font color="{colour}">{zh}</font>', en, st.body))
    return out


def audit_details(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 2: type, criteria (scheme id, version, hash), objectives, scope, dates, sites."""
    scheme = data.scheme
    type_zh, type_en = labels.label(labels.AUDIT_TYPES, data.audit_type)
    criteria = (
        f"{esc(scheme.standard)}<br/>{esc(scheme.title_zh)}<br/>"
        f'<font color="{st.style.color("muted")}">{esc(scheme.title_en)}</font>'
    )
    scheme_id = (
        f"{esc(scheme.id)} · 版本 version {esc(scheme.version)}<br/>"
        f'<font size="{st.style.size("small_size")}">SHA-256 '
        f"{esc(scheme.content_hash)}</font>"
    )
    if scheme.default_allocation:
        zh, en = labels.DEFAULT_ALLOCATION_NOTE
        scheme_id += (
            f'<br/><font color="{st.style.color("partial")}">{zh}</font><br/>'
            f'<font color="{st.style.color("muted")}">{en}</font>'
        )
    rows: list[tuple[tuple[str, str], Flowable]] = [
        (("审核类型", "Audit type"), st.bi(type_zh, type_en, st.cell)),
        (("审核准则", "Audit criteria"), Para(criteria, st.cell)),
        (("评价方案", "Scoring scheme"), Para(scheme_id, st.cell)),
        (("审核目的", "Objectives"), value(st, data.objectives)),
        (("审核范围", "Scope"), value(st, data.scope)),
        (("审核日期", "Audit dates"), value(st, audit_dates(data))),
        (("审核地点", "Places"), value(st, _places(data))),
    ]
    out: list[Flowable] = [heading(st, "2", "审核概况", "Audit details"), kv_table(st, rows, width)]
    if data.sites:
        out += [
            KeepTogether(
                [
                    heading(st, "2.1", "场所", "Sites", level=2),
                    _sites_table(data, st, width),
                    Para(_sites_legend(data), st.small),
                ]
            ),
        ]
    return out


def _sites_legend(data: ReportData) -> str:
    parts = [
        "★ 中心职能（每次审核）central function (audited every time)",
        "风险 risk-based = 审核员基于风险选定 chosen by the auditor",
        "随机 random = 随机抽取 drawn at random",
        "✓ 已到访 visited",
    ]
    if data.site_draw:
        if any(s.sampled and not s.visited for s in data.sites):
            parts.append("未到访 not visited = 抽中但未到访 in the sample but not visited")
        if any(s.visited and not s.sampled and not s.is_central for s in data.sites):
            parts.append(
                "已审核（替代/非抽样）= 到访但不在记录的抽样中，如替代未能审核的场所（见第 8 节"
                "计划偏离）visited but not in the recorded sample, e.g. instead of a site that "
                "could not be audited (see the deviations in section 8)"
            )
    return esc(" · ".join(parts))


def _places(data: ReportData) -> str:
    visited = [s.name for s in data.sites if s.visited or s.is_central]
    if not visited:
        return "见场所表 / see the sites table" if data.sites else ""
    return "；".join(visited)


def _sites_table(data: ReportData, st: Styles, width: float) -> Flowable:
    rows = []
    for n, site in enumerate(data.sites, 1):
        rows.append(
            [
                str(n),
                st.bi(
                    ("★ " if site.is_central else "") + esc(site.name), esc(site.address), st.cell
                ),
                "" if site.headcount is None else str(site.headcount),
                Para(_sample_mark(data, site, st), st.cell),
                Para(_visit(data, site), st.cell),
            ]
        )
    widths = [30, width - 30 - 44 - 110 - 64, 44, 110, 64]
    return data_table(
        st,
        [
            ("序号", "No."),
            ("场所与地址", "Site and address"),
            ("人数", "Staff"),
            ("抽样", "Sample"),
            ("到访日期", "Visited on"),
        ],
        rows,
        widths,
        extra=[("ALIGN", (2, 1), (2, -1), "RIGHT"), ("ALIGN", (4, 1), (4, -1), "CENTER")],
    )


def _visit(data: ReportData, site: Site) -> str:
    """✓ and the dates recorded at the site (ISO/IEC 17021-1 9.4.8: dates and places)."""
    dates = data.time.site_dates(site.name) if data.time is not None else []
    shown = "<br/>".join(dates)
    if site.visited:
        return "✓" + (f"<br/>{shown}" if shown else "")
    return shown


def _sample_mark(data: ReportData, site: Site, st: Styles) -> str:
    """The sample column: how the site came into the audit, and when a visit departs from
    the recorded sample (a drawn outlet not visited, or one visited in its place)."""
    if site.is_central:
        return "中心职能 central"
    off = st.style.color("partial")
    if site.sampled:
        mark = {"risk": "风险 risk-based", "random": "随机 random"}[site.sampled]
        if not site.visited and data.site_draw:
            mark += f'<br/><font color="{off}">未到访 not visited</font>'
        return mark
    if site.visited and data.site_draw:
        return f'<font color="{off}">已审核（替代/非抽样）<br/>visited (not in the sample)</font>'
    return ""


def team(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 3: the audit team."""
    rows = []
    for n, member in enumerate(data.team, 1):
        zh, en = labels.label(labels.ROLES, member.role)
        rows.append([str(n), value(st, member.name), st.bi(zh, en, st.cell)])
    out: list[Flowable] = [heading(st, "3", "审核组", "Audit team")]
    if rows:
        out.append(
            data_table(
                st,
                [("序号", "No."), ("姓名", "Name"), ("角色", "Role")],
                rows,
                [30, (width - 30) / 2, (width - 30) / 2],
            )
        )
    else:
        out.append(Para("未记录审核组 / No audit team recorded.", st.muted))
    return out


def audit_time(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 4: person-days determination with its justification, and the outlet sample."""
    pd = data.persondays
    out: list[Flowable] = [heading(st, "4", "审核时间与网点抽样", "Audit time and outlet sampling")]
    if not pd:
        out.append(Para("未记录审核人日的确定。 / No person-day determination recorded.", st.muted))
    else:
        out += [kv_table(st, _figures(pd, st), width, label_width=150), Spacer(1, 6)]
        justification = pd.get("justification") or {}
        if justification:
            out.append(
                heading(st, "4.1", "人日确定依据", "Justification of the audit time", level=2)
            )
        for key, style in (("zh", st.body), ("en", st.muted)):
            if justification.get(key):
                out.append(Para(esc(justification[key]), style))
        for warning in pd.get("warnings") or ():
            colour = st.style.color("partial")
            out.append(
                Para(
                    f'<font color="{colour}">注意：{esc(warning.get("message_zh", ""))}</font><br/>'
                    f"{esc(warning.get('message_en', ''))}",
                    st.muted,
                )
            )
    title = heading(
        st, "4.2", "网点抽样与随机抽取记录", "Outlet sample and recorded random draw", level=2
    )
    out.append(KeepTogether([title, *_draw(data, st, width)]))
    return out


def _figures(pd: dict[str, Any], st: Styles) -> list[tuple[tuple[str, str], Flowable]]:
    """The key figures of the stored person-days breakdown (missing ones are left out)."""
    rows: list[tuple[tuple[str, str], str]] = []

    def n(key: str) -> str | None:
        v = pd.get(key)
        return None if v is None else num(v, 3)

    if (personnel := n("effective_personnel")) is not None:
        rows.append((("有效人数", "Effective personnel"), personnel))
    if (table_days := n("table_days")) is not None:
        row = pd.get("table_row") or {}
        span = f"（{row.get('min')}–{row.get('max')} 人 staff）" if row else ""
        rows.append((("查表人日", "Table audit days"), f"{table_days}{span}"))
    if (pct := pd.get("adjustment_percent")) is not None:
        text = f"{'+' if pct > 0 else ''}{num(pct, 2)} %"
        if pd.get("reduction_capped"):
            text += (
                f"（申请 requested {num(pd.get('adjustment_percent_requested'), 2)} %，"
                "减少上限 30 % reduction cap）"
            )
        rows.append((("调整", "Adjustment"), text))
    if (days := n("audit_days")) is not None:
        stages = ""
        if pd.get("stage1_days") is not None:
            stages = (
                f"（第一阶段 stage 1: {n('stage1_days')}；第二阶段 stage 2: {n('stage2_days')}）"
            )
        rows.append((("审核人日", "Audit person-days"), f"{days}{stages}"))
    if (onsite := n("onsite_days_min")) is not None:
        rows.append((("现场审核最少人日", "Minimum on-site days"), onsite))
    if pd.get("sites") is not None:
        rows.append(
            (
                ("抽样场所数", "Sites to sample"),
                f"{pd.get('sites_to_sample')} / {pd.get('sites')}（另加中心职能 plus the "
                f"central function；随机至少 at least {pd.get('random_sites_min')} at "
                "random）",
            )
        )
    if table := pd.get("table") or {}:
        rows.append(
            (
                ("审核时间数据", "Audit-time data"),
                f"{table.get('id', '')} · 版本 version {table.get('version', '')}",
            )
        )
    return [(label, Para(esc(text), st.cell)) for label, text in rows]


def _draw(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    draw = data.site_draw
    sampled = [s for s in data.sites if s.sampled]
    out: list[Flowable] = []
    if sampled:
        names = "；".join(
            f"{s.name}（{'风险 risk-based' if s.sampled == 'risk' else '随机 random'}）"
            for s in sampled
        )
        out.append(Para(f"抽样场所 Sampled sites: {esc(names)}", st.body))
    if not draw:
        out.append(Para("未记录随机抽取。 / No random draw was recorded for this audit.", st.muted))
        return out
    rows = [
        (
            ("随机种子", "Seed"),
            value(
                st,
                str(draw.get("seed", "")),
                "随机生成并记录 generated and recorded"
                if draw.get("seed_generated")
                else "给定 given",
            ),
        ),
        (("候选场所", "Candidates"), value(st, "；".join(draw.get("candidates") or ()))),
        (("审核员选定", "Chosen (risk-based)"), value(st, "；".join(draw.get("chosen") or ()))),
        (("随机抽取", "Drawn at random"), value(st, "；".join(draw.get("random_picks") or ()))),
    ]
    method = draw.get("method") or {}
    if method:
        rows.append(
            (
                ("抽取方法", "Method"),
                st.bi(esc(method.get("zh", "")), esc(method.get("en", "")), st.cell),
            )
        )
    out.append(kv_table(st, rows, width, label_width=150))
    return out
