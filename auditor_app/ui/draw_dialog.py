"""Before outlets are drawn: the auditor ticks the risk-based picks, and gives a reason when a
recorded draw would be replaced (the replaced one stays in the trail)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.ui.fields import ErrorLabel


class DrawDialog(QDialog):
    def __init__(
        self,
        outlets: list[str],
        sample_size: int,
        random_min: int,
        previous: dict[str, Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drawDialog")
        self.setWindowTitle(self.tr("Draw the outlets to visit"))
        self.free = max(sample_size - random_min, 0)
        intro = QLabel(
            self.tr(
                "{size} outlet(s) are visited; at least {random} are drawn at random. Tick up to "
                "{free} you choose for their risk (complaints, size, last findings)."
            ).format(size=sample_size, random=random_min, free=self.free)
        )
        intro.setWordWrap(True)
        self.outlets = QListWidget()
        self.outlets.setObjectName("riskPicks")
        chosen = set((previous or {}).get("chosen") or [])
        for name in outlets:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.outlets.addItem(item)
        self.outlets.setEnabled(self.free > 0)
        if self.outlets.count():
            self.outlets.setCurrentRow(0)
        self.reason = QLineEdit()
        self.reason.setObjectName("redrawReason")
        self.reason.setPlaceholderText(self.tr("e.g. the client added two outlets"))
        replaced = QLabel(
            self.tr(
                "A draw is recorded already (seed {seed}). Drawing again replaces it; the old "
                "draw stays in the trail. Why draw again?"
            ).format(seed=(previous or {}).get("seed"))
        )
        replaced.setWordWrap(True)
        replaced.setStyleSheet("color: #8a5a00;")
        self.error = ErrorLabel()
        self.error.setObjectName("drawError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Draw again") if previous else self.tr("Draw"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.outlets, 1)
        if previous:
            layout.addWidget(replaced)
            layout.addWidget(self.reason)
        else:
            self.reason.hide()
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.reason if previous else self.outlets).setFocus()
        self.needs_reason = bool(previous)

    def picks(self) -> list[str]:
        return [
            self.outlets.item(i).text()
            for i in range(self.outlets.count())
            if self.outlets.item(i).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        if len(self.picks()) > self.free:
            self.error.set_error(
                self.tr("Tick at most {free}: the rest must be drawn at random.").format(
                    free=self.free
                )
            )
            return
        if self.needs_reason and not self.reason.text().strip():
            self.error.set_error(self.tr("Say why the recorded draw is replaced."))
            self.reason.setFocus()
            return
        super().accept()
