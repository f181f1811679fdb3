"""Files another program holds open: what a Windows user meets when the last report is still
open in the PDF reader. Windows refuses to replace such a file; the app must say why, lose
nothing, and leave the open file as it was."""

from __future__ import annotations

import sys

import pytest

from auditor_app.core.errors import AuditorError
from auditor_app.report.service import export_report


@pytest.mark.skipif(
    sys.platform != "win32", reason="POSIX replaces a file open elsewhere: nothing to refuse"
)
def test_report_over_a_file_open_in_a_reader_is_refused_with_a_hint(store, demo_audit, tmp_path):
    out = tmp_path / "报告 report.pdf"
    out.write_bytes(b"%PDF-1.7 the previous report")
    with open(out, "rb") as reader:  # held open like a PDF reader does
        with pytest.raises(AuditorError) as info:
            export_report(store, demo_audit, out)
        assert "open in another program" in str(info.value)
        assert reader.read() == b"%PDF-1.7 the previous report"
    leftovers = [p for p in tmp_path.iterdir() if out.name in p.name and p != out]
    assert leftovers == []  # no half-written temporary beside it


def test_paths_with_spaces_and_chinese_work(store, demo_audit, tmp_path):
    folder = tmp_path / "审核 报告" / "客户 A"
    folder.mkdir(parents=True)
    result = export_report(store, demo_audit, folder / "报告 1.pdf")
    assert result.path.read_bytes().startswith(b"%PDF")
