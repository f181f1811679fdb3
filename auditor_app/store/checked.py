"""Which database files are known sound, so that opening one need not read it whole again.

`PRAGMA quick_check` reads every page: 12 ms for a 5 MB file, about a second for an auditor's
1.5 GB of photos, 1.4 s for a committee's 3 GB (issue 14), at every start and every command.
A file needs that read when something other than this app's own transactions may have changed
it since it was last found sound. Within one process `store/db.py` knows (checked at start-up,
or held open since). Across runs this module keeps a small record beside the file,
`<name>-checked`, written when the app closes the file cleanly (its last connection closed,
the write-ahead log folded in and removed): the file's size and modification time then, and
when it was last read whole. The next opening, by any process, skips the whole-file read only
when
- no write-ahead log is beside the file (a crash or a power cut leaves one; another program
  holding it open has one), and it is the same file (device and file number) with the recorded
  size and modification time: another program's write, a restore or a copy changes them; and
- the last whole-file read is less than `RECHECK_AFTER` old, so damage at rest (a failing disk)
  is still found within a week. Sooner, usually: the half-hourly backup checks its copy, and a
  copy that fails drops the record (`forget`), so the next opening reads the file whole.
Before recording, a modification time within the last 2 s is set to 2 s ago: a write that lands
within the filesystem's timestamp granularity (ext4's few-millisecond tick, FAT's 2 s) after
the close still leaves a time other than the recorded one. Anything unreadable in the record
means "read it whole", never an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SUFFIX = "-checked"
RECHECK_AFTER = timedelta(days=7)
_BACKDATE_NS = 2_000_000_000
_CLOCK_SLACK = timedelta(minutes=5)  # a record "from the future" means a clock was changed


def record_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _state(path: Path) -> list[int]:
    info = path.stat()
    # the file's identity too: a copy (to a new laptop, with its times kept) or a restore is
    # another file, read whole before it is trusted
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev]


def last_check(path: Path, now: datetime | None = None) -> datetime | None:
    """When `path` was last read whole, if the record beside it still vouches for the file as
    it is now; None when it must be read whole."""
    path = Path(path)
    try:
        data = json.loads(record_path(path).read_text("utf-8"))
        state, checked = data["state"], datetime.fromisoformat(data["checked_at"])
        if _wal(path).exists() or state != _state(path) or checked.tzinfo is None:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    now = now or datetime.now(UTC)
    if not now - RECHECK_AFTER <= checked <= now + _CLOCK_SLACK:
        return None
    return checked


def forget(path: Path) -> None:
    """Stop vouching for `path` (a backup's copy of it failed its check): the next opening
    reads it whole and reports the damage."""
    with contextlib.suppress(OSError):
        record_path(Path(path)).unlink(missing_ok=True)


def record(path: Path, checked_at: datetime) -> None:
    """Vouch for `path` as it is now (its last connection has just closed cleanly), last read
    whole at `checked_at`. Best effort: a record that cannot be written means a whole-file
    read at the next opening, nothing worse."""
    path = Path(path)
    target = record_path(path)
    with contextlib.suppress(OSError):
        if _wal(path).exists():  # still open elsewhere: its next writes would go unseen
            target.unlink(missing_ok=True)
            return
        info = path.stat()
        settled = time.time_ns() - _BACKDATE_NS
        if info.st_mtime_ns > settled:  # only a recent time can be repeated by a later write
            os.utime(path, ns=(info.st_atime_ns, settled))
        text = json.dumps({"state": _state(path), "checked_at": checked_at.isoformat()})
        scratch = target.with_name(target.name + ".tmp")
        try:
            scratch.write_text(text, "utf-8")
            os.replace(scratch, target)  # whole or not at all: a torn record reads as none
        finally:
            scratch.unlink(missing_ok=True)
