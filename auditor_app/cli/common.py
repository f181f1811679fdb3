"""Helpers shared by the command modules: errors, JSON output, opening the store."""

from __future__ import annotations

import json
import sys
from typing import Any


class CliError(Exception):
    """A problem with the command line itself; printed as one line, exit code 2 by default."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def report_error(message: str, code: int) -> int:
    print(f"auditor-app: error: {message}", file=sys.stderr)
    return code


def print_json(data: Any) -> None:
    from auditor_app.cli.console import is_utf8

    # ASCII escapes keep the JSON intact on a non-UTF-8 Windows code page (cp936, cp1252).
    json.dump(data, sys.stdout, ensure_ascii=not is_utf8(sys.stdout), indent=2, sort_keys=False)
    sys.stdout.write("\n")


def add_db_argument(parser: Any) -> None:
    parser.add_argument("--db", help="database file (default: the per-user database)")


def open_store(args: Any) -> Any:
    """Open the store named by `--db` (or the per-user default); caller closes it."""
    from pathlib import Path

    from auditor_app.paths import default_db
    from auditor_app.store.audit_store import AuditStore

    path = Path(args.db) if getattr(args, "db", None) else default_db()
    # no mkdir here: the store creates a new database's folder owner-only (0700)
    return AuditStore(path)


def audit_id_from(store: Any, args: Any) -> int:
    if not getattr(args, "audit", None):
        raise CliError("--audit ID is required")
    return int(store.find_audit(args.audit))


def parse_date(text: str, option: str) -> str:
    """'' or an ISO date (YYYY-MM-DD); anything else is a clear command-line error."""
    from datetime import date

    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise CliError(f"{option} must be a date like 2026-12-31, not {text!r}") from None
