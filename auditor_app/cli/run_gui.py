"""`auditor-app run`: open the app on the per-user database, with the demo audit at first run."""

from __future__ import annotations

import argparse

from auditor_app.cli.common import add_db_argument, open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("run", help="start the desktop app (the default command)")
    add_db_argument(parser)
    parser.add_argument(
        "--no-demo", action="store_true", help="do not create the sample audit in an empty database"
    )
    parser.set_defaults(func=cmd_run)


def ensure_demo(args: argparse.Namespace) -> str:
    """Create the demo audit in an empty database; return the database path."""
    from auditor_app.services.demo import create_demo

    with open_store(args) as store:
        if not args.no_demo and not store.list_audits(include_archived=True):
            create_demo(store)
        return str(store.path)


def cmd_run(args: argparse.Namespace) -> int:
    db_path = ensure_demo(args)
    try:
        from auditor_app.ui.app import run_app
    except ModuleNotFoundError as exc:
        if exc.name != "auditor_app.ui.app":
            raise
        print(f"The desktop window is not part of this build; database: {db_path}")
        return 0
    return int(run_app(db_path))
