"""Child process of test_ui_saving: the real app types into a field, then waits to be killed.

    python tests/gui_typing_child.py DB AUDIT_ID FIELD TEXT SETTINGS_DIR

FIELD is `note` (the evidence note of item 5.1.1.2) or `scope` (the details form). Prints
`pending <indicator>` right after typing, `saved <indicator>` once the window's indicator says
everything is saved, then runs the event loop until the parent kills the process (SIGKILL).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ITEM = "5.1.1.2"


def type_like_a_person(widget, text: str) -> None:
    """ASCII as key presses, anything else as an input method commits it."""
    run = ""
    for ch in text + "\0":
        if run and (ch == "\0" or ch.isascii() != run[-1].isascii()):
            if run.isascii():
                QTest.keyClicks(widget, run)
            else:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QCoreApplication.sendEvent(widget, event)
            run = ""
        run += ch


def main() -> int:
    db, audit_id, field, text, settings = sys.argv[1:6]
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    from auditor_app.ui.app import AppController, configure
    from auditor_app.ui.audit_view import DETAILS_TAB, SCORING_TAB

    controller = AppController(app, configure(app))
    controller.backups_enabled = False  # a backup thread is not what this test is about
    assert controller.start(db)
    window = controller.window
    assert window is not None
    window.show()
    window.activateWindow()
    if field == "note":
        assert window.open_audit(int(audit_id), SCORING_TAB)
        workspace = window.audit_view.workspace
        workspace.select_item(ITEM)
        target = workspace.detail.note
    else:
        assert window.open_audit(int(audit_id), DETAILS_TAB)
        target = window.audit_view.details.inputs[field]
    target.setFocus()
    QApplication.processEvents()
    type_like_a_person(target, text)
    print("pending", window.save_state.text(), flush=True)
    deadline = time.monotonic() + 30
    while not window.save_state.text().startswith("✓"):
        QApplication.processEvents()
        time.sleep(0.01)
        if time.monotonic() > deadline:
            print("timeout", window.save_state.text(), flush=True)
            return 1
    print("saved", window.save_state.text(), flush=True)
    return app.exec()  # the focus stays in the field; the parent kills us here


if __name__ == "__main__":
    sys.exit(main())
