"""Startup time: launch → interactive main window, with 50 audits in the database.

Each run starts `python -m auditor_app run` in a fresh process (nothing warm but the OS file
cache) with `AUDITOR_APP_STARTUP_PROBE` set: the app writes the wall-clock time once its main
window is shown and the event loop has gone idle twice, then quits. Measured: the time from
just before the process is spawned to that moment. Two cases:

- home: a first start (no remembered place) showing the Audits list with scores and levels;
- reopen: the remembered audit reopened on its scoring tab and item.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_startup.py [--runs 7] [--audits 50]

Goal (issue 3): ≤ 1.5 s on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_S = 1.5
REPO = Path(__file__).resolve().parent.parent
CLIENTS = ["杭州", "宁波", "温州", "苏州", "南京", "上海", "北京", "广州", "深圳", "成都"]
TYPES = ["initial", "surveillance", "surveillance", "recertification"]


def build_database(path: Path, audits: int) -> None:
    """`audits` fully scored demo audits with varied clients, types and dates."""
    sys.path.insert(0, str(REPO))
    from auditor_app.services.demo import create_demo
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(path, actor="bench") as store:
        for n in range(audits):
            audit_id = create_demo(store)
            audit = store.audit(audit_id)
            store.update_organisation(
                audit["org_id"],
                audit_id,
                name=f"{CLIENTS[n % len(CLIENTS)]}第{n + 1}家电服务有限公司",
            )
            store.update_audit(
                audit_id,
                audit_type=TYPES[n % len(TYPES)],
                start_date=f"202{4 + n % 3}-{1 + n % 12:02d}-{1 + n % 27:02d}",
                report_number=f"BENCH-{n + 1:03d}",
            )


def remember_place(db: Path, env: dict[str, str], audit_id: int, item: str) -> None:
    """Write the QSettings place the app restores (in a child process using that config)."""
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from auditor_app.ui import session\n"
        "from auditor_app.ui.app import APPLICATION, ORGANISATION\n"
        "QCoreApplication.setOrganizationName(ORGANISATION)\n"
        "QCoreApplication.setApplicationName(APPLICATION)\n"
        f"session.set_last_place(session.Place({str(db)!r}, {audit_id}, 1, {item!r}))\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, check=True, timeout=60)


def launch(db: Path, env: dict[str, str], probe: Path) -> float:
    probe.unlink(missing_ok=True)
    command = [sys.executable, "-m", "auditor_app", "run", "--db", str(db), "--no-demo"]
    started = time.time()
    proc = subprocess.run(
        command,
        env={**env, "AUDITOR_APP_STARTUP_PROBE": str(probe)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode != 0 or not probe.exists():
        raise SystemExit(f"the app did not start (exit {proc.returncode}):\n{proc.stderr}")
    return float(probe.read_text()) - started


def measure(db: Path, env: dict[str, str], runs: int, probe: Path) -> list[float]:
    launch(db, env, probe)  # warm the OS file cache; not counted
    return [launch(db, env, probe) for _ in range(runs)]


def report(name: str, times: list[float]) -> bool:
    median = statistics.median(times)
    ok = median <= GOAL_S
    print(
        f"{name:<8} median {median:.3f} s  (min {min(times):.3f}, max {max(times):.3f}, "
        f"{len(times)} runs)  goal ≤ {GOAL_S} s: {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--audits", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        db = folder / "audits.sqlite"
        began = time.perf_counter()
        build_database(db, args.audits)
        print(f"database: {args.audits} scored audits built in {time.perf_counter() - began:.1f} s")
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config")}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        probe = folder / "probe.txt"
        ok = report("home", measure(db, env, args.runs, probe))
        remember_place(db, env, audit_id=args.audits, item="5.2.4.1")
        ok = report("reopen", measure(db, env, args.runs, probe)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
