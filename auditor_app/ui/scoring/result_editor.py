"""Entering one item's result the way the item is judged.

Every item can be conforming, nonconforming, deleted (with a reason) or cleared; proportional
items also take a sample (n checked, k nonconforming), graded items one of their steps. A
refused entry is explained in red next to the field and the typed values stay in the editors;
the editor only asks, the workspace records through an undo command.

Two ways of asking: `resultRequested` for an explicit entry (a button, Enter), after which the
workspace moves the keyboard back to the tree, and `resultImplied` when the keyboard simply
left the sample row with a complete (n, k): recorded, and the focus stays where the auditor
put it. Moving between n and k records nothing. `pending_entry()` gives the complete entry
still in the fields (a sample, or a deletion with its reason) for the workspace to record
before it switches items or closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.results import CONFORM, GRADED, NA, NONCONFORM, SAMPLED, ItemResult
from auditor_app.core.scheme import Item
from auditor_app.ui.look import tint
from auditor_app.ui.pending_edits import tracker
from auditor_app.ui.scoring.labels import STATUS_COLOR, fmt_points, translate

NO_N = 0  # the sample spin boxes show "—" at their minimum: nothing entered yet
NO_K = -1
ERROR_COLOR = "#c62828"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Focus that leaves with these reasons has not moved on inside the window (another window
# was activated, a context menu opened): the sample is not finished yet.
_NOT_LEAVING = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


@dataclass(frozen=True)
class Draft:
    """What was typed but not recorded (kept per item so switching away loses nothing)."""

    sampled: int
    nonconforming: int
    reason: str
    error: str = ""
    near: str = ""  # the field the error was shown by ("sample", "reason" or "")


def _checked_style(color: str) -> str:
    return (
        f"QPushButton:checked {{ background: {color}; color: white; "
        f"border: 1px solid {color}; border-radius: 3px; }}"
    )


class ResultEditor(QWidget):
    """Buttons and fields for one item's result."""

    resultRequested = Signal(object)  # ItemResult | None, entered explicitly
    resultImplied = Signal(object)  # ItemResult: focus left the sample row with (n, k) typed
    leaveRequested = Signal()  # Esc: focus goes back to the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        self._result: ItemResult | None = None
        self._read_only = False
        self._build()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.conform_button = self._button(
            translate("scoring", "Conforming"), "C", STATUS_COLOR[CONFORM]
        )
        self.nonconform_button = self._button(
            translate("scoring", "Nonconforming"), "N", STATUS_COLOR[NONCONFORM]
        )
        self.delete_button = self._button(
            translate("scoring", "Delete…"), "D", STATUS_COLOR["deleted"]
        )
        self.clear_button = QPushButton(translate("scoring", "Clear [X]"))
        self.clear_button.setToolTip(translate("scoring", "Clear the result (X)"))
        self.conform_button.clicked.connect(lambda: self._request(ItemResult(CONFORM)))
        self.nonconform_button.clicked.connect(lambda: self._request(ItemResult(NONCONFORM)))
        self.delete_button.clicked.connect(self.start_delete)
        self.clear_button.clicked.connect(lambda: self._request(None))
        buttons = QHBoxLayout()
        for b in (self.conform_button, self.nonconform_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)

        # proportional: n and k
        self.sample_row = QWidget()
        sample = QHBoxLayout(self.sample_row)
        sample.setContentsMargins(0, 0, 0, 0)
        self.n_spin = self._spin(NO_N, translate("scoring", "Sample size n (S, ↵ next)"))
        self.k_spin = self._spin(NO_K, translate("scoring", "Nonconforming k (↵ record)"))
        self.sample_apply = QPushButton(translate("scoring", "Record ↵"))
        self.sample_apply.clicked.connect(lambda: self.apply_sample(explicit=True))
        self.sample_preview = QLabel()
        self.sample_error = QLabel()
        tint(self.sample_error, ERROR_COLOR)
        self.sample_error.setWordWrap(True)
        self.sample_error.hide()
        self.n_label = QLabel(translate("scoring", "Sample n"))
        self.k_label = QLabel(translate("scoring", "Nonconforming k"))
        for w in (
            self.n_label,
            self.n_spin,
            self.k_label,
            self.k_spin,
            self.sample_apply,
            self.sample_preview,
        ):
            sample.addWidget(w)
        sample.addStretch(1)
        self.n_label.setBuddy(self.n_spin)
        self.k_label.setBuddy(self.k_spin)
        QWidget.setTabOrder(self.n_spin, self.k_spin)
        QWidget.setTabOrder(self.k_spin, self.sample_apply)
        for spin in (self.n_spin, self.k_spin):
            spin.valueChanged.connect(self._update_preview)
            spin.valueChanged.connect(self._report_pending)
        # n and k are one entry: recorded when the keyboard leaves the row (see eventFilter)
        self.sample_apply.installEventFilter(self)

        # graded: one button per allowed award
        self.graded_row = QWidget()
        graded = QHBoxLayout(self.graded_row)
        graded.setContentsMargins(0, 0, 0, 0)
        self.graded_label = QLabel(translate("scoring", "Award"))
        graded.addWidget(self.graded_label)
        self._step_layout = graded
        self.step_buttons: list[QPushButton] = []
        self._graded_stretch_index = graded.count()
        graded.addStretch(1)

        # delete: a reason is required (the fields show once D is pressed or when deleted)
        self.reason_row = QWidget()
        reason = QHBoxLayout(self.reason_row)
        reason.setContentsMargins(0, 0, 0, 0)
        delete_row = QHBoxLayout()
        delete_row.addWidget(self.delete_button)
        delete_row.addWidget(self.reason_row, 1)
        delete_row.addStretch(0)
        # keep the button its own size when the reason fields are hidden
        self.delete_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(translate("scoring", "Reason for deleting (required)"))
        self.reason_edit.installEventFilter(self)
        self.reason_edit.textChanged.connect(self._report_pending)
        self.reason_apply = QPushButton(translate("scoring", "Delete ↵"))
        self.reason_apply.clicked.connect(self.apply_delete)
        # under the row and wrapped: a refusal must not widen the pane
        self.reason_error = QLabel()
        tint(self.reason_error, ERROR_COLOR)
        self.reason_error.setWordWrap(True)
        self.reason_error.hide()
        reason.addWidget(self.reason_edit, 1)
        reason.addWidget(self.reason_apply)

        self.error_label = QLabel()
        tint(self.error_label, ERROR_COLOR)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.sample_row)
        layout.addWidget(self.sample_error)
        layout.addWidget(self.graded_row)
        layout.addLayout(delete_row)
        layout.addWidget(self.reason_error)
        layout.addWidget(self.error_label)

    def _button(self, text: str, key: str, color: str) -> QPushButton:
        button = QPushButton(f"{text}  [{key}]")
        button.setCheckable(True)
        button.setStyleSheet(_checked_style(color))
        button.setToolTip(f"{text} ({key})")
        return button

    def _spin(self, minimum: int, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(minimum, 99999)
        spin.setSpecialValueText("—")
        spin.setValue(minimum)
        spin.setToolTip(tip)
        spin.setMinimumWidth(72)
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        spin.installEventFilter(self)
        return spin

    # -- showing an item ------------------------------------------------------------------
    def set_item(
        self, item: Item | None, result: ItemResult | None, draft: Draft | None = None
    ) -> None:
        """Show an item's recorded result (and a draft typed earlier, if any)."""
        self._item = item
        self._result = result
        judged = item.judged if item else ""
        self.sample_row.setVisible(judged == "proportional")
        self.graded_row.setVisible(judged == "graded")
        if item is not None and judged == "graded":
            self._set_steps(item.steps)
        deletable = bool(item and item.deletable)
        self.delete_button.setEnabled(deletable and not self._read_only)
        self.delete_button.setToolTip(
            self.delete_button.text()
            if deletable
            else translate("scoring", "This item may not be deleted")
        )
        self.set_result(result)
        if draft is not None:
            self._restore(draft)
        self._report_pending()

    def set_result(self, result: ItemResult | None) -> None:
        """Show the recorded result (after an edit, undo or redo); clears errors."""
        self._result = result
        kind = result.kind if result else None
        self.conform_button.setChecked(kind == CONFORM)
        self.nonconform_button.setChecked(kind == NONCONFORM)
        self.delete_button.setChecked(kind == NA)
        for button in self.step_buttons:
            button.setChecked(
                result is not None and kind == GRADED and button.property("step") == result.points
            )
        sampled = kind == SAMPLED and result is not None
        self._set_spins(
            result.sampled if sampled and result else NO_N,
            result.nonconforming if sampled and result else NO_K,
        )
        self.reason_edit.setText(result.reason if kind == NA and result else "")
        self.reason_edit.setCursorPosition(0)  # show the start of a long reason
        self.reason_row.setVisible(kind == NA)
        self.clear_error()
        self._report_pending()

    def _report_pending(self, *_args: object) -> None:
        """Tell the window's save indicator whether a sample or a reason is typed but not
        recorded yet (it is recorded when the keyboard leaves the row or the item)."""
        pending = False
        if self._item is not None and not self._read_only:
            r = self._result
            recorded = (r.sampled, r.nonconforming) if r and r.kind == SAMPLED else (NO_N, NO_K)
            reason = r.reason if r and r.kind == NA else ""
            typed = (self.n_spin.value(), self.k_spin.value())
            pending = (not self.sample_row.isHidden() and typed != recorded) or (
                not self.reason_row.isHidden() and self.reason_edit.text().strip() != reason
            )
        tracker().set_pending(self, pending)

    def _set_spins(self, n: int | None, k: int | None) -> None:
        for spin, value in ((self.n_spin, n), (self.k_spin, k)):
            spin.blockSignals(True)
            spin.setValue(spin.minimum() if value is None else value)
            spin.blockSignals(False)
        self._update_preview()

    def _set_steps(self, steps: tuple[Decimal, ...]) -> None:
        # Buttons are reused between items (creating widgets on every switch costs time).
        while len(self.step_buttons) < len(steps):
            button = QPushButton()
            button.setCheckable(True)
            button.setStyleSheet(_checked_style(STATUS_COLOR[CONFORM]))
            button.installEventFilter(self)
            button.setEnabled(not self._read_only)
            button.clicked.connect(lambda _=False, b=button: self._step_clicked(b))
            self._step_layout.insertWidget(
                self._graded_stretch_index + len(self.step_buttons), button
            )
            self.step_buttons.append(button)
        tip = translate("scoring", "Graded award (G, ←/→ choose, ↵ record)")
        for n, button in enumerate(self.step_buttons):
            if n < len(steps):
                button.setProperty("step", steps[n])
                button.setText(fmt_points(steps[n]))
                button.setToolTip(tip)
                button.show()
            else:
                button.hide()

    def _visible_steps(self) -> list[QPushButton]:
        return [b for b in self.step_buttons if not b.isHidden()]

    def _restore(self, draft: Draft) -> None:
        self._set_spins(draft.sampled, draft.nonconforming)
        if draft.reason:
            self.reason_edit.setText(draft.reason)
            self.reason_row.show()
        if draft.error:
            self.show_error(draft.error, draft.near)

    def draft(self) -> Draft | None:
        """Typed values that differ from the recorded result (None when nothing pending)."""
        result = self._result
        n, k = self.n_spin.value(), self.k_spin.value()
        rec_n = result.sampled if result and result.kind == SAMPLED else None
        rec_k = result.nonconforming if result and result.kind == SAMPLED else None
        sample_pending = (n, k) != (rec_n or NO_N, NO_K if rec_k is None else rec_k)
        reason = self.reason_edit.text()
        rec_reason = result.reason if result and result.kind == NA else ""
        reason_pending = not self.reason_row.isHidden() and reason != rec_reason
        if not (sample_pending or reason_pending):
            return None
        near = "sample" if self.sample_error.text() else ""
        near = near or ("reason" if self.reason_error.text() else "")
        return Draft(n, k, reason if reason_pending else "", self.error_text(), near)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for w in (
            self.conform_button,
            self.nonconform_button,
            self.clear_button,
            self.n_spin,
            self.k_spin,
            self.sample_apply,
            self.reason_edit,
            self.reason_apply,
            *self.step_buttons,
        ):
            w.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and bool(self._item and self._item.deletable))

    # -- errors in place ------------------------------------------------------------------
    def show_error(self, text: str, near: str = "") -> None:
        """Explain a refusal next to the field concerned (`near`: "sample", "reason")."""
        self.clear_error()
        label = {"sample": self.sample_error, "reason": self.reason_error}.get(near)
        if label is None:
            # a service refusal: place it by the field the entry came from when visible
            if not self.sample_row.isHidden() and self.n_spin.value() != NO_N:
                label = self.sample_error
            elif not self.reason_row.isHidden():
                label = self.reason_error
            else:
                label = self.error_label
        label.setText(text)
        label.show()
        if label is self.sample_error:
            self._mark(
                self.k_spin if self.k_spin.value() > self.n_spin.value() >= 1 else self.n_spin
            )

    def _mark(self, field: QWidget | None) -> None:
        """Outline the refused field in red (only one at a time)."""
        for spin in (self.n_spin, self.k_spin):
            # a tinted field (a styled border hides the value of a button-less spin box)
            spin.setStyleSheet(
                "QSpinBox { background: #fde2e1; color: #8e0000; }" if spin is field else ""
            )

    def clear_error(self) -> None:
        labels = (self.sample_error, self.reason_error, self.error_label)
        for label in labels:
            label.clear()
        if any(not label.isHidden() for label in labels):
            for label in labels:
                label.hide()
        if self.n_spin.styleSheet() or self.k_spin.styleSheet():
            self._mark(None)

    def error_text(self) -> str:
        return " ".join(
            x.text() for x in (self.sample_error, self.reason_error, self.error_label) if x.text()
        )

    # -- actions ------------------------------------------------------------------------
    def _request(self, result: ItemResult | None) -> None:
        self.set_result(self._result)  # checkable buttons toggled themselves: show the truth
        if self._item is not None and not self._read_only:
            self.resultRequested.emit(result)

    def focus_sample(self) -> bool:
        if self.sample_row.isHidden() or self._read_only:
            return False
        self.n_spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.n_spin.selectAll()
        return True

    def focus_graded(self) -> bool:
        steps = self._visible_steps()
        if self.graded_row.isHidden() or not steps or self._read_only:
            return False
        target = next((b for b in steps if b.isChecked()), steps[0])
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def start_delete(self) -> bool:
        # the checkable button toggled itself when clicked: show the recorded state
        self.delete_button.setChecked(bool(self._result and self._result.kind == NA))
        if self._item is None or not self._item.deletable or self._read_only:
            if self._item is not None and not self._item.deletable:
                self.show_error(translate("scoring", "This item may not be deleted"))
            return False
        self.reason_row.show()
        self.reason_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.reason_edit.selectAll()
        return True

    def apply_delete(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.show_error(translate("scoring", "a reason is required"), "reason")
            self.reason_edit.setFocus()
            return
        self.clear_error()
        if self._item is not None and not self._read_only:
            self.resultRequested.emit(ItemResult(NA, reason=reason))

    def apply_sample(self, explicit: bool) -> bool:
        """Ask for n and k to be recorded. `explicit` (Enter, button): also complain about
        missing values, and let the workspace move on; otherwise the focus stays put."""
        entry = self._sample_entry(explicit)
        if entry is None:
            return False
        self.clear_error()
        (self.resultRequested if explicit else self.resultImplied).emit(entry)
        return True

    def pending_entry(self) -> ItemResult | None:
        """The complete entry typed but not recorded: a deletion with its reason, or a sample
        (n, k). None when nothing is pending or what is typed is not complete (an invalid
        sample is explained in place and stays in the fields)."""
        if self._item is None or self._read_only:
            return None
        reason = self.reason_edit.text().strip()
        recorded = self._result
        if (
            not self.reason_row.isHidden()
            and reason
            and not (recorded and recorded.kind == NA and recorded.reason == reason)
        ):
            return ItemResult(NA, reason=reason)
        return self._sample_entry(explicit=False)

    def _sample_entry(self, explicit: bool) -> ItemResult | None:
        """The typed (n, k) as a result when it is complete, valid and new."""
        if self._item is None or self._read_only or self.sample_row.isHidden():
            return None
        n, k = self.n_spin.value(), self.k_spin.value()
        result = self._result
        if result and result.kind == SAMPLED and (result.sampled, result.nonconforming) == (n, k):
            return None  # nothing new (e.g. focus left without a change)
        if n == NO_N or k == NO_K:
            if explicit:
                what = (
                    translate("scoring", "enter the sample size")
                    if n == NO_N
                    else translate("scoring", "enter the nonconforming count")
                )
                self.show_error(what, "sample")
            return None
        if k > n:
            self.show_error(
                translate("scoring", "nonconforming cannot exceed the sample"),
                "sample",
            )
            return None
        return ItemResult(SAMPLED, sampled=n, nonconforming=k)

    def _step_clicked(self, button: QPushButton) -> None:
        self._request(ItemResult(GRADED, points=button.property("step")))

    def _update_preview(self) -> None:
        n, k = self.n_spin.value(), self.k_spin.value()
        if self._item is None or n == NO_N or k == NO_K or k > n:
            self.sample_preview.setText("")
            return
        got = self._item.points * (n - k) / n
        self.sample_preview.setText(f"→ {fmt_points(got)} / {fmt_points(self._item.points)}")

    # -- keyboard inside the editor -------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            if watched in (self.n_spin, self.k_spin, self.sample_apply):
                self._left_sample_field(event)
            return super().eventFilter(watched, event)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.leaveRequested.emit()
            return True
        if watched is self.n_spin and key in _ENTER_KEYS:
            self.k_spin.setFocus(Qt.FocusReason.TabFocusReason)
            self.k_spin.selectAll()
            return True
        if watched is self.k_spin and key in _ENTER_KEYS:
            self.apply_sample(explicit=True)
            return True
        if watched is self.reason_edit and key in _ENTER_KEYS:
            self.apply_delete()
            return True
        if watched in self.step_buttons:
            steps = self._visible_steps()
            pos = steps.index(watched) if watched in steps else 0
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                pos = max(0, min(len(steps) - 1, pos + (1 if key == Qt.Key.Key_Right else -1)))
                steps[pos].setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in _ENTER_KEYS:
                steps[pos].click()
                return True
        return super().eventFilter(watched, event)

    def _left_sample_field(self, event: QFocusEvent) -> None:
        """n, k or Record lost the keyboard: record the sample once it left the whole row.

        Qt has already given the focus to the next widget when FocusOut arrives, so the new
        focus widget tells whether the auditor only moved between n and k."""
        if event.reason() in _NOT_LEAVING:
            return
        now = QApplication.focusWidget()
        if now is not None and self.sample_row.isAncestorOf(now):
            return
        self.apply_sample(explicit=False)
