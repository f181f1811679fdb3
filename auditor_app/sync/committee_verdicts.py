"""When a received report's signature verdict and score are worked out (and again).

Verifying a signed PDF and scoring its audit take ~26 ms a report; done for every report on
each open, the committee list of a CB's database took minutes. So the verdict is worked out:

- at import (`store_verdict`, in the import's transaction),
- for rows without one (databases from before) or checked against another trust list, in a
  background pass a few at a time (`check_unchecked`), never all when the list opens,
- again for the one report the reviewer opens (`recheck`), and by `committee.decide` itself,
  which verifies the PDF before recording anything: a decision never rests on a stored verdict.

A verdict depends on the trust list; `trust_key` names a list by its certificates, and a
verdict checked against another list is stale (shown as such, checked again). Qt-free.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor_app.core.errors import AuditorError
from auditor_app.services.audits import AuditService
from auditor_app.signing.verify import TrustItem, Verification, verify_pdf
from auditor_app.store import committee_verdicts as rows
from auditor_app.store.audit_store import AuditStore


def trust_key(trust: Sequence[TrustItem]) -> str:
    """A name for a trust list: the hash of its certificates' bytes, in any order."""
    parts = []
    for item in trust:
        if isinstance(item, bytes):
            data = item
        elif isinstance(item, str | Path):
            try:
                data = Path(item).read_bytes()
            except OSError:
                data = str(item).encode("utf-8")  # verify_pdf says why it cannot be read
        elif hasattr(item, "public_bytes"):  # cryptography's certificate
            from cryptography.hazmat.primitives.serialization import Encoding

            data = item.public_bytes(Encoding.DER)
        else:  # asn1crypto's certificate
            data = item.dump()
        parts.append(hashlib.sha256(data).hexdigest())
    return "trust:" + hashlib.sha256("\n".join(sorted(parts)).encode("ascii")).hexdigest()


def work_out(
    store: AuditStore,
    audit_id: int,
    trust: Sequence[TrustItem],
    verdict: Verification | None = None,
) -> dict[str, Any]:
    """The verdict on audit `audit_id`'s latest report and its score, as stored; `verdict`
    when the caller verified that PDF against `trust` a moment ago (the import)."""
    if verdict is None:
        report = store.latest_report(audit_id)
        if report is None:
            raise AuditorError(f"audit {audit_id} has no signed report")
        verdict = verify_pdf(bytes(report["pdf"]), trust)
    problems = list(verdict.problems)
    total = level = title = None
    service = AuditService(store)
    try:
        score = service.score(audit_id)
        total, level = str(score.total), score.level
        found = service.scheme(audit_id).level(level)
        title = f"{found.title_zh} / {found.title_en}"
    except (AuditorError, StopIteration) as exc:
        problems.append(f"the score cannot be computed: {exc}")
    return {
        "signer": verdict.signer,
        "trusted": bool(verdict.trusted),
        "intact": bool(verdict.intact),
        "verified": bool(verdict.ok),
        "problems": problems,
        "total": total,
        "level": level,
        "level_title": title,
        "trust_key": trust_key(trust),
    }


def store_verdict(
    store: AuditStore,
    audit_id: int,
    trust: Sequence[TrustItem],
    verdict: Verification | None = None,
) -> dict[str, Any]:
    """Work out and store the verdict on one report (the caller's transaction, if any)."""
    values = work_out(store, audit_id, trust, verdict)
    rows.save_verdict(store, audit_id, values)
    found = rows.verdict(store, audit_id)
    assert found is not None
    return found


def recheck(store: AuditStore, audit_id: int, trust: Sequence[TrustItem]) -> dict[str, Any]:
    """Verify the report the reviewer opened now, and keep that verdict."""
    return store_verdict(store, audit_id, trust)


def check_unchecked(
    store: AuditStore, trust: Sequence[TrustItem], limit: int | None = None
) -> list[int]:
    """Store a verdict for up to `limit` reports that have none or a stale one (newest first);
    returns their audit ids (empty when every stored verdict is current)."""
    done = rows.unchecked_ids(store, trust_key(trust), limit)
    for audit_id in done:
        store_verdict(store, audit_id, trust)
    return done
