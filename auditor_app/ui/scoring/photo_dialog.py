"""Showing one attachment full size: a photo scaled to the screen, or a document handed to the
system's viewer (PDF viewing is not in PySide6-Essentials)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditor_app.store.audit_store import Row
from auditor_app.ui.scoring.labels import translate


class PhotoDialog(QDialog):
    """A photo at (up to) screen size with its caption and file name."""

    def __init__(self, row: Row, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(row["caption"] or row["original_name"] or translate("scoring", "Photo"))
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry().size() * 0.85 if screen else pixmap.size()
        if pixmap.width() > avail.width() or pixmap.height() > avail.height():
            pixmap = pixmap.scaled(
                avail,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.image = QLabel()
        self.image.setPixmap(pixmap)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        caption = QLabel(" · ".join(x for x in (row["caption"], row["original_name"]) if x))
        caption.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(caption)
        layout.addWidget(buttons)
        self.resize(pixmap.width() + 40, pixmap.height() + 110)


def open_document(row: Row, data: bytes) -> bool:
    """Write a copy to the temp folder and let the system open it (read-only use)."""
    suffix = Path(row["original_name"] or "file.pdf").suffix or ".pdf"
    with tempfile.NamedTemporaryFile(prefix="auditor-", suffix=suffix, delete=False) as fh:
        fh.write(data)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(fh.name))
