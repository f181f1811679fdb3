"""Answer the bindings' per-module source scan in advance (start-up time, issue 14).

PySide6 replaces `__import__` so that a module can write `from __feature__ import snake_case`.
To know which modules those switches may concern, after every import statement it reads the
source of the imported module once (`inspect.getsource`) and records whether it contains the
word "PySide6" (0) or not (-1) in its published table `pyside_feature_dict` (PYSIDE-1019).
Measured at start-up: 85 modules scanned, 12-14 ms, stdlib modules such as `typing` the
dearest. The answers are known here without reading anything: the desktop package uses the
bindings; the rest of the app (kept free of the word by tests/test_layering.py) and the
standard library do not. Writing those same values first makes the scan skip them; nothing
else changes, as the app switches on no feature. With bindings that keep no such table,
nothing is done.
"""

from __future__ import annotations

import os
import sys

_APP_PACKAGE, _, _ = __name__.partition(".")  # auditor_app
_UI_PACKAGE = __name__.rpartition(".")[0]  # auditor_app.ui
_USES_BINDINGS = 0  # the table's values: 0 a module that uses them, -1 one to ignore
_IGNORED = -1


def answer_feature_scan() -> bool:
    """Fill the scan table for the app's modules and the standard library; True if the
    table was there."""
    # loaded by the bindings' first import, which installs their `__import__`
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return False
    for name in (*_app_module_names(), *sys.stdlib_module_names):
        table.setdefault(name, _USES_BINDINGS if _in_ui(name) else _IGNORED)
    return True


def _in_ui(name: str) -> bool:
    return name == _UI_PACKAGE or name.startswith(_UI_PACKAGE + ".")


def _app_module_names() -> list[str]:
    """The app's modules, from its folders (none in a frozen bundle, whose modules have no
    source to scan anyway)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    names = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [s for s in subfolders if not s.startswith(("_", "."))]
        relative = os.path.relpath(folder, root)
        package = _APP_PACKAGE
        if relative != os.curdir:
            package += "." + relative.replace(os.sep, ".")
        names.append(package)
        modules = (f[:-3] for f in files if f.endswith(".py") and f != "__init__.py")
        names.extend(f"{package}.{module}" for module in modules)
    return names
