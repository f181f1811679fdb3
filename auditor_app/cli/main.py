"""`auditor-app` entry point: one argparse tree, each command group in its own module.

Every command module exposes `register(subparsers)` and sets `func` on its parsers; the function
takes the parsed namespace and returns an exit code. Errors the user can fix are raised as
`CliError` (or a domain error) and printed as one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys

from auditor_app import __version__
from auditor_app.cli.common import CliError, report_error
from auditor_app.cli.console import make_safe

# Command groups, in the order `--help` lists them.
COMMAND_MODULES = [
    "auditor_app.cli.run_gui",
    "auditor_app.cli.persondays",
    "auditor_app.cli.scheme",
    "auditor_app.cli.audit",
    "auditor_app.cli.score",
    "auditor_app.cli.finding",
    "auditor_app.cli.sheet",
    "auditor_app.cli.demo",
    "auditor_app.cli.keys",
    "auditor_app.cli.report",
    "auditor_app.cli.verify",
    "auditor_app.cli.backup",
    "auditor_app.cli.package",
    "auditor_app.cli.committee",
    "auditor_app.cli.search",
]


def build_parser(modules: list[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor-app",
        description="Field app for GB/T 27922 after-sales service certification audits.",
    )
    parser.add_argument("--version", action="version", version=f"auditor-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def _closed_pipe(exc: OSError) -> bool:
    """Writing to a pipe whose reader exited: EPIPE on POSIX, EINVAL on Windows."""
    if isinstance(exc, BrokenPipeError):
        return True
    return os.name == "nt" and exc.errno == errno.EINVAL and exc.filename is None


def main(argv: list[str] | None = None) -> int:
    make_safe()
    if argv is None:
        argv = sys.argv[1:]
    # no command: start the app, as a double-clicked launcher would
    argv = argv or ["run"]
    # starting the window needs only its own command: skip importing the others (reportlab,
    # pyHanko …) to keep start-up short
    parser = build_parser(["auditor_app.cli.run_gui"] if argv[0] == "run" else COMMAND_MODULES)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader that went away (`… | head`) shows here, not at exit
        return code
    except OSError as exc:
        if not _closed_pipe(exc):
            raise
        # Nobody reads the rest: stop quietly, as other command-line tools do. Point stdout at
        # the null device so Python's own flush at exit does not fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for such a pipeline
    except CliError as exc:
        return report_error(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return report_error("interrupted", 130)
    except Exception as exc:  # domain errors carry a clear message of their own
        from auditor_app.core.errors import AuditorError

        if isinstance(exc, AuditorError):
            return report_error(str(exc), 1)
        raise


if __name__ == "__main__":
    sys.exit(main())
