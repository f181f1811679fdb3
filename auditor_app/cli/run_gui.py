"""`auditor-app run`: open the app on the per-user database, with the demo audit at first run."""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor_app.cli.common import add_db_argument, open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("run", help="start the desktop app (the default command)")
    add_db_argument(parser)
    parser.add_argument(
        "--no-demo", action="store_true", help="do not create the sample audit in an empty database"
    )
    parser.set_defaults(func=cmd_run)


def ensure_demo(args: argparse.Namespace) -> None:
    """Create the demo audit in an empty database."""
    from auditor_app.services.demo import create_demo

    with open_store(args) as store:
        if not store.list_audits(include_archived=True):
            create_demo(store)


def cmd_run(args: argparse.Namespace) -> int:
    from auditor_app.paths import default_db
    from auditor_app.store.backup import check_database

    db_path = Path(args.db) if args.db else default_db()
    # A damaged, newer or read-only database is left to the window, which explains it and
    # offers the latest good backup; only a sound one gets the demo audit.
    if not args.no_demo and check_database(db_path).ok:
        ensure_demo(args)
    try:
        from auditor_app.ui.app import run_app
    except ImportError as exc:  # a build without Qt's libraries: say so plainly
        print(f"The desktop window cannot start ({exc}); database: {db_path}")
        return 1
    return int(run_app(db_path))
