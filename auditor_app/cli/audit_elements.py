"""`auditor-app audit set|time`: the report's ISO/IEC 17021-1 9.4.8 statements and actual time.

`audit set` records the statements the team makes at the closing meeting (objectives met, scope
appropriate, combined/joint/integrated, significant issues affecting the audit programme, the
reason for a deviation from the planned time). `audit time` records who spent how many days on
which date at which site, on or off site, in which stage, and prints the comparison with the
plan; technical experts and observers are listed but do not count.
"""

from __future__ import annotations

import argparse
from typing import Any

from auditor_app.cli.common import CliError, add_db_argument, audit_id_from, open_store, print_json
from auditor_app.core.audit_time_actual import COMBINATIONS, OBJECTIVES_MET, SCOPE_APPROPRIATE
from auditor_app.services.planning import actual_time_summary

SET_FLAGS = {
    "--programme-issues": "programme_issues",
    "--combination": "audit_combination",
    "--objectives-met": "objectives_met",
    "--scope-appropriate": "scope_appropriate",
    "--scope-conclusion": "scope_conclusion",
    "--deviation-reason": "time_deviation_reason",
}
CHOICES = {
    "audit_combination": COMBINATIONS,
    "objectives_met": OBJECTIVES_MET,
    "scope_appropriate": SCOPE_APPROPRIATE,
}


def register_elements(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    set_ = actions.add_parser("set", help="the report's 9.4.8 statements (objectives met …)")
    add_db_argument(set_)
    set_.add_argument("--audit", required=True)
    for flag, key in SET_FLAGS.items():
        choices = CHOICES.get(key)
        set_.add_argument(
            flag, dest=key, metavar="|".join(c for c in choices if c) if choices else "TEXT"
        )
    set_.set_defaults(func=cmd_set)

    time = actions.add_parser("time", help="record the actual audit time and compare it")
    add_db_argument(time)
    time.add_argument("--audit", required=True)
    time.add_argument(
        "--record",
        action="append",
        metavar="NAME,DATE,SITE,MODE,STAGE,DAYS",
        help="one person's day at one site, e.g. '王建国,2026-11-23,总部,onsite,2,1' "
        "(MODE onsite|offsite, STAGE 1|2|empty); repeatable; replaces the recorded list",
    )
    time.add_argument("--clear", action="store_true", help="remove every record")
    time.add_argument("--json", action="store_true")
    time.set_defaults(func=cmd_time)


def cmd_set(args: argparse.Namespace) -> int:
    fields = {k: getattr(args, k).strip() for k in SET_FLAGS.values() if getattr(args, k)}
    if not fields:
        raise CliError(f"give at least one of {', '.join(SET_FLAGS)}")
    with open_store(args) as store:
        store.update_audit(audit_id_from(store, args), **fields)
    print(f"saved {', '.join(sorted(fields))}")
    return 0


def parse_record(text: str) -> dict[str, Any]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 6:
        raise CliError(f"--record {text!r}: expected NAME,DATE,SITE,MODE,STAGE,DAYS")
    return dict(zip(("name", "date", "site", "mode", "stage", "days"), parts, strict=True))


def cmd_time(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        if args.clear:
            store.update_audit(audit_id, actual_time=[])
        elif args.record:
            store.update_audit(audit_id, actual_time=[parse_record(r) for r in args.record])
        summary = actual_time_summary(store, audit_id)
        planned = None if summary.planned is None else float(summary.planned)
    data = {
        "planned_days": planned,
        "auditor_days": float(summary.auditor_days),
        "onsite": float(summary.onsite),
        "offsite": float(summary.offsite),
        "stage1": float(summary.stage1),
        "stage2": float(summary.stage2),
        "not_counted": float(summary.not_counted),
        "deviation": None if summary.deviation is None else float(summary.deviation),
        "deviation_reason": summary.reason,
        "needs_reason": summary.needs_reason,
        "records": [e.to_dict() for e in summary.entries],
    }
    if args.json:
        print_json(data)
        return 0
    for e in summary.entries:
        counted = (
            ""
            if summary.counted(e)
            else "  (not counted: " + (summary.roles.get(e.name) or "not on the team") + ")"
        )
        print(f"{e.date} {e.name} {e.site} {e.mode} stage {e.stage or '-'} {e.days}{counted}")
    print(
        f"auditor-days {data['auditor_days']:g} (on site {data['onsite']:g}, off site "
        f"{data['offsite']:g}); planned {planned if planned is not None else '—'}"
    )
    if summary.deviation:
        print(
            f"deviation {float(summary.deviation):+g} days; reason: {summary.reason or 'MISSING'}"
        )
    return 0
