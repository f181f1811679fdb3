"""How errors reach the user: a clear sentence in a dialog or in place, never a traceback.

Domain errors (`AuditorError`) already carry a message a user can act on. Anything else is a
bug: it is logged with its traceback and the user gets a short apology that keeps their work
safe (every earlier change is already committed).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from auditor_app.core.errors import AuditorError
from auditor_app.ui.cli_hints import for_window

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """The sentence to show for `exc`."""
    if isinstance(exc, AuditorError):
        return for_window(str(exc))
    log.error("unexpected error", exc_info=exc)
    return QCoreApplication.translate(
        "Messages",
        "Something went wrong inside the app ({kind}). Everything saved before this moment is "
        "safe in the database.",
    ).format(kind=type(exc).__name__)


def show_error(parent: QWidget | None, title: str, exc: BaseException | str) -> None:
    from PySide6.QtWidgets import QMessageBox  # at the first message: start-up shows none

    text = for_window(exc) if isinstance(exc, str) else describe(exc)
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def show_fatal(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, text)
