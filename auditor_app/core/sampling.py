"""Drawing the outlets to visit (IAF MD 1): risk-based picks by the auditor plus a random part.

The central function is visited at every audit and is never part of the sample. The random part
is drawn with `random.Random(seed)`; the seed is generated when none is given and is always
recorded, so anyone holding the same site list and seed can repeat the draw and check it.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from auditor_app.core.errors import InputError


@dataclass(frozen=True)
class SiteDraw:
    """One draw of the sites to visit, repeatable from the site list and `seed`: the auditor's picks
    and the random ones, with the method in both languages. `to_dict` is what the audit stores."""

    seed: int
    seed_generated: bool  # True when the seed was generated here rather than given
    central_function: str
    candidates: tuple[str, ...]  # the site list drawn from, in the order given
    sample_size: int
    random_min: int
    chosen: tuple[str, ...]  # picked by the auditor (risk-based), in the order given
    random_picks: tuple[str, ...]  # drawn at random, in draw order
    method_zh: str
    method_en: str

    @property
    def sampled(self) -> tuple[str, ...]:
        """The sample: the auditor's picks, then the random ones (central function excluded)."""
        return self.chosen + self.random_picks

    @property
    def visited(self) -> tuple[str, ...]:
        """Every place visited: the central function first, then the sample."""
        return (self.central_function, *self.sampled)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "seed_generated": self.seed_generated,
            "central_function": self.central_function,
            "candidates": list(self.candidates),
            "sample_size": self.sample_size,
            "random_min": self.random_min,
            "chosen": list(self.chosen),
            "random_picks": list(self.random_picks),
            "visited": list(self.visited),
            "method": {"zh": self.method_zh, "en": self.method_en},
        }


def draw_sites(
    site_names: Sequence[str],
    sample_size: int,
    random_min: int,
    seed: int | None = None,
    preselected: Sequence[str] = (),
    *,
    central_function: str = "central function",
) -> SiteDraw:
    """Draw `sample_size` of `site_names` (sites other than the central function).

    `preselected` sites (the auditor's risk-based choice) fill the non-random part; every other
    place in the sample is drawn at random, at least `random_min` of them.
    """
    sites = [name.strip() for name in site_names]
    picks = [name.strip() for name in preselected]
    _check(sites, sample_size, random_min, seed, picks, central_function.strip())
    generated = seed is None
    if seed is None:
        seed = secrets.randbits(32)
    pool = [name for name in sites if name not in set(picks)]
    count = sample_size - len(picks)
    drawn = random.Random(seed).sample(pool, count)
    zh, en = _method(len(pool), sample_size, random_min, len(picks), count, seed, generated)
    return SiteDraw(
        seed=seed,
        seed_generated=generated,
        central_function=central_function.strip(),
        candidates=tuple(sites),
        sample_size=sample_size,
        random_min=random_min,
        chosen=tuple(picks),
        random_picks=tuple(drawn),
        method_zh=zh,
        method_en=en,
    )


def _check(
    sites: list[str],
    sample_size: int,
    random_min: int,
    seed: int | None,
    picks: list[str],
    central: str,
) -> None:
    errors: list[str] = []
    if any(not name for name in sites):
        errors.append("a site has an empty name")
    duplicates = sorted({name for name in sites if sites.count(name) > 1})
    if duplicates:
        errors.append(f"site names must be unique; repeated: {', '.join(duplicates)}")
    if not central:
        errors.append("the central function needs a name")
    elif central in sites:
        errors.append(
            f"{central!r} is the central function: it is visited every time and must not be "
            "in the list of sites to sample"
        )
    if sample_size < 0 or sample_size > len(sites):
        errors.append(f"sample size must be between 0 and {len(sites)} sites, got {sample_size}")
    if random_min < 0 or random_min > max(sample_size, 0):
        errors.append(f"random minimum must be between 0 and the sample size, got {random_min}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        errors.append(f"seed must be a whole number ≥ 0, got {seed!r}")
    unknown = [name for name in picks if name not in sites]
    if unknown:
        errors.append(f"preselected sites not in the site list: {', '.join(unknown)}")
    if len(set(picks)) != len(picks):
        errors.append("a preselected site is listed twice")
    free = sample_size - random_min
    if len(picks) > max(free, 0):
        errors.append(
            f"{len(picks)} preselected sites but only {max(free, 0)} of the {sample_size} "
            f"can be chosen by the auditor: at least {random_min} must be drawn at random"
        )
    if errors:
        raise InputError("; ".join(errors))


def _method(
    pool: int, sample: int, random_min: int, chosen: int, drawn: int, seed: int, generated: bool
) -> tuple[str, str]:
    origin_zh = "随机生成并记录" if generated else "由使用者给定"
    origin_en = "generated and recorded" if generated else "given by the user"
    zh = (
        f"中心职能每次审核，不计入样本。样本 {sample} 个场所：审核员基于风险选定 {chosen} 个，"
        f"其余 {drawn} 个（至少须 {random_min} 个）从剩余 {pool} 个场所中按清单顺序随机抽取，"
        f"使用 Python random.Random(种子).sample，种子 {seed}（{origin_zh}）。"
        "同一场所清单和种子可重现同一抽样结果。"
    )
    en = (
        f"The central function is visited every time and is not part of the sample. Sample of "
        f"{sample} sites: {chosen} chosen by the auditor (risk-based), the other {drawn} (at "
        f"least {random_min} required) drawn at random from the {pool} remaining sites in list "
        f"order with Python random.Random(seed).sample, seed {seed} ({origin_en}). The same "
        "site list and seed reproduce the same draw."
    )
    return zh, en
