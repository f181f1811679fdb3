"""Form building blocks: commit-on-edit binding, optional numbers, dates, in-place errors.

There is no Save button, so each field commits by itself: when editing finishes (Enter, focus
leaves) and also after a short pause in typing, so that a crash or a pulled plug loses at most
the last half second of typing. Values set by the program (loading an audit, undo) never commit.
While a value waits for its commit the window says "not saved yet" (see `pending_edits`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QStyle,
    QWidget,
)

from auditor_app.core.errors import InputError
from auditor_app.services.date_input import parse_date
from auditor_app.ui.error_label import ErrorLabel as ErrorLabel  # where forms look for it
from auditor_app.ui.pending_edits import tracker

COMMIT_DELAY_MS = 400
DATE_FORMAT = "yyyy-MM-dd"


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
        ready: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget, self._get, self._ready = widget, get, ready
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._paused)
        self._quiet = False
        self._waiting = False
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
            self._waiting = True
            tracker().set_pending(self, True)

    def _paused(self) -> None:
        # A value typed halfway (a date so far "2027-02-1") waits for more typing or for the
        # field to be left, instead of being stored, or refused, mid-word.
        if self._ready is None or self._ready():
            self.flush()

    def pending(self) -> bool:
        return self._waiting

    def flush(self) -> None:
        self._timer.stop()
        self._waiting = False
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
        self._waiting = False
        self._last = self._get()
        tracker().set_pending(self, False)


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


class DateField(QLineEdit):
    """A date typed as text (2027-02-14, 2027/2/14, 20270214) or left empty.

    A plain line, not a QDateEdit: its sections rolled typed digits into other dates
    (2027-02-14 saved as 2027-03-02, an end date as 2001-12-16) and an empty one could not
    be typed into (issue 13). `get()` is the ISO date, "" when empty, or the text as typed
    when it is not a date (`problem()` says why; callers refuse to store it). When editing
    finishes a readable date is shown in ISO form, so what is seen is what is stored. F4 or
    the calendar button picks a date with the mouse or the arrow keys.
    """

    dateChanged = Signal(str)  # the value as `get()` returns it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(20)
        self.setClearButtonEnabled(True)
        self._calendar_action = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self._calendar_action.setToolTip(
            QCoreApplication.translate("DateField", "Pick a date (F4)")
        )
        self._calendar_action.triggered.connect(self.pick)
        self.textChanged.connect(lambda _text: self.dateChanged.emit(self.get()))
        self.editingFinished.connect(self._tidy)

    def get(self) -> str:
        try:
            return parse_date(self.text())
        except InputError:
            return self.text().strip()

    def put(self, value: str | None) -> None:
        self.setText(value or "")

    def problem(self) -> str | None:
        """Why the text is not a date (a message for the user), or None when it is one."""
        try:
            parse_date(self.text())
        except InputError:
            return QCoreApplication.translate(
                "DateField",
                "“{text}” is not a date: type it as 2027-02-14 (2027/2/14 or 20270214 work too).",
            ).format(text=self.text().strip())
        return None

    def complete(self) -> bool:
        """Typed to the end: empty, or a date in full (2027-02-14, 20270214). What is shorter
        may still be typed on, so a pause in typing does not store it yet."""
        text = self.text().strip()
        return self.problem() is None and (not text or len(text) == 10 or text.isdigit())

    def _tidy(self) -> None:
        value = self.get()
        if self.problem() is None and value != self.text():
            self.setText(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 and not self.isReadOnly():
            self.pick()
            return
        super().keyPressEvent(event)

    def pick(self) -> None:
        """A calendar under the field, opened on the field's date (or today)."""
        if self.isReadOnly():
            return
        popup = QCalendarWidget(self)  # PySide6 takes no window flags here: a TypeError on F4
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown = QDate.fromString(self.get(), DATE_FORMAT)
        popup.setSelectedDate(shown if shown.isValid() else QDate.currentDate())

        def chosen(day: QDate) -> None:
            self.setText(day.toString(DATE_FORMAT))
            popup.close()
            self.setFocus()
            self.editingFinished.emit()

        popup.activated.connect(chosen)
        popup.clicked.connect(chosen)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        popup.setFocus()


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
