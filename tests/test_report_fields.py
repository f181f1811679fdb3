"""Report items ISO/IEC 17021-1 9.4.8 expects beyond the score sheet, stored and printed."""

from __future__ import annotations

from auditor_app.report.service import export_report
from tests.conftest import pdf_text


def test_followup_marks_and_others_present_printed(store, demo_audit, tmp_path):
    store.update_audit(demo_audit, marks_use="标志使用正确 Marks used correctly")
    out = tmp_path / "r.pdf"
    export_report(store, demo_audit, out)
    text = pdf_text(out)
    for label in (
        "Follow-up of earlier nonconformities",
        "Use of certificates and marks",
        "Others present",
        "标志使用正确",
        "周敏",
    ):
        assert label in text, label
    assert store.trail(demo_audit)[-1]["entity"] == "audit"  # the edit was trailed
