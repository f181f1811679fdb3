"""Rolling backups of the local database, restore, and the start-up health check.

An auditor's day of work exists only on this laptop until it is exported, so the app keeps
copies of the database next to it (`<db folder>/backups/`), made with SQLite's online backup
API (a consistent snapshot even while the app is writing) and checked with
`PRAGMA integrity_check` before they are published. Old copies are thinned: the newest
`recent`, the newest of each day for `daily_days` days and the newest of each week for
`weekly_weeks` weeks are kept.

Restoring never deletes the current database: it is moved aside (with its `-wal`/`-shm`
files, which belong to it and must never be applied to the restored file) as
`<name>.replaced-<time>`. The app must have closed its store before restoring.

`check_database()` is what the desktop app calls before opening the store: it says whether the
file is usable and, when it is damaged, which backup can be restored. It also creates the data
folder owner-only (0700) and the database file 0600, so that SQLite's `-wal`/`-shm` files,
which take the database file's permissions, are private too (see docs/security.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from auditor_app.store import checked, faults
from auditor_app.store.db import CorruptDatabaseError, StoreError, note_verified
from auditor_app.store.schema import MIGRATION_SET, known_steps

BACKUP_DIR_NAME = "backups"
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)\.sqlite$")
# Companion files SQLite keeps next to a database; they move with it, never stay behind.
_COMPANIONS = ("-wal", "-shm", "-journal")
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


@dataclass(frozen=True)
class RetentionPolicy:
    """Which backups thinning keeps: the newest `recent`, and the newest of each day for
    `daily_days` days and of each week for `weekly_weeks` weeks."""

    recent: int = 10
    daily_days: int = 14
    weekly_weeks: int = 8


DEFAULT_POLICY = RetentionPolicy()


@dataclass(frozen=True)
class BackupInfo:
    """One backup of the database in its backups folder."""

    path: Path
    created: datetime  # UTC, from the file name (not the file's mtime, which copies change)
    size: int


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: `db_path` now holds a copy of `backup`; `moved_aside` is None when there
    was no database to replace."""

    db_path: Path
    backup: Path
    moved_aside: Path | None  # the database that was replaced, kept under a new name


@dataclass(frozen=True)
class Health:
    """The verdict of the start-up check. `backup` is offered only when it can help."""

    status: str  # "ok", "new", "corrupt", "newer", "readonly", "unreadable"
    message: str
    db_path: Path
    backup: BackupInfo | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "new")


# -- private files -------------------------------------------------------------------------
def secure_data_location(db_path: Path) -> None:
    """Create the database's folder owner-only and the database file 0600 (before SQLite).

    SQLite creates `-wal`/`-shm` with the main file's permissions, so creating the empty main
    file ourselves with 0600 makes all three private. Existing files are tightened too. Only
    the database's own folder is created 0700, and an existing folder is tightened only when
    it is the app's own data folder: a database kept in, say, ~/Documents leaves that alone.
    """
    from auditor_app.paths import data_dir

    db_path = Path(db_path)
    folder = db_path.parent
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR)
            os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    elif folder.resolve() == data_dir().resolve():
        _tighten(folder)
    if not db_path.exists():
        with contextlib.suppress(FileExistsError):
            # an empty file is a valid empty SQLite database
            os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for path in [db_path, *(_companion(db_path, s) for s in _COMPANIONS)]:
        _tighten(path)


def _tighten(path: Path) -> None:
    try:
        mode = path.stat().st_mode if path.exists() and not path.is_symlink() else 0
        if mode & 0o077:  # drop group/other access only: a read-only file stays read-only
            os.chmod(path, mode & 0o700)
    except OSError:
        pass  # not ours (another user's file, a read-only medium): leave it as it is


def _companion(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):  # a rename is durable only once its folder is synced
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


# -- listing and checking ------------------------------------------------------------------
def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR_NAME


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups, newest first (other databases' backups are ignored)."""
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME_RE.match(path.name)
        if not match or match["stem"] != db_path.stem or not path.is_file():
            continue
        created = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append(BackupInfo(path, created, path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def check_backup(path: Path) -> str | None:
    """Why this file cannot be restored, or None when it is a sound auditor database."""
    path = Path(path)
    try:
        # immutable=1: a backup is never written, and this needs no lock or -shm file
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        return f"cannot be opened ({exc})"
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return f"damaged ({'; '.join(rows[:3])})"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"audits", "item_results", "trail", "_sqlite_migrations"} <= tables:
            return "not an auditor-app database"
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)
            )
        }
        unknown = applied - known_steps()
        if unknown:
            return "written by a newer version of auditor-app"
    except sqlite3.Error as exc:
        return f"damaged ({exc})"
    finally:
        conn.close()
    return None


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes `check_backup` (damaged ones are skipped)."""
    for info in list_backups(db_path):
        if check_backup(info.path) is None:
            return info
    return None


# -- making and thinning -------------------------------------------------------------------
def select_kept(
    stamps: Iterable[datetime],
    now: datetime,
    policy: RetentionPolicy = DEFAULT_POLICY,
    tz: tzinfo | None = None,
) -> set[datetime]:
    """Which backup times to keep. Days and weeks are counted in `tz` (default: local time)."""
    ordered = sorted(set(stamps), reverse=True)
    kept = set(ordered[: policy.recent])
    days: set[object] = set()
    weeks: set[object] = set()
    for stamp in ordered:  # newest first: the first seen of a day or week is its newest
        age = now - stamp
        local = stamp.astimezone(tz)
        day = local.date()
        if age < timedelta(days=policy.daily_days) and day not in days:
            days.add(day)
            kept.add(stamp)
        week = local.isocalendar()[:2]
        if age < timedelta(weeks=policy.weekly_weeks) and week not in weeks:
            weeks.add(week)
            kept.add(stamp)
    return kept


def thin_backups(
    db_path: Path, now: datetime | None = None, policy: RetentionPolicy = DEFAULT_POLICY
) -> list[Path]:
    """Delete the backups the policy does not keep; return what was deleted."""
    backups = list_backups(db_path)
    kept = select_kept((b.created for b in backups), now or datetime.now(UTC), policy)
    removed = []
    for info in backups:
        if info.created not in kept:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def make_backup(
    db_path: Path, now: datetime | None = None, policy: RetentionPolicy | None = DEFAULT_POLICY
) -> BackupInfo:
    """Copy the database into its backups folder, check the copy, then thin old copies.

    A copy that fails `integrity_check` is deleted and CorruptDatabaseError raised, so a
    damaged database never pushes good backups out of the rotation.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise StoreError(f"{db_path} does not exist; there is nothing to back up")
    folder = backup_dir(db_path)
    if not folder.is_dir():
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    target = folder / f"{db_path.stem}-{stamp.strftime(_STAMP_FORMAT)}.sqlite"
    while target.exists():  # two backups in one microsecond: keep both
        stamp += timedelta(microseconds=1)
        target = folder / f"{db_path.stem}-{stamp.strftime(_STAMP_FORMAT)}.sqlite"
    tmp = folder / f".{target.name}.tmp"
    try:
        try:
            _copy_database(db_path, tmp)
        except CorruptDatabaseError:
            checked.forget(db_path)
            raise
        problem = check_backup(tmp)
        if problem:
            checked.forget(db_path)  # the next opening reads it whole and offers a backup
            raise CorruptDatabaseError(
                f"{db_path} is {problem}: no backup was made and the "
                "existing backups were kept; restore one of them"
            )
        os.chmod(tmp, PRIVATE_FILE)
        _fsync_file(tmp)
        faults.point("before-rename")
        os.replace(tmp, target)
        _fsync_dir(folder)
    except OSError as exc:
        raise StoreError(f"cannot write a backup into {folder}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    if policy is not None:
        thin_backups(db_path, stamp, policy)
    return BackupInfo(target, stamp, target.stat().st_size)


def _copy_database(source: Path, target: Path) -> None:
    try:
        src = sqlite3.connect(source, timeout=5)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(f"{source} cannot be opened: {exc}") from exc
    try:
        dst = sqlite3.connect(target)
    except sqlite3.Error as exc:
        src.close()
        raise StoreError(f"cannot write a backup into {target.parent}: {exc}") from exc
    try:
        src.backup(dst)  # all pages in one step: a consistent snapshot under one read lock
        # a standalone file: no -wal/-shm next to a backup
        dst.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "malformed" in text or "not a database" in text:
            raise CorruptDatabaseError(f"{source} cannot be copied: {text}") from exc
        if "locked" in text or "busy" in text:
            raise StoreError(f"{source} is in use by another program; no backup was made") from exc
        # the rest is about writing the copy: disk full, I/O error, read-only folder
        raise StoreError(
            f"cannot write a backup into {target.parent}: {text}; the existing backups were kept"
        ) from exc
    finally:
        dst.close()
        src.close()


def maybe_backup(
    db_path: Path, min_interval: timedelta = timedelta(minutes=30), now: datetime | None = None
) -> BackupInfo | None:
    """A backup unless the newest is younger than `min_interval` (for start, timer, close)."""
    now = now or datetime.now(UTC)
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and timedelta(0) <= now - newest.created < min_interval:
        return None
    return make_backup(db_path, now)


# -- restoring -------------------------------------------------------------------------------
def restore_backup(backup: Path, db_path: Path, now: datetime | None = None) -> RestoreResult:
    """Replace the database with a checked backup; the current file is moved aside.

    The caller must have closed every store on `db_path`.
    """
    backup, db_path = Path(backup), Path(db_path)
    problem = check_backup(backup)
    if problem:
        raise CorruptDatabaseError(f"backup {backup} cannot be restored: it is {problem}")
    folder = db_path.parent
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP_FORMAT)
    tmp = folder / f".{db_path.name}.restore-{stamp}.tmp"
    aside: Path | None = None
    try:
        # 1. the copy is complete and durable before anything of the current database moves
        shutil.copyfile(backup, tmp)
        os.chmod(tmp, PRIVATE_FILE)
        _fsync_file(tmp)
        if db_path.exists():
            _fold_in_wal(db_path)
            aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
            # 2. keep the current file under a second name (a hard link: db_path stays in
            # place until the atomic replace below), and move its WAL and shared-memory index
            # with it: a WAL left behind would be replayed onto the restored file.
            try:
                os.link(db_path, aside)
            except OSError:  # no hard links (FAT, some network shares): copy instead
                shutil.copy2(db_path, aside)
            for suffix in _COMPANIONS:
                companion = _companion(db_path, suffix)
                if companion.exists():
                    os.replace(companion, _companion(aside, suffix))
        # 3. the restored file takes the database's name in one atomic step
        faults.point("before-rename")
        os.replace(tmp, db_path)
        _fsync_dir(folder)
    except OSError as exc:
        raise StoreError(
            f"cannot restore into {folder}: {exc.strerror or exc}; "
            "the current database was not replaced"
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return RestoreResult(db_path, backup, aside)


def _fold_in_wal(db_path: Path) -> None:
    """Checkpoint a WAL left by a crash into the main file before the WAL is moved aside:
    otherwise a restore interrupted between that move and the rename leaves the database's
    name on a file without its latest commits (the fault harness found this)."""
    if not _companion(db_path, "-wal").exists():
        return
    # a damaged file cannot be checkpointed: it is moved aside with its WAL, as before
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(db_path, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


# -- the start-up check ----------------------------------------------------------------------
def check_database(db_path: Path) -> Health:
    """Can the app open this database? When it is damaged, offer the latest good backup.

    Read-only except for creating the private folder and empty database file of a first run.
    """
    db_path = Path(db_path)
    if db_path.is_dir():
        return Health("unreadable", f"{db_path} is a folder, not a database file", db_path)
    if db_path.exists() and not stat.S_ISREG(db_path.stat().st_mode):
        # a device or pipe (/dev/null): refused as it is, its permissions untouched
        return Health("unreadable", f"{db_path} is not a regular file, not a database", db_path)
    try:
        if not db_path.exists():  # an existing file is tightened only once it proves ours
            secure_data_location(db_path)
    except OSError as exc:
        return Health("unreadable", f"cannot create {db_path}: {exc.strerror or exc}", db_path)
    if db_path.stat().st_size == 0 and not _companion(db_path, "-wal").exists():
        if not list_backups(db_path):
            return Health("new", f"{db_path} is new; it will be set up when opened", db_path)
        # an empty file where backups exist was a database once (truncated by a failure)
        good = latest_good_backup(db_path)
        return Health("corrupt", f"{db_path} is empty although backups of it exist", db_path, good)
    try:
        with open(db_path, "rb") as fh:
            fh.read(100)
    except OSError as exc:
        return Health("unreadable", f"{db_path} cannot be read: {exc.strerror or exc}", db_path)
    problem = _quick_check(db_path)
    if (problem is None or problem[0] == "unreadable") and not _writable(db_path):
        # checked after opening: a damaged read-only file is reported as damaged
        return Health(
            "readonly",
            f"{db_path} cannot be written (read-only file, folder or "
            "disk), so no change could be saved. Fix the permissions or copy "
            "it to a writable folder; nothing in it was lost",
            db_path,
        )
    if problem is None:
        with contextlib.suppress(OSError):  # sound and ours: now tighten it
            secure_data_location(db_path)
        return Health("ok", f"{db_path} is in good order", db_path)
    status, detail = problem
    if status != "corrupt":
        return Health(status, detail, db_path)
    good = latest_good_backup(db_path)
    if good is None:
        offer = "no good backup was found"
    else:
        offer = f"the latest good backup is from {good.created.astimezone():%Y-%m-%d %H:%M}"
    return Health("corrupt", f"{db_path} is damaged ({detail}); {offer}", db_path, good)


def _writable(db_path: Path) -> bool:
    """Can SQLite write here? It needs the file, and the folder for its -wal/-shm files."""
    logs = [_companion(db_path, "-wal"), _companion(db_path, "-shm")]
    needed = [db_path, *logs] if all(p.exists() for p in logs) else [db_path, db_path.parent]
    # os.access honours read-only mounts even for root, and the permission bits otherwise
    return all(os.access(p, os.W_OK) for p in needed)


def _quick_check(db_path: Path) -> tuple[str, str] | None:
    # asked before connecting: reading a WAL database creates its -wal file for a while
    vouched = checked.last_check(db_path)
    try:
        conn = sqlite3.connect(db_path, timeout=5)
    except sqlite3.Error as exc:
        return "unreadable", f"{db_path} cannot be opened: {exc}"
    try:
        if vouched is None:  # not closed cleanly since it was last read whole, or long ago
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                return "corrupt", "; ".join(rows[:3])
        has_log = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'"
        ).fetchone()
        if not has_log and conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            return "unreadable", (
                f"{db_path} is another program's SQLite database, not an auditor database"
            )
        if has_log:
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)
                )
            }
            if applied - known_steps():
                return "newer", (
                    f"{db_path} was written by a newer version of auditor-app; "
                    "update the app to open it (the file was not changed)"
                )
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return "unreadable", f"{db_path} is in use by another program ({text})"
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return "corrupt", text
        return "unreadable", f"{db_path} cannot be read ({text})"
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
        return "corrupt", str(exc)
    finally:
        conn.close()
    # after closing: the last connection's checkpoint changes the file
    note_verified(db_path, vouched)
    return None
