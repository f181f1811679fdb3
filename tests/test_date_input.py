"""Dates as people type them: read exactly, or refused with a reason, never moved."""

from __future__ import annotations

import pytest

from auditor_app.core.errors import InputError
from auditor_app.services.date_input import parse_date


@pytest.mark.parametrize(
    "typed",
    [
        "2027-02-14",
        "2027/2/14",
        "2027/02/14",
        "2027.2.14",
        "20270214",
        " 2027-2-14 ",
        "2027年2月14日",
    ],
)
def test_the_usual_ways_of_typing_a_date(typed):
    assert parse_date(typed) == "2027-02-14"


@pytest.mark.parametrize("typed", ["", "   "])
def test_blank_is_no_date(typed):
    assert parse_date(typed) == ""


@pytest.mark.parametrize(
    "typed",
    ["2027-02-30", "2027-13-01", "14.02.2027", "tomorrow", "2027-02", "1900-01-01", "2027021"],
)
def test_nonsense_is_refused_not_corrected(typed):
    with pytest.raises(InputError):
        parse_date(typed)
