"""`auditor-app backup create|list|restore|check`: the rolling backups of the database.

These commands work on the database file itself, without opening the store, so that they
still work when the database is damaged. Restoring moves the current file aside; it is never
deleted.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor_app.cli.common import CliError, add_db_argument, print_json
from auditor_app.store import backup


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("backup", help="make, list, check and restore database backups")
    actions = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="back up the database now (old copies thinned)")
    add_db_argument(create)
    create.set_defaults(func=cmd_create)

    list_ = actions.add_parser("list", help="list the backups, newest first")
    add_db_argument(list_)
    list_.add_argument("--check", action="store_true", help="check each backup's integrity")
    list_.add_argument("--json", action="store_true")
    list_.set_defaults(func=cmd_list)

    restore = actions.add_parser(
        "restore", help="replace the database with a backup (the current file is kept aside)"
    )
    add_db_argument(restore)
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", help="the backup file to restore")
    which.add_argument("--latest", action="store_true", help="the newest backup that is sound")
    restore.set_defaults(func=cmd_restore)

    check = actions.add_parser("check", help="is the database sound? (exit 1 when damaged)")
    add_db_argument(check)
    check.set_defaults(func=cmd_check)


def _db_path(args: argparse.Namespace) -> Path:
    from auditor_app.paths import default_db

    return Path(args.db) if args.db else default_db()


def cmd_create(args: argparse.Namespace) -> int:
    info = backup.make_backup(_db_path(args))
    print(f"backup written: {info.path} ({info.size / 1e6:.1f} MB)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    rows = []
    for info in backup.list_backups(_db_path(args)):
        problem = backup.check_backup(info.path) if args.check else None
        rows.append(
            {
                "file": str(info.path),
                "created": info.created.isoformat(),
                "size": info.size,
                "sound": (problem is None) if args.check else None,
                "problem": problem,
            }
        )
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no backups yet")
    for row in rows:
        state = (
            ""
            if row["sound"] is None
            else ("  ok" if row["sound"] else f"  DAMAGED: {row['problem']}")
        )
        print(f"{row['created'][:19]}  {row['size'] / 1e6:8.1f} MB  {row['file']}{state}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = _db_path(args)
    if args.latest:
        good = backup.latest_good_backup(db_path)
        if good is None:
            raise CliError(f"there is no sound backup of {db_path}", 1)
        source = good.path
    else:
        source = Path(args.file)
        if not source.is_file():
            raise CliError(f"no backup file {source}", 1)
    result = backup.restore_backup(source, db_path)
    print(f"restored {db_path} from {source}")
    if result.moved_aside:
        print(f"the previous database was kept as {result.moved_aside}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from auditor_app.store.integrity import check_stored_data

    health = backup.check_database(_db_path(args))
    damaged = check_stored_data(health.db_path) if health.status == "ok" else []
    if damaged:  # the file is sound, but records in it no longer match their hashes
        print(f"damaged: {health.db_path} holds {len(damaged)} damaged record(s):")
        for line in damaged:
            print(f"  - {line}")
        print(
            f"restore a backup made before the damage: auditor-app backup list --db "
            f"{health.db_path} --check"
        )
        return 1
    print(f"{health.status}: {health.message}")
    if health.backup is not None:
        print(f"restore it with: auditor-app backup restore --db {health.db_path} --latest")
    return 0 if health.ok else 1
