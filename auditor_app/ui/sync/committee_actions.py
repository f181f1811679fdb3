"""The committee's own decisions on a certificate: suspend, withdraw, reduce or extend the scope.

Gathers the inputs for the selected certificate (always with a reason); the committee view
records them in a worker (`record_action`, over `sync.certificate_register.act`) and loads the
lists again, so the register's state and history follow at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from auditor_app.services.package_jobs import Report, _quiet, opened
from auditor_app.ui.fields import DATE_FORMAT, DateField, ErrorLabel

ACTIONS = ("suspend", "withdraw", "reduce-scope", "extend-scope")


def record_action(store_path: Path, values: dict[str, Any], report: Report = _quiet) -> Any:
    """Worker body: the action recorded; returns the certificate as the register now has it."""
    from auditor_app.sync.certificate_register import act

    report(0, 1, "decide")
    with opened(store_path) as store:
        return act(
            store,
            values["number"],
            values["action"],
            reason=values["reason"],
            on=dt.date.fromisoformat(values["on"]),
            scope=values.get("scope") or None,
        )


class CertificateActions(QGroupBox):
    """Emits `submitted(dict)`: number, action, on, reason, scope."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Certificate decision"), parent)
        self.setObjectName("certificateActions")
        self.number = ""
        self.action = QComboBox()
        self.action.setObjectName("certificateAction")
        names = {
            "suspend": self.tr("Suspend"),
            "withdraw": self.tr("Withdraw"),
            "reduce-scope": self.tr("Reduce scope"),
            "extend-scope": self.tr("Extend scope"),
        }
        for code in ACTIONS:
            self.action.addItem(names[code], code)
        self.on = DateField()  # typed, as every date in the app (issue 13)
        self.on.setObjectName("actionDate")
        self.on.put(QDate.currentDate().toString(DATE_FORMAT))
        self.reason = QLineEdit()
        self.reason.setObjectName("actionReason")
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.scope = QLineEdit()
        self.scope.setObjectName("actionScope")
        self.scope.setPlaceholderText(self.tr("The new scope"))
        self.error = ErrorLabel()
        self.error.setObjectName("actionError")
        self.record = QPushButton(self.tr("Record"))
        self.record.setObjectName("recordAction")
        self.record.clicked.connect(self._submit)
        self.action.currentIndexChanged.connect(self._sync)
        form = QFormLayout(self)
        form.addRow(self.tr("Decision"), self.action)
        form.addRow(self.tr("Date"), self.on)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow(self.error)
        form.addRow(self.record)
        self.set_certificate("")

    def set_certificate(self, number: str) -> None:
        self.number = number
        self.error.set_error(None)
        self._sync()

    def _sync(self, *_args: object) -> None:
        has = bool(self.number)
        for widget in (self.action, self.on, self.reason, self.record):
            widget.setEnabled(has)
        self.scope.setEnabled(has and "scope" in (self.action.currentData() or ""))

    def _submit(self) -> None:
        if not self.number:
            return
        self.error.set_error(None)
        reason = self.reason.text().strip()
        if not reason:
            self.error.set_error(self.tr("Give the reason."))
            self.reason.setFocus()
            return
        problem = self.on.problem() or (None if self.on.get() else self.tr("Give the date."))
        if problem:  # never stored as some other date
            self.error.set_error(problem)
            self.on.setFocus()
            return
        action = self.action.currentData()
        self.submitted.emit(
            {
                "number": self.number,
                "action": action,
                "on": self.on.get(),
                "reason": reason,
                "scope": self.scope.text().strip() if "scope" in action else "",
            }
        )

    def recorded(self) -> None:
        self.reason.clear()
        self.scope.clear()

    def show_error(self, text: str) -> None:
        self.error.set_error(text)
