"""Team audits: merging a member's package into the team leader's audit, never silently.

`plan_merge` verifies the package and compares it with the leader's audit without writing:
- an item scored only by the member is taken automatically; scored identically: nothing;
  scored differently on both sides: a `Conflict`, left alone until the leader decides;
- notes are unioned (the member's text is appended unless one side already contains the
  other), methods are unioned, findings are added by uid and attachments by file hash;
  a finding with the same uid but different content is a conflict too.
`apply_merge(plan, decisions)` writes the automatic changes and the decided conflicts in one
transaction (after a backup), with the member as the trail's actor for every merged entry and
the leader as the actor of each decision. Undecided conflicts stay unchanged and are returned.
The GUI shows `plan.conflicts` side by side; the CLI lists them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from auditor_app.core.errors import LockedError
from auditor_app.signing.keys import AuditorKey
from auditor_app.store import sync_rows
from auditor_app.store.audit_store import FINDING_FIELDS, METHODS, AuditStore
from auditor_app.store.journal_rows import store_json
from auditor_app.store.sync_rows import acting_as, backup_database
from auditor_app.sync import journal
from auditor_app.sync.auditdata import SCORE_FIELDS, to_item_result
from auditor_app.sync.errors import PackageRefused, SyncError
from auditor_app.sync.reader import VerifiedPackage, read_package

SIDES = ("mine", "theirs")


@dataclass(frozen=True)
class Change:
    """One entry the merge writes: kind result|note|methods|finding|attachment."""

    kind: str
    key: str  # item id, finding uid, or "<sha256>@<item id>"
    old: Any
    new: Any


@dataclass(frozen=True)
class Conflict:
    """Both sides changed the same thing differently; `kind` item|finding."""

    kind: str
    key: str
    title: str
    mine: dict[str, Any]
    theirs: dict[str, Any]
    mine_by: str
    theirs_by: str


@dataclass
class MergePlan:
    """What merging `package` into audit `audit_id` would do; nothing written yet."""

    store: AuditStore = field(repr=False, compare=False)
    audit_id: int
    package: VerifiedPackage
    changes: list[Change]
    conflicts: list[Conflict]
    warnings: list[str]
    base: str = field(repr=False)  # fingerprint of the audit's state the plan was made on

    @property
    def author(self) -> str:
        return self.package.sender

    @property
    def empty(self) -> bool:
        return not self.changes and not self.conflicts


@dataclass(frozen=True)
class MergeOutcome:
    """status: merged (all done) | conflicts (some left undecided) | unchanged."""

    status: str
    applied: tuple[Change, ...]
    resolved: tuple[str, ...]
    unresolved: tuple[Conflict, ...]
    backup: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "applied": len(self.applied),
            "resolved": list(self.resolved),
            "unresolved": [c.key for c in self.unresolved],
            "backup": self.backup,
        }


def plan_merge(
    store: AuditStore,
    audit_id: int,
    source: bytes | str | Path,
    trust: Sequence[x509.Certificate] = (),
    *,
    key: AuditorKey | None = None,
) -> MergePlan:
    """Verify a member package and work out the merge; raises PackageRefused."""
    package = read_package(source, trust, key=key)
    if package.kind != "member":
        raise PackageRefused(
            "wrong_kind",
            "this is a revision package, not a team member's: import it with `package import`",
        )
    audit = store.audit(audit_id)
    theirs_audit = package.data.audit
    if theirs_audit["series_uid"] != audit["series_uid"]:
        raise PackageRefused(
            "wrong_audit",
            f"{package.sender}'s package belongs to another "
            f"audit (series {theirs_audit['series_uid'][:8]}), not audit "
            f"{audit_id}",
        )
    if theirs_audit["scheme_hash"] != audit["scheme_hash"]:
        raise PackageRefused(
            "wrong_audit",
            f"{package.sender} scored against a different "
            "scheme version; item ids cannot be matched",
        )
    if audit["locked"]:
        raise LockedError(
            f"audit {audit_id} is signed and locked; start a new revision to merge into"
        )
    plan = MergePlan(store, audit_id, package, [], [], [], _fingerprint(store, audit_id))
    _plan_items(plan)
    _plan_findings(plan)
    _plan_attachments(plan)
    return plan


def _fingerprint(store: AuditStore, audit_id: int) -> str:
    state = {
        "results": store.result_rows(audit_id),
        "findings": store.findings(audit_id),
        "attachments": [(a["sha256"], a["item_id"]) for a in store.attachments(audit_id)],
    }
    return hashlib.sha256(store_json(state).encode()).hexdigest()


def _score(row: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {k: (row.get(k) if row else None) for k in SCORE_FIELDS}
    out["reason"] = out["reason"] or ""
    return out


def _side(row: Mapping[str, Any] | None) -> dict[str, Any]:
    methods = row["methods"] if row else []
    if isinstance(methods, str):
        methods = json.loads(methods or "[]")
    return {
        **_score(row),
        "note": (row or {}).get("note") or "",
        "methods": list(methods),
        "updated_by": (row or {}).get("updated_by") or "",
        "updated_at": (row or {}).get("updated_at") or "",
    }


def union_text(mine: str, theirs: str, author: str) -> str:
    """Both notes, without repeating one the other already contains."""
    if not theirs.strip() or theirs.strip() in mine:
        return mine
    if not mine.strip() or mine.strip() in theirs:
        return theirs
    return f"{mine.rstrip()}\n\n[{author}] {theirs.strip()}"


def _note_and_methods(
    plan: MergePlan, item_id: str, mine: dict[str, Any], theirs: dict[str, Any]
) -> list[Change]:
    out = []
    note = union_text(mine["note"], theirs["note"], plan.author)
    if note != mine["note"]:
        out.append(Change("note", item_id, mine["note"], note))
    methods = [m for m in METHODS if m in mine["methods"] or m in theirs["methods"]]
    if set(methods) != set(mine["methods"]):
        out.append(Change("methods", item_id, mine["methods"], methods))
    return out


def _plan_items(plan: MergePlan) -> None:
    local = plan.store.result_rows(plan.audit_id)
    scheme = plan.package.data.scheme
    for row in plan.package.data.doc["results"]:
        item_id = row["item_id"]
        mine, theirs = _side(local.get(item_id)), _side(row)
        mine_scored, theirs_scored = mine["result"] is not None, theirs["result"] is not None
        differ = theirs_scored and mine_scored and _score(mine) != _score(theirs)
        # a difference the leader decided before (kept theirs out) is no conflict again:
        # only notes and methods may still merge
        if differ and not _kept_before(plan, "item", item_id, _score(theirs)):
            item = scheme.item(item_id)
            plan.conflicts.append(
                Conflict(
                    "item",
                    item_id,
                    f"{item.title_zh} / {item.title_en}",
                    mine,
                    theirs,
                    mine["updated_by"],
                    plan.author,
                )
            )
            continue
        if theirs_scored and not mine_scored:
            plan.changes.append(Change("result", item_id, _score(mine), _score(theirs)))
        plan.changes.extend(_note_and_methods(plan, item_id, mine, theirs))


def _finding_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in FINDING_FIELDS}


def _deleted_here(store: AuditStore, audit_id: int, uid: str) -> bool:
    """Whether the audit trail records this finding's deletion in this audit."""
    return sync_rows.deleted_here(store, audit_id, "finding", uid)


def _plan_findings(plan: MergePlan) -> None:
    store, audit_id = plan.store, plan.audit_id
    bonus_room = plan.package.data.scheme.rules.bonus_max_count - store.count_findings(
        audit_id, "bonus"
    )
    for finding in plan.package.data.doc["findings"]:
        local = sync_rows.finding_by_uid(store, finding["uid"])
        theirs = _finding_fields(finding)
        if local is None and _deleted_here(store, audit_id, finding["uid"]):
            # the leader deleted it after handing out the audit: never brought back silently
            plan.warnings.append(
                f"{plan.author}'s finding “{finding['text'][:60]}” was deleted in this audit "
                "and was not merged again; add it by hand if it should stay"
            )
            continue
        if local is None:
            if finding["kind"] == "bonus":
                if bonus_room <= 0:
                    plan.warnings.append(
                        f"{plan.author}'s special bonus “{finding['text']}” "
                        "was not merged: the scheme allows no more bonus "
                        "items; add it by hand if it should replace yours"
                    )
                    continue
                bonus_room -= 1
            plan.changes.append(Change("finding", finding["uid"], None, finding))
        elif local["audit_id"] != audit_id:
            plan.warnings.append(
                f"finding {finding['uid']} belongs to another audit in this "
                "database and was not merged"
            )
        elif _finding_fields(local) != theirs and not _kept_before(
            plan, "finding", finding["uid"], theirs
        ):
            plan.conflicts.append(
                Conflict(
                    "finding",
                    finding["uid"],
                    finding["text"][:60],
                    {**_finding_fields(local), "id": local["id"]},
                    theirs,
                    local["created_by"],
                    plan.author,
                )
            )


def _kept_before(plan: MergePlan, kind: str, key: str, theirs: dict[str, Any]) -> bool:
    """Did the leader already keep their own version against exactly this one? Then merging
    the same package again must not ask again."""
    for text in sync_rows.resolutions(plan.store, plan.audit_id, f"merge-{kind}", key):
        new = json.loads(text or "{}")
        seen = new.get("theirs") or {}
        seen = _score(seen) if kind == "item" else {k: seen.get(k) for k in FINDING_FIELDS}
        if new.get("taken") == "mine" and seen == theirs:
            return True
    return False


def _plan_attachments(plan: MergePlan) -> None:
    have = {(a["sha256"], a["item_id"]) for a in plan.store.attachments(plan.audit_id)}
    for link in plan.package.data.doc["attachment_links"]:
        if (link["sha256"], link["item_id"]) not in have:
            have.add((link["sha256"], link["item_id"]))
            plan.changes.append(
                Change("attachment", f"{link['sha256']}@{link['item_id']}", None, link)
            )


# -- applying -------------------------------------------------------------------------------
def apply_merge(plan: MergePlan, decisions: Mapping[str, str] | None = None) -> MergeOutcome:
    """Write the plan's changes and the decided conflicts (key -> "mine" | "theirs")."""
    decisions = dict(decisions or {})
    by_key = {c.key: c for c in plan.conflicts}
    unknown = sorted(set(decisions) - set(by_key))
    if unknown:
        raise SyncError(f"there is no conflict on {', '.join(unknown)} to decide")
    bad = {k: v for k, v in decisions.items() if v not in SIDES}
    if bad:
        raise SyncError(f"decide each conflict with 'mine' or 'theirs', not {bad}")
    store = plan.store
    changes = list(plan.changes)
    for key, side in decisions.items():
        changes.extend(_decided_changes(plan, by_key[key], side))
    unresolved = tuple(c for c in plan.conflicts if c.key not in decisions)
    if not changes and not decisions:
        return MergeOutcome("conflicts" if unresolved else "unchanged", (), (), unresolved)
    if _fingerprint(store, plan.audit_id) != plan.base:
        raise SyncError(f"audit {plan.audit_id} changed since the merge was planned; plan it again")
    backup = backup_database(store)
    with store.transaction():
        with acting_as(store, plan.author):
            for change in changes:
                _apply_change(plan, change)
        for key, side in decisions.items():
            conflict = by_key[key]
            sync_rows.log_resolution(
                store,
                plan.audit_id,
                conflict.kind,
                key,
                {"mine": conflict.mine, "by": conflict.mine_by},
                {"taken": side, "theirs": conflict.theirs, "author": plan.author},
            )
        sync_rows.touch_audit(store, plan.audit_id)
        pkg = plan.package
        journal.record_import(
            store,
            package_sha256=pkg.package_sha256,
            kind="member",
            result="merged",
            audit_id=plan.audit_id,
            audit_uid=pkg.audit_uid,
            series_uid=pkg.data.audit["series_uid"],
            revision=pkg.revision,
            sender=pkg.sender,
            sender_fingerprint=pkg.signer.fingerprint,
            detail={
                "backup": backup.name,
                "changes": len(changes),
                "decided": dict(decisions),
                "unresolved": [c.key for c in unresolved],
            },
        )
    return MergeOutcome(
        "conflicts" if unresolved else "merged",
        tuple(changes),
        tuple(decisions),
        unresolved,
        str(backup),
    )


def _decided_changes(plan: MergePlan, conflict: Conflict, side: str) -> list[Change]:
    if conflict.kind == "finding":
        if side == "mine":
            return []
        return [Change("finding-update", conflict.key, conflict.mine, conflict.theirs)]
    out = []
    if side == "theirs":
        out.append(Change("result", conflict.key, _score(conflict.mine), _score(conflict.theirs)))
    # whoever's score stands, the member's notes and methods are kept (unioned)
    out.extend(_note_and_methods(plan, conflict.key, conflict.mine, conflict.theirs))
    return out


def _apply_change(plan: MergePlan, change: Change) -> None:
    store, audit_id = plan.store, plan.audit_id
    if change.kind == "result":
        store.set_result(audit_id, change.key, to_item_result(change.new))
    elif change.kind == "note":
        store.set_note(audit_id, change.key, change.new)
    elif change.kind == "methods":
        store.set_methods(audit_id, change.key, change.new)
    elif change.kind == "finding":
        sync_rows.merge_finding(
            store,
            audit_id,
            {**change.new, "created_by": change.new["created_by"] or plan.author},
        )
    elif change.kind == "finding-update":
        store.update_finding(int(change.old["id"]), **change.new)
    elif change.kind == "attachment":
        _insert_link(plan, change.new)
    else:  # pragma: no cover - the planner makes no other kinds
        raise AssertionError(change.kind)


def _insert_link(plan: MergePlan, link: dict[str, Any]) -> None:
    store, pkg = plan.store, plan.package
    files = [f for f in pkg.data.doc["attachments"] if f["sha256"] == link["sha256"]]
    sync_rows.add_attachment_files(store, files, pkg.files, pkg.thumbs)
    sync_rows.add_attachment_link(
        store, plan.audit_id, {**link, "added_by": link["added_by"] or plan.author}
    )
