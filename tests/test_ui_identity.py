"""Who is working: the window asks for the auditor's name until it is set, and the trail
names that person instead of the operating-system login."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_support import GUI_MARKS

from auditor_app.store.audit_store import AuditStore

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def test_first_start_asks_the_name_and_the_trail_uses_it(qtbot, launcher, db_path):
    window = launcher.start(db_path).window
    banner = window.identity
    assert banner.isVisible()
    assert QApplication.focusWidget() is banner.name  # the first thing typed
    qtbot.keyClick(banner.name, Qt.Key.Key_Return)
    assert banner.isVisible() and not banner.error.isHidden()  # empty: refused in place
    qtbot.keyClicks(banner.name, "Wang Fang")
    qtbot.keyClick(banner.name, Qt.Key.Key_Return)
    # next: the signing key, by keyboard too
    assert banner.isVisible() and QApplication.focusWidget() is banner.keys_button
    qtbot.keyClick(banner.keys_button, Qt.Key.Key_Space)
    assert not banner.isVisible()
    assert window.dialog is not None and window.dialog.objectName() == "keysDialog"
    window.dialog.reject()
    window.store.set_setting("cb_name", "Some CB")
    with AuditStore(db_path) as again:
        assert again.get_setting("auditor_name") == "Wang Fang"
        assert again.trail()[-1]["actor"] == "Wang Fang"
        assert again.actor == "Wang Fang"  # the next start knows the name


def test_no_question_once_the_name_is_set(qtbot, launcher, db_path):
    with AuditStore(db_path) as setup:
        setup.set_setting("auditor_name", "Li Si")
    window = launcher.start(db_path).window
    assert not window.identity.isVisible()
