"""The scoring workspace: the scheme tree, the current item's detail, the score bar.

The shell embeds `ScoringWorkspace` (workspace.py); commands.py holds the undo commands.
"""

from auditor_app.ui.scoring.pyside_guard import make_singletons_immortal

# Before any widget exists: PySide6 6.12 on Python 3.11 drops references to None/True/False
# (see pyside_guard.py); without this the app aborts after a few hundred item switches.
make_singletons_immortal()

from auditor_app.ui.scoring.workspace import ScoringWorkspace  # noqa: E402

__all__ = ["ScoringWorkspace"]
