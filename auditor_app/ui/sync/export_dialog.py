"""Export an audit as a package for email: signed, optionally encrypted, checked for size.

Two steps, both in a worker with its own store: the package is built in memory and measured;
within the email limit it is written at once, over it the dialog says so plainly and writes
only when the user presses "Write anyway" (a shared folder or a USB stick takes any size).
"""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core.errors import AuditorError
from auditor_app.services import folders
from auditor_app.services import package_jobs as tasks
from auditor_app.ui import labels
from auditor_app.ui.fields import ErrorLabel, with_error
from auditor_app.ui.messages import describe
from auditor_app.ui.sync import texts
from auditor_app.ui.sync.widgets import (
    CERT_FILTER,
    KEY_FILTER,
    PACKAGE_FILTER,
    PACKAGE_SUFFIX,
    Busy,
    FileRow,
)


def _documents() -> Path:
    """Documents/auditor_app/packages (created on export: a missing Documents folder once
    made exporting fail)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folders.app_folder(Path(folder) if folder else Path.home(), "packages")


def _safe_name(text: str) -> str:
    """A file name from a report number ("CB/2026-01" must not make a folder)."""
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in text).strip() or "audit"


class ExportPackageDialog(QDialog):
    """`ExportPackageDialog(store_path, audit_id, parent)`; `exported(Path)` once written."""

    exported = Signal(Path)

    def __init__(self, store_path: Path, audit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPackageDialog")
        self.setWindowTitle(self.tr("Export audit package"))
        self.setMinimumWidth(680)
        self.store_path, self.audit_id = Path(store_path), audit_id
        self.built: Any = None  # (ExportResult, path) waiting for "Write anyway"
        # State of the running step, kept here rather than captured in callbacks: a lambda
        # or partial holding `self` in a child's connection would keep the dialog alive
        # past the application (a reference cycle through C++ that Python cannot collect).
        self._target = Path()
        self._writing: Any = None
        self.written: Path | None = None
        with tasks.opened(self.store_path) as store:
            self.header = tasks.audit_header(store, audit_id)
            from auditor_app.sync.export import email_limit_bytes

            try:
                self.limit = email_limit_bytes(store)
            except AuditorError:  # a hand-edited limit: the build says what is wrong with it
                self.limit = 0
            key_path = store.get_setting(tasks.KEY_SETTING) or ""
            recipient = store.get_setting(tasks.RECIPIENT_SETTING) or ""
            remembered = store.get_setting(folders.package_folder_setting(audit_id)) or ""
        # where this audit's last package went, if that folder is still there
        self._folder = Path(remembered) if remembered and Path(remembered).is_dir() else None

        self._build_form(key_path, recipient)
        self._sync_enabled()

    # -- layout ---------------------------------------------------------------------------
    def _build_form(self, key_path: str, recipient: str) -> None:
        h = self.header
        state = self.tr("signed") if h.locked else self.tr("draft")
        about = QLabel(
            f"<b>{html.escape(h.client)}</b> · {labels.audit_type(h.audit_type)} · "
            + texts.revision(h.revision)
            + f" · {state}"
            + (f" · {html.escape(h.report_number)}" if h.report_number else "")
        )
        about.setObjectName("auditAbout")
        about.setWordWrap(True)

        kind_box = QGroupBox(self.tr("Kind of package"))
        self.revision_kind = QRadioButton(
            self.tr("The whole audit (a revision), for the leader or the committee")
        )
        self.member_kind = QRadioButton(self.tr("My part, for the team leader to merge"))
        self.revision_kind.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.revision_kind)
        group.addButton(self.member_kind)
        self.items = QLineEdit()
        self.items.setObjectName("itemPrefixes")
        self.items.setPlaceholderText(self.tr("e.g. 5.2, 5.3.1 — empty: all items"))
        items_row = QHBoxLayout()
        items_row.setContentsMargins(24, 0, 0, 0)
        items_row.addWidget(QLabel(self.tr("Only items")))
        items_row.addWidget(self.items, 1)
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.addWidget(self.revision_kind)
        kind_layout.addWidget(self.member_kind)
        kind_layout.addLayout(items_row)

        self.key = FileRow(self.tr("Signing key"), KEY_FILTER, text=key_path)
        self.key.setObjectName("keyPath")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.encrypt = QCheckBox(self.tr("Encrypt for the review committee"))
        self.encrypt.setObjectName("encrypt")
        self.recipient = FileRow(self.tr("Recipient certificate"), CERT_FILTER)
        self.recipient.setText(recipient)
        self.recipient.setObjectName("recipientPath")
        self.out = FileRow(
            self.tr("Save package as"),
            PACKAGE_FILTER,
            save=True,
            text=self._default_out(),
        )
        self.out.setObjectName("outPath")

        form = QFormLayout()
        key_box, self.key_error = with_error(self.key)
        form.addRow(self.tr("Signing key (.p12)"), key_box)
        pass_box, self.pass_error = with_error(self.passphrase)
        form.addRow(self.tr("Passphrase"), pass_box)
        form.addRow("", self.encrypt)
        recipient_box, self.recipient_error = with_error(self.recipient)
        form.addRow(self.tr("Recipient (.pem)"), recipient_box)
        out_box, self.out_error = with_error(self.out)
        form.addRow(self.tr("Save as"), out_box)

        limit = texts.size(self.limit) if self.limit else "?"
        self.size_label = QLabel(self.tr("Email size limit: {limit}").format(limit=limit))
        self.size_label.setObjectName("sizeLabel")
        self.size_label.setStyleSheet(texts.NOTE_STYLE)
        self.warning = QLabel()
        self.warning.setObjectName("sizeWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: #fff4e0; border: 1px solid #e0a030; border-radius: 4px; "
            "padding: 8px; color: #6b4200; }"
        )
        self.warning.hide()
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = ErrorLabel()
        self.error.setObjectName("exportError")
        self.busy = Busy(
            {
                "key": self.tr("Opening the key…"),
                "build": self.tr("Building and signing the package…"),
                "built": self.tr("Checking the size…"),
                "write": self.tr("Writing the file…"),
            }
        )

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.force_button = QPushButton(self.tr("Write anyway"))
        self.force_button.setObjectName("writeAnyway")
        buttons.addButton(self.force_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.force_button.hide()
        self.close_button = buttons.addButton(
            self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.export_button.clicked.connect(self.start)
        self.force_button.clicked.connect(self.write_anyway)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(kind_box)
        layout.addLayout(form)
        layout.addWidget(self.size_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)

        for signal in (
            self.member_kind.toggled,
            self.encrypt.toggled,
            self.items.textChanged,
            self.key.changed,
            self.passphrase.textChanged,
            self.recipient.changed,
        ):
            signal.connect(self._inputs_changed)
        self.member_kind.toggled.connect(self._kind_changed)

    def _default_out(self, member: bool = False) -> str:
        h = self.header
        stem = _safe_name(h.report_number or f"audit-{h.audit_id}")
        stem += "-member" if member else f"-r{h.revision}"
        return str((self._folder or _documents()) / f"{stem}{PACKAGE_SUFFIX}")

    def _kind_changed(self, member: bool) -> None:
        # follow the kind in the suggested name, unless the user typed a name of their own
        if self.out.text() == self._default_out(not member):
            self.out.setText(self._default_out(member))

    def _sync_enabled(self) -> None:
        running = self.busy.running
        self.items.setEnabled(self.member_kind.isChecked() and not running)
        self.recipient.setEnabled(self.encrypt.isChecked() and not running)
        self.export_button.setEnabled(not running)
        self.force_button.setEnabled(not running)
        self.close_button.setEnabled(not running)

    def _inputs_changed(self, *_args: object) -> None:
        # a package built from other inputs must not be written by "Write anyway"
        if self.built is not None and not self.busy.running:
            self.built = None
            self.force_button.hide()
            self.warning.hide()
        self._sync_enabled()

    # -- running --------------------------------------------------------------------------
    def _clear(self) -> None:
        for label in (
            self.key_error,
            self.pass_error,
            self.recipient_error,
            self.out_error,
            self.error,
        ):
            label.set_error(None)
        self.warning.hide()
        self.message.hide()
        self.force_button.hide()

    def _out_path(self) -> Path | None:
        text = self.out.text()
        if not text:
            self.out_error.set_error(self.tr("Choose where to save the package."))
            return None
        path = Path(text)
        if not path.suffix:
            path = path.with_suffix(PACKAGE_SUFFIX)
        try:
            folders.ensure_folder(path.parent)
        except AuditorError as exc:
            self.out_error.set_error(str(exc))
            return None
        return path

    def request(self) -> tasks.PackageExportRequest:
        member = self.member_kind.isChecked()
        items = tuple(
            p.strip() for p in self.items.text().replace("，", ",").split(",") if p.strip()
        )
        return tasks.PackageExportRequest(
            self.store_path,
            self.audit_id,
            self.key.text(),
            self.passphrase.text(),
            self.recipient.text() if self.encrypt.isChecked() else None,
            member,
            (items or None) if member else None,
        )

    def start(self) -> None:
        self._clear()
        out = self._out_path()
        if out is None:
            return
        request = self.request()
        if self.encrypt.isChecked() and not request.recipient_path:
            self.recipient_error.set_error(self.tr("Choose the committee's certificate."))
            return
        self.built = None
        self._target = out
        self.busy.run(partial(tasks.build, request), self._built, self._failed)
        self._sync_enabled()

    def _built(self, result: Any) -> None:
        self._sync_enabled()
        out = self._target
        self.size_label.setText(
            self.tr("Package size: {size} (email limit {limit})").format(
                size=texts.size(result.size), limit=texts.size(result.limit_bytes)
            )
        )
        if result.over_limit:
            self.built = (result, out)
            self.warning.setText(
                self.tr(
                    "⚠ The package is {size}, over your email limit of {limit}: most mail servers"
                    " will refuse it. Nothing has been written yet. Write it anyway (for a shared"
                    " folder or a USB stick), or close and export fewer items."
                ).format(size=texts.size(result.size), limit=texts.size(result.limit_bytes))
            )
            self.warning.show()
            self.force_button.show()
            self.force_button.setFocus()
            return
        self._write(result, out, force=False)

    def write_anyway(self) -> None:
        if self.built is None:
            return
        result, out = self.built
        self.built = None
        self.warning.hide()
        self.force_button.hide()
        self._write(result, out, force=True)

    def _write(self, result: Any, out: Path, *, force: bool) -> None:
        self._writing = result
        self.busy.run(partial(tasks.write, result, out, force), self._written, self._failed)
        self._sync_enabled()

    def _written(self, path: Path) -> None:
        self._sync_enabled()
        result = self._writing
        self.written = path
        what = (
            self.tr("Team member package")
            if result.kind == "member"
            else (self.tr("Signed revision") if result.signed else self.tr("Draft revision"))
        )
        lines = [
            self.tr("✔ Written: {path}").format(path=str(path)),
            f"{what} · {texts.size(result.size)}"
            + (self.tr(" · encrypted") if result.encrypted else ""),
            f"SHA-256 {result.sha256}",
        ]
        self.message.setText("\n".join(lines))
        self.message.setStyleSheet(texts.OK_STYLE)
        self.message.show()
        self.close_button.setText(self.tr("Done"))
        try:
            with tasks.opened(self.store_path) as store:
                key = folders.package_folder_setting(self.audit_id)
                if (store.get_setting(key) or "") != str(path.parent):
                    store.set_setting(key, str(path.parent))
        except AuditorError:
            pass  # only a convenience for next time: the package itself is written
        self.exported.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self._sync_enabled()
        where = {
            "key": self.key_error,
            "passphrase": self.pass_error,
            "recipient": self.recipient_error,
            "out": self.out_error,
        }
        target = where.get(getattr(exc, "field", ""), self.error)
        target.set_error(describe(exc))
        if target is self.pass_error:
            # the service's sentence names the file; the user needs to know what to do
            self.pass_error.set_error(
                self.tr("Wrong passphrase for this key: type it again.")
                if self.passphrase.text()
                else self.tr("Enter the key's passphrase.")
            )
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        if self.busy.running:  # never leave a half-done write behind a closed window
            return
        if self.written is not None:
            super().accept()  # something was done: the caller may want to say so
        else:
            super().reject()
