"""Only auditor_app/ui may import Qt: the core, store, report, signing and sync stay Qt-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "auditor_app"

BLOCKER = """
import importlib, importlib.abc, pkgutil, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError(f"Qt imported outside auditor_app.ui: {name}")
        return None

sys.meta_path.insert(0, Block())
import auditor_app
names = [m.name for m in pkgutil.walk_packages(auditor_app.__path__, "auditor_app.")
         if not m.name.startswith("auditor_app.ui") and m.name != "auditor_app.__main__"]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_nothing_outside_ui_imports_qt():
    proc = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, encoding="utf-8", timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) > 20


def test_no_module_outside_ui_mentions_pyside():
    offenders = [
        p
        for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts[:1] and "PySide6" in p.read_text("utf-8")
    ]
    assert offenders == []


# Compound writes are service methods that own their transaction; the fronts only call them.
# export_dialog and settings_dialog still open one: helper `ui1` moves those (issue 10), then
# this allowance goes.
FRONT_TRANSACTION_ALLOWED = {"ui/export_dialog.py", "ui/settings_dialog.py"}


def test_the_fronts_open_no_transaction():
    offenders = sorted(
        rel
        for p in [*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "cli").rglob("*.py")]
        if ".transaction()" in p.read_text("utf-8")
        and (rel := p.relative_to(PACKAGE).as_posix()) not in FRONT_TRANSACTION_ALLOWED
    )
    assert offenders == []
