"""Recording what the auditor enters for an item: results, notes, methods, and pending typing.

Explicit entries (a button, Enter) are recorded and hand the keyboard back to the tree;
implied ones (the keyboard left the sample row) are recorded where the focus is. Before the
workspace shows another item, another audit, or goes away, `_flush()` records whatever
complete entry is still in the fields (a note, a sample (n, k), a deletion with its reason);
a refused one stays as the item's draft with the reason shown, and the refusal is returned
for the shell to show (`flush()`, `release()`).
"""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from auditor_app.core.results import ItemResult
from auditor_app.store.audit_store import row_to_result
from auditor_app.ui.scoring import commands as cmd


class EntriesMixin:
    """Recording of ScoringWorkspace (mixed into it: uses its widgets and state)."""

    def flush(self) -> list[str]:
        """Record what is typed for the current item now (note, sample, deletion reason).

        Returns the refusals ("item: reason"), empty when everything was recorded; a refused
        entry stays in the fields. Without this the note commits itself within ~0.6 s and
        the rest when the auditor moves on."""
        return self._flush()

    def release(self) -> list[str]:
        """`flush()`, then wait for background photo imports and record them: the shell calls
        this before the workspace is hidden, shows another audit, or its database closes."""
        problems = self._flush()
        if self._imports:
            self.wait_for_imports()
        return problems

    def discard_drafts(self) -> None:
        """Forget what was typed but could not be recorded (the auditor chose to go on
        without it): the fields show what is recorded again."""
        self._drafts.clear()
        item_id = self._current
        if item_id is None:
            return
        row = self._rows.get(item_id, {})
        self.detail.result.set_result(row_to_result(row) if row else None)
        self.detail.note.set_note(item_id, row.get("note", ""))
        self.note_error.hide()

    def _flush(self) -> list[str]:
        """Record what is typed for the current item before anything else happens; keep
        what could not be recorded as the item's draft. Returns the refusals."""
        if self._current is None:
            return []
        item_id = self._current
        problems = []
        note = self.detail.note
        note.flush()
        if note.pending() and not self.note_error.isHidden():
            problems.append(f"{item_id}: {self.note_error.text()}")
        editor = self.detail.result
        entry = editor.pending_entry()
        if entry is not None:
            error = self._apply_result(item_id, entry)
            if error:
                editor.show_error(error, "reason" if entry.kind == "na" else "sample")
                problems.append(f"{item_id}: {error}")
        draft = editor.draft()
        if draft is None:
            self._drafts.pop(item_id, None)
        else:
            self._drafts[item_id] = draft
        if problems:
            self._say(" · ".join(problems))
        return problems

    def _record_result(self, result: ItemResult | None) -> None:
        """An explicit entry (button, Enter): record it, then the keyboard goes back to the
        tree, where the next key moves on or scores again."""
        if self._current is None:
            return
        error = self._apply_result(self._current, result)
        if error:
            self.detail.result.show_error(error)  # the typed values stay in the editors
        elif self.detail.result.isAncestorOf(QApplication.focusWidget()):
            self.focus_tree()

    def _record_implied(self, result: ItemResult) -> None:
        """The keyboard left the sample row with (n, k) typed: record, leave the focus be."""
        if self._current is None:
            return
        error = self._apply_result(self._current, result)
        if error:
            self.detail.result.show_error(error, "sample")

    def _apply_result(self, item_id: str, result: ItemResult | None) -> str | None:
        """Record an item's result through an undo command; the refusal text, or None."""
        if self._audit_id is None or self._read_only:
            return None
        # the store checks the result against its item; _run reports its refusal
        row = self._rows.get(item_id, {})
        old = row_to_result(row) if row else None
        if old == result:
            if item_id == self._current:
                self.detail.result.set_result(old)
            self._drafts.pop(item_id, None)
            return None
        error = self._run(
            cmd.SetResultCommand(
                self.service, self._audit_id, item_id, result, old, notify=self._changed
            )
        )
        if error is None:
            self._drafts.pop(item_id, None)
        return error

    def _commit_note(self, item_id: str, text: str, session: int) -> None:
        if self._audit_id is None or self._read_only:
            return
        old = self._rows.get(item_id, {}).get("note", "")
        if text == old:
            self.detail.note.mark_committed(text)
            return
        error = self._run(
            cmd.SetNoteCommand(
                self.store, self._audit_id, item_id, text, old, session, notify=self._changed
            )
        )
        if error:
            self.note_error.setText(error)  # the text stays in the editor; retried later
            self.note_error.show()
        else:
            self.note_error.hide()
            if self.detail.note.item_id == item_id:
                self.detail.note.mark_committed(text)

    def _set_methods(self, methods: list[str]) -> None:
        item_id = self._current
        if item_id is None or self._audit_id is None or self._read_only:
            return
        old = json.loads(self._rows.get(item_id, {}).get("methods") or "[]")
        error = self._run(
            cmd.SetMethodsCommand(
                self.store, self._audit_id, item_id, methods, old, notify=self._changed
            )
        )
        if error:
            self.detail.methods.set_methods(old)
            self._say(error)
