"""Crash harness: kill real editing processes with SIGKILL and prove no acknowledged edit is lost.

    .venv/bin/python benchmarks/crash_harness.py --trials 300

Each trial starts a real process that edits the audit and kills it with SIGKILL at a random
moment: during start-up, while opening the database (WAL recovery after the previous kill),
inside a transaction, between COMMIT and the acknowledgement, or while printing it. Two kinds
of process are used:

* a driver (this file with `--driver`) that performs `score set`-style edits in a loop through
  the same service calls as the command line (result and note in one transaction) and prints
  `saved <seq> <item> <n> <k>` after each COMMIT returned, flushing;
* the real command line, `python -m auditor_app score set --db … --audit … ITEM --sampled N
  --nonconforming K --note "edit SEQ"`, run one edit per process (every fifth trial by
  default), acknowledged by its `saved` line.

After each kill the harness checks, in a fresh process state: `PRAGMA integrity_check` is ok;
the store opens normally and scores the audit; every item holds its last acknowledged edit (or
a later edit that committed but was killed before it could say so, which is allowed); the
result and the note of each edit were written together; every acknowledged edit has its trail
entry. It prints trials, acknowledged edits, lost edits (must be 0) and integrity failures, and
exits 1 if anything was lost or damaged.

What this does not prove: SIGKILL stops the process, not the machine, so the operating
system's page cache survives. Durability across a power cut rests on synchronous=FULL (fsync
at every COMMIT), which is SQLite's documented guarantee, not something measured here.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_NOTE_RE = re.compile(r"^edit (\d+)$")


@dataclass
class Summary:
    trials: int = 0
    driver_trials: int = 0
    cli_trials: int = 0
    acknowledged: int = 0
    lost: int = 0
    torn: int = 0  # result and note of one edit not written together
    missing_trail: int = 0
    integrity_failures: int = 0
    open_failures: int = 0
    killed_starting: int = 0  # kills before the driver had opened the database
    killed_in_flight: int = 0  # kills that landed between "try" and "saved"
    committed_unacknowledged: int = 0  # allowed: COMMIT done, killed before printing
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.torn
            or self.missing_trail
            or self.integrity_failures
            or self.open_failures
        )

    def lines(self) -> list[str]:
        return [
            f"trials:                     {self.trials} ({self.driver_trials} driver, "
            f"{self.cli_trials} command line), each ended by SIGKILL",
            f"acknowledged edits:         {self.acknowledged}",
            f"lost edits:                 {self.lost}",
            f"half-written edits:         {self.torn}",
            f"missing trail entries:      {self.missing_trail}",
            f"integrity failures:         {self.integrity_failures}",
            f"open/score failures:        {self.open_failures}",
            f"kills during start-up:      {self.killed_starting}",
            f"kills with an edit in flight: {self.killed_in_flight}",
            f"committed, not acknowledged: {self.committed_unacknowledged} (allowed)",
            f"elapsed:                    {self.seconds:.1f} s",
        ]


# -- the editing process -------------------------------------------------------------------
def driver(db: str, audit: int, seed: int, first_seq: int, lie: bool = False) -> None:
    """Edit in a loop until killed; one line per edit before and after its COMMIT.

    `lie` acknowledges before committing: a deliberately broken driver that the harness's
    own test uses to show that it does detect lost edits.
    """
    from auditor_app.core.results import ItemResult
    from auditor_app.services.audits import AuditService
    from auditor_app.store.audit_store import AuditStore

    store = AuditStore(db)
    service = AuditService(store)
    items = proportional_items(service, audit)
    rng = random.Random(seed)
    print("ready", flush=True)
    seq = first_seq
    while True:
        item = rng.choice(items)
        n = rng.randint(1, 500)
        k = rng.randint(0, n)
        print(f"try {seq} {item} {n} {k}", flush=True)
        if lie:
            print(f"saved {seq} {item} {n} {k}", flush=True)
        with store.transaction():  # the same pair of calls as `score set` makes
            service.record(audit, item, ItemResult("sampled", n, k))
            store.set_note(audit, item, f"edit {seq}")
        if not lie:
            print(f"saved {seq} {item} {n} {k}", flush=True)  # only after COMMIT returned
        seq += 1


def proportional_items(service, audit: int) -> list[str]:  # type: ignore[no-untyped-def]
    scheme = service.scheme(audit)
    return [it.id for it in scheme.items if it.judged == "proportional"]


# -- the harness ---------------------------------------------------------------------------
class Harness:
    def __init__(
        self,
        workdir: Path,
        seed: int,
        cli_every: int = 5,
        max_delay: float = 0.4,
        lie: bool = False,
    ) -> None:
        self.lie = lie
        self.db = workdir / "crash.sqlite"
        self.rng = random.Random(seed)
        self.cli_every = cli_every
        self.max_delay = max_delay
        self.summary = Summary()
        self.acked: dict[str, int] = {}  # item → seq of its last acknowledged edit
        self.tried: dict[int, tuple[str, int, int]] = {}  # seq → (item, n, k)
        self.acked_seqs: set[int] = set()
        self.next_seq = 1
        self.trail_seen = 0
        self.trail_notes: set[int] = set()
        self.audit, self.items = self._setup()

    def _setup(self) -> tuple[int, list[str]]:
        from auditor_app.services.audits import AuditService, ClientInfo
        from auditor_app.store.audit_store import AuditStore

        with AuditStore(self.db, actor="crash-harness") as store:
            service = AuditService(store)
            audit = service.create_audit(ClientInfo("崩溃测试客户"), "initial")
            return audit, proportional_items(service, audit)

    def run(self, trials: int, progress: bool = False) -> Summary:
        start = time.perf_counter()
        for trial in range(trials):
            use_cli = self.cli_every > 0 and trial % self.cli_every == self.cli_every - 1
            if use_cli:
                self._cli_trial()
            else:
                self._driver_trial()
            self._verify(trial)
            if progress and (trial + 1) % 25 == 0:
                print(
                    f"  {trial + 1} trials, {self.summary.acknowledged} acknowledged, "
                    f"{self.summary.lost} lost",
                    flush=True,
                )
        self.summary.trials = trials
        self.summary.seconds = time.perf_counter() - start
        return self.summary

    def _driver_trial(self) -> None:
        self.summary.driver_trials += 1
        seed = self.rng.randrange(2**32)
        proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--driver",
                str(self.db),
                str(self.audit),
                str(seed),
                str(self.next_seq),
                *(["--lie"] if self.lie else []),
            ],
            # unbuffered: a buffered readline() below would hide lines from communicate()
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
            bufsize=0,
        )
        head = b""
        if self.rng.random() < 0.2:
            # a kill at any moment of start-up: importing, opening, WAL recovery, migrating
            time.sleep(self.rng.uniform(0, self.max_delay))
        else:
            assert proc.stdout is not None
            head = proc.stdout.readline()  # "ready": the store is open, edits begin now
            time.sleep(self.rng.uniform(0, self.max_delay))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        out = head + out
        if proc.returncode != -signal.SIGKILL:  # it died by itself: that is a failure too
            self.summary.problems.append(f"driver exited {proc.returncode}: {err.decode()}")
            self.summary.open_failures += 1
        self._read_lines(out.decode("utf-8", "replace"))

    def _cli_trial(self) -> None:
        """Sequential `score set` processes; the one running at a random deadline is killed."""
        self.summary.cli_trials += 1
        deadline = time.perf_counter() + self.rng.uniform(0, 4 * self.max_delay)
        while True:
            seq = self.next_seq
            item = self.rng.choice(self.items)
            n = self.rng.randint(1, 500)
            k = self.rng.randint(0, n)
            self.tried[seq] = (item, n, k)
            self.next_seq += 1
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "auditor_app",
                    "score",
                    "set",
                    "--db",
                    str(self.db),
                    "--audit",
                    str(self.audit),
                    item,
                    "--sampled",
                    str(n),
                    "--nonconforming",
                    str(k),
                    "--note",
                    f"edit {seq}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=REPO,
            )
            try:
                out, err = proc.communicate(timeout=max(deadline - time.perf_counter(), 0))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                out, err = proc.communicate()
                if b"saved" in out:
                    self._ack(seq, item)
                else:
                    self.summary.killed_in_flight += 1
                return
            if proc.returncode != 0 or b"saved" not in out:
                self.summary.problems.append(f"score set exited {proc.returncode}: {err.decode()}")
                self.summary.open_failures += 1
                return
            self._ack(seq, item)

    def _read_lines(self, text: str) -> None:
        last_try: int | None = None
        if "ready" not in text:
            self.summary.killed_starting += 1
        for line in text.splitlines():
            parts = line.split()
            if len(parts) != 5 or parts[0] not in ("try", "saved"):
                continue  # "ready", or a line cut short by the kill
            seq, item, n, k = int(parts[1]), parts[2], int(parts[3]), int(parts[4])
            self.next_seq = max(self.next_seq, seq + 1)
            if parts[0] == "try":
                self.tried[seq] = (item, n, k)
                last_try = seq
            else:
                self._ack(seq, item)
                last_try = None if not self.lie else last_try
        if last_try is not None:
            self.summary.killed_in_flight += 1

    def _ack(self, seq: int, item: str) -> None:
        self.summary.acknowledged += 1
        self.acked[item] = max(self.acked.get(item, 0), seq)
        self.acked_seqs.add(seq)

    def _verify(self, trial: int) -> None:
        s = self.summary
        conn = sqlite3.connect(self.db)
        try:
            check = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                s.integrity_failures += 1
                s.problems.append(f"trial {trial}: integrity_check {check[:3]}")
                return
            rows = conn.execute(
                "SELECT item_id, sampled, nonconforming, note FROM item_results WHERE audit_id = ?",
                (self.audit,),
            ).fetchall()
            trail = conn.execute(
                "SELECT id, new FROM trail WHERE entity = 'note' AND id > ?", (self.trail_seen,)
            ).fetchall()
        finally:
            conn.close()
        for trail_id, new in trail:
            self.trail_seen = max(self.trail_seen, trail_id)
            match = re.search(r"edit (\d+)", new or "")
            if match:
                self.trail_notes.add(int(match.group(1)))
        current = {item: (n, k, note) for item, n, k, note in rows}
        for item, acked_seq in self.acked.items():
            n, k, note = current.get(item, (None, None, ""))
            match = _NOTE_RE.match(note or "")
            seq = int(match.group(1)) if match else -1
            if seq < acked_seq:
                s.lost += 1
                s.problems.append(
                    f"trial {trial}: {item} holds edit {seq}, acknowledged {acked_seq}"
                )
                self.acked[item] = max(seq, 0)  # count each loss once
                continue
            if self.tried.get(seq) != (item, n, k):
                s.torn += 1
                s.problems.append(f"trial {trial}: {item} note of edit {seq} but values {n}/{k}")
            if seq > acked_seq and seq not in self.acked_seqs:
                s.committed_unacknowledged += 1
                self.acked[item] = seq  # from now on this committed edit must stay
                self.acked_seqs.add(seq)
        missing = self.acked_seqs - self.trail_notes
        if missing:
            s.missing_trail += len(missing)
            s.problems.append(f"trial {trial}: no trail entry for edits {sorted(missing)[:5]}")
            self.trail_notes |= missing
        self._open_and_score(trial)

    def _open_and_score(self, trial: int) -> None:
        from auditor_app.services.audits import AuditService
        from auditor_app.store.audit_store import AuditStore

        try:
            with AuditStore(self.db) as store:
                score = AuditService(store).score(self.audit)
                assert score.item_count == len(store.audit_scheme(self.audit).items)
        except Exception as exc:  # any failure to open is what this harness looks for
            self.summary.open_failures += 1
            self.summary.problems.append(f"trial {trial}: store did not open: {exc!r}")


def run_harness(
    trials: int,
    seed: int = 1,
    workdir: Path | None = None,
    cli_every: int = 5,
    max_delay: float = 0.4,
    progress: bool = False,
    lie: bool = False,
) -> Summary:
    if workdir is not None:
        return Harness(Path(workdir), seed, cli_every, max_delay, lie).run(trials, progress)
    with tempfile.TemporaryDirectory(prefix="crash-harness-") as tmp:
        return Harness(Path(tmp), seed, cli_every, max_delay, lie).run(trials, progress)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument(
        "--cli-every",
        type=int,
        default=5,
        help="every Nth trial runs the real command line (0: never)",
    )
    parser.add_argument(
        "--max-delay",
        type=float,
        default=0.4,
        help="kill within this many seconds (of the start, or of the first edit)",
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the database")
    parser.add_argument("--driver", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--lie", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.driver:
        db, audit, seed, first = args.driver
        driver(db, int(audit), int(seed), int(first), args.lie)
        return 0
    print(f"crash harness: {args.trials} trials, seed {args.seed}", flush=True)
    workdir = Path(args.keep) if args.keep else None
    if workdir:
        workdir.mkdir(parents=True, exist_ok=True)
    summary = run_harness(
        args.trials, args.seed, workdir, args.cli_every, args.max_delay, progress=True
    )
    for line in summary.lines():
        print(line)
    for problem in summary.problems[:20]:
        print(f"  problem: {problem}")
    print("RESULT:", "PASS" if summary.ok else "FAIL")
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))  # run from a checkout without installing
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
