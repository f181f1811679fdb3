"""The CB's identity in reports: Settings first, the shipped example marked as a sample."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from auditor_app.report import export_report, load_style
from auditor_app.report.identity import cb_identity
from tests.conftest import have, run_cli

needs_poppler = pytest.mark.skipif(not have("pdftotext"), reason="poppler-utils is not installed")


def pdftext(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=120
    ).stdout
    return re.sub(r"\s+", "", out.decode("utf-8"))


def test_settings_replace_the_whole_example_identity():
    shipped = load_style().cb
    assert shipped.example and shipped.name_zh == "示例合格评定中心"
    settings = {"cb_name": "华信认证中心", "cb_accreditation": "CNCA-R-2099-001"}
    cb = cb_identity(settings.get, shipped)
    assert (cb.name_zh, cb.accreditation, cb.example) == ("华信认证中心", "CNCA-R-2099-001", False)
    # nothing of the example survives beside a real name
    assert cb.address_zh == "" and cb.name_en == "" and cb.logo is None
    assert cb_identity({}.get, shipped) is shipped


@needs_poppler
def test_report_carries_the_settings_identity_or_says_it_is_a_sample(store, demo_audit, tmp_path):
    sample = tmp_path / "sample.pdf"
    export_report(store, demo_audit, sample)
    text = pdftext(sample)
    assert "示例合格评定中心" in text
    assert "示例机构身份（虚构）" in text and "thisreportisasample" in text
    store.set_setting("cb_name", "华信认证中心")
    store.set_setting("cb_address", "上海市浦东新区世纪大道100号")
    store.set_setting("cb_accreditation", "CNCA-R-2099-001")
    real = tmp_path / "real.pdf"
    export_report(store, demo_audit, real)
    text = pdftext(real)
    assert "华信认证中心" in text and "CNCA-R-2099-001" in text and "世纪大道100号" in text
    assert "示例合格评定中心" not in text and "EXAMPLE-0000" not in text
    assert "示例机构身份" not in text


def test_cli_sets_the_identity(db_path):
    db = str(db_path)
    out = run_cli("audit", "cb", "--db", db).stdout
    assert "no CB name set" in out
    out = run_cli(
        "audit", "cb", "--db", db, "--name", "华信认证中心", "--accreditation", "CNCA-R-1"
    ).stdout
    assert "华信认证中心" in out and "CNCA-R-1" in out and "no CB name set" not in out
