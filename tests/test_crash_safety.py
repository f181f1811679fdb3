"""A short run of the crash harness (benchmarks/crash_harness.py runs the long one).

Real processes editing through the command line and the service calls are killed with SIGKILL;
afterwards every acknowledged edit must be there, the file must pass integrity_check and the
store must open and score. A deliberately lying driver (it acknowledges before committing)
shows that the harness does notice lost edits, so a pass means something.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "benchmarks" / "crash_harness.py"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


def load_harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_harness"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_sigkill_loses_no_acknowledged_edit(tmp_path):
    harness = load_harness()
    summary = harness.run_harness(20, seed=20261127, workdir=tmp_path, cli_every=5, max_delay=0.2)
    report = "\n".join(summary.lines() + summary.problems)
    assert summary.trials == 20 and summary.cli_trials == 4, report
    # not vacuous: edits were acknowledged, and kills landed with an edit under way
    assert summary.acknowledged > 0 and summary.killed_in_flight > 0, report
    assert summary.lost == 0, report
    assert summary.torn == 0, report
    assert summary.missing_trail == 0, report
    assert summary.integrity_failures == 0, report
    assert summary.open_failures == 0, report


def test_the_harness_detects_edits_acknowledged_before_commit(tmp_path):
    harness = load_harness()
    liar = harness.Harness(tmp_path, seed=7, cli_every=0, max_delay=0.1, lie=True)
    for _ in range(60):  # about one kill in three lands inside the transaction
        summary = liar.run(1)
        if summary.lost:
            break
    assert summary.lost > 0, "\n".join(summary.lines())
