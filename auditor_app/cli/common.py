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
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")
