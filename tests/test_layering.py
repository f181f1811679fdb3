"""Only auditor_app/ui may import Qt: the core, store, report, signing and sync stay Qt-free."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

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


# Outside store/, nothing may reach past the store's methods: its connection, its trail
# writer, or SQL text of its own (issue 10: one gate for every write).
_STORE_INTERNALS = re.compile(
    r"store\.db\b|\._log\(|store\.db import|\.conn\.|executemany|"
    r"[\"'](SELECT|INSERT INTO|UPDATE|DELETE FROM) "
)


def _internals_used(folder: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if _STORE_INTERNALS.search(line):
                found.append(f"{path.relative_to(PACKAGE).as_posix()}:{number}: {line.strip()}")
    return found


@pytest.mark.parametrize("folder", ["sync", "report", "services"])
def test_only_the_store_touches_the_database(folder):
    assert _internals_used(folder) == []


def test_the_internals_check_sees_a_violation(tmp_path, monkeypatch):
    """The check above must be able to fail: a module that writes SQL itself is caught."""
    fake = tmp_path / "pkg"
    (fake / "sync").mkdir(parents=True)
    (fake / "sync" / "bad.py").write_text(
        'def f(store):\n    store.db.execute("DELETE FROM trail")\n    store._log(1)\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert len(_internals_used("sync")) == 2


# Compound writes are service methods that own their transaction; the fronts only call them.
FRONT_TRANSACTION_ALLOWED: set[str] = set()


def test_the_fronts_open_no_transaction():
    offenders = sorted(
        rel
        for p in [*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "cli").rglob("*.py")]
        if ".transaction()" in p.read_text("utf-8")
        and (rel := p.relative_to(PACKAGE).as_posix()) not in FRONT_TRANSACTION_ALLOWED
    )
    assert offenders == []


# Qt-free modules belong in services/ (issue 10); none is left under ui/.
QT_FREE_UI_LEFT: set[str] = set()


def test_modules_under_ui_are_qt_code():
    ui = PACKAGE / "ui"
    qt_free = {
        p.relative_to(ui).as_posix()
        for p in ui.rglob("*.py")
        if "PySide6" not in p.read_text(encoding="utf-8")
    }
    assert qt_free <= QT_FREE_UI_LEFT, sorted(qt_free - QT_FREE_UI_LEFT)
