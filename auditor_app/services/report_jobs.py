"""The background-job body of the report export dialog (Qt-free).

The dialog gathers and checks; the export itself runs as a `ui.worker.Job` with its own store
(a sqlite connection belongs to the thread that opened it), because rendering and signing a
report with many photos takes seconds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor_app.store.audit_store import AuditStore

Report = Callable[[int, int, str], None]


@dataclass(frozen=True)
class TokenRef:
    """Which USB key signs: opened again in the job's thread (a PKCS#11 session is not handed
    between threads), with the PIN the dialog checked."""

    library: str
    label: str
    pin: str = field(repr=False)
    certificate_label: str | None = None


@dataclass(frozen=True)
class ExportRequest:
    """A signed report to write: what the export dialog hands to the job."""

    db_path: Path
    audit_id: int
    out_path: Path
    key: Any  # auditor_app.signing.keys.AuditorKey; None when `token` signs
    signature_png: bytes | None
    # only for a signer outside the audit team, explicitly allowed in the dialog
    outsider_role: str = ""
    confirm: dict[str, str] | None = None  # checks signed through knowingly: code → reason
    token: TokenRef | None = None  # sign on a USB key instead of `key`


def run_export(request: ExportRequest, report: Report) -> Path:
    """Job body: open a store for this thread, export, close."""

    store = AuditStore(request.db_path)
    try:
        with contextlib.ExitStack() as held:
            key = request.key
            if request.token is not None:
                from auditor_app.signing.token import open_token_key

                t = request.token
                key = held.enter_context(
                    open_token_key(t.library, t.label, t.pin, t.certificate_label)
                )
            _export(store, request, key, report)
    finally:
        store.close()
    return request.out_path


def _export(store: AuditStore, request: ExportRequest, key: Any, report: Report) -> None:
    from auditor_app.report.service import export_report

    export_report(
        store,
        request.audit_id,
        request.out_path,
        key=key,
        signature_image=request.signature_png,
        progress=lambda done, total, *_: report(done, total, ""),
        confirm=request.confirm or None,
        allow_signer_not_on_team=bool(request.outsider_role),
        signer_role=request.outsider_role or None,
    )
