"""Trusted certificates in the window: import the CB's CA or an auditor's certificate, see who
is trusted, remove one, and choose the committee's certificate that packages are encrypted to.

The list is the `trusted_ca_paths` setting used when packages are imported and reports
verified (`verify_trust_certificates` is kept equal); imported files are copied into the
application's own folder by `services.trust_files`.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.services import package_jobs as tasks
from auditor_app.services import trust_files
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.fields import ErrorLabel
from auditor_app.ui.keys_dialog import documents
from auditor_app.ui.verify_dialog import TRUST_SETTING as VERIFY_TRUST_SETTING


def trust_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".auditor_app") / "trusted"


class TrustDialog(QDialog):
    def __init__(
        self, store: AuditStore, parent: QWidget | None = None, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.setWindowTitle(self.tr("Trusted certificates"))
        self.setMinimumWidth(680)
        self.store = store
        self.folder = folder or trust_folder()
        self.tree = QTreeWidget()
        self.tree.setObjectName("trustList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Certificate of"), self.tr("Issued by"), self.tr("Valid until"), ""]
        )
        for column in range(3):  # at least as wide as its title, in every language
            self.tree.resizeColumnToContents(column)
        self.error = ErrorLabel()
        add = QPushButton(self.tr("Import certificate…"))
        add.clicked.connect(self._ask_add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.recipient_button = QPushButton(self.tr("Encrypt packages to this one"))
        self.recipient_button.setToolTip(
            self.tr(
                "The review committee's certificate: packages you export are readable only by it"
            )
        )
        self.recipient_button.clicked.connect(self.recipient_selected)
        row = QHBoxLayout()
        for button in (add, self.remove_button, self.recipient_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        hint = QLabel(
            self.tr(
                "Trust your CB's CA certificate to accept every key it issued, or a colleague's "
                "own certificate for a trial key. Compare the fingerprint with the sender."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.reload()
        self.tree.setFocus()

    def paths(self) -> list[str]:
        return tasks.saved_trust(self.store)

    def _save(self, paths: list[str]) -> None:
        value = json.dumps(paths, ensure_ascii=False)
        keys = (tasks.TRUST_SETTING, VERIFY_TRUST_SETTING)
        # both lists in one write, all or none; an unset list already means "[]"
        self.store.set_settings(
            {k: value for k in keys if (self.store.get_setting(k) or "[]") != value}
        )

    def reload(self) -> None:
        self.tree.clear()
        recipient = self.store.get_setting(tasks.RECIPIENT_SETTING) or ""
        for path in self.paths():
            try:
                entries = trust_files.describe(Path(path))
            except AuditorError as exc:
                item = QTreeWidgetItem([Path(path).name, str(exc), "", ""])
                item.setData(0, Qt.ItemDataRole.UserRole, path)
                self.tree.addTopLevelItem(item)
                continue
            for entry in entries:
                mark = self.tr("committee (packages encrypted to it)") if path == recipient else ""
                item = QTreeWidgetItem(
                    [
                        entry.subject,
                        self.tr("itself") if entry.self_signed else entry.issuer,
                        entry.not_after,
                        mark,
                    ]
                )
                item.setToolTip(0, f"{path}\nSHA-256 {entry.fingerprint}")
                item.setData(0, Qt.ItemDataRole.UserRole, path)
                self.tree.addTopLevelItem(item)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        for button in (self.remove_button, self.recipient_button):
            button.setEnabled(self.tree.topLevelItemCount() > 0)

    def selected(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item else None

    def add(self, source: Path) -> Path | None:
        try:
            copied = trust_files.import_certificate(self.folder, source)
            paths = self.paths()
            if str(copied) not in paths:
                self._save([*paths, str(copied)])
        except (AuditorError, OSError) as exc:
            self.error.set_error(str(exc))
            return None
        self.error.set_error(None)
        self.reload()
        return copied

    def remove_selected(self) -> None:
        path = self.selected()
        if path is not None:
            self._save([p for p in self.paths() if p != path])
            self.reload()

    def recipient_selected(self) -> None:
        path = self.selected()
        if path is not None:
            self.store.set_setting(tasks.RECIPIENT_SETTING, path)
            self.reload()

    def _ask_add(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import certificate"),
            str(documents()),
            self.tr("Certificates (*.pem *.crt *.cer *.der)"),
        )
        if path:
            self.add(Path(path))
