"""Photos and files of the scoring workspace: background import, remove, caption, open.

Importing runs in a worker thread with its own store connection (workers.py); when it is done
the links it committed become one undo step. Removing and captioning are undo commands.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.store.audit_store import Row
from auditor_app.ui.scoring import commands as cmd
from auditor_app.ui.scoring.labels import friendly_error, translate
from auditor_app.ui.worker import Job

if TYPE_CHECKING:  # the import service loads with the first photo (issue 14)
    from auditor_app.services.attachment_import import ImportOutcome, Source


class AttachmentActionsMixin:
    """Photo/file handling of ScoringWorkspace (mixed into it: uses its widgets and state)."""

    def import_files(self, paths: Iterable[str | Path]) -> None:
        """Attach files to the current item in the background (progress shown in place)."""
        from auditor_app.services.attachment_import import Source

        self._start_import([Source(Path(p).name, path=Path(p)) for p in paths])

    def import_bytes(self, data: bytes, name: str) -> None:
        """Attach a picture given as bytes (pasted or dropped) to the current item."""
        from auditor_app.services.attachment_import import Source

        self._start_import([Source(name, data=data)])

    def wait_for_imports(self, msecs: int = 30000) -> bool:
        """Block until background imports end (tests, closing); then deliver their results."""
        done = True
        while self._imports and done:
            job = next(iter(self._imports))  # the running one; finishing starts the next
            if not job.running:
                job.start()
            done = job.wait(msecs)
        QApplication.processEvents()
        return done and not self._imports

    def _start_import(self, sources: list[Source]) -> None:
        if not sources:
            return
        panel = self.detail.attachments
        if self._audit_id is None or self._current is None or self._read_only:
            panel.show_outcome(
                0,
                [
                    (
                        s.name,
                        friendly_error(InputError("select an item of an editable audit first")),
                    )
                    for s in sources
                ],
            )
            return
        from auditor_app.services.attachment_import import import_sources

        item_id = self._current
        db_path, actor, audit_id = self.store.path, self.store.actor, self._audit_id
        job = Job(lambda report: import_sources(db_path, actor, audit_id, item_id, sources, report))
        self._imports[job] = item_id
        # Bound methods, not lambdas: Qt drops the connection if the workspace goes away
        # while a job is still running.
        job.progressed.connect(self._import_progress)
        job.succeeded.connect(self._import_finished)
        job.finished.connect(self._start_next_import)
        panel.clear_outcome()
        panel.set_progress(0, len(sources), sources[0].name)
        if len(self._imports) == 1:  # one import at a time, in the order given
            job.start()

    def _start_next_import(self) -> None:
        self._imports.pop(self.sender(), None)  # type: ignore[call-overload]
        waiting = [job for job in self._imports if not job.running]
        if waiting:
            waiting[0].start()

    def _import_progress(self, done: int, total: int, name: str) -> None:
        if self._imports.get(self.sender(), "") == self._current:
            self.detail.attachments.set_progress(done, total, name)

    def _import_finished(self, outcome: ImportOutcome) -> None:
        if outcome.link_ids and outcome.audit_id == self._audit_id:
            # already committed by the worker: the command's first redo only reports it
            self._stack.push(
                cmd.AttachCommand.imported(
                    self.store,
                    self._links,
                    outcome.audit_id,
                    outcome.item_id,
                    outcome.link_ids,
                    notify=self._changed,
                )
            )
        if outcome.item_id == self._current and outcome.audit_id == self._audit_id:
            self.detail.attachments.show_outcome(
                len(outcome.link_ids), clean_errors(outcome.errors)
            )
        elif outcome.audit_id == self._audit_id:
            self._outcomes[outcome.item_id] = outcome  # shown when the auditor goes back
        self.importFinished.emit(outcome)

    def _pick_files(self) -> None:
        if not self._need_item() or self._read_only:
            return
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self,
            translate("scoring", "Add photos or files"),
            "",
            translate("scoring", "Photos and PDF")
            + " (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.pdf);;"
            + translate("scoring", "All files")
            + " (*)",
        )
        if paths:
            self.import_files(paths)

    def _remove_attachment(self, link_id: int) -> None:
        if self._audit_id is None or self._read_only:
            return
        error = self._run(
            cmd.RemoveAttachmentCommand(
                self.store,
                self._links,
                self._audit_id,
                self._current,
                link_id,
                notify=self._changed,
            )
        )
        if error:
            self.detail.attachments.show_outcome(0, [("", error)])

    def _set_caption(self, link_id: int, caption: str) -> None:
        if self._audit_id is None or self._read_only:
            return
        rows = self.store.attachments(self._audit_id, self._current)
        old = next((r["caption"] for r in rows if r["id"] == link_id), "")
        error = self._run(
            cmd.SetCaptionCommand(
                self.store,
                self._links,
                self._audit_id,
                self._current,
                link_id,
                caption,
                old,
                notify=self._changed,
            )
        )
        if error:
            self.detail.attachments.show_outcome(0, [("", error)])
        else:
            self.detail.attachments.select_link(link_id)

    def _open_attachment(self, row: Row) -> None:
        # the viewer is loaded when first used: opening the scoring tab does not need it
        from auditor_app.ui.scoring.photo_dialog import PhotoDialog, open_document

        try:
            data = self.store.attachment_data(row["sha256"])
        except AuditorError as exc:
            self.detail.attachments.show_outcome(0, [(row["original_name"], friendly_error(exc))])
            return
        if not str(row["mime"]).startswith("image/"):
            open_document(row, data)
            return
        dialog = PhotoDialog(row, data, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _refresh_attachments(self) -> None:
        if self._audit_id is None or self._current is None:
            return
        self.detail.attachments.set_rows(self.store.attachments(self._audit_id, self._current))


def clean_errors(errors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Store messages start with the file name; it is shown once, in bold, already."""
    return [
        (name, reason[len(name) + 2 :] if name and reason.startswith(f"{name}: ") else reason)
        for name, reason in errors
    ]
