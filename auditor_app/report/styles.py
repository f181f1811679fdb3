"""Report styles as data: load and validate `resources/report_styles/*.toml`.

A certification body brands its reports (name, address, logo, colours, sizes) by editing a style
file, not code. Loading collects every problem with its location before refusing the file, the
same way the scheme loader does, so a CB fixing its file sees all mistakes at once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor_app.core.errors import Problem, ValidationError
from auditor_app.resources import resource

FORMAT = "auditor-report-style/1"
DEFAULT_STYLE = "default"
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")

# Every key a style may hold, with its kind and allowed range (sizes in pt, margins in mm).
_CB_KEYS = {
    "name_zh": True,  # required
    "name_en": True,
    "address_zh": False,
    "address_en": False,
    "contact": False,
    "accreditation": False,
    "logo": False,
    "example": False,  # true or false, not text
}
_PAGE_KEYS = {
    "size": None,
    "margin_top_mm": (10, 50),
    "margin_bottom_mm": (10, 50),
    "margin_left_mm": (8, 40),
    "margin_right_mm": (8, 40),
}
_FONT_KEYS = {
    "title_size": (10, 40),
    "heading1_size": (8, 28),
    "heading2_size": (7, 24),
    "body_size": (6, 16),
    "table_size": (5, 14),
    "small_size": (5, 12),
    "leading": (1.0, 2.5),
}
_COLOR_KEYS = (
    "primary",
    "accent",
    "text",
    "muted",
    "rule",
    "table_header",
    "group_row",
    "indicator_row",
    "conform",
    "partial",
    "nonconform",
    "deleted",
    "draft",
)
PAGE_SIZES = {"A4": (595.2756, 841.8898)}  # points; reports are A4 (the brief and CB practice)


@dataclass(frozen=True)
class CbIdentity:
    """The certification body as printed on the cover and in the identification section."""

    name_zh: str
    name_en: str
    address_zh: str = ""
    address_en: str = ""
    contact: str = ""
    accreditation: str = ""
    logo: Path | None = None
    # True for the shipped, fictional identity: the report then says visibly that it is one.
    example: bool = False


@dataclass(frozen=True)
class ReportStyle:
    """A validated report style: the CB's identity, the page size in points, the margins in mm, and
    the font sizes (pt, and the leading factor) and #RRGGBB colours by key."""

    cb: CbIdentity
    page_size: tuple[float, float]
    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left
    sizes: dict[str, float]
    colors: dict[str, str]
    source: str = ""

    def size(self, key: str) -> float:
        return self.sizes[key]

    def color(self, key: str) -> str:
        return self.colors[key]


def style_path(ref: str | Path | None = None) -> Path:
    """A style by installed name (`default`) or by file path."""
    if ref is None:
        ref = DEFAULT_STYLE
    path = Path(ref)
    if path.suffix == ".toml" or path.exists():
        return path
    return resource("report_styles", f"{ref}.toml")


def load_style(ref: str | Path | None = None) -> ReportStyle:
    """Load and validate a style file; raise ValidationError listing every problem."""
    path = style_path(ref)
    try:
        text = path.read_bytes().decode("utf-8")
        document = tomllib.loads(text)
    except OSError as exc:
        raise ValidationError(
            [Problem(str(path), "", f"cannot read style file: {exc.strerror or exc}")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError([Problem(str(path), "", f"not UTF-8 text ({exc.reason})")]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([Problem(str(path), "", f"not valid TOML: {exc}")]) from exc
    return parse_style(document, str(path), base=path.parent)


def parse_style(
    document: dict[str, Any], source: str = "<style>", base: Path | None = None
) -> ReportStyle:
    """Validate a parsed style document; `base` resolves a relative logo path."""
    return _StyleParser(document, source, base or Path(".")).parse()


class _StyleParser:
    def __init__(self, doc: dict[str, Any], source: str, base: Path) -> None:
        self.doc = doc
        self.source = source
        self.base = base
        self.problems: list[Problem] = []

    def problem(self, location: str, reason: str) -> None:
        self.problems.append(Problem(self.source, location, reason))

    def table(self, key: str, known: Any) -> dict[str, Any] | None:
        """The table, or None when it is missing or no table (reported once, not per key)."""
        value = self.doc.get(key)
        if value is None:
            self.problem(key, f"missing table [{key}]")
            return None
        if not isinstance(value, dict):
            self.problem(key, f"'{key}' must be a table ([{key}])")
            return None
        for name in value:
            if name not in known:
                self.problem(f"{key}.{name}", f"unknown key (known: {', '.join(known)})")
        return value

    def parse(self) -> ReportStyle:
        fmt = self.doc.get("format")
        if fmt != FORMAT:
            self.problem("format", f"missing or unknown format {fmt!r} (expected '{FORMAT}')")
            raise ValidationError(self.problems)
        for key in self.doc:
            if key not in ("format", "cb", "page", "fonts", "colors"):
                self.problem(key, "unknown key (known: format, cb, page, fonts, colors)")
        cb_table = self.table("cb", _CB_KEYS)
        cb = self.cb(cb_table) if cb_table is not None else CbIdentity("", "")
        page = self.table("page", _PAGE_KEYS)
        size_name = (page or {}).get("size", "A4")
        if size_name not in PAGE_SIZES:
            self.problem("page.size", f"{size_name!r} is not supported (one of: A4)")
            size_name = "A4"
        margins = {
            k: self.number(page, "page", k, rng) for k, rng in _PAGE_KEYS.items() if rng is not None
        }
        fonts = self.table("fonts", _FONT_KEYS)
        sizes = {k: self.number(fonts, "fonts", k, rng) for k, rng in _FONT_KEYS.items()}
        colors_table = self.table("colors", _COLOR_KEYS)
        colors = {k: self.color(colors_table, k) for k in _COLOR_KEYS}
        if self.problems:
            raise ValidationError(self.problems)
        return ReportStyle(
            cb=cb,
            page_size=PAGE_SIZES[size_name],
            margins_mm=(
                margins["margin_top_mm"],
                margins["margin_right_mm"],
                margins["margin_bottom_mm"],
                margins["margin_left_mm"],
            ),
            sizes=sizes,
            colors=colors,
            source=self.source,
        )

    def text(self, table: dict[str, Any], key: str, required: bool) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.problem(f"cb.{key}", f"must be text, not {type(value).__name__}")
            return ""
        if required and not value.strip():
            self.problem(f"cb.{key}", "is required (the certification body's name)")
        return value.strip()

    def cb(self, table: dict[str, Any]) -> CbIdentity:
        example = table.get("example", False)
        if not isinstance(example, bool):
            self.problem("cb.example", "must be true or false")
            example = False
        values = {
            k: self.text(table, k, required) for k, required in _CB_KEYS.items() if k != "example"
        }
        logo = values.pop("logo")
        return CbIdentity(**values, logo=self.logo(logo) if logo else None, example=example)

    def logo(self, ref: str) -> Path | None:
        path = Path(ref)
        if not path.is_absolute():
            path = self.base / path
        if path.suffix.lower() not in _LOGO_SUFFIXES:
            self.problem("cb.logo", f"{ref}: the logo must be a PNG or JPEG file")
            return None
        if not path.is_file():
            self.problem("cb.logo", f"{ref}: no such file (looked at {path})")
            return None
        try:
            from PIL import Image

            with Image.open(path) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many types for a broken picture
            self.problem("cb.logo", f"{ref}: not a readable picture ({exc})")
            return None
        return path

    def number(
        self, table: dict[str, Any] | None, where: str, key: str, limits: tuple[float, float]
    ) -> float:
        location = f"{where}.{key}"
        if table is None:
            return limits[0]
        if key not in table:
            self.problem(location, "missing required key")
            return limits[0]
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(location, f"must be a number, not {type(value).__name__}")
            return limits[0]
        low, high = limits
        if not low <= value <= high:
            self.problem(location, f"{value} is outside the allowed range {low}–{high}")
            return limits[0]
        return float(value)

    def color(self, table: dict[str, Any] | None, key: str) -> str:
        location = f"colors.{key}"
        if table is None:
            return "#000000"
        value = table.get(key)
        if value is None:
            self.problem(location, "missing required key")
            return "#000000"
        if not isinstance(value, str) or not _COLOR_RE.match(value):
            self.problem(location, f"{value!r} is not a colour of the form #RRGGBB")
            return "#000000"
        return value.upper()
