"""Opening the local SQLite database safely: pragmas, migrations, backups, clear refusals.

Durability comes first: an auditor's day of work exists only on this laptop until it is
exported, so commits use WAL with synchronous=FULL (a committed edit survives a power cut; the
notes measured ~0.3 ms per commit, well inside the 1 ms budget).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

from auditor_app.core.errors import AuditorError
from auditor_app.store import checked, schema
from auditor_app.store.connection import Connection
from auditor_app.store.schema import MIGRATION_SET


class StoreError(AuditorError):
    """The database cannot be used (corrupt, newer, locked, unwritable)."""


class CorruptDatabaseError(StoreError):
    pass


class NewerDatabaseError(StoreError):
    pass


class ReadOnlyDatabaseError(StoreError):
    """The database is sound but its file, folder or disk cannot be written."""


PRIVATE_FILE = 0o600

# SQLite messages that mean "cannot write or open here", not "the file is damaged"
_NOT_WRITABLE = ("readonly", "read-only", "unable to open", "disk i/o error", "permission denied")


# Files this process has just checked whole (PRAGMA quick_check reads every page: seconds on a
# big database), by path, with the state they were checked in. The desktop app checks the
# file's health before opening the store; opening need not read it all again unless it changed.
_VERIFIED: dict[str, tuple[tuple[int, int], ...]] = {}
# When each file this process holds (or has just checked) was last read whole: what the record
# beside the file says once the last connection closes (store/checked.py).
_CHECKED_AT: dict[str, datetime] = {}


def _file_state(path: Path) -> tuple[tuple[int, int], ...]:
    state = []
    for suffix in ("", "-wal"):
        try:
            info = Path(f"{path}{suffix}").stat()
            state.append((info.st_size, info.st_mtime_ns))
        except OSError:
            state.append((-1, -1))
    return tuple(state)


def note_verified(path: Path, checked_at: datetime | None = None) -> None:
    """Record that `path` is sound as it is now: read whole at `checked_at` (just now when not
    given; earlier when the record beside the file vouched for it, see `connect`)."""
    key = str(Path(path).resolve())
    _VERIFIED[key] = _file_state(path)
    _CHECKED_AT[key] = checked_at or datetime.now(UTC)


def _recorded_sound(path: Path, key: str) -> bool:
    """The record beside the file vouches for it (a clean close, nothing changed since)."""
    when = checked.last_check(path)
    if when is None:
        return False
    _CHECKED_AT[key] = when
    return True


def _verified_unchanged(path: Path) -> bool:
    key = str(path.resolve())
    return key in _VERIFIED and _VERIFIED.pop(key) == _file_state(path)


# Files this process holds open through a checked connection, with how many. A second store on
# the same file (the committee view's loader, a background job) needs no whole-file read while
# the first is open: the file was checked when that one opened, and since then only this
# process's own transactions have written to it. The count falls as they close; once none is
# open, the file is recorded as sound beside it, and the next opening reads it whole only if
# it changed since (another program, a crash) or the record is old (store/checked.py).
_OPEN: dict[str, int] = {}
_OPEN_LOCK = threading.Lock()


def _held_open(key: str) -> bool:
    with _OPEN_LOCK:
        return _OPEN.get(key, 0) > 0


def _hold(db: Connection, key: str) -> None:
    with _OPEN_LOCK:
        _OPEN[key] = _OPEN.get(key, 0) + 1

    def release() -> None:
        with _OPEN_LOCK:
            left = _OPEN.get(key, 0) - 1
            if left > 0:
                _OPEN[key] = left
                return
            _OPEN.pop(key, None)
            when = _CHECKED_AT.pop(key, None)
        if when is not None:
            checked.record(Path(key), when)

    db.on_close.append(release)


def now() -> str:
    """UTC timestamp with microseconds, sortable as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def connect(path: Path) -> Connection:
    """Open (creating if needed) and migrate the database at `path`."""
    path = Path(path)
    existed = str(path) != ":memory:" and (path.exists() or path.is_symlink())
    if existed:
        # Refuse what is not ours before touching it: no chmod, no -journal next to /dev/null.
        _refuse_foreign_file(path)
    else:
        _make_private(path)  # a new file is created owner-only before SQLite creates it
    # judged before SQLite opens the file (opening in WAL mode creates the -wal file)
    key = str(path.resolve()) if str(path) != ":memory:" else ""
    fresh = existed and (_verified_unchanged(path) or _held_open(key) or _recorded_sound(path, key))
    try:
        db = Connection(path)
        conn = db.conn
        conn.execute("PRAGMA busy_timeout = 5000")  # another process writing: wait, then say so
        _refuse_foreign_database(conn, path)  # before WAL mode rewrites the file's header
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        check = "ok" if fresh else conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "full" in str(exc).lower() or _disk_full(path):
            raise StoreError(
                f"the disk holding {path} is full ({exc}); free some space and try again. "
                "Nothing was changed"
            ) from exc
        if any(word in str(exc).lower() for word in _NOT_WRITABLE):
            raise ReadOnlyDatabaseError(
                f"{path} cannot be opened for writing ({exc}): the file, its folder or the "
                "disk is read-only or not accessible. Nothing was changed; copy the database "
                "to a writable folder or fix the permissions."
            ) from exc
        raise CorruptDatabaseError(
            f"{path} is not a readable auditor database ({exc}); restore a backup"
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{path} is not a readable auditor database ({exc}); restore a backup"
        ) from exc
    if check != "ok":
        db.close()
        raise CorruptDatabaseError(f"{path} is damaged ({check}); restore a backup")
    if mode.lower() != "wal" and str(path) != ":memory:":
        db.close()
        raise StoreError(f"{path}: could not switch to write-ahead logging (journal mode {mode})")
    if existed:
        _make_private(path)  # ours and sound: now tighten it (and its -wal/-shm)
    _migrate(db, path)
    if key:
        if not fresh:
            _CHECKED_AT[key] = datetime.now(UTC)
        _hold(db, key)
    return db


_SQLITE_HEADER = b"SQLite format 3\x00"
# Less free space than this where SQLite must create its -wal/-shm: a "disk I/O error" on
# opening then means a full disk, not a read-only one.
_NEARLY_FULL = 1 << 20


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.resolve().parent).free < _NEARLY_FULL
    except OSError:
        return False


def _refuse_foreign_file(path: Path) -> None:
    """Refuse, without changing anything, an existing `path` that cannot be our database."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    try:
        info = path.stat()
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is not a regular file (a device or pipe), so it cannot be a database; "
            "nothing was changed"
        )
    if info.st_size == 0:
        return  # an empty file is an empty database (a first run creates one)
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if head != _SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"{path} is not a readable auditor database (not an SQLite file); nothing was "
            "changed. Choose the right file, or restore a backup"
        )


def _refuse_foreign_database(conn: sqlite3.Connection, path: Path) -> None:
    """Another program's SQLite database is left alone: no schema of ours is added to it."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "_sqlite_migrations" not in tables:
        conn.close()
        raise StoreError(
            f"{path} is another program's SQLite database, not an auditor database; "
            "nothing was changed"
        )


def _migrate(db: Connection, path: Path) -> None:
    known = schema.known_steps()
    applied = schema_steps(db)
    unknown = [name for name in applied if name not in known]
    if unknown:
        db.close()
        raise NewerDatabaseError(
            f"{path} was written by a newer version of auditor-app (schema step "
            f"'{unknown[-1]}'); update the app to open it. The file was not changed."
        )
    pending = [name for name in schema.STEP_NAMES if name not in applied]
    if not pending:
        return  # the common case: no sqlite-utils needed (see connection.py)
    if applied:
        # an existing database is copied before its schema changes, so a failed or unwanted
        # migration can be undone by hand
        backup_path = path.with_name(f"{path.name}.before-{pending[0]}.bak")
        _make_private(backup_path)
        backup = sqlite3.connect(backup_path)
        with backup:
            db.conn.backup(backup)
        backup.close()
    from sqlite_utils import Database  # its migration sets run the steps, on this connection

    schema.migrations.apply(Database(db.conn, execute_plugins=False))


def _make_private(path: Path) -> None:
    """Create a new database file owner-only (SQLite gives -wal/-shm the same mode): client
    data on a shared or lost laptop is not readable by other accounts. The app's own data
    folder is made owner-only too; a folder the user chose is left as it is."""
    from auditor_app.store.backup import secure_data_location

    # an unwritable place is left to SQLite, whose own error says so more precisely
    with contextlib.suppress(OSError):
        secure_data_location(path)


def schema_steps(db: Connection) -> list[str]:
    """The schema steps applied to `db`, in the order they ran (sqlite-utils' record)."""
    found = db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not found:
        return []
    return [
        row[0]
        for row in db.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            (MIGRATION_SET,),
        )
    ]


__all__ = [
    "MIGRATION_SET",
    "CorruptDatabaseError",
    "NewerDatabaseError",
    "ReadOnlyDatabaseError",
    "StoreError",
    "connect",
    "now",
    "schema_steps",
]
