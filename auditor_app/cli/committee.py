"""`auditor-app committee list|decide|certificates`: the review committee's work.

`list` exits 1 when any listed report fails verification, so a script notices.
"""

from __future__ import annotations

import argparse

from auditor_app.cli.common import add_db_argument, audit_id_from, open_store, print_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("committee", help="review received reports, decide, certificates")
    actions = parser.add_subparsers(dest="committee_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="received reports with verification and decision")
    add_db_argument(listing)
    listing.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CA.pem",
        help="trusted root certificate for the reports' signatures",
    )
    listing.add_argument("--all", action="store_true", help="include superseded revisions")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    decide = actions.add_parser("decide", help="record the committee's decision on a report")
    add_db_argument(decide)
    decide.add_argument("--audit", required=True)
    decide.add_argument("decision", choices=("approve", "reject", "rectification_required"))
    decide.add_argument(
        "--certificate",
        default="",
        metavar="NUMBER",
        help="certificate number (required to approve)",
    )
    decide.add_argument("--date", help="decision date YYYY-MM-DD (default today)")
    decide.add_argument("--issued", help="certificate issue date (default: decision date)")
    decide.add_argument("--note", default="")
    decide.add_argument("--json", action="store_true")
    decide.set_defaults(func=cmd_decide)

    certs = actions.add_parser(
        "certificates",
        help="certificate cycle: surveillance and recertification due dates, overdue ones flagged",
    )
    add_db_argument(certs)
    certs.add_argument("--today", help="evaluate as of this date (YYYY-MM-DD)")
    certs.add_argument("--json", action="store_true")
    certs.set_defaults(func=cmd_certificates)


def _yes(value: bool) -> str:
    return "yes" if value else "NO"


def cmd_list(args: argparse.Namespace) -> int:
    from auditor_app.sync.committee import received_reports

    with open_store(args) as store:
        reports = received_reports(store, args.trust, include_superseded=args.all)
    if args.json:
        print_json([r.to_dict() for r in reports])
        return 0 if all(r.verified for r in reports) else 1
    if not reports:
        print("No signed reports received yet.")
    for r in reports:
        decision = r.decision.decision if r.decision else "pending"
        if r.decision and r.decision.certificate_number:
            decision += f" ({r.decision.certificate_number})"
        print(
            f"{r.audit_id:>4}  {r.client}  {r.audit_type} r{r.revision}"
            f"{' (superseded)' if r.superseded else ''}  {r.report_number}"
        )
        print(
            f"      total {r.total or '-'}  level {r.level_title or r.level or '-'}  "
            f"decision {decision}"
        )
        print(
            f"      signer {r.signer or '-'}  intact {_yes(r.intact)}  trusted "
            f"{_yes(r.trusted)}  verdict {'OK' if r.verified else 'NOT OK'}"
        )
        for problem in r.problems:
            print(f"      - {problem}")
    return 0 if all(r.verified for r in reports) else 1


def cmd_decide(args: argparse.Namespace) -> int:
    from auditor_app.sync.committee import decide

    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        decision = decide(
            store,
            audit_id,
            args.decision,
            decided_on=args.date,
            certificate_number=args.certificate,
            issued_on=args.issued,
            note=args.note,
        )
    if args.json:
        from dataclasses import asdict

        print_json(asdict(decision))
        return 0
    print(f"Recorded: {decision.decision} for audit {audit_id} on {decision.decided_on}")
    if decision.issued_on:
        print(
            f"Certificate {decision.certificate_number} issued {decision.issued_on}, valid "
            f"until {decision.expires_on}"
        )
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    import datetime as dt

    from auditor_app.cli.common import CliError
    from auditor_app.sync.committee import certificates

    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError as exc:
        raise CliError(f"--today must be YYYY-MM-DD, got {args.today!r}") from exc
    with open_store(args) as store:
        found = certificates(store, today)
    if args.json:
        print_json([c.to_dict() for c in found])
        return 0
    if not found:
        print("No certificates issued yet.")
    for status in found:
        data = status.to_dict()
        window = data["next_surveillance"]
        flags = ", ".join(data["flags"]) or "ok"
        print(
            f"{data['certificate']}  {data['client']}  {data['level']}  "
            f"{data['issued_on']} → {data['expires_on']}  [{flags}]"
        )
        print(
            f"      next surveillance {' to '.join(window) if window else 'none (recertify)'}"
            f"  recertification apply by {data['recertification_due']}"
        )
    return 0
