"""The sync dialogs reached from the main window: File → Import package…, Audit → Export
package… and Merge team member's package…, View → Committee review; after an import, a merge
or a decision the audits list and the open audit show the new state.

Real app on real SQLite files, real keys and packages (see test_ui_sync_support).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_ui_support import GUI_MARKS

from auditor_app.services import package_jobs as tasks
from auditor_app.store.audit_store import AuditStore
from auditor_app.sync import build_package, write_package
from auditor_app.ui.audit_view import SCORING_TAB
from auditor_app.ui.sync import (
    CommitteeView,
    ExportPackageDialog,
    ImportPackageDialog,
    MergeDialog,
)
from tests.test_sync_support import session_keys
from tests.test_ui_sync_support import CONFLICT_ITEM, World, build_world, copy_db

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …
pytestmark = GUI_MARKS
WAIT = 30_000


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return build_world(tmp_path_factory.mktemp("sync-window"))


@pytest.fixture(scope="module")
def signed_package(world, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("packages") / "signed.auditpkg"
    with AuditStore(world.leader_db) as leader:
        write_package(build_package(leader, world.signed_audit, session_keys().leader), path)
    return path


@pytest.fixture
def leader_db(world, tmp_path) -> Path:
    path = copy_db(world.leader_db, tmp_path / "leader.sqlite")
    with AuditStore(path) as store:  # the leader trusts the CA (as the dialogs remember it)
        store.set_setting(tasks.TRUST_SETTING, json.dumps([str(world.ca)]))
    return path


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "committee.sqlite"
    AuditStore(path).close()
    return path


def _menu_holding(window, action):
    """The menu bar's menu that lists `action`."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None


def _close(qtbot, window) -> None:
    dialog = window.dialog
    dialog.reject()
    qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT)


def test_the_sync_actions_are_in_the_menus_and_open_their_dialogs(
    qtbot, launcher, leader_db, world, monkeypatch
):
    window = launcher.start(leader_db).window
    a = window.actions
    assert _menu_holding(window, a.import_package) is _menu_holding(window, a.new_audit)  # File
    audit_menu = _menu_holding(window, a.duplicate)
    assert _menu_holding(window, a.export_package) is audit_menu
    assert _menu_holding(window, a.merge_package) is audit_menu
    assert _menu_holding(window, a.committee) is _menu_holding(window, a.home)  # View

    a.import_package.trigger()
    assert isinstance(window.dialog, ImportPackageDialog) and window.dialog.isVisible()
    assert window.dialog.trust.paths() == [str(world.ca)]  # the database's trust list
    _close(qtbot, window)

    window.open_audit(world.team_audit)
    assert a.export_package.isEnabled() and a.merge_package.isEnabled()
    a.export_package.trigger()
    assert isinstance(window.dialog, ExportPackageDialog)
    assert window.dialog.audit_id == world.team_audit
    _close(qtbot, window)

    asked = []

    def choose(*args, **_kw):
        asked.append(args)
        return str(world.member_package), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    a.merge_package.trigger()
    dialog = window.dialog
    assert asked and isinstance(dialog, MergeDialog)
    assert dialog.request.audit_id == world.team_audit
    assert dialog.request.trust_paths == (str(world.ca),)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    _close(qtbot, window)

    a.committee.trigger()
    view = window.committee
    assert isinstance(view, CommitteeView) and view.isVisible() and view.isWindow()
    a.committee.trigger()  # once: the open one comes to the front
    assert window.committee is view
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    window.close()  # the committee window goes with the main window
    qtbot.waitUntil(lambda: window.committee is None, timeout=WAIT)


def test_the_signed_audit_offers_export_but_no_merge(qtbot, launcher, leader_db, world):
    window = launcher.start(leader_db).window
    window.open_audit(world.signed_audit)
    assert window.actions.export_package.isEnabled()
    assert not window.actions.merge_package.isEnabled()  # a signed audit takes a revision


def test_an_import_through_the_dialog_shows_the_new_audit_in_the_list(
    qtbot, launcher, empty_db, world, signed_package
):
    window = launcher.start(empty_db).window
    assert window.home.model.rowCount() == 0
    window.actions.import_package.trigger()
    dialog = window.dialog
    dialog.package.setText(str(signed_package))
    dialog.trust.add_path(str(world.ca))
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    audit_id = done.args[0]
    # the list under the dialog already shows it, selected
    assert window.home.model.rowCount() == 1
    assert window.home.current_audit() == audit_id
    assert "杭州恒信" in window.home.model.audit_row(0)["org_name"]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialog is None, timeout=WAIT)
    assert window.open_audit(audit_id)
    assert window.audit_view.locked  # a signed revision stays signed


def test_a_merge_through_the_dialog_shows_in_the_open_audit(
    qtbot, launcher, leader_db, world, monkeypatch
):
    window = launcher.start(leader_db).window
    assert window.open_audit(world.team_audit, SCORING_TAB)
    ws = window.audit_view.workspace
    ws.select_item(CONFLICT_ITEM)
    assert ws.detail.result.nonconform_button.isChecked()
    before = ws.score_bar.total.text()

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(world.member_package), "")
    )
    window.actions.merge_package.trigger()
    dialog = window.dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    qtbot.mouseClick(dialog.all_theirs, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.merged, timeout=WAIT):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    # read again, in place: same tab, same item, the member's result
    assert window.audit_view.current_tab() == SCORING_TAB
    assert ws.current_item() == CONFLICT_ITEM
    assert ws.detail.result.conform_button.isChecked()
    assert ws.score_bar.total.text() != before
    assert ws.undo_stack.count() == 0  # undo must not write back what the merge replaced
    ws.select_item("5.2.1.1")
    assert ws.detail.result.conform_button.isChecked()
    assert "说明书与铭牌一致" in ws.detail.note.toPlainText()


def test_a_committee_decision_reads_the_list_again(
    qtbot, launcher, empty_db, world, signed_package, monkeypatch
):
    imported = tasks.run_import(tasks.ImportRequest(empty_db, signed_package, (str(world.ca),)))
    window = launcher.start(empty_db).window
    reloads = []
    original = window.home.reload
    monkeypatch.setattr(window.home, "reload", lambda *a: (reloads.append(a), original(*a)))
    view = window.show_committee()
    qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    assert view.panel.report.audit_id == imported.audit_id
    view.panel.choices["approve"].setChecked(True)
    view.panel.certificate.setText("CB-2026-001")
    view.panel.decided_on.put("20261220")  # not before the audit and its report
    with qtbot.waitSignal(view.decided, timeout=WAIT):
        qtbot.mouseClick(view.panel.record, Qt.MouseButton.LeftButton)
    assert reloads
    view.close()
    qtbot.waitUntil(lambda: window.committee is None, timeout=WAIT)
