"""Evidence notes and the audit methods used, for the current item.

The note is committed when the editor loses focus and after ~600 ms without typing, so a crash
or a pulled power cord loses at most the last half second of typing; there is no save button.
While typing waits for its commit the window says "not saved yet" (see `pending_edits`).
Commits made during one visit of the editor merge into one undo step (see SetNoteCommand).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QMenu, QPlainTextEdit, QWidget

from auditor_app.store.audit_store import METHODS
from auditor_app.ui.pending_edits import tracker
from auditor_app.ui.scoring.labels import METHOD_TEXT, tr, translate

if TYPE_CHECKING:  # the phrase library loads when first asked for
    from auditor_app.core.phrases import Phrase

IDLE_COMMIT_MS = 400


class NoteEditor(QPlainTextEdit):
    """A plain-text note that commits itself (asks the workspace to) while the user types."""

    commitRequested = Signal(str, str, int)  # item id, text, typing session
    leaveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: str | None = None
        self._committed = ""
        self._session = 0
        self._loading = False
        self.setTabChangesFocus(True)  # Tab moves on, as everywhere else in the form
        self.setPlaceholderText(
            translate(
                "scoring",
                "What you saw, heard and checked (saved as you type)  [E] · phrases: Ctrl+Space",
            )
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_COMMIT_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._typed)
        # evidence phrases for the shown item (set by the workspace from the CB's library)
        self.phrase_source: Callable[[str | None], list[Phrase]] | None = None
        self.phrase_problem: str | None = None  # why the library could not be read
        self.phrase_menu: QMenu | None = None  # the open one, for tests

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def set_note(self, item_id: str | None, text: str) -> None:
        """Show another item's note (the previous one must have been flushed)."""
        self._timer.stop()
        self._item_id = item_id
        self._committed = text
        self._load(text)
        self._report()

    def show_committed(self, text: str) -> None:
        """The stored note changed (undo/redo): show it, keeping the cursor where it was."""
        self._committed = text
        if text != self.toPlainText():
            position = self.textCursor().position()
            self._load(text)
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.setTextCursor(cursor)
        self._report()

    def mark_committed(self, text: str) -> None:
        self._committed = text
        self._report()

    def _report(self) -> None:
        tracker().set_pending(self, self.pending())

    def _load(self, text: str) -> None:
        self._loading = True
        try:
            self.setPlainText(text)
            self.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._loading = False

    def _typed(self) -> None:
        if not self._loading and not self.isReadOnly():
            self._timer.start()
            self._report()

    def pending(self) -> bool:
        return self._item_id is not None and self.toPlainText() != self._committed

    def flush(self) -> None:
        """Ask for the typed text to be committed now, if it changed."""
        self._timer.stop()
        if self.pending() and not self.isReadOnly():
            assert self._item_id is not None
            self.commitRequested.emit(self._item_id, self.toPlainText(), self._session)
        self._report()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._session += 1
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.flush()
            self.leaveRequested.emit()
            return
        if (
            event.key() == Qt.Key.Key_Space
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self.phrase_source is not None
            and not self.isReadOnly()
        ):
            from auditor_app.ui.scoring.phrase_menu import popup_phrases

            phrases = self.phrase_source(self._item_id)
            self.phrase_menu = popup_phrases(self, phrases, self.phrase_problem)
            return
        super().keyPressEvent(event)


class MethodsBox(QWidget):
    """Check boxes for the methods used (keys 1–4 toggle them)."""

    methodsEdited = Signal(object)  # the new list of method ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        # the title above the boxes, not beside them: the column stays narrow enough for
        # 1366-pixel screens
        layout.addWidget(QLabel(translate("scoring", "Methods")), 0, 0, 1, 2)
        self.boxes: dict[str, QCheckBox] = {}
        for n, method in enumerate(METHODS, start=1):
            box = QCheckBox(f"{tr(METHOD_TEXT[method])} [{n}]")
            box.setToolTip(f"{tr(METHOD_TEXT[method])} ({n})")
            box.clicked.connect(self._edited)
            layout.addWidget(box, 1 + (n - 1) // 2, (n - 1) % 2)
            self.boxes[method] = box
        layout.setColumnStretch(2, 1)

    def set_methods(self, methods: list[str]) -> None:
        for method, box in self.boxes.items():
            box.setChecked(method in methods)

    def methods(self) -> list[str]:
        return [m for m, box in self.boxes.items() if box.isChecked()]

    def toggle(self, number: int) -> None:
        """Toggle the n-th method (1-based) as if clicked."""
        if 1 <= number <= len(METHODS) and self.isEnabled():
            self.boxes[METHODS[number - 1]].click()

    def _edited(self) -> None:
        self.methodsEdited.emit(self.methods())
