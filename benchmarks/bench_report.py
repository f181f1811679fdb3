"""Report benchmark: export + sign of the demo audit and of a 300-item / 200-photo audit, and
verification of the signed files.

    .venv/bin/python benchmarks/bench_report.py [--items 300] [--photos 200] [--runs 3]

Goals (issue 4): demo export + sign ≤ 1.5 s; 300 items + 200 photos ≤ 8 s and ≤ 20 MB;
verify ≤ 0.3 s. Every export is timed in a warm process (the first one also pays for imports
and font loading; that cold figure is printed separately). The synthetic audit's scheme is
built in memory (3 groups × 10 indicators × N/30 items) and each photo is a distinct
generated 1600×1200 camera-sized JPEG; its stored report copy is made by the store's normal
intake (downscaled once on attach), so the sizes are what a real export would embed.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Texture of the generated photos: (noise sigma, noise share). 40/0.10 gives camera-sized
# originals (~470 KB at 1600×1200, quality 92); "noisy" is a worst case (~970 KB).
PHOTO_PROFILES = {"textured": (40, 0.10), "noisy": (80, 0.25)}


def synthetic_scheme(items: int = 300) -> dict[str, Any]:
    """A valid scheme document: 3 groups (40/35/25) × 10 indicators × items/30 items."""
    per_indicator = max(1, items // 30)
    groups = []
    for g, weight in enumerate((40, 35, 25), 1):
        indicators = []
        for i in range(1, 11):
            ind_points = Decimal(weight) / 10
            item_points = ind_points / per_indicator
            entries = []
            for k in range(1, per_indicator + 1):
                judged = ("whole", "proportional", "graded")[k % 3]
                entry: dict[str, Any] = {
                    "id": f"{g}.{i}.{k}",
                    "title_zh": f"合成条目 {g}.{i}.{k}：服务记录完整性",
                    "title_en": f"Synthetic item {g}.{i}.{k}: completeness of service records",
                    "points": float(item_points),
                    "judged": judged,
                    "requirement_zh": "服务记录完整、可追溯，并按规定保存。",
                    "requirement_en": "Service records are complete, traceable and kept.",
                }
                if judged == "graded":
                    entry["steps"] = [0, float(item_points / 2), float(item_points)]
                entries.append(entry)
            # the last item takes the rounding remainder so the indicator adds up exactly
            rest = ind_points - sum(Decimal(str(e["points"])) for e in entries[:-1])
            entries[-1]["points"] = float(rest)
            if entries[-1]["judged"] == "graded":
                entries[-1]["steps"] = [0, float(rest / 2), float(rest)]
            indicators.append(
                {
                    "id": f"{g}.{i}",
                    "title_zh": f"指标 {g}.{i}",
                    "title_en": f"Indicator {g}.{i}",
                    "points": float(ind_points),
                    "items": entries,
                }
            )
        groups.append(
            {
                "id": str(g),
                "title_zh": f"第 {g} 部分",
                "title_en": f"Group {g}",
                "points": weight,
                "indicators": indicators,
            }
        )
    return {
        "format": "auditor-scheme/1",
        "id": "synthetic-bench",
        "version": f"{items}",
        "title_zh": "合成评分表",
        "title_en": "Synthetic scoring sheet",
        "standard": "GB/T 27922-2011",
        "total_points": 100,
        "default_allocation": False,
        "rules": {"fail_level": "fail"},
        "levels": [
            {"id": "fail", "title_zh": "不合格", "title_en": "Fail", "min_score": 0},
            {"id": "compliant", "title_zh": "达标级", "title_en": "Compliant", "min_score": 70},
            {"id": "three_star", "title_zh": "三星级", "title_en": "Three-star", "min_score": 80},
            {"id": "four_star", "title_zh": "四星级", "title_en": "Four-star", "min_score": 90},
            {"id": "five_star", "title_zh": "五星级", "title_en": "Five-star", "min_score": 95},
        ],
        "groups": groups,
    }


def camera_photo(seed: int, profile: str = "textured") -> bytes:
    """A distinct 1600×1200 JPEG with camera-like texture (JPEG size depends on texture)."""
    from PIL import Image, ImageDraw

    sigma, share = PHOTO_PROFILES[profile]
    rnd = random.Random(seed)
    w, h = 1600, 1200
    first = tuple(rnd.randrange(256) for _ in range(3))
    second = tuple(rnd.randrange(256) for _ in range(3))
    image = Image.composite(
        Image.new("RGB", (w, h), first),
        Image.new("RGB", (w, h), second),
        Image.linear_gradient("L").resize((w, h)),
    )
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y, s = rnd.randrange(w), rnd.randrange(h), rnd.randrange(40, 400)
        shape = draw.rectangle if rnd.random() < 0.5 else draw.ellipse
        shape(
            (x, y, x + s, y + s * rnd.uniform(0.3, 1.5)),
            fill=tuple(rnd.randrange(256) for _ in range(3)),
        )
    draw.text((40, 40), f"photo {seed}", fill=(255, 255, 255))
    image = Image.blend(image, Image.effect_noise((w, h), sigma).convert("RGB"), share)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def build_synthetic(
    store: Any, items: int = 300, photos: int = 200, profile: str = "textured"
) -> int:
    """Create a fully scored synthetic audit with `items` items and `photos` photos."""
    from auditor_app.core.results import ItemResult
    from auditor_app.services.audits import AuditService

    scheme = store.add_scheme(synthetic_scheme(items))
    service = AuditService(store)
    with store.transaction():
        org = store.add_organisation(
            "合成测试客户有限公司 Synthetic Client Ltd.", address="上海市浦东新区示例路 100 号"
        )
        audit_id = store.create_audit(
            org,
            "initial",
            scheme,
            report_number="BENCH-0001",
            start_date="2026-03-02",
            end_date="2026-03-06",
            scope="合成基准测试 / synthetic benchmark",
        )
        store.replace_sites(
            audit_id,
            [
                {"name": "总部", "is_central": True, "visited": True},
                *({"name": f"网点 {n}", "visited": n % 2 == 0} for n in range(1, 21)),
            ],
        )
        store.replace_team(
            audit_id, [{"name": "王建国", "role": "leader"}, {"name": "李审核", "role": "member"}]
        )
        for n, item in enumerate(scheme.items):
            if item.judged == "proportional":
                result = ItemResult("sampled", sampled=10, nonconforming=n % 3)
            elif item.judged == "graded":
                result = ItemResult("graded", points=item.steps[-1 if n % 4 else 1])
            else:
                result = ItemResult("conform" if n % 7 else "nonconform")
            service.record(audit_id, item.id, result)
            store.set_note(
                audit_id,
                item.id,
                f"抽查记录 {n}：服务工单、回访记录与备件出入库记录，"
                f"共 {10 + n % 5} 份。 / Checked {10 + n % 5} work "
                "orders, follow-up and spare-part records.",
            )
            store.set_methods(audit_id, item.id, ["document_review", "interview"])
        service.add_finding(
            audit_id,
            "minor",
            "服务记录不完整 / incomplete records",
            item_id=scheme.items[0].id,
            rectification="补全记录",
            deadline="2026-06-30",
        )
    for n in range(photos):
        item = scheme.items[n % len(scheme.items)]
        store.add_attachment(
            audit_id,
            item.id,
            camera_photo(n, profile),
            f"IMG_{n:04d}.jpg",
            f"现场照片 {n + 1} / site photo {n + 1}",
        )
    return audit_id


def _time(fn: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _export_and_sign(db: Path, audit_id: int, out: Path, key: Any) -> tuple[float, Any]:
    """Export + sign a fresh copy of the audit each run (signing locks the audit)."""
    from auditor_app.report import export_report
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db) as store:
        start = time.perf_counter()
        result = export_report(store, audit_id, out, key=key)
        return time.perf_counter() - start, result


def _split(db: Path, audit_id: int, key: Any, runs: int) -> str:
    """Where an export's time goes: gathering + rendering, and signing (median of runs)."""
    from auditor_app.report import build_report_data, load_style
    from auditor_app.report.pdf import render
    from auditor_app.signing.sign import FieldPlacement, sign_pdf
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db) as store:
        style = load_style()
        render_s, rendered = _time(
            lambda: render(build_report_data(store, audit_id), style, draft=False), runs
        )
    placement = FieldPlacement(rendered.signature_page, rendered.signature_box)
    sign_s, _ = _time(
        lambda: sign_pdf(
            rendered.pdf,
            key,
            role="审核组长 Team leader",
            reason="bench",
            location="bench",
            placement=placement,
        ),
        runs,
    )
    return f"of which render {render_s:.2f} s, sign {sign_s:.2f} s"


def _copy(db: Path, target: Path) -> Path:
    import sqlite3

    source = sqlite3.connect(db)
    dest = sqlite3.connect(target)
    with dest:
        source.backup(dest)
    source.close()
    dest.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--demo-only", action="store_true", help="skip the 300-item audit")
    parser.add_argument(
        "--profile",
        choices=sorted(PHOTO_PROFILES),
        default="textured",
        help="texture of the generated photos (JPEG size)",
    )
    args = parser.parse_args()

    start = time.perf_counter()
    from auditor_app.report import export_report  # noqa: F401  (import cost measured)
    from auditor_app.services.demo import create_demo
    from auditor_app.signing import keys
    from auditor_app.signing.verify import verify_pdf
    from auditor_app.store.audit_store import AuditStore

    print(f"imports                       {time.perf_counter() - start:6.2f} s")
    ca = keys.create_test_ca("Bench CB Root", org="Bench CB")
    key = keys.create_auditor_key("王建国", org="Bench CB", ca=ca, key_type="rsa")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo_db = folder / "demo.sqlite"
        with AuditStore(demo_db, actor="bench") as store:
            demo_id = create_demo(store)
        cold, _ = _export_and_sign(
            _copy(demo_db, folder / "cold.sqlite"), demo_id, folder / "cold.pdf", key
        )
        print(f"demo export+sign, cold        {cold:6.2f} s  (first in process)")
        runs = []
        for n in range(args.runs):
            elapsed, result = _export_and_sign(
                _copy(demo_db, folder / f"d{n}.sqlite"), demo_id, folder / f"demo{n}.pdf", key
            )
            runs.append(elapsed)
        demo_pdf = result.path.read_bytes()
        print(
            f"demo export+sign, warm        {statistics.median(runs):6.2f} s  "
            f"(goal ≤ 1.5 s; {result.pages} pages, {result.size / 1e6:.2f} MB)"
        )
        print(f"{'':30}{_split(demo_db, demo_id, key, args.runs)}")
        verify_s, verdict = _time(lambda: verify_pdf(demo_pdf, [ca.certificate]), args.runs)
        print(f"demo verify                   {verify_s:6.3f} s  (goal ≤ 0.3 s; ok={verdict.ok})")

        if args.demo_only:
            return 0
        big_db = folder / "big.sqlite"
        setup = time.perf_counter()
        with AuditStore(big_db, actor="bench") as store:
            big_id = build_synthetic(store, args.items, args.photos, args.profile)
            stored = sum(len(store.attachment_data(a["sha256"])) for a in store.attachments(big_id))
        print(
            f"synthetic audit set-up        {time.perf_counter() - setup:6.2f} s  "
            f"({args.items} items, {args.photos} photos '{args.profile}', stored copies "
            f"{stored / 1e6:.1f} MB, {stored / max(args.photos, 1) / 1e3:.0f} kB each)"
        )
        runs = []
        for n in range(max(1, args.runs - 1)):
            elapsed, result = _export_and_sign(
                _copy(big_db, folder / f"b{n}.sqlite"), big_id, folder / f"big{n}.pdf", key
            )
            runs.append(elapsed)
        big_pdf = result.path.read_bytes()
        print(
            f"big export+sign               {statistics.median(runs):6.2f} s  (goal ≤ 8 s; "
            f"{result.pages} pages, {result.size / 1e6:.1f} MB, goal ≤ 20 MB)"
        )
        print(f"{'':30}{_split(big_db, big_id, key, 2)}")
        verify_s, verdict = _time(lambda: verify_pdf(big_pdf, [ca.certificate]), args.runs)
        print(f"big verify                    {verify_s:6.3f} s  (goal ≤ 0.3 s; ok={verdict.ok})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
