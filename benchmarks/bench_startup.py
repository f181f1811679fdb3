"""Startup time: launch → interactive main window, with 50 audits in the database.

Each run starts `python -m auditor_app run` in a fresh process (nothing warm but the OS file
cache) with `AUDITOR_APP_STARTUP_PROBE` set: the app writes the wall-clock time once its main
window is shown and the event loop has gone idle twice, then quits. Measured: the time from
just before the process is spawned to that moment. Two cases:

- home: a first start (no remembered place) showing the Audits list with scores and levels;
- reopen: the remembered audit reopened on its scoring tab and item.

The floor is a bare PySide6 program measured the same way in the same run: a QMainWindow
holding a 50-row table, shown, idle twice, quit. Launches alternate (app, floor, app, floor …)
so a machine that slows down mid-run slows both; the ratio is taken pair by pair.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_startup.py [--runs 7] [--audits 50]

Goals: ≤ 1.5 s (issue 3); ≤ 2× the bare-Qt floor (issue 14).
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
FLOOR_RATIO_GOAL = 2.0
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


FLOOR = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

app = QApplication(sys.argv)
window = QMainWindow()
table = QTableWidget(50, 6)
for row in range(50):
    for col in range(6):
        table.setItem(row, col, QTableWidgetItem(f"row {row} col {col}"))
window.setCentralWidget(table)
window.resize(1360, 860)
window.show()

def write():
    Path(sys.argv[1]).write_text(f"{time.time():.6f}\n", "utf-8")
    app.quit()

QTimer.singleShot(0, lambda: QTimer.singleShot(0, write))
sys.exit(app.exec())
"""


def launch(db: Path | None, env: dict[str, str], probe: Path) -> float:
    """One launch of the app on `db`, or of the bare-Qt floor when `db` is None."""
    probe.unlink(missing_ok=True)
    if db is None:
        command = [sys.executable, "-c", FLOOR, str(probe)]
    else:
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


def measure(
    db: Path, env: dict[str, str], runs: int, probe: Path
) -> tuple[list[float], list[float]]:
    """App and floor launch times, alternating; the first pair warms the OS file cache."""
    launch(db, env, probe)
    launch(None, env, probe)
    app, floor = [], []
    for _ in range(runs):
        app.append(launch(db, env, probe))
        floor.append(launch(None, env, probe))
    return app, floor


def report(name: str, times: tuple[list[float], list[float]]) -> bool:
    app, floor = times
    median = statistics.median(app)
    ratio = statistics.median(a / f for a, f in zip(app, floor, strict=True))
    ok = median <= GOAL_S and ratio <= FLOOR_RATIO_GOAL
    print(
        f"{name:<8} median {median:.3f} s  (min {min(app):.3f}, max {max(app):.3f}, "
        f"{len(app)} runs)  goal ≤ {GOAL_S} s\n"
        f"{'':8} bare-Qt floor median {statistics.median(floor):.3f} s; app / floor "
        f"{ratio:.2f}× (median of pairs)  goal ≤ {FLOOR_RATIO_GOAL}×: {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--audits", type=int, default=50)
    parser.add_argument("--db", type=Path, help="reuse this database (built here on the first run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        db = args.db or folder / "audits.sqlite"
        if not db.exists():
            began = time.perf_counter()
            build_database(db, args.audits)
            built = time.perf_counter() - began
            print(f"database: {args.audits} scored audits built in {built:.1f} s")
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config")}
        # As installed: with compiled bytecode (pip and PyInstaller both ship it). Without
        # this, PYTHONDONTWRITEBYTECODE=1 would make every launch compile the app's ~150
        # modules, which the floor never pays. The warm-up launches fill this cache.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        probe = folder / "probe.txt"
        ok = report("home", measure(db, env, args.runs, probe))
        remember_place(db, env, audit_id=args.audits, item="5.2.4.1")
        ok = report("reopen", measure(db, env, args.runs, probe)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
