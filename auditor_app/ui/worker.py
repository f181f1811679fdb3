"""Run long work (export, verification) off the GUI thread so the window never freezes.

The function runs in a `QThread` and gets a `report(done, total, text)` callback for progress.
It must open its own `AuditStore`: a store belongs to the thread that opened it. Results and
errors come back as queued signals on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

Report = Callable[[int, int, str], None]

# Running jobs are kept here: a job whose last Python reference is dropped would be collected
# while its thread still runs.
_running: set[Job] = set()


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Report], Any]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progressed.emit)
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            # The thread ends with its work, so `Job.wait()` can block on it.
            QThread.currentThread().quit()


class Job(QObject):
    """One function running in its own thread; connect before `start()`."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable[[Report], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self.running = False

    def start(self) -> None:
        _running.add(self)
        self.running = True
        self._thread.start()

    def wait(self, msecs: int = 60000) -> bool:
        """Block until the work is done (closing the app), then deliver its result."""
        done = self._thread.wait(msecs)
        QCoreApplication.processEvents()
        return bool(done)

    def _stop(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.running = False
        _running.discard(self)
        self.finished.emit()

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._stop()
        self.succeeded.emit(result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._stop()
        self.failed.emit(exc)
