"""After signing: where the report is, whether it fits an email, and the hand-off to the
committee — open the folder, or an email draft with the report (and a package) attached.

Opening goes through `opener` (QDesktopServices.openUrl by default): the folder in the file
manager, the `.eml` draft in the mail program, or a mailto: link when no draft can be opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.services import handoff
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.fields import ErrorLabel


class HandoffDialog(QDialog):
    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        report: Path,
        parent: QWidget | None = None,
        opener: Callable[[QUrl], object] = QDesktopServices.openUrl,
        saved_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoffDialog")
        self.setWindowTitle(self.tr("Export signed report"))
        self.setMinimumWidth(560)
        self.store, self.audit_id, self.report, self.opener = store, audit_id, report, opener
        self.package: Path | None = None
        self.eml: Path | None = None
        saved = QLabel(
            saved_text or self.tr("The signed report was saved to\n{path}").format(path=str(report))
        )
        saved.setObjectName("handoffSaved")
        saved.setWordWrap(True)
        self.size_label = QLabel()  # not `self.size`: that would hide QWidget.size()
        self.size_label.setObjectName("handoffSize")
        self.size_label.setWordWrap(True)
        self.to = QLineEdit(store.get_setting(handoff.TO_SETTING) or "")
        self.to.setObjectName("committeeEmail")
        self.to.setPlaceholderText(self.tr("review committee's address"))
        attach = QPushButton(self.tr("Attach a package…"))
        attach.clicked.connect(self._ask_package)
        self.error = ErrorLabel()
        self.error.setObjectName("handoffError")
        form = QFormLayout()
        form.addRow(self.tr("To"), self.to)
        attach_row = QHBoxLayout()
        attach_row.addWidget(attach)
        attach_row.addStretch(1)
        form.addRow("", attach_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.folder_button = buttons.addButton(
            self.tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button.setObjectName("openFolder")
        self.email_button = buttons.addButton(
            self.tr("Email to the committee"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.email_button.setObjectName("emailDraft")
        self.folder_button.clicked.connect(self.open_folder)
        self.email_button.clicked.connect(self.email_draft)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(saved)
        layout.addWidget(self.size_label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_size()
        self.email_button.setFocus()

    def attachments(self) -> list[Path]:
        return [self.report] + ([self.package] if self.package else [])

    def _show_size(self) -> None:
        try:
            draft = handoff.prepare(self.store, self.audit_id, self.attachments())
        except AuditorError as exc:
            self.size_label.setText(str(exc))
            return
        text = self.tr("{size:.1f} MB to send (email limit {limit:.0f} MB).").format(
            size=draft.total_bytes / 1e6, limit=draft.limit_bytes / 1e6
        )
        if draft.over_limit:
            text += " " + self.tr(
                "Too large for most mail servers: share the folder instead, or send the "
                "package separately."
            )
            self.size_label.setStyleSheet("color: #b3261e;")
        else:
            self.size_label.setStyleSheet("")
        self.size_label.setText(text)

    def set_package(self, path: Path | None) -> None:
        self.package = path
        self._show_size()

    def _ask_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attach a package"), str(self.report.parent)
        )
        if path:
            self.set_package(Path(path))

    def open_folder(self) -> None:
        self.opener(QUrl.fromLocalFile(str(self.report.parent)))

    def email_draft(self) -> Path | None:
        """Write the .eml beside the report and open it; the mailto: link when that fails."""
        to = self.to.text().strip()
        try:
            if to != (self.store.get_setting(handoff.TO_SETTING) or ""):
                self.store.set_setting(handoff.TO_SETTING, to)  # remembered for next time
            draft = handoff.prepare(self.store, self.audit_id, self.attachments())
            eml = handoff.write_draft(draft, self.report.with_suffix(".eml"))
        except (AuditorError, OSError) as exc:
            self.error.set_error(str(exc))
            return None
        self.error.set_error(None)
        self.eml = eml
        if not self.opener(QUrl.fromLocalFile(str(eml))):
            self.opener(QUrl(handoff.mailto_url(draft)))
        return eml
