"""Import a revision package: verified and imported in a worker, the verdict shown plainly.

The verdict answers what the user asks first (imported? unchanged? refused, and why?), then
the checks behind it (signature, trusted signer, intact content), the sender and where the
audit now is. A refused package changed nothing, and the dialog says so. The trust list is
remembered in the database (`trusted_ca_paths`), where the committee view reads it too.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditor_app.services import package_jobs as tasks
from auditor_app.ui.cli_hints import for_window
from auditor_app.ui.fields import ErrorLabel, with_error
from auditor_app.ui.messages import describe
from auditor_app.ui.sync import texts
from auditor_app.ui.sync.widgets import KEY_FILTER, PACKAGE_FILTER, Busy, FileRow, TrustList

ROWS = ("signed", "trusted", "intact", "signer", "audit", "encrypted", "backup")


class ImportPackageDialog(QDialog):
    """`ImportPackageDialog(store_path, parent)`; `imported(audit_id)` when an audit was added."""

    imported = Signal(int)
    finished_import = Signal(object)  # every ImportOutcome, refused ones too (tests, logs)

    def __init__(self, store_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPackageDialog")
        self.setWindowTitle(self.tr("Import audit package"))
        self.setMinimumWidth(680)
        self.store_path = Path(store_path)
        self.outcome: Any = None
        self.changed_db = False
        with tasks.opened(self.store_path) as store:
            trust = tasks.saved_trust(store)
            key_path = store.get_setting(tasks.KEY_SETTING) or ""

        self.package = FileRow(self.tr("Audit package"), PACKAGE_FILTER)
        self.package.setObjectName("packagePath")
        self.trust = TrustList(trust)
        trust_box = QGroupBox(self.tr("Trusted certificates (the CB's CA or the sender's)"))
        trust_layout = QVBoxLayout(trust_box)
        trust_layout.addWidget(self.trust)
        self.trust_error = ErrorLabel()
        trust_layout.addWidget(self.trust_error)

        self.key_box = QGroupBox(self.tr("Encrypted package: my key"))
        self.key_box.setObjectName("keyBox")
        self.key_box.setCheckable(True)
        self.key_box.setChecked(False)
        self.key = FileRow(self.tr("My key"), KEY_FILTER, text=key_path)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        key_form = QFormLayout(self.key_box)
        key_row, self.key_error = with_error(self.key)
        key_form.addRow(self.tr("Key (.p12)"), key_row)
        pass_row, self.pass_error = with_error(self.passphrase)
        key_form.addRow(self.tr("Passphrase"), pass_row)

        form = QFormLayout()
        package_row, self.package_error = with_error(self.package)
        form.addRow(self.tr("Package"), package_row)

        self.busy = Busy(
            {
                "verify": self.tr("Verifying signature and content…"),
                "done": self.tr("Done"),
            }
        )
        self.verdict = QLabel(self.tr("Choose a package and press Import."))
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 13pt;")
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.hide()
        self.rows: dict[str, QLabel] = {}
        details = QFormLayout()
        for key, title in (
            ("signed", self.tr("Valid signature")),
            ("trusted", self.tr("Trusted signer")),
            ("intact", self.tr("Intact content")),
            ("signer", self.tr("Signer")),
            ("audit", self.tr("Audit")),
            ("encrypted", self.tr("Encrypted")),
            ("backup", self.tr("Backup before import")),
        ):
            self.rows[key] = QLabel("—")
            self.rows[key].setObjectName(f"row_{key}")
            self.rows[key].setWordWrap(True)
            details.addRow(title, self.rows[key])
        self.details = QFrame()
        self.details.setLayout(details)
        self.details.hide()
        self.error = ErrorLabel()
        self.error.setObjectName("importError")

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.close_button = buttons.addButton(
            self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.import_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(trust_box)
        layout.addWidget(self.key_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.verdict)
        layout.addWidget(self.reason)
        layout.addWidget(self.details)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)

    # -- running --------------------------------------------------------------------------
    def request(self) -> tasks.ImportRequest:
        use_key = self.key_box.isChecked()
        return tasks.ImportRequest(
            self.store_path,
            Path(self.package.text()),
            tuple(self.trust.paths()),
            self.key.text() if use_key else None,
            self.passphrase.text() if use_key else "",
        )

    def start(self) -> None:
        for label in (
            self.package_error,
            self.trust_error,
            self.key_error,
            self.pass_error,
            self.error,
        ):
            label.set_error(None)
        if not self.package.text():
            self.package_error.set_error(self.tr("Choose the package file."))
            return
        if not Path(self.package.text()).is_file():
            self.package_error.set_error(
                self.tr("There is no file {path}").format(path=self.package.text())
            )
            return
        self.verdict.setText("")
        self.reason.hide()
        self.details.hide()
        self.busy.run(partial(tasks.run_import, self.request()), self.show_outcome, self._failed)
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        running = self.busy.running
        for widget in (self.import_button, self.close_button, self.package, self.trust):
            widget.setEnabled(not running)
        self.key_box.setEnabled(not running)

    def _failed(self, exc: BaseException) -> None:
        self._sync_enabled()
        self.verdict.setText(self.tr("✘ Not imported"))
        self.verdict.setStyleSheet("font-size: 13pt; " + texts.BAD_STYLE)
        where = {"trust": self.trust_error, "key": self.key_error, "passphrase": self.pass_error}
        target = where.get(getattr(exc, "field", ""), self.error)
        target.set_error(describe(exc))

    def show_outcome(self, outcome: Any) -> None:
        """Show an ImportOutcome: the verdict line, the reason and each check."""
        self._sync_enabled()
        self.outcome = outcome
        head = texts.outcome(outcome.status)
        if outcome.refused:
            head += " — " + texts.refusal(outcome.code)
        self.verdict.setText(head)
        self.verdict.setStyleSheet("font-size: 13pt; " + texts.outcome_style(outcome.status))
        reason = outcome.reason
        if outcome.refused:
            reason += "\n" + self.tr("Nothing was changed in the database.")
            if outcome.code == "wrong_kind":
                reason += "\n" + texts.wrong_kind_hint()
            if outcome.code in ("encrypted_no_key", "wrong_key"):
                reason += "\n" + self.tr(
                    "Choose the key the package was encrypted for and its passphrase above, then"
                    " import again."
                )
        self.reason.setText(for_window(reason))
        self.reason.setStyleSheet(texts.BAD_STYLE if outcome.refused else "")
        self.reason.show()
        for key, flag in texts.checks(outcome.status, outcome.code).items():
            text, style = texts.yes_no(flag)
            self.rows[key].setText(text)
            self.rows[key].setStyleSheet(style)
        self.rows["signer"].setText(outcome.sender or "—")
        self.rows["audit"].setText(self._audit_text(outcome))
        encrypted: bool | None = outcome.encrypted or outcome.code in texts.ENCRYPTION_CODES
        if outcome.refused and not encrypted and outcome.sender is None:
            encrypted = None  # refused before the package could be opened
        self.rows["encrypted"].setText(
            "—" if encrypted is None else self.tr("yes") if encrypted else self.tr("no")
        )
        self.rows["backup"].setText(outcome.backup or "—")
        self.details.show()
        if outcome.code in ("encrypted_no_key", "wrong_key"):
            self.key_box.setChecked(True)  # show where the key goes
            self.passphrase.setFocus()
        if outcome.status in ("imported", "superseded"):
            self.changed_db = True
            self.close_button.setText(self.tr("Done"))
            self.imported.emit(int(outcome.audit_id))
        self.finished_import.emit(outcome)

    def _audit_text(self, outcome: Any) -> str:
        if outcome.revision is None:
            return "—"
        text = texts.revision(outcome.revision)
        if outcome.audit_id is not None:
            text += " · " + self.tr("audit {id} here").format(id=outcome.audit_id)
        return text

    def reject(self) -> None:
        if self.busy.running:  # the import is one transaction: let it finish
            return
        if self.changed_db:
            super().accept()
        else:
            super().reject()
