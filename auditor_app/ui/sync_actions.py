"""The main window's doors to the sync dialogs: import, export, team merge, committee review.

File → Import package…, Audit → Export package…, Audit → Merge team member's package… and
View → Committee review open the dialogs of `auditor_app.ui.sync` on the window's database.
Pending typing is recorded before a dialog opens (the dialogs read and write the database
through their own connections), and after an import, a merge or a committee decision the
audits list and the open audit are read again.

The sync widgets are imported when first used: they are not needed to start the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from auditor_app.core.errors import AuditorError

translate = QCoreApplication.translate


class SyncActionsMixin:
    """Sync handling of MainWindow (mixed into it: uses its store, pages and dialogs)."""

    committee: QWidget | None = None  # the committee review window, while it is open

    def import_package(self) -> None:
        """File → Import package…: the import dialog; the list shows what came in."""
        from auditor_app.ui.sync import ImportPackageDialog

        if not self._commit_edits():
            return
        dialog = ImportPackageDialog(self.store.path, self)
        dialog.imported.connect(self._database_changed)
        self._open_dialog(dialog, lambda _d: None)

    def export_package(self) -> None:
        """Audit → Export package…: the current audit as a signed package."""
        from auditor_app.ui.sync import ExportPackageDialog

        audit_id = self.current_audit_id()
        if audit_id is None or not self._commit_edits():
            return

        def written(dialog: ExportPackageDialog) -> None:
            if dialog.written is not None:  # then: open its folder or email it
                self._package_handoff(audit_id, Path(dialog.written))

        self._open_dialog(ExportPackageDialog(self.store.path, audit_id, self), written)

    def _package_handoff(self, audit_id: int, package: Path) -> None:
        from auditor_app.ui.handoff_dialog import HandoffDialog

        text = translate("SyncActions", "The package was saved to\n{path}").format(
            path=str(package)
        )
        self._open_dialog(
            HandoffDialog(self.store, audit_id, package, self, saved_text=text), lambda _d: None
        )

    def merge_package(self, path: str | None = None) -> None:
        """Audit → Merge team member's package…: ask for the file, then the merge dialog."""
        from auditor_app.services.package_jobs import saved_trust
        from auditor_app.ui.sync import MergeDialog
        from auditor_app.ui.sync.widgets import PACKAGE_FILTER

        audit_id = self.current_audit_id()
        if audit_id is None:
            return
        if path is None:
            from PySide6.QtCore import QStandardPaths
            from PySide6.QtWidgets import QFileDialog

            # packages come by email or on a stick: start where downloads land
            start = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DownloadLocation
            )
            path, _ = QFileDialog.getOpenFileName(
                self,
                translate("SyncActions", "Merge a team member's package"),
                start,
                PACKAGE_FILTER,
            )
        if not path or not self._commit_edits():
            return
        dialog = MergeDialog(self.store.path, audit_id, Path(path), saved_trust(self.store), self)
        dialog.merged.connect(self._database_changed)
        self._open_dialog(dialog, lambda _d: None)

    def show_committee(self) -> QWidget | None:
        """View → Committee review: one window beside the main one, raised when open."""
        from auditor_app.ui.sync import CommitteeView

        if self.committee is None:
            if not self._commit_edits():
                return None
            view = CommitteeView(self.store.path, self)
            view.setWindowFlag(Qt.WindowType.Window)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            room = self.screen().availableGeometry()  # a laptop's 768 lines are not 760
            view.resize(min(1200, room.width() - 60), min(760, room.height() - 80))
            view.decided.connect(self._database_changed)
            view.destroyed.connect(self._committee_closed)
            self.committee = view
            view.show()
        else:  # open already: to the front, with what changed since
            self.committee.reload()
            self.committee.showNormal()
            self.committee.raise_()
        self.committee.activateWindow()
        return self.committee

    def _committee_closed(self, *_args: object) -> None:
        self.committee = None

    def close_committee(self) -> None:
        """Close the committee window (a decision being written finishes first)."""
        view, self.committee = self.committee, None
        if view is not None:
            view.destroyed.disconnect(self._committee_closed)  # the window may be going too
            view.close()

    def _database_changed(self, audit_id: Any = None) -> None:
        """An import, merge or decision changed the database: read list and audit again."""
        self.home.reload(audit_id if self.audit_view.audit_id is None else None)
        if self.audit_view.audit_id is not None:
            self._opening = True  # the view moves through places; remember only the last
            try:
                self.audit_view.reload()
            except AuditorError:  # it is gone: back to the list
                self.audit_view.audit_id = None
                self.pages.setCurrentIndex(self.pages.indexOf(self.home))
            finally:
                self._opening = False
            in_audit = self.pages.currentWidget() is self.audit_view
            self.undo_group.setActiveStack(self.audit_view.active_stack() if in_audit else None)
        self._saved()
