"""Undo commands of the scoring workspace: one QUndoCommand per user action.

Every command calls the services (AuditService / AuditStore), never SQL, so the forward action,
the undo and the redo are each committed at once with their own audit-trail entry. Commands
need no widgets: they are tested on a bare QUndoStack.

Two ways to run one:
- `execute(stack, command)` runs the action first, so a refusal (InputError, LockedError …)
  reaches the caller as an exception to show in place, and only a done action is pushed;
- `stack.push(command)` (as the tests do) runs it in `redo()`; a refusal there is kept in
  `command.error` and the command marks itself obsolete, so Qt drops it from the stack.

After every successful do/undo/redo a command calls its `notify` callback with a `Change`, so
the UI refreshes only what changed (the idea of Anki's operations that report their changes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import count
from typing import Any

from PySide6.QtGui import QUndoCommand

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore, Row, row_to_result
from auditor_app.ui.scoring.labels import METHOD_TEXT, fmt_points, status_text, tr, translate

RESULT, NOTE, METHODS, FINDINGS, ATTACHMENTS = (
    "result",
    "note",
    "methods",
    "findings",
    "attachments",
)
NOTE_MERGE_ID = 1001


@dataclass(frozen=True)
class Change:
    """What a command changed: the UI refreshes exactly this."""

    audit_id: int
    item_id: str | None
    aspect: str  # RESULT, NOTE, METHODS, FINDINGS or ATTACHMENTS
    via: str  # "do" (first time), "undo" or "redo"


Notify = Callable[[Change], None]


class AuditCommand(QUndoCommand):
    """Base: runs `do()`/`revert()` (subclasses), catches refusals, reports changes."""

    aspect = ""

    def __init__(
        self, text: str, audit_id: int, item_id: str | None, notify: Notify | None = None
    ) -> None:
        super().__init__(text)
        self.audit_id = audit_id
        self.item_id = item_id
        self.notify = notify
        self.error: AuditorError | None = None
        self._already_done = False  # set by execute(): the first redo() is a no-op
        self._done_once = False

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        via = "redo" if self._done_once else "do"
        if self._already_done:
            self._already_done = False
        else:
            try:
                self.do()
            except AuditorError as exc:
                # Raising here would cross into C++; keep the reason and let Qt drop us.
                self.error = exc
                self.setObsolete(True)
                return
        self._done_once = True
        self._report(via)

    def undo(self) -> None:
        try:
            self.revert()
        except AuditorError as exc:
            # e.g. the audit was signed meanwhile: it cannot be changed back any more
            self.error = exc
            self.setObsolete(True)
            self._report("undo")  # the UI shows the refusal and re-reads the state
            return
        self.error = None
        self._report("undo")

    def _report(self, via: str) -> None:
        if self.notify is not None:
            self.notify(Change(self.audit_id, self.item_id, self.aspect, via))


def execute(stack: Any, command: AuditCommand) -> None:
    """Run the command now (refusals raise to the caller), then put it on the undo stack."""
    command.do()
    command._already_done = True
    stack.push(command)


# -- item results, notes, methods ---------------------------------------------------------


def result_label(result: ItemResult | None) -> str:
    if result is None:
        return translate("scoring", "Cleared")
    if result.kind == "sampled":
        return translate("scoring", "Sampled") + f" {result.nonconforming}/{result.sampled}"
    if result.kind == "graded":
        return translate("scoring", "Graded") + f" {fmt_points(result.points)}"
    if result.kind == "na":
        return status_text("deleted")
    return status_text(result.kind)


class SetResultCommand(AuditCommand):
    """Record (or clear) one item's result; undo records the previous one."""

    aspect = RESULT

    def __init__(
        self,
        service: AuditService,
        audit_id: int,
        item_id: str,
        new: ItemResult | None,
        old: ItemResult | Row | None = None,
        notify: Notify | None = None,
    ) -> None:
        if isinstance(old, dict):
            old = row_to_result(old)
        super().__init__(f"{item_id} {result_label(new)}", audit_id, item_id, notify)
        self.service = service
        self.new = new
        self.old = old

    @classmethod
    def from_store(
        cls,
        service: AuditService,
        audit_id: int,
        item_id: str,
        new: ItemResult | None,
        notify: Notify | None = None,
    ) -> SetResultCommand:
        old = row_to_result(service.store.result_rows(audit_id).get(item_id, {}))
        return cls(service, audit_id, item_id, new, old, notify)

    def do(self) -> None:
        self.service.record(self.audit_id, self.item_id or "", self.new)

    def revert(self) -> None:
        self.service.record(self.audit_id, self.item_id or "", self.old)


class SetNoteCommand(AuditCommand):
    """Change an item's evidence note. Commits of one typing session merge into one step."""

    aspect = NOTE

    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        item_id: str,
        new: str,
        old: str,
        session: int | None = None,
        notify: Notify | None = None,
    ) -> None:
        super().__init__(f"{item_id} " + translate("scoring", "Note"), audit_id, item_id, notify)
        self.store = store
        self.new = new
        self.old = old
        self.session = session

    def do(self) -> None:
        self.store.set_note(self.audit_id, self.item_id or "", self.new)

    def revert(self) -> None:
        self.store.set_note(self.audit_id, self.item_id or "", self.old)

    def id(self) -> int:
        return NOTE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetNoteCommand)
            and self.session is not None
            and other.session == self.session
            and other.item_id == self.item_id
            and other.audit_id == self.audit_id
        ):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)  # typed and deleted again: nothing to undo
        return True


class SetMethodsCommand(AuditCommand):
    """Change the methods used for an item (document review, interview …)."""

    aspect = METHODS

    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        item_id: str,
        new: Sequence[str],
        old: Sequence[str],
        notify: Notify | None = None,
    ) -> None:
        added = [tr(METHOD_TEXT[m]) for m in new if m not in old]
        removed = [tr(METHOD_TEXT[m]) for m in old if m not in new]
        what = " ".join([*(f"+{a}" for a in added), *(f"−{r}" for r in removed)])
        super().__init__(f"{item_id} {what}".strip(), audit_id, item_id, notify)
        self.store = store
        self.new = list(new)
        self.old = list(old)

    def do(self) -> None:
        self.store.set_methods(self.audit_id, self.item_id or "", self.new)

    def revert(self) -> None:
        self.store.set_methods(self.audit_id, self.item_id or "", self.old)


# -- findings -------------------------------------------------------------------------------
# Findings are referred to by uid, which survives delete + re-add; the row id does not.


def finding_id(store: AuditStore, audit_id: int, uid: str) -> int:
    for row in store.findings(audit_id):
        if row["uid"] == uid:
            return int(row["id"])
    raise InputError(f"the finding {uid[:8]} no longer exists")


FINDING_EDIT_FIELDS = ("kind", "text", "evidence", "rectification", "deadline", "item_id")


class AddFindingCommand(AuditCommand):
    """Add a finding; undo deletes it, redo adds it again with the same uid."""

    aspect = FINDINGS

    def __init__(
        self,
        service: AuditService,
        audit_id: int,
        kind: str,
        text: str,
        item_id: str | None = None,
        evidence: str = "",
        rectification: str = "",
        deadline: str = "",
        notify: Notify | None = None,
    ) -> None:
        super().__init__(translate("scoring", "Add finding"), audit_id, item_id, notify)
        self.service = service
        import uuid  # with `platform` behind it: loaded by the first finding, not at start-up

        self.uid = str(uuid.uuid4())
        self.kind, self.text = kind, text
        self.fields = {
            "item_id": item_id,
            "evidence": evidence,
            "rectification": rectification,
            "deadline": deadline,
        }

    def do(self) -> None:
        self.service.add_finding(self.audit_id, self.kind, self.text, uid=self.uid, **self.fields)

    def revert(self) -> None:
        store = self.service.store
        store.delete_finding(finding_id(store, self.audit_id, self.uid))


class EditFindingCommand(AuditCommand):
    """Change fields of a finding; undo writes the old values back."""

    aspect = FINDINGS

    def __init__(
        self,
        store: AuditStore,
        audit_id: int,
        uid: str,
        new: dict[str, Any],
        notify: Notify | None = None,
    ) -> None:
        row = store.findings(audit_id)
        old_row = next((r for r in row if r["uid"] == uid), None)
        if old_row is None:
            raise InputError(f"the finding {uid[:8]} no longer exists")
        self.new = {k: v for k, v in new.items() if k in FINDING_EDIT_FIELDS}
        self.old = {k: old_row[k] for k in self.new}
        super().__init__(translate("scoring", "Edit finding"), audit_id, old_row["item_id"], notify)
        self.store = store
        self.uid = uid

    def do(self) -> None:
        self.store.update_finding(finding_id(self.store, self.audit_id, self.uid), **self.new)

    def revert(self) -> None:
        self.store.update_finding(finding_id(self.store, self.audit_id, self.uid), **self.old)


class DeleteFindingCommand(AuditCommand):
    """Delete a finding; undo restores it exactly (uid, fields, author, creation time)."""

    aspect = FINDINGS

    def __init__(
        self, service: AuditService, audit_id: int, uid: str, notify: Notify | None = None
    ) -> None:
        rows = service.store.findings(audit_id)
        row = next((r for r in rows if r["uid"] == uid), None)
        if row is None:
            raise InputError(f"the finding {uid[:8]} no longer exists")
        super().__init__(translate("scoring", "Delete finding"), audit_id, row["item_id"], notify)
        self.service = service
        self.uid = uid
        self.row: Row = row

    def do(self) -> None:
        store = self.service.store
        self.row = store.delete_finding(finding_id(store, self.audit_id, self.uid))

    def revert(self) -> None:
        # the same finding again: uid, author and creation time as they were
        self.service.store.restore_finding(self.row)


# -- attachments ----------------------------------------------------------------------------


class LinkRegistry:
    """Stable keys for attachment links, whose row id changes when an undo re-creates them.

    Commands hold a key; the registry knows the link id behind it right now. Shared by all
    commands of one undo stack (the workspace keeps one per open audit).
    """

    def __init__(self) -> None:
        self._id_of: dict[int, int] = {}
        self._key_of: dict[int, int] = {}
        self._keys = count(1)

    def key_for(self, link_id: int) -> int:
        key = self._key_of.get(link_id)
        if key is None:
            key = next(self._keys)
            self.bind(key, link_id)
        return key

    def link_id(self, key: int) -> int:
        try:
            return self._id_of[key]
        except KeyError:
            raise InputError("this attachment no longer exists") from None

    def bind(self, key: int, link_id: int) -> None:
        self.unbind(key)
        stale = self._key_of.pop(link_id, None)  # a reused row id belongs to the new link
        if stale is not None:
            self._id_of.pop(stale, None)
        self._id_of[key] = link_id
        self._key_of[link_id] = key

    def unbind(self, key: int) -> None:
        link_id = self._id_of.pop(key, None)
        if link_id is not None:
            self._key_of.pop(link_id, None)


@dataclass(frozen=True)
class NewFile:
    """A file to attach: its bytes, name and caption."""

    data: bytes
    name: str
    caption: str = ""


class AttachCommand(AuditCommand):
    """Attach photos/files to an item (or the audit). Undo detaches them, redo relinks them.

    Either give `files` (attached in do(), all or nothing), or use `imported()` for links a
    background import already committed one by one (the first redo is then a no-op).
    """

    aspect = ATTACHMENTS

    def __init__(
        self,
        store: AuditStore,
        registry: LinkRegistry,
        audit_id: int,
        item_id: str | None,
        files: Sequence[NewFile] = (),
        notify: Notify | None = None,
    ) -> None:
        super().__init__("", audit_id, item_id, notify)
        self.store = store
        self.registry = registry
        self.files = list(files)
        self.keys: list[int] = []
        self.removed: list[Row] = []
        self._set_text(len(self.files))

    def _set_text(self, n: int) -> None:
        self.setText(
            f"{self.item_id or ''} " + translate("scoring", "Attach photo/file") + f" ×{n}"
        )

    @classmethod
    def imported(
        cls,
        store: AuditStore,
        registry: LinkRegistry,
        audit_id: int,
        item_id: str | None,
        link_ids: Sequence[int],
        notify: Notify | None = None,
    ) -> AttachCommand:
        command = cls(store, registry, audit_id, item_id, (), notify)
        command.keys = [registry.key_for(link) for link in link_ids]
        command._set_text(len(command.keys))
        command._already_done = True
        return command

    def do(self) -> None:
        if self.removed:  # a redo after undo: relink the same stored files
            for key, row in zip(self.keys, self.removed, strict=True):
                self.registry.bind(key, self.store.restore_attachment(row))
            self.removed = []
            return
        links = AuditService(self.store).attach_files(
            self.audit_id, self.item_id, [(f.data, f.name, f.caption) for f in self.files]
        )
        self.keys = [self.registry.key_for(link) for link in links]
        self.files = []  # stored now; the bytes are not needed again

    def revert(self) -> None:
        removed = AuditService(self.store).remove_attachments(
            [self.registry.link_id(key) for key in self.keys]
        )
        for key in self.keys:
            self.registry.unbind(key)
        self.removed = removed


class RemoveAttachmentCommand(AuditCommand):
    """Detach one photo/file; undo relinks the stored file with its caption."""

    aspect = ATTACHMENTS

    def __init__(
        self,
        store: AuditStore,
        registry: LinkRegistry,
        audit_id: int,
        item_id: str | None,
        link_id: int,
        notify: Notify | None = None,
    ) -> None:
        super().__init__(
            f"{item_id or ''} " + translate("scoring", "Remove photo/file"),
            audit_id,
            item_id,
            notify,
        )
        self.store = store
        self.registry = registry
        self.key = registry.key_for(link_id)
        self.row: Row | None = None

    def do(self) -> None:
        self.row = self.store.remove_attachment(self.registry.link_id(self.key))
        self.registry.unbind(self.key)

    def revert(self) -> None:
        assert self.row is not None
        self.registry.bind(self.key, self.store.restore_attachment(self.row))


class SetCaptionCommand(AuditCommand):
    """Change a photo's caption."""

    aspect = ATTACHMENTS

    def __init__(
        self,
        store: AuditStore,
        registry: LinkRegistry,
        audit_id: int,
        item_id: str | None,
        link_id: int,
        new: str,
        old: str,
        notify: Notify | None = None,
    ) -> None:
        super().__init__(
            f"{item_id or ''} " + translate("scoring", "Photo caption"),
            audit_id,
            item_id,
            notify,
        )
        self.store = store
        self.registry = registry
        self.key = registry.key_for(link_id)
        self.new, self.old = new, old

    def do(self) -> None:
        self.store.set_caption(self.registry.link_id(self.key), self.new)

    def revert(self) -> None:
        self.store.set_caption(self.registry.link_id(self.key), self.old)
