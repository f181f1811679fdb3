"""New audit form and audit details: real widgets, a real SQLite file, the store checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_ui_support import GUI_MARKS, type_text

pytest_plugins = ["test_ui_support"]  # its fixtures: launcher, message_boxes …
pytestmark = GUI_MARKS


def _ok(dialog) -> object:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def _type_number(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))


def test_new_audit_form_creates_the_audit(qtbot, launcher, db_path):
    from auditor_app.store.audit_store import AuditStore

    app = launcher.start(db_path)
    window = app.window
    assert window.home.empty.isVisible()
    window.actions.new_audit.trigger()
    dialog = window.dialog
    qtbot.waitUntil(dialog.isVisible)

    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)  # no name yet
    assert dialog.isVisible()
    assert dialog.name_error.isVisible() and dialog.name_error.text()

    type_text(qtbot, dialog.name, "上海申通家电维修有限公司")
    type_text(qtbot, dialog.address, "上海市徐汇区漕溪北路 88 号")
    dialog.audit_type.setCurrentIndex(dialog.audit_type.findData("recertification"))
    qtbot.keyClicks(dialog.report_number, "SH-2026-001")
    _type_number(qtbot, dialog.full_time, 150)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.dialog is None)
    assert window.pages.currentWidget() is window.audit_view
    assert window.audit_view.tabs.currentIndex() == 0
    audit_id = window.audit_view.audit_id
    with AuditStore(db_path) as check:  # an independent connection sees it committed
        audit = check.audit(audit_id)
        assert audit["org_name"] == "上海申通家电维修有限公司"
        assert audit["audit_type"] == "recertification"
        assert audit["headcount"] == {"full_time": 150}
        assert audit["persondays"]["audit_days"] > 0
    assert window.audit_view.details.inputs["report_number"].text() == "SH-2026-001"


def test_details_edits_commit_and_person_days_follow_live(
    qtbot, launcher, db_path, store, audit_id
):
    app = launcher.start(db_path)
    window = app.window
    window.open_audit(audit_id)
    details = window.audit_view.details
    panel = details.panel
    days_before = panel.days.text()
    full_time = details.headcount.widgets["full_time"]

    _type_number(qtbot, full_time, 2000)
    # live: the panel follows the typing before anything is committed
    assert panel.days.text() != days_before
    assert store.audit(audit_id)["headcount"]["full_time"] == 120
    qtbot.keyClick(full_time, Qt.Key.Key_Return)
    assert store.audit(audit_id)["headcount"]["full_time"] == 2000
    assert store.audit(audit_id)["persondays"]["effective_personnel"] == 2000
    assert "✓" in window.save_state.text()

    # part-time staff without their hours: said in place, and the entry is still kept
    part_time = details.headcount.widgets["part_time"]
    _type_number(qtbot, part_time, 40)
    qtbot.keyClick(part_time, Qt.Key.Key_Tab)
    hours_error = details.headcount.errors["part_time_hours"]
    assert hours_error.isVisible() and hours_error.text()
    assert panel.error.isVisible()
    assert store.audit(audit_id)["headcount"]["part_time"] == 40
    hours = details.headcount.widgets["part_time_hours"]
    _type_number(qtbot, hours, 20)
    qtbot.keyClick(hours, Qt.Key.Key_Return)
    assert not hours_error.isVisible() and not panel.error.isVisible()
    assert store.audit(audit_id)["persondays"]["part_time_fte"] == 20

    # a reduction beyond the cap shows as capped
    adjustments = details.headcount.adjustments
    adjustments.add_button.click()
    model = adjustments.model
    model.setData(model.index(0, 0), "成熟体系")
    model.setData(model.index(0, 1), -45)
    qtbot.waitUntil(
        lambda: store.audit(audit_id)["headcount"]["adjustments"] == [["成熟体系", -45]]
    )
    assert panel.result.reduction_capped

    # undo goes back one committed step at a time, in the store and on screen
    window.undo()
    assert store.audit(audit_id)["headcount"]["adjustments"] == [["成熟体系", 0]]
    window.undo()
    assert store.audit(audit_id)["headcount"]["adjustments"] == [["", 0]]
    window.undo()
    assert store.audit(audit_id)["headcount"]["adjustments"] == []
    assert model.rowCount() == 0
    window.redo()
    assert model.rowCount() == 1


def test_client_name_cannot_be_emptied(qtbot, launcher, db_path, store, audit_id):
    window = launcher.start(db_path).window
    window.open_audit(audit_id)
    details = window.audit_view.details
    name = details.inputs["name"]
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert details.errors["name"].isVisible()
    assert name.text() == ""  # what was typed stays on screen …
    assert store.audit(audit_id)["org_name"] == "测试客户有限公司"  # … and nothing bad is stored
    type_text(qtbot, name, "新名称有限公司")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert store.audit(audit_id)["org_name"] == "新名称有限公司"
    assert not details.errors["name"].isVisible()


def test_sites_change_the_sample_and_the_draw_is_recorded(
    qtbot, launcher, db_path, store, audit_id
):
    window = launcher.start(db_path).window
    window.open_audit(audit_id)
    details = window.audit_view.details
    sites = details.sites.model
    for n, name in enumerate(["总部", "一店", "二店", "三店", "四店", "五店"]):
        details.sites.add_button.click()
        sites.setData(sites.index(n, 0), name)
    sites.setData(sites.index(0, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: len(store.sites(audit_id)) == 6)
    assert [s["is_central"] for s in store.sites(audit_id)] == [1, 0, 0, 0, 0, 0]
    assert details.panel.result.sites == 5
    assert details.panel.result.sites_to_sample == 3  # ⌈√5⌉

    # a second central function moves the mark instead of being refused
    sites.setData(sites.index(1, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [s["is_central"] for s in store.sites(audit_id)] == [0, 1, 0, 0, 0, 0]
    window.undo()
    assert [s["is_central"] for s in store.sites(audit_id)] == [1, 0, 0, 0, 0, 0]

    assert details.panel.draw_button.isEnabled()
    details.panel.draw_button.click()  # asks for risk-based picks first (none ticked here)
    details.draw_dialog.accept()
    draw = store.audit(audit_id)["site_draw"]
    assert draw["central_function"] == "总部"
    assert len(draw["random_picks"]) == 3 and set(draw["random_picks"]) <= {
        "一店",
        "二店",
        "三店",
        "四店",
        "五店",
    }
    assert isinstance(draw["seed"], int)
    assert str(draw["seed"]) in details.panel.sample_text.text()

    # a changed site list makes the recorded draw stale, in place
    details.sites.add_button.click()
    sites.setData(sites.index(6, 0), "六店")
    qtbot.waitUntil(lambda: len(store.sites(audit_id)) == 7)
    assert details.panel.sample_stale.isVisible()


@pytest.mark.parametrize(
    "rows", [[{"name": "甲", "role": "leader"}, {"name": "乙", "role": "leader"}]]
)
def test_refused_team_is_kept_on_screen_with_the_reason(
    qtbot, launcher, db_path, store, audit_id, rows
):
    window = launcher.start(db_path).window
    window.open_audit(audit_id)
    team = window.audit_view.details.team
    model = team.model
    for n, row in enumerate(rows):
        team.add_button.click()
        model.setData(model.index(n, 0), row["name"])
        model.setData(model.index(n, 1), row["role"])
    assert team.error.isVisible() and "leader" in team.error.text()
    assert [r["role"] for r in model.rows()] == ["leader", "leader"]  # kept as typed
    stored = [(m["name"], m["role"]) for m in store.team(audit_id)]
    assert stored == [("甲", "leader"), ("乙", "member")]
    model.setData(model.index(1, 1), "member")
    assert not team.error.isVisible()
    assert [(m["name"], m["role"]) for m in store.team(audit_id)] == [
        ("甲", "leader"),
        ("乙", "member"),
    ]


def test_typing_is_saved_after_a_pause_without_leaving_the_field(
    qtbot, launcher, db_path, store, audit_id
):
    window = launcher.start(db_path).window
    window.open_audit(audit_id)
    scope = window.audit_view.details.inputs["scope"]
    type_text(qtbot, scope, "空调安装与维修 / installation and repair")
    assert scope.hasFocus()  # still typing: no Enter, no focus change
    qtbot.waitUntil(
        lambda: store.audit(audit_id)["scope"] == "空调安装与维修 / installation and repair",
        timeout=5000,
    )
    assert [t["action"] for t in store.trail(audit_id)][-1] == "update"
    assert window.actions.undo.isEnabled()


def test_audit_type_changes_the_days_and_the_trail_shows_every_change(
    qtbot, launcher, db_path, store, audit_id
):
    from auditor_app.ui.audit_view import TRAIL_TAB

    window = launcher.start(db_path).window
    window.open_audit(audit_id)
    view = window.audit_view
    details = view.details
    initial_days = details.panel.result.audit_days
    combo = details.audit_type
    combo.setCurrentIndex(combo.findData("surveillance"))
    combo.activated.emit(combo.currentIndex())  # what a pick from the list emits
    assert store.audit(audit_id)["audit_type"] == "surveillance"
    assert details.panel.result.audit_days < initial_days
    assert store.audit(audit_id)["persondays"]["audit_type"] == "surveillance"
    assert "监督审核" in view.subtitle.text()

    view.set_tab(TRAIL_TAB)
    model = view.trail.model
    assert model.rowCount() == len(store.trail(audit_id))
    newest = [model.index(0, c).data() for c in range(model.columnCount())]
    assert newest[2] == "修改" and "surveillance" in newest[5]
    window.undo()  # from the trail tab: the details stack stays active
    assert store.audit(audit_id)["audit_type"] == "initial"
    assert model.rowCount() == len(store.trail(audit_id))
