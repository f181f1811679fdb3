"""What the committee checks before an approval is recorded (issue 11).

An approval is refused, with the reason, when the report's signature is not valid and trusted,
when the report is dated before the audit's last day, when the decision or the certificate is
dated before the audit or the report, or when a major nonconformity of the audit is still open.
Nothing is written when a check fails: `committee.decide` calls this before its transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.services.followup import open_nonconformities
from auditor_app.signing.verify import TrustItem, verify_pdf
from auditor_app.store.audit_store import AuditStore


class ApprovalRefused(InputError):
    """The committee cannot approve this report as it stands."""


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def report_date(pdf: bytes, trust: Sequence[TrustItem]) -> tuple[Any, dt.date | None]:
    verdict = verify_pdf(pdf, trust)
    moment = verdict.signing_time
    return verdict, moment.date() if moment is not None else None


def check_approval(
    store: AuditStore,
    audit: dict[str, Any],
    trust: Sequence[TrustItem],
    decided_on: dt.date,
    issued_on: dt.date | None,
) -> None:
    audit_id = audit["id"]
    report = store.latest_report(audit_id)
    assert report is not None  # decide() refused an audit without one
    verdict, dated = report_date(bytes(report["pdf"]), trust)
    if not verdict.ok:
        why = "; ".join(verdict.problems) or "the signature is not valid and trusted"
        hint = "" if trust else " (no trusted certificate is set: add the CB's CA certificate)"
        raise ApprovalRefused(
            f"audit {audit_id} cannot be approved: its report's signature does not verify: "
            f"{why}{hint}"
        )
    last_day = _day(audit["end_date"]) or _day(audit["start_date"])
    if dated is not None and last_day is not None and dated < last_day:
        raise ApprovalRefused(
            f"audit {audit_id} cannot be approved: its report is dated {dated}, before the "
            f"audit's last day {last_day}"
        )
    for what, day in (("the decision", decided_on), ("the certificate", issued_on)):
        if day is None:
            continue
        if last_day is not None and day < last_day:
            raise ApprovalRefused(
                f"{what} cannot be dated {day}: the audit lasted until {last_day}"
            )
        if dated is not None and day < dated:
            raise ApprovalRefused(f"{what} cannot be dated {day}: the report is dated {dated}")
    majors = open_nonconformities(store, [audit_id], "major")
    if majors:
        listed = "; ".join(f"{nc.item_id or '-'} {nc.text[:40]}" for nc in majors)
        raise ApprovalRefused(
            f"audit {audit_id} cannot be approved: {len(majors)} major nonconformity(ies) "
            f"still open ({listed}); record their correction and verification first "
            "(`auditor-app committee followup`) or decide rectification_required"
        )
