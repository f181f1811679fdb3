"""Find a CJK TrueType font for reports and signature stamps, without Qt.

Reports must embed their fonts (reportlab's built-in `STSong-Light` is not embedded), and
reportlab only accepts TrueType outlines, not CFF-flavoured OpenType. We do not commit font
files, so the font comes from, in order:

1. the `AUDITOR_APP_CJK_FONT` environment variable (a path; an error if it is unusable),
2. `resources/fonts/` (the packaging step copies the chosen font there),
3. well-known system locations on Linux, Windows and macOS.

When nothing usable is found we raise `FontMissingError` saying what to install, rather than
let a report come out with empty boxes.

The signature stamp's font is made from this one by `auditor_app.stamp_font`.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor_app.core.errors import AuditorError

if TYPE_CHECKING:  # fontTools is imported when a font is inspected: the GUI starts without it
    from fontTools.ttLib import TTFont

ENV_VAR = "AUDITOR_APP_CJK_FONT"
REPORTLAB_FONT_NAME = "AuditorCJK"
# Characters every usable font must have: the stamp labels and common report words.
_PROBE_TEXT = "签名角色日期审核报告售后服务Signed"

_FONT_SUFFIXES = (".ttf", ".ttc")

# Known system fonts, best first. CFF-flavoured files (Noto Sans CJK, Source Han) are listed
# because some systems ship TrueType-flavoured builds under the same names; each candidate is
# checked for TrueType outlines before use.
_LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian/Ubuntu fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian/Ubuntu fonts-wqy-zenhei
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora wqy-microhei-fonts
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",  # Fedora wqy-zenhei-fonts
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",  # Arch wqy-microhei
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",  # Arch wqy-zenhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # Debian fonts-arphic-uming
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",  # Debian fonts-droid-fallback
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
_WINDOWS_FONT_FILES = ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf")
_MACOS_FONTS = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)

_INSTALL_HINT = (
    "No usable Chinese (CJK) TrueType font was found, so reports and signature stamps "
    "cannot show Chinese text.\n"
    "  - Debian/Ubuntu: sudo apt install fonts-wqy-microhei\n"
    "  - Fedora: sudo dnf install wqy-microhei-fonts\n"
    "  - Windows: Microsoft YaHei (msyh.ttc) or SimSun ship with Windows; if missing, add "
    "the optional feature 'Chinese (Simplified) Supplemental Fonts'\n"
    "  - macOS: PingFang or STHeiti ship with macOS\n"
    f"  - or point {ENV_VAR} at a TrueType .ttf/.ttc font with Chinese glyphs "
    "(CFF-based .otf fonts such as Noto Sans CJK are not supported)."
)


class FontMissingError(AuditorError):
    """No usable CJK TrueType font: the message says what to install."""


@dataclass(frozen=True)
class CjkFont:
    """A TrueType font file (or one face of a .ttc collection) with Chinese glyphs."""

    path: Path
    subfont_index: int
    family_name: str


def _system_candidates() -> list[Path]:
    if sys.platform == "win32":
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed for the current user only
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return [d / name for d in dirs for name in _WINDOWS_FONT_FILES]
    if sys.platform == "darwin":
        return [Path(p) for p in _MACOS_FONTS]
    return [Path(p) for p in _LINUX_FONTS]


def _bundled_candidates() -> list[Path]:
    from auditor_app.resources import resource

    folder = resource("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in _FONT_SUFFIXES)


def _family_name(font: TTFont) -> str:
    name = font["name"]
    # Prefer the English (Windows, en-US) family name so logs and PDFs read the same everywhere.
    record = name.getName(1, 3, 1, 0x409) or name.getName(1, 1, 0, 0)
    return record.toUnicode() if record else (name.getDebugName(1) or "unknown")


def _usable_face(font: TTFont) -> str | None:
    """Why this face cannot be used, or None when it can."""
    if "glyf" not in font:
        return "has CFF (PostScript) outlines; reportlab needs TrueType outlines"
    fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    # Same rule as reportlab: restricted-licence or no-subsetting fonts cannot be embedded.
    if fs_type == 0x0002 or fs_type & 0x0300:
        return f"has a licence that forbids embedding (fsType {fs_type:#06x})"
    cmap = font.getBestCmap() or {}
    missing = [ch for ch in _PROBE_TEXT if ord(ch) not in cmap]
    if missing:
        return f"has no glyphs for {''.join(missing)!r}"
    return None


def inspect_font(path: Path) -> CjkFont:
    """Check one font file and return its first usable face; FontMissingError says why not."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    path = Path(path)
    if not path.is_file():
        raise FontMissingError(f"font file {path} does not exist")
    # We own the file handle: fontTools leaves its own open when parsing fails.
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise FontMissingError(f"font file {path} cannot be read: {exc}") from exc
    with fh:
        try:
            if path.suffix.lower() == ".ttc":
                faces = list(TTCollection(fh, lazy=True).fonts)
            else:
                faces = [TTFont(fh, lazy=True)]
        except (TTLibError, ValueError, AssertionError, struct.error) as exc:
            raise FontMissingError(f"font file {path} cannot be read: {exc}") from exc
        reasons = []
        for index, face in enumerate(faces):
            try:
                reason = _usable_face(face)
            except (TTLibError, KeyError, ValueError, AssertionError, struct.error) as exc:
                reason = f"is damaged ({exc})"
            if reason is None:
                return CjkFont(path, index, _family_name(face))
            reasons.append(reason)
    raise FontMissingError(f"font file {path} is not usable: it {reasons[0]}")


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> CjkFont:
    """The CJK font to use, searched once per process (see the module docstring for order)."""
    override = os.environ.get(ENV_VAR)
    if override:
        # The user asked for this font: failing loudly beats silently using another one.
        try:
            return inspect_font(Path(override))
        except FontMissingError as exc:
            raise FontMissingError(f"{ENV_VAR}: {exc}") from exc
    for candidate in [*_bundled_candidates(), *_system_candidates()]:
        if not candidate.is_file():
            continue
        try:
            return inspect_font(candidate)
        except FontMissingError:
            continue
    raise FontMissingError(_INSTALL_HINT)


_register_lock = threading.Lock()


def register_reportlab_font() -> str:
    """Register the CJK font with reportlab once and return its font name.

    The same face is registered as bold and italic too (wqy-microhei has neither), so
    `<b>` markup in paragraphs does not fail.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

    with _register_lock:
        if REPORTLAB_FONT_NAME in pdfmetrics.getRegisteredFontNames():
            return REPORTLAB_FONT_NAME
        font = find_cjk_font()
        try:
            tt = ReportlabTTFont(
                REPORTLAB_FONT_NAME, str(font.path), subfontIndex=font.subfont_index
            )
        except TTFError as exc:
            raise FontMissingError(f"reportlab cannot use {font.path}: {exc}") from exc
        pdfmetrics.registerFont(tt)
        pdfmetrics.registerFontFamily(
            REPORTLAB_FONT_NAME,
            normal=REPORTLAB_FONT_NAME,
            bold=REPORTLAB_FONT_NAME,
            italic=REPORTLAB_FONT_NAME,
            boldItalic=REPORTLAB_FONT_NAME,
        )
        return REPORTLAB_FONT_NAME
