"""Which fields hold typing that is not in the database yet, for the window's save indicator.

Every self-committing field (a note, a form line, a date) reports here when the user types
and again once its text is committed; the status bar says "saved" only while nothing is
pending, so it never claims a save that has not happened (issue 13: a `kill -9` after
"all changes saved" lost the last characters typed).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication


class PendingEdits(QObject):
    """The set of fields with uncommitted typing; `changed(bool)` when it (un)empties."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: set[int] = set()
        self._watched: set[int] = set()

    def set_pending(self, source: QObject, pending: bool) -> None:
        key = id(source)
        before = bool(self._sources)
        if pending:
            self._sources.add(key)
            if key not in self._watched:
                # a field that goes away with typing in it must not keep the window "unsaved"
                self._watched.add(key)
                source.destroyed.connect(lambda *_a, k=key: self._forget(k))
        else:
            self._sources.discard(key)
        if bool(self._sources) != before:
            self.changed.emit(bool(self._sources))

    def _forget(self, key: int) -> None:
        self._watched.discard(key)
        if key in self._sources:
            self._sources.discard(key)
            if not self._sources:
                self.changed.emit(False)

    def any(self) -> bool:
        return bool(self._sources)


_tracker: PendingEdits | None = None


def tracker() -> PendingEdits:
    """The application's one tracker (created on first use, owned by the QApplication)."""
    global _tracker
    if _tracker is None:
        _tracker = PendingEdits(QApplication.instance())
        _tracker.destroyed.connect(_reset)
    return _tracker


def _reset(*_args: object) -> None:
    global _tracker
    _tracker = None
