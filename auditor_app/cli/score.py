"""`auditor-app score set|show`: record an item's result, print the audit's score."""

from __future__ import annotations

import argparse

from auditor_app.cli.common import CliError, add_db_argument, audit_id_from, open_store, print_json
from auditor_app.core.numbers import fmt_points, fmt_score
from auditor_app.core.results import (
    CONFORM,
    GRADED,
    NA,
    NONCONFORM,
    SAMPLED,
    ItemResult,
    to_decimal,
)
from auditor_app.services.audits import KEEP, AuditService, Keep


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("score", help="record item results and show the score")
    actions = parser.add_subparsers(dest="score_command", metavar="ACTION", required=True)

    set_ = actions.add_parser("set", help="record one item's result (committed at once)")
    add_db_argument(set_)
    set_.add_argument("--audit", required=True, help="audit id")
    set_.add_argument("item", help="item id, e.g. 5.1.2.2")
    how = set_.add_mutually_exclusive_group()
    how.add_argument("--conform", action="store_true", help="conforming: full points")
    how.add_argument("--nonconform", action="store_true", help="nonconforming: whole value lost")
    how.add_argument("--na", action="store_true", help="deleted / not applicable (needs --reason)")
    how.add_argument("--sampled", type=int, metavar="N", help="sample size (with --nonconforming)")
    how.add_argument("--points", metavar="X", help="graded award (one of the item's steps)")
    how.add_argument("--clear", action="store_true", help="remove the result (unscored)")
    set_.add_argument("--nonconforming", type=int, metavar="K", help="nonconforming in sample")
    set_.add_argument("--reason", default="", help="why the item does not apply")
    set_.add_argument("--note", help="evidence note (replaces the item's note)")
    set_.set_defaults(func=cmd_set)

    show = actions.add_parser("show", help="total, level, groups and the gap to the next level")
    add_db_argument(show)
    show.add_argument("--audit", required=True, help="audit id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)


# What `score set` does to the result: record this one, clear it (None), or leave it (a
# note-only edit).
def result_from_args(args: argparse.Namespace) -> ItemResult | Keep | None:
    if args.nonconforming is not None and args.sampled is None:
        raise CliError("--nonconforming goes with --sampled N")
    if args.reason and not args.na:
        raise CliError("--reason goes with --na")
    if args.conform:
        return ItemResult(CONFORM)
    if args.nonconform:
        return ItemResult(NONCONFORM)
    if args.na:
        return ItemResult(NA, reason=args.reason)
    if args.sampled is not None:
        if args.nonconforming is None:
            raise CliError("--sampled N needs --nonconforming K")
        return ItemResult(SAMPLED, sampled=args.sampled, nonconforming=args.nonconforming)
    if args.points is not None:
        return ItemResult(GRADED, points=to_decimal(args.points, "--points"))
    if args.clear:
        return None
    if args.note is None:
        raise CliError(
            "say how the item was judged: --conform, --nonconform, --na --reason, "
            "--sampled N --nonconforming K, --points X, --clear, or give --note"
        )
    return KEEP


def cmd_set(args: argparse.Namespace) -> int:
    result = result_from_args(args)
    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        # result and note commit together, or neither
        AuditService(store).set_result_with_note(audit_id, args.item, result, args.note)
        # printed only after COMMIT returned: a crash before this line loses no acknowledged edit
        print("saved", flush=True)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        service = AuditService(store)
        scheme = service.scheme(audit_id)
        score = service.score(audit_id)
    if args.json:
        print_json(score.to_dict())
        return 0
    level = scheme.level(score.level)
    print(
        f"total {fmt_score(score.total)} / {fmt_points(scheme.total_points)}"
        f"   level {level.title_zh} {level.title_en}"
        f"   scored {score.scored}/{score.item_count}"
    )
    for group, sub in zip(scheme.groups, score.groups, strict=True):
        print(
            f"  {group.id:<6} {group.title_zh:<10} {fmt_points(sub.earned):>6} / "
            f"{fmt_points(sub.out_of)} (scheme {fmt_points(sub.max)})"
        )
    print(f"  special deductions {score.special_deductions}, bonus {score.bonus}")
    for reason in score.failed_because:
        print(f"  fails: {reason}")
    if score.gap:
        nxt = scheme.level(score.gap.next_level)
        items = ", ".join(str(c.item_id) for c in score.gap.corrections)
        reach = "" if score.gap.reachable else " (not reachable at this audit)"
        print(
            f"  to reach {nxt.title_zh} {nxt.title_en} (≥{fmt_score(nxt.min_score)}): "
            f"{fmt_points(score.gap.points_needed)} points; correct {items or '—'}{reach}"
        )
        for blocker in score.gap.blockers:
            print(f"  blocker: {blocker}")
        if score.special_deductions:
            # clause 6.2: rectification does not give a special deduction's point back
            print(
                "  special deductions are not recoverable: rectification does not restore "
                "their points at this audit (clause 6.2)"
            )
    return 0
