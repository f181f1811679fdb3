"""Honest saving: typing is committed after a short pause, and the window says "saved" only
when it is true. A real app in a child process types into a note (or a form field), waits for
the indicator, is killed with SIGKILL (`Popen.kill`, TerminateProcess on Windows), and every
character must be in the database afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_ui_support import GUI_MARKS, type_text

from auditor_app.store.audit_store import AuditStore

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS

CHILD = Path(__file__).resolve().parent / "gui_typing_child.py"
TEXT = "Checked 6 outlet records; 回访记录齐全 and signed by the manager."


def _run_child(db_path: Path, audit_id: int, field: str, tmp_path: Path) -> list[str]:
    env = {
        **os.environ,
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(audit_id), field, TEXT, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode("utf-8").strip()
            lines.append(line)
            if not line.startswith("pending"):
                break
    finally:
        proc.kill()  # SIGKILL: no close event, no flush, nothing runs after this
        _out, err = proc.communicate(timeout=60)
    assert lines and lines[-1].startswith("saved"), (lines, err.decode("utf-8", "replace"))
    return lines


def test_a_note_typed_then_killed_is_all_there(db_path, demo_audit, store, tmp_path):
    store.close()
    lines = _run_child(db_path, demo_audit, "note", tmp_path)
    # right after the last key the window must not claim a save that has not happened
    assert not lines[0].removeprefix("pending ").startswith("✓"), lines
    with AuditStore(db_path) as again:
        note = again.result_rows(demo_audit)["5.1.1.2"]["note"]
    assert note.endswith(TEXT), note


def test_a_form_field_typed_then_killed_is_all_there(db_path, demo_audit, store, tmp_path):
    store.close()
    lines = _run_child(db_path, demo_audit, "scope", tmp_path)
    assert not lines[0].removeprefix("pending ").startswith("✓"), lines
    with AuditStore(db_path) as again:
        assert TEXT in again.audit(demo_audit)["scope"]


def test_the_indicator_says_not_saved_while_typing_waits(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import SCORING_TAB

    app = launcher.start(db_path)
    window = app.window
    assert window.open_audit(demo_audit, SCORING_TAB)
    note = window.audit_view.workspace.detail.note
    window.audit_view.workspace.select_item("5.1.1.2")
    type_text(qtbot, note, "abc")
    assert not window.save_state.text().startswith("✓")
    with AuditStore(db_path) as again:  # really not saved yet: the indicator is not lying
        assert not again.result_rows(demo_audit)["5.1.1.2"]["note"].endswith("abc")
    qtbot.waitUntil(lambda: window.save_state.text().startswith("✓"), timeout=5000)
    with AuditStore(db_path) as again:
        assert again.result_rows(demo_audit)["5.1.1.2"]["note"].endswith("abc")


def test_leaving_the_field_saves_at_once(qtbot, launcher, db_path, demo_audit):
    from auditor_app.ui.audit_view import DETAILS_TAB

    app = launcher.start(db_path)
    window = app.window
    assert window.open_audit(demo_audit, DETAILS_TAB)
    field = window.audit_view.details.inputs["report_number"]
    type_text(qtbot, field, "R-2027-001")
    assert not window.save_state.text().startswith("✓")
    window.audit_view.details.inputs["scope"].setFocus()  # focus out commits, no pause needed
    assert window.save_state.text().startswith("✓")
    with AuditStore(db_path) as again:
        assert again.audit(demo_audit)["report_number"].endswith("R-2027-001")


def test_a_typed_sample_shows_not_saved_until_recorded(qtbot, launcher, db_path, demo_audit):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from auditor_app.ui.audit_view import SCORING_TAB

    window = launcher.start(db_path).window
    assert window.open_audit(demo_audit, SCORING_TAB)
    ws = window.audit_view.workspace
    ws.select_item("5.1.1.2")  # recorded: 6 checked, 0 nonconforming
    ws.focus_tree()
    qtbot.keyClick(ws.tree, Qt.Key.Key_S)
    spin = QApplication.focusWidget()
    assert spin is ws.detail.result.n_spin
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "8")
    assert not window.save_state.text().startswith("✓")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # on to k
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # records (8, 0)
    with AuditStore(db_path) as again:
        assert again.result_rows(demo_audit)["5.1.1.2"]["sampled"] == 8
    assert window.save_state.text().startswith("✓")
