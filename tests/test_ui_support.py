"""Shared pieces of the GUI tests: a private QSettings, the real app started on a file.

Imported by the `test_ui_*` modules (pytest puts this folder on the path); it holds no tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt warnings fail every test: configured once in pyproject.toml (qt_log_level_fail, with the
# few exact messages from Qt itself that are ignored and why).
GUI_MARKS = [pytest.mark.gui]


@pytest.fixture
def private_settings(tmp_path: Path, qapp) -> Iterator[Path]:
    """QSettings in a temporary folder, so tests never see (or change) the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def message_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """Record QMessageBox calls instead of blocking on a modal box."""
    from PySide6.QtWidgets import QMessageBox

    calls: list[tuple[str, str, str]] = []
    for kind in ("warning", "critical", "information"):

        def record(_parent, title, text, *_args, kind=kind, **_kw):
            calls.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, record)
    return calls


def type_text(qtbot, widget, text: str) -> None:
    """Type like an auditor: ASCII as key presses, Chinese as an input method commits it
    (QTest cannot press keys for characters outside ASCII)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    for part in _runs(text):
        if part.isascii():
            qtbot.keyClicks(widget, part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QCoreApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1][-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


class Launcher:
    """Start the app the way `run_app` does, minus the event loop (pytest-qt runs it)."""

    def __init__(self, qapp, qtbot) -> None:
        self.qapp, self.qtbot = qapp, qtbot
        self.controllers = []

    def start(self, db_path: Path):
        from auditor_app.ui.app import AppController, configure

        controller = AppController(self.qapp, configure(self.qapp))
        assert controller.start(db_path), "the app did not start"
        self.controllers.append(controller)
        window = controller.window
        # An active window: focus, and so the commit when focus leaves a field, needs it.
        with self.qtbot.waitActive(window):
            window.activateWindow()
        return controller

    def stop(self, controller) -> None:
        window = controller.window
        if window is not None:
            window.close()
        controller.close()
        if window is not None:
            window.deleteLater()
        controller.deleteLater()
        if controller in self.controllers:
            self.controllers.remove(controller)

    def stop_all(self) -> None:
        for controller in list(self.controllers):
            self.stop(controller)


@pytest.fixture
def launcher(qapp, qtbot, private_settings, message_boxes) -> Iterator[Launcher]:
    from auditor_app.ui import i18n

    i18n.install("zh_CN")
    launch = Launcher(qapp, qtbot)
    yield launch
    launch.stop_all()
    i18n.install("zh_CN")
