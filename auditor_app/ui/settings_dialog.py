"""Settings: the auditor, the certification body, the default scheme and the UI language.

These are domain settings, stored in the database (`store.set_setting`), so they travel with
it; each changed value commits on OK with its trail entry. Window state is not here: it
belongs to QSettings.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core import settings as registry
from auditor_app.core.errors import AuditorError
from auditor_app.services import handoff, settings
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.fields import ErrorLabel
from auditor_app.ui.i18n import normalise
from auditor_app.ui.new_audit import scheme_choices


def _unless_default(value: str, default: str) -> str:
    """Store a template only when it differs from the built-in one (empty: built-in)."""
    return "" if value.strip() == default.strip() else value


class SettingsDialog(QDialog):
    def __init__(self, store: AuditStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self.store = store
        self.changed: dict[str, str] = {}

        self.auditor = QLineEdit(store.get_setting(registry.AUDITOR_NAME.key) or "")
        self.auditor.setObjectName("auditorName")
        self.auditor.setPlaceholderText(self.tr("Your name as it appears in reports"))
        self.cb = QLineEdit(store.get_setting(registry.CB_NAME.key) or "")
        self.cb.setObjectName("cbName")
        # The CB's identity printed in reports (replaces the style file's example identity).
        self.cb_address = QLineEdit(store.get_setting(registry.CB_ADDRESS.key) or "")
        self.cb_address.setObjectName("cbAddress")
        self.cb_accreditation = QLineEdit(store.get_setting(registry.CB_ACCREDITATION.key) or "")
        self.cb_accreditation.setObjectName("cbAccreditation")
        self.scheme = QComboBox()
        self.scheme.setObjectName("defaultScheme")
        current = settings.text(store, registry.DEFAULT_SCHEME)
        for stem, label, _path in scheme_choices():
            self.scheme.addItem(label, stem)
            if stem == current:
                self.scheme.setCurrentIndex(self.scheme.count() - 1)
        # A long scheme title must not squeeze the form's labels: the box elides, the tooltip
        # and the open list show the whole title.
        self.scheme.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scheme.setMinimumContentsLength(24)
        self.scheme.setToolTip(self.scheme.currentText())
        self.scheme.currentTextChanged.connect(self.scheme.setToolTip)
        # Optional: with a reachable service, signatures are PAdES B-T; without, B-B.
        self.timestamp = QLineEdit(store.get_setting(registry.TIMESTAMP_URL.key) or "")
        self.timestamp.setObjectName("timestampUrl")
        self.timestamp.setPlaceholderText(self.tr("Optional, e.g. the CB's RFC 3161 service"))
        # the hand-off email after signing (see services.handoff)
        self.committee_email = QLineEdit(store.get_setting(handoff.TO_SETTING) or "")
        self.committee_email.setObjectName("committeeEmail")
        self.email_subject = QLineEdit(
            store.get_setting(handoff.SUBJECT_SETTING) or handoff.DEFAULT_SUBJECT
        )
        self.email_subject.setObjectName("emailSubject")
        self.email_body = QPlainTextEdit(
            store.get_setting(handoff.BODY_SETTING) or handoff.DEFAULT_BODY
        )
        self.email_body.setObjectName("emailBody")
        self.email_body.setTabChangesFocus(True)
        self.email_body.setMaximumHeight(110)
        self.email_body.setToolTip(self.tr("Placeholders: {report} {client} {files}"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        # Each language is named in itself, so it can be found whatever the current one is.
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.addItem("中文 + English", "bilingual")
        lang = normalise(store.get_setting(registry.UI_LANGUAGE.key))
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))

        form = QFormLayout()
        form.addRow(self.tr("Auditor name"), self.auditor)
        form.addRow(self.tr("Certification body"), self.cb)
        form.addRow(self.tr("CB address"), self.cb_address)
        form.addRow(self.tr("CB accreditation / approval no."), self.cb_accreditation)
        form.addRow(self.tr("Default scheme for new audits"), self.scheme)
        form.addRow(self.tr("Timestamp service (URL)"), self.timestamp)
        form.addRow(self.tr("Review committee's email"), self.committee_email)
        form.addRow(self.tr("Email subject"), self.email_subject)
        form.addRow(self.tr("Email text"), self.email_body)
        form.addRow(self.tr("Language"), self.language)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {
            registry.AUDITOR_NAME.key: self.auditor.text().strip(),
            registry.CB_NAME.key: self.cb.text().strip(),
            registry.CB_ADDRESS.key: self.cb_address.text().strip(),
            registry.CB_ACCREDITATION.key: self.cb_accreditation.text().strip(),
            registry.DEFAULT_SCHEME.key: str(self.scheme.currentData() or ""),
            registry.UI_LANGUAGE.key: str(self.language.currentData()),
            registry.TIMESTAMP_URL.key: self.timestamp.text().strip(),
            handoff.TO_SETTING: self.committee_email.text().strip(),
            handoff.SUBJECT_SETTING: _unless_default(
                self.email_subject.text().strip(), handoff.DEFAULT_SUBJECT
            ),
            handoff.BODY_SETTING: _unless_default(
                self.email_body.toPlainText(), handoff.DEFAULT_BODY
            ),
        }

    def accept(self) -> None:
        changed = {}
        for key, value in self.values().items():
            old = self.store.get_setting(key) or ""
            if key == registry.UI_LANGUAGE.key:
                old = normalise(old or None)
            if value != old:
                changed[key] = value
        try:
            # one transaction, checked against the registry; the service also makes a new
            # auditor name the trail's actor
            settings.save(self.store, changed)
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return
        self.changed = changed
        super().accept()
