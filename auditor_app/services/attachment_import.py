"""Importing photos and files into an item (Qt-free; the window runs it off the GUI thread).

Reading, checking and downscaling twenty camera photos takes seconds, so the scoring workspace
runs `import_sources` as a background job (`ui.worker.Job`). It opens its OWN AuditStore (a
sqlite connection belongs to the thread that opened it), commits each file on its own (a bad
file does not stop the good ones) and reports progress through `report(done, total, name)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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
    """What an import did, filled in as it goes (not frozen): the attachment links added and each
    file refused, with its reason; `total` is the number of files given."""

    audit_id: int
    item_id: str | None
    link_ids: list[int] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    total: int = 0


def import_sources(
    db_path: Path,
    actor: str,
    audit_id: int,
    item_id: str | None,
    sources: list[Source],
    report: Callable[[int, int, str], None],
) -> ImportOutcome:
    """Attach files to one item, each in its own transaction, with this thread's own store.

    Never raises: a file that cannot be read or is refused becomes an entry in `errors`."""
    outcome = ImportOutcome(audit_id, item_id, total=len(sources))
    try:
        store = AuditStore(db_path, actor=actor)
    except AuditorError as exc:
        outcome.errors = [(s.name, str(exc)) for s in sources]
        return outcome
    except Exception as exc:
        outcome.errors = [(s.name, f"{type(exc).__name__}: {exc}") for s in sources]
        return outcome
    try:
        for n, source in enumerate(sources):
            report(n, len(sources), source.name)
            try:
                data = source.data if source.data is not None else _read(source)
                link = store.add_attachment(audit_id, item_id, data, source.name)
            except AuditorError as exc:
                outcome.errors.append((source.name, str(exc)))
            except OSError as exc:
                outcome.errors.append((source.name, exc.strerror or str(exc)))
            except Exception as exc:
                outcome.errors.append((source.name, f"{type(exc).__name__}: {exc}"))
            else:
                outcome.link_ids.append(link)
        report(len(sources), len(sources), "")
    finally:
        store.close()
    return outcome


def _read(source: Source) -> bytes:
    assert source.path is not None
    path = Path(source.path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # say so without reading gigabytes into memory first
        raise AuditorError(
            f"{size / 1e6:.0f} MB is too large (limit {MAX_FILE_BYTES // 1_000_000} MB)"
        )
    return path.read_bytes()
