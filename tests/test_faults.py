"""Disk full, read-only storage, a database locked by another process.

For each: a clear message, earlier commits intact, the failed edit not half-written (no result,
no note, no trail row), and the same open store usable once the cause is gone.

How each fault is produced, honestly:
* disk full: `PRAGMA max_page_count` caps the file (portable: SQLite reports SQLITE_FULL exactly
  as for a full disk), and, where the test may mount (root on Linux), a real 2 MB tmpfs filled
  to the last byte so that the kernel answers ENOSPC;
* read-only: `PRAGMA query_only` for a store that is already open (the medium turned
  read-only under it), real permission bits checked by an unprivileged process (root drops to
  `nobody` in a forked child, because chmod does not stop root), and, where the test may
  mount, a tmpfs remounted read-only (EROFS, which stops root too);
* locked: a second *process* holding `BEGIN EXCLUSIVE`.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.store import backup
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import CorruptDatabaseError, StoreError
from tests.conftest import under_wine

REPO = Path(__file__).resolve().parent.parent
NOBODY = 65534
BIG = "证据" * 100_000  # a note needing many new pages


def snapshot(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a user could lose, read by a separate connection."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("item_results", "trail", "findings", "audits", "settings")
        }
    finally:
        conn.close()


def integrity(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def seeded(db_path: Path) -> tuple[AuditStore, AuditService, int]:
    store = AuditStore(db_path, actor="tester")
    service = AuditService(store)
    audit = service.create_audit(ClientInfo("故障测试客户"), "initial")
    service.record(audit, "5.1.1.1", ItemResult("conform"))
    store.set_note(audit, "5.1.1.1", "committed before the fault")
    return store, service, audit


def assert_usable(store: AuditStore, service: AuditService, audit: int) -> None:
    assert not store.db.conn.in_transaction
    service.record(audit, "5.1.2.1", ItemResult("sampled", 4, 1))
    store.set_note(audit, "5.1.2.1", "after the fault")
    assert store.results(audit)["5.1.2.1"].sampled == 4
    assert service.score(audit).scored >= 2


# -- disk full ---------------------------------------------------------------------------
def test_disk_full_max_page_count(db_path):
    store, service, audit = seeded(db_path)
    before = snapshot(db_path)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    # result and note together, as `score set` does
    with pytest.raises(StoreError, match="is full; free some space") as info, store.transaction():
        service.record(audit, "5.1.1.2", ItemResult("sampled", 9, 0))
        store.set_note(audit, "5.1.1.2", BIG)
    assert "nothing was lost" in str(info.value)
    assert snapshot(db_path) == before  # earlier commits kept, nothing of the failed edit
    assert integrity(db_path) == "ok"
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert_usable(store, service, audit)
    store.close()


def _mount_tmpfs(where: Path, size: str) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(where)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.fixture
def tiny_fs() -> Iterator[Path]:
    """A real 2 MB file system (tmpfs), or skip where this machine does not allow mounting."""
    where = Path(tempfile.mkdtemp(prefix="auditor-tinyfs-"))
    if not _mount_tmpfs(where, "2m"):
        where.rmdir()
        pytest.skip("mounting a small tmpfs needs root on Linux")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        shutil.rmtree(where, ignore_errors=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    for chunk in (65536, 512):  # then the last partial block
        with open(filler, "ab", buffering=0) as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * chunk)
    return filler


def test_disk_full_real_enospc(tiny_fs):
    db_path = tiny_fs / "audits.sqlite"
    store, service, audit = seeded(db_path)
    before = snapshot(db_path)
    filler = fill(tiny_fs)
    with pytest.raises(StoreError, match="is full") as info:
        for n in range(1, 40):  # grow until the kernel says ENOSPC
            store.set_note(audit, "5.1.1.2", BIG[: 20_000 * n])
    assert "Traceback" not in str(info.value)
    # what was acknowledged before the fault is all there; the failing note is not
    after = snapshot(db_path)
    assert [r for r in after["item_results"] if r[1] == "5.1.1.1"] == [
        r for r in before["item_results"] if r[1] == "5.1.1.1"
    ]
    notes = [r for r in after["item_results"] if r[1] == "5.1.1.2"]
    trail_notes = [r for r in after["trail"] if r[6] == "5.1.1.2" and r[5] == "note"]
    assert len(notes) == len(trail_notes)  # every stored note has its trail row and vice versa
    assert integrity(db_path) == "ok"
    filler.unlink()  # the auditor frees space; the same open store carries on
    assert_usable(store, service, audit)
    store.close()


def test_backup_on_a_full_disk_fails_cleanly(tiny_fs):
    db_path = tiny_fs / "audits.sqlite"
    store, _service, _audit = seeded(db_path)
    store.close()
    backup.make_backup(db_path)
    fill(tiny_fs)
    with pytest.raises(StoreError, match="cannot write a backup"):
        backup.make_backup(db_path)
    leftovers = [p.name for p in backup.backup_dir(db_path).iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no half-written copy left behind
    assert len(backup.list_backups(db_path)) == 1
    assert backup.check_backup(backup.list_backups(db_path)[0].path) is None


# -- read-only ---------------------------------------------------------------------------
def test_read_only_store_in_session(db_path):
    store, service, audit = seeded(db_path)
    before = snapshot(db_path)
    store.db.conn.execute("PRAGMA query_only = 1")  # the medium turned read-only under us
    with pytest.raises(StoreError, match="cannot be written") as info, store.transaction():
        service.record(audit, "5.1.1.2", ItemResult("conform"))
        store.set_note(audit, "5.1.1.2", "lost?")
    assert "nothing was changed" in str(info.value)
    assert snapshot(db_path) == before
    store.db.conn.execute("PRAGMA query_only = 0")
    assert_usable(store, service, audit)
    store.close()


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user may enter (pytest's tmp_path is root-only)."""
    where = Path(tempfile.mkdtemp(prefix="auditor-ro-"))
    os.chmod(where, 0o755)
    try:
        yield where
    finally:
        for path in [where, *where.rglob("*")]:
            with contextlib.suppress(OSError):
                os.chmod(path, 0o700)
        shutil.rmtree(where, ignore_errors=True)


def unprivileged(fn: Callable[..., Any], *args: Any) -> Any:
    """Run `fn` where permission bits apply: as is for a normal user, as `nobody` for root.

    The child is forked after every module is imported, so it needs no access to the
    interpreter's files, only to the test folder.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:  # Windows, or not root
        return fn(*args)
    if not hasattr(os, "fork"):
        pytest.skip("needs fork to drop root privileges")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as exc:
            result = ("error", f"{type(exc).__name__}: {exc}")
        with os.fdopen(write, "wb") as fh:
            pickle.dump(result, fh)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)
    if status != "ok":
        raise AssertionError(f"unprivileged child failed: {value}")
    return value


def make_read_only_case(folder: Path, case: str) -> Path:
    """A seeded database, closed, then made read-only as `case` says; owned by `nobody`."""
    db_path = folder / "audits.sqlite"
    store, _service, _audit = seeded(db_path)
    store.close()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        for path in [folder, *folder.iterdir()]:
            os.chown(path, NOBODY, NOBODY)
    if case == "file":
        if under_wine():
            pytest.skip(
                "under Wine the read-only attribute becomes Unix write bits, which root (CI) "
                "ignores; a real Windows enforces it"
            )
        os.chmod(db_path, 0o444)  # on Windows: the read-only attribute
    else:
        if os.name == "nt":
            pytest.skip("Windows ignores the read-only attribute on folders (files stay writable)")
        os.chmod(folder, 0o555)
    return db_path


def try_open_and_edit(db_path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    health = backup.check_database(db_path)
    out["health"] = (health.status, health.message, health.backup)
    try:
        with AuditStore(db_path) as store:
            store.set_note(1, "5.1.1.2", "edit on read-only storage")
        out["open"] = None
    except Exception as exc:
        out["open"] = (
            type(exc).__name__,
            isinstance(exc, StoreError),
            isinstance(exc, CorruptDatabaseError),
            str(exc),
        )
    return out


@pytest.mark.parametrize("case", ["file", "folder"])
def test_read_only_permissions_give_a_clear_message_and_keep_the_data(shared_dir, case):
    db_path = make_read_only_case(shared_dir, case)
    before = snapshot(db_path)
    out = unprivileged(try_open_and_edit, db_path)
    status, message, offered = out["health"]
    assert status == "readonly", message
    assert "cannot be written" in message and offered is None  # no restore offered for this
    assert out["open"] is not None and out["open"][1], out  # refused as a StoreError
    os.chmod(db_path, 0o644)
    os.chmod(shared_dir, 0o755)
    assert snapshot(db_path) == before  # nothing lost, nothing half-written
    assert integrity(db_path) == "ok"


def test_read_only_file_refuses_the_edit_with_a_clear_message(shared_dir):
    db_path = make_read_only_case(shared_dir, "file")
    out = unprivileged(try_open_and_edit, db_path)
    _name, is_store_error, is_corrupt, message = out["open"]
    assert is_store_error and not is_corrupt, message
    assert "cannot be written" in message and "nothing was changed" in message


def test_read_only_folder_open_is_not_reported_as_corrupt(shared_dir):
    db_path = make_read_only_case(shared_dir, "folder")
    out = unprivileged(try_open_and_edit, db_path)
    _name, is_store_error, is_corrupt, message = out["open"]
    assert is_store_error and not is_corrupt, message
    assert "restore a backup" not in message


@pytest.fixture
def read_only_fs() -> Iterator[Path]:
    where = Path(tempfile.mkdtemp(prefix="auditor-rofs-"))
    if not _mount_tmpfs(where, "8m"):
        where.rmdir()
        pytest.skip("mounting a tmpfs needs root on Linux")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        shutil.rmtree(where, ignore_errors=True)


def test_read_only_file_system(read_only_fs):
    db_path = read_only_fs / "audits.sqlite"
    store, _service, _audit = seeded(db_path)
    store.close()
    before = snapshot(db_path)
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_fs)], check=True)
    health = backup.check_database(db_path)
    assert health.status == "readonly" and "cannot be written" in health.message
    assert health.backup is None
    with pytest.raises(StoreError):
        AuditStore(db_path)
    subprocess.run(["mount", "-o", "remount,rw", str(read_only_fs)], check=True)
    assert snapshot(db_path) == before


def test_read_only_file_system_open_is_not_reported_as_corrupt(read_only_fs):
    db_path = read_only_fs / "audits.sqlite"
    store, _service, _audit = seeded(db_path)
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_fs)], check=True)
    with pytest.raises(StoreError) as info:
        AuditStore(db_path)
    assert not isinstance(info.value, CorruptDatabaseError), str(info.value)


# -- locked by another process -----------------------------------------------------------
HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT OR REPLACE INTO settings VALUES ('holder', 'was here')")
print("locked", flush=True)
if sys.argv[2] == "stdin":
    sys.stdin.read()
else:
    time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


@contextlib.contextmanager
def held_lock(db_path: Path, hold: str = "stdin") -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), hold],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        encoding="utf-8",
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        proc.communicate(timeout=30)  # closes stdin (releasing the lock) and stdout


def test_locked_by_another_process(db_path):
    store, service, audit = seeded(db_path)
    store.db.conn.execute("PRAGMA busy_timeout = 300")  # the app waits 5 s; the test less
    before = snapshot(db_path)
    with held_lock(db_path):
        with (
            pytest.raises(StoreError, match="in use by another program") as info,
            store.transaction(),
        ):
            service.record(audit, "5.1.1.2", ItemResult("conform"))
            store.set_note(audit, "5.1.1.2", "while locked")
        assert "nothing was changed" in str(info.value)
        assert store.results(audit)["5.1.1.1"].kind == "conform"  # reading still works
    after = snapshot(db_path)
    assert after["item_results"] == before["item_results"]
    assert after["trail"] == before["trail"]
    assert ("holder", "was here") in after["settings"]  # the other program's commit stands
    assert_usable(store, service, audit)
    store.close()


def test_cli_reports_a_locked_database_in_one_line(db_path):
    store, _service, audit = seeded(db_path)
    store.close()
    with held_lock(db_path):
        started = time.perf_counter()
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "auditor_app",
                "score",
                "set",
                "--db",
                str(db_path),
                "--audit",
                str(audit),
                "5.1.1.2",
                "--conform",
            ],
            capture_output=True,
            encoding="utf-8",
            cwd=REPO,
            timeout=60,
        )
        elapsed = time.perf_counter() - started
    assert out.returncode == 1 and "saved" not in out.stdout
    assert "in use by another program" in out.stderr and "Traceback" not in out.stderr
    assert elapsed < 30
    conn = sqlite3.connect(db_path)
    assert (
        conn.execute("SELECT COUNT(*) FROM item_results WHERE item_id = '5.1.1.2'").fetchone()[0]
        == 0
    )
    conn.close()


def test_a_short_lock_by_another_process_is_waited_for(db_path):
    store, service, audit = seeded(db_path)
    with held_lock(db_path, hold="0.5"):
        service.record(audit, "5.1.1.2", ItemResult("conform"))  # should wait ≤ 5 s
    assert store.results(audit)["5.1.1.2"].kind == "conform"
    store.close()
