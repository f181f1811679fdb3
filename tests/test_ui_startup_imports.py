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
def loaded():
    return sorted(name for name in sys.modules if name.split(".")[0] in
                  {"reportlab", "pyhanko", "pyhanko_certvalidator", "cryptography", "sqlite_utils",
                   "auditor_app", "PIL", "tomllib"})
first_screen = loaded()
# then the audit on its Scoring tab, as a start that reopens it there shows it
from auditor_app.ui.audit_view import SCORING_TAB
controller.window.open_audit(controller.store.list_audits()[0]["id"], SCORING_TAB)
for _ in range(3):
    app.processEvents()
controller.close()
print(json.dumps([first_screen, loaded()]))
"""

# Besides those, an opened audit (the scoring tab) must not pay for what waits for a first use:
# reading a scheme or phrase file (audits carry their scheme; the phrase library loads with
# the phrase menu or a finding dialog) and the photo import service.
AT_OPEN = ("tomllib", "auditor_app.core.phrases", "auditor_app.services.attachment_import")
OPENS_WITH_AUDIT = ("auditor_app.ui.scoring",)


def heavy_in(loaded: set[str], heavy: tuple[str, ...]) -> list[str]:
    return sorted({h for m in loaded for h in heavy if m == h or m.startswith(h + ".")})


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
    first_screen, opened = (set(names) for names in json.loads(proc.stdout.splitlines()[-1]))
    assert "auditor_app.ui.main_window" in first_screen  # the window really was built
    heavy = heavy_in(first_screen, HEAVY + AT_OPEN)
    assert heavy == [], f"imported before the first screen needs them: {heavy}"
    assert "auditor_app.ui.scoring.workspace" in opened  # the audit really was opened
    waiting = tuple(h for h in HEAVY if h not in OPENS_WITH_AUDIT) + AT_OPEN
    heavy = heavy_in(opened, waiting)
    assert heavy == [], f"imported by opening an audit before a first use: {heavy}"
