"""The desktop front (PySide6): the only package that imports Qt.

A thin layer over the same services the command line uses; `app.run_app` starts it.
"""

from auditor_app.ui.feature_scan import answer_feature_scan
from auditor_app.ui.pyside_guard import make_singletons_immortal

# Before any Qt object exists: PySide6 6.12 on Python 3.11 drops references to None/True on
# every void call and signal emit, and the process aborts after a few thousand calls (see
# pyside_guard.py). Done here so every entry point, window and test is covered.
make_singletons_immortal()

# The bindings' first import, then, before any other module is imported after them, the
# answers to their per-module source scan (see feature_scan.py: ~12 ms at start-up).
import PySide6.QtCore  # noqa: E402, F401

answer_feature_scan()
