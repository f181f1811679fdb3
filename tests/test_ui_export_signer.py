"""The export dialog takes the signer's role from the audit team and refuses an outsider in
place, unless explicitly allowed with a role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_ui_support import GUI_MARKS

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_outsider_refused_in_place_then_allowed_with_a_role(
    qtbot, launcher, db_path, store, demo_audit, tmp_path
):
    from auditor_app.signing import keys

    key_file = keys.write_pkcs12(
        keys.create_auditor_key("张三", key_type="ec"), tmp_path / "z.p12", "pass phrase"
    )
    window = launcher.start(db_path).window
    window.open_audit(demo_audit)
    window.actions.export.trigger()
    dialog = window.dialog
    dialog.key_path.setText(str(key_file))
    dialog.out_path.setText(str(tmp_path / "r.pdf"))
    qtbot.keyClicks(dialog.passphrase, "pass phrase")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "张三" in dialog.error.text() and dialog.outsider.isVisible()
    assert store.audit(demo_audit)["locked"] == 0

    dialog.outsider.setChecked(True)
    dialog.outsider_role.setText("技术专家 Technical expert")  # keyClicks is ASCII-only
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.audit(demo_audit)["locked"] == 1, timeout=60000)
    # The lock is committed inside the export job; wait for the window to take the result
    # too, or its handler may run after the test closed the store.
    qtbot.waitUntil(lambda: "r.pdf" in window.statusBar().currentMessage(), timeout=60000)
    assert store.latest_report(demo_audit)["signer"] == "张三"
    # the export job has finished (and handed off) before the window may close
    qtbot.waitUntil(
        lambda: window.dialog is not None and window.dialog.objectName() == "handoffDialog",
        timeout=60000,
    )
