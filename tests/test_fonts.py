"""CJK font discovery and the reportlab registration (the stamp font: test_stamp_font.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from auditor_app import fonts
from auditor_app.fonts import ENV_VAR, FontMissingError

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PROBE = fonts._PROBE_TEXT


def make_font(
    path: Path,
    chars: str = PROBE,
    *,
    upem: int = 2048,
    family: str = "Tiny CJK",
    fs_type: int = 0,
    cff: bool = False,
) -> Path:
    """Write a small font with a box glyph per character (fast to scale and subset)."""
    names = [".notdef"] + [f"uni{ord(ch):04X}" for ch in chars]
    fb = FontBuilder(upem, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(ch): f"uni{ord(ch):04X}" for ch in chars})
    if cff:
        from fontTools.pens.t2CharStringPen import T2CharStringPen

        charstrings = {}
        for name in names:
            pen = T2CharStringPen(upem // 2, None)
            pen.moveTo((50, 0))
            pen.lineTo((50, 700))
            pen.lineTo((450, 700))
            pen.lineTo((450, 0))
            pen.closePath()
            charstrings[name] = pen.getCharString()
        fb.setupCFF("TinyCJK", {"FullName": family}, charstrings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            pen.moveTo((100, 0))
            pen.lineTo((100, upem * 3 // 4))
            pen.lineTo((upem - 100, upem * 3 // 4))
            pen.lineTo((upem - 100, 0))
            pen.closePath()
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (upem, 100) for name in names})
    fb.setupHorizontalHeader(ascent=upem * 7 // 8, descent=-(upem // 8))
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": "TinyCJK"})
    fb.setupOS2(fsType=fs_type)
    fb.setupPost()
    fb.save(str(path))
    return path


@pytest.fixture
def clean_search(monkeypatch, tmp_path):
    """No env override, an empty resources folder, no system fonts; caches cleared."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(resources))
    monkeypatch.setattr(fonts, "_system_candidates", lambda: [])
    fonts.find_cjk_font.cache_clear()
    yield resources / "fonts"
    fonts.find_cjk_font.cache_clear()


def test_finds_wqy_microhei_on_debian():
    if not WQY.is_file():
        pytest.skip("fonts-wqy-microhei is not installed")
    font = fonts.inspect_font(WQY)
    assert font.subfont_index == 0
    assert font.family_name == "WenQuanYi Micro Hei"


def test_nothing_found_says_what_to_install(clean_search):
    with pytest.raises(FontMissingError) as err:
        fonts.find_cjk_font()
    text = str(err.value)
    for hint in ("apt install fonts-wqy-microhei", "Windows", "macOS", ENV_VAR, "CFF"):
        assert hint in text


def test_bundled_font_folder_is_used(clean_search):
    tiny = make_font(clean_search / "tiny.ttf")
    assert fonts.find_cjk_font() == fonts.CjkFont(tiny, 0, "Tiny CJK")


def test_env_var_comes_first(clean_search, tmp_path, monkeypatch):
    make_font(clean_search / "bundled.ttf", family="Bundled")
    chosen = make_font(tmp_path / "chosen.ttf", family="Chosen")
    monkeypatch.setenv(ENV_VAR, str(chosen))
    assert fonts.find_cjk_font().family_name == "Chosen"


def test_unusable_env_font_is_an_error_not_a_fallback(clean_search, tmp_path, monkeypatch):
    make_font(clean_search / "bundled.ttf")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.ttf"))
    with pytest.raises(FontMissingError, match=f"{ENV_VAR}.*does not exist"):
        fonts.find_cjk_font()


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"cff": True}, "CFF"),
        ({"chars": "Signed"}, "no glyphs"),
        ({"fs_type": 0x0002}, "forbids embedding"),
    ],
)
def test_unusable_fonts_are_refused_with_a_reason(tmp_path, kwargs, reason):
    path = make_font(tmp_path / "bad.ttf", **kwargs)
    with pytest.raises(FontMissingError, match=reason):
        fonts.inspect_font(path)


def test_unusable_candidates_are_skipped(clean_search, tmp_path, monkeypatch):
    cff = make_font(tmp_path / "cff.ttf", cff=True)
    good = make_font(tmp_path / "good.ttf", family="Good")
    monkeypatch.setattr(fonts, "_system_candidates", lambda: [tmp_path / "none.ttc", cff, good])
    assert fonts.find_cjk_font().path == good


def test_not_a_font_file(tmp_path):
    junk = tmp_path / "junk.ttc"
    junk.write_bytes(b"not a font at all")
    with pytest.raises(FontMissingError, match="cannot be read"):
        fonts.inspect_font(junk)


def test_reportlab_registration_is_idempotent_and_has_bold():
    from reportlab.lib.fonts import tt2ps

    name = fonts.register_reportlab_font()
    assert fonts.register_reportlab_font() == name
    assert tt2ps(name, 1, 0) == name  # <b> maps to the same face
    assert tt2ps(name, 1, 1) == name


def test_fonts_module_does_not_import_qt():
    code = "import sys, auditor_app.fonts; print('PySide6' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        encoding="utf-8",
        check=True,
        env=os.environ,
    )
    assert out.stdout.strip() == "False"
