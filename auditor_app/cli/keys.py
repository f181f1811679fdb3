"""`auditor-app keys`: create a trial signing key, show a key file, export its certificate.

A self-signed trial key is trusted by passing its certificate to `verify --trust`, so `create`
writes that certificate (public, no key) as FILE.pem beside FILE.p12, and `export-cert` writes
it again from the key file.

The passphrase comes from `AUDITOR_PASSPHRASE` (for scripts) or is asked at the terminal; it is
never taken as a command-line argument, where other users could see it in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from auditor_app.cli.common import CliError
from auditor_app.cli.console import stdin_is_terminal
from auditor_app.signing import keys

PASSPHRASE_ENV = "AUDITOR_PASSPHRASE"


def _long_enough(passphrase: str, new_key: bool) -> str:
    if new_key and len(passphrase) < keys.MIN_PASSPHRASE_LENGTH:
        raise CliError(f"the passphrase must have at least {keys.MIN_PASSPHRASE_LENGTH} characters")
    return passphrase


def read_passphrase(*, confirm: bool) -> str:
    """The passphrase from the environment, or asked (twice when `confirm`, for a new key
    file, which also needs a passphrase of a minimum length) at a terminal."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env is not None:
        if not from_env:
            raise CliError(f"{PASSPHRASE_ENV} is set but empty; a key needs a passphrase")
        return _long_enough(from_env, confirm)
    if not stdin_is_terminal():
        raise CliError(f"no passphrase: set {PASSPHRASE_ENV} or run the command in a terminal")
    first = getpass.getpass("Passphrase for the key file: ")
    if not first:
        raise CliError("the passphrase must not be empty")
    _long_enough(first, confirm)
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise CliError("the two passphrases differ")
    return first


def _certificate_beside(key_file: Path) -> Path:
    cert = key_file.with_suffix(".pem")
    if cert == key_file:
        raise CliError(
            f"{key_file}: name the key file FILE.p12; its certificate is written as FILE.pem"
        )
    return cert


def _create(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise CliError(f"{out} already exists; use --force to replace it")
    # a self-signed key's certificate goes beside it: reviewers trust that certificate itself
    cert_out = None if args.ca_out else _certificate_beside(out)
    if cert_out is not None and cert_out.exists() and not args.force:
        raise CliError(f"{cert_out} already exists; use --force to replace it")
    passphrase = read_passphrase(confirm=True)
    # The test CA does not carry the CB's name: nobody should mistake it for the CB's own CA.
    ca = keys.create_test_ca() if args.ca_out else None
    key = keys.create_auditor_key(
        args.name, args.email, args.org, ca=ca, valid_days=args.days, key_type=args.key_type
    )
    keys.write_pkcs12(key, out, passphrase, overwrite=args.force)
    issued = "self-signed" if ca is None else "issued by a local test CA"
    print(f"Created a trial signing key for {key.signer_name} ({issued}): {out}")
    print(f"  valid until       {key.not_after:%Y-%m-%d %H:%M} UTC")
    print(f"  SHA-256           {key.fingerprint}")
    if ca is not None:
        ca.save_certificate(args.ca_out)
        print(f"Test CA certificate: {args.ca_out} (reviewers pass it to `verify --trust`)")
    elif cert_out is not None:
        keys.write_certificate(key, cert_out, overwrite=args.force)
        print(f"Certificate: {cert_out} (public, no key)")
        print("The key is self-signed: reviewers trust this certificate itself, with")
        print(f"`auditor-app verify REPORT.pdf --trust {cert_out}`. A CB-issued key is trusted")
        print("via the CB's CA certificate instead.")
    return 0


def _export_cert(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise CliError(f"{out} already exists; use --force to replace it")
    if out.resolve() == Path(args.file).resolve():
        raise CliError("--out must not be the key file itself")
    passphrase = read_passphrase(confirm=False)
    key = keys.load_key(args.file, passphrase, check=False)
    keys.write_certificate(key, out, overwrite=args.force)
    print(f"Certificate of {key.signer_name}: {out} (public, no key)")
    print(f"  SHA-256           {key.fingerprint}")
    if key.self_signed:
        print(f"Self-signed: reviewers trust it with `verify REPORT.pdf --trust {out}`.")
    else:
        print(f"Issued by {key.issuer_name}: reviewers trust that CA's certificate.")
    return 0


def _show(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(confirm=False)
    key = keys.load_key(args.file, passphrase, check=False)
    for warning in key.warnings:  # e.g. the key file is readable by other accounts
        print(f"auditor-app: warning: {warning}", file=sys.stderr)
    print(f"Signer:       {key.signer_name}")
    if key.organization:
        print(f"Organization: {key.organization}")
    if key.email:
        print(f"Email:        {key.email}")
    print(f"Issuer:       {'self-signed' if key.self_signed else key.issuer_name}")
    print(f"Key:          {key.key_description}")
    print(f"Valid from:   {key.not_before:%Y-%m-%d %H:%M} UTC")
    print(f"Valid until:  {key.not_after:%Y-%m-%d %H:%M} UTC")
    print(f"SHA-256:      {key.fingerprint}")
    print(f"Chain:        {len(key.chain)} more certificate(s)")
    problems = key.problems()
    if problems:
        print("Cannot sign:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("Can sign:     yes")
    return 0


def _tokens(args: argparse.Namespace) -> int:
    from auditor_app.signing.token import library_path, list_tokens

    found = list_tokens(library_path(args.token_library))
    if not found:
        print("No token is plugged in.")
        return 1
    for token in found:
        print(f"{token.label}\t{token.manufacturer}\tserial {token.serial}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "keys",
        help="create a trial signing key, show a key file or export its certificate",
        description="Signing keys (PKCS#12 files protected by a passphrase).",
    )
    sub = parser.add_subparsers(dest="keys_command", metavar="ACTION", required=True)

    create = sub.add_parser(
        "create",
        help="create a trial key (self-signed, or under a new local test CA)",
        description="Create a trial signing key. Passphrase: "
        f"${PASSPHRASE_ENV} or a prompt. A self-signed key's certificate (public, no key) is "
        "written as FILE.pem beside FILE.p12: reviewers pass it to `verify --trust`. With "
        "--ca-out the test CA's certificate is written instead.",
    )
    create.add_argument("--name", required=True, help="the auditor's name, as on the stamp")
    create.add_argument("--out", required=True, metavar="FILE.p12", help="key file to write")
    create.add_argument("--org", help="organisation (the CB)")
    create.add_argument("--email", help="the auditor's e-mail address")
    create.add_argument(
        "--days", type=int, default=keys.DEFAULT_VALID_DAYS, help="validity (default %(default)s)"
    )
    create.add_argument(
        "--ca-out",
        metavar="CA.pem",
        help="issue the key under a new local test CA and write its certificate here",
    )
    create.add_argument(
        "--key-type", choices=("rsa", "ec"), default="rsa", help="RSA 3072 or EC P-256"
    )
    create.add_argument(
        "--force", action="store_true", help="replace an existing key file (and FILE.pem)"
    )
    create.set_defaults(func=_create)

    show = sub.add_parser("show", help="show the certificate in a key file")
    show.add_argument("file", metavar="FILE.p12")
    show.set_defaults(func=_show)

    export = sub.add_parser(
        "export-cert",
        help="write the certificate of a key file as PEM (for `verify --trust`)",
        description="Write the signer's certificate (public, without the private key) of a "
        f"key file as PEM. Passphrase: ${PASSPHRASE_ENV} or a prompt.",
    )
    export.add_argument("file", metavar="FILE.p12")
    export.add_argument("--out", required=True, metavar="CERT.pem", help="certificate to write")
    export.add_argument("--force", action="store_true", help="replace an existing file")
    export.set_defaults(func=_export_cert)

    tokens = sub.add_parser(
        "tokens",
        help="list the USB keys (PKCS#11 tokens) plugged in",
        description="List the initialised tokens the token driver sees; sign with one by "
        "`report --token LABEL`.",
    )
    tokens.add_argument(
        "--token-library",
        metavar="FILE",
        help="the token driver's PKCS#11 library (.dll or .so); default: $AUDITOR_PKCS11_LIBRARY",
    )
    tokens.set_defaults(func=_tokens)
