"""Keys in the window: the key manager creates, imports, chooses and exports; the report
export creates its folder; messages never name a command-line flag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_ui_support import GUI_MARKS

from auditor_app.services import key_files
from auditor_app.signing import keys

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def test_key_manager_create_import_choose_export(qtbot, store, tmp_path):
    from auditor_app.ui.keys_dialog import KeysDialog

    dialog = KeysDialog(store, folder=tmp_path / "keys")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    trial = dialog.create_trial("审核员 Wang", "secret1")
    assert trial is not None and store.get_setting(key_files.KEY_SETTING) == str(trial)
    assert dialog.list.currentItem().text().startswith("★")
    assert "审核员 Wang" in dialog.list.currentItem().text()  # whose, from the certificate

    cb = keys.write_pkcs12(
        keys.create_auditor_key("Wang", key_type="ec"), tmp_path / "cb.p12", "cb pass"
    )
    assert dialog.import_file(cb, "nope") is None
    assert "passphrase" in dialog.error.text() and not dialog.error.isHidden()
    imported = dialog.import_file(cb, "cb pass")
    assert imported is not None and store.get_setting(key_files.KEY_SETTING) == str(imported)
    assert dialog.list.count() == 2

    dialog.list.setCurrentRow(
        [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)].index(str(trial))
    )
    dialog.use_selected()
    assert store.get_setting(key_files.KEY_SETTING) == str(trial)

    out = dialog.export_certificate(trial, tmp_path / "to-committee" / "wang.pem")
    assert out is not None and out.read_bytes() == trial.with_suffix(".pem").read_bytes()


def test_trial_key_form_checks_in_place(qtbot):
    from auditor_app.ui.keys_dialog import TrialKeyDialog

    form = TrialKeyDialog("Wang")
    qtbot.addWidget(form)
    qtbot.keyClicks(form.passphrase, "secret1")
    qtbot.keyClicks(form.again, "secret2")
    form.accept()
    assert form.result() != TrialKeyDialog.DialogCode.Accepted
    assert not form.error.isHidden()


def test_export_creates_a_missing_report_folder(
    qtbot, launcher, db_path, store, demo_audit, tmp_path
):
    key_file = keys.write_pkcs12(
        keys.create_auditor_key("张三", key_type="ec"), tmp_path / "z.p12", "pass phrase"
    )
    store.replace_team(demo_audit, [{"name": "张三", "role": "leader"}])
    window = launcher.start(db_path).window
    window.open_audit(demo_audit)
    window.actions.export.trigger()
    dialog = window.dialog
    assert "auditor_app" in dialog.out_path.text()  # the default is Documents/auditor_app/…
    out = tmp_path / "missing" / "deeper" / "r.pdf"
    dialog.key_path.setText(str(key_file))
    dialog.out_path.setText(str(out))
    qtbot.keyClicks(dialog.passphrase, "pass phrase")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and store.audit(demo_audit)["locked"] == 1, timeout=60000)
    qtbot.waitUntil(  # the export job has finished before the window may close
        lambda: window.dialog is not None and window.dialog.objectName() == "handoffDialog",
        timeout=60000,
    )
    assert out.read_bytes().startswith(b"%PDF")
    # remembered for this audit
    assert store.get_setting(f"report_folder.{demo_audit}") == str(out.parent)


def test_window_messages_never_name_a_flag(qapp):
    from auditor_app.signing.verify import SELF_SIGNED_REASON
    from auditor_app.ui.cli_hints import for_window

    samples = [
        SELF_SIGNED_REASON,
        "the package is encrypted for X; give that recipient's key file (--key)",
        "the package is signed by X, but no trusted certificate was given; pass the CB's CA "
        "or the sender's certificate with --trust",
        "audit 3 is signed and locked; its signed report is kept in the database. To change "
        "it, start a new revision with `auditor-app audit revise --audit 3 --reason TEXT`",
        "the package is 30 MB; too large to email. Export anyway with --force (e.g. for a "
        "shared folder)",
        "something new: use --frobnicate FILE.pem",
    ]
    for text in samples:
        shown = for_window(text)
        assert "--" not in shown and "auditor-app" not in shown, shown
    from auditor_app.ui import i18n

    try:  # the hint is in the window's language
        i18n.install("en")
        assert "trusted certificates" in for_window(SELF_SIGNED_REASON)
        i18n.install("zh_CN")
        assert "受信任的证书" in for_window(SELF_SIGNED_REASON)
    finally:
        i18n.install("zh_CN")


def test_committee_trusts_an_auditors_certificate_from_the_window(qtbot, store, tmp_path):
    from auditor_app.services import package_jobs as tasks
    from auditor_app.ui.trust_dialog import TrustDialog

    made = key_files.create_trial_key(tmp_path / "keys", "Auditor Li", "secret1")
    dialog = TrustDialog(store, folder=tmp_path / "trusted")
    qtbot.addWidget(dialog)
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate", encoding="utf-8")
    assert dialog.add(junk) is None and not dialog.error.isHidden()
    copied = dialog.add(made.certificate)
    assert copied is not None and copied.parent == tmp_path / "trusted"
    assert dialog.add(made.certificate) == copied  # the same file twice is one entry
    assert tasks.saved_trust(store) == [str(copied)]
    assert dialog.tree.topLevelItemCount() == 1
    assert dialog.tree.topLevelItem(0).text(0) == "Auditor Li"
    dialog.recipient_selected()
    assert store.get_setting(tasks.RECIPIENT_SETTING) == str(copied)
    dialog.remove_selected()
    assert tasks.saved_trust(store) == [] and dialog.tree.topLevelItemCount() == 0
