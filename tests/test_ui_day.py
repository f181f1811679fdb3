"""The auditor's day in the window, by keyboard: first start (name, trial key), a new audit
with typed dates, a finding with a typed deadline, an item scored with a note, the report
signed, and the email draft to the committee read back with Python's email package.

Where a dialog would block in `exec()` the test fills the same form and calls what its OK
button calls; everything else is key presses on the focused widget.
"""

from __future__ import annotations

import email
from email import policy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_support import GUI_MARKS

from auditor_app.store.audit_store import AuditStore

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def _target(dialog):
    # The offscreen platform does not activate dialogs, so a dialog's keys go to the widget
    # that has the focus inside it; the window's keys to the application's focus widget.
    target = dialog.focusWidget() if dialog is not None else QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    return target


def press(qtbot, key, dialog=None):
    qtbot.keyClick(_target(dialog), key)


def keys(qtbot, text, dialog=None):
    qtbot.keyClicks(_target(dialog), text)


def test_the_whole_day(qtbot, launcher, db_path, tmp_path):
    from auditor_app.ui.keys_dialog import TrialKeyDialog
    from auditor_app.ui.scoring.findings import FindingDialog

    window = launcher.start(db_path).window
    # first start: the name, then the key
    keys(qtbot, "Wang Fang")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Space)  # "Set up signing key…"
    manager = window.dialog
    manager.folder = tmp_path / "keys"  # not the tester's own key folder
    form = TrialKeyDialog("Wang Fang", manager)  # owned by the manager
    form.show()
    assert form.focusWidget() is form.passphrase  # the name is known already
    keys(qtbot, "day pass 1", form)
    press(qtbot, Qt.Key.Key_Tab, form)
    keys(qtbot, "day pass 1", form)
    press(qtbot, Qt.Key.Key_Return, form)
    assert form.result() == TrialKeyDialog.DialogCode.Accepted
    key_path = manager.create_trial(form.name.text(), form.passphrase.text())
    assert key_path is not None and manager.chosen == str(key_path)
    manager.reject()

    # a new audit, dates typed the way people type them
    window.actions.new_audit.trigger()
    dialog = window.dialog
    assert dialog.focusWidget() is dialog.name
    keys(qtbot, "Day Test Appliances Ltd", dialog)
    dialog.start.setFocus()  # past address, contact, type, scheme, report number
    keys(qtbot, "2026/2/14", dialog)
    press(qtbot, Qt.Key.Key_Tab, dialog)
    keys(qtbot, "20260215", dialog)
    press(qtbot, Qt.Key.Key_Return, dialog)
    qtbot.waitUntil(lambda: window.dialog is None)
    audit_id = window.audit_view.audit_id
    assert audit_id is not None

    # the team's recommendation, typed on the Details tab (signing is refused without it)
    window.audit_view.details.inputs["recommendation"].setFocus()
    keys(qtbot, "Recommended for certification")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the field commits it

    # scoring: conform, a note, a finding with a typed deadline
    window.actions.tab_scoring.trigger()
    ws = window.audit_view.workspace
    assert QApplication.focusWidget() is ws.tree
    item = ws.current_item()
    press(qtbot, Qt.Key.Key_C)
    press(qtbot, Qt.Key.Key_E)
    keys(qtbot, "Records checked at the front desk")
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is ws.tree
    assert window.save_state.text().startswith("✓")
    press(qtbot, Qt.Key.Key_F)
    finding = ws.findChild(FindingDialog)
    assert finding is not None and finding.focusWidget() is finding.text  # opens on the text
    keys(qtbot, "Complaint log incomplete", finding)
    finding.deadline.setFocus()
    keys(qtbot, "2027-03-31", finding)
    finding.try_accept()

    # sign and export, then the hand-off
    out = tmp_path / "reports" / "day.pdf"  # a folder that does not exist yet
    # the CB's own identity, set once per laptop (Settings); a real audit is never signed in
    # the name of the shipped example CB
    window.store.set_setting("cb_name", "某某认证有限公司")
    window.actions.export.trigger()
    export = window.dialog
    assert export.key_path.text() == str(key_path)  # the chosen key
    export.out_path.setText(str(out))
    assert export.focusWidget() is export.passphrase
    keys(qtbot, "day pass 1", export)
    press(qtbot, Qt.Key.Key_Return, export)
    # one item scored: the checks before signing ask for a reason, kept in the trail
    qtbot.waitUntil(lambda: export.confirm_reason.isVisible(), timeout=10000)
    keys(qtbot, "sample day: one item scored on purpose", export)
    press(qtbot, Qt.Key.Key_Return, export)
    qtbot.waitUntil(
        lambda: window.dialog is not None and window.dialog.objectName() == "handoffDialog",
        timeout=60000,
    )
    handoff = window.dialog
    opened = []
    handoff.opener = lambda url: opened.append(url) or True
    handoff.to.setText("committee@cb.example")
    eml = handoff.email_draft()
    handoff.reject()

    with AuditStore(db_path) as db:
        audit = db.audit(audit_id)
        assert (audit["start_date"], audit["end_date"]) == ("2026-02-14", "2026-02-15")
        assert audit["locked"] == 1
        row = db.result_rows(audit_id)[item]
        assert row["result"] == "conform" and row["note"] == "Records checked at the front desk"
        [found] = db.findings(audit_id)
        assert (found["text"], found["deadline"]) == ("Complaint log incomplete", "2027-03-31")
        actors = {e["actor"] for e in db.trail(audit_id)}
        assert actors == {"Wang Fang"}, actors
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    [pdf] = list(msg.iter_attachments())
    assert pdf.get_filename() == "day.pdf" and pdf.get_content() == out.read_bytes()
    assert msg["To"] == "committee@cb.example"
