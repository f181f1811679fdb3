"""Scheme files: the shipped schemes load; every kind of mistake is reported precisely."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from auditor_app.core.errors import ValidationError
from auditor_app.core.scheme import content_hash, find_scheme, load_scheme, parse_scheme
from tests.conftest import DEFAULT_SCHEME, STARS_SCHEME


def test_default_scheme_structure(default_scheme):
    s = default_scheme
    assert s.id == "gbt27922-2011"
    assert s.default_allocation is True
    assert [(g.id, g.points) for g in s.groups] == [("5.1", 40), ("5.2", 35), ("5.3", 25)]
    indicators = [ind.id for g in s.groups for ind in g.indicators]
    assert len(indicators) == 15
    assert indicators[:7] == [f"5.1.{n}" for n in range(1, 8)]
    assert s.item("5.1.2.2").points == 5
    assert sum(it.points for it in s.items) == 100
    assert [lv.id for lv in s.levels] == [
        "fail",
        "compliant",
        "three_star",
        "four_star",
        "five_star",
    ]
    assert [lv.min_score for lv in s.levels] == [0, 70, 80, 90, 95]
    for item in s.items:
        assert item.requirement_zh and item.requirement_en and item.title_zh and item.title_en
    assert {it.judged for it in s.items} == {"whole", "proportional", "graded"}


def test_known_5_1_items_present(default_scheme):
    expected = [
        "5.1.1.1",
        "5.1.1.2",
        "5.1.2.1",
        "5.1.2.2",
        "5.1.3.1",
        "5.1.3.2",
        "5.1.3.3",
        "5.1.4.1",
        "5.1.4.2",
        "5.1.5.1",
        "5.1.5.2",
        "5.1.6.1",
        "5.1.6.2",
        "5.1.6.3",
        "5.1.6.4",
        "5.1.7.1",
        "5.1.7.2",
        "5.1.7.3",
    ]
    assert [it.id for it in default_scheme.groups[0].items] == expected


def test_second_scheme_differs(stars_scheme):
    s = stars_scheme
    assert len(s.groups) != 3
    assert s.levels[-1].min_score == 97
    assert all(g.min_fraction == Decimal("0.5") for g in s.groups)
    assert any(not it.deletable for it in s.items)
    assert s.rules.special_deduction_fail_count != 5


def test_hash_ignores_layout_but_not_meaning(tmp_path: Path):
    text = DEFAULT_SCHEME.read_text("utf-8")
    relaid = tmp_path / "relaid.toml"
    # saved by a Windows editor: CRLF line ends (bytes, so no newline translation on top)
    crlf = ("# a comment added by the CB\n" + text).replace("\n", "\r\n")
    relaid.write_bytes(crlf.encode("utf-8"))
    assert load_scheme(relaid).content_hash == load_scheme(DEFAULT_SCHEME).content_hash
    doc = tomllib.loads(text)
    doc["groups"][0]["title_en"] += " (edited)"
    assert content_hash(doc) != load_scheme(DEFAULT_SCHEME).content_hash


def test_find_by_id_and_path():
    assert find_scheme("gbt27922-2011") == DEFAULT_SCHEME
    assert find_scheme(str(STARS_SCHEME)) == STARS_SCHEME
    with pytest.raises(ValidationError, match="no installed scheme"):
        find_scheme("no-such-scheme")


def _broken(edit) -> list[str]:
    doc = tomllib.loads(DEFAULT_SCHEME.read_text("utf-8"))
    edit(doc)
    with pytest.raises(ValidationError) as info:
        parse_scheme(doc, "broken.toml")
    return [str(p) for p in info.value.problems]


def test_points_must_add_up():
    def edit(doc):
        doc["groups"][0]["indicators"][1]["items"][1]["points"] = 4

    problems = _broken(edit)
    assert any(
        "groups[0].indicators[1] (5.1.2): points 8 but its items add up to 7" in p for p in problems
    ), problems
    # the group still adds up (its indicator declares 8): only the indicator is wrong
    assert len(problems) == 1


def test_group_total_must_match():
    def edit(doc):
        doc["total_points"] = 90

    assert any("group points add up to 100, not total_points 90" in p for p in _broken(edit))


def test_duplicate_ids_reported_with_both_places():
    def edit(doc):
        doc["groups"][1]["indicators"][0]["items"][0]["id"] = "5.1.1.1"

    problems = _broken(edit)
    assert any(
        "id '5.1.1.1' is used twice (first at groups[0].indicators[0].items[0])" in p
        for p in problems
    ), problems


def test_levels_must_increase_and_start_at_zero():
    def edit(doc):
        doc["levels"][2]["min_score"] = 65
        doc["levels"][0]["min_score"] = 10

    problems = _broken(edit)
    assert any("levels[2]: min_score 65 must be greater than the previous" in p for p in problems)
    assert any("levels[0]: the lowest level must have min_score = 0" in p for p in problems)


def test_fail_level_must_resolve():
    def edit(doc):
        doc["rules"]["fail_level"] = "nope"

    assert any(
        "rules.fail_level: 'nope' must be the id of the lowest level" in p for p in _broken(edit)
    )


def test_graded_steps_checked():
    def edit(doc):
        item = doc["groups"][0]["indicators"][5]["items"][2]  # 5.1.6.3, graded
        item["steps"] = [0, 2, 1]

    problems = _broken(edit)
    assert any("(5.1.6.3): steps must be strictly ascending" in p for p in problems), problems


def test_unknown_judged_and_missing_texts_all_reported():
    def edit(doc):
        item = doc["groups"][2]["indicators"][0]["items"][0]
        item["judged"] = "maybe"
        del item["requirement_en"]
        doc["rules"]["bonus_max"] = 2

    problems = _broken(edit)
    assert len(problems) == 3
    assert any("'judged' must be one of whole, proportional, graded" in p for p in problems)
    assert any("missing required key 'requirement_en'" in p for p in problems)
    assert any("rules.bonus_max: unknown rule" in p for p in problems)


def test_newer_format_refused_clearly():
    def edit(doc):
        doc["format"] = "auditor-scheme/2"

    assert any("not supported by this version of the app" in p for p in _broken(edit))


def test_file_errors_name_the_file(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 'auditor-scheme/1'\nid = [unclosed", "utf-8")
    with pytest.raises(ValidationError, match=re.escape(str(bad)) + ": not valid TOML"):
        load_scheme(bad)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValidationError, match="not UTF-8"):
        load_scheme(binary)
    with pytest.raises(ValidationError, match="cannot read file"):
        load_scheme(tmp_path / "missing.toml")
