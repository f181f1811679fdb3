"""`auditor-app committee list|decide|certificates|history|act|followup`: the committee's work.

`list` exits 1 when any listed report fails verification, so a script notices. `decide` and
`list` verify against `--trust` files, by default the trust list the GUI remembers.
"""

from __future__ import annotations

import argparse

from auditor_app.cli.common import add_db_argument, audit_id_from, open_store, print_json
from auditor_app.core.numbers import fmt_score


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
    decide.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CA.pem",
        help="trusted root certificate: an approval needs the report's signature trusted "
        "(default: the trust list saved in the database)",
    )
    decide.add_argument(
        "--replaces",
        default="",
        metavar="NUMBER",
        help="a recertification under a new number: the certificate it replaces",
    )
    decide.add_argument("--scope", help="the certified scope granted (default: the audit's)")
    decide.add_argument(
        "--outstanding",
        default="",
        metavar="REASON",
        help="the committee decides the results are outstanding: grant the score's level "
        "although the scheme's level conditions (e.g. stars after a year) would hold it back",
    )
    decide.add_argument("--json", action="store_true")
    decide.set_defaults(func=cmd_decide)

    hist = actions.add_parser("history", help="a certificate's register: every change and why")
    add_db_argument(hist)
    hist.add_argument("certificate", metavar="NUMBER")
    hist.add_argument("--json", action="store_true")
    hist.set_defaults(func=cmd_history)

    act = actions.add_parser(
        "act", help="suspend, withdraw, reduce or extend the scope of a certificate"
    )
    add_db_argument(act)
    act.add_argument("certificate", metavar="NUMBER")
    act.add_argument("action", choices=("suspend", "withdraw", "reduce-scope", "extend-scope"))
    act.add_argument("--reason", required=True, help="why (printed in the register)")
    act.add_argument("--date", help="effective date YYYY-MM-DD (default today)")
    act.add_argument("--audit", help="the audit/report the decision rests on")
    act.add_argument("--deadline", help="a suspension's deadline (default: the longest allowed)")
    act.add_argument("--scope", help="the new scope (reduce-scope, extend-scope)")
    act.add_argument("--json", action="store_true")
    act.set_defaults(func=cmd_act)

    follow = actions.add_parser(
        "followup", help="nonconformities of an audit: show, or record correction/verification"
    )
    add_db_argument(follow)
    follow.add_argument("--audit", required=True)
    follow.add_argument("--finding", metavar="UID", help="the nonconformity to update")
    follow.add_argument("--due", help="due date YYYY-MM-DD")
    follow.add_argument("--correction")
    follow.add_argument("--corrective-action")
    follow.add_argument("--verified-by")
    follow.add_argument("--verified-on", help="YYYY-MM-DD")
    follow.add_argument("--evidence")
    follow.add_argument("--close", action="store_true", help="close it (needs the verification)")
    follow.add_argument(
        "--carry-to",
        metavar="AUDIT",
        help="write these nonconformities and their state into that (next) audit's "
        "follow-up section",
    )
    follow.add_argument("--json", action="store_true")
    follow.set_defaults(func=cmd_followup)

    certs = actions.add_parser(
        "certificates",
        help="certificate cycle: surveillance and recertification due dates, overdue ones flagged",
    )
    add_db_argument(certs)
    certs.add_argument("--today", help="evaluate as of this date (YYYY-MM-DD)")
    certs.add_argument("--json", action="store_true")
    certs.set_defaults(func=cmd_certificates)


def _saved_trust(store: object) -> list[str]:
    """The trust list the GUI remembers (setting trusted_ca_paths, a JSON list of files)."""
    import json

    from auditor_app.core.settings import PACKAGE_TRUST

    raw = store.get_setting(PACKAGE_TRUST.key)  # type: ignore[attr-defined]
    try:
        paths = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def _yes(value: bool) -> str:
    return "yes" if value else "NO"


def cmd_list(args: argparse.Namespace) -> int:
    from auditor_app.sync.committee import received_reports

    with open_store(args) as store:
        trust = args.trust or _saved_trust(store)
        reports = received_reports(store, trust, include_superseded=args.all)
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
            f"      total {fmt_score(r.total, missing='-')}"
            f"  level {r.level_title or r.level or '-'}  decision {decision}"
        )
        print(
            f"      signer {r.signer or '-'}  intact {_yes(r.intact)}  trusted "
            f"{_yes(r.trusted)}  verdict {'OK' if r.verified else 'NOT OK'}"
        )
        for problem in r.problems:
            print(f"      - {problem}")
        for nc in r.open_nonconformities:  # what is still open when the committee decides
            print(f"      open nonconformity {nc}")
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
            trust=args.trust or _saved_trust(store),
            replaces=args.replaces,
            scope=args.scope,
            outstanding=args.outstanding,
        )
    if args.json:
        from dataclasses import asdict

        print_json(asdict(decision))
        return 0
    print(f"Recorded: {decision.decision} for audit {audit_id} on {decision.decided_on}")
    if decision.level:
        print(f"Level granted: {decision.level}")
    if decision.note:
        print(f"Note: {decision.note}")
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
        until = f" until {data['suspension_deadline']}" if data["suspension_deadline"] else ""
        print(
            f"{data['certificate']}  {data['client']}  {data['state'].upper()}{until}  "
            f"{data['level']}  {data['issued_on']} → {data['expires_on']}  [{flags}]"
        )
        print(
            f"      next surveillance {' to '.join(window) if window else 'none (recertify)'}"
            f"  recertification apply by {data['recertification_due']}"
        )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from auditor_app.sync.certificate_register import history

    with open_store(args) as store:
        events = history(store, args.certificate)
    if args.json:
        print_json(events)
        return 0
    for e in events:
        extra = f" until {e['deadline']}" if e["deadline"] else ""
        report = f" audit {e['audit_id']}" if e["audit_id"] is not None else ""
        print(
            f"{e['effective_on']}  {e['event']:<14} → {e['state']}{extra}  level "
            f"{e['level'] or '-'}  by {e['decided_by']}{report}"
        )
        print(f"      {e['reason']}" + (f"  [scope: {e['scope']}]" if e["scope"] else ""))
    return 0


def cmd_act(args: argparse.Namespace) -> int:
    import datetime as dt

    from auditor_app.cli.common import parse_date
    from auditor_app.sync.certificate_register import act

    on = parse_date(args.date or "", "--date")
    deadline = parse_date(args.deadline or "", "--deadline")
    with open_store(args) as store:
        audit_id = audit_id_from(store, args) if args.audit else None
        cert = act(
            store,
            args.certificate,
            args.action,
            reason=args.reason,
            on=dt.date.fromisoformat(on) if on else dt.date.today(),
            audit_id=audit_id,
            deadline=dt.date.fromisoformat(deadline) if deadline else None,
            scope=args.scope,
        )
    if args.json:
        print_json({"certificate": cert.number, "state": cert.state, "scope": cert.scope})
        return 0
    until = f" until {cert.deadline}" if cert.deadline else ""
    print(f"Certificate {cert.number}: {cert.state}{until}")
    return 0


def cmd_followup(args: argparse.Namespace) -> int:
    from auditor_app.services.followup import nonconformities, record_followup

    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        if args.finding:
            record_followup(
                store,
                args.finding,
                due_on=args.due,
                correction=args.correction,
                corrective_action=args.corrective_action,
                verified_by=args.verified_by,
                verified_on=args.verified_on,
                evidence=args.evidence,
                close=args.close,
            )
        found = nonconformities(store, audit_id)
        if args.carry_to:
            from auditor_app.services.followup import carry_into

            carry_into(store, audit_id, int(store.find_audit(args.carry_to)))
    if args.json:
        print_json([nc.to_dict() for nc in found])
        return 0
    if not found:
        print("No nonconformities.")
    for nc in found:
        state = f"closed {nc.verified_on} by {nc.verified_by}" if nc.closed else "OPEN"
        print(f"{nc.uid}  [{nc.kind}] {nc.item_id or '-'}  {state}  due {nc.due_on or '-'}")
        print(f"      {nc.text}")
    return 0
