"""The audit report: a bilingual A4 PDF (reportlab platypus), signed and locked on export.

Qt-free. `export_report` is the one entry point the command line and the desktop app call;
`build_report_data` + `render_report` render without the store side effects (tests, previews).
Modules: data (what is printed), styles (the CB's style file), text/blocks (markup and tables),
cover/sections/summary/scoresheet/closing/appendix (the document), chart, canvas (page
furniture), pdf (assembly), service (export, signing, locking).
"""

from auditor_app.report.data import ReportData, build_report_data
from auditor_app.report.pdf import render_report
from auditor_app.report.service import ExportResult, ReportWriteError, export_report
from auditor_app.report.styles import ReportStyle, load_style

__all__ = ["ExportResult", "ReportData", "ReportStyle", "ReportWriteError", "build_report_data",
           "export_report", "load_style", "render_report"]
