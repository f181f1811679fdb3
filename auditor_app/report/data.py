"""Everything a report prints, gathered from the store once, as plain frozen data.

The PDF code never touches the database: it renders a `ReportData`. That keeps rendering
deterministic (the same data gives the same bytes) and lets tests build odd cases directly.
Nothing here reads the clock: the printed report date is the audit's own `updated_at` unless the
caller passes `generated_at` (the export passes the signing date when it signs).

Every user text is checked against the report font here (`glyphs.GlyphGuard`): a character the
font cannot draw is printed as "[U+1F600]" instead of an empty box, and `ReportData.warnings`
says where, for the caller to show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor_app.core.audit_time_actual import (
    REPORT_ELEMENT_FIELDS,
    TimeEntry,
    TimeSummary,
    check_entries,
    summarise,
)
from auditor_app.core.errors import AuditorError, InputError
from auditor_app.core.results import ItemResult
from auditor_app.core.scheme import Level, Scheme
from auditor_app.core.scoring import ScoreResult, compute_score
from auditor_app.report.glyphs import GlyphGuard, report_font_codepoints
from auditor_app.services.audits import AuditService
from auditor_app.services.presign import confirmation_label
from auditor_app.store.audit_store import AuditStore


@dataclass(frozen=True)
class Client:
    """The client organisation as the report names it."""

    name: str
    address: str
    contact: str
    representative: str


@dataclass(frozen=True)
class Site:
    """One site as the report lists it: whether it was visited and how it came into the sample."""

    name: str
    address: str
    is_central: bool
    headcount: int | None
    visited: bool
    sampled: str  # "" | "risk" (chosen by the auditor) | "random" (drawn)


@dataclass(frozen=True)
class Member:
    """One member of the audit team; `role` is the team role code (leader, member, expert, observer,
    trainee)."""

    name: str
    role: str


@dataclass(frozen=True)
class SignOff:
    """Who signs the report and in which role, as the sign-off section and the stamp show it."""

    name: str
    role: str  # bilingual text as on the stamp, e.g. "审核组长 Team leader"
    on_team: bool = True  # False: signing with an explicit role, not as an audit team member


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
    """One indicator on the score sheet: its points, what it earned and its applicable points
    (deleted items left out), with its items."""

    id: str
    title_zh: str
    title_en: str
    points: Decimal
    earned: Decimal
    applicable: Decimal
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class GroupRow:
    """One group on the score sheet: its points, what it earned and its applicable points, with its
    indicators."""

    id: str
    title_zh: str
    title_en: str
    points: Decimal
    earned: Decimal
    applicable: Decimal
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Finding:
    """One finding as the report prints it: `kind` is major, minor, observation, special_deduction
    or bonus; `item_id` is None when it concerns no single item; `deadline` is YYYY-MM-DD or ""."""

    kind: str
    item_id: str | None
    text: str
    evidence: str
    rectification: str
    deadline: str


@dataclass(frozen=True)
class Photo:
    """One photo of the appendix (documents are listed by the app, not embedded); `width` and
    `height` are the stored JPEG's pixels (0 when unknown)."""

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
    """Everything one audit's report prints, read once by `build_report_data`; user texts are
    already checked against the report font."""

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
    # the signer when the report is being signed; None for a draft (the leader is expected)
    signer: SignOff | None = None
    # user texts with characters the report font lacks (printed as placeholders), per field
    warnings: tuple[str, ...] = ()
    # checks before signing the signer confirmed knowingly: (what was confirmed, reason)
    confirmations: tuple[tuple[str, str], ...] = ()
    # ISO/IEC 17021-1 9.4.8 statements (objectives met, scope, combination, programme issues)
    elements: dict[str, str] = field(default_factory=dict)
    # actual audit time against the plan (None: not recorded)
    time: TimeSummary | None = None
    # each deleted item: (item id, its points, the total had it applied and not been met)
    deletions: tuple[tuple[str, Decimal, Decimal], ...] = ()

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
    store: AuditStore,
    audit_id: int,
    generated_at: str | None = None,
    *,
    signer: SignOff | None = None,
    codepoints: frozenset[int] | None = None,
    confirmations: dict[str, str] | None = None,
) -> ReportData:
    """Read one audit and everything its report prints.

    `signer` is set when the report is rendered for signing. `codepoints` are the characters
    the font can draw (default: the report font's); user text outside them is replaced.
    """
    guard = GlyphGuard(report_font_codepoints() if codepoints is None else codepoints)
    t = guard.text
    audit = store.audit(audit_id)
    scheme = store.audit_scheme(audit_id)
    rows = store.result_rows(audit_id)
    findings = store.findings(audit_id)
    score = AuditService(store).score(audit_id)  # the same figures the app shows
    draw = audit["site_draw"] or {}
    site_rows = store.sites(audit_id)
    # once visits are recorded per site they are the record; before that, the drawn plan
    recorded = any(s["visited"] for s in site_rows if not s["is_central"])
    sites = tuple(_site(s, draw, recorded, guard, n) for n, s in enumerate(site_rows, 1))
    central = next((s for s in site_rows if s["is_central"]), None)
    return ReportData(
        audit_id=audit_id,
        uid=audit["uid"],
        report_number=t(audit["report_number"], "report number"),
        audit_type=audit["audit_type"],
        locked=bool(audit["locked"]),
        client=Client(
            t(audit["org_name"], "client name"),
            t(audit["org_address"], "client address"),
            t(audit["org_contact"], "client contact"),
            t(audit["org_representative"], "client representative"),
        ),
        scope=t(audit["scope"], "scope"),
        objectives=t(audit["objectives"], "objectives"),
        start_date=t(audit["start_date"], "start date"),
        end_date=t(audit["end_date"], "end date"),
        deviations=t(audit["deviations"], "deviations from the plan"),
        unresolved=t(audit["unresolved"], "unresolved issues"),
        changes_since_last=t(audit["changes_since_last"], "changes since the last audit"),
        recommendation=t(audit["recommendation"], "team recommendation"),
        others_present=t(audit["others_present"], "others present"),
        marks_use=t(audit["marks_use"], "use of certificates and marks"),
        previous_followup=t(audit["previous_followup"], "follow-up of earlier nonconformities"),
        scheme=scheme,
        score=score,
        groups=_groups(scheme, score, rows, guard),
        sites=sites,
        team=tuple(
            Member(t(m["name"], f"team member {n} name"), m["role"])
            for n, m in enumerate(store.team(audit_id), 1)
        ),
        persondays=guard.tree(dict(audit["persondays"] or {}), "audit-time determination"),
        site_draw=guard.tree(dict(draw), "site draw"),
        findings=tuple(
            Finding(
                f["kind"],
                t(f["item_id"], f"finding {n} item") or None,
                t(f["text"], f"finding {n} text"),
                t(f["evidence"], f"finding {n} evidence"),
                t(f["rectification"], f"finding {n} rectification"),
                t(f["deadline"], f"finding {n} deadline"),
            )
            for n, f in enumerate(findings, 1)
        ),
        photos=_photos(store, audit_id, guard),
        generated_at=generated_at or str(audit["updated_at"])[:10],
        revision=_revision(store, audit, guard),
        # the signature's /Location is metadata, not drawn with the report font: kept as is
        location=(central["name"] if central else audit["org_address"]) or audit["org_name"],
        confirmations=tuple(
            (confirmation_label(code), t(reason, f"confirmation {code}"))
            for code, reason in (confirmations or {}).items()
        ),
        signer=(
            None
            if signer is None
            else SignOff(
                t(signer.name, "signer name"), t(signer.role, "signer role"), signer.on_team
            )
        ),
        elements={k: t(audit[k], k.replace("_", " ")) for k in REPORT_ELEMENT_FIELDS},
        time=_time(store, audit_id, audit, guard),
        deletions=_deletions(store, audit_id, scheme),
        warnings=guard.warnings,
    )


def _deletions(
    store: AuditStore, audit_id: int, scheme: Scheme
) -> tuple[tuple[str, Decimal, Decimal], ...]:
    """A deletion renormalises the score upward: what the total would be had the item applied
    and not been met, so the report shows each deletion's effect."""
    results = store.results(audit_id)
    deductions = store.count_findings(audit_id, "special_deduction")
    bonus = store.count_findings(audit_id, "bonus")
    out = []
    for item in scheme.items:
        result = results.get(item.id)
        if result is None or result.kind != "na":
            continue
        kept = {**results, item.id: ItemResult("nonconform")}
        total = compute_score(scheme, kept, special_deductions=deductions, bonus=bonus).total
        out.append((item.id, item.points, total))
    return tuple(out)


def _time(
    store: AuditStore, audit_id: int, audit: dict[str, Any], guard: GlyphGuard
) -> TimeSummary | None:
    entries = [
        TimeEntry(
            guard.text(e.name, f"time record {n} name"),
            e.date,
            guard.text(e.site, f"time record {n} site"),
            e.mode,
            e.stage,
            e.days,
        )
        for n, e in enumerate(check_entries(audit["actual_time"] or []), 1)
    ]
    if not entries:
        return None
    team = [
        {"name": guard.text(m["name"], "team"), "role": m["role"]} for m in store.team(audit_id)
    ]
    planned = (audit["persondays"] or {}).get("audit_days")
    return summarise(
        entries,
        team,
        None if planned is None else Decimal(str(planned)),
        guard.text(audit["time_deviation_reason"], "reason for the time deviation"),
    )


def _site(
    row: dict[str, Any], draw: dict[str, Any], recorded: bool, guard: GlyphGuard, n: int
) -> Site:
    name = row["name"]
    sampled = ""
    if name in (draw.get("chosen") or ()):
        sampled = "risk"
    elif name in (draw.get("random_picks") or ()):
        sampled = "random"
    planned = name in (draw.get("visited") or ())
    # a drawn site that was not visited (closed, replaced) must not print as visited
    visited = bool(row["visited"]) or (planned and (bool(row["is_central"]) or not recorded))
    return Site(
        guard.text(name, f"site {n} name"),
        guard.text(row["address"], f"site {n} address"),
        bool(row["is_central"]),
        row["headcount"],
        visited,
        sampled,
    )


def _groups(
    scheme: Scheme, score: ScoreResult, rows: dict[str, dict[str, Any]], guard: GlyphGuard
) -> tuple[GroupRow, ...]:
    indicator_totals = {s.id: s for s in score.indicators}
    group_totals = {s.id: s for s in score.groups}
    out = []
    for group in scheme.groups:
        indicators = []
        for ind in group.indicators:
            items = tuple(_item(item, score, rows.get(item.id), guard) for item in ind.items)
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


def _item(item: Any, score: ScoreResult, row: dict[str, Any] | None, guard: GlyphGuard) -> ItemRow:
    row = row or {}
    try:
        methods = tuple(
            guard.text(str(m), f"item {item.id} methods")
            for m in json.loads(row.get("methods") or "[]")
        )
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
        reason=guard.text(row.get("reason"), f"item {item.id} deletion reason"),
        earned=score.item_earned[item.id],
        note=guard.text(row.get("note"), f"item {item.id} note"),
        methods=methods,
    )


def _photos(store: AuditStore, audit_id: int, guard: GlyphGuard) -> tuple[Photo, ...]:
    photos = []
    for n, link in enumerate(store.attachments(audit_id), 1):
        if not str(link["mime"]).startswith("image/"):
            continue  # PDFs and other documents are listed by the app, not embedded here
        photos.append(
            Photo(
                item_id=link["item_id"],
                caption=guard.text(link["caption"], f"photo {n} caption"),
                sha256=link["sha256"],
                data=store.attachment_data(link["sha256"]),
                width=int(link["width"] or 0),
                height=int(link["height"] or 0),
                original_name=guard.text(link["original_name"], f"photo {n} file name"),
            )
        )
    return tuple(photos)


def _revision(store: AuditStore, audit: dict[str, Any], guard: GlyphGuard) -> Revision | None:
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
        int(audit["revision"]),
        guard.text(audit["revision_reason"], "revision reason"),
        old_uid,
        old_revision,
        old_signed,
        old_sha,
    )
