"""Moved to `auditor_app.services.persondays_form` (Qt-free code belongs in services/).

Kept only so `ui/new_audit.py` and `ui/commands.py` (being reworked by another change at the
same time) still import; once they import from services, delete this file.
"""

from auditor_app.services.persondays_form import build_input, compute, replan

__all__ = ["build_input", "compute", "replan"]
