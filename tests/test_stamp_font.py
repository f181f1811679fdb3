"""The stamp font: a 1000-upem subset of the CJK font, made in memory once per character set."""

from __future__ import annotations

import io
import os
import time

import pytest
from fontTools.ttLib import TTFont

from auditor_app import stamp_font
from auditor_app.fonts import CjkFont, FontMissingError, find_cjk_font
from auditor_app.signing import keys
from auditor_app.signing.sign import STAMP_TEXT
from tests.test_fonts import make_font

LABELS = "签名角色日期"


def tiny(path, chars: str, upem: int = 2048, family: str = "Tiny CJK") -> CjkFont:
    """A small font with these characters (the test fonts lack the usual probe text)."""
    return CjkFont(make_font(path, chars, upem=upem, family=family), 0, family)


def _open(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_subset_is_rescaled_and_holds_only_the_text(tmp_path):
    font = tiny(tmp_path / "tiny.ttf", LABELS + "张三审核员AB12")
    data = stamp_font.stamp_font_bytes("签名 张三 AB", font)
    subset = _open(data)
    assert subset["head"].unitsPerEm == 1000
    cmap = subset.getBestCmap()
    assert {chr(c) for c in cmap} == set("签名张三AB12")  # the text, plus the ASCII it has
    assert subset["hmtx"][cmap[ord("张")]][0] == 1000  # the advance scaled with the em


def test_missing_characters_are_named(tmp_path):
    font = tiny(tmp_path / "tiny.ttf", LABELS, upem=1000)
    with pytest.raises(FontMissingError, match="no glyphs for '龘'"):
        stamp_font.stamp_font_bytes("签名 龘", font)


def test_same_characters_reuse_the_subset_and_a_changed_file_is_read_again(tmp_path):
    font = tiny(tmp_path / "tiny.ttf", LABELS + "张三李四")
    first = stamp_font.stamp_font_bytes("签名 张三 2026-12-05", font)
    # Another date, same characters otherwise: the very same subset, not a rebuild.
    assert stamp_font.stamp_font_bytes("签名 三张 2027-01-09", font) is first
    other = stamp_font.stamp_font_bytes("签名 李四", font)
    assert ord("李") in _open(other).getBestCmap()

    time.sleep(0.01)
    changed = tiny(font.path, LABELS + "张三李四", family="Changed")
    os.utime(font.path, ns=(time.time_ns(), time.time_ns()))
    again = stamp_font.stamp_font_bytes("签名 张三 2026-12-05", changed)
    assert again is not first
    assert _open(again)["name"].getDebugName(1) == "Changed"


def test_real_font_subset_is_small_and_nothing_is_written(tmp_path, monkeypatch):
    # A fresh install has nothing cached: the stamp font must not need a cache folder.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "cache"))
    text = STAMP_TEXT % {"signer": "王建国", "role": "审核组长 Team leader", "date": "2026-12-05"}
    data = stamp_font.stamp_font_bytes(text, find_cjk_font())
    font = _open(data)
    assert font["head"].unitsPerEm == 1000
    assert font["maxp"].numGlyphs < 200  # the stamp's characters and ASCII, not 30,000 glyphs
    # No hinting (scale_upem does not rescale instructions) and no FontForge timestamp table.
    assert "fpgm" not in font and "FFTM" not in font
    assert all(ord(ch) in font.getBestCmap() for ch in text if not ch.isspace())
    assert not (tmp_path / "cache").exists()


def test_loaded_key_signer_signs_verifiably():
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    from auditor_app.signing.sign import _loaded_key_signer

    for key_type in ("rsa", "ec"):
        key = keys.create_auditor_key("张三", key_type=key_type)
        raw = _loaded_key_signer(key).sign_raw(b"data to sign", "sha256")
        public = key.certificate.public_key()
        if key_type == "rsa":
            public.verify(raw, b"data to sign", padding.PKCS1v15(), hashes.SHA256())
        else:
            public.verify(raw, b"data to sign", ec.ECDSA(hashes.SHA256()))
