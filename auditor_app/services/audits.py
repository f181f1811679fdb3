"""Audit services: the operations both fronts (command line and desktop) call.

The store checks every single write (a result against its item, dates, headcounts, ...); the
service owns the operations made of several writes, each in one transaction: create an audit
with its team, sites and plan; edit audit fields and recompute the person-days; replace the
sites; record a result with its note. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor_app.core.results import ItemResult
from auditor_app.core.scheme import Scheme, find_scheme, read_scheme_file
from auditor_app.core.scoring import ScoreResult, compute_score
from auditor_app.store.audit_store import AuditStore, Row

if TYPE_CHECKING:
    from auditor_app.core.persondays import PersonDaysResult


# The person-days engine (planning, sampling, the audit-time tables) loads with the first
# change that needs a plan: the first screen only lists and scores audits (issue 14).
def replan(store: AuditStore, audit_id: int) -> PersonDaysResult | None:
    from auditor_app.services import planning

    return planning.replan(store, audit_id)


def plan_audit(store: AuditStore, audit_id: int) -> PersonDaysResult:
    from auditor_app.services import planning

    return planning.plan_audit(store, audit_id)


# Audit fields that change the person-days determination.
PLAN_FIELDS = frozenset({"headcount", "audit_type"})


class Keep:
    """Marks "leave the stored result as it is" (a note-only edit)."""


KEEP = Keep()


@dataclass(frozen=True)
class ClientInfo:
    """The client organisation of a new audit as entered; not used when the audit is created for an
    existing organisation (`org_id`)."""

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
            replan(self.store, new_id)
        return new_id

    def create_planned_audit(
        self,
        client: ClientInfo,
        audit_type: str,
        scheme_ref: str | None = None,
        *,
        sites: Sequence[Row] = (),
        team: Sequence[Row] = (),
        strict_plan: bool = False,
        **fields: Any,
    ) -> tuple[int, PersonDaysResult | None]:
        """Create an audit with its sites, team and person-days plan, all or nothing.

        With `strict_plan` a headcount the engine refuses refuses the whole audit (the command
        line says why); without it the audit is kept and the form shows what is missing."""
        with self.store.transaction():
            audit_id = self.create_audit(client, audit_type, scheme_ref, **fields)
            if sites:
                self.store.replace_sites(audit_id, list(sites))
            if team:
                self.store.replace_team(audit_id, list(team))
            plan = plan_audit(self.store, audit_id) if strict_plan else replan(self.store, audit_id)
        return audit_id, plan

    def edit_audit(self, audit_id: int, **fields: Any) -> None:
        """Change audit fields; a change to the person-days inputs stores the new breakdown."""
        with self.store.transaction():
            self.store.update_audit(audit_id, **fields)
            if PLAN_FIELDS & set(fields):
                replan(self.store, audit_id)

    def replace_sites(self, audit_id: int, sites: Sequence[Row]) -> None:
        """Replace the site list and store the person-days breakdown it gives."""
        with self.store.transaction():
            self.store.replace_sites(audit_id, list(sites))
            replan(self.store, audit_id)

    def set_result_with_note(
        self,
        audit_id: int,
        item_id: str,
        result: ItemResult | Keep | None = KEEP,
        note: str | None = None,
    ) -> None:
        """Record a result (None clears it, KEEP leaves it) and a note: both or neither."""
        with self.store.transaction():
            if not isinstance(result, Keep):
                self.store.set_result(audit_id, item_id, result)
            if note is not None:
                self.store.set_note(audit_id, item_id, note)

    def attach_files(
        self, audit_id: int, item_id: str | None, files: Sequence[tuple[bytes, str, str]]
    ) -> list[int]:
        """Store photos/files (data, name, caption) for an item together; their link ids."""
        with self.store.transaction():
            return [
                self.store.add_attachment(audit_id, item_id, data, name, caption)
                for data, name, caption in files
            ]

    def remove_attachments(self, link_ids: Sequence[int]) -> list[Row]:
        """Detach several photos/files together; the removed rows, to restore on undo."""
        with self.store.transaction():
            return [self.store.remove_attachment(link) for link in link_ids]

    def scheme(self, audit_id: int) -> Scheme:
        return self.store.audit_scheme(audit_id)

    def record(self, audit_id: int, item_id: str, result: ItemResult | None) -> None:
        """Commit a result (None clears it); the store checks it against the item."""
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
