"""The cover page: certification body, title, client, audit facts and the result in large type."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from auditor_app.report import labels
from auditor_app.report.blocks import kv_table, value
from auditor_app.report.data import ReportData
from auditor_app.report.text import Para, Styles, esc, num, total_text


def report_number(data: ReportData) -> str:
    """The report number as printed, with the revision when there is one."""
    number = data.report_number or f"#{data.audit_id}"
    if data.revision is not None:
        number += f"（第 {data.revision.number} 版 Rev. {data.revision.number}）"
    return number


def audit_dates(data: ReportData) -> str:
    if data.start_date and data.end_date and data.start_date != data.end_date:
        return f"{data.start_date} — {data.end_date}"
    return data.start_date or data.end_date or "—"


def _example_mark(example: bool, st: Styles) -> list[Flowable]:
    """The shipped identity is fictional: say so where the CB's name stands."""
    if not example:
        return []
    mark = ParagraphStyle("cover_example", parent=st.body, alignment=TA_CENTER)
    colour = st.style.color("nonconform")
    zh, en = labels.EXAMPLE_CB
    return [Para(f'<font color="{colour}">{zh}<br/>{en}</font>', mark)]


def cover(data: ReportData, st: Styles, width: float, draft: bool) -> list[Flowable]:
    cb = st.style.cb
    centred = ParagraphStyle("cover_cb", parent=st.h1, alignment=TA_CENTER, spaceBefore=0)
    out: list[Flowable] = [Spacer(1, 18)]
    if cb.logo is not None:
        out += [Image(str(cb.logo), width=120, height=48, kind="proportional"), Spacer(1, 8)]
    out += [
        Para(esc(cb.name_zh), centred),
        Para(esc(cb.name_en), ParagraphStyle("cover_cb_en", parent=st.muted, alignment=TA_CENTER)),
        *_example_mark(cb.example, st),
        Spacer(1, 6),
        HRFlowable(
            width="40%", thickness=1.2, color=st.color("primary"), spaceBefore=4, spaceAfter=4
        ),
        Spacer(1, 44),
        Para(labels.TITLE[0], st.title),
        Para(labels.TITLE[1], st.subtitle),
        Spacer(1, 40),
    ]
    type_zh, type_en = labels.label(labels.AUDIT_TYPES, data.audit_type)
    leader = data.leader
    # the cover's facts in body size: they are what a reader looks for first
    cell = ParagraphStyle(
        "cover_cell", parent=st.cell, fontSize=st.body.fontSize, leading=st.body.leading
    )
    head = ParagraphStyle(
        "cover_head", parent=st.cell_head, fontSize=st.body.fontSize, leading=st.body.leading
    )
    facts = [
        (("受审核方", "Client"), value(st, data.client.name, style=cell)),
        (("审核类型", "Audit type"), st.bi(type_zh, type_en, cell)),
        (("报告编号", "Report No."), value(st, report_number(data), style=cell)),
        (("审核日期", "Audit dates"), value(st, audit_dates(data), style=cell)),
        (("审核准则", "Audit criteria"), value(st, data.scheme.standard, style=cell)),
        (labels.ROLES["leader"], value(st, leader.name if leader else "", style=cell)),
        (("报告日期", "Report date"), value(st, data.generated_at, style=cell)),
    ]
    table = kv_table(st, facts, width * 0.8, label_width=120, label_style=head)
    table.hAlign = "CENTER"
    out += [table, Spacer(1, 34), _result_box(data, st, width * 0.8)]
    notes = []
    if draft:
        notes.append(
            (
                "本报告为草稿，未经签署，不作为认证依据。",
                "This report is a draft: it is not signed and not valid for certification.",
            )
        )
    if not data.score.complete:
        notes.append(
            (
                f"评价未完成：已评价 {data.score.scored} / {data.score.item_count} 项。",
                f"Evaluation incomplete: {data.score.scored} of {data.score.item_count} "
                "items scored.",
            )
        )
    style = ParagraphStyle(
        "cover_note", parent=st.body, alignment=TA_CENTER, textColor=st.color("draft")
    )
    for zh, en in notes:
        out += [Spacer(1, 10), st.bi(zh, en, style, en_style="text")]
    out.append(Spacer(1, 30))
    address = " · ".join(x for x in (cb.address_zh, cb.address_en, cb.contact) if x)
    if address:
        out.append(
            Para(esc(address), ParagraphStyle("cover_addr", parent=st.small, alignment=TA_CENTER))
        )
    out.append(PageBreak())
    return out


def _result_box(data: ReportData, st: Styles, width: float) -> Table:
    """Total and level side by side in large type."""
    score = total_text(data.score.total, data.scheme.rules.score_decimals)
    level = data.level
    big = ParagraphStyle(
        "big", parent=st.title, fontSize=30, leading=36, spaceAfter=0, textColor=st.color("primary")
    )
    big_level = ParagraphStyle(
        "big_level", parent=big, fontSize=24, leading=36, textColor=st.color("accent")
    )
    head = ParagraphStyle("box_head", parent=st.cell_muted, alignment=TA_CENTER)
    muted = st.style.color("muted")
    of = f'<font size="12" color="{muted}"> / {num(data.scheme.total_points)}</font>'
    cells = [
        [Para("评价得分 Score", head), Para("评价等级 Level", head)],
        [Para(f"{score}{of}", big), Para(esc(level.title_zh), big_level)],
        ["", Para(esc(level.title_en), head)],
    ]
    table = Table(cells, colWidths=[width / 2, width / 2], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.font),
                ("BOX", (0, 0), (-1, -1), 1.2, st.color("primary")),
                ("LINEAFTER", (0, 0), (0, -1), 0.5, st.color("rule")),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ("SPAN", (0, 1), (0, 2)),
            ]
        )
    )
    return table
