"""Render a `ReportData` to PDF bytes with reportlab platypus.

Deterministic: `rl_config.invariant` fixes the document id and dates, nothing reads the clock,
and all content comes from the data, so the same audit gives the same bytes (tests compare
them). `rl_config.useA85 = 0` keeps JPEGs binary: the default ASCII85-encodes every image in
pure Python (engineering notes: 40 s instead of 1.4 s for 200 photos). Both are process-wide
settings, so rendering holds a lock while it changes and restores them.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate

from auditor_app import __version__
from auditor_app.fonts import register_reportlab_font
from auditor_app.report import appendix, closing, cover, elements, scoresheet, sections, summary
from auditor_app.report.canvas import PageFurniture, canvas_maker
from auditor_app.report.data import ReportData
from auditor_app.report.labels import TITLE
from auditor_app.report.styles import ReportStyle
from auditor_app.report.text import build_styles

MM = 72 / 25.4
Progress = Callable[[int, int], None]
HEADING_ROOM = 150  # points: a heading needs this much room below it (a table header and
# its first rows) or it starts the next page
_render_lock = threading.Lock()


@dataclass(frozen=True)
class Rendered:
    """A rendered report: the PDF bytes, its page count and the signature box, where signing places
    the signature field."""

    pdf: bytes
    pages: int
    signature_page: int  # 0-based index of the page holding the signature box
    signature_box: tuple[int, int, int, int]  # left, bottom, right, top in points


@contextmanager
def _reportlab_settings() -> Iterator[None]:
    with _render_lock:
        saved = (rl_config.invariant, rl_config.useA85)
        rl_config.invariant = 1
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.invariant, rl_config.useA85 = saved


def render(
    data: ReportData, style: ReportStyle, *, draft: bool = True, progress: Progress | None = None
) -> Rendered:
    """Render the report; `draft` marks every page "草稿 DRAFT — not signed"."""
    font = register_reportlab_font()
    st = build_styles(style, font)
    top, right, bottom, left = (m * MM for m in style.margins_mm)
    page_w, page_h = style.page_size
    width = page_w - left - right
    number = cover.report_number(data)
    furniture = PageFurniture(
        font=font,
        style=style,
        left=f"报告编号 No. {number}",
        middle=data.client.name,
        right=style.cb.name_zh,
        draft=draft,
        margins=(top, right, bottom, left),
        logo=style.cb.logo,
        created=data.generated_at,
    )
    spot = closing.SignatureSpot()
    story = _story(data, st, width, draft, spot, number)

    buffer = io.BytesIO()
    with _reportlab_settings():
        doc = _Doc(
            buffer,
            pagesize=style.page_size,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=f"{TITLE[0]} {number}",
            author=style.cb.name_zh,
            subject=data.client.name,
            creator=f"auditor-app {__version__}",
            producer=f"auditor-app {__version__}",
            keywords=f"{data.scheme.id} {data.scheme.version}",
            invariant=1,
            initialFontName=font,
            lang="zh-CN",
        )
        frame = Frame(
            left,
            bottom,
            width,
            page_h - top - bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.progress = progress
        doc.total_steps = len(story)
        doc.build(story, canvasmaker=canvas_maker(furniture))
    pdf = buffer.getvalue()
    pages = doc.page
    if spot.page == 0:  # the sign-off always prints; this would be a bug in the story
        raise RuntimeError("the signature box was not laid out")
    left_x, bottom_y, right_x, top_y = (round(v) for v in spot.box)
    return Rendered(pdf, pages, spot.page - 1, (left_x, bottom_y, right_x, top_y))


def render_report(data: ReportData, style: ReportStyle, *, draft: bool = True) -> bytes:
    """The report as PDF bytes: the same data and style always give the same bytes."""
    return render(data, style, draft=draft).pdf


class _Doc(BaseDocTemplate):
    """Reports progress as top-level flowables are laid out (split parts count once more,
    so the count is clamped)."""

    progress: Progress | None = None
    total_steps = 0
    _done = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if self.progress is not None:
            self._done = min(self._done + 1, self.total_steps)
            self.progress(self._done, self.total_steps)


def _story(
    data: ReportData, st, width: float, draft: bool, spot: closing.SignatureSpot, number: str
) -> list[Flowable]:
    story: list[Flowable] = []
    story += cover.cover(data, st, width, draft)
    story += sections.identification(data, st, width)
    story += sections.audit_details(data, st, width)
    story += sections.team(data, st, width)
    story += sections.audit_time(data, st, width)
    story += elements.actual_time(data, st, width)
    story += summary.summary(data, st, width)
    story += scoresheet.score_sheet(data, st, width)
    story += closing.findings(data, st, width)
    story += closing.open_points(data, st, width)
    story += closing.conclusion(data, st, width)
    story += elements.conclusions(data, st, width)
    story += closing.statement(data, st, width)
    revision = closing.revision_note(data, st, width)
    story += revision
    story += closing.sign_off(data, st, width, spot, draft, "12" if revision else "11")
    story += appendix.appendix(data, st, width, "A")
    return _keep_headings_with_text(story)


def _keep_headings_with_text(story: list[Flowable]) -> list[Flowable]:
    """A heading near the bottom of a page moves to the next one with what follows it."""
    out: list[Flowable] = []
    for flowable in story:
        if getattr(flowable, "is_heading", False):
            out.append(CondPageBreak(HEADING_ROOM))
        out.append(flowable)
    return out
