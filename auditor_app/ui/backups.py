"""The desktop side of the database safety net: the start-up check and rolling backups.

Before the store is opened, `check_database` says whether the file is usable; a damaged file
with a sound backup is offered for restoring (the damaged file is kept aside, never deleted).
While the app runs, a backup is made in a worker thread at start and every half hour (the
store module thins old copies), so a copy of the day's work exists even if the disk later
fails halfway through a write.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from auditor_app.core.errors import AuditorError
from auditor_app.store import backup
from auditor_app.ui.messages import show_fatal
from auditor_app.ui.worker import Job

log = logging.getLogger(__name__)
INTERVAL = timedelta(minutes=30)


def usable(path: Path) -> bool:
    """Check the database before opening it; offer a backup when it is damaged.

    Returns True when the store may be opened (possibly after restoring a backup).
    """
    translate = QCoreApplication.translate
    title = translate("Backups", "Cannot open the database")
    try:
        health = backup.check_database(path)
    except (AuditorError, OSError) as exc:  # the check itself must never end the app badly
        show_fatal(None, title, str(exc))
        return False
    if health.ok:
        return True
    if health.status == "corrupt" and health.backup is not None:
        from PySide6.QtWidgets import QMessageBox

        when = health.backup.created.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            None,
            title,
            translate(
                "Backups",
                "{problem}\n\nRestore the backup of {when}? Work done after it is lost; the "
                "damaged file is kept next to it under another name.",
            ).format(problem=health.message, when=when),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            backup.restore_backup(health.backup.path, path)
        except (AuditorError, OSError) as exc:
            show_fatal(None, title, str(exc))
            return False
        return True
    show_fatal(None, title, health.message)
    return False


class BackupKeeper(QObject):
    """Backs up one database now and every `INTERVAL`, off the GUI thread."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._job: Job | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(int(INTERVAL.total_seconds() * 1000))
        self._timer.timeout.connect(self.run)

    def start(self, delay_ms: int = 3000) -> None:
        self._timer.start()
        # Not at once: the first seconds belong to showing the window.
        QTimer.singleShot(delay_ms, self.run)

    def run(self) -> None:
        if self._stopped or (self._job is not None and self._job.running):
            return
        path = self.path
        self._job = Job(lambda _report: backup.maybe_backup(path, INTERVAL), self)
        self._job.failed.connect(self._failed)
        self._job.start()

    def _failed(self, exc: BaseException) -> None:
        # A failed backup must not interrupt the audit; it is logged, the next one retries.
        log.warning("backup of %s failed: %s", self.path, exc)

    def stop(self) -> None:
        """Stop the timer and wait for a backup in progress (before the store closes)."""
        self._stopped = True
        self._timer.stop()
        if self._job is not None and self._job.running:
            self._job.wait()
