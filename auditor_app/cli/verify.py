"""`auditor-app verify`: check a signed report the way the CB's review committee would.

Exit status: 0 when the report is intact, validly signed, trusted and unchanged since
signing; 1 when any of that fails; 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor_app.cli.common import CliError, print_json
from auditor_app.signing.verify import TrustListError, Verification, verify_pdf


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _print_text(path: Path, result: Verification) -> None:
    if not result.readable:
        print(f"{'File:':<19}{path}")
        print(f"{'Verdict:':<19}NOT OK (unreadable)")
        for problem in result.problems:
            print(f"  - {problem}")
        return
    when = f"{result.signing_time:%Y-%m-%d %H:%M:%S %z}" if result.signing_time else "-"
    rows = [
        ("File", str(path)),
        ("Signatures", str(result.signature_count)),
        ("Intact", _yes(result.intact)),
        ("Valid", _yes(result.valid)),
        ("Trusted", _yes(result.trusted)),
        ("Signer", result.signer or "-"),
        ("Signing time", when),
    ]
    if result.timestamp_time:
        rows.append(("Timestamp", f"{result.timestamp_time:%Y-%m-%d %H:%M:%S %z}"))
    rows += [
        ("Covers whole file", _yes(result.covers_whole_file)),
        ("Verdict", "OK" if result.ok else "NOT OK"),
    ]
    for label, value in rows:
        print(f"{label + ':':<19}{value}")
    if result.problems:
        print("Problems:")
        for problem in result.problems:
            print(f"  - {problem}")


def _verify(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}", 2) from exc
    try:
        result = verify_pdf(data, args.trust)
    except TrustListError as exc:
        raise CliError(str(exc), 2) from exc
    if args.json:
        print_json({"file": str(path), **result.to_dict()})
    else:
        _print_text(path, result)
    if not result.readable:
        return 2
    return 0 if result.ok else 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check the signatures of a signed PDF report",
        description=(
            "Check a signed PDF: intact, valid, trusted (chains to a --trust root), and "
            "nothing changed after signing. Exit 0 only when all hold."
        ),
    )
    parser.add_argument("file", metavar="FILE.pdf")
    parser.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CA.pem",
        help="trusted root certificate (PEM/DER); repeat for several",
    )
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.set_defaults(func=_verify)
