"""The font of the visible signature stamp: a small subset of the CJK font, made in memory.

pyHanko 0.38 spaces stamp glyphs wrongly for fonts whose units-per-em is not 1000
(wqy-microhei has 2048), and subsets whatever font it is given on every signature (about 1 s
for a full CJK font). Rescaling a whole CJK font took 8–30 s, once per machine. Instead we
subset the font to the characters of the stamp text (plus printable ASCII, so the date never
changes the set) and rescale only that subset: about 0.2 s, once per process and character set.
An auditor signing many reports keeps the same name and role, so later signatures reuse it.
"""

from __future__ import annotations

import functools
import io
import logging
import threading
from pathlib import Path

from auditor_app.fonts import CjkFont, FontMissingError, find_cjk_font

STAMP_UNITS_PER_EM = 1000
# Always in the subset: digits, Latin letters and punctuation of dates and English labels.
BASE_CHARS = frozenset(chr(c) for c in range(0x20, 0x7F))
# Tables no stamp needs; FontForge's FFTM makes fontTools warn otherwise.
_DROP_TABLES = ("FFTM", "DSIG", "vhea", "vmtx", "VORG")

_lock = threading.Lock()


def stamp_font_bytes(text: str, font: CjkFont | None = None) -> bytes:
    """A TrueType font with 1000 units per em that draws `text` (and printable ASCII).

    Raises FontMissingError naming the characters the CJK font has no glyphs for.
    """
    font = font or find_cjk_font()
    chars = BASE_CHARS | {ch for ch in text if not ch.isspace()}
    stat = font.path.stat()
    with _lock:  # the GUI may sign on a worker thread; build each subset once
        return _build(font.path, font.subfont_index, stat.st_mtime_ns, stat.st_size, chars)


@functools.lru_cache(maxsize=8)
def _build(
    path: Path, subfont_index: int, mtime_ns: int, size: int, chars: frozenset[str]
) -> bytes:
    # mtime and size are part of the cache key only: a replaced font file is read afresh.
    del mtime_ns, size
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    with open(path, "rb") as fh, TTFont(fh, fontNumber=subfont_index, lazy=True) as tt:
        cmap = tt.getBestCmap() or {}
        missing = sorted(ch for ch in chars - BASE_CHARS if ord(ch) not in cmap)
        if missing:
            raise FontMissingError(
                f"the stamp font has no glyphs for {''.join(missing)!r}; "
                "set AUDITOR_APP_CJK_FONT to a font that has them"
            )
        options = subset.Options()
        options.drop_tables += list(_DROP_TABLES)
        options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
        # Hinting instructions are not rescaled by scale_upem; PDF viewers render well without.
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(ch) for ch in chars if ord(ch) in cmap])
        # fontTools logs each dropped table at INFO/WARNING level; nothing a user can act on.
        quiet = logging.getLogger("fontTools.subset")
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            subsetter.subset(tt)
        finally:
            quiet.setLevel(level)
        if tt["head"].unitsPerEm != STAMP_UNITS_PER_EM:
            scale_upem(tt, STAMP_UNITS_PER_EM)
        out = io.BytesIO()
        tt.save(out)
    return out.getvalue()
