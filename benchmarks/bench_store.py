"""Store benchmark: latency of one committed edit with its trail entry, and scoring 300 items.

    .venv/bin/python benchmarks/bench_store.py [--edits 2000]

On a real file (WAL, synchronous=FULL: every COMMIT is fsynced) it measures
* one `score set`-style edit: the result checked, written and committed with its trail row
  (goal: median ≤ 1 ms, p99 ≤ 5 ms), and the result + note pair in one transaction;
* the full score of an audit with 300 items: reading the results and computing total, level,
  subtotals and gap (goal ≤ 5 ms), and the computation alone.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor_app.core.results import ItemResult  # noqa: E402
from auditor_app.core.scoring import compute_score  # noqa: E402
from auditor_app.services.audits import AuditService, ClientInfo  # noqa: E402
from auditor_app.store.audit_store import AuditStore  # noqa: E402


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def line(name: str, ms: list[float], goal_median: float, goal_p99: float | None) -> str:
    med, p99 = statistics.median(ms), percentile(ms, 99)
    ok = med <= goal_median and (goal_p99 is None or p99 <= goal_p99)
    goal = f"goal median ≤ {goal_median} ms" + (f", p99 ≤ {goal_p99} ms" if goal_p99 else "")
    return (
        f"{name:<44} median {med:6.3f} ms  p99 {p99:6.3f} ms  max {max(ms):7.3f} ms  "
        f"({goal}: {'met' if ok else 'MISSED'})"
    )


def big_scheme(items: int = 300) -> dict[str, Any]:
    """A valid scheme document with `items` items: 5 groups × 10 indicators × 6 items."""
    per_group, per_ind = items // 5, 6

    def node(i: str) -> dict[str, str]:
        return {"id": i, "title_zh": f"条目{i}", "title_en": f"item {i}"}

    groups = []
    for g in range(5):
        indicators = []
        for i in range(per_group // per_ind):
            kinds = ["whole", "proportional", "graded"]
            its = [
                {
                    **node(f"{g}.{i}.{k}"),
                    "points": 2,
                    "judged": kinds[k % 3],
                    "requirement_zh": "要求",
                    "requirement_en": "requirement",
                    **({"steps": [0, 1, 2]} if kinds[k % 3] == "graded" else {}),
                }
                for k in range(per_ind)
            ]
            indicators.append({**node(f"{g}.{i}"), "points": 2 * per_ind, "items": its})
        groups.append({**node(f"{g}"), "points": 2 * per_group, "indicators": indicators})
    return {
        "format": "auditor-scheme/1",
        "id": "bench-300",
        "version": "1",
        "title_zh": "基准",
        "title_en": "bench",
        "standard": "bench",
        "total_points": 2 * items,
        "rules": {"fail_level": "fail"},
        "levels": [
            {"id": "fail", "title_zh": "不合格", "title_en": "Fail", "min_score": 0},
            {"id": "pass", "title_zh": "合格", "title_en": "Pass", "min_score": items},
        ],
        "groups": groups,
    }


def bench_edits(folder: Path, edits: int) -> list[str]:
    store = AuditStore(folder / "edits.sqlite", actor="bench")
    service = AuditService(store)
    audit = service.create_audit(ClientInfo("基准客户"), "initial")
    items = [it.id for it in service.scheme(audit).items if it.judged == "proportional"]
    rng = random.Random(1)

    def edit() -> None:
        n = rng.randint(1, 10_000)  # a new value every time: a real write, never a no-op
        service.record(audit, rng.choice(items), ItemResult("sampled", n, rng.randint(0, n)))

    seq = iter(range(10**9))

    def edit_with_note() -> None:
        item = rng.choice(items)
        n = rng.randint(1, 10_000)
        with store.transaction():
            service.record(audit, item, ItemResult("sampled", n, 0))
            store.set_note(audit, item, f"证据 {next(seq)}")

    timed(edit, 50)  # warm-up: caches, WAL file growth
    single = timed(edit, edits)
    paired = timed(edit_with_note, edits // 2)
    trail = len(store.trail(audit))
    store.close()
    return [
        line(f"edit + trail, committed ({edits}×)", single, 1, 5),
        line(f"result + note in one commit ({edits // 2}×)", paired, 2, 10),
        f"{'':<44} trail rows written: {trail}",
    ]


def bench_score(folder: Path, runs: int = 300) -> list[str]:
    store = AuditStore(folder / "score.sqlite", actor="bench")
    service = AuditService(store)
    scheme = store.add_scheme(big_scheme())
    org = store.add_organisation("基准客户")
    audit = store.create_audit(org, "initial", scheme)
    rng = random.Random(2)
    with store.transaction():
        for item in scheme.items:
            if item.judged == "proportional":
                result = ItemResult("sampled", 10, rng.randint(0, 10))
            elif item.judged == "graded":
                result = ItemResult("graded", points=rng.choice(item.steps))
            else:
                result = ItemResult(rng.choice(["conform", "nonconform"]))
            store.set_result(audit, item.id, result)
    results = store.results(audit)
    assert len(results) == len(scheme.items) == 300
    timed(lambda: service.score(audit), 20)
    full = timed(lambda: service.score(audit), runs)
    pure = timed(lambda: compute_score(scheme, results), runs)
    store.close()
    return [
        line("score of 300 items (read + compute)", full, 5, None),
        line("score of 300 items (compute only)", pure, 5, None),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=2000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-store-", dir=ROOT) as tmp:
        # a real file on the project's disk (not tmpfs), so fsync costs what it costs
        print("store benchmark (WAL, synchronous=FULL, real file)")
        for text in bench_edits(Path(tmp), args.edits) + bench_score(Path(tmp)):
            print(" ", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
