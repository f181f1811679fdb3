"""Date fields take what people type (real key events): the audit's days, a finding's
deadline, the new-audit dialog. Nothing is moved to another date; nonsense is refused in place.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_ui_support import GUI_MARKS

from auditor_app.store.audit_store import AuditStore

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def _details(launcher, db_path, audit_id):
    from auditor_app.ui.audit_view import DETAILS_TAB

    app = launcher.start(db_path)
    assert app.window.open_audit(audit_id, DETAILS_TAB)
    return app.window.audit_view.details


def _retype(qtbot, field, text):
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2027-02-14", "2027-02-14"), ("2027/2/14", "2027-02-14"), ("20270214", "2027-02-14")],
)
def test_typed_end_date_is_stored_as_typed(qtbot, launcher, db_path, audit_id, typed, stored):
    details = _details(launcher, db_path, audit_id)
    _retype(qtbot, details.inputs["start_date"], "2027-02-10")
    _retype(qtbot, details.inputs["end_date"], typed)
    assert details.inputs["end_date"].text() == stored  # shown as stored
    with AuditStore(db_path) as again:
        row = again.audit(audit_id)
    assert (row["start_date"], row["end_date"]) == ("2027-02-10", stored)


def test_an_empty_date_can_be_typed_into_and_cleared(qtbot, launcher, db_path, audit_id):
    details = _details(launcher, db_path, audit_id)
    field = details.inputs["start_date"]
    assert field.text() == ""
    field.setFocus()
    qtbot.keyClicks(field, "2026-12-16")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field commits it
    with AuditStore(db_path) as again:
        assert again.audit(audit_id)["start_date"] == "2026-12-16"
    _retype(qtbot, field, "")
    with AuditStore(db_path) as again:
        assert again.audit(audit_id)["start_date"] == ""


def test_nonsense_is_refused_in_place_and_nothing_changes(qtbot, launcher, db_path, audit_id):
    details = _details(launcher, db_path, audit_id)
    _retype(qtbot, details.inputs["end_date"], "2027-02-14")
    _retype(qtbot, details.inputs["end_date"], "2027-02-30")
    assert details.inputs["end_date"].text() == "2027-02-30"  # kept for correcting
    assert "2027-02-30" in details.errors["end_date"].text()
    assert not details.errors["end_date"].isHidden()
    with AuditStore(db_path) as again:
        assert again.audit(audit_id)["end_date"] == "2027-02-14"


def test_finding_deadline_typed_is_saved_exactly(qtbot, service, store, audit_id):
    from auditor_app.ui.scoring.findings import FindingDialog
    from auditor_app.ui.scoring.workspace import ScoringWorkspace

    ws = ScoringWorkspace(service)
    qtbot.addWidget(ws)
    ws.set_audit(audit_id)
    ws.select_item("5.1.7.2")
    dialog = FindingDialog(ws.add_finding, item_id="5.1.7.2", parent=ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.text  # opens on the text
    qtbot.keyClicks(dialog.text, "Two certificates expired")
    dialog.deadline.setFocus()
    qtbot.keyClicks(dialog.deadline, "2027-02-14")
    assert dialog.has_deadline.isChecked()  # typing a date sets it
    dialog.try_accept()
    assert dialog.result() == FindingDialog.DialogCode.Accepted
    [row] = [f for f in store.findings(audit_id) if f["text"] == "Two certificates expired"]
    assert row["deadline"] == "2027-02-14"


def test_finding_deadline_nonsense_keeps_the_dialog_open(qtbot, service, store, audit_id):
    from auditor_app.ui.scoring.findings import FindingDialog
    from auditor_app.ui.scoring.workspace import ScoringWorkspace

    ws = ScoringWorkspace(service)
    qtbot.addWidget(ws)
    ws.set_audit(audit_id)
    dialog = FindingDialog(ws.add_finding, item_id="5.1.7.2", parent=ws)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("late")
    qtbot.keyClicks(dialog.deadline, "2027-14-02")
    dialog.try_accept()
    assert dialog.result() != FindingDialog.DialogCode.Accepted
    assert "2027-14-02" in dialog.error.text()
    assert not [f for f in store.findings(audit_id) if f["text"] == "late"]


def test_new_audit_dialog_reads_typed_dates(qtbot, service, store):
    from auditor_app.ui.new_audit import NewAuditDialog

    dialog = NewAuditDialog(service)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Typed Dates Ltd")
    qtbot.keyClicks(dialog.start, "2026/12/15")
    qtbot.keyClicks(dialog.end, "20261216")
    dialog.accept()
    assert dialog.audit_id is not None
    row = store.audit(dialog.audit_id)
    assert (row["start_date"], row["end_date"]) == ("2026-12-15", "2026-12-16")


def test_a_pause_in_typing_a_date_stores_nothing_half_typed(qtbot, launcher, db_path, audit_id):
    details = _details(launcher, db_path, audit_id)
    field = details.inputs["end_date"]
    field.setFocus()
    qtbot.keyClicks(field, "2027-02-1")  # one digit still to come
    committer = next(c for c in details.committers if c.widget is field)
    qtbot.waitUntil(lambda: not committer._timer.isActive(), timeout=5000)  # the pause passed
    assert committer.pending() and details.errors["end_date"].isHidden()
    with AuditStore(db_path) as again:
        assert again.audit(audit_id)["end_date"] == ""  # not 2027-02-01
    qtbot.keyClicks(field, "4")
    qtbot.waitUntil(lambda: not committer.pending(), timeout=5000)
    with AuditStore(db_path) as again:
        assert again.audit(audit_id)["end_date"] == "2027-02-14"


def test_f4_picks_a_date_from_the_calendar_and_stores_it(qtbot, launcher, db_path, audit_id):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QTableView

    details = _details(launcher, db_path, audit_id)
    field = details.inputs["start_date"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_F4)
    popup = field.findChild(QCalendarWidget)
    assert popup is not None and popup.isWindow() and popup.isVisible()
    assert popup.selectedDate() == QDate.currentDate()  # an empty field opens on today
    popup.setSelectedDate(QDate(2027, 3, 1))
    qtbot.keyClick(popup.findChild(QTableView), Qt.Key.Key_Return)  # as a keyboard user picks
    assert field.text() == "2027-03-01"
    qtbot.waitUntil(lambda: field.findChild(QCalendarWidget) is None)  # closed, deleted
    with AuditStore(db_path) as again:
        assert again.audit(audit_id)["start_date"] == "2027-03-01"
