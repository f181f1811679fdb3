"""Startup time: launch → interactive main window, with 50 audits in the database.

Each run starts `python -m auditor_app run` in a fresh process (nothing warm but the OS file
cache) with `AUDITOR_APP_STARTUP_PROBE` set: the app writes the wall-clock time once its main
window is shown and the event loop has gone idle twice, then quits. Measured: the time from
just before the process is spawned to that moment. Two cases:

- home: a first start (no remembered place) showing the Audits list with scores and levels;
- reopen: the remembered audit reopened on its scoring tab and item. Also printed for it, for
  information: the same screen's content drawn by a bare PySide6 program (the app's CJK font,
  menus, the scheme tree expanded, a form of the item's texts and fields), to tell what Qt
  needs for that much Chinese text and that many widgets from what the app adds.

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
                # a two-day audit (the demo's own last day would come before some first days)
                start_date=f"202{4 + n % 3}-{1 + n % 12:02d}-{1 + n % 27:02d}",
                end_date=f"202{4 + n % 3}-{1 + n % 12:02d}-{2 + n % 27:02d}",
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


# The reopened scoring screen's content drawn by a bare PySide6 program (informational): the
# app's font, menus and toolbar, the scheme's tree (its ~300 items, expanded) beside a form of
# the item's texts and four boxes of fields. What Qt itself costs to show that much Chinese
# text and that many widgets; the app / this ratio is what the app adds on top.
SCREEN_FLOOR = r"""
import json, sqlite3, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMainWindow,
    QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

probe, font_path, db = sys.argv[1:4]
app = QApplication(sys.argv)
families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(font_path))
font = QFont(app.font())
font.setFamilies(families[:1] + font.families())
app.setFont(font)
row = sqlite3.connect(db).execute("SELECT document FROM schemes").fetchone()
scheme = json.loads(row[0])
window = QMainWindow()
toolbar = window.addToolBar("tools")
for m in range(6):
    menu = window.menuBar().addMenu(f"菜单{m}")
    for a in range(5):
        action = menu.addAction(f"操作 {m}-{a}")
        if a < 2:
            toolbar.addAction(action)
tree = QTreeWidget()
tree.setHeaderLabels(["条款", "状态", "得分"])
items = []
for group in scheme["groups"]:
    g = QTreeWidgetItem([group["id"] + " " + group["title_zh"], "", ""])
    tree.addTopLevelItem(g)
    for indicator in group["indicators"]:
        i = QTreeWidgetItem([indicator["id"] + " " + indicator["title_zh"], "", ""])
        g.addChild(i)
        for item in indicator["items"]:
            items.append(item)
            title = item["id"] + " " + item.get("title_zh", "")
            i.addChild(QTreeWidgetItem([title, "已评分", "1"]))
tree.expandAll()
body = QWidget()
layout = QVBoxLayout(body)
item = items[len(items) // 2]
for key in ("title_zh", "title_en", "requirement_zh", "requirement_en", "evidence_zh",
            "evidence_en", "sample_hint_zh"):
    label = QLabel(str(item.get(key, "")))
    label.setWordWrap(True)
    layout.addWidget(label)
for title in ("结果", "证据记录", "照片和文件", "发现"):
    box = QGroupBox(title)
    fields = QVBoxLayout(box)
    for k in range(6):
        line = QHBoxLayout()
        line.addWidget(QCheckBox(f"选项 {k}"))
        line.addWidget(QLabel(f"说明文字 {k}"))
        line.addWidget(QPushButton("按钮"))
        fields.addLayout(line)
    fields.addWidget(QPlainTextEdit())
    fields.addWidget(QLineEdit())
    layout.addWidget(box)
scroll = QScrollArea()
scroll.setWidgetResizable(True)
scroll.setWidget(body)
splitter = QSplitter()
splitter.addWidget(tree)
splitter.addWidget(scroll)
window.setCentralWidget(splitter)
window.statusBar().showMessage("✓ 所有更改已保存")
window.resize(1360, 860)
window.show()

def write():
    Path(probe).write_text(f"{time.time():.6f}\n", "utf-8")
    app.quit()

QTimer.singleShot(0, lambda: QTimer.singleShot(0, write))
sys.exit(app.exec())
"""


def launch(command: list[str], env: dict[str, str], probe: Path) -> float:
    """One launch of `command`, timed until it writes the probe file."""
    probe.unlink(missing_ok=True)
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
        raise SystemExit(f"{command[:3]} did not start (exit {proc.returncode}):\n{proc.stderr}")
    return float(probe.read_text()) - started


def measure(
    commands: list[list[str]], env: dict[str, str], runs: int, probe: Path
) -> list[list[float]]:
    """Launch times of each command, taking turns; a first round warms the OS file cache."""
    for command in commands:
        launch(command, env, probe)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, column in zip(commands, times, strict=True):
            column.append(launch(command, env, probe))
    return times


def ratio(app: list[float], floor: list[float]) -> float:
    return statistics.median(a / f for a, f in zip(app, floor, strict=True))


def report(name: str, app: list[float], floor: list[float]) -> bool:
    median = statistics.median(app)
    app_floor = ratio(app, floor)
    ok = median <= GOAL_S and app_floor <= FLOOR_RATIO_GOAL
    verdict = "PASS" if ok else "FAIL"
    print(
        f"{name:<8} median {median:.3f} s  (min {min(app):.3f}, max {max(app):.3f}, "
        f"{len(app)} runs)  goal ≤ {GOAL_S} s\n"
        f"{'':8} bare-Qt floor median {statistics.median(floor):.3f} s; app / floor "
        f"{app_floor:.2f}× (median of pairs)  goal ≤ {FLOOR_RATIO_GOAL}×: {verdict}"
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
        app = [sys.executable, "-m", "auditor_app", "run", "--db", str(db), "--no-demo"]
        floor = [sys.executable, "-c", FLOOR, str(probe)]
        ok = report("home", *measure([app, floor], env, args.runs, probe))
        remember_place(db, env, audit_id=args.audits, item="5.2.4.1")
        screen = [sys.executable, "-c", SCREEN_FLOOR, str(probe), app_font(), str(db)]
        reopened, floor_times, screen_times = measure([app, floor, screen], env, args.runs, probe)
        ok = report("reopen", reopened, floor_times) and ok
        same_screen = ratio(reopened, screen_times)
        print(
            f"{'':8} the same screen in bare PySide6 (font, menus, tree, form) median "
            f"{statistics.median(screen_times):.3f} s; app / it {same_screen:.2f}×"
            " (what the app adds to what Qt needs for that screen; informational)"
        )
    return 0 if ok else 1


def app_font() -> str:
    """The CJK font file the app itself uses (its own choice, in this process)."""
    sys.path.insert(0, str(REPO))
    from auditor_app.fonts import find_cjk_font

    return str(find_cjk_font().path)


if __name__ == "__main__":
    sys.exit(main())
