"""Building blocks shared by the sections: headings, label/value tables, data tables.

Every table sets FONTNAME for all cells: a plain string cell would otherwise be drawn in
Helvetica, a standard-14 font that is never embedded.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from auditor_app.report.text import Para, Styles, esc

Cell = Flowable | str
Bilingual = tuple[str, str]


def heading(st: Styles, number: str, zh: str, en: str, level: int = 1) -> Para:
    """A section heading: number, Chinese title, English title smaller beside it."""
    style = st.h1 if level == 1 else st.h2
    size = style.fontSize - (3 if level == 1 else 2)
    prefix = f"{number}　" if number else ""
    para = Para(
        f'{prefix}{esc(zh)}　<font size="{size}" color="{st.style.color("muted")}">'
        f"{esc(en)}</font>",
        style,
    )
    para.is_heading = True  # pdf.py keeps it off the bottom of a page
    return para


def label_cell(st: Styles, label: Bilingual, style: ParagraphStyle | None = None) -> Para:
    """A bilingual label: Chinese over English (fixed texts, not user input)."""
    zh, en = label
    return st.bi(esc(zh), esc(en), style or st.cell_head)


def base_commands(st: Styles) -> list[tuple[object, ...]]:
    rule = st.color("rule")
    return [
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("FONTSIZE", (0, 0), (-1, -1), st.style.size("table_size")),
        ("TEXTCOLOR", (0, 0), (-1, -1), st.color("text")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.35, rule),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, st.color("primary")),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def kv_table(
    st: Styles,
    rows: Sequence[tuple[Bilingual, Cell]],
    width: float,
    label_width: float = 118,
    label_style: ParagraphStyle | None = None,
) -> Table:
    """Label / value rows (identification, audit details, figures)."""
    body = [[label_cell(st, label, label_style), value] for label, value in rows]
    table = Table(body, colWidths=[label_width, width - label_width], hAlign="LEFT")
    commands = base_commands(st)
    commands.append(("BACKGROUND", (0, 0), (0, -1), st.color("table_header")))
    table.setStyle(TableStyle(commands))
    return table


def data_table(
    st: Styles,
    head: Sequence[Bilingual],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A table with a bilingual header row that repeats when the table splits across pages."""
    body: list[list[Cell]] = [[label_cell(st, h) for h in head]]
    body += [list(r) for r in rows]
    # splitInRow: a row taller than a page (a long evidence note or finding) continues on the
    # next page instead of failing the whole report with a LayoutError
    table = Table(body, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    commands = base_commands(st)
    commands.append(("BACKGROUND", (0, 0), (-1, 0), st.color("table_header")))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


def value(st: Styles, text: str, en: str = "", style: ParagraphStyle | None = None) -> Para:
    """A value cell from user text (escaped); `en` is a fixed English gloss."""
    shown = esc(text) if text.strip() else "—"
    style = style or st.cell
    return st.bi(shown, esc(en), style) if en else Para(shown, style)
