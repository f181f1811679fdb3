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
    assert view.details.audit_id is None  # not loaded for a tab nobody sees
    assert view.details.inputs["name"].text() == ""
    view.set_tab(DETAILS_TAB)
    assert view.details.audit_id == demo_audit
    assert view.details.inputs["name"].text() == "杭州恒信家电服务有限公司"
    # another audit opened on the Details tab is loaded at once
    second = window.service.duplicate_as_next_audit(demo_audit, "surveillance")
    assert window.open_audit(second, DETAILS_TAB)
    assert view.details.audit_id == second
