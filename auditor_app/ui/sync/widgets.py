"""Building blocks shared by the sync dialogs: file rows, the trust list, the busy line.

`Busy` is the dialogs' one way of running work: a `ui.worker.Job` (its own thread, its own
store), an indeterminate bar with a line saying what is happening, and a flag the dialogs
check so that they cannot be closed while an import or merge is being written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.ui.worker import Job, Report

CERT_FILTER = "Certificates (*.pem *.crt *.cer *.der);;All files (*)"
KEY_FILTER = "PKCS#12 (*.p12 *.pfx);;All files (*)"
PACKAGE_FILTER = "Audit packages (*.auditpkg);;All files (*)"
PACKAGE_SUFFIX = ".auditpkg"


class FileRow(QWidget):
    """A path field with its Browse… button (open or save)."""

    changed = Signal(str)

    def __init__(
        self,
        title: str,
        file_filter: str,
        *,
        save: bool = False,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title, self._filter, self._save = title, file_filter, save
        self.edit = QLineEdit(text)
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.changed)
        self.button = QPushButton(self.tr("Browse…"))
        self.button.clicked.connect(self.browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def browse(self) -> None:
        pick = QFileDialog.getSaveFileName if self._save else QFileDialog.getOpenFileName
        path, _ = pick(self, self._title, self.text(), self._filter)
        if path:
            self.edit.setText(path)


class TrustList(QWidget):
    """The certificates the user trusts (the CB's CA, or a sender's own certificate)."""

    changed = Signal()

    def __init__(self, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("trustList")
        self.list.setMinimumHeight(54)
        self.list.setMaximumHeight(84)
        for path in paths:
            self.list.addItem(path)
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(self._add)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def paths(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def add_path(self, path: str) -> None:
        if path and path not in self.paths():
            self.list.addItem(path)
            self.changed.emit()

    def _add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Trusted certificates"), "", CERT_FILTER
        )
        for path in paths:
            self.add_path(path)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()


class Busy(QWidget):
    """An indeterminate bar and a line of text, shown while a job runs."""

    def __init__(self, steps: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps = steps  # worker step code -> what to tell the user
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.label = QLabel()
        self.label.setObjectName("busyText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.job: Job | None = None
        self.hide()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def run(
        self,
        fn: Callable[[Report], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> Job:
        self.job = Job(fn, self)
        self.job.progressed.connect(self._step)
        self.job.succeeded.connect(done)
        self.job.failed.connect(failed)
        self.job.finished.connect(self.hide)
        self._step(0, 0, next(iter(self._steps), ""))
        self.show()
        self.job.start()
        return self.job

    def _step(self, _done: int, _total: int, code: str) -> None:
        if code in self._steps:
            self.label.setText(self._steps[code])

    def wait(self) -> None:
        """Block until the job is done (the window is closing)."""
        if self.running and self.job is not None:
            self.job.wait()
