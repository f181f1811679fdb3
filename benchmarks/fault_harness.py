"""Fault harness: ends the app at exact points around its commits and after a power cut.

    .venv/bin/python benchmarks/fault_harness.py            # the self-check, one table

`crash_harness.py` kills at random moments, which mostly land during Python's start-up. This
harness places the faults where losses happen:

* **before-commit:N / after-commit:N** — the store's test hook (`AUDITOR_APP_FAULT`, see
  `auditor_app/store/faults.py`) ends the process right before or right after its N-th COMMIT.
  `interrupt_each_commit` runs one command once per point and checks each outcome: the file
  passes `integrity_check`, the app opens it, and its state is exactly the state before that
  commit (before-commit) or after it (after-commit), never something in between.
  Tests run it over `score set`, `package import`, `package merge`, `report --key` (sign and
  lock), `backup create` and `backup restore` (the backup hook points sit before their renames).
* **after-ack** — the process ends the instant it has printed its `saved` acknowledgement (a
  wrapper around stdout in this launcher): the acknowledged edit must be in the file.
* **power cut** — `powercut_vfs.py` keeps each SQLite file as of its last fsync; the copy is
  opened after the run and every acknowledged edit must be in it.

Two deliberately broken builds (`--break`) show that a pass means something:
`ack-early` commits only when the store is closed, so `saved` is printed before COMMIT;
`sync-off` opens the database with `synchronous=OFF`, so nothing is ever fsynced. The first is
caught by after-ack, the second by the power cut (and passes every kill test, as it should:
a killed process loses nothing that reached the operating system).

All of it works on Windows: the kills are `os._exit` inside the process or `Popen.kill`, and the
power cut needs only ctypes (it skips, saying why, where the SQLite C API is not exported).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAULT_EXIT = 86  # auditor_app.store.faults.FAULT_EXIT, repeated so the launcher imports nothing
BREAKS = ("ack-early", "sync-off")
_POWERCUT: object = None


# -- inside the app's process ----------------------------------------------------------------
def _break_ack_early() -> None:
    """The lying build: COMMIT waits until the store is closed, after `saved` was printed."""
    from auditor_app.store.audit_store import AuditStore

    close = AuditStore.close

    @contextmanager
    def lazy_atomic(self):  # type: ignore[no-untyped-def]
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")
        yield

    def late_close(self) -> None:  # type: ignore[no-untyped-def]
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")
        close(self)

    AuditStore._atomic = lazy_atomic  # type: ignore[method-assign]
    AuditStore.close = late_close  # type: ignore[method-assign]


def _break_sync_off() -> None:
    """The build without fsync: every connection the store opens runs synchronous=OFF."""
    from auditor_app.store import audit_store

    connect = audit_store.connect

    def unsynced(path):  # type: ignore[no-untyped-def]
        db = connect(path)
        db.conn.execute("PRAGMA synchronous = OFF")
        return db

    audit_store.connect = unsynced  # type: ignore[assignment]


class _DieAfterAck:
    """stdout that ends the process as soon as a `saved` line has been written out."""

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        self._stream = stream
        self._line = ""

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        self._line += text
        if "\n" in self._line:
            lines = self._line.split("\n")
            self._line = lines[-1]
            if any(line.startswith("saved") for line in lines[:-1]):
                self._stream.flush()
                os._exit(FAULT_EXIT)
        return written

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._stream, name)


def launch(argv: Sequence[str]) -> int:
    """`fault_harness.py app [--break B] [--powercut DIR] [--die-after-ack] -- ARGS…`"""
    parser = argparse.ArgumentParser(prog="fault_harness.py app")
    parser.add_argument("--break", dest="breaks", action="append", choices=BREAKS, default=[])
    parser.add_argument("--powercut", type=Path)
    parser.add_argument("--die-after-ack", action="store_true")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)
    args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args
    if opts.powercut:
        from powercut_vfs import PowerCut

        global _POWERCUT  # kept alive: SQLite calls into its callbacks until the process ends
        _POWERCUT = PowerCut(opts.powercut)  # before the app opens any database
    if "ack-early" in opts.breaks:
        _break_ack_early()
    if "sync-off" in opts.breaks:
        _break_sync_off()
    from auditor_app.cli import main as cli

    if opts.die_after_ack:
        make_safe = cli.make_safe

        def safe_then_tripwire() -> None:
            make_safe()
            sys.stdout = _DieAfterAck(sys.stdout)  # type: ignore[assignment]

        cli.make_safe = safe_then_tripwire  # type: ignore[assignment]
    return cli.main(list(args))


# -- the harness -----------------------------------------------------------------------------
def run_app(
    args: Sequence[str],
    *,
    fault: str | None = None,
    breaks: Sequence[str] = (),
    powercut: Path | None = None,
    die_after_ack: bool = False,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(Path(__file__)), "app"]
    for name in breaks:
        command += ["--break", name]
    if powercut is not None:
        command += ["--powercut", str(powercut)]
    if die_after_ack:
        command.append("--die-after-ack")
    child_env = {**os.environ, **(env or {}), "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    child_env.pop("AUDITOR_APP_FAULT", None)
    if fault:
        child_env["AUDITOR_APP_FAULT"] = fault
    return subprocess.run(
        [*command, "--", *args],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=child_env,
        cwd=REPO,
        timeout=300,
    )


def copy_db(source: Path, target: Path) -> None:
    """The database with its WAL, as a kill left it (no checkpoint, no SQLite involved)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    wal = Path(f"{source}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}-wal"))


def state(db: Path) -> dict[str, int]:
    """Rows per table: an interrupted command that left part of its work shows here."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        counts["locked audits"] = _locked(conn)
        return counts
    finally:
        conn.close()


def _locked(conn: sqlite3.Connection) -> int:
    columns = {r[1] for r in conn.execute("PRAGMA table_info(audits)")}
    if "locked" not in columns:
        return 0
    return int(conn.execute("SELECT count(*) FROM audits WHERE locked").fetchone()[0])


def health(db: Path) -> str | None:
    """None when the file is sound and the app opens and lists it, else what went wrong."""
    conn = sqlite3.connect(db)
    try:
        check = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    if check != ["ok"]:
        return f"integrity_check: {check[:3]}"
    listing = run_app(["audit", "list", "--db", str(db)])
    if listing.returncode != 0:
        return f"audit list exited {listing.returncode}: {listing.stderr.strip()[-300:]}"
    return None


@dataclass
class Interruptions:
    command: list[str]
    commits: int = 0  # outermost COMMITs of an uninterrupted run
    kills: int = 0
    problems: list[str] = field(default_factory=list)


def interrupt_each_commit(
    db: Path,
    args: Callable[[Path], list[str]],
    *,
    points: Sequence[str] = ("before-commit", "after-commit"),
    env: dict[str, str] | None = None,
    limit: int = 12,
) -> Interruptions:
    """Run `args(db_copy)` once per fault point; every outcome must be whole and usable.

    The state after a kill before commit N must equal the state after a kill after commit
    N-1 (the untouched database for N = 1); after the last commit it must equal an
    uninterrupted run's.
    """
    work = db.parent / f"{db.stem}-faults"
    work.mkdir(exist_ok=True)
    target = work / db.name
    result = Interruptions(args(target))
    copy_db(db, target)
    states: dict[tuple[str, int], dict[str, int]] = {("after-commit", 0): state(target)}
    clean = run_app(args(target), env=env)
    if clean.returncode != 0:
        result.problems.append(f"uninterrupted run exited {clean.returncode}: {clean.stderr}")
        return result
    final = state(target)
    for point in points:
        for n in range(1, limit + 1):
            copy_db(db, target)
            proc = run_app(args(target), fault=f"{point}:{n}", env=env)
            if proc.returncode != FAULT_EXIT:
                if proc.returncode != 0:
                    result.problems.append(f"{point}:{n} exited {proc.returncode}: {proc.stderr}")
                break
            result.kills += 1
            if point == "after-commit":
                result.commits = max(result.commits, n)
            problem = health(target)
            if problem:
                result.problems.append(f"{point}:{n}: {problem}")
                continue
            states[(point, n)] = state(target)
    for (point, n), seen in states.items():
        if point != "before-commit":
            continue
        expected = states.get(("after-commit", n - 1))
        if expected is not None and seen != expected:
            result.problems.append(f"before-commit:{n} left {_diff(expected, seen)}")
    last = states.get(("after-commit", result.commits))
    if result.commits and last is not None and last != final:
        result.problems.append(f"after the last commit: {_diff(final, last)}")
    return result


def _diff(expected: dict[str, int], seen: dict[str, int]) -> str:
    keys = sorted(set(expected) | set(seen))
    changed = [
        f"{k} {expected.get(k)}→{seen.get(k)}" for k in keys if expected.get(k) != seen.get(k)
    ]
    return ", ".join(changed) or "no difference"


# -- acknowledged edits: after-ack kills and power cuts ------------------------------------
@dataclass
class Acks:
    acknowledged: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)


def score_edits(db: Path, audit: int, count: int) -> list[tuple[str, str]]:
    """`count` (item, note) pairs for `score set`, one proportional item after another."""
    from auditor_app.services.audits import AuditService
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db) as store:
        scheme = AuditService(store).scheme(audit)
        items = [it.id for it in scheme.items if it.judged == "proportional"]
    return [(items[i % len(items)], f"fault edit {i}") for i in range(count)]


def _set_args(db: Path, audit: int, item: str, note: str, i: int) -> list[str]:
    n = 10 + i
    return [
        "score", "set", "--db", str(db), "--audit", str(audit), item,
        "--sampled", str(n), "--nonconforming", str(i % n), "--note", note,
    ]  # fmt: skip


def notes(db: Path, audit: int) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT item_id, note FROM item_results WHERE audit_id = ?", (audit,)
        ).fetchall()
    finally:
        conn.close()
    return {item: note or "" for item, note in rows}


def kill_after_each_ack(db: Path, audit: int, edits: int = 6, breaks: Sequence[str] = ()) -> Acks:
    """One `score set` per process, ended the instant it says `saved`; is the edit there?"""
    result = Acks()
    for i, (item, note) in enumerate(score_edits(db, audit, edits)):
        proc = run_app(_set_args(db, audit, item, note, i), breaks=breaks, die_after_ack=True)
        if proc.returncode != FAULT_EXIT:
            result.problems.append(f"edit {i}: exited {proc.returncode}: {proc.stderr.strip()}")
            continue
        result.acknowledged += 1
        if notes(db, audit).get(item) != note:
            result.lost += 1
            result.problems.append(f"edit {i} ({item}) acknowledged, not in the database")
    return result


def power_cut_after_acks(db: Path, audit: int, edits: int = 4, breaks: Sequence[str] = ()) -> Acks:
    """`score set` processes under the power-cut shim, then the cut: which acks survive?"""
    durable = db.parent / "durable"
    shutil.rmtree(durable, ignore_errors=True)
    durable.mkdir()
    # the starting point is on disk: made by a store that closed normally (synced at close)
    shutil.copyfile(db, durable / db.name)
    result = Acks()
    acked: dict[str, str] = {}
    for i, (item, note) in enumerate(score_edits(db, audit, edits)):
        proc = run_app(_set_args(db, audit, item, note, i), breaks=breaks, powercut=durable)
        if proc.returncode != 0 or "saved" not in proc.stdout:
            result.problems.append(f"edit {i}: exited {proc.returncode}: {proc.stderr.strip()}")
            continue
        result.acknowledged += 1
        acked[item] = note
    from powercut_vfs import durable_copy

    after = durable_copy(durable, db.name, db.parent / "after-the-cut")
    problem = health(after)
    if problem:
        result.problems.append(f"after the cut: {problem}")
        result.lost = len(acked)
        return result
    survived = notes(after, audit)
    for item, note in acked.items():
        if survived.get(item) != note:
            result.lost += 1
            result.problems.append(
                f"{item}: acknowledged {note!r}, after the cut {survived.get(item)!r}"
            )
    return result


def seed_audit(db: Path) -> int:
    from auditor_app.services.audits import AuditService, ClientInfo
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db, actor="fault-harness") as store:
        return AuditService(store).create_audit(ClientInfo("故障测试客户"), "initial")


def self_check(folder: Path) -> list[tuple[str, str, bool]]:
    """(test, build, caught a loss?) for the honest and the broken builds."""
    rows = []
    for build in ((), ("ack-early",), ("sync-off",)):
        name = build[0] if build else "honest"
        for test, run in (("after-ack", kill_after_each_ack), ("power cut", power_cut_after_acks)):
            where = folder / f"{name}-{test.replace(' ', '-')}"
            where.mkdir(parents=True)
            db = where / "faults.sqlite"
            audit = seed_audit(db)
            outcome = run(db, audit, breaks=build)
            rows.append((test, name, bool(outcome.lost or outcome.problems)))
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["app"]:
        return launch(argv[1:])
    from powercut_vfs import available

    reason = available()
    if reason:
        print(f"power cut simulation unavailable: {reason}")
    with tempfile.TemporaryDirectory(prefix="fault-harness-") as tmp:
        rows = self_check(Path(tmp))
    ok = True
    for test, build, caught in rows:
        expected = (build == "ack-early" and test == "after-ack") or (
            build == "sync-off" and test == "power cut"
        )
        ok &= caught == expected
        print(f"{test:10} {build:10} {'LOSS FOUND' if caught else 'no loss':10}"
              f" {'(expected)' if caught == expected else '(WRONG)'}")  # fmt: skip
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
