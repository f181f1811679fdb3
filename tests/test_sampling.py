"""Drawing outlets: reproducible from the recorded seed, central function always visited."""

from __future__ import annotations

import json
import random

import pytest

from auditor_app.core.errors import InputError
from auditor_app.core.sampling import draw_sites

SITES = [f"outlet {i}" for i in range(1, 21)]


def test_same_seed_same_draw():
    first = draw_sites(SITES, 5, 2, seed=1234)
    again = draw_sites(list(SITES), 5, 2, seed=1234)
    assert first.random_picks == again.random_picks
    assert len(first.random_picks) == 5 and len(set(first.random_picks)) == 5
    assert set(first.random_picks) <= set(SITES)
    assert first.seed == 1234 and not first.seed_generated


def test_draw_is_the_documented_method():
    # A third party can repeat the draw with the standard library alone.
    d = draw_sites(SITES, 4, 1, seed=7)
    assert list(d.random_picks) == random.Random(7).sample(SITES, 4)
    assert "random.Random(seed).sample" in d.method_en and "seed 7" in d.method_en
    assert "种子 7" in d.method_zh


def test_different_seeds_differ():
    assert (
        draw_sites(SITES, 5, 2, seed=1).random_picks != draw_sites(SITES, 5, 2, seed=2).random_picks
    )


def test_generated_seed_is_recorded_and_reproduces():
    d = draw_sites(SITES, 5, 2)
    assert d.seed_generated and 0 <= d.seed < 2**32
    assert "generated and recorded" in d.method_en
    assert draw_sites(SITES, 5, 2, seed=d.seed).random_picks == d.random_picks


def test_central_function_always_visited_and_not_sampled():
    d = draw_sites(SITES, 3, 1, seed=5, central_function="总部售后服务中心")
    assert d.visited[0] == "总部售后服务中心"
    assert "总部售后服务中心" not in d.sampled
    assert len(d.visited) == 4
    assert draw_sites(SITES, 0, 0, seed=5).visited == ("central function",)


def test_central_function_in_the_list_is_refused():
    with pytest.raises(InputError, match="is the central function"):
        draw_sites(["HQ", *SITES], 3, 1, seed=5, central_function="HQ")


def test_preselected_fill_the_non_random_part():
    d = draw_sites(SITES, 5, 2, seed=9, preselected=["outlet 3", "outlet 17"])
    assert d.chosen == ("outlet 3", "outlet 17")
    assert len(d.random_picks) == 3  # 5 − 2 preselected ≥ 2 random
    assert not set(d.random_picks) & set(d.chosen)
    assert d.sampled == d.chosen + d.random_picks
    assert "2 chosen by the auditor" in d.method_en
    # the random part is drawn from the remaining sites, in list order
    rest = [s for s in SITES if s not in d.chosen]
    assert list(d.random_picks) == random.Random(9).sample(rest, 3)


def test_whole_list_and_empty_sample():
    assert sorted(draw_sites(SITES, 20, 5, seed=3).sampled) == sorted(SITES)
    assert draw_sites(SITES, 0, 0, seed=3).sampled == ()
    assert draw_sites([], 0, 0, seed=3).sampled == ()


@pytest.mark.parametrize(
    ("args", "kw", "message"),
    [
        ((SITES, 3, 2), {"preselected": ["outlet 1", "outlet 2"]},
         "2 preselected sites but only 1 of the 3 can be chosen by the auditor"),
        ((SITES, 3, 1), {"preselected": ["outlet 99"]}, "not in the site list: outlet 99"),
        ((SITES, 3, 1), {"preselected": ["outlet 1", "outlet 1"]}, "listed twice"),
        ((SITES, 21, 1), {}, "sample size must be between 0 and 20 sites, got 21"),
        ((SITES, -1, 0), {}, "sample size must be between 0 and 20"),
        ((SITES, 3, 4), {}, "random minimum must be between 0 and the sample size, got 4"),
        ((["a", "b", "a"], 1, 1), {}, "site names must be unique; repeated: a"),
        ((["a", " "], 1, 1), {}, "a site has an empty name"),
        ((SITES, 3, 1), {"seed": -4}, "seed must be a whole number ≥ 0"),
        ((SITES, 3, 1), {"central_function": " "}, "the central function needs a name"),
    ],
)  # fmt: skip
def test_invalid_draws(args, kw, message):
    with pytest.raises(InputError) as info:
        draw_sites(*args, **kw)
    assert message in str(info.value)


def test_to_dict():
    d = draw_sites(SITES, 4, 1, seed=11, preselected=["outlet 2"])
    data = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert data["seed"] == 11 and data["seed_generated"] is False
    assert data["chosen"] == ["outlet 2"]
    assert data["random_picks"] == list(d.random_picks)
    assert data["visited"][0] == "central function"
    assert set(data["method"]) == {"zh", "en"}
