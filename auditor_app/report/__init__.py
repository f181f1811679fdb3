"""The audit report: a bilingual A4 PDF (reportlab platypus), signed and locked on export.

Qt-free. `export_report` is the one entry point the command line and the desktop app call;
`build_report_data` + `render_report` render without the store side effects (tests, previews).
Modules: data (what is printed), glyphs (user text the font cannot draw), styles (the CB's
style file), text/blocks (markup and tables), cover/sections/summary/scoresheet/closing/appendix
(the document), chart, canvas (page furniture), pdf (assembly), service (export, signing,
locking).

The names below are imported on first use, so that `import auditor_app.report.labels` (the
command line's help) does not load reportlab.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ExportResult": "service",
    "ReportWriteError": "service",
    "SignerError": "service",
    "SignerNotOnTeamError": "service",
    "SignerRoleError": "service",
    "export_report": "service",
    "ReportData": "data",
    "build_report_data": "data",
    "render_report": "pdf",
    "ReportStyle": "styles",
    "load_style": "styles",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
