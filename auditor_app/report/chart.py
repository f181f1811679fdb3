"""The summary chart: one horizontal bar per group (share of its applicable points) and the
total against the level thresholds, drawn with reportlab graphics in the embedded font.

Drawn by hand from rectangles and strings rather than with a reportlab chart class: the chart
classes default their labels to Helvetica, which is not embedded (`pdffonts` would show it);
for the same reason the drawing's initial font is set to the embedded one.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from auditor_app.report.data import ReportData
from auditor_app.report.text import Styles, num, total_text

ROW = 30  # height of one bar row
LABEL_W = 150
VALUE_W = 118


def _threshold_lines(
    data: ReportData, st: Styles, bar_x: float, bar_w: float, size: float
) -> list[tuple[float, int, str]]:
    """Each level's label under the total bar, on the first line (1, 2, …) where it does not
    overlap the label before it: 8 or more levels a few points apart must not overprint."""
    scale = data.scheme.total_points
    ends: dict[int, float] = {}  # line → right edge of the last label on it
    out = []
    for level in (lv for lv in data.scheme.levels if lv.min_score > 0):
        x = bar_x + float(level.min_score / scale) * bar_w
        text = f"{level.title_zh} ≥{num(level.min_score)}"
        half = stringWidth(text, st.font, size) / 2
        line = 1
        while ends.get(line, float("-inf")) + 3 > x - half:
            line += 1
        ends[line] = x + half
        out.append((x, line, text))
    return out


def group_chart(data: ReportData, st: Styles, width: float) -> Drawing:
    size = st.style.size("table_size")
    small = st.style.size("small_size")
    primary = st.color("primary")
    track = colors.HexColor("#E9EDF3")
    muted = st.color("muted")
    bar_x = LABEL_W
    bar_w = width - LABEL_W - VALUE_W
    rows = len(data.groups) + 1
    placed = _threshold_lines(data, st, bar_x, bar_w, small - 0.5)
    lines = max((line for _x, line, _t in placed), default=1)
    height = rows * ROW + 12 + 9 * lines  # room for the threshold labels under the total bar
    d = Drawing(width, height)
    # the renderer starts every drawing with setFont(Helvetica) unless told otherwise
    d.initialFontName = st.font

    def label(y: float, zh: str, en: str) -> None:
        d.add(String(0, y + 12, zh, fontName=st.font, fontSize=size, fillColor=st.color("text")))
        d.add(String(0, y + 2, en, fontName=st.font, fontSize=small, fillColor=muted))

    def bar(y: float, share: Decimal, colour: colors.Color) -> None:
        d.add(Rect(bar_x, y + 3, bar_w, 14, fillColor=track, strokeColor=None))
        filled = float(min(max(share, Decimal(0)), Decimal(1))) * bar_w
        if filled > 0:
            d.add(Rect(bar_x, y + 3, filled, 14, fillColor=colour, strokeColor=None))

    y = height - ROW
    for group in data.groups:
        label(y, f"{group.id} {group.title_zh}", group.title_en)
        share = group.earned / group.applicable if group.applicable else Decimal(0)
        bar(y, share, primary)
        value = f"{num(group.earned)} / {num(group.applicable)}  ({num(share * 100, 1)} %)"
        d.add(
            String(
                width,
                y + 12,
                value,
                fontName=st.font,
                fontSize=size,
                fillColor=st.color("text"),
                textAnchor="end",
            )
        )
        if group.applicable != group.points:
            d.add(
                String(
                    width,
                    y + 2,
                    f"适用 applicable of {num(group.points)}",
                    fontName=st.font,
                    fontSize=small,
                    fillColor=muted,
                    textAnchor="end",
                )
            )
        y -= ROW

    scale = data.scheme.total_points
    label(y, "总分", "Total score")
    bar(y, data.score.total / scale, st.color("accent"))
    d.add(
        String(
            width,
            y + 12,
            f"{total_text(data.score.total, data.scheme.rules.score_decimals)} / {num(scale)}",
            fontName=st.font,
            fontSize=size,
            fillColor=st.color("text"),
            textAnchor="end",
        )
    )
    for x, line, text in placed:
        drop = 9 * line
        d.add(
            Line(
                x,
                y,
                x,
                y + 21,
                strokeColor=st.color("text"),
                strokeWidth=0.5,
                strokeDashArray=[2, 1.5],
            )
        )
        d.add(
            String(
                x,
                y - drop,
                text,
                fontName=st.font,
                fontSize=small - 0.5,
                fillColor=muted,
                textAnchor="middle",
            )
        )
    return d
