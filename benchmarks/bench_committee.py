"""Committee scale: a certification body's database after a few years of imported reports.

    .venv/bin/python benchmarks/bench_committee.py [--reports 10000] [--package-photos 200]

Set-up (not timed): the demo audit is signed and packaged by a team leader and imported into a
committee database for real (`import_package`). That imported audit is then copied in SQL to
`--reports` signed audits (distinct uids, report numbers, clients and dates; the same signed
PDF bytes and the same stored photos, so the database grows by the report, not by new photos),
and about half of them get an approval issuing a certificate. Then, against that database:

- the committee view's list as built today (`committee.received_reports`: it verifies every
  stored PDF and scores every audit), measured on a sample and scaled to all reports, and the
  list query alone;
- search: the clients and report numbers matching a text (SQL LIKE), and the same filter over
  the list rows in memory (what the view's filter box does);
- the certificate register (`committee.certificates`);
- importing one more package of `--package-photos` photos (~12 MB at 200; a fresh synthetic
  audit, see bench_report.py) into the big database, backup included;
- database size and size per report.

Goals (issue 14): open the committee view ≤ 1 s, search/filter ≤ 50 ms, import of one more
12 MB package ≤ 1 s. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SAMPLE = 100
CITIES = ["杭州", "宁波", "温州", "苏州", "南京", "上海", "北京", "广州", "深圳", "成都"]


def _median(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _line(label: str, seconds: float, goal: float | None = None, extra: str = "") -> None:
    verdict = ""
    if goal is not None:
        verdict = f"  goal ≤ {goal:g} s: {'PASS' if seconds <= goal else 'FAIL'}"
    print(f"{label:<46} {seconds:9.3f} s{verdict}  {extra}")


def _columns(conn: Any, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def clone_audits(
    store: Any, template_id: int, count: int, seed: int = 7, *, signed: bool = True
) -> list[int]:
    """Copy audit `template_id` (with its report when `signed`) to `count` more audits."""
    rnd = random.Random(seed)
    conn = store.db.conn
    audit_cols = [c for c in _columns(conn, "audits") if c != "id"]
    org_cols = [c for c in _columns(conn, "organisations") if c != "id"]
    fixed = {"uid", "series_uid", "report_number", "start_date", "end_date", "org_id", "locked"}
    copied = [c for c in audit_cols if c not in fixed]
    template_org = conn.execute(
        "SELECT org_id FROM audits WHERE id = ?", (template_id,)
    ).fetchone()[0]
    finding_cols = [c for c in _columns(conn, "findings") if c not in ("id", "uid", "audit_id")]
    child_tables = {
        table: [c for c in _columns(conn, table) if c not in ("id", "audit_id")]
        for table in ("audit_sites", "team_members", "item_results", "audit_attachments")
    }
    report_cols = [c for c in _columns(conn, "reports") if c not in ("id", "audit_id")]
    made = []
    with store.transaction():
        org_id = template_org
        for n in range(count):
            if n % 2 == 0:  # a client has two audits on average
                city = CITIES[n % len(CITIES)]
                org_id = conn.execute(
                    f"INSERT INTO organisations ({', '.join(org_cols)}) SELECT "
                    + ", ".join("? AS name" if c == "name" else c for c in org_cols)
                    + " FROM organisations WHERE id = ?",
                    (f"{city}第{n // 2 + 1}家电服务有限公司", template_org),
                ).lastrowid
            year = 2022 + n % 4
            day = f"{year}-{1 + n % 12:02d}-{1 + n % 27:02d}"
            cur = conn.execute(
                f"INSERT INTO audits ({', '.join([*fixed, *copied])}) SELECT "
                + ", ".join(["?"] * len(fixed))
                + ", "
                + ", ".join(copied)
                + " FROM audits WHERE id = ?",
                (
                    *(
                        {
                            "uid": str(uuid.UUID(int=rnd.getrandbits(128))),
                            "series_uid": str(uuid.UUID(int=rnd.getrandbits(128))),
                            "report_number": f"CB-{year}-{n + 1:05d}",
                            "start_date": day,
                            "end_date": day,
                            "org_id": org_id,
                            "locked": 0,
                        }[c]
                        for c in fixed
                    ),
                    template_id,
                ),
            )
            new_id = cur.lastrowid
            made.append(new_id)
            for table, cols in child_tables.items():
                conn.execute(
                    f"INSERT INTO {table} (audit_id, {', '.join(cols)}) "
                    f"SELECT ?, {', '.join(cols)} FROM {table} WHERE audit_id = ?",
                    (new_id, template_id),
                )
            conn.execute(
                f"INSERT INTO findings (uid, audit_id, {', '.join(finding_cols)}) "
                f"SELECT uid || '-' || ?, ?, {', '.join(finding_cols)} "
                "FROM findings WHERE audit_id = ?",
                (new_id, new_id, template_id),
            )
            if not signed:
                continue
            conn.execute(
                f"INSERT INTO reports (audit_id, {', '.join(report_cols)}) "
                f"SELECT ?, {', '.join(report_cols)} FROM reports WHERE audit_id = ?",
                (new_id, template_id),
            )
            conn.execute("UPDATE audits SET locked = 1 WHERE id = ?", (new_id,))
            if n % 2 == 0:
                conn.execute(
                    "INSERT INTO committee_decisions (audit_id, audit_uid, decision, "
                    "decided_on, certificate_number, issued_on, expires_on, level, note, "
                    "decided_by, recorded_at) SELECT id, uid, 'approve', ?, ?, ?, ?, "
                    "'three_star', '', 'bench', ? FROM audits WHERE id = ?",
                    (
                        day,
                        f"CERT-{year}-{n + 1:05d}",
                        day,
                        f"{year + 3}{day[4:]}",
                        day + "T12:00:00Z",
                        new_id,
                    ),
                )
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--package-photos", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the committee database at this path")
    args = parser.parse_args()

    from bench_report import build_synthetic

    from auditor_app.report.service import export_report
    from auditor_app.services.demo import create_demo
    from auditor_app.signing.keys import create_auditor_key, create_test_ca
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.sync import build_package, committee, import_package
    from auditor_app.sync.store_ops import backup_database

    ca = create_test_ca(key_type="ec")
    leader = create_auditor_key("王建国", ca=ca, key_type="ec")
    trust = [ca.certificate]

    with tempfile.TemporaryDirectory(prefix="bench-committee-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        with AuditStore(folder / "leader.sqlite", actor="王建国") as source:
            demo_id = create_demo(source)
            export_report(source, demo_id, folder / "demo.pdf", key=leader)
            demo_package = build_package(source, demo_id, leader).data
        db_path = args.keep or folder / "committee.sqlite"
        db_path.unlink(missing_ok=True)
        store = AuditStore(db_path, actor="committee")
        outcome = import_package(store, demo_package, trust)
        assert outcome.status == "imported", outcome.reason
        template = outcome.audit_id
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        one_report = db_path.stat().st_size
        clone_audits(store, template, args.reports - 1)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db_path.stat().st_size
        print(
            f"set-up {time.perf_counter() - began:.0f} s: {args.reports} signed reports "
            f"({len(demo_package) / 1e6:.2f} MB demo package, copied in SQL); "
            f"database {size / 1e6:.0f} MB, {size / args.reports / 1e3:.0f} kB per report "
            f"(one imported report: {one_report / 1e3:.0f} kB)"
        )

        # -- the committee view -------------------------------------------------------------
        list_sql = (
            "SELECT a.id, a.uid, a.series_uid, a.revision, a.audit_type, a.report_number, "
            "a.end_date, o.name AS client, (SELECT MAX(b.revision) FROM audits b "
            "WHERE b.series_uid = a.series_uid) AS newest "
            "FROM audits a JOIN organisations o ON o.id = a.org_id "
            "WHERE a.locked = 1 AND EXISTS (SELECT 1 FROM reports r WHERE r.audit_id = a.id) "
            "ORDER BY a.end_date DESC, a.id DESC"
        )
        t_list, rows = _median(lambda: list(store.db.query(list_sql)))
        _line(f"committee list query ({len(rows)} rows)", t_list)
        service = committee.AuditService(store)
        sample = rows[:SAMPLE]
        start = time.perf_counter()
        for row in sample:
            committee._received(store, service, row, False, trust)
        per_report = (time.perf_counter() - start) / len(sample)
        _line(
            "open the committee view (received_reports)",
            per_report * len(rows),
            1.0,
            f"({per_report * 1e3:.1f} ms per report × {len(rows)}: verify PDF + score, "
            f"measured on {len(sample)})",
        )

        # -- search -------------------------------------------------------------------------
        search_sql = (
            "SELECT a.id FROM audits a JOIN organisations o ON o.id = a.org_id "
            "WHERE a.locked = 1 AND (o.name LIKE ? OR a.report_number LIKE ?)"
        )
        t_search, found = _median(lambda: list(store.db.query(search_sql, ("%第12%", "%第12%"))), 5)
        _line(f"search clients/report numbers, SQL ({len(found)} hits)", t_search, 0.05)
        needle = "第12"
        t_filter, hits = _median(
            lambda: [r for r in rows if needle in r["client"] or needle in r["report_number"]], 5
        )
        _line(f"filter the list in memory ({len(hits)} hits)", t_filter, 0.05)

        # -- certificate register -----------------------------------------------------------
        t_certs, certs = _median(lambda: committee.certificates(store), 1)
        _line(f"certificate register ({len(certs)} certificates)", t_certs)

        # -- one more package ---------------------------------------------------------------
        with AuditStore(folder / "big-leader.sqlite", actor="王建国") as source:
            big_id = build_synthetic(source, 300, args.package_photos)
            export_report(source, big_id, folder / "big.pdf", key=leader)
            source.set_setting("email_limit_mb", "1000")
            big_package = build_package(source, big_id, leader).data
        start = time.perf_counter()
        outcome = import_package(store, big_package, trust)
        t_import = time.perf_counter() - start
        assert outcome.status == "imported", outcome.reason
        _line(
            f"import one more {len(big_package) / 1e6:.0f} MB package",
            t_import,
            1.0,
            f"(backup of the {size / 1e6:.0f} MB database included)",
        )
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        grown = db_path.stat().st_size - size
        print(f"database growth for that package: {grown / 1e6:.1f} MB")
        # The import's first step: a checked copy of the whole database (see sync.store_ops).
        start = time.perf_counter()
        backup_database(store)
        _line("of which: backup before the import (alone)", time.perf_counter() - start)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
