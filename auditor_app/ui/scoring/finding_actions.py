"""Findings of the scoring workspace: add, edit and delete through undo commands.

The dialog hands its values to `add_finding`/`edit_finding`, which return the refusal text
(shown in the dialog, which stays open) or None when the finding was recorded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from auditor_app.core.errors import AuditorError, LockedError
from auditor_app.store.audit_store import Row
from auditor_app.ui.scoring import commands as cmd
from auditor_app.ui.scoring.findings import FindingDialog
from auditor_app.ui.scoring.labels import friendly_error


class FindingActionsMixin:
    """Findings handling of ScoringWorkspace (mixed into it: uses its widgets and state)."""

    def add_finding(self, values: dict[str, Any]) -> str | None:
        """Add a finding (kind, text, item_id, evidence, rectification, deadline).

        Returns None when done, else the reason it was refused (for the dialog to show)."""
        if self._audit_id is None or self._read_only:
            return friendly_error(LockedError("read-only"))
        command = cmd.AddFindingCommand(
            self.service,
            self._audit_id,
            values["kind"],
            values["text"],
            item_id=values.get("item_id"),
            evidence=values.get("evidence", ""),
            rectification=values.get("rectification", ""),
            deadline=values.get("deadline", ""),
            notify=self._changed,
        )
        return self._run(command)

    def edit_finding(self, uid: str, values: dict[str, Any]) -> str | None:
        if self._audit_id is None or self._read_only:
            return friendly_error(LockedError("read-only"))
        try:
            command = cmd.EditFindingCommand(
                self.store, self._audit_id, uid, values, notify=self._changed
            )
        except AuditorError as exc:
            return friendly_error(exc)
        if command.new == command.old:
            return None
        return self._run(command)

    def delete_finding(self, uid: str) -> str | None:
        if self._audit_id is None or self._read_only:
            return friendly_error(LockedError("read-only"))
        try:
            command = cmd.DeleteFindingCommand(
                self.service, self._audit_id, uid, notify=self._changed
            )
        except AuditorError as exc:
            return friendly_error(exc)
        error = self._run(command)
        if error:
            self.detail.findings.show_error(error)
        return error

    def _add_finding_dialog(self) -> None:
        if self._read_only or self._audit_id is None:
            return
        self._show_dialog(
            FindingDialog(
                self.add_finding, item_id=self._current, parent=self, phrases=self.phrases
            )
        )

    def _edit_finding_dialog(self, row: Row) -> None:
        if self._read_only:
            return
        uid = row["uid"]
        self._show_dialog(
            FindingDialog(
                lambda values: self.edit_finding(uid, values),
                row=row,
                parent=self,
                phrases=self.phrases,
            )
        )

    def _show_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self.finding_dialog = dialog  # for tests and for the shell's screenshots

    def _refresh_findings(self) -> None:
        panel = self.detail.findings
        if panel.whole_audit:
            rows = self._findings
        elif self._current is not None:
            rows = [f for f in self._findings if f["item_id"] == self._current]
        else:  # a group or indicator: the findings of its items
            node = self.model.node_by_id(self._current_node or "")
            under = {i.id for i in items_under(node)} if node is not None else set()
            rows = [f for f in self._findings if f["item_id"] in under]
        panel.set_rows(rows)


def items_under(node: Any) -> list[Any]:
    if node.kind == "item":
        return [node]
    return [item for child in node.children for item in items_under(child)]
