"""The PDF audit report, read back the way a reviewer's tools read it.

Text comes out through poppler's `pdftotext` (and pypdf for per-page checks), fonts through
`pdffonts`, the signature through `pdfsig` and our own `verify_pdf`: the tests do not trust
the code that wrote the file. All audits live in a real SQLite file.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from auditor_app.core.errors import LockedError, ValidationError
from auditor_app.report import build_report_data, export_report, load_style, render_report
from auditor_app.report.pdf import render
from auditor_app.report.service import ReportWriteError
from auditor_app.report.styles import parse_style
from auditor_app.signing import keys
from auditor_app.signing.verify import verify_pdf
from tests.conftest import have

needs_poppler = pytest.mark.skipif(
    not (have("pdftotext") and have("pdffonts") and have("pdfsig")),
    reason="poppler-utils is not installed",
)
STYLE_FILE = Path(__file__).resolve().parent.parent / "resources/report_styles/default.toml"


def pdftext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(text: str) -> str:
    """Text without whitespace: table cells wrap wherever the column ends."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def ca() -> keys.TestCA:
    return keys.create_test_ca("Report Test CB Root", org="Report Test CB")


@pytest.fixture(scope="module")
def key(ca: keys.TestCA) -> keys.AuditorKey:
    return keys.create_auditor_key("王建国", org="Report Test CB", ca=ca, key_type="ec")


@needs_poppler
def test_draft_report_prints_the_audit(store, demo_audit, tmp_path):
    result = export_report(store, demo_audit, tmp_path / "draft.pdf")
    assert not result.signed and result.path.is_file()
    assert result.size == result.path.stat().st_size
    text = pdftext(result.path)
    squeezed = flat(text)
    for expected in (
        "杭州恒信家电服务有限公司",
        "HX-ASS-2026-0117",
        "90.5",
        "四星级",
        "Four-star",
        "售后服务认证审核报告",
        "示例合格评定中心",
        "审核是基于对可获得信息的抽样进行的",
    ):
        assert flat(expected) in squeezed, expected
    scheme = store.audit_scheme(demo_audit)
    missing = [item.id for item in scheme.items if item.id not in text]
    assert not missing, f"item ids not in the report: {missing}"
    # the deleted item prints its reason, the person-days their justification
    assert "受审核方不从事废旧家电拆解处置" in squeezed
    assert flat("Audit time determination") in squeezed
    pages = text.split("\f")[: result.pages]
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 / 共 {result.pages} 页" in page, f"footer of page {number}"
        assert f"Page {number} of {result.pages}" in page
        assert "HX-ASS-2026-0117" in page and "草稿 DRAFT" in page
    assert not store.audit(demo_audit)["locked"]
    assert store.latest_report(demo_audit) is None


def assert_fonts_embedded(path: Path) -> None:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, out.stdout
    for row in rows:
        emb = row.split()[-5]  # name type encoding emb sub uni object ID
        assert emb == "yes", f"font not embedded: {row}"
    assert "Helvetica" not in out.stdout


@needs_poppler
def test_every_font_is_embedded(store, demo_audit, tmp_path):
    assert_fonts_embedded(export_report(store, demo_audit, tmp_path / "fonts.pdf").path)


def test_same_data_gives_the_same_bytes(store, demo_audit, tmp_path):
    style = load_style()
    first = render_report(build_report_data(store, demo_audit), style)
    second = render_report(build_report_data(store, demo_audit), style)
    assert first == second
    a = export_report(store, demo_audit, tmp_path / "a.pdf")
    b = export_report(store, demo_audit, tmp_path / "b.pdf")
    assert a.sha256 == b.sha256
    # the printed date comes from the data, so another date gives other bytes
    other = render_report(build_report_data(store, demo_audit, generated_at="2030-01-01"), style)
    assert other != first


@needs_poppler
def test_signed_export_locks_the_audit(store, demo_audit, tmp_path, key, ca):
    out = tmp_path / "signed.pdf"
    steps: list[tuple[int, int]] = []
    handwriting = io.BytesIO()
    Image.new("RGBA", (300, 100), (0, 0, 120, 255)).save(handwriting, "PNG")
    result = export_report(
        store,
        demo_audit,
        out,
        key=key,
        signature_image=handwriting.getvalue(),
        progress=lambda d, t: steps.append((d, t)),
    )
    data = out.read_bytes()
    assert result.signed and result.size == len(data)
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    verdict = verify_pdf(data, [ca.certificate])
    assert verdict.ok, verdict.problems
    assert verdict.signer == "王建国"
    audit = store.audit(demo_audit)
    assert audit["locked"] and audit["status"] == "signed"
    stored = store.latest_report(demo_audit)
    assert bytes(stored["pdf"]) == data and stored["sha256"] == result.sha256
    assert "草稿" not in pdftext(out)
    assert_fonts_embedded(out)  # the stamp's font too
    # the visible signature sits on the sign-off page, in the box drawn for it
    reader = PdfReader(io.BytesIO(data))
    widget_pages = [
        n
        for n, page in enumerate(reader.pages)
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/FT") == "/Sig"
        or annot.get_object().get("/Subtype") == "/Widget"
    ]
    assert len(widget_pages) == 1
    assert "Sign-off" in reader.pages[widget_pages[0]].extract_text()
    assert steps[0] == (0, 100) and steps[-1] == (100, 100)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    with pytest.raises(LockedError, match="audit revise"):
        export_report(store, demo_audit, tmp_path / "again.pdf", key=key)
    assert not (tmp_path / "again.pdf").exists()


@needs_poppler
def test_user_text_with_markup_characters_survives(service, store, tmp_path):
    from auditor_app.core.results import ItemResult
    from auditor_app.services.audits import ClientInfo

    audit_id = service.create_audit(
        ClientInfo("A&B <b>Ltd</b> 测试", address="x < y & z > w"),
        "surveillance",
        headcount={"full_time": 10},
        report_number="R&D-<1>",
        recommendation="推荐 <i>not italic</i> & more\n第二行 second line",
    )
    store.set_result(audit_id, "5.1.1.1", ItemResult("conform"))
    store.set_note(audit_id, "5.1.1.1", "证据 <font color=red>&amp; a<b")
    service.add_finding(
        audit_id,
        "minor",
        "finding <br/> & </para>",
        item_id="5.1.1.1",
        rectification="fix <u>it</u>",
        deadline="2027-01-01",
    )
    result = export_report(store, audit_id, tmp_path / "markup.pdf")
    squeezed = flat(pdftext(result.path))
    for literal in (
        "A&B<b>Ltd</b>测试",
        "x<y&z>w",
        "R&D-<1>",
        "<i>notitalic</i>&more",
        "<fontcolor=red>&amp;a<b",
        "finding<br/>&</para>",
        "fix<u>it</u>",
    ):
        assert literal in squeezed, literal


def test_unscored_audit_renders_and_says_so(store, audit_id, tmp_path):
    data = build_report_data(store, audit_id)
    rendered = render(data, load_style())
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert "Evaluation incomplete: 0 of 46 items scored" in text
    assert "No person-day determination recorded" in text or "Justification" in text
    assert rendered.pages >= 5


def test_long_score_sheet_splits_with_repeated_headers(store, tmp_path):
    from benchmarks.bench_report import build_synthetic

    audit_id = build_synthetic(store, items=120, photos=3)
    rendered = render(build_report_data(store, audit_id), load_style())
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    header = [n for n, text in enumerate(pages) if "Evidence notes and methods" in text]
    assert len(header) >= 4, "the score sheet's header row repeats on each page it spans"
    assert header == list(range(header[0], header[-1] + 1))
    text = "\n".join(pages)
    scheme = store.audit_scheme(audit_id)
    assert all(item.id in text for item in scheme.items)
    assert text.count("SHA-256 of the original") == 3


@needs_poppler
def test_revision_says_what_it_replaces(store, demo_audit, tmp_path, key):
    first = export_report(store, demo_audit, tmp_path / "r0.pdf", key=key)
    revision = store.new_revision(demo_audit, "更正证据 / corrected <evidence> & notes")
    result = export_report(store, revision, tmp_path / "r1.pdf")
    squeezed = flat(pdftext(result.path))
    assert "修订说明" in squeezed and "Revisionnote" in squeezed
    assert first.sha256 in squeezed
    assert "corrected<evidence>&notes" in squeezed
    assert flat("HX-ASS-2026-0117（第 1 版 Rev. 1）") in squeezed


def test_out_path_problems_are_clear(store, demo_audit, tmp_path, key):
    with pytest.raises(ReportWriteError, match="is a folder"):
        export_report(store, demo_audit, tmp_path)
    with pytest.raises(ReportWriteError, match="does not exist"):
        export_report(store, demo_audit, tmp_path / "missing" / "r.pdf", key=key)
    assert not store.audit(demo_audit)["locked"]  # nothing signed when nothing was written
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_report_text_has_glyphs_in_the_font():
    """Every fixed non-ASCII character the report prints exists in the CJK font (no boxes)."""
    from fontTools.ttLib import TTCollection, TTFont

    from auditor_app.fonts import find_cjk_font

    font = find_cjk_font()
    with open(font.path, "rb") as fh:
        if font.path.suffix.lower() == ".ttc":
            face = TTCollection(fh, lazy=True).fonts[font.subfont_index]
        else:
            face = TTFont(fh, lazy=True)
        cmap = face.getBestCmap()
    sources = Path(__file__).resolve().parent.parent.joinpath("auditor_app", "report")
    text = "".join(p.read_text("utf-8") for p in sources.glob("*.py"))
    missing = sorted({ch for ch in text if ord(ch) > 127 and ord(ch) not in cmap})
    assert not missing, f"characters the font cannot draw: {missing}"


# -- styles ---------------------------------------------------------------------------------
def _style_doc() -> dict:
    import tomllib

    return tomllib.loads(STYLE_FILE.read_text("utf-8"))


def test_style_errors_are_precise(tmp_path):
    doc = _style_doc()
    doc["cb"]["name_zh"] = " "
    doc["cb"]["motto"] = "x"
    doc["cb"]["logo"] = "missing.png"
    doc["colors"]["primary"] = "blue"
    del doc["colors"]["accent"]
    doc["fonts"]["body_size"] = 60
    doc["page"]["size"] = "Letter"
    with pytest.raises(ValidationError) as info:
        parse_style(doc, "brand.toml", base=tmp_path)
    found = {(p.location, p.reason.split(" ")[0]) for p in info.value.problems}
    locations = {p.location for p in info.value.problems}
    assert locations == {
        "cb.name_zh",
        "cb.motto",
        "cb.logo",
        "colors.primary",
        "colors.accent",
        "fonts.body_size",
        "page.size",
    }, found
    message = str(info.value)
    assert "brand.toml: colors.primary: 'blue' is not a colour of the form #RRGGBB" in message
    assert "fonts.body_size: 60 is outside the allowed range 6–16" in message


def test_style_file_errors(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "auditor-report-style/1"\n[cb\n', "utf-8")
    with pytest.raises(ValidationError, match="not valid TOML"):
        load_style(broken)
    with pytest.raises(ValidationError, match="cannot read style file"):
        load_style(tmp_path / "nope.toml")
    old = tmp_path / "old.toml"
    old.write_text('format = "auditor-report-style/0"\n', "utf-8")
    with pytest.raises(ValidationError, match="expected 'auditor-report-style/1'"):
        load_style(old)


@pytest.fixture
def branded_style(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (20, 60, 120)).save(logo)
    text = STYLE_FILE.read_text("utf-8")
    text = text.replace('name_zh = "示例合格评定中心"', 'name_zh = "华东质量认证中心 & <测试>"')
    text = text.replace('logo = ""', 'logo = "logo.png"')
    text = text.replace('primary = "#1F3F73"', 'primary = "#7A1F1F"')
    path = tmp_path / "brand.toml"
    path.write_text(text, "utf-8")
    return load_style(path)


def test_branded_style_is_used(store, demo_audit, branded_style):
    assert branded_style.cb.logo is not None
    assert branded_style.color("primary") == "#7A1F1F"
    rendered = render(build_report_data(store, demo_audit), branded_style)
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert "华东质量认证中心 & <测试>" in reader.pages[0].extract_text()
    assert any("/XObject" in (page.get("/Resources") or {}) for page in reader.pages[:1])


def test_report_package_does_not_need_qt():
    """The report layer is Qt-free: it imports and renders with PySide6 blocked."""
    import sys

    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import pkgutil, importlib, auditor_app.report as r\n"
        "for m in pkgutil.iter_modules(r.__path__):\n"
        "    importlib.import_module(f'{r.__name__}.{m.name}')\n"
        "import auditor_app.cli.report\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        encoding="utf-8",
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.stdout.strip() == "ok", proc.stderr
