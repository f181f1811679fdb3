"""Audit services: the operations both fronts (command line and desktop) call.

They join the scheme rules (core) to the store: a result is checked against its item before it
is written, the bonus limit of the scheme is applied, and the score is computed from what is
stored. Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor_app.core.errors import InputError
from auditor_app.core.results import ItemResult, check_result
from auditor_app.core.scheme import Scheme, find_scheme, read_scheme_file
from auditor_app.core.scoring import ScoreResult, compute_score
from auditor_app.store.audit_store import AuditStore


@dataclass(frozen=True)
class ClientInfo:
    name: str
    address: str = ""
    contact: str = ""
    representative: str = ""


def install_scheme(store: AuditStore, ref: str | None = None) -> Scheme:
    """Load an installed scheme (by id) or a scheme file into the database."""
    document, _ = read_scheme_file(find_scheme(ref))
    return store.add_scheme(document)


class AuditService:
    """Operations on audits, over one open store."""

    def __init__(self, store: AuditStore) -> None:
        self.store = store

    def create_audit(
        self,
        client: ClientInfo,
        audit_type: str,
        scheme_ref: str | None = None,
        org_id: int | None = None,
        **fields: Any,
    ) -> int:
        scheme = install_scheme(self.store, scheme_ref)
        with self.store.transaction():
            if org_id is None:
                org_id = self.store.add_organisation(
                    client.name,
                    address=client.address,
                    contact=client.contact,
                    representative=client.representative,
                )
            return self.store.create_audit(org_id, audit_type, scheme, **fields)

    def duplicate_as_next_audit(self, audit_id: int, audit_type: str = "surveillance") -> int:
        """Start the client's next audit from this one: same client, scope, sites, team and
        headcount; results, findings and photos start empty; the installed scheme is used."""
        old = self.store.audit(audit_id)
        scheme = install_scheme(self.store, old["scheme_id"])
        with self.store.transaction():
            new_id = self.store.create_audit(
                old["org_id"],
                audit_type,
                scheme,
                scope=old["scope"],
                objectives=old["objectives"],
                headcount=old["headcount"],
                changes_since_last=f"上次审核 Previous audit: {old['report_number'] or old['uid']}",
            )
            self.store.replace_sites(
                new_id, [{**s, "visited": False} for s in self.store.sites(audit_id)]
            )
            self.store.replace_team(new_id, self.store.team(audit_id))
        return new_id

    def scheme(self, audit_id: int) -> Scheme:
        return self.store.audit_scheme(audit_id)

    def record(self, audit_id: int, item_id: str, result: ItemResult | None) -> None:
        """Check a result against the audit's scheme and commit it (None clears it)."""
        scheme = self.scheme(audit_id)
        if not scheme.has_item(item_id):
            raise InputError(f"the scheme {scheme.id} has no item '{item_id}'")
        if result is not None:
            check_result(scheme.item(item_id), result)
        self.store.set_result(audit_id, item_id, result)

    def add_finding(self, audit_id: int, kind: str, text: str, **fields: Any) -> int:
        # the scheme's bonus limit and the item check live in the store, so that editing,
        # undo and merging obey them too
        return self.store.add_finding(audit_id, kind, text, **fields)

    def score(self, audit_id: int) -> ScoreResult:
        scheme = self.scheme(audit_id)
        return compute_score(
            scheme,
            self.store.results(audit_id),
            special_deductions=self.store.count_findings(audit_id, "special_deduction"),
            bonus=self.store.count_findings(audit_id, "bonus"),
        )
