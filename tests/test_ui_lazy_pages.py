"""What the first screen does not show is built or filled when first shown (issue 14): the
audit view when an audit is first opened, the Details form when its tab is first shown."""

from __future__ import annotations

from test_ui_support import GUI_MARKS

pytest_plugins = ["test_ui_support"]
pytestmark = GUI_MARKS


def test_the_audit_view_is_built_when_an_audit_is_first_opened(
    qtbot, launcher, db_path, store, demo_audit
):
    window = launcher.start(db_path).window
    assert window._audit_view is None  # the Audits list alone
    assert window.current_audit_id() == demo_audit  # its first row is selected
    window.save_window_state()  # no view: nothing to save for it, nothing built
    assert window._audit_view is None
    assert window.open_audit(demo_audit)
    assert window.pages.currentWidget() is window.audit_view
    assert window.audit_view.audit_id == demo_audit
    window.show_home()
    assert window.pages.currentWidget() is window.home


def test_details_are_filled_when_their_tab_is_shown(qtbot, launcher, db_path, store, demo_audit):
    from auditor_app.ui.audit_view import DETAILS_TAB, SCORING_TAB

    window = launcher.start(db_path).window
    assert window.open_audit(demo_audit, SCORING_TAB)
    view = window.audit_view
    assert view.current_tab() == SCORING_TAB
    assert view.details_built is None  # not built for a tab nobody sees
    assert view.active_stack() is view.workspace.undo_stack
    window.save_window_state()  # the form's splitter is not saved from a form never built
    assert view.details_built is None
    assert view.details.audit_id is None  # built on request, not loaded for a hidden tab
    assert view.details.inputs["name"].text() == ""
    view.set_tab(DETAILS_TAB)
    assert view.details.audit_id == demo_audit
    assert view.details.inputs["name"].text() == "杭州恒信家电服务有限公司"
    # another audit opened on the Details tab is loaded at once
    second = window.service.duplicate_as_next_audit(demo_audit, "surveillance")
    assert window.open_audit(second, DETAILS_TAB)
    assert view.details.audit_id == second


def test_details_splitter_state_survives_a_start_that_never_built_the_form(
    qtbot, launcher, db_path, store, demo_audit
):
    from auditor_app.ui import session
    from auditor_app.ui.audit_view import DETAILS_TAB, SCORING_TAB

    first = launcher.start(db_path)
    window = first.window
    assert window.open_audit(demo_audit, DETAILS_TAB)
    window.audit_view.details.splitter.setSizes([700, 300])
    saved = window.audit_view.details.splitter.saveState()
    launcher.stop(first)  # saves the window state
    assert session.load_bytes("window/details_splitter") == saved

    session.set_last_place(session.Place(str(db_path), demo_audit, SCORING_TAB, None))
    again = launcher.start(db_path).window  # reopens on Scoring
    assert again.audit_view.current_tab() == SCORING_TAB
    again.save_window_state()
    assert again.audit_view.details_built is None
    assert session.load_bytes("window/details_splitter") == saved  # kept as it was
    again.audit_view.set_tab(DETAILS_TAB)  # built now, with the remembered sizes
    assert again.audit_view.details.splitter.saveState() == saved


def test_the_audits_list_is_read_when_first_shown_on_a_reopening_start(
    qtbot, launcher, db_path, store, demo_audit
):
    from auditor_app.ui import session
    from auditor_app.ui.audit_view import SCORING_TAB
    from auditor_app.ui.audits_model import REPORT

    first = launcher.start(db_path)
    first.window.home.view.setColumnWidth(REPORT, 211)  # the auditor's own width
    launcher.stop(first)
    session.set_last_place(session.Place(str(db_path), demo_audit, SCORING_TAB, None))
    window = launcher.start(db_path).window
    assert window.current_audit_id() == demo_audit
    assert window.home.model.rowCount() == 0  # not read for a list nobody sees
    window.show_home()
    assert window.home.model.rowCount() == 1
    assert window.home.current_audit() == demo_audit  # the audit it came from
    assert window.home.view.columnWidth(REPORT) == 211  # the first fit did not override it
    launcher.stop(launcher.controllers[0])  # left at the list

    third = launcher.start(db_path).window  # starts at the list: it is read at once
    assert third.home.model.rowCount() == 1
    assert third.home.view.columnWidth(REPORT) == 211
