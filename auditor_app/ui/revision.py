"""Asking for the reason of a new revision of a signed audit (the reason is required).

The signed revision stays untouched and locked; the new one is an editable copy that records
which revision it replaces and why (see `AuditStore.new_revision`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.fields import ErrorLabel


class NewRevisionDialog(QDialog):
    def __init__(self, store: AuditStore, audit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newRevisionDialog")
        self.setWindowTitle(self.tr("New revision"))
        self.setMinimumWidth(480)
        self.store, self.audit_id = store, audit_id
        self.new_id: int | None = None
        intro = QLabel(
            self.tr(
                "The signed audit stays as it is. A new, editable revision is created from it; "
                "the reason is kept with the revision and printed in its report."
            )
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("revisionReason")
        self.reason.setPlaceholderText(self.tr("Why is the signed report being revised?"))
        self.reason.setTabChangesFocus(True)
        self.error = ErrorLabel()
        self.error.setObjectName("revisionError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create revision"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Reason (required)")))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.error.set_error(self.tr("Give the reason for the new revision."))
            self.reason.setFocus()
            return
        try:
            self.new_id = self.store.new_revision(self.audit_id, reason)
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return
        super().accept()
