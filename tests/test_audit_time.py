"""The shipped audit-time file (IAF MD 5 QMS table + factors); validation of broken copies."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from auditor_app.core.audit_time import AUDIT_TYPES, load_audit_time
from auditor_app.core.errors import ValidationError
from auditor_app.resources import resource

SHIPPED = resource("audit_time", "iaf-md5-qms.toml")

# domain.md §5 (IAF MD 5 Table QMS), with 426–625 → 11 between the 10 and 12 rows.
EXPECTED_ROWS = [
    (1, 5, "1.5"), (6, 10, "2"), (11, 15, "2.5"), (16, 25, "3"), (26, 45, "4"),
    (46, 65, "5"), (66, 85, "6"), (86, 125, "7"), (126, 175, "8"), (176, 275, "9"),
    (276, 425, "10"), (426, 625, "11"), (626, 875, "12"), (876, 1175, "13"),
    (1176, 1550, "14"), (1551, 2025, "15"), (2026, 2675, "16"), (2676, 3450, "17"),
    (3451, 4350, "18"), (4351, 5450, "19"), (5451, 6800, "20"), (6801, 8500, "21"),
    (8501, 10700, "22"),
]  # fmt: skip


@pytest.fixture(scope="module")
def table():
    return load_audit_time()


def test_default_path_is_the_shipped_file(table):
    assert Path(table.path) == SHIPPED
    assert table.id == "iaf-md5-qms"
    assert table.version
    assert table.title_zh and table.title_en and table.source_zh and table.source_en


def test_rows_match_the_domain_table(table):
    got = [(r.min, r.max, r.days) for r in table.rows]
    assert got == [(lo, hi, Decimal(d)) for lo, hi, d in EXPECTED_ROWS]


def test_factors(table):
    assert table.max_reduction_percent == 30
    assert table.rounding == "nearest-half-day-ties-up"
    assert table.onsite_min_fraction == Fraction(4, 5)
    assert table.stage1_share == Fraction(3, 10)
    assert table.full_time_hours_per_week == 40
    assert table.random_share == Fraction(1, 4)
    assert table.audit_day_hours == 8
    assert table.extension.every_personnel == 2500
    assert table.extension.add_days == 1
    assert "2500" in table.extension.name_zh and "2,500" in table.extension.name_en
    types = table.audit_types
    assert set(types) == set(AUDIT_TYPES)
    assert [types[t].time_factor for t in AUDIT_TYPES] == [1, Fraction(1, 3), Fraction(2, 3),
                                                           Fraction(1, 3)]  # fmt: skip
    assert [types[t].sampling_factor for t in AUDIT_TYPES] == [1, Fraction(3, 5), Fraction(4, 5),
                                                               Fraction(3, 5)]  # fmt: skip
    assert types["initial"].no_sampling_fraction == 1
    assert types["recertification"].no_sampling_fraction == 1
    assert types["surveillance"].no_sampling_fraction == Fraction(3, 10)
    assert types["special"].note_en and types["special"].note_zh  # the CB decides
    p = table.plausibility
    assert (p.min_staff_per_outlet, p.service_mgmt_share, p.certified_manager_share) == (
        2, Fraction(15, 100), Fraction(1, 10))  # fmt: skip
    assert p.certified_manager_min == 1


@pytest.mark.parametrize(
    ("personnel", "days"),
    [(1, "1.5"), (5, "1.5"), (6, "2"), (10, "2"), (11, "2.5"), (425, "10"), (426, "11"),
     (625, "11"), (626, "12"), (8500, "21"), (8501, "22"), (10700, "22")],
)  # fmt: skip
def test_lookup_boundaries(table, personnel, days):
    found = table.lookup(personnel)
    assert found.days == Decimal(days)
    assert found.row is not None and found.row.min <= personnel <= found.row.max
    assert found.extension_steps == 0


@pytest.mark.parametrize(
    ("personnel", "days", "steps"),
    [(10701, "23", 1), (13200, "23", 1), (13201, "24", 2), (20000, "26", 4)],
)
def test_lookup_extension(table, personnel, days, steps):
    found = table.lookup(personnel)
    assert found.row is None
    assert (found.days, found.extension_steps) == (Decimal(days), steps)


def test_lookup_refuses_zero(table):
    with pytest.raises(ValueError):
        table.lookup(0)


# --- broken copies -------------------------------------------------------------------------


def broken(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the shipped file with each `old` text (which must occur once) replaced."""
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"edit target not unique: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load_audit_time(path)
    for p in info.value.problems:
        assert p.file == str(path)
    return [f"{p.location}: {p.reason}" for p in info.value.problems]


ROW6 = "{ min = 6, max = 10, days = 2 }"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ((ROW6, "{ min = 5, max = 10, days = 2 }"),
         "rows[1]: overlaps the previous row (1–5): starts at 5"),
        ((ROW6, "{ min = 7, max = 10, days = 2 }"),
         "rows[1]: gap after the previous row (1–5): 6 personnel not covered"),
        ((ROW6, "{ min = 9, max = 10, days = 2 }"),
         "rows[1]: gap after the previous row (1–5): 6–8 personnel not covered"),
        (("{ min = 11, max = 15, days = 2.5 }", "{ min = 11, max = 15, days = 2 }"),
         "rows[2].days: days must increase: 2 is not more than the previous row's 2"),
        (("{ min = 11, max = 15, days = 2.5 }", "{ min = 11, max = 15, days = 1.5 }"),
         "rows[2].days: days must increase: 1.5 is not more than the previous row's 2"),
        ((ROW6, "{ min = 6, max = 4, days = 2 }"), "rows[1]: min 6 is greater than max 4"),
        (("{ min = 1, max = 5, days = 1.5 }", "{ min = 2, max = 5, days = 1.5 }"),
         "rows[0]: the first row must start at 1 effective person, not 2"),
        ((ROW6, "{ min = 6, max = 10, days = 2.25 }"),
         "rows[1].days: must be a whole or half day, got 2.25"),
        ((ROW6, "{ min = 6, max = 10, days = -2 }"), "rows[1].days: must be more than 0, got -2"),
        ((ROW6, "{ min = 6, max = 10.5, days = 2 }"),
         "rows[1].max: must be a whole number, got 10.5"),
        ((ROW6, "{ min = 6, max = 10 }"), "rows[1].days: missing"),
        ((ROW6, "{ min = 6, max = 10, days = 2, note = 1 }"),
         "rows[1].note: unknown key (misspelt?)"),
        (("max_reduction_percent = 30", "max_reduction_percent = 130"),
         "adjustment.max_reduction_percent: must be less than 100, got 130"),
        (("max_reduction_percent = 30", "max_reduction_percent = -5"),
         "adjustment.max_reduction_percent: must be at least 0, got -5"),
        (("max_reduction_percent = 30", "max_reduction_percent = true"),
         'adjustment.max_reduction_percent: must be a number or a fraction like "1/3", got True'),
        (("max_reduction_percent = 30", "max_reducton_percent = 30"),
         "adjustment.max_reducton_percent: unknown key (misspelt?)"),
        (("max_reduction_percent = 30", ""), "adjustment.max_reduction_percent: missing"),
        (("max_site_time_reduction_percent = 50", "max_site_time_reduction_percent = 100"),
         "sampling.max_site_time_reduction_percent: must be less than 100, got 100"),
        (("min_fraction = 0.8", "min_fraction = 1.2"),
         "onsite.min_fraction: must be at most 1, got 1.2"),
        (("random_share = 0.25", "random_share = 0"),
         "sampling.random_share: must be more than 0, got 0"),
        (("stage1_share = 0.3", "stage1_share = 1"),
         "stages.stage1_share: must be less than 1, got 1"),
        (("full_time_hours_per_week = 40", "full_time_hours_per_week = 0"),
         "part_time.full_time_hours_per_week: must be more than 0, got 0"),
        (('time_factor = "2/3"', ""), "audit_types.recertification.time_factor: missing"),
        (('time_factor = "2/3"', 'time_factor = "2/0"'),
         'audit_types.recertification.time_factor: must be a number or a fraction like "1/3", '
         "got '2/0'"),
        (('sampling_factor = "0.8"', 'sampling_factor = "abc"'),
         'audit_types.recertification.sampling_factor: must be a number or a fraction like "1/3",'
         " got 'abc'"),
        (('sampling_factor = "0.8"', "sampling_factor = 80"),
         "audit_types.recertification.sampling_factor: must be at most 10, got 80"),
        (('no_sampling_fraction = "0.3"\n\n[audit_types.recertification]',
          'no_sampling_fraction = "1.3"\n\n[audit_types.recertification]'),
         "audit_types.surveillance.no_sampling_fraction: must be at most 1, got '1.3'"),
        (("[audit_types.special]", "[audit_types.extra]"),
         "audit_types.special: missing section"),
        (('rule = "nearest-half-day-ties-up"', 'rule = "nearest-day"'),
         "rounding.rule: unsupported rule 'nearest-day'; supported: nearest-half-day-ties-up"),
        (("every_personnel = 2500", "every_personnel = 0"),
         "extension.every_personnel: must be at least 1, got 0"),
        (("add_days = 1", "add_days = 0"), "extension.add_days: must be more than 0, got 0"),
        (("[extension]", "[extensions]"), "extension: missing section"),
        (("certified_manager_share = 0.10", "certified_manager_share = 10"),
         "plausibility.certified_manager_share: must be at most 1, got 10"),
        (("service_mgmt_share = 0.15", "service_mgmt_share = -0.15"),
         "plausibility.service_mgmt_share: must be more than 0, got -0.15"),
        (('title_en = "Initial audit"', 'title_en = ""'),
         "audit_types.initial.title_en: must be a non-empty string"),
        (("audit_day_hours = 8", "audit_day_hours = 0"),
         "audit_day_hours: must be at least 1, got 0"),
    ],
)  # fmt: skip
def test_broken_file_names_the_problem(tmp_path, edit, expected):
    found = problems(broken(tmp_path, edit))
    assert expected in found, found


def test_every_problem_is_reported_at_once(tmp_path):
    path = broken(
        tmp_path,
        ("max_reduction_percent = 30", "max_reduction_percent = 130"),
        ("min_fraction = 0.8", "min_fraction = 0"),
        ('time_factor = "2/3"', ""),
    )
    found = problems(path)
    assert len(found) == 3, found
    with pytest.raises(ValidationError, match="3 problem"):
        load_audit_time(path)


def test_rows_missing_or_empty(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    start, end = text.index("rows = ["), text.index("]\n", text.index("rows = [")) + 2
    path = tmp_path / "rows.toml"
    path.write_text(text[:start] + "rows = []\n" + text[end:], encoding="utf-8")
    assert problems(path) == ["rows: must be a non-empty list of { min, max, days }"]
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert problems(path) == ["rows: missing"]


def test_other_format_is_refused(tmp_path):
    path = broken(tmp_path, ('format = "auditor-audit-time/1"', 'format = "auditor-audit-time/2"'))
    assert problems(path) == [
        "format: must be 'auditor-audit-time/1', got 'auditor-audit-time/2' "
        "(unsupported or missing format)"
    ]


def test_not_toml(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("rows = [ {min = 1", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_audit_time(path)
    assert re.match(r"^not valid TOML: ", info.value.problems[0].reason)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ValidationError, match="file not found"):
        load_audit_time(tmp_path / "nope.toml")


def test_resources_override(tmp_path, monkeypatch):
    # A CB may point AUDITOR_APP_RESOURCES at its own copy; the default path follows it.
    folder = tmp_path / "audit_time"
    folder.mkdir()
    (folder / "iaf-md5-qms.toml").write_text(
        SHIPPED.read_text(encoding="utf-8").replace('version = "1"', 'version = "cb-7"'),
        encoding="utf-8",
    )
    monkeypatch.setenv("AUDITOR_APP_RESOURCES", str(tmp_path))
    assert load_audit_time().version == "cb-7"


def test_a_table_is_read_once_until_its_file_changes(tmp_path: Path):
    import os

    path = tmp_path / "table.toml"
    path.write_bytes(resource("audit_time", "iaf-md5-qms.toml").read_bytes())
    first = load_audit_time(path)
    assert load_audit_time(path) is first  # every replan asks; the file is read once
    # a CB edits its table: read again, and a broken edit is still refused
    path.write_text("format = 'nonsense'\n", encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    with pytest.raises(ValidationError, match="format"):
        load_audit_time(path)
