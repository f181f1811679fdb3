"""`auditor-app finding add|list`: nonconformities, observations, special items."""

from __future__ import annotations

import argparse

from auditor_app.cli.common import (
    add_db_argument,
    audit_id_from,
    open_store,
    parse_date,
    print_json,
)
from auditor_app.services.audits import AuditService
from auditor_app.store.audit_store import FINDING_KINDS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("finding", help="add or list findings")
    actions = parser.add_subparsers(dest="finding_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record a finding (committed at once)")
    add_db_argument(add)
    add.add_argument("--audit", required=True)
    add.add_argument("--kind", required=True, choices=FINDING_KINDS)
    add.add_argument("--text", required=True)
    add.add_argument("--item", help="the item the finding concerns")
    add.add_argument("--evidence", default="")
    add.add_argument("--rectification", default="", help="what must be rectified (整改要求)")
    add.add_argument("--deadline", default="", help="rectification deadline, YYYY-MM-DD")
    add.set_defaults(func=cmd_add)
    listing = actions.add_parser("list")
    add_db_argument(listing)
    listing.add_argument("--audit", required=True)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)


def cmd_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        finding_id = AuditService(store).add_finding(
            audit_id,
            args.kind,
            args.text,
            item_id=args.item,
            evidence=args.evidence,
            rectification=args.rectification,
            deadline=parse_date(args.deadline, "--deadline"),
        )
        print(f"saved finding {finding_id}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = store.findings(audit_id_from(store, args))
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        item = f" [{row['item_id']}]" if row["item_id"] else ""
        due = f" due {row['deadline']}" if row["deadline"] else ""
        print(f"{row['id']:>4} {row['kind']:<17}{item} {row['text']}{due}")
    return 0
