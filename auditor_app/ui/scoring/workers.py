"""Importing photos and files off the GUI thread.

Reading, checking and downscaling twenty camera photos takes seconds; done on the GUI thread it
would freeze the window. An `ImportTask` runs in a QThreadPool with its OWN AuditStore (a sqlite
connection belongs to the thread that opened it), commits each file on its own (a bad file does
not stop the good ones) and reports progress and the outcome through queued signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from auditor_app.core.errors import AuditorError
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.photos import MAX_FILE_BYTES


@dataclass(frozen=True)
class Source:
    """One file to import: a path to read, or bytes already in memory (a pasted image)."""

    name: str
    path: Path | None = None
    data: bytes | None = None


@dataclass
class ImportOutcome:
    audit_id: int
    item_id: str | None
    link_ids: list[int] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    total: int = 0


class ImportSignals(QObject):
    """Lives in the GUI thread; the task emits, Qt queues the calls to the receivers."""

    progress = Signal(int, int, str)  # done, total, current file name
    finished = Signal(object)  # ImportOutcome


class ImportTask(QRunnable):
    """Attach files to one item, each in its own transaction, with its own connection."""

    def __init__(
        self,
        db_path: Path,
        actor: str,
        audit_id: int,
        item_id: str | None,
        sources: list[Source],
        signals: ImportSignals,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.actor = actor
        self.audit_id = audit_id
        self.item_id = item_id
        self.sources = sources
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        outcome = ImportOutcome(self.audit_id, self.item_id, total=len(self.sources))
        try:
            store = AuditStore(self.db_path, actor=self.actor)
        except AuditorError as exc:
            outcome.errors = [(s.name, str(exc)) for s in self.sources]
            self.signals.finished.emit(outcome)
            return
        except Exception as exc:
            outcome.errors = [(s.name, f"{type(exc).__name__}: {exc}") for s in self.sources]
            self.signals.finished.emit(outcome)
            return
        try:
            for n, source in enumerate(self.sources):
                self.signals.progress.emit(n, len(self.sources), source.name)
                try:
                    data = source.data if source.data is not None else _read(source)
                    link = store.add_attachment(self.audit_id, self.item_id, data, source.name)
                except AuditorError as exc:
                    outcome.errors.append((source.name, str(exc)))
                except OSError as exc:
                    outcome.errors.append((source.name, exc.strerror or str(exc)))
                except Exception as exc:
                    outcome.errors.append((source.name, f"{type(exc).__name__}: {exc}"))
                else:
                    outcome.link_ids.append(link)
            self.signals.progress.emit(len(self.sources), len(self.sources), "")
        finally:
            store.close()
            self.signals.finished.emit(outcome)


def _read(source: Source) -> bytes:
    assert source.path is not None
    path = Path(source.path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # say so without reading gigabytes into memory first
        raise AuditorError(
            f"{size / 1e6:.0f} MB is too large (limit {MAX_FILE_BYTES // 1_000_000} MB)"
        )
    return path.read_bytes()
