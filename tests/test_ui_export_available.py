"""Export is greyed out only for a missing dependency (with the reason); any other failure to
import the report code is shown as it is (issue 10: it used to grey out on any import error)."""

from __future__ import annotations

import sys

from auditor_app.ui import export_availability as export_dialog


def test_with_everything_installed_export_is_available_and_imports(qapp):
    assert export_dialog.export_unavailable_reason() is None
    assert export_dialog.export_import_error() is None


def test_a_missing_dependency_greys_export_out_and_says_which(qapp, monkeypatch):
    missing = "auditor_app_test_package_that_is_not_installed"
    monkeypatch.setattr(
        export_dialog, "EXPORT_DEPENDENCIES", (*export_dialog.EXPORT_DEPENDENCIES, missing)
    )
    assert export_dialog.missing_export_dependency() == missing
    reason = export_dialog.export_unavailable_reason()
    assert reason is not None and missing in reason


def test_a_broken_report_module_is_shown_not_hidden(qapp, monkeypatch, tmp_path):
    (tmp_path / "auditor_app_test_broken_report.py").write_text(
        "from auditor_app.core.errors import no_such_name\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(export_dialog, "REPORT_MODULE", "auditor_app_test_broken_report")
    try:
        assert export_dialog.export_unavailable_reason() is None  # not greyed out
        error = export_dialog.export_import_error()
        assert error is not None
        assert "ImportError" in error and "no_such_name" in error
    finally:
        sys.modules.pop("auditor_app_test_broken_report", None)
