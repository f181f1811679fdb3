"""Closing sections: findings, deviations and open issues, conclusion and recommendation, the
sampling statement, the revision note and the sign-off with the signature field's box."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from auditor_app.report import labels
from auditor_app.report.blocks import data_table, heading, kv_table, value
from auditor_app.report.data import ReportData
from auditor_app.report.labels import role_text
from auditor_app.report.text import Para, Styles, esc, total_text
from auditor_app.signing.sign import STAMP_HEIGHT, STAMP_WIDTH


def findings(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 7: findings with evidence, rectification requirement and deadline."""
    out: list[Flowable] = [heading(st, "7", "审核发现", "Findings")]
    if not data.findings:
        out.append(Para("无 / None", st.muted))
        return out
    rows = []
    for n, f in enumerate(data.findings, 1):
        zh, en = labels.label(labels.FINDING_KINDS, f.kind)
        text = esc(f.text)
        if f.evidence.strip():
            text += (
                f'<br/><font color="{st.style.color("muted")}">证据 Evidence: '
                f"{esc(f.evidence)}</font>"
            )
        fix = esc(f.rectification) if f.rectification.strip() else "—"
        if f.deadline.strip():
            fix += f"<br/><b>期限 Deadline: {esc(f.deadline)}</b>"
        rows.append(
            [
                str(n),
                st.bi(zh, en, st.cell),
                value(st, f.item_id or ""),
                Para(text, st.cell),
                Para(fix, st.cell),
            ]
        )
    rest = width - 30 - 76 - 46
    out.append(
        data_table(
            st,
            [
                ("序号", "No."),
                ("类型", "Kind"),
                ("条款", "Item"),
                ("发现与证据", "Finding and evidence"),
                ("整改要求与期限", "Rectification and deadline"),
            ],
            rows,
            [30, 76, 46, rest * 0.6, rest * 0.4],
        )
    )
    return out


def open_points(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 8: deviations from the plan, unresolved issues, changes since the last audit."""
    rows = [
        (("与审核计划的偏离", "Deviations from the plan"), value(st, data.deviations)),
        (("未解决的问题", "Unresolved issues"), value(st, data.unresolved)),
        (
            ("自上次审核以来的变更", "Changes since the last audit"),
            value(st, data.changes_since_last),
        ),
        (
            ("以往不符合项的跟踪", "Follow-up of earlier nonconformities"),
            value(st, data.previous_followup),
        ),
        (("证书和标志的使用", "Use of certificates and marks"), value(st, data.marks_use)),
        (("其他在场人员", "Others present"), value(st, data.others_present)),
    ]
    if data.confirmations:  # checks the signer went through knowingly, with the reasons
        text = "\n".join(f"{label}: {reason}" for label, reason in data.confirmations)
        rows.append((("签署前确认", "Confirmed before signing"), value(st, text)))
    # three short rows: kept on one page with their heading (long texts still split)
    return [
        KeepTogether(
            [
                heading(
                    st,
                    "8",
                    "计划偏离、未解决问题与变更",
                    "Deviations, unresolved issues and changes",
                ),
                kv_table(st, rows, width, label_width=130),
            ]
        )
    ]


def standard_code(standard: str) -> str:
    """'GB/T 27922-2011 商品售后服务评价体系' → 'GB/T 27922-2011' (no Chinese in English text)."""
    words = standard.split()
    code = [w for w in words if w.isascii()]
    return " ".join(code) or standard


def standard_zh(standard: str) -> str:
    """'GB/T 27922-2011 商品售后服务评价体系' → 'GB/T 27922-2011《商品售后服务评价体系》'."""
    code = standard_code(standard)
    title = " ".join(w for w in standard.split() if not w.isascii()).strip("《》")
    if not title or code == standard:
        return standard
    return f"{code}《{title}》"


def conclusion(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 9: the result in one sentence, then the team's recommendation."""
    level = data.level
    total = total_text(data.score.total, data.scheme.rules.score_decimals)
    out: list[Flowable] = [
        heading(st, "9", "审核结论与推荐意见", "Conclusion and recommendation"),
        st.bi(
            f"依据{esc(standard_zh(data.scheme.standard))}，受审核方{esc(data.client.name)}"
            f"的评价得分为 {total} 分，评价等级为{esc(level.title_zh)}。",
            f"Against {esc(standard_code(data.scheme.standard))}, {esc(data.client.name)} "
            f"scored {total} points: {esc(level.title_en)}.",
            st.body,
        ),
        Spacer(1, 4),
        heading(st, "", "审核组推荐意见", "Team recommendation", level=2),
        Para(esc(data.recommendation) if data.recommendation.strip() else "—", st.body),
    ]
    return out


def statement(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 10: the sampling statement (and the default-allocation note when it applies)."""
    out: list[Flowable] = [
        heading(st, "10", "声明", "Statement"),
        st.bi(labels.DISCLAIMER[0], labels.DISCLAIMER[1], st.body),
    ]
    if data.scheme.default_allocation:
        out.append(
            st.bi(labels.DEFAULT_ALLOCATION_NOTE[0], labels.DEFAULT_ALLOCATION_NOTE[1], st.body)
        )
    return out


def revision_note(data: ReportData, st: Styles, width: float) -> list[Flowable]:
    """Section 11 (revisions only): which revision this report replaces, and why."""
    rev = data.revision
    if rev is None:
        return []
    old = "—" if rev.supersedes_revision is None else str(rev.supersedes_revision)
    rows = [
        (("本版", "This revision"), value(st, f"第 {rev.number} 版 / revision {rev.number}")),
        (
            ("替代", "Replaces"),
            value(
                st,
                f"第 {old} 版 / revision {old} (audit {rev.supersedes_uid})"
                + (
                    f"，签署于 signed {_when(rev.supersedes_signed_at)}"
                    if rev.supersedes_signed_at
                    else ""
                ),
            ),
        ),
        (("修订原因", "Reason"), value(st, rev.reason)),
    ]
    if rev.supersedes_report_sha256:
        rows.append(
            (("原报告 SHA-256", "Replaced report SHA-256"), value(st, rev.supersedes_report_sha256))
        )
    return [
        heading(st, "11", "修订说明", "Revision note"),
        Para(
            "本报告替代以下已签署的报告，被替代的报告自本报告签署之日起失效。 / This "
            "report replaces the signed report below, which ceases to be valid when "
            "this one is signed.",
            st.body,
        ),
        kv_table(st, rows, width, label_width=130),
    ]


def _when(stamp: str) -> str:
    """A stored UTC timestamp as people read it: 2026-11-27 14:58 UTC."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


@dataclass
class SignatureSpot:
    """Where the signature box was drawn: filled in while the document is built."""

    page: int = 0  # 1-based page number
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # left, bottom, right, top


class SignatureBox(Flowable):
    """The space the signing step fills with its visible signature (pyHanko draws the stamp
    over this box, so the box size is the stamp size of `auditor_app.signing.sign`)."""

    def __init__(self, st: Styles, spot: SignatureSpot, draft: bool) -> None:
        super().__init__()
        self.st, self.spot, self.draft = st, spot, draft
        self.width, self.height = STAMP_WIDTH, STAMP_HEIGHT
        self.hAlign = "RIGHT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x, y = c.absolutePosition(0, 0)
        self.spot.page = c.getPageNumber()
        self.spot.box = (x, y, x + self.width, y + self.height)
        c.saveState()
        c.setStrokeColor(self.st.color("rule"))
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.rect(0, 0, self.width, self.height)
        if self.draft:
            c.setFont(self.st.font, 9)
            c.setFillColor(self.st.color("draft"))
            c.drawCentredString(self.width / 2, self.height / 2 + 2, "未签名（草稿）")
            c.drawCentredString(self.width / 2, self.height / 2 - 10, "Not signed (draft)")
        c.restoreState()


def _signer_cell(data: ReportData, st: Styles) -> list[Flowable]:
    """Who signs, beside the signature box: the signer when rendered for signing, else the
    expected signer (the team leader), as in a draft."""
    name_style = ParagraphStyle("signer_name", parent=st.body, spaceAfter=1)
    signer = data.signer
    if signer is None:
        leader = data.leader
        head = st.bi("预期签署人", "Expected signer", st.cell_head)
        if leader is None:
            return [head, Para("未记录审核组长 / No team leader recorded", st.muted)]
        return [head, Para(esc(leader.name), name_style), Para(role_text(leader.role), st.muted)]
    out: list[Flowable] = [
        st.bi("签署人", "Signed by", st.cell_head),
        Para(esc(signer.name), name_style),
        Para(esc(signer.role), st.muted),
    ]
    if not signer.on_team:
        colour = st.style.color("partial")
        out.append(
            Para(
                f'<font color="{colour}">非审核组成员 not a member of the audit team</font>',
                st.small,
            )
        )
    return out


def sign_off(
    data: ReportData, st: Styles, width: float, spot: SignatureSpot, draft: bool, number: str
) -> list[Flowable]:
    """The last body section: who signs, and the box for the signature."""
    leader = data.leader
    members = [m for m in data.team if m.role != "leader"]
    rows = [
        (labels.ROLES["leader"], value(st, leader.name if leader else "")),
        (
            ("审核组成员", "Team members"),
            value(
                st,
                "；".join(f"{m.name}（{labels.label(labels.ROLES, m.role)[0]}）" for m in members),
            ),
        ),
        (("报告日期", "Report date"), value(st, data.generated_at)),
    ]
    note = ParagraphStyle("sign_note", parent=st.small, alignment=TA_CENTER)
    # the signer's name and role on the left, the box the stamp fills on the right
    signature = Table(
        [[_signer_cell(data, st), SignatureBox(st, spot, draft)]],
        colWidths=[width - STAMP_WIDTH, STAMP_WIDTH],
        hAlign="LEFT",
    )
    signature.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.font),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 12),
            ]
        )
    )
    block = [
        heading(st, number, "签署", "Sign-off"),
        kv_table(st, rows, width, label_width=130),
        Spacer(1, 10),
        Para("电子签名（PAdES）/ Electronic signature (PAdES):", st.muted),
        Spacer(1, 4),
        signature,
        Spacer(1, 3),
        Para(
            "签名覆盖整个文件；任何改动都会使签名失效。可用 Adobe Reader、pdfsig 或 "
            "auditor-app verify 验证。 / The signature covers the whole file; any change "
            "invalidates it. Check it with Adobe Reader, pdfsig or auditor-app verify.",
            note,
        ),
    ]
    return [KeepTogether(block)]
