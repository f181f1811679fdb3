"""Form building blocks: commit-on-edit binding, optional numbers, dates, in-place errors.

There is no Save button, so each field commits by itself: when editing finishes (Enter, focus
leaves) and also after a short pause in typing, so that a crash or a pulled plug loses at most
the last half second of typing. Values set by the program (loading an audit, undo) never commit.
While a value waits for its commit the window says "not saved yet" (see `pending_edits`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QDoubleSpinBox,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from auditor_app.ui.pending_edits import tracker

COMMIT_DELAY_MS = 400
DATE_FORMAT = "yyyy-MM-dd"
_EMPTY_DATE = QDate(2000, 1, 1)  # shown as "—": the audit has no date yet


class Committer(QObject):
    """Watches one widget and emits `committed(value)` when its value settles."""

    committed = Signal(object)

    def __init__(
        self,
        widget: QWidget,
        get: Callable[[], Any],
        changed: Any,
        finished: Any = None,
        delay_ms: int = COMMIT_DELAY_MS,
    ) -> None:
        super().__init__(widget)
        self.widget, self._get = widget, get
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._quiet = False
        self._last = get()
        changed.connect(self._changed)
        if finished is not None:
            finished.connect(self.flush)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def _changed(self, *_args: object) -> None:
        if not self._quiet:
            self._timer.start()
            tracker().set_pending(self, True)

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        self._timer.stop()
        value = self._get()
        if value != self._last:
            self._last = value
            self.committed.emit(value)
        tracker().set_pending(self, False)

    def set_quietly(self, setter: Callable[[], None]) -> None:
        """Change the widget from code without committing."""
        self._quiet = True
        try:
            setter()
        finally:
            self._quiet = False
        self._timer.stop()
        self._last = self._get()
        tracker().set_pending(self, False)


class ErrorLabel(QLabel):
    """Red text under a field saying what is wrong with it; hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def set_error(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class OptionalCount(QSpinBox):
    """A whole number that may be "not given" (shown as —, value None)."""

    def __init__(self, parent: QWidget | None = None, maximum: int = 1_000_000) -> None:
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText("—")
        self.setValue(-1)
        self.setAccelerated(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)

    def get(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def put(self, value: int | None) -> None:
        self.setValue(-1 if value is None else int(value))


class Count(QSpinBox):
    """A whole number ≥ 0 (headcounts)."""

    def __init__(self, parent: QWidget | None = None, maximum: int = 1_000_000) -> None:
        super().__init__(parent)
        self.setRange(0, maximum)
        self.setAccelerated(True)

    def get(self) -> int:
        return self.value()

    def put(self, value: int | None) -> None:
        self.setValue(int(value or 0))


class OptionalNumber(QDoubleSpinBox):
    """A number ≥ 0 (hours per week, days) where 0 means "not given" (shown as —)."""

    def __init__(
        self, parent: QWidget | None = None, maximum: float = 168, decimals: int = 1
    ) -> None:
        super().__init__(parent)
        self.setRange(0, maximum)
        self.setDecimals(decimals)
        self.setSingleStep(1 if decimals < 2 else 0.5)
        self.setSpecialValueText("—")

    def get(self) -> float | int | None:
        value = round(self.value(), self.decimals())
        if value <= 0:
            return None
        return int(value) if value == int(value) else value

    def put(self, value: float | int | str | None) -> None:
        self.setValue(float(value) if value not in (None, "") else 0.0)


class DateField(QDateEdit):
    """An ISO date (YYYY-MM-DD) that may be empty (shown as —)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(_EMPTY_DATE)
        self.setSpecialValueText("—")
        self.setDate(_EMPTY_DATE)
        # An empty field would open the calendar in January 2000: open it on today instead.
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.date() == _EMPTY_DATE:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return False

    def get(self) -> str:
        if self.date() == _EMPTY_DATE:
            return ""
        return self.date().toString(DATE_FORMAT)

    def put(self, value: str | None) -> None:
        date = QDate.fromString(value or "", DATE_FORMAT)
        self.setDate(date if date.isValid() else _EMPTY_DATE)


def with_error(widget: QWidget) -> tuple[QWidget, ErrorLabel]:
    """`widget` stacked over its own (hidden until needed) error line."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    error = ErrorLabel(box)
    layout.addWidget(error)
    return box, error
