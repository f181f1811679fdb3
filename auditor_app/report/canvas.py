"""The page furniture: header, footer with "第 X 页 / 共 Y 页", and the draft watermark.

"共 Y 页" needs the page count, which is known only at the end. The canvas therefore keeps each
finished page's state and draws the furniture on all pages when the document is saved (the
usual reportlab recipe), in one pass instead of building the document twice.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from auditor_app.report.labels import DRAFT_MARK
from auditor_app.report.styles import ReportStyle


@dataclass(frozen=True)
class PageFurniture:
    """What every page shows besides the body."""

    font: str
    style: ReportStyle
    left: str  # report number (and revision)
    middle: str  # client
    right: str  # certification body
    draft: bool
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    logo: Path | None = None
    created: str = ""  # YYYY-MM-DD: the document's creation date in its metadata


def fit(text: str, font: str, size: float, width: float) -> str:
    """Cut `text` with an ellipsis so it fits `width` points (header fields share a line)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def canvas_maker(furniture: PageFurniture) -> type[Canvas]:
    """A Canvas class that draws `furniture` on every page when the document is saved."""

    class ReportCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            _date_metadata(self, furniture.created)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw_furniture(self, furniture, self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return ReportCanvas


def _date_metadata(c: Canvas, day: str) -> None:
    """Date the PDF (CreationDate/ModDate) on the report date instead of invariant mode's
    fixed 2000-01-01: still deterministic, and meaningful to a reader's PDF viewer."""
    try:
        moment = dt.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=dt.UTC)
    except ValueError:
        return  # keep reportlab's own stamp
    stamp = TimeStamp(invariant=1)
    stamp.t = moment.timestamp()
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    c._doc._timeStamp = stamp


def draw_furniture(c: Canvas, f: PageFurniture, page: int, total: int) -> None:
    width, height = f.style.page_size
    top, right, bottom, left = f.margins
    muted = colors.HexColor(f.style.color("muted"))
    primary = colors.HexColor(f.style.color("primary"))
    size = f.style.size("small_size")
    usable = width - left - right
    c.saveState()
    # header: report number | client | CB, over a thin rule
    y = height - top + 14
    text_left = left
    if f.logo is not None:
        c.drawImage(
            str(f.logo),
            left,
            y - 3,
            height=13,
            width=40,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )
        text_left += 44
    c.setFont(f.font, size)
    c.setFillColor(muted)
    third = (usable - (text_left - left)) / 3
    c.drawString(text_left, y, fit(f.left, f.font, size, third * 1.1))
    c.drawCentredString(text_left + third * 1.6, y, fit(f.middle, f.font, size, third * 0.95))
    c.drawRightString(width - right, y, fit(f.right, f.font, size, third * 0.85))
    c.setStrokeColor(primary)
    c.setLineWidth(0.6)
    c.line(left, y - 4, width - right, y - 4)
    # footer: page numbers in both languages, centred under a thin rule
    fy = bottom - 20
    c.setStrokeColor(colors.HexColor(f.style.color("rule")))
    c.setLineWidth(0.4)
    c.line(left, fy + 10, width - right, fy + 10)
    c.setFillColor(muted)
    c.drawCentredString(width / 2, fy, f"第 {page} 页 / 共 {total} 页 · Page {page} of {total}")
    if f.draft:
        c.setFillColor(colors.HexColor(f.style.color("draft")))
        c.drawString(left, fy, DRAFT_MARK)
        c.drawRightString(width - right, y + 10, DRAFT_MARK)
        _watermark(c, f, width, height)
    c.restoreState()


def _watermark(c: Canvas, f: PageFurniture, width: float, height: float) -> None:
    """A large, faint diagonal "草稿 DRAFT" so a printed draft cannot pass for the report."""
    c.saveState()
    c.setFillColor(colors.HexColor(f.style.color("draft")))
    c.setFillAlpha(0.08)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    c.setFont(f.font, 84)
    c.drawCentredString(0, -20, "草稿 DRAFT")
    c.restoreState()
