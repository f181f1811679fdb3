"""User text the report font cannot draw: replaced by a visible placeholder, and reported.

reportlab draws a character the font lacks as the font's empty box (.notdef), so an emoji or a
rare character in a note would print as "□" and the reader could not tell what was meant, or
that anything is missing. Every user text goes through `GlyphGuard` when the report data is
gathered: each missing character becomes "[U+1F600]" and a warning names the field, so the
caller can show it before the report is sent.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

# Variation selectors only pick a glyph variant (emoji or text style); when the font lacks
# them they are dropped rather than printed as a placeholder of their own.
_INVISIBLE = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def placeholder(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


def report_font_codepoints() -> frozenset[int]:
    """The code points the report font (as registered with reportlab) can draw."""
    from reportlab.pdfbase import pdfmetrics

    from auditor_app.fonts import register_reportlab_font

    face = pdfmetrics.getFont(register_reportlab_font()).face
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


class GlyphGuard:
    """Replaces characters missing from the font and remembers where it did."""

    def __init__(self, codepoints: frozenset[int] | Callable[[int], bool]) -> None:
        self._has = codepoints.__contains__ if isinstance(codepoints, frozenset) else codepoints
        self._missing: dict[str, list[str]] = {}  # field -> missing characters, first seen first

    def text(self, value: str | None, where: str) -> str:
        """`value` with every character the font lacks replaced by its placeholder."""
        if not value:
            return value or ""
        out: list[str] = []
        for ch in value:
            # control characters are dropped when printed (text.clean), so no glyph is needed
            if self._has(ord(ch)) or unicodedata.category(ch)[0] == "C":
                out.append(ch)
                continue
            if any(ord(ch) in block for block in _INVISIBLE):
                continue
            seen = self._missing.setdefault(where, [])
            if ch not in seen:
                seen.append(ch)
            out.append(placeholder(ch))
        return "".join(out)

    def tree(self, value: Any, where: str) -> Any:
        """Every string inside nested dicts/lists (stored JSON such as the site draw)."""
        if isinstance(value, str):
            return self.text(value, where)
        if isinstance(value, dict):
            return {k: self.tree(v, where) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.tree(v, where) for v in value)
        return value

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per field, e.g. `item 5.1.1.1 note: <the emoji> (U+1F600) is not in the report
        font; printed as [U+1F600]`."""
        lines = []
        for where, chars in self._missing.items():
            names = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in chars)
            verb = "is" if len(chars) == 1 else "are"
            shown = ", ".join(placeholder(ch) for ch in chars)
            lines.append(f"{where}: {names} {verb} not in the report font; printed as {shown}")
        return tuple(lines)
