"""Starting the desktop app: QApplication, font, language, the store, the main window.

`run_app(db_path, demo)` is what `auditor-app run` calls. `AppController` owns the open store and
the window; it reopens the window in another language or on another database when asked, and
turns a database that cannot be opened (damaged, from a newer app, in use) into a clear
message instead of a traceback.

Set `AUDITOR_APP_STARTUP_PROBE=/path/file` to have the app write the wall-clock time at which
the main window is shown and the event loop is idle, then quit (used by
`benchmarks/bench_startup.py`).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication

from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import AuditStore
from auditor_app.ui import backups, i18n, session
from auditor_app.ui.app_font import load_app_font
from auditor_app.ui.main_window import MainWindow
from auditor_app.ui.messages import show_error, show_fatal

ORGANISATION = "auditor_app"
APPLICATION = "auditor_app"
PROBE_ENV = "AUDITOR_APP_STARTUP_PROBE"


def configure(app: QApplication) -> str | None:
    """Names for QSettings, the app's own font; returns a font warning if any."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Auditor"))
    return load_app_font(app)


class AppController(QObject):
    """The open database and the window over it."""

    def __init__(self, app: QApplication, font_warning: str | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.font_warning = font_warning
        self.store: AuditStore | None = None
        self.window: MainWindow | None = None
        self.keeper: backups.BackupKeeper | None = None
        self.backups_enabled = True

    def start(self, db_path: str | Path, demo: bool = False) -> bool:
        """Open the database and show the window; `demo` adds the sample audit to an empty
        database (`auditor-app run` without `--no-demo`)."""
        i18n.install(session.language_hint())
        store = self._open_store(Path(db_path))
        if store is None:
            return False
        self.store = store
        if demo and not store.has_audits(include_archived=True):
            from auditor_app.services.demo import create_demo

            create_demo(store)
        self._apply_language()
        self._build_window(restore=True)
        self._keep_backups()
        return True

    def _keep_backups(self) -> None:
        if self.keeper is not None:
            self.keeper.stop()
        if self.store is not None and self.backups_enabled:
            self.keeper = backups.BackupKeeper(self.store.path, self)
            self.keeper.start()

    def _open_store(self, path: Path) -> AuditStore | None:
        if not backups.usable(path):
            return None
        try:
            return AuditStore(path)
        except (AuditorError, OSError) as exc:
            show_fatal(
                None,
                QCoreApplication.translate("App", "Cannot open the database"),
                QCoreApplication.translate(
                    "App", "The database {path} cannot be opened:\n\n{reason}"
                ).format(path=str(path), reason=str(exc)),
            )
            return None

    def _apply_language(self) -> None:
        assert self.store is not None
        code = i18n.install(self.store.get_setting("ui_language"))
        session.set_language_hint(code)
        self.app.setApplicationDisplayName(QCoreApplication.translate("App", "Auditor"))

    def _build_window(self, restore: bool) -> None:
        assert self.store is not None
        window = MainWindow(self.store, self.font_warning)
        window.languageChanged.connect(self._language_changed)
        window.databaseRequested.connect(self.open_database)
        window.restoreRequested.connect(self.restore_backup)
        window.recentRequested.connect(self.open_recent)
        window.restore_window_state()
        self.window = window
        window.show()
        if restore:
            window.restore_place()
        if window.identity.needed() and not self.store.has_audits():
            # first start: the name is the first thing typed (keyboard-only set-up)
            window.identity.name.setFocus()

    def _replace_window(self) -> None:
        old = self.window
        if old is not None:
            old.shutdown()
            old.close()
            old.deleteLater()
            # the first window was set aside from the cycle collector (collect_from_now_on);
            # handed back, so that its cycles are freed with it
            gc.unfreeze()
        self._build_window(restore=True)

    def _language_changed(self, _code: str) -> None:
        self._apply_language()
        self._replace_window()

    def open_database(self, path: str | Path) -> bool:
        """Switch to another database; the current one stays open if the new one fails."""
        if self.store is not None and session.same_db(path, self.store.path):
            return True
        store = self._open_store(Path(path))
        if store is None:
            return False
        if self.window is not None:
            self.window.shutdown()
        old, self.store = self.store, store
        self._apply_language()
        self._replace_window()
        if old is not None:
            old.close()
        self._keep_backups()
        return True

    def restore_backup(self, backup_file: str) -> bool:
        """Close the database, put the backup in its place (the current file is kept aside),
        and open it again; on failure the current database is reopened unchanged."""
        if self.store is None:
            return False
        db_path = self.store.path
        if self.keeper is not None:
            self.keeper.stop()
        if self.window is not None:
            self.window.shutdown()
        self.store.close()
        self.store = None
        from auditor_app.store import backup as store_backup

        try:
            store_backup.restore_backup(Path(backup_file), db_path)
        except (AuditorError, OSError) as exc:
            show_error(None, QCoreApplication.translate("App", "Restore a backup"), exc)
        store = self._open_store(db_path)
        if store is None:
            return False
        self.store = store
        self._apply_language()
        self._replace_window()
        self._keep_backups()
        return True

    def open_recent(self, db: str, audit_id: int) -> None:
        if self.open_database(db) and self.window is not None:
            try:
                self.store.audit(audit_id)  # type: ignore[union-attr]
            except AuditorError as exc:
                session.forget_recent_audit(db, audit_id)
                show_error(self.window, QCoreApplication.translate("App", "Recent audits"), exc)
                return
            self.window.open_audit(audit_id)

    def close(self) -> None:
        if self.keeper is not None:
            self.keeper.stop()
        if self.window is not None:
            self.window.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None


def _install_probe(app: QApplication, path: str) -> None:
    """Record when the shown window is idle (two passes through the event loop), then quit."""

    def write() -> None:
        Path(path).write_text(f"{time.time():.6f}\n", "utf-8")
        # exit(), not quit(): quit() first closes every window, which under Wine (and in
        # principle anywhere) can block; the probe only needs the event loop to end.
        app.exit(0)

    QTimer.singleShot(0, lambda: QTimer.singleShot(0, write))


def collect_from_now_on() -> None:
    """Turn the cycle collector on for the running app (`auditor-app run` builds the window with
    it paused), first setting aside what the start made: ~50,000 objects (modules, classes, the
    window) that live as long as the app. Otherwise the collector's first passes walk them all
    and pausing it only moves that work (measured: no gain); with them set aside, a start that
    reopens an audit reaches its idle window 12-15 ms sooner (of ~0.26 s)."""
    gc.freeze()
    gc.enable()


def run_app(db_path: str | Path, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    if not isinstance(app, QApplication):  # a bare QCoreApplication cannot show widgets
        raise RuntimeError("the desktop app needs a QApplication, not a QCoreApplication")
    font_warning = configure(app)
    controller = AppController(app, font_warning)
    if not controller.start(db_path, demo):
        return 1
    probe = os.environ.get(PROBE_ENV)
    if probe:
        _install_probe(app, probe)
    QTimer.singleShot(0, collect_from_now_on)
    try:
        return app.exec()
    finally:
        controller.close()
