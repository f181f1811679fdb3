"""Painting the scheme tree's cells from prepared, cached text.

A random jump between items scrolls the tree by more than a page, so every visible cell
(~40 rows × 3 columns) is repainted. With Qt's own delegate each cell asks the model for ~6
roles (Python calls), lays out, elides and shapes its text again: measured, that was over a
third of an item switch. Here the style still paints each cell's background, selection and
focus (the platform's look), and the text is drawn from a QStaticText kept per (text, width,
bold), so shaping and eliding happen once per text, not on every paint.

Only for the tree model itself: through the filter proxy (a filter is on) the cells are painted
by Qt's delegate as before. The model's roles are unchanged, so tooltips, accessibility and
tests read the same data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from auditor_app.ui.scoring.labels import STATUS_COLOR, status_icon
from auditor_app.ui.scoring.tree_model import COL_SCORE, COL_STATUS, COL_TITLE, Node

CACHE_LIMIT = 4000  # static texts kept; ~3 per row and width, cleared when exceeded

_SELECTED = QStyle.StateFlag.State_Selected
_ENABLED = QStyle.StateFlag.State_Enabled
_ACTIVE = QStyle.StateFlag.State_Active


class TreeDelegate(QStyledItemDelegate):
    """Paints a SchemeTreeModel's cells: style background, status mark, cached text."""

    def __init__(self, model: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._texts: dict[tuple[str, int, bool], QStaticText] = {}
        self._status_colors = {status: QColor(color) for status, color in STATUS_COLOR.items()}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        node = index.internalPointer() if index.model() is self._model else None
        if not isinstance(node, Node):
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # background, selection, hover and focus as the platform draws them (no text or icon
        # in the option, so the style lays nothing out)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect: QRect = option.rect
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        col = index.column()
        status = self._model.status(node.id)
        left = rect.left() + margin
        right = rect.right() - margin
        if col == COL_TITLE:
            size = option.decorationSize
            icon_top = rect.top() + (rect.height() - size.height()) // 2
            icon_rect = QRect(left, icon_top, size.width(), size.height())
            status_icon(status).paint(painter, icon_rect)
            left = icon_rect.right() + 1 + 2 * margin
        state = option.state
        bold = node.kind == "group"
        text = self._static(node.cells[col], max(0, right - left + 1), bold, option)
        palette: QPalette = option.palette
        group = (
            QPalette.ColorGroup.Disabled
            if not state & _ENABLED
            else QPalette.ColorGroup.Active
            if state & _ACTIVE
            else QPalette.ColorGroup.Inactive
        )
        if state & _SELECTED:
            color = palette.color(group, QPalette.ColorRole.HighlightedText)
        elif col == COL_STATUS:
            color = self._status_colors[status]
        else:
            color = palette.color(group, QPalette.ColorRole.Text)
        font = option.font
        if bold:
            font.setBold(True)
        painter.save()
        painter.setFont(font)
        painter.setPen(color)
        width = text.size().width()
        x = right + 1 - width if col == COL_SCORE else left
        y = rect.top() + (rect.height() - QFontMetrics(font).height()) / 2
        painter.drawStaticText(QPointF(x, y), text)
        painter.restore()

    def _static(
        self, text: str, width: int, bold: bool, option: QStyleOptionViewItem
    ) -> QStaticText:
        key = (text, width, bold)
        static = self._texts.get(key)
        if static is None:
            if len(self._texts) >= CACHE_LIMIT:
                self._texts.clear()
            font = option.font
            if bold:
                font.setBold(True)
            metrics = QFontMetrics(font)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            self._texts[key] = static
        return static
