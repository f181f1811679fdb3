"""The sync dialogs driven like a user would: real databases, real keys, real packages.

Export (wrong passphrase, written, over the email limit), import (imported, unchanged,
tampered, encrypted), the team merge (a conflict must be decided before Apply), and the
committee view (a received report listed, a decision recorded, an expired certificate
flagged in words and colour).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from auditor_app.services import package_jobs as tasks
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, read_package, write_package
from auditor_app.sync.committee import latest_decision
from auditor_app.ui.sync import (
    CommitteeView,
    ExportPackageDialog,
    ImportPackageDialog,
    MergeDialog,
    texts,
)
from auditor_app.ui.sync.committee_models import C_STATUS, R_TRUSTED, R_VERDICT
from auditor_app.ui.sync.merge_models import THEIRS
from tests.test_sync_support import dump, members, session_keys, zip_of
from tests.test_ui_support import GUI_MARKS
from tests.test_ui_sync_support import CONFLICT_ITEM, MEMBER, World, build_world, copy_db

pytestmark = GUI_MARKS


@pytest.fixture(autouse=True)
def _chinese_window(qapp):
    """The texts asserted below are the default (Chinese) window's, whatever ran before."""
    from auditor_app.ui import i18n

    i18n.install("zh_CN")


K = session_keys()
WAIT = 30_000


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return build_world(tmp_path_factory.mktemp("sync-world"))


@pytest.fixture(scope="module")
def signed_package(world, tmp_path_factory) -> Path:
    """The signed demo audit as a plain revision package, made by the service."""
    path = tmp_path_factory.mktemp("packages") / "signed.auditpkg"
    with AuditStore(world.leader_db) as leader:
        write_package(build_package(leader, world.signed_audit, K.leader), path)
    return path


@pytest.fixture
def leader_db(world, tmp_path) -> Path:
    return copy_db(world.leader_db, tmp_path / "leader.sqlite")


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "committee.sqlite"
    AuditStore(path).close()
    return path


def _idle(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: not widget.busy.running, timeout=WAIT)


# -- export ------------------------------------------------------------------------------------
def test_export_says_wrong_passphrase_then_writes_a_signed_package(qtbot, world, leader_db):
    out = leader_db.parent / "signed.auditpkg"
    dialog = ExportPackageDialog(leader_db, world.signed_audit)
    qtbot.addWidget(dialog)
    dialog.key.setText(str(world.leader_key))
    dialog.out.setText(str(out))
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert dialog.pass_error.isVisibleTo(dialog)
    assert "密码不正确" in dialog.pass_error.text()
    assert not out.exists()

    dialog.passphrase.setText(world.passphrase)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as written:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert written.args == [out] and not dialog.pass_error.isVisibleTo(dialog)
    assert "SHA-256" in dialog.message.text()
    package = read_package(out, K.trust)
    assert package.kind == "revision" and package.report_pdf is not None
    with AuditStore(leader_db) as store:  # the key is offered again next time
        assert store.get_setting(tasks.KEY_SETTING) == str(world.leader_key)
    again = ExportPackageDialog(leader_db, world.signed_audit)  # and the folder, per audit
    qtbot.addWidget(again)
    assert Path(again.out.text()).parent == out.parent


def test_export_over_the_email_limit_writes_only_when_asked(qtbot, world, leader_db):
    with AuditStore(leader_db) as store:
        store.set_setting("email_limit_mb", "0.001")  # 1 KB: any package is over it
    out = leader_db.parent / "mine.auditpkg"
    dialog = ExportPackageDialog(leader_db, world.team_audit)
    qtbot.addWidget(dialog)
    dialog.member_kind.setChecked(True)
    dialog.items.setText("5.1, 5.2")
    dialog.key.setText(str(world.leader_key))
    dialog.passphrase.setText(world.passphrase)
    dialog.out.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.force_button.isVisibleTo(dialog), timeout=WAIT)
    assert not out.exists()  # nothing written before the user agrees
    warning = dialog.warning.text()
    assert "1.0 KB" in warning and "邮件大小上限" in warning and dialog.warning.isVisibleTo(dialog)

    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        qtbot.mouseClick(dialog.force_button, Qt.MouseButton.LeftButton)
    package = read_package(out, K.trust)
    assert package.kind == "member" and package.manifest["items"] == ["5.1", "5.2"]
    assert not dialog.force_button.isVisibleTo(dialog)


# -- import ------------------------------------------------------------------------------------
def _import(qtbot, dialog):
    with qtbot.waitSignal(dialog.finished_import, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return done.args[0]


def test_import_shows_imported_then_unchanged_then_a_refusal(
    qtbot, world, signed_package, empty_db, tmp_path
):
    dialog = ImportPackageDialog(empty_db)
    qtbot.addWidget(dialog)
    dialog.package.setText(str(signed_package))
    dialog.trust.add_path(str(world.ca))
    first = _import(qtbot, dialog)
    assert first.status == "imported"
    assert "已导入" in dialog.verdict.text()
    assert all("✔" in dialog.rows[k].text() for k in ("signed", "trusted", "intact"))
    assert dialog.rows["signer"].text() == "王建国"
    again = _import(qtbot, dialog)
    assert again.status == "unchanged" and "无变化" in dialog.verdict.text()

    # a changed byte in audit.json, under the original signature
    files = members(signed_package.read_bytes())
    files["audit.json"] = files["audit.json"].replace("杭州".encode(), "上海".encode(), 1)
    tampered = tmp_path / "tampered.auditpkg"
    tampered.write_bytes(zip_of(list(files.items())))
    with AuditStore(empty_db) as store:
        before = dump(store)
    later = ImportPackageDialog(empty_db)
    qtbot.addWidget(later)
    assert later.trust.paths() == [str(world.ca)]  # remembered in the database
    later.package.setText(str(tampered))
    refused = _import(qtbot, later)
    assert refused.status == "refused" and refused.code == "tampered"
    assert texts.refusal("tampered") in later.verdict.text()
    assert "数据库未作任何更改" in later.reason.text() and refused.reason in later.reason.text()
    assert "否" in later.rows["intact"].text()
    with AuditStore(empty_db) as store:
        assert dump(store) == before


def test_import_of_an_encrypted_package_asks_for_the_key(qtbot, world, empty_db, tmp_path):
    path = tmp_path / "for-committee.auditpkg"
    with AuditStore(world.leader_db) as leader:
        result = build_package(
            leader, world.signed_audit, K.leader, recipient=K.committee.certificate
        )
    write_package(result, path)
    dialog = ImportPackageDialog(empty_db)
    qtbot.addWidget(dialog)
    dialog.package.setText(str(path))
    dialog.trust.add_path(str(world.ca))
    assert _import(qtbot, dialog).code == "encrypted_no_key"
    assert dialog.key_box.isChecked()  # opened to show where the key goes
    dialog.key.setText(str(world.committee_key))
    dialog.passphrase.setText(world.passphrase)
    outcome = _import(qtbot, dialog)
    assert outcome.status == "imported" and outcome.encrypted
    assert "是" in dialog.rows["encrypted"].text()


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        ("imported", None, (True, True, True)),
        ("refused", "damaged", (None, None, False)),
        ("refused", "bad_signature", (False, None, False)),
        ("refused", "untrusted", (True, False, None)),
        ("refused", "tampered", (True, True, False)),
        ("refused", "older_revision", (True, True, True)),
    ],
)
def test_checks_follow_the_order_the_reader_verifies_in(status, code, expected):
    found = texts.checks(status, code)
    assert (found["signed"], found["trusted"], found["intact"]) == expected


# -- team merge --------------------------------------------------------------------------------
def _cell_centre(view, row, column):
    return view.visualRect(view.model().index(row, column)).center()


def test_merge_applies_only_when_every_conflict_is_decided(qtbot, world, leader_db):
    dialog = MergeDialog(leader_db, world.team_audit, world.member_package, [world.ca])
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.preview.author == MEMBER
    assert dialog.conflicts.rowCount() == 1 and dialog.changes.rowCount() >= 3
    assert dialog.conflicts.conflict(0).key == CONFLICT_ITEM
    mine = dialog.conflicts.index(0, 1).data()
    theirs = dialog.conflicts.index(0, THEIRS).data()
    assert "不符合" in mine and "王建国" in mine
    assert "符合" in theirs and MEMBER in theirs
    assert not dialog.apply_button.isEnabled()  # undecided: no silent overwrite
    assert "待决定" in dialog.conflicts.index(0, 3).data()

    qtbot.mouseClick(dialog.all_mine, Qt.MouseButton.LeftButton)
    assert dialog.conflicts.decisions == {CONFLICT_ITEM: "mine"}
    view = dialog.conflicts_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_centre(view, 0, THEIRS))
    assert dialog.conflicts.decisions == {CONFLICT_ITEM: "theirs"}
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.merged, timeout=WAIT):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.status == "merged" and dialog.outcome.resolved == (CONFLICT_ITEM,)
    assert "已合并" in dialog.status.text()
    with AuditStore(leader_db) as store:
        results = store.result_rows(world.team_audit)
    assert results[CONFLICT_ITEM]["result"] == "conform"
    assert results["5.2.1.1"]["updated_by"] == MEMBER


def test_merge_of_a_revision_package_is_refused_in_place(qtbot, world, leader_db, signed_package):
    dialog = MergeDialog(leader_db, world.team_audit, signed_package, [world.ca])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=WAIT)
    assert texts.refusal("wrong_kind") in dialog.status.text()
    assert "数据库未作任何更改" in dialog.error.text()
    assert not dialog.apply_button.isEnabled()


# -- committee ---------------------------------------------------------------------------------
def test_committee_lists_a_report_and_records_a_decision(qtbot, world, signed_package, empty_db):
    imported = tasks.run_import(
        tasks.ImportRequest(empty_db, signed_package, (str(world.ca),))
    )  # remembers the trust list, which the view then uses
    view = CommitteeView(empty_db)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    assert view.proxy.rowCount() == 1 and view.certificates.rowCount() == 0
    assert "✔" in view.proxy.index(0, R_TRUSTED).data()
    assert "✔" in view.proxy.index(0, R_VERDICT).data()
    assert view.panel.report.audit_id == imported.audit_id  # the first row is selected

    view.panel.choices["approve"].setChecked(True)
    qtbot.mouseClick(view.panel.record, Qt.MouseButton.LeftButton)
    assert "证书编号" in view.panel.error.text()  # said in place, nothing recorded

    view.panel.certificate.setText("CB-2020-001")
    view.panel.decided_on.put("2026-02-30")  # typed dates are checked, never rolled over
    qtbot.mouseClick(view.panel.record, Qt.MouseButton.LeftButton)
    assert "2026-02-30" in view.panel.error.text()  # said in place, in either language
    view.panel.decided_on.put("20261220")
    assert view.panel.issued_on.get() == "2026-12-20"  # the issue date follows the decision
    view.today = dt.date(2030, 1, 1)  # so the certificate has expired
    with qtbot.waitSignals([view.decided, view.loaded], timeout=WAIT):
        qtbot.mouseClick(view.panel.record, Qt.MouseButton.LeftButton)
    with AuditStore(empty_db) as store:
        decision = latest_decision(store, imported.audit_id)
    assert decision.decision == "approve" and decision.expires_on == "2029-12-19"
    assert decision.level == "compliant" and "needs 12 months" in decision.note  # stars wait
    assert view.certificates.rowCount() == 1
    status = view.certificates.index(0, C_STATUS)
    assert "过期" in status.data()  # in words, not colour alone
    assert status.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert "1 张逾期" in view.summary.text()


# -- lifetime ----------------------------------------------------------------------------------
def test_closed_widgets_are_freed_after_their_jobs(qtbot, world, leader_db, signed_package):
    """A callback holding `self` in a child's connection keeps a widget alive past the
    application, which then crashes on exit; every widget must go when its owner drops it."""
    import gc
    import weakref

    makers = [
        lambda: ExportPackageDialog(leader_db, world.team_audit),
        lambda: ImportPackageDialog(leader_db),
        lambda: MergeDialog(leader_db, world.team_audit, world.member_package, [world.ca]),
        lambda: CommitteeView(leader_db),
    ]
    refs = []
    for make in makers:
        widget = make()
        if isinstance(widget, ExportPackageDialog):
            widget.key.setText(str(world.leader_key))
            widget.passphrase.setText("wrong")
            widget.out.setText(str(leader_db.parent / "x.auditpkg"))
            widget.start()
        elif isinstance(widget, ImportPackageDialog):
            widget.package.setText(str(signed_package))
            widget.start()
        _idle(qtbot, widget)
        widget.close()
        refs.append(weakref.ref(widget))
        del widget
    gc.collect()
    assert [r() for r in refs] == [None] * len(makers)


def test_committee_view_shows_the_register_and_its_history(qtbot, world, signed_package, empty_db):
    from auditor_app.sync.certificate_register import act
    from auditor_app.sync.committee import decide
    from auditor_app.ui.sync.committee_models import C_STATE

    imported = tasks.run_import(tasks.ImportRequest(empty_db, signed_package, (str(world.ca),)))
    with AuditStore(empty_db, actor="评审委员会") as store:
        decide(
            store,
            imported.audit_id,
            "approve",
            decided_on="2026-12-20",
            certificate_number="CB-9",
            trust=[K.ca.certificate],
        )
        act(store, "CB-9", "suspend", reason="客户申请暂停", on=dt.date(2027, 1, 5))
    view = CommitteeView(empty_db)
    view.today = dt.date(2027, 1, 6)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.reload()
    state = view.certificates.index(0, C_STATE)
    assert "暂停" in state.data() and "2027-07-05" in state.data()
    view.certificates_view.selectRow(0)
    assert "客户申请暂停" in view.cert_history.text() and "评审委员会" in view.cert_history.text()


def test_committee_view_refuses_an_untrusted_approval_in_place(
    qtbot, world, signed_package, empty_db
):
    imported = tasks.run_import(tasks.ImportRequest(empty_db, signed_package, (str(world.ca),)))
    tasks.remember_trust(empty_db, [])
    view = CommitteeView(empty_db)  # nothing trusted now
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    view.panel.choices["approve"].setChecked(True)
    view.panel.certificate.setText("CB-7")
    view.panel.decided_on.put("20261220")
    qtbot.mouseClick(view.panel.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not verify" in view.panel.error.text(), timeout=WAIT)
    with AuditStore(empty_db) as store:
        assert latest_decision(store, imported.audit_id) is None
        assert store.db.execute("SELECT COUNT(*) FROM certificate_events").fetchone()[0] == 0


def test_a_background_check_of_the_opened_report_keeps_the_reviewers_input(
    qtbot, world, signed_package, empty_db
):
    # the opened report is verified again in the background; when that answer arrives after
    # the reviewer typed (or after a refusal was shown), nothing of it may be wiped
    tasks.run_import(tasks.ImportRequest(empty_db, signed_package, (str(world.ca),)))
    view = CommitteeView(empty_db)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: view._rechecker is None or not view._rechecker.running, timeout=WAIT)
    view.panel.certificate.setText("CB-9")
    view.panel.show_error("refused for a reason")
    view._refresh_rows([view.panel.report])  # what the finished re-check does
    assert view.panel.certificate.text() == "CB-9"
    assert view.panel.error.text() == "refused for a reason"
    view.panel.set_report(None)  # another selection starts afresh
    assert view.panel.error.text() == ""


def test_committee_view_records_a_suspension_with_its_reason(
    qtbot, world, signed_package, empty_db
):
    from auditor_app.sync.committee import decide
    from auditor_app.ui.sync.committee_models import C_STATE

    imported = tasks.run_import(tasks.ImportRequest(empty_db, signed_package, (str(world.ca),)))
    with AuditStore(empty_db, actor="评审委员会") as store:
        decide(
            store,
            imported.audit_id,
            "approve",
            decided_on="2026-12-20",
            certificate_number="CB-11",
            trust=[K.ca.certificate],
        )
    view = CommitteeView(empty_db)
    view.today = dt.date(2027, 2, 1)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    assert not view.actions.record.isEnabled()  # no certificate selected
    view.certificates_view.selectRow(0)
    assert view.actions.number == "CB-11" and view.actions.record.isEnabled()
    view.actions.on.put("2027/1/10")  # typed as people type dates
    qtbot.mouseClick(view.actions.record, Qt.MouseButton.LeftButton)
    assert "理由" in view.actions.error.text()  # said in place, nothing recorded
    view.actions.reason.setText("客户申请暂停")
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        qtbot.mouseClick(view.actions.record, Qt.MouseButton.LeftButton)
    assert "暂停" in view.certificates.index(0, C_STATE).data()
    view.certificates_view.selectRow(0)
    assert "客户申请暂停" in view.cert_history.text()
