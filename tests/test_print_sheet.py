"""Print the score sheet (issue 13, item 7): Qt lays out the page; printed here to a PDF file
and read back."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter

from auditor_app.core.numbers import fmt_score
from auditor_app.services.sheet_print import score_sheet_html
from auditor_app.ui.print_sheet import print_score_sheet, sheet_printer
from tests.conftest import have, pdf_text

pytestmark = pytest.mark.gui


def test_sheet_html_has_every_item_the_total_and_escapes_notes(service, store, demo_audit):
    store.set_note(demo_audit, "5.1.1.1", "<b>不是标签</b> & 证据")
    html = score_sheet_html(service, demo_audit)
    scheme = service.scheme(demo_audit)
    for item in scheme.items:
        assert f"<td>{item.id}</td>" in html
    score = service.score(demo_audit)
    assert f"总分 Total <b>{fmt_score(score.total)}</b>" in html  # as the window shows it
    assert "&lt;b&gt;不是标签&lt;/b&gt; &amp; 证据" in html
    assert "1 不符合 nonconforming of 12" in html  # 5.1.2.1 in the demo


def test_printed_to_pdf_the_sheet_reads_back(qapp, qtbot, service, demo_audit, tmp_path):
    from auditor_app.ui.app_font import load_app_font

    assert load_app_font(qapp) is None  # as the app does at start-up
    out = tmp_path / "sheet.pdf"
    printer = sheet_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert print_score_sheet(service, demo_audit, printer)
    from pypdf import PdfReader

    from auditor_app.ui import app_font

    reader = PdfReader(out)
    assert len(reader.pages) >= 3  # 46 items with their notes, landscape
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # the Chinese is drawn with the app's CJK font, not as empty boxes of a Latin one
    cjk = {family.replace(" ", "") for family in app_font._loaded.values()}
    assert cjk and any(c in name for c in cjk for name in fonts), fonts
    if not have("pdftotext"):
        # Qt's PDF under Wine carries its text as glyphs pypdf cannot map back; the text is
        # read on Linux, where poppler is part of the test set-up
        return
    text = pdf_text(out)
    assert "Score sheet" in text and "杭州恒信家电服务有限公司" in text
    assert "5.3.2.4" in text and "Total" in text
