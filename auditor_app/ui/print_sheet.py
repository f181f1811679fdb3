"""Print the score sheet (Report → Print score sheet, Ctrl+P) through the system's printers.

The page is the HTML of services/sheet_print.py laid out by Qt, landscape A4 so the evidence
column has room. Choosing "Microsoft Print to PDF" (Windows) or a PDF printer gives a file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from auditor_app.services.audits import AuditService
from auditor_app.services.sheet_print import score_sheet_html


def sheet_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def print_score_sheet(
    service: AuditService,
    audit_id: int,
    printer: QPrinter | None = None,
    parent: QWidget | None = None,
) -> bool:
    """Print the audit's score sheet; without `printer`, the user chooses one. False when
    the user cancelled."""
    if printer is None:
        printer = sheet_printer()
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("PrintSheet", "Print score sheet"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    document = QTextDocument()
    # the window's font, whose CJK face the app put first at start-up (app_font); Qt's own
    # default has no Chinese on Windows and prints empty boxes
    document.setDefaultFont(QApplication.font())
    document.setHtml(score_sheet_html(service, audit_id))
    document.print_(printer)
    return True
