"""Undo commands of the details form on a bare QUndoStack: no widgets, a real database."""

from __future__ import annotations

import pytest

from auditor_app.core.errors import InputError, LockedError


@pytest.fixture
def stack():
    from PySide6.QtGui import QUndoStack

    return QUndoStack()


def test_edit_audit_applies_once_and_undoes_through_the_store(store, audit_id, stack):
    from auditor_app.ui.commands import EditAuditCommand, execute

    applied = []
    command = EditAuditCommand(
        store,
        audit_id,
        {"scope": ""},
        {"scope": "维修服务"},
        "scope",
        on_applied=lambda: applied.append(store.audit(audit_id)["scope"]),
    )
    execute(stack, command)
    assert store.audit(audit_id)["scope"] == "维修服务"
    assert applied == []  # the push did not apply it a second time
    assert len([t for t in store.trail(audit_id) if t["action"] == "update"]) == 1
    stack.undo()
    assert store.audit(audit_id)["scope"] == ""
    stack.redo()
    assert store.audit(audit_id)["scope"] == "维修服务"
    assert applied == ["", "维修服务"]


def test_headcount_change_replans_in_the_same_step(store, audit_id, stack):
    from auditor_app.ui.commands import EditAuditCommand, execute

    old = store.audit(audit_id)["headcount"]
    execute(
        stack,
        EditAuditCommand(
            store, audit_id, {"headcount": old}, {"headcount": {"full_time": 500}}, "headcount"
        ),
    )
    days_500 = store.audit(audit_id)["persondays"]["audit_days"]
    stack.undo()
    days_120 = store.audit(audit_id)["persondays"]["audit_days"]
    assert days_500 > days_120


def test_refused_change_never_reaches_the_stack(store, audit_id, stack):
    from auditor_app.ui.commands import ReplaceTeamCommand, execute

    two_leaders = [{"name": "甲", "role": "leader"}, {"name": "乙", "role": "leader"}]
    with pytest.raises(InputError, match="one leader"):
        execute(stack, ReplaceTeamCommand(store, audit_id, [], two_leaders, "team"))
    assert stack.count() == 0
    assert store.team(audit_id) == []


def test_undo_refused_after_signing_is_reported_and_dropped(store, audit_id, stack):
    from auditor_app.ui.commands import ReplaceSitesCommand, execute

    errors = []
    execute(
        stack,
        ReplaceSitesCommand(
            store,
            audit_id,
            [],
            [{"name": "总部", "is_central": 1}],
            "sites",
            on_error=errors.append,
        ),
    )
    store.lock_with_report(audit_id, b"%PDF-1.7 signed", "0" * 64, "tester")
    stack.undo()
    assert len(errors) == 1 and isinstance(errors[0], LockedError)
    assert [s["name"] for s in store.sites(audit_id)] == ["总部"]
    assert stack.count() == 0  # the obsolete command was dropped
