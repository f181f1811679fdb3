"""Undoable edits of audit details: one `QUndoCommand` per user action, over the store.

Every command is applied once *before* it is pushed (`execute`), so a refused change raises
and never reaches the stack; the first `redo()` Qt makes on push is then skipped. Later
undo/redo re-apply the old/new values through the same service calls, each of which owns its
transaction (with the recomputed person-days breakdown where the change affects it). A refusal
during undo/redo (e.g. the audit was signed meanwhile) is reported, and the command dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from auditor_app.core.errors import AuditorError
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore

Listener = Callable[[], None]
ErrorListener = Callable[[AuditorError], None]


class StoreCommand(QUndoCommand):
    """Base: holds old and new values and applies one of them through the store."""

    def __init__(
        self,
        store: AuditStore,
        text: str,
        old: Any,
        new: Any,
        on_applied: Listener | None = None,
        on_error: ErrorListener | None = None,
    ) -> None:
        super().__init__(text)
        self.store, self.old, self.new = store, old, new
        self.service = AuditService(store)
        self._on_applied = on_applied
        self._on_error = on_error
        self._pushed_applied = False

    def apply(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def redo(self) -> None:
        if self._pushed_applied:  # applied by execute() just before the push
            self._pushed_applied = False
            return
        self._run(self.new)

    def undo(self) -> None:
        self._run(self.old)

    def _run(self, value: Any) -> None:
        try:
            self.apply(value)
        except AuditorError as exc:
            # Qt drops an obsolete command from the stack after this undo/redo.
            self.setObsolete(True)
            if self._on_error:
                self._on_error(exc)
            return
        if self._on_applied:
            self._on_applied()


def execute(stack: QUndoStack, command: StoreCommand) -> None:
    """Apply `command` now and push it; AuditorError propagates and nothing is pushed."""
    command.apply(command.new)
    push_applied(stack, command)


def push_applied(stack: QUndoStack, command: StoreCommand) -> None:
    """Push a command whose change a service already made (e.g. a recorded random draw)."""
    command._pushed_applied = True
    stack.push(command)


class EditAuditCommand(StoreCommand):
    """Change audit fields (`old`/`new` are dicts of the same keys)."""

    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        old: dict[str, Any],
        new: dict[str, Any],
        text: str,
        **kw: Any,
    ) -> None:
        super().__init__(store, text, old, new, **kw)
        self.audit_id = audit_id

    def apply(self, value: dict[str, Any]) -> None:
        self.service.edit_audit(self.audit_id, **value)


class EditClientCommand(StoreCommand):
    """Change the client's name, address, contact or representative."""

    def __init__(
        self,
        store: AuditStore,
        org_id: int,
        audit_id: int,
        old: dict[str, str],
        new: dict[str, str],
        text: str,
        **kw: Any,
    ) -> None:
        super().__init__(store, text, old, new, **kw)
        self.org_id, self.audit_id = org_id, audit_id

    def apply(self, value: dict[str, str]) -> None:
        self.store.update_organisation(self.org_id, self.audit_id, **value)


class ReplaceSitesCommand(StoreCommand):
    """Replace the site list (it changes the number of sites to sample)."""

    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        old: list[dict[str, Any]],
        new: list[dict[str, Any]],
        text: str,
        **kw: Any,
    ) -> None:
        super().__init__(store, text, old, new, **kw)
        self.audit_id = audit_id

    def apply(self, value: list[dict[str, Any]]) -> None:
        self.service.replace_sites(self.audit_id, value)


class ReplaceTeamCommand(StoreCommand):
    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        old: list[dict[str, Any]],
        new: list[dict[str, Any]],
        text: str,
        **kw: Any,
    ) -> None:
        super().__init__(store, text, old, new, **kw)
        self.audit_id = audit_id

    def apply(self, value: list[dict[str, Any]]) -> None:
        self.store.replace_team(self.audit_id, value)
