"""Who is working: asked in the window until the auditor's name is set.

Without a name the trail recorded the operating-system login ("root") as the author of every
change and decision (issue 13). The banner sits above every page until a name is given here or
in Settings; the name becomes the trail's actor at once and is the team leader of new audits.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.error_label import ErrorLabel

NAME_SETTING = settings_registry.AUDITOR_NAME.key


class IdentityBanner(QFrame):
    """First the name; then, while no signing key is chosen, the offer to set one up."""

    named = Signal(str)
    keysRequested = Signal()

    def __init__(self, store: AuditStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityBanner")
        self.setStyleSheet(
            "#identityBanner { background: #e8f0fe; border: 1px solid #8ab4f8; "
            "border-radius: 4px; }"
        )
        self.store = store
        self.text = QLabel(
            self.tr(
                "Who is working? Your name is written in the audit trail with every change and "
                "decision, and leads the team of new audits."
            )
        )
        self.text.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("identityName")
        self.name.setPlaceholderText(self.tr("Your name, as in your certificate"))
        self.name.returnPressed.connect(self.save)
        self.save_button = QPushButton(self.tr("Save name"))
        self.save_button.setObjectName("identitySave")
        self.save_button.clicked.connect(self.save)
        self.keys_button = QPushButton(self.tr("Set up signing key…"))
        self.keys_button.setObjectName("identityKeys")
        self.keys_button.clicked.connect(self._keys)
        self.later_button = QPushButton(self.tr("Later"))
        self.later_button.clicked.connect(self.hide)
        self.error = ErrorLabel()
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.name, 1)
        for widget in (self.save_button, self.keys_button, self.later_button, self.error):
            layout.addWidget(widget)
        self.keys_button.hide()
        self.later_button.hide()
        self.refresh()

    def needed(self) -> bool:
        return not (self.store.get_setting(NAME_SETTING) or "").strip()

    def refresh(self) -> None:
        self.setVisible(self.needed())

    def save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.set_error(self.tr("Enter your name."))
            return
        try:
            self.store.set_setting(NAME_SETTING, name)
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return
        self.store.actor = name  # from now on the trail names this person
        self.error.set_error(None)
        self.named.emit(name)
        from auditor_app.services.key_files import KEY_SETTING  # signing code: not at start-up

        if self.store.get_setting(KEY_SETTING):
            self.hide()
            return
        # first start: the next step is the key that signs the reports
        self.text.setText(
            self.tr(
                "Thank you, {name}. To sign reports you need a signing key: import the one your "
                "CB issued (.p12/.pfx) or create a trial key."
            ).format(name=name)
        )
        self.name.hide()
        self.save_button.hide()
        self.keys_button.show()
        self.later_button.show()
        self.keys_button.setFocus()

    def _keys(self) -> None:
        self.hide()
        self.keysRequested.emit()
