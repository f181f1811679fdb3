"""The scoring workspace: the scheme tree, the current item's detail, the score bar.

The shell embeds `ScoringWorkspace` (workspace.py); commands.py holds the undo commands.
(The PySide6 reference-count guard runs in `auditor_app.ui.__init__`, before this.)
"""

from auditor_app.ui.scoring.workspace import ScoringWorkspace

__all__ = ["ScoringWorkspace"]
