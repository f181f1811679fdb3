"""The store is the one gate for local writes: a value that does not fit is refused with a clear
error whoever calls (a direct store call, a service, the command line), and nothing changes."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from auditor_app.core.errors import InputError
from auditor_app.core.results import ItemResult
from auditor_app.services.sheet import import_sheet
from tests.conftest import run_cli

WHOLE_ITEM = "5.1.1.1"  # 3 points, judged whole
GRADED_ITEM = "5.1.6.3"  # graded 0/1/2


def snapshot(db_path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a second connection (what is committed)."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM [{t}]"))) for t in tables}
    finally:
        conn.close()


def refused(db_path, match: str, write) -> None:
    before = snapshot(db_path)
    with pytest.raises(InputError, match=match):
        write()
    assert snapshot(db_path) == before


# -- results ---------------------------------------------------------------------------------
def test_a_graded_award_on_a_whole_item_is_refused_by_the_store(store, audit_id, db_path):
    bad = ItemResult("graded", points=Decimal("50"))
    refused(
        db_path,
        "graded points are only for graded items",
        lambda: store.set_result(audit_id, WHOLE_ITEM, bad),
    )


def test_an_award_off_the_steps_is_refused_through_the_service(service, audit_id, db_path):
    bad = ItemResult("graded", points=Decimal("50"))
    refused(db_path, "not an allowed award", lambda: service.record(audit_id, GRADED_ITEM, bad))


def test_a_bad_result_with_its_note_leaves_the_note_unwritten(service, audit_id, db_path):
    bad = ItemResult("sampled", sampled=3, nonconforming=4)
    refused(
        db_path,
        "cannot exceed",
        lambda: service.set_result_with_note(audit_id, "5.1.2.1", bad, "抽查3个"),
    )


def test_the_command_line_gets_the_store_refusal(db_path, store, audit_id):
    store.close()
    before = snapshot(db_path)
    proc = run_cli(
        "score",
        "set",
        "--db",
        str(db_path),
        "--audit",
        str(audit_id),
        WHOLE_ITEM,
        "--points",
        "50",
        "--note",
        "不该写入",
        check=False,
    )
    assert proc.returncode != 0
    assert "graded points are only for graded items" in proc.stderr
    assert snapshot(db_path) == before


def test_a_sheet_lists_every_refused_row_and_writes_none(service, audit_id, db_path, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "item_id,result,sampled,nonconforming,awarded,na_reason,note\r\n"
        "5.1.1.2,conform,,,,,好\r\n"
        f"{WHOLE_ITEM},graded,,,50,,\r\n"
        f"{GRADED_ITEM},graded,,,7,,\r\n",
        encoding="utf-8",
    )
    before = snapshot(db_path)
    with pytest.raises(Exception) as info:
        import_sheet(service, audit_id, path)
    text = str(info.value)
    assert "line 3" in text and "line 4" in text and "not an allowed award" in text
    assert snapshot(db_path) == before


# -- audit dates and headcount -------------------------------------------------------------
@pytest.mark.parametrize("value", ["2026-02-30", "2026-1-5", "soon"])
def test_an_impossible_date_is_refused_before_the_database(store, audit_id, db_path, value):
    refused(db_path, "must be a real date", lambda: store.update_audit(audit_id, start_date=value))


def test_a_last_day_before_the_first_is_refused(store, audit_id, db_path):
    # both days written together (create, the command line, a package); one day edited alone
    # may pass the other while the auditor moves the audit (the form warns meanwhile)
    store.update_audit(audit_id, start_date="2026-05-04")
    store.update_audit(audit_id, start_date="2026-05-09")
    store.update_audit(audit_id, end_date="2026-05-10")
    assert store.audit(audit_id)["end_date"] == "2026-05-10"
    refused(
        db_path,
        "before its first day",
        lambda: store.update_audit(audit_id, start_date="2026-05-09", end_date="2026-05-08"),
    )


def test_create_refuses_reversed_dates(service, store, db_path):
    from auditor_app.services.audits import ClientInfo

    service.create_audit(ClientInfo("先建一个"), "initial")  # the scheme is installed first
    refused(
        db_path,
        "before its first day",
        lambda: service.create_audit(
            ClientInfo("某公司"), "initial", start_date="2026-05-09", end_date="2026-05-08"
        ),
    )


@pytest.mark.parametrize(
    ("headcount", "match"),
    [
        ({"full_time": -5}, "from 0 to"),
        ({"full_time": "120"}, "whole number"),
        ({"full_time": 10**9}, "from 0 to"),
        ({"full_time": 10, "part_time_hours": -2}, "must not be negative"),
        ({"full_time": 10, "adjustments": [["x"]]}, "reason, percent"),
        ([120], "table of figures"),
    ],
)
def test_a_headcount_out_of_bounds_is_refused(store, audit_id, db_path, headcount, match):
    refused(db_path, match, lambda: store.update_audit(audit_id, headcount=headcount))


def test_a_headcount_edit_through_the_service_replans(service, store, audit_id, db_path):
    before = store.audit(audit_id)["persondays"]
    service.edit_audit(audit_id, headcount={"full_time": 900})
    assert store.audit(audit_id)["persondays"] != before
    refused(db_path, "from 0 to", lambda: service.edit_audit(audit_id, headcount={"full_time": -1}))


# -- sites and team --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("head", "match"), [(-3, "from 0 to"), ("x", "whole number"), (2.5, "whole number")]
)
def test_a_site_headcount_out_of_bounds_is_refused(store, audit_id, db_path, head, match):
    refused(
        db_path,
        match,
        lambda: store.replace_sites(audit_id, [{"name": "网点A", "headcount": head}]),
    )


def test_a_team_without_a_name_or_with_an_unknown_role_is_refused(store, audit_id, db_path):
    refused(
        db_path,
        "a name is required",
        lambda: store.replace_team(audit_id, [{"name": " ", "role": "member"}]),
    )
    refused(
        db_path,
        "unknown role",
        lambda: store.replace_team(audit_id, [{"name": "王", "role": "boss"}]),
    )


def test_unchanged_sites_and_team_write_no_trail(store, audit_id):
    store.replace_sites(audit_id, [{"name": "网点A", "headcount": 5}])
    store.replace_team(audit_id, [{"name": "王", "role": "leader"}])
    rows = len(store.trail(audit_id))
    store.replace_sites(audit_id, [{"name": "网点A", "headcount": 5}])
    store.replace_team(audit_id, [{"name": "王", "role": "leader"}])
    store.update_audit(audit_id, start_date="")
    assert len(store.trail(audit_id)) == rows


# -- settings --------------------------------------------------------------------------------
def test_a_setting_that_is_not_text_is_refused(store, db_path):
    refused(db_path, "must be text", lambda: store.set_setting("auditor_name", None))  # type: ignore[arg-type]
    refused(db_path, "there is no setting", lambda: store.set_setting(" ", "x"))


def test_settings_write_together_and_unchanged_ones_write_no_trail(store, db_path):
    store.set_settings({"cb_name": "某认证机构", "cb_contact": "电话"})
    rows = len(store.trail())
    store.set_settings({"cb_name": "某认证机构", "cb_contact": "电话"})
    assert len(store.trail()) == rows
    refused(
        db_path, "must be text", lambda: store.set_settings({"cb_name": "改了", "cb_contact": 5})
    )  # type: ignore[dict-item]
    assert store.get_setting("cb_name") == "某认证机构"
