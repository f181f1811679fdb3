"""Peak memory of the window with a large audit open and every tab visited.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_memory.py

The audit is the scoring benchmark's (bench_scoring_ui.build: 300 items, 500 photos). The
database is built in this process; the window runs in a fresh child process, so building
the photos does not count: the child opens the real MainWindow on the database, opens the
audit, visits Details, Scoring (selecting every item, so every thumbnail is decoded once) and
Trail, goes back home, and prints its peak resident set size (`ru_maxrss`; Linux and macOS).

Goal (issue 14): peak RSS ≤ 300 MB. The bare-Qt floor (QApplication and an empty main window)
is printed beside it, from another child in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

GOAL_MB = 300
HERE = Path(__file__).resolve().parent

CHILD = r"""
import resource, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

folder = Path(sys.argv[1])
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qs"))
app = QApplication([])
if sys.argv[2] == "floor":
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    window.resize(1360, 860)
    window.show()
    app.processEvents()
else:
    from auditor_app.services.audits import AuditService
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.ui.audit_view import DETAILS_TAB, SCORING_TAB, TRAIL_TAB
    from auditor_app.ui.main_window import MainWindow

    store = AuditStore(folder / "bench.sqlite", actor="bench")
    window = MainWindow(store)
    window.resize(1360, 860)
    window.show()
    app.processEvents()
    audit_id = int(sys.argv[2])
    window.open_audit(audit_id)
    view = window.audit_view
    for tab in (DETAILS_TAB, SCORING_TAB):
        view.set_tab(tab)
        app.processEvents()
    workspace = view.workspace
    for item in store.audit_scheme(audit_id).items:
        workspace.select_item(item.id)
        app.processEvents()
    view.set_tab(TRAIL_TAB)
    app.processEvents()
    window.show_home()
    app.processEvents()
    window.shutdown()
    store.close()
scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kB on Linux
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6)
"""


def child_peak(folder: Path, what: str) -> float:
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), what],
        capture_output=True,
        encoding="utf-8",
        env=env,
        cwd=HERE.parent,
        timeout=600,
    )
    if proc.returncode != 0:
        raise SystemExit(f"the child failed (exit {proc.returncode}):\n{proc.stderr}")
    return float(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    if sys.platform == "win32":
        print("peak RSS is read with the resource module: run this on Linux or macOS")
        return 0
    sys.path.insert(0, str(HERE))
    from bench_scoring_ui import build

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        folder = Path(tmp)
        audit_id, _ = build(folder / "bench.sqlite")
        floor = child_peak(folder, "floor")
        peak = child_peak(folder, str(audit_id))
    verdict = "PASS" if peak <= GOAL_MB else "FAIL"
    print(
        f"peak RSS, 300 items / 500 photos, all tabs visited: {peak:.0f} MB  "
        f"goal ≤ {GOAL_MB} MB: {verdict}  (bare-Qt window: {floor:.0f} MB)"
    )
    return 0 if peak <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
