"""Power-cut simulation: keep a copy of each SQLite file as it was at its last fsync.

A pure-Python SQLite VFS shim (ctypes, no LD_PRELOAD, no kernel module): it copies the
process's default VFS, replaces `xOpen` so that every file SQLite opens gets a copy of its
method table whose `xSync` first calls the real one and then copies the file into a "durable"
folder (write to a temporary name, then rename, so a kill mid-copy leaves the previous copy).
`xDelete` removes the durable copy too (SQLite deletes a WAL only after checkpointing it into
the synced main file). The shim is registered as the default VFS, so every `sqlite3.connect`
made afterwards in this process goes through it.

After the process ends at any moment, the durable folder holds each file exactly as a disk
that dropped every write not yet fsynced would hold it: the pessimistic outcome of a power
cut. Opening that copy shows whether acknowledged edits depend on writes SQLite never made
durable, which is what `synchronous=OFF` (or NORMAL with WAL) does.

What it does not model: a disk or controller that lies about fsync, torn sector writes,
reordering of writes within one fsync interval (SQLite's WAL checksums cover those), or the
directory entry of a new file being lost (the copy is taken as if the name were durable too).

The shim needs the C library the `sqlite3` module itself uses: on Linux and macOS the symbols
are found through the `_sqlite3` extension's own dependencies, on Windows in the `sqlite3.dll`
next to it. `available()` says why not when they cannot be found.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from pathlib import Path

SQLITE_OK = 0


class _Vfs(ctypes.Structure):
    _fields_ = [
        ("iVersion", ctypes.c_int),
        ("szOsFile", ctypes.c_int),
        ("mxPathname", ctypes.c_int),
        ("pNext", ctypes.c_void_p),
        ("zName", ctypes.c_char_p),
        ("pAppData", ctypes.c_void_p),
        ("xOpen", ctypes.c_void_p),
        ("xDelete", ctypes.c_void_p),
        # the rest (xAccess … xNextSystemCall) is copied as it is
        ("rest", ctypes.c_void_p * 14),
    ]


class _IoMethods(ctypes.Structure):
    _fields_ = [
        ("iVersion", ctypes.c_int),
        ("xClose", ctypes.c_void_p),
        ("xRead", ctypes.c_void_p),
        ("xWrite", ctypes.c_void_p),
        ("xTruncate", ctypes.c_void_p),
        ("xSync", ctypes.c_void_p),
        ("rest", ctypes.c_void_p * 13),  # xFileSize … xUnfetch
    ]


class _File(ctypes.Structure):
    _fields_ = [("pMethods", ctypes.POINTER(_IoMethods))]


# File names are passed as raw pointers, never as c_char_p: SQLite keeps the pointer it was
# given (the -wal and -shm names and URI parameters live in the same block after it), so a
# copy made by ctypes would leave it pointing at freed memory.
_OPEN = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_DELETE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_SYNC = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int)


def _library() -> ctypes.CDLL | None:
    import _sqlite3

    module = Path(_sqlite3.__file__)
    candidates = [module]
    if sys.platform == "win32":
        candidates = [module.parent / "sqlite3.dll", Path(sys.base_prefix) / "DLLs" / "sqlite3.dll"]
    for path in candidates:
        try:
            lib = ctypes.CDLL(str(path))
            lib.sqlite3_vfs_find  # noqa: B018 - raises AttributeError when not exported
            return lib
        except (OSError, AttributeError):
            continue
    return None


def available() -> str | None:
    """None when the shim can be installed here, else the reason it cannot."""
    if _library() is None:
        return "the SQLite library used by Python's sqlite3 module does not export its C API"
    return None


class PowerCut:
    """Installed once per process; `durable` receives the fsynced copies."""

    def __init__(self, durable: Path) -> None:
        self.durable = Path(durable)
        self.durable.mkdir(parents=True, exist_ok=True)
        self.syncs = 0
        lib = _library()
        if lib is None:
            raise RuntimeError(available())
        lib.sqlite3_vfs_find.restype = ctypes.POINTER(_Vfs)
        lib.sqlite3_vfs_find.argtypes = [ctypes.c_char_p]
        lib.sqlite3_vfs_register.argtypes = [ctypes.POINTER(_Vfs), ctypes.c_int]
        self._real = lib.sqlite3_vfs_find(None)
        real = self._real.contents
        self._real_open = _OPEN(real.xOpen)
        self._real_delete = _DELETE(real.xDelete)
        self._vfs = _Vfs()
        ctypes.pointer(self._vfs)[0] = real  # copy every field, then replace three
        self._name = ctypes.c_char_p(b"powercut")
        self._vfs.zName = self._name
        self._open_cb = _OPEN(self._open)
        self._delete_cb = _DELETE(self._delete)
        self._sync_cb = _SYNC(self._sync)
        self._vfs.xOpen = ctypes.cast(self._open_cb, ctypes.c_void_p).value
        self._vfs.xDelete = ctypes.cast(self._delete_cb, ctypes.c_void_p).value
        # one patched method table per real one (main file, WAL, journal share tables)
        self._tables: dict[int, tuple[_IoMethods, _SYNC]] = {}
        self._names: dict[int, str] = {}  # sqlite3_file address → path
        rc = lib.sqlite3_vfs_register(ctypes.pointer(self._vfs), 1)
        if rc != SQLITE_OK:
            raise RuntimeError(f"sqlite3_vfs_register failed ({rc})")

    # -- the callbacks (exceptions must not cross into C: any failure is a failed call) --
    def _open(self, vfs, name, file, flags, out_flags):  # type: ignore[no-untyped-def]
        rc = self._real_open(ctypes.cast(self._real, ctypes.c_void_p), name, file, flags, out_flags)
        try:
            handle = ctypes.cast(file, ctypes.POINTER(_File)).contents
            if rc == SQLITE_OK and handle.pMethods and name:
                real_table = ctypes.addressof(handle.pMethods.contents)
                if real_table not in self._tables:
                    table = _IoMethods()
                    ctypes.pointer(table)[0] = handle.pMethods.contents
                    table.xSync = ctypes.cast(self._sync_cb, ctypes.c_void_p).value
                    self._tables[real_table] = (table, _SYNC(handle.pMethods.contents.xSync))
                    self._tables[ctypes.addressof(table)] = self._tables[real_table]
                handle.pMethods = ctypes.pointer(self._tables[real_table][0])
                self._names[file] = os.fsdecode(ctypes.string_at(name))
        except Exception:  # never raise into SQLite
            return 10  # SQLITE_IOERR
        return rc

    def _sync(self, file, flags):  # type: ignore[no-untyped-def]
        handle = ctypes.cast(file, ctypes.POINTER(_File)).contents
        real_sync = self._tables[ctypes.addressof(handle.pMethods.contents)][1]
        rc = real_sync(file, flags)
        if rc == SQLITE_OK:
            try:
                self._keep(Path(self._names[file]))
            except Exception:
                return 10
        return rc

    def _delete(self, vfs, name, sync_dir):  # type: ignore[no-untyped-def]
        rc = self._real_delete(ctypes.cast(self._real, ctypes.c_void_p), name, sync_dir)
        if rc == SQLITE_OK and name:
            gone = Path(os.fsdecode(ctypes.string_at(name))).name
            (self.durable / gone).unlink(missing_ok=True)
        return rc

    def _keep(self, path: Path) -> None:
        self.syncs += 1
        target = self.durable / path.name
        tmp = self.durable / f".{path.name}.copying"
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)


def durable_copy(durable: Path, db_name: str, into: Path) -> Path:
    """The database as the disk would hold it after the cut: main file plus synced WAL."""
    into.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = durable / f"{db_name}{suffix}"
        if source.exists():
            shutil.copyfile(source, into / f"{db_name}{suffix}")
    return into / db_name
