"""Appendix A: the photos, two per row, each with caption, item and the original's SHA-256.

The images embedded are the downscaled JPEG copies made when the photo was attached (the store
keeps them); reportlab passes JPEG data through unchanged, so export does no image work. The
hash printed is the original file's, so the evidence can be matched to the file on the camera.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from auditor_app.report.blocks import heading
from auditor_app.report.data import Photo, ReportData
from auditor_app.report.text import Para, Styles, esc

COLUMNS = 2
GUTTER = 14
MAX_PHOTO_HEIGHT = 150  # points: three rows of 4:3 photos with 6-line captions fit an A4 page


def appendix(data: ReportData, st: Styles, width: float, number: str) -> list[Flowable]:
    if not data.photos:
        return []
    out: list[Flowable] = [PageBreak(), heading(st, number, "附录：照片", "Appendix: photos")]
    col = (width - GUTTER * (COLUMNS - 1)) / COLUMNS
    cells = [_photo_cell(data, photo, n, st, col) for n, photo in enumerate(data.photos, 1)]
    # one small table per row: rows never split, and a page break falls between rows
    for start in range(0, len(cells), COLUMNS):
        row = cells[start : start + COLUMNS]
        row += [""] * (COLUMNS - len(row))
        widths = []
        for n in range(COLUMNS):
            widths += [col] if n == 0 else [GUTTER, col]
        padded: list[object] = []
        for n, cell in enumerate(row):
            padded += [cell] if n == 0 else ["", cell]
        table = Table([padded], colWidths=widths, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), st.font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        out.append(table)
    return out


def _photo_cell(data: ReportData, photo: Photo, n: int, st: Styles, width: float) -> list[Flowable]:
    w, h = photo.width or 4, photo.height or 3
    scale = min(width / w, MAX_PHOTO_HEIGHT / h)
    image = JpegImage(photo.data, w * scale, h * scale)
    item = data.item(photo.item_id) if photo.item_id else None
    where = (
        f"条款 Item {esc(item.id)} {esc(item.title_zh)} / {esc(item.title_en)}"
        if item
        else "未关联条款 / not linked to an item"
    )
    caption = esc(photo.caption) if photo.caption.strip() else "（无说明 no caption）"
    muted = st.style.color("muted")
    text = (
        f"<b>图 {n} Photo {n}</b>　{caption}<br/>"
        f'<font color="{muted}">{where}<br/>'
        f"原件 SHA-256 of the original: {esc(photo.sha256)}"
        + (f"<br/>文件 File: {esc(photo.original_name)}" if photo.original_name else "")
        + "</font>"
    )
    return [image, Para(text, st.caption)]


class _JpegReader(ImageReader):
    """An ImageReader that never decodes a JPEG. reportlab names each drawn image by a digest
    of `getRGBData()`, which decodes the whole picture (measured: ~10 ms per photo, 3 s of a
    200-photo export) although the JPEG itself is embedded unchanged; the JPEG bytes identify
    the picture just as well."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._jpeg = data

    def getRGBData(self) -> bytes:
        if self.jpeg_fh() is None:  # not a JPEG after all: decode as reportlab would
            return bytes(super().getRGBData())
        self._dataA = None  # no alpha channel: drawImage reads this after the digest
        return self._jpeg


class JpegImage(Flowable):
    """A photo drawn at a fixed size from JPEG bytes, embedded as-is (DCTDecode)."""

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        self.reader = _JpegReader(data)
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)
