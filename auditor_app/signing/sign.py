"""Sign a PDF audit report: PAdES B-B (B-T with a timestamp server) with a visible stamp.

The signature is an incremental update (the report's bytes stay as they were), so Adobe
Reader, `pdfsig` and our own verifier can all check it. The visible stamp on the last page
shows the auditor's name, role and date in Chinese and English, and the handwritten
signature image when there is one.

The stamp text is drawn with a subset of the CJK font rescaled to 1000 units per em
(`auditor_app.stamp_font`): pyHanko 0.38 spaces glyphs wrongly otherwise, and subsetting a
whole CJK font costs it about 1 s per signature. The text box font size equals the glyph
accumulator's font size, or multi-line stamps drift.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from auditor_app.core.errors import AuditorError, InputError
from auditor_app.fonts import FontMissingError as FontMissingError  # raised by sign_pdf
from auditor_app.signing.keys import AuditorKey, CertifiedSigner
from auditor_app.stamp_font import stamp_font_bytes

if TYPE_CHECKING:  # pyHanko is imported when signing, not when the CLI starts
    from PIL.Image import Image
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.rw_common import PdfHandler
    from pyhanko.sign.fields import SigFieldSpec
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer, SimpleSigner
    from pyhanko.sign.timestamps import TimeStamper
    from pyhanko.stamp import TextStampStyle

STAMP_FONT_SIZE = 10
STAMP_LEADING = 13
STAMP_WIDTH = 280
STAMP_HEIGHT = 72
# Where the default stamp sits: bottom-right of the last page, inside a 36 pt (~13 mm)
# margin, so it does not cover the page number a report usually prints lower down.
STAMP_MARGIN_RIGHT = 42
STAMP_MARGIN_BOTTOM = 54
# Width of the stamp's right part that holds the handwritten signature image.
IMAGE_AREA_WIDTH = 96
# Handwriting pads deliver large images; more pixels than this add bytes, not legibility.
MAX_IMAGE_PIXELS_WIDE = 600
DEFAULT_FIELD_NAME = "AuditorSignature"
TIMESTAMP_TIMEOUT_S = 10

STAMP_TEXT = "签名 Signed by: %(signer)s\n角色 Role: %(role)s\n日期 Date: %(date)s"


class SigningError(AuditorError):
    """The PDF could not be signed (damaged input, unusable font, pyHanko failure)."""


class TimestampError(SigningError):
    """The timestamp server could not be used; the caller may sign without it (B-B)."""


@dataclass(frozen=True)
class FieldPlacement:
    """Where the visible signature goes: page index (negative counts from the end) and
    (left, bottom, right, top) in PDF points."""

    page: int
    box: tuple[int, int, int, int]


def _clean(text: str) -> str:
    """One line of printable text: the stamp template uses newlines as line breaks."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())


def _format_date(moment: dt.datetime) -> str:
    offset = moment.strftime("%z")  # e.g. +0800
    return f"{moment:%Y-%m-%d %H:%M} UTC{offset[:3]}:{offset[3:]}"


def _load_signature_image(data: bytes) -> Image:
    from PIL import Image as PilImage
    from PIL import UnidentifiedImageError

    try:
        with PilImage.open(io.BytesIO(data)) as opened:
            # pyHanko embeds RGB/L with an alpha channel as a soft mask; palette PNGs with a
            # transparent colour would lose their transparency, so normalise to RGBA.
            img = opened.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(f"the signature image cannot be read: {exc}") from exc
    if img.width > MAX_IMAGE_PIXELS_WIDE:
        height = max(1, round(img.height * MAX_IMAGE_PIXELS_WIDE / img.width))
        img = img.resize((MAX_IMAGE_PIXELS_WIDE, height), PilImage.Resampling.LANCZOS)
    return img


def _accumulator_factory(font: bytes) -> GlyphAccumulatorFactory:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class _InMemoryFactory(GlyphAccumulatorFactory):
        # pyHanko's factory opens a font file (and never closes it); the stamp font is made
        # in memory (`auditor_app.stamp_font`), so serve its bytes instead.
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(font),
                font_size=self.font_size,
                ot_script_tag=self.ot_script_tag,
                ot_language_tag=self.ot_language_tag,
                writing_direction=self.writing_direction,
                bcp47_lang_code=self.bcp47_lang_code,
                obj_stream=obj_stream,
            )

    return _InMemoryFactory("<stamp font in memory>", font_size=STAMP_FONT_SIZE)


def _stamp_style(font: bytes, image: Image | None) -> TextStampStyle:
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    text_style = TextBoxStyle(
        font=_accumulator_factory(font),
        font_size=STAMP_FONT_SIZE,
        leading=STAMP_LEADING,
        text_color=(0.05, 0.05, 0.05),
    )
    right = 6 + (IMAGE_AREA_WIDTH if image is not None else 0)
    options: dict[str, Any] = {}
    if image is not None:
        options = {
            "background": PdfImage(image),
            "background_opacity": 1.0,
            # The image fills the right part of the stamp, keeping its aspect ratio.
            "background_layout": layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MAX,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins(
                    left=STAMP_WIDTH - IMAGE_AREA_WIDTH, right=6, top=6, bottom=6
                ),
                inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
            ),
        }
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        # pyHanko formats its own `ts` parameter even though our text does not use it; its
        # default ends in %Z, which Windows' strftime refuses ("Invalid format string") when
        # the zone name is not in the ANSI code page (e.g. 中国标准时间 read under cp1252).
        timestamp_format="%Y-%m-%d %H:%M:%S",
        text_box_style=text_style,
        # Text on the left; long names or roles shrink rather than run off the stamp.
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=8, right=right, top=6, bottom=6),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
        border_width=1,
        border_color=(0.12, 0.25, 0.55),
        **options,
    )


def _page_size(reader: PdfHandler, page: int) -> tuple[float, float]:
    page_ref, _ = reader.find_page_for_modification(page)  # type: ignore[no-untyped-call]
    node = page_ref.get_object()
    while node is not None:  # /MediaBox may be inherited from the page tree
        box = node.get("/MediaBox")
        if box is not None:
            llx, lly, urx, ury = (float(v) for v in box)
            return urx - llx, ury - lly
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return 595.0, 842.0  # A4, the default of PDF viewers too


def default_placement(reader: PdfHandler, page: int = -1) -> FieldPlacement:
    """Bottom-right of the page, STAMP_WIDTH × STAMP_HEIGHT points."""
    width, _ = _page_size(reader, page)
    right = int(width - STAMP_MARGIN_RIGHT)
    left = max(0, right - STAMP_WIDTH)
    return FieldPlacement(
        page, (left, STAMP_MARGIN_BOTTOM, right, STAMP_MARGIN_BOTTOM + STAMP_HEIGHT)
    )


def _free_field_name(reader: PdfHandler, wanted: str) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _, _ in enumerate_sig_fields(reader)}
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}{n}" in taken:
        n += 1
    return f"{wanted}{n}"


def _signer_with_time(
    signature_meta: PdfSignatureMetadata,
    signer: Signer,
    stamp_style: TextStampStyle,
    field_spec: SigFieldSpec,
    timestamper: TimeStamper | None,
    moment: dt.datetime,
) -> PdfSigner:
    from pyhanko.sign.signers import PdfSigner
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession

    class _PdfSignerAt(PdfSigner):
        # pyHanko takes the signing time from the session it creates; setting it there
        # makes /M, the stamp date and our caller's record agree.
        def init_signing_session(
            self, pdf_out: Any, existing_fields_only: bool = False
        ) -> PdfSigningSession:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = moment
            return session

    return _PdfSignerAt(
        signature_meta,
        signer=signer,
        timestamper=timestamper,
        stamp_style=stamp_style,
        new_field_spec=field_spec,
    )


def _loaded_key_signer(key: AuditorKey) -> SimpleSigner:
    """A pyHanko signer that signs with the key object `key` already holds.

    pyHanko's SimpleSigner parses its DER key again for every raw signature, twice per PDF
    (once to size the signature container); loading an RSA key checks it, about 0.14 s each.
    """
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.general import get_pyca_cryptography_hash
    from pyhanko.sign.signers import SimpleSigner

    private = key.private_key

    class _LoadedKeySigner(SimpleSigner):
        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:  # as pyHanko does: "sha256_rsa" and "rsassa_pkcs1v15" both mean PKCS#1 v1.5
                algorithm = mechanism.signature_algo
            except ValueError:
                algorithm = mechanism["algorithm"].native
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if algorithm == "rsassa_pkcs1v15" and isinstance(private, RSAPrivateKey):
                return private.sign(data, PKCS1v15(), hash_algo)
            if algorithm == "ecdsa" and isinstance(private, EllipticCurvePrivateKey):
                return private.sign(data, ECDSA(hash_algo))
            return cast(bytes, super().sign_raw(data, digest_algorithm))  # anything else

    base = key.pyhanko_signer()
    return _LoadedKeySigner(
        signing_key=base.signing_key,
        signing_cert=base.signing_cert,
        cert_registry=base.cert_registry,
    )


def _checked_http_timestamper(url: str) -> TimeStamper:
    from asn1crypto import tsp
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

    class _CheckedHTTPTimeStamper(HTTPTimeStamper):
        # A garbled reply fails in asn1crypto with a bare ValueError, now or (it parses
        # lazily) much later; parse it fully here so it is reported as a timestamp failure.
        async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
            try:
                response = await super().async_request_tsa_response(req)
                _ = response.native
            except (ValueError, TypeError, KeyError) as exc:
                raise TimestampRequestError(f"malformed reply: {exc}") from exc
            return response

    return _CheckedHTTPTimeStamper(url, timeout=TIMESTAMP_TIMEOUT_S)


def sign_pdf(
    pdf: bytes,
    key: CertifiedSigner,
    *,
    signer_name: str | None = None,
    role: str,
    reason: str,
    location: str,
    signing_time: dt.datetime | None = None,
    signature_image: bytes | None = None,
    placement: FieldPlacement | None = None,
    timestamp_url: str | None = None,
    timestamper: TimeStamper | None = None,
    field_name: str = DEFAULT_FIELD_NAME,
) -> bytes:
    """Sign `pdf` as PAdES B-B (B-T when `timestamp_url` or `timestamper` is given).

    `signer_name` defaults to the certificate's common name. `signing_time` is the claimed
    signing time (/M and the stamp); naive values are taken as local time. `placement`
    defaults to the bottom-right of the last page. `timestamper` (a pyHanko TimeStamper)
    overrides `timestamp_url`; tests use it to stay off the network.

    Raises InputError for an unreadable PDF or image, a SigningKeyError when the key may
    not sign now, TimestampError when the timestamp server fails (sign again without it to
    fall back to B-B), FontMissingError when the stamp text cannot be drawn.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import TimestampRequestError

    moment = signing_time or dt.datetime.now().astimezone()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    # Validity is judged at the real clock time: `signing_time` is only a claim.
    key.check_usable()

    name = _clean(signer_name or key.signer_name)
    params = {"signer": name, "role": _clean(role), "date": _format_date(moment)}
    # Raises FontMissingError for characters the font cannot draw, instead of empty boxes.
    stamp_font = stamp_font_bytes(STAMP_TEXT % params)
    image = _load_signature_image(signature_image) if signature_image else None

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        placement = placement or default_placement(writer, -1)
        field_name = _free_field_name(writer, field_name)
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise InputError(f"the report is not a readable PDF: {exc}") from exc

    if timestamper is None and timestamp_url:
        timestamper = _checked_http_timestamper(timestamp_url)

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=name,
        reason=_clean(reason) or None,
        location=_clean(location) or None,
    )
    field_spec = fields.SigFieldSpec(
        sig_field_name=field_name, on_page=placement.page, box=placement.box
    )
    pdf_signer = _signer_with_time(
        meta,
        # a key file's key is already loaded; a token signs inside the device
        _loaded_key_signer(key) if isinstance(key, AuditorKey) else key.pyhanko_signer(),
        _stamp_style(stamp_font, image),
        field_spec,
        timestamper,
        moment,
    )
    try:
        out = pdf_signer.sign_pdf(writer, appearance_text_params=params)
    except TimestampRequestError as exc:
        cause = exc.__cause__ or exc
        server = timestamp_url or "the timestamp server"
        raise TimestampError(
            f"no timestamp from {server} ({cause}); "
            "sign without a timestamp (PAdES B-B) or try again later"
        ) from exc
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise SigningError(f"signing failed: {exc}") from exc
    return cast(bytes, out.getvalue())
