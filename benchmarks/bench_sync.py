"""Sync benchmark: export and import of a signed 300-item / 200-photo audit package.

    .venv/bin/python benchmarks/bench_sync.py [--items 300] [--photos 200] [--runs 3]

Goal (issue 5): export ≤ 3 s and import ≤ 3 s. The audit is the report benchmark's synthetic
one (camera-sized photos downscaled on intake as the app does), signed through the real report
service, so the package holds a realistic signed PDF. Each figure is the median of `--runs`
warm runs; imports go into a fresh empty database each time (backup included). The backup that
precedes each import copies the whole target database, so it is also timed on a database that
already holds the imported audit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

GOAL_S = 3.0


def _median(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _line(label: str, seconds: float, extra: str = "", goal: float | None = None) -> None:
    verdict = "" if goal is None else ("  ok" if seconds <= goal else f"  OVER {goal:.0f} s")
    print(f"{label:<44} {seconds:6.2f} s  {extra}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from bench_report import build_synthetic

    from auditor_app.report.service import export_report
    from auditor_app.signing.keys import create_auditor_key, create_test_ca
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.sync import build_package, import_package, write_package
    from auditor_app.sync.store_ops import backup_database

    ca = create_test_ca(key_type="ec")
    leader = create_auditor_key("王建国", ca=ca, key_type="ec")
    committee = create_auditor_key("评审委员会", ca=ca, key_type="ec")
    trust = [ca.certificate]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = AuditStore(folder / "leader.sqlite", actor="王建国")
        print(
            f"building a {args.items}-item / {args.photos}-photo audit and signing its "
            "report (setup, not timed) ..."
        )
        start = time.perf_counter()
        audit_id = build_synthetic(source, args.items, args.photos)
        export_report(source, audit_id, folder / "report.pdf", key=leader)
        pdf_size = len(source.latest_report(audit_id)["pdf"])
        print(f"  setup {time.perf_counter() - start:.1f} s; signed report {pdf_size / 1e6:.1f} MB")
        source.set_setting("email_limit_mb", "1000")  # measure, do not refuse

        def export(recipient=None) -> Any:
            result = build_package(source, audit_id, leader, recipient=recipient)
            write_package(result, folder / "audit.auditpkg")
            return result

        export()  # warm-up: imports, first reads
        t_export, plain = _median(export, args.runs)
        t_export_enc, encrypted = _median(lambda: export(committee.certificate), args.runs)

        counter = iter(range(10_000))

        def fresh_import(data: bytes, key=None) -> Any:
            target = AuditStore(folder / f"committee-{next(counter)}.sqlite", actor="committee")
            try:
                outcome = import_package(target, data, trust, key=key)
                assert outcome.status == "imported", outcome.reason
                return target.path
            finally:
                target.close()

        fresh_import(plain.data)  # warm-up
        t_import, target_path = _median(lambda: fresh_import(plain.data), args.runs)
        t_import_enc, _ = _median(lambda: fresh_import(encrypted.data, committee), args.runs)
        with AuditStore(target_path, actor="committee") as target:
            t_again, outcome = _median(lambda: import_package(target, plain.data, trust), args.runs)
            assert outcome.status == "unchanged"
            t_backup, _ = _median(lambda: backup_database(target), args.runs)
        db_size = target_path.stat().st_size
        source.close()

    print(
        f"\npackage: {plain.size / 1e6:.1f} MB plain, {encrypted.size / 1e6:.1f} MB encrypted "
        f"({args.items} items, {args.photos} photos + thumbnails, signed PDF)"
    )
    _line("export (build + sign manifest + write)", t_export, goal=GOAL_S)
    _line("export, encrypted to the committee", t_export_enc, goal=GOAL_S)
    _line("import into an empty database", t_import, "(verify, backup, write)", GOAL_S)
    _line("import, encrypted", t_import_enc, goal=GOAL_S)
    _line("import the same package again (unchanged)", t_again, goal=GOAL_S)
    _line(f"backup of a {db_size / 1e6:.0f} MB database (part of each import)", t_backup)
    worst = max(t_export, t_export_enc, t_import, t_import_enc)
    return 0 if worst <= GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
