"""Find in all audits (Ctrl+Shift+F) by keyboard: type, Down to the hits, Return opens the item."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_support import GUI_MARKS

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def test_type_then_return_opens_the_item_of_the_note(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import SCORING_TAB
    from auditor_app.ui.search_dialog import SearchDialog

    window = launcher.start(db_path).window
    window.actions.search.trigger()
    dialog = window.dialog
    assert isinstance(dialog, SearchDialog)
    # the dialog opens on the search box (window-modal: focus arrives once it is shown)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.query)
    qtbot.keyClicks(dialog.query, "16 ")
    dialog.query.insert("份投诉案卷")  # Chinese arrives committed from the input method
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # runs the pending search, goes to the hits
    assert QApplication.focusWidget() is dialog.hits
    assert dialog.hits.topLevelItemCount() == 1
    hit = dialog.hits.currentItem()
    assert "5.3.2.3" in hit.text(1) and "16 份投诉案卷" in hit.text(2)
    qtbot.keyClick(dialog.hits, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    assert window.audit_view.audit_id == demo_audit
    assert window.audit_view.tabs.currentIndex() == SCORING_TAB
    assert window.audit_view.current_item() == "5.3.2.3"


def test_no_match_says_so_and_stays(qtbot, launcher, db_path, demo_audit):
    window = launcher.start(db_path).window
    window.actions.search.trigger()
    dialog = window.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.query)
    dialog.query.insert("没有这个词")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.status.text() in ("No match", "无匹配")
    assert dialog.isVisible() and dialog.hits.topLevelItemCount() == 0
    dialog.reject()
