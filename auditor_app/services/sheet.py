"""The score sheet as CSV, so an auditor can move between the app and a spreadsheet.

UTF-8 with a byte-order mark so Excel opens Chinese text correctly. Import reads every row,
then writes them all in one transaction (each change with its trail entry); the store checks
each result against its item, and any problem on any row rolls the whole sheet back, so nothing
is written unless all rows are good. Every problem found is listed, with its line.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from auditor_app.core.errors import InputError, Problem, ValidationError
from auditor_app.core.results import (
    CONFORM,
    GRADED,
    KINDS,
    NA,
    NONCONFORM,
    SAMPLED,
    ItemResult,
    to_decimal,
)
from auditor_app.services.audits import AuditService

COLUMNS = [
    "item_id",
    "group",
    "indicator",
    "title_zh",
    "title_en",
    "points",
    "judged",
    "result",
    "sampled",
    "nonconforming",
    "awarded",
    "na_reason",
    "note",
    "earned",
]
# Columns the import reads; the others are for the reader and are ignored.
READ = ("item_id", "result", "sampled", "nonconforming", "awarded", "na_reason", "note")
MAX_BYTES = 5 * 1024 * 1024


def export_sheet(service: AuditService, audit_id: int, path: Path) -> int:
    scheme = service.scheme(audit_id)
    rows = service.store.result_rows(audit_id)
    score = service.score(audit_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for group in scheme.groups:
        for ind in group.indicators:
            for item in ind.items:
                row = rows.get(item.id, {})
                writer.writerow(
                    [
                        item.id,
                        group.id,
                        ind.id,
                        _text(item.title_zh),
                        _text(item.title_en),
                        item.points,
                        item.judged,
                        row.get("result") or "",
                        _blank(row.get("sampled")),
                        _blank(row.get("nonconforming")),
                        _blank(row.get("points")),
                        _text(row.get("reason", "")),
                        _text(row.get("note", "")),
                        ""
                        if score.item_status[item.id] == "unscored"
                        else f"{score.item_earned[item.id]:.2f}",
                    ]
                )
                count += 1
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    return count


def _blank(value: object) -> str:
    return "" if value is None else str(value)


# A text cell starting with one of these runs as a formula in Excel or LibreOffice (CSV
# injection: a note "=cmd|' /C calc'!A0" would start a program on the reviewer's machine).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Text cell for export: a leading apostrophe makes spreadsheets show it as text. A text
    that itself starts with an apostrophe gets one more, so import can always drop exactly one."""
    return "'" + value if value.startswith((*_FORMULA_START, "'")) else value


def _untext(value: str) -> str:
    """Import side of `_text`: drop the apostrophe export added, so the round trip is exact."""
    return value[1:] if value.startswith("'") else value


def import_sheet(service: AuditService, audit_id: int, path: Path) -> int:
    """Apply a sheet; returns the number of items changed. Nothing is written on any error."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if len(raw) > MAX_BYTES:
        raise ValidationError([Problem(source, "", "file is larger than a score sheet can be")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            [Problem(source, "", "not UTF-8 text (save the sheet as 'CSV UTF-8')")]
        ) from None
    scheme = service.scheme(audit_id)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        records = list(reader)
    except csv.Error as exc:
        raise ValidationError([Problem(source, "", f"not a readable CSV file ({exc})")]) from exc
    missing = [c for c in READ if c not in header]
    if missing:
        raise ValidationError(
            [Problem(source, "header", f"missing column(s): {', '.join(missing)}")]
        )
    problems: list[Problem] = []
    parsed: list[tuple[str, str, ItemResult | None, str]] = []
    seen: set[str] = set()
    for line, rec in enumerate(records, start=2):
        where = f"line {line}"
        if None in rec:
            problems.append(Problem(source, where, "more cells than columns"))
            continue
        item_id = (rec.get("item_id") or "").strip()
        if not scheme.has_item(item_id):
            problems.append(
                Problem(source, where, f"unknown item '{item_id}' for scheme {scheme.id}")
            )
            continue
        if item_id in seen:
            problems.append(Problem(source, where, f"item {item_id} appears twice"))
            continue
        seen.add(item_id)
        try:
            result = _result(rec)
        except InputError as exc:
            problems.append(Problem(source, where, str(exc)))
            continue
        parsed.append((where, item_id, result, _untext(rec.get("note") or "")))
    store = service.store
    current = store.result_rows(audit_id)
    changed = 0
    with store.transaction():
        for where, item_id, result, note in parsed:
            before = current.get(item_id)
            try:  # the store judges the result against its item
                store.set_result(audit_id, item_id, result)
                if note != (before or {}).get("note", ""):
                    store.set_note(audit_id, item_id, note)
            except InputError as exc:
                problems.append(Problem(source, where, str(exc)))
                continue
            after = store.result_rows(audit_id).get(item_id)
            if _core(before) != _core(after):
                changed += 1
        if problems:  # raised inside the transaction: every row written above is undone
            raise ValidationError(sorted(problems, key=lambda p: _line(p.location)))
    return changed


def _line(where: str) -> int:
    return int(where.removeprefix("line ")) if where.startswith("line ") else 0


def _core(row: dict[str, object] | None) -> tuple[object, ...]:
    if row is None:
        return (None, None, None, None, "", "")
    return tuple(
        row.get(k) for k in ("result", "sampled", "nonconforming", "points", "reason", "note")
    )


def _int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{what} must be a whole number, got {text!r}") from None


def _result(rec: dict[str, str]) -> ItemResult | None:
    kind = (rec.get("result") or "").strip().lower()
    if not kind:
        return None
    if kind not in KINDS:
        raise InputError(f"result must be empty or one of {', '.join(KINDS)}, got {kind!r}")
    if kind in (CONFORM, NONCONFORM):
        return ItemResult(kind)
    if kind == NA:
        return ItemResult(NA, reason=_untext((rec.get("na_reason") or "").strip()))
    if kind == SAMPLED:
        n = (rec.get("sampled") or "").strip()
        k = (rec.get("nonconforming") or "").strip()
        if not n or not k:
            raise InputError("a sampled result needs 'sampled' and 'nonconforming'")
        return ItemResult(
            SAMPLED, sampled=_int(n, "sampled"), nonconforming=_int(k, "nonconforming")
        )
    assert kind == GRADED
    awarded = (rec.get("awarded") or "").strip()
    if not awarded:
        raise InputError("a graded result needs 'awarded'")
    return ItemResult(GRADED, points=Decimal(to_decimal(awarded, "awarded")))
