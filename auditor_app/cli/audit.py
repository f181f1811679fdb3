"""`auditor-app audit new|list|show|revise|trail`: set up and inspect audits."""

from __future__ import annotations

import argparse
import json
import sys

from auditor_app.cli.audit_elements import register_elements
from auditor_app.cli.common import (
    CliError,
    add_db_argument,
    audit_id_from,
    open_store,
    parse_date,
    print_json,
)
from auditor_app.core.errors import AuditorError
from auditor_app.core.numbers import fmt_score
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.planning import HEADCOUNT_KEYS, parse_adjustment
from auditor_app.store.audit_store import AUDIT_TYPES


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("audit", help="create, list and inspect audits")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    new = actions.add_parser("new", help="set up a new audit; prints its id last")
    add_db_argument(new)
    new.add_argument("--org", required=True, help="client organisation name")
    new.add_argument("--address", default="")
    new.add_argument("--contact", default="")
    new.add_argument("--representative", default="")
    new.add_argument("--audit-type", required=True, choices=AUDIT_TYPES)
    new.add_argument("--scheme", help="installed scheme id or scheme file (default GB/T 27922)")
    new.add_argument("--scope", default="")
    new.add_argument("--objectives", default="")
    new.add_argument("--start", default="", help="first audit day, YYYY-MM-DD")
    new.add_argument("--end", default="", help="last audit day, YYYY-MM-DD")
    new.add_argument("--report-number", default="")
    new.add_argument("--headcount", type=int, required=True, help="full-time staff in scope")
    new.add_argument("--part-time", type=int, default=0)
    new.add_argument("--part-time-hours", type=float, default=0.0, help="hours per week each")
    new.add_argument("--temporary", type=int, default=0)
    new.add_argument("--contractors", type=int, default=0)
    new.add_argument("--service-mgmt", type=int, help="service-management staff")
    new.add_argument("--certified-managers", type=int, help="certified after-sales managers")
    new.add_argument("--adjust", action="append", default=[], metavar="REASON=±PCT")
    new.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="NAME[=HEADCOUNT]",
        help="an outlet or site other than the central function, with its own headcount for "
        "the multi-site audit time (repeatable)",
    )
    new.add_argument(
        "--site-reduction",
        type=float,
        default=0.0,
        metavar="PCT",
        help="reduce the time at each sampled site by PCT %% (IAF MD 1: at most 50)",
    )
    new.add_argument("--site-reduction-reason", default="", metavar="TEXT")
    new.add_argument("--central", default="", help="name of the central function (head office)")
    new.add_argument("--leader", default="", help="team leader")
    new.add_argument("--member", action="append", default=[], help="team member (repeatable)")
    new.set_defaults(func=cmd_new)

    cb = actions.add_parser(
        "cb", help="the certification body's identity printed in reports (kept in the database)"
    )
    add_db_argument(cb)
    for flag, key in CB_FLAGS.items():
        cb.add_argument(flag, dest=key, metavar="TEXT", help=f"setting {key}")
    cb.set_defaults(func=cmd_cb)

    listing = actions.add_parser("list", help="audits in the database")
    add_db_argument(listing)
    listing.add_argument("--all", action="store_true", help="include archived audits")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    show = actions.add_parser("show", help="one audit's details")
    add_db_argument(show)
    show.add_argument("--audit", required=True)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    revise = actions.add_parser("revise", help="start a new revision of a signed audit")
    add_db_argument(revise)
    revise.add_argument("--audit", required=True)
    revise.add_argument("--reason", required=True)
    revise.set_defaults(func=cmd_revise)

    trail = actions.add_parser("trail", help="the audit trail (who changed what, when)")
    add_db_argument(trail)
    trail.add_argument("--audit", required=True)
    trail.add_argument("--json", action="store_true")
    trail.set_defaults(func=cmd_trail)
    register_elements(actions)


def cmd_new(args: argparse.Namespace) -> int:
    start, end = parse_date(args.start, "--start"), parse_date(args.end, "--end")
    if start and end and end < start:
        raise CliError(f"--end {end} is before --start {start}")
    if args.part_time and not args.part_time_hours:
        raise CliError("--part-time needs --part-time-hours (weekly hours of each)")
    headcount = {
        "full_time": args.headcount,
        "part_time": args.part_time,
        "part_time_hours": args.part_time_hours,
        "temporary": args.temporary,
        "contractors": args.contractors,
        "service_mgmt_staff": args.service_mgmt,
        "certified_managers": args.certified_managers,
        "adjustments": [[r, float(p)] for r, p in map(parse_adjustment, args.adjust)],
        "site_reduction_percent": args.site_reduction,
        "site_reduction_reason": args.site_reduction_reason,
    }
    assert set(headcount) <= set(HEADCOUNT_KEYS)
    sites = [{"name": args.central, "is_central": True}] if args.central else []
    sites += [_site(text) for text in args.site]
    team = [{"name": args.leader, "role": "leader"}] if args.leader else []
    team += [{"name": name, "role": "member"} for name in args.member]
    with open_store(args) as store:
        audit_id, plan = AuditService(store).create_planned_audit(
            ClientInfo(args.org, args.address, args.contact, args.representative),
            args.audit_type,
            args.scheme,
            sites=sites,
            team=team,
            strict_plan=True,
            scope=args.scope,
            objectives=args.objectives,
            start_date=start,
            end_date=end,
            report_number=args.report_number,
            headcount=headcount,
        )
        assert plan is not None  # strict_plan: an unplannable headcount raised above
        print(
            f"person-days: {plan.audit_days} (table {plan.table_days}, effective personnel "
            f"{plan.effective_personnel})"
        )
        print(f"created audit {audit_id}")
    return 0


def _site(text: str) -> dict[str, object]:
    """'Outlet A=12' → name and headcount; a name alone leaves the headcount unknown."""
    name, sep, head = text.rpartition("=")
    if not sep:
        return {"name": text}
    try:
        count = int(head)
    except ValueError:
        raise CliError(f"--site {text!r}: the headcount after '=' must be a whole number") from None
    if count < 1:
        raise CliError(f"--site {text!r}: a site needs at least 1 person")
    return {"name": name.strip(), "headcount": count}


CB_FLAGS = {
    "--name": "cb_name",
    "--name-en": "cb_name_en",
    "--address": "cb_address",
    "--address-en": "cb_address_en",
    "--contact": "cb_contact",
    "--accreditation": "cb_accreditation",
}


def cmd_cb(args: argparse.Namespace) -> int:
    """Set the given fields (an empty text clears one), then print the identity in use."""
    from auditor_app.services import settings

    with open_store(args) as store:
        given = {
            k: getattr(args, k).strip() for k in CB_FLAGS.values() if getattr(args, k) is not None
        }
        settings.save(store, given)
        for flag, key in CB_FLAGS.items():
            print(f"{flag[2:]:<14} {store.get_setting(key) or '—'}")
        if not (store.get_setting("cb_name") or "").strip():
            print(
                "no CB name set: reports use the report style's identity "
                "(the shipped one is an example)"
            )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        service = AuditService(store)
        rows = store.list_audits(include_archived=args.all)
        for row in rows:
            try:
                score = service.score(row["id"])
            except AuditorError as exc:  # one damaged audit must not hide the others
                row["total"], row["level"], row["problem"] = None, "DAMAGED", str(exc)
                continue
            row["total"] = float(score.total)
            row["level"] = score.level
    damaged = 1 if any(row.get("problem") for row in rows) else 0
    if args.json:
        print_json(rows)
        return damaged
    for row in rows:
        print(
            f"{row['id']:>4}  {row['org_name']:<24} {row['audit_type']:<16} r{row['revision']}"
            f" {row['status']:<12} {fmt_score(row['total'], missing='-'):>5}"
            f" {row['level']}"
        )
        if row.get("problem"):
            print(f"      {row['problem']}", file=sys.stderr)
    return damaged


def cmd_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        row = store.audit(audit_id)
        row["sites"] = store.sites(audit_id)
        row["team"] = store.team(audit_id)
    if args.json:
        print_json(row)
    else:
        for key, value in row.items():
            if isinstance(value, dict | list):
                value = json.dumps(value, ensure_ascii=False)
            print(f"{key:>20}: {value}")
    return 0


def cmd_revise(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        new_id = store.new_revision(audit_id_from(store, args), args.reason)
        print(f"created revision audit {new_id}")
    return 0


def cmd_trail(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = store.trail(audit_id_from(store, args))
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(
            f"{row['at'][:19]} {row['actor']:<12} {row['action']:<8} {row['entity']:<12} "
            f"{row['entity_key']:<10} {row['old'] or '—'} → {row['new'] or '—'}"
        )
    return 0
