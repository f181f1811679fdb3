"""Fuzzing the CSV score-sheet import: a clear error and nothing written, or every row applied.

The import is all-or-nothing by design (services/sheet.py): every row is checked first, then all
are written in one transaction. These tests compare the whole database before and after each
refused import (results, notes, the trail, the audit row), including a sheet that passes every
check and then fails while being written (the disk fills up half-way).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor_app.core.errors import InputError, LockedError, ValidationError
from auditor_app.core.results import ItemResult
from auditor_app.services.audits import AuditService, ClientInfo
from auditor_app.services.sheet import COLUMNS, MAX_BYTES, export_sheet, import_sheet
from auditor_app.store.audit_store import AuditStore
from auditor_app.store.db import StoreError

CLEAR_ERRORS = (ValidationError, InputError, LockedError, StoreError)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
FORMULA = "=cmd|' /C calc'!A0"


def snapshot(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db_path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("item_results", "trail", "audits", "findings")
        }
    finally:
        conn.close()


@pytest.fixture
def sheet_case(tmp_path):
    """A store with one partly scored audit, and its exported sheet as rows."""
    db_path = tmp_path / "sheet.sqlite"
    store = AuditStore(db_path, actor="tester")
    service = AuditService(store)
    audit = service.create_audit(ClientInfo("表格客户"), "initial")
    service.record(audit, "5.1.1.1", ItemResult("conform"))
    service.record(audit, "5.1.1.2", ItemResult("sampled", 8, 1))
    store.set_note(audit, "5.1.1.1", "现场查看组织机构图")
    exported = tmp_path / "exported.csv"
    export_sheet(service, audit, exported)
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"))))
    yield store, service, audit, db_path, rows
    store.close()


def write_csv(rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def attempt(service: AuditService, audit: int, db_path: Path, path: Path) -> int | None:
    """Import; on a refusal check it was a clear error and that nothing at all changed."""
    before = snapshot(db_path)
    try:
        return import_sheet(service, audit, path)
    except CLEAR_ERRORS as exc:
        assert str(exc).strip()
        if isinstance(exc, ValidationError):
            assert exc.problems
        assert snapshot(db_path) == before, "a refused import changed the database"
        return None


# -- generated sheets ----------------------------------------------------------------------
junk_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            FORMULA,
            "+1",
            "-1",
            "@SUM(A1)",
            "\0",
            "\r\n",
            '"',
            "１０",
            "NaN",
            "inf",
            "-0",
            "1e3",
            "2.50",
            " 3 ",
        ]
    ),
)
numbers = st.one_of(st.integers(-3, 100).map(str), st.just(""), junk_text)


@st.composite
def sheets(draw: st.DrawFn, base: list[dict[str, str]]) -> bytes:
    rows = [dict(r) for r in draw(st.lists(st.sampled_from(base), min_size=0, max_size=12))]
    for row in rows:
        for _ in range(draw(st.integers(0, 3))):
            column = draw(
                st.sampled_from(
                    [
                        "item_id",
                        "result",
                        "sampled",
                        "nonconforming",
                        "awarded",
                        "na_reason",
                        "note",
                    ]
                )
            )
            row[column] = draw(
                st.one_of(
                    st.sampled_from(
                        ["conform", "nonconform", "sampled", "graded", "na", "", " Conform ", "NA"]
                    )
                    if column == "result"
                    else numbers
                    if column in ("sampled", "nonconforming", "awarded")
                    else junk_text
                )
            )
    columns = list(COLUMNS)
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if draw(st.integers(0, 4)) == 0:
        columns.remove(draw(st.sampled_from(columns)))
    if draw(st.integers(0, 4)) == 0:
        columns.append(draw(st.sampled_from(["extra", "备注", "", "note2"])))
    text = write_csv(rows, columns)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-8-sig", "gb18030", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 5)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@FUZZ
@given(data=st.data())
def test_generated_sheets_are_all_or_nothing(sheet_case, tmp_path, data):
    store, service, audit, db_path, base = sheet_case
    raw = data.draw(sheets(base))
    path = tmp_path / "fuzzed.csv"
    path.write_bytes(raw)
    changed = attempt(service, audit, db_path, path)
    if changed is None:
        return
    # accepted: every row is now what the sheet says
    stored = store.result_rows(audit)
    text = raw.decode("utf-8-sig")
    for rec in csv.DictReader(io.StringIO(text, newline="")):
        row = stored.get(rec["item_id"].strip(), {})
        assert (row.get("result") or "") == (rec.get("result") or "").strip().lower()
        # one leading apostrophe is the spreadsheet's text marker, dropped on import (sheet.py)
        note = rec.get("note") or ""
        assert (row.get("note") or "") == (note[1:] if note.startswith("'") else note)


# -- hand-made hostile sheets --------------------------------------------------------------
def hostile(rows: list[dict[str, str]]) -> dict[str, bytes]:
    good = write_csv(rows)
    header = ",".join(COLUMNS)
    first = dict(rows[0], result="conform")
    return {
        "truncated mid-row": good.encode("utf-8")[: len(good) // 2],
        "GBK encoding": good.replace("conform", "conform").encode("gb18030"),
        "UTF-16": good.encode("utf-16"),
        "Latin-1 junk": "item_id;result\nä;ö\n".encode("latin-1"),
        "binary": bytes(range(256)) * 20,
        "NUL in the item id": write_csv([dict(first, item_id="5.1.1.1\0")]).encode("utf-8"),
        "NUL in the header": good.encode("utf-8").replace(b"result", b"res\0ult", 1),
        "empty": b"",
        "header only, missing columns": b"item_id,result\r\n",
        "duplicate rows": write_csv([first, first]).encode("utf-8"),
        "unknown item": write_csv([dict(first, item_id="9.9.9")]).encode("utf-8"),
        "formula as item id": write_csv([dict(first, item_id=FORMULA)]).encode("utf-8"),
        "formula as result": write_csv([dict(first, result=FORMULA)]).encode("utf-8"),
        "formula as sample size": write_csv([dict(first, result="sampled", sampled="=1+1")]).encode(
            "utf-8"
        ),
        "more cells than columns": (header + "\r\n" + "5.1.1.1" + ",x" * 40).encode("utf-8"),
        "good rows then a bad one": write_csv(
            [dict(r, result="conform") for r in rows[:5]] + [dict(rows[6], result="bogus")]
        ).encode("utf-8"),
        "over the size limit": good.encode("utf-8") + b"#" * MAX_BYTES,
        "one field over the csv limit": write_csv([dict(first, note="x" * 200_000)]).encode(),
        "nonconforming above sample": write_csv(
            [dict(rows[1], result="sampled", sampled="3", nonconforming="4")]
        ).encode("utf-8"),
        "graded award not a step": write_csv(
            [dict(r, result="graded", awarded="0.7") for r in rows if r["judged"] == "graded"][:1]
        ).encode("utf-8"),
        "na without reason": write_csv([dict(first, result="na", na_reason="")]).encode(),
    }


@pytest.mark.parametrize("case", list(hostile([{c: "" for c in COLUMNS}] * 7)))
def test_hostile_sheets_are_refused_and_write_nothing(sheet_case, tmp_path, case):
    _store, service, audit, db_path, rows = sheet_case
    path = tmp_path / "hostile.csv"
    path.write_bytes(hostile(rows)[case])
    before = snapshot(db_path)
    with pytest.raises(CLEAR_ERRORS) as info:
        import_sheet(service, audit, path)
    assert str(info.value).strip() and "Traceback" not in str(info.value)
    assert snapshot(db_path) == before


def test_formulas_in_text_cells_are_kept_as_text(sheet_case, tmp_path):
    store, service, audit, _db_path, rows = sheet_case
    path = tmp_path / "formula.csv"
    path.write_text(write_csv([dict(rows[0], result="conform", note=FORMULA)]), "utf-8")
    import_sheet(service, audit, path)
    assert store.result_rows(audit)[rows[0]["item_id"]]["note"] == FORMULA  # inert text


def test_one_leading_apostrophe_is_the_text_marker(sheet_case, tmp_path):
    """What the fuzzer found (a note of one apostrophe): import drops exactly one leading
    apostrophe, the marker export puts before text a spreadsheet would otherwise evaluate."""
    store, service, audit, _db_path, rows = sheet_case
    for note, kept in (("'", ""), ("''x", "'x"), ("'=1+1", "=1+1"), ("it's", "it's")):
        path = tmp_path / "apostrophe.csv"
        path.write_text(write_csv([dict(rows[0], result="conform", note=note)]), "utf-8")
        import_sheet(service, audit, path)
        assert store.result_rows(audit)[rows[0]["item_id"]]["note"] == kept, note


def test_nul_in_a_note_is_kept_whole(sheet_case, tmp_path):
    store, service, audit, _db_path, rows = sheet_case
    path = tmp_path / "with-nul.csv"  # "nul.csv" is the NUL device on Windows
    path.write_text(write_csv([dict(rows[0], result="conform", note="前\0后")]), "utf-8")
    import_sheet(service, audit, path)
    assert store.result_rows(audit)[rows[0]["item_id"]]["note"] == "前\0后"  # not cut at NUL


def test_a_failure_while_writing_rolls_back_every_row(sheet_case, tmp_path):
    """Rows that pass every check, then the disk fills up half-way through writing them."""
    store, service, audit, db_path, rows = sheet_case
    sheet = [dict(r, result="conform", note=f"行 {n}") for n, r in enumerate(rows[:10])]
    sheet.append(dict(rows[10], result="conform", note="证" * 40_000))  # needs new pages
    path = tmp_path / "big.csv"
    path.write_text(write_csv(sheet), "utf-8")
    before = snapshot(db_path)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreError, match="full"):
        import_sheet(service, audit, path)
    assert snapshot(db_path) == before  # the first ten rows were not written either
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")
    assert import_sheet(service, audit, path) == 11


def test_a_signed_audit_refuses_the_sheet(sheet_case, tmp_path):
    store, service, audit, db_path, rows = sheet_case
    store.lock_with_report(audit, b"%PDF-1.7 test", "0" * 64, "测试签名人")
    path = tmp_path / "locked.csv"
    path.write_text(write_csv([dict(rows[3], result="conform")]), "utf-8")
    before = snapshot(db_path)
    with pytest.raises(LockedError):
        import_sheet(service, audit, path)
    assert snapshot(db_path) == before


# -- known bugs, pinned --------------------------------------------------------------------
def test_a_huge_sample_size_is_a_clear_error(sheet_case, tmp_path):
    _store, service, audit, db_path, rows = sheet_case
    row = next(r for r in rows if r["judged"] == "proportional")
    path = tmp_path / "huge.csv"
    path.write_text(
        write_csv([dict(row, result="sampled", sampled="9" * 20, nonconforming="0")]), "utf-8"
    )
    before = snapshot(db_path)
    with pytest.raises(CLEAR_ERRORS):
        import_sheet(service, audit, path)
    assert snapshot(db_path) == before


@pytest.mark.parametrize("text", [FORMULA, "+SUM(1,2)", "-2+3", "@SUM(A1)"])
def test_export_neutralises_formulas_in_text_cells(sheet_case, tmp_path, text):
    store, service, audit, _db_path, _rows = sheet_case
    store.set_note(audit, "5.1.1.1", text)
    store.set_result(audit, "5.2.6.2", ItemResult("na", reason=text))
    path = tmp_path / "export.csv"
    export_sheet(service, audit, path)
    for rec in csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))):
        for column in ("note", "na_reason", "title_zh", "title_en"):
            assert not rec[column].startswith(("=", "+", "-", "@")), (column, rec[column])
