"""Exported reports are PAdES B-T with a timestamp service, and B-B (with a warning) without one.

The timestamp authority is pyHanko's test timestamper served over HTTP on 127.0.0.1; the
"unreachable" service is a closed loopback port. No external network is used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor_app.core.errors import InputError
from auditor_app.report.service import TIMESTAMP_URL_SETTING, ExportResult, export_report
from auditor_app.signing import keys
from auditor_app.signing.verify import verify_pdf
from tests.conftest import run_cli
from tests.tsa_support import serve_tsa

# Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
UNREACHABLE = "http://127.0.0.1:9/"
PASSPHRASE = "timestamp test 审核"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def ca() -> keys.TestCA:
    return keys.create_test_ca("Timestamp Test CB Root", org="Timestamp Test CB")


@pytest.fixture(scope="module")
def key(ca) -> keys.AuditorKey:
    # the demo audit's team leader, so the signer fits the team
    return keys.create_auditor_key("王建国", org="Timestamp Test CB", ca=ca, key_type="ec")


@pytest.fixture(scope="module")
def tsa(ca):
    """A timestamp authority issued by the test CA, served over HTTP on 127.0.0.1."""
    with serve_tsa(ca) as url:
        yield url


def timestamp_warnings(result: ExportResult) -> list[str]:
    return [w for w in result.warnings if w.startswith("timestamp service")]


def assert_b_t(result: ExportResult, ca: keys.TestCA) -> None:
    assert result.signed and result.timestamped
    assert timestamp_warnings(result) == []
    verdict = verify_pdf(result.path.read_bytes(), [ca.certificate])
    assert verdict.ok, verdict.problems
    assert verdict.timestamp_time is not None
    assert abs(verdict.timestamp_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def assert_b_b(result: ExportResult, ca: keys.TestCA) -> None:
    assert result.signed and not result.timestamped
    verdict = verify_pdf(result.path.read_bytes(), [ca.certificate])
    assert verdict.ok, verdict.problems
    assert verdict.timestamp_time is None


def test_with_a_timestamp_service_the_report_is_b_t(store, demo_audit, tmp_path, key, ca, tsa):
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key, timestamp_url=tsa)
    assert_b_t(result, ca)
    assert store.audit(demo_audit)["locked"]


@pytest.mark.parametrize("url_suffix", [None, "error"])
def test_a_failing_timestamp_service_falls_back_to_b_b(
    store, demo_audit, tmp_path, key, ca, tsa, url_suffix
):
    url = UNREACHABLE if url_suffix is None else tsa + url_suffix
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key, timestamp_url=url)
    assert_b_b(result, ca)
    [warning] = timestamp_warnings(result)
    assert url in warning and "unreachable" in warning
    assert "signed without a timestamp (PAdES B-B)" in warning
    assert store.audit(demo_audit)["locked"]  # the export went through: signed and locked


def test_the_setting_is_used_without_an_argument(store, demo_audit, tmp_path, key, ca, tsa):
    store.set_setting(TIMESTAMP_URL_SETTING, tsa)
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key)
    assert_b_t(result, ca)


def test_an_unreachable_setting_falls_back_to_b_b(store, demo_audit, tmp_path, key, ca):
    store.set_setting(TIMESTAMP_URL_SETTING, UNREACHABLE)
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key)
    assert_b_b(result, ca)
    [warning] = timestamp_warnings(result)
    assert UNREACHABLE in warning


def test_the_argument_overrides_the_setting(store, demo_audit, tmp_path, key, ca, tsa):
    store.set_setting(TIMESTAMP_URL_SETTING, UNREACHABLE)
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key, timestamp_url=tsa)
    assert_b_t(result, ca)


def test_an_empty_argument_signs_without_a_timestamp(store, demo_audit, tmp_path, key, ca, tsa):
    store.set_setting(TIMESTAMP_URL_SETTING, tsa)
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key, timestamp_url="")
    assert_b_b(result, ca)
    assert timestamp_warnings(result) == []


def test_no_service_configured_is_b_b_without_a_warning(store, demo_audit, tmp_path, key, ca):
    result = export_report(store, demo_audit, tmp_path / "r.pdf", key=key)
    assert_b_b(result, ca)
    assert timestamp_warnings(result) == []


def test_a_draft_ignores_the_setting_and_refuses_the_argument(store, demo_audit, tmp_path, tsa):
    store.set_setting(TIMESTAMP_URL_SETTING, tsa)
    draft = export_report(store, demo_audit, tmp_path / "draft.pdf")
    assert not draft.signed and not draft.timestamped
    assert timestamp_warnings(draft) == []
    with pytest.raises(InputError, match="a timestamp needs a key"):
        export_report(store, demo_audit, tmp_path / "d2.pdf", timestamp_url=tsa)


# --- the command line --------------------------------------------------------------------


def _cli_workspace(folder: Path, key: keys.AuditorKey) -> tuple[Path, Path]:
    from auditor_app.services.demo import create_demo
    from auditor_app.store.audit_store import AuditStore

    db = folder / "audits.sqlite"
    with AuditStore(db, actor="tester") as store:
        create_demo(store)
        store.set_setting(TIMESTAMP_URL_SETTING, UNREACHABLE)
    return db, keys.write_pkcs12(key, folder / "auditor.p12", PASSPHRASE)


def _cli_report(db: Path, key_file: Path, out: Path, *extra: str):
    return run_cli(
        "report",
        "--db",
        str(db),
        "--audit",
        "1",
        "--out",
        str(out),
        "--key",
        str(key_file),
        *extra,
        env={"AUDITOR_PASSPHRASE": PASSPHRASE},
    )


def test_cli_timestamp_url_overrides_the_setting(tmp_path, key, ca, tsa):
    db, key_file = _cli_workspace(tmp_path, key)
    done = _cli_report(db, key_file, tmp_path / "r.pdf", "--timestamp-url", tsa)
    assert "timestamp: timestamped (PAdES B-T)" in done.stdout
    assert "status:  signed and locked" in done.stdout
    assert "timestamp service" not in done.stderr
    assert verify_pdf((tmp_path / "r.pdf").read_bytes(), [ca.certificate]).timestamp_time


def test_cli_unreachable_setting_warns_and_signs_b_b(tmp_path, key, ca):
    db, key_file = _cli_workspace(tmp_path, key)
    done = _cli_report(db, key_file, tmp_path / "r.pdf")  # the setting: a closed port
    assert "timestamp: none (PAdES B-B)" in done.stdout
    assert "status:  signed and locked" in done.stdout
    assert "auditor-app: warning: timestamp service http://127.0.0.1:9/ unreachable" in (
        done.stderr
    )
    assert "signed without a timestamp (PAdES B-B)" in done.stderr
    verdict = verify_pdf((tmp_path / "r.pdf").read_bytes(), [ca.certificate])
    assert verdict.ok and verdict.timestamp_time is None


def test_cli_timestamp_url_needs_a_key(tmp_path, key, tsa):
    db, _ = _cli_workspace(tmp_path, key)
    done = run_cli(
        "report",
        "--db",
        str(db),
        "--audit",
        "1",
        "--out",
        str(tmp_path / "d.pdf"),
        "--timestamp-url",
        tsa,
        check=False,
    )
    assert done.returncode != 0 and "--timestamp-url needs --key" in done.stderr
    assert not (tmp_path / "d.pdf").exists()
