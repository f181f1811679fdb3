"""Verify a signed PDF the way the CB's review committee would, and show the verdict plainly.

One line answers the question (“valid, trusted and unchanged since signing” or not); below it
each check (intact, valid, trusted, whole file covered), the signer and time, and every problem
found. Verification runs in a worker thread so a large report never freezes the window.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.core import settings as settings_registry
from auditor_app.services.verdict_text import bilingual
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.cli_hints import for_window
from auditor_app.ui.fields import ErrorLabel
from auditor_app.ui.messages import describe
from auditor_app.ui.worker import Job

TRUST_SETTING = settings_registry.VERIFY_TRUST.key
_OK = "color: #1e7b34; font-weight: 600;"
_BAD = "color: #b3261e; font-weight: 600;"


def _verify(path: Path, trust: list[str]) -> Any:
    from auditor_app.signing.verify import verify_pdf

    return verify_pdf(path.read_bytes(), trust)


class VerifyDialog(QDialog):
    verified = Signal(object)  # the Verification, once shown

    def __init__(self, store: AuditStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Verify a signed PDF"))
        self.setMinimumWidth(640)
        self.store = store
        self.result: Any = None
        self._job: Job | None = None

        self.path = QLineEdit()
        self.path.setObjectName("pdfPath")
        browse = QPushButton(self.tr("Choose PDF…"))
        browse.clicked.connect(self._browse)
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.verify_button)

        trust_group = QGroupBox(self.tr("Trusted certificates (CA or the signer's own)"))
        self.trust = QListWidget()
        self.trust.setObjectName("trustList")
        self.trust.setMaximumHeight(90)
        for item in self._saved_trust():
            self.trust.addItem(item)
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(self._add_trust)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.trust.takeItem(self.trust.currentRow()))
        trust_buttons = QVBoxLayout()
        trust_buttons.addWidget(add)
        trust_buttons.addWidget(remove)
        trust_buttons.addStretch(1)
        trust_layout = QHBoxLayout(trust_group)
        trust_layout.addWidget(self.trust, 1)
        trust_layout.addLayout(trust_buttons)

        self.verdict = QLabel(self.tr("Choose a PDF and press Verify."))
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 13pt;")
        self.rows: dict[str, QLabel] = {}
        details = QFormLayout()
        for key, text in (
            ("intact", self.tr("Intact")),
            ("valid", self.tr("Valid signature")),
            ("trusted", self.tr("Trusted signer")),
            ("whole", self.tr("Covers the whole file")),
            ("signer", self.tr("Signer")),
            ("time", self.tr("Signing time")),
            ("timestamp", self.tr("Timestamp")),
            ("count", self.tr("Signatures")),
        ):
            self.rows[key] = QLabel("—")
            self.rows[key].setObjectName(f"verify_{key}")
            details.addRow(text, self.rows[key])
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(trust_group)
        layout.addWidget(self.verdict)
        layout.addLayout(details)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # -- trust list -------------------------------------------------------------------
    def _saved_trust(self) -> list[str]:
        if self.store is None:
            return []
        try:
            saved = json.loads(self.store.get_setting(TRUST_SETTING) or "[]")
        except ValueError:
            return []
        return [str(p) for p in saved if isinstance(p, str)]

    def trust_paths(self) -> list[str]:
        return [self.trust.item(n).text() for n in range(self.trust.count())]

    def add_trust(self, path: str) -> None:
        if path and path not in self.trust_paths():
            self.trust.addItem(path)

    def _add_trust(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Trusted certificate"),
            "",
            self.tr("Certificates (*.pem *.crt *.cer *.der)"),
        )
        self.add_trust(path)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Signed PDF"), self.path.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.path.setText(path)
            self.start()

    # -- verifying --------------------------------------------------------------------
    def start(self) -> None:
        path = Path(self.path.text().strip())
        self.error.set_error(None)
        if not path.is_file():
            self.error.set_error(self.tr("There is no file {path}.").format(path=str(path)))
            return
        trust = self.trust_paths()
        if self.store is not None and trust != self._saved_trust():
            self.store.set_setting(TRUST_SETTING, json.dumps(trust, ensure_ascii=False))
        self.verify_button.setEnabled(False)
        self.verdict.setStyleSheet("font-size: 13pt;")
        self.verdict.setText(self.tr("Checking…"))
        self._job = Job(lambda _report: _verify(path, trust), self)
        self._job.succeeded.connect(self.show_result)
        self._job.failed.connect(self._failed)
        self._job.start()

    def _failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.setText(self.tr("The file could not be checked."))
        self.verdict.setStyleSheet("font-size: 13pt; " + _BAD)
        self.error.set_error(describe(exc))

    def show_result(self, result: Any) -> None:
        self.verify_button.setEnabled(True)
        self.result = result
        if result.ok:
            self.verdict.setText(self.tr("✔ Valid, trusted and unchanged since it was signed."))
            self.verdict.setStyleSheet("font-size: 13pt; " + _OK)
        else:
            self.verdict.setText(self.tr("✘ Not acceptable: see the checks below."))
            self.verdict.setStyleSheet("font-size: 13pt; " + _BAD)
        for key, flag in (
            ("intact", result.intact),
            ("valid", result.valid),
            ("trusted", result.trusted),
            ("whole", result.covers_whole_file),
        ):
            self.rows[key].setText(self.tr("yes") if flag else self.tr("no"))
            self.rows[key].setStyleSheet(_OK if flag else _BAD)
        self.rows["signer"].setText(result.signer or "—")
        self.rows["time"].setText(_when(result.signing_time))
        self.rows["timestamp"].setText(_when(result.timestamp_time))
        self.rows["count"].setText(str(result.signature_count))
        self.problems.setText(
            "\n".join(f"• {bilingual(str(p), for_window(str(p)))}" for p in result.problems)
        )
        self.verified.emit(result)


def _when(moment: Any) -> str:
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
