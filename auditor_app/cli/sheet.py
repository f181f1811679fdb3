"""`auditor-app sheet export|import`: the score sheet as an Excel-friendly CSV file."""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor_app.cli.common import add_db_argument, audit_id_from, open_store
from auditor_app.services.audits import AuditService
from auditor_app.services.sheet import export_sheet, import_sheet


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("sheet", help="export or import the score sheet as CSV")
    actions = parser.add_subparsers(dest="sheet_command", metavar="ACTION", required=True)
    for name, func, help_ in (
        ("export", cmd_export, "write the score sheet to CSV"),
        ("import", cmd_import, "apply a CSV score sheet (all or nothing)"),
    ):
        p = actions.add_parser(name, help=help_)
        add_db_argument(p)
        p.add_argument("--audit", required=True)
        p.add_argument("file", help="FILE.csv")
        p.set_defaults(func=func)


def cmd_export(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        count = export_sheet(AuditService(store), audit_id_from(store, args), Path(args.file))
    print(f"wrote {count} items to {args.file}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        changed = import_sheet(AuditService(store), audit_id_from(store, args), Path(args.file))
    print(f"saved: {changed} item(s) changed")
    return 0
