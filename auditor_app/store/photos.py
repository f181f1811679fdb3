"""Intake of photos and files: refuse what cannot be used, downscale photos once, on intake.

Reports embed JPEGs as they are (engineering notes: 200 camera photos make a 170 MB PDF), so a
photo is reduced when it is attached, never at export. The original's SHA-256 is kept as the
attachment's identity so the evidence can still be matched to the file on the camera.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor_app.core.errors import InputError

if TYPE_CHECKING:  # Pillow loads with the first photo: opening the store does not need it
    from PIL import Image

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are refused, not truncated
MAX_PIXELS = 80_000_000  # beyond any phone camera; guards against decompression bombs
# The copy used in reports: at most 1024 px on the long edge (≈300 dpi at the appendix's print
# size) and at most 90 kB, so 200 photos stay well inside an email's ~20 MB. Busy or noisy
# pictures step down in quality, then in size, until they fit.
REPORT_EDGES = (1024, 800, 640)
REPORT_QUALITIES = (80, 70, 60, 50)
REPORT_MAX_BYTES = 90_000
THUMB_EDGE = 160
JPEG_QUALITY = 80
IMAGE_MIMES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
}
DOCUMENT_MIMES = {b"%PDF-": "application/pdf"}


@dataclass(frozen=True)
class Intake:
    """A file checked and prepared for storing: a photo as its downscaled JPEG with a thumbnail and
    its size in pixels; a PDF as it came (no thumbnail, no size)."""

    sha256: str  # of the original bytes
    mime: str
    size: int
    data: bytes  # what is stored and embedded (downscaled JPEG for photos)
    data_sha256: str
    thumb: bytes | None
    width: int | None
    height: int | None


def intake(raw: bytes, name: str = "") -> Intake:
    """Check and prepare one file; raise InputError with the reason when it cannot be used."""
    label = name or "file"
    if not raw:
        raise InputError(f"{label}: the file is empty")
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(
            f"{label}: {len(raw) / 1e6:.0f} MB is too large (limit "
            f"{MAX_FILE_BYTES // 1_000_000} MB)"
        )
    digest = hashlib.sha256(raw).hexdigest()
    for magic, mime in DOCUMENT_MIMES.items():
        if raw.startswith(magic):
            return Intake(digest, mime, len(raw), raw, digest, None, None, None)
    from PIL import Image

    image = _open_image(raw, label)
    report = _report_copy(image)
    thumb = _jpeg(image, THUMB_EDGE)
    width, height = Image.open(io.BytesIO(report)).size
    return Intake(
        digest,
        "image/jpeg",
        len(raw),
        report,
        hashlib.sha256(report).hexdigest(),
        thumb,
        width,
        height,
    )


def _open_image(raw: bytes, label: str) -> Image.Image:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(raw))
            if probe.width * probe.height > MAX_PIXELS:
                raise InputError(
                    f"{label}: {probe.width}×{probe.height} pixels is too large a "
                    f"picture (limit {MAX_PIXELS // 1_000_000} megapixels)"
                )
            if probe.format not in IMAGE_MIMES:
                raise InputError(f"{label}: {probe.format} pictures are not supported")
            probe.load()  # decode now: a truncated file fails here, not in the report
            image = ImageOps.exif_transpose(probe)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise InputError(
            f"{label}: too large a picture (limit {MAX_PIXELS // 1_000_000} megapixels)"
        ) from exc
    except UnidentifiedImageError as exc:
        raise InputError(f"{label}: not a picture or PDF this app can read") from exc
    except OSError as exc:
        raise InputError(f"{label}: the picture is damaged or truncated ({exc})") from exc
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    return image


def _report_copy(image: Image.Image) -> bytes:
    from PIL import Image

    data = b""
    for edge in REPORT_EDGES:
        scaled = image.copy()
        scaled.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        for quality in REPORT_QUALITIES:
            data = _encode(scaled, quality)
            if len(data) <= REPORT_MAX_BYTES:
                return data
    return data  # smallest attempt: only pathological noise gets here


def _jpeg(image: Image.Image, edge: int) -> bytes:
    from PIL import Image

    copy = image.copy()
    copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    return _encode(copy, JPEG_QUALITY)


def _encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # no EXIF copied: GPS positions and camera serials stay out of emailed reports
    image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
