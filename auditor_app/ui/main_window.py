"""The main window: Audits home ↔ one audit, with menus, toolbar and the save-state bar.

The window holds one open store (the GUI thread's) and the services over it. It carries out
the actions on audits (new, open, duplicate, archive, revise, export, verify) so that menus,
toolbar and the home page share them; the sync dialogs (import, export and merge packages,
committee review) are opened by `sync_actions.py`. Switching databases and languages is the
app controller's job (`app.py`): the window asks for it with a signal.

Before the open audit is hidden, replaced, exported or closed, and before another database
is opened, `_commit_edits()` records what is still being typed in it; an entry the services
refuse is named and the auditor chooses to stay (it is kept in the form) or go on without it.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app import __version__
from auditor_app.core.errors import AuditorError
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui import labels, pending_edits, session, window_actions
from auditor_app.ui.audit_view import DETAILS_TAB, SCORING_TAB, TRAIL_TAB, AuditView
from auditor_app.ui.export_availability import export_import_error, export_unavailable_reason
from auditor_app.ui.identity_banner import IdentityBanner
from auditor_app.ui.look import tint
from auditor_app.ui.messages import describe, show_error, show_info
from auditor_app.ui.sync_actions import SyncActionsMixin
from auditor_app.ui.worker import Job

if TYPE_CHECKING:  # dialogs are imported when first opened: the first screen needs none
    from PySide6.QtWidgets import QDialog

    from auditor_app.ui.home import HomePage  # with the list, when first shown
    from auditor_app.ui.new_audit import NewAuditDialog
    from auditor_app.ui.revision import NewRevisionDialog
    from auditor_app.ui.settings_dialog import SettingsDialog
    from auditor_app.ui.verify_dialog import VerifyDialog

HOME_PAGE, AUDIT_PAGE = range(2)


class MainWindow(SyncActionsMixin, QMainWindow):
    databaseRequested = Signal(str)  # open this database instead
    restoreRequested = Signal(str)  # replace this database with this backup file
    languageChanged = Signal(str)  # rebuild the window in this language
    recentRequested = Signal(str, int)  # open audit in (possibly) another database

    def __init__(
        self, store: AuditStore, font_warning: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.service = AuditService(store)
        self.undo_group = QUndoGroup(self)
        self.dialog: QDialog | None = None  # the dialog open right now (tests drive it)
        self._shut_down = False
        self._opening = False
        self.setWindowTitle(self.tr("Auditor — after-sales service certification"))
        self.resize(1360, 860)

        # The Audits list and the audit view (three tabs, the scoring workspace) are each
        # built when first shown: a start at the list does not pay for the view, a start
        # that reopens an audit not for the list (issue 14).
        self._home: HomePage | None = None
        self._home_header: Any = None  # remembered column state, applied when it is built
        self._audit_view: AuditView | None = None
        self._details_splitter: Any = None  # remembered state, applied when the view is built
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())  # the list's place until it is built
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        # Banners are made inside `central`: one shown while it has no parent yet would be a
        # window of its own for a moment (a native window made and destroyed, ~3 ms).
        self.font_banner = QLabel(font_warning or "", central)
        self.font_banner.setObjectName("fontWarning")
        self.font_banner.setWordWrap(True)
        self.font_banner.setStyleSheet("background: #fdecea; color: #7a1c14; padding: 6px;")
        self.font_banner.setVisible(bool(font_warning))
        layout.addWidget(self.font_banner)
        self.identity = IdentityBanner(store, central)
        self.identity.named.connect(lambda _name: self._saved())
        self.identity.keysRequested.connect(self.open_keys)
        layout.addWidget(self.identity)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.db_label = QLabel()
        self.db_label.setObjectName("dbPath")
        tint(self.db_label, "#555555")
        self.statusBar().addPermanentWidget(self.save_state)
        self.statusBar().addPermanentWidget(self.db_label)
        self.db_label.setText(self.tr("Database: {path}").format(path=str(store.path)))
        self.db_label.setToolTip(str(store.path))
        self._last_saved: datetime | None = None
        self._save_failed = False
        pending_edits.tracker().changed.connect(self._show_pending)
        self._set_saved(None)

        self.actions = window_actions.build(self)
        self._connect()
        # The list is read by restore_place(), and only when the window starts on it: a start
        # that reopens an audit does not fill (and size) a list nobody sees (issue 14).
        # Not show_home(): that would overwrite the remembered place before it is restored.
        self.pages.setCurrentIndex(HOME_PAGE)
        self._update_actions()

    # -- wiring -----------------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions
        a.new_audit.triggered.connect(self.new_audit)
        a.open_db.triggered.connect(self._choose_database)
        a.restore_backup.triggered.connect(self.choose_backup)
        a.settings.triggered.connect(self.open_settings)
        a.keys.triggered.connect(self.open_keys)
        a.trust.triggered.connect(self.open_trust)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.home.triggered.connect(self.show_home)
        a.tab_details.triggered.connect(partial(self._show_tab, DETAILS_TAB))
        a.tab_scoring.triggered.connect(partial(self._show_tab, SCORING_TAB))
        a.tab_trail.triggered.connect(partial(self._show_tab, TRAIL_TAB))
        a.duplicate.triggered.connect(lambda: self._with_current(self.duplicate))
        a.revision.triggered.connect(self.new_revision)
        a.archive.triggered.connect(self._toggle_archive)
        a.export.triggered.connect(self.export_report)
        a.verify.triggered.connect(self.verify_pdf)
        a.import_package.triggered.connect(self.import_package)
        a.export_package.triggered.connect(self.export_package)
        a.merge_package.triggered.connect(lambda: self.merge_package())
        a.committee.triggered.connect(self.show_committee)
        a.about.triggered.connect(self._about)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.search.triggered.connect(self.search_everywhere)
        a.print_sheet.triggered.connect(lambda: self._with_current(self.print_sheet))
        a.recent_menu.aboutToShow.connect(self._fill_recent)
        self.undo_group.canUndoChanged.connect(a.undo.setEnabled)
        self.undo_group.canRedoChanged.connect(a.redo.setEnabled)
        self.undo_group.undoTextChanged.connect(partial(self._undo_text, a.undo, True))
        self.undo_group.redoTextChanged.connect(partial(self._undo_text, a.redo, False))

        # Item changes come at typing speed (J/K through the tree): write the place once the
        # auditor settles rather than on every step.
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(400)
        self._place_timer.timeout.connect(self.remember_place)

    @property
    def home(self) -> HomePage:
        """The Audits list, built on first use (not filled: `reload` fills it)."""
        if self._home is None:
            from auditor_app.ui.home import HomePage

            home = HomePage(self.service)
            home.openRequested.connect(self.open_audit)
            home.newRequested.connect(self.new_audit)
            home.duplicateRequested.connect(self.duplicate)
            home.archiveRequested.connect(self.set_archived)
            home.view.selectionModel().selectionChanged.connect(self._update_actions)
            if self._home_header is not None:
                home.restore_header(self._home_header)
            placeholder = self.pages.widget(HOME_PAGE)
            shown = self.pages.currentWidget() is placeholder
            self.pages.insertWidget(HOME_PAGE, home)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            if shown:
                self.pages.setCurrentWidget(home)
            self._home = home
        return self._home

    @property
    def audit_view(self) -> AuditView:
        """The one-audit page, built on first use."""
        if self._audit_view is None:
            view = AuditView(self.service, self.undo_group)
            view.backRequested.connect(self.show_home)
            view.revisionRequested.connect(self.new_revision)
            view.saved.connect(self._saved)
            view.failed.connect(self._failed)
            view.placeChanged.connect(self._place_timer.start)
            view.details_splitter_state = self._details_splitter
            self.pages.insertWidget(AUDIT_PAGE, view)
            self._audit_view = view
        return self._audit_view

    def _open_audit_id(self) -> int | None:
        """The audit in the audit view (shown or not), without building the view."""
        return self._audit_view.audit_id if self._audit_view is not None else None

    def _undo_text(self, action: Any, undo: bool, text: str) -> None:
        if undo:
            action.setText(
                self.tr("&Undo {action}").format(action=text) if text else self.tr("&Undo")
            )
        else:
            action.setText(
                self.tr("&Redo {action}").format(action=text) if text else self.tr("&Redo")
            )

    # -- navigation -------------------------------------------------------------------
    def show_home(self) -> None:
        if self.pages.currentIndex() == AUDIT_PAGE:
            if not self._commit_edits():
                return
            select = self.audit_view.audit_id
        else:
            select = None
        self.home.reload(select)
        self.pages.setCurrentIndex(HOME_PAGE)
        self.undo_group.setActiveStack(None)  # no invisible undo from the list
        self.home.view.setFocus()
        self._update_actions()
        self.remember_place()

    def open_audit(self, audit_id: int, tab: int | None = None, item: str | None = None) -> bool:
        if not self._commit_edits():
            return False
        self._opening = True  # the views move through several places; remember the last
        try:
            self.audit_view.set_audit(audit_id, tab, item)
        except AuditorError as exc:
            show_error(self, self.tr("Cannot open the audit"), exc)
            return False
        finally:
            self._opening = False
        if tab is not None:
            self.audit_view.set_tab(tab)
        self.pages.setCurrentIndex(AUDIT_PAGE)
        self.undo_group.setActiveStack(self.audit_view.active_stack())
        audit = self.audit_view.audit
        session.add_recent_audit(self.store.path, audit_id, self._label(audit))
        self._update_actions()
        self.remember_place()
        return True

    def _show_tab(self, tab: int) -> None:
        if self._open_audit_id() is not None:
            self.pages.setCurrentIndex(AUDIT_PAGE)
            self.audit_view.set_tab(tab)
            self._update_actions()

    def current_audit_id(self) -> int | None:
        if self.pages.currentIndex() == AUDIT_PAGE:
            return self.audit_view.audit_id
        return self._home.current_audit() if self._home is not None else None

    def _with_current(self, fn: Any) -> None:
        audit_id = self.current_audit_id()
        if audit_id is not None:
            fn(audit_id)

    @staticmethod
    def _label(audit: dict[str, Any]) -> str:
        return f"{audit['org_name']} · {labels.audit_type(audit['audit_type'])}" + (
            f" · {audit['start_date']}" if audit.get("start_date") else ""
        )

    def _update_actions(self, *_args: object) -> None:
        a = self.actions
        audit_id = self.current_audit_id()
        in_audit = self.pages.currentIndex() == AUDIT_PAGE
        row = None
        if audit_id is not None:
            try:
                row = self.store.audit(audit_id)
            except AuditorError:
                row = None
        for action in (a.duplicate, a.archive):
            action.setEnabled(row is not None)
        locked = bool(row and row["locked"])
        a.revision.setEnabled(locked)
        unavailable = export_unavailable_reason()  # only a missing dependency greys it
        a.export.setEnabled(row is not None and not locked and unavailable is None)
        a.export_package.setEnabled(row is not None)
        a.print_sheet.setEnabled(row is not None)
        a.merge_package.setEnabled(row is not None and not locked)
        if unavailable:
            a.export.setToolTip(unavailable)
        a.archive.setText(self.tr("Un&archive") if row and row["archived"] else self.tr("&Archive"))
        for action in (a.tab_details, a.tab_scoring, a.tab_trail):
            action.setEnabled(self._open_audit_id() is not None)
        a.home.setEnabled(in_audit)

    # -- save state -------------------------------------------------------------------
    def _set_saved(self, when: datetime | None) -> None:
        self._last_saved, self._save_failed = when, False
        if pending_edits.tracker().any():
            self._show_pending(True)  # an earlier field was saved, but typing still waits
            return
        tint(self.save_state, "#1e7b34")
        if when is None:
            self.save_state.setText(self.tr("✓ All changes saved"))
        else:
            self.save_state.setText(
                self.tr("✓ All changes saved {time}").format(time=when.strftime("%H:%M:%S"))
            )

    def _saved(self) -> None:
        self._set_saved(datetime.now())
        self._update_actions()

    def _show_pending(self, pending: bool) -> None:
        """Typing waits for its commit (say so), or has just been committed."""
        if pending:
            tint(self.save_state, "#9a5b00")
            self.save_state.setText(self.tr("● Not saved yet…"))
        elif not self._save_failed:
            self._set_saved(self._last_saved)

    def _failed(self, message: str) -> None:
        self._save_failed = True
        tint(self.save_state, "#b3261e")
        self.save_state.setText(self.tr("✗ Not saved — see the message in the form"))
        self.statusBar().showMessage(message, 10000)

    # -- pending edits ----------------------------------------------------------------
    def _commit_edits(self) -> bool:
        """Record what is still typed in the open audit (and wait for photo imports).

        True when everything was recorded, or when the auditor chose to go on without the
        refused entries; False to stay (the entries are still in the form)."""
        if self._open_audit_id() is None:
            return True
        problems = self.audit_view.flush()
        if not problems:
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.warning(
            self,
            self.tr("Not saved"),
            self.tr(
                "These entries could not be saved:\n\n{entries}\n\nThey are still in the form. "
                "Discard them and go on?"
            ).format(entries="\n".join(problems)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return False
        self.audit_view.discard_pending()
        return True

    # -- edit -------------------------------------------------------------------------
    def undo(self) -> None:
        if self.pages.currentIndex() == AUDIT_PAGE:
            self.audit_view.undo()

    def redo(self) -> None:
        if self.pages.currentIndex() == AUDIT_PAGE:
            self.audit_view.redo()

    # -- audit actions ----------------------------------------------------------------
    def _open_dialog(self, dialog: QDialog, on_accept: Any) -> None:
        """Window-modal, non-blocking: the event loop keeps running (and tests can drive it)."""
        from PySide6.QtWidgets import QDialog

        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                on_accept(dialog)

        dialog.finished.connect(finished)
        dialog.open()

    def new_audit(self) -> None:
        from auditor_app.ui.new_audit import NewAuditDialog

        def created(dialog: NewAuditDialog) -> None:
            self.home.reload(dialog.audit_id)
            self.open_audit(dialog.audit_id, DETAILS_TAB)
            self._saved()

        self._open_dialog(NewAuditDialog(self.service, self), created)

    def duplicate(self, audit_id: int) -> None:
        if not self._commit_edits():
            return
        try:
            new_id = self.service.duplicate_as_next_audit(audit_id, "surveillance")
        except AuditorError as exc:
            show_error(self, self.tr("Cannot start the surveillance audit"), exc)
            return
        self.home.reload(new_id)
        self.open_audit(new_id, DETAILS_TAB)
        self._saved()
        self.statusBar().showMessage(
            self.tr("Surveillance audit started from audit {id}.").format(id=audit_id), 8000
        )

    def set_archived(self, audit_id: int, archived: bool) -> None:
        try:
            self.store.set_archived(audit_id, archived)
        except AuditorError as exc:
            show_error(self, self.tr("Cannot archive the audit"), exc)
            return
        if archived and self._open_audit_id() == audit_id:
            self.show_home()
        self.home.reload()
        self._saved()

    def _toggle_archive(self) -> None:
        audit_id = self.current_audit_id()
        if audit_id is not None:
            self.set_archived(audit_id, not self.store.audit(audit_id)["archived"])

    def new_revision(self) -> None:
        audit_id = self.current_audit_id()
        if audit_id is None or not self.store.audit(audit_id)["locked"]:
            return
        from auditor_app.ui.revision import NewRevisionDialog

        def created(dialog: NewRevisionDialog) -> None:
            self.home.reload(dialog.new_id)
            self.open_audit(dialog.new_id, DETAILS_TAB)
            self._saved()

        self._open_dialog(NewRevisionDialog(self.store, audit_id, self), created)

    def open_settings(self) -> None:
        if not self._commit_edits():  # a new language rebuilds the window
            return
        from auditor_app.ui.settings_dialog import SettingsDialog

        def saved(dialog: SettingsDialog) -> None:
            self._saved()
            self.identity.refresh()
            if "ui_language" in dialog.changed:
                self.languageChanged.emit(dialog.changed["ui_language"])

        self._open_dialog(SettingsDialog(self.store, self), saved)

    def show_shortcuts(self) -> None:
        from dataclasses import fields

        from PySide6.QtGui import QAction

        from auditor_app.ui.shortcut_sheet import ShortcutSheet

        listed = [getattr(self.actions, f.name) for f in fields(self.actions)]
        actions = [a for a in listed if isinstance(a, QAction)]
        self._open_dialog(ShortcutSheet(actions, self), lambda _dialog: None)

    def print_sheet(self, audit_id: int) -> None:
        from auditor_app.ui.print_sheet import print_score_sheet  # print support: on first use

        if self._commit_edits():  # what is being typed belongs on the paper too
            print_score_sheet(self.service, audit_id, parent=self)

    def search_everywhere(self) -> None:
        from auditor_app.ui.search_dialog import SearchDialog

        self._open_dialog(SearchDialog(self.store, self), self._open_hit)

    def _open_hit(self, dialog: Any) -> None:
        if dialog.chosen is None:
            return
        audit_id, item_id = dialog.chosen
        # a note, finding or photo opens at its item; a client or site hit at the details
        if self.open_audit(audit_id, SCORING_TAB if item_id else DETAILS_TAB) and item_id:
            self.audit_view.select_item(item_id)

    def open_keys(self) -> None:
        from auditor_app.ui.keys_dialog import KeysDialog  # signing machinery: on first use

        self._open_dialog(KeysDialog(self.store, self), lambda _dialog: self._saved())

    def open_trust(self) -> None:
        from auditor_app.ui.trust_dialog import TrustDialog

        self._open_dialog(TrustDialog(self.store, self), lambda _dialog: self._saved())

    # -- report -----------------------------------------------------------------------
    def export_report(self) -> None:
        audit_id = self.current_audit_id()
        if audit_id is None:
            return
        unavailable = export_unavailable_reason()
        if unavailable:
            show_info(self, self.tr("Export signed report"), unavailable)
            return
        broken = export_import_error()
        if broken is not None:  # a bug in this build: say what it is, do not hide it
            show_error(self, self.tr("Export signed report"), broken)
            return
        if not self._commit_edits():
            return
        from auditor_app.ui.export_dialog import ExportDialog

        self._open_dialog(
            ExportDialog(self.store, audit_id, self),
            lambda dialog: self._run_export(dialog.request),
        )

    def _run_export(self, request: Any) -> None:
        from PySide6.QtWidgets import QProgressDialog

        from auditor_app.services.report_jobs import run_export

        progress = QProgressDialog(self.tr("Writing and signing the report…"), "", 0, 0, self)
        progress.setObjectName("exportProgress")
        progress.setCancelButton(None)  # signing cannot be interrupted halfway
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        job = Job(partial(run_export, request), self)

        def step(done: int, total: int, text: str) -> None:
            progress.setRange(0, total)
            progress.setValue(done)
            if text:
                progress.setLabelText(text)

        def finished(path: Path) -> None:
            progress.close()
            self._after_change(request.audit_id)
            self.statusBar().showMessage(
                self.tr("Signed report saved: {path}").format(path=str(path)), 15000
            )
            # where it is, whether it fits an email, and the hand-off to the committee
            from auditor_app.ui.handoff_dialog import HandoffDialog

            self._open_dialog(
                HandoffDialog(self.store, request.audit_id, Path(path), self),
                lambda _dialog: None,
            )

        def failed(exc: BaseException) -> None:
            progress.close()
            show_error(self, self.tr("The report could not be exported"), describe(exc))

        job.progressed.connect(step)
        job.succeeded.connect(finished)
        job.failed.connect(failed)
        progress.show()
        job.start()

    def _after_change(self, audit_id: int) -> None:
        if self._open_audit_id() == audit_id:
            self.audit_view.set_audit(audit_id)
        self.home.reload()
        self._saved()

    def verify_pdf(self, path: str | None = None) -> VerifyDialog:
        from auditor_app.ui.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.store, self)
        self._open_dialog(dialog, lambda _d: None)
        if path:
            dialog.path.setText(path)
            dialog.start()
        return dialog

    # -- database, recent, about ------------------------------------------------------
    def choose_backup(self) -> None:
        """Pick one of this database's rolling backups to restore (the app does the swap)."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from auditor_app.store.backup import list_backups

        if not self._commit_edits():
            return
        found = list_backups(self.store.path)
        if not found:
            show_info(self, self.tr("Restore a backup"), self.tr("There is no backup yet."))
            return
        names = [
            f"{b.created.astimezone().strftime('%Y-%m-%d %H:%M:%S')} · {b.size / 1e6:.1f} MB"
            for b in found
        ]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Restore a backup"), self.tr("Backup to restore:"), names, 0, False
        )
        if not ok:
            return
        backup = found[names.index(choice)]
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Replace the database with the backup of {when}? Changes made since then "
                "are not in it; the current database is kept beside it under a new name."
            ).format(when=choice.split(" · ")[0]),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restoreRequested.emit(str(backup.path))

    def _choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._commit_edits():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(self.store.path.parent),
            self.tr("Auditor databases (*.sqlite *.db);;All files (*)"),
        )
        if path:
            self.databaseRequested.emit(path)

    def _fill_recent(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        entries = session.recent_audits()
        if not entries:
            menu.addAction(self.tr("(none yet)")).setEnabled(False)
        for entry in entries:
            text = entry.label
            if not session.same_db(entry.db, self.store.path):
                text += f"  —  {Path(entry.db).name}"
            menu.addAction(text, partial(self._open_recent, entry.db, entry.audit_id))

    def _open_recent(self, db: str, audit_id: int) -> None:
        if self._commit_edits():
            self.recentRequested.emit(db, audit_id)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr(
                "Auditor {version}\nOffline field app for GB/T 27922-2011 after-sales service "
                "certification audits."
            ).format(version=__version__),
        )

    # -- session ----------------------------------------------------------------------
    def remember_place(self) -> None:
        self._place_timer.stop()
        if self._opening:
            return
        in_audit = self.pages.currentIndex() == AUDIT_PAGE
        session.set_last_place(
            session.Place(
                str(self.store.path),
                self.audit_view.audit_id if in_audit else None,
                self.audit_view.current_tab() if in_audit else 0,
                self.audit_view.current_item() if in_audit else None,
            )
        )

    def restore_place(self) -> None:
        """Reopen the remembered audit, tab and item; else start at the Audits list."""
        if not self._reopen_last_audit():
            self.home.reload()
            self._update_actions()

    def _reopen_last_audit(self) -> bool:
        place = session.last_place()
        if (
            place is None
            or place.audit_id is None
            or not session.same_db(place.db, self.store.path)
        ):
            return False
        try:
            self.store.audit(place.audit_id)
        except AuditorError:
            return False  # deleted or another database with the same name: the list
        return self.open_audit(place.audit_id, place.tab, place.item_id)

    def save_window_state(self) -> None:
        session.save_bytes("window/geometry", self.saveGeometry())
        session.save_bytes("window/state", self.saveState())
        details = self._audit_view.details_built if self._audit_view is not None else None
        if details is not None:  # never built: the remembered state stays as it was
            session.save_bytes("window/details_splitter", details.splitter.saveState())
        if self._home is not None:  # never built: the remembered state stays as it was
            session.save_bytes("window/home_header", self._home.view.horizontalHeader().saveState())

    def restore_window_state(self) -> None:
        geometry = session.load_bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = session.load_bytes("window/state")
        if state is not None:
            self.restoreState(state)
        self._details_splitter = session.load_bytes("window/details_splitter")
        if self._audit_view is not None:
            self._audit_view.details_splitter_state = self._details_splitter
            details = self._audit_view.details_built
            if self._details_splitter is not None and details is not None:
                details.splitter.restoreState(self._details_splitter)
        self._home_header = session.load_bytes("window/home_header")
        if self._home_header is not None and self._home is not None:
            self._home.restore_header(self._home_header)

    def shutdown(self) -> None:
        """Commit pending edits and remember where the auditor was (close or rebuild)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.close_committee()
        view = self._audit_view
        if view is not None:
            view.flush()  # refusals were offered in closeEvent; nothing to ask now
        self.remember_place()
        self.save_window_state()
        if view is not None:
            view.release()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down and not self._commit_edits():
            event.ignore()  # the auditor stays with the entries that were not saved
            return
        self.shutdown()
        super().closeEvent(event)
