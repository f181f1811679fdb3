"""Test hook: end the process at an exact point around a commit (the fault harness's kills).

`AUDITOR_APP_FAULT=before-commit:N` ends the process just before the N-th outermost COMMIT of
this process, `after-commit:N` just after it returned (N defaults to 1); `before-rename:N` just
before a backup or a restore moves its finished copy into place. Unset, as it always is
for users, this costs one dictionary look-up per commit. The harness cannot time an outside
kill this precisely: a random SIGKILL almost always lands during Python's start-up.

`os._exit` is what a kill does to the database file: no COMMIT, no ROLLBACK, no close, no
checkpoint, nothing flushed by Python; the operating system keeps what was written. It is also
the same on Windows, where there are no signals to send to oneself.
"""

from __future__ import annotations

import os

ENV = "AUDITOR_APP_FAULT"
POINTS = ("before-commit", "after-commit", "before-rename")
# distinct from every exit code the app uses, so the harness can tell its kill from a crash
FAULT_EXIT = 86

_seen: dict[str, int] = {}


def _target() -> tuple[str, int] | None:
    spec = os.environ.get(ENV, "")
    if not spec:
        return None
    name, _, count = spec.partition(":")
    if name not in POINTS:
        return None
    try:
        return name, max(int(count or "1"), 1)
    except ValueError:
        return None


def point(name: str) -> None:
    """Called by the store at `name`; ends the process here if the hook asks for it."""
    target = _target()
    if target is None or target[0] != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] == target[1]:
        os._exit(FAULT_EXIT)
