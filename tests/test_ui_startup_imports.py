"""The first screen starts without the report, signing and sync machinery (issue 14).

Run in a fresh interpreter: the test process itself has long imported everything. The child
opens a real database with a demo audit, shows the real main window (offscreen), lets the
event loop go idle and lists what is imported by then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from test_ui_support import GUI_MARKS

pytestmark = GUI_MARKS

# Modules a first screen must not pay for: they load when a report is exported or signed,
# a PDF verified, a package imported or exported.
HEAVY = (
    "reportlab",
    "pyhanko",
    "pyhanko_certvalidator",
    "cryptography",
    "auditor_app.report.service",
    "auditor_app.signing.sign",
    "auditor_app.signing.keys",
    "auditor_app.sync.importer",
    "auditor_app.sync.export",
    # sqlite-utils (with click, pluggy, dateutil): only when a schema step must run
    "sqlite_utils",
    # the one-audit page and its tabs: built when an audit is first opened
    "auditor_app.ui.details",
    "auditor_app.ui.trail",
    "auditor_app.ui.scoring",
    # the export dialog and its job: when Export is chosen; Pillow: with the first photo
    "auditor_app.ui.export_dialog",
    "auditor_app.services.report_jobs",
    "PIL",
    # the person-days engine: with the first change that needs a plan, or the Details tab
    "auditor_app.services.planning",
    "auditor_app.core.persondays",
)

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

folder = Path(sys.argv[1])
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qs"))
app = QApplication([])

from auditor_app.ui.app import AppController, configure

controller = AppController(app, configure(app))
controller.backups_enabled = False
assert controller.start(folder / "audits.sqlite")
assert controller.window.isVisible()
for _ in range(3):
    app.processEvents()
loaded = sorted(name for name in sys.modules if name.split(".")[0] in
                {"reportlab", "pyhanko", "pyhanko_certvalidator", "cryptography", "sqlite_utils",
                 "auditor_app", "PIL"})
controller.close()
print(json.dumps(loaded))
"""


def test_first_screen_does_not_import_report_signing_or_sync(tmp_path, store, demo_audit):
    store.close()  # the child opens the same file
    os.replace(store.path, tmp_path / "audits.sqlite")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert "auditor_app.ui.main_window" in loaded  # the window really was built
    heavy = sorted({h for m in loaded for h in HEAVY if m == h or m.startswith(h + ".")})
    assert heavy == [], f"imported before the first screen needs them: {heavy}"
