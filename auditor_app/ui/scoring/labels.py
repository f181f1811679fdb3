"""Words, colours and status marks shared by the scoring widgets.

Texts are English source strings marked for Qt Linguist (context "scoring"); the Chinese comes
from the catalogue, and the "bilingual" window language shows both (see ui/i18n.py). A status is
never shown by colour alone: every mark has a drawn shape and a word next to it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from auditor_app.core.errors import AuditorError, InputError, LockedError
from auditor_app.core.numbers import fmt_points as fmt_points  # one format: window, report, CLI
from auditor_app.core.results import CONFORM, DELETED, NONCONFORM, PARTIAL, UNSCORED
from auditor_app.ui import i18n

CTX = "scoring"
INCOMPLETE = "incomplete"  # groups and indicators only: some items scored, some not


# Literals are written `translate("scoring", "…")` so pyside6-lupdate files them under the
# "scoring" context (a bare helper call would be filed under the wrong one).
translate = QCoreApplication.translate


def solid_brush(color: str) -> QBrush:
    """A plain brush of `color`. Built with setters: `QBrush(QColor(...))` makes the bindings
    weigh every constructor, creating QImage's and QGradient's Python enums on the way (~3 ms
    of the first scoring view, issue 14)."""
    brush = QBrush()
    brush.setColor(QColor(color))
    brush.setStyle(Qt.BrushStyle.SolidPattern)
    return brush


def tr(text: object) -> str:
    """Translate a table value that was marked with QT_TRANSLATE_NOOP("scoring", …).

    `object`: PySide6's stubs type QT_TRANSLATE_NOOP's result so, though at run time it is the
    source string itself."""
    return QCoreApplication.translate(CTX, str(text))


_language: str | None = None


def language() -> str:
    """ "zh", "en" or "bilingual": which scheme texts to show, from the window language the
    shell installed (i18n.install); anything unknown counts as Chinese, the app's default.

    Cached: this runs for every painted row. (Reading an unset Qt property instead would hand
    Python an invalid QVariant, which PySide6 6.12 on Python 3.11 miscounts; see
    pyside_guard.py.)
    """
    global _language
    if _language is None:
        code = i18n.language()
        _language = code if code in ("en", "bilingual") else "zh"
    return _language


def refresh_language() -> None:
    """Forget the cached language (a new workspace reads it again)."""
    global _language
    _language = None


def pick(zh: str, en: str) -> tuple[str, str]:
    """(primary, secondary) scheme text for the UI language; secondary is empty unless the
    user chose the bilingual window (then Chinese first, English second)."""
    lang = language()
    if lang == "en":
        return (en or zh, "")
    if lang == "bilingual":
        return (zh or en, en if zh and en != zh else "")
    return (zh or en, "")


STATUS_TEXT = {
    UNSCORED: QT_TRANSLATE_NOOP("scoring", "Not scored"),
    CONFORM: QT_TRANSLATE_NOOP("scoring", "Conforming"),
    NONCONFORM: QT_TRANSLATE_NOOP("scoring", "Nonconforming"),
    PARTIAL: QT_TRANSLATE_NOOP("scoring", "Partial"),
    DELETED: QT_TRANSLATE_NOOP("scoring", "Deleted (N/A)"),
    INCOMPLETE: QT_TRANSLATE_NOOP("scoring", "In progress"),
}
STATUS_COLOR = {
    UNSCORED: "#7b8290",
    CONFORM: "#2e7d32",
    NONCONFORM: "#c62828",
    PARTIAL: "#d97a00",
    DELETED: "#546e7a",
    INCOMPLETE: "#1565c0",
}
# One or two words for the tree's narrow status column (the full text is in the tooltip).
STATUS_SHORT = {
    UNSCORED: QT_TRANSLATE_NOOP("scoring", "Open"),
    CONFORM: QT_TRANSLATE_NOOP("scoring", "OK"),
    NONCONFORM: QT_TRANSLATE_NOOP("scoring", "NC"),
    PARTIAL: QT_TRANSLATE_NOOP("scoring", "Partial"),
    DELETED: QT_TRANSLATE_NOOP("scoring", "N/A"),
    INCOMPLETE: QT_TRANSLATE_NOOP("scoring", "Started"),
}
JUDGED_TEXT = {
    "whole": QT_TRANSLATE_NOOP("scoring", "Whole: all or nothing"),
    "proportional": QT_TRANSLATE_NOOP("scoring", "Sampled: loses the nonconforming share"),
    "graded": QT_TRANSLATE_NOOP("scoring", "Graded award"),
}
FINDING_KIND_TEXT = {
    "major": QT_TRANSLATE_NOOP("scoring", "Major nonconformity"),
    "minor": QT_TRANSLATE_NOOP("scoring", "Minor nonconformity"),
    "observation": QT_TRANSLATE_NOOP("scoring", "Observation"),
    "special_deduction": QT_TRANSLATE_NOOP("scoring", "Special deduction"),
    "bonus": QT_TRANSLATE_NOOP("scoring", "Special bonus"),
}
FINDING_KIND_SHORT = {  # for the findings table's narrow kind column
    "major": QT_TRANSLATE_NOOP("scoring", "Major"),
    "minor": QT_TRANSLATE_NOOP("scoring", "Minor"),
    "observation": QT_TRANSLATE_NOOP("scoring", "Obs."),
    "special_deduction": QT_TRANSLATE_NOOP("scoring", "Deduction"),
    "bonus": QT_TRANSLATE_NOOP("scoring", "Bonus"),
}
METHOD_TEXT = {
    "document_review": QT_TRANSLATE_NOOP("scoring", "Document review"),
    "interview": QT_TRANSLATE_NOOP("scoring", "Interview"),
    "observation": QT_TRANSLATE_NOOP("scoring", "On-site observation"),
    "customer_contact": QT_TRANSLATE_NOOP("scoring", "Customer contact"),
}
# (filter id, label): "open" is what is still to do or to correct.
STATUS_FILTERS = (
    ("all", QT_TRANSLATE_NOOP("scoring", "All items")),
    ("open", QT_TRANSLATE_NOOP("scoring", "Open items")),
    (UNSCORED, STATUS_TEXT[UNSCORED]),
    (NONCONFORM, STATUS_TEXT[NONCONFORM]),
    (PARTIAL, STATUS_TEXT[PARTIAL]),
    (CONFORM, STATUS_TEXT[CONFORM]),
    (DELETED, STATUS_TEXT[DELETED]),
)


def status_text(status: str) -> str:
    return tr(STATUS_TEXT.get(status, STATUS_TEXT[UNSCORED]))


def status_short(status: str) -> str:
    return tr(STATUS_SHORT.get(status, STATUS_SHORT[UNSCORED]))


def status_short_words() -> list[str]:
    """Every short status word in the UI language (the tree sizes its column to the widest)."""
    return [tr(word) for word in STATUS_SHORT.values()]


_ICONS: dict[str, QIcon] = {}


def status_icon(status: str) -> QIcon:
    """A drawn mark per status (shape differs, not only colour); cached after the first call."""
    icon = _ICONS.get(status)
    if icon is None:
        icon = _ICONS[status] = QIcon()
        for size in (16, 32):  # drawn per size: no scaling when rows are painted
            icon.addPixmap(_draw_mark(status, size))
    return icon


def _draw_mark(status: str, size: int = 32) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    color = QColor(STATUS_COLOR.get(status, STATUS_COLOR[UNSCORED]))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 32, size / 32)  # the marks are drawn on a 32-unit grid
    ring = QRectF(3, 3, 26, 26)
    pen = QPen(color, 3)
    white = QPen(QColor("white"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    if status in (CONFORM, NONCONFORM):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(ring)
        painter.setPen(white)
        if status == CONFORM:  # a tick
            painter.drawPolyline([QPointF(9, 16.5), QPointF(14, 21.5), QPointF(23, 11)])
        else:  # a cross
            painter.drawLine(QPointF(11, 11), QPointF(21, 21))
            painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    elif status == PARTIAL:  # half filled
        painter.setPen(pen)
        painter.drawEllipse(ring)
        path = QPainterPath()
        path.moveTo(ring.center())
        path.arcTo(ring, 90, 180)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(path)
    elif status == DELETED:  # struck through
        painter.setPen(pen)
        painter.drawEllipse(ring)
        painter.drawLine(QPointF(8, 24), QPointF(24, 8))
    elif status == INCOMPLETE:  # a ring with a dot: started
        painter.setPen(pen)
        painter.drawEllipse(ring)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QRectF(11, 11, 10, 10))
    else:  # unscored: an empty ring
        painter.setPen(QPen(color, 3, Qt.PenStyle.SolidLine))
        painter.drawEllipse(ring)
    painter.end()
    return pixmap


def friendly_error(exc: Exception) -> str:
    """A message for the place where the entry was refused (never a traceback)."""
    text = str(exc)
    if isinstance(exc, LockedError):
        return translate("scoring", "This audit is signed and locked")
    if isinstance(exc, InputError):
        if "cannot exceed the sample" in text:
            return translate("scoring", "nonconforming cannot exceed the sample")
        if "needs a reason" in text:
            return translate("scoring", "a deleted item needs a reason")
        if "special bonus" in text:
            limit = translate("scoring", "no more special bonus allowed")
            return f"{limit} ({text})"
        return translate("scoring", "Not accepted:") + f" {text}"
    if isinstance(exc, AuditorError):
        return translate("scoring", "Not saved:") + f" {text}"
    return translate("scoring", "Failed:") + f" {text}"
