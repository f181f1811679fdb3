"""Words, colours and status marks shared by the scoring widgets (Chinese first, English after).

Texts are Chinese-first bilingual source strings marked for Qt Linguist (context "scoring"), so
the workspace reads well with no .qm loaded, and a translation can still give an English-only or
Chinese-only rendering. A status is never shown by colour alone: every mark has a drawn shape and
a word next to it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from auditor_app.core.errors import AuditorError, InputError, LockedError
from auditor_app.core.numbers import fmt_points as fmt_points  # one format: window, report, CLI
from auditor_app.core.results import CONFORM, DELETED, NONCONFORM, PARTIAL, UNSCORED

CTX = "scoring"
INCOMPLETE = "incomplete"  # groups and indicators only: some items scored, some not


# Literals are written `translate("scoring", "…")` so pyside6-lupdate files them under the
# "scoring" context (a bare helper call would be filed under the wrong one).
translate = QCoreApplication.translate


def tr(text: object) -> str:
    """Translate a table value that was marked with QT_TRANSLATE_NOOP("scoring", …).

    `object`: PySide6's stubs type QT_TRANSLATE_NOOP's result so, though at run time it is the
    source string itself."""
    return QCoreApplication.translate(CTX, str(text))


_language: str | None = None


def language() -> str:
    """ "zh" or "en": which scheme text comes first, from the default QLocale (the shell's
    i18n.install sets it; anything but English counts as Chinese, the app's default).

    Cached: this runs for every painted row. (Reading an unset Qt property instead would hand
    Python an invalid QVariant, which PySide6 6.12 on Python 3.11 miscounts; see
    pyside_guard.py.)
    """
    global _language
    if _language is None:
        _language = "en" if QLocale().language() == QLocale.Language.English else "zh"
    return _language


def refresh_language() -> None:
    """Forget the cached language (a new workspace reads it again)."""
    global _language
    _language = None


def pick(zh: str, en: str) -> tuple[str, str]:
    """(primary, secondary) scheme text for the UI language; secondary may be empty."""
    return (en or zh, zh) if language() == "en" else (zh or en, en)


STATUS_TEXT = {
    UNSCORED: QT_TRANSLATE_NOOP("scoring", "未评 Not scored"),
    CONFORM: QT_TRANSLATE_NOOP("scoring", "符合 Conforming"),
    NONCONFORM: QT_TRANSLATE_NOOP("scoring", "不符合 Nonconforming"),
    PARTIAL: QT_TRANSLATE_NOOP("scoring", "部分符合 Partial"),
    DELETED: QT_TRANSLATE_NOOP("scoring", "删减 Deleted (N/A)"),
    INCOMPLETE: QT_TRANSLATE_NOOP("scoring", "评分中 In progress"),
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
    UNSCORED: QT_TRANSLATE_NOOP("scoring", "未评"),
    CONFORM: QT_TRANSLATE_NOOP("scoring", "符合"),
    NONCONFORM: QT_TRANSLATE_NOOP("scoring", "不符合"),
    PARTIAL: QT_TRANSLATE_NOOP("scoring", "部分符合"),
    DELETED: QT_TRANSLATE_NOOP("scoring", "删减"),
    INCOMPLETE: QT_TRANSLATE_NOOP("scoring", "评分中"),
}
JUDGED_TEXT = {
    "whole": QT_TRANSLATE_NOOP(
        "scoring", "整体判定：符合得全分，不符合不得分 · Whole: all or nothing"
    ),
    "proportional": QT_TRANSLATE_NOOP(
        "scoring", "抽样判定：按不合格比例扣分 · Sampled: loses the nonconforming share"
    ),
    "graded": QT_TRANSLATE_NOOP("scoring", "分级给分 · Graded award"),
}
FINDING_KIND_TEXT = {
    "major": QT_TRANSLATE_NOOP("scoring", "严重不符合 Major nonconformity"),
    "minor": QT_TRANSLATE_NOOP("scoring", "一般不符合 Minor nonconformity"),
    "observation": QT_TRANSLATE_NOOP("scoring", "观察项 Observation"),
    "special_deduction": QT_TRANSLATE_NOOP("scoring", "特别扣分项 Special deduction"),
    "bonus": QT_TRANSLATE_NOOP("scoring", "特别加分项 Special bonus"),
}
FINDING_KIND_SHORT = {  # for the findings table's narrow kind column
    "major": QT_TRANSLATE_NOOP("scoring", "严重 Major"),
    "minor": QT_TRANSLATE_NOOP("scoring", "一般 Minor"),
    "observation": QT_TRANSLATE_NOOP("scoring", "观察 Obs."),
    "special_deduction": QT_TRANSLATE_NOOP("scoring", "特别扣分 Deduction"),
    "bonus": QT_TRANSLATE_NOOP("scoring", "特别加分 Bonus"),
}
METHOD_TEXT = {
    "document_review": QT_TRANSLATE_NOOP("scoring", "文件审查 Document review"),
    "interview": QT_TRANSLATE_NOOP("scoring", "面谈 Interview"),
    "observation": QT_TRANSLATE_NOOP("scoring", "现场观察 Observation"),
    "customer_contact": QT_TRANSLATE_NOOP("scoring", "顾客访问 Customer contact"),
}
# (filter id, label): "open" is what is still to do or to correct.
STATUS_FILTERS = (
    ("all", QT_TRANSLATE_NOOP("scoring", "全部 All")),
    ("open", QT_TRANSLATE_NOOP("scoring", "未完成 Open")),
    (UNSCORED, STATUS_TEXT[UNSCORED]),
    (NONCONFORM, STATUS_TEXT[NONCONFORM]),
    (PARTIAL, STATUS_TEXT[PARTIAL]),
    (CONFORM, STATUS_TEXT[CONFORM]),
    (DELETED, STATUS_TEXT[DELETED]),
)


def status_text(status: str) -> str:
    return tr(STATUS_TEXT.get(status, STATUS_TEXT[UNSCORED]))


# English UI: the shell installs no translator for English, so the short words come from here.
STATUS_SHORT_EN = {
    UNSCORED: "Open",
    CONFORM: "OK",
    NONCONFORM: "NC",
    PARTIAL: "Partial",
    DELETED: "N/A",
    INCOMPLETE: "Started",
}


def status_short(status: str) -> str:
    if language() == "en":
        return STATUS_SHORT_EN.get(status, STATUS_SHORT_EN[UNSCORED])
    return tr(STATUS_SHORT.get(status, STATUS_SHORT[UNSCORED]))


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
        return translate("scoring", "本审核已签署锁定，不能修改 · This audit is signed and locked")
    if isinstance(exc, InputError):
        if "cannot exceed the sample" in text:
            return translate(
                "scoring", "不合格数不能大于抽样数 · nonconforming cannot exceed the sample"
            )
        if "needs a reason" in text:
            return translate("scoring", "删减必须说明理由 · a deleted item needs a reason")
        if "special bonus" in text:
            limit = translate("scoring", "特别加分项已达上限 · no more special bonus allowed")
            return f"{limit} ({text})"
        return translate("scoring", "输入未被接受 · Not accepted:") + f" {text}"
    if isinstance(exc, AuditorError):
        return translate("scoring", "未能保存 · Not saved:") + f" {text}"
    return translate("scoring", "未能完成 · Failed:") + f" {text}"
