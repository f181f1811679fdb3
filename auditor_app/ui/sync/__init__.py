"""The GUI front of the sync services: export, import, team merge and committee review.

    ExportPackageDialog(store_path, audit_id, parent=None)
    ImportPackageDialog(store_path, parent=None)
    MergeDialog(store_path, audit_id, package_path, trust, parent=None, *, key=None)
    CommitteeView(store_path, parent=None)

Each opens its own `AuditStore` connections (one per worker thread, short ones on the GUI
thread to read settings), so the caller passes the database path, not its store. The work
itself is in `auditor_app.sync`; `services.package_jobs` holds the worker bodies.
"""

from __future__ import annotations

# PySide6 6.12 on Python 3.11 miscounts references to None/True/False; the guard (see its
# docstring) must run before these widgets make thousands of calls. Importing it runs it.
from auditor_app.ui import pyside_guard  # noqa: F401
from auditor_app.ui.sync.committee_view import CommitteeView
from auditor_app.ui.sync.export_dialog import ExportPackageDialog
from auditor_app.ui.sync.import_dialog import ImportPackageDialog
from auditor_app.ui.sync.merge_dialog import MergeDialog

__all__ = ["CommitteeView", "ExportPackageDialog", "ImportPackageDialog", "MergeDialog"]
