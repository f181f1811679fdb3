"""The keyboard outside the scoring tree: search box to list, tables that let Tab leave, the
photo caption by keyboard with Esc back to the tree."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from test_ui_support import GUI_MARKS

from auditor_app.store.audit_store import AuditStore

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def _png() -> bytes:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_down_and_return_in_the_search_box_reach_the_list(qtbot, launcher, db_path, demo_audit):
    window = launcher.start(db_path).window
    window.show_home()
    home = window.home
    home.search.setFocus()
    home.view.clearSelection()
    qtbot.keyClick(home.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is home.view
    assert home.current_audit() == demo_audit
    home.search.setFocus()
    qtbot.keyClick(home.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is home.view


def test_tab_leaves_the_team_table(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import DETAILS_TAB

    window = launcher.start(db_path).window
    assert window.open_audit(demo_audit, DETAILS_TAB)
    for editor in (window.audit_view.details.team, window.audit_view.details.sites):
        assert not editor.view.tabKeyNavigation()
        editor.view.setFocus()
        qtbot.keyClick(editor.view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not editor.view


def test_photo_caption_by_keyboard_and_esc_back_to_the_tree(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import SCORING_TAB

    with AuditStore(db_path) as setup:
        link = setup.add_attachment(demo_audit, "5.1.1.2", _png(), "shop.png")
    window = launcher.start(db_path).window
    assert window.open_audit(demo_audit, SCORING_TAB)
    ws = window.audit_view.workspace
    ws.select_item("5.1.1.2")
    panel = ws.detail.attachments
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is panel.caption_edit
    qtbot.keyClicks(panel.caption_edit, "Front desk")
    qtbot.keyClick(panel.caption_edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is ws.tree
    with AuditStore(db_path) as again:
        [row] = [r for r in again.attachments(demo_audit, "5.1.1.2") if r["id"] == link]
    assert row["caption"] == "Front desk"
    assert window.save_state.text().startswith("✓")


def test_f1_shows_the_shortcut_sheet(qtbot, launcher, db_path, demo_audit):
    window = launcher.start(db_path).window
    window.actions.shortcuts.trigger()
    sheet = window.dialog
    assert sheet is not None and sheet.objectName() == "shortcutSheet"
    rows = [
        tuple(sheet.table.item(r, c).text() for c in range(3))
        for r in range(sheet.table.rowCount())
    ]
    keys = {k for _w, k, _t in rows}
    assert {"Ctrl+1", "F2", "F4", "J / K"} <= keys, keys
    assert window.actions.shortcuts.shortcut().toString() == "F1"
    sheet.reject()
