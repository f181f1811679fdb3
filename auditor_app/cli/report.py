"""`auditor-app report`: write an audit's PDF report; with `--key`, sign it and lock the audit.

The passphrase of the key comes from `AUDITOR_PASSPHRASE` or a prompt, never from the command
line (other users could read it in the process list). The signer's role is the key holder's role
on the audit team; signing as someone outside the team takes `--allow-signer-not-on-team` and
`--role TEXT` together.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from auditor_app.cli.common import CliError, add_db_argument, audit_id_from, open_store

if TYPE_CHECKING:
    from auditor_app.signing.keys import AuditorKey, CertifiedSigner
    from auditor_app.signing.token import TokenKey


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "report",
        help="write the audit report as PDF (signed and locked with --key)",
        description="Write an audit's report as PDF. With --key the report is signed (PAdES) "
        "and the audit is locked; without it the report is an unsigned draft. The key's "
        "passphrase is read from AUDITOR_PASSPHRASE or asked at the terminal. The signer is "
        "the person the key's certificate names, and must be on the audit team (matched by "
        "name): the stamp and the sign-off section show that member's team role. A signer "
        "outside the team is refused unless --allow-signer-not-on-team is given together with "
        "--role TEXT. A signed report is timestamped (PAdES B-T) by --timestamp-url, else by the "
        "database setting timestamp_url; when the timestamp service does not answer, the report "
        "is signed without a timestamp (PAdES B-B) and a warning says so.",
    )
    add_db_argument(parser)
    parser.add_argument("--audit", required=True, help="audit number or id")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF file to write")
    signing = parser.add_mutually_exclusive_group()
    signing.add_argument("--key", metavar="FILE.p12", help="sign with this key and lock the audit")
    signing.add_argument(
        "--token",
        metavar="LABEL",
        help="sign with the USB key (PKCS#11 token) of this label and lock the audit; the PIN "
        "is read from AUDITOR_TOKEN_PIN or asked at the terminal",
    )
    parser.add_argument(
        "--token-library",
        metavar="FILE",
        help="the token driver's PKCS#11 library (.dll or .so); default: AUDITOR_PKCS11_LIBRARY",
    )
    parser.add_argument(
        "--token-certificate",
        metavar="LABEL",
        help="which certificate on the token signs, when it holds several",
    )
    parser.add_argument(
        "--allow-signer-not-on-team",
        action="store_true",
        help="sign with the key of someone who is not on the audit team (needs --role)",
    )
    parser.add_argument(
        "--role",
        metavar="TEXT",
        help="the signing role of a signer not on the audit team, as the stamp and the report "
        "print it (with --allow-signer-not-on-team); a team member always signs in the team "
        "role, and a different --role is refused",
    )
    parser.add_argument(
        "--signature-image", metavar="PNG", help="handwritten signature picture for the stamp"
    )
    parser.add_argument(
        "--style",
        metavar="FILE.toml",
        help="report style (CB name, logo, colours); default: the built-in one",
    )
    parser.add_argument(
        "--timestamp-url",
        metavar="URL",
        help="timestamp service (RFC 3161) for a signed report, overriding the database "
        "setting timestamp_url; an empty value signs without a timestamp. If the service "
        "does not answer, the report is signed without a timestamp (PAdES B-B) with a warning",
    )
    parser.add_argument(
        "--confirm",
        action="append",
        default=[],
        metavar="CODE=REASON",
        help="sign through a check that needs confirmation (no_deviations, items_unscored), "
        "with the reason; it is recorded in the audit trail. Blocking checks (a report dated "
        "before the audit, an empty recommendation, a person-days shortfall unexplained) "
        "cannot be confirmed: fix them",
    )
    parser.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    # imported here: reportlab and pyHanko load in ~0.5 s, which other commands need not pay
    from auditor_app.report.service import ensure_unlocked, export_report
    from auditor_app.report.styles import load_style

    out = Path(args.out)
    style = load_style(args.style)  # a broken style file is refused before anything else
    image = _read_image(args.signature_image) if args.signature_image else None
    signs = bool(args.key or args.token)
    if (args.token_library or args.token_certificate) and not args.token:
        raise CliError("--token-library and --token-certificate need --token LABEL")
    if image is not None and not signs:
        raise CliError("--signature-image needs --key: only a signed report carries a stamp")
    if (args.role or args.allow_signer_not_on_team) and not signs:
        raise CliError("--role and --allow-signer-not-on-team need --key: a draft is not signed")
    if args.allow_signer_not_on_team and not (args.role or "").strip():
        raise CliError("--allow-signer-not-on-team needs --role TEXT: the signer's role")
    if args.timestamp_url and not signs:
        raise CliError("--timestamp-url needs --key: only a signed report is timestamped")
    if args.confirm and not signs:
        raise CliError("--confirm needs --key: the checks are made before signing")
    from auditor_app.services.presign import parse_confirmations

    confirm = parse_confirmations(args.confirm)
    with open_store(args) as store, contextlib.ExitStack() as held:
        audit_id = audit_id_from(store, args)
        ensure_unlocked(store, audit_id)  # before asking for a passphrase that cannot help
        if signs:  # the checks before signing, also before the passphrase
            import datetime as dt

            from auditor_app.services.presign import ensure_signable

            ensure_signable(store, audit_id, dt.date.today(), confirm)
        key: CertifiedSigner | None = None
        if args.key:
            key = _load_key(args.key)
        elif args.token:  # the token session stays open until the report is signed
            key = held.enter_context(_open_token(args))
        result = export_report(
            store,
            audit_id,
            out,
            key=key,
            signer_role=args.role,
            allow_signer_not_on_team=args.allow_signer_not_on_team,
            signature_image=image,
            style=style,
            timestamp_url=args.timestamp_url,
            confirm=confirm,
        )
    for warning in result.warnings:
        print(f"auditor-app: warning: {warning}", file=sys.stderr)
    print(f"report:  {result.path}")
    print(f"pages:   {result.pages}")
    print(f"size:    {result.size:,} bytes")
    print(f"sha256:  {result.sha256}")
    print(f"date:    {result.report_date}")
    if result.signer is not None:
        outside = "" if result.signer.on_team else ", not on the audit team"
        print(f"signer:  {result.signer.name} ({result.signer.role}{outside})")
        print("status:  signed and locked")
        if result.timestamped:
            print("timestamp: timestamped (PAdES B-T)")
        else:
            print("timestamp: none (PAdES B-B)")
    else:
        print("status:  draft (not signed)")
    return 0


def _read_image(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read the signature image {path}: {exc.strerror or exc}") from exc


def _open_token(args: argparse.Namespace) -> contextlib.AbstractContextManager[TokenKey]:
    import getpass
    import os

    from auditor_app.cli.console import stdin_is_terminal
    from auditor_app.signing.token import PIN_ENV, library_path, open_token_key

    library = library_path(args.token_library)
    pin = os.environ.get(PIN_ENV)
    if pin is None:
        if not stdin_is_terminal():
            raise CliError(f"no PIN: set {PIN_ENV} or run the command in a terminal")
        pin = getpass.getpass(f"PIN of token {args.token}: ")
    if not pin:
        raise CliError("the token's PIN must not be empty")
    return open_token_key(library, args.token, pin, args.token_certificate)


def _load_key(path: str) -> AuditorKey:
    from auditor_app.cli.keys import read_passphrase
    from auditor_app.signing.keys import load_key

    return load_key(path, read_passphrase(confirm=False))
