"""Everything a report prints, gathered from the store once, as plain frozen data.

The PDF code never touches the database: it renders a `ReportData`. That keeps rendering
deterministic (the same data gives the same bytes) and lets tests build odd cases directly.
Nothing here reads the clock: the printed report date is the audit's own `updated_at` unless the
caller passes `generated_at`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.core.scheme import Level, Scheme
from auditor_app.core.scoring import ScoreResult
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import AuditStore


@dataclass(frozen=True)
class Client:
    name: str
    address: str
    contact: str
    representative: str


@dataclass(frozen=True)
class Site:
    name: str
    address: str
    is_central: bool
    headcount: int | None
    visited: bool
    sampled: str  # "" | "risk" (chosen by the auditor) | "random" (drawn)


@dataclass(frozen=True)
class Member:
    name: str
    role: str


@dataclass(frozen=True)
class ItemRow:
    """One score-sheet line: the scheme's item with its recorded result."""

    id: str
    title_zh: str
    title_en: str
    points: Decimal
    judged: str
    status: str  # conform / nonconform / partial / deleted / unscored
    kind: str | None  # the recorded result kind (conform, sampled, graded, na …)
    sampled: int | None
    nonconforming: int | None
    awarded: Decimal | None  # graded award
    reason: str  # why deleted
    earned: Decimal
    note: str
    methods: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    title_zh: str
    title_en: str
    points: Decimal
    earned: Decimal
    applicable: Decimal
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class GroupRow:
    id: str
    title_zh: str
    title_en: str
    points: Decimal
    earned: Decimal
    applicable: Decimal
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Finding:
    kind: str
    item_id: str | None
    text: str
    evidence: str
    rectification: str
    deadline: str


@dataclass(frozen=True)
class Photo:
    item_id: str | None
    caption: str
    sha256: str  # of the original file, as received
    data: bytes  # the downscaled JPEG stored at intake
    width: int
    height: int
    original_name: str


@dataclass(frozen=True)
class Revision:
    """What a revised audit replaces, and why."""

    number: int
    reason: str
    supersedes_uid: str
    supersedes_revision: int | None
    supersedes_signed_at: str | None
    supersedes_report_sha256: str | None


@dataclass(frozen=True)
class ReportData:
    audit_id: int
    uid: str
    report_number: str
    audit_type: str
    locked: bool
    client: Client
    scope: str
    objectives: str
    start_date: str
    end_date: str
    deviations: str
    unresolved: str
    changes_since_last: str
    recommendation: str
    others_present: str
    marks_use: str
    previous_followup: str
    scheme: Scheme
    score: ScoreResult
    groups: tuple[GroupRow, ...]
    sites: tuple[Site, ...]
    team: tuple[Member, ...]
    persondays: dict[str, Any]
    site_draw: dict[str, Any]
    findings: tuple[Finding, ...]
    photos: tuple[Photo, ...]
    generated_at: str
    revision: Revision | None = None
    # the audit's place for the signature's /Location: the central function, else the client
    location: str = ""

    @property
    def level(self) -> Level:
        return self.scheme.level(self.score.level)

    @property
    def leader(self) -> Member | None:
        return next((m for m in self.team if m.role == "leader"), None)

    def item(self, item_id: str) -> ItemRow | None:
        for group in self.groups:
            for indicator in group.indicators:
                for item in indicator.items:
                    if item.id == item_id:
                        return item
        return None


class ReportDataError(AuditorError):
    """The audit cannot be reported (e.g. its stored data is inconsistent)."""


def build_report_data(
    store: AuditStore, audit_id: int, generated_at: str | None = None
) -> ReportData:
    """Read one audit and everything its report prints."""
    audit = store.audit(audit_id)
    scheme = store.audit_scheme(audit_id)
    rows = store.result_rows(audit_id)
    findings = store.findings(audit_id)
    score = AuditService(store).score(audit_id)  # the same figures the app shows
    draw = audit["site_draw"] or {}
    sites = tuple(_site(s, draw) for s in store.sites(audit_id))
    central = next((s for s in sites if s.is_central), None)
    return ReportData(
        audit_id=audit_id,
        uid=audit["uid"],
        report_number=audit["report_number"],
        audit_type=audit["audit_type"],
        locked=bool(audit["locked"]),
        client=Client(
            audit["org_name"],
            audit["org_address"],
            audit["org_contact"],
            audit["org_representative"],
        ),
        scope=audit["scope"],
        objectives=audit["objectives"],
        start_date=audit["start_date"],
        end_date=audit["end_date"],
        deviations=audit["deviations"],
        unresolved=audit["unresolved"],
        changes_since_last=audit["changes_since_last"],
        recommendation=audit["recommendation"],
        others_present=audit["others_present"],
        marks_use=audit["marks_use"],
        previous_followup=audit["previous_followup"],
        scheme=scheme,
        score=score,
        groups=_groups(scheme, score, rows),
        sites=sites,
        team=tuple(Member(m["name"], m["role"]) for m in store.team(audit_id)),
        persondays=dict(audit["persondays"] or {}),
        site_draw=dict(draw),
        findings=tuple(
            Finding(
                f["kind"], f["item_id"], f["text"], f["evidence"], f["rectification"], f["deadline"]
            )
            for f in findings
        ),
        photos=_photos(store, audit_id),
        generated_at=generated_at or str(audit["updated_at"])[:10],
        revision=_revision(store, audit),
        location=(central.name if central else audit["org_address"]) or audit["org_name"],
    )


def _site(row: dict[str, Any], draw: dict[str, Any]) -> Site:
    name = row["name"]
    sampled = ""
    if name in (draw.get("chosen") or ()):
        sampled = "risk"
    elif name in (draw.get("random_picks") or ()):
        sampled = "random"
    visited = bool(row["visited"]) or name in (draw.get("visited") or ())
    return Site(name, row["address"], bool(row["is_central"]), row["headcount"], visited, sampled)


def _groups(
    scheme: Scheme, score: ScoreResult, rows: dict[str, dict[str, Any]]
) -> tuple[GroupRow, ...]:
    indicator_totals = {s.id: s for s in score.indicators}
    group_totals = {s.id: s for s in score.groups}
    out = []
    for group in scheme.groups:
        indicators = []
        for ind in group.indicators:
            items = tuple(_item(item, score, rows.get(item.id)) for item in ind.items)
            sub = indicator_totals[ind.id]
            indicators.append(
                IndicatorRow(
                    ind.id,
                    ind.title_zh,
                    ind.title_en,
                    ind.points,
                    sub.earned,
                    sub.applicable,
                    items,
                )
            )
        sub = group_totals[group.id]
        out.append(
            GroupRow(
                group.id,
                group.title_zh,
                group.title_en,
                group.points,
                sub.earned,
                sub.applicable,
                tuple(indicators),
            )
        )
    return tuple(out)


def _item(item: Any, score: ScoreResult, row: dict[str, Any] | None) -> ItemRow:
    row = row or {}
    try:
        methods = tuple(json.loads(row.get("methods") or "[]"))
    except (TypeError, ValueError) as exc:
        raise ReportDataError(f"item {item.id}: stored methods are not readable ({exc})") from exc
    points = row.get("points")
    return ItemRow(
        id=item.id,
        title_zh=item.title_zh,
        title_en=item.title_en,
        points=item.points,
        judged=item.judged,
        status=score.item_status[item.id],
        kind=row.get("result"),
        sampled=row.get("sampled"),
        nonconforming=row.get("nonconforming"),
        awarded=None if points is None else Decimal(points),
        reason=row.get("reason") or "",
        earned=score.item_earned[item.id],
        note=row.get("note") or "",
        methods=methods,
    )


def _photos(store: AuditStore, audit_id: int) -> tuple[Photo, ...]:
    photos = []
    for link in store.attachments(audit_id):
        if not str(link["mime"]).startswith("image/"):
            continue  # PDFs and other documents are listed by the app, not embedded here
        photos.append(
            Photo(
                item_id=link["item_id"],
                caption=link["caption"],
                sha256=link["sha256"],
                data=store.attachment_data(link["sha256"]),
                width=int(link["width"] or 0),
                height=int(link["height"] or 0),
                original_name=link["original_name"],
            )
        )
    return tuple(photos)


def _revision(store: AuditStore, audit: dict[str, Any]) -> Revision | None:
    if not audit["revision"] and not audit["supersedes_uid"]:
        return None
    old_uid = audit["supersedes_uid"] or ""
    old_revision = old_signed = old_sha = None
    if old_uid:
        try:
            old_id = store.find_audit(old_uid)
        except InputError:
            old_id = None  # the replaced revision lives in another database (synced copy)
        if old_id is not None:
            old = store.audit(old_id)
            old_revision = int(old["revision"])
            old_signed = old["signed_at"]
            report = store.latest_report(old_id)
            old_sha = report["sha256"] if report else None
    return Revision(
        int(audit["revision"]), audit["revision_reason"], old_uid, old_revision, old_signed, old_sha
    )
