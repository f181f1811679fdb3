"""The headcount breakdown that drives audit person-days (IAF MD 5), with checks in place.

`edited` fires on every keystroke so the person-days panel follows live; `committed` fires when
a value settles and the page writes it. Values that the engine would refuse are still written
(nothing typed is lost) and the field says what is wrong right under it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditor_app.ui.fields import (
    Committer,
    Count,
    ErrorLabel,
    OptionalCount,
    OptionalNumber,
)
from auditor_app.ui.rows_editor import Column, RowsEditor


def check_headcount(values: dict[str, Any]) -> dict[str, str]:
    """Problems per field, worded for the form (the engine re-checks everything)."""
    translate = QCoreApplication.translate
    out: dict[str, str] = {}
    if values.get("part_time") and values.get("part_time_hours") is None:
        out["part_time_hours"] = translate(
            "Headcount", "Give the part-time staff's average hours per week."
        )
    staff = values.get("similar_function_staff") or 0
    counted = values.get("similar_function_counted")
    persons = sum(values.get(k) or 0 for k in ("full_time", "temporary", "contractors"))
    if staff > persons:
        out["similar_function_staff"] = translate(
            "Headcount",
            "More than the {n} full-time, temporary and contractor persons.",
        ).format(n=persons)
    if staff and counted is None:
        out["similar_function_counted"] = translate(
            "Headcount", "Give the number these staff are counted as."
        )
    elif counted is not None and counted > staff:
        out["similar_function_counted"] = translate(
            "Headcount", "Cannot be more than the {n} similar-function staff."
        ).format(n=staff)
    elif (
        counted is not None
        and counted < staff
        and not str(values.get("similar_function_reason") or "").strip()
    ):
        out["similar_function_reason"] = translate(
            "Headcount", "Counting fewer persons needs a justification."
        )
    if any(not str(a[0]).strip() for a in values.get("adjustments") or ()):
        out["adjustments"] = translate("Headcount", "Every adjustment needs a reason.")
    return out


class HeadcountSection(QGroupBox):
    edited = Signal(dict)
    committed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Headcount (for audit person-days)"), parent)
        self.setObjectName("headcountSection")
        self.widgets: dict[str, Any] = {
            "full_time": Count(),
            "part_time": Count(),
            "part_time_hours": OptionalNumber(maximum=168),
            "temporary": Count(),
            "contractors": Count(),
            "similar_function_staff": Count(),
            "similar_function_counted": OptionalCount(),
            "similar_function_reason": QLineEdit(),
            "service_mgmt_staff": OptionalCount(),
            "certified_managers": OptionalCount(),
            "verified_headcount": OptionalCount(),
            "planned_days": OptionalNumber(maximum=1000),
        }
        self.sampling = QCheckBox(self.tr("Sampling of outlets allowed (IAF MD 1)"))
        self.sampling.setChecked(True)
        self.errors: dict[str, ErrorLabel] = {}
        for key, widget in self.widgets.items():
            widget.setObjectName(key)
        self.widgets["part_time_hours"].setSuffix(self.tr(" h/week"))
        self.widgets["planned_days"].setSuffix(self.tr(" days"))
        self.widgets["similar_function_reason"].setPlaceholderText(
            self.tr("Why they may be counted as fewer persons")
        )
        self.adjustments = RowsEditor(
            [
                Column("reason", self.tr("Adjustment reason"), stretch=True),
                Column("percent", self.tr("±%"), kind="percent"),
            ],
            {"reason": "", "percent": 0},
            self.tr("Add adjustment"),
            self.tr("Remove"),
            self,
        )
        self.adjustments.setObjectName("adjustments")
        self._layout()
        self._committers = [self._bind(key, widget) for key, widget in self.widgets.items()]
        self._committers.append(
            Committer(self.sampling, self.sampling.isChecked, self.sampling.toggled, delay_ms=0)
        )
        self._committers[-1].committed.connect(self._commit)
        self.sampling.toggled.connect(self._edited)
        self.adjustments.model.edited.connect(self._adjustments_edited)

    def _layout(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        rows = [
            (
                ("full_time", self.tr("Full-time staff")),
                ("verified_headcount", self.tr("Verified on site (full-time)")),
            ),
            (
                ("part_time", self.tr("Part-time staff")),
                ("part_time_hours", self.tr("Part-time hours")),
            ),
            (
                ("temporary", self.tr("Temporary staff")),
                ("contractors", self.tr("Contractors in scope")),
            ),
            (
                ("similar_function_staff", self.tr("Similar-function staff")),
                ("similar_function_counted", self.tr("…counted as")),
            ),
            (
                ("service_mgmt_staff", self.tr("Service-management staff")),
                ("certified_managers", self.tr("Certified service managers")),
            ),
            (("planned_days", self.tr("Planned audit days")), None),
        ]
        for r, pair in enumerate(rows):
            for c, entry in enumerate(pair):
                if entry is None:
                    continue
                key, text = entry
                self._place(grid, r, c * 2, key, text)
        row = len(rows)
        grid.addWidget(QLabel(self.tr("Reason for counting fewer")), row, 0)
        self._place_widget(grid, row, 1, "similar_function_reason", span=3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.sampling)
        layout.addWidget(
            QLabel(self.tr("Adjustments (risk, complexity, sites …; total reduction at most 30 %)"))
        )
        layout.addWidget(self.adjustments)

    def _place(self, grid: QGridLayout, row: int, col: int, key: str, text: str) -> None:
        label = QLabel(text)
        label.setBuddy(self.widgets[key])
        grid.addWidget(label, row, col)
        self._place_widget(grid, row, col + 1, key)

    def _place_widget(self, grid: QGridLayout, row: int, col: int, key: str, span: int = 1) -> None:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(self.widgets[key])
        self.errors[key] = ErrorLabel()
        inner.addWidget(self.errors[key])
        grid.addWidget(box, row, col, 1, span)

    def _bind(self, key: str, widget: Any) -> Committer:
        changed = widget.textChanged if isinstance(widget, QLineEdit) else widget.valueChanged
        get = widget.text if isinstance(widget, QLineEdit) else widget.get
        committer = Committer(widget, get, changed, widget.editingFinished)
        committer.committed.connect(self._commit)
        changed.connect(self._edited)
        return committer

    # -- values -----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.widgets.items():
            out[key] = widget.text().strip() if isinstance(widget, QLineEdit) else widget.get()
        out["sampling_allowed"] = self.sampling.isChecked()
        out["adjustments"] = [[r["reason"], r["percent"]] for r in self.adjustments.model.rows()]
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        for committer in self._committers:
            widget = committer.widget
            key = widget.objectName()
            if widget is self.sampling:
                committer.set_quietly(
                    lambda: self.sampling.setChecked(bool(values.get("sampling_allowed", True)))
                )
            elif isinstance(widget, QLineEdit):
                committer.set_quietly(lambda w=widget, k=key: w.setText(str(values.get(k) or "")))
            else:
                committer.set_quietly(lambda w=widget, k=key: w.put(values.get(k)))
        rows = [{"reason": a[0], "percent": a[1]} for a in values.get("adjustments") or ()]
        self.adjustments.model.set_rows(rows)
        self.show_checks()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.widgets.values():
            widget.setReadOnly(read_only)
        self.sampling.setEnabled(not read_only)
        self.adjustments.set_read_only(read_only)

    def flush(self) -> None:
        for committer in self._committers:
            committer.flush()

    def pending(self) -> bool:
        return any(c.pending() for c in self._committers)

    def show_checks(self) -> dict[str, str]:
        problems = check_headcount(self.values())
        for key, label in self.errors.items():
            label.set_error(problems.get(key))
        self.adjustments.error.set_error(problems.get("adjustments"))
        return problems

    def _edited(self, *_args: object) -> None:
        self.show_checks()
        self.edited.emit(self.values())

    def _adjustments_edited(self) -> None:
        self._edited()
        self._commit()

    def _commit(self, *_args: object) -> None:
        self.committed.emit(self.values())
