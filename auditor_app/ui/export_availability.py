"""Can this copy export reports? Asked to grey out the Export action, without importing the
report machinery (reportlab, pyHanko): the first screen does not pay for it (issue 14)."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

REPORT_MODULE = "auditor_app.report.service"
translate = QCoreApplication.translate


# The packages report export needs that a trimmed build could leave out. Only their absence
# greys Export out (with the reason); any other failure to import the report code is a bug in
# this build and is shown as it is when Export is pressed, not hidden behind a greyed action.
EXPORT_DEPENDENCIES = ("reportlab", "pyhanko", "uharfbuzz", "fontTools", "PIL")


def missing_export_dependency() -> str | None:
    """Why Export is greyed out: the name of a missing dependency, else None (cheap: nothing
    is imported)."""
    return _first_missing(EXPORT_DEPENDENCIES)


@functools.cache
def _first_missing(packages: tuple[str, ...]) -> str | None:
    # Asked whenever the actions are updated (after every saved edit); what is installed does
    # not change while the app runs, and each answer searches sys.path (~0.1 ms a package).
    for package in packages:
        if importlib.util.find_spec(package) is None:
            return package
    return None


def export_unavailable_reason() -> str | None:
    """The sentence for the greyed-out Export action, or None when it may be used."""
    package = missing_export_dependency()
    if package is None:
        return None
    return translate(
        "ExportDialog", "Report export needs the package {package}, which this copy lacks."
    ).format(package=package)


def export_import_error() -> str | None:
    """The error importing the report code raises, as a sentence (None when it imports)."""
    try:
        importlib.import_module(REPORT_MODULE)
    except Exception as exc:  # any failure: the caller shows it instead of exporting
        log.warning("report export cannot be imported", exc_info=True)
        return translate("ExportDialog", "Report export cannot be loaded: {error}").format(
            error=f"{type(exc).__name__}: {exc}"
        )
    return None
