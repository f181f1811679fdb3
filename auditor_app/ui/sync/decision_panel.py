"""The committee's decision on the selected report: approve, reject or rectification required.

Gathers and checks the inputs only; the committee view records the decision in a worker. The
certificate fields follow the decision and the audit type: an approval needs a certificate
number; only an initial or recertification audit issues one (so only it has an issue date).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditor_app.ui import labels
from auditor_app.ui.fields import DATE_FORMAT, DateField, ErrorLabel
from auditor_app.ui.sync import texts

ISSUING_TYPES = ("initial", "recertification")  # as sync.committee.ISSUING_TYPES


class DecisionPanel(QGroupBox):
    """Emits `submitted(dict)` with decide()'s arguments when the user records a decision."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Committee decision"), parent)
        self.setObjectName("decisionPanel")
        self.report: Any = None

        self.about = QLabel(self.tr("Select a report on the left."))
        self.about.setObjectName("decisionAbout")
        self.about.setWordWrap(True)
        self.verification = QLabel()
        self.verification.setObjectName("decisionVerification")
        self.verification.setWordWrap(True)
        self.verification.hide()

        self.choices: dict[str, QRadioButton] = {}
        group = QButtonGroup(self)
        choice_row = QVBoxLayout()
        choice_row.setSpacing(2)
        for code in ("approve", "rectification_required", "reject"):
            button = QRadioButton(texts.decision(code))
            button.setObjectName(f"decision_{code}")
            group.addButton(button)
            choice_row.addWidget(button)
            self.choices[code] = button
        self.choices["approve"].setChecked(True)

        self.certificate = QLineEdit()
        self.certificate.setObjectName("certificateNumber")
        self.certificate.setPlaceholderText(self.tr("e.g. CB-2026-001"))
        # typed dates (2027-02-14, 2027/2/14, 20270214) as everywhere in the app: a QDateEdit
        # rolled typed digits into other dates (issue 13)
        today = QDate.currentDate().toString(DATE_FORMAT)
        self.decided_on = DateField()
        self.decided_on.setObjectName("decidedOn")
        self.decided_on.put(today)
        self.issued_on = DateField()
        self.issued_on.setObjectName("issuedOn")
        self.issued_on.put(today)
        self._issued_followed = today  # what the issue date copied from the decision date
        self.decided_on.dateChanged.connect(self._follow_decision_date)
        self.note = QPlainTextEdit()
        self.note.setObjectName("decisionNote")
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setMaximumHeight(56)
        # the committee's override of the scheme's level conditions (e.g. stars after a year)
        self.outstanding = QLineEdit()
        self.outstanding.setObjectName("outstandingReason")
        self.outstanding.setPlaceholderText(self.tr("Outstanding results: reason (optional)"))
        self.cycle_hint = QLabel()
        self.cycle_hint.setWordWrap(True)
        self.cycle_hint.setStyleSheet(texts.NOTE_STYLE)

        form = QFormLayout()
        # labels above their fields: the panel stays narrow, the reports table gets the width
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        form.addRow(self.tr("Decision"), choice_row)
        form.addRow(self.tr("Certificate no."), self.certificate)
        form.addRow(self.tr("Decided on"), self.decided_on)
        form.addRow(self.tr("Issued on"), self.issued_on)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Level override"), self.outstanding)

        self.error = ErrorLabel()
        self.error.setObjectName("decisionError")
        self.record = QPushButton(self.tr("Record decision"))
        self.record.setObjectName("recordDecision")
        self.record.clicked.connect(self._submit)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.record)

        for button in self.choices.values():
            button.toggled.connect(self._sync_enabled)
        # the fields scroll when the window is short; the error and the button stay in view
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.addWidget(self.about)
        body_layout.addWidget(self.verification)
        body_layout.addLayout(form)
        body_layout.addWidget(self.cycle_hint)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)  # the group box's colour, not a box
        body.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row)
        self.set_report(None)

    def _follow_decision_date(self, date: str) -> None:
        # the certificate is normally issued on the day of the decision; a date typed into
        # the issue field itself is kept
        if self.issued_on.get() == self._issued_followed and self.decided_on.problem() is None:
            self.issued_on.put(date)
            self._issued_followed = date

    def set_report(self, report: Any) -> None:
        """Show the selected ReceivedReport (None: nothing selected).

        The same report again (its signature checked anew in the background) keeps what the
        reviewer typed and the refusal shown: only another report starts the panel afresh."""
        same = (
            report is not None
            and self.report is not None
            and report.audit_id == self.report.audit_id
        )
        self.report = report
        if not same:
            self.error.set_error(None)
        if report is None:
            self.about.setText(self.tr("Select a report on the left."))
            self.verification.hide()
        else:
            current = texts.decision(report.decision.decision if report.decision else None)
            self.about.setText(
                f"<b>{html.escape(report.client)}</b><br>{labels.audit_type(report.audit_type)}"
                f" · {html.escape(report.report_number or '—')}"
                "<br>" + self.tr("Current: {decision}").format(decision=html.escape(current))
            )
            if report.verified:
                self.verification.hide()
            else:
                # the checker's sentences can be long: the first in brief, all in the tooltip
                first = report.problems[0] if report.problems else ""
                self.verification.setText(
                    self.tr("⚠ The report's signature does not verify")
                    + (f": {first[:110]}…" if len(first) > 110 else f": {first}" if first else "")
                )
                self.verification.setToolTip("\n".join(report.problems))
                self.verification.setStyleSheet(texts.BAD_STYLE)
                self.verification.show()
            opened = getattr(report, "open_nonconformities", ())
            if opened:  # the committee sees what is still open when it decides
                base = "" if report.verified else self.verification.text() + "<br>"
                self.verification.setText(
                    base + self.tr("Open nonconformities: {n}").format(n=len(opened))
                )
                shown = list(opened) if report.verified else [*report.problems, *opened]
                self.verification.setToolTip("\n".join(shown))
                self.verification.setStyleSheet(texts.BAD_STYLE)
                self.verification.show()
            if not same and report.decision and report.decision.certificate_number:
                self.certificate.setText(report.decision.certificate_number)
        self._sync_enabled()

    def decision(self) -> str:
        return next(code for code, button in self.choices.items() if button.isChecked())

    def _issuing(self) -> bool:
        return self.report is not None and self.report.audit_type in ISSUING_TYPES

    def _sync_enabled(self, *_args: object) -> None:
        has = self.report is not None and not self.report.superseded
        approve = self.decision() == "approve"
        for button in self.choices.values():
            button.setEnabled(has)
        self.certificate.setEnabled(has and approve)
        self.decided_on.setEnabled(has)
        self.issued_on.setEnabled(has and approve and self._issuing())
        self.note.setEnabled(has)
        self.outstanding.setEnabled(has and approve)
        self.record.setEnabled(has)
        if self.report is not None and self.report.superseded:
            self.cycle_hint.setText(
                self.tr("A newer revision supersedes this one: decide on the newest.")
            )
        elif approve and self.report is not None:
            self.cycle_hint.setText(
                self.tr(
                    "An approval issues the certificate for 3 years and starts its surveillance"
                    " cycle."
                )
                if self._issuing()
                else self.tr(
                    "Surveillance or special audit: give the number of the certificate it keeps"
                    " going."
                )
            )
        else:
            self.cycle_hint.setText("")

    def _submit(self) -> None:
        if self.report is None:
            return
        self.error.set_error(None)
        decision = self.decision()
        number = self.certificate.text().strip() if decision == "approve" else ""
        if decision == "approve" and not number:
            self.error.set_error(self.tr("An approval needs the certificate number."))
            self.certificate.setFocus()
            return
        issuing = decision == "approve" and self._issuing()
        for field in (self.decided_on, self.issued_on) if issuing else (self.decided_on,):
            problem = field.problem() or (None if field.get() else self.tr("Give the date."))
            if problem:  # never stored as some other date
                self.error.set_error(problem)
                field.setFocus()
                return
        issued = self.issued_on.get() if issuing else None
        self.submitted.emit(
            {
                "audit_id": self.report.audit_id,
                "decision": decision,
                "decided_on": self.decided_on.get(),
                "certificate_number": number,
                "issued_on": issued,
                "note": self.note.toPlainText().strip(),
                "outstanding": self.outstanding.text().strip() if decision == "approve" else "",
            }
        )

    def recorded(self) -> None:
        """The decision was recorded: clear the note for the next one (and an earlier refusal)."""
        self.error.set_error(None)
        self.note.clear()
        self.outstanding.clear()

    def show_error(self, text: str) -> None:
        self.error.set_error(text)
