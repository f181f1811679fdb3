"""The New audit form: who is audited, what kind of audit, against which installed scheme.

Everything else (team, sites, the full headcount breakdown) is filled in on the details tab,
which opens right after; the audit exists in the database as soon as this form is accepted.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError, ValidationError
from auditor_app.core.scheme import installed_schemes, load_scheme
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.store.audit_store import AUDIT_TYPES
from auditor_app.ui import labels
from auditor_app.ui.fields import Count, DateField, ErrorLabel, with_error


def scheme_choices() -> list[tuple[str, str, str]]:
    """(file stem, label, path) of every installed scheme that loads."""
    out = []
    for path in installed_schemes():
        try:
            scheme = load_scheme(path)
        except ValidationError:
            continue  # a broken file is reported by `auditor-app scheme check`, not here
        out.append((path.stem, f"{labels.scheme_title(scheme)} ({scheme.version})", str(path)))
    return out


class NewAuditDialog(QDialog):
    def __init__(self, service: AuditService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAuditDialog")
        self.setWindowTitle(self.tr("New audit"))
        self.setMinimumWidth(560)
        self.service = service
        self.audit_id: int | None = None

        self.name = QLineEdit()
        self.name.setObjectName("clientName")
        self.address = QLineEdit()
        self.address.setObjectName("clientAddress")
        self.contact = QLineEdit()
        self.contact.setObjectName("clientContact")
        self.representative = QLineEdit()
        self.representative.setObjectName("clientRepresentative")
        self.audit_type = QComboBox()
        self.audit_type.setObjectName("auditType")
        for code in AUDIT_TYPES:
            self.audit_type.addItem(labels.audit_type(code), code)
        self.scheme = QComboBox()
        self.scheme.setObjectName("scheme")
        default = service.store.get_setting("default_scheme") or "gbt27922-2011"
        for stem, label, path in scheme_choices():
            self.scheme.addItem(label, path)
            if stem == default:
                self.scheme.setCurrentIndex(self.scheme.count() - 1)
        # A long scheme title must not squeeze the form's labels: the box elides, the tooltip
        # and the open list show the whole title.
        self.scheme.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scheme.setMinimumContentsLength(24)
        self.scheme.setToolTip(self.scheme.currentText())
        self.scheme.currentTextChanged.connect(self.scheme.setToolTip)
        self.report_number = QLineEdit()
        self.report_number.setObjectName("reportNumber")
        self.start = DateField()
        self.start.setObjectName("startDate")
        self.end = DateField()
        self.end.setObjectName("endDate")
        self.full_time = Count()
        self.full_time.setObjectName("fullTime")

        form = QFormLayout()
        name_box, self.name_error = with_error(self.name)
        form.addRow(self.tr("Client name"), name_box)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Representative"), self.representative)
        form.addRow(self.tr("Audit type"), self.audit_type)
        form.addRow(self.tr("Criteria (scheme)"), self.scheme)
        form.addRow(self.tr("Report number"), self.report_number)
        start_box, self.start_error = with_error(self.start)
        form.addRow(self.tr("First day"), start_box)
        end_box, self.end_error = with_error(self.end)
        form.addRow(self.tr("Last day"), end_box)
        form.addRow(self.tr("Full-time staff"), self.full_time)
        hint = QLabel(self.tr("Team, sites and the full headcount follow on the details tab."))
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)  # a longer language wraps instead of being cut
        self.error = ErrorLabel()
        self.error.setObjectName("formError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create audit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()  # the client's name is what one types first

    def accept(self) -> None:
        """Create the audit; on a problem say so in place and keep everything typed."""
        ok = True
        if not self.name.text().strip():
            self.name_error.set_error(self.tr("The client's name is required."))
            self.name.setFocus()
            ok = False
        else:
            self.name_error.set_error(None)
        start, end = self.start.get(), self.end.get()
        self.start_error.set_error(self.start.problem())
        if self.start.problem() or self.end.problem():
            self.end_error.set_error(self.end.problem())
            (self.start if self.start.problem() else self.end).setFocus()
            ok = False
        elif start and end and end < start:
            self.end_error.set_error(self.tr("The last day is before the first day."))
            ok = False
        else:
            self.end_error.set_error(None)
        if not ok:
            return
        try:
            self.audit_id = self._create()
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return
        super().accept()

    def _create(self) -> int:
        store = self.service.store
        client = ClientInfo(
            self.name.text().strip(),
            self.address.text().strip(),
            self.contact.text().strip(),
            self.representative.text().strip(),
        )
        headcount = {"full_time": self.full_time.get()} if self.full_time.get() else {}
        leader = (store.get_setting("auditor_name") or "").strip()
        # the auditor creating the audit usually leads it
        team = [{"name": leader, "role": "leader"}] if leader else []
        audit_id, _plan = self.service.create_planned_audit(
            client,
            self.audit_type.currentData(),
            self.scheme.currentData(),
            team=team,
            report_number=self.report_number.text().strip(),
            start_date=self.start.get(),
            end_date=self.end.get(),
            headcount=headcount,
        )
        return audit_id
