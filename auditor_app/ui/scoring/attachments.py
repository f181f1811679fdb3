"""Photos and files of the current item: thumbnails, drop/paste/pick, caption, remove.

Only the current item's thumbnails are loaded, from the small JPEGs the store keeps, and each
decoded QPixmap is cached (by file hash) so going back to an item costs no decoding. Importing
is not done here: the panel says which files the auditor gave, the workspace imports them in
the background and reports progress and refusals back to the panel.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import Row
from auditor_app.ui.look import tint
from auditor_app.ui.pending_edits import tracker
from auditor_app.ui.scoring.labels import translate

LINK_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB = QSize(120, 90)


class ThumbCache:
    """Decoded thumbnails by file hash, least recently used dropped beyond `limit`."""

    def __init__(self, loader: Callable[[str], bytes], limit: int = 400) -> None:
        self._loader = loader
        self._limit = limit
        self._cache: OrderedDict[str, QPixmap | None] = OrderedDict()

    def get(self, sha256: str) -> QPixmap | None:
        if sha256 in self._cache:
            self._cache.move_to_end(sha256)
            return self._cache[sha256]
        try:
            data = self._loader(sha256)
        except AuditorError:  # documents (PDF) have no thumbnail
            pixmap = None
        else:
            pixmap = QPixmap()
            if not pixmap.loadFromData(data):
                pixmap = None
        self._cache[sha256] = pixmap
        if len(self._cache) > self._limit:
            self._cache.popitem(last=False)
        return pixmap

    def __len__(self) -> int:
        return len(self._cache)


def image_to_png(image: QImage) -> bytes:
    """A pasted or dropped picture as PNG bytes (light compression: a big screenshot is quick)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12's stubs want bytes for the format; the binding itself takes only str
    image.save(buffer, "PNG", 90)  # type: ignore[call-overload]
    return bytes(QByteArray(buffer.data()).data())


def local_paths(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


class ThumbList(QListWidget):
    """Thumbnails in a row; Delete removes, Enter opens, F2 edits the caption."""

    removeKey = Signal()
    openKey = Signal()
    captionKey = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F2:
            self.captionKey.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeKey.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openKey.emit()
            return
        super().keyPressEvent(event)


class CaptionEdit(QLineEdit):
    """The caption line: Return records it and goes back to the photos, Esc records it and
    goes back to the tree (so the next J or C scores instead of being typed here)."""

    backToList = Signal()
    leaveRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.editingFinished.emit()
            self.leaveRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editingFinished.emit()
            self.backToList.emit()
            return
        super().keyPressEvent(event)


class AttachmentsPanel(QWidget):
    """The current item's photos and files."""

    # Containers travel as `object`: a dict/list converted to a Qt map/list and back would pass
    # None values through invalid QVariants (see labels.language about that PySide bug).
    filesChosen = Signal(object)  # list[Path]: picked or dropped files to import
    imageGiven = Signal(bytes, str)  # pasted/dropped picture bytes, a file name for it
    addRequested = Signal()  # the file picker should open (the workspace owns the dialog)
    removeRequested = Signal(int)  # link id
    captionEdited = Signal(int, str)  # link id, new caption
    leaveRequested = Signal()  # Esc in the caption: back to the tree
    openRequested = Signal(object)  # the attachment row (dict) to show full size

    def __init__(self, thumbs: ThumbCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self._rows: dict[int, Row] = {}  # link id → row, for the entries shown
        self._read_only = False
        self._file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self.setAcceptDrops(True)

        self.add_button = QPushButton(translate("scoring", "Add… [P]"))
        self.add_button.setToolTip(
            translate(
                "scoring",
                "Pick photos or PDFs (or drop them here) (P)",
            )
        )
        self.paste_button = QPushButton(translate("scoring", "Paste [Ctrl+V]"))
        self.paste_button.setToolTip(
            translate("scoring", "Paste a picture from the clipboard (Ctrl+V)")
        )
        self.remove_button = QPushButton(translate("scoring", "Remove [Del]"))
        self.remove_button.setToolTip(
            translate(
                "scoring",
                "Remove the selected photo/file (undoable) (Delete)",
            )
        )
        self.add_button.clicked.connect(self.addRequested)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self._remove_selected)

        self.list = ThumbList()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 36))
        self.list.setUniformItemSizes(True)
        self.list.setFixedHeight(THUMB.height() + 58)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setAcceptDrops(False)  # the panel takes drops, the list would swallow them
        self.list.itemDoubleClicked.connect(self._open_item)
        self.list.currentItemChanged.connect(self._selected)
        self.list.removeKey.connect(self._remove_selected)
        self.list.openKey.connect(lambda: self._open_item(self.list.currentItem()))

        self.caption_edit = CaptionEdit()
        self.caption_edit.setObjectName("captionEdit")
        self.caption_edit.setPlaceholderText(
            translate("scoring", "Caption of the selected photo (F2)")
        )
        self.caption_edit.editingFinished.connect(self._caption_done)
        self.caption_edit.textEdited.connect(lambda _t: tracker().set_pending(self, True))
        self.caption_edit.backToList.connect(self.list.setFocus)
        self.caption_edit.leaveRequested.connect(self.leaveRequested)
        self.list.captionKey.connect(self.edit_caption)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        self.report.hide()
        self.empty_hint = QLabel(
            translate(
                "scoring",
                "No photos or files yet: drop, paste or press P.",
            )
        )
        tint(self.empty_hint, "#7b8290")
        self.empty_hint.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        caption_row = QHBoxLayout()
        caption_row.addWidget(QLabel(translate("scoring", "Caption")))
        caption_row.addWidget(self.caption_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list)
        layout.addLayout(caption_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.report)
        self._update_enabled()

    # -- content --------------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        """Show these attachments (the current item's), keeping the selection if possible."""
        keep = self.current_link()
        self.list.blockSignals(True)
        self.list.clear()
        self._rows = {int(row["id"]): row for row in rows}
        for row in rows:
            pixmap = self.thumbs.get(row["sha256"]) if row["mime"].startswith("image/") else None
            icon = QIcon(pixmap) if pixmap is not None else self._file_icon
            label = row["caption"] or row["original_name"] or row["sha256"][:8]
            entry = QListWidgetItem(icon, _elide(label))
            entry.setData(LINK_ROLE, int(row["id"]))
            entry.setToolTip(_tooltip(row))
            self.list.addItem(entry)
            if row["id"] == keep:
                self.list.setCurrentItem(entry)
        self.list.blockSignals(False)
        has_rows = bool(rows)
        self.list.setVisible(has_rows)
        self.empty_hint.setVisible(not has_rows)
        self._selected(self.list.currentItem())

    def current_link(self) -> int | None:
        entry = self.list.currentItem()
        return int(entry.data(LINK_ROLE)) if entry is not None else None

    def current_row(self) -> Row | None:
        link = self.current_link()
        return self._rows.get(link) if link is not None else None

    def select_link(self, link_id: int) -> None:
        for n in range(self.list.count()):
            if self.list.item(n).data(LINK_ROLE) == link_id:
                self.list.setCurrentRow(n)
                return

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self._update_enabled()

    def _update_enabled(self) -> None:
        selected = self.list.currentItem() is not None
        for w in (self.add_button, self.paste_button):
            w.setEnabled(not self._read_only)
        self.remove_button.setEnabled(not self._read_only and selected)
        self.caption_edit.setEnabled(selected)
        self.caption_edit.setReadOnly(self._read_only)

    # -- progress and outcome of an import ------------------------------------------------
    def set_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        label = translate("scoring", "Importing")
        self.progress.setFormat(f"{label} {done}/{total}  {name}")
        self.progress.show()

    def show_outcome(self, imported: int, errors: list[tuple[str, str]]) -> None:
        self.progress.hide()
        parts = []
        if imported:
            parts.append(translate("scoring", "{n} imported").format(n=imported))
        if errors:
            head = translate("scoring", "{n} could not be imported:").format(n=len(errors))
            lines = "".join(
                f"<br>• <b>{_html(name)}</b> — {_html(reason)}" for name, reason in errors
            )
            parts.append(f"<span style='color:#c62828'>{head}{lines}</span>")
        self.report.setText("<br>".join(parts))
        self.report.setVisible(bool(parts))

    def clear_outcome(self) -> None:
        self.report.clear()
        self.report.hide()

    # -- user actions ---------------------------------------------------------------------
    def paste(self) -> bool:
        """Import the clipboard's picture (or copied files); say so when there is none."""
        if self._read_only:
            return False
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                name = datetime.now().strftime("clipboard-%Y%m%d-%H%M%S.png")
                self.imageGiven.emit(image_to_png(image), name)
                return True
        paths = local_paths(mime) if mime is not None and mime.hasUrls() else []
        if paths:
            self.filesChosen.emit(paths)
            return True
        self.show_outcome(
            0,
            [
                (
                    translate("scoring", "Clipboard"),
                    translate("scoring", "no picture to paste"),
                )
            ],
        )
        return False

    def _remove_selected(self) -> None:
        link = self.current_link()
        if link is not None and not self._read_only:
            self.removeRequested.emit(link)

    def _open_item(self, entry: QListWidgetItem | None) -> None:
        if entry is not None:
            self.openRequested.emit(dict(self._rows[int(entry.data(LINK_ROLE))]))

    def _selected(self, entry: QListWidgetItem | None, *_: Any) -> None:
        row = self._rows.get(int(entry.data(LINK_ROLE))) if entry is not None else None
        self.caption_edit.blockSignals(True)
        self.caption_edit.setText(row["caption"] if row else "")
        self.caption_edit.blockSignals(False)
        self._update_enabled()

    def edit_caption(self) -> None:
        """The keyboard goes to the caption of the selected photo."""
        if self.caption_edit.isEnabled():
            self.caption_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.caption_edit.selectAll()

    def _caption_done(self) -> None:
        tracker().set_pending(self, False)
        row = self.current_row()
        if row is None or self._read_only:
            return
        text = self.caption_edit.text().strip()
        if text != row["caption"]:
            self.captionEdited.emit(int(row["id"]), text)

    # -- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if not self._read_only and (local_paths(mime) or mime.hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths = local_paths(mime)
        if paths:
            self.filesChosen.emit(paths)
        elif mime.hasImage():
            self.imageGiven.emit(
                image_to_png(QImage(mime.imageData())),
                datetime.now().strftime("dropped-%Y%m%d-%H%M%S.png"),
            )
        event.acceptProposedAction()


def _elide(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _tooltip(row: Row) -> str:
    size = f"{row['width']}×{row['height']}" if row.get("width") else row["mime"]
    lines = [
        row["caption"],
        row["original_name"],
        size,
        translate("scoring", "Double-click to open"),
    ]
    return "\n".join(x for x in lines if x)
