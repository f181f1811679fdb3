"""`auditor-app persondays`: audit person-days, outlet sample and the justification for the client.

A contract-review tool: the CB enters the declared figures and gets the determination with its
justification (IAF MD 5 / MD 1 as data in `resources/audit_time/`); `--json` for other tools.
"""

from __future__ import annotations

import argparse
import dataclasses
from decimal import Decimal, InvalidOperation
from typing import Any

from auditor_app.cli.common import CliError, print_json
from auditor_app.core.audit_time import AUDIT_TYPES, load_audit_time
from auditor_app.core.errors import InputError
from auditor_app.core.persondays import PersonDaysInput, PersonDaysResult, compute_person_days
from auditor_app.core.persondays_format import num
from auditor_app.core.sampling import SiteDraw, draw_sites
from auditor_app.services import planning


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "persondays",
        help="audit person-days, outlet sample and justification (IAF MD 5 / MD 1)",
        description="Determine audit person-days and the number of outlets to sample, with a "
        "justification for the client.",
    )
    p.add_argument("--headcount", type=_count, required=True, metavar="N", help="full-time staff")
    p.add_argument("--part-time", type=_count, default=0, metavar="N", help="part-time staff")
    p.add_argument("--part-time-hours", type=_decimal, metavar="H", help="their hours per week")
    p.add_argument("--temporary", type=_count, default=0, metavar="N")
    p.add_argument("--contractors", type=_count, default=0, metavar="N", help="in scope")
    p.add_argument(
        "--similar-staff", type=_count, default=0, metavar="N", help="staff in similar functions"
    )
    p.add_argument("--similar-counted", type=_count, metavar="M", help="number they are counted as")
    p.add_argument("--similar-reason", default="", metavar="TEXT", help="why (required if M < N)")
    p.add_argument(
        "--sites",
        type=_sites,
        default=(0, ()),
        metavar="N|H,H,…|NxH",
        help="sites other than the central function: a count (headcounts unknown), each site's "
        "headcount (5,5,12) or N sites of H persons (40x5); headcount counts the whole "
        "organisation, sites included",
    )
    p.add_argument(
        "--site-reduction",
        type=_decimal,
        default=Decimal(0),
        metavar="PCT",
        help="reduce the time at each sampled site by PCT %% (IAF MD 1: at most 50)",
    )
    p.add_argument("--site-reduction-reason", default="", metavar="TEXT")
    p.add_argument("--audit-type", choices=AUDIT_TYPES, default="initial")
    p.add_argument(
        "--adjust",
        action="append",
        default=[],
        metavar="REASON=±PCT",
        help='adjustment, repeatable, e.g. --adjust "many sites=+10" --adjust "mature system=-20"',
    )
    p.add_argument("--service-mgmt", type=_count, metavar="N", help="service-management staff")
    p.add_argument("--certified-managers", type=_count, metavar="N", help="售后服务管理师")
    p.add_argument(
        "--verified-headcount", type=_count, metavar="N", help="full-time staff found on site"
    )
    p.add_argument("--planned-days", type=_decimal, metavar="D")
    p.add_argument("--no-sampling", action="store_true", help="sampling not allowed: visit all")
    p.add_argument(
        "--seed", type=_count, metavar="N", help="draw the random outlets with this seed"
    )
    p.add_argument(
        "--draw", action="store_true", help="draw the outlets (numbered 1..N) with a new seed"
    )
    p.add_argument("--table", metavar="FILE", help="audit-time data file (default: IAF MD 5 QMS)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_persondays)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {value}")
    return value


def _sites(text: str) -> tuple[int, tuple[int, ...]]:
    """'40' → 40 sites, headcounts unknown; '5,5,12' → 3 sites; '40x5' → 40 sites of 5."""
    text = text.strip().replace("×", "x").replace("X", "x")
    if "x" in text:
        count, _, head = text.partition("x")
        n, h = _count(count), _count(head)
        if h < 1:
            raise argparse.ArgumentTypeError(f"a site needs at least 1 person, got {text!r}")
        return n, (h,) * n
    if "," in text:
        heads = tuple(_count(part.strip()) for part in text.split(",") if part.strip())
        if any(h < 1 for h in heads):
            raise argparse.ArgumentTypeError(f"a site needs at least 1 person, got {text!r}")
        return len(heads), heads
    return _count(text), ()


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}")
    return value


def parse_adjustment(text: str) -> tuple[str, Decimal]:
    """The services' parser, with its refusal reported as a command-line error."""
    try:
        return planning.parse_adjustment(text)
    except InputError as exc:
        raise CliError(str(exc)) from None


def build_input(args: argparse.Namespace) -> PersonDaysInput:
    return PersonDaysInput(
        full_time=args.headcount,
        part_time=args.part_time,
        part_time_hours=args.part_time_hours,
        temporary=args.temporary,
        contractors=args.contractors,
        similar_function_staff=args.similar_staff,
        similar_function_counted=args.similar_counted,
        similar_function_reason=args.similar_reason,
        sites=args.sites[0],
        site_headcounts=args.sites[1],
        site_names=[f"site {n}" for n in range(1, args.sites[0] + 1)] if args.sites[1] else (),
        site_reduction_percent=args.site_reduction,
        site_reduction_reason=args.site_reduction_reason,
        audit_type=args.audit_type,
        adjustments=[parse_adjustment(a) for a in args.adjust],
        service_mgmt_staff=args.service_mgmt,
        certified_managers=args.certified_managers,
        verified_headcount=args.verified_headcount,
        planned_days=args.planned_days,
        sampling_allowed=not args.no_sampling,
    )


def cmd_persondays(args: argparse.Namespace) -> int:
    inp = build_input(args)
    result = compute_person_days(inp, load_audit_time(args.table))
    draw = None
    if (args.seed is not None or args.draw) and result.sites_to_sample > 0:
        outlets = [str(i) for i in range(1, inp.sites + 1)]
        draw = draw_sites(outlets, result.sites_to_sample, result.random_sites_min, args.seed)
        if inp.site_names:  # the time follows the sites drawn, not the planning assumption
            drawn = [f"site {n}" for n in draw.sampled]
            result = compute_person_days(
                dataclasses.replace(inp, sampled_sites=drawn), load_audit_time(args.table)
            )
    if args.json:
        data: dict[str, Any] = result.to_dict()
        data["site_draw"] = draw.to_dict() if draw else None
        print_json(data)
    else:
        print(human_text(result, draw))
    return 0


def human_text(r: PersonDaysResult, draw: SiteDraw | None) -> str:
    lines = [
        f"audit type            {r.audit_type}",
        f"effective personnel   {num(r.effective_personnel)}"
        + (
            f" (→ {r.effective_personnel_rounded} for look-up)"
            if r.effective_personnel != r.effective_personnel_rounded
            else ""
        ),
        f"table days            {num(r.table_days)}"
        + (f"  (row {r.table_row.min}–{r.table_row.max})" if r.table_row else "  (extension)"),
        f"adjustment            {num(r.adjustment_percent_applied)} %"
        + (
            f" (requested {num(r.adjustment_percent_requested)} %, capped)"
            if r.reduction_capped
            else ""
        ),
        f"audit days            {num(r.audit_days)}",
    ]
    if r.stage1_days is not None and r.stage2_days is not None:
        lines.append(f"  stage 1 / stage 2    {num(r.stage1_days)} / {num(r.stage2_days)}")
    lines += [
        f"on-site days (min)    {num(r.onsite_days_min)}",
        f"sites to sample       {r.sites_to_sample} of {r.sites} (+ central function), "
        f"at least {r.random_sites_min} at random",
    ]
    ms = r.multi_site
    if ms is not None:
        lines.append(
            f"  central function    {num(ms.central_days)} ({ms.central_personnel} persons)"
        )
        for site in ms.sites:
            head = "headcount ?" if site.headcount is None else f"{site.headcount} persons"
            lines.append(f"  {site.name:<19} {num(site.days)} ({head})")
    if draw is not None:
        lines.append(f"drawn outlets (no.)   {', '.join(draw.random_picks)}  (seed {draw.seed})")
    for w in r.warnings:
        lines.append(f"{w.severity.upper()}: {w.message_en}")
        lines.append(f"  {w.message_zh}")
    lines += ["", r.justification_zh, "", r.justification_en]
    if draw is not None:
        lines += ["", draw.method_zh, draw.method_en]
    return "\n".join(lines)
