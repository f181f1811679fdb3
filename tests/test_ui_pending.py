"""Never a lost entry: what is typed in the scoring workspace reaches the database when the
auditor leaves it in any way (closes the window, goes to the list, opens another audit or
database), n and k are one entry (Tab between them records nothing), and a refused entry stays
in the form with its reason shown.

The real app is started on a real SQLite file; keys go to the focused widget; every check
reads the database back through a new connection.
"""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from test_ui_support import GUI_MARKS

from auditor_app.core.results import ItemResult
from auditor_app.services.audits import ClientInfo
from auditor_app.store.audit_store import AuditStore, row_to_result

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …
pytestmark = GUI_MARKS

DELETABLE = "5.2.1.2"  # whole item, conforming in the demo audit (5.1 items may not be deleted)
SAMPLED = "5.2.1.1"  # proportional, 8 checked / 0 nonconforming in the demo audit, deletable
REASON = "不适用：no outlets of its own"


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def typed(qtbot, text):
    """ASCII as key presses, Chinese as an input method commits it."""
    target = QApplication.focusWidget()
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(target, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(target, event)


def stored(db_path, audit_id, item_id):
    with AuditStore(db_path) as again:  # a new connection, as after a restart
        return row_to_result(again.result_rows(audit_id).get(item_id, {}))


def open_scoring(launcher, db_path, audit_id, item_id):
    from auditor_app.ui.audit_view import SCORING_TAB

    app = launcher.start(db_path)
    window = app.window
    assert window.open_audit(audit_id, SCORING_TAB)
    ws = window.audit_view.workspace
    ws.select_item(item_id)
    ws.focus_tree()
    return app, window, ws


def _other_audit(service) -> int:
    return service.create_audit(ClientInfo("另一家客户"), "initial", headcount={"full_time": 30})


def _leave(how, launcher, app, service, tmp_path):
    window = app.window
    if how == "close":
        launcher.stop(app)
    elif how == "home":
        window.actions.home.trigger()  # Ctrl+1: a shortcut, the focus does not move first
        assert window.pages.currentWidget() is window.home
    elif how == "details tab":
        window.actions.tab_details.trigger()
    elif how == "export package":
        window.actions.export_package.trigger()  # the package must hold what was typed
        assert window.dialog is not None
        window.dialog.reject()
    elif how == "other audit":
        assert window.open_audit(_other_audit(service))
    elif how == "other database":
        other = tmp_path / "other.sqlite"
        AuditStore(other).close()
        assert app.open_database(other)
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how", ["close", "home", "details tab", "export package", "other audit", "other database"]
)
def test_a_typed_deletion_reason_is_recorded_when_the_auditor_leaves(
    qtbot, launcher, db_path, service, demo_audit, tmp_path, how
):
    app, _window, ws = open_scoring(launcher, db_path, demo_audit, DELETABLE)
    press(qtbot, Qt.Key.Key_D)
    assert QApplication.focusWidget() is ws.detail.result.reason_edit
    typed(qtbot, REASON)  # no Enter: the auditor moves on
    _leave(how, launcher, app, service, tmp_path)
    assert stored(db_path, demo_audit, DELETABLE) == ItemResult("na", reason=REASON)


@pytest.mark.parametrize("how", ["close", "home", "other audit"])
def test_a_typed_sample_is_recorded_when_the_auditor_leaves(
    qtbot, launcher, db_path, service, audit_id, tmp_path, how
):
    app, _window, ws = open_scoring(launcher, db_path, audit_id, SAMPLED)  # not scored yet
    press(qtbot, Qt.Key.Key_S)
    typed(qtbot, "8")
    press(qtbot, Qt.Key.Key_Return)  # on to k
    assert QApplication.focusWidget() is ws.detail.result.k_spin
    typed(qtbot, "3")  # no Enter, the focus stays in k
    _leave(how, launcher, app, service, tmp_path)
    assert stored(db_path, audit_id, SAMPLED) == ItemResult("sampled", 8, 3)


def test_switching_items_records_the_typed_reason(qtbot, launcher, db_path, demo_audit):
    _app, _window, ws = open_scoring(launcher, db_path, demo_audit, DELETABLE)
    press(qtbot, Qt.Key.Key_D)
    typed(qtbot, REASON)
    ws.tree.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the next row of the tree
    assert ws.current_item() == "5.2.1.3"
    assert stored(db_path, demo_audit, DELETABLE) == ItemResult("na", reason=REASON)
    assert ws.undo_stack.count() == 1
    ws.undo()
    assert stored(db_path, demo_audit, DELETABLE) == ItemResult("conform")


def test_tab_moves_between_n_and_k_and_records_when_it_leaves_the_row(
    qtbot, launcher, db_path, demo_audit
):
    _app, _window, ws = open_scoring(launcher, db_path, demo_audit, SAMPLED)
    editor = ws.detail.result
    press(qtbot, Qt.Key.Key_S)
    typed(qtbot, "8")
    press(qtbot, Qt.Key.Key_Tab)  # n → k: nothing recorded yet, the focus stays in the row
    assert QApplication.focusWidget() is editor.k_spin
    assert stored(db_path, demo_audit, SAMPLED) == ItemResult("sampled", 8, 0)
    typed(qtbot, "2")
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # back to n
    assert QApplication.focusWidget() is editor.n_spin
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # k → Record: still in the row
    assert QApplication.focusWidget() is editor.sample_apply
    assert stored(db_path, demo_audit, SAMPLED) == ItemResult("sampled", 8, 0)
    assert ws.undo_stack.count() == 0

    press(qtbot, Qt.Key.Key_Tab)  # out of the row: recorded, and the focus goes where Tab went
    assert stored(db_path, demo_audit, SAMPLED) == ItemResult("sampled", 8, 2)
    focus = QApplication.focusWidget()
    assert focus is not ws.tree and not editor.sample_row.isAncestorOf(focus)
    assert ws.undo_stack.count() == 1

    press(qtbot, Qt.Key.Key_S)  # Enter in k records at once and goes back to the tree
    typed(qtbot, "9")
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.k_spin
    typed(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    assert stored(db_path, demo_audit, SAMPLED) == ItemResult("sampled", 9, 1)
    assert QApplication.focusWidget() is ws.tree


def test_a_refused_deletion_stays_in_the_form_and_says_why(
    qtbot, launcher, db_path, store, demo_audit, message_boxes, monkeypatch
):
    _app, window, ws = open_scoring(launcher, db_path, demo_audit, DELETABLE)
    press(qtbot, Qt.Key.Key_D)
    typed(qtbot, REASON)
    # signed meanwhile (another connection): the deletion can no longer be recorded
    store.lock_with_report(demo_audit, b"%PDF-1.7 signed elsewhere", "0" * 64, "王建国")

    window.actions.home.trigger()
    ((kind, _title, text),) = message_boxes
    assert kind == "warning" and DELETABLE in text
    assert window.pages.currentWidget() is window.audit_view  # stayed (the box said Ok)
    editor = ws.detail.result
    assert ws.current_item() == DELETABLE and editor.reason_edit.text() == REASON
    assert editor.reason_error.isVisibleTo(ws) and editor.reason_error.text()
    assert stored(db_path, demo_audit, DELETABLE) == ItemResult("conform")

    ws.select_item("5.2.1.3")  # away and back: the draft and its reason are still there
    assert DELETABLE in ws.message.text()
    ws.select_item(DELETABLE)
    assert editor.reason_edit.text() == REASON and editor.reason_error.text()

    # the auditor chooses to go on without it: the window closes, nothing else is asked
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    window.close()
    assert not window.isVisible()
    assert stored(db_path, demo_audit, DELETABLE) == ItemResult("conform")


def test_closing_waits_for_a_photo_import(
    qtbot, launcher, db_path, demo_audit, tmp_path, monkeypatch
):
    from PIL import Image

    from auditor_app.store import photos

    slow_intake = photos.intake

    def intake(*args, **kwargs):
        time.sleep(0.4)  # a large photo on a slow laptop
        return slow_intake(*args, **kwargs)

    monkeypatch.setattr(photos, "intake", intake)
    files = []
    for n in range(3):
        path = tmp_path / f"IMG_{n}.jpg"
        Image.new("RGB", (320, 240), (40 * n, 90, 160)).save(path, "JPEG")
        files.append(path)
    app, _window, ws = open_scoring(launcher, db_path, demo_audit, DELETABLE)
    ws.import_files(files)
    launcher.stop(app)  # at once, while the first photo is still being read
    with AuditStore(db_path) as again:
        names = [r["original_name"] for r in again.attachments(demo_audit, DELETABLE)]
    assert names == ["IMG_0.jpg", "IMG_1.jpg", "IMG_2.jpg"]
