"""`auditor-app persondays`: argument parsing, JSON and human output, one-line errors."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from auditor_app.cli import persondays
from auditor_app.cli.common import CliError
from auditor_app.cli.main import main
from auditor_app.core.errors import InputError

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> str:
    """Run the command through a parser holding only this module; return stdout."""
    parser = argparse.ArgumentParser(prog="auditor-app")
    persondays.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["persondays", *argv])
    assert args.func(args) == 0
    return capsys.readouterr().out


def run_json(capsys, *argv: str) -> dict:
    return json.loads(run(capsys, *argv, "--json"))


def test_json_keys(capsys):
    data = run_json(capsys, "--headcount", "150", "--sites", "9")
    for key in ("effective_personnel", "table_days", "adjustment_percent", "audit_days",
                "onsite_days_min", "sites_to_sample", "random_sites_min", "stage1_days",
                "stage2_days", "warnings", "justification"):  # fmt: skip
        assert key in data, key
    assert set(data["justification"]) == {"zh", "en"}
    # Site headcounts unknown: central 150 → 8 days + 3 sites × 0.5 = 9.5; 9.5 × 0.8 → 8 on site
    assert (data["effective_personnel"], data["table_days"], data["audit_days"]) == (150, 8, 9.5)
    assert (data["onsite_days_min"], data["sites_to_sample"], data["random_sites_min"]) == (
        8, 3, 1)  # fmt: skip
    assert data["site_draw"] is None


def test_every_option_reaches_the_engine(capsys):
    data = run_json(
        capsys,
        "--headcount", "200", "--part-time", "10", "--part-time-hours", "20",
        "--temporary", "3", "--contractors", "2",
        "--similar-staff", "50", "--similar-counted", "10", "--similar-reason", "same job",
        "--sites", "25", "--audit-type", "surveillance",
        "--adjust", "many sites=+10", "--adjust", "mature system=-20",
        "--service-mgmt", "30", "--certified-managers", "1",
        "--verified-headcount", "260", "--planned-days", "2",
    )  # fmt: skip
    assert data["effective_personnel"] == 200 + 5 + 3 + 2 - 40
    assert data["audit_type"] == "surveillance"
    assert data["adjustment_percent"] == -10
    assert data["sites_to_sample"] == 3  # 0.6 × √25
    assert data["service_mgmt_staff"] == 30 and data["certified_managers_required"] == 3
    codes = [w["code"] for w in data["warnings"]]
    assert "certified_managers_short" in codes
    # 230 effective → 9 × 0.9 / 3 = 2.7, + 3 sampled sites × 0.5 (headcounts unknown) = 4.2 → 4
    assert "verified_headcount_more_days" in codes
    assert data["verified_audit_days"] == 4 and data["days_to_add"] == 2
    assert "same job" in data["justification"]["en"]


def test_adjust_splits_at_the_last_equals_sign():
    assert persondays.parse_adjustment("ratio a=b=-20") == ("ratio a=b", Decimal(-20))
    assert persondays.parse_adjustment("many sites=+10%") == ("many sites", Decimal(10))
    assert persondays.parse_adjustment(" risk = 5 ") == ("risk", Decimal(5))


@pytest.mark.parametrize("text", ["no sign", "risk=", "risk=ten", "risk=+", "risk=nan"])
def test_adjust_bad_format(text):
    with pytest.raises(CliError, match="--adjust"):
        persondays.parse_adjustment(text)


def test_adjust_without_reason_is_refused_by_the_core(capsys):
    with pytest.raises(InputError, match="has no reason"):
        run(capsys, "--headcount", "10", "--adjust", "=+10")


def test_cap_through_the_cli(capsys):
    data = run_json(capsys, "--headcount", "150", "--adjust", "a=-20", "--adjust", "b=-20")
    assert data["adjustment_percent_requested"] == -40
    assert data["adjustment_percent"] == -30 and data["reduction_capped"] is True
    assert data["audit_days"] == 5.5


def test_no_sampling(capsys):
    data = run_json(capsys, "--headcount", "50", "--sites", "10", "--no-sampling")
    assert data["sites_to_sample"] == 10 and data["sampling_allowed"] is False


def test_seed_draws_reproducibly(capsys):
    one = run_json(capsys, "--headcount", "50", "--sites", "30", "--seed", "99")
    two = run_json(capsys, "--headcount", "50", "--sites", "30", "--seed", "99")
    assert one["site_draw"]["seed"] == 99
    assert one["site_draw"]["random_picks"] == two["site_draw"]["random_picks"]
    assert len(one["site_draw"]["random_picks"]) == one["sites_to_sample"] == 6


def test_draw_without_seed_records_a_generated_seed(capsys):
    data = run_json(capsys, "--headcount", "50", "--sites", "30", "--draw")
    draw = data["site_draw"]
    assert draw["seed_generated"] is True
    again = run_json(capsys, "--headcount", "50", "--sites", "30", "--seed", str(draw["seed"]))
    assert again["site_draw"]["random_picks"] == draw["random_picks"]


def test_human_output(capsys):
    out = run(capsys, "--headcount", "150", "--sites", "300", "--seed", "5")
    assert "audit days            17" in out  # 8 + 18 sampled sites × 0.5 minimum
    assert "sites to sample       18 of 300" in out
    assert "WARNING: 300 outlets declared with 150 persons" in out
    assert "审核时间确定依据" in out and "Audit time determination" in out
    assert "seed 5" in out


def test_table_option(capsys, tmp_path):
    src = REPO / "resources" / "audit_time" / "iaf-md5-qms.toml"
    own = tmp_path / "cb.toml"
    own.write_text(src.read_text(encoding="utf-8").replace(
        "max_reduction_percent = 30", "max_reduction_percent = 20"), encoding="utf-8")  # fmt: skip
    data = run_json(capsys, "--headcount", "150", "--adjust", "a=-30", "--table", str(own))
    assert data["adjustment_percent"] == -20


# --- the real entry point ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--headcount", "10", "--part-time", "5"], 1, "without their weekly hours"),
        (["--headcount", "10", "--adjust", "risky"], 2, "expected REASON=±PCT"),
        (["--headcount", "10", "--part-time", "1", "--part-time-hours", "200"], 1, "168"),
        (["--headcount", "10", "--similar-staff", "5", "--similar-counted", "2"], 1,
         "needs a justification"),
    ],
)  # fmt: skip
def test_main_reports_one_line(capsys, argv, code, message):
    assert main(["persondays", *argv]) == code
    err = capsys.readouterr().err.strip()
    assert err.startswith("auditor-app: error: ") and message in err
    assert "\n" not in err


def test_main_refuses_bad_numbers(capsys):
    with pytest.raises(SystemExit) as info:
        main(["persondays", "--headcount", "-3"])
    assert info.value.code == 2
    assert "must not be negative" in capsys.readouterr().err


def test_subprocess_json():
    proc = subprocess.run(
        [sys.executable, "-m", "auditor_app", "persondays", "--headcount", "10701",
         "--audit-type", "recertification", "--sites", "16", "--json"],
        capture_output=True, encoding="utf-8", timeout=120, cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["table_days"] == 23 and data["table_row"]["steps"] == 1
    assert data["audit_days"] == 17.5  # 23 × 2/3 = 15.33, + 4 sites × 0.5 = 17.33 → 17.5
    assert data["sites_to_sample"] == 4  # 0.8 × √16 = 3.2
    assert "2,500" in data["justification"]["en"]


def test_subprocess_error_exit():
    proc = subprocess.run(
        [sys.executable, "-m", "auditor_app", "persondays", "--headcount", "5",
         "--part-time", "2"],
        capture_output=True, encoding="utf-8", timeout=120, cwd=REPO,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "weekly hours" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_sites_with_headcounts(capsys):
    # 55 at head office + 40 outlets of 5: 5 + ⌈√40⌉ = 7 × 1.5 = 15.5; the organisation as a
    # single site would be 9.
    data = run_json(capsys, "--headcount", "255", "--sites", "40x5")
    assert data["audit_days"] == 15.5 and data["multi_site"]["central_personnel"] == 55
    assert run_json(capsys, "--headcount", "255")["audit_days"] == 9
    listed = run_json(capsys, "--headcount", "30", "--sites", "12,5,4", "--site-reduction", "50",
                      "--site-reduction-reason", "same outlets")  # fmt: skip
    # central 30 − 21 = 9 → 2 days; ⌈√3⌉ = 2 largest: 12 → 2.5 × 0.5 = 1.25, 5 → 1.5 × 0.5
    # = 0.75: 2 + 2 = 4.
    assert listed["audit_days"] == 4
    out = run(capsys, "--headcount", "255", "--sites", "40x5")
    assert "site 1: 5 persons → 1.5 × 1 × 1 = 1.5 days" in out
