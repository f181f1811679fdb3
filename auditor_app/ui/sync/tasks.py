"""Moved to `auditor_app.services.package_jobs` (Qt-free code belongs in services/).

Kept only for `ui/trust_dialog.py` (being reworked by another change at the same time); once
it imports from services, delete this file.
"""

from auditor_app.services.package_jobs import RECIPIENT_SETTING, TRUST_SETTING, saved_trust

__all__ = ["RECIPIENT_SETTING", "TRUST_SETTING", "saved_trust"]
