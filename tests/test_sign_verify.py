"""Signing a report and verifying it: independent checkers agree, and every tampering is caught.

The signed file is checked by poppler's `pdfsig`/`pdffonts`/`pdftoppm` (what a CB reviewer
without our app uses) as well as by `verify_pdf`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from auditor_app.core.errors import InputError
from auditor_app.fonts import register_reportlab_font
from auditor_app.signing import keys, sign
from auditor_app.signing.sign import TimestampError, sign_pdf
from auditor_app.signing.verify import TrustListError, verify_pdf
from tests.conftest import have
from tests.tsa_support import serve_tsa

CST = dt.timezone(dt.timedelta(hours=8))
SIGNED_AT = dt.datetime(2025, 6, 1, 14, 30, tzinfo=CST)
NOW = dt.datetime.now(dt.UTC)
# The certificates must be valid at SIGNED_AT as well as now: verify checks both.
VALID_FROM = {"not_before": dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "valid_days": 3650}


needs_poppler = pytest.mark.skipif(
    not (have("pdfsig") and have("pdffonts") and have("pdftoppm")),
    reason="poppler-utils is not installed",
)


def make_report_pdf() -> bytes:
    """A two-page report with Chinese text and only the embedded CJK font."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = register_reportlab_font()
    saved = rl_config.invariant
    rl_config.invariant = 1  # byte-identical output for the same input
    try:
        buf = io.BytesIO()
        # initialFontName: otherwise reportlab references a non-embedded Helvetica.
        c = canvas.Canvas(buf, pagesize=A4, initialFontName=font)
        c.setTitle("售后服务认证审核报告")
        c.setFont(font, 16)
        c.drawString(72, 770, "售后服务认证审核报告 After-sales service audit report")
        c.setFont(font, 11)
        c.drawString(72, 740, "受审核方：测试客户有限公司　审核类型：初次认证")
        c.showPage()
        c.setFont(font, 11)
        c.drawString(72, 770, "审核结论：符合 GB/T 27922 五星级要求。")
        c.save()
        return buf.getvalue()
    finally:
        rl_config.invariant = saved


def handwriting_png() -> bytes:
    img = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    points = [(20, 120), (70, 30), (130, 135), (200, 40), (270, 125), (340, 45), (460, 90)]
    draw.line(points, fill=(15, 25, 130, 255), width=10)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def ca() -> keys.TestCA:
    return keys.create_test_ca("Test CB Root", org="Test CB", **VALID_FROM)


@pytest.fixture(scope="module")
def key(ca) -> keys.AuditorKey:
    return keys.create_auditor_key(
        "张三丰", "zhang@example.com", "Test CB", ca=ca, key_type="ec", **VALID_FROM
    )


@pytest.fixture(scope="module")
def report() -> bytes:
    return make_report_pdf()


def _sign(pdf: bytes, key: keys.AuditorKey, **kwargs) -> bytes:
    options = {
        "signer_name": key.signer_name,
        "role": "审核组长 Lead auditor",
        "reason": "审核报告签署 Audit report approval",
        "location": "Beijing",
        "signing_time": SIGNED_AT,
        **kwargs,
    }
    return sign_pdf(pdf, key, **options)


@pytest.fixture(scope="module")
def signed(report, key) -> bytes:
    return _sign(report, key, signature_image=handwriting_png())


def write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdfsig(path: Path) -> list[dict[str, str]]:
    """pdfsig's report, one dict per signature (`total` is whether it covers the file)."""
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    signatures: list[dict[str, str]] = []
    for line in out.stdout.splitlines():
        if re.match(r"^Signature #\d+:", line):
            signatures.append({})
        elif line.startswith("  - ") and signatures:
            item = line[4:]
            if ": " in item:
                name, value = item.split(": ", 1)
                signatures[-1][name] = value
            elif item in ("Total document signed", "Not total document signed"):
                signatures[-1]["total"] = str(item == "Total document signed")
    return signatures


def pdffonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) per font, split on the dashes line's column widths."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60)
    lines = out.stdout.splitlines()
    dashes = lines[1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]
    rows = []
    for line in lines[2:]:
        cols = [line[a:b].strip() for a, b in spans]
        rows.append((cols[0], cols[3]))
    return rows


# --- the happy path, as seen by independent tools and by us ---------------------------------


@needs_poppler
def test_pdfsig_reports_the_signature_valid(tmp_path, signed):
    sigs = pdfsig(write(tmp_path, signed))
    assert len(sigs) == 1
    sig = sigs[0]
    assert sig["Signature Validation"] == "Signature is Valid."
    assert sig["Signer Certificate Common Name"] == "张三丰"
    assert sig["Signature Type"] == "ETSI.CAdES.detached"  # PAdES
    assert sig["total"] == "True"
    assert sig["Signing Time"] == "Jun 01 2025 06:30:00"  # 14:30 +08:00, shown in UTC


@needs_poppler
def test_every_font_is_embedded(tmp_path, signed):
    fonts = pdffonts(write(tmp_path, signed))
    assert len(fonts) >= 2  # the report's font and the stamp's
    assert all(emb == "yes" for _, emb in fonts), fonts


def test_verify_ok_with_the_right_ca(signed, ca):
    result = verify_pdf(signed, [ca.certificate])
    assert result.ok, result.problems
    assert (result.intact, result.valid, result.trusted, result.covers_whole_file) == (
        True,
        True,
        True,
        True,
    )
    assert result.signer == "张三丰"
    assert result.signing_time == SIGNED_AT
    assert result.signature_count == 1
    assert result.problems == []
    as_json = result.to_dict()
    assert as_json["ok"] is True
    assert as_json["signing_time"] == "2025-06-01T14:30:00+08:00"


def test_trusted_only_with_the_right_root(tmp_path, signed, ca):
    untrusted = verify_pdf(signed)
    assert untrusted.intact and untrusted.valid and not untrusted.trusted
    assert not untrusted.ok
    assert any("does not chain to a trusted root" in p for p in untrusted.problems)

    other = keys.create_test_ca("Some Other CA")
    assert not verify_pdf(signed, [other.certificate]).trusted

    # Trust may come as PEM or DER files too.
    pem = ca.save_certificate(tmp_path / "ca.pem")
    assert verify_pdf(signed, [pem]).ok
    from cryptography.hazmat.primitives.serialization import Encoding

    der = tmp_path / "ca.der"
    der.write_bytes(ca.certificate.public_bytes(Encoding.DER))
    assert verify_pdf(signed, [str(der)]).ok


def test_bad_trust_file_is_a_clear_error(tmp_path, signed):
    junk = write(tmp_path, b"not a certificate", "junk.pem")
    with pytest.raises(TrustListError, match="not a PEM or DER certificate"):
        verify_pdf(signed, [junk])
    with pytest.raises(TrustListError, match="cannot read"):
        verify_pdf(signed, [tmp_path / "missing.pem"])


def test_self_signed_key_is_trusted_only_when_passed(report, ca):
    own = keys.create_auditor_key("Self Signer", key_type="rsa", **VALID_FROM)
    signed = _sign(report, own)
    untrusted = verify_pdf(signed)
    assert not untrusted.trusted
    # said plainly, with what to do, rather than pyHanko's CHAIN_CONSTRAINTS_FAILURE
    assert untrusted.problems == [
        "signature AuditorSignature: self-signed certificate: pass it with --trust CERT.pem to "
        "trust it (signer: Self Signer)"
    ]
    # another root in the trust list does not make it trusted, and the reason stays the same
    other = verify_pdf(signed, [ca.certificate])
    assert not other.trusted
    assert "self-signed certificate: pass it with --trust" in other.problems[0]
    assert verify_pdf(signed, [own.certificate]).ok


def test_untrusted_ca_issued_key_is_not_called_self_signed(report, key):
    problems = verify_pdf(_sign(report, key)).problems
    assert len(problems) == 1 and "does not chain to a trusted root" in problems[0]
    assert "self-signed" not in problems[0]


def test_second_signature_keeps_the_first_valid(signed, ca):
    second = keys.create_auditor_key("李四", ca=ca, key_type="ec", **VALID_FROM)
    both = _sign(signed, second, role="审核员 Auditor")
    result = verify_pdf(both, [ca.certificate])
    assert result.ok, result.problems
    assert result.signature_count == 2
    assert result.signer == "李四"
    assert [s.field_name for s in result.signatures] == ["AuditorSignature", "AuditorSignature2"]


# --- tampering: each must be refused with a reason, never a traceback ------------------------


def _byte_range(data: bytes) -> list[int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match
    return [int(v) for v in match.groups()]


def assert_refused(result, reason: str) -> None:
    assert not result.ok
    assert result.problems, "a refusal must say why"
    assert any(reason in p for p in result.problems), result.problems


def test_flipped_byte_in_signed_range(tmp_path, signed, ca):
    # Change one letter of the document title in the signed, original revision.
    pos = signed.index(b"ReportLab")
    assert pos < _byte_range(signed)[1]
    tampered = signed[:pos] + b"X" + signed[pos + 1 :]
    result = verify_pdf(tampered, [ca.certificate])
    assert not result.intact
    assert_refused(result, "changed after signing")
    if have("pdfsig"):
        assert pdfsig(write(tmp_path, tampered))[0]["Signature Validation"] != (
            "Signature is Valid."
        )


def test_flipped_byte_in_second_signed_range(signed, ca):
    _, _, start2, _ = _byte_range(signed)
    pos = signed.index(b"Beijing", start2)
    tampered = signed[:pos] + b"Peijing" + signed[pos + 7 :]
    assert_refused(verify_pdf(tampered, [ca.certificate]), "changed after signing")


def test_bytes_appended_after_eof(signed, ca):
    for junk in (b"\n", b"% harmless comment?\n", b"\x00" * 16):
        result = verify_pdf(signed + junk, [ca.certificate])
        assert result.intact and result.valid and result.trusted
        assert not result.covers_whole_file
        assert_refused(result, "does not cover the whole file")


def test_incremental_update_after_signing(signed, ca):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    # A metadata-only change...
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    w.set_info(
        generic.DictionaryObject(
            {generic.NameObject("/Title"): generic.TextStringObject("Forged title")}
        )
    )
    out = io.BytesIO()
    w.write(out)
    assert len(out.getvalue()) > len(signed)
    assert_refused(verify_pdf(out.getvalue(), [ca.certificate]), "does not cover the whole file")

    # ...and an annotation added to the first page.
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref, _ = w.find_page_for_modification(0)
    page = page_ref.get_object()
    note = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (100, 100, 120, 120)]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("结论改为：不符合"),
        }
    )
    page[generic.NameObject("/Annots")] = generic.ArrayObject([w.add_object(note)])
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    assert len(out.getvalue()) > len(signed)
    result = verify_pdf(out.getvalue(), [ca.certificate])
    assert_refused(result, "does not cover the whole file")


def test_damaged_signature_value(signed, ca):
    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    value = embedded.signer_info["signature"].native.hex().encode()
    pos = signed.lower().index(value) + len(value) // 2
    flipped = b"0" if signed[pos : pos + 1] != b"0" else b"1"
    tampered = signed[:pos] + flipped + signed[pos + 1 :]
    result = verify_pdf(tampered, [ca.certificate])
    assert not result.valid
    assert_refused(result, "not cryptographically valid")


def test_destroyed_signature_container(signed, ca):
    _, len1, _, _ = _byte_range(signed)
    start = len1 + 1  # just after '<'
    tampered = signed[:start] + b"00" * 40 + signed[start + 80 :]
    assert len(tampered) == len(signed)
    result = verify_pdf(tampered, [ca.certificate])
    assert result.readable  # the PDF is fine, its signature is not: exit 1, not 2
    assert result.signature_count == 1
    assert_refused(result, "is damaged and cannot be checked")


@pytest.mark.parametrize("cut", [10, 1000, 0.5])
def test_truncated_file(signed, ca, cut):
    keep = int(len(signed) * cut) if isinstance(cut, float) else len(signed) - cut
    result = verify_pdf(signed[:keep], [ca.certificate])
    assert_refused(result, "cannot be read (damaged or truncated?)")


@pytest.mark.parametrize("data", [b"", b"hello world", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100])
def test_not_a_pdf(data):
    result = verify_pdf(data)
    assert not result.readable and not result.ok
    assert result.problems == ["the file is not a PDF"]


def test_unsigned_pdf(report):
    result = verify_pdf(report)
    assert result.readable and not result.ok
    assert result.signature_count == 0
    assert result.problems == ["the PDF has no signature"]


# --- refusals at signing time -------------------------------------------------------------


def test_expired_certificate_cannot_sign(report, ca):
    old = keys.create_auditor_key(
        "Old", ca=ca, key_type="ec", not_before=NOW - dt.timedelta(days=400), valid_days=30
    )
    with pytest.raises(keys.CertificateExpiredError):
        _sign(report, old)


def test_certificate_without_non_repudiation_cannot_sign(report, ca):
    weak = keys.create_auditor_key("Weak", ca=ca, key_type="ec", key_usage=(True, False))
    with pytest.raises(keys.KeyUsageError):
        _sign(report, weak)


def test_not_a_pdf_cannot_be_signed(key):
    with pytest.raises(InputError, match="not a readable PDF"):
        _sign(b"hello", key)


def test_bad_signature_image(report, key):
    with pytest.raises(InputError, match="signature image"):
        _sign(report, key, signature_image=b"not a png")


# --- the visible stamp --------------------------------------------------------------------


def _render_last_page(tmp_path: Path, pdf: bytes, name: str) -> Image.Image:
    path = write(tmp_path, pdf, f"{name}.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", "-singlefile", str(path),
         str(tmp_path / name)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return Image.open(tmp_path / f"{name}.png").convert("L")


def _dark_pixels(img: Image.Image, box_pt: tuple[float, float, float, float]) -> int:
    """Count dark pixels inside a (left, bottom, right, top) box in PDF points (A4, 60 dpi)."""
    scale = 60 / 72
    page_h = 842
    left, bottom, right, top = box_pt
    crop = img.crop(
        (int(left * scale), int((page_h - top) * scale),
         int(right * scale), int((page_h - bottom) * scale))
    )  # fmt: skip
    return sum(1 for v in crop.tobytes() if v < 128)


@needs_poppler
def test_stamp_text_and_signature_image_render(tmp_path, report, key, signed):
    plain = _sign(report, key)  # no image
    with_image = _render_last_page(tmp_path, signed, "with")
    without_image = _render_last_page(tmp_path, plain, "without")

    placement = sign.default_placement(_reader(signed), -1)
    left, bottom, right, top = placement.box
    inset = 6  # keep the stamp border out of the measured areas
    # The image area's left edge is kept clear of the longest text line of the plain stamp.
    image_area = (right - sign.IMAGE_AREA_WIDTH + 20, bottom + inset, right - inset, top - inset)
    text_area = (left + inset, bottom + inset, right - sign.IMAGE_AREA_WIDTH, top - inset)

    assert _dark_pixels(with_image, image_area) > 40  # the handwriting is drawn
    assert _dark_pixels(without_image, image_area) == 0
    assert _dark_pixels(with_image, text_area) > 100  # three lines of text
    assert _dark_pixels(without_image, text_area) > 100


def _reader(pdf: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf))


@needs_poppler
def test_stamp_text_is_extractable(tmp_path, signed):
    # The stamp's ToUnicode map is right when its text comes back out as written.
    path = write(tmp_path, signed)
    out = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-layout", str(path), "-"],
        capture_output=True,
        encoding="utf-8",
        timeout=60,
    ).stdout
    compact = re.sub(r"\s+", " ", out)
    assert "签名 Signed by: 张三丰" in compact
    assert "角色 Role: 审核组长 Lead auditor" in compact
    assert "日期 Date: 2025-06-01 14:30 UTC+08:00" in compact


def test_stamp_refuses_characters_the_font_lacks(report, key):
    with pytest.raises(sign.FontMissingError, match="no glyphs"):
        _sign(report, key, signer_name="张三 \U0001f600")


# --- timestamps (B-T), offline: a TSA on the loopback interface -----------------------------


@pytest.fixture(scope="module")
def tsa(ca):
    """A timestamp authority issued by the test CA, served over HTTP on 127.0.0.1."""
    with serve_tsa(ca) as url:
        yield url


def test_timestamped_signature_b_t(report, key, ca, tsa):
    stamped = _sign(report, key, timestamp_url=tsa)
    result = verify_pdf(stamped, [ca.certificate])
    assert result.ok, result.problems
    assert result.timestamp_time is not None
    assert abs(result.timestamp_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_unreachable_timestamp_server_raises_a_catchable_error(report, key):
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    with pytest.raises(TimestampError, match="sign without a timestamp"):
        _sign(report, key, timestamp_url="http://127.0.0.1:9/")


@pytest.mark.parametrize("path", ["error", "garbage"])
def test_failing_timestamp_server_raises_a_catchable_error(report, key, tsa, path):
    with pytest.raises(TimestampError, match="no timestamp from"):
        _sign(report, key, timestamp_url=tsa + path)
