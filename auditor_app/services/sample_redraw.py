"""Recording an outlet draw from the window: the auditor's risk-based picks, and a reason
whenever a recorded draw is replaced.

One click once replaced the recorded sample without asking and dropped the auditor's picks
(issue 13). A new draw over an existing one now needs a reason, which is stored with the draw
(`redraw_reason`, `previous_seed`); the replaced draw itself stays in the audit trail (the
store logs the old value of every changed field).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.services.planning import draw_audit_sample
from auditor_app.store.audit_store import AuditStore


def record_draw(
    store: AuditStore, audit_id: int, *, picks: Sequence[str] = (), reason: str = ""
) -> dict[str, Any]:
    """Draw the outlets (with `picks` chosen by the auditor) and record it; returns the draw."""
    old = store.audit(audit_id)["site_draw"] or {}
    reason = reason.strip()
    if old and not reason:
        raise InputError(
            "a draw is already recorded: say why it is replaced (the old one stays in the trail)"
        )
    with store.transaction():
        draw = draw_audit_sample(store, audit_id, preselected=list(picks)).to_dict()
        if old:
            draw["redraw_reason"] = reason
            draw["previous_seed"] = old.get("seed")
            store.update_audit(audit_id, site_draw=draw)
    return draw
