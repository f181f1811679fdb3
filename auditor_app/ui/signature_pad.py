"""A handwritten-signature pad: strokes from mouse, pen or touch, saved as a transparent PNG.

The image goes into the visible signature stamp of exported reports. It is kept in the
database setting `signature_png` (base64), so the auditor signs once per database.
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from auditor_app.core import settings as settings_registry

SETTING_KEY = settings_registry.SIGNATURE_PNG.key
_INK = QColor(20, 30, 120)
_EXPORT_SCALE = 2  # the PNG at twice the on-screen size stays sharp in the PDF stamp


def encode(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def decode(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        return None


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setMinimumSize(360, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._strokes: list[list[QPointF]] = []
        self._background: QImage | None = None  # a signature loaded from the settings

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    # -- contents ---------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self._strokes and self._background is None

    def clear(self) -> None:
        self._strokes.clear()
        self._background = None
        self.update()
        self.changed.emit()

    def load_png(self, data: bytes | None) -> bool:
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            return False
        self._strokes.clear()
        self._background = image
        self.update()
        self.changed.emit()
        return True

    def add_stroke(self, points: list[QPointF]) -> None:
        """One pen stroke in widget coordinates (also how tests draw)."""
        if points:
            self._strokes.append(list(points))
            self.update()
            self.changed.emit()

    def to_png(self) -> bytes:
        size = self.size() * _EXPORT_SCALE
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(_EXPORT_SCALE, _EXPORT_SCALE)
        self._paint_ink(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 6.12's stubs want bytes for the format; the binding itself takes only str
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        return bytes(data.data())

    # -- painting and input -----------------------------------------------------------
    def _paint_ink(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._background is not None:
            target = QRectF(0, 0, self.width(), self.height())
            painter.drawImage(target, self._background)
        pen = QPen(
            _INK, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#c8c8c8"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 28
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.setPen(QColor("#999"))
        if self.is_empty():
            painter.drawText(
                self.rect().adjusted(16, 8, -16, -8),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                self.tr("Sign here with the mouse, a pen or a finger"),
            )
        self._paint_ink(painter)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._strokes.append([event.position()])
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._strokes:
            self._strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.changed.emit()
