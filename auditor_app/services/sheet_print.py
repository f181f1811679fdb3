"""The score sheet as a printable page (HTML), for the auditor who wants it on paper.

The same rows as the CSV export (services/sheet.py) and the same score the window shows: item,
points, result, points earned and the evidence note, with the group subtotals, the total and
the level. The UI prints it through Qt (ui/print_sheet.py); this module stays Qt-free.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from auditor_app.core.numbers import fmt_points, fmt_score
from auditor_app.services.audits import AuditService

RESULT_TEXT = {
    "conform": "符合 conform",
    "nonconform": "不符合 nonconform",
    "sampled": "抽样 sampled",
    "graded": "分级 graded",
    "na": "删减 not applicable",
}


def _points(value: Decimal) -> str:
    return fmt_points(value)  # one number format for scores: the window's, the report's


def _result_text(row: dict[str, object]) -> str:
    result = str(row.get("result") or "")
    text = RESULT_TEXT.get(result, "")
    if result == "sampled":
        text += f": {row.get('nonconforming')} 不符合 nonconforming of {row.get('sampled')}"
    elif result == "graded":
        text += f" {row.get('points')}"
    elif result == "na":
        text += f": {row.get('reason', '')}"
    return text


def score_sheet_html(service: AuditService, audit_id: int) -> str:
    audit = service.store.audit(audit_id)
    scheme = service.scheme(audit_id)
    rows = service.store.result_rows(audit_id)
    score = service.score(audit_id)
    level = scheme.level(score.level) if score.determinable else None
    level_text = f"{level.title_zh} {level.title_en}" if level else "—"
    number = audit.get("report_number") or f"#{audit_id}"
    out = [
        "<html><head><meta charset='utf-8'><style>",
        "body { font-size: 9pt; } h1 { font-size: 13pt; margin: 0; }",
        "table { border-collapse: collapse; width: 100%; }",
        "th, td { border: 1px solid #888; padding: 2px 4px; vertical-align: top; }",
        "th { background: #dde4ef; } tr.group td { background: #eef1f6; font-weight: bold; }",
        "td.num { text-align: right; white-space: nowrap; }",
        "</style></head><body>",
        f"<h1>评分表 Score sheet — {escape(str(audit['org_name']))}</h1>",
        f"<p>{escape(str(number))} · {escape(scheme.title_zh)} · "
        f"总分 Total <b>{fmt_score(score.total)}</b> · 等级 Level <b>{escape(level_text)}</b> · "
        f"已评 Scored {score.scored}/{score.item_count}</p>",
        "<table><tr><th>条目 Item</th><th>内容 Title</th><th>分值 Points</th>"
        "<th>结果 Result</th><th>得分 Earned</th><th>证据 Evidence</th></tr>",
    ]
    subtotals = {s.id: s for s in score.groups}
    for group in scheme.groups:
        sub = subtotals.get(group.id)
        earned = _points(sub.earned) if sub is not None else ""
        out.append(
            f"<tr class='group'><td>{escape(group.id)}</td><td colspan='3'>"
            f"{escape(group.title_zh)} {escape(group.title_en)}</td>"
            f"<td class='num'>{earned}</td><td></td></tr>"
        )
        for ind in group.indicators:
            for item in ind.items:
                row = rows.get(item.id, {})
                unscored = score.item_status[item.id] == "unscored"
                earned = "" if unscored else _points(score.item_earned[item.id])
                out.append(
                    "<tr>"
                    f"<td>{escape(item.id)}</td>"
                    f"<td>{escape(item.title_zh)}<br/><i>{escape(item.title_en)}</i></td>"
                    f"<td class='num'>{_points(item.points)}</td>"
                    f"<td>{escape(_result_text(row))}</td>"
                    f"<td class='num'>{earned}</td>"
                    f"<td>{escape(str(row.get('note', '')))}</td>"
                    "</tr>"
                )
    out.append("</table></body></html>")
    return "".join(out)
