"""The export dialog runs the checks before signing: blocking ones listed in place, confirmable
ones signed through only with a reason (issue 11)."""

from __future__ import annotations

from auditor_app.services.demo import create_demo
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui.export_dialog import ExportDialog
from tests.test_sync_support import PASSPHRASE, session_keys, write_key
from tests.test_ui_support import GUI_MARKS

pytestmark = GUI_MARKS
K = session_keys()


def test_export_dialog_lists_the_checks_and_asks_for_a_reason(qtbot, store, tmp_path):
    demo = create_demo(store)
    store.update_audit(demo, recommendation="", deviations="")
    dialog = ExportDialog(store, demo)
    qtbot.addWidget(dialog)
    dialog.key_path.setText(str(write_key(K.leader, tmp_path, "leader")))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.out_path.setText(str(tmp_path / "report.pdf"))
    dialog.accept()
    assert dialog.request is None
    assert "recommendation is empty" in dialog.error.text()
    assert not dialog.confirm_reason.isVisibleTo(dialog)  # blocking: no way round it

    store.update_audit(demo, recommendation="推荐发证")
    dialog.accept()
    assert dialog.request is None and "no deviation" in dialog.error.text()
    assert dialog.confirm_reason.isVisibleTo(dialog)
    dialog.confirm_reason.setText("按计划完成")
    dialog.accept()
    assert dialog.request is not None
    assert dialog.request.confirm == {"no_deviations": "按计划完成"}

    # the dialog's request runs as the job body (Qt-free, its own store): signed and locked;
    # the remembered key and folder went through the settings service
    from pypdf import PdfReader

    from auditor_app.services.report_jobs import run_export

    steps: list[tuple[int, int]] = []
    out = run_export(dialog.request, lambda done, total, _text: steps.append((done, total)))
    assert out == tmp_path / "report.pdf" and steps
    fields = PdfReader(out).get_fields() or {}
    assert any(f.get("/FT") == "/Sig" and f.get("/V") for f in fields.values())
    with AuditStore(store.path, actor="reader") as again:
        assert again.audit(demo)["locked"]
    assert store.get_setting("signing_key_path") == str(tmp_path / "leader.p12")
