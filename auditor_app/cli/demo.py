"""`auditor-app demo`: create the realistic sample audit; prints its id last."""

from __future__ import annotations

import argparse

from auditor_app.cli.common import add_db_argument, open_store
from auditor_app.core.numbers import fmt_score
from auditor_app.services.audits import AuditService
from auditor_app.services.demo import create_demo


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("demo", help="create a fully scored sample audit")
    add_db_argument(parser)
    parser.add_argument("--scheme", help="scheme id or file (default GB/T 27922)")
    parser.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        audit_id = create_demo(store, args.scheme)
        score = AuditService(store).score(audit_id)
        level = store.audit_scheme(audit_id).level(score.level)
        print(
            f"demo audit: {store.audit(audit_id)['org_name']}, total {fmt_score(score.total)}, "
            f"{level.title_zh} {level.title_en}"
        )
        print(f"created audit {audit_id}")
    return 0
