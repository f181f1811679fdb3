"""An auditor's database after years of work: 200 audits and 20,000 photos.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_auditor_db.py \
        [--audits 200] [--photos 20000] [--photo-kb 70]

Set-up (not timed): the demo audit, copied in SQL to `--audits` scored audits (see
bench_committee.clone_audits), and `--photos` stored photos spread evenly over them. A stored
photo is what the store keeps after intake: a downscaled copy of at most 90 kB
(photos.REPORT_MAX_BYTES) and a thumbnail; here `--photo-kb` kB of random bytes plus a 5 kB
thumbnail each (their content does not matter to these figures, their size does).

Measured: the start-up health check (`backup.check_database`, a `PRAGMA quick_check` of the
whole file, run before the window opens), opening the store, the home list (the real
HomePage, offscreen: list, scores of the rows it shows, column widths, first paint), one
backup (`backup.make_backup`: online copy, integrity check of the copy) and its size.
Figures are printed; nothing is asserted. Goals: home list open ≤ 1 s (issue 14 asks for the
figure; the start-up goal is ≤ 1.5 s in all).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def add_photos(store: object, audit_ids: list[int], photos: int, photo_kb: int) -> None:
    conn = store.db.conn  # type: ignore[attr-defined]
    scheme = store.audit_scheme(audit_ids[0])  # type: ignore[attr-defined]
    items = [item.id for item in scheme.items]
    with store.transaction():  # type: ignore[attr-defined]
        for n in range(photos):
            data = os.urandom(photo_kb * 1000)
            sha = hashlib.sha256(data).hexdigest()
            conn.execute(
                "INSERT INTO attachments (sha256, mime, original_name, original_size, data, "
                "data_sha256, thumb, width, height, added_at) "
                "VALUES (?, 'image/jpeg', ?, ?, ?, ?, ?, 1600, 1200, '2026-01-01T00:00:00Z')",
                (sha, f"IMG_{n:05d}.jpg", len(data) * 6, data, sha, os.urandom(5000)),
            )
            conn.execute(
                "INSERT INTO audit_attachments (audit_id, item_id, sha256, caption, added_by, "
                "added_at) VALUES (?, ?, ?, ?, 'bench', '2026-01-01T00:00:00Z')",
                (audit_ids[n % len(audit_ids)], items[n % len(items)], sha, f"现场照片 {n}"),
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=200)
    parser.add_argument("--photos", type=int, default=20_000)
    parser.add_argument("--photo-kb", type=int, default=70)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from bench_committee import clone_audits
    from PySide6.QtWidgets import QApplication

    from auditor_app.services.audits import AuditService
    from auditor_app.services.demo import create_demo
    from auditor_app.store import backup
    from auditor_app.store.audit_store import AuditStore
    from auditor_app.ui.home import HomePage

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="bench-auditor-db-") as tmp:
        db_path = Path(tmp) / "auditor.sqlite"
        began = time.perf_counter()
        with AuditStore(db_path, actor="bench") as store:
            template = create_demo(store)
            audit_ids = [template, *clone_audits(store, template, args.audits - 1, signed=False)]
            add_photos(store, audit_ids, args.photos, args.photo_kb)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db_path.stat().st_size
        print(
            f"set-up {time.perf_counter() - began:.0f} s: {args.audits} audits, "
            f"{args.photos} photos of {args.photo_kb} kB + 5 kB thumbnail; "
            f"database {size / 1e6:.0f} MB"
        )

        start = time.perf_counter()
        health = backup.check_database(db_path)
        t_check = time.perf_counter() - start
        print(f"start-up health check (quick_check)   {t_check:7.3f} s  ({health.status})")

        start = time.perf_counter()
        store = AuditStore(db_path, actor="bench")
        t_open = time.perf_counter() - start
        print(f"open the store                        {t_open:7.3f} s")

        start = time.perf_counter()
        home = HomePage(AuditService(store))
        home.resize(1360, 800)
        home.reload()
        home.show()
        for _ in range(2):
            app.processEvents()
        t_home = time.perf_counter() - start
        verdict = "PASS" if t_home <= 1.0 else "FAIL"
        label = f"home list open ({home.model.rowCount()} audits)"
        print(f"{label:<38}{t_home:7.3f} s  goal ≤ 1 s: {verdict}")
        home.close()
        store.close()

        start = time.perf_counter()
        info = backup.make_backup(db_path)
        t_backup = time.perf_counter() - start
        print(
            f"backup (copy + integrity check)       {t_backup:7.3f} s  "
            f"size {info.size / 1e6:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
