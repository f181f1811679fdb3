"""Signing keys in the window: create a trial key, import the CB's .p12/.pfx, choose the one
that signs, export its certificate for the committee, change its passphrase.

Nothing here needs the command line. The work is done by `services.key_files`; this dialog
gathers names, files and passphrases. The chosen key is the `signing_key_path` setting, which
the report and package dialogs read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core import settings as settings_registry
from auditor_app.core.errors import AuditorError
from auditor_app.services import folders, key_files, trust_files
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.fields import ErrorLabel


def key_folder() -> Path:
    """Private keys stay in the user's own application-data folder (owner-only on Windows)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".auditor_app") / "keys"


def documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class TrialKeyDialog(QDialog):
    """Name, e-mail and a passphrase (twice) for a new self-signed trial key."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trialKeyDialog")
        self.setWindowTitle(self.tr("Create a trial signing key"))
        self.name = QLineEdit(name)
        self.name.setObjectName("keyName")
        self.email = QLineEdit()
        self.email.setObjectName("keyEmail")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("keyPassphrase")
        self.again = QLineEdit()
        self.again.setObjectName("keyPassphraseAgain")
        for edit in (self.passphrase, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Your name (printed on the stamp)"), self.name)
        form.addRow(self.tr("E-mail (optional)"), self.email)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Passphrase again"), self.again)
        hint = QLabel(
            self.tr(
                "A trial key is self-signed: fine for practice and for teams that trust each "
                "other's certificates. For real reports import the key your CB issued."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.passphrase if name else self.name).setFocus()

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.set_error(self.tr("Enter your name."))
            self.name.setFocus()
            return
        if len(self.passphrase.text()) < 6:
            self.error.set_error(self.tr("The passphrase needs at least 6 characters."))
            self.passphrase.setFocus()
            return
        if self.passphrase.text() != self.again.text():
            self.error.set_error(self.tr("The two passphrases differ."))
            self.again.setFocus()
            return
        super().accept()


class KeysDialog(QDialog):
    """The key manager. `chosen` is the signing key's path after the dialog closes."""

    def __init__(
        self, store: AuditStore, parent: QWidget | None = None, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keysDialog")
        self.setWindowTitle(self.tr("Signing keys"))
        self.setMinimumWidth(560)
        self.store = store
        self.folder = folder or key_folder()
        self.list = QListWidget()
        self.list.setObjectName("keyList")
        self.list.itemActivated.connect(lambda _item: self.use_selected())
        self.details = QLabel()
        self.details.setObjectName("keyDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ErrorLabel()
        self.error.setObjectName("keysError")

        create = QPushButton(self.tr("Create trial key…"))
        create.clicked.connect(self._ask_create)
        imported = QPushButton(self.tr("Import CB key (.p12/.pfx)…"))
        imported.clicked.connect(self._ask_import)
        self.use_button = QPushButton(self.tr("Use for signing"))
        self.use_button.clicked.connect(self.use_selected)
        self.export_button = QPushButton(self.tr("Export certificate…"))
        self.export_button.clicked.connect(self._ask_export)
        self.passphrase_button = QPushButton(self.tr("Change passphrase…"))
        self.passphrase_button.clicked.connect(self._ask_passphrase)
        # two rows: getting a key, then what to do with the selected one (one row cut the
        # labels off at the dialog's width)
        row = QVBoxLayout()
        for group in (
            (create, imported),
            (self.use_button, self.export_button, self.passphrase_button),
        ):
            line = QHBoxLayout()
            for button in group:
                line.addWidget(button)
            line.addStretch(1)
            row.addLayout(line)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Keys in {folder}").format(folder=str(self.folder)))
        where.setWordWrap(True)  # a long folder path wraps instead of being cut
        layout.addWidget(where)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.list.currentItemChanged.connect(self._selected)
        self.reload()
        self.list.setFocus()

    # -- state ------------------------------------------------------------------------
    @property
    def chosen(self) -> str:
        return self.store.get_setting(key_files.KEY_SETTING) or ""

    def reload(self, select: Path | None = None) -> None:
        chosen = self.chosen
        paths = [k.path for k in key_files.list_keys(self.folder)]
        if chosen and Path(chosen) not in paths:
            paths.insert(0, Path(chosen))  # chosen earlier from elsewhere: still shown
        self.list.clear()
        for path in paths:
            mark = "★ " if str(path) == chosen else "   "
            item = QListWidgetItem(mark + path.name + self._who(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
            if (select and path == select) or (select is None and str(path) == chosen):
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._selected()

    def _who(self, key: Path) -> str:
        """Whose key and until when, read from the certificate beside it (no passphrase)."""
        cert = key.with_suffix(".pem")
        if not cert.exists():
            return ""
        try:
            [entry, *_rest] = trust_files.describe(cert)
        except (AuditorError, ValueError):
            return ""
        issuer = self.tr("self-signed") if entry.self_signed else entry.issuer
        return self.tr(" — {name} · valid until {date} · {issuer}").format(
            name=entry.subject, date=entry.not_after, issuer=issuer
        )

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _selected(self, *_args: object) -> None:
        path = self.selected()
        for button in (self.use_button, self.export_button, self.passphrase_button):
            button.setEnabled(path is not None)
        if path is None:
            self.details.setText(self.tr("No key yet: create a trial key or import yours."))
        elif str(path) == self.chosen:
            self.details.setText(self.tr("{path}\nUsed for signing.").format(path=str(path)))
        else:
            self.details.setText(str(path))

    # -- operations (the buttons ask, then call these) ----------------------------------
    def use(self, path: Path) -> None:
        self.store.set_setting(key_files.KEY_SETTING, str(path))
        self.reload(path)

    def use_selected(self) -> None:
        path = self.selected()
        if path is not None:
            self.use(path)

    def create_trial(self, name: str, passphrase: str, email: str = "") -> Path | None:
        try:
            made = key_files.create_trial_key(self.folder, name, passphrase, email=email or None)
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return None
        self.error.set_error(None)
        if not self.chosen or not Path(self.chosen).exists():
            self.use(made.path)
        self.reload(made.path)
        return made.path

    def import_file(self, source: Path, passphrase: str) -> Path | None:
        try:
            made, _key = key_files.import_key(self.folder, source, passphrase)
        except (AuditorError, OSError) as exc:
            self.error.set_error(str(exc))
            return None
        self.error.set_error(None)
        self.use(made.path)  # an imported CB key is the one meant for signing
        return made.path

    def export_certificate(self, key: Path, out: Path, passphrase: str = "") -> Path | None:
        """Copy the certificate beside the key, or write it from the key (needs the
        passphrase) when there is none."""
        beside = key.with_suffix(".pem")
        try:
            if beside.exists():
                folders.ensure_folder(out.parent)
                shutil.copyfile(beside, out)
            else:
                key_files.export_certificate(key, passphrase, out)
        except (AuditorError, OSError) as exc:
            self.error.set_error(str(exc))
            return None
        self.error.set_error(None)
        self.details.setText(
            self.tr("Certificate written to {path}. Send it to the review committee.").format(
                path=str(out)
            )
        )
        return out

    # -- asking -----------------------------------------------------------------------
    def _passphrase(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def _ask_create(self) -> None:
        ask = TrialKeyDialog(self.store.get_setting(settings_registry.AUDITOR_NAME.key) or "", self)
        if ask.exec() == QDialog.DialogCode.Accepted:
            self.create_trial(ask.name.text(), ask.passphrase.text(), ask.email.text())

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import the key your CB issued"),
            str(documents()),
            self.tr("Key files (*.p12 *.pfx)"),
        )
        if not path:
            return
        passphrase = self._passphrase(
            self.tr("Import key"), self.tr("Passphrase of {name}:").format(name=Path(path).name)
        )
        if passphrase is not None:
            self.import_file(Path(path), passphrase)

    def _ask_export(self) -> None:
        key = self.selected()
        if key is None:
            return
        target = folders.app_folder(documents(), "certificates") / key.with_suffix(".pem").name
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export certificate"), str(target), self.tr("Certificate (*.pem)")
        )
        if not path:
            return
        passphrase = ""
        if not key.with_suffix(".pem").exists():
            asked = self._passphrase(self.tr("Export certificate"), self.tr("Passphrase:"))
            if asked is None:
                return
            passphrase = asked
        self.export_certificate(key, Path(path), passphrase)

    def _ask_passphrase(self) -> None:
        key = self.selected()
        if key is None:
            return
        old = self._passphrase(self.tr("Change passphrase"), self.tr("Current passphrase:"))
        if old is None:
            return
        new = self._passphrase(self.tr("Change passphrase"), self.tr("New passphrase:"))
        if new is None:
            return
        again = self._passphrase(self.tr("Change passphrase"), self.tr("New passphrase again:"))
        if again != new:
            self.error.set_error(self.tr("The two passphrases differ."))
            return
        try:
            key_files.change_passphrase(key, old, new)
        except AuditorError as exc:
            self.error.set_error(str(exc))
            return
        self.error.set_error(None)
        self.details.setText(self.tr("The passphrase of {name} was changed.").format(name=key.name))
