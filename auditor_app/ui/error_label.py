"""The red line under a field that says what is wrong with it.

Its own module so that the first screen (the name banner) does not load the form fields'
spin boxes and calendar (issue 14); `ui.fields` offers it to the forms as before."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from auditor_app.ui.cli_hints import for_window
from auditor_app.ui.look import tint


class ErrorLabel(QLabel):
    """Red text under a field saying what is wrong with it; hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        tint(self, "#b3261e")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def set_error(self, text: str | None) -> None:
        self.setText(for_window(text or ""))
        self.setVisible(bool(text))
