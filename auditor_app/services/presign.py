"""Checks before a report is signed (issue 11), one place for the CLI and the GUI.

Blocking checks must be fixed: a report dated before the audit's last day, an empty team
recommendation, a person-days shortfall left unexplained. Confirmable checks may be signed
through knowingly: the signer gives a reason per check (CLI `--confirm CODE=REASON`), which is
written to the audit trail with the signature. Qt-free.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.services.planning import actual_time_summary
from auditor_app.store.audit_store import AuditStore


@dataclass(frozen=True)
class Check:
    """One check before signing: a `blocking` one must be fixed; any other may be confirmed with a
    reason, under its `code`."""

    code: str
    message: str
    blocking: bool
    field: str = ""  # the audit field to go to in the GUI ('' when none)


class PresignRefused(InputError):
    """The report cannot be signed yet; `checks` says what to fix or confirm."""

    def __init__(self, checks: list[Check]) -> None:
        self.checks = checks
        lines = [
            f"- {c.message}"
            + ("" if c.blocking else f" (to sign anyway: --confirm {c.code}=REASON)")
            for c in checks
        ]
        super().__init__(
            f"the report cannot be signed yet ({len(checks)} to fix or confirm):\n"
            + "\n".join(lines)
        )


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _shortfall(store: AuditStore, audit_id: int) -> str:
    """The person-days shortfall warning, '' when the plan suffices or cannot be computed."""
    from auditor_app.core.audit_time import load_audit_time
    from auditor_app.core.persondays import compute_person_days
    from auditor_app.services.planning import person_days_input

    try:
        result = compute_person_days(person_days_input(store, audit_id), load_audit_time())
    except AuditorError:
        return ""
    for warning in result.warnings:
        if warning.code == "planned_days_short":
            return warning.message_en
    return ""


def _example_identity(store: AuditStore) -> bool:
    """True while the report would carry the shipped, fictional CB identity."""
    from auditor_app.report.identity import cb_identity
    from auditor_app.report.styles import load_style

    return cb_identity(store.get_setting, load_style().cb).example


def presign_checks(
    store: AuditStore,
    audit_id: int,
    report_day: dt.date,
    *,
    example_identity: bool | None = None,
) -> list[Check]:
    """Everything to fix (blocking) or confirm before the report of `audit_id` is signed on
    `report_day`; empty when it can be signed as it stands. `example_identity`: whether the
    report's CB identity is the shipped example (worked out from Settings when not given)."""
    audit = store.audit(audit_id)
    found: list[Check] = []
    if example_identity is None:
        example_identity = _example_identity(store)
    if example_identity and not audit["sample"]:
        found.append(
            Check(
                "cb_identity_example",
                "the report would name the shipped, fictional example CB: enter the CB's name, "
                "address and accreditation number in Settings (auditor-app audit cb) first",
                True,
                "cb_name",
            )
        )
    last_day = _day(audit["end_date"]) or _day(audit["start_date"])
    if last_day is not None and report_day < last_day:
        found.append(
            Check(
                "report_before_audit",
                f"the report would be dated {report_day}, before the audit's last day "
                f"{last_day}: sign after the audit (or correct the audit dates)",
                True,
                "end_date",
            )
        )
    if not audit["recommendation"].strip():
        found.append(
            Check(
                "recommendation_empty",
                "the team's recommendation is empty (ISO/IEC 17021-1 9.4.8.2)",
                True,
                "recommendation",
            )
        )
    short = _shortfall(store, audit_id)
    if short and not audit["deviations"].strip():
        found.append(
            Check(
                "persondays_unexplained",
                f"{short}; explain it under deviations from the plan",
                True,
                "deviations",
            )
        )
    actual = actual_time_summary(store, audit_id)
    if actual.needs_reason:
        found.append(
            Check(
                "actual_time_unexplained",
                f"the actual audit time ({actual.auditor_days} auditor-days) differs from the "
                f"plan ({actual.planned}) and no reason is recorded: record why",
                True,
                "time_deviation_reason",
            )
        )
    if not audit["deviations"].strip():
        found.append(
            Check(
                "no_deviations",
                "no deviation from the audit plan is noted: confirm there was none",
                False,
                "deviations",
            )
        )
    scored = {k for k, r in store.result_rows(audit_id).items() if r["result"] is not None}
    unscored = [i.id for i in store.audit_scheme(audit_id).items if i.id not in scored]
    if unscored:
        shown = ", ".join(unscored[:5]) + (" …" if len(unscored) > 5 else "")
        found.append(
            Check(
                "items_unscored",
                f"{len(unscored)} item(s) not scored: {shown}",
                False,
                "items",
            )
        )
    return found


def ensure_signable(
    store: AuditStore,
    audit_id: int,
    report_day: dt.date,
    confirmations: Mapping[str, str] | None = None,
    *,
    example_identity: bool | None = None,
) -> dict[str, str]:
    """The confirmations that apply (code → reason) when the report may be signed; raises
    PresignRefused listing every blocking check and every confirmable one without a reason."""
    confirmations = {k: v.strip() for k, v in (confirmations or {}).items()}
    checks = presign_checks(store, audit_id, report_day, example_identity=example_identity)
    known = {c.code for c in checks}
    stray = sorted(set(confirmations) - known - set(CONFIRMABLE))
    if stray:
        raise InputError(f"unknown check to confirm: {', '.join(stray)}")
    open_ = [c for c in checks if c.blocking or not confirmations.get(c.code)]
    if open_:
        raise PresignRefused(open_)
    return {c.code: confirmations[c.code] for c in checks}


CONFIRMABLE = ("no_deviations", "items_unscored")
_LABELS = {
    "no_deviations": "无计划偏离 No deviation from the audit plan",
    "items_unscored": "有未评分条目 Items left unscored",
}


def confirmation_label(code: str) -> str:
    """What a confirmation states, as the report prints it."""
    return _LABELS.get(code, code)


def parse_confirmations(values: list[str]) -> dict[str, str]:
    """`CODE=REASON` pairs from the command line."""
    out = {}
    for value in values:
        code, sep, reason = value.partition("=")
        if not sep or not reason.strip():
            raise InputError(f"--confirm needs CODE=REASON, got {value!r}")
        out[code.strip()] = reason.strip()
    return out
