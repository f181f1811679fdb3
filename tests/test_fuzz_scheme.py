"""Fuzzing the scheme loader: whatever the input, a ValidationError listing problems, or a scheme
that the scoring engine can use. Never another exception.

Two doors are fuzzed: `parse_scheme(document)` (what files and sync packages reach after
parsing) with random structural mutations of the shipped schemes and of generated ones, and
`load_scheme(path)` with hostile files (random bytes, truncation, other encodings, deep
nesting, 10 MB). Bugs this found (NaN, unknown keys, deep nesting, oversized files) are
kept as regression tests at the end.
"""

from __future__ import annotations

import copy
import math
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property_scoring import scheme_documents

from auditor_app.core.errors import ValidationError
from auditor_app.core.results import ItemResult
from auditor_app.core.scheme import Scheme, load_scheme, parse_scheme
from auditor_app.core.scoring import compute_score

SCHEMES = Path(__file__).resolve().parent.parent / "resources" / "schemes"
SHIPPED = {p.name: p.read_bytes() for p in sorted(SCHEMES.glob("*.toml"))}
DOCS = [tomllib.loads(data.decode("utf-8")) for data in SHIPPED.values()]
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for n in range(depth):
        value = [value] if n % 2 else {"k": value}
    return value


# Values a broken or hostile document may hold.
hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -1, 10**400, -(10**400)]),
    st.floats(allow_nan=True),
    st.sampled_from([math.inf, -math.inf, 1e-300, 5e-324]),
    st.text(max_size=30),
    st.sampled_from(
        ["", " ", "\0", "🙂" * 50, "x" * 100_000, "auditor-scheme/2", "graded", "renormalise"]
    ),
    st.lists(st.integers(-5, 200), max_size=5),
    st.just([]),
    st.just({}),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(1, 60).map(nested),
)


def paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the document (keys and list indexes)."""
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            out += paths(value, (*prefix, index))
    return out


def mutate(doc: Any, path: tuple[Any, ...], how: str, value: Any) -> None:
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif how == "rename" and isinstance(parent, dict):
        parent[f"{last}x"] = parent.pop(last)
    else:
        parent[last] = value


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    base = draw(st.one_of(st.sampled_from(DOCS), scheme_documents()))
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 6))):
        candidates = paths(doc)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        how = draw(st.sampled_from(["delete", "replace", "replace", "duplicate", "rename"]))
        mutate(doc, path, how, draw(hostile_values))
    return doc


def use(scheme: Scheme) -> None:
    """An accepted scheme must be usable: score it empty, all conforming, with specials."""
    compute_score(scheme, {})
    everything = {it.id: ItemResult("conform") for it in scheme.items}
    compute_score(scheme, everything, special_deductions=6, bonus=2)


@FUZZ
@given(mutated_documents())
def test_mutated_documents_give_problems_or_a_usable_scheme(doc):
    try:
        scheme = parse_scheme(doc, "fuzzed")
    except ValidationError as exc:
        assert exc.problems and all(p.reason for p in exc.problems)
        return
    use(scheme)


@FUZZ
@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(),
        st.lists(st.integers()),
        st.dictionaries(st.text(max_size=8), hostile_values, max_size=8),
    )
)
def test_documents_that_are_not_tables(doc):
    with pytest.raises(ValidationError) as info:
        parse_scheme(doc if isinstance(doc, dict) else {"format": doc}, "junk")
    assert info.value.problems


# -- files ---------------------------------------------------------------------------------
def load_bytes(tmp_path: Path, data: bytes, name: str = "fuzzed.toml") -> Scheme:
    path = tmp_path / name
    path.write_bytes(data)
    return load_scheme(path)


@FUZZ
@given(st.sampled_from(sorted(SHIPPED)), st.data())
def test_truncated_and_corrupted_files(tmp_path_factory, name, data):
    raw = bytearray(SHIPPED[name])
    how = data.draw(st.sampled_from(["truncate", "flip", "delete_line", "insert"]))
    if how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    elif how == "delete_line":
        lines = bytes(raw).split(b"\n")
        del lines[data.draw(st.integers(0, len(lines) - 1))]
        raw = bytearray(b"\n".join(lines))
    else:
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=40))
    folder = tmp_path_factory.mktemp("fuzz")
    try:
        scheme = load_bytes(folder, bytes(raw))
    except ValidationError as exc:
        assert exc.problems
        return
    use(scheme)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\0" * 100,
        b"\xff\xfe" + "format = 1".encode("utf-16-le"),
        os.urandom(4096),
        SHIPPED["gbt27922-2011.toml"].decode().encode("utf-16"),
        SHIPPED["gbt27922-2011.toml"].decode().encode("gb18030"),
        b'format = "auditor-scheme/1"\n[[groups]]\n' * 3,
        b'format = "auditor-scheme/1"\nx = ' + b"[" * 200 + b"]" * 200,  # deep, but not too deep
        b"[a]\n[a]\n",
        b"a = 1\na = 2\n",
        b'a = """',
        b"a = 1979-05-27T07:32:00Z\n",
        b'format = "auditor-scheme/9"\n',
        b"format = inf\n",
    ],
    ids=lambda d: repr(d[:24]),
)
def test_hostile_files_are_refused_with_problems(tmp_path, data):
    with pytest.raises(ValidationError) as info:
        load_bytes(tmp_path, data)
    assert info.value.problems and str(info.value)


def test_a_missing_file_is_a_validation_error(tmp_path):
    with pytest.raises(ValidationError, match="cannot read"):
        load_scheme(tmp_path / "missing.toml")


# -- once bugs, now fixed: kept as regression tests ---------------------------------------


@pytest.mark.parametrize("field", ["total_points", "item points", "min_score", "min_fraction"])
def test_nan_is_a_validation_error(field):
    doc = copy.deepcopy(DOCS[0])
    if field == "total_points":
        doc["total_points"] = math.nan
    elif field == "item points":
        doc["groups"][0]["indicators"][0]["items"][0]["points"] = math.nan
    elif field == "min_score":
        doc["levels"][1]["min_score"] = math.nan
    else:
        doc["groups"][0]["min_fraction"] = math.nan
    with pytest.raises(ValidationError):
        parse_scheme(doc, "nan")


@pytest.mark.parametrize("value", [math.nan, math.inf, -3])
def test_rule_points_must_be_finite_and_not_negative(value):
    doc = copy.deepcopy(DOCS[0])
    doc["rules"]["bonus_points"] = value
    with pytest.raises(ValidationError):
        parse_scheme(doc, "rule points")


def test_deep_nesting_is_a_validation_error(tmp_path):
    data = b'format = "auditor-scheme/1"\nx = ' + b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(ValidationError):
        load_bytes(tmp_path, data)


@pytest.mark.parametrize("where", ["group", "item", "top", "10 MB"])
def test_unknown_keys_and_oversized_files_are_refused(tmp_path, where):
    if where == "10 MB":
        data = SHIPPED["gbt27922-2011.toml"] + b'\njunk = "' + b"x" * 10_000_000 + b'"\n'
        with pytest.raises(ValidationError):
            load_bytes(tmp_path, data)
        return
    doc = copy.deepcopy(DOCS[0])
    if where == "group":
        doc["groups"][0]["min_fracton"] = 0.6
    elif where == "item":
        doc["groups"][0]["indicators"][0]["items"][0]["deleteable"] = False
    else:
        doc["titel_en"] = "typo"
    with pytest.raises(ValidationError):
        parse_scheme(doc, "typo")
