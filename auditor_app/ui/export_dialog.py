"""Export the signed report: key file, passphrase, handwritten signature, where to write it.

The dialog only gathers and checks (the key is opened here, so a wrong passphrase is said in
place); the export itself runs as a background job with its own store
(`services.report_jobs.run_export`), because rendering and signing takes seconds.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import AuditorError
from auditor_app.services import folders, settings
from auditor_app.services.report_jobs import ExportRequest, TokenRef
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui import signature_pad
from auditor_app.ui.fields import ErrorLabel, with_error
from auditor_app.ui.signature_pad import SignaturePad

KEY_SETTING = settings_registry.SIGNING_KEY_PATH.key
translate = QCoreApplication.translate


def _browse_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


class ExportDialog(QDialog):
    def __init__(self, store: AuditStore, audit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export signed report"))
        self.setMinimumWidth(620)
        self.store, self.audit_id = store, audit_id
        self.request: ExportRequest | None = None
        audit = store.audit(audit_id)

        self.key_path = QLineEdit(store.get_setting(KEY_SETTING) or "")
        self.key_path.setObjectName("keyPath")
        key_button = QPushButton(self.tr("Browse…"))
        key_button.clicked.connect(self._browse_key)
        keys_button = QPushButton(self.tr("Keys…"))
        keys_button.setObjectName("manageKeys")
        keys_button.setToolTip(self.tr("Create a trial key, import your CB's key, choose one"))
        keys_button.clicked.connect(self._manage_keys)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        # a key file, or the CB's USB key (PKCS#11 token): the private key stays on the token
        self.method = QComboBox()
        self.method.setObjectName("signingMethod")
        self.method.addItem(self.tr("Key file (.p12)"), "file")
        self.method.addItem(self.tr("USB key (token)"), "token")
        self.token_library = QLineEdit(
            store.get_setting(settings_registry.TOKEN_LIBRARY.key)
            # signing.token.LIBRARY_ENV, spelled out: signing is not imported at start-up
            or os.environ.get("AUDITOR_PKCS11_LIBRARY", "")
        )
        self.token_library.setObjectName("tokenLibrary")
        self.token_library.setPlaceholderText(
            self.tr("The token driver's PKCS#11 library (.dll), from its installer")
        )
        library_button = QPushButton(self.tr("Browse…"))
        library_button.clicked.connect(self._browse_library)
        self.token = QComboBox()
        self.token.setObjectName("tokenLabel")
        self.token.setEditable(True)
        self.token.setCurrentText(store.get_setting(settings_registry.TOKEN_LABEL.key) or "")
        refresh = QPushButton(self.tr("Find tokens"))
        refresh.setObjectName("findTokens")
        refresh.clicked.connect(self.find_tokens)
        name = audit["report_number"] or f"audit-{audit_id}"
        folder = self._default_folder()
        # The signer's role comes from the audit team (the key's name matched against it), so
        # the stamp can never contradict the report. Only a signer outside the team, allowed
        # explicitly, types a role.
        self.signer = QLabel(self.tr("The name in the key is matched against the audit team."))
        self.signer.setObjectName("signerInfo")
        self.signer.setWordWrap(True)
        self.outsider = QCheckBox(self.tr("Allow a signer who is not on the audit team"))
        self.outsider.setObjectName("allowOutsider")
        self.outsider_role = QLineEdit()
        self.outsider_role.setObjectName("outsiderRole")
        self.outsider_role.setPlaceholderText(self.tr("Role printed in the report and stamp"))
        self.outsider.setVisible(False)
        self.outsider_role.setVisible(False)
        self.outsider.toggled.connect(self.outsider_role.setEnabled)
        self.outsider_role.setEnabled(False)
        self._warned: tuple[str, ...] = ()
        self.out_path = QLineEdit(str(Path(folder) / f"{name}.pdf"))
        self.out_path.setObjectName("outPath")
        out_button = QPushButton(self.tr("Browse…"))
        out_button.clicked.connect(self._browse_out)

        self.pad = SignaturePad()
        self.pad.load_png(signature_pad.decode(store.get_setting(signature_pad.SETTING_KEY)))
        clear = QPushButton(self.tr("Clear signature"))
        clear.clicked.connect(self.pad.clear)
        self.remember = QCheckBox(self.tr("Remember this signature"))
        self.remember.setChecked(True)

        form = QFormLayout()
        self.form = form
        form.addRow(self.tr("Sign with"), self.method)
        key_row = _browse_row(self.key_path, key_button)
        key_row.layout().addWidget(keys_button)
        key_box, self.key_error = with_error(key_row)
        form.addRow(self.tr("Signing key (.p12)"), key_box)
        token_row = QWidget()
        token_layout = QVBoxLayout(token_row)
        token_layout.setContentsMargins(0, 0, 0, 0)
        token_layout.addWidget(_browse_row(self.token_library, library_button))
        label_row = QHBoxLayout()
        label_row.addWidget(self.token, 1)
        label_row.addWidget(refresh)
        token_layout.addLayout(label_row)
        token_box, self.token_error = with_error(token_row)
        form.addRow(self.tr("USB key"), token_box)
        self._rows = {"file": key_box, "token": token_box}
        pass_box, self.pass_error = with_error(self.passphrase)
        form.addRow(self.tr("Passphrase"), pass_box)
        self._pass_box = pass_box
        form.addRow(self.tr("Signer"), self.signer)
        form.addRow("", self.outsider)
        form.addRow("", self.outsider_role)
        out_box, self.out_error = with_error(_browse_row(self.out_path, out_button))
        form.addRow(self.tr("Save report as"), out_box)
        pad_row = QHBoxLayout()
        pad_row.addWidget(clear)
        pad_row.addWidget(self.remember)
        pad_row.addStretch(1)
        warning = QLabel(self.tr("Signing locks the audit: later changes need a new revision."))
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8a5a00;")
        self.error = ErrorLabel()
        self.error.setObjectName("exportError")
        # checks before signing (services.presign): one reason for the checks to confirm
        self.confirm_reason = QLineEdit()
        self.confirm_reason.setObjectName("confirmReason")
        self.confirm_reason.setPlaceholderText(
            self.tr("Reason for signing anyway (recorded in the audit trail)")
        )
        self.confirm_reason.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign and export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Handwritten signature (optional)")))
        layout.addWidget(self.pad)
        layout.addLayout(pad_row)
        layout.addWidget(warning)
        layout.addWidget(self.error)
        layout.addWidget(self.confirm_reason)
        layout.addWidget(buttons)
        self.method.currentIndexChanged.connect(self._method_changed)
        remembered = store.get_setting(settings_registry.SIGNING_METHOD.key) or "file"
        self.method.setCurrentIndex(max(0, self.method.findData(remembered)))
        self._method_changed()
        # the key is usually remembered: the passphrase is what one types first
        ready = (
            self.key_path.text() if self.signing_method() == "file" else self.token.currentText()
        )
        (self.passphrase if ready else keys_button).setFocus()

    def signing_method(self) -> str:
        return str(self.method.currentData())

    def _method_changed(self, *_args: object) -> None:
        token = self.signing_method() == "token"
        for method, row in self._rows.items():
            row.setVisible(method == self.signing_method())
            label = self.form.labelForField(row)
            if label is not None:
                label.setVisible(method == self.signing_method())
        label = self.form.labelForField(self._pass_box)
        if label is not None:
            label.setText(self.tr("PIN") if token else self.tr("Passphrase"))

    def _browse_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Token driver library"),
            self.token_library.text(),
            self.tr("PKCS#11 libraries (*.dll *.so *.dylib)"),
        )
        if path:
            self.token_library.setText(path)

    def find_tokens(self) -> None:
        """List the tokens plugged in (the driver library is asked, nothing is logged in)."""
        from auditor_app.signing.token import library_path, list_tokens

        self.token_error.set_error(None)
        try:
            found = list_tokens(library_path(self.token_library.text()))
        except AuditorError as exc:
            self.token_error.set_error(str(exc))
            return
        typed = self.token.currentText()
        self.token.clear()
        for token in found:
            self.token.addItem(token.label)
            self.token.setItemData(
                self.token.count() - 1,
                f"{token.manufacturer} · {token.serial}",
                Qt.ItemDataRole.ToolTipRole,
            )
        if not found:
            self.token_error.set_error(self.tr("No USB key is plugged in."))
        elif typed not in {t.label for t in found}:
            typed = found[0].label  # the remembered one is not plugged in: offer what is
        self.token.setCurrentText(typed)

    def _default_folder(self) -> Path:
        """Where this audit's report was saved last, else Documents/auditor_app/reports
        (created on signing: it once failed on a missing Documents folder)."""
        remembered = self.store.get_setting(folders.audit_folder_setting(self.audit_id))
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return folders.app_folder(Path(documents) if documents else Path.home(), "reports")

    def _manage_keys(self) -> None:
        from auditor_app.ui.keys_dialog import KeysDialog

        dialog = KeysDialog(self.store, self)
        dialog.exec()
        if dialog.chosen:
            self.key_path.setText(dialog.chosen)
            self.key_error.set_error(None)
        self.passphrase.setFocus()

    def _browse_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Signing key"), self.key_path.text(), self.tr("Key files (*.p12 *.pfx)")
        )
        if path:
            self.key_path.setText(path)

    def _browse_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report as"), self.out_path.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.out_path.setText(path)

    def accept(self) -> None:
        from auditor_app.signing.keys import WrongPassphraseError, load_key

        for label in (self.key_error, self.token_error, self.pass_error, self.out_error):
            label.set_error(None)
        self.error.set_error(None)
        on_token = self.signing_method() == "token"
        key_path = self.key_path.text().strip()
        library, label_text = self.token_library.text().strip(), self.token.currentText().strip()
        out = self.out_path.text().strip()
        if on_token and not (library and label_text):
            self.token_error.set_error(
                self.tr("Give the token driver's library and the USB key's label (Find tokens).")
            )
            return
        if not on_token and not key_path:
            self.key_error.set_error(
                self.tr("Choose your signing key, or create or import one with “Keys…”.")
            )
            return
        if not self.passphrase.text():
            self.pass_error.set_error(
                self.tr("Enter the USB key's PIN.")
                if on_token
                else self.tr("Enter the key's passphrase.")
            )
            return
        if not out:
            self.out_error.set_error(self.tr("Choose where to save the report."))
            return
        out_path = Path(out)
        if out_path.suffix.lower() != ".pdf":
            out_path = out_path.with_suffix(".pdf")
        try:
            folders.ensure_folder(out_path.parent)
        except AuditorError as exc:
            self.out_error.set_error(str(exc))
            return
        confirm = self._presign()
        if confirm is None:
            return
        token: TokenRef | None = None
        if on_token:
            token = TokenRef(library, label_text, self.passphrase.text())
            signer_name = self._check_token(token)
            if signer_name is None:
                return
            key = None
        else:
            try:
                key = load_key(key_path, self.passphrase.text())
            except WrongPassphraseError as exc:
                self.pass_error.set_error(str(exc))
                return
            except AuditorError as exc:
                self.key_error.set_error(str(exc))
                return
            signer_name = key.signer_name
        outsider_role = ""
        if not self._check_signer(signer_name):
            return
        if self.outsider.isChecked():
            outsider_role = self.outsider_role.text().strip()
        if not self._confirm_warnings():
            return
        png = None if self.pad.is_empty() else self.pad.to_png()
        wanted = {
            settings_registry.SIGNING_METHOD.key: self.signing_method(),
            folders.audit_folder_setting(self.audit_id): str(out_path.parent),
        }
        if on_token:
            wanted[settings_registry.TOKEN_LIBRARY.key] = library
            wanted[settings_registry.TOKEN_LABEL.key] = label_text
        else:
            wanted[KEY_SETTING] = key_path
        if self.remember.isChecked():
            wanted[signature_pad.SETTING_KEY] = signature_pad.encode(png) if png else ""
        # "" for an unset setting is no change (every write leaves a trail entry)
        changed = {k: v for k, v in wanted.items() if (self.store.get_setting(k) or "") != v}
        try:
            settings.save(self.store, changed)
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return
        self.request = ExportRequest(
            self.store.path, self.audit_id, out_path, key, png, outsider_role, confirm, token
        )
        super().accept()

    def _check_token(self, token: TokenRef) -> str | None:
        """Log in to the USB key once (a wrong PIN is said here, not after rendering) and
        check its certificate; the signer's name, or None with the reason shown."""
        from auditor_app.signing.token import TokenPinError, open_token_key

        try:
            with open_token_key(token.library, token.label, token.pin) as key:
                key.check_usable()
                return key.signer_name
        except TokenPinError as exc:
            self.pass_error.set_error(str(exc))
            return None
        except AuditorError as exc:
            self.token_error.set_error(str(exc))
            return None

    def _presign(self) -> dict[str, str] | None:
        """The checks before signing: None (said in place) while something blocks or needs a
        reason; else the confirmations to sign with."""
        import datetime as dt

        from auditor_app.services.presign import presign_checks

        checks = presign_checks(self.store, self.audit_id, dt.date.today())
        blocking = [c for c in checks if c.blocking]
        reason = self.confirm_reason.text().strip()
        if not checks or (not blocking and reason):
            return {c.code: reason for c in checks}
        lines = [("✘ " if c.blocking else "? ") + c.message for c in checks]
        if not blocking:
            self.confirm_reason.setVisible(True)
            self.confirm_reason.setFocus()
            lines.append(self.tr("Give a reason to sign anyway, then press “Sign and export”."))
        self.error.set_error("\n".join(lines))
        return None

    def _check_signer(self, signer_name: str) -> bool:
        """Show who signs in which role; refuse in place when the signer is not on the team."""
        from auditor_app.report.service import resolve_signer

        allowed = self.outsider.isChecked()
        role = self.outsider_role.text().strip() if allowed else None
        try:
            signoff = resolve_signer(
                self.store.team(self.audit_id),
                signer_name,
                signer_role=role,
                allow_signer_not_on_team=allowed,
            )
        except AuditorError as exc:
            self.error.set_error(str(exc))
            self.outsider.setVisible(True)
            self.outsider_role.setVisible(True)
            return False
        self.signer.setText(f"{signoff.name} · {signoff.role}")
        return True

    def _confirm_warnings(self) -> bool:
        """Characters the report font cannot print are shown once before signing."""
        from auditor_app.report.data import build_report_data

        warnings = tuple(build_report_data(self.store, self.audit_id).warnings)
        if warnings and warnings != self._warned:
            self._warned = warnings
            self.error.set_error(
                "\n".join(warnings)
                + "\n"
                + self.tr(
                    "Press “Sign and export” again to sign anyway, or correct the text first."
                )
            )
            return False
        return True
