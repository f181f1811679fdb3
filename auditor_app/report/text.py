"""Paragraph styles and safe markup: every user text is escaped before it becomes markup.

reportlab's Paragraph parses its text as XML-like markup, so a client name such as `A&B <Ltd>`
would break the report or inject formatting. `esc()` is the single door user text goes
through. All styles use the embedded CJK font with CJK word wrap (engineering notes).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from auditor_app.core.numbers import fmt_number
from auditor_app.report.styles import ReportStyle


def clean(text: object) -> str:
    """Text without control characters (they have no glyph and confuse PDF viewers)."""
    value = "" if text is None else str(text)
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def esc(text: object) -> str:
    """User text as Paragraph markup: escaped, line breaks and indentation kept."""
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        line = line.replace("\t", "    ")
        body = line.lstrip(" ")
        # markup collapses spaces: keep an indented line indented (justification steps)
        out.append("&nbsp;" * (len(line) - len(body)) + escape(body))
    return "<br/>".join(out)


def num(value: Decimal | int | float | None, places: int = 2) -> str:
    """A number for print: at most `places` decimals, trailing zeros dropped (2.50 → 2.5)."""
    return fmt_number(value, places, missing="—")  # the window's and the CLI's format too


def total_text(value: Decimal | float, places: int) -> str:
    """A total score to the scheme's precision (`score_decimals`), trailing zeros dropped like
    every other number: "94", never "94.0" (issue 13 item 8)."""
    return fmt_number(value, places, missing="—")


class Para(Paragraph):
    """A Paragraph that remembers its last wrap.

    reportlab tables wrap every cell two or three times with the same width (to size the rows,
    to split the table, to draw it), and CJK line breaking is the costliest step of a large
    report (measured: 300 items, 1.5 s of 3.8 s). Line breaking depends on the width only.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() may drop blPara (the line breaks) to force a re-wrap: honour that
        if self._wrapped_at == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one report, built from a ReportStyle and the font name."""

    font: str
    style: ReportStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    muted: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    caption: ParagraphStyle

    def color(self, key: str) -> colors.Color:
        return colors.HexColor(self.style.color(key))

    def para(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Para(markup, style or self.body)

    def bi(
        self, zh: str, en: str, style: ParagraphStyle | None = None, en_style: str = "muted"
    ) -> Paragraph:
        """Chinese line with its English below in the muted colour (both already markup)."""
        base = style or self.body
        size = max(base.fontSize - 1, 5)
        colour = self.style.color("muted") if en_style == "muted" else self.style.color("text")
        if not en:
            return Para(zh, base)
        return Para(f'{zh}<br/><font size="{size}" color="{colour}">{en}</font>', base)


def build_styles(style: ReportStyle, font: str) -> Styles:
    text = colors.HexColor(style.color("text"))
    muted = colors.HexColor(style.color("muted"))
    primary = colors.HexColor(style.color("primary"))
    lead = style.size("leading")

    def make(name: str, size: float, color: colors.Color = text, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            bulletFontName=font,
            fontSize=size,
            leading=round(size * lead, 2),
            textColor=color,
            wordWrap="CJK",
            **kw,
        )  # type: ignore[arg-type]

    body = style.size("body_size")
    table = style.size("table_size")
    return Styles(
        font=font,
        style=style,
        title=make("title", style.size("title_size"), primary, alignment=TA_CENTER, spaceAfter=6),
        subtitle=make("subtitle", style.size("heading1_size"), primary, alignment=TA_CENTER),
        # no keepWithNext: it glues a heading to a whole long table and pushes both to the
        # next page; pdf.py puts a conditional page break before each heading instead
        h1=make("h1", style.size("heading1_size"), primary, spaceBefore=10, spaceAfter=5),
        h2=make("h2", style.size("heading2_size"), primary, spaceBefore=7, spaceAfter=3),
        body=make("body", body, spaceAfter=3),
        muted=make("muted", body - 0.5, muted, spaceAfter=3),
        small=make("small", style.size("small_size"), muted),
        cell=make("cell", table),
        cell_muted=make("cell_muted", table, muted),
        cell_head=make("cell_head", table, primary),
        cell_right=make("cell_right", table, alignment=TA_RIGHT),
        cell_center=make("cell_center", table, alignment=TA_CENTER),
        caption=make("caption", style.size("small_size") + 0.5, muted),
    )
