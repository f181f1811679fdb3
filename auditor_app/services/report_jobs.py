"""The background-job body of the report export dialog (Qt-free).

The dialog gathers and checks; the export itself runs as a `ui.worker.Job` with its own store
(a sqlite connection belongs to the thread that opened it), because rendering and signing a
report with many photos takes seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor_app.store.audit_store import AuditStore

Report = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportRequest:
    """A signed report to write: what the export dialog hands to the job."""

    db_path: Path
    audit_id: int
    out_path: Path
    key: Any  # auditor_app.signing.keys.AuditorKey
    signature_png: bytes | None
    # only for a signer outside the audit team, explicitly allowed in the dialog
    outsider_role: str = ""
    confirm: dict[str, str] | None = None  # checks signed through knowingly: code → reason


def run_export(request: ExportRequest, report: Report) -> Path:
    """Job body: open a store for this thread, export, close."""
    from auditor_app.report.service import export_report

    store = AuditStore(request.db_path)
    try:
        export_report(
            store,
            request.audit_id,
            request.out_path,
            key=request.key,
            signature_image=request.signature_png,
            progress=lambda done, total, *_: report(done, total, ""),
            confirm=request.confirm or None,
            allow_signer_not_on_team=bool(request.outsider_role),
            signer_role=request.outsider_role or None,
        )
    finally:
        store.close()
    return request.out_path
