"""Domain errors: each carries a message a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


class AuditorError(Exception):
    """Base class of every error the app reports to the user as a message, not a traceback."""


@dataclass(frozen=True)
class Problem:
    """One validation problem: where it is and why it is wrong."""

    file: str
    location: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        return f"{where}: {self.reason}"


class ValidationError(AuditorError):
    """A data file (scheme, audit-time table, report style, CSV …) failed validation."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) found:\n{lines}")


class InputError(AuditorError):
    """A value entered by the user is not acceptable (nonconforming > sampled, no reason …)."""


class LockedError(AuditorError):
    """The audit is signed and locked; changing it needs a new revision."""


def open_elsewhere_hint(exc: OSError) -> str:
    """Windows refuses to replace a file another program holds open (a PDF reader, an email
    draft with the attachment): say so, rather than a bare "Access is denied"."""
    if isinstance(exc, PermissionError):
        return (
            "; is the file open in another program (a PDF reader, an email being written)? "
            "Close it or choose another file name"
        )
    return ""
