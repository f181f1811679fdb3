"""The command line, run as a real child process on a real database file."""

from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import STARS_SCHEME, run_cli


def last_word(text: str) -> str:
    return text.split()[-1]


@pytest.fixture
def cli_audit(db_path):
    out = run_cli(
        "audit",
        "new",
        "--db",
        str(db_path),
        "--org",
        "宁波售后服务有限公司",
        "--audit-type",
        "initial",
        "--headcount",
        "80",
        "--site",
        "网点A",
        "--site",
        "网点B",
        "--central",
        "总部",
        "--leader",
        "王建国",
        "--adjust",
        "multi-site=+10",
    ).stdout
    assert "person-days" in out
    return last_word(out)


def test_audit_new_prints_id_last_and_plans_days(db_path, cli_audit):
    assert cli_audit == "1"
    shown = json.loads(
        run_cli("audit", "show", "--db", str(db_path), "--audit", "1", "--json").stdout
    )
    assert shown["org_name"] == "宁波售后服务有限公司"
    assert shown["persondays"]["audit_days"] > 0
    assert [s["name"] for s in shown["sites"]] == ["总部", "网点A", "网点B"]
    assert shown["team"][0]["role"] == "leader"


def test_score_set_and_show(db_path, cli_audit):
    db = str(db_path)
    assert (
        run_cli(
            "score",
            "set",
            "--db",
            db,
            "--audit",
            "1",
            "5.1.1.1",
            "--conform",
            "--note",
            "组织架构图已查",
        ).stdout.strip()
        == "saved"
    )
    run_cli(
        "score",
        "set",
        "--db",
        db,
        "--audit",
        "1",
        "5.1.2.1",
        "--sampled",
        "10",
        "--nonconforming",
        "5",
    )
    run_cli("score", "set", "--db", db, "--audit", "1", "5.1.6.3", "--points", "1")
    run_cli("score", "set", "--db", db, "--audit", "1", "5.2.6.2", "--na", "--reason", "不涉及处置")
    run_cli(
        "finding",
        "add",
        "--db",
        db,
        "--audit",
        "1",
        "--kind",
        "special_deduction",
        "--text",
        "违反三包规定",
        "--item",
        "5.2.5.1",
    )
    score = json.loads(run_cli("score", "show", "--db", db, "--audit", "1", "--json").stdout)
    # 3 + 1.5 + 1 earned of 98 applicable → 5.612…, less one special deduction
    assert score["total"] == 4.6
    assert score["level"] == "fail"
    assert score["applicable_total"] == 98
    assert score["special_deductions"] == 1 and score["bonus"] == 0
    assert {g["id"]: g["max"] for g in score["groups"]} == {"5.1": 40, "5.2": 35, "5.3": 25}
    assert score["progress"] == {"scored": 4, "items": 46, "complete": False}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["5.1.2.1", "--sampled", "3", "--nonconforming", "4"], "cannot exceed the sample size"),
        (["5.2.6.2", "--na"], "needs a reason"),
        (
            ["5.1.2.2", "--na", "--reason", "no managers"],
            "5.1.2.2 Certified after-sales service"
            " managers (售后服务管理师) may not be deleted as not applicable",
        ),
        (["5.1.6.3", "--points", "1.5"], "not an allowed award"),
        (["9.9.9", "--conform"], "no item '9.9.9'"),
        (["5.1.1.1", "--points", "abc"], "must be a number"),
        (["5.1.1.1"], "say how the item was judged"),
    ],
)
def test_score_set_refuses_bad_input(db_path, cli_audit, args, message):
    proc = run_cli("score", "set", "--db", str(db_path), "--audit", "1", *args, check=False)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "saved" not in proc.stdout


def test_bonus_twice_refused(db_path, cli_audit):
    db = str(db_path)
    run_cli("finding", "add", "--db", db, "--audit", "1", "--kind", "bonus", "--text", "a")
    proc = run_cli(
        "finding", "add", "--db", db, "--audit", "1", "--kind", "bonus", "--text", "b", check=False
    )
    assert proc.returncode == 1 and "at most 1 special bonus" in proc.stderr


def test_unknown_audit_and_bad_db(tmp_path, db_path, cli_audit):
    proc = run_cli("score", "show", "--db", str(db_path), "--audit", "42", check=False)
    assert proc.returncode == 1 and "there is no audit '42'" in proc.stderr
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"junk" * 1000)
    proc = run_cli("audit", "list", "--db", str(junk), check=False)
    assert proc.returncode == 1 and "restore a backup" in proc.stderr


def test_demo_prints_id_last(db_path):
    out = run_cli("demo", "--db", str(db_path)).stdout
    assert last_word(out) == "1"
    score = json.loads(
        run_cli("score", "show", "--db", str(db_path), "--audit", "1", "--json").stdout
    )
    assert score["progress"]["complete"] is True
    assert score["level"] in {"compliant", "three_star", "four_star", "five_star"}
    assert score["special_deductions"] == 1 and score["bonus"] == 1


def test_scheme_show_json_lists_every_node():
    nodes = json.loads(run_cli("scheme", "show", "--json").stdout)
    assert {"id", "parent", "title_zh", "title_en", "points", "judged"} <= set(nodes[0])
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == 3 + 15 + 46
    by_id = {n["id"]: n for n in nodes}
    assert by_id["5.1.2.2"]["points"] == 5 and by_id["5.1.2.2"]["parent"] == "5.1.2"
    assert by_id["5.1"]["parent"] is None and by_id["5.1"]["judged"] is None
    other = json.loads(run_cli("scheme", "show", "--scheme", str(STARS_SCHEME), "--json").stdout)
    assert other[0]["id"] != "5.1"


def test_scheme_validate(tmp_path):
    ok = run_cli("scheme", "validate", str(STARS_SCHEME))
    assert "valid" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(
        STARS_SCHEME.read_text("utf-8").replace("total_points = 100", "total_points = 99"), "utf-8"
    )
    proc = run_cli("scheme", "validate", str(bad), check=False)
    assert proc.returncode == 1
    assert f"{bad}: groups: group points add up to 100, not total_points 99" in proc.stdout


def test_sheet_round_trip_and_all_or_nothing(tmp_path, db_path):
    db = str(db_path)
    run_cli("demo", "--db", db)
    sheet = tmp_path / "sheet.csv"
    run_cli("sheet", "export", "--db", db, "--audit", "1", str(sheet))
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese right
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 46 and rows[0]["item_id"] == "5.1.1.1"
    before = run_cli("score", "show", "--db", db, "--audit", "1", "--json").stdout
    # re-importing an unchanged sheet changes nothing
    assert (
        "0 item(s) changed"
        in run_cli("sheet", "import", "--db", db, "--audit", "1", str(sheet)).stdout
    )
    # a fresh audit takes the whole sheet: same results, same score
    new_id = last_word(
        run_cli(
            "audit",
            "new",
            "--db",
            db,
            "--org",
            "X",
            "--audit-type",
            "initial",
            "--headcount",
            "240",
        ).stdout
    )
    run_cli("sheet", "import", "--db", db, "--audit", new_id, str(sheet))
    copy = json.loads(run_cli("score", "show", "--db", db, "--audit", new_id, "--json").stdout)
    orig = json.loads(before)
    assert copy["applicable_total"] == orig["applicable_total"]
    assert copy["earned_points"] == orig["earned_points"]
    # one bad row: nothing at all is written
    rows[0]["result"] = "nonconform"
    rows[2]["sampled"], rows[2]["nonconforming"], rows[2]["result"] = "2", "3", "sampled"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    proc = run_cli("sheet", "import", "--db", db, "--audit", "1", str(sheet), check=False)
    assert proc.returncode == 1 and "line 4: 5.1.2.1" in proc.stderr
    assert "cannot exceed" in proc.stderr
    assert run_cli("score", "show", "--db", db, "--audit", "1", "--json").stdout == before


def test_trail_and_revise_commands(db_path, cli_audit):
    db = str(db_path)
    run_cli("score", "set", "--db", db, "--audit", "1", "5.1.1.1", "--conform")
    trail = json.loads(run_cli("audit", "trail", "--db", db, "--audit", "1", "--json").stdout)
    assert any(t["entity"] == "result" and t["entity_key"] == "5.1.1.1" for t in trail)
    proc = run_cli("audit", "revise", "--db", db, "--audit", "1", "--reason", "x", check=False)
    assert proc.returncode == 1 and "not signed" in proc.stderr


def test_no_command_help_and_version():
    assert "auditor-app" in run_cli("--version").stdout
    proc = run_cli("score", check=False)
    assert proc.returncode == 2


def test_sheet_round_trip_keeps_apostrophes_and_formula_like_notes(tmp_path, db_path):
    db = str(db_path)
    run_cli("demo", "--db", db)
    notes = {"5.1.1.1": "'quoted", "5.1.3.1": "=SUM(A1)", "5.1.3.2": "-2 items missing"}
    for item, note in notes.items():
        run_cli("score", "set", "--db", db, "--audit", "1", item, "--note", note)
    sheet = tmp_path / "s.csv"
    run_cli("sheet", "export", "--db", db, "--audit", "1", str(sheet))
    rows = {r["item_id"]: r for r in csv.DictReader(sheet.read_text("utf-8-sig").splitlines())}
    assert all(rows[i]["note"].startswith("'") for i in notes)  # inert in a spreadsheet
    new_id = last_word(
        run_cli(
            "audit", "new", "--db", db, "--org", "Y", "--audit-type", "initial", "--headcount", "10"
        ).stdout
    )
    run_cli("sheet", "import", "--db", db, "--audit", new_id, str(sheet))
    from auditor_app.store.audit_store import AuditStore

    with AuditStore(db_path) as store:
        got = store.result_rows(int(new_id))
    assert {i: got[i]["note"] for i in notes} == notes


def test_audit_new_refuses_bad_dates(db_path):
    proc = run_cli(
        "audit",
        "new",
        "--db",
        str(db_path),
        "--org",
        "x",
        "--audit-type",
        "initial",
        "--headcount",
        "5",
        "--start",
        "2025-13-45",
        check=False,
    )
    assert proc.returncode == 2 and "--start must be a date" in proc.stderr
    proc = run_cli(
        "audit",
        "new",
        "--db",
        str(db_path),
        "--org",
        "x",
        "--audit-type",
        "initial",
        "--headcount",
        "5",
        "--start",
        "2025-12-05",
        "--end",
        "2025-12-01",
        check=False,
    )
    assert proc.returncode == 2 and "before --start" in proc.stderr


def test_audit_new_with_a_scheme_file_saved_with_a_bom(tmp_path, db_path):
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + STARS_SCHEME.read_bytes())
    out = run_cli(
        "audit",
        "new",
        "--db",
        str(db_path),
        "--org",
        "x",
        "--audit-type",
        "initial",
        "--headcount",
        "5",
        "--scheme",
        str(bom),
    ).stdout
    assert last_word(out) == "1"
    # a file that is not a scheme at all (what /etc/passwd looks like)
    not_toml = tmp_path / "passwd"
    not_toml.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    proc = run_cli(
        "audit",
        "new",
        "--db",
        str(db_path),
        "--org",
        "x",
        "--audit-type",
        "initial",
        "--headcount",
        "5",
        "--scheme",
        str(not_toml),
        check=False,
    )
    assert proc.returncode == 1 and str(not_toml) in proc.stderr and "Traceback" not in proc.stderr


def test_score_show_never_offers_special_deductions(db_path, cli_audit):
    db = str(db_path)
    run_cli("score", "set", "--db", db, "--audit", "1", "5.1.1.1", "--conform")
    run_cli(
        "finding", "add", "--db", db, "--audit", "1", "--kind", "special_deduction", "--text", "x"
    )
    out = run_cli("score", "show", "--db", db, "--audit", "1").stdout
    assert "special deductions are not recoverable" in out
    assert "correct " in out and "special deduction," not in out.split("correct ", 1)[1]
    shown = json.loads(run_cli("score", "show", "--db", db, "--audit", "1", "--json").stdout)
    kinds = {c["kind"] for c in shown["gap_to_next_level"]["corrections"]}
    assert "special_deduction" not in kinds and kinds
