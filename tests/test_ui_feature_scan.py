"""The bindings' per-module source scan is answered in advance, with its own answers (issue 14).

Run in a fresh interpreter, as the app starts: the desktop package is imported, then the
window's modules. The child counts the modules the bindings still read the source of, and
compares every answer written in advance with what the scan itself would have said.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from test_ui_support import GUI_MARKS

pytestmark = GUI_MARKS

CHILD = r"""
import json, sys
import auditor_app.ui  # the bindings' first import, and the answers
from PySide6.support import feature

scan = feature._mod_uses_pyside
scanned = []

def counting_scan(module):
    scanned.append(module.__name__)
    return scan(module)

feature._mod_uses_pyside = counting_scan
import auditor_app.ui.main_window, auditor_app.ui.scoring.workspace  # the reopen path's modules

table = feature.pyside_feature_dict
answers = {}
for name, module in list(sys.modules.items()):
    if name.split(".")[0] in {"auditor_app", "json", "typing", "dataclasses", "pathlib"}:
        answers[name] = [table.get(name), 0 if scan(module) else -1]
print(json.dumps({"scanned": scanned, "answers": answers}))
"""


def run_child() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, encoding="utf-8", env=env, timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_window_modules_are_not_scanned_and_answers_match_the_scan():
    found = run_child()
    ours = [name for name in found["scanned"] if name.split(".")[0] == "auditor_app"]
    assert ours == [], f"source still read by the bindings: {ours}"
    answers = found["answers"]
    assert answers["auditor_app.ui.main_window"] == [0, 0]  # uses the bindings
    assert answers["auditor_app.core.scheme"] == [-1, -1]  # the Qt-free core
    # a module never imported by name after the bindings (json.scanner) has no entry at all
    wrong = {name: pair for name, pair in answers.items() if pair[0] not in (None, pair[1])}
    assert wrong == {}, f"answered differently from the scan (table, scan): {wrong}"
