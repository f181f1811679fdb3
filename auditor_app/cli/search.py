"""`auditor-app search TEXT`: where a word or phrase occurs in any audit."""

from __future__ import annotations

import argparse
import dataclasses

from auditor_app.cli.common import add_db_argument, open_store, print_json
from auditor_app.store.search import search

KIND_LABELS = {
    "client": "客户 client",
    "site": "场所 site",
    "note": "记录 note",
    "finding": "发现 finding",
    "caption": "照片 photo",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "search",
        help="find a word or phrase in clients, sites, notes, findings and photo captions",
        description="Search every audit in the database: client and site names, evidence "
        "notes, findings (text, evidence, rectification) and photo captions. The match is a "
        "plain substring, case-insensitive for Latin letters; newest audit first.",
    )
    add_db_argument(parser)
    parser.add_argument("text", help="the word or phrase")
    parser.add_argument("--limit", type=int, default=200, help="at most this many hits")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        hits = search(store, args.text, limit=max(1, min(args.limit, 10_000)))
    if args.json:
        print_json([dataclasses.asdict(h) for h in hits])
        return 0 if hits else 1
    if not hits:
        print("no match")
        return 1
    for hit in hits:
        where = f" {hit.item_id}" if hit.item_id else ""
        number = f" {hit.report_number}" if hit.report_number else ""
        print(f"audit {hit.audit_id}{number} · {hit.client} · {KIND_LABELS[hit.kind]}{where}")
        print(f"    {hit.snippet}")
    return 0
