"""Outlet sampling in the window: a redraw asks for a reason and keeps the previous draw in the
trail; the auditor's risk-based picks are recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_ui_support import GUI_MARKS

from auditor_app.store.audit_store import AuditStore

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def _draw_dialog(qtbot, details):
    details.panel.draw_button.click()
    dialog = details.draw_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_redraw_needs_a_reason_and_records_the_picks(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import DETAILS_TAB

    with AuditStore(db_path) as before:
        old = before.audit(demo_audit)["site_draw"]
    window = launcher.start(db_path).window
    assert window.open_audit(demo_audit, DETAILS_TAB)
    details = window.audit_view.details
    dialog = _draw_dialog(qtbot, details)
    assert dialog.picks() == ["宁波服务网点"]  # the recorded risk-based pick is offered again
    assert dialog.focusWidget() is dialog.reason
    # the keyboard ticks outlets: Space on the current one
    dialog.outlets.setFocus()
    dialog.outlets.setCurrentRow(0)
    qtbot.keyClick(dialog.outlets, Qt.Key.Key_Space)
    assert sorted(dialog.picks()) == sorted(["西湖服务网点", "宁波服务网点"])
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "why" in dialog.error.text().lower()
    with AuditStore(db_path) as again:
        assert again.audit(demo_audit)["site_draw"] == old  # nothing drawn yet
    qtbot.keyClicks(dialog.reason, "two outlets were added")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    with AuditStore(db_path) as again:
        draw = again.audit(demo_audit)["site_draw"]
        trail = [e for e in again.trail(demo_audit) if str(old["seed"]) in str(e["old"] or "")]
    assert draw["chosen"] == ["西湖服务网点", "宁波服务网点"]
    assert draw["redraw_reason"] == "two outlets were added"
    assert draw["previous_seed"] == old["seed"]
    assert trail, "the replaced draw is in the trail"


def test_too_many_picks_are_refused_in_place(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import DETAILS_TAB

    window = launcher.start(db_path).window
    assert window.open_audit(demo_audit, DETAILS_TAB)
    dialog = _draw_dialog(qtbot, window.audit_view.details)
    for i in range(dialog.outlets.count()):
        dialog.outlets.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.reason, "risk")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "2" in dialog.error.text()
