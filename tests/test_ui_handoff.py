"""Hand-off after signing: open the folder, an email draft (.eml) with the report and a
package attached (read back with Python's email package), the size checked against the limit."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path
from urllib.parse import unquote

import pytest
from PySide6.QtCore import QUrl
from test_ui_support import GUI_MARKS

from auditor_app.core.errors import InputError
from auditor_app.services import handoff

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def _files(tmp_path):
    pdf = tmp_path / "out" / "R-2026-07.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    package = tmp_path / "out" / "R-2026-07-r0.auditpkg"
    package.write_bytes(b"PK\x03\x04" + bytes(reversed(range(256))) * 10)
    return pdf, package


def test_email_draft_has_both_files_intact(qtbot, store, demo_audit, tmp_path):
    from auditor_app.ui.handoff_dialog import HandoffDialog

    pdf, package = _files(tmp_path)
    opened: list[QUrl] = []
    dialog = HandoffDialog(store, demo_audit, pdf, opener=lambda url: opened.append(url) or True)
    qtbot.addWidget(dialog)
    dialog.to.setText("committee@cb.example")
    dialog.set_package(package)
    dialog.open_folder()
    assert Path(opened[-1].toLocalFile()) == pdf.parent  # Qt writes / on Windows too
    eml = dialog.email_draft()
    assert eml is not None and Path(opened[-1].toLocalFile()) == eml
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "committee@cb.example" and msg["X-Unsent"] == "1"
    assert store.audit(demo_audit)["org_name"] in msg["Subject"]
    parts = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
    assert parts == {pdf.name: pdf.read_bytes(), package.name: package.read_bytes()}
    assert "R-2026-07.pdf" in msg.get_body(("plain",)).get_content()
    assert store.get_setting(handoff.TO_SETTING) == "committee@cb.example"  # remembered


def test_mailto_when_no_mail_program_opens_the_draft(qtbot, store, demo_audit, tmp_path):
    from auditor_app.ui.handoff_dialog import HandoffDialog

    pdf, _package = _files(tmp_path)
    opened: list[QUrl] = []

    def opener(url: QUrl) -> bool:
        opened.append(url)
        return url.scheme() == "mailto"  # the .eml cannot be opened here

    dialog = HandoffDialog(store, demo_audit, pdf, opener=opener)
    qtbot.addWidget(dialog)
    dialog.email_draft()
    assert opened[-1].scheme() == "mailto"
    assert str(pdf) in unquote(opened[-1].toString(QUrl.ComponentFormattingOption.FullyEncoded))


def test_size_over_the_email_limit_is_said(qtbot, store, demo_audit, tmp_path):
    from auditor_app.ui.handoff_dialog import HandoffDialog

    pdf, _package = _files(tmp_path)
    store.set_setting("email_limit_mb", "0.005")
    dialog = HandoffDialog(store, demo_audit, pdf, opener=lambda _url: True)
    qtbot.addWidget(dialog)
    assert "Too large" in dialog.size_label.text() or "过大" in dialog.size_label.text()
    draft = handoff.prepare(store, demo_audit, [pdf])
    assert draft.over_limit


def test_a_missing_attachment_is_refused(store, demo_audit, tmp_path):
    with pytest.raises(InputError, match="do not exist"):
        handoff.prepare(store, demo_audit, [tmp_path / "gone.pdf"])


def test_address_and_texts_come_from_settings(qtbot, store, demo_audit, tmp_path):
    from auditor_app.ui.settings_dialog import SettingsDialog

    pdf, _package = _files(tmp_path)
    settings = SettingsDialog(store)
    qtbot.addWidget(settings)
    assert settings.email_subject.text() == handoff.DEFAULT_SUBJECT
    settings.committee_email.setText("review@cb.example")
    settings.email_subject.setText("Report {report} for review")
    settings.accept()
    assert store.get_setting(handoff.BODY_SETTING) in (None, "")  # built-in text kept
    draft = handoff.prepare(store, demo_audit, [pdf])
    number = store.audit(demo_audit)["report_number"]
    assert draft.to == "review@cb.example"
    assert draft.subject == f"Report {number} for review"
    assert pdf.name in draft.body
    store.set_setting(handoff.SUBJECT_SETTING, "Report {number}")
    with pytest.raises(InputError, match="placeholder"):
        handoff.prepare(store, demo_audit, [pdf])


def test_a_written_package_is_handed_off_the_same_way(
    qtbot, launcher, db_path, demo_audit, tmp_path
):
    _pdf, package = _files(tmp_path)
    window = launcher.start(db_path).window
    window._package_handoff(demo_audit, package)
    dialog = window.dialog
    assert dialog.objectName() == "handoffDialog"
    assert str(package) in dialog.findChild(type(dialog.size_label), "handoffSaved").text()
    dialog.opener = lambda _url: True
    eml = dialog.email_draft()
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    [part] = list(msg.iter_attachments())
    assert part.get_filename() == package.name and part.get_content() == package.read_bytes()
    dialog.reject()
