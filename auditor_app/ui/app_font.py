"""The app brings its own Chinese font, so the UI never shows empty boxes.

`auditor_app.fonts` finds a CJK TrueType font (configured, bundled or from the system); it is
registered with Qt and put first in the application font's family list, with the platform's
default UI fonts behind it for anything it lacks.

Checking a CJK font's glyph table takes ~0.35 s, a quarter of the startup budget, so the
choice is remembered in QSettings and reused while the file (size, mtime) and the
`AUDITOR_APP_CJK_FONT` setting are unchanged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from auditor_app.fonts import ENV_VAR, FontMissingError, find_cjk_font

log = logging.getLogger(__name__)
_loaded: dict[str, str] = {}


def _signature(path: Path) -> str:
    stat = path.stat()
    return f"{os.environ.get(ENV_VAR, '')}|{stat.st_size}|{stat.st_mtime_ns}"


def _remembered() -> tuple[Path, int] | None:
    settings = QSettings()
    path = settings.value("font/path")
    if not path:
        return None
    try:
        if settings.value("font/signature") != _signature(Path(str(path))):
            return None
    except OSError:
        return None
    return Path(str(path)), int(settings.value("font/index") or 0)


def _remember(path: Path, index: int) -> None:
    settings = QSettings()
    settings.setValue("font/path", str(path))
    settings.setValue("font/index", index)
    settings.setValue("font/signature", _signature(path))


def _choose() -> tuple[Path, int]:
    remembered = _remembered()
    if remembered is not None:
        return remembered
    font = find_cjk_font()
    _remember(font.path, font.subfont_index)
    return font.path, font.subfont_index


def load_app_font(app: QApplication) -> str | None:
    """Register the CJK font and make it the UI font; return a warning to show, or None."""
    try:
        path, index = _choose()
    except FontMissingError as exc:
        log.warning("no CJK font: %s", exc)
        return QCoreApplication.translate(
            "AppFont",
            "No Chinese font was found, so Chinese text may show as empty boxes. {details}",
        ).format(details=str(exc))
    key = str(path)
    family = _loaded.get(key)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(key)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            QSettings().remove("font")  # check again next time
            return QCoreApplication.translate(
                "AppFont", "The Chinese font {path} could not be loaded."
            ).format(path=key)
        family = families[min(index, len(families) - 1)]
        _loaded[key] = family
    current = app.font()
    ui_font = QFont(current)
    # The CJK face first: Qt's per-glyph fallback would otherwise pick whatever the system has.
    ui_font.setFamilies([family, *[f for f in current.families() if f != family]])
    app.setFont(ui_font)
    return None
