"""`auditor-app package export|import|merge|limit`: audits as single files for email.

Exit status: 0 done (or nothing to do); 1 refused, over the email limit, or merge conflicts
left undecided; 2 a problem with the command line or its files.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor_app.cli.common import CliError, add_db_argument, audit_id_from, open_store, print_json

if TYPE_CHECKING:  # the sync stack is imported by each command, keeping --help fast
    from cryptography import x509

    from auditor_app.signing.keys import AuditorKey
    from auditor_app.sync.merge import MergeOutcome, MergePlan


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("package", help="export, import and merge audit packages")
    actions = parser.add_subparsers(dest="package_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write an audit (or your part of it) to a file")
    add_db_argument(export)
    export.add_argument("--audit", required=True)
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument(
        "--key",
        required=True,
        metavar="FILE.p12",
        help="your signing key (passphrase from AUDITOR_PASSPHRASE or asked)",
    )
    export.add_argument(
        "--to",
        metavar="CERT.pem",
        help="encrypt for this recipient (the review committee's certificate)",
    )
    export.add_argument(
        "--member", action="store_true", help="a team member's package for the leader to merge"
    )
    export.add_argument(
        "--items",
        metavar="PREFIX,...",
        help="with --member: only these items (id prefixes, e.g. 5.2,5.3.1)",
    )
    export.add_argument(
        "--force", action="store_true", help="write even when larger than the email limit"
    )
    export.set_defaults(func=cmd_export)

    imp = actions.add_parser("import", help="import a revision package (all or nothing)")
    add_db_argument(imp)
    imp.add_argument("file", metavar="FILE")
    _trust_and_key(imp)
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=cmd_import)

    merge = actions.add_parser("merge", help="merge a team member's package into an audit")
    add_db_argument(merge)
    merge.add_argument("--audit", required=True)
    merge.add_argument("file", metavar="FILE")
    _trust_and_key(merge)
    merge.add_argument(
        "--take",
        nargs=2,
        action="append",
        default=[],
        metavar=("mine|theirs", "ITEM"),
        help="decide a conflict (item id or finding uid, or 'all'); repeatable",
    )
    merge.add_argument("--json", action="store_true")
    merge.set_defaults(func=cmd_merge)

    limit = actions.add_parser("limit", help="show or set the email size limit (MB)")
    add_db_argument(limit)
    limit.add_argument("mb", nargs="?", type=float)
    limit.set_defaults(func=cmd_limit)


def _trust_and_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CA.pem",
        help="trusted certificate (CA or sender); repeat for several",
    )
    parser.add_argument(
        "--key", metavar="FILE.p12", help="your key, to open a package encrypted for you"
    )


def _load_key(path: str | None, *, for_signing: bool) -> AuditorKey | None:
    if not path:
        return None
    from auditor_app.cli.keys import read_passphrase
    from auditor_app.signing.keys import load_key

    # decryption keys need not be signing keys (no nonRepudiation required)
    return load_key(path, read_passphrase(confirm=False), check=for_signing)


def _trust(args: argparse.Namespace) -> list[x509.Certificate]:
    from auditor_app.sync.certs import load_certificates
    from auditor_app.sync.errors import SyncError

    try:
        return load_certificates(args.trust)
    except SyncError as exc:
        raise CliError(str(exc), 2) from exc


def cmd_export(args: argparse.Namespace) -> int:
    from auditor_app.sync.certs import load_certificate
    from auditor_app.sync.errors import SyncError
    from auditor_app.sync.export import build_package, write_package

    items = [p for p in args.items.split(",") if p.strip()] if args.items else None
    if items and not args.member:
        raise CliError("--items needs --member")
    try:
        recipient = load_certificate(args.to) if args.to else None
    except SyncError as exc:
        raise CliError(str(exc), 2) from exc
    key = _load_key(args.key, for_signing=True)
    assert key is not None  # --key is required by the parser
    with open_store(args) as store:
        result = build_package(
            store,
            audit_id_from(store, args),
            key,
            member=args.member,
            recipient=recipient,
            items=items,
        )
    what = (
        "team member package"
        if args.member
        else ("signed revision" if result.signed else "draft revision")
    )
    if result.over_limit and not args.force:
        print(f"Not written: the package is {result.size_text()}.")
        print(
            "Most mail servers refuse it. Use --force to write it anyway (shared folder), or "
            "raise the limit with `package limit MB`."
        )
        return 1
    path = write_package(result, args.out, force=args.force)
    print(
        f"Wrote {what} package {path}: {result.size_text()}"
        f"{', encrypted' if result.encrypted else ''}"
    )
    if result.over_limit:
        print("Warning: larger than the email limit.")
    print(f"SHA-256 {result.sha256}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from auditor_app.sync.importer import import_package

    trust = _trust(args)
    key = _load_key(args.key, for_signing=False)
    with open_store(args) as store:
        outcome = import_package(store, Path(args.file), trust, key=key)
    if args.json:
        print_json(outcome.to_dict())
    elif outcome.refused:
        print(f"Refused ({outcome.code}): {outcome.reason}")
        print("Nothing was changed.")
    else:
        where = f" (audit {outcome.audit_id} here)" if outcome.status != "unchanged" else ""
        print(f"{outcome.status.capitalize()}: {outcome.reason}{where}")
        if outcome.backup:
            print(f"Backup of the database before the import: {outcome.backup}")
    return 1 if outcome.refused else 0


def cmd_merge(args: argparse.Namespace) -> int:
    from auditor_app.sync.errors import PackageRefused
    from auditor_app.sync.merge import apply_merge, plan_merge

    trust = _trust(args)
    key = _load_key(args.key, for_signing=False)
    with open_store(args) as store:
        audit_id = audit_id_from(store, args)
        try:
            plan = plan_merge(store, audit_id, Path(args.file), trust, key=key)
        except PackageRefused as exc:
            if args.json:
                print_json({"status": "refused", "code": exc.code, "reason": exc.reason})
            else:
                print(f"Refused ({exc.code}): {exc.reason}")
                print("Nothing was changed.")
            return 1
        decisions = _decisions(args.take, [c.key for c in plan.conflicts])
        outcome = apply_merge(plan, decisions)
    if args.json:
        print_json({**outcome.to_dict(), "warnings": plan.warnings})
        return 1 if outcome.unresolved else 0
    _print_merge(plan, outcome)
    return 1 if outcome.unresolved else 0


def _decisions(takes: list[list[str]], keys: list[str]) -> dict[str, str]:
    decisions: dict[str, str] = {}
    for side, key in takes:
        if side not in ("mine", "theirs"):
            raise CliError(f"--take {side} {key}: say 'mine' or 'theirs'")
        targets = keys if key == "all" else [key]
        if key != "all" and key not in keys:
            raise CliError(
                f"--take {side} {key}: there is no conflict on {key!r} "
                f"(conflicts: {', '.join(keys) or 'none'})"
            )
        decisions.update(dict.fromkeys(targets, side))
    return decisions


def _brief(side: dict[str, Any]) -> str:
    kind = side.get("result") or side.get("kind")
    parts = [str(kind)]
    if side.get("result") == "sampled":
        parts.append(f"{side.get('nonconforming')}/{side.get('sampled')} nonconforming")
    if side.get("points") is not None:
        parts.append(f"{side.get('points')} points")
    if side.get("reason"):
        parts.append(f"reason: {side['reason']}")
    if side.get("text"):
        parts.append(str(side["text"])[:70])
    return ", ".join(parts)


def _print_merge(plan: MergePlan, outcome: MergeOutcome) -> None:
    print(
        f"Package from {plan.author}: {len(outcome.applied)} change(s) merged"
        + (f", {len(outcome.resolved)} conflict(s) decided" if outcome.resolved else "")
    )
    counts: dict[str, int] = {}
    for change in outcome.applied:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    for kind, n in sorted(counts.items()):
        print(f"  {kind:<15} {n}")
    for warning in plan.warnings:
        print(f"Warning: {warning}")
    if outcome.unresolved:
        print(
            f"{len(outcome.unresolved)} conflict(s) left unchanged; decide with "
            "--take mine|theirs ITEM (or 'all'):"
        )
        for c in outcome.unresolved:
            print(f"  {c.key}  {c.title}")
            print(f"    mine   ({c.mine_by or '?'}): {_brief(c.mine)}")
            print(f"    theirs ({c.theirs_by}): {_brief(c.theirs)}")
    elif outcome.status == "unchanged":
        print("Nothing to merge: the audit already holds everything in this package.")


def cmd_limit(args: argparse.Namespace) -> int:
    from auditor_app.sync.export import EMAIL_LIMIT_SETTING, MAX_EMAIL_LIMIT_MB, email_limit_bytes

    with open_store(args) as store:
        if args.mb is not None:
            if not 0 < args.mb <= MAX_EMAIL_LIMIT_MB:  # nan and inf too
                raise CliError(f"the limit must be between 0 and {MAX_EMAIL_LIMIT_MB} MB")
            store.set_setting(EMAIL_LIMIT_SETTING, f"{args.mb:g}")
        print(f"email limit: {email_limit_bytes(store) / 1e6:g} MB")
    return 0
