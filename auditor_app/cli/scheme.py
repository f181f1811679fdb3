"""`auditor-app scheme show|validate|list`: inspect and check scheme files."""

from __future__ import annotations

import argparse

from auditor_app.cli.common import print_json
from auditor_app.core.errors import ValidationError
from auditor_app.core.scheme import installed_schemes, load_scheme, load_scheme_by_ref


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("scheme", help="show, list or validate evaluation schemes")
    actions = parser.add_subparsers(dest="scheme_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print every node of a scheme")
    show.add_argument(
        "--scheme", help="installed scheme id or a scheme file (default: gbt27922-2011)"
    )
    show.add_argument("--json", action="store_true", help="JSON list of nodes")
    show.set_defaults(func=cmd_show)
    validate = actions.add_parser("validate", help="check a scheme file and list every problem")
    validate.add_argument("file")
    validate.set_defaults(func=cmd_validate)
    listing = actions.add_parser("list", help="installed schemes")
    listing.set_defaults(func=cmd_list)


def cmd_show(args: argparse.Namespace) -> int:
    scheme = load_scheme_by_ref(args.scheme)
    if args.json:
        print_json(scheme.nodes())
        return 0
    print(f"{scheme.title_zh} / {scheme.title_en}")
    print(f"{scheme.id} version {scheme.version}  hash {scheme.content_hash}")
    if scheme.default_allocation:
        print("注意 Note: default point allocation — replace with the CB's scoring sheet")
    for node in scheme.nodes():
        indent = {"group": "", "indicator": "  ", "item": "    "}[node["level"]]
        judged = f"  [{node['judged']}]" if node["judged"] else ""
        print(
            f"{indent}{node['id']:<10} {node['points']:>5}  {node['title_zh']} "
            f"{node['title_en']}{judged}"
        )
    levels = ", ".join(f"{lv.title_zh} {lv.id} ≥{lv.min_score}" for lv in scheme.levels)
    print(f"levels: {levels}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        scheme = load_scheme(args.file)
    except ValidationError as exc:
        print(f"{args.file}: INVALID")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    print(
        f"{args.file}: valid — {scheme.id} {scheme.version}, {len(scheme.items)} items, "
        f"{len(scheme.levels)} levels, hash {scheme.content_hash}"
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    for path in installed_schemes():
        try:
            scheme = load_scheme(path)
            print(f"{scheme.id:<24} {scheme.version:<18} {scheme.title_zh}  ({path.name})")
        except ValidationError as exc:
            print(f"{path.name}: INVALID ({len(exc.problems)} problems)")
    return 0
