"""File → Restore a backup: the database is replaced by the chosen backup and reopened; the
replaced file is kept aside."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox
from test_ui_support import GUI_MARKS

from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService
from auditor_app.store import backup

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def test_restore_a_backup_from_the_menu(qtbot, launcher, db_path, store, demo_audit, monkeypatch):
    made = backup.make_backup(db_path)
    AuditService(store).record(demo_audit, "5.1.1.1", ItemResult("nonconform"))  # after it
    store.close()
    controller = launcher.start(db_path)
    window = controller.window
    assert controller.store.results(demo_audit)["5.1.1.1"].kind == "nonconform"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.actions.restore_backup.trigger()
    qtbot.waitUntil(lambda: controller.window is not window)
    assert controller.store.results(demo_audit)["5.1.1.1"].kind == "conform"
    aside = [p for p in db_path.parent.iterdir() if ".replaced-" in p.name]
    assert aside, "the replaced database is kept"
    assert made is not None
