"""One number format for scores and points (issue 13 item 8): "94", never "94.0" here and
"94" there. Checked on the values of the shipped schemes, then on every surface that prints a
total: the score bar, the home list, the CLI and the report read back from the PDF."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from auditor_app.core.numbers import fmt_number, fmt_points, fmt_score
from auditor_app.core.results import as_decimal
from auditor_app.core.scheme import load_scheme
from auditor_app.core.scoring import round_total
from tests.conftest import pdf_text, run_cli

SCHEMES = sorted((Path(__file__).resolve().parent.parent / "resources/schemes").glob("*.toml"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("94.0"), "94"),
        (Decimal("90.50"), "90.5"),
        (Decimal("2.750"), "2.75"),
        (3, "3"),
        (Decimal(0), "0"),
        (Decimal("-0.0"), "0"),
        (Decimal("-0.001"), "0"),  # rounds to zero: never "-0"
        (0.1 + 0.2, "0.3"),  # a float prints from its shortest repr, no binary artefact
        (2.675, "2.68"),  # half up, as on paper (binary 2.67499… would round down)
        (as_decimal(Fraction(2, 3)), "0.67"),  # a proportional share of one point
        (as_decimal(Fraction(16, 3)), "5.33"),
        (Decimal("1E+2"), "100"),  # no exponent
        ("94.0", "94"),  # a total as a package carries it
        (None, "–"),
    ],
)
def test_points_format(value, text):
    assert fmt_points(value) == text


def test_places_and_missing():
    assert fmt_number(Decimal("5.6667"), 3) == "5.667"
    assert fmt_number(Decimal("82.45"), 1) == "82.5"  # half up, not to even
    assert fmt_number(Decimal("82.5"), 0) == "83"
    assert fmt_points(None, missing="—") == "—"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN"), "abc", ""])
def test_not_a_number_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="not a number that can be printed"):
        fmt_points(bad)


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.stem)
def test_every_value_of_the_scheme_prints_exactly_and_without_trailing_zeros(path):
    scheme = load_scheme(path)
    values = [scheme.total_points, scheme.rules.special_deduction_points]
    values += [level.min_score for level in scheme.levels]
    for group in scheme.groups:
        values.append(group.points)
        for ind in group.indicators:
            values.append(ind.points)
            for item in ind.items:
                values += [item.points, *item.steps]
    assert len(values) > 20
    for value in values:
        text = fmt_points(value)
        assert Decimal(text) == value, (value, text)  # exact: no point is rounded away
        assert "e" not in text.lower() and not (("." in text) and text.endswith("0")), text


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.stem)
def test_totals_print_to_the_schemes_precision_and_no_further(path):
    decimals = load_scheme(path).rules.score_decimals
    for exact in (Fraction(94), Fraction(181, 2), Fraction(2837, 30), Fraction(7999, 100)):
        total = round_total(exact, decimals)  # what the engine stores and prints
        text = fmt_score(total)
        assert Decimal(text) == total
        assert len(text.partition(".")[2]) <= decimals
    assert fmt_score(round_total(Fraction(94), decimals)) == "94"  # not "94.0"
    assert math.isclose(float(fmt_score(round_total(Fraction(181, 2), 1))), 90.5)


@pytest.fixture
def round_audit(service, audit_id) -> int:
    """Every item judged, 5.1.2.2 (5 points) nonconforming: total 95.0 on the default scheme."""
    from auditor_app.core.results import ItemResult

    for item in service.scheme(audit_id).items:
        service.record(
            audit_id, item.id, ItemResult("nonconform" if item.id == "5.1.2.2" else "conform")
        )
    assert service.score(audit_id).total == Decimal("95.0")  # the engine's one decimal
    return audit_id


def test_cli_prints_the_total_as_the_window_does(db_path, store, round_audit):
    out = run_cli("score", "show", "--db", str(db_path), "--audit", str(round_audit)).stdout
    assert "total 95 / 100" in out and "95.0" not in out
    listing = run_cli("audit", "list", "--db", str(db_path)).stdout
    assert " 95 " in listing and "95.0" not in listing


def test_report_prints_the_total_as_the_window_does(store, round_audit, tmp_path):
    from auditor_app.report import export_report

    result = export_report(store, round_audit, tmp_path / "draft.pdf")
    text = pdf_text(result.path)
    assert "95.0" not in text
    assert "95 / 100" in text or "95/100" in text.replace(" ", "")


@pytest.mark.gui
def test_score_bar_and_home_list_print_the_same_total(qtbot, service, round_audit):
    from auditor_app.ui.audits_model import SCORE, AuditsModel, ScoreCache
    from tests.test_ui_scoring import make_workspace

    ws = make_workspace(qtbot, service, round_audit)
    assert ws.score_bar.total.text().endswith(" 95")
    model = AuditsModel(ScoreCache(service))
    model.set_rows(service.store.list_audits(include_archived=True))
    assert model.index(model.row_of(round_audit), SCORE).data() == "95"
